import { benchAnalyze } from "./analyze.js";
import { benchAnnotate } from "./annotate.js";
import { benchEvents } from "./events.js";
import { benchCluster } from "./cluster.js";
import { benchIngest } from "./ingest.js";
import { benchReport } from "./report.js";
import { benchNer } from "./ner.js";
import { benchCoref } from "./coref.js";
import { benchTimexQuotes } from "./timex-quotes.js";

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

/** Every benchmark registers here. */
export const BENCHMARKS: Benchmark[] = [
  { name: "ingest", description: "ingest + clean + sentences/tokens throughput, one core", run: benchIngest },
  { name: "events", description: "events annotator (CAMEO coding) on 1,000 tokenised articles, one core", run: benchEvents },
  { name: "report", description: "report rendering (each HTML section, Markdown, CSV/GraphML) for 1,000 articles, one core", run: benchReport },
  { name: "ner", description: "named-entity tagging throughput, one core, beside compromise", run: benchNer },
  { name: "coref", description: "coreference, garbled-text detection and canonical entities throughput, one core", run: benchCoref },
  { name: "timex-quotes", description: "timex and quotes annotators alone, one core", run: benchTimexQuotes },
  { name: "annotate", description: "the annotate stage of analyze (clean + each annotator) in CPU-seconds per step, 1,000 articles, one core", run: benchAnnotate },
  { name: "analyze", description: "end-to-end analyze (every layer, stories, report) on 1,000 articles, one core", run: benchAnalyze },
  { name: "cluster", description: "story clustering (features + near-duplicates + online clustering) on a synthetic-plus-real stream: articles/s and memory at 10k/100k(/1M)", run: benchCluster },
];
