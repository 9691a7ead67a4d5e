import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ANNOTATORS, annotate } from "../annotate/index.js";
import { cleanArticle } from "../ingest/clean/clean.js";
import type { Article, RawArticle } from "../model/article.js";
import type { EvalOptions, EvalResult } from "../eval/types.js";
import { OnlineClusterer } from "./clusterer.js";
import { threadStories } from "./threads.js";
import { articleFeatures, reweigh, type ArticleCounts } from "./features.js";
import { scoreClustering } from "./score.js";

/** A document with its gold story. */
export interface GoldDoc {
  raw: RawArticle;
  gold: string;
  /** Topic number (ECB+), for split selection. */
  topic?: number;
}

/** Annotators whose layers the clusterer reads (the others are skipped in evaluation for speed). */
export const CLUSTER_ANNOTATORS = ["sentences", "entity", "entities", "ner"];

/** Clean + the annotators clustering reads: the same code path as the product's pipeline. */
export function prepare(raw: RawArticle): Article {
  const names = ANNOTATORS.map((a) => a.name).filter((n) => CLUSTER_ANNOTATORS.includes(n));
  return annotate(cleanArticle(raw), names);
}

function decodeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCharCode(Number(e.slice(1))),
  );
}

/**
 * One ECB+ document as an article: its text rebuilt from the tokens (one line per sentence).
 * In `*ecbplus.xml` files sentence 0 is the source URL: it becomes the article's URL, not text
 * (left in, it would mark every ECB+ sub-topic document with "http www com").
 */
