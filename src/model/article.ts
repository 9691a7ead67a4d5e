import type { OffsetMap } from "./offset-map.js";
import type { LayerName, Span } from "./span.js";
import type { TokenColumns } from "./tokens.js";
import { objectArray } from "../util/arrays.js";

export type InputFormat = "text" | "html" | "json" | "jsonl" | "rss" | "atom";

export interface Source {
  /** Outlet name, e.g. "The New York Times" (from metadata, or guessed from file name/text). */
  name?: string;
  url?: string;
  domain?: string;
  /** Where the article came from: a file path (with `#n` for an item inside a file), "stdin" or "db". */
  origin: string;
  format: InputFormat;
}

export interface Published {
  /** ISO 8601 date or date-time. */
  value: string;
  /** How the date was found: "metadata-line", "meta-tag", "json-ld", "field", "feed", "text". */
  how: string;
}

/** A deletion made by cleaning, in raw offsets, with why it was made. */
export interface Removal {
  rawStart: number;
  rawEnd: number;
  kind: "metadata" | "boilerplate" | "repair";
  reason: string;
}

/** What ingest produces: the raw text as received plus metadata, before cleaning. */
export interface RawArticle {
  raw: string;
  title?: string;
  byline?: string;
  published?: Published;
  source: Source;
  /** Original HTML when the raw text was extracted from HTML. */
  html?: string;
}

export interface Article {
  /** Content hash (sha256 of the raw text, hex, first 16 chars). */
  id: string;
  source: Source;
  title?: string;
  byline?: string;
  published?: Published;
  /** Text exactly as received (for HTML: the extracted main text before cleaning). */
  raw: string;
  /** Cleaned text; all span offsets point into it. */
  text: string;
  /** Map from `text` offsets back to `raw` offsets. */
  offsets: OffsetMap;
  removals: Removal[];
  layers: Partial<Record<LayerName, Span[]>>;
  tokens?: TokenColumns;
  /** Share of the text (by sentence characters) not flagged as garbled, 0..1 (set by the "garbled" annotator). */
  integrity?: number;
}

const NO_SPANS: readonly Span[] = objectArray<Span>();

/**
 * A layer's spans for reading: the layer, or (when missing or empty) one shared empty list of the same hidden class as
 * a filled layer. A `?? []` literal, or an empty layer made by an annotator, is an array of a different elements kind,
 * and a loop optimised on filled layers was thrown away at the first article without quotes or time expressions.
 */
export function spansOf(article: Article, name: LayerName): readonly Span[] {
  const spans = article.layers[name];
  return spans !== undefined && spans.length > 0 ? spans : NO_SPANS;
}

export function layer(article: Article, name: LayerName): Span[] {
  return article.layers[name] ?? [];
}

export function setLayer(article: Article, name: LayerName, spans: Span[]): void {
  article.layers[name] = spans;
}
