import { existsSync, readFileSync } from "node:fs";
import { modelPath } from "../../util/paths.js";
import type { MentionKind, SynRole } from "./mentions.js";

export interface PronounContext {
  sentDist: number;
  tokDist: number;
  candRole: SynRole;
  proRole: SynRole;
  cataphoric: boolean;
  clusterSize: number;
  candKind: MentionKind;
  topic: boolean;
  quoteMismatch: boolean;
  sentenceInitial: boolean;
  rank: number;
  nearestSubject: boolean;
  parenthetical: boolean;
  firstPerson: boolean;
  genderMatch: boolean;
  relativeSubject: boolean;
  nameRank: number;
  sameClause: boolean;
  firstSubject: boolean;
  possessor: boolean;
  genderClash: boolean;
  /** The word before the candidate is a preposition ("with Beryl Markham"). */
  afterPreposition: boolean;
  /** The candidate stands in a list or coordination ("A and B", "A, B"). */
  coordinated: boolean;
  /** The pronoun opens the sentence's first phrase and the candidate is the subject after the comma ("In her tenure, Consagra …"). */
  cataphoraSubject: boolean;
  /** The pronoun is the object of a non-finite verb whose understood subject is the candidate ("X challenged Y, defeating him"). */
  controllerObject: boolean;
  /** The pronoun is "her", which is either object or possessive. */
  her: boolean;
}

export interface CandidateInfo {
  index: number;
  features: Float64Array;
}

export const FEATURE_NAMES = [
  "bias", "same-sentence", "prev-sentence", "far-sentence", "cand-subj", "cand-obj", "cand-poss", "parallel",
  "log-token-distance", "cataphoric", "log-chain-size", "cand-name", "cand-pronoun", "cand-nominal", "topic", "quote-mismatch",
  "sentence-initial", "nearest", "nearest-subject", "parenthetical", "first-person", "gender-match", "pro-poss-cand-subj",
  "relative-subject", "nearest-name", "second-name", "same-clause", "subj-to-subj", "subj-to-poss",
  "same-sent-subj", "prev-sent-subj", "same-sent-obj", "pro-obj-cand-subj-same", "first-subject", "possessor", "topic-x-far", "pro-subj-cand-obj-same",
  "name-x-prev", "pronoun-x-same", "soft-gender-clash", "after-preposition", "coordinated", "cataphora-subject", "controller-object", "her-subj", "her-obj", "her-poss", "her-same-sentence", "her-nearest-name", "her-after-prep",
  ...(["subj", "obj", "poss"] as const).flatMap((p) => (["subj", "obj", "poss", "other"] as const).flatMap((c) => [0, 1, 2].map((d) => `grid-${p}-${c}-${d}` as const))),
] as const;

const GRID_BASE = 50;

/** Feature vector of one (pronoun, candidate) pair. */
export function pronounFeatures(c: PronounContext): Float64Array {
  return pronounFeaturesInto(c, new Float64Array(FEATURE_NAMES.length));
}

