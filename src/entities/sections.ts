import type { HtmlSection } from "../explain/html.js";
import { esc, mdEscape } from "../explain/escape.js";
import type { MarkdownSection } from "../explain/markdown.js";
import type { ReportJSON } from "../explain/report.js";
import type { CanonicalEntity } from "./canonical.js";
import { articleById } from "../explain/sections/data.js";
import { PieceRuns } from "../explain/runs.js";


function storyEntities(r: ReportJSON): { id: string; label: string; entities: CanonicalEntity[] }[] {
  return r.stories
    .map((s) => ({ id: s.id, label: s.label, entities: (s.entities as CanonicalEntity[] | undefined) ?? [] }))
    .filter((s) => s.entities.length > 0);
}

function source(r: ReportJSON, id: string): string {
  const a = articleById(r, id);
  return a?.source.name ?? a?.source.origin ?? id;
}

/** Mentions per article, "outlet: count; …", with each outlet name written by `write` (memoised per article id). */
function perArticle(r: ReportJSON, mentions: Record<string, unknown[]>, names: Map<string, string>, write: (s: string) => string): string {
  let out = "";
  let first = true;
  for (const id in mentions) {
    if (!Object.prototype.hasOwnProperty.call(mentions, id)) continue;
    let name = names.get(id);
    if (name === undefined) names.set(id, (name = write(source(r, id))));
    out += `${first ? "" : "; "}${name}: ${mentions[id]!.length}`;
    first = false;
  }
  return out;
}

const same = (s: string): string => s;

/** Markdown: the entities of each story, most salient first. */
export const entitiesMarkdown: MarkdownSection = (r) => {
  const stories = storyEntities(r);
  if (stories.length === 0) return "";
  const out = ["## Entities"];
  const names = new Map<string, string>();
  const runs = new PieceRuns(out, "\n");
  for (const s of stories) {
    runs.check();
    out.push("", `### ${mdEscape(s.label)}`, "", "| entity | type | also called | mentions per article | salience |", "| --- | --- | --- | --- | --- |");
    pushEntityRowsMarkdown(r, s.entities, names, out);
  }
  return out.join("\n");
};

/** The rows of one story's entity table in Markdown (a function of its own: the section's loop was compiled with all of it inlined, three times). */
function pushEntityRowsMarkdown(r: ReportJSON, entities: CanonicalEntity[], names: Map<string, string>, out: string[]): void {
  for (const e of entities) out.push(entityRowMarkdown(r, e, names));
}

function entityRowMarkdown(r: ReportJSON, e: CanonicalEntity, names: Map<string, string>): string {
  const per = perArticle(r, e.mentions, names, mdEscape);
  const aliases: string[] = [];
  for (const a of e.aliases) aliases.push(mdEscape(a));
  return `| ${mdEscape(e.name)} | ${e.type} | ${aliases.join("; ")} | ${per} | ${e.salience.toFixed(2)} |`;
}

/** The rows of one story's entity table. */
function entityRows(r: ReportJSON, entities: CanonicalEntity[], names: Map<string, string>): string {
  const rows: string[] = [];
  for (const e of entities)
    rows.push(
      `<tr id="entity-${esc(e.id)}"><td>${esc(e.name)}</td><td>${esc(e.type)}</td><td>${esc(e.aliases.join("; "))}</td><td>${esc(perArticle(r, e.mentions, names, same))}</td><td>${e.salience.toFixed(2)}</td></tr>`,
    );
  return rows.join("\n");
}

/** HTML: the entities of each story, most salient first. */
export const entitiesHtml: HtmlSection = {
  id: "entities",
  title: "Entities",
  render: (r) => {
    const names = new Map<string, string>();
    const out: string[] = [];
    const runs = new PieceRuns(out, "\n");
    for (const s of storyEntities(r)) {
      out.push(`<h3>${esc(s.label)}</h3>
<table><thead><tr><th>entity</th><th>type</th><th>also called</th><th>mentions per article</th><th>salience</th></tr></thead><tbody>
${entityRows(r, s.entities, names)}
</tbody></table>`);
      runs.check();
    }
    return out.join("\n");
  },
};
