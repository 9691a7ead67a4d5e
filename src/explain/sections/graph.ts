import type { GraphEdge, GraphNode } from "../../reconcile/graph.js";
import { clip, esc, mdEscape, oneLine } from "../escape.js";
import type { ArticleJSON, ReportJSON } from "../report.js";
import { outletName, storyGraph, storyGroups } from "./data.js";
import { forceLayout } from "./layout.js";

const W = 900;
const H = 540;
const MAX_NODES = 40;
const MAX_EDGES = 160;
const MAX_LISTED_LINKS = 12;

export const TYPE_COLOURS: Record<GraphNode["type"], string> = { PER: "#2b6cb0", ORG: "#c05621", LOC: "#2f855a" };
const TYPE_NAMES: Record<GraphNode["type"], string> = { PER: "person", ORG: "organisation", LOC: "place" };
const EVENT_COLOUR = "#b83280";

export const GRAPH_STYLE = `
.graph svg{width:100%;height:auto;border:1px solid #e2e8f0;border-radius:4px;background:#fcfcfd}
.graph text{font:12px system-ui,sans-serif;fill:#1a202c;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;font-size:.85rem;color:#444;margin:.4rem 0}
.legend .sw{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:-.1em;margin-right:.3em}
.legend .ln{display:inline-block;width:1.6em;height:0;border-top:2px solid #a0aec0;vertical-align:.25em;margin-right:.3em}
.links td.snip{color:#444;font-size:.85rem}.links td.nw{white-space:nowrap}
.note{color:#555;font-size:.9rem}
`;

function nodeRadius(salience: number, max: number): number {
  return 5 + 13 * Math.sqrt(max > 0 ? Math.max(0, salience) / max : 0);
}

function isEvent(e: GraphEdge): boolean {
  return e.kinds.some((k) => k.startsWith("event:"));
}

function describeKinds(e: GraphEdge): string {
  const co = e.kinds.includes("co-occurrence") ? ["same sentence"] : [];
  const ev = e.kinds.filter((k) => k.startsWith("event:")).map((k) => `event ${k.slice(6)}`);
  return [...co, ...ev].join(", ");
}

