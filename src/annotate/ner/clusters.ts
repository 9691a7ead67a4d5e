/**
 * Distributional word clusters learned from unlabelled news text (training time only).
 * Each frequent word gets a vector of positive PMI with its left and right neighbours (the
 * 1,000 most frequent words plus four shape classes for the rest), randomly projected to 96
 * dimensions; spherical k-means then splits the vocabulary hierarchically into 16, 128 and
 * 1,024 clusters. A word's cluster path (three levels) feeds the tagger like a Brown path does.
 */
import { rng } from "./hash.js";

export interface ClusterOptions {
  minCount?: number;
  maxVocab?: number;
  contexts?: number;
  dims?: number;
  branching?: [number, number, number];
  seed?: number;
  log?: (s: string) => void;
}

function shapeClass(w: string): number {
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return 0;
  if (w[0] !== w[0]!.toLowerCase()) return 1;
  if (w[0] !== w[0]!.toUpperCase()) return 2;
  return 3;
}

/** Learns clusters from tokenised sentences; returns word -> packed (c1 << 20 | c2 << 10 | c3). */
export function learnClusters(sentences: Iterable<readonly string[]>, opts: ClusterOptions = {}): Map<string, number> {
  const minCount = opts.minCount ?? 4;
  const maxVocab = opts.maxVocab ?? 60000;
  const nCtx = opts.contexts ?? 1000;
  const D = opts.dims ?? 96;
  const [k1, k2, k3] = opts.branching ?? [16, 8, 8];
  const rand = rng(opts.seed ?? 1);
  const log = opts.log ?? (() => {});

  const sents: string[][] = [];
  const freq = new Map<string, number>();
  const lowFreq = new Map<string, number>();
  for (const s of sentences) {
    sents.push(s as string[]);
    for (const w of s) {
      freq.set(w, (freq.get(w) ?? 0) + 1);
      const l = w.toLowerCase();
      lowFreq.set(l, (lowFreq.get(l) ?? 0) + 1);
    }
  }
  const vocab = [...freq].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxVocab).map(([w]) => w);
  const wid = new Map(vocab.map((w, i) => [w, i]));
  const ctxWords = [...lowFreq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, nCtx).map(([w]) => w);
  const cid = new Map(ctxWords.map((w, i) => [w, i]));
  const C = nCtx + 5; // + 4 shape classes + sentence boundary
  const ctxOf = (w: string | undefined): number => (w === undefined ? nCtx + 4 : cid.get(w.toLowerCase()) ?? nCtx + shapeClass(w));
  log(`clusters: ${sents.length} sentences, vocabulary ${vocab.length}, ${C} contexts`);

  // (word, context) occurrence keys, sorted and run-length counted
  let total = 0;
  for (const s of sents) for (const w of s) if (wid.has(w)) total += 2;
  const keys = new Int32Array(total);
  let o = 0;
  for (const s of sents) {
    for (let i = 0; i < s.length; i++) {
      const w = wid.get(s[i]!);
      if (w === undefined) continue;
      keys[o++] = w * 2 * C + ctxOf(s[i - 1]);
      keys[o++] = w * 2 * C + C + ctxOf(s[i + 1]);
    }
  }
  keys.sort();
  const pw: number[] = [];
  const pc: number[] = [];
  const pn: number[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j < keys.length && keys[j] === keys[i]) j++;
    pw.push(Math.floor(keys[i]! / (2 * C)));
    pc.push(keys[i]! % (2 * C));
    pn.push(j - i);
    i = j;
  }
  const wCount = new Float64Array(vocab.length);
  const cCount = new Float64Array(2 * C);
  for (let i = 0; i < pn.length; i++) {
    wCount[pw[i]!] += pn[i]!;
    cCount[pc[i]!] += pn[i]!;
  }
  // random projection matrix (Gaussian-ish via sum of uniforms)
  const R = new Float32Array(2 * C * D);
  for (let i = 0; i < R.length; i++) R[i] = rand() + rand() + rand() - 1.5;
  const vec = new Float32Array(vocab.length * D);
  for (let i = 0; i < pn.length; i++) {
    const w = pw[i]!;
    const c = pc[i]!;
    // context distribution smoothing (alpha 0.75) as in Levy et al.
    const pmi = Math.log((pn[i]! * total) / (wCount[w]! * Math.pow(cCount[c]!, 0.75) * Math.pow(total, 0.25)));
    if (pmi <= 0) continue;
    const vo = w * D;
    const ro = c * D;
    for (let d = 0; d < D; d++) vec[vo + d] += pmi * R[ro + d]!;
  }
  for (let w = 0; w < vocab.length; w++) normalise(vec, w * D, D);
  log(`clusters: ${pn.length} (word, context) pairs projected to ${D} dims`);

  const all = Int32Array.from(vocab.keys());
  const level1 = kmeans(vec, D, all, k1, rand);
  const path = new Int32Array(vocab.length * 3);
  let g2 = 0;
  let g3 = 0;
  for (let a = 0; a < k1; a++) {
    const m1 = all.filter((_, i) => level1[i] === a);
    for (const w of m1) path[w * 3] = a;
    const level2 = kmeans(vec, D, m1, k2, rand);
    for (let b = 0; b < k2; b++) {
      const m2 = m1.filter((_, i) => level2[i] === b);
      if (m2.length === 0) continue;
      const id2 = g2++;
      for (const w of m2) path[w * 3 + 1] = id2;
      const level3 = kmeans(vec, D, m2, k3, rand);
      const ids = new Map<number, number>();
      for (let i = 0; i < m2.length; i++) {
        let id3 = ids.get(level3[i]!);
        if (id3 === undefined) ids.set(level3[i]!, (id3 = g3++));
        path[m2[i]! * 3 + 2] = id3;
      }
    }
  }
  log(`clusters: ${k1} / ${g2} / ${g3} clusters`);
  const out = new Map<string, number>();
  for (let w = 0; w < vocab.length; w++) out.set(vocab[w]!, (path[w * 3]! << 20) | (path[w * 3 + 1]! << 10) | path[w * 3 + 2]!);
  return out;
}

