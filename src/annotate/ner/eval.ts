/** `crosscheck eval ner --data FILE`: entity-level micro P/R/F1 as conlleval counts it, per type too. */
import { readConll } from "./conll.js";
import { nerModel, nerModelFrom } from "./load.js";
import { scoreModel } from "./train.js";
import type { EvalOptions, EvalResult } from "../../eval/types.js";

export async function evalNer(opts: EvalOptions): Promise<EvalResult> {
  let docs = readConll(opts.data);
  if (opts.limit !== undefined) docs = docs.slice(0, opts.limit);
  const model = process.env.CROSSCHECK_NER_MODEL ? nerModelFrom(process.env.CROSSCHECK_NER_MODEL) : nerModel();
  // warm-up so that the speed figure is not the JIT's
  scoreModel(model, docs);
  const s = scoreModel(model, docs);
  const tps = s.tokens / s.seconds;
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  const lines = [
    `NER on ${opts.data}: ${docs.length} documents, ${s.tokens} tokens, ${Math.round(tps)} tokens/s (features + decoding)`,
    `            precision  recall      F1`,
    `overall        ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}`,
    ...Object.entries(s.perType).map(([t, v]) => `${t.padEnd(14)} ${pct(v.precision)}  ${pct(v.recall)}  ${pct(v.f1)}`),
  ];
  return {
    text: lines.join("\n"),
    json: { f1: s.f1, precision: s.precision, recall: s.recall, per_type: s.perType, tokens: s.tokens, tokens_per_second: tps },
  };
}