/** The story's graph drawn as inline SVG with a deterministic layout. */
export function graphSvg(nodes: GraphNode[], edges: GraphEdge[]): string {
  const ids = nodes.map((n) => n.id);
  const pos = forceLayout(ids, edges, { width: W, height: H, marginX: 120, marginY: 34, iterations: 300, seed: 7 });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const maxSal = Math.max(0, ...nodes.map((n) => n.salience));
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Entity graph: ${nodes.length} entities, ${edges.length} links">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${EVENT_COLOUR}"/></marker></defs>`,
  );
  // weakest first so strong links are drawn on top
  for (const e of [...edges].reverse()) {
    const a = pos.get(e.source)!;
    const b = pos.get(e.target)!;
    const ev = isEvent(e);
    const width = (1 + 3.5 * Math.sqrt(e.weight / maxW)).toFixed(1);
    let x2 = b.x;
    let y2 = b.y;
    if (ev) {
      // stop the arrow at the target's rim
      const r = nodeRadius(byId.get(e.target)!.salience, maxSal) + 2;
      const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      x2 = Math.round((b.x - ((b.x - a.x) / d) * r) * 10) / 10;
      y2 = Math.round((b.y - ((b.y - a.y) / d) * r) * 10) / 10;
    }
    const title = `${byId.get(e.source)!.name} – ${byId.get(e.target)!.name}: ${describeKinds(e)} (weight ${e.weight})`;
    parts.push(
      `<line x1="${a.x}" y1="${a.y}" x2="${x2}" y2="${y2}" stroke="${ev ? EVENT_COLOUR : "#a0aec0"}" stroke-opacity="${ev ? 0.85 : 0.6}" stroke-width="${width}"${ev ? ' marker-end="url(#arrow)"' : ""}><title>${esc(title)}</title></line>`,
    );
  }
  for (const n of nodes) {
    const p = pos.get(n.id)!;
    const r = nodeRadius(n.salience, maxSal);
    const right = p.x < W * 0.62;
    parts.push(
      `<g><title>${esc(`${n.name} (${TYPE_NAMES[n.type]}, salience ${n.salience.toFixed(2)})`)}</title>` +
        `<circle cx="${p.x}" cy="${p.y}" r="${r.toFixed(1)}" fill="${TYPE_COLOURS[n.type]}" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"/>` +
        `<text x="${(p.x + (right ? r + 4 : -r - 4)).toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="${right ? "start" : "end"}">${esc(clip(n.name, 28))}</text></g>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}

function legend(): string {
  const types = (Object.keys(TYPE_COLOURS) as GraphNode["type"][]).map(
    (t) => `<span><span class="sw" style="background:${TYPE_COLOURS[t]}"></span>${TYPE_NAMES[t]}</span>`,
  );
  return `<div class="legend">${types.join("")}<span><span class="ln"></span>mentioned in the same sentence</span><span><span class="ln" style="border-color:${EVENT_COLOUR}"></span>event (arrow: actor → target)</span><span>circle size: salience · line width: number of sentences/events</span></div>`;
}

function snippet(articles: Map<string, ArticleJSON>, c: { articleId: string; start: number; end: number }): string {
  const a = articles.get(c.articleId);
  const text = a ? clip(a.text.slice(c.start, c.end), 180) : "";
  return `<a href="#article-${esc(c.articleId)}">${esc(outletName(a, c.articleId))}</a>: ${esc(text)}`;
}

export function renderGraphHtml(report: ReportJSON): string {
  const groups = storyGroups(report).filter((g) => g.story);
  if (groups.length === 0) return `<p class="note">No stories were built, so there is no entity graph.</p>`;
  const articles = new Map(report.articles.map((a) => [a.id, a]));
  const multi = groups.length > 1;
  const out: string[] = [];
  for (const g of groups) {
    if (multi) out.push(`<h3>${esc(g.label)}</h3>`);
    const graph = storyGraph(g.story!);
    if (!graph || graph.nodes.length === 0) {
      out.push(`<p class="note">No people, organisations or places were found in this story${graph ? "" : " (the entity stage did not run)"}.</p>`);
      continue;
    }
    const nodes = graph.nodes.slice(0, MAX_NODES);
    const shown = new Set(nodes.map((n) => n.id));
    const edges = graph.edges.filter((e) => shown.has(e.source) && shown.has(e.target)).slice(0, MAX_EDGES);
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    const hidden = graph.nodes.length - nodes.length;
    out.push(`<div class="graph">`);
    out.push(
      `<p class="note">${graph.nodes.length} people, organisations and places; ${graph.edges.length} links.${hidden > 0 ? ` The ${nodes.length} most salient are drawn.` : ""} Hover over a circle or line for details.</p>`,
    );
    out.push(legend());
    out.push(graphSvg(nodes, edges));
    if (graph.edges.length) {
      out.push(`<h4>Strongest links</h4><table class="links"><thead><tr><th>between</th><th>how</th><th>weight</th><th>for example</th></tr></thead><tbody>`);
      for (const e of graph.edges.slice(0, MAX_LISTED_LINKS)) {
        const arrow = isEvent(e) ? " → " : " – ";
        out.push(
          `<tr><td>${esc(names.get(e.source) ?? e.source)}${arrow}${esc(names.get(e.target) ?? e.target)}</td><td class="nw">${esc(describeKinds(e))}</td><td>${e.weight}</td><td class="snip">${e.citations[0] ? snippet(articles, e.citations[0]) : ""}</td></tr>`,
        );
      }
      out.push(`</tbody></table>`);
    } else out.push(`<p class="note">No two of them are mentioned in the same sentence or linked by an event.</p>`);
    out.push(`</div>`);
  }
  return out.join("\n");
}

export function renderGraphMarkdown(report: ReportJSON): string {
  const out = ["## Entity graph", ""];
  const groups = storyGroups(report).filter((g) => g.story);
  if (groups.length === 0) return [...out, "No stories were built, so there is no entity graph."].join("\n");
  for (const g of groups) {
    if (groups.length > 1) out.push(`### ${mdEscape(g.label)}`, "");
    const graph = storyGraph(g.story!);
    if (!graph || graph.nodes.length === 0) {
      out.push("No people, organisations or places were found in this story.", "");
      continue;
    }
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    out.push(
      `Entities (by salience): ${graph.nodes
        .slice(0, MAX_NODES)
        .map((n) => `${mdEscape(oneLine(n.name))} (${n.type})`)
        .join(", ")}`,
      "",
    );
    if (graph.edges.length) {
      out.push("| between | how | weight |", "| --- | --- | --- |");
      for (const e of graph.edges.slice(0, 25))
        out.push(
          `| ${mdEscape(oneLine(names.get(e.source) ?? e.source))} ${isEvent(e) ? "→" : "–"} ${mdEscape(oneLine(names.get(e.target) ?? e.target))} | ${mdEscape(describeKinds(e))} | ${e.weight} |`,
        );
      out.push("");
    }
  }
  return out.join("\n").trimEnd();
}
