/**
 * `crosscheck eval timeline --data DIR` on Timeline17: per topic, every article goes through the
 * pipeline's annotators, the topic's articles form one story, and its timeline's day-precision
 * dates, ranked by how many sentences cite them, give as many dates as the gold timeline has.
 * Date-F1 against each gold timeline, averaged over timelines (the standard T17 date measure),
 * beside the publication-date baseline (the most frequent publication days).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { RawArticle } from "../model/article.js";
import { processArticle } from "../pipeline.js";
import { buildTimeline } from "../reconcile/timeline.js";
import type { EvalOptions, EvalResult } from "./types.js";

/** F1 of two date sets. */
export function dateF1(predicted: readonly string[], gold: readonly string[]): number {
  const g = new Set(gold);
  const p = new Set(predicted);
  let tp = 0;
  for (const d of p) if (g.has(d)) tp++;
  if (!tp) return 0;
  const precision = tp / p.size;
  const recall = tp / g.size;
  return (2 * precision * recall) / (precision + recall);
}

/** The k days cited most often (ties: the earlier day). */
export function topDays(counts: Map<string, number>, k: number): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([d]) => d);
}

const PTB: Record<string, string> = { "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"' };

export async function evalTimeline(opts: EvalOptions): Promise<EvalResult> {
  const topics = readdirSync(opts.data).filter((t) => existsSync(join(opts.data, t, "articles.json"))).sort();
  const rows: { topic: string; timeline: string; gold: number; ours: number; baseline: number; entries: number }[] = [];
  const t0 = performance.now();
  let nArticles = 0;
  for (const topic of topics) {
    const dir = join(opts.data, topic);
    const golds = readdirSync(dir).filter((f) => f.endsWith(".timeline.json"));
    if (!golds.length) continue;
    const items = JSON.parse(readFileSync(join(dir, "articles.json"), "utf8")) as { uid: string; dct: string; text: string }[];
    const limited = items.slice(0, opts.limit ?? items.length);
    const articles = limited.map((it) => {
      const raw: RawArticle = {
        raw: it.text.replace(/-LRB-|-RRB-|-LSB-|-RSB-|-LCB-|-RCB-|``|''/g, (m) => PTB[m]!),
        published: { value: it.dct, how: "field" },
        source: { origin: `t17/${topic}/${it.uid}`, format: "text" },
      };
      return processArticle(raw);
    });
    nArticles += articles.length;
    const timeline = buildTimeline(articles);
    const cited = new Map<string, number>();
    for (const e of timeline) if (e.date.length === 10) cited.set(e.date, (cited.get(e.date) ?? 0) + e.citations.length);
    const published = new Map<string, number>();
    for (const it of limited) published.set(it.dct.slice(0, 10), (published.get(it.dct.slice(0, 10)) ?? 0) + 1);
    for (const g of golds) {
      const gold = (JSON.parse(readFileSync(join(dir, g), "utf8")) as { date: string }[]).map((x) => x.date.slice(0, 10));
      const k = new Set(gold).size;
      rows.push({
        topic,
        timeline: g,
        gold: k,
        ours: dateF1(topDays(cited, k), gold),
        baseline: dateF1(topDays(published, k), gold),
        entries: timeline.length,
      });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const mean = (f: (r: (typeof rows)[number]) => number): number => (rows.length ? rows.reduce((n, r) => n + f(r), 0) / rows.length : 0);
  const json = { timelines: rows.length, articles: nArticles, date_f1: mean((r) => r.ours), baseline_pubdate_date_f1: mean((r) => r.baseline) };
  const text = [
    `Timeline17 (${opts.data}): ${rows.length} gold timelines, ${nArticles} articles, ${seconds.toFixed(1)} s`,
    `Date-F1 ${json.date_f1.toFixed(4)}   (publication-date baseline ${json.baseline_pubdate_date_f1.toFixed(4)})`,
    ...rows.map((r) => `  ${r.topic}/${r.timeline}: ${r.gold} gold dates, ${r.entries} entries, Date-F1 ${r.ours.toFixed(3)} (baseline ${r.baseline.toFixed(3)})`),
  ].join("\n");
  return { text, json };
}
