import { readFileSync } from "node:fs";
import { annotateSentences } from "../annotate/sentences.js";
import { resolveCoref } from "../annotate/coref/sieve.js";
import type { CorefDoc, Mention } from "../annotate/coref/mentions.js";
import { pronounScore, type CandidateInfo } from "../annotate/coref/pronouns.js";
import type { Article } from "../model/article.js";
import { OffsetMap } from "../model/offset-map.js";
import type { EvalOptions, EvalResult } from "./types.js";

export interface GapRow {
  id: string;
  text: string;
  pronoun: string;
  pronounOffset: number;
  a: string;
  aOffset: number;
  aCoref: boolean;
  b: string;
  bOffset: number;
  bCoref: boolean;
  url: string;
}

export function readGap(file: string, limit?: number): GapRow[] {
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim());
  const rows: GapRow[] = [];
  for (const line of lines.slice(1)) {
    const c = line.split("\t");
    if (c.length < 11) continue;
    rows.push({
      id: c[0]!, text: c[1]!, pronoun: c[2]!, pronounOffset: Number(c[3]), a: c[4]!, aOffset: Number(c[5]), aCoref: c[6] === "TRUE",
      b: c[7]!, bOffset: Number(c[8]), bCoref: c[9] === "TRUE", url: c[10]!,
    });
    if (limit && rows.length >= limit) break;
  }
  return rows;
}

/** Tokens of a plain text, through the same wink-nlp annotator the pipeline uses. */
export function corefDocOf(text: string): CorefDoc {
  const article: Article = {
    id: "doc", source: { origin: "eval", format: "text" }, raw: text, text, offsets: new OffsetMap([{ cleanStart: 0, rawStart: 0, length: text.length }]),
    removals: [], layers: {},
  };
  annotateSentences(article);
  return { text, tokens: article.tokens! };
}

export function pageTitle(url: string): string | undefined {
  const m = /\/wiki\/([^#?]+)/.exec(url);
  if (!m) return undefined;
  let t: string;
  try {
    t = decodeURIComponent(m[1]!);
  } catch {
    t = m[1]!;
  }
  return t.replace(/_/g, " ").replace(/\s*\(.*\)\s*$/, "").trim();
}

/** How far a third chain must out-score A and B for the answer to be "neither" (tuned on validation). */
export const NEITHER_MARGIN = 3;

export interface GapDecision {
  a: boolean;
  b: boolean;
}

/**
 * Resolves one GAP row with the coreference sieve: A and B go in as forced name mentions, every
 * pronoun of the snippet is resolved in order, and the target pronoun's chain says A, B or neither.
 */
export function resolveGapRow(row: GapRow, pageContext: boolean, collect?: (cands: { info: CandidateInfo; golds: string[] }[]) => void, margin = NEITHER_MARGIN): GapDecision {
  let scored: { score: number; golds: string[] }[] | undefined;
  const doc = corefDocOf(row.text);
  const topic = pageContext ? pageTitle(row.url) : undefined;
  const result = resolveCoref(doc, {
    forced: [
      { start: row.aOffset, end: row.aOffset + row.a.length, gold: "A" },
      { start: row.bOffset, end: row.bOffset + row.b.length, gold: "B" },
    ],
    topicNames: topic ? [topic] : [],
    collect: collect
      ? (p: Mention, cands) => {
          if (p.start === row.pronounOffset) collect(cands);
        }
      : (p: Mention, cands) => {
          if (p.start === row.pronounOffset) scored = cands.map((c) => ({ score: pronounScore(c.info.features), golds: c.golds }));
        },
  });
  const pi = result.mentions.findIndex((m) => m.kind === "pronoun" && m.start === row.pronounOffset);
  if (pi < 0) return { a: false, b: false };
  if (scored && margin < Infinity) {
    // the task names the candidates: choose between A's and B's chains with the resolver's own scores,
    // and answer "neither" when a third chain beats both by more than `margin`
    let a = -Infinity;
    let b = -Infinity;
    let other = -Infinity;
    for (const c of scored) {
      if (c.golds.includes("A") && !c.golds.includes("B")) a = Math.max(a, c.score);
      else if (c.golds.includes("B") && !c.golds.includes("A")) b = Math.max(b, c.score);
      else other = Math.max(other, c.score);
    }
    const top = Math.max(a, b);
    if (top === -Infinity || other - top > margin) return { a: false, b: false };
    return { a: a >= b, b: b > a };
  }
  const chain = result.chainOf[pi]!;
  let best: Mention | undefined;
  let bestDist = Infinity;
  for (const i of result.clusters[chain]!.members) {
    const m = result.mentions[i]!;
    if (!m.gold) continue;
    const d = m.start < row.pronounOffset ? row.pronounOffset - m.start : 1e6 + m.start;
    if (d < bestDist) {
      bestDist = d;
      best = m;
    }
  }
  return { a: best?.gold === "A", b: best?.gold === "B" };
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
}

export function f1(c: Prf): number {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

const MASCULINE = new Set(["he", "his", "him", "himself"]);

/** GAP scoring as gap_scorer.py: pooled A/B decisions, F1 overall and by pronoun gender, bias = F/M. */
export function scoreGap(rows: GapRow[], decisions: GapDecision[]): { overall: Prf; masculine: Prf; feminine: Prf } {
  const z = (): Prf => ({ tp: 0, fp: 0, fn: 0 });
  const out = { overall: z(), masculine: z(), feminine: z() };
  rows.forEach((row, i) => {
    const d = decisions[i]!;
    const g = MASCULINE.has(row.pronoun.toLowerCase()) ? out.masculine : out.feminine;
    for (const [pred, gold] of [[d.a, row.aCoref], [d.b, row.bCoref]] as const) {
      for (const c of [out.overall, g]) {
        if (pred && gold) c.tp++;
        else if (pred && !gold) c.fp++;
        else if (!pred && gold) c.fn++;
      }
    }
  });
  return out;
}

export async function evalGap(opts: EvalOptions): Promise<EvalResult> {
  const rows = readGap(opts.data, opts.limit);
  const pageContext = opts.format !== "snippet";
  const t0 = performance.now();
  const decisions = rows.map((r) => resolveGapRow(r, pageContext));
  const ms = performance.now() - t0;
  const s = scoreGap(rows, decisions);
  const o = f1(s.overall);
  const m = f1(s.masculine);
  const f = f1(s.feminine);
  const bias = m ? f / m : 0;
  const pct = (x: number): string => (100 * x).toFixed(1);
  return {
    text: [
      `GAP ${opts.data} (${rows.length} rows, ${pageContext ? "page-context: the URL's page title may be used" : "snippet-context"})`,
      `  F1 overall ${pct(o)}  masculine ${pct(m)}  feminine ${pct(f)}  bias (F/M) ${bias.toFixed(3)}`,
      `  overall tp ${s.overall.tp} fp ${s.overall.fp} fn ${s.overall.fn}; ${(ms / Math.max(1, rows.length)).toFixed(1)} ms/row`,
    ].join("\n"),
    json: { f1: o, f1_masculine: m, f1_feminine: f, bias, rows: rows.length, setting: pageContext ? "page" : "snippet" },
  };
}
