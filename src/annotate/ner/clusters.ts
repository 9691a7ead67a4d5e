/**
 * Distributional word clusters learned from unlabelled news text (training time only).
 * Each frequent word gets a sparse vector of positive PMI with the words one and two places to
 * its left and right (the 1,000 most frequent words, plus four shape classes for the rest);
 * spherical k-means then splits the vocabulary hierarchically into 16, 128 and 1,024 clusters. A word's cluster path (three levels) feeds the tagger like a Brown path does.
 */
import { rng } from "./hash.js";

export interface ClusterOptions {
  minCount?: number;
  maxVocab?: number;
  contexts?: number;
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

  // (word, context) occurrence keys, sorted and run-length counted; 4 blocks: w-2, w-1, w+1, w+2
  const B = 4 * C;
  let total = 0;
  for (const s of sents) for (const w of s) if (wid.has(w)) total += 4;
  const keys = new Int32Array(total);
  let o = 0;
  for (const s of sents) {
    for (let i = 0; i < s.length; i++) {
      const w = wid.get(s[i]!);
      if (w === undefined) continue;
      keys[o++] = w * B + ctxOf(s[i - 2]);
      keys[o++] = w * B + C + ctxOf(s[i - 1]);
      keys[o++] = w * B + 2 * C + ctxOf(s[i + 1]);
      keys[o++] = w * B + 3 * C + ctxOf(s[i + 2]);
    }
  }
  keys.sort();
  const pw: number[] = [];
  const pc: number[] = [];
  const pn: number[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j < keys.length && keys[j] === keys[i]) j++;
    pw.push(Math.floor(keys[i]! / B));
    pc.push(keys[i]! % B);
    pn.push(j - i);
    i = j;
  }
  const wCount = new Float64Array(vocab.length);
  const cCount = new Float64Array(B);
  for (let i = 0; i < pn.length; i++) {
    wCount[pw[i]!] += pn[i]!;
    cCount[pc[i]!] += pn[i]!;
  }
  let cTotal = 0;
  for (let c = 0; c < B; c++) cTotal += Math.pow(cCount[c]!, 0.75);
  // sparse PPMI rows (context distribution smoothing, alpha 0.75, as in Levy et al. 2015), L2-normalised
  const rowStart = new Int32Array(vocab.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < pn.length; i++) {
    const pmi = Math.log(pn[i]! / wCount[pw[i]!]! / (Math.pow(cCount[pc[i]!]!, 0.75) / cTotal));
    if (pmi <= 0) continue;
    cols.push(pc[i]!);
    vals.push(pmi);
    rowStart[pw[i]! + 1]++;
  }
  for (let w = 0; w < vocab.length; w++) rowStart[w + 1] += rowStart[w]!;
  const rows: Sparse = { start: rowStart, cols: Int32Array.from(cols), vals: Float32Array.from(vals), dims: B };
  for (let w = 0; w < vocab.length; w++) {
    let ss = 0;
    for (let k = rows.start[w]!; k < rows.start[w + 1]!; k++) ss += rows.vals[k]! * rows.vals[k]!;
    const inv = 1 / (Math.sqrt(ss) || 1);
    for (let k = rows.start[w]!; k < rows.start[w + 1]!; k++) rows.vals[k] = rows.vals[k]! * inv;
  }
  log(`clusters: ${cols.length} positive-PMI (word, context) cells`);
  const vec = rows;
  const all = Int32Array.from(vocab.keys());
  const level1 = kmeans(vec, all, k1, rand);
  const path = new Int32Array(vocab.length * 3);
  let g2 = 0;
  let g3 = 0;
  for (let a = 0; a < k1; a++) {
    const m1 = all.filter((_, i) => level1[i] === a);
    for (const w of m1) path[w * 3] = a;
    const level2 = kmeans(vec, m1, k2, rand);
    for (let b = 0; b < k2; b++) {
      const m2 = m1.filter((_, i) => level2[i] === b);
      if (m2.length === 0) continue;
      const id2 = g2++;
      for (const w of m2) path[w * 3 + 1] = id2;
      const level3 = kmeans(vec, m2, k3, rand);
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

interface Sparse {
  start: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
  dims: number;
}

function normalise(v: Float64Array, o: number, D: number): void {
  let s = 0;
  for (let d = 0; d < D; d++) s += v[o + d]! * v[o + d]!;
  s = Math.sqrt(s) || 1;
  for (let d = 0; d < D; d++) v[o + d] = v[o + d]! / s;
}

function dotRow(rows: Sparse, w: number, cent: Float64Array, co: number): number {
  let s = 0;
  for (let k = rows.start[w]!, e = rows.start[w + 1]!; k < e; k++) s += rows.vals[k]! * cent[co + rows.cols[k]!]!;
  return s;
}

/** Spherical k-means (k-means++ seeding) over sparse rows `members`; returns assignments. */
function kmeans(rows: Sparse, members: Int32Array, k: number, rand: () => number, iters = 15): Int32Array {
  const n = members.length;
  const D = rows.dims;
  const assign = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i++) assign[i] = i;
    return assign;
  }
  const cent = new Float64Array(k * D);
  const setRow = (c: number, w: number): void => {
    for (let q = rows.start[w]!, e = rows.start[w + 1]!; q < e; q++) cent[c * D + rows.cols[q]!] = rows.vals[q]!;
  };
  const dist = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rand() * n);
  for (let c = 0; c < k; c++) {
    setRow(c, members[pick]!);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dotRow(rows, members[i]!, cent, c * D));
      if (d < dist[i]!) dist[i] = d;
      sum += dist[i]! * dist[i]!;
    }
    let r = rand() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= dist[i]! * dist[i]!;
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
        const s = dotRow(rows, members[i]!, cent, c * D);
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
      const w = members[i]!;
      for (let q = rows.start[w]!, e = rows.start[w + 1]!; q < e; q++) cent[co + rows.cols[q]!] += rows.vals[q]!;
    }
    for (let c = 0; c < k; c++) normalise(cent, c * D, D);
    if (changed === 0) break;
  }
  return assign;
}
