import { cleanArticle } from "../src/ingest/clean/clean.js";
import { annotateSentences } from "../src/annotate/sentences.js";
import { annotateEvents } from "../src/annotate/events/index.js";
import { defaultTables } from "../src/annotate/events/tables.js";
import { annotateTimex } from "../src/annotate/time/index.js";
import { annotateEntities } from "../src/annotate/ner/annotator.js";
import { buildTimeline } from "../src/reconcile/timeline.js";
import { benchCorpus, cpuSeconds } from "./corpus.js";

const cpu = cpuSeconds;

/**
 * The events annotator alone (articles already cleaned and tokenised), and the timeline over them; then the
 * events annotator again over the same articles with the timex and entity layers added (as in `analyze`, where
 * names come from the entity layer). Wall clock and CPU seconds of the process (the machine may be shared).
 */
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
  const c1 = cpu();
  let events = 0;
  for (const a of articles) {
    annotateEvents(a);
    events += a.layers.event!.length;
  }
  const s = (performance.now() - t1) / 1000;
  const cs = cpu() - c1;
  const t2 = performance.now();
  const tl = buildTimeline(articles);
  const ts = (performance.now() - t2) / 1000;
  console.log(`table load ${load.toFixed(2)} s; ${articles.length} articles, ${tokens} tokens, ${events} events in ${s.toFixed(2)} s`);
  console.log(`throughput: ${Math.round(tokens / s)} tokens/s, ${(articles.length / s).toFixed(0)} articles/s; timeline of all ${articles.length} articles (${tl.length} entries, no timex layer) ${ts.toFixed(2)} s`);
  console.log(`CPU: ${cs.toFixed(2)} s, ${Math.round(tokens / cs)} tokens/CPU-s`);
  for (const a of articles) {
    annotateTimex(a);
    annotateEntities(a);
  }
  const t3 = performance.now();
  const c3 = cpu();
  let withNames = 0;
  for (const a of articles) {
    annotateEvents(a);
    withNames += a.layers.event!.length;
  }
  const s3 = (performance.now() - t3) / 1000;
  const cs3 = cpu() - c3;
  console.log(`with timex + entity layers: ${withNames} events in ${s3.toFixed(2)} s (${Math.round(tokens / s3)} tokens/s); CPU ${cs3.toFixed(2)} s, ${Math.round(tokens / cs3)} tokens/CPU-s`);
}
