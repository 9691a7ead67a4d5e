import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { buildStories, ingestInputs } from "../src/pipeline.js";
import type { Claim, SourceProfile, SummarySentence } from "../src/reconcile/index.js";
import type { Article } from "../src/model/article.js";
import type { Story } from "../src/model/story.js";
import { definiteNps, theSites } from "../src/reconcile/participants.js";
import { EXAMPLES } from "./helpers.js";

describe("cross-checking the Ankara story", () => {
  let articles: Article[];
  let story: Story;
  const id: Record<string, string> = {};
  let claims: Claim[];

  before(async () => {
    ({ articles } = await ingestInputs([EXAMPLES]));
    for (const a of articles) id[a.source.name!] = a.id;
    const stories = buildStories(articles);
    // the three articles are one story (the clustering tests check that on a mixed stream)
    story = stories.find((s) => s.articleIds.length === 3)!;
    assert.ok(story, `one story of the three articles: ${stories.map((s) => s.articleIds.length).join(", ")}`);
    claims = story!.results.claims as Claim[];
  });

  const arts = (c: Claim): string[] => [...new Set(c.support.map((s) => s.articleId))].sort();

  it("reports the victim's first name as a conflict, Andrei against Andrey, with sources", () => {
    const conflict = claims.flatMap((c) => c.conflicts).find((k) => k.slot === "name" && k.values.some((v) => v.value === "Andrei"));
    assert.ok(conflict, "a name conflict");
    assert.deepEqual(conflict.values.find((v) => v.value === "Andrei")!.articles, [id.CWW7NEWS]);
    assert.deepEqual(conflict.values.find((v) => v.value === "Andrey")!.articles, [id["The New York Times"]]);
  });

  it("the gunman was a Turkish police officer: CNN and NYT; his age: CNN only; his name: NYT only", () => {
    const police = claims.find((c) => /police officer/.test(c.text) && c.id.startsWith("p:agent"));
    assert.ok(police, "police officer claim");
    assert.deepEqual(arts(police), [id.CNN, id["The New York Times"]].sort());
    const turkish = claims.find((c) => /was Turkish$/.test(c.text) && c.id.startsWith("p:agent"))!;
    assert.deepEqual(arts(turkish), [id.CNN, id["The New York Times"]].sort());
    const age = claims.find((c) => /22 years old/.test(c.text))!;
    assert.deepEqual(arts(age), [id.CNN]);
    assert.equal(age.unique, true);
    const name = claims.find((c) => /named Mevlut Mert Altintas/.test(c.text))!;
    assert.deepEqual(arts(name), [id["The New York Times"]]);
    assert.equal(name.unique, true);
  });

  it("the blog's bio and CNN's photo captions contribute no claim", () => {
    for (const c of claims)
      for (const s of c.support)
        for (const junk of ["Dina", "Ministries", "Gospel", "Hide Caption", "Ozbilici", "Cagdas", "Soylu"]) assert.ok(!s.text.includes(junk), `${junk} in ${s.text}`);
  });

  it("finds the November 2015 jet and August 2016 meeting claims with their sources", () => {
    const jet = claims.find((c) => c.support.some((s) => /November 2015/.test(s.text) && /shot down/.test(s.text)));
    assert.ok(jet);
    assert.ok(arts(jet).includes(id.CWW7NEWS));
    const meeting = claims.find((c) => c.support.some((s) => /In August/.test(s.text) && /met/.test(s.text) && /Petersburg/.test(s.text)));
    assert.ok(meeting);
    assert.ok(arts(meeting).includes(id.CWW7NEWS));
  });

  it("aligns the shooting told three ways", () => {
    const shooting = claims.find((c) => c.support.some((s) => s.text.startsWith("Karlov Andrei Gennadyevich")))!;
    assert.ok(shooting.sources >= 2, JSON.stringify(shooting.support.map((s) => s.text)));
    assert.ok(shooting.support.some((s) => s.articleId === id["The New York Times"] && /assassinated at an Ankara art exhibit/.test(s.text)));
  });

  it("keeps attributed claims attributed", () => {
    const slutsky = claims.find((c) => c.support.some((s) => s.text.includes("Leonid Slutsky")));
    assert.ok(slutsky);
    assert.equal(slutsky.kind, "attributed");
  });

  it("writes a cited summary that names the victim, the place, the date, the gunman and the reactions", () => {
    const summary = story.results.summary as SummarySentence[];
    const text = summary.map((s) => s.text).join(" ");
    assert.ok(summary.length >= 3);
    assert.ok(text.split(/\s+/).length <= 150);
    for (const s of summary) assert.ok(s.citations.length >= 1);
    assert.match(text, /Karlov/);
    assert.match(text, /Ankara/);
    assert.match(text, /Monday|December 19|Dec\. 19/);
    assert.match(text, /gunman|police officer/);
    assert.match(text, /Putin/);
    assert.match(text, /Erdogan/);
    for (const s of summary) {
      const a = articles.find((x) => x.id === s.span.articleId)!;
      for (const g of a.layers.garbled ?? []) assert.ok(g.end <= s.span.start || g.start >= s.span.end, `summary sentence overlaps garbled text: ${s.text}`);
      if (s.citations.length === 1) assert.match(s.text, /^According to /);
    }
  });

  it("profiles CNN as opinion, the blog's bio as promotion, the NYT as reporting", () => {
    const profiles = story.results.profiles as SourceProfile[];
    const by = (name: string): SourceProfile => profiles.find((p) => p.articleId === id[name])!;
    assert.equal(by("CNN").kind, "opinion");
    assert.equal(by("The New York Times").kind, "reporting");
    assert.ok(by("CWW7NEWS").shares.promotional > 0.1);
    assert.ok(by("CWW7NEWS").sensational > by("The New York Times").sensational);
  });
});

