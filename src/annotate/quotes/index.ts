import type { Article } from "../../model/article.js";
import type { Attrs, Span } from "../../model/span.js";
import { extractQuotes, type Quote } from "./extract.js";

export { extractQuotes, type Quote } from "./extract.js";

/** `quote` spans over the quoted content: label direct|indirect, cue and speaker in attrs. */
export function annotateQuotes(article: Article): void {
  article.layers.quote = extractQuotes(article).map((q: Quote): Span => {
    const attrs: Attrs = {
      cue: q.cue?.text ?? "",
      cueStart: q.cue?.start ?? -1,
      cueEnd: q.cue?.end ?? -1,
      speaker: q.speaker?.text ?? null,
      speakerStart: q.speaker?.start ?? -1,
      speakerEnd: q.speaker?.end ?? -1,
      group: q.group,
      how: q.how,
    };
    if (q.mention) attrs.mention = { start: q.mention.start, end: q.mention.end, text: q.mention.text };
    return { start: q.start, end: q.end, layer: "quote", label: q.kind, attrs };
  });
}
