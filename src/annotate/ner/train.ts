/**
 * `crosscheck train ner`: averaged structured perceptron over IOB2 labels with Viterbi
 * decoding, trained on CoNLL-2003 train.txt. Word clusters come from unlabelled news text in
 * ../shared/data (Timeline17 articles, PolNeAR texts, ECB+ tokens, the extraction benchmark's
 * article bodies and the words of train.txt); the gazetteer comes from train.txt, jackknifed
 * (4 folds by document) so that training sentences only see entries from other documents.
 * Two stages: the first model tags the unlabelled news, and the names it finds consistently
 * become the self-training gazetteer of the second (shipped) model.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { modelPath } from "../../util/paths.js";
import { chunks, countSentence, emptyCounts, prf, readConll, toIob2, type ConllDocument } from "./conll.js";
import { learnClusters } from "./clusters.js";
import { docLowerSet, F, GAZ_MAX, GAZ_PREFIX, GAZ_SEED, L, LABELS, TYPES, gazStep, lowerForm, normalizeToken, type NerResources } from "./features.js";
import { rng } from "./hash.js";
import { documentConsistency, extendNamesLeft } from "./document.js";
import { NerModel, saveModel } from "./model.js";
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

export { docLowerSet };

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
  for (const split of ["train", "dev"]) {
    const dir = join(dataRoot, "polnear", "data", split, "text");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".txt")) yield* splitSentences(simpleTokens(readFileSync(join(dir, f), "utf8")));
  }
  const ecb = join(dataRoot, "ecbplus", "ECB+");
  if (existsSync(ecb)) {
    for (const topic of readdirSync(ecb).sort()) {
      const dir = join(ecb, topic);
      if (!existsSync(dir) || !/^\d+$/.test(topic)) continue;
      for (const f of readdirSync(dir).sort()) {
        if (!f.endsWith(".xml")) continue;
        const xml = readFileSync(join(dir, f), "utf8");
        const sents = new Map<string, string[]>();
        for (const m of xml.matchAll(/<token [^>]*sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
          let s = sents.get(m[1]!);
          if (!s) sents.set(m[1]!, (s = []));
          s.push(normalizeToken(m[2]!.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">")));
        }
        yield* sents.values();
      }
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
    const docLower = docLowerSet(words);
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

interface Trained {
  weights: Float32Array;
  trans: Float32Array;
  validF1: number;
}

/** Averaged structured perceptron over the training instances; returns averaged weights. */
function perceptron(
  model: NerModel,
  instances: readonly Instance[],
  epochs: number,
  seed: number,
  valid: readonly ConllDocument[],
  log: (s: string) => void,
  evalEvery: boolean,
): Trained {
  const { weights, trans, bits, resources } = model.data;
  weights.fill(0);
  trans.fill(0);
  const uW = new Float32Array(weights.length);
  const uT = new Float32Array(trans.length);
  let c = 1;
  const order = Int32Array.from(instances.keys());
  const rand = rng(seed);
  let pred = new Uint8Array(256);
  const avgW = new Float32Array(weights.length);
  const avgT = new Float32Array(trans.length);
  const averaged = (): void => {
    for (let i = 0; i < weights.length; i++) avgW[i] = weights[i]! - uW[i]! / c;
    for (let i = 0; i < trans.length; i++) avgT[i] = trans[i]! - uT[i]! / c;
  };
  const evalModel = new NerModel({ bits, weights: avgW, trans: avgT, resources });
  let validF1 = 0;
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let errors = 0;
    for (const oi of order) {
      const { feats, gold, n } = instances[oi]!;
      if (pred.length < n) pred = new Uint8Array(n * 2);
      const out = pred;
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
    if (valid.length && (evalEvery || ep === epochs - 1)) {
      averaged();
      const s = scoreModel(evalModel, valid);
      validF1 = s.f1;
      msg += `, valid F1 ${s.f1.toFixed(4)} (P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)})`;
    }
    log(msg);
  }
  averaged();
  return { weights: avgW, trans: avgT, validF1 };
}

/** Training instances: features of every train sentence with a jackknifed gazetteer. */
function buildInstances(model: NerModel, train: readonly ConllDocument[]): Instance[] {
  const FOLDS = 4;
  const foldGaz = Array.from({ length: FOLDS }, (_, k) => buildGazetteer(train.filter((_, i) => i % FOLDS !== k)));
  const instances: Instance[] = [];
  train.forEach((d, di) => {
    const words = d.sentences.map((s) => s.words.map(normalizeToken));
    const docLower = docLowerSet(words);
    d.sentences.forEach((s, si) => {
      const n = s.words.length;
      const feats = model.extractor.extract(words[si]!, docLower, foldGaz[di % FOLDS]);
      instances.push({ feats: feats.slice(0, n * F), gold: Uint8Array.from(s.tags, (t) => LABEL_ID.get(t) ?? 0), n });
    });
  });
  return instances;
}

