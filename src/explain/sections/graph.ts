import type { GraphEdge, GraphNode } from "../../reconcile/graph.js";
import { clip, esc, mdEscape, oneLine } from "../escape.js";
import type { ArticleJSON, ReportJSON } from "../report.js";
import { outletName, storyGraph, storyGroups } from "./data.js";
import { forceLayoutXY } from "./layout.js";
import { PieceRuns } from "../runs.js";
import { objectArray } from "../../util/arrays.js";

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
  const kinds = e.kinds;
  for (let i = 0; i < kinds.length; i++) if (kinds[i]!.startsWith("event:")) return true;
  return false;
}

/** "same sentence" for a co-occurrence, then each event code, comma-separated. */
function describeKinds(e: GraphEdge): string {
  const kinds = e.kinds;
  let out = kinds.includes("co-occurrence") ? "same sentence" : "";
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i]!;
    if (k.startsWith("event:")) out += `${out ? ", " : ""}event ${k.slice(6)}`;
  }
  return out;
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
  // (plain loops: the filter/map callbacks made this a large function to compile, once per report)
  const parent = new Map<string, string>();
  for (let i = 0; i < nodes.length; i++) parent.set(nodes[i]!.id, nodes[i]!.id);
  // (objectArray: lists of edges and nodes, empty or not, have one hidden class; see there)
  const candidates = objectArray<GraphEdge>();
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if (e.source !== e.target && parent.has(e.source) && parent.has(e.target)) candidates.push(e);
  }
  const picked = new Set<GraphEdge>();
  for (let i = 0; i < candidates.length; i++) {
    const e = candidates[i]!;
    const a = root(parent, e.source);
    const b = root(parent, e.target);
    if (a !== b) {
      parent.set(a, b);
      picked.add(e);
    }
  }
  for (let i = 0; i < candidates.length && picked.size < max; i++) if (isEvent(candidates[i]!)) picked.add(candidates[i]!);
  for (let i = 0; i < candidates.length && picked.size < max; i++) picked.add(candidates[i]!);
  const out = objectArray<GraphEdge>();
  for (let i = 0; i < candidates.length; i++) if (picked.has(candidates[i]!)) out.push(candidates[i]!);
  return out;
}

