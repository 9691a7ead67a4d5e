import { trainCorefPronoun } from "./coref-pronoun.js";
import { trainCameoTables } from "./cameo-tables.js";
import { trainNer } from "../annotate/ner/train.js";

/** A `crosscheck train <model>` task: trains from ../shared/data and writes weights under models/. */
export interface TrainTask {
  description: string;
  /** Default dataset path, relative to the working directory. */
  defaultData: string;
  run(opts: { data: string; out?: string; seed?: number; quiet?: boolean }): Promise<string>;
}

/** Every trainable model registers here. */
export const TRAIN_TASKS: Record<string, TrainTask> = {
  "coref-pronoun": trainCorefPronoun,
  "cameo-tables": {
    description: "compact CAMEO verb/actor/agent table from the PETRARCH2 dictionaries → models/cameo-tables.json.gz",
    defaultData: "../shared/data/petrarch2_validation",
    run: trainCameoTables,
  },
  ner: {
    description: "named-entity tagger (averaged perceptron, PER/LOC/ORG/MISC) from CoNLL-2003 train + word clusters",
    defaultData: "../shared/data/conll2003",
    run: trainNer,
  },
};
