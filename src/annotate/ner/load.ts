import { readFileSync } from "node:fs";
import { modelPath } from "../../util/paths.js";
import { NerModel, loadModel } from "./model.js";

export const NER_MODEL_FILE = "ner.bin.gz";

let cached: NerModel | undefined;

/** The committed NER model (models/ner.bin.gz), loaded on first use. */
export function nerModel(): NerModel {
  cached ??= new NerModel(loadModel(readFileSync(modelPath(NER_MODEL_FILE))).data).freeze();
  return cached;
}

/** A model from another file (training experiments, evaluation of a candidate). */
export function nerModelFrom(path: string): NerModel {
  return new NerModel(loadModel(readFileSync(path)).data).freeze();
}
