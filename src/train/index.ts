import { trainCorefPronoun } from "./coref-pronoun.js";
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
};
