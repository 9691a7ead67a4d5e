import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseIsoDay } from "../annotate/time/calendar.js";
import { extractTimexes, type Timex } from "../annotate/time/extract.js";
import type { EvalResult, EvalOptions } from "./types.js";
import { annotateSentences } from "../annotate/sentences.js";
import type { Article } from "../model/article.js";
import { OffsetMap } from "../model/offset-map.js";
import type { Span } from "../model/span.js";
import type { TokenColumns } from "../model/tokens.js";

export interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface TmlDoc {
  name: string;
  dct?: string;
  text: string;
  timexes: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

/** A TimeML document: the TEXT element's plain text, its TIMEX3 spans, and the DCT value. */
export function parseTml(xml: string, name = ""): TmlDoc {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml)?.[1];
  const dct = dctTag ? attr(dctTag, "value") : undefined;
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? "";
  let text = "";
  const timexes: GoldTimex[] = [];
  const open: { start: number; type: string; value: string }[] = [];
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(\w+);|[^<&]+|[<&]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (m[2]) {
      if (m[2] !== "TIMEX3") continue;
      if (m[1]) {
        const o = open.pop();
        if (o) timexes.push({ start: o.start, end: text.length, type: o.type, value: o.value });
      } else {
        open.push({ start: text.length, type: attr(m[3]!, "type") ?? "", value: attr(m[3]!, "value") ?? "" });
        if (m[3]!.trimEnd().endsWith("/")) open.pop();
      }
    } else if (m[4]) text += ENTITIES[m[4]] ?? m[0];
    else text += m[0];
  }
  // trim trailing whitespace/punctuation inside gold spans is not done: TE3 counts tokens
  return { name, dct, text, timexes };
}

interface Counts {
  sys: number;
  gold: number;
  strict: number;
  relaxed: number;
  type: number;
  value: number;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** TE3 counting for one document: relaxed matches pair each system timex with the first overlapping gold one. */
export function scoreDoc(gold: readonly GoldTimex[], sys: readonly Timex[], text: string): Counts {
  const c: Counts = { sys: sys.length, gold: gold.length, strict: 0, relaxed: 0, type: 0, value: 0 };
  const usedGold = new Set<number>();
  const norm = (s: { start: number; end: number }): string => text.slice(s.start, s.end).trim();
  for (const s of sys) {
    const gi = gold.findIndex((g, i) => !usedGold.has(i) && overlaps(g, s));
    if (gi < 0) continue;
    usedGold.add(gi);
    const g = gold[gi]!;
    c.relaxed++;
    const gs = g.start + (text.slice(g.start, g.end).length - text.slice(g.start, g.end).trimStart().length);
    if (gs === s.start && norm(g) === norm(s)) c.strict++;
    if (g.type === s.type) c.type++;
    if (g.value === s.value) c.value++;
  }
  return c;
}

/** Sentences and POS-tagged tokens of a plain text, through the `sentences` annotator. */
function sentencesOf(text: string): { sentences: Span[]; tokens: TokenColumns } {
  const article: Article = {
    id: "doc", source: { origin: "eval", format: "text" }, raw: text, text,
    offsets: new OffsetMap([{ cleanStart: 0, rawStart: 0, length: text.length }]), removals: [], layers: {},
  };
  annotateSentences(article);
  return { sentences: article.layers.sentence ?? [], tokens: article.tokens! };
}

function prf(tp: number, sys: number, gold: number): { p: number; r: number; f: number } {
  const p = sys ? tp / sys : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

function listTml(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listTml(p));
    else if (e.endsWith(".tml")) out.push(p);
  }
  return out;
}

const r4 = (x: number): number => Math.round(x * 10000) / 10000;

export async function evalTimex(opts: EvalOptions): Promise<EvalResult> {
  let files = listTml(opts.data);
  if (opts.limit) files = files.slice(0, opts.limit);
  const tot: Counts = { sys: 0, gold: 0, strict: 0, relaxed: 0, type: 0, value: 0 };
  const errors: string[] = [];
  for (const f of files) {
    const doc = parseTml(readFileSync(f, "utf8"), f);
    const anchor = parseIsoDay(doc.dct);
    // the product's path: wink-nlp sentences and POS tags, as the `timex` annotator gets them
    const { sentences, tokens } = sentencesOf(doc.text);
    const sys = extractTimexes(doc.text, { anchor, sentences, tokens });
    const c = scoreDoc(doc.timexes, sys, doc.text);
    for (const k of Object.keys(tot) as (keyof Counts)[]) tot[k] += c[k];
    if (process.env.TIMEX_ERRORS) errors.push(...diff(doc, sys));
  }
  const strict = prf(tot.strict, tot.sys, tot.gold);
  const relaxed = prf(tot.relaxed, tot.sys, tot.gold);
  const type = prf(tot.type, tot.sys, tot.gold);
  const value = prf(tot.value, tot.sys, tot.gold);
  const json = {
    docs: files.length,
    gold: tot.gold,
    system: tot.sys,
    strict_precision: r4(strict.p),
    strict_recall: r4(strict.r),
    strict_f1: r4(strict.f),
    relaxed_precision: r4(relaxed.p),
    relaxed_recall: r4(relaxed.r),
    relaxed_f1: r4(relaxed.f),
    type_f1: r4(type.f),
    value_precision: r4(value.p),
    value_recall: r4(value.r),
    value_f1: r4(value.f),
  };
  const pct = (x: number): string => (100 * x).toFixed(1);
  const text = [
    `TempEval-3 timex evaluation on ${files.length} documents (${tot.gold} gold, ${tot.sys} system timexes; DCT excluded)`,
    `  strict  span  P ${pct(strict.p)}  R ${pct(strict.r)}  F1 ${pct(strict.f)}`,
    `  relaxed span  P ${pct(relaxed.p)}  R ${pct(relaxed.r)}  F1 ${pct(relaxed.f)}`,
    `  type    F1 ${pct(type.f)}`,
    `  value   P ${pct(value.p)}  R ${pct(value.r)}  F1 ${pct(value.f)}`,
    ...errors,
  ].join("\n");
  return { text, json };
}

function diff(doc: TmlDoc, sys: readonly Timex[]): string[] {
  const out: string[] = [];
  const seen = new Set<GoldTimex>();
  for (const s of sys) {
    const g = doc.timexes.find((x) => !seen.has(x) && overlaps(x, s));
    const st = JSON.stringify(doc.text.slice(s.start, s.end));
    if (!g) {
      out.push(`FP\t${st}\t${s.type}\t${s.value}\t${s.rule}`);
      continue;
    }
    seen.add(g);
    const gt = JSON.stringify(doc.text.slice(g.start, g.end));
    if (g.value !== s.value || g.type !== s.type) out.push(`VAL\t${st}\t${s.type}\t${s.value}\tgold ${gt}\t${g.type}\t${g.value}\t${s.rule}\tdct ${doc.dct}`);
    else if (gt !== st) out.push(`SPAN\t${st}\tgold ${gt}`);
  }
  for (const g of doc.timexes) if (!seen.has(g)) out.push(`FN\t${JSON.stringify(doc.text.slice(g.start, g.end))}\t${g.type}\t${g.value}`);
  return out;
}
