import { type Article, spansOf } from "../model/article.js";
import type { Span } from "../model/span.js";
import { POS_TAGS } from "../model/tokens.js";
import { ATTRIBUTION, STOPWORDS, concept } from "./lexicon.js";
import { objectArray } from "../util/arrays.js";

export type { StoryEntity } from "../model/story.js";
import type { StoryEntity } from "../model/story.js";

export interface NumberSlot {
  value: number;
  /** Concept of the counted noun ("refugee", "shot", "age"). */
  unit: string;
  text: string;
}

/**
 * A `NumberSlot` as a class (same fields, same order). As a `{ value, ... }` literal its `value` began as a small
 * integer and became a double at the first "2.5 million", deprecating the hidden class mid-stage and throwing away
 * claimUnits, sentenceUnit and entityKeysIn; `value` is stored twice here, a double first.
 */
class Num implements NumberSlot {
  value = 0.5;
  unit: string;
  text: string;
  constructor(value: number, unit: string, text: string) {
    this.value = value;
    this.unit = unit;
    this.text = text;
  }
}

/** A statement: one sentence (or clause) of one article, with what is needed to compare it with others. */
export interface ClaimUnit {
  articleId: string;
  start: number;
  end: number;
  text: string;
  /** Index of the sentence in its article. */
  sentence: number;
  /** Concept → weight-free count; entity keys are prefixed "E:". */
  keys: Map<string, number>;
  entities: Set<string>;
  numbers: NumberSlot[];
  dates: string[];
  /** The statement says when (a date or time other than today/yesterday/now, resolved or not). */
  when: boolean;
  places: string[];
  attributedTo?: string;
  garbled: boolean;
  /** Inside a direct quote: someone's words, not the outlet's. */
  quoted: boolean;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
  dozens: 24, hundreds: 200, thousands: 2000,
};
const NUMBER_WORD = new Map(Object.entries(NUMBER_WORDS));
/** Whether a lower-case word is a number word ("three", "dozens"); a Map, so "constructor" is not one. */
const isNumberWord = (w: string): boolean => NUMBER_WORD.has(w);

/** `/\p{L}/u.test(w)` with an ASCII fast path: w is lower case, so an ASCII letter is a-z. */
function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) return /\p{L}/u.test(w);
  }
  return false;
}

/** Parts of speech whose words carry a statement's content (by POS_TAGS index). */
const CONTENT_POS = Uint8Array.from(POS_TAGS, (p) => (["NOUN", "VERB", "ADJ", "NUM"].includes(p) ? 1 : 0));
const POS_NUM = POS_TAGS.indexOf("NUM");
const POS_NOUN = POS_TAGS.indexOf("NOUN");
const POS_PROPN = POS_TAGS.indexOf("PROPN");
const SCALE = new Map([
  ["thousand", 1e3],
  ["million", 1e6],
  ["billion", 1e9],
  ["trillion", 1e12],
]);

export function parseNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/,/g, "");
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  return NUMBER_WORD.get(w);
}

/** Folds a name for comparison: case, diacritics, common transliteration variants. */
export function foldName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’'`]s\b/g, "")
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A transliteration-insensitive key for one name token: Andrey ~ Andrei, Sergey ~ Sergei, Aleksandr ~ Alexander. */
export function translitKey(token: string): string {
  let k = translitMemo.get(token);
  if (k === undefined) {
    if (translitMemo.size >= 100_000) translitMemo.clear();
    translitMemo.set(token, (k = translitKeyOf(token)));
  }
  return k;
}

/** translitKey is pure and sees the same few names again and again. */
const translitMemo = new Map<string, string>();

function translitKeyOf(token: string): string {
  return foldName(token)
    .replace(/ks/g, "x")
    .replace(/y$/g, "i")
    .replace(/iy$/g, "i")
    .replace(/ii$/g, "i")
    .replace(/yu/g, "iu")
    .replace(/ya/g, "ia")
    .replace(/kh/g, "h")
    .replace(/(.)\1/g, "$1")
    .replace(/er$/, "r");
}

function overlaps(spans: readonly Span[] | undefined, start: number, end: number): Span | undefined {
  if (!spans) return undefined;
  for (const s of spans) if (s.start < end && s.end > start) return s;
  return undefined;
}

