import { displayPieces } from "../display.js";
import { PieceRuns } from "../runs.js";
import { esc } from "../escape.js";
import type { ArticleJSON, ReportJSON, SpanJSON } from "../report.js";
import { isBlank } from "../../util/chars.js";

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
  /** The opening tag of a segment this mark alone covers (made when first needed). */
  tag?: string;
}

const NUMERIC = new Set(["MONEY", "PERCENT", "CARDINAL", "AGE", "QUANTITY", "ORDINAL"]);

function attr(span: SpanJSON, key: string): string | undefined {
  const v = span.attrs?.[key];
  return typeof v === "string" && v ? v : typeof v === "number" ? String(v) : undefined;
}

/** Class and title of an entity mark, by label (a handful of labels, many thousand spans). */
const entityLook = new Map<string | undefined, { cls: string; title: string }>();

function entityMark(label0: string | undefined): { cls: string; title: string } {
  let look = entityLook.get(label0);
  if (!look) {
    const label = (label0 ?? "MISC").toUpperCase();
    const cls = ["PER", "ORG", "LOC", "MISC"].includes(label) ? label : NUMERIC.has(label) ? "NUM" : "MISC";
    entityLook.set(label0, (look = { cls: `ent ent-${cls}`, title: `entity ${label}` }));
  }
  return look;
}

function pushMark(marks: Mark[], a: ArticleJSON, s: SpanJSON, cls: string, title: string): void {
  marks.push({ start: Math.max(0, s.start), end: Math.min(a.text.length, s.end), cls, title, tag: undefined });
}

// one function per layer: each sees the span shapes of one annotator, and is compiled (and, when a new
// shape turns up, recompiled) on its own
function entityMarks(a: ArticleJSON, spans: SpanJSON[], marks: Mark[]): void {
  for (const s of spans)
    if (s.end > s.start) {
      const look = entityMark(s.label);
      pushMark(marks, a, s, look.cls, look.title);
    }
}

function quoteMarks(a: ArticleJSON, spans: SpanJSON[], marks: Mark[]): void {
  for (const s of spans)
    if (s.end > s.start) {
      const speaker = attr(s, "speaker");
      pushMark(marks, a, s, "qt", `${s.label ?? "direct"} quote${speaker ? ` by ${speaker}` : ""}`);
    }
}

function timexMarks(a: ArticleJSON, spans: SpanJSON[], marks: Mark[]): void {
  for (const s of spans)
    if (s.end > s.start) {
      const value = attr(s, "value");
      pushMark(marks, a, s, "tx", `time ${s.label ?? ""}${value ? ` = ${value}` : ""}`.replace(/\s+/g, " "));
    }
}

function garbledMarks(a: ArticleJSON, spans: SpanJSON[], marks: Mark[]): void {
  for (const s of spans) if (s.end > s.start) pushMark(marks, a, s, "gb", `garbled: ${s.label ?? "unknown reason"}`);
}

const byStartThenLongest = (x: Mark, y: Mark): number => x.start - y.start || y.end - x.end;

function marksOf(a: ArticleJSON): Mark[] {
  const marks: Mark[] = [];
  if (a.layers.entity) entityMarks(a, a.layers.entity, marks);
  if (a.layers.quote) quoteMarks(a, a.layers.quote, marks);
  if (a.layers.timex) timexMarks(a, a.layers.timex, marks);
  if (a.layers.garbled) garbledMarks(a, a.layers.garbled, marks);
  return marks.sort(byStartThenLongest);
}

interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

/** The cut points of [0, length): 0, length and every mark boundary inside, ascending, each once. */
function cutPoints(length: number, marks: Mark[]): Float64Array {
  const all = new Float64Array(2 * marks.length + 2);
  let n = 0;
  all[n++] = 0;
  all[n++] = length;
  for (const m of marks) {
    if (m.start >= 0 && m.start <= length) all[n++] = m.start;
    if (m.end >= 0 && m.end <= length) all[n++] = m.end;
  }
  const sorted = all.subarray(0, n).sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i]!;
  return sorted.subarray(0, k);
}

