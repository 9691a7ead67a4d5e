/**
 * The NER model: hashed emission weights (buckets x labels), label transitions, and the
 * resources (word clusters, gazetteer) its features read. Viterbi decoding over IOB2 labels
 * with the constraint that I-T only follows B-T or I-T.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { docLowerSet, exactSums, FeatureExtractor, F, L, LABELS, popcount, type DenseIndex, type NerResources } from "./features.js";

export interface NerModelData {
  bits: number;
  weights: Float32Array;
  /** trans[prev * L + cur]; row L is the start state. */
  trans: Float32Array;
  resources: NerResources;
}

/** allowed[prev * L + cur], row L = sentence start. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let c = 0; c < L; c++) {
      const cl = LABELS[c]!;
      if (cl.startsWith("I-")) {
        const pl = p < L ? LABELS[p]! : "O";
        a[p * L + c] = pl !== "O" && pl.slice(2) === cl.slice(2) ? 1 : 0;
      } else a[p * L + c] = 1;
    }
  }
  return a;
})();

// `viterbi` is unrolled for this layout: 9 labels, O then B-T, I-T for each type, where O and B-T may follow any
// label and I-T only B-T or I-T of its own type
for (let p = 0; p < L; p++) {
  for (let c = 0; c < L; c++) {
    const want = c === 0 || c % 2 === 1 || p === c - 1 || p === c ? 1 : 0;
    if (L !== 9 || ALLOWED[p * L + c] !== want) throw new Error("ner: viterbi expects 9 IOB2 labels, O first");
  }
}

export class NerModel {
  readonly extractor: FeatureExtractor;
  private scores = new Float32Array(0);
  private back = new Uint8Array(0);
  private delta = new Float64Array(2 * L);

  /** Set by `freeze()`: tagging sums per-word partial scores over a packed table (see `FeatureExtractor.scores`). */
  private packed = false;

  constructor(readonly data: NerModelData) {
    this.extractor = new FeatureExtractor(data.resources, (1 << data.bits) - 1);
  }

  /**
   * Declares the weights final (a loaded model): tagging then reads a dense table of the non-zero
   * buckets (about 7% of them) through a rank bitmap, instead of the sparse 2^bits × L table whose
   * random reads miss the cache, and sums the weights of a word's own features once per word form.
   * Scores are the same numbers: every partial sum is exact (`exactSums`, checked here; a table
   * where it would not be keeps the one-feature-at-a-time path).
   */
  freeze(): this {
    const compact = compactWeights(this.data.weights, this.data.bits);
    if (exactSums(compact.weights)) {
      this.extractor.useDense(compact, compact.weights);
      this.packed = true;
    }
    return this;
  }

  /** Emission scores for n tokens from their feature offsets. */
  emissions(feats: Int32Array, n: number, weights: Float32Array = this.data.weights): Float32Array {
    if (this.scores.length < n * L) this.scores = new Float32Array(n * L * 2);
    const s = this.scores;
    s.fill(0, 0, n * L);
    for (let i = 0; i < n; i++) {
      const base = i * L;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
      for (let k = i * F, e = k + F; k < e; k++) {
        const f = feats[k]!;
        a0 += weights[f]!;
        a1 += weights[f + 1]!;
        a2 += weights[f + 2]!;
        a3 += weights[f + 3]!;
        a4 += weights[f + 4]!;
        a5 += weights[f + 5]!;
        a6 += weights[f + 6]!;
        a7 += weights[f + 7]!;
        a8 += weights[f + 8]!;
      }
      s[base] = a0;
      s[base + 1] = a1;
      s[base + 2] = a2;
      s[base + 3] = a3;
      s[base + 4] = a4;
      s[base + 5] = a5;
      s[base + 6] = a6;
      s[base + 7] = a7;
      s[base + 8] = a8;
    }
    return s;
  }

  /**
   * Best label sequence (indices into LABELS) written into `out`. For each label the previous labels are tried in
   * increasing order and only a strictly better score replaces the best, as in the textbook loop: O and every
   * B-T may follow any label (9 candidates, unrolled over the previous step's scores held in locals), I-T only
   * B-T or I-T of its type (2 candidates); see `ALLOWED` and the check after it.
   */
  viterbi(scores: Float32Array, n: number, out: Uint8Array, trans: Float32Array = this.data.trans): void {
    if (n === 0) return;
    if (this.back.length < n * L) this.back = new Uint8Array(n * L * 2);
    const back = this.back;
    const d = this.delta;
    let cur = 0;
    for (let c = 0; c < L; c++) d[c] = ALLOWED[L * L + c] ? trans[L * L + c]! + scores[c]! : -Infinity;
    for (let i = 1; i < n; i++) {
      const prev = cur * L;
      const next = (1 - cur) * L;
      const s = i * L;
      const d0 = d[prev]!, d1 = d[prev + 1]!, d2 = d[prev + 2]!, d3 = d[prev + 3]!, d4 = d[prev + 4]!;
      const d5 = d[prev + 5]!, d6 = d[prev + 6]!, d7 = d[prev + 7]!, d8 = d[prev + 8]!;
      for (let c = 0; c < L; c += c === 0 ? 1 : 2) {
        // O (c = 0) and B-T (c odd): any previous label
        let best = d0 + trans[c]!;
        let arg = 0;
        let v = d1 + trans[L + c]!;
        if (v > best) { best = v; arg = 1; }
        v = d2 + trans[2 * L + c]!;
        if (v > best) { best = v; arg = 2; }
        v = d3 + trans[3 * L + c]!;
        if (v > best) { best = v; arg = 3; }
        v = d4 + trans[4 * L + c]!;
        if (v > best) { best = v; arg = 4; }
        v = d5 + trans[5 * L + c]!;
        if (v > best) { best = v; arg = 5; }
        v = d6 + trans[6 * L + c]!;
        if (v > best) { best = v; arg = 6; }
        v = d7 + trans[7 * L + c]!;
        if (v > best) { best = v; arg = 7; }
        v = d8 + trans[8 * L + c]!;
        if (v > best) { best = v; arg = 8; }
        d[next + c] = best + scores[s + c]!;
        back[s + c] = arg;
      }
      for (let c = 2; c < L; c += 2) {
        // I-T (c even): B-T (c - 1) or I-T (c); B-T's score is always finite (it may follow O), so it starts the best
        let best = d[prev + c - 1]! + trans[(c - 1) * L + c]!;
        let arg = c - 1;
        const v = d[prev + c]! + trans[c * L + c]!;
        if (v > best) { best = v; arg = c; }
        d[next + c] = best + scores[s + c]!;
        back[s + c] = arg;
      }
      cur = 1 - cur;
    }
    let best = -Infinity;
    let arg = 0;
    for (let c = 0; c < L; c++) {
      if (d[cur * L + c]! > best) {
        best = d[cur * L + c]!;
        arg = c;
      }
    }
    out[n - 1] = arg;
    for (let i = n - 1; i > 0; i--) {
      arg = back[i * L + arg]!;
      out[i - 1] = arg;
    }
  }

  /** Tags one sentence of normalised words; returns label indices. */
  tag(words: readonly string[], docLower?: ReadonlySet<string>, out?: Uint8Array): Uint8Array {
    const n = words.length;
    const labels = out && out.length >= n ? out : new Uint8Array(n);
    if (n === 0) return labels;
    if (this.packed) {
      if (this.scores.length < n * L) this.scores = new Float32Array(n * L * 2);
      this.extractor.scores(words, docLower, this.scores);
      this.viterbi(this.scores, n, labels);
    } else this.viterbi(this.emissions(this.extractor.extract(words, docLower), n), n, labels);
    return labels;
  }

  /**
   * The form table of a packed model, made ready for a document of `tokens` wink tokens (see
   * `FeatureExtractor.beginForms`), for `nerSentences` and then `tagTokens`; undefined for a model not frozen.
   */
  formsFor(tokens: number): DocumentForms | undefined {
    if (!this.packed) return undefined;
    return { extractor: this.extractor, epoch: this.extractor.beginForms(tokens) };
  }

  /**
   * `tagDocument` for sentences of tokens that carry the form ids of `forms` (from `formsFor`; the words are their
   * forms): the same labels, without looking up the words again.
   */
  tagTokens(sentences: readonly (readonly { readonly form: number }[])[], words: readonly (readonly string[])[], forms: DocumentForms | undefined): Uint8Array[] {
    if (!forms) return this.tagDocument(words);
    this.extractor.beginDocumentForms(sentences, forms.epoch);
    return this.tagBegun(sentences);
  }

  /**
   * Tags every sentence of a document with the document's lowercase words as `docLower` (`docLowerSet`); returns
   * the label indices of each sentence. With a packed table the word forms are looked up once for the whole
   * document (`FeatureExtractor.beginDocument`) and no set of strings is built.
   */
  tagDocument(sentences: readonly (readonly string[])[]): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (!this.packed) {
      const docLower = docLowerSet(sentences);
      for (let s = 0; s < sentences.length; s++) out.push(this.tag(sentences[s]!, docLower));
      return out;
    }
    this.extractor.beginDocument(sentences);
    return this.tagBegun(sentences);
  }

  /** The labels of each sentence (of these lengths) of the document begun in the extractor. */
  private tagBegun(sentences: readonly (readonly unknown[])[]): Uint8Array[] {
    const out: Uint8Array[] = [];
    let from = 0;
    for (let s = 0; s < sentences.length; s++) {
      const n = sentences[s]!.length;
      const labels = new Uint8Array(n);
      if (n > 0) {
        if (this.scores.length < n * L) this.scores = new Float32Array(n * L * 2);
        this.extractor.documentScores(from, n, this.scores);
        this.viterbi(this.scores, n, labels);
      }
      from += n;
      out.push(labels);
    }
    return out;
  }
}

