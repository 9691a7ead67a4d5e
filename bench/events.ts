import { cleanArticle } from "../src/ingest/clean/clean.js";
import { annotateSentences } from "../src/annotate/sentences.js";
import { annotateEvents } from "../src/annotate/events/index.js";
import { defaultTables } from "../src/annotate/events/tables.js";
import { buildTimeline } from "../src/reconcile/timeline.js";
import { benchCorpus } from "./corpus.js";

/** The events annotator alone (articles already cleaned and tokenised), and the timeline over them. */
export async function benchEvents(): Promise<void> {
  const t0 = performance.now();
  defaultTables();
  const load = (performance.now() - t0) / 1000;
  const articles = benchCorpus(1000).map((a) => {
    const art = cleanArticle(a);
    annotateSentences(art);
    return art;
  });
  const tokens = articles.reduce((n, a) => n + a.tokens!.count, 0);
  for (const a of articles.slice(0, 30)) annotateEvents(a);
  const t1 = performance.now();
  let events = 0;
  for (const a of articles) {
    annotateEvents(a);
    events += a.layers.event!.length;
  }
  const s = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const tl = buildTimeline(articles);
  const ts = (performance.now() - t2) / 1000;
  console.log(`table load ${load.toFixed(2)} s; ${articles.length} articles, ${tokens} tokens, ${events} events in ${s.toFixed(2)} s`);
  console.log(`throughput: ${Math.round(tokens / s)} tokens/s, ${(articles.length / s).toFixed(0)} articles/s; timeline of all ${articles.length} articles (${tl.length} entries, no timex layer) ${ts.toFixed(2)} s`);
}
