import { evalExtract } from "./extract.js";
import { evalNer } from "../annotate/ner/eval.js";
import type { EvalTask } from "./types.js";

/** Every `crosscheck eval <task>`; each NLP component registers its evaluation here. */
export const EVAL_TASKS: Record<string, EvalTask> = {
  extract: {
    description: "main-text extraction from HTML, shingle P/R/F1 (article_extraction_benchmark)",
    run: evalExtract,
  },
  ner: {
    description: "named entities (PER/LOC/ORG/MISC) on a CoNLL file, entity-level micro P/R/F1 as conlleval",
    run: evalNer,
  },
};
