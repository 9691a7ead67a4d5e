/**
 * The "events" annotator: CAMEO-coded event records, one `event` span per coded (source, code,
 * target) over its evidence sentence. Actors come from the CAMEO tables (countries, agents,
 * named people) and from names found by earlier layers; the place is a location name after
 * "in"/"at"; the time is the nearest resolved DATE/TIME timex of the sentence.
 */
import type { Article } from "../../model/article.js";
import type { Attrs, Span } from "../../model/span.js";
import { compareSpans } from "../../model/span.js";
import { cameoName, cameoRoot, quadClass } from "./cameo.js";
import { POS_TAGS } from "../../model/tokens.js";
import { codeWords, type CodedActor, type CodedEvent, type CoderToken } from "./coder.js";
import { internEpoch, internId } from "./intern.js";
import { defaultTables, type CompiledTables } from "./tables.js";

/** A coder token over the article text; its text is sliced only when something reads it. */
class TextToken implements CoderToken {
  private written: string | undefined;
  constructor(private readonly source: string, readonly start: number, readonly end: number, readonly pos: string) {}
  get text(): string {
    return (this.written ??= this.source.slice(this.start, this.end));
  }
}

const NAME_LABELS = new Set(["PER", "ORG", "LOC", "MISC", "GPE", "NORP"]);
const CALENDAR = /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)$/;

/** A name in a sentence, as token indices [first, last] of that sentence, with its entity label if known. */
export interface NameRange {
  first: number;
  last: number;
  label?: string;
}

/** Whether the spans' starts and ends are both non-decreasing (the entity layer's order: sorted, no overlaps). */
function orderedSpans(spans: readonly Span[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k]!.start < spans[k - 1]!.start || spans[k]!.end < spans[k - 1]!.end) return false;
  return true;
}

/**
 * Appends to `out` the names the entity layer gives over the tokens `order[from..to)` (offsets in the token
 * columns `start`/`end`; one sentence's tokens, in text order), as token indices counted from `from`.
 */
function entityNames(entities: readonly Span[], ordered: boolean, start: Int32Array, end: Int32Array, order: Int32Array, from: number, to: number, out: NameRange[]): void {
  if (to <= from) return;
  const lo = start[order[from]!]!;
  const hi = end[order[to - 1]!]!;
  // when starts and ends both ascend (NER's layer: sorted, no overlaps), only the spans between the first
  // one ending after `lo` and the first one starting at `hi` can overlap the sentence
  let k0 = 0;
  if (ordered) {
    let a = 0;
    let b = entities.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (entities[mid]!.end <= lo) a = mid + 1;
      else b = mid;
    }
    k0 = a;
  }
  for (let k = k0; k < entities.length; k++) {
    const e = entities[k]!;
    if (ordered && e.start >= hi) break;
    if (e.end <= lo || e.start >= hi || !NAME_LABELS.has(e.label ?? "")) continue;
    // tokens are in text order (starts and ends ascend): the overlapping ones are a run from the first
    // ending after the entity's start
    let a = from;
    let b = to;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (end[order[mid]!]! <= e.start) a = mid + 1;
      else b = mid;
    }
    let first = -1;
    let last = -1;
    for (let i = a; i < to; i++) {
      const t = order[i]!;
      if (start[t]! >= e.end) break;
      if (end[t]! > e.start) {
        if (first < 0) first = i - from;
        last = i - from;
      }
    }
    if (first >= 0) out.push(e.label ? { first, last, label: e.label } : { first, last });
  }
}

/**
 * Names of a sentence: from the `entity` layer when an NER annotator ran, else the fallback of
 * capitalised-name sequences (runs of proper-noun tokens, without month and weekday names).
 * This is the one place where the fallback lives.
 */
export function sentenceNames(article: Article, tokens: readonly CoderToken[], entitiesOrdered?: boolean): NameRange[] {
  // (tokens: one sentence's, in text order)
  const out: NameRange[] = [];
  const entities = article.layers.entity;
  if (entities) {
    const n = tokens.length;
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      start[i] = tokens[i]!.start;
      end[i] = tokens[i]!.end;
      order[i] = i;
    }
    entityNames(entities, entitiesOrdered ?? orderedSpans(entities), start, end, order, 0, n, out);
    return out;
  }
  let i = 0;
  while (i < tokens.length) {
    const isName = (k: number): boolean => tokens[k]!.pos === "PROPN" && /^\p{Lu}/u.test(tokens[k]!.text) && !CALENDAR.test(tokens[k]!.text);
    if (!isName(i)) {
      i++;
      continue;
    }
    const first = i;
    while (i + 1 < tokens.length && isName(i + 1)) i++;
    out.push({ first, last: i });
    i++;
  }
  return out;
}

