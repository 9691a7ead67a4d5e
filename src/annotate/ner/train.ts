/**
 * `crosscheck train ner`: averaged structured perceptron over IOB2 labels with Viterbi
 * decoding, trained on CoNLL-2003 train.txt. Word clusters come from unlabelled news text in
 * ../shared/data (Timeline17 articles, the extraction benchmark's article bodies and the
 * words of train.txt); the gazetteer comes from train.txt, jackknifed (4 folds by document)
 * so that training sentences only see entries from other documents.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { modelPath } from "../../util/paths.js";
import { chunks, countSentence, emptyCounts, prf, readConll, toIob2, type ConllDocument } from "./conll.js";
import { learnClusters } from "./clusters.js";
import { F, GAZ_MAX, GAZ_PREFIX, GAZ_SEED, L, LABELS, TYPES, gazStep, lowerForm, normalizeToken, type NerResources } from "./features.js";
import { rng } from "./hash.js";
import { documentConsistency, extendNamesLeft } from "./document.js";
import { NerModel, saveModel } from "./model.js";

export { NER_MODEL_FILE } from "./load.js";
import { NER_MODEL_FILE } from "./load.js";

export interface TrainOptions {
  data: string;
  out?: string;
  seed?: number;
  quiet?: boolean;
  epochs?: number;
  bits?: number;
}

const LABEL_ID = new Map(LABELS.map((l, i) => [l, i]));

/** Gazetteer and token-type table from the entities of some documents. */
export function buildGazetteer(docs: readonly ConllDocument[]): Pick<NerResources, "gazetteer" | "tokenTypes"> {
  const gazetteer = new Map<number, number>();
  const tokenTypes = new Map<string, number>();
  for (const d of docs) {
    for (const s of d.sentences) {
      for (const c of chunks(s.tags)) {
        if (c.end - c.start > GAZ_MAX) continue;
        const bit = 1 << TYPES.indexOf(c.type as (typeof TYPES)[number]);
        if (bit <= 0) continue;
        let h = GAZ_SEED;
        for (let i = c.start; i < c.end; i++) {
          const lw = lowerForm(normalizeToken(s.words[i]!));
          tokenTypes.set(lw, (tokenTypes.get(lw) ?? 0) | bit);
          h = gazStep(h, lw);
          const last = i === c.end - 1;
          gazetteer.set(h, (gazetteer.get(h) ?? 0) | (last ? bit : GAZ_PREFIX));
        }
      }
    }
  }
  return { gazetteer, tokenTypes };
}

/** Lowercase word forms that occur in lowercase in a document. */
export function docLowerSet(words: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const w of words) {
    const c = w.charCodeAt(0);
    if (c >= 97 && c <= 122) set.add(lowerForm(w));
  }
  return set;
}

/** Unlabelled tokenised text from ../shared/data for the clusters. */
function* unlabelledSentences(dataRoot: string, conll: readonly ConllDocument[]): Generator<string[]> {
  for (const d of conll) for (const s of d.sentences) yield s.words.map(normalizeToken);
  const t17 = join(dataRoot, "timeline17");
  if (existsSync(t17)) {
    for (const topic of readdirSync(t17).sort()) {
      const f = join(t17, topic, "articles.json");
      if (!existsSync(f)) continue;
      const arts = JSON.parse(readFileSync(f, "utf8")) as { text: string }[];
      for (const a of arts) yield* splitSentences(simpleTokens(a.text));
    }
  }
  const gt = join(dataRoot, "article_extraction_benchmark", "ground-truth.json");
  if (existsSync(gt)) {
    const obj = JSON.parse(readFileSync(gt, "utf8")) as Record<string, { articleBody: string }>;
    for (const k of Object.keys(obj).sort()) yield* splitSentences(simpleTokens(obj[k]!.articleBody));
  }
}

