import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { extractHtml } from "../ingest/html.js";
import type { EvalResult } from "./types.js";

/** Token 4-gram shingles as the article-extraction benchmark counts them (`\w+`, Unicode). */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Map<string, number>();
  const add = (k: string): void => void out.set(k, (out.get(k) ?? 0) + 1);
  if (tokens.length === 0) return out;
  if (tokens.length < n) add(tokens.join(" "));
  else for (let i = 0; i + n <= tokens.length; i++) add(tokens.slice(i, i + n).join(" "));
  return out;
}

/** Per-document (tp, fp, fn) over shingle multisets. */
export function shingleCounts(truth: string, predicted: string): { tp: number; fp: number; fn: number } {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of p) {
    const tc = t.get(k) ?? 0;
    tp += Math.min(c, tc);
    fp += Math.max(0, c - tc);
  }
  for (const [k, c] of t) fn += Math.max(0, c - (p.get(k) ?? 0));
  return { tp, fp, fn };
}

/** Precision and recall averaged over documents, F1 from the averages (as upstream evaluate.py). */
export function aggregateShingles(docs: { tp: number; fp: number; fn: number }[]): { precision: number; recall: number; f1: number } {
  let pSum = 0;
  let pN = 0;
  let rSum = 0;
  let rN = 0;
  for (const { tp, fp, fn } of docs) {
    if (fp === 0 && fn === 0) {
      pSum += 1;
      pN++;
      rSum += 1;
      rN++;
      continue;
    }
    if (tp + fp > 0) {
      pSum += tp / (tp + fp);
      pN++;
    }
    if (tp + fn > 0) {
      rSum += tp / (tp + fn);
      rN++;
    }
  }
  const precision = pN ? pSum / pN : 0;
  const recall = rN ? rSum / rN : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

export async function evalExtract(opts: { data: string }): Promise<EvalResult> {
  const truth = JSON.parse(readFileSync(join(opts.data, "ground-truth.json"), "utf8")) as Record<string, { articleBody: string; url?: string }>;
  const files = new Set(readdirSync(join(opts.data, "html")));
  const docs: { tp: number; fp: number; fn: number }[] = [];
  const t0 = performance.now();
  for (const [id, gt] of Object.entries(truth)) {
    const name = `${id}.html.gz`;
    if (!files.has(name)) continue;
    const html = gunzipSync(readFileSync(join(opts.data, "html", name))).toString("utf8");
    const ex = extractHtml(html, gt.url);
    docs.push(shingleCounts(gt.articleBody, ex.text));
  }
  const seconds = (performance.now() - t0) / 1000;
  const { precision, recall, f1 } = aggregateShingles(docs);
  return {
    text: [
      `article extraction on ${docs.length} pages (${opts.data})`,
      `precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}  (${(docs.length / seconds).toFixed(1)} pages/s)`,
    ].join("\n"),
    json: { f1, precision, recall, pages: docs.length },
  };
}
