import { evalCluster } from "../cluster/eval.js";
import { evalExtract } from "./extract.js";
import type { EvalTask } from "./types.js";

/** Every `crosscheck eval <task>`; each NLP component registers its evaluation here. */
export const EVAL_TASKS: Record<string, EvalTask> = {
  extract: {
    description: "main-text extraction from HTML, shingle P/R/F1 (article_extraction_benchmark)",
    run: evalExtract,
  },
  cluster: {
    description: "online story clustering: pairwise and B3 F1 against gold stories (ECB+ sub-topics, or --format timeline17)",
    run: evalCluster,
  },
};
