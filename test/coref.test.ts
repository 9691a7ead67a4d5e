import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ingestInputs } from "../src/pipeline.js";
import { annotate } from "../src/annotate/index.js";
import { cleanArticle } from "../src/ingest/clean/clean.js";
import { readInput } from "../src/ingest/read-inputs.js";
import { readdirSync } from "node:fs";
import { entitiesStage, clusterChains, type CanonicalEntity, type ChainInput } from "../src/entities/canonical.js";
import { resolvedView } from "../src/annotate/coref/index.js";
import { compatibleNames, foldName, nameKey, parseName } from "../src/annotate/coref/names.js";
import { b3, ceafe, conll, maxAssignment, muc } from "../src/eval/coref-metrics.js";
import { f1, resolveGapRow, scoreGap, type GapRow } from "../src/eval/gap.js";
import { headLemma, headLemmaBaseline, type EcbMention } from "../src/eval/ecb.js";
import { packageRoot } from "../src/util/paths.js";
import type { Article } from "../src/model/article.js";

const EXAMPLES = join(packageRoot(), "examples", "ankara-2016");

let cached: { articles: Article[]; entities: CanonicalEntity[] } | undefined;
async function examples(): Promise<{ articles: Article[]; entities: CanonicalEntity[] }> {
  if (cached) return cached;
  const { articles } = await ingestInputs([EXAMPLES]);
  const stories = entitiesStage(articles, []);
  cached = { articles, entities: stories[0]!.results.entities as CanonicalEntity[] };
  return cached;
}
const byOrigin = (articles: Article[], name: string): Article => articles.find((a) => a.source.origin.includes(name))!;

function entitiesNamed(entities: CanonicalEntity[], surname: string): CanonicalEntity[] {
  const k = foldName(surname);
  return entities.filter((e) => [e.name, ...e.aliases].some((n) => foldName(n).split(" ").includes(k)));
}

test("one entity each for the people of the Ankara articles, across all three", async () => {
  const { entities } = await examples();
  for (const surname of ["Karlov", "Altintas", "Putin", "Erdogan", "Lavrov", "Zakharova", "Kerry", "Stoltenberg", "Ban", "Trump", "Kilic", "Ulgen", "Golts", "Slutsky"]) {
    const found = entitiesNamed(entities, surname);
    assert.equal(found.length, 1, `${surname}: ${found.map((e) => e.name).join(", ")}`);
    assert.equal(found[0]!.type, "PER", `${surname} is a person`);
  }
});

test("without the entity layer, the proper-name fallback finds the same people", async () => {
  const articles: Article[] = [];
  for (const f of readdirSync(EXAMPLES).sort()) {
    const { articles: raws } = await readInput(join(EXAMPLES, f));
    const a = cleanArticle(raws[0]!);
    annotate(a, ["sentences", "coref"]);
    assert.equal(a.layers.entity, undefined);
    articles.push(a);
  }
  const entities = entitiesStage(articles, [])[0]!.results.entities as CanonicalEntity[];
  for (const surname of ["Karlov", "Altintas", "Putin", "Erdogan", "Lavrov", "Zakharova", "Kerry", "Stoltenberg", "Ban", "Trump", "Kilic", "Ulgen", "Golts", "Slutsky"]) {
    assert.equal(entitiesNamed(entities, surname).length, 1, surname);
  }
});

test("Karlov's spellings, titles and role nouns are one entity present in two articles", async () => {
  const { entities, articles } = await examples();
  const [karlov] = entitiesNamed(entities, "Karlov");
  const names = [karlov!.name, ...karlov!.aliases];
  for (const n of ["Andrey G. Karlov", "Karlov Andrei Gennadyevich", "the envoy", "the ambassador"]) {
    assert.ok(names.some((x) => x.toLowerCase() === n.toLowerCase()), `${n} in ${names.join("; ")}`);
  }
  assert.ok(karlov!.mentions[byOrigin(articles, "nytimes").id]!.length >= 10);
  assert.ok(karlov!.mentions[byOrigin(articles, "cww7news").id]!.length >= 1);
  // Erdoğan (blog) and Erdogan (NYT) are one entity too
  const [erdogan] = entitiesNamed(entities, "Erdogan");
  assert.equal(Object.keys(erdogan!.mentions).length, 2);
  assert.ok(erdogan!.salience > 0 && karlov!.salience <= 1);
});

