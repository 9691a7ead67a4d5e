/**
 * The timeline of a story: dated events from all its articles — coded `event` spans with a
 * time, and sentences with a resolved DATE timex — deduplicated across sources (same date at
 * the same granularity and similar content), ordered by date, each with its citations.
 * Entries well before the story's own time (over 24 months before its reference date) are
 * "background" (history, careers); the rest are "event".
 */
import { type Article, spansOf } from "../model/article.js";
import type { Citation, Story } from "../model/story.js";
import type { Span } from "../model/span.js";

export interface TimelineEntry {
  /** ISO date as precise as known: "2016-12-19", "2015-11", "1927". */
  date: string;
  label: string;
  kind: "event" | "background";
  citations: Citation[];
  /** Number of distinct sources (outlets) citing the entry. */
  sources: number;
  /** CAMEO code when the entry comes from a coded event. */
  code?: string;
}

interface Candidate {
  date: string;
  label: string;
  words: Set<string>;
  citations: Citation[];
  sourceKeys: Set<string>;
  code?: string;
  fromEvent: boolean;
  /** For coded events: the verb's text (a clause label keeps the code only when it holds the verb). */
  verb?: string;
  /** For coded events: characters between the verb and the time expression (the nearest verb speaks for the date). */
  distance: number;
  order: number;
}

const STOP = new Set(
  "the a an of in on at to for by with and or but as is was were be been has had have that this which who from its their his her it he she they said says after before when while than then also into over about".split(" "),
);

/** Content words of a label: lower case, stop words dropped, light stemming. */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(w) || w.length < 3) continue;
    out.add(w.replace(/(ings?|ed|es|s)$/, "").slice(0, 7));
  }
  return out;
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  // one shared word is chance (a country name); similar content shares at least two
  return inter < 2 ? 0 : inter / Math.min(a.size, b.size);
}

/** The ISO date part of a TimeML value ("2016-12-19TEV" → "2016-12-19", "2015-FA" → "2015"), or undefined. */
export function isoDate(value: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return undefined;
  if (m[3]) return `${m[1]}-${m[2]}-${m[3]}`;
  if (m[2]) return `${m[1]}-${m[2]}`;
  return m[1];
}

/**
 * Resolves an underspecified TimeML value of an undated article against the story's reference
 * day (the latest publication day of its articles): "XXXX-08" → the last August on or before it,
 * "XXXX-02-28" likewise, "XXXX-WXX-1TEV" → the last Monday on or before it (within a week).
 * News reports the past, so the reading on or before the reference wins. Other values are kept.
 */
export function anchorValue(value: string, ref: string | undefined): string {
  if (!ref || !value.startsWith("XXXX")) return value;
  const ry = Number(ref.slice(0, 4));
  const rm = Number(ref.slice(5, 7));
  const rd = Number(ref.slice(8, 10));
  let m = /^XXXX-(\d{2})(?:-(\d{2}))?(T\w+)?$/.exec(value);
  if (m) {
    const mm = Number(m[1]);
    const dd = m[2] ? Number(m[2]) : 0;
    const y = mm < rm || (mm === rm && dd <= rd) ? ry : ry - 1;
    return `${y}-${m[1]}${m[2] ? `-${m[2]}` : ""}${m[3] ?? ""}`;
  }
  m = /^XXXX-WXX-([1-7])(T\w+)?$/.exec(value);
  if (m && rd) {
    const refDate = new Date(Date.UTC(ry, rm - 1, rd));
    const refDow = refDate.getUTCDay() === 0 ? 7 : refDate.getUTCDay(); // ISO: Monday 1 … Sunday 7
    const back = (refDow - Number(m[1]) + 7) % 7;
    const d = new Date(refDate.getTime() - back * 86400000);
    return `${d.toISOString().slice(0, 10)}${m[2] ?? ""}`;
  }
  return value;
}

/** The reference day of a group of articles: the latest publication day. */
export function storyReferenceDay(articles: readonly Article[]): string | undefined {
  // (the largest day string by a scan, as the last of a default sort: no arrays, whose empty and filled kinds had
  // the callers' optimised code thrown away when a story without a dated article came)
  let latest: string | undefined;
  for (const a of articles) {
    const v = a.published?.value;
    const d = v && isoDate(v);
    if (d && d.length === 10 && (latest === undefined || d > latest)) latest = d;
  }
  return latest;
}

