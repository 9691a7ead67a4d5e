import { displayPieces } from "../display.js";
import { esc } from "../escape.js";
import type { ArticleJSON, ReportJSON, SpanJSON } from "../report.js";

/**
 * The cleaned articles with their annotations highlighted. Entity, quote, time and garbled
 * spans may nest or overlap, so the text is cut at every span boundary into flat segments,
 * each carrying the classes of all spans covering it; removed boilerplate stays struck through.
 */

interface Mark {
  start: number;
  end: number;
  cls: string;
  title: string;
}

const NUMERIC = new Set(["MONEY", "PERCENT", "CARDINAL", "AGE", "QUANTITY", "ORDINAL"]);

function attr(span: SpanJSON, key: string): string | undefined {
  const v = span.attrs?.[key];
  return typeof v === "string" && v ? v : typeof v === "number" ? String(v) : undefined;
}

function marksOf(a: ArticleJSON): Mark[] {
  const marks: Mark[] = [];
  const add = (spans: SpanJSON[] | undefined, f: (s: SpanJSON) => Omit<Mark, "start" | "end">): void => {
    for (const s of spans ?? []) if (s.end > s.start) marks.push({ start: Math.max(0, s.start), end: Math.min(a.text.length, s.end), ...f(s) });
  };
  add(a.layers.entity, (s) => {
    const label = (s.label ?? "MISC").toUpperCase();
    const cls = ["PER", "ORG", "LOC", "MISC"].includes(label) ? label : NUMERIC.has(label) ? "NUM" : "MISC";
    return { cls: `ent ent-${cls}`, title: `entity ${label}` };
  });
  add(a.layers.quote, (s) => {
    const speaker = attr(s, "speaker");
    return { cls: "qt", title: `${s.label ?? "direct"} quote${speaker ? ` by ${speaker}` : ""}` };
  });
  add(a.layers.timex, (s) => {
    const value = attr(s, "value");
    return { cls: "tx", title: `time ${s.label ?? ""}${value ? ` = ${value}` : ""}`.replace(/\s+/g, " ") };
  });
  add(a.layers.garbled, (s) => ({ cls: "gb", title: `garbled: ${s.label ?? "unknown reason"}` }));
  return marks.sort((x, y) => x.start - y.start || y.end - x.end);
}

interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

/** Cuts [0, length) at every mark boundary; each segment lists the marks covering it. */
export function flatSegments(length: number, marks: Mark[]): Segment[] {
  const bounds = new Set<number>([0, length]);
  for (const m of marks) {
    bounds.add(m.start);
    bounds.add(m.end);
  }
  const cuts = [...bounds].filter((b) => b >= 0 && b <= length).sort((x, y) => x - y);
  const out: Segment[] = [];
  let active: Mark[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const s = cuts[i]!;
    const e = cuts[i + 1]!;
    active = active.filter((m) => m.end > s);
    while (next < marks.length && marks[next]!.start <= s) {
      if (marks[next]!.end > s) active.push(marks[next]!);
      next++;
    }
    out.push({ start: s, end: e, marks: [...active] });
  }
  return out;
}

const PARA = "\u0000";

function paragraphsOf(chunks: string[]): string {
  return chunks
    .join("")
    .split(PARA)
    .map((p) => p.trim())
    .filter((p) => p && !/^(<del[^>]*>\s*<\/del>|<span[^>]*>\s*<\/span>)$/.test(p))
    .map((p) => `<p>${p}</p>`)
    .join("\n");
}

/** Text cut at blank lines: each part wrapped on its own so no element crosses a paragraph. */
function wrapped(text: string, open: string, close: string, chunks: string[]): void {
  if (!text.includes("\n")) {
    if (text) chunks.push(open ? `${open}${esc(text)}${close}` : esc(text));
    return;
  }
  const parts = text.split(/\n[ \t\r\f\v]*\n\s*/);
  parts.forEach((part, i) => {
    if (i > 0) chunks.push(PARA);
    if (part) chunks.push(open ? `${open}${esc(part)}${close}` : esc(part));
  });
}

/** The opening tag for a segment: classes of all covering spans, their descriptions as the tooltip. */
function openTag(seg: Segment): string {
  if (seg.marks.length === 1) return `<span class="${esc(seg.marks[0]!.cls)}" title="${esc(seg.marks[0]!.title)}">`;
  const cls = [...new Set(seg.marks.flatMap((m) => m.cls.split(" ")))].join(" ");
  return `<span class="${esc(cls)}" title="${esc(seg.marks.map((m) => m.title).join("; "))}">`;
}

