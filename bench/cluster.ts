import { existsSync } from "node:fs";
import { join } from "node:path";
import { OnlineClusterer } from "../src/cluster/clusterer.js";
import { prepare, readEcbPlus, readTimeline17, type GoldDoc } from "../src/cluster/eval.js";
import type { Article } from "../src/model/article.js";
import { POS_TAGS, type TokenColumns } from "../src/model/tokens.js";
import { sharedData } from "./corpus.js";

const PROPN = POS_TAGS.indexOf("PROPN");
const CONTENT = new Uint8Array(POS_TAGS.length);
for (const t of ["NOUN", "VERB", "ADJ", "NUM"]) CONTENT[POS_TAGS.indexOf(t as (typeof POS_TAGS)[number])] = 1;

function remapped(story: number, w: string): boolean {
  let h = (story + 1) * 2246822519;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
  return (h >>> 0) % 3 === 0;
}

/** A pre-annotated real article, kept as token strings so variants are cheap to build. */
interface PoolDoc {
  words: string[];
  pos: Uint8Array;
  sentence: Int32Array;
  group: number;
}

function poolFrom(docs: GoldDoc[], limit: number): PoolDoc[] {
  const groups = new Map<string, number>();
  const out: PoolDoc[] = [];
  for (const d of docs.slice(0, limit)) {
    const a = prepare(d.raw);
    const t = a.tokens!;
    if (t.count < 20) continue;
    const words: string[] = [];
    for (let i = 0; i < t.count; i++) words.push(a.text.slice(t.start[i], t.end[i]));
    if (!groups.has(d.gold)) groups.set(d.gold, groups.size);
    out.push({ words, pos: t.pos, sentence: t.sentence, group: groups.get(d.gold)! });
  }
  return out;
}

let rng = 12345;
function rand(): number {
  rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
  return rng / 4294967296;
}

const SYL = ["ka", "lo", "mi", "ren", "sa", "tu", "vek", "dor", "an", "el", "is", "or", "ul", "bar", "zen", "qui"];
function fakeName(story: number, w: string): string {
  let h = story * 2654435761;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
  h >>>= 0;
  const n = 2 + (h % 2);
  let s = "";
  for (let i = 0; i < n; i++) s += SYL[(h >>> (4 * i + 3)) & 15];
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * One synthetic article: a real pooled article of the story's source group, its proper names
 * renamed consistently for the story (so synthetic stories are similar in topic but different
 * in participants, like ECB+ sub-topics), a third of its other content words replaced by
 * story-specific made-up words, and a random fifth of its sentences dropped.
 */
function variant(doc: PoolDoc, story: number, day: number, n: number): Article {
  const parts: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const pos: number[] = [];
  const sent: number[] = [];
  let at = 0;
  let lastSent = -1;
  let drop = false;
  for (let i = 0; i < doc.words.length; i++) {
    const s = doc.sentence[i]!;
    if (s !== lastSent) {
      lastSent = s;
      drop = rand() < 0.2;
      if (!drop && parts.length) {
        parts.push("\n");
        at++;
      }
    }
    if (drop) continue;
    const p = doc.pos[i]!;
    const word = doc.words[i]!;
    // names renamed for the story; a third of the other content words too (same choice for the
    // whole story), so stories built from one pooled text do not share its word sequences
    const w = p === PROPN ? fakeName(story, word) : CONTENT[p] && remapped(story, word) ? fakeName(story, word).toLowerCase() : word;
    if (parts.length && parts[parts.length - 1] !== "\n") {
      parts.push(" ");
      at++;
    }
    parts.push(w);
    start.push(at);
    at += w.length;
    end.push(at);
    pos.push(doc.pos[i]!);
    sent.push(s);
  }
  const text = parts.join("");
  const tokens: TokenColumns = { count: start.length, start: Int32Array.from(start), end: Int32Array.from(end), pos: Uint8Array.from(pos), sentence: Int32Array.from(sent) };
  const date = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `syn${n}`,
    source: { origin: `synthetic/${n}`, format: "text", name: `outlet${n % 50}` },
    published: { value: date, how: "field" },
    raw: text,
    text,
    offsets: undefined as unknown as Article["offsets"],
    removals: [],
    layers: {},
    tokens,
  };
}

/**
 * The synthetic-plus-real stream in batches of 1,000 articles: 1,500 articles a day, a new story for
 * one article in ten, the rest going to one of the 300 most recent stories; 5% are edited copies of
 * a recent article. `generated()` tells how many stories were generated so far.
 */
