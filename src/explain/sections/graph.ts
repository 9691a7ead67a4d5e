import type { GraphEdge, GraphNode } from "../../reconcile/graph.js";
import { clip, esc, mdEscape, oneLine } from "../escape.js";
import type { ArticleJSON, ReportJSON } from "../report.js";
import { outletName, storyGraph, storyGroups } from "./data.js";
import { forceLayout } from "./layout.js";

const W = 900;
const H = 540;
const MAX_NODES = 40;
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

/** Union-find root with path halving. */
function root(parent: Map<string, string>, x: string): string {
  let r = x;
  while (parent.get(r) !== r) {
    const up = parent.get(parent.get(r)!)!;
    parent.set(r, up);
    r = up;
  }
  return r;
}

/**
 * The links worth drawing among the shown nodes: a maximum spanning forest (so every linked node
 * stays attached by its strongest links), then event links, then the strongest others, up to `max`.
 */
export function drawnEdges(nodes: GraphNode[], edges: GraphEdge[], max: number): GraphEdge[] {
  const shown = new Set(nodes.map((n) => n.id));
  const candidates = edges.filter((e) => shown.has(e.source) && shown.has(e.target) && e.source !== e.target);
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const picked = new Set<GraphEdge>();
  for (const e of candidates) {
    const a = root(parent, e.source);
    const b = root(parent, e.target);
    if (a !== b) {
      parent.set(a, b);
      picked.add(e);
    }
  }
  for (const e of candidates) if (picked.size < max && isEvent(e)) picked.add(e);
  for (const e of candidates) if (picked.size < max) picked.add(e);
  return candidates.filter((e) => picked.has(e));
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Pushes apart circles that overlap, a few passes, keeping them inside the box. */
function separate(ids: string[], pos: Map<string, { x: number; y: number }>, radius: Map<string, number>): void {
  // the points themselves (moved in place) and radii, looked up once
  const pts = ids.map((id) => pos.get(id)!);
  const rs = ids.map((id) => radius.get(id)!);
  for (let pass = 0; pass < 60; pass++) {
    let moved = false;
    for (let i = 0; i < ids.length; i++) {
      const p = pts[i]!;
      const ri = rs[i]!;
      for (let j = i + 1; j < ids.length; j++) {
        const q = pts[j]!;
        const min = ri + rs[j]! + 6;
        let dx = q.x - p.x;
        let dy = q.y - p.y;
        const d2 = dx * dx + dy * dy;
        if (d2 >= min * min) continue;
        let d = Math.sqrt(d2);
        if (d < 1e-3) {
          dx = 1;
          dy = 0.5;
          d = Math.hypot(dx, dy);
        }
        const push = (min - d) / 2;
        p.x -= (dx / d) * push;
        p.y -= (dy / d) * push;
        q.x += (dx / d) * push;
        q.y += (dy / d) * push;
        moved = true;
      }
    }
    for (let i = 0; i < ids.length; i++) {
      const p = pts[i]!;
      const r = rs[i]!;
      p.x = Math.min(W - r - 2, Math.max(r + 2, p.x));
      p.y = Math.min(H - r - 2, Math.max(r + 2, p.y));
    }
    if (!moved) break;
  }
}

/**
 * Iterations of the force layout: 400 for small graphs, fewer for large ones (the pairwise repulsion
 * costs n² per iteration), never under 150 — enough for 40 nodes to settle, at a third of the cost.
 */
export function layoutIterations(n: number): number {
  return Math.max(150, Math.min(400, Math.round(400 * (16 / Math.max(n, 1)) ** 2)));
}

const LABEL_CHAR = 6.8;
const LABEL_H = 14;

/** The story's graph drawn as inline SVG with a deterministic layout. */
export function graphSvg(nodes: GraphNode[], edges: GraphEdge[]): string {
  const ids = nodes.map((n) => n.id);
  const raw = forceLayout(ids, edges, { width: W, height: H, marginX: 110, marginY: 30, iterations: layoutIterations(ids.length), seed: 7 });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const maxSal = Math.max(0, ...nodes.map((n) => n.salience));
  const radius = new Map(nodes.map((n) => [n.id, nodeRadius(n.salience, maxSal)]));
  const pos = new Map([...raw].map(([id, p]) => [id, { x: p.x, y: p.y }]));
  separate(ids, pos, radius);
  for (const p of pos.values()) {
    p.x = Math.round(p.x * 10) / 10;
    p.y = Math.round(p.y * 10) / 10;
  }
  const maxW = Math.max(1, ...edges.map((e) => e.weight));

  // labels: most salient first; each takes the first free place around its circle, else stays hidden (the tooltip has it)
  const taken: Box[] = nodes.map((n) => {
    const p = pos.get(n.id)!;
    const r = radius.get(n.id)!;
    return { x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r };
  });
  const labels = new Map<string, { x: number; y: number; anchor: string; text: string }>();
  nodes.forEach((n, rank) => {
    const p = pos.get(n.id)!;
    const r = radius.get(n.id)!;
    const text = clip(n.name, 28);
    const w = text.length * LABEL_CHAR;
    const options = [
      { x: p.x + r + 4, y: p.y + 4, anchor: "start", box: { x0: p.x + r + 3, y0: p.y - LABEL_H / 2, x1: p.x + r + 5 + w, y1: p.y + LABEL_H / 2 } },
      { x: p.x - r - 4, y: p.y + 4, anchor: "end", box: { x0: p.x - r - 5 - w, y0: p.y - LABEL_H / 2, x1: p.x - r - 3, y1: p.y + LABEL_H / 2 } },
      { x: p.x, y: p.y - r - 4, anchor: "middle", box: { x0: p.x - w / 2, y0: p.y - r - 3 - LABEL_H, x1: p.x + w / 2, y1: p.y - r - 3 } },
      { x: p.x, y: p.y + r + 13, anchor: "middle", box: { x0: p.x - w / 2, y0: p.y + r + 2, x1: p.x + w / 2, y1: p.y + r + 3 + LABEL_H } },
    ];
    const inside = (b: Box): boolean => b.x0 >= 0 && b.x1 <= W && b.y0 >= 0 && b.y1 <= H;
    const own = taken[rank]!;
    const free = options.find((o) => inside(o.box) && !taken.some((t) => t !== own && overlaps(t, o.box)));
    const choice = free ?? (rank < 8 ? options.find((o) => inside(o.box)) : undefined);
    if (!choice) return;
    taken.push(choice.box);
    labels.set(n.id, { x: Math.round(choice.x * 10) / 10, y: Math.round(choice.y * 10) / 10, anchor: choice.anchor, text });
  });

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Entity graph: ${nodes.length} entities, ${edges.length} links">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${EVENT_COLOUR}"/></marker></defs>`,
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
      const r = radius.get(e.target)! + 2;
      const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      x2 = Math.round((b.x - ((b.x - a.x) / d) * r) * 10) / 10;
      y2 = Math.round((b.y - ((b.y - a.y) / d) * r) * 10) / 10;
    }
    const title = `${byId.get(e.source)!.name} – ${byId.get(e.target)!.name}: ${describeKinds(e)} (weight ${e.weight})`;
    parts.push(
      `<line x1="${a.x}" y1="${a.y}" x2="${x2}" y2="${y2}" stroke="${ev ? EVENT_COLOUR : "#a0aec0"}" stroke-opacity="${ev ? 0.85 : 0.55}" stroke-width="${width}"${ev ? ' marker-end="url(#arrow)"' : ""}><title>${esc(title)}</title></line>`,
    );
  }
  for (const n of nodes) {
    const p = pos.get(n.id)!;
    parts.push(
      `<g><title>${esc(`${n.name} (${TYPE_NAMES[n.type]}, salience ${n.salience.toFixed(2)})`)}</title>` +
        `<circle cx="${p.x}" cy="${p.y}" r="${radius.get(n.id)!.toFixed(1)}" fill="${TYPE_COLOURS[n.type]}" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"/></g>`,
    );
  }
  // labels last, so no circle or line covers them
  for (const n of nodes) {
    const l = labels.get(n.id);
    if (l) parts.push(`<text x="${l.x}" y="${l.y}" text-anchor="${l.anchor}">${esc(l.text)}</text>`);
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
    const linked = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
    const nodes = graph.nodes.filter((n) => linked.has(n.id)).slice(0, MAX_NODES);
    const isolated = graph.nodes.filter((n) => !linked.has(n.id));
    const edges = drawnEdges(nodes, graph.edges, Math.round(nodes.length * 2.2));
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    const hidden = graph.nodes.length - nodes.length - isolated.length;
    out.push(`<div class="graph">`);
    out.push(
      `<p class="note">${graph.nodes.length} people, organisations and places; ${graph.edges.length} links. ${
        hidden > 0 || edges.length < graph.edges.length
          ? `Drawn: the ${nodes.length} most salient linked ones and ${edges.length} of their links (the strongest that keep each one attached, events first).`
          : ""
      } Hover over a circle or line for details.</p>`,
    );
    out.push(legend());
    if (nodes.length) out.push(graphSvg(nodes, edges));
    if (isolated.length)
      out.push(`<p class="note">Not linked to any other: ${isolated.slice(0, 30).map((n) => esc(n.name)).join(", ")}${isolated.length > 30 ? ` and ${isolated.length - 30} more` : ""}.</p>`);
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
