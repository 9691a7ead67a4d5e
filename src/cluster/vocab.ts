/**
 * Interned terms: every word lemma and entity name gets a dense integer id once, with its
 * document frequency in a typed array, so the clusterer works on ids and never on strings.
 */
export const KIND_WORD = 1;
export const KIND_VERB = 2;
export const KIND_ENTITY = 4;

export const BACKGROUND_DOCS = 100;

export class Vocab {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  /** Display form (first surface seen) for entities; the key for words. */
  readonly display: string[] = [];
  df = new Int32Array(1024);
  kind = new Uint8Array(1024);
  /** Documents counted in `df`. */
  docs = 0;
  /** Term ids whose df or kind changed since the last `drainDirty()` (for persistence). */
  private dirty = new Set<number>();
  private firstNew = 0;

  get size(): number {
    return this.terms.length;
  }

  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  intern(term: string, display?: string): number {
    let id = this.ids.get(term);
    if (id !== undefined) return id;
    id = this.terms.length;
    this.ids.set(term, id);
    this.terms.push(term);
    this.display.push(display ?? term);
    if (id >= this.df.length) {
      const df = new Int32Array(this.df.length * 2);
      df.set(this.df);
      this.df = df;
      const kind = new Uint8Array(this.kind.length * 2);
      kind.set(this.kind);
      this.kind = kind;
    }
    return id;
  }

  markKind(id: number, k: number): void {
    if ((this.kind[id]! & k) === 0) {
      this.kind[id]! |= k;
      this.dirty.add(id);
    }
  }

  /** Counts one document containing each of the (unique) ids. */
  addDocument(ids: ArrayLike<number>): void {
    this.docs++;
    for (let i = 0; i < ids.length; i++) {
      this.df[ids[i]!]!++;
      this.dirty.add(ids[i]!);
    }
  }

  /**
   * Smoothed inverse document frequency; a term never seen counts as seen once. BACKGROUND_DOCS
   * pseudo-documents that hold none of the terms damp the cold start: with a handful of articles,
   * a term shared by all of them would otherwise weigh far less than one seen once.
   */
  idf(id: number): number {
    const df = id < this.terms.length ? this.df[id]! : 0;
    return Math.log(1 + (this.docs + BACKGROUND_DOCS + 1) / (df + 1));
  }

  /** Restores one stored term (ids must arrive densely, in order). */
  restore(id: number, term: string, display: string, df: number, kind: number): void {
    if (this.intern(term, display) !== id) throw new Error(`vocab: stored term id ${id} out of order`);
    this.df[id] = df;
    this.kind[id] = kind;
    this.firstNew = this.terms.length;
  }

  /** Terms added or changed since the last call: `[id, isNew]`. */
  drainDirty(): { id: number; isNew: boolean }[] {
    const out: { id: number; isNew: boolean }[] = [];
    for (let id = this.firstNew; id < this.terms.length; id++) this.dirty.add(id);
    for (const id of this.dirty) out.push({ id, isNew: id >= this.firstNew });
    this.dirty = new Set();
    this.firstNew = this.terms.length;
    return out;
  }
}
