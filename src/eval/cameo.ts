/**
 * `crosscheck eval cameo --data FILE`: PETRARCH2's unit-test records (sentences with expected
 * (source, target, code) triples). The coder runs on the sentence text with wink-nlp POS tags
 * (the records' gold parses are not used), with the validation dictionaries named in the file's
 * <Environment> block, read from ../dictionaries next to the records file.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { codeSentence, type CodedEvent } from "../annotate/events/coder.js";
import { compileTables, emptyTables, parseActorDictionary, parseAgentDictionary, parseVerbDictionary, type CompiledTables } from "../annotate/events/tables.js";
import { tagText } from "../annotate/events/tag.js";
import type { EvalOptions, EvalResult } from "./types.js";

export interface CameoRecord {
  id: string;
  category: string;
  date: string;
  text: string;
  expected: Triple[];
  noEvents: boolean;
  /** Records the upstream suite marks as coding errors to be detected: skipped. */
  error: boolean;
}

export type Triple = [source: string, target: string, code: string];

const attr = (s: string, name: string): string | undefined => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(s)?.[1];

/** Parses the records XML (pure). */
export function parseRecords(xml: string): { records: CameoRecord[]; env: Record<string, string> } {
  const env: Record<string, string> = {};
  const envBlock = /<Environment>([\s\S]*?)<\/Environment>/.exec(xml)?.[1] ?? "";
  for (const m of envBlock.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) env[m[1]!] = m[2]!.trim();
  const body = xml.replace(/<!--[\s\S]*?-->/g, "");
  const records: CameoRecord[] = [];
  for (const m of body.matchAll(/<Sentence\b([^>]*)>([\s\S]*?)<\/Sentence>/g)) {
    const a = m[1]!;
    const inner = m[2]!;
    const id = attr(a, "id");
    const text = /<Text>([\s\S]*?)<\/Text>/.exec(inner)?.[1];
    if (!id || text === undefined) continue;
    const expected: Triple[] = [];
    let noEvents = false;
    let error = false;
    for (const e of inner.matchAll(/<EventCoding\b([^>]*)>/g)) {
      const ea = e[1]!;
      if (attr(ea, "noevents")?.toLowerCase() === "true") noEvents = true;
      if (attr(ea, "error") !== undefined) error = true;
      const code = attr(ea, "eventcode");
      if (code !== undefined) expected.push([attr(ea, "sourcecode") ?? "", attr(ea, "targetcode") ?? "", code]);
    }
    records.push({ id, category: attr(a, "category") ?? "", date: attr(a, "date") ?? "", text: text.replace(/\s+/g, " ").trim(), expected, noEvents, error });
  }
  return { records, env };
}

export type FailureClass = "pass" | "no event" | "spurious event" | "wrong code" | "wrong source" | "wrong target" | "wrong source and target" | "partial";

/** Scores one record: triple counts and the class of failure. */
export function scoreRecord(expected: readonly Triple[], predicted: readonly Triple[]): { tp: number; fp: number; fn: number; cls: FailureClass } {
  const key = (t: Triple): string => t.join("|");
  const exp = new Set(expected.map(key));
  const pred = new Set(predicted.map(key));
  let tp = 0;
  for (const k of pred) if (exp.has(k)) tp++;
  const fp = pred.size - tp;
  const fn = exp.size - tp;
  let cls: FailureClass = "pass";
  if (fp === 0 && fn === 0) cls = "pass";
  else if (pred.size === 0) cls = "no event";
  else if (exp.size === 0) cls = "spurious event";
  else if (tp > 0) cls = "partial";
  else {
    const e = expected[0]!;
    const sameCode = predicted.some((p) => p[0] === e[0] && p[1] === e[1]);
    const sameDyadOtherSource = predicted.some((p) => p[2] === e[2] && p[1] === e[1]);
    const sameDyadOtherTarget = predicted.some((p) => p[2] === e[2] && p[0] === e[0]);
    if (sameCode) cls = "wrong code";
    else if (sameDyadOtherSource) cls = "wrong source";
    else if (sameDyadOtherTarget) cls = "wrong target";
    else cls = "wrong source and target";
  }
  return { tp, fp, fn, cls };
}

