import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { FEATURE_NAMES, PRONOUN_MODEL, setPronounWeights } from "../annotate/coref/pronouns.js";
import { readGap, resolveGapRow, type GapRow } from "../eval/gap.js";
import { modelPath } from "../util/paths.js";

interface Example {
  features: Float64Array[];
  positive: boolean[];
}

export function collectExamples(rows: GapRow[]): Example[] {
  const out: Example[] = [];
  for (const row of rows) {
    const gold = row.aCoref ? "A" : row.bCoref ? "B" : undefined;
    if (!gold) continue;
    resolveGapRow(row, true, (cands) => {
      const positive = cands.map((c) => c.golds.includes(gold));
      if (cands.length > 1 && positive.some(Boolean) && !positive.every(Boolean)) out.push({ features: cands.map((c) => c.info.features), positive });
    });
  }
  return out;
}

/** Conditional logit (softmax over a pronoun's candidates) by full-batch gradient ascent with L2. */
export function fit(examples: Example[], iterations = 300, rate = 0.5, l2 = 0.01): Float64Array {
  const d = FEATURE_NAMES.length;
  const w = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(d);
    for (const ex of examples) {
      const scores = ex.features.map((f) => f.reduce((s, v, i) => s + v * w[i]!, 0));
      const max = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - max));
      const z = exp.reduce((a, b) => a + b, 0);
      const zPos = exp.reduce((a, b, i) => a + (ex.positive[i] ? b : 0), 0);
      ex.features.forEach((f, c) => {
        const pAll = exp[c]! / z;
        const pPos = ex.positive[c] ? exp[c]! / zPos : 0;
        for (let i = 0; i < d; i++) grad[i] += (pPos - pAll) * f[i]!;
      });
    }
    for (let i = 0; i < d; i++) w[i] += (rate * (grad[i]! - l2 * w[i]! * examples.length)) / examples.length;
  }
  w[0] = 0; // the bias cancels in a softmax over candidates
  return w;
}

export const trainCorefPronoun = {
  description: "pronoun-resolution weights of the coreference sieve (conditional logit on GAP validation; several files comma-separated)",
  defaultData: "../shared/data/gap/gap-validation.tsv",
  async run(opts: { data: string; out?: string; quiet?: boolean }): Promise<string> {
    setPronounWeights(new Float64Array(FEATURE_NAMES.length).fill(0).map((_, i) => (FEATURE_NAMES[i] === "bias" ? 0 : 0.01)));
    const rows = opts.data.split(",").flatMap((f) => readGap(f));
    const examples = collectExamples(rows);
    const w = fit(examples);
    const weights = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, Number(w[i]!.toFixed(4))]));
    const out = opts.out ?? modelPath(PRONOUN_MODEL);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ trainedOn: opts.data, examples: examples.length, weights }, null, 1) + "\n");
    setPronounWeights(undefined);
    return `trained on ${examples.length} pronouns with competing candidates from ${rows.length} rows; wrote ${out}\n${JSON.stringify(weights)}`;
  },
};
