import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { processArticle } from "../src/pipeline.js";
import type { Article } from "../src/model/article.js";

const article = (raw: string): Article => processArticle({ raw, source: { origin: "test", format: "text" } });
const words = (a: Article): string[] => {
  const out: string[] = [];
  for (let i = 0; i < a.tokens!.count; i++) out.push(a.text.slice(a.tokens!.start[i], a.tokens!.end[i]));
  return out;
};

describe("sentences and tokens", () => {
  it("gives an article the same tokens whatever the process read before it", () => {
    const text = "Hague told Britain's Sky News that the talks had failed.";
    const alone = words(article(text));
    assert.deepEqual(alone.slice(0, 5), ["Hague", "told", "Britain", "'s", "Sky"]);
    // wink-nlp's lexicon cache keeps out-of-vocabulary strings: after these, "Britain's" had been one token
    for (const before of ["It was Britain's.", "—Britain's", "A Britain's-led plan."]) {
      article(before);
      assert.deepEqual(words(article(text)), alone, `after ${JSON.stringify(before)}`);
    }
  });
});
