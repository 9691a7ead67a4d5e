import { evalCluster } from "../cluster/eval.js";
import { evalCameo } from "./cameo.js";
import { evalExtract } from "./extract.js";
import { evalGap } from "./gap.js";
import { evalEcbEntities } from "./ecb.js";
import { evalTimeline } from "./timeline.js";
import { evalQuotes } from "./quotes.js";
import { evalTimex } from "./timex.js";
import { evalNer } from "../annotate/ner/eval.js";
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
  gap: {
    description: "GAP pronoun coreference with the coreference sieve: F1 overall, masculine, feminine, bias (--format snippet: no page title)",
    run: evalGap,
  },
  "ecb-entities": {
    description: "ECB+ cross-document entity coreference (human participants, locations; gold mentions): MUC, B3, CEAF-e, CoNLL F1 (--format topics, default 1-35)",
    run: evalEcbEntities,
  },
  cameo: {
    description: "CAMEO event coding on PETRARCH2 unit-test records XML: records passed, triple P/R/F1",
    run: evalCameo,
  },
  timeline: {
    description: "story timelines on Timeline17: Date-F1 of the most cited days against the gold timelines (and the publication-date baseline)",
    run: evalTimeline,
  },
  timex: {
    description: "time expressions on TimeML .tml files: strict/relaxed span F1, type F1, value F1 (TempEval-3)",
    run: evalTimex,
  },
  quotes: {
    description: "quotes and speakers on PolNeAR brat files: content span P/R/F1 (exact, partial), source accuracy, nearest-name baseline",
    run: evalQuotes,
  },
  ner: {
    description: "named entities (PER/LOC/ORG/MISC) on a CoNLL file, entity-level micro P/R/F1 as conlleval",
    run: evalNer,
  },
};
