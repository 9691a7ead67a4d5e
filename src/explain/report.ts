import type { Article } from "../model/article.js";
import type { LayerName, Span } from "../model/span.js";
import type { Story } from "../model/story.js";
import { tokensToJSON } from "../model/tokens.js";
import { integrityOf } from "../annotate/garbled/index.js";
import { objectArray } from "../util/arrays.js";

export const REPORT_SCHEMA_VERSION = "1.0.0";

export interface SpanJSON {
  start: number;
  end: number;
  label?: string;
  attrs?: Span["attrs"];
}

export interface ArticleJSON {
  id: string;
  source: Article["source"];
  title: string | null;
  byline: string | null;
  published: Article["published"] | null;
  text: string;
  raw: string;
  /** [cleanStart, rawStart, length] segments mapping `text` offsets back to `raw`. */
  offsets: number[][];
  removals: { rawStart: number; rawEnd: number; kind: string; reason: string }[];
  layers: Partial<Record<LayerName, SpanJSON[]>>;
  /** Token columns; null unless asked for (`analyze --tokens`): they are a third of the file and re-derivable. */
  tokens: ReturnType<typeof tokensToJSON> | null;
  stats: { words: number; sentences: number; removedChars: number; boilerplateChars: number };
  /** Text integrity 0..1 from garbled-text detection; null when not computed. */
  integrity: number | null;
}

export interface InputProblem {
  file: string;
  problem: string;
}

export interface ReportJSON {
  schemaVersion: string;
  generator: string;
  generatedAt: string;
  run: {
    inputs: string[];
    articles: number;
    duplicates: { id: string; origin: string; duplicateOf: string }[];
    errors: InputProblem[];
  };
  articles: ArticleJSON[];
  stories: (Omit<Story, "results"> & Record<string, unknown>)[];
}

function spanJSON(s: Span): SpanJSON {
  const out: SpanJSON = { start: s.start, end: s.end };
  if (s.label !== undefined) out.label = s.label;
  if (s.attrs !== undefined) out.attrs = s.attrs;
  return out;
}

// (the lists of a report article are made by objectArray: `[].map(...)` of an empty list is an array of small
// integers, of a full one an array of objects, two hidden classes that threw away the optimised renderers
// — displayPieces, the highlight marks — whenever an article without removals or with an empty layer came)

function spansJSON(spans: Span[]): SpanJSON[] {
  const out = objectArray<SpanJSON>();
  for (let i = 0; i < spans.length; i++) out.push(spanJSON(spans[i]!));
  return out;
}

function removalsJSON(removals: Article["removals"]): ArticleJSON["removals"] {
  const out = objectArray<ArticleJSON["removals"][number]>();
  for (let i = 0; i < removals.length; i++) out.push({ ...removals[i]! });
  return out;
}

export function articleJSON(a: Article, withTokens = true): ArticleJSON {
  const layers: Partial<Record<LayerName, SpanJSON[]>> = {};
  for (const [name, spans] of Object.entries(a.layers) as [LayerName, Span[]][]) layers[name] = spansJSON(spans);
  const removedChars = a.removals.reduce((n, r) => n + r.rawEnd - r.rawStart, 0);
  const boilerplateChars = a.removals.filter((r) => r.kind === "boilerplate").reduce((n, r) => n + r.rawEnd - r.rawStart, 0);
  return {
    id: a.id,
    source: a.source,
    title: a.title ?? null,
    byline: a.byline ?? null,
    published: a.published ?? null,
    text: a.text,
    raw: a.raw,
    offsets: a.offsets.toJSON(),
    removals: removalsJSON(a.removals),
    layers,
    tokens: withTokens && a.tokens ? tokensToJSON(a.tokens) : null,
    stats: {
      words: a.tokens ? countWords(a.text, a.tokens.start, a.tokens.end) : (a.text.match(/\S+/g) ?? []).length,
      sentences: (a.layers.sentence ?? []).length,
      removedChars,
      boilerplateChars,
    },
    // (an article read back from the store has the garbled layer but not the figure)
    integrity: a.integrity ?? (a.layers.garbled ? integrityOf(a) : null),
  };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Tokens holding a letter or digit (ASCII checked by code, the rest by the Unicode classes). */
function countWords(text: string, start: Int32Array, end: Int32Array): number {
  let n = 0;
  for (let i = 0; i < start.length; i++) {
    for (let k = start[i]!, e = end[i]!; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c < 128 ? (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) : WORD_CHAR.test(text[k]!)) {
        n++;
        break;
      }
    }
  }
  return n;
}

export function storyJSON(s: Story): ReportJSON["stories"][number] {
  const { results, ...rest } = s;
  return { ...rest, ...results };
}

export function buildReport(params: {
  inputs: string[];
  articles: Article[];
  stories: Story[];
  duplicates: ReportJSON["run"]["duplicates"];
  errors: InputProblem[];
  generatedAt?: Date;
  /** Include each article's token columns (off by default). */
  tokens?: boolean;
}): ReportJSON {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: "crosscheck",
    generatedAt: (params.generatedAt ?? new Date()).toISOString(),
    run: {
      inputs: params.inputs,
      articles: params.articles.length,
      duplicates: params.duplicates,
      errors: params.errors,
    },
    articles: params.articles.map((a) => articleJSON(a, params.tokens ?? false)),
    stories: params.stories.map(storyJSON),
  };
}
