import { eventsHtml, TIMELINE_STYLE, timelineHtml } from "./events.js";
import { esc } from "./escape.js";
import type { ReportJSON } from "./report.js";
import { ARTICLES_STYLE, renderArticlesHtml, renderArticlesHtmlTo } from "./sections/articles.js";
import { GRAPH_STYLE, renderGraphHtml, renderGraphHtmlTo } from "./sections/graph.js";
import { QUOTES_STYLE, renderQuotesHtml } from "./sections/quotes.js";
import { renderSourcesHtml, SOURCES_STYLE } from "./sections/sources.js";
import { entitiesHtml } from "../entities/sections.js";
import { factsHtml, summaryHtml } from "./sections/summary.js";
import { isBlank } from "../util/chars.js";

export { esc };

/** An HTML section of the report; later stages add theirs to this list. */
export interface HtmlSection {
  id: string;
  title: string;
  render(report: ReportJSON): string;
  /** CSS the section needs, added to the page's inline style. */
  style?: string;
  /**
   * What `render` gives, as pieces pushed to `out` (for the large sections: the page is then joined once,
   * instead of each section first and the page again).
   */
  renderTo?(report: ReportJSON, out: string[]): void;
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#14213d;color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}
nav a{color:#fca311;margin-right:1rem}main{max-width:70rem;margin:auto;padding:1rem 2rem}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.5rem;margin:1rem 0}
article{border-top:1px solid #eee;padding-top:1rem}
del{color:#a33;background:#fdecec;text-decoration:line-through}
.meta{color:#555;font-size:.9rem}.sentence:nth-child(odd){background:#f4f8ff}
.removed-reason{font-size:.75rem;color:#a33;font-style:italic}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
.error{color:#a33}
.cite{font-size:.8rem;background:#eef;border-radius:3px;padding:0 .25rem;text-decoration:none;color:#14213d}
tr.has-conflict{background:#fff4e0}.conflict{color:#a35a00;font-size:.9rem}
`;

export const HTML_SECTIONS: HtmlSection[] = [
  {
    id: "run",
    title: "Run",
    render: (r) => {
      const rows = [`<p>${r.articles.length} articles, ${r.stories.length} stories, generated ${esc(r.generatedAt)}.</p>`];
      if (r.run.duplicates.length)
        rows.push(`<p>Exact duplicates skipped: ${r.run.duplicates.map((d) => `${esc(d.origin)} (= ${esc(d.duplicateOf)})`).join(", ")}</p>`);
      if (r.run.errors.length)
        rows.push(`<ul class="error">${r.run.errors.map((e) => `<li>${esc(e.file)}: ${esc(e.problem)}</li>`).join("")}</ul>`);
      return rows.join("\n");
    },
  },
  { id: "summary", title: "Summary", render: summaryHtml },
  { id: "facts", title: "Key facts", render: factsHtml },
  { id: "timeline", title: "Timeline", render: (r) => timelineHtml(r, esc), style: TIMELINE_STYLE },
  { id: "events", title: "Events", render: (r) => eventsHtml(r, esc) },
  { id: "entity-graph", title: "Entity graph", render: renderGraphHtml, renderTo: renderGraphHtmlTo, style: GRAPH_STYLE },
  { id: "quotes", title: "Quotes by speaker", render: renderQuotesHtml, style: QUOTES_STYLE },
  { id: "sources", title: "Sources", render: renderSourcesHtml, style: SOURCES_STYLE },
  { id: "articles", title: "Articles", render: renderArticlesHtml, renderTo: renderArticlesHtmlTo, style: ARTICLES_STYLE },
  entitiesHtml,
];


/** A self-contained page: inline style, no script or network fetch, all text escaped. */
export function renderHtml(report: ReportJSON): string {
  // each section's body as pieces; sections whose body is blank are left out
  const sections: { s: HtmlSection; body: string[] }[] = [];
  for (const s of HTML_SECTIONS) {
    const body: string[] = [];
    if (s.renderTo) s.renderTo(report, body);
    else body.push(s.render(report));
    if (!body.every(isBlank)) sections.push({ s, body });
  }
  const page: string[] = [
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Crosscheck report</title><style>${STYLE}${HTML_SECTIONS.map((s) => s.style ?? "").join("")}</style></head>
<body><header><h1>Crosscheck report</h1><nav>${sections.map(({ s }) => `<a href="#${s.id}">${esc(s.title)}</a>`).join("")}</nav></header>
<main>
`,
  ];
  for (let i = 0; i < sections.length; i++) {
    const { s, body } = sections[i]!;
    page.push(`${i > 0 ? "\n" : ""}<section id="${s.id}"><h2>${esc(s.title)}</h2>\n`);
    for (const piece of body) page.push(piece);
    page.push("\n</section>");
  }
  page.push(`
</main></body></html>
`);
  return page.join("");
}