/** Cuts [0, length) at every mark boundary; each segment lists the marks covering it. */
export function flatSegments(length: number, marks: Mark[]): Segment[] {
  const cuts = cutPoints(length, marks);
  const out: Segment[] = [];
  const active: Mark[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const s = cuts[i]!;
    next = advance(active, marks, next, s);
    out.push({ start: s, end: cuts[i + 1]!, marks: active.slice() });
  }
  return out;
}

/** Moves the active marks to cut `s`: drops those ended, adds those begun (in order); returns the next mark to add. */
function advance(active: Mark[], marks: Mark[], next: number, s: number): number {
  let k = 0;
  for (let j = 0; j < active.length; j++) if (active[j]!.end > s) active[k++] = active[j]!;
  active.length = k;
  while (next < marks.length && marks[next]!.start <= s) {
    if (marks[next]!.end > s) active.push(marks[next]!);
    next++;
  }
  return next;
}

const PARA = "\u0000";
const EMPTY_ELEMENT = /^(<del[^>]*>\s*<\/del>|<span[^>]*>\s*<\/span>)$/;

function paragraphsOf(chunks: string[]): string {
  return chunks
    .join("")
    .split(PARA)
    .map((p) => p.trim())
    .filter((p) => p && !EMPTY_ELEMENT.test(p))
    .map((p) => `<p>${p}</p>`)
    .join("\n");
}


/**
 * What `paragraphsOf(chunks)` gives, pushed to `out` without joining the whole text first: the chunks
 * between PARA markers are a paragraph, trimmed at its ends, dropped when empty or a lone element
 * holding only spaces, wrapped in <p> and separated by newlines. Chunks must not contain PARA.
 */
function pushParagraphs(chunks: string[], out: string[]): void {
  let first = true;
  let from = 0;
  for (let to = 0; to <= chunks.length; to++) {
    if (to < chunks.length && chunks[to] !== PARA) continue;
    let i = from;
    let j = to - 1;
    from = to + 1;
    while (i <= j && isBlank(chunks[i]!)) i++;
    while (j >= i && isBlank(chunks[j]!)) j--;
    if (i > j) continue;
    if (i === j) {
      // (a lone element holding only spaces is dropped; no element chunk starts or ends with a space
      // unless it is one of those, and text chunks hold no "<")
      const p = chunks[i]!.trim();
      if (EMPTY_ELEMENT.test(p)) continue;
      out.push(first ? "<p>" : "\n<p>", p, "</p>");
    } else {
      out.push(first ? "<p>" : "\n<p>", chunks[i]!.trimStart());
      for (let k = i + 1; k < j; k++) out.push(chunks[k]!);
      out.push(chunks[j]!.trimEnd(), "</p>");
    }
    first = false;
  }
}

const BLANK_LINES = /\n[ \t\r\f\v]*\n\s*/;

/** Text cut at blank lines: each part wrapped on its own so no element crosses a paragraph. */
function wrapped(text: string, open: string, close: string, chunks: string[]): void {
  if (!text.includes("\n")) {
    if (text) chunks.push(open ? `${open}${esc(text)}${close}` : esc(text));
    return;
  }
  const parts = text.split(BLANK_LINES);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i > 0) chunks.push(PARA);
    if (part) chunks.push(open ? `${open}${esc(part)}${close}` : esc(part));
  }
}

/** The opening tag for a segment: classes of all covering spans, their descriptions as the tooltip. */
function openTag(marks: Mark[]): string {
  if (marks.length === 1) {
    const m = marks[0]!;
    return (m.tag ??= `<span class="${esc(m.cls)}" title="${esc(m.title)}">`);
  }
  // the classes of all, each once in order of first use; the titles of all
  const classes: string[] = [];
  const titles: string[] = [];
  for (const m of marks) {
    for (const c of m.cls.split(" ")) if (!classes.includes(c)) classes.push(c);
    titles.push(m.title);
  }
  return `<span class="${esc(classes.join(" "))}" title="${esc(titles.join("; "))}">`;
}

