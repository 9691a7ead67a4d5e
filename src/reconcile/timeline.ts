/**
 * The timeline of a story: dated events from all its articles — coded `event` spans with a
 * time, and sentences with a resolved DATE timex — deduplicated across sources (same date at
 * the same granularity and similar content), ordered by date, each with its citations.
 * Entries well before the story's own time (over 24 months before its reference date) are
 * "background" (history, careers); the rest are "event".
 */
import type { Article } from "../model/article.js";
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
  return inter / Math.min(a.size, b.size);
}

/** The ISO date part of a TimeML value ("2016-12-19TEV" → "2016-12-19", "2015-FA" → "2015"), or undefined. */
export function isoDate(value: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return undefined;
  if (m[3]) return `${m[1]}-${m[2]}-${m[3]}`;
  if (m[2]) return `${m[1]}-${m[2]}`;
  return m[1];
}

function monthsBetween(a: string, b: string): number {
  const [ay, am] = [Number(a.slice(0, 4)), Number(a.slice(5, 7) || 6)];
  const [by, bm] = [Number(b.slice(0, 4)), Number(b.slice(5, 7) || 6)];
  return (by - ay) * 12 + (bm - am);
}

const SPLIT = /\s*(?:[,;:()]|\s[—–-]\s|\s(?=(?:before|after|when|while|until|since|as|but|and then)\s))\s*/i;

/**
 * A short label for the dated part of a sentence: the clause holding the time expression,
 * without the expression itself, joined to its antecedent for relative clauses ("Mr. Karlov,
 * who started his career in 1976" → "Mr. Karlov started his career").
 */