export function syntheticStream(data: string, max: number): { pool: number; groups: number; batches: Generator<Article[]>; generated: () => number } {
  const pool = [...poolFrom(readEcbPlus(join(data, "ecbplus")), 1000), ...poolFrom(readTimeline17(join(data, "timeline17")), 600).map((d) => ({ ...d, group: d.group + 1000 }))];
  const byGroup = new Map<number, PoolDoc[]>();
  for (const d of pool) byGroup.set(d.group, [...(byGroup.get(d.group) ?? []), d]);
  const groups = [...byGroup.keys()];
  let stories = 0;
  function* batches(): Generator<Article[]> {
    const recent: { story: number; group: number }[] = [];
    const recentArticles: Article[] = [];
    for (let n = 0; n < max; ) {
      const batch: Article[] = [];
      for (let k = 0; k < 1000 && n + k < max; k++) {
        const i = n + k;
        const day = Math.floor(i / 1500);
        let a: Article;
        if (recentArticles.length > 0 && rand() < 0.05) {
          const orig = recentArticles[Math.floor(rand() * recentArticles.length)]!;
          const cut = Math.floor(orig.text.length * 0.9);
          const text = orig.text.slice(0, cut);
          const t = orig.tokens!;
          let m = 0;
          while (m < t.count && t.end[m]! <= cut) m++;
          a = { ...orig, id: `syn${i}`, raw: text, text, tokens: { count: m, start: t.start.subarray(0, m), end: t.end.subarray(0, m), pos: t.pos.subarray(0, m), sentence: t.sentence.subarray(0, m) } };
        } else {
          let pick: { story: number; group: number };
          if (recent.length === 0 || rand() < 0.1) {
            pick = { story: stories++, group: groups[Math.floor(rand() * groups.length)]! };
            recent.push(pick);
            if (recent.length > 300) recent.shift();
          } else pick = recent[Math.floor(rand() * recent.length)]!;
          const docs = byGroup.get(pick.group)!;
          a = variant(docs[Math.floor(rand() * docs.length)]!, pick.story, day, i);
        }
        recentArticles.push(a);
        if (recentArticles.length > 200) recentArticles.shift();
        batch.push(a);
      }
      n += batch.length;
      yield batch;
    }
  }
  return { pool: pool.length, groups: groups.length, batches: batches(), generated: () => stories };
}

/**
 * Clustering throughput and memory over the synthetic-plus-real stream (`syntheticStream`) of 10k,
 * 100k (and, with CC_BENCH_MAX=1000000, 1M) articles. Each batch of 1,000 is built untimed, then
 * clustered (`OnlineClusterer.add`: features, near-duplicates, clustering, maintenance) and timed
 * in CPU time of the process.
 */
export async function benchCluster(): Promise<void> {
  const data = sharedData();
  if (!data || !existsSync(join(data, "ecbplus"))) {
    console.log("skipped: ../shared/data/ecbplus not found");
    return;
  }
  const max = Number(process.env.CC_BENCH_MAX ?? 100_000);
  const t0 = performance.now();
  const stream = syntheticStream(data, max);
  console.log(`pool: ${stream.pool} real articles in ${stream.groups} groups, annotated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  if (globalThis.gc) globalThis.gc();
  const baseRss = process.memoryUsage().rss;
  const c = new OnlineClusterer();
  let clusterMs = 0;
  let windowMs = 0;
  let windowN = 0;
  let n = 0;
  const checkpoints = new Set([10_000, 100_000, 250_000, 500_000, 1_000_000].filter((x) => x <= max));
  for (const batch of stream.batches) {
    // CPU time of this process (the machine is shared; wall time would measure the neighbours)
    const t1 = process.cpuUsage();
    for (const a of batch) c.add(a);
    const u = process.cpuUsage(t1);
    const ms = (u.user + u.system) / 1000;
    clusterMs += ms;
    windowMs += ms;
    windowN += batch.length;
    n += batch.length;
    const stories = stream.generated();
    if (checkpoints.has(n)) {
      if (globalThis.gc) globalThis.gc();
      const rss = process.memoryUsage().rss;
      const heap = process.memoryUsage().heapUsed;
      console.log(
        `${n.toLocaleString("en")} articles: ${Math.round((windowN / windowMs) * 1000)} articles per CPU-second since last checkpoint ` +
          `(${((windowMs * 1000) / windowN).toFixed(0)} µs/article; ${Math.round((n / clusterMs) * 1000)} overall), ${(rss / 2 ** 20).toFixed(0)} MB resident (${((rss - baseRss) / n / 1024).toFixed(2)} kB/article above the ${(baseRss / 2 ** 20).toFixed(0)} MB before clustering; JS heap ${(heap / 2 ** 20).toFixed(0)} MB), ` +
          `${c.storyCount.toLocaleString("en")} stories (${stories.toLocaleString("en")} generated), ${c.activeStories.toLocaleString("en")} active, ${c.mergeCount.toLocaleString("en")} merges, ${c.splitCount.toLocaleString("en")} splits, ` +
          `vocabulary ${c.vocab.size.toLocaleString("en")} (ids ${c.vocab.capacity.toLocaleString("en")}; ${c.compactions} compactions evicted ${c.evictedTerms.toLocaleString("en")})`,
      );
      windowMs = 0;
      windowN = 0;
    }
  }
}
