/**
 * The coder's word form of a token (upper case, curly quotes and backticks as "'"), read straight from the
 * article text into one shared string per distinct form (see ../forms.ts).
 */
import { FormTable } from "../forms.js";

const ODD_QUOTES = /[’‘`]/g;
const HAS_ODD_QUOTE = /[’‘`]/;

/** The coder's normalisation of one token text: upper case, with ’ ‘ ` as '. */
export function normWord(t: string): string {
  const u = t.toUpperCase();
  return HAS_ODD_QUOTE.test(u) ? u.replace(ODD_QUOTES, "'") : u;
}

/** `normWord` of one code unit where it is one code unit whatever surrounds it; −1 elsewhere. */
function fold(c: number): number {
  if (c < 128) {
    if (c >= 97 && c <= 122) return c - 32;
    return c === 96 ? 39 : c;
  }
  if (c === 0x2018 || c === 0x2019) return 39;
  // the rest of U+2010–U+2027 (dashes, double quotes, bullets, ellipsis) has no case
  return c >= 0x2010 && c <= 0x2027 ? c : -1;
}

const FORMS = new FormTable(fold, normWord);

/** The current epoch of form ids (caches indexed by form id must start over when it changes). */
export function internEpoch(): number {
  return FORMS.epoch;
}

/** The form of an id. */
export function formOf(id: number): string {
  return FORMS.form(id);
}

/** `normWord(text.slice(a, b))`, as the one shared string of that form. */
export function internWord(text: string, a: number, b: number): string {
  return FORMS.form(FORMS.id(text, a, b));
}

/** The id of the form `normWord(text.slice(a, b))` (made and kept on first sight). */
export function internId(text: string, a: number, b: number): number {
  return FORMS.id(text, a, b);
}
