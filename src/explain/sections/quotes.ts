import { clip, esc, mdEscape, oneLine } from "../escape.js";
import { PieceRuns } from "../runs.js";
import type { ArticleJSON, ReportJSON, SpanJSON } from "../report.js";
import { type EntityJSON, outletName, storyArray, storyGroups, type StoryJSON } from "./data.js";

/** One quote found in an article, with who said it. */
export interface QuoteItem {
  article: ArticleJSON;
  span: SpanJSON;
  text: string;
  direct: boolean;
  cue: string | undefined;
}

export interface SpeakerGroup {
  /** Display name: the canonical entity's name, the speaker as written, or "Unattributed". */
  name: string;
  type: string | undefined;
  /** Other spellings seen for this speaker. */
  variants: string[];
  quotes: QuoteItem[];
  sources: number;
}

const UNATTRIBUTED = "Unattributed";
/** Quotes listed per speaker before the rest fold into a <details> element. */
const SHOWN_PER_SPEAKER = 6;
const QUOTE_MARKS = /^[\s"'“”‘’«»„‚]+|[\s"'“”‘’«»„‚]+$/g;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() ? oneLine(v) : undefined;
}

const SPEAKER_TYPES: Record<string, number> = { PER: 3, ORG: 2, LOC: 1 };

/** The entity whose mention best covers the speaker's span (people first, then by overlap). */
function speakerEntity(mentions: { start: number; end: number; e: EntityJSON }[], start: unknown, end: unknown): EntityJSON | undefined {
  if (typeof start !== "number" || typeof end !== "number" || start < 0 || end <= start) return undefined;
  let best: EntityJSON | undefined;
  let bestScore = 0;
  for (const m of mentions) {
    const overlap = Math.min(end, m.end) - Math.max(start, m.start);
    if (overlap <= 0) continue;
    const score = (SPEAKER_TYPES[m.e.type] ?? 0) * 10_000 + overlap;
    if (score > bestScore) {
      bestScore = score;
      best = m.e;
    }
  }
  return best;
}

type SpeakerGroupBuild = SpeakerGroup & { variantSet: Set<string>; sourceSet: Set<string> };
type MentionRef = { start: number; end: number; e: EntityJSON };

/** Entities by lower-cased name or alias (the first entity to use it). */
function entitiesByName(entities: EntityJSON[]): Map<string, EntityJSON> {
  const byName = new Map<string, EntityJSON>();
  for (const e of entities) {
    const low = e.name.toLowerCase();
    if (!byName.has(low)) byName.set(low, e);
    for (const n of e.aliases ?? []) {
      const l = n.toLowerCase();
      if (!byName.has(l)) byName.set(l, e);
    }
  }
  return byName;
}

/** Each article's entity mentions, in entity order, then mention order. */
function mentionsByArticle(entities: EntityJSON[]): Map<string, MentionRef[]> {
  const mentionsOf = new Map<string, MentionRef[]>();
  for (const e of entities) {
    const ms = e.mentions;
    if (!ms) continue;
    for (const id of Object.keys(ms)) {
      let list = mentionsOf.get(id);
      if (!list) mentionsOf.set(id, (list = []));
      for (const m of ms[id]!) list.push({ start: m[0], end: m[1], e });
    }
  }
  return mentionsOf;
}

function bySpeakerOrder(x: SpeakerGroup, y: SpeakerGroup): number {
  return (
    Number(x.name === UNATTRIBUTED) - Number(y.name === UNATTRIBUTED) ||
    y.quotes.length - x.quotes.length ||
    y.sources - x.sources ||
    x.name.localeCompare(y.name)
  );
}

