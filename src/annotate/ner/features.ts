/**
 * Feature extraction for the NER tagger. Every feature is a 32-bit hash of (template, values),
 * computed from per-token integer attributes, so no strings are built per feature. The caller
 * gets `F` bucket offsets per token (bucket * labels), ready to index the weight table.
 */
import { hashRange, hashString, mix } from "./hash.js";

export const TYPES = ["PER", "LOC", "ORG", "MISC"] as const;
export type EntityType = (typeof TYPES)[number];
/** IOB2 labels; index 0 is O, then B-T, I-T for each type. */
export const LABELS = ["O", ...TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const L = LABELS.length;

/** Resources learned at training time that ship with the model. */
export interface NerResources {
  /** word form -> packed cluster path (c1 << 20 | c2 << 10 | c3). */
  clusters: Map<string, number>;
  /** hash of a lowercased token sequence -> type mask (bits 0..3) | PREFIX. */
  gazetteer: Map<number, number>;
  /** lowercased word -> mask of the types of training entities it occurs in. */
  tokenTypes: Map<string, number>;
  /**
   * Names found by a first model in unlabelled news (self-training), same keys as `gazetteer`;
   * value = type mask | PREFIX. Empty for the first model.
   */
  autoGazetteer: Map<number, number>;
}

export const GAZ_PREFIX = 0x100;
export const GAZ_MAX = 8;

/** Character normalisation so that web text looks like the Reuters text the model was trained on. */
export function normalizeToken(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  return s
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\u2026/g, "...")
    .replace(/\u00a0/g, " ")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\u0131/g, "i")
    .replace(/[\u0141\u0142]/g, (c) => (c === "\u0141" ? "L" : "l"))
    .replace(/\u00df/g, "ss")
    .replace(/[\u00d8\u00f8]/g, (c) => (c === "\u00d8" ? "O" : "o"));
}

/** Lowercase with every digit mapped to 0. */
export function lowerForm(s: string): string {
  return s.toLowerCase().replace(/[0-9]/g, "0");
}

/** Rolling hash step used for gazetteer keys. */
export function gazStep(h: number, lowerWord: string): number {
  return mix(h, hashString(lowerWord));
}
export const GAZ_SEED = 0x2545f491;

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}
function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Short word shape: runs of the same class collapsed (X upper, x lower, d digit, other kept). */
export function shapeHash(s: string): number {
  let h = 0x811c9dc5;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = isUpper(c) ? 88 : isLower(c) ? 120 : isDigit(c) ? 100 : c > 0x7f ? (s[i]!.toLowerCase() !== s[i]! ? 88 : 120) : c;
    if (k === prev) continue;
    prev = k;
    h = Math.imul(h ^ k, 0x01000193);
  }
  // mark short all-caps and single capitals apart from longer words
  const len = s.length > 4 ? 4 : s.length;
  return mix(h, len);
}

/** Packed cluster path of a word: exact form, then capitalised, then lowercase. */
export function clusterOf(clusters: Map<string, number>, w: string): number {
  let c = clusters.get(w);
  if (c !== undefined) return c;
  const lower = w.toLowerCase();
  if (lower !== w) {
    c = clusters.get(w[0] + lower.slice(1));
    if (c !== undefined) return c;
    c = clusters.get(lower);
    if (c !== undefined) return c;
  }
  return -1;
}

const BOS = 0x1b0b0b0b;
const EOS = 0x2e0e0e0e;
const PAD = 2;

/** Number of features per token. */
export const F = 44;

