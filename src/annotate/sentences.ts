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
}

/**
 * wink-nlp's tokenizer asks its lexicon cache whether a raw token is a known word, and that cache also
 * keeps every out-of-vocabulary string it has seen. So a string seen once as a whole (say "Britain's"
 * reached through the recursive tokenizer in one article) was later found as a "known" word and no
 * longer split: an article's tokens depended on which articles the process had read before it (a batch
 * and a single run gave different tokens). wink-nlp builds its per-document wrapper from
 * src/dd-wrapper.js; before wink-nlp loads, that module is replaced by one whose tokenizer-facing
 * lookups answer only for the model's own vocabulary, so out-of-vocabulary text takes the first-sight
 * path every time. (The cache itself is unchanged: the POS features still read it.)
 */
function loadWink(): typeof winkNLPType {
  const require = createRequire(import.meta.url);
  const wrapperPath = require.resolve("wink-nlp/src/dd-wrapper.js");
  if (require.cache[require.resolve("wink-nlp")]) throw new Error("wink-nlp was loaded before its document wrapper could be set");
  const original = require(wrapperPath) as (rdd: { cache: WinkCache; tokens: number[] }) => DocWrapper;
  const vocabularyOnly = (rdd: { cache: WinkCache; tokens: number[] }): DocWrapper => {
    const doc = original(rdd);
    doc.tokens = rdd.tokens;
    const cache = rdd.cache;
    const intrinsic = cache.intrinsicSize();
    const addIfKnown = doc._addTokenIfInCache;
    const oov = (hit: number[] | null): boolean => hit !== null && hit.length === 1 && hit[0]! >= intrinsic;
    doc._addTokenIfInCache = (text, precedingSpaces, nbsp) => (oov(cache.lookup(text)) ? 0 : addIfKnown(text, precedingSpaces, nbsp));
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
 * wink's `tokenize()`, but a piece seen before has its recorded tokens (4 numbers each) pushed again, and a
 * new piece goes through wink's own `tokenize()` on its own and is recorded. The piece's preceding-space
 * count is what wink gives its first token (the others get 0), so it is recorded as 0 and or-ed in. A piece
 * after non-breaking spaces goes through wink's path with those spaces, as before (they are stored per
 * token), and is not recorded.
 */
function memoTokenizer(factory: TokenizerFactory): TokenizerFactory {
  return (trex, categories, preserve) => {
    const tokenize = factory(trex, categories, preserve);
    const splitter = trex.helpers.splitter;
    const memo = new Map<string, number[]>();
    return (doc, text) => {
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
            if (memo.size >= MEMO_MAX) memo.clear();
            memo.set(t, tokens.slice(n0));
          } else {
            for (let k = 0; k < known.length; k++) tokens.push(known[k]!);
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
 * Paragraphs, sentences and tokens of the cleaned text. wink-nlp runs one paragraph at a
 * time so that no sentence crosses a paragraph break; token offsets are recovered from its
 * preceding-space counts and checked against the text.
 */
export function annotateSentences(article: Article): void {
  const text = article.text;
  const its = getNlp().its;
  const paraSpans: Span[] = [];
  const sentences: Span[] = [];
  // token columns grow in scratch buffers kept across articles and are copied out at the end
  let count = 0;

  for (const p of paragraphs(text)) {
    paraSpans.push({ start: p.start, end: p.end, layer: "paragraph" });
    const doc = getNlp().readDoc(text.slice(p.start, p.end));
    const toks = doc.tokens();
    const values = toks.out(its.value) as string[];
    const spaces = toks.out(its.precedingSpaces) as string[];
    const tags = toks.out(its.pos) as string[];
    const m = values.length;
    if (tokStart.length < m) {
      tokStart = new Int32Array(m * 2);
      tokEnd = new Int32Array(m * 2);
    }
    let cursor = p.start;
    for (let i = 0; i < m; i++) {
      const v = values[i]!;
      let at = cursor + spaces[i]!.length;
      if (text.startsWith(v, at) === false) {
        const found = text.indexOf(v, cursor);
        at = found >= 0 && found < p.end ? found : at;
      }
      tokStart[i] = at;
      const e = at + v.length;
      tokEnd[i] = e < p.end ? e : p.end;
      cursor = tokEnd[i]!;
    }
    const sentSpans = mergeContinuations(doc.sentences().out(its.span) as unknown as [number, number][], values);
    for (const [a, b] of sentSpans) {
      // trim whitespace tokens at the sentence edges
      let lo = a;
      let hi = b;
      while (lo <= hi && tags[lo] === "SPACE") lo++;
      while (hi >= lo && tags[hi] === "SPACE") hi--;
      if (lo > hi) continue;
      const sIdx = sentences.length;
      sentences.push({ start: tokStart[lo]!, end: tokEnd[hi]!, layer: "sentence" });
      if (colStart.length < count + hi - lo + 1) growColumns(count + hi - lo + 1);
      for (let t = lo; t <= hi; t++) {
        const tag = tags[t]!;
        if (tag === "SPACE") continue;
        colStart[count] = tokStart[t]!;
        colEnd[count] = tokEnd[t]!;
        colPos[count] = posId(tag);
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

/** Per-paragraph token offsets (wink token index → text offsets), reused across calls. */
let tokStart = new Int32Array(1024);
let tokEnd = new Int32Array(1024);
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
 * "sentence" that starts with a lower-case word continues the one before it.
 */
function mergeContinuations(spans: [number, number][], values: string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    let first = a;
    while (first <= b && !/[\p{L}\p{N}]/u.test(values[first]!)) first++;
    const prev = out[out.length - 1];
    if (prev && first <= b && /^\p{Ll}/u.test(values[first]!) && /[!?"”’:;,]/.test(values[prev[1]]!)) prev[1] = b;
    else out.push([a, b]);
  }
  return out;
}
