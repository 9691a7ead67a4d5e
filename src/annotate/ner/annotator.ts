/**
 * The "entities" annotator: the statistical tagger (PER/LOC/ORG/MISC) over each sentence of
 * the article's tokens, titles split off person names, then rule entities (MONEY, PERCENT,
 * CARDINAL, AGE) where the tagger found nothing. Writes the `entity` layer: sorted by start,
 * non-overlapping, attrs {source, title?, value?, unit?, qualifier?}.
 */
import type { Article } from "../../model/article.js";
import type { Attrs, Span } from "../../model/span.js";
import { FORM_HONORIFIC, FORM_RULE_START, LABELS, type FeatureExtractor } from "./features.js";
import { nerModel } from "./load.js";
import type { NerModel } from "./model.js";
import { ruleEntities } from "./rules.js";
import { isHonorific, isTitleWord, titleBefore, titleInside } from "./titles.js";
import { nerSentences, type NerToken } from "./tokens.js";
import { documentConsistency, extendNamesLeft } from "./document.js";

export function annotateEntities(article: Article): void {
  article.layers.entity = findEntities(article, nerModel());
}

/** Entity spans of an article (tokens from the sentences annotator). */
export function findEntities(article: Article, model: NerModel): Span[] {
  if (!article.tokens) throw new Error("entities: run the sentences annotator first");
  const text = article.text;
  const forms = model.formsFor(article.tokens.count);
  FORMS = forms?.extractor;
  const sentences = nerSentences(text, article.tokens, forms?.extractor);
  // (plain pushes, not map(): the arrays then always have the same elements kind, so the document
  // passes below see one array shape)
  const words = sentenceWords(sentences);
  const spans: Span[] = [];
  const allLabels = model.tagTokens(sentences, words, forms);
  for (let si = 0; si < sentences.length; si++) stripTitles(sentences[si]!, allLabels[si]!);
  documentConsistency(words, allLabels, forms ? sentences : undefined);
  extendNamesLeft(words, allLabels, (w) => model.data.resources.clusters.has(w));
  for (let si = 0; si < sentences.length; si++) sentenceEntities(text, sentences[si]!, allLabels[si]!, spans);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return spans;
}

/** The form table of the document being annotated (its tokens' form ids are ids there), if any. */
let FORMS: FeatureExtractor | undefined;

/** `mayStartRule` of a form of `FORMS`. */
function ruleStart(form: number): boolean {
  return (FORMS!.formBits(form) & FORM_RULE_START) !== 0;
}

/** `isHonorific` of a token's text. */
function honorific(t: NerToken): boolean {
  return t.form >= 0 ? (FORMS!.formBits(t.form) & FORM_HONORIFIC) !== 0 : isHonorific(t.text);
}

/** The token texts of each sentence. */
function sentenceWords(sentences: readonly (readonly NerToken[])[]): string[][] {
  const words: string[][] = [];
  for (let si = 0; si < sentences.length; si++) {
    const toks = sentences[si]!;
    const w: string[] = [];
    for (let i = 0; i < toks.length; i++) w.push(toks[i]!.text);
    words.push(w);
  }
  return words;
}

/** The type of each label id ("" for O). */
const TYPE_NAMES: readonly string[] = LABELS.map((l) => (l === "O" ? "" : l.slice(2)));

/** `sentenceEntities`' marks of the tokens taken by model spans, reused from sentence to sentence. */
let TAKEN = new Uint8Array(256);

/** The entity spans of one sentence: the model's labels as spans, then the rules' spans that clash with none of them. */
function sentenceEntities(text: string, toks: readonly NerToken[], labels: Uint8Array, spans: Span[]): void {
  if (TAKEN.length < toks.length) TAKEN = new Uint8Array(toks.length * 2);
  const taken = TAKEN;
  taken.fill(0, 0, toks.length);
  modelEntities(text, toks, labels, taken, spans);
  ruleEntitySpans(toks, taken, spans);
}