export function articleBodyHtml(a: ArticleJSON): string {
  const segments = flatSegments(a.text.length, marksOf(a));
  const chunks: string[] = [];
  let si = 0;
  for (const p of displayPieces(a)) {
    if (p.removed !== undefined) {
      const parts = p.text.split(/\n[ \t\r\f\v]*\n\s*/);
      parts.forEach((part, i) => {
        if (i > 0) chunks.push(PARA);
        if (part.trim()) chunks.push(`<del title="${esc(p.removed!)}">${esc(part)}</del>`);
      });
      chunks.push(`<span class="removed-reason"> [removed: ${esc(p.removed)}]</span> `);
      continue;
    }
    const start = p.cleanStart!;
    const end = start + p.text.length;
    while (si < segments.length && segments[si]!.end <= start) si++;
    for (let k = si; k < segments.length && segments[k]!.start < end; k++) {
      const seg = segments[k]!;
      const text = a.text.slice(Math.max(seg.start, start), Math.min(seg.end, end));
      if (seg.marks.length === 0) wrapped(text, "", "", chunks);
      else wrapped(text, openTag(seg), "</span>", chunks);
    }
  }
  return paragraphsOf(chunks);
}

export const ARTICLES_STYLE = `
.ent{border-radius:2px;padding:0 1px}.ent-PER{background:#dbeafe}.ent-ORG{background:#feebc8}.ent-LOC{background:#d8f3dc}
.ent-MISC{background:#ede9fe}.ent-NUM{background:#e2e8f0}
.qt{color:#22543d;font-style:italic}.tx{border-bottom:2px solid #805ad5}
.gb{text-decoration:underline wavy #e53e3e;text-decoration-skip-ink:none;background:#fff5f5}
article del{color:#a55;background:#fdf3f3;font-size:.92em}
.hl-legend span.k{padding:0 .3em;margin-right:.8rem;white-space:nowrap}
`;

const LEGEND: [layer: "entity" | "quote" | "timex" | "garbled", keys: string, name: string][] = [
  [
    "entity",
    `<span class="k ent ent-PER">person</span><span class="k ent ent-ORG">organisation</span><span class="k ent ent-LOC">place</span><span class="k ent ent-MISC">other name</span><span class="k ent ent-NUM">number, money, age</span>`,
    "entities",
  ],
  ["quote", `<span class="k qt">quote</span>`, "quotes"],
  ["timex", `<span class="k tx">time expression</span>`, "time expressions"],
  ["garbled", `<span class="k gb">garbled text</span>`, "garbled text"],
];

/** A key to the highlights actually used, and which layers this run did not annotate. */
function legend(r: ReportJSON): string {
  const has = (layer: "entity" | "quote" | "timex" | "garbled"): boolean => r.articles.some((a) => (a.layers[layer] ?? []).length > 0);
  const shown = LEGEND.filter(([l]) => has(l));
  const missing = LEGEND.filter(([l]) => !has(l)).map(([, , name]) => name);
  const keys = [...shown.map(([, k]) => k), `<span class="k"><del>removed text</del> <span class="removed-reason">[removed: why]</span></span>`];
  return `<p class="legend hl-legend">${keys.join("")}</p><p class="note">${shown.length ? "Hover over highlighted text for what was found. " : ""}${
    missing.length ? `Not annotated in this run: ${missing.join(", ")}.` : ""
  }</p>`;
}

export function articleHtml(a: ArticleJSON): string {
  return `<article id="article-${esc(a.id)}">
<h3>${esc(a.title ?? a.source.origin.split(/[\\/]/).pop() ?? a.source.origin)}</h3>
<p class="meta">${esc(a.source.name ?? "unknown source")} · ${esc(a.source.format)} · ${esc(a.source.origin)} ·
published ${a.published ? esc(`${a.published.value} (${a.published.how})`) : "unknown"} · ${a.stats.words} words ·
${a.stats.sentences} sentences · id <code>${esc(a.id)}</code>${a.integrity !== null && a.integrity !== undefined ? ` · text integrity ${a.integrity.toFixed(2)}` : ""}</p>
${articleBodyHtml(a)}
</article>`;
}

export function renderArticlesHtml(r: ReportJSON): string {
  if (r.articles.length === 0) return `<p class="note">No articles.</p>`;
  return `${legend(r)}\n${r.articles.map(articleHtml).join("\n")}`;
}
