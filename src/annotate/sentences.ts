import type { Article } from "../model/article.js";
import type { Span } from "../model/span.js";
import { posId, type TokenColumns } from "../model/tokens.js";
import { paragraphs } from "../ingest/clean/boilerplate.js";
import { growInt32, growUint8 } from "../util/arrays.js";
import { readText, tokenLength, tokenValue, winkPosName } from "./wink-reader.js";

/** wink-nlp's POS index → our POS id; filled on first sight. */
const POS_OF_WINK: number[] = [];
const SPACE = posId("SPACE");

function posOfWink(winkPos: number): number {
  let id = POS_OF_WINK[winkPos];
  if (id === undefined) POS_OF_WINK[winkPos] = id = posId(winkPosName(winkPos));
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
    const doc = readText(text, p.start, p.end);
    const m = doc.count;
    if (tokStart.length < m) {
      tokStart = new Int32Array(m * 2);
      tokEnd = new Int32Array(m * 2);
      tokPos = new Uint8Array(m * 2);
    }
    const type = doc.type;
    const spaces = doc.spaces;
    const pos = doc.pos;
    const known = doc.start;
    let cursor = p.start;
    for (let i = 0; i < m; i++) {
      tokPos[i] = posOfWink(pos[i]!);
      const ps = spaces[i]!;
      let at = cursor + (ps < 0xffff ? ps : doc.nbsp[i]!.length);
      let len: number;
      // where the reader saw the token's text, it is there (the check below would hold)
      if (at === known[i]) len = tokenLength(type[i]!);
      else {
        const v = tokenValue(type[i]!);
        len = v.length;
        if (text.startsWith(v, at) === false) {
          const found = text.indexOf(v, cursor);
          at = found >= 0 && found < p.end ? found : at;
        }
      }
      tokStart[i] = at;
      const e = at + len;
      tokEnd[i] = e < p.end ? e : p.end;
      cursor = tokEnd[i]!;
    }
    const sentSpans = mergeContinuations(doc.sentences, type);
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

/** Per-paragraph token offsets and POS ids (by wink token index), reused across calls. */
let tokStart = new Int32Array(1024);
let tokEnd = new Int32Array(1024);
let tokPos = new Uint8Array(1024);
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
 * "sentence" that starts with a lower-case word continues the one before it. Takes and returns spans
 * as first/last token pairs, flat.
 */
function mergeContinuations(spans: number[], type: Int32Array): number[] {
  const out = mergedSpans;
  out.length = 0;
  for (let k = 0; k < spans.length; k += 2) {
    const a = spans[k]!;
    const b = spans[k + 1]!;
    let first = a;
    while (first <= b && !LETTER_OR_DIGIT.test(tokenValue(type[first]!))) first++;
    const n = out.length;
    if (n > 0 && first <= b && LOWER_FIRST.test(tokenValue(type[first]!)) && CONTINUES_AFTER.test(tokenValue(type[out[n - 1]!]!))) out[n - 1] = b;
    else out.push(a, b);
  }
  return out;
}
const mergedSpans: number[] = [];
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LOWER_FIRST = /^\p{Ll}/u;
const CONTINUES_AFTER = /[!?"”’:;,]/;