test("Bayrasli is only in the removed CNN highlights and author bio, so no entity can hold her", async () => {
  const { articles, entities } = await examples();
  const cnn = byOrigin(articles, "cnn");
  assert.ok(cnn.raw.includes("Bayrasli"));
  for (const a of articles) assert.ok(!a.text.includes("Bayrasli"), `${a.source.origin} cleaned text`);
  assert.equal(entitiesNamed(entities, "Bayrasli").length, 0);
});

test("mention and chain layers point into the text and never change it", async () => {
  const { articles } = await examples();
  for (const a of articles) {
    const raw = readFileSync(a.source.origin, "utf8");
    assert.ok(raw.length >= a.text.length);
    const chains = new Set((a.layers.chain ?? []).map((c) => c.attrs!.id));
    for (const m of a.layers.mention ?? []) {
      assert.ok(chains.has(m.attrs!.chain!), "every mention belongs to a chain");
      assert.ok(m.end > m.start && m.end <= a.text.length);
      assert.ok(["name", "nominal", "pronoun", "title"].includes(String(m.attrs!.kind)));
    }
  }
});

test("the resolved view turns a possessive his into the name's possessive", async () => {
  const { articles } = await examples();
  const nyt = byOrigin(articles, "nytimes");
  const view = resolvedView(nyt);
  assert.ok(view.replacements.some((r) => nyt.text.slice(r.start, r.end) === "his" && r.replacement === "Karlov’s"));
  assert.ok(view.text.includes("died of Karlov’s wounds"));
  assert.equal(nyt.text.includes("Karlov’s wounds"), false, "the article text is untouched");
});

test("garbled phrases of the NYT example are flagged; the clean articles are not", async () => {
  const { articles } = await examples();
  const nyt = byOrigin(articles, "nytimes");
  const flagged = (a: Article, phrase: string): boolean => {
    const at = a.text.indexOf(phrase);
    assert.ok(at >= 0, `"${phrase}" in the text`);
    return (a.layers.garbled ?? []).some((g) => g.start < at + phrase.length && g.end > at);
  };
  for (const phrase of [
    "Then God switched to Turkish and shouted God",
    "Mr. President Vladimir V. Putin of Russia with the Turkish president",
    "said God a telephone interview",
    "Mr. Putin President Vladimir V. Putin of Russia",
    "saying the assassination would lead to a new rupture",
    "Mr. the Syrian war",
  ]) assert.ok(flagged(nyt, phrase), phrase);
  assert.ok(nyt.integrity! < 0.9, `NYT integrity ${nyt.integrity}`);
  let sentences = 0;
  let bad = 0;
  for (const a of [byOrigin(articles, "cnn"), byOrigin(articles, "cww7news")]) {
    for (const s of a.layers.sentence ?? []) {
      sentences++;
      if ((a.layers.garbled ?? []).some((g) => g.start < s.end && g.end > s.start)) bad++;
    }
    assert.ok(a.integrity! > 0.9);
  }
  assert.ok(bad / sentences < 0.05, `${bad}/${sentences} clean sentences flagged`);
});

