import { objectArray } from "../util/arrays.js";

/**
 * Maps offsets in a text obtained from `raw` by deletions only back to `raw`.
 * Cleaning removes characters and never invents, so the cleaned text is the concatenation of
 * kept raw segments; the map is the list of those segments.
 */
export interface Segment {
  /** Offset of the segment in the cleaned text. */
  cleanStart: number;
  /** Offset of the segment in the raw text. */
  rawStart: number;
  length: number;
}

export class OffsetMap {
  readonly segments: readonly Segment[];

  constructor(segments: readonly Segment[]) {
    this.segments = segments;
  }

  /** Build the map and the cleaned text from a keep mask over raw characters. */
  static fromKeepMask(raw: string, keep: Uint8Array): { text: string; map: OffsetMap } {
    const segments: Segment[] = [];
    const parts: string[] = [];
    let clean = 0;
    let i = 0;
    while (i < raw.length) {
      if (!keep[i]) {
        i++;
        continue;
      }
      const s = i;
      while (i < raw.length && keep[i]) i++;
      segments.push({ cleanStart: clean, rawStart: s, length: i - s });
      parts.push(raw.slice(s, i));
      clean += i - s;
    }
    return { text: parts.join(""), map: new OffsetMap(segments) };
  }

  static identity(length: number): OffsetMap {
    return new OffsetMap(length > 0 ? [{ cleanStart: 0, rawStart: 0, length }] : []);
  }

  /** Raw offset of the character at clean offset `offset` (or just past the last char for the end). */
  toRaw(offset: number): number {
    const segs = this.segments;
    if (segs.length === 0) return 0;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segs[mid]!.cleanStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo]!;
    return seg.rawStart + Math.min(offset - seg.cleanStart, seg.length);
  }

  /** Raw range covering clean range [start, end). */
  rangeToRaw(start: number, end: number): [number, number] {
    if (end <= start) return [this.toRaw(start), this.toRaw(start)];
    return [this.toRaw(start), this.toRaw(end - 1) + 1];
  }

  toJSON(): number[][] {
    // (objectArray: an empty map's rows and a full one's have one hidden class, see there)
    const rows = objectArray<number[]>();
    for (const s of this.segments) rows.push([s.cleanStart, s.rawStart, s.length]);
    return rows;
  }

  static fromJSON(rows: number[][]): OffsetMap {
    return new OffsetMap(rows.map(([cleanStart, rawStart, length]) => ({ cleanStart: cleanStart!, rawStart: rawStart!, length: length! })));
  }
}
