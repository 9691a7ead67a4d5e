import type { Article } from "../../model/article.js";
import type { Attrs, Span } from "../../model/span.js";
import { parseIsoDay, pad, type Ymd } from "./calendar.js";
import { extractTimexes, type Timex } from "./extract.js";

export { extractTimexes, type Timex } from "./extract.js";

/**
 * The date relative expressions resolve against: the article's publication date, else a
 * full date written near the top of the text ("date 2016-12-20", "December 20, 2016",
 * "Dec. 20, 2016 12:01 p.m."), else none (relative expressions stay underspecified).
 */
export function anchorDate(article: Pick<Article, "published" | "text">): { date?: Ymd; how: string } {
  const fromMeta = parseIsoDay(article.published?.value);
  if (fromMeta) return { date: fromMeta, how: `published:${article.published!.how}` };
  const head = article.text.slice(0, 800);
  const found = extractTimexes(head).find((t) => t.type === "DATE" && /^\d{4}-\d{2}-\d{2}$/.test(t.value));
  if (found) return { date: parseIsoDay(found.value), how: "text" };
  return { how: "none" };
}

/** `timex` spans: TimeML type as label, normalised value and how it was resolved in attrs. */
export function annotateTimex(article: Article): void {
  const { date, how } = anchorDate(article);
  const sentences = article.layers.sentence;
  const found = extractTimexes(article.text, { anchor: date, sentences, tokens: article.tokens });
  const anchor = date ? `${pad(date.y, 4)}-${pad(date.m)}-${pad(date.d)}` : null;
  article.layers.timex = found.map((t: Timex): Span => {
    const attrs: Attrs = { value: t.value, anchored: t.anchored, text: article.text.slice(t.start, t.end), rule: t.rule };
    if (t.mod) attrs.mod = t.mod;
    if (t.anchored) {
      attrs.anchor = anchor;
      attrs.anchorFrom = how;
    }
    return { start: t.start, end: t.end, layer: "timex", label: t.type, attrs };
  });
}
