import { displayPieces } from "./display.js";
import { mdEscape } from "./escape.js";
import { PieceRuns } from "./runs.js";
import { entitiesMarkdown } from "../entities/sections.js";
import { eventsMarkdown, timelineMarkdown } from "./events.js";
import { factsMarkdown, summaryMarkdown } from "./sections/summary.js";
import type { ArticleJSON, ReportJSON } from "./report.js";
import { renderGraphMarkdown } from "./sections/graph.js";
import { renderQuotesMarkdown } from "./sections/quotes.js";
import { renderSourcesMarkdown } from "./sections/sources.js";

/** Markdown sections of a report; later stages add theirs to this list. */
export type MarkdownSection = (report: ReportJSON) => string;


/** An article's heading and facts, one per line. */
function articleHeadMarkdown(a: ArticleJSON): string {
  const lines: string[] = [];
  lines.push(`### ${mdEscape(a.title ?? a.source.origin)}`);
  lines.push("");
  lines.push(`- id: \`${a.id}\``);
  lines.push(`- source: ${mdEscape(a.source.name ?? "unknown")} (${a.source.format}, ${mdEscape(a.source.origin)})${a.source.url ? ` <${a.source.url}>` : ""}`);
  lines.push(`- published: ${a.published ? `${a.published.value} (from ${a.published.how})` : "unknown"}`);
  lines.push(`- ${a.stats.words} words, ${a.stats.sentences} sentences; ${a.stats.boilerplateChars} characters of boilerplate removed`);
  if (a.integrity !== null && a.integrity !== undefined) lines.push(`- text integrity ${a.integrity.toFixed(2)} (${(a.layers.garbled ?? []).length} garbled phrases)`);
  return lines.join("\n");
}

const BLANK_LINE = /\n\s*\n/;

/** An article (heading, facts, then its text quoted paragraph by paragraph), pushed to `out`. */
function pushArticleMarkdown(a: ArticleJSON, out: string[]): void {
  out.push(articleHeadMarkdown(a), "\n\n");
  const pieces = displayPieces(a);
  const texts: string[] = [];
  for (const p of pieces) texts.push(p.removed ? ` ~~${mdEscape(p.text.replace(/\s+/g, " ").trim())}~~ *(removed: ${p.removed})* ` : mdEscape(p.text));
  const paragraphs = texts.join("").split(BLANK_LINE);
  let first = true;
  for (const para of paragraphs) {
    const t = para.trim();
    if (!t) continue;
    out.push(first ? "> " : "\n>\n> ", t);
    first = false;
  }
}

/** The articles section: one array for all of it, joined once. */
function articlesMarkdown(r: ReportJSON): string {
  const out: string[] = ["## Articles\n\n"];
  const runs = new PieceRuns(out, "");
  for (const a of r.articles) {
    out.push("\n\n");
    pushArticleMarkdown(a, out);
    runs.check();
  }
  return out.join("");
}

export const MARKDOWN_SECTIONS: MarkdownSection[] = [
  (r) => {
    const out = [`# Crosscheck report`, "", `Generated ${r.generatedAt}: ${r.articles.length} articles, ${r.stories.length} stories.`];
    if (r.run.duplicates.length) out.push("", `Exact duplicates skipped: ${r.run.duplicates.map((d) => `${mdEscape(d.origin)} (= \`${d.duplicateOf}\`)`).join(", ")}`);
    if (r.run.errors.length) out.push("", "## Inputs that failed", "", ...r.run.errors.map((e) => `- ${mdEscape(e.file)}: ${mdEscape(e.problem)}`));
    return out.join("\n");
  },
  summaryMarkdown,
  factsMarkdown,
  (r) => timelineMarkdown(r, mdEscape),
  (r) => eventsMarkdown(r, mdEscape),
  renderGraphMarkdown,
  renderQuotesMarkdown,
  renderSourcesMarkdown,
  articlesMarkdown,
  entitiesMarkdown,
];

export function renderMarkdown(report: ReportJSON): string {
  return MARKDOWN_SECTIONS.map((s) => s(report)).filter(Boolean).join("\n\n") + "\n";
}
