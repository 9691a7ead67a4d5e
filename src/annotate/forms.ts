/**
 * Normalised word forms of tokens read straight from the article text into one shared string per distinct form,
 * with a small integer id. The forms are made once and kept (up to a cap), so per-form facts can be cached by id
 * and table lookups hash each form once per process rather than once per token. Used by the events coder (upper
 * case) and the garbled annotator (lower case).
 */

/** Code units below this have their `fold` in a table (Latin, general punctuation up to U+2027). */
const FOLD_TABLE = 0x2028;

/** Distinct forms kept before a table starts over (a bound on memory; forms are small strings). */
const MAX_FORMS = 400_000;

export class FormTable {
  private forms: string[] = [];
  private hashes: number[] = [];
  /** Open addressing, two entries per slot: the id (−1: empty) and its hash, so a probe reads one cache line. */
  private table = new Int32Array(2 << 16).fill(-1);
  /** Bumped whenever the table starts over: ids from an earlier epoch mean nothing now. */
  epoch = 0;
  /** `fold` of every code unit below FOLD_TABLE, looked up instead of called per character. */
  private readonly folded: Int32Array;

  /**
   * @param fold the form's code unit for a code unit of the text, or −1 where only `norm` can tell (the token
   *   then goes through `norm`); it must agree with `norm` wherever it answers
   * @param norm the normalisation of a whole token text
   * @param maxForms distinct forms kept before the table starts over (and `epoch` goes up)
   */
  constructor(
    private readonly fold: (c: number) => number,
    readonly norm: (s: string) => string,
    private readonly maxForms = MAX_FORMS,
  ) {
    this.folded = new Int32Array(FOLD_TABLE);
    for (let c = 0; c < FOLD_TABLE; c++) this.folded[c] = fold(c);
  }

  /** The form of an id. */
  form(id: number): string {
    return this.forms[id]!;
  }

  /** Number of forms (ids are below it). */
  get size(): number {
    return this.forms.length;
  }

  /** The id of the form `norm(text.slice(a, b))` (made and kept on first sight). */
  id(text: string, a: number, b: number): number {
    const folded = this.folded;
    let h = 0x811c9dc5;
    let slow: string | undefined;
    for (let k = a; k < b; k++) {
      const u = text.charCodeAt(k);
      const c = u < FOLD_TABLE ? folded[u]! : this.fold(u);
      if (c < 0) {
        slow = this.norm(text.slice(a, b));
        break;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (slow !== undefined) {
      h = 0x811c9dc5;
      for (let k = 0; k < slow.length; k++) h = Math.imul(h ^ slow.charCodeAt(k), 0x01000193);
    }
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const id = table[2 * slot]!;
      if (id < 0) break;
      if (table[2 * slot + 1] === h) {
        const f = this.forms[id]!;
        if (slow !== undefined ? f === slow : this.same(text, a, b, f)) return id;
      }
      slot = (slot + 1) & mask;
    }
    const form = slow ?? this.norm(text.slice(a, b));
    if (this.forms.length >= this.maxForms) {
      this.forms = [];
      this.hashes = [];
      this.table.fill(-1);
      this.epoch++;
      return this.id(text, a, b);
    }
    this.forms.push(form);
    this.hashes.push(h);
    table[2 * slot] = this.forms.length - 1;
    table[2 * slot + 1] = h;
    if (this.forms.length * 4 > table.length) this.rehash(table.length);
    return this.forms.length - 1;
  }

  private same(text: string, a: number, b: number, form: string): boolean {
    if (form.length !== b - a) return false;
    const folded = this.folded;
    for (let k = a; k < b; k++) {
      const u = text.charCodeAt(k);
      if ((u < FOLD_TABLE ? folded[u]! : this.fold(u)) !== form.charCodeAt(k - a)) return false;
    }
    return true;
  }

  private rehash(size: number): void {
    const table = new Int32Array(2 * size).fill(-1);
    const mask = size - 1;
    for (let id = 0; id < this.forms.length; id++) {
      const h = this.hashes[id]!;
      let slot = (h ^ (h >>> 15)) & mask;
      while (table[2 * slot]! >= 0) slot = (slot + 1) & mask;
      table[2 * slot] = id;
      table[2 * slot + 1] = h;
    }
    this.table = table;
  }
}
