import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { clusterArticles, OnlineClusterer } from "../src/cluster/clusterer.js";
import { prepare } from "../src/cluster/eval.js";
import { estimateJaccard, shingleHashes, signature } from "../src/cluster/minhash.js";
import { StoryStore } from "../src/cluster/persist.js";
import { scoreClustering } from "../src/cluster/score.js";
import type { Article } from "../src/model/article.js";
import { buildStories } from "../src/pipeline.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { packageRoot } from "../src/util/paths.js";

const root = packageRoot();
const read = (dir: string): Article[] =>
  readdirSync(dir)
    .sort()
    .map((f) => prepare({ raw: readFileSync(join(dir, f), "utf8"), source: { origin: join(dir, f), format: "text" } }));
const ankara = read(join(root, "examples", "ankara-2016"));
const others = read(join(root, "test", "fixtures", "cluster"));

test("the three Ankara articles form one story among unrelated articles", () => {
  // interleave: two unrelated articles first, the Ankara ones spread through the stream
  const stream = [others[0]!, others[1]!, ankara[0]!, others[2]!, ankara[1]!, others[3]!, others[4]!, ankara[2]!];
  const stories = buildStories(stream);
  const home = stories.filter((s) => ankara.some((a) => s.articleIds.includes(a.id)));
  assert.equal(home.length, 1, `Ankara articles split over ${home.map((s) => s.label).join(" | ")}`);
  assert.deepEqual([...home[0]!.articleIds].sort(), ankara.map((a) => a.id).sort());
  // the earthquake in eastern Turkey (same country, different event) stays apart
  assert.equal(stories.length, 1 + others.length);
  assert.match(home[0]!.label, /Turk|Russia|Karlov|Ankara/);
});

test("the Ankara articles form one story when they open the stream (cold start)", () => {
  const stories = buildStories([...ankara, ...others]);
  const home = stories.filter((s) => ankara.some((a) => s.articleIds.includes(a.id)));
  assert.equal(home.length, 1, `Ankara articles split over ${home.map((s) => s.label).join(" | ")}`);
  assert.equal(home[0]!.articleIds.length, 3);
});

test("an edited copy is linked to its original with a similarity figure", () => {
  const original = ankara[1]!;
  const paras = original.text.split("\n\n");
  const edited = paras
    .slice(0, -2)
    .join("\n\n")
    .replace("shot in an art gallery", "shot dead in an art gallery")
    .replace("tensions", "strains");
  const copy = prepare({ raw: `${edited}\n\nAdditional reporting by our correspondent.`, source: { origin: "copy.txt", format: "text" } });
  const { stories, clusterer } = clusterArticles([original, others[0]!, others[2]!, copy]);
  const story = stories.find((s) => s.articleIds.includes(original.id))!;
  assert.ok(story.articleIds.includes(copy.id), "copy joins the original's story");
  const dups = story.results.duplicates as { articleId: string; duplicateOf: string; similarity: number }[];
  assert.equal(dups.length, 1);
  assert.equal(dups[0]!.articleId, copy.id);
  assert.equal(dups[0]!.duplicateOf, original.id);
  assert.ok(dups[0]!.similarity > 0.5 && dups[0]!.similarity < 1, `similarity ${dups[0]!.similarity}`);
  // unrelated articles are not near-duplicates of anything
  for (const s of stories) if (s.id !== story.id) assert.equal((s.results.duplicates as unknown[]).length, 0);
  assert.equal(clusterer.storyCount >= 3, true);
});

test("MinHash estimates Jaccard similarity of shingle sets", () => {
  const words = Uint32Array.from({ length: 400 }, (_, i) => (i * 2654435761) >>> 0);
  const half = words.slice();
  for (let i = 200; i < 400; i++) half[i] = (i * 40503 + 7) >>> 0;
  const a = signature(shingleHashes(words));
  assert.equal(estimateJaccard(a, signature(shingleHashes(words))), 1);
  const j = estimateJaccard(a, signature(shingleHashes(half)));
  // true Jaccard of the 4-gram sets: 197 shared of 397 + 200 → about 0.33
  assert.ok(j > 0.15 && j < 0.55, `estimate ${j}`);
});

test("clusterer state survives closing and reopening the store", () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-cluster-"));
  try {
    const path = join(dir, "s.db");
    let store = new SqliteStore(path);
    for (const a of [...ankara.slice(0, 2), ...others]) store.addArticle(a);
    let ss = new StoryStore(store);
    assert.equal(ss.assign([ankara[0]!, others[0]!, others[1]!, ankara[1]!, others[2]!]), 5);
    const before = ss.stories();
    const home = before.find((s) => s.articleIds.includes(ankara[0]!.id))!;
    assert.ok(home.articleIds.includes(ankara[1]!.id));
    store.close();

    store = new SqliteStore(path);
    store.addArticle(ankara[2]!);
    ss = new StoryStore(store);
    assert.equal(ss.clusterer.vocab.docs, 5, "document frequencies restored");
    assert.equal(ss.assign([ankara[0]!, ankara[2]!, others[3]!]), 2, "already assigned articles are skipped");
    const after = ss.stories();
    const again = after.find((s) => s.id === home.id)!;
    assert.deepEqual([...again.articleIds].sort(), ankara.map((a) => a.id).sort());
    assert.equal(after.length, before.length + 1);
    assert.ok(again.firstSeen === undefined || /^\d{4}-\d\d-\d\d$/.test(again.firstSeen));
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("pairwise and B3 scores on hand-made clusterings", () => {
  const perfect = scoreClustering(["a", "a", "b", "c"], ["x", "x", "y", "z"]);
  assert.equal(perfect.pairwise_f1, 1);
  assert.equal(perfect.b3_f1, 1);
  // gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}
  const s = scoreClustering(["p", "p", "q", "q", "q"], ["x", "x", "x", "y", "y"]);
  // pairs: predicted 1 + 3 = 4, gold 3 + 1 = 4, shared (1,2) and (4,5) = 2
  assert.equal(s.pairwise_precision, 0.5);
  assert.equal(s.pairwise_recall, 0.5);
  // B3 precision: items 1,2: 2/2; items 3: 1/3; items 4,5: 2/3 → (1+1+1/3+2/3+2/3)/5
  assert.ok(Math.abs(s.b3_precision - (1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5) < 1e-12);
  // B3 recall: items 1,2: 2/3; item 3: 1/3; items 4,5: 2/2
  assert.ok(Math.abs(s.b3_recall - (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5) < 1e-12);
  const allOne = scoreClustering(["a", "a", "a", "a"], ["x", "x", "y", "y"]);
  assert.equal(allOne.pairwise_recall, 1);
  assert.equal(allOne.pairwise_precision, 2 / 6);
  assert.equal(allOne.b3_precision, 0.5);
});

test("an article with no words opens its own story without failing", () => {
  const c = new OnlineClusterer();
  const empty = prepare({ raw: "", source: { origin: "empty.txt", format: "text" } });
  const r = c.add(empty);
  assert.equal(r.similarity, 1);
  assert.equal(c.toStories().length, 1);
});