/**
 * Self-training gazetteer: names the first model finds in unlabelled news, kept when seen at
 * least `minCount` times with one type at least 80% of the time.
 */
function autoGazetteer(model: NerModel, sentences: readonly string[][], minCount = 3): Map<number, number> {
  const counts = new Map<string, Map<number, number>>();
  for (const w of sentences) {
    const labels = model.tag(w);
    for (let i = 0; i < w.length; ) {
      const lab = LABELS[labels[i]!]!;
      if (lab === "O") {
        i++;
        continue;
      }
      const t = lab.slice(2);
      let j = i + 1;
      while (j < w.length && LABELS[labels[j]!] === `I-${t}`) j++;
      if (j - i <= GAZ_MAX) {
        const key = w.slice(i, j).map(lowerForm).join(" ");
        let m = counts.get(key);
        if (!m) counts.set(key, (m = new Map()));
        const bit = 1 << TYPES.indexOf(t as (typeof TYPES)[number]);
        m.set(bit, (m.get(bit) ?? 0) + 1);
      }
      i = j;
    }
  }
  const gaz = new Map<number, number>();
  for (const [key, m] of counts) {
    let total = 0;
    let best = 0;
    let bestBit = 0;
    for (const [bit, n] of m) {
      total += n;
      if (n > best) [best, bestBit] = [n, bit];
    }
    if (total < minCount || best < 0.8 * total) continue;
    const parts = key.split(" ");
    let h = GAZ_SEED;
    parts.forEach((p, k) => {
      h = gazStep(h, p);
      gaz.set(h, (gaz.get(h) ?? 0) | (k === parts.length - 1 ? bestBit : GAZ_PREFIX));
    });
  }
  return gaz;
}

export async function trainNer(opts: TrainOptions): Promise<string> {
  const t0 = performance.now();
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  const seed = opts.seed ?? 1;
  const bits = opts.bits ?? 20;
  const epochs = opts.epochs ?? 10;
  const dataDir = opts.data;
  const train = readConll(join(dataDir, "train.txt"));
  for (const d of train) for (const s of d.sentences) s.tags = toIob2(s.tags);
  const validPath = join(dataDir, "valid.txt");
  const valid = existsSync(validPath) ? readConll(validPath) : [];
  const dataRoot = dirname(dataDir.replace(/\/+$/, ""));

  const unlabelled = [...unlabelledSentences(dataRoot, train)];
  const clusters = learnClusters(unlabelled, { seed, log });
  const resources: NerResources = { clusters, ...buildGazetteer(train), autoGazetteer: new Map() };
  const model = new NerModel({ bits, weights: new Float32Array((1 << bits) * L), trans: new Float32Array((L + 1) * L), resources });
  const secs = (): string => ((performance.now() - t0) / 1000).toFixed(0);

  // stage 1: a model without the self-training gazetteer
  let instances = buildInstances(model, train);
  log(`ner: ${instances.length} training sentences, features ready at ${secs()} s`);
  const first = perceptron(model, instances, epochs, seed, valid, log, !opts.quiet);
  // stage 2: names the first model finds in the unlabelled news become a gazetteer feature
  const stage1 = new NerModel({ bits, weights: first.weights, trans: first.trans, resources: { ...resources } });
  const unlabelledNews = unlabelled.slice(train.reduce((n, d) => n + d.sentences.length, 0));
  resources.autoGazetteer = autoGazetteer(stage1, unlabelledNews);
  log(`ner: stage 1 valid F1 ${first.validF1.toFixed(4)}; self-training gazetteer ${resources.autoGazetteer.size} entries at ${secs()} s`);
  instances = buildInstances(model, train);
  const final = perceptron(model, instances, epochs, seed, valid, log, !opts.quiet);

  const out = opts.out ?? modelPath(NER_MODEL_FILE);
  mkdirSync(dirname(out), { recursive: true });
  const buf = saveModel({ bits, weights: final.weights, trans: final.trans, resources }, { trainedOn: "conll2003/train.txt", epochs, seed, bits });
  writeFileSync(out, buf);
  return `ner: trained in ${secs()} s; valid F1 stage 1 ${first.validF1.toFixed(4)}, final ${final.validF1.toFixed(4)}; wrote ${out} (${(buf.length / 1e6).toFixed(2)} MB)`;
}
