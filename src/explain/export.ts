import { type EntityGraph, entityId } from "../reconcile/graph.js";
import type { ReportJSON } from "./report.js";
import { type ClaimJSON, type EventJSON, outletName, storyArray, storyGraph } from "./sections/data.js";

/**
 * Exports of a report for other tools: claims and events as CSV (RFC 4180: comma-separated,
 * CRLF line ends, fields with a comma, quote or line break in double quotes with quotes doubled),
 * and the entity graphs as GraphML.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** One CSV field, quoted when it has to be (RFC 4180). */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export const CLAIMS_CSV_HEADER = ["story_id", "claim_id", "kind", "attributed_to", "text", "support_count", "articles", "outlets", "conflicts", "unique"] as const;

/** "slot: value (article, article) vs value (article)", conflicts joined by " | ". */
function conflictsText(c: ClaimJSON): string {
  return (c.conflicts ?? [])
    .map((k) => `${k.slot}: ${(k.values ?? []).map((v) => `${v.value} (${(v.articles ?? []).join(" ")})`).join(" vs ")}`)
    .join(" | ");
}

/** One row per claim of every story. */
export function claimsCsv(report: ReportJSON): string {
  const byId = new Map(report.articles.map((a) => [a.id, a]));
  const rows: CsvValue[][] = [];
  for (const story of report.stories) {
    for (const [i, c] of (storyArray<ClaimJSON>(story, "claims") ?? []).entries()) {
      const ids = [...new Set((c.support ?? []).map((s) => s.articleId))];
      rows.push([
        story.id,
        c.id ?? `${story.id}-c${i + 1}`,
        c.kind ?? "fact",
        c.attributedTo ?? "",
        c.text,
        typeof c.sources === "number" ? c.sources : ids.length,
        ids.join(" "),
        [...new Set(ids.map((id) => outletName(byId.get(id), id)))].join("; "),
        conflictsText(c),
        c.unique === true,
      ]);
    }
  }
  return toCsv(CLAIMS_CSV_HEADER, rows);
}

export const EVENTS_CSV_HEADER = [
  "story_id",
  "code",
  "root",
  "name",
  "source",
  "source_entity",
  "target",
  "target_entity",
  "place",
  "time",
  "support_count",
  "articles",
  "citations",
] as const;

/** One row per event record of every story; citations as "articleId:start-end". */
export function eventsCsv(report: ReportJSON): string {
  const rows: CsvValue[][] = [];
  for (const story of report.stories) {
    for (const e of storyArray<EventJSON>(story, "events") ?? []) {
      const cites = e.citations ?? [];
      const ids = [...new Set(cites.map((c) => c.articleId))];
      const place = typeof e.place === "string" ? e.place : e.place?.text;
      rows.push([
        story.id,
        e.code,
        e.root ?? (/^\d{3,4}$/.test(e.code) ? e.code.slice(0, 2) : ""),
        e.name ?? "",
        e.source?.text ?? "",
        entityId(e.source?.entity) ?? "",
        e.target?.text ?? "",
        entityId(e.target?.entity) ?? "",
        place ?? "",
        e.time?.value ?? "",
        ids.length,
        ids.join(" "),
        cites.map((c) => `${c.articleId}:${c.start}-${c.end}`).join(" "),
      ]);
    }
  }
  return toCsv(EVENTS_CSV_HEADER, rows);
}

/** Text for XML content/attributes: escaped, with characters XML 1.0 forbids removed. */
export function xmlEsc(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- removing the control characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/**
 * The entity graph of every story as one GraphML document: a <graph> per story, node ids
 * prefixed with the story id (GraphML ids are document-wide). Edges carrying an event are
 * directed (actor → target); co-occurrence-only edges are undirected.
 */
export function entitiesGraphml(report: ReportJSON): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`,
    `  <key id="label" for="graph" attr.name="label" attr.type="string"/>`,
    `  <key id="name" for="node" attr.name="name" attr.type="string"/>`,
    `  <key id="type" for="node" attr.name="type" attr.type="string"/>`,
    `  <key id="salience" for="node" attr.name="salience" attr.type="double"/>`,
    `  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>`,
    `  <key id="kinds" for="edge" attr.name="kinds" attr.type="string"/>`,
    `  <key id="citations" for="edge" attr.name="citations" attr.type="string"/>`,
  ];
  for (const story of report.stories) {
    const graph: EntityGraph | undefined = storyGraph(story);
    if (!graph) continue;
    const sid = xmlEsc(story.id);
    const nid = (id: string): string => xmlEsc(`${story.id}:${id}`);
    out.push(`  <graph id="${sid}" edgedefault="undirected">`, `    <data key="label">${xmlEsc(story.label)}</data>`);
    const known = new Set<string>();
    for (const n of graph.nodes) {
      if (known.has(n.id)) continue;
      known.add(n.id);
      out.push(
        `    <node id="${nid(n.id)}"><data key="name">${xmlEsc(n.name)}</data><data key="type">${xmlEsc(n.type)}</data><data key="salience">${Number.isFinite(n.salience) ? n.salience : 0}</data></node>`,
      );
    }
    graph.edges.forEach((e, i) => {
      if (!known.has(e.source) || !known.has(e.target)) return;
      const directed = e.kinds.some((k) => k.startsWith("event:"));
      out.push(
        `    <edge id="${xmlEsc(`${story.id}:e${i}`)}" source="${nid(e.source)}" target="${nid(e.target)}"${directed ? ' directed="true"' : ""}><data key="weight">${e.weight}</data><data key="kinds">${xmlEsc(e.kinds.join(" "))}</data><data key="citations">${xmlEsc(e.citations.map((c) => `${c.articleId}:${c.start}-${c.end}`).join(" "))}</data></edge>`,
      );
    });
    out.push(`  </graph>`);
  }
  out.push(`</graphml>`, "");
  return out.join("\n");
}