/** Entity id per character range, from the story's canonical entities (or the entity layer, or capitalised names). */
/** One article's canonical-entity mentions, sorted by start, each with its entity's and its own rank (for a stable order). */
class MentionIndex {
  start: Int32Array;
  end: Int32Array;
  /** Entity index, then mention index within the entity: the order the mentions are reported in. */
  rank: Float64Array;
  entity: StoryEntity[] = [];
  /** Longest mention (characters): how far before a range an overlapping mention can start. */
  maxLen = 0;
  // (a class, not an object literal: a literal starting with `start` shares V8's hidden classes with the span
  // objects { start, end, ... } of every annotation layer, and its typed array in `start` made that field of all of
  // them generic, throwing away the optimised code of the functions that read spans)
  constructor(n: number) {
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.rank = new Float64Array(n);
  }
}

function mentionIndex(articleId: string, entities: StoryEntity[]): MentionIndex {
  const rows: { s: number; t: number; rank: number; e: StoryEntity }[] = [];
  let ei = 0;
  for (const e of entities) {
    const ms = e.mentions?.[articleId] ?? [];
    for (let mi = 0; mi < ms.length; mi++) rows.push({ s: ms[mi]![0], t: ms[mi]![1], rank: ei * 1e6 + mi, e });
    ei++;
  }
  rows.sort((a, b) => a.s - b.s || a.rank - b.rank);
  const idx = new MentionIndex(rows.length);
  rows.forEach((r, i) => {
    idx.start[i] = r.s;
    idx.end[i] = r.t;
    idx.rank[i] = r.rank;
    idx.entity.push(r.e);
    if (r.t - r.s > idx.maxLen) idx.maxLen = r.t - r.s;
  });
  return idx;
}

function entityKeysIn(article: Article, entities: StoryEntity[] | undefined, start: number, end: number, skip: [number, number][] = [], index?: MentionIndex): { ids: Set<string>; places: string[] } {
  const ids = new Set<string>();
  const places: string[] = [];
  const skipped = (s: number, t: number): boolean => skip.some(([a, b]) => s >= a && t <= b);
  if (entities && entities.length) {
    const ix = index ?? mentionIndex(article.id, entities);
    // first mention that may overlap [start, end): starts at or after start - maxLen
    let lo = 0;
    let hi = ix.start.length;
    const from = start - ix.maxLen;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ix.start[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    for (let i = lo; i < ix.start.length && ix.start[i]! < end; i++) {
      const s = ix.start[i]!;
      const t = ix.end[i]!;
      if (t > start && !skipped(s, t)) hits.push(i);
    }
    // the order the entities (then their mentions) are listed in, as a scan over every entity gives
    hits.sort((a, b) => ix.rank[a]! - ix.rank[b]!);
    for (const i of hits) {
      const e = ix.entity[i]!;
      ids.add(e.id);
      if (e.type === "LOC") places.push(e.id);
    }
    return { ids, places };
  }
  const layer = article.layers.entity;
  if (layer) {
    for (const s of layer) {
      if (s.start >= end || s.end <= start || skipped(s.start, s.end) || !["PER", "ORG", "LOC", "MISC"].includes(s.label ?? "")) continue;
      const key = foldName(article.text.slice(s.start, s.end));
      ids.add(key);
      if (s.label === "LOC") places.push(key);
    }
    return { ids, places };
  }
  const re = /(?<![.!?]\s|^)\b([A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+)*)/gu;
  const text = article.text.slice(start, end);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) if (m.index > 0) ids.add(foldName(m[1]!));
  return { ids, places };
}

/** Time expressions that do not date a statement. */
const RELATIVE_TIME = /^(?:today|tonight|yesterday|tomorrow|now)$/i;

/** An article's time expressions: where each is, the date it gives a statement (if any), and whether it says when. */
interface Times {
  count: number;
  start: Int32Array;
  end: Int32Array;
  date: (string | undefined)[];
  when: Uint8Array;
}

// (typed arrays and a count: an empty and a full list of objects have different hidden classes, and claimUnits,
// optimised on one, was thrown away at the other)
/**
 * `Times` as a class: as a `{ count, start, end, ... }` literal it shared V8's hidden classes with the token columns and
 * with Node's own `{ count, ... }` stream bookkeeping, whose `count++` made the field mutable and threw claimUnits away.
 */
class TimesOf implements Times {
  constructor(
    public count: number,
    public start: Int32Array,
    public end: Int32Array,
    public date: (string | undefined)[],
    public when: Uint8Array,
  ) {}
}

function timesOf(text: string, timex: readonly Span[]): Times {
  const n = timex.length;
  const times: Times = new TimesOf(n, new Int32Array(n), new Int32Array(n), [], new Uint8Array(n));
  for (let i = 0; i < n; i++) {
    const x = timex[i]!;
    const relative = RELATIVE_TIME.test(text.slice(x.start, x.end));
    const value = !relative && (x.label ?? "DATE") === "DATE" ? String(x.attrs?.value ?? "").replace(/T.*$/, "") : undefined;
    times.start[i] = x.start;
    times.end[i] = x.end;
    times.date.push(value !== undefined && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value) ? value : undefined);
    times.when[i] = !relative && (x.label === "DATE" || x.label === "TIME") ? 1 : 0;
  }
  return times;
}