export function prf(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Loads the validation dictionaries named in the records' environment. */
export function loadValidationTables(recordsFile: string, env: Record<string, string>): CompiledTables {
  const dirs = [join(dirname(recordsFile), "..", "dictionaries"), dirname(recordsFile)];
  const read = (name: string | undefined): string => {
    if (!name) return "";
    for (const d of dirs) if (existsSync(join(d, name))) return readFileSync(join(d, name), "utf8");
    throw new Error(`cameo eval: dictionary ${name} not found next to ${recordsFile}`);
  };
  const t = emptyTables();
  parseVerbDictionary(read(env.Verbfile), t);
  parseActorDictionary(read(env.Actorfile), t);
  parseAgentDictionary(read(env.Agentfile), t);
  return compileTables(t);
}

export function codeRecord(text: string, tables: CompiledTables, date?: string): CodedEvent[] {
  const tagged = tagText(text);
  const out: CodedEvent[] = [];
  for (const s of tagged) out.push(...codeSentence(s, tables, date ? { date } : {}));
  return out;
}

export async function evalCameo(opts: EvalOptions): Promise<EvalResult> {
  const xml = readFileSync(opts.data, "utf8");
  const { records, env } = parseRecords(xml);
  const tables = loadValidationTables(opts.data, env);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let passed = 0;
  let scored = 0;
  let rootTp = 0;
  let rootFp = 0;
  let rootFn = 0;
  const classes: Record<string, number> = {};
  const byCategory: Record<string, { passed: number; total: number }> = {};
  const failures: string[] = [];
  const t0 = performance.now();
  for (const r of records.slice(0, opts.limit ?? records.length)) {
    if (r.error) continue;
    scored++;
    const events = codeRecord(r.text, tables, r.date);
    const predicted: Triple[] = [...new Map(events.map((e) => [`${e.source.code}|${e.target.code}|${e.code}`, [e.source.code, e.target.code, e.code] as Triple])).values()];
    const s = scoreRecord(r.noEvents ? [] : r.expected, predicted);
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    const root = (ts: readonly Triple[]): Triple[] => ts.map((t) => [t[0], t[1], t[2].slice(0, 2)]);
    const sr = scoreRecord(root(r.noEvents ? [] : r.expected), [...new Map(root(predicted).map((t) => [t.join("|"), t])).values()]);
    rootTp += sr.tp;
    rootFp += sr.fp;
    rootFn += sr.fn;
    classes[s.cls] = (classes[s.cls] ?? 0) + 1;
    const c = (byCategory[r.category] ??= { passed: 0, total: 0 });
    c.total++;
    if (s.cls === "pass") {
      passed++;
      c.passed++;
    } else failures.push(`${r.id} [${s.cls}] expected ${r.noEvents ? "(none)" : r.expected.map((t) => t.join(" ")).join("; ") || "(none)"} | got ${predicted.map((t) => t.join(" ")).join("; ") || "(none)"}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const m = prf(tp, fp, fn);
  const root = prf(rootTp, rootFp, rootFn);
  const share = scored ? passed / scored : 0;
  const json = {
    records: scored,
    records_passed: share,
    passed,
    triple_precision: m.precision,
    triple_recall: m.recall,
    triple_f1: m.f1,
    root_f1: root.f1,
    failures_by_class: classes,
    by_category: byCategory,
  };
  const text = [
    `CAMEO coding on ${scored} PETRARCH2 unit-test records (${opts.data}); ${records.length - scored} error records skipped`,
    `records passed ${passed}/${scored} = ${(share * 100).toFixed(1)}%`,
    `triples: precision ${m.precision.toFixed(4)}  recall ${m.recall.toFixed(4)}  F1 ${m.f1.toFixed(4)}   root-code triple F1 ${root.f1.toFixed(4)}   (${(scored / seconds).toFixed(0)} records/s)`,
    `by class: ${Object.entries(classes).map(([k, v]) => `${k} ${v}`).join(", ")}`,
    `by category: ${Object.entries(byCategory).map(([k, v]) => `${k} ${v.passed}/${v.total}`).join(", ")}`,
    ...(opts.format === "failures" ? ["", ...failures] : []),
  ].join("\n");
  return { text, json };
}
