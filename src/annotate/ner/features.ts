/**
 * Feature extraction for the NER tagger. Every feature is a 32-bit hash of (template, values),
 * computed from per-token integer attributes, so no strings are built per feature. The caller
 * gets `F` bucket offsets per token (bucket * labels), ready to index the weight table.
 */
import { hashRange, hashString, mix } from "./hash.js";
import { growFloat64, growInt32, growUint8 } from "../../util/arrays.js";
import { mayStartRule } from "./rules.js";
import { isHonorific } from "./titles.js";

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
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  // (curly quotes, dashes and accented names recur: the chain of replacements below runs once per distinct text)
  let v = NORMALIZED.get(s);
  if (v === undefined) {
    if (NORMALIZED.size >= 50_000) NORMALIZED.clear();
    v = normalizeNonAscii(s);
    NORMALIZED.set(s, v);
  }
  return v;
}

const NORMALIZED = new Map<string, string>();

function normalizeNonAscii(s: string): string {
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
  const l = s.toLowerCase();
  for (let i = 0; i < l.length; i++) {
    const c = l.charCodeAt(i);
    if (c >= 48 && c <= 57) return l.replace(/[0-9]/g, "0");
  }
  return l;
}

/** Lowercase forms of the words a document writes in lowercase somewhere (first letter a-z). */
export function docLowerSet(sentences: readonly (readonly string[])[]): Set<string> {
  const set = new Set<string>();
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const w = s[i]!;
      const c = w.length > 0 ? w.charCodeAt(0) : -1; // (-1 for "": no out-of-bounds deopt, no NaN)
      if (c >= 97 && c <= 122) set.add(lowerForm(w));
    }
  }
  return set;
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
  /** Summed weights of the gazetteer templates 30, 32, 33, 42, 43, 44 for each mark value 0..127, then GZ_ZERO. */
  private gzSums = new Float64Array(0);
  /**
   * With a packed table, per word form an id into flat arrays (ids 0 and 1: the sentence-start and
   * sentence-end pads): its summed feature weights (SUMS blocks of L), lowercase and shape hashes,
   * case flags (1 capitalised, 2 starts with a letter, 4 all capitals) and lowercase form.
   */
  private idCount = 0;
  /**
   * The forms by id (the two pads: ""), found by open addressing over `slots`: two entries per slot, the id (−1:
   * empty) and the form's FNV-1a hash, so that a form is found from the text it is read from without cutting a
   * string (`formOf`), and tokens share one string per form.
   */
  private forms: string[] = [];
  private slots = new Int32Array(0);
  /** 1 once a form's attributes and sums are made (`prepare`): `formOf` only finds or makes the form. */
  private ready: Uint8Array = new Uint8Array(0);
  /** Per form: facts the annotator asks of most tokens (`FORM_POSSESSIVE`, `FORM_HONORIFIC`, `FORM_RULE_START`). */
  private bits: Uint8Array = new Uint8Array(0);
  private idSum: Float64Array = new Float64Array(0);
  /** Per form: the flag deltas (3 blocks of L: DF, DA, DS), apart from the sums every token reads. */
  private idFlagSum: Float64Array = new Float64Array(0);
  private idLW: Int32Array = new Int32Array(0);
  private idSH: Int32Array = new Int32Array(0);
  private idFlags: Uint8Array = new Uint8Array(0);
  /** The gazetteer and self-training gazetteer values of the form as a first word (−1: none). */
  private idGz: Int32Array = new Int32Array(0);
  private idAg: Int32Array = new Int32Array(0);
  /**
   * The packed-table offsets of the form's one feature as the word two before (template 6) and two after (7) the
   * scored token: single rows, read from the table itself rather than copied into `idSum`.
   */
  private idP2: Int32Array = new Int32Array(0);
  private idN2: Int32Array = new Int32Array(0);
  private idLower: string[] = [];
  /** Per form: the id of its lowercase form in `lowerIds` (forms that differ in case share it). */
  private idLowerId: Int32Array = new Int32Array(0);
  private lowerIds = new Map<string, number>();
  /** Per lowercase id: the `docStamp` of the last document that writes it in lowercase (see `beginDocument`). */
  private lowerStamp: Int32Array = new Int32Array(0);
  private docStamp = 0;
  /** Bumped whenever the id table starts over (document ids from before mean nothing then). */
  private idEpoch = 0;
  /** The word-form ids of the tokens of the document of `beginDocument`, sentence after sentence. */
  private docIds = new Int32Array(0);
  private docEpoch = -1;
  private sentIds = new Int32Array(0);
  /** Per token of the sentence being scored: 1 when it is capitalised and the document writes it in lowercase. */
  private seen = new Uint8Array(0);

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
    const gz = new Float64Array(6 * 128 * L + L);
    const templates = [30, 32, 33, 42, 43, 44];
    for (let t = 0; t < 6; t++) for (let v = 0; v < 128; v++) this.addRow(gz, (t * 128 + v) * L, mix(templates[t]!, v));
    for (let t = 0; t < 6; t++) this.addRow(gz, GZ_ZERO, mix(templates[t]!, 0));
    this.gzSums = gz;
    // (room for the forms of a few hundred articles: growing by doubling from a small table copied ~20 MB)
    this.resetIds(16384);
  }

  /** Empties the word-form id table (keeping the two pads) with room for `cap` forms. */
  private resetIds(cap: number): void {
    this.forms = [];
    this.slots = new Int32Array(4 * cap).fill(-1);
    this.ready = new Uint8Array(cap);
    this.bits = new Uint8Array(cap);
    this.idSum = new Float64Array(cap * SUMS * L);
    this.idFlagSum = new Float64Array(cap * 3 * L);
    this.idLW = new Int32Array(cap);
    this.idSH = new Int32Array(cap);
    this.idFlags = new Uint8Array(cap);
    this.idGz = new Int32Array(cap);
    this.idAg = new Int32Array(cap);
    this.idP2 = new Int32Array(cap);
    this.idN2 = new Int32Array(cap);
    this.idLower = [];
    this.idLowerId = new Int32Array(cap);
    this.lowerIds.clear();
    this.lowerStamp = new Int32Array(cap);
    this.idEpoch++;
    this.idCount = 0;
    for (const v of [BOS, EOS]) {
      const id = this.idCount++;
      this.idLW[id] = v;
      this.idSH[id] = v;
      this.idLower[id] = "";
      this.forms.push("");
      this.ready[id] = 1;
      this.neighbourSums(new Int32Array(17).fill(v), id);
    }
  }

  private growIds(): void {
    const cap = this.idLW.length * 2;
    this.idSum = growFloat64(this.idSum, cap * SUMS * L);
    this.idFlagSum = growFloat64(this.idFlagSum, cap * 3 * L);
    this.idLW = growInt32(this.idLW, cap);
    this.idSH = growInt32(this.idSH, cap);
    this.idGz = growInt32(this.idGz, cap);
    this.idAg = growInt32(this.idAg, cap);
    this.idP2 = growInt32(this.idP2, cap);
    this.idN2 = growInt32(this.idN2, cap);
    this.idFlags = growUint8(this.idFlags, cap);
    this.idLowerId = growInt32(this.idLowerId, cap);
    this.lowerStamp = growInt32(this.lowerStamp, cap);
    this.ready = growUint8(this.ready, cap);
    this.bits = growUint8(this.bits, cap);
  }

  /** The `formBits` of form `id`. */
  formBits(id: number): number {
    return this.bits[id]!;
  }

  /** The form of an id (`normalizeToken` of the text it was read from). */
  form(id: number): string {
    return this.forms[id]!;
  }

  /**
   * The id of the form `normalizeToken(text.slice(a, b))`, made on first sight (its sums only when a document is
   * tagged). An ASCII text is hashed and compared where it lies; ids hold until `beginForms` starts the table over.
   */
  formOf(text: string, a: number, b: number): number {
    let h = FNV_OFFSET;
    for (let k = a; k < b; k++) {
      const c = text.charCodeAt(k);
      // (= normalizeToken's test: outside printable ASCII the text goes through it)
      if (c < 0x20 || c > 0x7e) return this.formOfString(normalizeToken(text.slice(a, b)));
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    return this.idOf(h, text, a, b);
  }

  /** The id of form w (a normalised word), made on first sight. */
  formOfString(w: string): number {
    let h = FNV_OFFSET;
    for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), FNV_PRIME);
    return this.idOf(h, w, 0, w.length);
  }

  /** The id of the form text[a, b) of hash h: found by linear probing, or made in the free slot the probe ends at. */
  private idOf(h: number, text: string, a: number, b: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const id = slots[2 * slot]!;
      if (id < 0) break;
      if (slots[2 * slot + 1] === h && sameText(this.forms[id]!, text, a, b)) return id;
      slot = (slot + 1) & mask;
    }
    return this.addForm(a === 0 && b === text.length ? text : text.slice(a, b), h, slot);
  }

  /** A new id for form w (hash h), in the free slot found for it. */
  private addForm(w: string, h: number, slot: number): number {
    if (this.idCount === this.idLW.length) this.growIds();
    const id = this.idCount++;
    this.forms.push(w);
    this.ready[id] = 0;
    this.bits[id] = formBits(w);
    this.slots[2 * slot] = id;
    this.slots[2 * slot + 1] = h;
    // (at most a quarter of the slots in use)
    if (this.forms.length * 8 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length).fill(-1);
    const mask = (slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      const id = old[s]!;
      if (id < 0) continue;
      const h = old[s + 1]!;
      let slot = (h ^ (h >>> 15)) & mask;
      while (slots[2 * slot]! >= 0) slot = (slot + 1) & mask;
      slots[2 * slot] = id;
      slots[2 * slot + 1] = h;
    }
    this.slots = slots;
  }

  /**
   * Starts the form ids of a document of `tokens` wink tokens: a table that the document's forms could fill starts
   * over here, between documents (one form per token as a rule; the odd split possessive or glued word beyond
   * that only grows the table). Returns the table's epoch, which `beginDocumentForms` checks.
   */
  beginForms(tokens: number): number {
    if (!this.dense) throw new Error("ner: beginForms() needs useDense()");
    if (this.idCount + tokens > MAX_IDS) this.resetIds(this.idLW.length);
    return this.idEpoch;
  }

  /** Adds the packed-table weights of feature hash h to acc[at, at + L). */
  private addRow(acc: Float64Array, at: number, h: number): void {
    const d = this.dense!;
    const r = denseRow(d, h & this.mask);
    // (row 0 is the empty bucket: adding its zeros changes nothing, not even the sign of a zero sum, as every
    // accumulator starts at +0)
    if (r === 0) return;
    const w = d.weights;
    for (let c = 0; c < L; c++) acc[at + c] += w[r + c]!;
  }

  /** The sums of form `id` (attributes `a`) as the token before and after the scored token, its rows as two before and after. */
  private neighbourSums(a: Int32Array, id: number): void {
    const u = this.idSum;
    const at = id * SUMS * L;
    this.addRow(u, at + P1, mix(4, a[1]!));
    this.addRow(u, at + P1, mix(25, a[4]!));
    this.addRow(u, at + P1, mix(27, a[5]!));
    this.addRow(u, at + N1, mix(5, a[1]!));
    this.addRow(u, at + N1, mix(26, a[4]!));
    this.addRow(u, at + N1, mix(28, a[5]!));
    this.idP2[id] = denseRow(this.dense!, mix(6, a[1]!) & this.mask);
    this.idN2[id] = denseRow(this.dense!, mix(7, a[1]!) & this.mask);
  }

  /** Attributes of a word form into `a` (17 values); returns its lowercase form (digits as 0). */
  private attrsOf(w: string, a: Int32Array): string {
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
    const c0 = w.length > 0 ? w.charCodeAt(0) : -1;
    const up = isUpper(c0);
    a[14] = up ? 1 : 0;
    a[15] = up || isLower(c0) ? 1 : 0;
    a[16] = (w.length > 1 && w === w.toUpperCase()) || (w.length === 1 && up) ? 1 : 0;
    return lw;
  }

  private wordEntry(w: string): WordEntry {
    const a = new Int32Array(17);
    const lw = this.attrsOf(w, a);
    return { attrs: a, lower: lw };
  }

  /** The id of a word form in the packed-table id arrays, made (with its summed weights) on first sight. */
  private wordId(w: string): number {
    const id = this.formOfString(w);
    if (this.ready[id] === 0) this.prepare(id);
    return id;
  }

  /** Makes the attributes and summed weights of form `id`. */
  private prepare(id: number): void {
    this.ready[id] = 1;
    const w = this.forms[id]!;
    const a = this.scratch;
    const lw = this.attrsOf(w, a);
    const sh = a[2]!;
    this.idLW[id] = a[1]!;
    this.idSH[id] = sh;
    const c0 = w.length > 0 ? w.charCodeAt(0) : -1;
    this.idFlags[id] = a[14]! | (a[15]! << 1) | (a[16]! << 2) | (c0 >= 97 && c0 <= 122 ? 8 : 0);
    this.idLower[id] = lw;
    let li = this.lowerIds.get(lw);
    if (li === undefined) this.lowerIds.set(lw, (li = this.lowerIds.size));
    this.idLowerId[id] = li;
    const first = mix(GAZ_SEED, a[1]!);
    this.idGz[id] = this.res.gazetteer.get(first) ?? -1;
    this.idAg[id] = this.res.autoGazetteer.get(first) ?? -1;
    // the summed weights of every feature that reads this word alone (see `scores`)
    const u = this.idSum;
    const at = id * SUMS * L;
    const tg = this.res.tokenTypes.get(lw) ?? 0;
    this.addRow(u, at, 1);
    this.addRow(u, at, mix(2, a[0]!));
    this.addRow(u, at, mix(3, a[1]!));
    this.addRow(u, at, mix(10, sh));
    for (let k = 0; k < 4; k++) {
      this.addRow(u, at, mix(14 + k, a[6 + k]!));
      this.addRow(u, at, mix(18 + k, a[10 + k]!));
    }
    this.addRow(u, at, mix(22, a[3]!));
    this.addRow(u, at, mix(23, a[4]!));
    this.addRow(u, at, mix(24, a[5]!));
    this.addRow(u, at, mix(mix(29, a[4]!), sh));
    this.addRow(u, at, mix(31, tg));
    this.addRow(u, at, mix(mix(34, tg), sh));
    // flag-dependent features: value 0 into the base, (value 1) - (value 0) apart
    const fat = id * 3 * L;
    this.flagDelta(at, fat + DF, 35, sh, 41, a[0]!);
    this.flagDelta(at, fat + DA, 36, sh, 40, a[1]!);
    this.flagDelta(at, fat + DS, 37, sh, 0, 0);
    this.neighbourSums(a, id);
  }
  /**
   * A flag-dependent pair of features (templates t1 and, if t2 > 0, t2, each of the flag and a value): their weights
   * at flag 0 into the base sums at `at`, (flag 1) − (flag 0) into `idFlagSum` at `to`.
   */
  private flagDelta(at: number, to: number, t1: number, v1: number, t2: number, v2: number): void {
    const flag = this.flagScratch;
    flag.fill(0);
    this.addRow(flag, 0, mix(mix(t1, 0), v1));
    this.addRow(flag, L, mix(mix(t1, 1), v1));
    if (t2 > 0) {
      this.addRow(flag, 0, mix(mix(t2, 0), v2));
      this.addRow(flag, L, mix(mix(t2, 1), v2));
    }
    const u = this.idSum;
    const df = this.idFlagSum;
    for (let k = 0; k < L; k++) {
      u[at + k] += flag[k]!;
      df[to + k] = flag[L + k]! - flag[k]!;
    }
  }
  private scratch = new Int32Array(17);
  private flagScratch = new Float64Array(2 * L);

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
    if (!this.dense) throw new Error("ner: scores() needs useDense()");
    const n = words.length;
    // a full table starts over between sentences (ids are held for one sentence only)
    if (this.idCount + n > MAX_IDS) this.resetIds(this.idLW.length);
    const ids = this.sentenceIds(n);
    const seen = this.seen;
    for (let i = 0; i < n; i++) {
      const id = this.wordId(words[i]!);
      ids[i + PAD] = id;
      seen[i] = (this.idFlags[id]! & 1) !== 0 && docLower !== undefined && docLower.has(this.idLower[id]!) ? 1 : 0;
    }
    this.scoreIds(n, out);
  }

  /** The number of tokens in a document's sentences, with `docIds` grown to hold them. */
  private reserveDocIds(sentences: readonly { readonly length: number }[]): number {
    let total = 0;
    for (let s = 0; s < sentences.length; s++) total += sentences[s]!.length;
    if (this.docIds.length < total) this.docIds = new Int32Array(total * 2);
    return total;
  }

  /**
   * Takes the words of a whole document for `documentScores`: the id of every token's form, and which lowercase
   * forms the document writes (a word starting with a-z: the set `docLowerSet` makes, as stamps per form).
   */
  beginDocument(sentences: readonly (readonly string[])[]): void {
    if (!this.dense) throw new Error("ner: beginDocument() needs useDense()");
    const total = this.reserveDocIds(sentences);
    // a full table starts over between documents (a document's ids are held until it is scored)
    if (this.idCount + total > MAX_IDS) this.resetIds(this.idLW.length);
    const docIds = this.docIds;
    const stamp = ++this.docStamp;
    let k = 0;
    for (let s = 0; s < sentences.length; s++) {
      const words = sentences[s]!;
      for (let i = 0; i < words.length; i++) {
        const id = this.wordId(words[i]!);
        docIds[k++] = id;
        if (this.idFlags[id]! & 8) this.lowerStamp[this.idLowerId[id]!] = stamp;
      }
    }
    this.docEpoch = this.idEpoch;
  }

  /**
   * `beginDocument` for a document whose tokens carry their form ids (`formOf` since `beginForms`, which returned
   * `epoch`): the same ids, without looking up their strings.
   */
  beginDocumentForms(sentences: readonly (readonly { readonly form: number }[])[], epoch: number): void {
    if (epoch !== this.idEpoch) throw new Error("ner: form ids from before the table started over");
    this.reserveDocIds(sentences);
    const docIds = this.docIds;
    const ready = this.ready;
    const stamp = ++this.docStamp;
    let k = 0;
    for (let s = 0; s < sentences.length; s++) {
      const toks = sentences[s]!;
      for (let i = 0; i < toks.length; i++) {
        const id = toks[i]!.form;
        if (ready[id] === 0) this.prepare(id);
        docIds[k++] = id;
        if (this.idFlags[id]! & 8) this.lowerStamp[this.idLowerId[id]!] = stamp;
      }
    }
    this.docEpoch = this.idEpoch;
  }

  /**
   * `scores` of the n words from token `from` of the document of `beginDocument` (counted over its sentences in
   * order), with `docLower` the document's own lowercase words.
   */
  documentScores(from: number, n: number, out: Float32Array): void {
    if (this.docEpoch !== this.idEpoch) throw new Error("ner: documentScores() without beginDocument()");
    const ids = this.sentenceIds(n);
    const seen = this.seen;
    const docIds = this.docIds;
    const stamp = this.docStamp;
    for (let i = 0; i < n; i++) {
      const id = docIds[from + i]!;
      ids[i + PAD] = id;
      seen[i] = (this.idFlags[id]! & 1) !== 0 && this.lowerStamp[this.idLowerId[id]!] === stamp ? 1 : 0;
    }
    this.scoreIds(n, out);
  }

  /** The id buffer for a sentence of n words (with the pads of both ends set) and room for n of `seen`. */
  private sentenceIds(n: number): Int32Array {
    this.ensure(n);
    if (this.sentIds.length < n + 2 * PAD) {
      this.sentIds = new Int32Array((n + 2 * PAD) * 2);
      this.seen = new Uint8Array(this.sentIds.length);
    }
    const ids = this.sentIds;
    for (let k = 0; k < PAD; k++) {
      ids[k] = 0;
      ids[n + PAD + k] = 1;
    }
    return ids;
  }

  /** Emission scores of the sentence whose word ids are in `sentIds` (PAD-shifted) and `seen` flags in `seen`. */
  private scoreIds(n: number, out: Float32Array): void {
    const d = this.dense!;
    const { LW, SH, GZ, AG, gzSums } = this;
    const ids = this.sentIds;
    for (let k = 0; k < PAD; k++) {
      LW[k] = BOS;
      SH[k] = BOS;
      GZ[k] = 0;
      AG[k] = 0;
      LW[n + PAD + k] = EOS;
      SH[n + PAD + k] = EOS;
      GZ[n + PAD + k] = 0;
      AG[n + PAD + k] = 0;
    }
    let letters = 0;
    let upperWords = 0;
    for (let i = 0; i < n; i++) {
      const j = i + PAD;
      const id = ids[j]!;
      LW[j] = this.idLW[id]!;
      SH[j] = this.idSH[id]!;
      GZ[j] = 0;
      AG[j] = 0;
      const f = this.idFlags[id]!;
      if (f & 2) {
        letters++;
        if (f & 4) upperWords++;
      }
    }
    const allCaps = letters >= 2 && upperWords === letters;
    markMatches(this.res.gazetteer, LW, n, GZ, ids, this.idGz);
    if (this.res.autoGazetteer.size) markMatches(this.res.autoGazetteer, LW, n, AG, ids, this.idAg);
    const m = this.mask;
    const wt = d.weights;
    const sum = this.idSum;
    const flagSum = this.idFlagSum;
    const idP2 = this.idP2;
    const idN2 = this.idN2;
    const seen = this.seen;
    const S = SUMS * L;
    for (let i = 0; i < n; i++) {
      const j = i + PAD;
      const id = ids[j]!;
      const u = id * S;
      const p1 = ids[j - 1]! * S + P1;
      const n1 = ids[j + 1]! * S + N1;
      const p2 = idP2[ids[j - 2]!]!;
      const n2 = idN2[ids[j + 2]!]!;
      const lw = LW[j]!;
      const sh = SH[j]!;
      const lwp = LW[j - 1]!;
      const lwn = LW[j + 1]!;
      const shp = SH[j - 1]!;
      const shn = SH[j + 1]!;
      // features over two or three tokens: 8, 9, 11, 12, 13, 38, 39
      const r8 = denseRow(d, mix(mix(8, lwp), lw) & m);
      const r9 = denseRow(d, mix(mix(9, lw), lwn) & m);
      const r11 = denseRow(d, mix(mix(11, shp), sh) & m);
      const r12 = denseRow(d, mix(mix(12, sh), shn) & m);
      const r13 = denseRow(d, mix(mix(mix(13, shp), sh), shn) & m);
      const r38 = denseRow(d, mix(mix(38, lwp), sh) & m);
      const r39 = denseRow(d, mix(mix(39, sh), lwn) & m);
      const g30 = GZ[j]! * L;
      const g32 = (128 + GZ[j - 1]!) * L;
      const g33 = (256 + GZ[j + 1]!) * L;
      const g42 = (384 + AG[j]!) * L;
      const g43 = (512 + AG[j - 1]!) * L;
      const g44 = (640 + AG[j + 1]!) * L;
      const first = i === 0;
      const seenLower = seen[i] === 1;
      const base = i * L;
      // most tokens have no gazetteer mark on either side: the six rows of value 0, summed once
      const noMarks = (g30 | (g32 - 128 * L) | (g33 - 256 * L) | (g42 - 384 * L) | (g43 - 512 * L) | (g44 - 640 * L)) === 0;
      // (one label per local, as in `viterbi`; every partial sum is exact, so the order of the additions is free)
      let a0 = sum[u]! + sum[p1]! + sum[n1]! + wt[p2]! + wt[n2]! + wt[r8]! + wt[r9]! + wt[r11]! + wt[r12]! + wt[r13]! + wt[r38]! + wt[r39]!;
      let a1 = sum[u + 1]! + sum[p1 + 1]! + sum[n1 + 1]! + wt[p2 + 1]! + wt[n2 + 1]! + wt[r8 + 1]! + wt[r9 + 1]! + wt[r11 + 1]! + wt[r12 + 1]! + wt[r13 + 1]! + wt[r38 + 1]! + wt[r39 + 1]!;
      let a2 = sum[u + 2]! + sum[p1 + 2]! + sum[n1 + 2]! + wt[p2 + 2]! + wt[n2 + 2]! + wt[r8 + 2]! + wt[r9 + 2]! + wt[r11 + 2]! + wt[r12 + 2]! + wt[r13 + 2]! + wt[r38 + 2]! + wt[r39 + 2]!;
      let a3 = sum[u + 3]! + sum[p1 + 3]! + sum[n1 + 3]! + wt[p2 + 3]! + wt[n2 + 3]! + wt[r8 + 3]! + wt[r9 + 3]! + wt[r11 + 3]! + wt[r12 + 3]! + wt[r13 + 3]! + wt[r38 + 3]! + wt[r39 + 3]!;
      let a4 = sum[u + 4]! + sum[p1 + 4]! + sum[n1 + 4]! + wt[p2 + 4]! + wt[n2 + 4]! + wt[r8 + 4]! + wt[r9 + 4]! + wt[r11 + 4]! + wt[r12 + 4]! + wt[r13 + 4]! + wt[r38 + 4]! + wt[r39 + 4]!;
      let a5 = sum[u + 5]! + sum[p1 + 5]! + sum[n1 + 5]! + wt[p2 + 5]! + wt[n2 + 5]! + wt[r8 + 5]! + wt[r9 + 5]! + wt[r11 + 5]! + wt[r12 + 5]! + wt[r13 + 5]! + wt[r38 + 5]! + wt[r39 + 5]!;
      let a6 = sum[u + 6]! + sum[p1 + 6]! + sum[n1 + 6]! + wt[p2 + 6]! + wt[n2 + 6]! + wt[r8 + 6]! + wt[r9 + 6]! + wt[r11 + 6]! + wt[r12 + 6]! + wt[r13 + 6]! + wt[r38 + 6]! + wt[r39 + 6]!;
      let a7 = sum[u + 7]! + sum[p1 + 7]! + sum[n1 + 7]! + wt[p2 + 7]! + wt[n2 + 7]! + wt[r8 + 7]! + wt[r9 + 7]! + wt[r11 + 7]! + wt[r12 + 7]! + wt[r13 + 7]! + wt[r38 + 7]! + wt[r39 + 7]!;
      let a8 = sum[u + 8]! + sum[p1 + 8]! + sum[n1 + 8]! + wt[p2 + 8]! + wt[n2 + 8]! + wt[r8 + 8]! + wt[r9 + 8]! + wt[r11 + 8]! + wt[r12 + 8]! + wt[r13 + 8]! + wt[r38 + 8]! + wt[r39 + 8]!;
      if (noMarks) {
        a0 += gzSums[GZ_ZERO]!;
        a1 += gzSums[GZ_ZERO + 1]!;
        a2 += gzSums[GZ_ZERO + 2]!;
        a3 += gzSums[GZ_ZERO + 3]!;
        a4 += gzSums[GZ_ZERO + 4]!;
        a5 += gzSums[GZ_ZERO + 5]!;
        a6 += gzSums[GZ_ZERO + 6]!;
        a7 += gzSums[GZ_ZERO + 7]!;
        a8 += gzSums[GZ_ZERO + 8]!;
      } else {
        a0 += gzSums[g30]! + gzSums[g32]! + gzSums[g33]! + gzSums[g42]! + gzSums[g43]! + gzSums[g44]!;
        a1 += gzSums[g30 + 1]! + gzSums[g32 + 1]! + gzSums[g33 + 1]! + gzSums[g42 + 1]! + gzSums[g43 + 1]! + gzSums[g44 + 1]!;
        a2 += gzSums[g30 + 2]! + gzSums[g32 + 2]! + gzSums[g33 + 2]! + gzSums[g42 + 2]! + gzSums[g43 + 2]! + gzSums[g44 + 2]!;
        a3 += gzSums[g30 + 3]! + gzSums[g32 + 3]! + gzSums[g33 + 3]! + gzSums[g42 + 3]! + gzSums[g43 + 3]! + gzSums[g44 + 3]!;
        a4 += gzSums[g30 + 4]! + gzSums[g32 + 4]! + gzSums[g33 + 4]! + gzSums[g42 + 4]! + gzSums[g43 + 4]! + gzSums[g44 + 4]!;
        a5 += gzSums[g30 + 5]! + gzSums[g32 + 5]! + gzSums[g33 + 5]! + gzSums[g42 + 5]! + gzSums[g43 + 5]! + gzSums[g44 + 5]!;
        a6 += gzSums[g30 + 6]! + gzSums[g32 + 6]! + gzSums[g33 + 6]! + gzSums[g42 + 6]! + gzSums[g43 + 6]! + gzSums[g44 + 6]!;
        a7 += gzSums[g30 + 7]! + gzSums[g32 + 7]! + gzSums[g33 + 7]! + gzSums[g42 + 7]! + gzSums[g43 + 7]! + gzSums[g44 + 7]!;
        a8 += gzSums[g30 + 8]! + gzSums[g32 + 8]! + gzSums[g33 + 8]! + gzSums[g42 + 8]! + gzSums[g43 + 8]! + gzSums[g44 + 8]!;
      }
      // the flag rows in a fixed order (first, all-caps, seen-lower), so the sums add up as they always did
      for (let q = 0; q < 3; q++) {
        if (!(q === 0 ? first : q === 1 ? allCaps : seenLower)) continue;
        const f = id * 3 * L + (q === 0 ? DF : q === 1 ? DA : DS);
        a0 += flagSum[f]!;
        a1 += flagSum[f + 1]!;
        a2 += flagSum[f + 2]!;
        a3 += flagSum[f + 3]!;
        a4 += flagSum[f + 4]!;
        a5 += flagSum[f + 5]!;
        a6 += flagSum[f + 6]!;
        a7 += flagSum[f + 7]!;
        a8 += flagSum[f + 8]!;
      }
      out[base] = a0;
      out[base + 1] = a1;
      out[base + 2] = a2;
      out[base + 3] = a3;
      out[base + 4] = a4;
      out[base + 5] = a5;
      out[base + 6] = a6;
      out[base + 7] = a7;
      out[base + 8] = a8;
    }
  }
}

