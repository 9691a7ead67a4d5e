import assert from "node:assert/strict";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ingestInputs } from "../src/pipeline.js";
import { detectFormat } from "../src/ingest/formats.js";
import { EXAMPLES, FIXTURES, runCli, tempDir } from "./helpers.js";

describe("input formats", () => {
  it("reads plain text with a leading metadata line", async () => {
    const r = await ingestInputs([join(EXAMPLES, "cnn-opinion.txt")]);
    assert.equal(r.articles.length, 1);
    const a = r.articles[0]!;
    assert.equal(a.source.format, "text");
    assert.equal(a.published?.value, "2016-12-20");
    assert.ok(a.text.startsWith("(CNN) Russian-Turkish relations"));
    assert.match(a.id, /^[0-9a-f]{16}$/);
    assert.ok(a.layers.sentence!.length > 5 && a.tokens!.count > 100);
  });

  it("extracts the main text and metadata of an HTML page", async () => {
    const r = await ingestInputs([join(FIXTURES, "harbour-fire.html")]);
    assert.deepEqual(r.errors, []);
    const a = r.articles[0]!;
    assert.equal(a.source.format, "html");
    assert.equal(a.title, "Fire destroys warehouses at Valletta harbour");
    assert.equal(a.published?.value, "2021-03-04T09:30:00Z");
    assert.equal(a.published?.how, "json-ld");
    assert.equal(a.source.url, "https://www.harbourtimes.example/news/2021/03/04/valletta-fire");
    assert.equal(a.source.domain, "harbourtimes.example");
    assert.equal(a.source.name, "Harbour Times");
    assert.ok(a.text.includes("A fire destroyed three warehouses at the Grand Harbour"));
    assert.ok(a.text.includes("would resume on Friday morning once the area had been declared safe."));
    for (const junk of ["Most read", "Traffic chaos", "All rights reserved", "window.analytics", "Weather"]) assert.ok(!a.text.includes(junk), junk);
    assert.ok(r.html.get(a.id)?.includes("<article>"));
  });

  it("reads JSON arrays, with a record that has no text reported by item", async () => {
    const r = await ingestInputs([join(FIXTURES, "articles.json")]);
    assert.equal(r.articles.length, 2);
    const [dam, library] = r.articles;
    assert.equal(dam!.title, "Dam upgrade approved");
    assert.equal(dam!.source.name, "River News");
    assert.equal(dam!.source.domain, "rivernews.example");
    assert.equal(dam!.published?.value, "2022-05-10T08:00:00Z");
    assert.equal(library!.source.name, "City Post");
    assert.ok(library!.text.includes("The central library reopened on Wednesday"));
    assert.equal(library!.source.format, "json");
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.file, /articles\.json#3$/);
    assert.match(r.errors[0]!.problem, /no `text` or `html`/);
  });

  it("reads JSON Lines and names the bad line", async () => {
    const r = await ingestInputs([join(FIXTURES, "articles.jsonl")]);
    assert.deepEqual(r.articles.map((a) => a.title), ["Bridge closed", "Storm warning"]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.file, /articles\.jsonl:2$/);
    assert.match(r.errors[0]!.problem, /malformed JSON line/);
  });

  it("reads RSS items, preferring full content", async () => {
    const r = await ingestInputs([join(FIXTURES, "feed.rss")]);
    assert.equal(r.articles.length, 2);
    const [ferry, quota] = r.articles;
    assert.equal(ferry!.title, "Ferry runs aground near Gozo");
    assert.equal(ferry!.text, "A passenger ferry carrying 312 people ran aground near Gozo on Tuesday afternoon, the coastguard said.\n\nAll passengers were taken ashore by lifeboats and nobody was hurt.");
    assert.equal(ferry!.published?.value, "2022-06-07T14:10:00.000Z");
    assert.equal(ferry!.source.name, "Coastal Wire");
    assert.equal(ferry!.source.url, "https://coastalwire.example/ferry-aground");
    assert.ok(quota!.text.startsWith("Ministers agreed"));
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.problem, /no content/);
  });

  it("reads Atom entries", async () => {
    const r = await ingestInputs([join(FIXTURES, "feed.atom")]);
    assert.equal(r.articles.length, 1);
    const a = r.articles[0]!;
    assert.equal(a.source.format, "atom");
    assert.equal(a.source.url, "https://mountaindispatch.example/avalanche");
    assert.equal(a.published?.value, "2020-02-11T08:00:00Z");
    assert.ok(a.text.startsWith("An avalanche closed the Furka pass"));
  });

  it("walks directories and expands globs", async () => {
    const dir = await ingestInputs([EXAMPLES]);
    assert.equal(dir.articles.length, 3);
    const glob = await ingestInputs([join(EXAMPLES, "*-report.txt")]);
    assert.equal(glob.articles.length, 1);
    assert.match(glob.articles[0]!.source.origin, /nytimes-report\.txt$/);
  });

  it("reads standard input", () => {
    const out = tempDir();
    const r = runCli(["analyze", "-", "--no-db", "--out", out, "--format", "json", "--quiet"], { input: readFileSync(join(FIXTURES, "feed.atom"), "utf8") });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { articles: { source: { origin: string; format: string } }[] };
    assert.equal(report.articles.length, 1);
    assert.equal(report.articles[0]!.source.format, "atom");
    assert.match(report.articles[0]!.source.origin, /^stdin/);
  });

  it("detects formats from content when the name does not say", () => {
    assert.equal(detectFormat("x", "<?xml version='1.0'?><rss version='2.0'><channel/></rss>"), "rss");
    assert.equal(detectFormat("x", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'), "atom");
    assert.equal(detectFormat("x", "<!DOCTYPE html><html></html>"), "html");
    assert.equal(detectFormat("x", '{"text":"a"}\n{"text":"b"}\n'), "jsonl");
    assert.equal(detectFormat("x", '[{"text":"a"}]'), "json");
    assert.equal(detectFormat("x", "Plain words."), "text");
  });

  it("reports exact duplicates once", async () => {
    const d = tempDir();
    copyFileSync(join(EXAMPLES, "cnn-opinion.txt"), join(d, "a.txt"));
    copyFileSync(join(EXAMPLES, "cnn-opinion.txt"), join(d, "b.txt"));
    const r = await ingestInputs([d]);
    assert.equal(r.articles.length, 1);
    assert.equal(r.duplicates.length, 1);
    assert.equal(r.duplicates[0]!.duplicateOf, join(d, "a.txt"));
  });
});

describe("bad input", () => {
  const d = tempDir();
  const good = join(d, "good.txt");
  copyFileSync(join(EXAMPLES, "cww7news-blog.txt"), good);
  const bad: Record<string, { path: string; problem: RegExp }> = {
    missing: { path: join(d, "missing.txt"), problem: /no such file/ },
    empty: { path: join(d, "empty.txt"), problem: /empty/ },
    blank: { path: join(d, "blank.txt"), problem: /empty|only whitespace/ },
    binary: { path: join(d, "binary.txt"), problem: /binary/ },
    huge: { path: join(d, "huge.txt"), problem: /too large/ },
    json: { path: join(d, "broken.json"), problem: /malformed JSON/ },
    feed: { path: join(d, "broken.rss"), problem: /malformed XML|neither an RSS nor an Atom|no items/ },
    html: { path: join(d, "empty.html"), problem: /no readable text/ },
    dangling: { path: join(d, "dangling.txt"), problem: /no such file/ },
  };
  writeFileSync(bad.empty!.path, "");
  writeFileSync(bad.blank!.path, "   \n\n  ");
  writeFileSync(bad.binary!.path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(bad.huge!.path, "");
  truncateSync(bad.huge!.path, 51 * 1024 * 1024);
  writeFileSync(bad.json!.path, '{"title": "x", "text": "unterminated');
  writeFileSync(bad.feed!.path, "<?xml version='1.0'?><rss><channel><item><title>x</title></channel>");
  writeFileSync(bad.html!.path, "<html><head><title>t</title></head><body><script>var x = 1;</script></body></html>");
  symlinkSync(join(d, "nowhere.txt"), bad.dangling!.path);

  for (const [name, { path, problem }] of Object.entries(bad)) {
    it(`names the file and the problem: ${name}`, async () => {
      const r = await ingestInputs([path, good]);
      assert.equal(r.articles.length, 1, "the good file still goes through");
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0]!.file, path);
      assert.match(r.errors[0]!.problem, problem);
    });
  }

  it("reports an unreadable file (when not running as root)", { skip: process.getuid?.() === 0 ? "root can read any file" : false }, async () => {
    const p = join(d, "secret.txt");
    writeFileSync(p, "Some text.");
    chmodSync(p, 0o000);
    const r = await ingestInputs([p]);
    assert.match(r.errors[0]!.problem, /permission denied/);
  });

  it("the CLI prints one error line per bad file, finishes the batch and exits non-zero", () => {
    const out = tempDir();
    const r = runCli(["analyze", good, bad.empty!.path, bad.binary!.path, bad.json!.path, "--no-db", "--out", out]);
    assert.equal(r.code, 2);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => l.startsWith("error: ")));
    assert.ok(lines.some((l) => l.includes("empty.txt") && l.includes("empty")));
    assert.ok(existsSync(join(out, "report.json")));
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { articles: unknown[]; run: { errors: unknown[] } };
    assert.equal(report.articles.length, 1);
    assert.equal(report.run.errors.length, 3);
  });

  it("a directory with no article files is an error, not a crash", async () => {
    const empty = join(d, "nothing-here");
    mkdirSync(empty);
    const r = await ingestInputs([empty]);
    assert.match(r.errors[0]!.problem, /no readable article files/);
  });
});
