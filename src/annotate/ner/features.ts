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
  private entries: WordEntry[] = [];
  feats = new Int32Array(0);
  /** Per word form: its attributes (hashes, clusters, affixes, case flags), independent of the sentence. */
  private cache = new Map<string, WordEntry>();
  /** Set for inference with a packed weight table: feature offsets are written as offsets into it. */
  private dense: DenseIndex | undefined;

  constructor(
    private readonly res: NerResources,
    private readonly mask: number,
  ) {}

  /**
   * Makes `extract` write offsets into a packed table of the non-zero buckets (row 0 = empty bucket)
   * instead of bucket × L; the word-level features are then cached per word form, already mapped.
   */
  useDense(index: DenseIndex): void {
    this.dense = index;
    this.cache.clear();
  }

  /** Offset of feature hash h: bucket × L, or its row in the packed table. */
  private offset(h: number): number {
    const off = ((h & this.mask) * L) | 0;
    return this.dense ? denseOffset(this.dense, off) : off;
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
    const entry: WordEntry = { attrs: a, lower: lw, uni: undefined };
    if (this.dense) {
      // the features of the word alone (templates 2, 3, 10, 14–24, 29, 31, 34), in extract's order
      const u = new Int32Array(UNIGRAMS);
      const sh = a[2]!;
      const tg = this.res.tokenTypes.get(lw) ?? 0;
      u[0] = this.offset(mix(2, a[0]!));
      u[1] = this.offset(mix(3, a[1]!));
      u[2] = this.offset(mix(10, sh));
      for (let k = 0; k < 4; k++) {
        u[3 + 2 * k] = this.offset(mix(14 + k, a[6 + k]!));
        u[4 + 2 * k] = this.offset(mix(18 + k, a[10 + k]!));
      }
      u[11] = this.offset(mix(22, a[3]!));
      u[12] = this.offset(mix(23, a[4]!));
      u[13] = this.offset(mix(24, a[5]!));
      u[14] = this.offset(mix(mix(29, a[4]!), sh));
      u[15] = this.offset(mix(31, tg));
      u[16] = this.offset(mix(mix(34, tg), sh));
      entry.uni = u;
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
    for (let k = 0; k < PAD; k++) {
      for (const [idx, v] of [[k, BOS], [n + PAD + k, EOS]] as const) {
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
      this.entries[i] = e;
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
    const dense = this.dense;
    if (dense && !gaz) {
      this.extractDense(n, allCaps, docLower, dense);
      return feats;
    }
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

  /** `extract`'s feature loop with packed-table offsets: the same features in the same order. */
  private extractDense(n: number, allCaps: number, docLower: ReadonlySet<string> | undefined, d: DenseIndex): void {
    const { W, LW, SH, C2, C3, GZ, AG, CAP, feats, entries, lowers } = this;
    const m = this.mask;
    const bias = denseOffset(d, ((1 & m) * L) | 0);
    let o = 0;
    const put = (h: number): void => {
      feats[o++] = denseOffset(d, ((h & m) * L) | 0);
    };
    for (let i = 0; i < n; i++) {
      const j = i + PAD;
      const u = entries[i]!.uni!;
      const lw = LW[j]!;
      const sh = SH[j]!;
      feats[o++] = bias;
      feats[o++] = u[0]!;
      feats[o++] = u[1]!;
      put(mix(4, LW[j - 1]!));
      put(mix(5, LW[j + 1]!));
      put(mix(6, LW[j - 2]!));
      put(mix(7, LW[j + 2]!));
      put(mix(mix(8, LW[j - 1]!), lw));
      put(mix(mix(9, lw), LW[j + 1]!));
      feats[o++] = u[2]!;
      put(mix(mix(11, SH[j - 1]!), sh));
      put(mix(mix(12, sh), SH[j + 1]!));
      put(mix(mix(mix(13, SH[j - 1]!), sh), SH[j + 1]!));
      for (let k = 3; k < 11; k++) feats[o++] = u[k]!;
      feats[o++] = u[11]!;
      feats[o++] = u[12]!;
      feats[o++] = u[13]!;
      put(mix(25, C2[j - 1]!));
      put(mix(26, C2[j + 1]!));
      put(mix(27, C3[j - 1]!));
      put(mix(28, C3[j + 1]!));
      feats[o++] = u[14]!;
      put(mix(30, GZ[j]!));
      feats[o++] = u[15]!;
      put(mix(32, GZ[j - 1]!));
      put(mix(33, GZ[j + 1]!));
      feats[o++] = u[16]!;
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
  }
}

/** Word-level features cached per word form (see `FeatureExtractor.useDense`). */
const UNIGRAMS = 17;

interface WordEntry {
  attrs: Int32Array;
  lower: string;
  /** Offsets of the word's own features in the packed table, when one is in use. */
  uni: Int32Array | undefined;
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
