import { createRequire } from "node:module";
import type winkNLPType from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Article } from "../model/article.js";
import type { Span } from "../model/span.js";
import { posId, type TokenColumns } from "../model/tokens.js";
import { paragraphs } from "../ingest/clean/boilerplate.js";
import { growInt32, growUint8 } from "../util/arrays.js";

/** What wink-nlp's per-document wrapper gives its tokenizer (src/dd-wrapper.js of wink-nlp 2.x). */
interface DocWrapper {
  _addTokenIfInCache(text: string, precedingSpaces: number, nbsp: string | null): unknown;
  isLexeme(text: string): number[] | null;
  /** Added here: the document's token array (4 numbers a token), which the tokenizer fills. */
  tokens: number[];
}
/** wink-nlp's tokenizer (src/tokenizer.js): a factory that returns `tokenize(doc, text)`. */
type Tokenize = (doc: DocWrapper, text: string) => void;
type TokenizerFactory = (trex: { helpers: { splitter: RegExp } }, categories: unknown, preserve: unknown) => Tokenize;
interface WinkCache {
  lookup(text: string): number[] | null;
  intrinsicSize(): number;
  value(index: number): string;
  valueOf(feature: string, index: number): string;
}
/**
 * wink-nlp's raw document data (`rdd` in src/wink-nlp.js): 4 numbers a token (lexeme index; preceding
 * spaces in the low 16 bits, 0xffff meaning "see nonBreakingSpaces"; lemma with the POS index in bits
 * 20-25; flags), and sentences as `[firstToken, lastToken, ...]`.
 */
interface RawDocData {
  cache: WinkCache;
  tokens: number[];
  sentences: number[][];
  numOfTokens: number;
  nonBreakingSpaces: Record<number, string>;
}
/** The data of the document wink-nlp read last (set by the document wrapper below). */
let lastRdd: RawDocData | undefined;

/**
 * wink-nlp's tokenizer asks its lexicon cache whether a raw token is a known word, and that cache also
 * keeps every out-of-vocabulary string it has seen. So a string seen once as a whole (say "Britain's"
 * reached through the recursive tokenizer in one article) was later found as a "known" word and no
 * longer split: an article's tokens depended on which articles the process had read before it (a batch
 * and a single run gave different tokens). wink-nlp builds its per-document wrapper from
 * src/dd-wrapper.js; before wink-nlp loads, that module is replaced by one whose tokenizer-facing
 * lookups answer only for the model's own vocabulary, so out-of-vocabulary text takes the first-sight
 * path every time. (The cache itself is unchanged: the POS features still read it.) The replaced
 * addTokenIfInCache does wink's pushes itself after its one lookup (wink's own would look the text up again).
 */
function loadWink(): typeof winkNLPType {
  const require = createRequire(import.meta.url);
  const wrapperPath = require.resolve("wink-nlp/src/dd-wrapper.js");
  if (require.cache[require.resolve("wink-nlp")]) throw new Error("wink-nlp was loaded before its document wrapper could be set");
  const original = require(wrapperPath) as (rdd: RawDocData) => DocWrapper;
  const vocabularyOnly = (rdd: RawDocData): DocWrapper => {
    lastRdd = rdd;
    const doc = original(rdd);
    doc.tokens = rdd.tokens;
    const cache = rdd.cache;
    const intrinsic = cache.intrinsicSize();
    const oov = (hit: number[] | null): boolean => hit !== null && hit.length === 1 && hit[0]! >= intrinsic;
    const tokens = rdd.tokens;
    // wink's addTokenIfInCache (dd-wrapper.js) with one lookup: unknown and out-of-vocabulary text adds
    // nothing (0, wink's UNK); a word is pushed with its preceding spaces, a contraction as its expansions
    doc._addTokenIfInCache = (text, precedingSpaces, nbsp) => {
      const hit = cache.lookup(text);
      if (hit === null || oov(hit)) return 0;
      const withNbsp = nbsp !== null && precedingSpaces > 0;
      if (hit.length === 1) {
        const idx = tokens.push(hit[0]!, precedingSpaces, 0, 0);
        if (withNbsp) rdd.nonBreakingSpaces[idx / 4 - 1] = nbsp;
        return 99;
      }
      for (let k = 0; k < hit.length; k += 4) {
        const ps = (k === 0 ? precedingSpaces : 0) | (hit[k + 1]! << 16);
        const idx = tokens.push(hit[k]!, ps, hit[k + 2]! | (hit[k + 3]! << 20), 0);
        if (withNbsp) rdd.nonBreakingSpaces[idx / 4 - 1] = nbsp;
      }
      return 99;
    };
    doc.isLexeme = (text) => {
      const hit = cache.lookup(text);
      return oov(hit) ? null : hit;
    };
    return doc;
  };
  require.cache[wrapperPath]!.exports = vocabularyOnly;
  const tokenizerPath = require.resolve("wink-nlp/src/tokenizer.js");
  const tokenizerFactory = require(tokenizerPath) as TokenizerFactory;
  require.cache[tokenizerPath]!.exports = memoTokenizer(tokenizerFactory);
  return require("wink-nlp") as typeof winkNLPType;
}

