import type { HtmlSection } from "../explain/html.js";
import { esc, mdEscape } from "../explain/escape.js";
import type { MarkdownSection } from "../explain/markdown.js";
import type { ReportJSON } from "../explain/report.js";
import type { CanonicalEntity } from "./canonical.js";
import { articleById } from "../explain/sections/data.js";


function storyEntities(r: ReportJSON): { id: string; label: string; entities: CanonicalEntity[] }[] {
  return r.stories
    .map((s) => ({ id: s.id, label: s.label, entities: (s.entities as CanonicalEntity[] | undefined) ?? [] }))
    .filter((s) => s.entities.length > 0);
}

function source(r: ReportJSON, id: string): string {
  const a = articleById(r, id);
  return a?.source.name ?? a?.source.origin ?? id;
}

/** Markdown: the entities of each story, most salient first. */
export const entitiesMarkdown: MarkdownSection = (r) => {
  const stories = storyEntities(r);
  if (stories.length === 0) return "";
  const out = ["## Entities"];
  for (const s of stories) {
    out.push("", `### ${mdEscape(s.label)}`, "", "| entity | type | also called | mentions per article | salience |", "| --- | --- | --- | --- | --- |");
    for (const e of s.entities) {
      const per = Object.entries(e.mentions).map(([id, m]) => `${mdEscape(source(r, id))}: ${m.length}`).join("; ");
      out.push(`| ${mdEscape(e.name)} | ${e.type} | ${e.aliases.map(mdEscape).join("; ")} | ${per} | ${e.salience.toFixed(2)} |`);
    }
  }
  return out.join("\n");
};

/** HTML: the entities of each story, most salient first. */
export const entitiesHtml: HtmlSection = {
  id: "entities",
  title: "Entities",
  render: (r) =>
    storyEntities(r)
      .map(
        (s) => `<h3>${esc(s.label)}</h3>
<table><thead><tr><th>entity</th><th>type</th><th>also called</th><th>mentions per article</th><th>salience</th></tr></thead><tbody>
${s.entities
  .map(
    (e) =>
      `<tr id="entity-${esc(e.id)}"><td>${esc(e.name)}</td><td>${esc(e.type)}</td><td>${esc(e.aliases.join("; "))}</td><td>${esc(
        Object.entries(e.mentions).map(([id, m]) => `${source(r, id)}: ${m.length}`).join("; "),
      )}</td><td>${e.salience.toFixed(2)}</td></tr>`,
  )
  .join("\n")}
</tbody></table>`,
      )
      .join("\n"),
};