/** Whitespace split with punctuation peeled off word edges ("Russia's" -> "Russia" "'s"). */
export function simpleTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of normalizeToken(text).split(/\s+/)) {
    if (!raw) continue;
    const m = /^([("'[]*)(.*?)('s|[)"'\],.;:!?]*)$/.exec(raw);
    if (!m) continue;
    for (const ch of m[1]!) out.push(ch);
    if (m[2]) out.push(m[2]);
    if (m[3] === "'s") out.push("'s");
    else for (const ch of m[3]!) out.push(ch);
  }
  return out;
}

function* splitSentences(tokens: string[]): Generator<string[]> {
  let s: string[] = [];
  for (const t of tokens) {
    s.push(t);
    if ((t === "." || t === "!" || t === "?") && s.length > 1) {
      yield s;
      s = [];
    }
  }
  if (s.length) yield s;
}

interface Instance {
  feats: Int32Array;
  gold: Uint8Array;
  n: number;
}

/** Entity-level scores of a model on CoNLL documents. */
export function scoreModel(model: NerModel, docs: readonly ConllDocument[], consistency = process.env.NER_NODOC !== "1"): { f1: number; precision: number; recall: number; tokens: number; seconds: number; perType: Record<string, { f1: number; precision: number; recall: number }> } {
  const counts = emptyCounts();
  let seconds = 0;
  for (const d of docs) {
    const words = d.sentences.map((s) => s.words.map(normalizeToken));
    const t0 = performance.now();
    const docLower = docLowerSet(words.flat());
    const labels = words.map((w) => model.tag(w, docLower));
    if (consistency) {
      documentConsistency(words, labels);
      extendNamesLeft(words, labels, (w) => model.data.resources.clusters.has(w));
    }
    const guesses = labels.map((l) => Array.from(l, (x) => LABELS[x]!));
    seconds += (performance.now() - t0) / 1000;
    d.sentences.forEach((s, i) => countSentence(counts, s.tags, guesses[i]!));
  }
  const perType: Record<string, { f1: number; precision: number; recall: number }> = {};
  for (const t of [...counts.perType.keys()].sort()) {
    const c = counts.perType.get(t)!;
    perType[t] = prf(c.correct, c.guessed, c.gold);
  }
  return { ...prf(counts.correct, counts.guessed, counts.gold), tokens: counts.tokens, seconds, perType };
}

export async function trainNer(opts: TrainOptions): Promise<string> {
  const t0 = performance.now();
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  const seed = opts.seed ?? 1;
  const bits = opts.bits ?? 20;
  const epochs = opts.epochs ?? 12;
  const dataDir = opts.data;
  const train = readConll(join(dataDir, "train.txt"));
  for (const d of train) for (const s of d.sentences) s.tags = toIob2(s.tags);
  const validPath = join(dataDir, "valid.txt");
  const valid = existsSync(validPath) ? readConll(validPath) : [];
  const dataRoot = dirname(dataDir.replace(/\/+$/, ""));

  const clusters = learnClusters(unlabelledSentences(dataRoot, train), { seed, log });
  const full = buildGazetteer(train);
  const resources: NerResources = { clusters, ...full };
  const buckets = 1 << bits;
  const weights = new Float32Array(buckets * L);
  const trans = new Float32Array((L + 1) * L);
  const model = new NerModel({ bits, weights, trans, resources });

  // jackknifed gazetteers: fold k sees entities of the other folds only
  const FOLDS = 4;
  const foldGaz = Array.from({ length: FOLDS }, (_, k) => buildGazetteer(train.filter((_, i) => i % FOLDS !== k)));
  const instances: Instance[] = [];
  train.forEach((d, di) => {
    const words = d.sentences.map((s) => s.words.map(normalizeToken));
    const docLower = docLowerSet(words.flat());
    d.sentences.forEach((s, si) => {
      const n = s.words.length;
      const feats = model.extractor.extract(words[si]!, docLower, foldGaz[di % FOLDS]);
      instances.push({ feats: feats.slice(0, n * F), gold: Uint8Array.from(s.tags, (t) => LABEL_ID.get(t) ?? 0), n });
    });
  });
  log(`ner: ${instances.length} training sentences, features ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // averaged perceptron: w - u / c
  const uW = new Float32Array(weights.length);
  const uT = new Float32Array(trans.length);
  let c = 1;
  const order = Int32Array.from(instances.keys());
  const rand = rng(seed);
  const pred = new Uint8Array(256);
  const avgW = new Float32Array(weights.length);
  const avgT = new Float32Array(trans.length);
  const averaged = (): void => {
    for (let i = 0; i < weights.length; i++) avgW[i] = weights[i]! - uW[i]! / c;
    for (let i = 0; i < trans.length; i++) avgT[i] = trans[i]! - uT[i]! / c;
  };
  const evalModel = new NerModel({ bits, weights: avgW, trans: avgT, resources });
  let lastScore = 0;
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let errors = 0;
    for (const oi of order) {
      const inst = instances[oi]!;
      const { feats, gold, n } = inst;
      const out = n <= pred.length ? pred : new Uint8Array(n);
      model.viterbi(model.emissions(feats, n), n, out);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = gold[i]!;
        const p = out[i]!;
        const gp = i === 0 ? L : gold[i - 1]!;
        const pp = i === 0 ? L : out[i - 1]!;
        if (g !== p) {
          wrong = true;
          for (let k = i * F; k < i * F + F; k++) {
            const f = feats[k]!;
            weights[f + g] += 1;
            uW[f + g] += c;
            weights[f + p] -= 1;
            uW[f + p] -= c;
          }
        }
        if (g !== p || gp !== pp) {
          trans[gp * L + g] += 1;
          uT[gp * L + g] += c;
          trans[pp * L + p] -= 1;
          uT[pp * L + p] -= c;
        }
      }
      if (wrong) errors++;
      c++;
    }
    let msg = `ner: epoch ${ep + 1}/${epochs}: ${errors} sentences wrong`;
    if (valid.length && (!opts.quiet || ep === epochs - 1)) {
      averaged();
      const s = scoreModel(evalModel, valid);
      lastScore = s.f1;
      msg += `, valid F1 ${s.f1.toFixed(4)} (P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)})`;
    }
    log(msg);
  }
  averaged();
  const out = opts.out ?? modelPath(NER_MODEL_FILE);
  mkdirSync(dirname(out), { recursive: true });
  const buf = saveModel({ bits, weights: avgW, trans: avgT, resources }, { trainedOn: "conll2003/train.txt", epochs, seed, bits });
  writeFileSync(out, buf);
  const secs = (performance.now() - t0) / 1000;
  return `ner: trained ${epochs} epochs in ${secs.toFixed(0)} s; valid F1 ${lastScore.toFixed(4)}; wrote ${out} (${(buf.length / 1e6).toFixed(2)} MB)`;
}