test("name matching: transliteration, order, patronymics, initials; different people kept apart", () => {
  assert.equal(nameKey("Andrei"), nameKey("Andrey"));
  assert.equal(nameKey("Erdoğan"), nameKey("Erdogan"));
  assert.equal(nameKey("Aleksandr"), nameKey("Alexander"));
  assert.notEqual(nameKey("Karlov"), nameKey("Karlova"));
  const p = parseName;
  assert.ok(compatibleNames(p("Andrey G. Karlov"), p("Karlov Andrei Gennadyevich")));
  assert.ok(compatibleNames(p("Mr. Karlov"), p("Andrei Karlov")));
  assert.ok(compatibleNames(p("Bashar al-Assad"), p("Assad")));
  assert.ok(!compatibleNames(p("Andrei Karlov"), p("Sergei Karlov")));
  assert.ok(!compatibleNames(p("Andrey G. Karlov"), p("Andrey P. Karlov")));
  const chain = (doc: string, ...names: string[]): ChainInput => ({ doc, names, nominals: [], type: "PER", spans: [[0, 1]] });
  const groups = clusterChains([chain("a", "Andrei Karlov"), chain("b", "Andrey Karlov"), chain("c", "Maria Karlova"), chain("d", "Sergei Karlov"), chain("e", "Karlov")]);
  assert.equal(groups.length, 4, "Andrei/Andrey merge; Maria Karlova, Sergei Karlov and the ambiguous bare Karlov stay apart");
  assert.equal(groups.find((g) => g.some((c) => c.doc === "a"))!.length, 2);
  assert.equal(clusterChains([chain("a", "Mr. Smith"), chain("b", "Mrs. Smith")]).length, 2, "titles of different gender: two people");
  assert.equal(clusterChains([chain("a", "Mr. Smith"), chain("b", "John Smith")]).length, 1);
});

test("MUC, B3 and CEAF-e on a hand-made case", () => {
  const key = [["a", "b", "c"], ["d", "e"]];
  const response = [["a", "b"], ["c", "d", "e"]];
  const m = muc(key, response);
  assert.ok(Math.abs(m.r - 2 / 3) < 1e-9 && Math.abs(m.p - 2 / 3) < 1e-9);
  const b = b3(key, response);
  assert.ok(Math.abs(b.r - 11 / 15) < 1e-9 && Math.abs(b.p - 11 / 15) < 1e-9);
  const c = ceafe(key, response);
  assert.ok(Math.abs(c.p - 0.8) < 1e-9 && Math.abs(c.r - 0.8) < 1e-9);
  const perfect = conll(key, key);
  assert.equal(perfect.conll, 1);
  // all singletons against one cluster: MUC recall 1, precision 0 (no links in the response)
  const single = muc([["a", "b", "c"]], [["a"], ["b"], ["c"]]);
  assert.equal(single.r, 0);
  assert.equal(single.p, 0);
  assert.equal(maxAssignment([[1, 2, 3], [2, 4, 6], [3, 6, 9]]), 14);
});

test("Hungarian assignment finds the best total", () => {
  assert.equal(maxAssignment([[0.9, 0.1], [0.8, 0.7]]), 1.6);
  assert.equal(maxAssignment([[1, 0, 0], [0, 0, 1], [0, 1, 0]]), 3);
});

test("GAP: scoring and a gender-decided pronoun through the sieve", () => {
  const row: GapRow = {
    id: "t1", text: "Mary Smith met Tom Jones in Paris in 1990. Later she wrote a book about the city.", pronoun: "she", pronounOffset: 49,
    a: "Mary Smith", aOffset: 0, aCoref: true, b: "Tom Jones", bOffset: 15, bCoref: false, url: "http://en.wikipedia.org/wiki/Mary_Smith",
  };
  assert.equal(row.text.slice(49, 52), "she");
  const d = resolveGapRow(row, true);
  assert.deepEqual(d, { a: true, b: false });
  const s = scoreGap([row, { ...row, pronoun: "he", aCoref: false, bCoref: true }], [d, { a: true, b: false }]);
  assert.equal(f1(s.feminine), 1);
  assert.equal(f1(s.masculine), 0);
  assert.equal(s.overall.tp, 1);
});

test("ECB+: head lemmas and the same-head-lemma baseline", () => {
  assert.equal(headLemma(["the", "mayor", "of", "Boston"]), "mayor");
  assert.equal(headLemma(["two", "policemen"]), "policemen");
  assert.equal(headLemma(["the", "victims"]), "victim");
  const m = (id: string, tokens: string[], topic = "1"): EcbMention => ({ id, doc: "d", topic, type: "HUM", tokens, first: 0, last: 0, sentence: 0, gold: id });
  const clusters = headLemmaBaseline([m("1", ["the", "suspect"]), m("2", ["suspects"]), m("3", ["a", "suspect"], "2"), m("4", ["police"])]);
  assert.equal(clusters.length, 3);
});
