import type { Citation } from "../../model/story.js";
import type { EntityGraph } from "../../reconcile/graph.js";
import type { ArticleJSON, ReportJSON } from "../report.js";
import type { StoryEntity } from "../../model/story.js";

/**
 * Read-side shapes of what later stages put on each story of report.json (story objects have
 * `results` spread in). Every field is read defensively: a section shows a plain sentence when
 * its data is absent.
 */
export type StoryJSON = ReportJSON["stories"][number];

export type EntityJSON = StoryEntity;

export interface EventJSON {
  code: string;
  root?: string;
  name?: string;
  source?: { text?: string; entity?: string | { id?: string; name?: string } };
  target?: { text?: string; entity?: string | { id?: string; name?: string } };
  place?: string | { text?: string };
  time?: { value?: string };
  citations?: Citation[];
}

export interface ClaimJSON {
  id?: string;
  text: string;
  kind?: "fact" | "attributed";
  attributedTo?: string;
  support?: { articleId: string; start: number; end: number; text?: string }[];
  sources?: number;
  conflicts?: { slot: string; values: { value: string; articles: string[] }[] }[];
  unique?: boolean;
}

export interface ProfileJSON {
  articleId: string;
  outlet?: string;
  kind?: string;
  shares?: { reporting?: number; opinion?: number; promotional?: number };
  attributionDensity?: number;
  hedging?: number;
  firstPerson?: number;
  sensational?: number;
  boilerplateShare?: number;
  garbledShare?: number;
  claims?: number;
  uniqueClaims?: number;
  /** Why the kind was chosen (shown on hover). */
  evidence?: string[];
}

/** An array field of a story, or undefined when the stage that sets it did not run. */
export function storyArray<T>(story: StoryJSON, key: string): T[] | undefined {
  const v = story[key];
  return Array.isArray(v) ? (v as T[]) : undefined;
}

export function storyGraph(story: StoryJSON): EntityGraph | undefined {
  const g = story.graph as EntityGraph | undefined;
  return g && Array.isArray(g.nodes) && Array.isArray(g.edges) ? g : undefined;
}

/** The stories of a report; with none built, every article as one group so article-level data still shows. */
export function storyGroups(report: ReportJSON): { story: StoryJSON | undefined; label: string; articles: ArticleJSON[] }[] {
  const byId = new Map(report.articles.map((a) => [a.id, a]));
  if (report.stories.length === 0)
    return report.articles.length ? [{ story: undefined, label: "All articles (no stories were built)", articles: report.articles }] : [];
  return report.stories.map((s) => ({
    story: s,
    label: `Story ${s.id}: ${s.label}`,
    articles: s.articleIds.map((id) => byId.get(id)).filter((a): a is ArticleJSON => a !== undefined),
  }));
}

const articleIndexes = new WeakMap<ReportJSON, { articles: ArticleJSON[]; byId: Map<string, ArticleJSON> }>();

/**
 * The report's article with this id (the first, as `report.articles.find` gives), from an index built
 * once per report and rebuilt if `report.articles` is replaced.
 */
export function articleById(report: ReportJSON, id: string): ArticleJSON | undefined {
  let ix = articleIndexes.get(report);
  if (!ix || ix.articles !== report.articles) {
    const byId = new Map<string, ArticleJSON>();
    for (const a of report.articles) if (!byId.has(a.id)) byId.set(a.id, a);
    articleIndexes.set(report, (ix = { articles: report.articles, byId }));
  }
  return ix.byId.get(id);
}

/** Short name of an article's outlet for tables and citations. */
export function outletName(a: ArticleJSON | undefined, fallback = "?"): string {
  if (!a) return fallback;
  if (a.source.name) return a.source.name;
  if (a.source.domain) return a.source.domain;
  const base = a.source.origin.split(/[\\/]/).pop() ?? a.source.origin;
  return base.replace(/\.[a-z0-9]+$/i, "") || a.id;
}

/** Outlet names for the articles of a group, made unique (two articles of one outlet get #1, #2). */
export function columnNames(articles: ArticleJSON[]): Map<string, string> {
  const names = articles.map((a) => outletName(a));
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  articles.forEach((a, i) => {
    const n = names[i]!;
    if (count.get(n)! > 1) {
      const k = (seen.get(n) ?? 0) + 1;
      seen.set(n, k);
      out.set(a.id, `${n} #${k}`);
    } else out.set(a.id, n);
  });
  return out;
}

export function pct(x: number | undefined): string {
  return typeof x === "number" && Number.isFinite(x) ? `${Math.round(x * 100)}%` : "–";
}