/** Reusable buffers for one extraction. */
export class FeatureExtractor {
  private cap = 0;
  private W = new Int32Array(0);
  private LW = new Int32Array(0);
  private SH = new Int32Array(0);
  private C1 = new Int32Array(0);
  private C2 = new Int32Array(0);
  private C3 = new Int32Array(0);
  private GZ = new Int32Array(0);
  private AG = new Int32Array(0);
  private TG = new Int32Array(0);
  private P = new Int32Array(0);
  private S = new Int32Array(0);
  private CAP = new Uint8Array(0);
  private lowers: string[] = [];
  feats = new Int32Array(0);
  /** Per word form: its attributes (hashes, clusters, affixes, case flags), independent of the sentence. */
  private cache = new Map<string, WordEntry>();
  /** Set for inference with a packed weight table (see `useDense`). */
  private dense: PackedWeights | undefined;
  /** Summed weights of the gazetteer templates 30, 32, 33, 42, 43, 44 for each mark value 0..127. */
  private gzSums = new Float64Array(0);
  private bosEntry: WordEntry | undefined;
  private eosEntry: WordEntry | undefined;
  private sentEntries: WordEntry[] = [];

  constructor(
    private readonly res: NerResources,
    private readonly mask: number,
  ) {}

  /**
   * Switches tagging to `scores` over a packed table of the non-zero buckets (row 0 = empty bucket):
   * the features of a word alone, and of it as a neighbour, are then summed once per word form.
   */
  useDense(index: DenseIndex, weights: Float32Array): void {
    this.dense = { ...index, weights };
    this.cache.clear();
    const gz = new Float64Array(6 * 128 * L);
    const templates = [30, 32, 33, 42, 43, 44];
    for (let t = 0; t < 6; t++) for (let v = 0; v < 128; v++) this.addRow(gz, (t * 128 + v) * L, mix(templates[t]!, v));
    this.gzSums = gz;
    this.bosEntry = this.padEntry(BOS);
    this.eosEntry = this.padEntry(EOS);
  }

  /** Adds the packed-table weights of feature hash h to acc[at, at + L). */
  private addRow(acc: Float64Array, at: number, h: number): void {
    const d = this.dense!;
    const r = denseOffset(d, ((h & this.mask) * L) | 0);
    const w = d.weights;
    for (let c = 0; c < L; c++) acc[at + c] += w[r + c]!;
  }

  /** A sentence-boundary pseudo word: only its neighbour roles are read. */
  private padEntry(v: number): WordEntry {
    const a = new Int32Array(17).fill(v);
    const sum = new Float64Array(SUMS * L);
    this.neighbourSums(a, sum);
    return { attrs: a, lower: "", sum };
  }

  /** The word's sums as the token before, after, two before and two after the scored token. */
  private neighbourSums(a: Int32Array, u: Float64Array): void {
    this.addRow(u, P1, mix(4, a[1]!));
    this.addRow(u, P1, mix(25, a[4]!));
    this.addRow(u, P1, mix(27, a[5]!));
    this.addRow(u, N1, mix(5, a[1]!));
    this.addRow(u, N1, mix(26, a[4]!));
    this.addRow(u, N1, mix(28, a[5]!));
    this.addRow(u, P2, mix(6, a[1]!));
    this.addRow(u, N2, mix(7, a[1]!));
  }