function normalise(v: Float32Array, o: number, D: number): void {
  let s = 0;
  for (let d = 0; d < D; d++) s += v[o + d]! * v[o + d]!;
  s = Math.sqrt(s) || 1;
  for (let d = 0; d < D; d++) v[o + d] = v[o + d]! / s;
}

/** Spherical k-means (k-means++ seeding) over the rows `members` of `vec`; returns assignments. */
function kmeans(vec: Float32Array, D: number, members: Int32Array, k: number, rand: () => number, iters = 12): Int32Array {
  const n = members.length;
  const assign = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i++) assign[i] = i;
    return assign;
  }
  const cent = new Float32Array(k * D);
  // k-means++ seeding
  const dist = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rand() * n);
  for (let c = 0; c < k; c++) {
    cent.set(vec.subarray(members[pick]! * D, members[pick]! * D + D), c * D);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = 1 - dot(vec, members[i]! * D, cent, c * D, D);
      if (d < dist[i]!) dist[i] = d;
      sum += Math.max(0, dist[i]!);
    }
    let r = rand() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= Math.max(0, dist[i]!);
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  for (let it = 0; it < iters; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        const s = dot(vec, members[i]! * D, cent, c * D, D);
        if (s > best) {
          best = s;
          arg = c;
        }
      }
      if (assign[i] !== arg || it === 0) changed++;
      assign[i] = arg;
    }
    cent.fill(0);
    for (let i = 0; i < n; i++) {
      const co = assign[i]! * D;
      const vo = members[i]! * D;
      for (let d = 0; d < D; d++) cent[co + d] += vec[vo + d]!;
    }
    for (let c = 0; c < k; c++) normalise(cent, c * D, D);
    if (changed === 0) break;
  }
  return assign;
}

function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, D: number): number {
  let s = 0;
  for (let d = 0; d < D; d++) s += a[ao + d]! * b[bo + d]!;
  return s;
}
