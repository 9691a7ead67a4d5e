import { buildStories, processArticle } from "../src/pipeline.js";
import { buildReport } from "../src/explain/report.js";
import { HTML_SECTIONS } from "../src/explain/html.js";
import { claimsCsv, entitiesGraphml, eventsCsv } from "../src/explain/export.js";
import { MARKDOWN_SECTIONS } from "../src/explain/markdown.js";
import { benchCorpus } from "./corpus.js";

/** Rendering only: each HTML section, the Markdown and the exports, over the report of 1,000 real articles. */
export async function benchReport(): Promise<void> {
  const articles = benchCorpus(1000).map(processArticle);
  const report = buildReport({ inputs: ["bench"], articles, stories: buildStories(articles), duplicates: [], errors: [] });
  const words = report.articles.reduce((n, a) => n + a.stats.words, 0);
  const layers = new Set(report.articles.flatMap((a) => Object.keys(a.layers)));
  console.log(`${report.articles.length} articles, ${words} words, ${report.stories.length} stories; layers: ${[...layers].sort().join(", ")}`);
  const time = (name: string, f: () => string): number => {
    const t = performance.now();
    const out = f();
    const s = (performance.now() - t) / 1000;
    console.log(`  ${name.padEnd(18)} ${s.toFixed(3)} s  ${(out.length / 1e6).toFixed(2)} MB`);
    return s;
  };
  let total = 0;
  for (const s of HTML_SECTIONS) total += time(`html ${s.id}`, () => s.render(report));
  total += time("markdown", () => MARKDOWN_SECTIONS.map((m) => m(report)).join("\n"));
  total += time("csv+graphml", () => claimsCsv(report) + eventsCsv(report) + entitiesGraphml(report));
  console.log(`rendering: ${total.toFixed(2)} s, ${Math.round(words / total)} words/s`);
}
