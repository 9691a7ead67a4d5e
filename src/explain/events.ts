/** Report sections for coded events and the story timeline (Markdown and HTML). */
import type { Citation } from "../model/story.js";
import type { ReportJSON } from "./report.js";
import type { TimelineEntry } from "../reconcile/timeline.js";
import { articleById } from "./sections/data.js";
import { oneLine } from "./escape.js";
import { PieceRuns } from "./runs.js";

interface ActorJSON {
  text?: string;
  code?: string;
  country?: string;
  role?: string;
  /** The canonical entity: `{id, name}`, or its id alone. */
  entity?: { id: string; name?: string } | string;
}
interface EventJSON {
  code: string;
  name?: string;
  source?: ActorJSON;
  target?: ActorJSON;
  place?: string | { text?: string };
  date?: string;
  time?: { value?: string };
  citations?: Citation[];
  sources?: number;
}
type EntryJSON = TimelineEntry;

type Esc = (s: string) => string;

const storyEvents = (s: ReportJSON["stories"][number]): EventJSON[] => (Array.isArray(s.events) ? (s.events as EventJSON[]) : []);
const storyTimeline = (s: ReportJSON["stories"][number]): EntryJSON[] => (Array.isArray(s.timeline) ? (s.timeline as EntryJSON[]) : []);

function snippet(report: ReportJSON, c: Citation, max = 160): string {
  const a = articleById(report, c.articleId);
  if (!a) return "";
  const t = oneLine(a.text.slice(c.start, c.end));
  return t.length > max ? `${t.slice(0, max).replace(/\s+\S*$/, "")}…` : t;
}

