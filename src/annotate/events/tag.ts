import { annotateSentences } from "../sentences.js";
import type { Article } from "../../model/article.js";
import { OffsetMap } from "../../model/offset-map.js";
import { POS_TAGS } from "../../model/tokens.js";
import type { CoderToken } from "./coder.js";

/** Coder tokens of one sentence of an annotated article. */
export function sentenceTokens(article: Article, sentence: number): CoderToken[] {
  const tk = article.tokens;
  if (!tk) return [];
  const out: CoderToken[] = [];
  for (let i = 0; i < tk.count; i++) {
    if (tk.sentence[i] !== sentence) continue;
    out.push({ text: article.text.slice(tk.start[i], tk.end[i]), start: tk.start[i]!, end: tk.end[i]!, pos: POS_TAGS[tk.pos[i]!]! });
  }
  return out;
}

/** Tokens grouped by sentence for every sentence of an annotated article (one pass). */
export function allSentenceTokens(article: Article): CoderToken[][] {
  const tk = article.tokens;
  const n = article.layers.sentence?.length ?? 0;
  const out: CoderToken[][] = Array.from({ length: n }, () => []);
  if (!tk) return out;
  for (let i = 0; i < tk.count; i++) {
    out[tk.sentence[i]!]?.push({ text: article.text.slice(tk.start[i], tk.end[i]), start: tk.start[i]!, end: tk.end[i]!, pos: POS_TAGS[tk.pos[i]!]! });
  }
  return out;
}

/** Sentences and POS-tagged tokens of a plain text (for evaluation records and tests). */
export function tagText(text: string): CoderToken[][] {
  const article = {
    id: "tag",
    source: { origin: "text", format: "text" },
    raw: text,
    text,
    offsets: new OffsetMap([]),
    removals: [],
    layers: {},
  } as Article;
  annotateSentences(article);
  return allSentenceTokens(article);
}