/** Pushes apart circles that overlap, a few passes, keeping them inside the box (x and y moved in place). */
function separate(x: Float64Array, y: Float64Array, rs: Float64Array): void {
  const n = x.length;
  for (let pass = 0; pass < 60; pass++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const ri = rs[i]!;
      for (let j = i + 1; j < n; j++) {
        const min = ri + rs[j]! + 6;
        let dx = x[j]! - x[i]!;
        let dy = y[j]! - y[i]!;
        const d2 = dx * dx + dy * dy;
        if (d2 >= min * min) continue;
        let d = Math.sqrt(d2);
        if (d < 1e-3) {
          dx = 1;
          dy = 0.5;
          d = Math.hypot(dx, dy);
        }
        const push = (min - d) / 2;
        x[i]! -= (dx / d) * push;
        y[i]! -= (dy / d) * push;
        x[j]! += (dx / d) * push;
        y[j]! += (dy / d) * push;
        moved = true;
      }
    }
    for (let i = 0; i < n; i++) {
      const r = rs[i]!;
      x[i] = Math.min(W - r - 2, Math.max(r + 2, x[i]!));
      y[i] = Math.min(H - r - 2, Math.max(r + 2, y[i]!));
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

const LABEL_ANCHORS = ["start", "end", "middle", "middle"];

/** Where the labels go: per node its text, or undefined when hidden, with its anchor point and kind. */
interface Labels {
  text: (string | undefined)[];
  x: Float64Array;
  y: Float64Array;
  anchor: Int8Array;
}

/**
 * The box of label place `o` (0 right, 1 left, 2 above, 3 below) of a label `w` wide beside a circle at
 * (px, py) of radius r, written to `box` as x0, y0, x1, y1.
 */
function labelBox(o: number, px: number, py: number, r: number, w: number, box: Float64Array): void {
  if (o === 0) {
    box[0] = px + r + 3;
    box[1] = py - LABEL_H / 2;
    box[2] = px + r + 5 + w;
    box[3] = py + LABEL_H / 2;
  } else if (o === 1) {
    box[0] = px - r - 5 - w;
    box[1] = py - LABEL_H / 2;
    box[2] = px - r - 3;
    box[3] = py + LABEL_H / 2;
  } else if (o === 2) {
    box[0] = px - w / 2;
    box[1] = py - r - 3 - LABEL_H;
    box[2] = px + w / 2;
    box[3] = py - r - 3;
  } else {
    box[0] = px - w / 2;
    box[1] = py + r + 2;
    box[2] = px + w / 2;
    box[3] = py + r + 3 + LABEL_H;
  }
}

/** Whether the box overlaps a taken box other than number `own` (boxes as x0, y0, x1, y1 runs). */
function boxTaken(taken: number[], own: number, box: Float64Array): boolean {
  const x0 = box[0]!;
  const y0 = box[1]!;
  const x1 = box[2]!;
  const y1 = box[3]!;
  for (let t = 0, b = 0; b < taken.length; t++, b += 4) {
    if (t === own) continue;
    if (taken[b]! < x1 && x0 < taken[b + 2]! && taken[b + 1]! < y1 && y0 < taken[b + 3]!) return true;
  }
  return false;
}

/** Labels, most salient first: each takes the first free place around its circle, else stays hidden (the tooltip has it). */
function placeLabels(nodes: GraphNode[], x: Float64Array, y: Float64Array, rad: Float64Array): Labels {
  const n = nodes.length;
  // taken boxes: the circles (box i is node i's), then each placed label
  const taken: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rad[i]!;
    taken.push(x[i]! - r, y[i]! - r, x[i]! + r, y[i]! + r);
  }
  const labels: Labels = { text: new Array<string | undefined>(n).fill(undefined), x: new Float64Array(n), y: new Float64Array(n), anchor: new Int8Array(n) };
  const box = new Float64Array(4);
  for (let rank = 0; rank < n; rank++) {
    const px = x[rank]!;
    const py = y[rank]!;
    const r = rad[rank]!;
    const text = clip(nodes[rank]!.name, 28);
    const w = text.length * LABEL_CHAR;
    let chosen = -1;
    let inside = -1;
    for (let o = 0; o < 4; o++) {
      labelBox(o, px, py, r, w, box);
      if (!(box[0]! >= 0 && box[2]! <= W && box[1]! >= 0 && box[3]! <= H)) continue;
      if (inside < 0) inside = o;
      if (!boxTaken(taken, rank, box)) {
        chosen = o;
        break;
      }
    }
    // no free place: the first one inside the picture, for the most salient
    if (chosen < 0 && rank < 8) chosen = inside;
    if (chosen < 0) continue;
    labelBox(chosen, px, py, r, w, box);
    taken.push(box[0]!, box[1]!, box[2]!, box[3]!);
    const lx = chosen === 0 ? px + r + 4 : chosen === 1 ? px - r - 4 : px;
    const ly = chosen === 0 || chosen === 1 ? py + 4 : chosen === 2 ? py - r - 4 : py + r + 13;
    labels.text[rank] = text;
    labels.x[rank] = Math.round(lx * 10) / 10;
    labels.y[rank] = Math.round(ly * 10) / 10;
    labels.anchor[rank] = chosen;
  }
  return labels;
}

/** The links as SVG lines, weakest first so strong links are drawn on top. */
function pushLines(nodes: GraphNode[], edges: GraphEdge[], index: Map<string, number>, x: Float64Array, y: Float64Array, rad: Float64Array, parts: string[]): void {
  let maxW = 1;
  for (const e of edges) maxW = Math.max(maxW, e.weight);
  for (let k = edges.length - 1; k >= 0; k--) {
    const e = edges[k]!;
    const s = index.get(e.source)!;
    const t = index.get(e.target)!;
    const ax = x[s]!;
    const ay = y[s]!;
    const bx = x[t]!;
    const by = y[t]!;
    const ev = isEvent(e);
    const width = (1 + 3.5 * Math.sqrt(e.weight / maxW)).toFixed(1);
    let x2 = bx;
    let y2 = by;
    if (ev) {
      // stop the arrow at the target's rim
      const r = rad[t]! + 2;
      const d = Math.hypot(bx - ax, by - ay) || 1;
      x2 = Math.round((bx - ((bx - ax) / d) * r) * 10) / 10;
      y2 = Math.round((by - ((by - ay) / d) * r) * 10) / 10;
    }
    const title = `${nodes[s]!.name} – ${nodes[t]!.name}: ${describeKinds(e)} (weight ${e.weight})`;
    parts.push(
      `<line x1="${ax}" y1="${ay}" x2="${x2}" y2="${y2}" stroke="${ev ? EVENT_COLOUR : "#a0aec0"}" stroke-opacity="${ev ? 0.85 : 0.55}" stroke-width="${width}"${ev ? ' marker-end="url(#arrow)"' : ""}><title>${esc(title)}</title></line>`,
    );
  }
}

/** The circles, then the labels (last, so no circle or line covers them). */
function pushNodes(nodes: GraphNode[], x: Float64Array, y: Float64Array, rad: Float64Array, labels: Labels, parts: string[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const nd = nodes[i]!;
    parts.push(
      `<g><title>${esc(`${nd.name} (${TYPE_NAMES[nd.type]}, salience ${nd.salience.toFixed(2)})`)}</title>` +
        `<circle cx="${x[i]!}" cy="${y[i]!}" r="${rad[i]!.toFixed(1)}" fill="${TYPE_COLOURS[nd.type]}" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"/></g>`,
    );
  }
  for (let i = 0; i < nodes.length; i++) {
    const text = labels.text[i];
    if (text !== undefined) parts.push(`<text x="${labels.x[i]!}" y="${labels.y[i]!}" text-anchor="${LABEL_ANCHORS[labels.anchor[i]!]!}">${esc(text)}</text>`);
  }
}

/** The story's graph drawn as inline SVG with a deterministic layout. */
export function graphSvg(nodes: GraphNode[], edges: GraphEdge[]): string {
  const n = nodes.length;
  const ids = nodes.map((nd) => nd.id);
  const { x, y } = forceLayoutXY(ids, edges, { width: W, height: H, marginX: 110, marginY: 30, iterations: layoutIterations(n), seed: 7 });
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(ids[i]!, i);
  let maxSal = 0;
  for (const nd of nodes) maxSal = Math.max(maxSal, nd.salience);
  const rad = new Float64Array(n);
  for (let i = 0; i < n; i++) rad[i] = nodeRadius(nodes[i]!.salience, maxSal);
  separate(x, y, rad);
  for (let i = 0; i < n; i++) {
    x[i] = Math.round(x[i]! * 10) / 10;
    y[i] = Math.round(y[i]! * 10) / 10;
  }
  const labels = placeLabels(nodes, x, y, rad);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Entity graph: ${nodes.length} entities, ${edges.length} links">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${EVENT_COLOUR}"/></marker></defs>`,
  );
  pushLines(nodes, edges, index, x, y, rad, parts);
  pushNodes(nodes, x, y, rad, labels, parts);
  parts.push("</svg>");
  return parts.join("\n");
}

let legendHtml: string | undefined;

/** The key to the drawing (the same for every story, so made once). */
function legend(): string {
  return (legendHtml ??= legendOnce());
}

function legendOnce(): string {
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

/** The strongest links of a story as table rows. */
function pushLinkRows(allNodes: GraphNode[], allEdges: GraphEdge[], articles: Map<string, ArticleJSON>, out: string[]): void {
  const names = new Map<string, string>();
  for (let i = 0; i < allNodes.length; i++) names.set(allNodes[i]!.id, allNodes[i]!.name);
  const shown = Math.min(allEdges.length, MAX_LISTED_LINKS);
  for (let k = 0; k < shown; k++) {
    const e = allEdges[k]!;
    const arrow = isEvent(e) ? " → " : " – ";
    out.push(
      `<tr><td>${esc(names.get(e.source) ?? e.source)}${arrow}${esc(names.get(e.target) ?? e.target)}</td><td class="nw">${esc(describeKinds(e))}</td><td>${e.weight}</td><td class="snip">${e.citations[0] ? snippet(articles, e.citations[0]) : ""}</td></tr>`,
    );
  }
}

/** One story's graph: the note, the drawing, the unlinked entities and the strongest links. */
function pushStoryGraph(allNodes: GraphNode[], allEdges: GraphEdge[], articles: Map<string, ArticleJSON>, out: string[]): void {
  const linked = new Set<string>();
  for (let i = 0; i < allEdges.length; i++) {
    linked.add(allEdges[i]!.source);
    linked.add(allEdges[i]!.target);
  }
  const nodes = objectArray<GraphNode>();
  const isolated = objectArray<GraphNode>();
  for (let i = 0; i < allNodes.length; i++) {
    const n = allNodes[i]!;
    if (!linked.has(n.id)) isolated.push(n);
    else if (nodes.length < MAX_NODES) nodes.push(n);
  }
  const edges = drawnEdges(nodes, allEdges, Math.round(nodes.length * 2.2));
  const hidden = allNodes.length - nodes.length - isolated.length;
  out.push(`<div class="graph">`);
  out.push(
    `<p class="note">${allNodes.length} people, organisations and places; ${allEdges.length} links. ${
      hidden > 0 || edges.length < allEdges.length
        ? `Drawn: the ${nodes.length} most salient linked ones and ${edges.length} of their links (the strongest that keep each one attached, events first).`
        : ""
    } Hover over a circle or line for details.</p>`,
  );
  out.push(legend());
  if (nodes.length) out.push(graphSvg(nodes, edges));
  if (isolated.length) {
    const listed: string[] = [];
    for (let i = 0; i < isolated.length && i < 30; i++) listed.push(esc(isolated[i]!.name));
    out.push(`<p class="note">Not linked to any other: ${listed.join(", ")}${isolated.length > 30 ? ` and ${isolated.length - 30} more` : ""}.</p>`);
  }
  if (allEdges.length) {
    out.push(`<h4>Strongest links</h4><table class="links"><thead><tr><th>between</th><th>how</th><th>weight</th><th>for example</th></tr></thead><tbody>`);
    pushLinkRows(allNodes, allEdges, articles, out);
    out.push(`</tbody></table>`);
  } else out.push(`<p class="note">No two of them are mentioned in the same sentence or linked by an event.</p>`);
  out.push(`</div>`);
}

export function renderGraphHtml(report: ReportJSON): string {
  const out: string[] = [];
  renderGraphHtmlTo(report, out);
  return out.join("");
}

/** `renderGraphHtml(report)` as pieces pushed to `out`. */
export function renderGraphHtmlTo(report: ReportJSON, out: string[]): void {
  const groups = storyGroups(report).filter((g) => g.story);
  if (groups.length === 0) {
    out.push(`<p class="note">No stories were built, so there is no entity graph.</p>`);
    return;
  }
  const articles = new Map(report.articles.map((a) => [a.id, a]));
  const multi = groups.length > 1;
  // (the pieces of each story are separated by newlines, as joining them with "\n" would)
  const pieces: string[] = [];
  const runs = new PieceRuns(pieces, "\n");
  for (const g of groups) {
    runs.check();
    if (multi) pieces.push(`<h3>${esc(g.label)}</h3>`);
    const graph = storyGraph(g.story!);
    if (!graph || graph.nodes.length === 0) {
      pieces.push(`<p class="note">No people, organisations or places were found in this story${graph ? "" : " (the entity stage did not run)"}.</p>`);
      continue;
    }
    pushStoryGraph(graph.nodes, graph.edges, articles, pieces);
  }
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) out.push("\n");
    out.push(pieces[i]!);
  }
}

/** One story's graph as Markdown lines pushed to `out`: the entities by salience, then the strongest links. */
function pushGraphMarkdown(allNodes: GraphNode[], allEdges: GraphEdge[], out: string[]): void {
  const names = new Map<string, string>();
  for (let i = 0; i < allNodes.length; i++) names.set(allNodes[i]!.id, allNodes[i]!.name);
  const listed: string[] = [];
  for (let i = 0; i < allNodes.length && i < MAX_NODES; i++) listed.push(`${mdEscape(oneLine(allNodes[i]!.name))} (${allNodes[i]!.type})`);
  out.push(`Entities (by salience): ${listed.join(", ")}`, "");
  if (allEdges.length) {
    out.push("| between | how | weight |", "| --- | --- | --- |");
    for (let k = 0; k < allEdges.length && k < 25; k++) out.push(linkMarkdown(allEdges[k]!, names));
    out.push("");
  }
}

function linkMarkdown(e: GraphEdge, names: Map<string, string>): string {
  return `| ${mdEscape(oneLine(names.get(e.source) ?? e.source))} ${isEvent(e) ? "→" : "–"} ${mdEscape(oneLine(names.get(e.target) ?? e.target))} | ${mdEscape(describeKinds(e))} | ${e.weight} |`;
}

export function renderGraphMarkdown(report: ReportJSON): string {
  const out = ["## Entity graph", ""];
  const groups = storyGroups(report).filter((g) => g.story);
  if (groups.length === 0) return [...out, "No stories were built, so there is no entity graph."].join("\n");
  const runs = new PieceRuns(out, "\n");
  for (const g of groups) {
    runs.check();
    if (groups.length > 1) out.push(`### ${mdEscape(g.label)}`, "");
    const graph = storyGraph(g.story!);
    if (!graph || graph.nodes.length === 0) {
      out.push("No people, organisations or places were found in this story.", "");
      continue;
    }
    pushGraphMarkdown(graph.nodes, graph.edges, out);
  }
  return out.join("\n").trimEnd();
}
