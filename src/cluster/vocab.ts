/**
 * Interned terms: every word lemma and entity name gets a dense integer id once, with its
 * document frequency in a typed array, so the clusterer works on ids and never on strings.
 *
 * The dictionary is an open-addressing hash table over the terms' UTF-16 code units, so a term
 * can be looked up straight from a character buffer (`findChars`) without building a string.
 * Ids of evicted terms (`release`, see `OnlineClusterer` compaction) are recycled; each term
 * records the document count and the day at which it was last seen, for that eviction.
 */
import { hashString } from "./minhash.js";

export const KIND_WORD = 1;
export const KIND_VERB = 2;
export const KIND_ENTITY = 4;

export const BACKGROUND_DOCS = 100;

/** "Day unknown" in `lastDay`. */
export const NO_DAY = -0x80000000;

/** 32-bit FNV-1a of `len` code units of `buf` (equal to `hashString` of the same units as a string). */
export function hashChars(buf: Uint16Array, len: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < len; i++) {
    h ^= buf[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Slot of a hash in a power-of-two table (a finaliser spreads FNV's low bits). */
function home(h: number, mask: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) & mask;
}

const NO_INT32 = new Int32Array(0);
const NO_UINT16 = new Uint16Array(0);
const NO_UINT32 = new Uint32Array(0);

export class Vocab {
  /** Display form (first surface seen) for entities; the lower-cased surface for words ("" for a free id). */
  readonly display: string[] = [];
  /**
   * Per term, one 16-byte record (one cache line holds what an article touches): document
   * frequency, `docs` after the last document holding it (0: never counted), the day (days since
   * 1970) of the latest dated document holding it (NO_DAY: none), and its kinds (KIND_* bits).
   */
  private rec: Int32Array = NO_INT32;
  /** Keys as UTF-16 code units in one arena: key of id = keys[keyStart[id] .. + keyLen[id]); keyLen -1 = free id. */
  private keys: Uint16Array = NO_UINT16;
  private keyUsed = 0;
  private keyStart: Int32Array = NO_INT32;
  private keyLen: Int32Array = NO_INT32;
  private hashes: Uint32Array = NO_UINT32;
  /**
   * Open addressing, linear probing, 4 ints a slot: hash, id + 1 (0 = empty), key start, key length
   * (a probe reads one cache line, then the key's characters).
   */
  private table: Int32Array = NO_INT32;
  private mask = 0;
  private free: number[] = [];
  private nextId = 0;
  private live = 0;
  /** Documents counted in `df`. */
  docs = 0;
  /** `docs` at the last `drainDirty()`: a term with a later `lastDoc` changed since. */
  private drainedAt = 0;
  /** Ids released since the last `drainDirty()`, kept only when `trackReleases` (persistence) is set. */
  private released: number[] = [];
  trackReleases = false;

  constructor() {
    // The arrays that grow (and the table's mask) are replaced while terms are added. Each is stored here a second
    // time, after its placeholder, so that V8 treats the field as mutable from the first dictionary on: a field
    // first found to change later (at the first growth, in the middle of the story stages) throws away every
    // optimised function that had relied on it staying constant (articleFeatures, findChars, idf ... compiled again).
    this.rec = new Int32Array(4 * 1024);
    this.keys = new Uint16Array(1 << 16);
    this.keyStart = new Int32Array(1024);
    this.keyLen = new Int32Array(1024).fill(-1);
    this.hashes = new Uint32Array(1024);
    this.table = new Int32Array(4 * 2048);
    this.mask = 2047;
  }

  /** Live terms. */
  get size(): number {
    return this.live;
  }

  /** One past the highest id ever given (the length of the id-indexed arrays in use). */
  get capacity(): number {
    return this.nextId;
  }

  isLive(id: number): boolean {
    return id < this.nextId && this.keyLen[id]! >= 0;
  }

  /** The key of a live id. */
  term(id: number): string {
    const a = this.keyStart[id]!;
    return String.fromCharCode(...this.keys.subarray(a, a + this.keyLen[id]!));
  }

  /** Bytes of the dictionary's typed arrays (strings of `display` not counted). */
  get bytes(): number {
    return this.keys.byteLength + this.table.byteLength + this.rec.length * 4 + this.keyLen.length * 12;
  }

  /** Id of the term held in `buf[0..len)` (hash `h` = `hashChars(buf, len)`), or -1. */
  findChars(buf: Uint16Array, len: number, h: number): number {
    const table = this.table;
    const mask = this.mask;
    const keys = this.keys;
    const hs = h | 0;
    for (let slot = home(h, mask); ; slot = (slot + 1) & mask) {
      const e = slot << 2;
      const id1 = table[e + 1]!;
      if (id1 === 0) return -1;
      if (table[e] !== hs || table[e + 3] !== len) continue;
      const a = table[e + 2]!;
      let i = 0;
      while (i < len && keys[a + i] === buf[i]) i++;
      if (i === len) return id1 - 1;
    }
  }

  lookup(term: string): number | undefined {
    const h = hashString(term);
    const hs = h | 0;
    const len = term.length;
    const table = this.table;
    const mask = this.mask;
    const keys = this.keys;
    for (let slot = home(h, mask); ; slot = (slot + 1) & mask) {
      const e = slot << 2;
      const id1 = table[e + 1]!;
      if (id1 === 0) return undefined;
      if (table[e] !== hs || table[e + 3] !== len) continue;
      const a = table[e + 2]!;
      let i = 0;
      while (i < len && keys[a + i] === term.charCodeAt(i)) i++;
      if (i === len) return id1 - 1;
    }
  }

  intern(term: string, display?: string): number {
    const found = this.lookup(term);
    if (found !== undefined) return found;
    let id: number;
    if (this.free.length > 0) {
      id = this.free.pop()!;
      this.display[id] = display ?? term;
    } else {
      id = this.nextId++;
      this.display.push(display ?? term);
      while (id >= this.keyLen.length) this.grow(this.keyLen.length * 2);
    }
    this.setRecord(id, 0, 0, NO_DAY, 0);
    this.hashes[id] = hashString(term);
    if (this.keyUsed + term.length > this.keys.length) {
      let m = this.keys.length * 2;
      while (m < this.keyUsed + term.length) m *= 2;
      const k = new Uint16Array(m);
      k.set(this.keys.subarray(0, this.keyUsed));
      this.keys = k;
    }
    for (let i = 0; i < term.length; i++) this.keys[this.keyUsed + i] = term.charCodeAt(i);
    this.keyStart[id] = this.keyUsed;
    this.keyLen[id] = term.length;
    this.keyUsed += term.length;
    this.live++;
    if (2 * this.live > this.mask) this.rehash(2 * (this.mask + 1));
    else this.place(id);
    return id;
  }

  private grow(n: number): void {
    const rec = new Int32Array(4 * n);
    rec.set(this.rec);
    this.rec = rec;
    const hashes = new Uint32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const keyStart = new Int32Array(n);
    keyStart.set(this.keyStart);
    this.keyStart = keyStart;
    const keyLen = new Int32Array(n).fill(-1);
    keyLen.set(this.keyLen);
    this.keyLen = keyLen;
  }

  private place(id: number): void {
    const mask = this.mask;
    const h = this.hashes[id]!;
    let slot = home(h, mask);
    while (this.table[(slot << 2) + 1] !== 0) slot = (slot + 1) & mask;
    const e = slot << 2;
    this.table[e] = h | 0;
    this.table[e + 1] = id + 1;
    this.table[e + 2] = this.keyStart[id]!;
    this.table[e + 3] = this.keyLen[id]!;
  }

  /** Rebuilds the hash table with `size` slots (after releases, or to grow it). */
  private rehash(size: number): void {
    this.table = new Int32Array(4 * size);
    this.mask = size - 1;
    for (let id = 0; id < this.nextId; id++) if (this.keyLen[id]! >= 0) this.place(id);
  }

  /** Copies the live keys into a fresh arena (after releases), then rebuilds the table. */
  private compactKeys(): void {
    let used = 0;
    for (let id = 0; id < this.nextId; id++) if (this.keyLen[id]! > 0) used += this.keyLen[id]!;
    let m = 1 << 16;
    while (m < 1.5 * used) m *= 2;
    const keys = new Uint16Array(m);
    let at = 0;
    for (let id = 0; id < this.nextId; id++) {
      const n = this.keyLen[id]!;
      if (n < 0) continue;
      keys.set(this.keys.subarray(this.keyStart[id]!, this.keyStart[id]! + n), at);
      this.keyStart[id] = at;
      at += n;
    }
    this.keys = keys;
    this.keyUsed = at;
    this.rehash(this.mask + 1);
  }

  markKind(id: number, k: number): void {
    this.rec[4 * id + 3]! |= k;
  }

  private setRecord(id: number, df: number, lastDoc: number, lastDay: number, kind: number): void {
    const r = 4 * id;
    this.rec[r] = df;
    this.rec[r + 1] = lastDoc;
    this.rec[r + 2] = lastDay;
    this.rec[r + 3] = kind;
  }

  /** Document frequency of a term. */
  df(id: number): number {
    return id < this.nextId ? this.rec[4 * id]! : 0;
  }

  /** Kinds (KIND_* bits) of a term. */
  kind(id: number): number {
    return this.rec[4 * id + 3]!;
  }

  /** `docs` after the last document holding the term. */
  lastDoc(id: number): number {
    return this.rec[4 * id + 1]!;
  }

  /** Day of the latest dated document holding the term (NO_DAY: none). */
  lastDay(id: number): number {
    return this.rec[4 * id + 2]!;
  }

  /** Counts one document containing each of the first `n` (unique) ids, published on `day` (NaN: unknown). */
  addDocument(ids: ArrayLike<number>, day = NaN, n = ids.length): void {
    const doc = ++this.docs;
    const d = Number.isFinite(day) ? day : NO_DAY;
    const rec = this.rec;
    for (let i = 0; i < n; i++) {
      const r = 4 * ids[i]!;
      rec[r]!++;
      rec[r + 1] = doc;
      if (d !== NO_DAY && d > rec[r + 2]!) rec[r + 2] = d;
    }
  }

  /**
   * Smoothed inverse document frequency; a term never seen counts as seen once. BACKGROUND_DOCS
   * pseudo-documents that hold none of the terms damp the cold start: with a handful of articles,
   * a term shared by all of them would otherwise weigh far less than one seen once.
   */
  idf(id: number): number {
    const df = id < this.nextId ? this.rec[4 * id]! : 0;
    return Math.log(1 + (this.docs + BACKGROUND_DOCS + 1) / (df + 1));
  }

  /**
   * Forgets the terms for which `evict(id)` is true; their ids are recycled by later `intern`s.
   * The caller guarantees that nothing it keeps still refers to them.
   */
  releaseWhere(evict: (id: number) => boolean): number {
    let n = 0;
    for (let id = 0; id < this.nextId; id++) {
      if (this.keyLen[id]! < 0 || !evict(id)) continue;
      this.keyLen[id] = -1;
      this.display[id] = "";
      this.setRecord(id, 0, 0, NO_DAY, 0);
      this.free.push(id);
      if (this.trackReleases) this.released.push(id);
      this.live--;
      n++;
    }
    // hand out the lowest ids first (pop takes from the end)
    this.free.sort((a, b) => b - a);
    if (n > 0) this.compactKeys();
    return n;
  }

  /** Restores one stored term (ids in increasing order; gaps are free ids). */
  restore(id: number, term: string, display: string, df: number, kind: number, lastDay = NO_DAY): void {
    if (id < this.nextId) throw new Error(`vocab: stored term id ${id} out of order`);
    while (this.nextId < id) {
      const gap = this.nextId++;
      while (gap >= this.keyLen.length) this.grow(this.keyLen.length * 2);
      this.free.push(gap);
      this.display.push("");
    }
    const free = this.free;
    this.free = [];
    const got = this.intern(term, display);
    this.free = free;
    if (got !== id) throw new Error(`vocab: stored term "${term}" twice`);
    this.setRecord(id, df, 0, lastDay, kind);
  }

  /** After `restore` (and setting `docs`): the restored terms count as seen now (on `day`, when known) and as saved. */
  finishRestore(day = NaN): void {
    const d = Number.isFinite(day) ? day : NO_DAY;
    for (let id = 0; id < this.nextId; id++) {
      if (this.keyLen[id]! < 0) continue;
      this.rec[4 * id + 1] = this.docs;
      this.rec[4 * id + 2] = d;
    }
    this.free.sort((a, b) => b - a);
    this.drainedAt = this.docs;
    this.released = [];
  }

  /** Terms added or changed since the last call, and ids released since (for persistence). */
  drainDirty(): { changed: number[]; released: number[] } {
    const changed: number[] = [];
    const mark = this.drainedAt;
    for (let id = 0; id < this.nextId; id++) if (this.keyLen[id]! >= 0 && this.rec[4 * id + 1]! > mark) changed.push(id);
    const released = this.released;
    this.released = [];
    this.drainedAt = this.docs;
    return { changed, released };
  }
}