/** `pronounFeatures` written into `f` (FEATURE_NAMES.length long; every entry is overwritten). */
export function pronounFeaturesInto(c: PronounContext, f: Float64Array): Float64Array {
  f.fill(0, GRID_BASE);
  f[0] = 1;
  f[1] = c.sentDist === 0 ? 1 : 0;
  f[2] = c.sentDist === 1 ? 1 : 0;
  f[3] = c.sentDist >= 2 ? 1 : 0;
  f[4] = c.candRole === "subj" ? 1 : 0;
  f[5] = c.candRole === "obj" ? 1 : 0;
  f[6] = c.candRole === "poss" ? 1 : 0;
  f[7] = (c.candRole === "subj" || c.candRole === "obj") && c.candRole === c.proRole ? 1 : 0;
  f[8] = Math.log1p(c.tokDist);
  f[9] = c.cataphoric ? 1 : 0;
  f[10] = Math.log1p(c.clusterSize);
  f[11] = c.candKind === "name" || c.candKind === "title" ? 1 : 0;
  f[12] = c.candKind === "pronoun" ? 1 : 0;
  f[13] = c.candKind === "nominal" ? 1 : 0;
  f[14] = c.topic ? 1 : 0;
  f[15] = c.quoteMismatch ? 1 : 0;
  f[16] = c.sentenceInitial ? 1 : 0;
  f[17] = c.rank === 0 ? 1 : 0;
  f[18] = c.nearestSubject ? 1 : 0;
  f[19] = c.parenthetical ? 1 : 0;
  f[20] = c.firstPerson ? 1 : 0;
  f[21] = c.genderMatch ? 1 : 0;
  f[22] = c.proRole === "poss" && c.candRole === "subj" ? 1 : 0;
  f[23] = c.relativeSubject ? 1 : 0;
  f[24] = c.nameRank === 0 ? 1 : 0;
  f[25] = c.nameRank === 1 ? 1 : 0;
  f[26] = c.sameClause ? 1 : 0;
  f[27] = c.candRole === "subj" && c.proRole === "subj" && c.sentDist > 0 ? 1 : 0;
  f[28] = c.candRole === "subj" && c.proRole === "poss" && c.sentDist === 0 ? 1 : 0;
  f[29] = c.sentDist === 0 && c.candRole === "subj" ? 1 : 0;
  f[30] = c.sentDist === 1 && c.candRole === "subj" ? 1 : 0;
  f[31] = c.sentDist === 0 && c.candRole === "obj" ? 1 : 0;
  f[32] = c.sentDist === 0 && c.proRole === "obj" && c.candRole === "subj" ? 1 : 0;
  f[33] = c.firstSubject ? 1 : 0;
  f[34] = c.possessor ? 1 : 0;
  f[35] = c.topic && c.sentDist >= 1 ? 1 : 0;
  f[36] = c.sentDist === 0 && c.proRole === "subj" && c.candRole === "obj" ? 1 : 0;
  f[37] = (c.candKind === "name" || c.candKind === "title") && c.sentDist >= 1 ? 1 : 0;
  f[38] = c.candKind === "pronoun" && c.sentDist === 0 ? 1 : 0;
  f[39] = c.genderClash ? 1 : 0;
  f[40] = c.afterPreposition ? 1 : 0;
  f[41] = c.coordinated ? 1 : 0;
  f[42] = c.cataphoraSubject ? 1 : 0;
  f[43] = c.controllerObject ? 1 : 0;
  f[44] = c.her && c.candRole === "subj" ? 1 : 0;
  f[45] = c.her && c.candRole === "obj" ? 1 : 0;
  f[46] = c.her && c.candRole === "poss" ? 1 : 0;
  f[47] = c.her && c.sentDist === 0 ? 1 : 0;
  f[48] = c.her && c.nameRank === 0 ? 1 : 0;
  f[49] = c.her && c.afterPreposition ? 1 : 0;
  const pr = c.proRole === "subj" ? 0 : c.proRole === "poss" ? 2 : 1;
  const cr = c.candRole === "subj" ? 0 : c.candRole === "obj" ? 1 : c.candRole === "poss" ? 2 : 3;
  f[GRID_BASE + pr * 12 + cr * 3 + Math.min(2, c.sentDist)] = 1;
  return f;
}

/** Hand-set weights (salience and subject preference, Lappin & Leass style); replaced by the trained file when present. */
const DEFAULT_WEIGHTS: Partial<Record<(typeof FEATURE_NAMES)[number], number>> = {
  bias: 0, "same-sentence": 0.5, "prev-sentence": 0.2, "far-sentence": -0.8, "cand-subj": 1.0, "cand-obj": 0.2, "cand-poss": 0.1,
  parallel: 0.6, "log-token-distance": -0.3, cataphoric: -1.5, "log-chain-size": 0.5, "cand-name": 0.3, "cand-pronoun": 0.3,
  "cand-nominal": 0, topic: 1.0, "quote-mismatch": -1.0, "sentence-initial": 0.3, nearest: 0.2, "nearest-subject": 0.6,
  parenthetical: -1.0, "first-person": 0.3, "gender-match": 0.5, "pro-poss-cand-subj": 0.3,
  "relative-subject": 0.3, "nearest-name": 0.3, "second-name": 0, "same-clause": 0.2, "subj-to-subj": 0.3, "subj-to-poss": 0.2,
};

/** Score a pair must reach for the pronoun to be linked at all. */
export const PRONOUN_THRESHOLD = -2;

export const PRONOUN_MODEL = "coref-pronoun.json";
let weights: Float64Array | undefined;

export function setPronounWeights(w: Float64Array | undefined): void {
  weights = w;
}

/** The weights in use: models/coref-pronoun.json (trained by `crosscheck train coref-pronoun`) or the defaults. */
export function pronounWeights(): Float64Array {
  if (weights) return weights;
  const path = modelPath(PRONOUN_MODEL);
  const w = new Float64Array(FEATURE_NAMES.length);
  let table: Partial<Record<string, number>> = DEFAULT_WEIGHTS;
  if (existsSync(path)) table = (JSON.parse(readFileSync(path, "utf8")) as { weights: Record<string, number> }).weights;
  FEATURE_NAMES.forEach((name, i) => (w[i] = table[name] ?? 0));
  weights = w;
  return w;
}

export function pronounScore(f: Float64Array): number {
  const w = pronounWeights();
  let s = 0;
  for (let i = 0; i < f.length; i++) s += w[i]! * f[i]!;
  return s;
}
