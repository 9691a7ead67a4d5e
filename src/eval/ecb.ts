import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PRONOUNS } from "../annotate/coref/lexicon.js";
import { clusterChains, type ChainInput } from "../entities/canonical.js";
import { conll, type Clustering } from "./coref-metrics.js";
import type { EvalOptions, EvalResult } from "./types.js";

export interface EcbMention {
  id: string;
  doc: string;
  topic: string;
  type: "HUM" | "LOC";
  tokens: string[];
  /** Index of the first token in the document and its sentence. */
  first: number;
  last: number;
  sentence: number;
  gold: string;
}

function decode(s: string): string {
  return s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

/** Reads the gold human-participant and location mentions of one ECB+ XML document. */
export function readEcbDoc(xml: string, doc: string, topic: string, sentences?: Set<number>): EcbMention[] {
  const tok = new Map<string, { text: string; sentence: number; idx: number }>();
  let idx = 0;
  for (const m of xml.matchAll(/<token t_id="(\d+)" sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) tok.set(m[1]!, { text: decode(m[3]!), sentence: Number(m[2]), idx: idx++ });
  const instanceOf = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:HUMAN_PART|LOC)[A-Z_]* m_id="(\d+)"[^>]*instance_id="([^"]+)"[^>]*\/>/g)) instanceOf.set(m[1]!, m[2]!);
  const gold = new Map<string, string>();
  for (const m of xml.matchAll(/<CROSS_DOC_COREF r_id="\d+" note="([^"]*)"\s*>([\s\S]*?)<\/CROSS_DOC_COREF>/g)) {
    const target = /<target m_id="(\d+)"/.exec(m[2]!)?.[1];
    const id = (target && instanceOf.get(target)) || m[1]!;
    for (const s of m[2]!.matchAll(/<source m_id="(\d+)"/g)) gold.set(s[1]!, id);
  }
  for (const m of xml.matchAll(/<INTRA_DOC_COREF r_id="(\d+)"[^>]*>([\s\S]*?)<\/INTRA_DOC_COREF>/g)) {
    const target = /<target m_id="(\d+)"/.exec(m[2]!)?.[1] ?? m[1]!;
    for (const s of m[2]!.matchAll(/<source m_id="(\d+)"/g)) if (!gold.has(s[1]!)) gold.set(s[1]!, `${doc}#intra${target}`);
  }
  const out: EcbMention[] = [];
  for (const m of xml.matchAll(/<((HUMAN_PART|LOC)[A-Z_]*) m_id="(\d+)"\s*>([\s\S]*?)<\/\1>/g)) {
    const anchors = [...m[4]!.matchAll(/t_id="(\d+)"/g)].map((a) => tok.get(a[1]!)).filter((t): t is NonNullable<typeof t> => !!t);
    if (anchors.length === 0) continue;
    anchors.sort((a, b) => a.idx - b.idx);
    const sentence = anchors[0]!.sentence;
    if (sentences && !sentences.has(sentence)) continue;
    const mid = m[3]!;
    out.push({
      id: `${doc}:${mid}`, doc, topic, type: m[2] === "LOC" ? "LOC" : "HUM", tokens: anchors.map((a) => a.text), first: anchors[0]!.idx,
      last: anchors[anchors.length - 1]!.idx, sentence, gold: gold.get(mid) ?? `${doc}:${mid}:single`,
    });
  }
  out.sort((a, b) => a.first - b.first);
  return out;
}