describe("number words", () => {
  it("reads digits and number words, and no name of Object.prototype", async () => {
    const { parseNumber } = await import("../src/reconcile/units.js");
    assert.equal(parseNumber("1,200"), 1200);
    assert.equal(parseNumber("Three"), 3);
    assert.equal(parseNumber("dozens"), 24);
    for (const w of ["constructor", "__proto__", "toString", "hasOwnProperty"]) assert.equal(parseNumber(w), undefined, w);
  });
});

describe("definite noun phrases of a participant's head", () => {
  const regex = (text: string, heads: string[]): { index: number; text: string }[] =>
    Array.from(text.matchAll(new RegExp(String.raw`\bthe\s+(?:[\p{L}’'-]+\s+){0,2}?(?:${heads.join("|")})\b(?![’']s)`, "giu")), (m) => ({ index: m.index!, text: m[0] }));
  const texts = [
    "The gunman, the off-duty police officer, shot the ambassador. Then the  Russian ambassador’s car left; the ambassadors met the envoy.",
    "THE Envoy said the the envoy and the new young envoy and the three new young envoy were there; bathe envoy; the envoy's aide.",
    "the ſ officer, the Officer_x, the officer-in-charge, the officer2, the café owner officer, the 𝐀𝐁 officer and the Zoë officer.",
    "Other the\u00a0officer\u2003 here; the officer\nthe\tgunman's gun, the gunmen, the\u017fhooter, the \u212ailler and the killer’S.",
    "the 'quoted' gunman — the - gunman, the x y z gunman, the -- attacker, the attacker... the",
  ];
  const headSets = [["ambassador", "envoy", "diplomat"], ["officer", "police", "policeman"], ["gunman", "shooter", "killer", "attacker"], ["envoy"], ["shooter"]];
  it("finds what the regular expression finds", () => {
    for (const text of texts) {
      const sites = theSites(text);
      for (const heads of headSets) assert.deepEqual(definiteNps(text, sites, heads), regex(text, heads), `${heads.join("|")} in ${text}`);
    }
  });
  it("finds them in the bench-like example articles too", async () => {
    const { articles } = await ingestInputs([EXAMPLES]);
    let found = 0;
    for (const a of articles) {
      const sites = theSites(a.text);
      for (const heads of headSets) {
        const got = definiteNps(a.text, sites, heads);
        assert.deepEqual(got, regex(a.text, heads));
        found += got.length;
      }
    }
    assert.ok(found > 0);
  });
});