/** A packed model's form table, ready for one document. */
export interface DocumentForms {
  extractor: FeatureExtractor;
  epoch: number;
}

interface CompactWeights extends DenseIndex {
  /** Row 0 all zeros (every empty bucket), then the non-zero buckets in bucket order, L weights each. */
  weights: Float32Array;
}

function compactWeights(w: Float32Array, bits: number): CompactWeights {
  const buckets = 1 << bits;
  const set = new Int32Array(Math.ceil(buckets / 32));
  let count = 0;
  for (let b = 0; b < buckets; b++) {
    for (let c = 0; c < L; c++)
      if (w[b * L + c] !== 0) {
        set[b >>> 5]! |= 1 << (b & 31);
        count++;
        break;
      }
  }
  const rank = new Int32Array(set.length);
  for (let i = 0, r = 0; i < set.length; i++) {
    rank[i] = r;
    r += popcount(set[i]!);
  }
  const dense = new Float32Array((count + 1) * L);
  for (let b = 0, row = 1; b < buckets; b++) {
    if (!(set[b >>> 5]! & (1 << (b & 31)))) continue;
    dense.set(w.subarray(b * L, b * L + L), row * L);
    row++;
  }
  return { bits: set, rank, weights: dense };
}


// ---- serialisation: gzip( u32 headerLen | header JSON | u32 count | varint bucket deltas | int16 weights ) ----

