import { benchAnalyze } from "./analyze.js";
import { benchIngest } from "./ingest.js";
import { benchNer } from "./ner.js";
import { benchCoref } from "./coref.js";

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

/** Every benchmark registers here. */
export const BENCHMARKS: Benchmark[] = [
  { name: "ingest", description: "ingest + clean + sentences/tokens throughput, one core", run: benchIngest },
  { name: "ner", description: "named-entity tagging throughput, one core, beside compromise", run: benchNer },
  { name: "coref", description: "coreference, garbled-text detection and canonical entities throughput, one core", run: benchCoref },
  { name: "analyze", description: "end-to-end analyze (every layer, stories, report) on 1,000 articles, one core", run: benchAnalyze },
];