/** Adds the quotes of one article to their speakers' groups. */
function groupArticleQuotes(
  a: ArticleJSON,
  mentions: MentionRef[],
  entityById: Map<string, EntityJSON>,
  byName: Map<string, EntityJSON>,
  groups: Map<string, SpeakerGroupBuild>,
): void {
  for (const span of a.layers.quote ?? []) {
    const attrs = span.attrs ?? {};
    const speaker = str(attrs.speaker);
    const entity =
      (typeof attrs.entity === "string" ? entityById.get(attrs.entity) : undefined) ??
      speakerEntity(mentions, attrs.speakerStart, attrs.speakerEnd) ??
      (speaker ? byName.get(speaker.toLowerCase()) : undefined);
    const key = entity ? `e:${entity.id}` : speaker ? `s:${speaker.toLowerCase()}` : "none";
    let g = groups.get(key);
    if (!g) {
      g = { name: entity?.name ?? speaker ?? UNATTRIBUTED, type: entity?.type, variants: [], quotes: [], sources: 0, variantSet: new Set(), sourceSet: new Set() };
      groups.set(key, g);
    }
    if (speaker && speaker !== g.name) g.variantSet.add(speaker);
    g.sourceSet.add(a.id);
    g.quotes.push({
      article: a,
      span,
      text: oneLine(a.text.slice(span.start, span.end)),
      direct: span.label !== "indirect",
      cue: str(attrs.cue),
    });
  }
}

/**
 * Groups the quotes of some articles by speaker: the canonical entity when the quote names one
 * (attrs.entity), when an entity mention covers the speaker's span, or when the speaker's words
 * are an entity's name or alias; otherwise the speaker's words as written.
 */
export function quotesBySpeaker(articles: ArticleJSON[], entities: EntityJSON[] | undefined): SpeakerGroup[] {
  const list = entities ?? [];
  const entityById = new Map<string, EntityJSON>();
  for (const e of list) entityById.set(e.id, e);
  const byName = entitiesByName(list);
  const mentionsOf = mentionsByArticle(list);
  const groups = new Map<string, SpeakerGroupBuild>();
  const none: MentionRef[] = [];
  for (const a of articles) groupArticleQuotes(a, mentionsOf.get(a.id) ?? none, entityById, byName, groups);
  const out: SpeakerGroup[] = [];
  for (const g of groups.values())
    out.push({ name: g.name, type: g.type, variants: [...g.variantSet].sort(), quotes: g.quotes, sources: g.sourceSet.size });
  return out.sort(bySpeakerOrder);
}

const speakerMemo = new WeakMap<object, { articles: ArticleJSON[]; entities: EntityJSON[] | undefined; speakers: SpeakerGroup[] }>();

/**
 * The quotes of a story group by speaker, computed once per story for both the Markdown and the HTML
 * (again if the report's articles or the story's entities are replaced). Callers must not modify them.
 */
function groupSpeakers(report: ReportJSON, g: { story: StoryJSON | undefined; articles: ArticleJSON[] }): SpeakerGroup[] {
  const entities = g.story ? storyArray<EntityJSON>(g.story, "entities") : undefined;
  const key = g.story ?? report;
  const hit = speakerMemo.get(key);
  if (hit && hit.articles === report.articles && hit.entities === entities) return hit.speakers;
  const speakers = quotesBySpeaker(g.articles, entities);
  speakerMemo.set(key, { articles: report.articles, entities, speakers });
  return speakers;
}

export const QUOTES_STYLE = `
.speaker{margin:.8rem 0}.speaker h4{margin:.2rem 0}.speaker .count{color:#555;font-weight:normal;font-size:.9rem}
ul.quotes{margin:.2rem 0;padding-left:1.2rem}ul.quotes li{margin:.25rem 0}
q.direct{quotes:"“" "”" "‘" "’";font-style:italic}.indirect-q{color:#333}
.qmeta{color:#666;font-size:.85rem}.speaker details{margin-left:1.2rem}.speaker summary{color:#2b6cb0;cursor:pointer;font-size:.9rem}
`;

function quoteLine(q: QuoteItem): string {
  const body = q.direct ? `<q class="direct">${esc(q.text.replace(QUOTE_MARKS, ""))}</q>` : `<span class="indirect-q">${esc(q.text)}</span>`;
  const meta = [`<a href="#article-${esc(q.article.id)}">${esc(outletName(q.article))}</a>`, q.direct ? "direct" : "indirect"];
  if (q.cue) meta.push(`cue “${esc(q.cue)}”`);
  return `<li>${body} <span class="qmeta">— ${meta.join(", ")}</span></li>`;
}