/** wink-nlp's test for non-breaking spaces in a piece of the split text (src/tokenizer.js). */
const NBSP = /[\u00a0\u2002-\u2005\u2009\u200a\u202f\u205f]/;
/** Distinct pieces remembered before the memo starts afresh (it only saves work; it changes no result). */
const MEMO_MAX = 1 << 18;

/**
 * wink-nlp's tokenizer splits the text at runs of spaces and line breaks and tokenizes each piece in
 * turn (lexicon lookups, category regexes, the recursive tokenizer). With the vocabulary-only lookups
 * above, the tokens a piece yields depend on the piece alone, so they are remembered: the same loop as
 * wink's `tokenize()`, but a piece seen before has its recorded tokens (4 numbers each, kept in one typed
 * array rather than an array per piece, for the collector's sake) pushed again, and a new piece goes through
 * wink's own `tokenize()` on its own and is recorded (unless it made 64 tokens or more). The piece's preceding-space
 * count is what wink gives its first token (the others get 0), so it is recorded as 0 and or-ed in. A piece
 * after non-breaking spaces goes through wink's path with those spaces, as before (they are stored per
 * token), and is not recorded.
 */
function memoTokenizer(factory: TokenizerFactory): TokenizerFactory {
  return (trex, categories, preserve) => {
    const tokenize = factory(trex, categories, preserve);
    const splitter = trex.helpers.splitter;
    // piece → where its token numbers sit in `pool` (offset * 256 + count of numbers, count < 256)
    const memo = new Map<string, number>();
    let pool: Int32Array = new Int32Array(1 << 16);
    let used = 0;
    return function tokenizeRemembered(doc, text) {
      const tokens = doc.tokens;
      const pieces = text.split(splitter);
      let spaces = 0;
      let nbsp: string | null = null;
      for (let p = 0; p < pieces.length; p++) {
        const t = pieces[p]!;
        if (t === "") continue;
        const hasNBSP = NBSP.test(t);
        if (t.charCodeAt(0) === 32 || hasNBSP) {
          spaces = t.length;
          if (hasNBSP) {
            nbsp = t;
            spaces = 0xffff;
          } else if (spaces > 0xfffe) spaces = 0xfffe;
          continue;
        }
        if (nbsp !== null) tokenize(doc, nbsp + t);
        else {
          const n0 = tokens.length;
          const known = memo.get(t);
          if (known === undefined) {
            tokenize(doc, t);
            const n = tokens.length - n0;
            if (n < 256) {
              if (memo.size >= MEMO_MAX) {
                memo.clear();
                used = 0;
              }
              if (used + n > pool.length) pool = growInt32(pool, used + n);
              for (let k = 0; k < n; k++) pool[used + k] = tokens[n0 + k]!;
              memo.set(t, used * 256 + n);
              used += n;
            }
          } else {
            const at = Math.floor(known / 256);
            const end = at + (known % 256);
            for (let k = at; k < end; k++) tokens.push(pool[k]!);
          }
          if (tokens.length > n0) tokens[n0 + 1]! |= spaces;
        }
        spaces = 0;
        nbsp = null;
      }
    };
  };
}

type Nlp = ReturnType<typeof winkNLPType>;
let nlp: Nlp | undefined;

/** The wink-nlp English pipeline, loaded on first use. */
function getNlp(): Nlp {
  nlp ??= loadWink()(model, ["sbd", "pos"]);
  return nlp;
}

/**
 * wink-nlp's data for one text: readDoc runs the tokenizer, sentence boundaries and POS, and the token
 * and sentence arrays are read from its raw document data (the same numbers `tokens().out(its.value)`,
 * `its.precedingSpaces`, `its.pos` and `sentences().out(its.span)` decode, without building those arrays).
 */
function readRaw(paragraph: string): RawDocData {
  lastRdd = undefined;
  getNlp().readDoc(paragraph);
  if (lastRdd === undefined) throw new Error("wink-nlp read a document without its document wrapper");
  return lastRdd;
}

/** wink-nlp's POS index (bits 20-25 of a token's third number) → our POS id; filled on first sight. */
const POS_OF_WINK: number[] = [];
const SPACE = posId("SPACE");
const WINK_POS_MASK = 0x3f00000;

function posOfWink(cache: WinkCache, winkPos: number): number {
  let id = POS_OF_WINK[winkPos];
  if (id === undefined) POS_OF_WINK[winkPos] = id = posId(cache.valueOf("pos", winkPos));
  return id;
}