export function clauseLabel(text: string, sentence: { start: number; end: number }, timex: { start: number; end: number }): string {
  const s = text.slice(sentence.start, sentence.end);
  const ts = timex.start - sentence.start;
  const te = timex.end - sentence.start;
  // segment boundaries
  const pieces: { start: number; end: number }[] = [];
  let last = 0;
  const re = new RegExp(SPLIT.source, "gi");
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index >= ts && m.index < te) continue; // never split inside the time expression
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    pieces.push({ start: last, end: m.index });
    last = m.index + m[0].length;
  }
  pieces.push({ start: last, end: s.length });
  let k = pieces.findIndex((p) => p.start <= ts && p.end >= te);
  if (k < 0) k = pieces.findIndex((p) => p.end > ts);
  if (k < 0) k = pieces.length - 1;
  const strip = (p: { start: number; end: number }): string => {
    let t = s.slice(p.start, Math.max(p.start, ts)) + " " + s.slice(Math.min(Math.max(te, p.start), p.end), p.end);
    if (!(ts >= p.start && te <= p.end)) t = s.slice(p.start, p.end);
    // drop a preposition left dangling before the removed time expression
    t = t.replace(/\b(?:in|on|at|since|by|during|from|of|until)\s+(?:the\s+)?(?=\s|$|[.,])/gi, " ");
    t = t.replace(/^\s*(?:in|on|at|since|by|during|from|of|until)\s+(?:the\s+)?(?:early|late|mid)?\s*$/i, "");
    return t.replace(/\s+/g, " ").replace(/\s+([.,!?])/g, "$1").trim();
  };
  let label = strip(pieces[k]!);
  const nWords = (x: string): number => (x.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  if (/^(who|which)\b/i.test(label) && k > 0) {
    const prev = strip(pieces[k - 1]!);
    if (nWords(prev) <= 5) label = `${prev} ${label.replace(/^(who|which)\s+/i, "")}`;
  } else if (nWords(label) < 4 && k + 1 < pieces.length) label = `${label} ${strip(pieces[k + 1]!)}`.trim();
  else if (nWords(label) < 4 && k > 0) label = `${strip(pieces[k - 1]!)} ${label}`.trim();
  label = label.replace(/^(?:and|but|or|so|then|that|before|after|when|while|since|as)\s+/i, "").replace(/[.,;:\s]+$/, "");
  if (label.length > 110) label = `${label.slice(0, 110).replace(/\s+\S*$/, "")}…`;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function sourceKey(a: Article): string {
  return a.source.name ?? a.source.domain ?? a.source.origin;
}

function eventLabel(text: string, e: Span): string {
  const a = e.attrs ?? {};
  const src = a.source as { start: number; end: number } | undefined;
  const tgt = a.target as { start: number; end: number } | undefined;
  const verb = a.verb as { start: number; end: number; text: string } | undefined;
  if (!src || !tgt || !verb) return String(a.name ?? e.label ?? "event");
  const parts = [src, verb, tgt].sort((x, y) => x.start - y.start);
  const label = parts.map((p) => text.slice(p.start, p.end)).join(" ");
  // in text order: "Russia's ambassador to Turkey was assassinated ... by a lone Turkish gunman"
  const passive = a.passive === true;
  const out = passive ? `${text.slice(tgt.start, tgt.end)} ${verb.text} by ${text.slice(src.start, src.end)}` : label;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** The story's reference date: its latest known publication day, else its most cited full date. */
function referenceDate(articles: Article[], candidates: Candidate[]): string | undefined {
  const published = articles.map((a) => a.published?.value && isoDate(a.published.value)).filter((d): d is string => !!d && d.length === 10);
  if (published.length) return published.sort().at(-1);
  const counts = new Map<string, number>();
  for (const c of candidates) if (c.date.length === 10) counts.set(c.date, (counts.get(c.date) ?? 0) + c.citations.length);
  let best: string | undefined;
  for (const [d, n] of counts) if (!best || n > counts.get(best)! || (n === counts.get(best)! && d > best)) best = d;
  return best;
}

/** Builds the timeline of one group of articles. */
export function buildTimeline(articles: Article[]): TimelineEntry[] {
  const candidates: Candidate[] = [];
  let order = 0;
  for (const a of articles) {
    const key = sourceKey(a);
    const sentences = a.layers.sentence ?? [];
    const usedTimex = new Set<string>();
    for (const e of a.layers.event ?? []) {
      const time = e.attrs?.time as { value?: string; start?: number; end?: number } | undefined;
      const date = time?.value ? isoDate(time.value) : undefined;
      if (!date) continue;
      const label = eventLabel(a.text, e);
      usedTimex.add(`${time!.start}:${e.start}`);
      candidates.push({ date, label, words: contentWords(label), citations: [{ articleId: a.id, start: e.start, end: e.end }], sourceKeys: new Set([key]), code: String(e.label), fromEvent: true, order: order++ });
    }
    for (const t of a.layers.timex ?? []) {
      if (t.label !== "DATE") continue;
      const value = t.attrs?.value;
      const date = typeof value === "string" ? isoDate(value) : undefined;
      if (!date) continue;
      const sentence = sentences.find((s) => s.start <= t.start && s.end >= t.end);
      if (!sentence) continue;
      if (usedTimex.has(`${t.start}:${sentence.start}`)) continue;
      const label = clauseLabel(a.text, sentence, t);
      if ((label.match(/[\p{L}]+/gu) ?? []).length < 3) continue;
      candidates.push({ date, label, words: contentWords(label), citations: [{ articleId: a.id, start: sentence.start, end: sentence.end }], sourceKeys: new Set([key]), fromEvent: false, order: order++ });
    }
  }
  // deduplicate: same date string (same granularity) and similar content
  const merged: Candidate[] = [];
  for (const c of candidates) {
    const same = merged.find((m) => m.date === c.date && (similarity(m.words, c.words) >= 0.34 || (m.code !== undefined && m.code === c.code)));
    if (!same) {
      merged.push({ ...c, citations: [...c.citations], sourceKeys: new Set(c.sourceKeys), words: new Set(c.words) });
      continue;
    }
    for (const cit of c.citations) if (!same.citations.some((x) => x.articleId === cit.articleId && x.start === cit.start && x.end === cit.end)) same.citations.push(cit);
    for (const k of c.sourceKeys) same.sourceKeys.add(k);
    for (const w of c.words) same.words.add(w);
    if (c.fromEvent && !same.fromEvent) {
      same.label = c.label;
      same.code = c.code;
      same.fromEvent = true;
    }
  }
  const ref = referenceDate(articles, merged);
  merged.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.order - y.order));
  return merged.map((m) => ({
    date: m.date,
    label: m.label,
    kind: ref && monthsBetween(m.date, ref) > 24 ? "background" : "event",
    citations: m.citations,
    sources: m.sourceKeys.size,
    ...(m.code ? { code: m.code } : {}),
  }));
}

/** Story stage: adds `results.timeline`; with no stories from earlier stages, all articles form one group. */
export function timelineStage(articles: Article[], stories: Story[]): Story[] {
  if (!articles.length) return stories;
  const out = stories.length ? stories : [allArticlesStory(articles)];
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const s of out) {
    const group = s.articleIds.map((id) => byId.get(id)).filter((a): a is Article => !!a);
    s.results.timeline = buildTimeline(group);
  }
  return out;
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