/** One speaker's quotes: the first few listed, the rest folded into a <details> element. */
function speakerHtml(s: SpeakerGroup): string {
  let aka = "";
  if (s.variants.length) {
    const vs: string[] = [];
    for (const v of s.variants) vs.push(esc(`“${v}”`));
    aka = ` <span class="count">(also written ${vs.join(", ")})</span>`;
  }
  const quotes = s.quotes;
  let first = "";
  for (let i = 0; i < quotes.length && i < SHOWN_PER_SPEAKER; i++) first += quoteLine(quotes[i]!);
  let more = "";
  if (quotes.length > SHOWN_PER_SPEAKER) {
    let rest = "";
    for (let i = SHOWN_PER_SPEAKER; i < quotes.length; i++) rest += quoteLine(quotes[i]!);
    more = `<details><summary>${quotes.length - SHOWN_PER_SPEAKER} more</summary><ul class="quotes">${rest}</ul></details>`;
  }
  return `<div class="speaker"><h4>${esc(s.name)}${aka} <span class="count">· ${quotes.length} quote${quotes.length === 1 ? "" : "s"} in ${s.sources} source${s.sources === 1 ? "" : "s"}</span></h4><ul class="quotes">${first}</ul>${more}</div>`;
}

/** A group's quotes by speaker pushed to `out`; whether it has any. */
function pushGroupQuotesHtml(report: ReportJSON, g: { story: StoryJSON | undefined; label: string; articles: ArticleJSON[] }, multi: boolean, out: string[]): boolean {
  const speakers = groupSpeakers(report, g);
  if (multi || !g.story) out.push(`<h3>${esc(g.label)}</h3>`);
  if (speakers.length === 0) {
    out.push(`<p class="note">No quotes were found in these articles.</p>`);
    return false;
  }
  let n = 0;
  let named = 0;
  for (const s of speakers) {
    n += s.quotes.length;
    if (s.name !== UNATTRIBUTED) named++;
  }
  out.push(`<p class="note">${n} quotes from ${named} speakers.</p>`);
  for (const s of speakers) out.push(speakerHtml(s));
  return true;
}

export function renderQuotesHtml(report: ReportJSON): string {
  const groups = storyGroups(report);
  const multi = groups.length > 1;
  const out: string[] = [];
  let any = false;
  const runs = new PieceRuns(out, "\n");
  for (const g of groups) {
    if (pushGroupQuotesHtml(report, g, multi, out)) any = true;
    runs.check();
  }
  if (groups.length === 0) return `<p class="note">No articles, so no quotes.</p>`;
  if (!any && !multi) return `<p class="note">No quotes were found in these articles${report.articles.some((a) => a.layers.quote) ? "" : " (the quote stage did not run)"}.</p>`;
  return out.join("\n");
}

function quoteMarkdown(q: QuoteItem): string {
  return `- ${q.direct ? `“${mdEscape(clip(q.text.replace(QUOTE_MARKS, ""), 400))}”` : mdEscape(clip(q.text, 400))} — ${mdEscape(outletName(q.article))}${q.direct ? "" : " (indirect)"}`;
}

/** A group's quotes by speaker pushed to `out` as lines; whether it has any. */
function pushGroupQuotesMarkdown(report: ReportJSON, g: { story: StoryJSON | undefined; label: string; articles: ArticleJSON[] }, multi: boolean, out: string[]): boolean {
  const speakers = groupSpeakers(report, g);
  if (multi || !g.story) out.push(`### ${mdEscape(g.label)}`, "");
  if (speakers.length === 0) {
    out.push("No quotes were found in these articles.", "");
    return false;
  }
  for (const s of speakers) {
    out.push(`**${mdEscape(s.name)}** (${s.quotes.length} in ${s.sources} source${s.sources === 1 ? "" : "s"})`, "");
    for (const q of s.quotes) out.push(quoteMarkdown(q));
    out.push("");
  }
  return true;
}

export function renderQuotesMarkdown(report: ReportJSON): string {
  const out = ["## Quotes by speaker", ""];
  const groups = storyGroups(report);
  const multi = groups.length > 1;
  let any = false;
  const runs = new PieceRuns(out, "\n");
  for (const g of groups) {
    if (pushGroupQuotesMarkdown(report, g, multi, out)) any = true;
    runs.check();
  }
  if (!any && groups.length <= 1) return [...out.slice(0, 2), "No quotes were found in these articles."].join("\n");
  return out.join("\n").trimEnd();
}
