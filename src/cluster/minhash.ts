/**
 * MinHash over word shingles, with banded LSH for candidate retrieval. A signature is NUM_HASHES
 * 32-bit minima; the share of equal positions estimates the Jaccard similarity of the shingle sets.
 */
export const NUM_HASHES = 64;
export const BANDS = 32;
const ROWS = NUM_HASHES / BANDS;

/** 32-bit FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes of the word n-grams of a sequence of word hashes (written to `into` when it is long enough). */
export function shingleHashes(words: Uint32Array, n = 4, into?: Uint32Array): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  if (words.length < n) {
    let h = 0;
    for (let i = 0; i < words.length; i++) h = mix(h ^ words[i]!) + i;
    return Uint32Array.of(h >>> 0);
  }
  const m = words.length - n + 1;
  const out = into && into.length >= m ? into.subarray(0, m) : new Uint32Array(m);
  for (let i = 0; i < out.length; i++) {
    let h = 0x12345;
    for (let j = 0; j < n; j++) h = mix((h ^ words[i + j]!) >>> 0);
    out[i] = h;
  }
  return out;
}

/**
 * The MinHash signature of a set of shingle hashes by one-permutation hashing (Li, Owen & Zhang
 * 2012): each shingle is hashed once, its top bits pick one of NUM_HASHES bins, and each bin keeps
 * its minimum; empty bins borrow from the next non-empty bin (rotation densification, Shrivastava
 * & Li 2014). Estimates Jaccard like NUM_HASHES independent permutations, at 1/NUM_HASHES the cost.
 */
