/**
 * Standoff annotations: every annotation is a typed span with character offsets into
 * `Article.text` (the cleaned text). A stage adds spans; it never rewrites the text.
 */
export const LAYERS = [
  "sentence",
  "paragraph",
  "token",
  "entity",
  "timex",
  "quote",
  "mention",
  "chain",
  "event",
  "garbled",
  "boilerplate",
] as const;

export type LayerName = (typeof LAYERS)[number];

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attrs = Record<string, AttrValue>;

export interface Span {
  /** Start offset (inclusive) into `Article.text`, in UTF-16 code units. */
  start: number;
  /** End offset (exclusive) into `Article.text`. */
  end: number;
  layer: LayerName;
  /** Type of the span within its layer (entity type, timex type, boilerplate reason...). */
  label?: string;
  attrs?: Attrs;
}

export function spanText(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** Sort spans by start, then longer first. */
export function compareSpans(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || b.end - a.end;
}

/** Index of the first span whose end is greater than `offset` (spans sorted, non-overlapping). */
export function firstEndingAfter(spans: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Spans of a sorted, non-overlapping layer that overlap [start, end). */
export function spansWithin<T extends { start: number; end: number }>(spans: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = firstEndingAfter(spans, start); i < spans.length && spans[i]!.start < end; i++) out.push(spans[i]!);
  return out;
}