function yyyymmdd(article: Article): string | undefined {
  const v = article.published?.value;
  const m = v ? /^(\d{4})-(\d{2})-(\d{2})/.exec(v) : null;
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

function actorAttrs(article: Article, tokens: readonly CoderToken[], a: CodedActor): Attrs {
  const start = tokens[a.first]!.start;
  const end = tokens[a.last]!.end;
  const out: Attrs = { text: article.text.slice(start, end), start, end };
  if (a.code) out.code = a.code;
  if (a.country) out.country = a.country;
  if (a.role) out.role = a.role;
  return out;
}

/** The place of an event: a location name after "in"/"at"/"near" in the sentence (closest to the verb). */
function findPlace(article: Article, tokens: readonly CoderToken[], names: NameRange[], tables: CompiledTables, verb: number, exclude: [number, number][]): Attrs | undefined {
  let best: { d: number; attrs: Attrs } | undefined;
  for (const n of names) {
    if (n.label && n.label !== "LOC" && n.label !== "GPE") continue;
    if (exclude.some(([a, b]) => n.first >= a && n.last <= b && !(n.first > a && /^(in|at|near)$/i.test(tokens[n.first - 1]?.text ?? "")))) continue;
    // up to two words back (determiner, adjective) to the preposition
    let k = n.first - 1;
    while (k >= 0 && k >= n.first - 3 && (tokens[k]!.pos === "DET" || tokens[k]!.pos === "ADJ")) k--;
    if (k < 0 || !/^(in|at|near|outside)$/i.test(tokens[k]!.text)) continue;
    if (!n.label && tokens[n.last + 1]?.pos === "NOUN" && !/^(art|city|province|region)$/i.test(tokens[n.last + 1]!.text)) continue; // "in the Turkish capital": an adjective
    const phrase = tokens.slice(n.first, n.last + 1).map((t) => t.text.toUpperCase()).join(" ");
    if (!n.label && !tables.actors.has(phrase)) continue; // without NER: only names the tables know (countries, cities)
    const d = Math.abs(n.first - verb);
    const start = tokens[n.first]!.start;
    const end = tokens[n.last]!.end;
    if (!best || d < best.d) best = { d, attrs: { text: article.text.slice(start, end), start, end } };
  }
  return best?.attrs;
}

/** The time of an event: the DATE/TIME timex of the sentence nearest the verb, when it has a value. */
function findTime(article: Article, sentence: Span, verbStart: number): Attrs | undefined {
  const timex = article.layers.timex;
  if (!timex) return undefined;
  let best: Attrs | undefined;
  let bestD = 0;
  let all: Attrs[] | undefined;
  for (let k = 0; k < timex.length; k++) {
    const t = timex[k]!;
    if (t.end <= sentence.start || t.start >= sentence.end) continue;
    if (t.label !== "DATE" && t.label !== "TIME") continue;
    const value = timexValue(t);
    // resolved values, and underspecified ones ("XXXX-08") that the story stage can anchor
    if (value === undefined || !/^(\d{4}|XXXX-)/.test(value)) continue;
    const d = Math.abs(t.start - verbStart);
    const attrs = { value, start: t.start, end: t.end, text: article.text.slice(t.start, t.end) };
    (all ??= []).push(attrs);
    if (!best || d < bestD) {
      best = attrs;
      bestD = d;
    }
  }
  if (!best || !all) return best;
  // "in September this year": a more precise expression of the same time wins
  const v = best.value as string;
  for (let k = 0; k < all.length; k++) {
    const x = all[k]!.value as string;
    if (x.length > v.length && x.startsWith(v)) return all[k];
  }
  return best;
}

/** A timex's `value` attribute when it is a string (timex attrs come in several shapes: one polymorphic read, kept out of the callers). */
function timexValue(t: Span): string | undefined {
  const value = t.attrs?.value;
  return typeof value === "string" ? value : undefined;
}

/** Token indices grouped by sentence (a stable counting sort: tokens of a sentence in text order): sentence `s` owns `order[offset[s]..offset[s + 1])`. */
function tokensBySentence(article: Article, sentences: number): { offset: Int32Array; order: Int32Array } {
  const tk = article.tokens;
  const n = tk?.count ?? 0;
  const offset = new Int32Array(sentences + 1);
  for (let i = 0; i < n; i++) {
    const s = tk!.sentence[i]!;
    if (s >= 0 && s < sentences) offset[s + 1]++;
  }
  for (let s = 0; s < sentences; s++) offset[s + 1] += offset[s]!;
  const order = new Int32Array(offset[sentences]!);
  const fill = offset.slice(0, sentences);
  for (let i = 0; i < n; i++) {
    const s = tk!.sentence[i]!;
    if (s >= 0 && s < sentences) order[fill[s]!++] = i;
  }
  return { offset, order };
}

/** The interned form ids of the token indices `order[from..to)`, and their POS tags into `pos`. */
function sentenceIds(article: Article, order: Int32Array, from: number, to: number, pos: string[]): Int32Array {
  const tk = article.tokens!;
  const text = article.text;
  const count = to - from;
  const ids = new Int32Array(count);
  const epoch = internEpoch();
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    ids[k - from] = internId(text, tk.start[i]!, tk.end[i]!);
    pos.push(POS_TAGS[tk.pos[i]!]!);
  }
  // (the form table started over part way: the ids made before are stale)
  if (internEpoch() !== epoch) for (let k = from; k < to; k++) ids[k - from] = internId(text, tk.start[order[k]!]!, tk.end[order[k]!]!);
  return ids;
}

