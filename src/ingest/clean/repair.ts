/**
 * Repair of tokenisation damage by deleting characters only:
 * `do n’t` → `don’t`, `Russia ’s` → `Russia’s`, `Ankara ,` → `Ankara,`, `" God is great ! "` →
 * `"God is great!"`, runs of spaces left by removed links → one space.
 * Returns the offsets (into `text`) of characters to delete, with why.
 */
import { isSpace } from "../../util/chars.js";

export interface Deletion {
  index: number;
  reason: string;
}

const HSPACE = /[ \t\u00a0\u2009\u202f]/;
const isH = (c: string | undefined): boolean => c !== undefined && HSPACE.test(c);

/** The reasons for a deletion; a mark stores the reason's index + 1. */
const REASONS = ["whitespace", "blank lines", "space run", "split contraction", "space before punctuation", "space after bracket", "space inside quotes"] as const;
const WHITESPACE = 1;
const BLANK_LINES = 2;
const SPACE_RUN = 3;
const SPLIT_CONTRACTION = 4;
const SPACE_BEFORE_PUNCTUATION = 5;
const SPACE_AFTER_BRACKET = 6;
const SPACE_INSIDE_QUOTES = 7;

/** Characters marked for deletion so far: per offset of the text, 0 or why (REASONS index + 1; the first reason wins). */
type Marks = Uint8Array;

function mark(m: Marks, i: number, why: number): void {
  if (!m[i]) m[i] = why;
}

/** Marks the horizontal space right before `end`. */
function spaceBefore(text: string, m: Marks, end: number, why: number): void {
  for (let i = end - 1; i >= 0 && isH(text[i]); i--) mark(m, i, why);
}

/** Marks the horizontal space from `start` on. */
function spaceAfter(text: string, m: Marks, start: number, why: number): void {
  for (let i = start; i < text.length && isH(text[i]); i++) mark(m, i, why);
}

/** Leading and trailing whitespace of the whole text; whitespace at the start and end of lines; more than one blank line. */
function markWhitespace(text: string, marks: Marks): void {
  for (let i = 0; i < text.length && isSpace(text.charCodeAt(i)); i++) mark(marks, i, WHITESPACE);
  for (let i = text.length - 1; i >= 0 && isSpace(text.charCodeAt(i)); i--) mark(marks, i, WHITESPACE);
  const lineRe = /[^\n]*(\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(text)) && m[0].length > 0) {
    const s = m.index;
    const e = s + m[0].length - (m[1] ? 1 : 0);
    for (let i = s; i < e && isH(text[i]); i++) mark(marks, i, WHITESPACE);
    for (let i = e - 1; i >= s && isH(text[i]); i--) mark(marks, i, WHITESPACE);
  }
  const blank = /\n(?:[ \t\u00a0]*\n){2,}/g;
  while ((m = blank.exec(text))) {
    // keep the first two newlines of the run, drop the rest
    let kept = 0;
    for (let i = m.index; i < m.index + m[0].length; i++) {
      if (text[i] === "\n" && kept < 2) kept++;
      else mark(marks, i, BLANK_LINES);
    }
  }
}

/** Runs of horizontal space → one space. */
function markSpaceRuns(text: string, marks: Marks): void {
  const runs = /[ \t\u00a0\u2009\u202f]{2,}/g;
  let m: RegExpExecArray | null;
  while ((m = runs.exec(text))) for (let i = m.index + 1; i < m.index + m[0].length; i++) mark(marks, i, SPACE_RUN);
}

/** Split contractions and possessives ("do n’t", "Russia ’s", "we ’re"); space before closing punctuation and after opening brackets. */
function markTokenisedPunctuation(text: string, marks: Marks): void {
  const clitic = /[ \t\u00a0]+(?=(?:n['’]t|['’](?:s|re|ll|ve|d|m))(?![\p{L}\p{N}]))/giu;
  let m: RegExpExecArray | null;
  while ((m = clitic.exec(text))) {
    if (m.index > 0 && /[\p{L}\p{N}]/u.test(text[m.index - 1]!)) spaceBefore(text, marks, m.index + m[0].length, SPLIT_CONTRACTION);
  }

  // Space before closing punctuation: "Ankara ," "terrorism ." "great !" "( outside )".
  const beforePunct = /[ \t\u00a0]+(?=[,.;:!?%)\]}](?:[\s"”’)\]]|$))/g;
  while ((m = beforePunct.exec(text))) {
    const prev = text[m.index - 1];
    if (prev === undefined || prev === "\n") continue;
    // keep " . . ." ellipses spaced and leave a lone dash alone
    if (/[.]/.test(prev) && text[m.index + m[0].length] === ".") continue;
    spaceBefore(text, marks, m.index + m[0].length, SPACE_BEFORE_PUNCTUATION);
  }
  const afterOpen = /[([{][ \t\u00a0]+/g;
  while ((m = afterOpen.exec(text))) spaceAfter(text, marks, m.index + 1, SPACE_AFTER_BRACKET);
}

/** Whether `text[i]` is horizontal space (false outside the text: every read stays in range). */
function hAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isH(text[i]);
}

/** Whether the character at `q` has horizontal space on both sides (both sides always read, so both reads have feedback). */
function spacedBothSides(text: string, q: number): boolean {
  const before = hAt(text, q - 1);
  const after = hAt(text, q + 1);
  return before && after;
}

/** Tokenised straight quotes, paired within a paragraph: `" God is great ! "`. */
function markTokenisedQuotes(text: string, marks: Marks): void {
  const paraRe = /[^]+?(?:\n\s*\n|$)/g;
  let m: RegExpExecArray | null;
  const quotes: number[] = [];
  while ((m = paraRe.exec(text)) && m[0].length > 0) {
    const s = m.index;
    const e = s + m[0].length;
    quotes.length = 0;
    for (let i = s; i < e; i++) if (text[i] === '"') quotes.push(i);
    if (quotes.length === 0 || quotes.length % 2 === 1) continue;
    let tokenised = false;
    for (let k = 0; k < quotes.length && !tokenised; k++) tokenised = spacedBothSides(text, quotes[k]!);
    if (!tokenised) continue;
    for (let k = 0; k < quotes.length; k += 2) {
      const open = quotes[k]!;
      const close = quotes[k + 1]!;
      if (hAt(text, open + 1)) spaceAfter(text, marks, open + 1, SPACE_INSIDE_QUOTES);
      if (hAt(text, close - 1) && (close < 2 || text.charCodeAt(close - 2) !== 10)) spaceBefore(text, marks, close, SPACE_INSIDE_QUOTES);
    }
  }
}

export function findRepairs(text: string): Deletion[] {
  const marks: Marks = new Uint8Array(text.length);
  markWhitespace(text, marks);
  markSpaceRuns(text, marks);
  markTokenisedPunctuation(text, marks);
  markTokenisedQuotes(text, marks);
  const out: Deletion[] = [];
  for (let i = 0; i < text.length; i++) if (marks[i]) out.push({ index: i, reason: REASONS[marks[i]! - 1]! });
  return out;
}