/** The model's labelled runs as spans (person spans with the title before them); marks their tokens in `taken`. */
function modelEntities(text: string, toks: readonly NerToken[], labels: Uint8Array, taken: Uint8Array, spans: Span[]): void {
  let prevEnd = 0;
  for (let i = 0; i < toks.length; ) {
    if (labels[i] === 0) {
      i++;
      continue;
    }
    const type = TYPE_NAMES[labels[i]!]!;
    const inside = insideOf(labels[i]!);
    let j = i + 1;
    while (j < toks.length && labels[j] === inside) j++;
    const attrs: Attrs = { source: "model" };
    if (type === "PER") {
      const t = titleBefore(toks, i, prevEnd);
      if (t < i) attrs.title = text.slice(toks[t]!.start, toks[i - 1]!.end);
    }
    const sp = span(toks, i, j, type, attrs);
    // "World War I." closing a sentence: the period is the sentence's, not the name's
    if (j - i > 1 && /^\p{Lu}\.$/u.test(toks[j - 1]!.text) && (j === toks.length || /^[\p{Lu}"'(]/u.test(toks[j]!.text))) sp.end--;
    spans.push(sp);
    taken.fill(1, i, j);
    prevEnd = j;
    i = j;
  }
}

/** The rule entities (numbers, amounts, dates...) of a sentence that overlap no model span. */
function ruleEntitySpans(toks: readonly NerToken[], taken: Uint8Array, spans: Span[]): void {
  const rules = ruleEntities(toks, ruleStart);
  for (let n = 0; n < rules.length; n++) {
    const r = rules[n]!;
    let clash = false;
    for (let k = r.from; k < r.to; k++) if (taken[k]) clash = true;
    if (clash) continue;
    const attrs: Attrs = { source: "rule", value: r.value };
    if (r.unit !== undefined) attrs.unit = r.unit;
    if (r.qualifier !== undefined) attrs.qualifier = r.qualifier;
    spans.push(span(toks, r.from, r.to, r.label, attrs));
  }
}

/**
 * Title words the model put at the start of a person span ("Mr." "Karlov") become O, and a
 * name right after an honorific ("Mr.", "Dr.") is a person whatever type the model gave it.
 */
function stripTitles(toks: readonly NerToken[], labels: Uint8Array): void {
  const bPer = LABELS.indexOf("B-PER");
  for (let i = 0; i < toks.length; i++) {
    if (labels[i] === 0) {
      // "Mr. Putin" left untagged
      if (i > 0 && honorific(toks[i - 1]!) && /^\p{Lu}\p{Ll}/u.test(toks[i]!.text) && !isTitleWord(toks[i]!.text)) labels[i] = bPer;
      else continue;
    }
    if (labels[i]! % 2 === 0) continue; // an I- label
    // (the span's own work is a function of its own: its rare branches made V8 recompile the whole loop)
    i = stripSpan(toks, labels, i, bPer) - 1;
  }
}

/** `stripTitles` on the labelled span starting at token i (a B- label); returns the end of the span. */
function stripSpan(toks: readonly NerToken[], labels: Uint8Array, i: number, bPer: number): number {
  const type = TYPE_NAMES[labels[i]!]!;
  const inside = insideOf(labels[i]!);
  let j = i + 1;
  while (j < toks.length && labels[j] === inside) j++;
  if (j === i + 1 && type === "PER" && isTitleWord(toks[i]!.text)) {
    labels[i] = 0; // a lone title ("Mr. President") is no name
    return i + 1;
  }
  const from = type === "PER" ? titleInside(toks, i, j) : isHonorific(toks[i]!.text) && j - i > 1 ? i + 1 : i;
  const afterHonorific = (from > 0 && isHonorific(toks[from - 1]!.text)) || from > i;
  if (from > i || (afterHonorific && type !== "PER")) {
    labels.fill(0, i, from);
    labels[from] = afterHonorific ? bPer : labels[i]!;
    for (let k = from + 1; k < j; k++) labels[k] = labels[from]! + 1;
  }
  return j;
}

/** The I- label id of the type of label id l (B-T ids are odd, I-T ids even, O is 0). */
function insideOf(l: number): number {
  return l % 2 === 1 ? l + 1 : l;
}

function span(toks: readonly NerToken[], from: number, to: number, label: string, attrs: Attrs): Span {
  return { start: toks[from]!.start, end: toks[to - 1]!.end, layer: "entity", label, attrs };
}