// (the steps of claimUnits are functions of their own: the one long function was compiled about fourteen times per
// cold run, each rarely taken branch met after optimisation throwing all of it away)

/** Marks the tokens inside quotation marks (1 in quotedTok); returns how many there are. */
function markQuoted(ttext: string[], n: number, quotedTok: Uint8Array): number {
  let inQuote = false;
  let quotedCount = 0;
  for (let i = 0; i < n; i++) {
    const tt = ttext[i]!;
    let q: boolean;
    if (tt === '"' || tt === "“" || tt === "”") {
      inQuote = tt === "“" ? true : tt === "”" ? false : !inQuote;
      q = true;
    } else q = inQuote;
    quotedTok[i] = q ? 1 : 0;
    if (q) quotedCount++;
  }
  return quotedCount;
}

/** The number slot a number token (digits or a number word) at i starts, if any. */
function addNumber(ttext: string[], tpos: Uint8Array, n: number, i: number, numbers: NumberSlot[]): void {
  const tt = ttext[i]!;
  let value = parseNumber(tt);
  if (value === undefined) return;
  let j = i + 1;
  const scale = j < n ? SCALE.get(ttext[j]!.toLowerCase()) : undefined;
  if (scale) {
    value *= scale;
    j++;
  }
  // "22 - year - old" split by the tokenizer
  if (j < n && ttext[j] === "-" && j + 1 < n && ttext[j + 1]!.toLowerCase() === "year") {
    numbers.push(new Num(value, "age", `${tt}-year-old`));
  } else if (!(value >= 1800 && value <= 2100 && Number.isInteger(value) && !scale)) {
    while (j < n && j < i + 4 && tpos[j] !== POS_NOUN && tpos[j] !== POS_PROPN) j++;
    if (j < n && tpos[j] === POS_NOUN) numbers.push(new Num(value, concept(ttext[j]!), `${tt} ${ttext[j]!}`));
  }
}

/** Concept counts and number slots of one sentence's tokens. */
function sentenceKeys(ttext: string[], tpos: Uint8Array, quotedTok: Uint8Array, n: number, wholeQuote: boolean, keys: Map<string, number>, numbers: NumberSlot[]): void {
  for (let i = 0; i < n; i++) {
    const tt = ttext[i]!;
    const pos = tpos[i]!;
    const lower = tt.toLowerCase();
    const age = lower.endsWith("-year-old") ? /^(\d{1,3})-year-old$/.exec(lower) : null;
    if (age) numbers.push(new Num(Number(age[1]), "age", tt));
    if (pos === POS_NUM || isNumberWord(lower)) addNumber(ttext, tpos, n, i, numbers);
    if (!CONTENT_POS[pos]) continue;
    if (quotedTok[i] && !wholeQuote) continue;
    if (STOPWORDS.has(lower) || lower.length < 2 || !hasLetter(lower)) continue;
    const c = concept(lower);
    keys.set(c, (keys.get(c) ?? 0) + 1);
  }
}