  private wordEntry(w: string): WordEntry {
    const a = new Int32Array(17);
    const lw = lowerForm(w);
    a[0] = hashString(w);
    a[1] = hashString(lw);
    a[2] = shapeHash(w);
    const c = clusterOf(this.res.clusters, w);
    a[3] = c < 0 ? -1 : c >>> 20;
    a[4] = c < 0 ? -1 : (c >>> 10) & 1023;
    a[5] = c < 0 ? -1 : c & 1023;
    const len = lw.length;
    for (let k = 1; k <= 4; k++) {
      a[5 + k] = k <= len ? hashRange(lw, 0, k) : 0;
      a[9 + k] = k <= len ? hashRange(lw, len - k, len) : 0;
    }
    const c0 = w.charCodeAt(0);
    const up = isUpper(c0);
    a[14] = up ? 1 : 0;
    a[15] = up || isLower(c0) ? 1 : 0;
    a[16] = (w.length > 1 && w === w.toUpperCase()) || (w.length === 1 && up) ? 1 : 0;
    const entry: WordEntry = { attrs: a, lower: lw, sum: undefined };
    if (this.dense) {
      // the summed weights of every feature that reads this word alone (see `scores`)
      const u = new Float64Array(SUMS * L);
      const sh = a[2]!;
      const tg = this.res.tokenTypes.get(lw) ?? 0;
      this.addRow(u, 0, 1);
      this.addRow(u, 0, mix(2, a[0]!));
      this.addRow(u, 0, mix(3, a[1]!));
      this.addRow(u, 0, mix(10, sh));
      for (let k = 0; k < 4; k++) {
        this.addRow(u, 0, mix(14 + k, a[6 + k]!));
        this.addRow(u, 0, mix(18 + k, a[10 + k]!));
      }
      this.addRow(u, 0, mix(22, a[3]!));
      this.addRow(u, 0, mix(23, a[4]!));
      this.addRow(u, 0, mix(24, a[5]!));
      this.addRow(u, 0, mix(mix(29, a[4]!), sh));
      this.addRow(u, 0, mix(31, tg));
      this.addRow(u, 0, mix(mix(34, tg), sh));
      // flag-dependent features: value 0 into the base, (value 1) - (value 0) apart
      const flag = new Float64Array(2 * L);
      const delta = (to: number, templates: readonly number[], value: (t: number) => number): void => {
        flag.fill(0);
        for (const t of templates) {
          this.addRow(flag, 0, mix(mix(t, 0), value(t)));
          this.addRow(flag, L, mix(mix(t, 1), value(t)));
        }
        for (let k = 0; k < L; k++) {
          u[k] += flag[k]!;
          u[to + k] = flag[L + k]! - flag[k]!;
        }
      };
      delta(DF, [35, 41], (t) => (t === 35 ? sh : a[0]!));
      delta(DA, [36, 40], (t) => (t === 36 ? sh : a[1]!));
      delta(DS, [37], () => sh);
      this.neighbourSums(a, u);
      entry.sum = u;
    }
    return entry;
  }

  private ensure(n: number): void {
    if (n + 2 * PAD <= this.cap) return;
    const c = Math.max(64, (n + 2 * PAD) * 2);
    this.cap = c;
    this.W = new Int32Array(c);
    this.LW = new Int32Array(c);
    this.SH = new Int32Array(c);
    this.C1 = new Int32Array(c);
    this.C2 = new Int32Array(c);
    this.C3 = new Int32Array(c);
    this.GZ = new Int32Array(c);
    this.AG = new Int32Array(c);
    this.TG = new Int32Array(c);
    this.P = new Int32Array(c * 4);
    this.S = new Int32Array(c * 4);
    this.CAP = new Uint8Array(c);
    this.feats = new Int32Array(c * F);
  }

