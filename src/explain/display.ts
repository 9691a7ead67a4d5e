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
 * Walks the raw text: kept characters come out as text, boilerplate and metadata removals as
 * struck-through pieces, and repair deletions (stray spaces) silently disappear.
 */
export function displayPieces(a: ArticleJSON): DisplayPiece[] {
  const pieces: DisplayPiece[] = [];
  const shown = a.removals.filter((r) => r.kind !== "repair");
  let r = 0;
  for (const [cleanStart, rawStart, length] of a.offsets as [number, number, number][]) {
    while (r < shown.length && shown[r]!.rawStart < rawStart) {
      const rem = shown[r++]!;
      pieces.push({ text: a.raw.slice(rem.rawStart, rem.rawEnd), cleanStart: undefined, removed: rem.reason });
    }
    const last = pieces[pieces.length - 1];
    const text = a.raw.slice(rawStart, rawStart + length);
    if (last && last.removed === undefined && last.cleanStart! + last.text.length === cleanStart) last.text += text;
    else pieces.push({ text, cleanStart, removed: undefined });
  }
  while (r < shown.length) {
    const rem = shown[r++]!;
    pieces.push({ text: a.raw.slice(rem.rawStart, rem.rawEnd), cleanStart: undefined, removed: rem.reason });
  }
  return pieces;
}
