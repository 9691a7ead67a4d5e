import type { TokenColumns } from "../model/tokens.js";

/** The lower-case forms of a document's tokens as small integer ids (the same form, the same id). */
export interface LowerWords {
  /** Id of each token's lower-case form (`text.slice(start, end).toLowerCase()`). */
  ids: Int32Array;
  /** The form of each id, in order of first occurrence. */
  forms: string[];
}

/**
 * Lower-case word ids for every token of a text, without building a string per token: a token's lower-cased
 * characters are hashed straight from the text (ASCII letters folded inline; a token with any other character
 * goes through `toLowerCase()`) into an open-addressing table, and compared with the form stored for the id.
 * A string is made once per distinct form.
 */
export function lowerWords(text: string, tokens: TokenColumns): LowerWords {
  const n = tokens.count;
  const ids = new Int32Array(n);
  const forms: string[] = [];
  let size = 64;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const hashes: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = tokens.start[i]!;
    const b = tokens.end[i]!;
    let h = 0x811c9dc5;
    let ascii = true;
    for (let k = a; k < b; k++) {
      let c = text.charCodeAt(k);
      if (c >= 128) {
        ascii = false;
        break;
      }
      if (c >= 65 && c <= 90) c |= 0x20;
      h = Math.imul(h ^ c, 0x01000193);
    }
    let slow: string | undefined;
    if (!ascii) {
      slow = text.slice(a, b).toLowerCase();
      h = 0x811c9dc5;
      for (let k = 0; k < slow.length; k++) h = Math.imul(h ^ slow.charCodeAt(k), 0x01000193);
    }
    let slot = (h ^ (h >>> 15)) & mask;
    let id = -1;
    for (;;) {
      const at = table[slot]!;
      if (at < 0) break;
      if (hashes[at] === h) {
        const f = forms[at]!;
        if (slow !== undefined ? f === slow : sameLower(text, a, b, f)) {
          id = at;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (id < 0) {
      id = forms.length;
      forms.push(slow ?? text.slice(a, b).toLowerCase());
      hashes.push(h);
      table[slot] = id;
    }
    ids[i] = id;
  }
  return { ids, forms };
}

/** Whether the ASCII characters text[a, b), lower-cased, spell `form`. */
function sameLower(text: string, a: number, b: number, form: string): boolean {
  if (form.length !== b - a) return false;
  for (let k = a; k < b; k++) {
    let c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== form.charCodeAt(k - a)) return false;
  }
  return true;
}
