import type { ArticleJSON } from "./report.js";

/**
 * A piece of an article for display: kept text, or a removed piece with its reason. Every piece has
 * both keys (one hidden class: the renderers deoptimised on two piece shapes).
 */
export interface DisplayPiece {
  text: string;
  /** Offset of the piece in the cleaned text (kept pieces only). */
  cleanStart: number | undefined;
  removed: string | undefined;
}

/**
 * `DisplayPiece` as a class (same fields, same order): as a `{ text, ... }` literal it shared V8's hidden classes with
 * the other `{ text, ... }` objects, and the `text +=` of a merged piece made that field mutable for all of them,
 * throwing away optimised code that had relied on it.
 */
class Piece implements DisplayPiece {
  constructor(
    public text: string,
    public cleanStart: number | undefined,
    public removed: string | undefined,
  ) {}
}

/**
 * Walks the raw text: kept characters come out as text, boilerplate and metadata removals as
 * struck-through pieces, and repair deletions (stray spaces) silently disappear.
 */
export function displayPieces(a: ArticleJSON): DisplayPiece[] {
  // (index loops rather than filter and destructuring for-of: a smaller function to compile, and the
  // arrays of live reports come in several element kinds, each of which deoptimised it)
  const pieces: DisplayPiece[] = [];
  const removals = a.removals;
  const offsets = a.offsets;
  const raw = a.raw;
  let r = nextShown(removals, 0);
  for (let k = 0; k < offsets.length; k++) {
    const seg = offsets[k]!;
    const cleanStart = seg[0]!;
    const rawStart = seg[1]!;
    const length = seg[2]!;
    while (r < removals.length && removals[r]!.rawStart < rawStart) {
      const rem = removals[r]!;
      pieces.push(new Piece(raw.slice(rem.rawStart, rem.rawEnd), undefined, rem.reason));
      r = nextShown(removals, r + 1);
    }
    const last = pieces.length ? pieces[pieces.length - 1]! : undefined;
    const text = raw.slice(rawStart, rawStart + length);
    if (last && last.removed === undefined && last.cleanStart! + last.text.length === cleanStart) last.text += text;
    else pieces.push(new Piece(text, cleanStart, undefined));
  }
  while (r < removals.length) {
    const rem = removals[r]!;
    pieces.push(new Piece(raw.slice(rem.rawStart, rem.rawEnd), undefined, rem.reason));
    r = nextShown(removals, r + 1);
  }
  return pieces;
}

/** The first removal from `i` on that is shown (repair deletions are not), or `removals.length`. */
function nextShown(removals: ArticleJSON["removals"], i: number): number {
  while (i < removals.length && removals[i]!.kind === "repair") i++;
  return i;
}