function outlet(report: ReportJSON, c: Citation): string {
  const a = articleById(report, c.articleId);
  return a ? (a.source.name ?? a.source.origin.replace(/^.*\//, "")) : c.articleId;
}

const actorText = (a: ActorJSON | undefined): string => {
  if (!a) return "";
  const name = typeof a.entity === "object" ? a.entity.name : undefined;
  return `${name ?? a.text ?? ""}${a.code ? ` (${a.code})` : ""}`;
};
const placeOf = (e: EventJSON): string => (typeof e.place === "string" ? e.place : (e.place?.text ?? ""));
const dateOf = (e: EventJSON): string => e.date ?? e.time?.value ?? "";
const sourcesOf = (e: EventJSON): number => e.sources ?? new Set((e.citations ?? []).map((c) => c.articleId)).size;

/** Human-readable date: "19 Dec 2016", "Nov 2015", "1927". */
export function displayDate(iso: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const [y, m, d] = iso.split("-");
  if (d) return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
  if (m) return `${months[Number(m) - 1]} ${y}`;
  return y ?? iso;
}

const MAX_EVENTS = 40;

/** One event as a Markdown table row (per-row functions keep the sections' loops small to compile). */
function eventMarkdown(report: ReportJSON, e: EventJSON, esc: Esc): string {
  const c = e.citations?.[0];
  const ev = c ? `${esc(outlet(report, c))}: “${esc(snippet(report, c, 120))}”` : "";
  return `| ${esc(e.code)} | ${esc(e.name ?? "")} | ${esc(actorText(e.source))} | ${esc(actorText(e.target))} | ${esc(placeOf(e))} | ${esc(dateOf(e))} | ${sourcesOf(e)} | ${ev} |`;
}

function timelineEntryMarkdown(report: ReportJSON, e: EntryJSON, esc: Esc): string {
  const cites: string[] = [];
  for (const c of e.citations) cites.push(`${esc(outlet(report, c))} \`${c.articleId.slice(0, 8)}:${c.start}-${c.end}\``);
  return `- **${displayDate(e.date)}**${e.kind === "background" ? " *(background)*" : ""}: ${esc(e.label)}${e.code ? ` [CAMEO ${e.code}]` : ""} — ${e.sources} source${e.sources === 1 ? "" : "s"}: ${cites.join("; ")}`;
}

export function eventsMarkdown(report: ReportJSON, esc: Esc): string {
  const out: string[] = [];
  const runs = new PieceRuns(out, "\n");
  for (const s of report.stories) {
    runs.check();
    const events = storyEvents(s);
    if (!events.length) continue;
    out.push(`### Events: ${esc(s.label)}`, "", "| CAMEO | event | source | target | place | date | sources | evidence |", "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (let i = 0; i < events.length && i < MAX_EVENTS; i++) out.push(eventMarkdown(report, events[i]!, esc));
    if (events.length > MAX_EVENTS) out.push("", `(${events.length - MAX_EVENTS} more events in report.json)`);
    out.push("");
  }
  return out.length ? ["## Events", "", ...out].join("\n") : "";
}

export function timelineMarkdown(report: ReportJSON, esc: Esc): string {
  const out: string[] = [];
  const runs = new PieceRuns(out, "\n");
  for (const s of report.stories) {
    runs.check();
    const tl = storyTimeline(s);
    if (!tl.length) continue;
    out.push(`### Timeline: ${esc(s.label)}`, "");
    for (const e of tl) out.push(timelineEntryMarkdown(report, e, esc));
    out.push("");
  }
  return out.length ? ["## Timeline", "", ...out].join("\n") : "";
}

export function eventsHtml(report: ReportJSON, esc: Esc): string {
  if (report.stories.length === 0) return "<p>No stories were built, so there are no event records.</p>";
  const out: string[] = [];
  const runs = new PieceRuns(out, "\n");
  for (const s of report.stories) {
    runs.check();
    const events = storyEvents(s);
    if (!events.length) {
      out.push(`<h3>${esc(s.label)}</h3><p>No coded event (no sentence has a dictionary verb with known actors).</p>`);
      continue;
    }
    const rows = events.slice(0, MAX_EVENTS).map((e) => {
      const c = e.citations?.[0];
      const ev = c ? `<a href="#article-${esc(c.articleId)}">${esc(outlet(report, c))}</a>: “${esc(snippet(report, c, 140))}”` : "";
      return `<tr><td><code>${esc(e.code)}</code></td><td>${esc(e.name ?? "")}</td><td>${esc(actorText(e.source))}</td><td>${esc(actorText(e.target))}</td><td>${esc(placeOf(e))}</td><td>${esc(dateOf(e))}</td><td>${sourcesOf(e)}</td><td>${ev}</td></tr>`;
    });
    out.push(`<h3>${esc(s.label)}</h3>
<table><thead><tr><th>CAMEO</th><th>event</th><th>source</th><th>target</th><th>place</th><th>date</th><th>sources</th><th>evidence</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>${events.length > MAX_EVENTS ? `<p class="meta">${events.length - MAX_EVENTS} more events in report.json</p>` : ""}`);
  }
  return out.join("\n");
}

/** CSS of the timeline section (the page adds it to its inline style). */
export const TIMELINE_STYLE = `
ol.timeline{list-style:none;margin:0;padding:0 0 0 1.5rem;border-left:3px solid #14213d}
ol.timeline li{position:relative;margin:0 0 .8rem 0;padding-left:.5rem}
ol.timeline li::before{content:"";position:absolute;left:-1.95rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:#fca311;border:2px solid #14213d}
ol.timeline li.background{color:#666}ol.timeline li.background::before{background:#ddd}
ol.timeline .date{font-weight:600;display:inline-block;min-width:7.5rem}
ol.timeline .cites{font-size:.85rem;color:#555}
`;

export function timelineHtml(report: ReportJSON, esc: Esc): string {
  if (report.stories.length === 0) return "<p>No stories were built, so there is no timeline.</p>";
  const out: string[] = [];
  const runs = new PieceRuns(out, "\n");
  for (const s of report.stories) {
    runs.check();
    const tl = storyTimeline(s);
    if (!tl.length) {
      out.push(`<h3>${esc(s.label)}</h3><p>No dated entry: no sentence has a resolved date${Array.isArray(s.timeline) ? "" : " (no timeline was built)"}.</p>`);
      continue;
    }
    const items = tl.map((e) => {
      const cites = e.citations
        .map((c) => `<a href="#article-${esc(c.articleId)}" title="${esc(snippet(report, c, 300))}">${esc(outlet(report, c))}</a>`)
        .join(", ");
      return `<li class="${e.kind}"><span class="date">${esc(displayDate(e.date))}</span> ${esc(e.label)}${e.kind === "background" ? ' <em class="meta">(background)</em>' : ""}${e.code ? ` <code>${esc(e.code)}</code>` : ""}<br><span class="cites">${e.sources} source${e.sources === 1 ? "" : "s"}: ${cites}</span></li>`;
    });
    out.push(`<h3>${esc(s.label)}</h3>\n<ol class="timeline">\n${items.join("\n")}\n</ol>`);
  }
  return out.join("\n");
}
