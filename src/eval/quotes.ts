import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Article } from "../model/article.js";
import { annotate } from "../annotate/index.js";
import { extractQuotes, type Quote } from "../annotate/quotes/extract.js";
import { buildCtx } from "../annotate/quotes/extract.js";
import type { EvalOptions, EvalResult } from "./types.js";

interface Seg {
  start: number;
  end: number;
}

export interface GoldAttribution {
  content: Seg[];
  source: Seg[] | null;
  cue: Seg[] | null;
}

function segs(s: string): Seg[] {
  return s.split(";").map((p) => {
    const [a, b] = p.trim().split(/\s+/).map(Number);
    return { start: a!, end: b! };
  });
}

/** Brat attributions: each E line's Content, Source and Cue spans. */
export function parseBrat(ann: string): GoldAttribution[] {
  const spans = new Map<string, { type: string; segs: Seg[] }>();
  const events: string[][] = [];
  for (const line of ann.split("\n")) {
    const cols = line.split("\t");
    if (/^T\d+$/.test(cols[0] ?? "") && cols[1]) {
      const m = /^(\S+) (.+)$/.exec(cols[1]);
      if (m) spans.set(cols[0]!, { type: m[1]!, segs: segs(m[2]!) });
    } else if (/^E\d+$/.test(cols[0] ?? "") && cols[1]) events.push(cols[1].split(" "));
  }
  const out: GoldAttribution[] = [];
  for (const ev of events) {
    const roles: Record<string, Seg[]> = {};
    for (const r of ev) {
      const [role, id] = r.split(":");
      const s = spans.get(id ?? "");
      if (role && s) roles[role.replace(/\d+$/, "")] = s.segs;
    }
    if (roles.Content) out.push({ content: roles.Content, source: roles.Source ?? null, cue: roles.Cue ?? null });
  }
  return out;
}

function overlapLen(a: Seg[], b: Seg): number {
  let n = 0;
  for (const s of a) n += Math.max(0, Math.min(s.end, b.end) - Math.max(s.start, b.start));
  return n;
}

