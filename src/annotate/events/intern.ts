/**
 * The coder's word form of a token (upper case, curly quotes and backticks as "'") read straight from the
 * article text into one shared string per distinct form. The forms are made once and kept (up to a cap), so the
 * coder's table lookups hash each form once per process rather than once per token.
 */

const ODD_QUOTES = /[’‘`]/g;
const HAS_ODD_QUOTE = /[’‘`]/;

/** The coder's normalisation of one token text: upper case, with ’ ‘ ` as '. */
export function normWord(t: string): string {
  const u = t.toUpperCase();
  return HAS_ODD_QUOTE.test(u) ? u.replace(ODD_QUOTES, "'") : u;
}

/** Distinct forms kept before the table starts over (a bound on memory; forms are small strings). */
const MAX_FORMS = 400_000;

let forms: string[] = [];
let hashes: number[] = [];
let table = new Int32Array(1 << 16).fill(-1);

/** Code unit of the normalised form for a code unit of the text, or −1 when the fast path does not apply. */
function fold(c: number): number {
  if (c < 128) {
    if (c >= 97 && c <= 122) return c - 32;
    return c === 96 ? 39 : c;
  }
  return c === 0x2018 || c === 0x2019 ? 39 : -1;
}

function rehash(size: number): void {
  table = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (let id = 0; id < forms.length; id++) {
    const h = hashes[id]!;
    let slot = (h ^ (h >>> 15)) & mask;
    while (table[slot]! >= 0) slot = (slot + 1) & mask;
    table[slot] = id;
  }
}

/** Bumped whenever the table starts over: ids from an earlier epoch mean nothing now. */
let epoch = 0;

/** The current epoch of form ids (caches indexed by form id must start over when it changes). */
export function internEpoch(): number {
  return epoch;
}

/** The form of an id. */
export function formOf(id: number): string {
  return forms[id]!;
}

/** `normWord(text.slice(a, b))`, as the one shared string of that form. */
export function internWord(text: string, a: number, b: number): string {
  return forms[internId(text, a, b)]!;
}

/** The id of the form `normWord(text.slice(a, b))` (made and kept on first sight). */
export function internId(text: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  let slow: string | undefined;
  for (let k = a; k < b; k++) {
    const c = fold(text.charCodeAt(k));
    if (c < 0) {
      slow = normWord(text.slice(a, b));
      break;
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  if (slow !== undefined) {
    h = 0x811c9dc5;
    for (let k = 0; k < slow.length; k++) h = Math.imul(h ^ slow.charCodeAt(k), 0x01000193);
  }
  const mask = table.length - 1;
  let slot = (h ^ (h >>> 15)) & mask;
  for (;;) {
    const id = table[slot]!;
    if (id < 0) break;
    if (hashes[id] === h) {
      const f = forms[id]!;
      if (slow !== undefined ? f === slow : sameForm(text, a, b, f)) return id;
    }
    slot = (slot + 1) & mask;
  }
  const form = slow ?? normWord(text.slice(a, b));
  if (forms.length >= MAX_FORMS) {
    forms = [];
    hashes = [];
    table.fill(-1);
    epoch++;
    return internId(text, a, b);
  }
  forms.push(form);
  hashes.push(h);
  table[slot] = forms.length - 1;
  if (forms.length * 2 > table.length) rehash(table.length * 2);
  return forms.length - 1;
}

function sameForm(text: string, a: number, b: number, form: string): boolean {
  if (form.length !== b - a) return false;
  for (let k = a; k < b; k++) if (fold(text.charCodeAt(k)) !== form.charCodeAt(k - a)) return false;
  return true;
}
