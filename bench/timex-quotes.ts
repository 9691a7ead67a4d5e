import { annotate } from "../src/annotate/index.js";
import { cleanArticle } from "../src/ingest/clean/clean.js";
import { annotateTimex } from "../src/annotate/time/index.js";
import { annotateQuotes } from "../src/annotate/quotes/index.js";
import { benchCorpus } from "./corpus.js";

/** The `timex` and `quotes` annotators alone (sentences and entities done beforehand): words/s on one core. */
export async function benchTimexQuotes(): Promise<void> {
  const articles = benchCorpus(1000).map((r) => annotate(cleanArticle(r), ["sentences", "entities"]));
  const words = articles.reduce((n, a) => n + (a.tokens?.count ?? 0), 0);
  for (const a of articles.slice(0, 20)) {
    annotateTimex(a);
    annotateQuotes(a);
  }
  const t0 = performance.now();
  let timexes = 0;
  for (const a of articles) {
    annotateTimex(a);
    timexes += a.layers.timex?.length ?? 0;
  }
  const t1 = performance.now();
  let quotes = 0;
  for (const a of articles) {
    annotateQuotes(a);
    quotes += a.layers.quote?.length ?? 0;
  }
  const t2 = performance.now();
  console.log(`${articles.length} articles, ${words} tokens`);
  console.log(`timex: ${timexes} expressions in ${((t1 - t0) / 1000).toFixed(2)} s, ${Math.round(words / ((t1 - t0) / 1000))} tokens/s`);
  console.log(`quotes: ${quotes} quotes in ${((t2 - t1) / 1000).toFixed(2)} s, ${Math.round(words / ((t2 - t1) / 1000))} tokens/s`);
}