/**
 * Paragraphs, sentences and tokens of the cleaned text. wink-nlp runs one paragraph at a
 * time so that no sentence crosses a paragraph break; token offsets are recovered from its
 * preceding-space counts and checked against the text.
 */
export function annotateSentences(article: Article): void {
  const text = article.text;
  const paraSpans: Span[] = [];
  const sentences: Span[] = [];
  // token columns grow in scratch buffers kept across articles and are copied out at the end
  let count = 0;

  for (const p of paragraphs(text)) {
    paraSpans.push({ start: p.start, end: p.end, layer: "paragraph" });
    const rdd = readRaw(text.slice(p.start, p.end));
    const cache = rdd.cache;
    const wt = rdd.tokens;
    const m = rdd.numOfTokens;
    if (tokStart.length < m) {
      tokStart = new Int32Array(m * 2);
      tokEnd = new Int32Array(m * 2);
      tokPos = new Uint8Array(m * 2);
    }
    if (values.length < m) values.length = m;
    let cursor = p.start;
    for (let i = 0; i < m; i++) {
      const v = cache.value(wt[4 * i]!);
      values[i] = v;
      tokPos[i] = posOfWink(cache, (wt[4 * i + 2]! & WINK_POS_MASK) >>> 20);
      const ps = wt[4 * i + 1]! & 0xffff;
      let at = cursor + (ps < 0xffff ? ps : rdd.nonBreakingSpaces[i]!.length);
      if (text.startsWith(v, at) === false) {
        const found = text.indexOf(v, cursor);
        at = found >= 0 && found < p.end ? found : at;
      }
      tokStart[i] = at;
      const e = at + v.length;
      tokEnd[i] = e < p.end ? e : p.end;
      cursor = tokEnd[i]!;
    }
    const sentSpans = mergeContinuations(rdd.sentences, values);
    for (let k = 0; k < sentSpans.length; k += 2) {
      // trim whitespace tokens at the sentence edges
      let lo = sentSpans[k]!;
      let hi = sentSpans[k + 1]!;
      while (lo <= hi && tokPos[lo] === SPACE) lo++;
      while (hi >= lo && tokPos[hi] === SPACE) hi--;
      if (lo > hi) continue;
      const sIdx = sentences.length;
      sentences.push({ start: tokStart[lo]!, end: tokEnd[hi]!, layer: "sentence" });
      if (colStart.length < count + hi - lo + 1) growColumns(count + hi - lo + 1);
      for (let t = lo; t <= hi; t++) {
        const pos = tokPos[t]!;
        if (pos === SPACE) continue;
        colStart[count] = tokStart[t]!;
        colEnd[count] = tokEnd[t]!;
        colPos[count] = pos;
        colSent[count] = sIdx;
        count++;
      }
    }
  }

  const tokens: TokenColumns = {
    count,
    start: colStart.slice(0, count),
    end: colEnd.slice(0, count),
    pos: colPos.slice(0, count),
    sentence: colSent.slice(0, count),
  };
  article.layers.paragraph = paraSpans;
  article.layers.sentence = sentences;
  article.tokens = tokens;
}

/** Per-paragraph token offsets, POS ids and values (by wink token index), reused across calls. */
let tokStart = new Int32Array(1024);
let tokEnd = new Int32Array(1024);
let tokPos = new Uint8Array(1024);
const values: string[] = [];
/** The article's token columns while they are made, reused across calls. */
let colStart: Int32Array = new Int32Array(4096);
let colEnd: Int32Array = new Int32Array(4096);
let colPos: Uint8Array = new Uint8Array(4096);
let colSent: Int32Array = new Int32Array(4096);

function growColumns(need: number): void {
  colStart = growInt32(colStart, need);
  colEnd = growInt32(colEnd, need);
  colPos = growUint8(colPos, need);
  colSent = growInt32(colSent, need);
}

/**
 * wink-nlp ends a sentence at `!"` or `?"` inside a sentence (`shouting "God is great!" and ...`); a
 * "sentence" that starts with a lower-case word continues the one before it. Returns the merged spans
 * as first/last token pairs, flat.
 */
function mergeContinuations(spans: number[][], values: string[]): number[] {
  const out = mergedSpans;
  out.length = 0;
  for (let k = 0; k < spans.length; k++) {
    const a = spans[k]![0]!;
    const b = spans[k]![1]!;
    let first = a;
    while (first <= b && !LETTER_OR_DIGIT.test(values[first]!)) first++;
    const n = out.length;
    if (n > 0 && first <= b && LOWER_FIRST.test(values[first]!) && CONTINUES_AFTER.test(values[out[n - 1]!]!)) out[n - 1] = b;
    else out.push(a, b);
  }
  return out;
}
const mergedSpans: number[] = [];
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LOWER_FIRST = /^\p{Ll}/u;
const CONTINUES_AFTER = /[!?"”’:;,]/;