/** Form bits: the form ends in 's after two or more characters (a possessive `nerSentences` may split off). */
export const FORM_POSSESSIVE = 1;
/** Form bits: `isHonorific`. */
export const FORM_HONORIFIC = 2;
/** Form bits: a rule entity may start at the form (`mayStartRule`). */
export const FORM_RULE_START = 4;

function formBits(w: string): number {
  const n = w.length;
  const possessive = n > 2 && w.charCodeAt(n - 1) === 115 && w.charCodeAt(n - 2) === 39;
  return (possessive ? FORM_POSSESSIVE : 0) | (isHonorific(w) ? FORM_HONORIFIC : 0) | (mayStartRule(w) ? FORM_RULE_START : 0);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Whether text[a, b) is the string f. */
function sameText(f: string, text: string, a: number, b: number): boolean {
  if (f.length !== b - a) return false;
  for (let k = a; k < b; k++) if (text.charCodeAt(k) !== f.charCodeAt(k - a)) return false;
  return true;
}

/** Where `gzSums` keeps the sum of the six gazetteer rows of value 0 (exact, as every sum here). */
const GZ_ZERO = 6 * 128 * L;

/** Word forms the packed-table id arrays hold before they start over. */
const MAX_IDS = 1 << 16;

/** Offsets of a word form's sums in its SUMS × L block: base at 0, then the neighbour roles. */
const P1 = 1 * L;
const N1 = 2 * L;
const SUMS = 3;
/** Offsets of a word form's flag deltas in its 3 × L block of `idFlagSum`. */
const DF = 0;
const DA = L;
const DS = 2 * L;

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
  return denseRow(d, (off / L) | 0);
}