/**
 * The highlighted body's chunks, with PARA between paragraphs; `marked` is set when some chunk holds
 * PARA within it (from the text, a removal's reason or a tooltip), where only the joined text cuts right.
 */
function bodyChunks(a: ArticleJSON, marked: { within: boolean }): string[] {
  marked.within = a.text.includes(PARA) || a.raw.includes(PARA);
  const marks = marksOf(a);
  const cuts = cutPoints(a.text.length, marks);
  // the opening tag of each segment [cuts[k], cuts[k + 1]) ("" when no mark covers it)
  const tags: string[] = [];
  const active: Mark[] = [];
  let next = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    next = advance(active, marks, next, cuts[k]!);
    const tag = active.length === 0 ? "" : openTag(active);
    if (tag !== tags[tags.length - 1] && tag.includes(PARA)) marked.within = true;
    tags.push(tag);
  }
  const chunks: string[] = [];
  let si = 0;
  for (const p of displayPieces(a)) {
    if (p.removed !== undefined) {
      const parts = p.text.split(BLANK_LINES);
      const title = esc(p.removed);
      if (title.includes(PARA)) marked.within = true;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        if (i > 0) chunks.push(PARA);
        if (part.trim()) chunks.push(`<del title="${title}">${esc(part)}</del>`);
      }
      chunks.push(`<span class="removed-reason"> [removed: ${title}]</span> `);
      continue;
    }
    const start = p.cleanStart!;
    const end = start + p.text.length;
    while (si < tags.length && cuts[si + 1]! <= start) si++;
    for (let k = si; k < tags.length && cuts[k]! < end; k++) {
      const text = a.text.slice(Math.max(cuts[k]!, start), Math.min(cuts[k + 1]!, end));
      const tag = tags[k]!;
      if (tag === "") wrapped(text, "", "", chunks);
      else wrapped(text, tag, "</span>", chunks);
    }
  }
  return chunks;
}

export function articleBodyHtml(a: ArticleJSON): string {
  return paragraphsOf(bodyChunks(a, { within: false }));
}

/** `articleBodyHtml(a)` pushed to `out`. */
function pushArticleBody(a: ArticleJSON, out: string[]): void {
  const marked = { within: false };
  const chunks = bodyChunks(a, marked);
  if (marked.within) out.push(paragraphsOf(chunks));
  else pushParagraphs(chunks, out);
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

function articleHead(a: ArticleJSON): string {
  return `<article id="article-${esc(a.id)}">
<h3>${esc(a.title ?? a.source.origin.split(/[\\/]/).pop() ?? a.source.origin)}</h3>
<p class="meta">${esc(a.source.name ?? "unknown source")} · ${esc(a.source.format)} · ${esc(a.source.origin)} ·
published ${a.published ? esc(`${a.published.value} (${a.published.how})`) : "unknown"} · ${a.stats.words} words ·
${a.stats.sentences} sentences · id <code>${esc(a.id)}</code>${a.integrity !== null && a.integrity !== undefined ? ` · text integrity ${a.integrity.toFixed(2)}` : ""}</p>
`;
}

export function articleHtml(a: ArticleJSON): string {
  return `${articleHead(a)}${articleBodyHtml(a)}
</article>`;
}

export function renderArticlesHtml(r: ReportJSON): string {
  // one array for the whole section, joined once
  const out: string[] = [];
  renderArticlesHtmlTo(r, out);
  return out.join("");
}

/** `renderArticlesHtml(r)` as pieces pushed to `out`. */
export function renderArticlesHtmlTo(r: ReportJSON, out: string[]): void {
  if (r.articles.length === 0) {
    out.push(`<p class="note">No articles.</p>`);
    return;
  }
  out.push(legend(r));
  const runs = new PieceRuns(out, "");
  for (const a of r.articles) {
    out.push("\n", articleHead(a));
    pushArticleBody(a, out);
    out.push("\n</article>");
    runs.check();
  }
}