  /**
   * Extracts features for one sentence of (normalised) words. `docLower` holds the words seen
   * in lowercase anywhere in the document. `gaz` overrides the gazetteer (jackknifed training).
   */
  extract(words: readonly string[], docLower?: ReadonlySet<string>, gaz?: Pick<NerResources, "gazetteer" | "tokenTypes">): Int32Array {
    const n = words.length;
    this.ensure(n);
    const { W, LW, SH, C1, C2, C3, GZ, AG, TG, P, S, CAP } = this;
    const gazetteer = gaz?.gazetteer ?? this.res.gazetteer;
    const tokenTypes = gaz?.tokenTypes ?? this.res.tokenTypes;
    const lowers = this.lowers;
    for (let pk = 0; pk < 2 * PAD; pk++) {
      const idx = pk < PAD ? pk : n + pk;
      const v = pk < PAD ? BOS : EOS;
      {
        W[idx] = v;
        LW[idx] = v;
        SH[idx] = v;
        C1[idx] = v;
        C2[idx] = v;
        C3[idx] = v;
        GZ[idx] = 0;
        AG[idx] = 0;
        TG[idx] = 0;
        for (let q = 0; q < 4; q++) {
          P[idx * 4 + q] = v;
          S[idx * 4 + q] = v;
        }
      }
    }
    let letters = 0;
    let upperWords = 0;
    const cache = this.cache;
    for (let i = 0; i < n; i++) {
      const w = words[i]!;
      const j = i + PAD;
      let e = cache.get(w);
      if (e === undefined) {
        e = this.wordEntry(w);
        if (cache.size >= 200_000) cache.clear();
        cache.set(w, e);
      }
      const a = e.attrs;
      lowers[i] = e.lower;
      W[j] = a[0]!;
      LW[j] = a[1]!;
      SH[j] = a[2]!;
      C1[j] = a[3]!;
      C2[j] = a[4]!;
      C3[j] = a[5]!;
      for (let q = 0; q < 4; q++) {
        P[j * 4 + q] = a[6 + q]!;
        S[j * 4 + q] = a[10 + q]!;
      }
      TG[j] = tokenTypes.get(e.lower) ?? 0;
      GZ[j] = 0;
      AG[j] = 0;
      CAP[j] = a[14]!;
      if (a[15]) {
        letters++;
        if (a[16]) upperWords++;
      }
    }
    const allCaps = letters >= 2 && upperWords === letters ? 1 : 0;
    // gazetteers: longest match from each start
    markMatches(gazetteer, LW, n, GZ);
    if (this.res.autoGazetteer.size) markMatches(this.res.autoGazetteer, LW, n, AG);

    const feats = this.feats;
    const m = this.mask;
    let o = 0;
    const put = (h: number): void => {
      feats[o++] = ((h & m) * L) | 0;
    };
    for (let i = 0; i < n; i++) {
      const j = i + PAD;
      const lw = LW[j]!;
      const sh = SH[j]!;
      put(1);
      put(mix(2, W[j]!));
      put(mix(3, lw));
      put(mix(4, LW[j - 1]!));
      put(mix(5, LW[j + 1]!));
      put(mix(6, LW[j - 2]!));
      put(mix(7, LW[j + 2]!));
      put(mix(mix(8, LW[j - 1]!), lw));
      put(mix(mix(9, lw), LW[j + 1]!));
      put(mix(10, sh));
      put(mix(mix(11, SH[j - 1]!), sh));
      put(mix(mix(12, sh), SH[j + 1]!));
      put(mix(mix(mix(13, SH[j - 1]!), sh), SH[j + 1]!));
      for (let k = 0; k < 4; k++) {
        put(mix(14 + k, P[j * 4 + k]!));
        put(mix(18 + k, S[j * 4 + k]!));
      }
      put(mix(22, C1[j]!));
      put(mix(23, C2[j]!));
      put(mix(24, C3[j]!));
      put(mix(25, C2[j - 1]!));
      put(mix(26, C2[j + 1]!));
      put(mix(27, C3[j - 1]!));
      put(mix(28, C3[j + 1]!));
      put(mix(mix(29, C2[j]!), sh));
      put(mix(30, GZ[j]!));
      put(mix(31, TG[j]!));
      put(mix(32, GZ[j - 1]!));
      put(mix(33, GZ[j + 1]!));
      put(mix(mix(34, TG[j]!), sh));
      put(mix(mix(35, i === 0 ? 1 : 0), sh));
      put(mix(mix(36, allCaps), sh));
      const seenLower = CAP[j] && docLower && docLower.has(lowers[i]!) ? 1 : 0;
      put(mix(mix(37, seenLower), sh));
      put(mix(mix(38, LW[j - 1]!), sh));
      put(mix(mix(39, sh), LW[j + 1]!));
      put(mix(mix(40, allCaps), lw));
      put(mix(mix(41, i === 0 ? 1 : 0), W[j]!));
      put(mix(42, AG[j]!));
      put(mix(43, AG[j - 1]!));
      put(mix(44, AG[j + 1]!));
    }
    return feats;
  }

