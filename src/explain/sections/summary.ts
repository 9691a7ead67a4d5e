import type { Claim, SummarySentence } from "../../reconcile/index.js";
import { esc } from "../html.js";
import type { ReportJSON } from "../report.js";

type StoryJSON = ReportJSON["stories"][number];

function outletOf(report: ReportJSON): Map<string, string> {
  return new Map(report.articles.map((a) => [a.id, a.source.name ?? a.source.origin]));
}

function citeHtml(ids: string[], outlets: Map<string, string>): string {
  return ids.map((id) => `<a class="cite" href="#article-${esc(id)}" title="${esc(id)}">${esc(outlets.get(id) ?? id)}</a>`).join(" ");
}

export function summaryHtml(report: ReportJSON): string {
  if (report.stories.length === 0) return "<p>No stories were built, so there is no summary.</p>";
  const outlets = outletOf(report);
  return report.stories
    .map((s: StoryJSON) => {
      const summary = (s.summary as SummarySentence[] | undefined) ?? [];
      const body = summary.length
        ? `<ol class="summary">${summary.map((x) => `<li>${esc(x.text)} <span class="cites">[${citeHtml(x.citations, outlets)}]</span></li>`).join("")}</ol>`
        : "<p>No summary: no sentence of this story could be used.</p>";
      return `<h3>${esc(s.label)}</h3><p class="meta">${s.articleIds.length} articles from ${s.sources.map(esc).join(", ")}</p>${body}`;
    })
    .join("\n");
}

export function factsHtml(report: ReportJSON): string {
  if (report.stories.length === 0) return "<p>No stories were built, so there are no key facts.</p>";
  const outlets = outletOf(report);
  return report.stories
    .map((s: StoryJSON) => {
      const claims = ((s.claims as Claim[] | undefined) ?? []).filter((c) => c.sources > 1 || c.conflicts.length > 0);
      const unique = ((s.claims as Claim[] | undefined) ?? []).filter((c) => c.unique).length;
      if (!claims.length) return `<h3>${esc(s.label)}</h3><p>No claim is made by more than one source.</p>`;
      const rows = claims
        .map((c) => {
          const conflicts = c.conflicts
            .map((k) => `<div class="conflict"><b>${esc(k.slot)}</b>: ${k.values.map((v) => `${esc(v.value)} (${citeHtml(v.articles, outlets)})`).join(" vs ")}</div>`)
            .join("");
          const arts = [...new Set(c.support.map((x) => x.articleId))];
          return `<tr class="${c.conflicts.length ? "has-conflict" : ""}"><td>${esc(c.text)}${c.kind === "attributed" ? ` <i>(attributed${c.attributedTo ? ` to ${esc(c.attributedTo)}` : ""})</i>` : ""}${conflicts}</td><td>${c.sources}</td><td>${citeHtml(arts, outlets)}</td></tr>`;
        })
        .join("");
      return `<h3>${esc(s.label)}</h3><table class="facts"><thead><tr><th>claim</th><th>sources</th><th>supported by</th></tr></thead><tbody>${rows}</tbody></table><p class="meta">${unique} further claims are made by one source only.</p>`;
    })
    .join("\n");
}

const md = (s: string): string => s.replace(/([\\`*_[\]<>#|~])/g, "\\$1");

export function summaryMarkdown(report: ReportJSON): string {
  const outlets = outletOf(report);
  const parts = ["## Summary"];
  for (const s of report.stories) {
    parts.push(`### ${md(s.label)}`);
    const summary = (s.summary as SummarySentence[] | undefined) ?? [];
    parts.push(summary.length ? summary.map((x) => `- ${md(x.text)} [${x.citations.map((id) => md(outlets.get(id) ?? id)).join("; ")}]`).join("\n") : "No summary.");
  }
  return report.stories.length ? parts.join("\n\n") : "";
}

export function factsMarkdown(report: ReportJSON): string {
  const outlets = outletOf(report);
  const parts = ["## Key facts"];
  for (const s of report.stories) {
    const claims = ((s.claims as Claim[] | undefined) ?? []).filter((c) => c.sources > 1 || c.conflicts.length > 0);
    parts.push(`### ${md(s.label)}`);
    if (!claims.length) {
      parts.push("No claim is made by more than one source.");
      continue;
    }
    parts.push("| claim | sources | supported by | conflicts |\n| --- | --- | --- | --- |");
    parts[parts.length - 1] += "\n" + claims
      .map((c) => {
        const arts = [...new Set(c.support.map((x) => outlets.get(x.articleId) ?? x.articleId))];
        const conflicts = c.conflicts.map((k) => `**${md(k.slot)}**: ${k.values.map((v) => `${md(v.value)} (${v.articles.map((a) => md(outlets.get(a) ?? a)).join(", ")})`).join(" vs ")}`).join("; ");
        return `| ${md(c.text).replace(/\n/g, " ")} | ${c.sources} | ${arts.map(md).join(", ")} | ${conflicts} |`;
      })
      .join("\n");
  }
  return report.stories.length ? parts.join("\n\n") : "";
}
