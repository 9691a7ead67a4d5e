import { cleanArticle } from "../src/ingest/clean/clean.js";
import { processArticle } from "../src/pipeline.js";
import { ANNOTATORS } from "../src/annotate/index.js";
import { benchCorpus, cpuSeconds } from "./corpus.js";

const cpu = cpuSeconds;

/**
 * The annotate stage of `analyze` split by step, in CPU-seconds (process.cpuUsage, so a shared machine
 * skews it less than wall time): the same 1,000 articles and 20-article warm-up as the analyze bench, but
 * run step by step (clean every article, then sentences on every article, and so on), one pass.
 */
export async function benchAnnotate(): Promise<void> {
  const corpus = benchCorpus(1000);
  for (const a of corpus.slice(0, 20)) processArticle(a); // load models, warm up
  const times: [string, number][] = [];
  let t = cpu();
  const articles = corpus.map(cleanArticle);
  times.push(["clean", cpu() - t]);
  for (const a of ANNOTATORS) {
    t = cpu();
    for (const art of articles) a.run(art);
    times.push([a.name, cpu() - t]);
  }
  const total = times.reduce((n, [, s]) => n + s, 0);
  const tokens = articles.reduce((n, a) => n + (a.tokens?.count ?? 0), 0);
  console.log(`${articles.length} articles, ${tokens} tokens; CPU-seconds per step (one pass):`);
  for (const [name, s] of times) console.log(`  ${name.padEnd(10)} ${s.toFixed(2)} s`);
  console.log(`  ${"total".padEnd(10)} ${total.toFixed(2)} s  (${Math.round(tokens / total)} tokens per CPU-second)`);
}
