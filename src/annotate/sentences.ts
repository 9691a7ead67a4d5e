import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Article } from "../model/article.js";
import type { Span } from "../model/span.js";
import { posId, type TokenColumns } from "../model/tokens.js";
import { paragraphs } from "../ingest/clean/boilerplate.js";

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/** The wink-nlp English pipeline, loaded on first use. */
function getNlp(): Nlp {
  nlp ??= winkNLP(model, ["sbd", "pos"]);
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
  const starts: number[] = [];
  const ends: number[] = [];
  const pos: number[] = [];
  const sent: number[] = [];

  for (const p of paragraphs(text)) {
    paraSpans.push({ start: p.start, end: p.end, layer: "paragraph" });
    const doc = getNlp().readDoc(text.slice(p.start, p.end));
    const values = doc.tokens().out(its.value) as string[];
    const spaces = doc.tokens().out(its.precedingSpaces) as string[];
    const tags = doc.tokens().out(its.pos) as string[];
    const tokStart = new Int32Array(values.length);
    const tokEnd = new Int32Array(values.length);
    let cursor = p.start;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      let at = cursor + spaces[i]!.length;
      if (text.startsWith(v, at) === false) {
        const found = text.indexOf(v, cursor);
        at = found >= 0 && found < p.end ? found : at;
      }
      tokStart[i] = at;
      tokEnd[i] = Math.min(at + v.length, p.end);
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
      for (let t = lo; t <= hi; t++) {
        if (tags[t] === "SPACE") continue;
        starts.push(tokStart[t]!);
        ends.push(tokEnd[t]!);
        pos.push(posId(tags[t]!));
        sent.push(sIdx);
      }
    }
  }

  const tokens: TokenColumns = {
    count: starts.length,
    start: Int32Array.from(starts),
    end: Int32Array.from(ends),
    pos: Uint8Array.from(pos),
    sentence: Int32Array.from(sent),
  };
  article.layers.paragraph = paraSpans;
  article.layers.sentence = sentences;
  article.tokens = tokens;
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
