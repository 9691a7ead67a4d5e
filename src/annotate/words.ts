import type { TokenColumns } from "../model/tokens.js";
import { FormTable } from "./forms.js";

/** `toLowerCase` of one code unit where it is one code unit whatever surrounds it; −1 elsewhere. */
function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  // U+2010–U+2027 (dashes, quotes, bullets, ellipsis) has no case
  return c >= 0x2010 && c <= 0x2027 ? c : -1;
}

const LOWER = new FormTable(fold, (s) => s.toLowerCase());

/** The lower-case forms of a document's tokens as ids shared across documents (the same form, the same id). */
export interface LowerWords {
  /** Id of each token's lower-case form (`text.slice(start, end).toLowerCase()`). */
  ids: Int32Array;
  /** The form table's epoch when the ids were made (per-id caches start over when it changes). */
  epoch: number;
}

/**
 * Lower-case word ids for every token of a text, without building a string per token: the lower-cased
 * characters are hashed straight from the text into a table kept across documents (../forms.ts).
 */
export function lowerWords(text: string, tokens: TokenColumns): LowerWords {
  const n = tokens.count;
  const ids = new Int32Array(n);
  let epoch = LOWER.epoch;
  for (let i = 0; i < n; i++) {
    ids[i] = LOWER.id(text, tokens.start[i]!, tokens.end[i]!);
    // (the table started over part way: ids made before are stale, so make them all again)
    if (LOWER.epoch !== epoch) {
      epoch = LOWER.epoch;
      i = -1;
    }
  }
  return { ids, epoch };
}

/** The lower-case form of an id from `lowerWords`. */
export function lowerForm(id: number): string {
  return LOWER.form(id);
}

/** Number of lower-case forms so far (ids are below it). */
export function lowerFormCount(): number {
  return LOWER.size;
}

/**
 * A quick test of whether the lower-case form of a token can be one of a set of words, without making that form:
 * keyed by first character code × 32 + length (lengths from 31 on share 31) over the words whose first character
 * is ASCII. An all-ASCII token keeps its length when lower-cased and only its first letter A–Z changes, so it is
 * ruled out by its key; a token with any other character (or an empty one) may always be one of the words.
 */
export class LowerFormFilter {
  private readonly keys = new Uint8Array(128 * 32);

  constructor(words: Iterable<string>) {
    for (const w of words) {
      const ch = w.charCodeAt(0);
      if (ch < 128) this.keys[ch * 32 + (w.length < 31 ? w.length : 31)] = 1;
    }
  }

  /** False only when the lower-case form of text[s, e) is none of the words. */
  mayBe(text: string, s: number, e: number): boolean {
    const len = e - s;
    if (len <= 0) return true;
    for (let i = s; i < e; i++) if (text.charCodeAt(i) >= 128) return true;
    let ch = text.charCodeAt(s);
    if (ch >= 65 && ch <= 90) ch += 32;
    return this.keys[ch * 32 + (len < 31 ? len : 31)] === 1;
  }
}
