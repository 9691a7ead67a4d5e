/**
 * Output identity check for speed work: hashes every annotation layer, every story field of the report,
 * the Markdown and the HTML of the first N bench-corpus articles (default 300).
 *
 *   node dist/bench/output-hash.js [N] > before.json   # on the base commit
 *   node dist/bench/output-hash.js [N] > after.json    # after the change; then diff the two files
 *
 * Articles are annotated as `analyze` does (`processArticles`: annotator-major in batches); with `--single`,
 * one article at a time (`processArticle`), which must give the same hashes.
 *
 * A change meant to be output-identical must leave every line the same.
 */
import { createHash } from "node:crypto";
import { processArticle, processArticles, buildStories } from "../src/pipeline.js";
import { buildReport } from "../src/explain/report.js";
import { renderHtml } from "../src/explain/html.js";
import { renderMarkdown } from "../src/explain/markdown.js";
import { benchCorpus } from "./corpus.js";

const args = process.argv.slice(2);
const n = Number(args.find((a) => !a.startsWith("--")) ?? 300);
const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const h = (x: unknown): string =>
  createHash("sha1")
    .update((typeof x === "string" ? x : JSON.stringify(x)).split(root).join("ROOT"))
    .digest("hex")
    .slice(0, 12);
const corpus = benchCorpus(n);
const articles = args.includes("--single")
  ? corpus.map(processArticle)
  : processArticles(corpus).map((p) => {
      if (!p.ok) throw p.error;
      return p.article;
    });
const layers: Record<string, string> = {};
for (const a of articles) for (const [k, v] of Object.entries(a.layers)) layers[k] = (layers[k] ?? "") + h(v);
const out: Record<string, string> = {};
for (const [k, v] of Object.entries(layers)) out[`layer.${k}`] = h(v);
let tokens = "";
for (const a of articles) {
  const t = a.tokens;
  tokens += t ? h([Array.from(t.start), Array.from(t.end), Array.from(t.pos), Array.from(t.sentence)]) : "-";
}
out.tokens = h(tokens);
const stories = buildStories(articles);
const r = buildReport({ inputs: ["x"], articles, stories, duplicates: [], errors: [], generatedAt: new Date(0) });
for (const s of r.stories) for (const [k, v] of Object.entries(s)) out[`story.${k}`] = h((out[`story.${k}`] ?? "") + h(v));
out.md = h(renderMarkdown(r));
out.html = h(renderHtml(r));
console.log(JSON.stringify(out, null, 1));
