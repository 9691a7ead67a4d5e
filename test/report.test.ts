import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import { analyze } from "../src/pipeline.js";
import { renderHtml } from "../src/explain/html.js";
import { renderMarkdown } from "../src/explain/markdown.js";
import { EXAMPLES, ROOT, runCli, tempDir } from "./helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schema", "report.schema.json"), "utf8")) as object;

describe("the report", () => {
  it("analyze() returns a report that matches the schema", async () => {
    const report = await analyze([EXAMPLES]);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, report);
    assert.ok(valid, JSON.stringify(ajv.errors, null, 1));
    assert.equal(report.articles.length, 3);
    for (const a of report.articles) {
      assert.ok(a.text.length > 0 && a.layers.sentence!.length > 0);
      // every sentence span lies inside the text and starts on a non-space character
      for (const s of a.layers.sentence!) assert.ok(s.start < s.end && s.end <= a.text.length && /\S/.test(a.text[s.start]!));
    }
  });

  it("the CLI writes JSON, Markdown and HTML with the removed boilerplate struck through", () => {
    const out = tempDir();
    const r = runCli(["analyze", EXAMPLES, "--no-db", "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 articles/);
    const md = readFileSync(join(out, "report.md"), "utf8");
    assert.match(md, /~~Photos: Shooting unfolds/);
    assert.match(md, /\(removed: gallery caption\)/);
    const html = readFileSync(join(out, "report.html"), "utf8");
    assert.match(html, /<del title="author bio">Dina Amelia Kalmeta/);
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { articles: { id: string }[] };
    assert.equal(json.articles.length, 3);
  });

  it("report.json carries token columns only with --tokens, and they match the text", () => {
    const plain = tempDir();
    assert.equal(runCli(["analyze", join(EXAMPLES, "nytimes-report.txt"), "--no-db", "--out", plain, "--format", "json", "--quiet"]).code, 0);
    const without = JSON.parse(readFileSync(join(plain, "report.json"), "utf8")) as { articles: { tokens: unknown; stats: { words: number } }[] };
    assert.equal(without.articles[0]!.tokens, null);
    const full = tempDir();
    assert.equal(runCli(["analyze", join(EXAMPLES, "nytimes-report.txt"), "--no-db", "--out", full, "--format", "json", "--quiet", "--tokens"]).code, 0);
    const withT = JSON.parse(readFileSync(join(full, "report.json"), "utf8")) as { articles: { text: string; tokens: { start: number[]; end: number[]; pos: string[] }; stats: { words: number } }[] };
    const a = withT.articles[0]!;
    assert.ok(a.tokens.start.length > 500);
    const words = a.tokens.start.map((s, i) => a.text.slice(s, a.tokens.end[i]));
    assert.ok(words.includes("Karlov") && words.includes("Ankara"));
    // the word count ignores punctuation tokens, with or without the columns
    assert.equal(a.stats.words, words.filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
    assert.equal(without.articles[0]!.stats.words, a.stats.words);
  });

  it("--format picks the files written", () => {
    const out = tempDir();
    const r = runCli(["analyze", join(EXAMPLES, "cnn-opinion.txt"), "--no-db", "--out", out, "--format", "md", "--quiet"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "");
    assert.throws(() => readFileSync(join(out, "report.json")));
    assert.ok(readFileSync(join(out, "report.md"), "utf8").length > 100);
  });

  it("article text cannot inject markup or script into the HTML", async () => {
    const out = tempDir();
    const evil = join(out, "evil.json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(evil, JSON.stringify({ title: "<img src=x onerror=alert(1)>", source: "<b>x</b>", text: 'The mayor wrote "<script>alert(1)</script>" on the wall.\n\n</p><iframe src="http://x"></iframe>' }));
    const report = await analyze([evil]);
    const html = renderHtml(report);
    assert.ok(!html.includes("<script>alert"));
    assert.ok(!html.includes("<iframe"));
    assert.ok(!html.includes("<img src=x"));
    // highlighted spans may cut the text into segments: read it without the highlight tags
    assert.ok(html.replace(/<\/?span[^>]*>/g, "").includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(!/<script/i.test(html), "the page has no script at all");
    const md = renderMarkdown(report);
    assert.ok(!md.includes("<script>"));
  });
});