export function signature(shingles: Uint32Array, into?: Uint32Array): Uint32Array {
  const sig = (into ?? new Uint32Array(NUM_HASHES)).fill(0xffffffff);
  const shift = 32 - Math.log2(NUM_HASHES);
  let filled = 0;
  for (let i = 0; i < shingles.length; i++) {
    const v = mix((shingles[i]! ^ 0x5bd1e995) >>> 0);
    const bin = v >>> shift;
    const x = ((v << (32 - shift)) | bin) >>> 0; // the low bits rank within the bin
    if (sig[bin] === 0xffffffff) filled++;
    if (x < sig[bin]!) sig[bin] = x;
  }
  if (filled === 0 || filled === NUM_HASHES) return sig;
  const empty = new Uint8Array(NUM_HASHES);
  for (let k = 0; k < NUM_HASHES; k++) empty[k] = sig[k] === 0xffffffff ? 1 : 0;
  for (let k = 0; k < NUM_HASHES; k++) {
    if (!empty[k]) continue;
    let j = (k + 1) % NUM_HASHES;
    let hops = 1;
    while (empty[j]) {
      j = (j + 1) % NUM_HASHES;
      hops++;
    }
    sig[k] = mix((sig[j]! ^ Math.imul(hops, 0x9e3779b1)) >>> 0);
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures (a view at `offset` in a ring buffer for `b`). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array, offset = 0): number {
  let same = 0;
  for (let k = 0; k < NUM_HASHES; k++) if (a[k] === b[offset + k]) same++;
  return same / NUM_HASHES;
}

/** Key of band `band` of a signature. */
export function bandKey(sig: Uint32Array, band: number, offset = 0): number {
  let h = band * 0x9e3779b1;
  for (let r = 0; r < ROWS; r++) h = mix((h ^ sig[offset + band * ROWS + r]!) >>> 0);
  return h;
}

/**
 * LSH index over the signatures of the last `window` articles (a ring buffer): memory is
 * bounded, and syndicated copies, which appear within days of the original, are still found.
 * Distinct band keys are in one open-addressing table (linear probing, at most 40% full,
 * backward-shift deletion) of [band key, first entry] pairs; the entries with one key form a
 * doubly linked list in typed arrays. A lookup probes a few slots of one cache line, then walks
 * only the entries that share the key (copies of one text share many keys: in a table of entries
 * they would make long runs that every other probe has to cross). No per-bucket objects for the GC.
 */
export class MinHashIndex {
  readonly window: number;
  readonly sigs: Uint32Array;
  /** Payload of each slot (the article's sequence number), -1 when empty. */
  readonly slotSeq: Float64Array;
  /** Pairs [band key, first entry + 1] (0 = empty); entry = slot * BANDS + band. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly entryNext: Int32Array;
  private readonly entryPrev: Int32Array;
  private readonly tried: Int32Array;
  private stampNo = 0;
  private next = 0;

  constructor(window = 50_000) {
    this.window = window;
    this.sigs = new Uint32Array(window * NUM_HASHES);
    this.slotSeq = new Float64Array(window).fill(-1);
    let size = 1;
    while (size < 2.5 * window * BANDS) size <<= 1;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    this.entryNext = new Int32Array(window * BANDS).fill(-1);
    this.entryPrev = new Int32Array(window * BANDS).fill(-1);
    this.tried = new Int32Array(window);
  }

  private home(key: number): number {
    return (mix(key ^ 0x2545f491) & this.mask) >>> 0;
  }

  /** Slot of a key in the table, or of the empty slot where it would go. */
  private find(key: number): number {
    const table = this.table;
    const mask = this.mask;
    let i = this.home(key);
    while (table[2 * i + 1] !== 0 && table[2 * i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** Best match with estimated Jaccard >= minSim: `{ seq, sim }`, or undefined. */
  query(sig: Uint32Array, minSim: number): { seq: number; sim: number } | undefined {
    let best: { seq: number; sim: number } | undefined;
    const stamp = ++this.stampNo;
    const table = this.table;
    for (let b = 0; b < BANDS; b++) {
      const i = this.find(bandKey(sig, b) | 0);
      for (let e = table[2 * i + 1]! - 1; e >= 0; e = this.entryNext[e]!) {
        const slot = (e / BANDS) | 0;
        if (this.tried[slot] === stamp) continue;
        this.tried[slot] = stamp;
        const sim = estimateJaccard(sig, this.sigs, slot * NUM_HASHES);
        const seq = this.slotSeq[slot]!;
        if (sim >= minSim && (!best || sim > best.sim || (sim === best.sim && seq < best.seq))) best = { seq, sim };
      }
    }
    return best;
  }

  /** Takes entry `e` (band key `key`) out of its key's list; the key leaves the table with its last entry. */
  private remove(key: number, e: number): void {
    const next = this.entryNext[e]!;
    const prev = this.entryPrev[e]!;
    this.entryNext[e] = -1;
    this.entryPrev[e] = -1;
    if (prev >= 0) {
      this.entryNext[prev] = next;
      if (next >= 0) this.entryPrev[next] = prev;
      return;
    }
    // e heads its list
    const table = this.table;
    let i = this.find(key);
    if (table[2 * i + 1] !== e + 1) return;
    if (next >= 0) {
      this.entryPrev[next] = -1;
      table[2 * i + 1] = next + 1;
      return;
    }
    // the key's last entry: shift the entries after it back (linear probing)
    const mask = this.mask;
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      if (table[2 * j + 1] === 0) break;
      const h = this.home(table[2 * j]!);
      // entry j may fill the hole at i unless its home lies cyclically in (i, j]
      const between = i <= j ? h > i && h <= j : h > i || h <= j;
      if (between) continue;
      table[2 * i] = table[2 * j]!;
      table[2 * i + 1] = table[2 * j + 1]!;
      i = j;
    }
    table[2 * i] = 0;
    table[2 * i + 1] = 0;
  }

  add(sig: Uint32Array, seq: number): void {
    const slot = this.next;
    this.next = (this.next + 1) % this.window;
    const table = this.table;
    if (this.slotSeq[slot]! >= 0) for (let b = 0; b < BANDS; b++) this.remove(bandKey(this.sigs, b, slot * NUM_HASHES) | 0, slot * BANDS + b);
    this.sigs.set(sig, slot * NUM_HASHES);
    this.slotSeq[slot] = seq;
    for (let b = 0; b < BANDS; b++) {
      const key = bandKey(sig, b) | 0;
      const e = slot * BANDS + b;
      const i = this.find(key);
      const head = table[2 * i + 1]! - 1;
      // newest first
      this.entryPrev[e] = -1;
      this.entryNext[e] = head;
      if (head >= 0) this.entryPrev[head] = e;
      table[2 * i] = key;
      table[2 * i + 1] = e + 1;
    }
  }
}
