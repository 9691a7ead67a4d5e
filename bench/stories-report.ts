/**
 * CPU timing of the story stages after clustering and of the report (issue 7 speed work), on the first 1,000
 * bench-corpus articles annotated once and cached in $TMPDIR/crosscheck-stories-report.bin (`--fresh` remakes
 * the cache, needed when an annotator changes).
 *
 *   node --max-semi-space-size=64 --expose-gc dist/bench/stories-report.js [--repeat N] [--fresh]
 *
 * Clustering (the first story stage) runs once and is not timed; each repeat then runs every later story stage
 * on a fresh copy of its stories, builds the report and serialises it (JSON, Markdown, HTML), timed in CPU
 * seconds (process.cpuUsage: all threads, GC helpers included). The first repeat is the cold run the analyze
 * bench sees; later ones are warm. The hashes of the JSON, Markdown and HTML of the first repeat are printed:
 * a speed-up must leave them unchanged.
 */
import { createHash } from "node:crypto";
import { STORY_STAGES, processArticle } from "../src/pipeline.js";
import { buildReport } from "../src/explain/report.js";
import { renderHtml } from "../src/explain/html.js";
import { renderMarkdown } from "../src/explain/markdown.js";
import type { Article } from "../src/model/article.js";
import { benchCorpus, cachedArticles, cpuSeconds } from "./corpus.js";

const args = process.argv.slice(2);
const repeat = args.includes("--repeat") ? Number(args[args.indexOf("--repeat") + 1]) : 3;

const annotated = (): Article[] => cachedArticles("crosscheck-stories-report.bin", () => benchCorpus(1000).map(processArticle), args.includes("--fresh"));
const cpu = cpuSeconds;
const gc = (globalThis as { gc?: () => void }).gc;
const h = (s: string): string => createHash("sha1").update(s).digest("hex").slice(0, 16);

const articles = annotated();
const [cluster, ...later] = STORY_STAGES;
const clustered = structuredClone(cluster!(articles, []));
const times: Record<string, number[]> = {};
const time = <T>(name: string, f: () => T): T => {
  const t = cpu();
  const out = f();
  (times[name] ??= []).push(cpu() - t);
  return out;
};
let hashes: Record<string, string> | undefined;
for (let r = 0; r < repeat; r++) {
  let stories = structuredClone(clustered);
  gc?.();
  const t0 = cpu();
  for (const stage of later) stories = time(stage.name, () => stage(articles, stories));
  (times["stories (after clustering)"] ??= []).push(cpu() - t0);
  gc?.();
  const t1 = cpu();
  const report = time("buildReport", () => buildReport({ inputs: ["bench"], articles, stories, duplicates: [], errors: [], generatedAt: new Date(0) }));
  const json = time("JSON.stringify", () => JSON.stringify(report));
  const md = time("renderMarkdown", () => renderMarkdown(report));
  const html = time("renderHtml", () => renderHtml(report));
  (times.report ??= []).push(cpu() - t1);
  hashes ??= { json: h(json), md: h(md), html: h(html) };
}
console.log(`${articles.length} articles, ${clustered.length} stories; CPU seconds per repeat (first = cold):`);
for (const [name, ts] of Object.entries(times)) console.log(`  ${name.padEnd(26)} ${ts.map((t) => t.toFixed(2)).join("  ")}`);
console.log("hashes:", JSON.stringify(hashes));