/** The coder tokens of the token indices `order[from..to)`. */
function sentenceTokens(article: Article, order: Int32Array, from: number, to: number): CoderToken[] {
  const tk = article.tokens!;
  const tokens: CoderToken[] = [];
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    tokens.push(new TextToken(article.text, tk.start[i]!, tk.end[i]!, POS_TAGS[tk.pos[i]!]!));
  }
  return tokens;
}

/** Appends to `spans` the `event` spans of a sentence's coded events (skipping statements, unknown sides and repeats). */
function eventSpans(article: Article, sentence: Span, tokens: readonly CoderToken[], names: NameRange[], tables: CompiledTables, events: readonly CodedEvent[], spans: Span[]): void {
  const seen = new Set<string>();
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    // statements are the quotes layer's business; a passive with no "by" agent has no known source
    if (e.code === "010" || (e.passive && !e.byAgent)) continue;
    // an event needs a known actor on at least one side; both sides need some name or code
    if (!e.source.country && !e.target.country && !e.source.code && !e.target.code) continue;
    if (e.source.code?.startsWith("---") && e.target.code?.startsWith("---")) continue;
    const key = `${e.code}|${e.source.first}|${e.target.first}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const verbStart = tokens[e.verbFirst]!.start;
    const verbEnd = tokens[e.verbLast]!.end;
    const attrs: Attrs = {
      code: e.code,
      root: cameoRoot(e.code),
      name: cameoName(e.code),
      quad: quadClass(e.code),
      verb: { text: article.text.slice(verbStart, verbEnd), start: verbStart, end: verbEnd },
      source: actorAttrs(article, tokens, e.source),
      target: actorAttrs(article, tokens, e.target),
    };
    if (e.passive) attrs.passive = true;
    const place = findPlace(article, tokens, names, tables, e.verb, [[e.source.first, e.source.last], [e.target.first, e.target.last]]);
    if (place) attrs.place = place;
    const time = findTime(article, sentence, verbStart);
    if (time) attrs.time = time;
    spans.push({ start: sentence.start, end: sentence.end, layer: "event", label: e.code, attrs });
  }
}

/** Codes the events of an article into the `event` layer. */
export function annotateEvents(article: Article, tables: CompiledTables = defaultTables()): void {
  const sentences = article.layers.sentence ?? [];
  const date = yyyymmdd(article);
  const entities = article.layers.entity;
  const ordered = entities ? orderedSpans(entities) : false;
  const spans: Span[] = [];
  const { offset, order } = tokensBySentence(article, sentences.length);
  const tk = article.tokens;
  for (let s = 0; s < sentences.length; s++) {
    const from = offset[s]!;
    const to = offset[s + 1]!;
    const count = to - from;
    if (count < 3 || count > 120) continue;
    const pos: string[] = [];
    const ids = sentenceIds(article, order, from, to, pos);
    // coder tokens (objects) only where something reads them: the fallback names and the sentences with events
    let tokens: CoderToken[] | undefined;
    let names: NameRange[];
    if (entities) {
      names = [];
      entityNames(entities, ordered, tk!.start, tk!.end, order, from, to, names);
    } else {
      tokens = sentenceTokens(article, order, from, to);
      names = sentenceNames(article, tokens, ordered);
    }
    const ranges: [number, number][] = [];
    for (let k = 0; k < names.length; k++) ranges.push([names[k]!.first, names[k]!.last]);
    const events = codeWords(ids, pos, tables, { date, names: ranges, allowUncoded: true });
    if (events.length) eventSpans(article, sentences[s]!, tokens ?? sentenceTokens(article, order, from, to), names, tables, events, spans);
  }
  spans.sort(compareSpans);
  article.layers.event = spans;
}