interface Header {
  format: "crosscheck-ner-2";
  bits: number;
  labels: string[];
  scale: number;
  trans: number[];
  clusters: [string, number][];
  gazetteer: [number, number][];
  tokenTypes: [string, number][];
  autoGazetteer: [number, number][];
  meta: Record<string, unknown>;
}

/** Serialises a model, quantising emission weights to int16 and dropping all-zero buckets. */
export function saveModel(data: NerModelData, meta: Record<string, unknown> = {}, minAbs = 0): Buffer {
  const w = data.weights;
  let max = 0;
  for (let i = 0; i < w.length; i++) if (Math.abs(w[i]!) > max) max = Math.abs(w[i]!);
  const scale = max / 32767 || 1;
  const buckets = w.length / L;
  const idx: number[] = [];
  const q: number[] = [];
  for (let b = 0; b < buckets; b++) {
    let keep = false;
    for (let c = 0; c < L; c++) if (Math.abs(w[b * L + c]!) > minAbs && Math.round(w[b * L + c]! / scale) !== 0) keep = true;
    if (!keep) continue;
    idx.push(b);
    for (let c = 0; c < L; c++) q.push(Math.abs(w[b * L + c]!) > minAbs ? Math.round(w[b * L + c]! / scale) : 0);
  }
  const header: Header = {
    format: "crosscheck-ner-2",
    bits: data.bits,
    labels: LABELS,
    scale,
    trans: Array.from(data.trans),
    clusters: [...data.resources.clusters],
    gazetteer: [...data.resources.gazetteer],
    tokenTypes: [...data.resources.tokenTypes],
    autoGazetteer: [...data.resources.autoGazetteer],
    meta,
  };
  const hbuf = Buffer.from(JSON.stringify(header), "utf8");
  const varints: number[] = [];
  let prev = 0;
  for (const b of idx) {
    let d = b - prev;
    prev = b;
    while (d >= 0x80) {
      varints.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    varints.push(d);
  }
  // weights column-major by label: zeros of rarely used labels compress well
  const wq = new Int16Array(q.length);
  for (let c = 0, o = 0; c < L; c++) for (let r = 0; r < idx.length; r++) wq[o++] = q[r * L + c]!;
  const head = Buffer.alloc(8);
  head.writeUInt32LE(hbuf.length, 0);
  head.writeUInt32LE(idx.length, 4);
  const body = Buffer.concat([head.subarray(0, 4), hbuf, head.subarray(4, 8), Buffer.from(varints), Buffer.from(wq.buffer, wq.byteOffset, wq.byteLength)]);
  return gzipSync(body, { level: 9 });
}

export function loadModel(gz: Buffer): { data: NerModelData; meta: Record<string, unknown> } {
  const buf = gunzipSync(gz);
  const hlen = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + hlen).toString("utf8")) as Header;
  if (header.format !== "crosscheck-ner-2") throw new Error("ner model: unknown format");
  if (header.labels.join() !== LABELS.join()) throw new Error("ner model: label set differs from this code");
  let p = 4 + hlen;
  const count = buf.readUInt32LE(p);
  p += 4;
  const idx = new Int32Array(count);
  let prev = 0;
  for (let r = 0; r < count; r++) {
    let v = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[p++]!;
      v |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    prev += v;
    idx[r] = prev;
  }
  const wq = new Int16Array(buf.buffer.slice(buf.byteOffset + p, buf.byteOffset + p + count * L * 2));
  const weights = new Float32Array((1 << header.bits) * L);
  for (let c = 0, o = 0; c < L; c++) for (let r = 0; r < count; r++) weights[idx[r]! * L + c] = wq[o++]! * header.scale;
  return {
    data: {
      bits: header.bits,
      weights,
      trans: Float32Array.from(header.trans),
      resources: {
        clusters: new Map(header.clusters),
        gazetteer: new Map(header.gazetteer),
        tokenTypes: new Map(header.tokenTypes),
        autoGazetteer: new Map(header.autoGazetteer ?? []),
      },
    },
    meta: header.meta,
  };
}
