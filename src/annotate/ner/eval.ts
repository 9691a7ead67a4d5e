/** `crosscheck eval ner --data FILE`: entity-level micro P/R/F1 as conlleval counts it, per type too. */
import { countSentence, emptyCounts, prf, readConll, type ConllDocument } from "./conll.js";
import { nerModel, nerModelFrom } from "./load.js";
import { scoreModel } from "./train.js";
import { findEntities } from "./annotator.js";
import type { NerModel } from "./model.js";
import { annotateSentences } from "../sentences.js";
import type { Article } from "../../model/article.js";
import { OffsetMap } from "../../model/offset-map.js";
import type { EvalOptions, EvalResult } from "../../eval/types.js";

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)$/i;
const NO_SPACE_AFTER = /^[([{$]$/;

/**
 * Each document as plain running text (spaces only where English puts them: none before
 * punctuation or clitics, none after opening brackets), with each word's character offset.
 */
export function detokenise(doc: ConllDocument): { text: string; starts: number[]; ends: number[] } {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let prev = "";
  let quoteOpen = false;
  for (const s of doc.sentences) {
    s.words.forEach((w, i) => {
      let space = text.length > 0;
      if (i === 0 && text.length > 0) text += "\n\n";
      else if (NO_SPACE_BEFORE.test(w) || NO_SPACE_AFTER.test(prev) || (w === '"' && quoteOpen) || (prev === '"' && quoteOpen)) space = false;
      if (w === '"') quoteOpen = !quoteOpen;
      if (space && i > 0) text += " ";
      starts.push(text.length);
      text += w;
      ends.push(text.length);
      prev = w;
    });
  }
  return { text, starts, ends };
}

/** Scores the whole `entities` annotator (wink-nlp tokens, re-cutting, rules) on detokenised CoNLL text. */
function scoreAsText(model: NerModel, docs: readonly ConllDocument[]): ReturnType<typeof scoreModel> {
  const counts = emptyCounts();
  let seconds = 0;
  docs.forEach((d, di) => {
    const { text, starts, ends } = detokenise(d);
    const art: Article = { id: `conll-${di}`, source: { origin: "conll", format: "text" }, raw: text, text, offsets: OffsetMap.identity(text.length), removals: [], layers: {} };
    annotateSentences(art);
    const t0 = performance.now();
    const spans = findEntities(art, model).filter((e) => e.attrs?.source === "model");
    seconds += (performance.now() - t0) / 1000;
    const guess: string[] = new Array<string>(starts.length).fill("O");
    for (const e of spans) {
      let first = true;
      for (let i = 0; i < starts.length; i++) {
        if (starts[i]! >= e.start && ends[i]! <= e.end) {
          guess[i] = `${first ? "B" : "I"}-${e.label}`;
          first = false;
        }
      }
    }
    let k = 0;
    for (const s of d.sentences) {
      countSentence(counts, s.tags, guess.slice(k, k + s.words.length));
      k += s.words.length;
    }
  });
  const perType: Record<string, { f1: number; precision: number; recall: number }> = {};
  for (const t of [...counts.perType.keys()].sort()) {
    const c = counts.perType.get(t)!;
    perType[t] = prf(c.correct, c.guessed, c.gold);
  }
  return { ...prf(counts.correct, counts.guessed, counts.gold), tokens: counts.tokens, seconds, perType };
}

export async function evalNer(opts: EvalOptions): Promise<EvalResult> {
  let docs = readConll(opts.data);
  if (opts.limit !== undefined) docs = docs.slice(0, opts.limit);
  const model = process.env.CROSSCHECK_NER_MODEL ? nerModelFrom(process.env.CROSSCHECK_NER_MODEL) : nerModel();
  const asText = opts.format === "text";
  const score = asText ? scoreAsText : scoreModel;
  // warm-up so that the speed figure is not the JIT's
  if (!asText) scoreModel(model, docs);
  const s = score(model, docs);
  const tps = s.tokens / s.seconds;
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  const lines = [
    asText
      ? `NER on ${opts.data} as running text (wink-nlp tokens, whole entities annotator): ${docs.length} documents, ${s.tokens} tokens, ${Math.round(tps)} tokens/s (annotator)`
      : `NER on ${opts.data}: ${docs.length} documents, ${s.tokens} tokens, ${Math.round(tps)} tokens/s (features + decoding)`,
    `            precision  recall      F1`,
    `overall        ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}`,
    ...Object.entries(s.perType).map(([t, v]) => `${t.padEnd(14)} ${pct(v.precision)}  ${pct(v.recall)}  ${pct(v.f1)}`),
  ];
  return {
    text: lines.join("\n"),
    json: { f1: s.f1, precision: s.precision, recall: s.recall, per_type: s.perType, tokens: s.tokens, tokens_per_second: tps },
  };
}
