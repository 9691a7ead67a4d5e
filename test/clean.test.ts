import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanArticle } from "../src/ingest/clean/clean.js";
import { parseText } from "../src/ingest/formats.js";
import type { Article } from "../src/model/article.js";
import { example } from "./helpers.js";

function clean(name: Parameters<typeof example>[0]): Article {
  const { path, raw } = example(name);
  return cleanArticle(parseText(path, raw)[0]!);
}

const squash = (s: string): string => s.replace(/\s+/g, "");

/** Every character of the cleaned text maps to the same character of the raw text. */
function assertOffsetsExact(a: Article): void {
  for (let i = 0; i < a.text.length; i++) assert.equal(a.raw[a.offsets.toRaw(i)], a.text[i], `offset ${i}`);
}

/** Sentences of a paragraph list, split at sentence-final punctuation followed by a capital or quote. */
function sentencesOf(paragraphs: string[]): string[] {
  return paragraphs.flatMap((p) => p.split(/(?<=[.!?]["”]?)\s+(?=["“A-Z(])/)).filter((s) => s.trim().length > 0);
}

describe("cleaning the CNN opinion piece", () => {
  const a = clean("cnn-opinion");
  const realParagraphs = [
    "(CNN) Russian-Turkish relations did not come to a head yesterday. Nor are they likely to unravel anytime soon.",
    "Despite the assassination of the Russian ambassador to Turkey at the hands of a 22-year-old Turkish police officer at an art gallery in the Turkish capital, Ankara, Moscow did not blame the Turks for the incident.",
    "\"They (outside forces) want to drive a wedge between Moscow and Ankara at any price,\" said Leonid Slutsky, the head of the Duma's national security committee, hours after the shooting.",
    "In fact, yesterday's shooting is likely to drive Moscow and Ankara closer together, and probably at the expense of the United States and NATO.",
    "Located between Europe and Asia and the Middle East, Russia and Turkey have been rivals. During the Cold War, Russia and Turkey stood on opposite sides of the wall.",
  ];

  it("reads the date line as metadata and does not keep it", () => {
    assert.deepEqual(a.published, { value: "2016-12-20", how: "metadata-line" });
    assert.ok(!a.text.includes("date 2016-12-20"));
  });

  it("keeps every sentence of the article", () => {
    for (const s of sentencesOf(realParagraphs)) assert.ok(a.text.includes(s), `missing: ${s}`);
  });

  it("keeps nothing but the article", () => {
    assert.equal(squash(a.text), squash(realParagraphs.join("")));
  });

  it("removes highlights, bio and every gallery caption, with reasons", () => {
    for (const gone of ["Story highlights", "she says", "co-founder of Foreign Policy Interrupted", "Hide Caption", "Photos:", "Mevlut Mert Altintas", "Burhan Ozbilici", "Get back!"])
      assert.ok(!a.text.includes(gone), `still there: ${gone}`);
    const reasons = new Set(a.removals.filter((r) => r.kind === "boilerplate").map((r) => r.reason));
    assert.deepEqual([...reasons].sort(), ["author bio", "gallery caption", "story highlights"]);
    assert.equal(a.layers.boilerplate!.length, a.removals.filter((r) => r.kind === "boilerplate").length);
  });

  it("maps every cleaned offset back to the raw file", () => assertOffsetsExact(a));
});

describe("cleaning the CWW7NEWS blog post", () => {
  const { raw } = example("cww7news-blog");
  const a = clean("cww7news-blog");
  const paras = raw.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const bio = paras[paras.length - 1]!;

  it("removes the closing promotional bio", () => {
    assert.ok(bio.startsWith("Dina Amelia Kalmeta is the Founder"));
    assert.ok(!a.text.includes("Dina"));
    assert.ok(!a.text.includes("Bible Prophecy"));
  });

  it("keeps every other sentence, typo and subheading included", () => {
    for (const s of sentencesOf(paras.slice(0, -1))) assert.ok(a.text.includes(s), `missing: ${s}`);
    assert.equal(squash(a.text), squash(paras.slice(0, -1).join("")));
    assert.ok(a.text.includes("te violence"));
  });

  it("maps every cleaned offset back to the raw file", () => assertOffsetsExact(a));
});

describe("repairing the tokenised New York Times text", () => {
  const { raw } = example("nytimes-report");
  const a = clean("nytimes-report");

  it("reads don’t, Russia’s, Ankara, and tight quotes", () => {
    assert.ok(a.text.includes('shouting "God is great!" and "don’t'));
    assert.ok(a.text.includes("don’t forget Aleppo, don’t forget Syria!"));
    assert.ok(a.text.startsWith("ISTANBUL — Russia’s ambassador to Turkey"));
    assert.ok(a.text.includes("the Cankaya area of Ankara."));
    assert.ok(a.text.includes("a police officer, also wounded"));
    assert.ok(!/ [,.!?;:](?:\s|$)/.test(a.text), "no space before punctuation");
    assert.ok(!/ {2}/.test(a.text), "no runs of spaces");
    assert.ok(!a.text.includes("do n’t"));
    assert.ok(!a.text.includes("Russia ’s"));
  });

  it("removes only whitespace", () => {
    assert.equal(squash(a.text), squash(raw));
    assert.ok(a.removals.every((r) => r.kind === "repair" && raw.slice(r.rawStart, r.rawEnd).trim() === ""));
  });

  it("maps repaired words back to the damaged raw text", () => {
    const i = a.text.indexOf("don’t");
    const [s, e] = a.offsets.rangeToRaw(i, i + "don’t".length);
    assert.equal(raw.slice(s, e), "do n’t");
    const j = a.text.indexOf("Russia’s");
    const [s2, e2] = a.offsets.rangeToRaw(j, j + "Russia’s".length);
    assert.equal(raw.slice(s2, e2), "Russia ’s");
    assertOffsetsExact(a);
  });
});

describe("generic boilerplate", () => {
  const mk = (raw: string): Article => cleanArticle({ raw, source: { origin: "t.txt", format: "text" } });

  it("removes share and subscribe lines but keeps sentences that mention sharing", () => {
    const a = mk("The ministry said 40 people died.\n\nShare this article\n\nSign up for our daily newsletter\n\nOfficials share the concern that more could die.\n\nAdvertisement\n");
    assert.equal(a.text, "The ministry said 40 people died.\n\nOfficials share the concern that more could die.");
    assert.ok(a.removals.some((r) => r.reason === "promotion or sharing line"));
  });

  it("never invents characters", () => {
    const a = mk("  Hello ,  world !  It is n't  here .\n\n\n\nNext   paragraph ( with brackets ) .");
    assert.equal(a.text, "Hello, world! It isn't here.\n\nNext paragraph (with brackets).");
    assertOffsetsExact(a);
  });
});