  /**
   * Emission scores of one sentence (n × L into `out`) with the packed table of `useDense`: the same
   * features as `extract`, their weights summed per word form and role once (see `exactSums`).
   */
  scores(words: readonly string[], docLower: ReadonlySet<string> | undefined, out: Float32Array): void {
    const d = this.dense;
    if (!d) throw new Error("ner: scores() needs useDense()");
    const n = words.length;
    this.ensure(n);
    const { LW, SH, GZ, AG, gzSums } = this;
    const E = this.sentEntries;
    const bos = this.bosEntry!;
    const eos = this.eosEntry!;
    for (let k = 0; k < PAD; k++) {
      E[k] = bos;
      LW[k] = BOS;
      SH[k] = BOS;
      GZ[k] = 0;
      AG[k] = 0;
      E[n + PAD + k] = eos;
      LW[n + PAD + k] = EOS;
      SH[n + PAD + k] = EOS;
      GZ[n + PAD + k] = 0;
      AG[n + PAD + k] = 0;
    }
    let letters = 0;
    let upperWords = 0;
    const cache = this.cache;
    for (let i = 0; i < n; i++) {
      const w = words[i]!;
      const j = i + PAD;
      let e = cache.get(w);
      if (e === undefined) {
        e = this.wordEntry(w);
        if (cache.size >= 200_000) cache.clear();
        cache.set(w, e);
      }
      const a = e.attrs;
      E[j] = e;
      LW[j] = a[1]!;
      SH[j] = a[2]!;
      GZ[j] = 0;
      AG[j] = 0;
      if (a[15]) {
        letters++;
        if (a[16]) upperWords++;
      }
    }
    const allCaps = letters >= 2 && upperWords === letters;
    markMatches(this.res.gazetteer, LW, n, GZ);
    if (this.res.autoGazetteer.size) markMatches(this.res.autoGazetteer, LW, n, AG);
    const m = this.mask;
    const wt = d.weights;
    for (let i = 0; i < n; i++) {
      const j = i + PAD;
      const e = E[j]!;
      const u = e.sum!;
      const p1 = E[j - 1]!.sum!;
      const n1 = E[j + 1]!.sum!;
      const p2 = E[j - 2]!.sum!;
      const n2 = E[j + 2]!.sum!;
      const lw = LW[j]!;
      const sh = SH[j]!;
      const lwp = LW[j - 1]!;
      const lwn = LW[j + 1]!;
      const shp = SH[j - 1]!;
      const shn = SH[j + 1]!;
      // features over two or three tokens: 8, 9, 11, 12, 13, 38, 39
      const r8 = denseOffset(d, ((mix(mix(8, lwp), lw) & m) * L) | 0);
      const r9 = denseOffset(d, ((mix(mix(9, lw), lwn) & m) * L) | 0);
      const r11 = denseOffset(d, ((mix(mix(11, shp), sh) & m) * L) | 0);
      const r12 = denseOffset(d, ((mix(mix(12, sh), shn) & m) * L) | 0);
      const r13 = denseOffset(d, ((mix(mix(mix(13, shp), sh), shn) & m) * L) | 0);
      const r38 = denseOffset(d, ((mix(mix(38, lwp), sh) & m) * L) | 0);
      const r39 = denseOffset(d, ((mix(mix(39, sh), lwn) & m) * L) | 0);
      const g30 = GZ[j]! * L;
      const g32 = (128 + GZ[j - 1]!) * L;
      const g33 = (256 + GZ[j + 1]!) * L;
      const g42 = (384 + AG[j]!) * L;
      const g43 = (512 + AG[j - 1]!) * L;
      const g44 = (640 + AG[j + 1]!) * L;
      const first = i === 0;
      const seenLower = e.attrs[14] && docLower !== undefined && docLower.has(e.lower);
      const base = i * L;
      for (let c = 0; c < L; c++) {
        let v = u[c]! + p1[P1 + c]! + n1[N1 + c]! + p2[P2 + c]! + n2[N2 + c]!;
        v += gzSums[g30 + c]! + gzSums[g32 + c]! + gzSums[g33 + c]! + gzSums[g42 + c]! + gzSums[g43 + c]! + gzSums[g44 + c]!;
        v += wt[r8 + c]! + wt[r9 + c]! + wt[r11 + c]! + wt[r12 + c]! + wt[r13 + c]! + wt[r38 + c]! + wt[r39 + c]!;
        if (first) v += u[DF + c]!;
        if (allCaps) v += u[DA + c]!;
        if (seenLower) v += u[DS + c]!;
        out[base + c] = v;
      }
    }
  }
}