function norm(text: string, segsIn: Seg[]): string {
  return segsIn
    .map((s) => text.slice(s.start, s.end))
    .join(" ")
    .replace(/^[\s"“”'‘’`,.:;—–-]+|[\s"“”'‘’`,.:;—–-]+$/g, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

function lastWord(s: string): string {
  const w = s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return w[w.length - 1] ?? "";
}

const PRONOUN_SOURCE = /^(?:he|she|they|i|we|it|him|her|them)$/;

type SpeakerPick = (q: Quote, article: Article) => Seg[];

/** Speaker spans a prediction offers for matching: the resolved speaker and the mention at the cue. */
const ours: SpeakerPick = (q) => [q.speaker, q.mention].filter((s): s is { start: number; end: number; text: string } => !!s);

/** CoreNLP-style baseline: the capitalised name (or entity) nearest to the cue, in characters. */
export const nearestName: SpeakerPick = (q, article) => {
  const anchor = q.cue ?? { start: q.start, end: q.end };
  let best: Seg | null = null;
  let bestD = Infinity;
  for (const n of namesOf(article)) {
    if (n.start < q.end && q.start < n.end) continue; // not inside the quote itself
    const d = n.end <= anchor.start ? anchor.start - n.end : n.start >= anchor.end ? n.start - anchor.end : 0;
    if (d < bestD) { bestD = d; best = n; }
  }
  return best ? [best] : [];
};

const NAMES = new WeakMap<Article, Seg[]>();

/** Person entities when an entity layer exists, else runs of proper-noun tokens. */
function namesOf(article: Article): Seg[] {
  const cached = NAMES.get(article);
  if (cached) return cached;
  const c = buildCtx(article);
  const ents = c.entities.filter((e) => e.label === "PER" || e.label === "PERSON");
  const names: Seg[] = ents.length ? ents : [];
  if (!names.length) {
    for (let i = 0; i < c.toks.length; i++) {
      if (c.toks[i]!.pos !== "PROPN") continue;
      let j = i;
      while (j + 1 < c.toks.length && c.toks[j + 1]!.pos === "PROPN") j++;
      names.push({ start: c.toks[i]!.s, end: c.toks[j]!.e });
      i = j;
    }
  }
  NAMES.set(article, names);
  return names;
}

interface Tally {
  sys: number;
  gold: number;
  sysPartial: number;
  goldPartial: number;
  exact: number;
  srcTotal: number;
  srcOurs: number;
  srcBase: number;
  srcOursNoAnte: number;
}

function firstAnnotators(data: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of [join(data, ".."), join(data, "..", ".."), data]) {
    const meta = join(dir, "metadata.tsv");
    if (!existsSync(meta)) continue;
    for (const line of readFileSync(meta, "utf8").split("\n").slice(1)) {
      const cols = line.split("\t");
      if (cols[1] && cols[3]) out.set(cols[1], cols[3].split("|")[0]!);
    }
    break;
  }
  return out;
}

export async function evalQuotes(opts: EvalOptions): Promise<EvalResult> {
  const textDir = join(opts.data, "text");
  const annDir = join(opts.data, "attributions");
  const first = firstAnnotators(opts.data);
  const anns = readdirSync(annDir).filter((f) => f.endsWith(".ann")).sort();
  const byDoc = new Map<string, string>();
  for (const f of anns) {
    const m = /^(.*)_([0-9a-f]{4})\.ann$/.exec(f);
    if (!m) continue;
    const want = first.get(m[1]!);
    if (!byDoc.has(m[1]!) || want === m[2]) byDoc.set(m[1]!, f);
  }
  let docs = [...byDoc.keys()].sort();
  if (opts.limit) docs = docs.slice(0, opts.limit);
  const t: Tally = { sys: 0, gold: 0, sysPartial: 0, goldPartial: 0, exact: 0, srcTotal: 0, srcOurs: 0, srcBase: 0, srcOursNoAnte: 0 };
  const directT = { gold: 0, found: 0, src: 0 };
  for (const doc of docs) {
    const text = readFileSync(join(textDir, doc + ".txt"), "utf8");
    const gold = parseBrat(readFileSync(join(annDir, byDoc.get(doc)!), "utf8"));
    const article = { id: doc, text, raw: text, layers: {}, removals: [], source: { origin: doc, format: "text" } } as unknown as Article;
    // the annotators quotes depend on in the product: sentences/tokens and (when present) entities
    annotate(article, ["sentences", "entities"]);
    const sys = extractQuotes(article);
    t.sys += sys.length;
    t.gold += gold.length;
    for (const q of sys) if (gold.some((g) => overlapLen(g.content, q) > 0)) t.sysPartial++;
    for (const g of gold) {
      const gLen = g.content.reduce((n, s) => n + s.end - s.start, 0);
      const isDirect = /^\s*["“]/.test(text.slice(g.content[0]!.start, g.content[0]!.start + 3));
      if (isDirect) directT.gold++;
      const hits = sys.filter((q) => overlapLen(g.content, q) > 0);
      if (hits.length) t.goldPartial++;
      else if (process.env.QUOTE_ERRORS) console.error("MISS\t" + (g.cue ? norm(text, g.cue) : "-") + "\t" + norm(text, g.content).slice(0, 80));
      if (hits.some((q) => norm(text, [q]) === norm(text, g.content))) t.exact++;
      // speaker accuracy on matched attributions (best overlap, at least half of the gold or the system span)
      let best: Quote | null = null;
      let bestO = 0;
      // the attribution whose cue is the gold cue, else the one overlapping the gold content most
      const byCue = g.cue ? hits.find((q) => q.cue && overlapLen(g.cue!, q.cue) > 0) : undefined;
      for (const q of byCue ? [byCue] : hits) {
        const o = overlapLen(g.content, q);
        if (o > bestO) {
          bestO = o;
          best = q;
        }
      }
      if (isDirect && best) directT.found++;
      if (!best || !g.source || bestO < 0.5 * Math.min(gLen, best.end - best.start)) continue;
      t.srcTotal++;
      const gsText = norm(text, g.source);
      // a pronoun source ("he said") is scored against its antecedent: the nearest preceding
      // non-pronoun gold source (a gold-side stand-in for coreference, which PolNeAR does not annotate)
      let antecedent: string | null = null;
      if (PRONOUN_SOURCE.test(gsText)) {
        let bestStart = -1;
        for (const o of gold) {
          if (!o.source) continue;
          const st = o.source[0]!.start;
          const ot = norm(text, o.source);
          if (st < g.source[0]!.start && st > bestStart && !PRONOUN_SOURCE.test(ot)) {
            bestStart = st;
            antecedent = ot;
          }
        }
      }
      const ok = (cands: Seg[], useAntecedent = true): boolean =>
        cands.some((s) => {
          const lw = lastWord(text.slice(s.start, s.end));
          return overlapLen(g.source!, s) > 0 || (lw !== "" && (lw === lastWord(gsText) || (useAntecedent && antecedent !== null && lw === lastWord(antecedent))));
        });
      if (ok(ours(best, article), false)) t.srcOursNoAnte++;
      if (process.env.QUOTE_ERRORS && !ok(ours(best, article))) console.error("SRC\t" + gsText + "\t" + (best.speaker?.text ?? "null") + "\t" + best.how + "\t" + norm(text, g.content).slice(0, 60));
      if (ok(ours(best, article))) {
        t.srcOurs++;
        if (isDirect) directT.src++;
      }
      if (ok(nearestName(best, article))) t.srcBase++;
    }
  }
  const p = t.sys ? t.sysPartial / t.sys : 0;
  const r = t.gold ? t.goldPartial / t.gold : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  const pe = t.sys ? t.exact / t.sys : 0;
  const re = t.gold ? t.exact / t.gold : 0;
  const fe = pe + re ? (2 * pe * re) / (pe + re) : 0;
  const r4 = (x: number): number => Math.round(x * 10000) / 10000;
  const json = {
    docs: docs.length,
    gold: t.gold,
    system: t.sys,
    content_precision_partial: r4(p),
    content_recall_partial: r4(r),
    content_f1_partial: r4(f),
    content_precision_exact: r4(pe),
    content_recall_exact: r4(re),
    content_f1_exact: r4(fe),
    source_matched: t.srcTotal,
    source_accuracy: r4(t.srcTotal ? t.srcOurs / t.srcTotal : 0),
    source_accuracy_without_antecedent: r4(t.srcTotal ? t.srcOursNoAnte / t.srcTotal : 0),
    baseline_source_accuracy: r4(t.srcTotal ? t.srcBase / t.srcTotal : 0),
    direct_gold: directT.gold,
    direct_recall_partial: r4(directT.gold ? directT.found / directT.gold : 0),
  };
  const pct = (x: number): string => (100 * x).toFixed(1);
  const text = [
    `PolNeAR attribution evaluation on ${docs.length} documents (${t.gold} gold attributions, ${t.sys} system quotes)`,
    `  content partial  P ${pct(p)}  R ${pct(r)}  F1 ${pct(f)}`,
    `  content exact    P ${pct(pe)}  R ${pct(re)}  F1 ${pct(fe)}`,
    `  source accuracy on ${t.srcTotal} matched attributions with a gold source: ours ${pct(json.source_accuracy)}, nearest-name baseline ${pct(json.baseline_source_accuracy)}`,
    `  (ours without crediting pronoun gold sources through their antecedent: ${pct(json.source_accuracy_without_antecedent)})`,
    `  direct quotes (gold content starts with a quotation mark): ${directT.gold}, found ${pct(json.direct_recall_partial)}`,
  ].join("\n");
  return { text, json };
}
