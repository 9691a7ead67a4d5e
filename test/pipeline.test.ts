import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ANNOTATE_BATCH, ingestInputs, processArticle, processArticles } from "../src/pipeline.js";
import type { Article, RawArticle } from "../src/model/article.js";
import { EXAMPLES, example } from "./helpers.js";

/** Real article texts: the three Ankara examples and, from each, windows of one, two and three consecutive paragraphs. */
function rawArticles(): RawArticle[] {
  const out: RawArticle[] = [];
  for (const name of ["cnn-opinion", "cww7news-blog", "nytimes-report"] as const) {
    const { path, raw } = example(name);
    out.push({ raw, source: { origin: path, format: "text" } });
    const paras = raw.split(/\n+/).filter((p) => p.trim().length > 0);
    for (const w of [1, 2, 3]) {
      for (let i = 0; i + w <= paras.length; i++) out.push({ raw: paras.slice(i, i + w).join("\n\n"), source: { origin: `${path}#${w}.${i}`, format: "text" } });
    }
  }
  return out;
}

const view = (a: Article): unknown => ({
  id: a.id,
  text: a.text,
  layers: a.layers,
  tokens: a.tokens && [Array.from(a.tokens.start), Array.from(a.tokens.end), Array.from(a.tokens.pos), Array.from(a.tokens.sentence)],
});

describe("processArticles (annotator-major batches)", () => {
  it("gives every article exactly what processArticle gives it, across batch boundaries", () => {
    const raws = rawArticles();
    assert.ok(raws.length > ANNOTATE_BATCH + 2, `need more than one batch, have ${raws.length}`);
    const batched = processArticles(raws);
    assert.equal(batched.length, raws.length);
    for (let i = 0; i < raws.length; i++) {
      const p = batched[i]!;
      assert.ok(p.ok, `article ${i} failed`);
      assert.deepEqual(view(p.article), view(processArticle(raws[i]!)), raws[i]!.source.origin);
    }
  });

  it("turns a failing article into its error and goes on with the others", () => {
    const { path, raw } = example("nytimes-report");
    const good: RawArticle = { raw, source: { origin: path, format: "text" } };
    const bad = { raw: undefined, source: { origin: "broken#1", format: "text" } } as unknown as RawArticle;
    const [a, b, c] = processArticles([good, bad, good]);
    assert.ok(a!.ok && c!.ok);
    assert.ok(!b!.ok);
    assert.ok(b!.error instanceof Error);
    assert.deepEqual(view(a!.article), view(processArticle(good)));
    assert.ok(a!.article.layers.entity!.some((e) => a!.article.text.slice(e.start, e.end) === "Karlov"));
  });

  it("ingestInputs: a failing store lookup is that article's problem; the other articles are kept", async () => {
    let calls = 0;
    const r = await ingestInputs([EXAMPLES], undefined, () => {
      calls++;
      if (calls === 2) throw new Error("store unavailable");
      return false;
    });
    assert.equal(calls, 3);
    assert.equal(r.articles.length, 2);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.problem, /store unavailable/);
    assert.match(r.errors[0]!.file, /\.txt$/);
  });
});