/** Offsets (in units of L) of a word entry's sums: base at 0, then the flag deltas and neighbour roles. */
const DF = 1 * L;
const DA = 2 * L;
const DS = 3 * L;
const P1 = 4 * L;
const N1 = 5 * L;
const P2 = 6 * L;
const N2 = 7 * L;
const SUMS = 8;

/**
 * Whether any sum of up to F weights of `w` is exact in a double whatever the order of the additions,
 * so that per-word partial sums give bit for bit the scores of adding the F feature weights one by
 * one: true when every non-zero weight is a multiple of the spacing u of the float32 numbers at the
 * smallest magnitude, and 2F × the largest magnitude / u fits in 52 bits (int16-quantised weights do).
 */
export function exactSums(w: Float32Array): boolean {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < w.length; i++) {
    const a = Math.abs(w[i]!);
    if (a === 0) continue;
    if (a < min) min = a;
    if (a > max) max = a;
  }
  if (max === 0) return true;
  let e = Math.floor(Math.log2(min));
  if (2 ** e > min) e--;
  if (2 ** (e + 1) <= min) e++;
  const u = 2 ** (e - 23);
  if ((2 * F * max) / u >= 2 ** 52) return false;
  for (let i = 0; i < w.length; i++) if (w[i]! % u !== 0) return false;
  return true;
}

interface WordEntry {
  attrs: Int32Array;
  lower: string;
  /** With a packed table: the word's summed feature weights, SUMS blocks of L (offsets DF..N2). */
  sum: Float64Array | undefined;
}

interface PackedWeights extends DenseIndex {
  weights: Float32Array;
}

/** Which buckets hold a non-zero weight (bit set) and how many set bits come before each 32-bit word. */
export interface DenseIndex {
  bits: Int32Array;
  rank: Int32Array;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Offset into the packed table of the bucket at offset `off` (= bucket × L); 0 for an empty bucket. */
export function denseOffset(d: DenseIndex, off: number): number {
  const b = (off / L) | 0;
  const word = d.bits[b >>> 5]!;
  const bit = 1 << (b & 31);
  return word & bit ? (d.rank[b >>> 5]! + popcount(word & (bit - 1)) + 1) * L : 0;
}

/** Marks the longest gazetteer match from each start (words given by their lowercase hashes): type mask | 0x10 first word | 0x20 inside | 0x40 single word. */
function markMatches(gazetteer: ReadonlyMap<number, number>, lowerHashes: Int32Array, n: number, out: Int32Array): void {
  for (let i = 0; i < n; ) {
    let h = GAZ_SEED;
    let best = 0;
    let bestMask = 0;
    for (let k = 0; k < GAZ_MAX && i + k < n; k++) {
      // = gazStep(h, lowercased word): LW holds hashString of each lowercased word (PAD-shifted)
      h = mix(h, lowerHashes[i + k + PAD]!);
      const v = gazetteer.get(h);
      if (v === undefined) break;
      if (v & 0xf) {
        best = k + 1;
        bestMask = v & 0xf;
      }
      if (!(v & GAZ_PREFIX)) break;
    }
    if (best) {
      out[i + PAD] = bestMask | 0x10;
      for (let k = 1; k < best; k++) out[i + k + PAD] = bestMask | 0x20;
      if (best === 1) out[i + PAD] |= 0x40;
      i += best;
    } else i++;
  }
}