function monthsBetween(a: string, b: string): number {
  const [ay, am] = [Number(a.slice(0, 4)), Number(a.slice(5, 7) || 6)];
  const [by, bm] = [Number(b.slice(0, 4)), Number(b.slice(5, 7) || 6)];
  return (by - ay) * 12 + (bm - am);
}

const PUNCT_SPLIT = /\s*(?:[,;:()]|\s[—–-]\s)\s*/g;
const SUB_SPLIT = /\s+(?=(?:before|after|when|while|until|since|but)\s)/gi;
const AUX_START = /^(?:was|were|is|are|had|has|have|had been|has been|would|will|could)\b/i;

function segments(s: string, re: RegExp, protect: [number, number]): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let last = 0;
  const rx = new RegExp(re.source, re.flags);
  for (let m = rx.exec(s); m; m = rx.exec(s)) {
    if (m[0].length === 0) {
      rx.lastIndex++;
      continue;
    }
    if (m.index >= protect[0] && m.index < protect[1]) continue; // never split inside the time expression
    pieces.push({ start: last, end: m.index });
    last = m.index + m[0].length;
  }
  pieces.push({ start: last, end: s.length });
  return pieces.filter((p) => p.end > p.start);
}

const nWords = (x: string): number => (x.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Trims and caps a label; first letter upper case. */
export function tidyLabel(label: string): string {
  let out = label.replace(/\s+/g, " ").replace(/\s+([.,!?’])/g, "$1").trim();
  out = out.replace(/^(?:and|but|or|so|then|that|before|after|when|while|since|as)\s+/i, "").replace(/[.,;:\s]+$/, "");
  if (out.length > 120) out = `${out.slice(0, 120).replace(/\s+\S*$/, "")}…`;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * A short label for the dated part of a sentence: the clause holding the time expression (split
 * at punctuation, and at subordinators when still long), without the expression itself; a
 * relative clause or a subjectless clause takes the name before it ("Mr. Karlov, who started his
 * career as a diplomat in 1976" → "Mr. Karlov started his career as a diplomat").
 */
export function clauseLabel(text: string, sentence: { start: number; end: number }, timex: { start: number; end: number }, others: readonly { start: number; end: number }[] = []): string {
  const s = text.slice(sentence.start, sentence.end);
  const ts = timex.start - sentence.start;
  const te = timex.end - sentence.start;
  const pieces = segments(s, PUNCT_SPLIT, [ts, te]);
  let k = pieces.findIndex((p) => p.start <= ts && p.end >= te);
  if (k < 0) k = Math.max(0, pieces.findIndex((p) => p.end > ts));
  let piece = pieces[k]!;
  if (nWords(s.slice(piece.start, piece.end)) > 22) {
    const sub = segments(s.slice(piece.start, piece.end), SUB_SPLIT, [ts - piece.start, te - piece.start]).map((p) => ({ start: p.start + piece.start, end: p.end + piece.start }));
    const j = sub.findIndex((p) => p.start <= ts && p.end >= te);
    if (j >= 0 && nWords(s.slice(sub[j]!.start, sub[j]!.end)) >= 5) piece = sub[j]!;
  }
  const strip = (p: { start: number; end: number }): string => {
    // blank out the time expressions (this one and the sentence's others) inside the piece
    const chars = s.slice(p.start, p.end).split("");
    for (const x of [timex, ...others]) {
      for (let i = Math.max(x.start - sentence.start, p.start); i < Math.min(x.end - sentence.start, p.end); i++) chars[i - p.start] = " ";
    }
    let t = chars.join("").replace(/^\s*(?:’s|'s)\s/, " ").replace(/^\s*(?:in|on|at|since|during|until|by|from)\s+(?=\S)/i, "");
    // drop a preposition left dangling by the removed time expression
    t = t.replace(/\b(?:in|on|at|since|by|during|from|of|until)\s+(?:the\s+)?(?:early|late|mid)?\s*(?=$|[.,;])/gi, "");
    t = t.replace(/\b(?:in|on|at|since|during|until)\s+(?:the\s+)?(?=\s*(?:[A-Z]|the\b))/g, (m, off: number, all: string) => (/^\s*$/.test(all.slice(0, off)) ? "" : m));
    return t.replace(/\s+/g, " ").trim();
  };
  let label = strip(piece);
  if (k > 0 && (/^(who|which)\b/i.test(label) || AUX_START.test(label) || /^[a-z]+ed\b/.test(label))) {
    // the nearest name before: the last capitalised run of an earlier segment
    // a two-word name (a person) is preferred over a one-word one within two segments back
    let name: string | undefined;
    for (let j = k - 1; j >= Math.max(0, k - 2); j--) {
      const prev = s.slice(pieces[j]!.start, pieces[j]!.end);
      const m = /((?:(?:Mr|Mrs|Ms|Dr)\.\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*)*)\s*$/u.exec(prev);
      if (!m) continue;
      if (!name || (nWords(m[1]!) >= 2 && nWords(name) < 2)) name = m[1]!;
      if (nWords(name) >= 2) break;
    }
    if (name) label = `${name} ${label.replace(/^(who|which)\s+/i, "")}`;
  } else if (nWords(label) < 4 && k + 1 < pieces.length) label = `${label} ${strip(pieces[k + 1]!)}`;
  else if (nWords(label) < 4 && k > 0) label = `${strip(pieces[k - 1]!)} ${label}`;
  return tidyLabel(label);
}

function sourceKey(a: Article): string {
  return a.source.name ?? a.source.domain ?? a.source.origin;
}

/** The text of an event from its first to its last part (actors and verb), without its time expression. */
function eventLabel(text: string, e: Span): string | undefined {
  const a = e.attrs ?? {};
  const parts = [a.source, a.target, a.verb] as ({ start: number; end: number } | undefined)[];
  if (parts.some((p) => !p)) return undefined;
  const lo = Math.min(...parts.map((p) => p!.start));
  const hi = Math.max(...parts.map((p) => p!.end));
  const time = a.time as { start?: number; end?: number } | undefined;
  let t = text.slice(lo, hi);
  if (time?.start !== undefined && time.end !== undefined && time.start >= lo && time.end <= hi) {
    t = `${text.slice(lo, time.start).replace(/\b(?:on|in|at|during)\s*$/i, "")} ${text.slice(time.end, hi)}`;
  }
  if (nWords(t) > 30) return undefined;
  return tidyLabel(t);
}

/** The story's reference date: its latest known publication day, else its most cited full date. */
function referenceDate(articles: Article[], candidates: Candidate[]): string | undefined {
  const day = storyReferenceDay(articles);
  if (day) return day;
  const counts = new Map<string, number>();
  for (const c of candidates) if (c.date.length === 10) counts.set(c.date, (counts.get(c.date) ?? 0) + c.citations.length);
  let best: string | undefined;
  for (const [d, n] of counts) if (!best || n > counts.get(best)! || (n === counts.get(best)! && d > best)) best = d;
  return best;
}

// (buildTimeline's steps are functions of their own, without closures: the one function was recompiled four or
// five times per cold run, ~70 ms each, at the empty-versus-full lists of its inlined callbacks)

/** An undated article's relative dates ("in August", "Monday") are read against the story's day. */
function valueOf(a: Article, v: unknown, refDay: string | undefined): string | undefined {
  return typeof v !== "string" ? undefined : a.published ? v : anchorValue(v, refDay);
}

/** Candidates from the article's coded events with a date and known actors on both sides. */
function eventCandidates(a: Article, refDay: string | undefined, key: string, candidates: Candidate[], order: number): number {
  const events = a.layers.event;
  if (!events) return order;
  for (const e of events) {
    const time = e.attrs?.time as { value?: string; start?: number; end?: number } | undefined;
    const value = valueOf(a, time?.value, refDay);
    const date = value ? isoDate(value) : undefined;
    if (!date) continue;
    // only events with known actors on both sides speak for their sentence
    const src = e.attrs?.source as { country?: string } | undefined;
    const tgt = e.attrs?.target as { country?: string } | undefined;
    if (!src?.country || !tgt?.country) continue;
    const label = eventLabel(a.text, e);
    if (!label) continue;
    const verb = e.attrs?.verb as { start?: number; text?: string } | undefined;
    // the time usually follows its verb ("kidnapped four diplomats in 1985, killing one"):
    // a verb before the time expression is preferred over one after it
    let distance = 1e9;
    if (verb?.start !== undefined && time?.start !== undefined) distance = verb.start <= time.start ? time.start - verb.start : 1e4 + verb.start - time.start;
    candidates.push({ date, label, words: contentWords(label), citations: [{ articleId: a.id, start: e.start, end: e.end }], sourceKeys: new Set([key]), code: String(e.label), verb: verb?.text, fromEvent: true, distance, order: order++ });
  }
  return order;
}

interface Dated {
  t: Span;
  date: string | undefined;
  sentence: Span | undefined;
}

/** Candidates from the clauses of the article's dated sentences (with the keys of an event's, unset: one hidden class for all). */
function dateCandidates(a: Article, refDay: string | undefined, key: string, candidates: Candidate[], order: number): number {
  const timex = spansOf(a, "timex");
  const sentences = a.layers.sentence ?? [];
  const dated: Dated[] = [];
  for (const t of timex) {
    if (t.label !== "DATE") continue;
    const value = valueOf(a, t.attrs?.value, refDay);
    let sentence: Span | undefined;
    for (const s of sentences)
      if (s.start <= t.start && s.end >= t.end) {
        sentence = s;
        break;
      }
    dated.push({ t, date: value ? isoDate(value) : undefined, sentence });
  }
  for (const { t, date, sentence } of dated) {
    if (!date || !sentence) continue;
    // "In September this year": the more precise date of the sentence stands for both
    let finer = false;
    for (const o of dated)
      if (o.sentence === sentence && o.date && o.date !== date && o.date.startsWith(date)) {
        finer = true;
        break;
      }
    if (finer) continue;
    const others = timex.filter((x) => x !== t && x.start >= sentence.start && x.end <= sentence.end);
    const label = clauseLabel(a.text, sentence, t, others);
    if ((label.match(/[\p{L}]+/gu) ?? []).length < 3) continue;
    candidates.push({ date, label, words: contentWords(label), citations: [{ articleId: a.id, start: sentence.start, end: sentence.end }], sourceKeys: new Set([key]), code: undefined, verb: undefined, fromEvent: false, distance: 1e9, order: order++ });
  }
  return order;
}

/** Whether a candidate's label holds text the garbled-text detector flagged (it would repeat the damage). */
function damaged(c: Candidate, byId: Map<string, Article>): boolean {
  for (const cit of c.citations) {
    const a = byId.get(cit.articleId);
    const garbled = a?.layers.garbled;
    if (!garbled) continue;
    for (const g of garbled) if (g.start >= cit.start && g.end <= cit.end && c.label.includes(a!.text.slice(g.start, g.end).replace(/["“”]/g, "").trim())) return true;
  }
  return false;
}

/** Whether two candidates cite a sentence in common (same article, same start). */
function sameSentence(m: Candidate, c: Candidate): boolean {
  for (const x of m.citations) for (const y of c.citations) if (x.articleId === y.articleId && x.start === y.start) return true;
  return false;
}

/**
 * A merged candidate: a copy of the first candidate of its group that `mergeInto` then updates. A class of its own,
 * not a spread copy of the candidate literal: the copy shared the candidates' hidden class, and `mergeInto`'s stores
 * into its label, code and distance (and the spread's own second stores) made those fields mutable in the middle of
 * the first story, throwing away the optimised dateCandidates and eventCandidates. Same fields, same order.
 */
class MergedCandidate implements Candidate {
  date: string;
  label: string;
  words: Set<string>;
  citations: Citation[];
  sourceKeys: Set<string>;
  code: string | undefined;
  verb: string | undefined;
  fromEvent: boolean;
  distance: number;
  order: number;
  constructor(c: Candidate) {
    this.date = c.date;
    this.label = c.label;
    this.words = new Set(c.words);
    this.citations = [...c.citations];
    this.sourceKeys = new Set(c.sourceKeys);
    this.code = c.code;
    this.verb = c.verb;
    this.fromEvent = c.fromEvent;
    this.distance = c.distance;
    this.order = c.order;
  }
}

/** Deduplicates: same date string (same granularity) and similar content. */
function mergeCandidates(candidates: Candidate[]): Candidate[] {
  const merged: Candidate[] = [];
  // the merged candidates of each date, in merged order: only those of the same date can take a candidate
  const byDate = new Map<string, Candidate[]>();
  for (const c of candidates) {
    let same: Candidate | undefined;
    let sameDate = byDate.get(c.date);
    if (sameDate)
      for (const m of sameDate)
        if (sameSentence(m, c) || similarity(m.words, c.words) >= 0.4 || (m.code !== undefined && m.code === c.code)) {
          same = m;
          break;
        }
    if (!same) {
      const m = new MergedCandidate(c);
      merged.push(m);
      if (!sameDate) byDate.set(c.date, (sameDate = []));
      sameDate.push(m);
      continue;
    }
    mergeInto(same, c);
  }
  return merged;
}

function mergeInto(same: Candidate, c: Candidate): void {
  for (const cit of c.citations) if (!same.citations.some((x) => x.articleId === cit.articleId && x.start === cit.start && x.end === cit.end)) same.citations.push(cit);
  for (const k of c.sourceKeys) same.sourceKeys.add(k);
  // two coded events of one sentence: the verb nearest the time expression gives the code
  if (c.fromEvent && same.fromEvent && sameSentence(same, c) && c.distance < same.distance) {
    same.code = c.code;
    same.verb = c.verb;
    same.distance = c.distance;
  }
  // a coded event keeps its code; in its own sentence, the label is the clause's when that is short
  if (c.fromEvent !== same.fromEvent && sameSentence(same, c)) {
    const clause = c.fromEvent ? same.label : c.label;
    const event = c.fromEvent ? c.label : same.label;
    same.label = clause.length <= 100 && !clause.endsWith("…") ? clause : event;
    same.code = same.code ?? c.code;
    same.verb = same.verb ?? c.verb;
    same.distance = Math.min(same.distance, c.distance);
    same.fromEvent = true;
  }
}

/** Builds the timeline of one group of articles. */
export function buildTimeline(articles: Article[]): TimelineEntry[] {
  let candidates: Candidate[] = [];
  const refDay = storyReferenceDay(articles);
  let order = 0;
  for (const a of articles) {
    const key = sourceKey(a);
    order = eventCandidates(a, refDay, key, candidates, order);
    order = dateCandidates(a, refDay, key, candidates, order);
  }
  // a label holding text the garbled-text detector flagged would repeat the damage
  const byId = new Map<string, Article>();
  for (const a of articles) byId.set(a.id, a);
  candidates = candidates.filter((c) => !damaged(c, byId));
  // words common across the story (its country and people names) say nothing about sameness
  const df = new Map<string, number>();
  for (const c of candidates) for (const w of c.words) df.set(w, (df.get(w) ?? 0) + 1);
  const common = Math.max(3, 0.12 * candidates.length);
  // (removed from each candidate's own set, which keeps the order of the rest: a new set stored in `words` made that
  // field of the candidates' hidden class mutable in the middle of the first story, throwing away dateCandidates'
  // optimised code)
  for (const c of candidates) for (const w of c.words) if (df.get(w)! > common) c.words.delete(w);
  const merged = mergeCandidates(candidates);
  const ref = referenceDate(articles, merged);
  merged.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.order - y.order));
  const out: TimelineEntry[] = [];
  for (const m of merged) {
    const kind = ref && monthsBetween(m.date, ref) > 24 ? "background" : "event";
    // the code goes with the label only when the label holds the coded verb
    if (m.code && (!m.verb || m.label.includes(m.verb))) out.push({ date: m.date, label: m.label, kind, citations: m.citations, sources: m.sourceKeys.size, code: m.code });
    else out.push({ date: m.date, label: m.label, kind, citations: m.citations, sources: m.sourceKeys.size });
  }
  return out;
}

/** Story stage: adds `results.timeline`; with no stories from earlier stages, all articles form one group. */
export function timelineStage(articles: Article[], stories: Story[]): Story[] {
  if (!articles.length) return stories;
  const out = stories.length ? stories : [allArticlesStory(articles)];
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const s of out) {
    const group = s.articleIds.map((id) => byId.get(id)).filter((a): a is Article => !!a);
    s.results.timeline = selectEntries(buildTimeline(group), MAX_ENTRIES);
  }
  return out;
}

/** Entries a story's timeline shows at most; big stories keep their most cited entries. */
export const MAX_ENTRIES = 60;

/** The `max` entries with the most sources, then citations (ties: the earlier), back in date order. */
export function selectEntries(entries: TimelineEntry[], max: number): TimelineEntry[] {
  if (entries.length <= max) return entries;
  const keep = new Set(
    entries
      .map((e, i) => ({ e, i }))
      .sort((a, b) => b.e.sources - a.e.sources || b.e.citations.length - a.e.citations.length || a.i - b.i)
      .slice(0, max)
      .map((x) => x.i),
  );
  return entries.filter((_, i) => keep.has(i));
}

/** The one-group story used when no clustering stage made stories. */
export function allArticlesStory(articles: Article[]): Story {
  const sources = [...new Set(articles.map(sourceKey))];
  const dates = articles.map((a) => a.published?.value).filter((d): d is string => !!d).sort();
  return {
    id: "all",
    label: articles.length === 1 ? (articles[0]!.title ?? "All articles") : "All articles",
    articleIds: articles.map((a) => a.id),
    sources,
    ...(dates.length ? { firstSeen: dates[0]!, lastSeen: dates.at(-1)! } : {}),
    results: {},
  };
}