/** Head lemma: the last word before a post-modifier ("mayor of X" → mayor), lower-cased, plural -s folded. */
export function headLemma(tokens: string[]): string {
  let end = tokens.length;
  const cut = tokens.findIndex((t, i) => i > 0 && /^(of|in|at|from|who|which|that|,|\(|with|for|on)$/i.test(t));
  if (cut > 0) end = cut;
  let words = tokens.slice(0, end).filter((t) => /[\p{L}\p{N}]/u.test(t) && !/^['’]s$/.test(t));
  if (words.length === 0) words = tokens;
  const w = words[words.length - 1]!.toLowerCase().replace(/['’]s?$/, "");
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  if (w === "men") return "man";
  if (w === "women") return "woman";
  return w;
}

/** The same-head-lemma baseline: within a topic, mentions of one type with the same head lemma corefer. */
export function headLemmaBaseline(mentions: EcbMention[]): Clustering {
  const groups = new Map<string, string[]>();
  for (const m of mentions) {
    const k = `${m.topic}|${m.type}|${headLemma(m.tokens)}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(m.id);
  }
  return [...groups.values()];
}

function isName(m: EcbMention): boolean {
  const words = m.tokens.filter((t) => /\p{L}/u.test(t) && !/^(the|a|an|of|and|de|al|bin|van|von|['’]s)$/i.test(t));
  return words.length > 0 && words.every((t) => /^\p{Lu}/u.test(t)) && !PRONOUNS.has(m.tokens[0]!.toLowerCase());
}

const PLURAL_PRONOUNS = new Set(["they", "them", "their", "theirs", "themselves"]);
const OTHER_PRONOUNS = new Set(["who", "whom", "whose", "i", "me", "my", "we", "us", "our", "you", "your", "there", "here", "where", "it", "its"]);

/**
 * Our clustering: the head-lemma groups within a topic, joined by the canonical-entity name matcher
 * (name parts in any order, transliteration keys, initials, titles: "Lohan" / "Lindsay Lohan" / "Ms. Lohan")
 * and by pronoun links to the nearest earlier agreeing mention of the same document.
 */
export function ourClusters(mentions: EcbMention[]): Clustering {
  const parent = new Map<string, string>(mentions.map((m) => [m.id, m.id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const byTopic = new Map<string, EcbMention[]>();
  for (const m of mentions) (byTopic.get(m.topic) ?? byTopic.set(m.topic, []).get(m.topic)!).push(m);
  for (const ms of byTopic.values()) {
    // names: the cross-document matcher of the canonical entities
    const names = ms.filter((m) => isName(m));
    const chains: (ChainInput & { id: string })[] = names.map((m) => ({
      id: m.id, doc: m.doc, names: [m.tokens.join(" ").replace(/ ([’']s)$/, "$1")], nominals: [], type: m.type === "HUM" ? "PER" : "LOC", spans: [[m.first, m.last]],
    }));
    for (const group of clusterChains(chains)) for (const c of group) union((group[0] as ChainInput & { id: string }).id, (c as ChainInput & { id: string }).id);
    // every mention: same head lemma within the topic and type (as the baseline; on top of it come the
    // name matches above, which add transliteration, name order and initials, and the pronoun links below)
    const heads = new Map<string, string>();
    for (const m of ms) {
      const k = `${m.type}|${headLemma(m.tokens)}`;
      const first = heads.get(k);
      if (first) union(first, m.id);
      else heads.set(k, m.id);
    }
    // per document: pronouns to the nearest earlier agreeing mention (appositions were tried and lowered CoNLL F1 on 1-35)
    const byDoc = new Map<string, EcbMention[]>();
    for (const m of ms) (byDoc.get(m.doc) ?? byDoc.set(m.doc, []).get(m.doc)!).push(m);
    for (const dm of byDoc.values()) {
      for (let i = 0; i < dm.length; i++) {
        const m = dm[i]!;
        if (m.tokens.length !== 1) continue;
        const w = m.tokens[0]!.toLowerCase();
        const info = PRONOUNS.get(w);
        if (!info && !/^(who|whom|whose|i|me|my|we|us|our)$/.test(w)) continue;
        const plural = PLURAL_PRONOUNS.has(w) || /^(we|us|our)$/.test(w);
        for (let j = i - 1; j >= 0; j--) {
          const c = dm[j]!;
          if (m.sentence - c.sentence > 2) break;
          if (c.type !== m.type) continue;
          if (c.tokens.length === 1 && (PRONOUNS.has(c.tokens[0]!.toLowerCase()) || OTHER_PRONOUNS.has(c.tokens[0]!.toLowerCase()))) continue;
          const head = headLemma(c.tokens);
          const cPlural = !isName(c) && head !== c.tokens[c.tokens.length - 1]!.toLowerCase().replace(/['’]s?$/, "");
          if (plural !== cPlural && !(plural && /^(police|team|family|crew|group|staff|people)$/.test(head))) continue;
          union(c.id, m.id);
          break;
        }
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const m of mentions) (groups.get(find(m.id)) ?? groups.set(find(m.id), []).get(find(m.id))!).push(m.id);
  return [...groups.values()];
}

function goldClusters(mentions: EcbMention[]): Clustering {
  const g = new Map<string, string[]>();
  for (const m of mentions) (g.get(`${m.topic}|${m.gold}`) ?? g.set(`${m.topic}|${m.gold}`, []).get(`${m.topic}|${m.gold}`)!).push(m.id);
  return [...g.values()];
}

/** Topics to score: "1-35" (default: every topic folder). */
function parseTopics(spec: string | undefined): ((t: number) => boolean) | undefined {
  if (!spec) return undefined;
  const ranges = spec.split(",").map((r) => r.split("-").map(Number));
  return (t) => ranges.some(([a, b]) => t >= a! && t <= (b ?? a)!);
}

export function readEcb(dir: string, topics?: string, limit?: number): EcbMention[] {
  const csv = join(dir, "..", "ECBplus_coreference_sentences.csv");
  const csv2 = join(dir, "ECBplus_coreference_sentences.csv");
  const sentFile = existsSync(csv2) ? csv2 : existsSync(csv) ? csv : undefined;
  const annotated = new Map<string, Set<number>>();
  if (sentFile) {
    for (const line of readFileSync(sentFile, "utf8").split(/\r?\n/).slice(1)) {
      const [t, f, s] = line.split(",");
      if (!t || !f || s === undefined) continue;
      const k = `${t}_${f}.xml`;
      (annotated.get(k) ?? annotated.set(k, new Set()).get(k)!).add(Number(s));
    }
  }
  const root = existsSync(join(dir, "ECB+")) ? join(dir, "ECB+") : dir;
  const keep = parseTopics(topics);
  const out: EcbMention[] = [];
  const topicDirs = readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(a) - Number(b));
  let docs = 0;
  for (const t of topicDirs) {
    if (keep && !keep(Number(t))) continue;
    for (const f of readdirSync(join(root, t)).filter((x) => x.endsWith(".xml")).sort()) {
      if (limit && docs >= limit) return out;
      docs++;
      const sentences = sentFile ? annotated.get(f) ?? new Set<number>() : undefined;
      out.push(...readEcbDoc(readFileSync(join(root, t, f), "utf8"), f, t, sentences));
    }
  }
  return out;
}

export async function evalEcbEntities(opts: EvalOptions): Promise<EvalResult> {
  const topics = opts.format ?? "1-35";
  const mentions = readEcb(opts.data, topics === "all" ? undefined : topics, opts.limit);
  const key = goldClusters(mentions);
  const ours = conll(key, ourClusters(mentions));
  const base = conll(key, headLemmaBaseline(mentions));
  const pct = (x: number): string => (100 * x).toFixed(1);
  const row = (name: string, s: typeof ours): string =>
    `  ${name.padEnd(16)} MUC ${pct(s.muc.f1)}  B3 ${pct(s.b3.f1)}  CEAF-e ${pct(s.ceafe.f1)}  CoNLL ${pct(s.conll)}`;
  return {
    text: [
      `ECB+ entity coreference (human participants and locations, gold mentions, gold topics), topics ${topics}: ${mentions.length} mentions, ${key.length} gold entities`,
      row("ours", ours),
      row("same-head-lemma", base),
    ].join("\n"),
    json: {
      conll_f1: ours.conll, muc_f1: ours.muc.f1, b3_f1: ours.b3.f1, ceafe_f1: ours.ceafe.f1,
      baseline: { conll_f1: base.conll, muc_f1: base.muc.f1, b3_f1: base.b3.f1, ceafe_f1: base.ceafe.f1 }, mentions: mentions.length, topics,
    },
  };
}