/** Offset into the packed table of bucket `b`; 0 for an empty bucket (`denseOffset` without the division). */
export function denseRow(d: DenseIndex, b: number): number {
  const word = d.bits[b >>> 5]!;
  const bit = 1 << (b & 31);
  return word & bit ? (d.rank[b >>> 5]! + popcount(word & (bit - 1)) + 1) * L : 0;
}

/** Marks the longest gazetteer match from each start (words given by their lowercase hashes): type mask | 0x10 first word | 0x20 inside | 0x40 single word. */
function markMatches(gazetteer: ReadonlyMap<number, number>, lowerHashes: Int32Array, n: number, out: Int32Array, ids?: Int32Array, firstValue?: Int32Array): void {
  for (let i = 0; i < n; ) {
    // (with word-form ids: the first step's lookup is known per form, and most words start no entry)
    if (ids && firstValue![ids[i + PAD]!]! < 0) {
      i++;
      continue;
    }
    let h = GAZ_SEED;
    let best = 0;
    let bestMask = 0;
    for (let k = 0; k < GAZ_MAX && i + k < n; k++) {
      // = gazStep(h, lowercased word): LW holds hashString of each lowercased word (PAD-shifted)
      h = mix(h, lowerHashes[i + k + PAD]!);
      const v = k === 0 && ids ? firstValue![ids[i + PAD]!]! : gazetteer.get(h);
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