export function ecbDocument(xml: string, name: string): RawArticle {
  const sentences: string[][] = [];
  for (const m of xml.matchAll(/<token\b[^>]*\bsentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    const s = Number(m[1]);
    (sentences[s] ??= []).push(decodeXml(m[2]!));
  }
  let url: string | undefined;
  if (/ecbplus\.xml$/.test(name) && sentences[0] && /^https?$/i.test(sentences[0][0] ?? "")) {
    url = sentences[0].join("");
    sentences[0] = [];
  }
  const raw = sentences
    .filter((s) => s && s.length)
    .map((s) => s.join(" "))
    .join("\n");
  return { raw, source: { origin: name, format: "text", ...(url && { url }) } };
}

export function readEcbPlus(dir: string): GoldDoc[] {
  const root = existsSync(join(dir, "ECB+")) ? join(dir, "ECB+") : dir;
  const docs: GoldDoc[] = [];
  for (const topic of readdirSync(root).filter((t) => /^\d+$/.test(t)).sort((a, b) => Number(a) - Number(b))) {
    for (const f of readdirSync(join(root, topic)).sort()) {
      const m = /^(\d+)_(\d+)(ecb|ecbplus)\.xml$/.exec(f);
      if (!m) continue;
      docs.push({ raw: ecbDocument(readFileSync(join(root, topic, f), "utf8"), f), gold: `${topic}_${m[3]}`, topic: Number(topic) });
    }
  }
  return docs;
}

/** Undoes the PTB escapes of the Timeline17 texts. */
function unPtb(s: string): string {
  return s
    .replace(/-LRB-/g, "(")
    .replace(/-RRB-/g, ")")
    .replace(/-LSB-/g, "[")
    .replace(/-RSB-/g, "]")
    .replace(/-LCB-/g, "{")
    .replace(/-RCB-/g, "}")
    .replace(/``|''/g, '"');
}

/** Timeline17 articles (`<topic>_<source>/articles.json`), gold story = topic, in publication order. */
export function readTimeline17(dir: string): GoldDoc[] {
  const docs: (GoldDoc & { date: string; key: string })[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const f = join(dir, folder, "articles.json");
    if (!existsSync(f)) continue;
    const [topic, source] = folder.split("_") as [string, string];
    const arts = JSON.parse(readFileSync(f, "utf8")) as { uid: string; dct: string; text: string }[];
    for (const a of arts) {
      docs.push({
        raw: { raw: unPtb(a.text), published: { value: a.dct.slice(0, 10), how: "field" }, source: { origin: `${folder}/${a.uid}`, format: "text", name: source } },
        gold: topic,
        date: a.dct,
        key: `${folder}/${a.uid}`,
      });
    }
  }
  docs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return docs;
}

/** Deterministic shuffle (mulberry32). */
export function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const SHUFFLE_SEED = 20261123;

/** Clusters prepared documents in order and scores them. */
export function clusterAndScore(articles: Article[], gold: string[], params: ConstructorParameters<typeof OnlineClusterer>[0] = {}) {
  const c = new OnlineClusterer(params);
  const t0 = performance.now();
  const counts = new Map<Article, ArticleCounts>();
  for (const a of articles) c.addFeatures(articleFeatures(a, c.vocab, (k) => counts.set(a, k)));
  c.finish();
  const seconds = (performance.now() - t0) / 1000;
  const storyOf = new Map<string, string>();
  const stories = c.toStories();
  for (const s of stories) for (const id of s.articleIds) storyOf.set(id, s.id);
  // an article id is a content hash; identical texts share it, so label by position
  const predicted = articles.map((a) => storyOf.get(a.id) ?? "?");
  return { scores: scoreClustering(predicted, gold), stories: stories.length, seconds, clusterer: c, predicted, counts };
}

export async function evalCluster(opts: EvalOptions): Promise<EvalResult> {
  const format = opts.format ?? "ecbplus";
  let docs: GoldDoc[];
  if (format === "ecbplus" || format === "ecb+") docs = shuffle(readEcbPlus(opts.data), SHUFFLE_SEED);
  else if (format === "timeline17" || format === "t17") docs = readTimeline17(opts.data);
  else throw new Error(`eval cluster: unknown format "${format}" (ecbplus, timeline17)`);
  if (opts.limit) docs = docs.slice(0, opts.limit);
  const t0 = performance.now();
  const articles = docs.map((d) => prepare(d.raw));
  const annotateSeconds = (performance.now() - t0) / 1000;
  const gold = docs.map((d) => d.gold);
  const { scores, stories, seconds, clusterer, predicted, counts } = clusterAndScore(articles, gold);
  // threads: storylines of stories (Timeline17's gold stories are whole topics running for months)
  const features = new Map(articles.map((a) => [a.id, reweigh(counts.get(a)!, clusterer.vocab)]));
  const storyList = clusterer.toStories();
  const threadOf = threadStories(storyList, features);
  const threadPred = predicted.map((sid) => threadOf.get(sid) ?? sid);
  const threadScores = scoreClustering(threadPred, gold);
  const threads = new Set(threadPred).size;
  const goldCount = new Set(gold).size;
  const topics = [...new Set(docs.map((d) => d.topic).filter((t) => t !== undefined))].sort((a, b) => a! - b!);
  const f = (x: number): string => x.toFixed(4);
  // ECB+ standard split (Cybulska & Vossen 2015): the same run, scored over the dev topics' documents only
  const splits: string[] = [];
  if (topics.length) {
    const dev = new Set([2, 5, 12, 18, 21, 23, 34, 35]);
    const test = new Set([36, 37, 38, 39, 40, 41, 42, 43, 44, 45]);
    for (const [name, keep] of [
      ["train", (t: number) => !dev.has(t) && !test.has(t)],
      ["dev", (t: number) => dev.has(t)],
      ["test", (t: number) => test.has(t)],
    ] as const) {
      const idx = docs.map((d, i) => (keep(d.topic!) ? i : -1)).filter((i) => i >= 0);
      if (!idx.length) continue;
      const s = scoreClustering(idx.map((i) => predicted[i]!), idx.map((i) => gold[i]!));
      splits.push(`  ${name} topics (${idx.length} documents): pairwise F1 ${f(s.pairwise_f1)}  B3 F1 ${f(s.b3_f1)}`);
    }
  }
  return {
    text: [
      `story clustering on ${docs.length} ${format} documents (${opts.data}${topics.length ? `, topics ${topics[0]}-${topics[topics.length - 1]}` : ""})`,
      `pairwise P ${f(scores.pairwise_precision)} R ${f(scores.pairwise_recall)} F1 ${f(scores.pairwise_f1)}`,
      `B3       P ${f(scores.b3_precision)} R ${f(scores.b3_recall)} F1 ${f(scores.b3_f1)}`,
      ...splits,
      `threads (storylines of stories): pairwise P ${f(threadScores.pairwise_precision)} R ${f(threadScores.pairwise_recall)} F1 ${f(threadScores.pairwise_f1)}  B3 F1 ${f(threadScores.b3_f1)}  (${threads} threads)`,
      `${stories} stories (gold ${goldCount}), ${clusterer.mergeCount} merges, ${clusterer.splitCount} splits; annotation ${annotateSeconds.toFixed(1)} s, clustering ${seconds.toFixed(2)} s (${Math.round(docs.length / seconds)} articles/s)`,
    ].join("\n"),
    // Timeline17's gold stories are topics (storylines): its headline figures are the thread level
    json:
      format === "ecbplus" || format === "ecb+"
        ? { ...scores, stories, gold: goldCount, documents: docs.length, threads, thread_pairwise_f1: threadScores.pairwise_f1, thread_b3_f1: threadScores.b3_f1 }
        : { ...threadScores, stories, threads, gold: goldCount, documents: docs.length, story_pairwise_f1: scores.pairwise_f1, story_b3_f1: scores.b3_f1 },
  };
}