/** Ranges of a sentence whose entities do not say what it is about: a dateline, and quotations unless it is one. */
function skipsOf(sentText: string, start: number, wholeQuote: boolean): [number, number][] {
  const skip = objectArray<[number, number]>();
  const dateline = /^[A-Z][A-Z .,'-]{2,40}\s+[—–-]{1,2}\s+/.exec(sentText);
  if (dateline) skip.push([start, start + dateline[0].length]);
  if (!wholeQuote) for (const q of sentText.matchAll(/["“][^"”]*["”]/g)) skip.push([start + q.index!, start + q.index! + q[0].length]);
  return skip;
}

/** Who a sentence is attributed to: the speaker of a quote covering it, else an attribution phrase. */
function attributionOf(quote: Span | undefined, sentText: string): string | undefined {
  if (quote && typeof quote.attrs?.speaker === "string") return quote.attrs.speaker;
  if (!ATTRIBUTION.test(sentText)) return undefined;
  const m = /[,"”]\s*(?:said|says|told|added|wrote|warned)\s+((?:(?:[A-Z][\p{L}.’'-]*|of|the)\s*){1,6})/u.exec(sentText) ??
    /^(.{3,80}?)\s+(?:said|says|told|reported|announced|claimed|warned|wrote|confirmed|denied)\b/.exec(sentText) ??
    /,\s*(?:said|says|according to)\s+([^,.;]{3,80})[.,;]?$/.exec(sentText) ??
    /\baccording to ([^,.;]{3,80})/.exec(sentText);
  return m ? m[1]!.replace(/^(?:But|And|Yet|So|However,?)\s+/, "").trim() : undefined;
}

/** Statements of an article: its sentences, with concepts, entities, numbers, dates and attribution. */
export function claimUnits(article: Article, entities?: StoryEntity[]): ClaimUnit[] {
  const units: ClaimUnit[] = [];
  const tokens = article.tokens;
  const sentences = article.layers.sentence ?? [];
  if (!tokens) return units;
  const text = article.text;
  const quotes = spansOf(article, "quote");
  const garbled = article.layers.garbled;
  const timex = spansOf(article, "timex");
  const mentions = entities && entities.length ? mentionIndex(article.id, entities) : undefined;
  const times = timesOf(text, timex);
  let t = 0;
  // one sentence's tokens (text and part of speech), reused from sentence to sentence
  const ttext: string[] = [];
  let tpos = new Uint8Array(64);
  let quotedTok = new Uint8Array(64);
  for (let si = 0; si < sentences.length; si++) {
    const sent = sentences[si]!;
    const keys = new Map<string, number>();
    const numbers: NumberSlot[] = [];
    while (t < tokens.count && tokens.start[t]! < sent.start) t++;
    let n = 0;
    for (let k = t; k < tokens.count && tokens.start[k]! < sent.end; k++) n++;
    if (n > tpos.length) {
      tpos = new Uint8Array(2 * n);
      quotedTok = new Uint8Array(2 * n);
    }
    ttext.length = n;
    for (let i = 0; i < n; i++) {
      ttext[i] = text.slice(tokens.start[t + i], tokens.end[t + i]);
      tpos[i] = tokens.pos[t + i]!;
    }
    units.push(sentenceUnit(article, entities, text, sent, si, ttext, tpos, quotedTok, n, keys, numbers, quotes, garbled, times, mentions));
  }
  return units;
}

/**
 * The claim unit of one sentence, from its tokens' text and part of speech (`ttext`, `tpos`, `n`) — `claimUnits`'
 * loop body as a function of its own: compiled as a whole function rather than on the stack inside the loop, and
 * a recompile of the loop no longer recompiles all of it.
 */
function sentenceUnit(
  article: Article,
  entities: StoryEntity[] | undefined,
  text: string,
  sent: Span,
  si: number,
  ttext: string[],
  tpos: Uint8Array,
  quotedTok: Uint8Array,
  n: number,
  keys: Map<string, number>,
  numbers: NumberSlot[],
  quotes: readonly Span[],
  garbled: readonly Span[] | undefined,
  times: Times,
  mentions: MentionIndex | undefined,
): ClaimUnit {
  // words inside quotation marks (slogans, quoted speech) are someone's words: not used to compare
  const wholeQuote = markQuoted(ttext, n, quotedTok) > 0.6 * n;
  sentenceKeys(ttext, tpos, quotedTok, n, wholeQuote, keys, numbers);
  // entities named inside quotation marks or in a dateline do not say what the sentence is about
  const sentTextRaw = text.slice(sent.start, sent.end);
  const skip = skipsOf(sentTextRaw, sent.start, wholeQuote);
  const { ids, places } = entityKeysIn(article, entities, sent.start, sent.end, skip, mentions);
  for (const id of ids) {
    const k = `E:${id}`;
    keys.set(k, (keys.get(k) ?? 0) + 1);
  }
  const dates: string[] = [];
  let when = false;
  for (let x = 0; x < times.count; x++) {
    if (times.start[x]! < sent.start || times.end[x]! > sent.end) continue;
    const date = times.date[x];
    if (date !== undefined) dates.push(date);
    if (times.when[x]) when = true;
  }
  let quote: Span | undefined;
  for (const q of quotes)
    if (q.start < sent.end && q.end > sent.start && q.end - q.start >= 0.5 * (sent.end - sent.start)) {
      quote = q;
      break;
    }
  const sentText = sentTextRaw;
  const attributedTo = attributionOf(quote, sentText);
  return {
    articleId: article.id,
    start: sent.start,
    end: sent.end,
    text: sentText,
    sentence: si,
    keys,
    entities: ids,
    numbers,
    dates,
    when,
    places,
    attributedTo,
    garbled: overlaps(garbled, sent.start, sent.end) !== undefined,
    quoted: quote?.label === "direct",
  };
}
