import type { Article } from "../model/article.js";
import { POS_TAGS } from "../model/tokens.js";
import { NUM_HASHES, hashString, shingleHashes, signature } from "./minhash.js";
import { KIND_ENTITY, KIND_VERB, KIND_WORD, hashChars, type Vocab } from "./vocab.js";
import { growFloat64, growInt32 } from "../util/arrays.js";
import { isSpace } from "../util/chars.js";

const POS = Object.fromEntries(POS_TAGS.map((t, i) => [t, i])) as Record<(typeof POS_TAGS)[number], number>;
/** Parts of speech whose words carry topic: nouns, proper nouns, verbs, adjectives, numbers. */
const CONTENT = new Uint8Array(POS_TAGS.length);
for (const t of ["NOUN", "PROPN", "VERB", "ADJ", "NUM"] as const) CONTENT[POS[t]] = 1;

/** Words left out of the word vectors (after `normaliseWord`). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "be is are was were been being am have has had having do does did done say says said tell told get got make made take took go went gone " +
    "come came know knew think thought see saw seen want use used also just more most many much other such own same new old first last " +
    "year years day days time times week weeks month months people thing things way lot mr mrs ms one two three can could would should will may might must"
  ).split(" "),
);
/** Capitalised words that are not names of participants (calendar words, titles). */
const NOT_NAMES = new Set(
  (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october " +
    "november december mr mrs ms dr the a an it he she they we i this that there his her their our its ap reuters afp cnn bbc update updated"
  ).split(" "),
);

/** A light English suffix stripper: enough to conflate plurals and -ed/-ing forms for retrieval. */
export function normaliseWord(w: string): string {
  let s = w.toLowerCase();
  if (s.includes("'") || s.includes("’")) s = s.replace(/[’']s$/, "").replace(/[’']/g, "");
  const n = s.length;
  if (n > 4 && s.endsWith("ies")) s = s.slice(0, -3) + "y";
  else if (n > 4 && s.endsWith("sses")) s = s.slice(0, -2);
  else if (n > 3 && s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith("ing")) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith("ed")) s = s.slice(0, -2);
  return s;
}

/** Weight of an entity type (participants and organisations identify an event more than places do). */
export const TYPE_WEIGHT: Record<string, number> = { PER: 1.5, PERSON: 1.5, ORG: 1.2, GPE: 1.0, LOC: 1.0, FAC: 1.0, NORP: 0.6, EVENT: 1.0, MISC: 0.8, NAME: 1.0 };

/** Weight of a year mentioned in the text, among the names. */
const YEAR_WEIGHT = 1;

/** A name mention: surface text, type, and token position (for salience). */
export interface NameMention {
  text: string;
  type: string;
  /** Relative position in the article, 0 = start, 1 = end. */
  at: number;
}

/**
 * The names an article mentions. Uses the `entity` layer when an NER annotator produced it;
 * otherwise falls back to runs of capitalised proper-noun tokens. This is the one place
 * that makes that choice.
 */
export function nameMentions(article: Article): NameMention[] {
  const out: NameMention[] = [];
  const text = article.text;
  nameSpans(article, (start, end, type, at) => out.push({ text: text.slice(start, end), type, at }));
  return out;
}

