import { cleanArticle } from "../src/ingest/clean/clean.js";
import { annotateSentences } from "../src/annotate/sentences.js";
import { annotateEntities } from "../src/annotate/ner/annotator.js";
import { annotateCoref } from "../src/annotate/coref/index.js";
import { annotateGarbled } from "../src/annotate/garbled/index.js";
import { canonicalEntities } from "../src/entities/canonical.js";
import type { Article } from "../src/model/article.js";
import { benchCorpus, cpuSeconds } from "./corpus.js";

const cpu = cpuSeconds;

/** Coreference, garbled-text detection and canonical entities over real article texts, one core (wall clock and CPU seconds). */
export async function benchCoref(): Promise<void> {
  const corpus = benchCorpus(800);
  const articles: Article[] = corpus.map((a) => {
    const art = cleanArticle(a);
    annotateSentences(art);
    annotateEntities(art);
    return art;
  });
  const words = articles.reduce((n, a) => n + a.tokens!.count, 0);
  for (const a of articles.slice(0, 30)) annotateCoref(a);
  let t0 = performance.now();
  let c0 = cpu();
  for (const a of articles) annotateCoref(a);
  const coref = (performance.now() - t0) / 1000;
  const corefCpu = cpu() - c0;
  t0 = performance.now();
  c0 = cpu();
  for (const a of articles) annotateGarbled(a);
  const garbled = (performance.now() - t0) / 1000;
  const garbledCpu = cpu() - c0;
  t0 = performance.now();
  // canonical entities over groups of 20 articles (a large story)
  let entities = 0;
  for (let i = 0; i < articles.length; i += 20) entities += canonicalEntities(articles.slice(i, i + 20)).length;
  const canon = (performance.now() - t0) / 1000;
  const mentions = articles.reduce((n, a) => n + (a.layers.mention?.length ?? 0), 0);
  console.log(`${articles.length} articles, ${words} tokens, ${mentions} mentions written, ${entities} entities`);
  console.log(`coref: ${coref.toFixed(2)} s, ${Math.round(words / coref)} tokens/s, ${(articles.length / coref).toFixed(0)} articles/s`);
  console.log(`garbled: ${garbled.toFixed(2)} s, ${Math.round(words / garbled)} tokens/s`);
  console.log(`CPU: coref ${corefCpu.toFixed(2)} s (${Math.round(words / corefCpu)} tokens/CPU-s), garbled ${garbledCpu.toFixed(2)} s (${Math.round(words / garbledCpu)} tokens/CPU-s)`);
  console.log(`canonical entities (stories of 20 articles): ${canon.toFixed(2)} s, ${(articles.length / canon).toFixed(0)} articles/s`);
}
