/**
 * The feature vectors of the most recent articles, for the split step: a circular arena of ids and
 * weights (terms then names per article) and a ring of article slots pointing into it. Memory is
 * fixed; an article's vector is gone once `window` later articles or `arena` later entries were written.
 */
export class VectorRing {
  readonly ids: Int32Array;
  readonly ww: Float32Array;
  private readonly arena: number;
  private readonly window: number;
  /** Absolute write position in the arena (never wraps). */
  private pos = 0;
  private readonly slotArticle: Float64Array;
  private readonly slotStart: Float64Array;
  private readonly slotTerms: Int32Array;
  private readonly slotNames: Int32Array;

  constructor(window: number, arena: number) {
    this.window = Math.max(1, window);
    this.arena = Math.max(1, arena);
    this.ids = new Int32Array(this.arena);
    this.ww = new Float32Array(this.arena);
    this.slotArticle = new Float64Array(this.window).fill(-1);
    this.slotStart = new Float64Array(this.window);
    this.slotTerms = new Int32Array(this.window);
    this.slotNames = new Int32Array(this.window);
  }

  /** Stores the vector of article `a` (an arrival index). */
  put(a: number, tIds: Int32Array, tW: Float32Array, eIds: Int32Array, eW: Float32Array): void {
    const slot = a % this.window;
    const n = tIds.length + eIds.length;
    if (n > this.arena) {
      this.slotArticle[slot] = -1;
      return;
    }
    let at = this.pos % this.arena;
    if (at + n > this.arena) {
      this.pos += this.arena - at;
      at = 0;
    }
    this.ids.set(tIds, at);
    this.ww.set(tW, at);
    this.ids.set(eIds, at + tIds.length);
    this.ww.set(eW, at + tIds.length);
    this.slotArticle[slot] = a;
    this.slotStart[slot] = this.pos;
    this.slotTerms[slot] = tIds.length;
    this.slotNames[slot] = eIds.length;
    this.pos += n;
  }

  /** Offset in `ids`/`w` of article `a`'s vector, or -1 when it is no longer held. */
  find(a: number): number {
    const slot = a % this.window;
    if (this.slotArticle[slot] !== a) return -1;
    const start = this.slotStart[slot]!;
    if (start < this.pos - this.arena) return -1;
    return start % this.arena;
  }

  /** Calls `f` with each id of the vectors still held. */
  forEachHeldId(f: (id: number) => void): void {
    for (let slot = 0; slot < this.window; slot++) {
      const a = this.slotArticle[slot]!;
      if (a < 0) continue;
      const o = this.find(a);
      if (o < 0) continue;
      const n = this.slotTerms[slot]! + this.slotNames[slot]!;
      for (let k = o; k < o + n; k++) f(this.ids[k]!);
    }
  }

  /** Number of terms and of names of a held article. */
  terms(a: number): number {
    return this.slotTerms[a % this.window]!;
  }

  names(a: number): number {
    return this.slotNames[a % this.window]!;
  }
}