/** `nameMentions` as spans of the text, without building strings. */
function nameSpans(article: Article, visit: (start: number, end: number, type: string, at: number) => void): void {
  const text = article.text;
  const n = Math.max(1, text.length);
  const entities = article.layers.entity;
  if (entities && entities.length > 0) {
    for (const e of entities) {
      const type = (e.label ?? "NAME").toUpperCase();
      if (!(type in TYPE_WEIGHT)) continue; // dates, money, quantities are not names
      visit(e.start, e.end, type, e.start / n);
    }
    return;
  }
  const t = article.tokens;
  if (!t) return;
  const propn = POS.PROPN;
  let i = 0;
  while (i < t.count) {
    if (t.pos[i] !== propn || !isCapitalised(text, t.start[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < t.count && t.pos[j] === propn && t.sentence[j] === t.sentence[i] && isCapitalised(text, t.start[j]!) && t.start[j]! - t.end[j - 1]! <= 1) j++;
    // drop calendar words and titles at the edges
    let a = i;
    let b = j;
    while (a < b && notName(text, t.start[a]!, t.end[a]!)) a++;
    while (b > a && notName(text, t.start[b - 1]!, t.end[b - 1]!)) b--;
    if (a < b) visit(t.start[a]!, t.end[b - 1]!, "NAME", t.start[a]! / n);
    i = j;
  }
}

const NOT_NAMES_BY_HASH = new Map<number, string[]>();
for (const w of NOT_NAMES) NOT_NAMES_BY_HASH.set(hashString(w), [...(NOT_NAMES_BY_HASH.get(hashString(w)) ?? []), w]);
const wordBuf = new Uint16Array(64);

/** `NOT_NAMES.has(word.toLowerCase().replace(/\.$/, ""))` for the token text[s..e), without a string when ASCII. */
function notName(text: string, s: number, e: number): boolean {
  let n = e - s;
  if (n > wordBuf.length) return false; // longer than any entry
  for (let k = 0; k < n; k++) {
    let c = text.charCodeAt(s + k);
    if (c > 127) return NOT_NAMES.has(text.slice(s, e).toLowerCase().replace(/\.$/, ""));
    if (c >= 65 && c <= 90) c += 32;
    wordBuf[k] = c;
  }
  if (n > 0 && wordBuf[n - 1] === 46) n--;
  return inBucket(NOT_NAMES_BY_HASH, hashChars(wordBuf, n), wordBuf, n);
}

/** Whether `buf[0..len)` spells one of the words filed under hash `h` in `table`. */
function inBucket(table: ReadonlyMap<number, string[]>, h: number, buf: Uint16Array, len: number): boolean {
  const list = table.get(h);
  if (!list) return false;
  for (const w of list) {
    if (w.length !== len) continue;
    let i = 0;
    while (i < len && w.charCodeAt(i) === buf[i]) i++;
    if (i === len) return true;
  }
  return false;
}

function isCapitalised(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 65 && c <= 90;
}

/** What the clusterer reads from one article: interned ids in typed arrays. */
export interface ArticleFeatures {
  id: string;
  /** Sorted unique word ids with their tf-idf weights (L2-normalised). */
  terms: Int32Array;
  termW: Float32Array;
  /** Sorted unique entity ids with type- and salience-weighted tf-idf (L2-normalised). */
  ents: Int32Array;
  entW: Float32Array;
  /** MinHash signature of the article's word 4-grams. */
  sig: Uint32Array;
  /** Publication day (days since 1970), NaN when unknown. */
  day: number;
  source: string;
}

function dayOf(article: Article): number {
  const v = article.published?.value;
  if (!v) return NaN;
  const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : NaN;
}

/** The outlet an article came from, for a story's source list. */
export function sourceOf(article: Article): string {
  return article.source.name ?? article.source.domain ?? article.source.origin.replace(/#\d+$/, "").replace(/^.*\//, "");
}

/** Terms and names kept per article (its heaviest); bounds the cost of a very long article. */
export const ARTICLE_TERMS = 400;
export const ARTICLE_NAMES = 40;

/** A word of a name without a final possessive and without characters other than letters, digits and hyphens. */
function nameWord(w: string): string {
  return PLAIN_WORD.test(w) ? w : w.replace(/[’']s$/, "").replace(/[^\p{L}\p{N}-]/gu, "");
}
const PLAIN_WORD = /^[A-Za-z0-9-]*$/;

/** Stop words by hash, for lookups straight from a character buffer. */
const STOP_BY_HASH = new Map<number, string[]>();
for (const w of STOP_WORDS) {
  const h = hashString(w);
  STOP_BY_HASH.set(h, [...(STOP_BY_HASH.get(h) ?? []), w]);
}

function isStop(buf: Uint16Array, len: number, h: number): boolean {
  return inBucket(STOP_BY_HASH, h, buf, len);
}

/**
 * `normaliseWord` of the ASCII word `text[s..e)`, written to `buf`; returns its length. Same rules:
 * lower case, a final possessive 's and other apostrophes dropped, then the suffix rules.
 */
function normaliseAscii(text: string, s: number, e: number, buf: Uint16Array): number {
  let n = 0;
  let apostrophe = false;
  for (let k = s; k < e; k++) {
    let c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 39) apostrophe = true;
    buf[n++] = c;
  }
  if (apostrophe) {
    if (n >= 2 && buf[n - 2] === 39 && buf[n - 1] === 115) n -= 2;
    let m = 0;
    for (let k = 0; k < n; k++) if (buf[k] !== 39) buf[m++] = buf[k]!;
    n = m;
  }
  const end = (a: number, b: number, c: number): boolean => buf[n - 3] === a && buf[n - 2] === b && buf[n - 1] === c;
  if (n > 4 && end(105, 101, 115)) {
    // -ies -> -y
    n -= 2;
    buf[n - 1] = 121;
  } else if (n > 4 && buf[n - 4] === 115 && end(115, 101, 115)) n -= 2; // -sses -> -ss
  else if (n > 3 && buf[n - 1] === 115) {
    const p = buf[n - 2];
    if (p !== 115 && p !== 117 && p !== 105) n -= 1; // -s, not -ss/-us/-is
  }
  if (n > 5 && end(105, 110, 103)) n -= 3; // -ing
  else if (n > 4 && buf[n - 2] === 101 && buf[n - 1] === 100) n -= 2; // -ed
  return n;
}

/**
 * Scratch space reused across articles: a key buffer, word hashes, and per-id slots (by stamp) that
 * count each article's terms and names without a Map.
 */
class Scratch {
  declare key: Uint16Array;
  declare hashes: Uint32Array;
  /** Per id, interleaved: [stamp of the article that counted it as a word, its slot, same for names]. */
  declare slots: Int32Array;
  gen = 0;
  declare wIds: Int32Array;
  declare wCount: Float64Array;
  declare eIds: Int32Array;
  declare eCount: Float64Array;
  declare eBoost: Float64Array;
  declare keys: Float64Array;
  declare wt: Float64Array;
  declare sorted: Float64Array;
  declare pick: Int32Array;
  declare name: Uint16Array;
  declare shingles: Uint32Array;
  declare all: Int32Array;

  constructor() {
    // Every buffer is replaced when an article needs a larger one. Each field is stored twice here (an empty
    // placeholder, then its first buffer) so that V8 treats it as mutable from the start: a field first found to
    // change in the middle of the story stages throws away the optimised code that relied on it staying constant
    // (articleFeatures was compiled five times per cold run).
    const e8 = new Uint8Array(0);
    this.key = this.name = new Uint16Array(e8.buffer);
    this.hashes = this.shingles = new Uint32Array(e8.buffer);
    this.slots = this.wIds = this.eIds = this.pick = this.all = new Int32Array(e8.buffer);
    this.wCount = this.eCount = this.eBoost = this.keys = this.wt = this.sorted = new Float64Array(e8.buffer);
    // The first buffers are large enough for a thousand news articles (64k vocabulary ids, 32k tokens, 4k distinct
    // words; ~1.6 MB in all): a buffer grown in the middle of the run is a branch first taken after articleFeatures was
    // optimised, and each one threw its code away ("insufficient type feedback": three recompiles per cold run).
    this.key = new Uint16Array(256);
    this.hashes = new Uint32Array(32768);
    this.slots = new Int32Array(4 * 65536);
    this.wIds = new Int32Array(4096);
    this.wCount = new Float64Array(4096);
    this.eIds = new Int32Array(1024);
    this.eCount = new Float64Array(1024);
    this.eBoost = new Float64Array(1024);
    this.keys = new Float64Array(4096);
    this.wt = new Float64Array(4096);
    this.sorted = new Float64Array(4096);
    this.pick = new Int32Array(4096);
    this.name = new Uint16Array(256);
    this.shingles = new Uint32Array(32768);
    this.all = new Int32Array(4096);
  }

  ensureIds(n: number): void {
    if (4 * n <= this.slots.length) return;
    let m = Math.max(4096, this.slots.length);
    while (m < 4 * n) m *= 2;
    const b = new Int32Array(m);
    b.set(this.slots);
    this.slots = b;
  }
}
const scratch = new Scratch();

/**
 * The `keep` heaviest of the first `n` ids by sublinear tf-idf (times boost), L2-normalised, sorted
 * by id. Ties at the cut go by id; weights are rounded to Float32 before the norm is taken.
 */
function weighted(ids: Int32Array, counts: Float64Array, n: number, vocab: Vocab, keep: number, out: Int32Array, w: Float32Array, boost?: Float64Array): void {
  const weightOf = (i: number): number => (1 + Math.log(counts[i]!)) * vocab.idf(ids[i]!) * (boost ? boost[i]! : 1);
  let m = n;
  let pick: Int32Array | undefined;
  if (n > keep) {
    // the `keep` heaviest (ties: smaller id first): every weight above the keep-th largest, then the
    // ties at it by id — the same set as sorting by (weight desc, id asc), without a comparator
    const sc = scratch;
    if (sc.wt.length < n) {
      sc.wt = new Float64Array(2 * n);
      sc.sorted = new Float64Array(2 * n);
      sc.pick = new Int32Array(2 * n);
    }
    const wt = sc.wt;
    for (let i = 0; i < n; i++) wt[i] = weightOf(i);
    const sorted = sc.sorted.subarray(0, n);
    sorted.set(wt.subarray(0, n));
    sorted.sort();
    const floor = sorted[n - keep]!;
    pick = sc.pick;
    let c = 0;
    for (let i = 0; i < n; i++) if (wt[i]! > floor) pick[c++] = i;
    const ties: number[] = [];
    for (let i = 0; i < n; i++) if (wt[i] === floor) ties.push(i);
    if (ties.length > keep - c) ties.sort((a, b) => ids[a]! - ids[b]!);
    for (let k = 0; c < keep; k++) pick[c++] = ties[k]!;
    m = keep;
  }
  // sort by id: id × 2^21 + position (exact in a double), in a typed array (native numeric sort)
  if (scratch.keys.length < m) scratch.keys = new Float64Array(2 * m);
  const keys = scratch.keys.subarray(0, m);
  for (let k = 0; k < m; k++) {
    const i = pick ? pick[k]! : k;
    keys[k] = ids[i]! * 2097152 + i;
  }
  keys.sort();
  let norm = 0;
  for (let k = 0; k < m; k++) {
    const i = keys[k]! % 2097152;
    out[k] = ids[i]!;
    w[k] = weightOf(i);
    const x = w[k]!; // the Float32 value, as stored
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < m; k++) w[k]! /= norm;
}

/**
 * Features of an annotated article (tokens from the "sentences" annotator; entities when
 * present). Counts the article into the vocabulary's document frequencies first, so its own
 * terms have df >= 1. Words are read from the text into a reused buffer: a word already in the
 * dictionary costs no string. `keep` receives the counts read (for `reweigh` later).
 */
export function articleFeatures(article: Article, vocab: Vocab, keep?: (counts: ArticleCounts) => void): ArticleFeatures {
  const text = article.text;
  const t = article.tokens;
  const sc = scratch;
  const gen = ++sc.gen;
  const day = dayOf(article);
  let nw = 0;
  let nWords = 0;
  if (t) {
    if (sc.hashes.length < t.count) sc.hashes = new Uint32Array(Math.max(t.count, sc.hashes.length * 2));
    const hashes = sc.hashes;
    for (let i = 0; i < t.count; i++) {
      const s = t.start[i]!;
      const e = t.end[i]!;
      const c = text.charCodeAt(s);
      const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
      if (!alnum) continue;
      // FNV-1a of the lower-cased word (as `hashString(surface.toLowerCase())`), ASCII without a string
      let h = 0x811c9dc5;
      let ascii = true;
      for (let k = s; k < e; k++) {
        let ch = text.charCodeAt(k);
        if (ch > 127) {
          ascii = false;
          break;
        }
        if (ch >= 65 && ch <= 90) ch += 32;
        h = Math.imul(h ^ ch, 0x01000193);
      }
      const surface = ascii ? "" : text.slice(s, e);
      hashes[nWords++] = ascii ? h >>> 0 : hashString(surface.toLowerCase());
      if (!CONTENT[t.pos[i]!] || e - s < 2) continue;
      let id: number;
      if (ascii) {
        if (e - s > sc.key.length) sc.key = new Uint16Array(2 * (e - s));
        const len = normaliseAscii(text, s, e, sc.key);
        if (len < 2) continue;
        const kh = hashChars(sc.key, len);
        if (isStop(sc.key, len, kh)) continue;
        id = vocab.findChars(sc.key, len, kh);
        if (id < 0) id = vocab.intern(String.fromCharCode(...sc.key.subarray(0, len)), text.slice(s, e).toLowerCase());
      } else {
        const key = normaliseWord(surface);
        if (key.length < 2 || STOP_WORDS.has(key)) continue;
        id = vocab.intern(key, surface.toLowerCase());
      }
      vocab.markKind(id, t.pos[i] === POS.VERB ? KIND_VERB : KIND_WORD);
      sc.ensureIds(id + 1);
      const r = 4 * id;
      if (sc.slots[r] === gen) sc.wCount[sc.slots[r + 1]!]!++;
      else {
        sc.slots[r] = gen;
        if (nw === sc.wIds.length) {
          sc.wIds = growInt32(sc.wIds, nw + 1);
          sc.wCount = growFloat64(sc.wCount, nw + 1);
        }
        sc.slots[r + 1] = nw;
        sc.wIds[nw] = id;
        sc.wCount[nw++] = 1;
      }
    }
  }
  let ne = 0;
  const countName = (id: number, share: number, boost: number, max: boolean): void => {
    sc.ensureIds(id + 1);
    const r = 4 * id;
    if (sc.slots[r + 2] === gen) {
      const k = sc.slots[r + 3]!;
      sc.eCount[k]! += share;
      sc.eBoost[k] = max ? Math.max(sc.eBoost[k]!, boost) : boost;
    } else {
      sc.slots[r + 2] = gen;
      if (ne === sc.eIds.length) {
        sc.eIds = growInt32(sc.eIds, ne + 1);
        sc.eCount = growFloat64(sc.eCount, ne + 1);
        sc.eBoost = growFloat64(sc.eBoost, ne + 1);
      }
      sc.slots[r + 3] = ne;
      sc.eIds[ne] = id;
      sc.eCount[ne] = share;
      sc.eBoost[ne++] = max ? Math.max(0, boost) : boost;
    }
  };
  // names: "@" + the lower-cased words of the name, and the surname of a person alone; ASCII names
  // (the usual case) are read into a buffer and looked up without building strings
  const nameId = (buf: Uint16Array, len: number, display: () => string): number => {
    let id = vocab.findChars(buf, len, hashChars(buf, len));
    if (id < 0) id = vocab.intern(String.fromCharCode(...buf.subarray(0, len)), display());
    vocab.markKind(id, KIND_ENTITY);
    return id;
  };
  nameSpans(article, (start, end, type, at) => {
    const tw = TYPE_WEIGHT[type] ?? 1;
    const early = at < 0.2 ? 1.5 : 1;
    const person = type === "PER" || type === "PERSON" || type === "NAME";
    if (end - start + 1 > sc.name.length) sc.name = new Uint16Array(2 * (end - start + 1));
    const buf = sc.name;
    // words split at whitespace; every word plain ([A-Za-z0-9-]) or this mention takes the string path
    let len = 1;
    buf[0] = 64; // "@"
    let words = 0;
    let lastStart = -1;
    let lastEnd = -1;
    let plain = true;
    for (let k = start; k <= end && plain; ) {
      while (k < end && isSpace(text.charCodeAt(k))) k++;
      if (k >= end) break;
      const ws = k;
      while (k < end && !isSpace(text.charCodeAt(k))) {
        const c = text.charCodeAt(k);
        if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) plain = false;
        k++;
      }
      if (!plain || k - ws < 2) continue;
      if (words > 0) buf[len++] = 32;
      for (let q = ws; q < k; q++) {
        const c = text.charCodeAt(q);
        buf[len++] = c >= 65 && c <= 90 ? c + 32 : c;
      }
      words++;
      lastStart = ws;
      lastEnd = k;
    }
    if (!plain) {
      nameByString(text.slice(start, end), tw * early, person);
      return;
    }
    if (words === 0) return;
    const display = (): string => {
      const parts: string[] = [];
      for (let k = start; k < end; ) {
        while (k < end && isSpace(text.charCodeAt(k))) k++;
        const ws = k;
        while (k < end && !isSpace(text.charCodeAt(k))) k++;
        if (k - ws > 1) parts.push(text.slice(ws, k));
      }
      return parts.join(" ");
    };
    countName(nameId(buf, len, display), 1, tw * early, true);
    // a person is mostly referred to by surname after the first mention
    if (words > 1 && person) {
      const n = lastEnd - lastStart;
      for (let q = 0; q < n; q++) {
        const c = text.charCodeAt(lastStart + q);
        buf[1 + q] = c >= 65 && c <= 90 ? c + 32 : c;
      }
      countName(
        nameId(buf, n + 1, () => text.slice(lastStart, lastEnd)),
        0.5,
        tw * early,
        true,
      );
    }
  });
  function nameByString(mention: string, boost: number, person: boolean): void {
    const words = mention.split(/\s+/).map(nameWord).filter((w) => w.length > 1);
    if (words.length === 0) return;
    const full = words.join(" ");
    let id = vocab.intern(`@${full.toLowerCase()}`, full);
    vocab.markKind(id, KIND_ENTITY);
    countName(id, 1, boost, true);
    if (words.length > 1 && person) {
      const last = words[words.length - 1]!;
      id = vocab.intern(`@${last.toLowerCase()}`, last);
      vocab.markKind(id, KIND_ENTITY);
      countName(id, 0.5, boost, true);
    }
  }
  // years mentioned: when an event happened is part of which event it is
  if (t && YEAR_WEIGHT > 0) {
    const buf = sc.name.length >= 5 ? sc.name : (sc.name = new Uint16Array(64));
    for (let i = 0; i < t.count; i++) {
      if (t.pos[i] !== POS.NUM || t.end[i]! - t.start[i]! !== 4) continue;
      // /^(19|20)\d\d$/
      const s0 = t.start[i]!;
      const c0 = text.charCodeAt(s0);
      const c1 = text.charCodeAt(s0 + 1);
      const c2 = text.charCodeAt(s0 + 2);
      const c3 = text.charCodeAt(s0 + 3);
      if (!((c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48)) || c2 < 48 || c2 > 57 || c3 < 48 || c3 > 57) continue;
      buf[0] = 35; // "#"
      buf[1] = c0;
      buf[2] = c1;
      buf[3] = c2;
      buf[4] = c3;
      countName(
        nameId(buf, 5, () => text.slice(s0, s0 + 4)),
        1,
        YEAR_WEIGHT,
        false,
      );
    }
  }
  for (let k = 0; k < ne; k++) if (sc.eCount[k]! < 1) sc.eCount[k] = 1;
  if (keep) keep({ wIds: sc.wIds.slice(0, nw), wCount: sc.wCount.slice(0, nw), eIds: sc.eIds.slice(0, ne), eCount: sc.eCount.slice(0, ne), eBoost: sc.eBoost.slice(0, ne), day });
  countDocument(vocab, sc.wIds, nw, sc.eIds, ne, day);
  // one buffer for what the article keeps: term ids and weights, name ids and weights, signature
  const mt = Math.min(nw, ARTICLE_TERMS);
  const me = Math.min(ne, ARTICLE_NAMES);
  const buf = new ArrayBuffer(4 * (2 * mt + 2 * me + NUM_HASHES));
  const terms = new Int32Array(buf, 0, mt);
  const termW = new Float32Array(buf, 4 * mt, mt);
  const ents = new Int32Array(buf, 8 * mt, me);
  const entW = new Float32Array(buf, 8 * mt + 4 * me, me);
  const sig = new Uint32Array(buf, 8 * (mt + me), NUM_HASHES);
  weighted(sc.wIds, sc.wCount, nw, vocab, ARTICLE_TERMS, terms, termW);
  weighted(sc.eIds, sc.eCount, ne, vocab, ARTICLE_NAMES, ents, entW, sc.eBoost);
  if (sc.shingles.length < nWords) sc.shingles = new Uint32Array(2 * nWords);
  signature(shingleHashes(sc.hashes.subarray(0, nWords), 4, sc.shingles), sig);
  return new Features(article.id, terms, termW, ents, entW, sig, day, sourceOf(article));
}

/**
 * `ArticleFeatures` as a class (same fields, same order): an object literal starting with `id` shares V8's hidden
 * classes with every other `{ id, ... }` literal, and when one of those had its `id` stored again (the story claims
 * are renumbered after sorting) that field became mutable for all of them, throwing away the optimised
 * articleFeatures and addFeatures in the middle of the story stages.
 */
class Features implements ArticleFeatures {
  // parameter properties: assigned in this order, so every instance has one hidden class
  constructor(
    public id: string,
    public terms: Int32Array,
    public termW: Float32Array,
    public ents: Int32Array,
    public entW: Float32Array,
    public sig: Uint32Array,
    public day: number,
    public source: string,
  ) {}
}

/** What `articleFeatures` read from an article before weighing it: term and name ids with their counts. */
export interface ArticleCounts {
  wIds: Int32Array;
  wCount: Float64Array;
  eIds: Int32Array;
  eCount: Float64Array;
  eBoost: Float64Array;
  day: number;
}

/** Counts one document (its term and name ids) into the vocabulary's document frequencies. */
function countDocument(vocab: Vocab, wIds: Int32Array, nw: number, eIds: Int32Array, ne: number, day: number): void {
  const sc = scratch;
  if (sc.all.length < nw + ne) sc.all = new Int32Array(2 * (nw + ne));
  sc.all.set(wIds.subarray(0, nw));
  sc.all.set(eIds.subarray(0, ne), nw);
  vocab.addDocument(sc.all, day, nw + ne);
}

/**
 * The term and name vectors `articleFeatures` would give the same article now, from the counts it kept
 * the first time (`keep`), without reading the text again: the document is counted into the vocabulary
 * again and weighed with today's frequencies, exactly as a second `articleFeatures` call does.
 */
export function reweigh(c: ArticleCounts, vocab: Vocab): Pick<ArticleFeatures, "terms" | "termW" | "ents" | "entW"> {
  const nw = c.wIds.length;
  const ne = c.eIds.length;
  countDocument(vocab, c.wIds, nw, c.eIds, ne, c.day);
  const mt = Math.min(nw, ARTICLE_TERMS);
  const me = Math.min(ne, ARTICLE_NAMES);
  const terms = new Int32Array(mt);
  const termW = new Float32Array(mt);
  const ents = new Int32Array(me);
  const entW = new Float32Array(me);
  weighted(c.wIds, c.wCount, nw, vocab, ARTICLE_TERMS, terms, termW);
  weighted(c.eIds, c.eCount, ne, vocab, ARTICLE_NAMES, ents, entW, c.eBoost);
  return { terms, termW, ents, entW };
}
