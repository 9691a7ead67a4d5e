import { processArticle, processArticles, buildStories } from "../src/pipeline.js";
import { buildReport } from "../src/explain/report.js";
import { renderHtml } from "../src/explain/html.js";
import { renderMarkdown } from "../src/explain/markdown.js";
import { ANNOTATORS } from "../src/annotate/index.js";
import { benchCorpus } from "./corpus.js";

/** End-to-end `analyze` on 1,000 real articles with every layer on: words/s on one core. */
export async function benchAnalyze(): Promise<void> {
  const corpus = benchCorpus(1000);
  for (const a of corpus.slice(0, 20)) processArticle(a); // load models, warm up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // as `analyze` does: annotator-major in batches (processArticles)
  const articles = processArticles(corpus).map((p) => {
    if (!p.ok) throw p.error;
    return p.article;
  });
  const t1 = performance.now();
  const stories = buildStories(articles);
  const t2 = performance.now();
  const report = buildReport({ inputs: ["bench"], articles, stories, duplicates: [], errors: [] });
  const json = JSON.stringify(report);
  const md = renderMarkdown(report);
  const html = renderHtml(report);
  const t3 = performance.now();
  const cpu = process.cpuUsage(c0);
  const words = report.articles.reduce((n, a) => n + a.stats.words, 0);
  const s = (t3 - t0) / 1000;
  console.log(`annotators: ${ANNOTATORS.map((a) => a.name).join(", ")}`);
  console.log(`${articles.length} articles, ${words} words, ${stories.length} stories`);
  console.log(`annotate ${((t1 - t0) / 1000).toFixed(2)} s, stories ${((t2 - t1) / 1000).toFixed(2)} s, report ${((t3 - t2) / 1000).toFixed(2)} s (json ${(json.length / 1e6).toFixed(1)} MB, md ${(md.length / 1e6).toFixed(1)} MB, html ${(html.length / 1e6).toFixed(1)} MB)`);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`throughput: ${Math.round(words / s)} words/s end to end (wall ${s.toFixed(2)} s); ${Math.round(words / cpuS)} words per CPU-second (${cpuS.toFixed(2)} CPU-s, all threads of the process: GC helpers included)`);
}
