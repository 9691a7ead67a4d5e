import { benchAnalyze } from "./analyze.js";
import { benchCluster } from "./cluster.js";
import { benchIngest } from "./ingest.js";

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

/** Every benchmark registers here. */
export const BENCHMARKS: Benchmark[] = [
  { name: "ingest", description: "ingest + clean + sentences/tokens throughput, one core", run: benchIngest },
  { name: "analyze", description: "end-to-end analyze (every layer, stories, report) on 1,000 articles, one core", run: benchAnalyze },
  { name: "cluster", description: "story clustering (features + near-duplicates + online clustering) on a synthetic-plus-real stream: articles/s and memory at 10k/100k(/1M)", run: benchCluster },
];
