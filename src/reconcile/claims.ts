import type { Article } from "../model/article.js";
import type { Story } from "../model/story.js";
import { Support, participantClaims } from "./participants.js";
import { type ClaimUnit, type StoryEntity, claimUnits, translitKey } from "./units.js";

export interface ClaimSupport {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

export interface ClaimConflict {
  slot: string;
  values: { value: string; articles: string[] }[];
}

export interface Claim {
  id: string;
  text: string;
  kind: "fact" | "attributed";
  attributedTo?: string;
  support: ClaimSupport[];
  /** Number of distinct articles that make the claim. */
  sources: number;
  conflicts: ClaimConflict[];
  unique: boolean;
  /** Typed slots of the claim, by article. */
  slots: { numbers: { value: number; unit: string; articleId: string }[]; dates: { value: string; articleId: string }[]; entities: string[] };
}

export interface AlignOptions {
  /** Cosine similarity from which two statements of different articles are the same claim. */
  threshold: number;
  /** Content concepts (not entities) two statements must share. */
  minSharedConcepts: number;
}

export const DEFAULT_ALIGN: AlignOptions = { threshold: 0.2, minSharedConcepts: 2 };

/**
 * Groups statements of different articles that say the same thing. Candidate pairs come from an inverted
 * index over concepts (no all-pairs scan); pairs are merged best first, never putting two statements of the
 * same article in one claim.
 */
export function alignUnits(units: ClaimUnit[], opts: AlignOptions = DEFAULT_ALIGN): number[][] {
  // statements of one article never pair: each is its own group
  if (units.every((u) => u.articleId === units[0]!.articleId)) return units.map((_, i) => [i]);
  const { vKeys, vWeights, df, isEntity, articleOf, garbled } = internUnits(units);
  const n = units.length;
  weighUnits(n, vKeys, vWeights, df, isEntity);
  const { postings, postingWeights } = postingLists(n, df.length, vKeys, vWeights);
  const pairs = similarPairs(n, vKeys, vWeights, postings, postingWeights, isEntity, articleOf, garbled, opts);
  return mergePairs(units, pairs);
}

// (each loop of the alignment is a function of its own: an optimised loop entered on the stack deoptimised at the
// next loop, which it had never run, on every large story)

/** Integer ids for keys (in order of first use) and articles; each unit's keys and counts as parallel arrays, in key order. */
function internUnits(units: ClaimUnit[]): {
  vKeys: Int32Array[];
  vWeights: Float64Array[];
  df: number[];
  isEntity: boolean[];
  articleOf: Int32Array;
  garbled: Uint8Array;
} {
  const keyId = new Map<string, number>();
  const isEntity: boolean[] = [];
  /** Number of units with each key (IDF is counted per unit). */
  const df: number[] = [];
  const articleOf = new Int32Array(units.length);
  const articleId = new Map<string, number>();
  const garbled = new Uint8Array(units.length);
  const vKeys: Int32Array[] = [];
  const vWeights: Float64Array[] = [];
  // (the result is made before the loop: code after a long loop that the first call compiled on the stack had not
  // run yet, and that compiled loop was entered again by every later call only to be thrown away at its end)
  const out = { vKeys, vWeights, df, isEntity, articleOf, garbled };
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    let a = articleId.get(u.articleId);
    if (a === undefined) articleId.set(u.articleId, (a = articleId.size));
    articleOf[i] = a;
    garbled[i] = u.garbled ? 1 : 0;
    const ks = new Int32Array(u.keys.size);
    const cs = new Float64Array(u.keys.size);
    let q = 0;
    for (const [k, c] of u.keys) {
      let id = keyId.get(k);
      if (id === undefined) {
        keyId.set(k, (id = keyId.size));
        isEntity.push(k.startsWith("E:"));
        df.push(0);
      }
      df[id]!++;
      ks[q] = id;
      cs[q++] = c;
    }
    vKeys.push(ks);
    vWeights.push(cs);
  }
  return out;
}

/** TF-IDF weights over the units of the story, normalised per unit (the counts in vWeights are replaced in place). */
function weighUnits(n: number, vKeys: Int32Array[], vWeights: Float64Array[], df: number[], isEntity: boolean[]): void {
  for (let i = 0; i < n; i++) {
    const ks = vKeys[i]!;
    const ws = vWeights[i]!;
    let norm = 0;
    for (let q = 0; q < ks.length; q++) {
      const id = ks[q]!;
      const w = (1 + Math.log(ws[q]!)) * Math.log(1 + n / df[id]!) * (isEntity[id] ? 1.5 : 1);
      ws[q] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let q = 0; q < ks.length; q++) ws[q] = ws[q]! / norm;
  }
}

/** For each key, the units that have it (in unit order) and their weights on it. */
function postingLists(n: number, keys: number, vKeys: Int32Array[], vWeights: Float64Array[]): { postings: number[][]; postingWeights: number[][] } {
  const postings = emptyLists(keys);
  /** Weight of unit u on the key of each posting entry, parallel to `postings`. */
  const postingWeights = emptyLists(keys);
  const out = { postings, postingWeights };
  fillPostings(n, vKeys, vWeights, postings, postingWeights);
  return out;
}

// (each loop in a function of its own, nothing but a return after it: see internUnits)
function emptyLists(n: number): number[][] {
  const lists: number[][] = [];
  for (let id = 0; id < n; id++) lists.push([]);
  return lists;
}

function fillPostings(n: number, vKeys: Int32Array[], vWeights: Float64Array[], postings: number[][], postingWeights: number[][]): void {
  for (let i = 0; i < n; i++) {
    const ks = vKeys[i]!;
    const ws = vWeights[i]!;
    for (let q = 0; q < ks.length; q++) {
      postings[ks[q]!]!.push(i);
      postingWeights[ks[q]!]!.push(ws[q]!);
    }
  }
}

/** Pairs of units of different articles, neither garbled, similar enough and sharing enough concepts: [similarity, i, j], i < j. */
function similarPairs(
  n: number,
  vKeys: Int32Array[],
  vWeights: Float64Array[],
  postings: number[][],
  postingWeights: number[][],
  isEntity: boolean[],
  articleOf: Int32Array,
  garbled: Uint8Array,
  opts: AlignOptions,
): [number, number, number][] {
  const pairs: [number, number, number][] = [];
  const acc = new Float64Array(n);
  const shared = new Uint16Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    if (garbled[i]) continue;
    const ks = vKeys[i]!;
    const ws = vWeights[i]!;
    const ai = articleOf[i]!;
    for (let q = 0; q < ks.length; q++) {
      const k = ks[q]!;
      const w = ws[q]!;
      const plist = postings[k]!;
      const pw = postingWeights[k]!;
      const content = !isEntity[k];
      // postings are in unit order: skip to the first unit after i
      let lo = 0;
      let hi = plist.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (plist[mid]! <= i) lo = mid + 1;
        else hi = mid;
      }
      for (let p = lo; p < plist.length; p++) {
        const j = plist[p]!;
        if (articleOf[j] === ai || garbled[j]) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w * pw[p]!;
        if (content) shared[j]!++;
      }
    }
    for (const j of touched) {
      if (acc[j]! >= opts.threshold && shared[j]! >= opts.minSharedConcepts) pairs.push([acc[j]!, i, j]);
      acc[j] = 0;
      shared[j] = 0;
    }
    touched.length = 0;
  }
  return pairs;
}

/** Merges pairs best first into groups, never two units of one article in a group; groups sorted, in order of their first unit. */
function mergePairs(units: ClaimUnit[], pairs: [number, number, number][]): number[][] {
  pairs.sort((a, b) => b[0] - a[0]);
  const group = units.map((_, i) => i);
  const members = new Map<number, number[]>(units.map((_, i) => [i, [i]]));
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  for (const [, i, j] of pairs) {
    const a = find(i);
    const b = find(j);
    if (a === b) continue;
    const ma = members.get(a)!;
    const mb = members.get(b)!;
    const arts = new Set(ma.map((x) => units[x]!.articleId));
    if (mb.some((x) => arts.has(units[x]!.articleId))) continue;
    group[b] = a;
    ma.push(...mb);
    members.delete(b);
  }
  return [...members.values()].map((m) => m.sort((x, y) => x - y));
}

function conflictsOf(units: ClaimUnit[]): ClaimConflict[] {
  const conflicts: ClaimConflict[] = [];
  const byUnit = new Map<string, Map<string, Set<string>>>();
  for (const u of units) {
    for (const n of u.numbers) {
      let values = byUnit.get(n.unit);
      if (!values) byUnit.set(n.unit, (values = new Map()));
      let arts = values.get(String(n.value));
      if (!arts) values.set(String(n.value), (arts = new Set()));
      arts.add(u.articleId);
    }
  }
  for (const [unit, values] of byUnit) {
    if (values.size < 2) continue;
    const articles = new Set([...values.values()].flatMap((s) => [...s]));
    if (articles.size < 2) continue;
    conflicts.push({ slot: unit === "age" ? "age" : `number of ${unit}`, values: [...values].map(([value, arts]) => ({ value, articles: [...arts] })) });
  }
  const dates = new Map<string, Set<string>>();
  for (const u of units) for (const d of u.dates) (dates.get(d) ?? dates.set(d, new Set()).get(d)!).add(u.articleId);
  const byGranularity = new Map<number, [string, Set<string>][]>();
  for (const [d, arts] of dates) (byGranularity.get(d.length) ?? byGranularity.set(d.length, []).get(d.length)!).push([d, arts]);
  for (const list of byGranularity.values()) {
    if (list.length < 2) continue;
    const articles = new Set(list.flatMap(([, a]) => [...a]));
    if (articles.size < 2) continue;
    conflicts.push({ slot: "date", values: list.map(([value, arts]) => ({ value, articles: [...arts] })) });
  }
  return conflicts;
}

/** Spelling conflicts of canonical entities: one article writes Andrey where another writes Andrei. */
export function nameConflicts(entities: StoryEntity[], articles: Map<string, Article>): Claim[] {
  const claims: Claim[] = [];
  for (const e of entities) {
    if (e.type !== "PER" && e.type !== "LOC" && e.type !== "ORG") continue;
    const c = entityNameConflicts(e, articles);
    if (c) claims.push(c);
  }
  return claims;
}

// (the per-entity step a function of its own: see storyClaims)
function entityNameConflicts(e: StoryEntity, articles: Map<string, Article>): Claim | undefined {
  const forms = new Map<string, Map<string, string[]>>(); // translit key → written form → articles
  const support: ClaimSupport[] = [];
  for (const [articleId, spans] of Object.entries(e.mentions ?? {})) {
    const a = articles.get(articleId);
    if (!a) continue;
    for (const [s, t] of spans) {
      const written = a.text.slice(s, t);
      const words = written.match(/\p{Lu}[\p{L}’'-]+/gu) ?? [];
      if (words.length === 0) continue;
      if (!support.some((x) => x.articleId === articleId)) support.push(new Support(articleId, s, t, written));
      for (const w of words) {
        if (w.length < 3) continue;
        const key = translitKey(w);
        let byForm = forms.get(key);
        if (!byForm) forms.set(key, (byForm = new Map()));
        const list = byForm.get(w) ?? [];
        if (!list.includes(articleId)) list.push(articleId);
        byForm.set(w, list);
      }
    }
  }
  const conflicts: ClaimConflict[] = [];
  for (const byForm of forms.values()) {
    if (byForm.size < 2) continue;
    // Diacritics alone (Erdoğan / Erdogan) are not a disagreement when one article writes both.
    const arts = [...byForm.values()];
    const shared = arts.some((a, i) => arts.some((b, j) => i !== j && a.some((x) => b.includes(x))));
    if (shared) continue;
    conflicts.push({ slot: "name", values: [...byForm].map(([value, articles]) => ({ value, articles })) });
  }
  if (conflicts.length === 0) return undefined;
  const names = [...new Set(support.map((s) => s.text))];
  return {
    id: `name:${e.id}`,
    text: `${e.name} is named ${names.map((n) => `“${n}”`).join(" and ")} in different sources`,
    kind: "fact",
    support,
    sources: new Set(support.map((s) => s.articleId)).size,
    conflicts,
    unique: false,
    slots: { numbers: [], dates: [], entities: [e.id] },
  };
}

/** Claims of one story: aligned statements, their support, conflicts, and what only one source says. */
export interface StoryClaims {
  claims: Claim[];
  units: ClaimUnit[];
  /** Units grouped into claims (indexes into `units`). */
  groups: number[][];
  /** For each unit, how many articles make the same claim (1 = only its own). */
  unitSources: number[];
  /** For each unit, the articles that make the same claim. */
  unitArticles: string[][];
  /** For each unit, the index of its group in the alignment. */
  unitGroup: number[];
}

export function storyClaims(story: Story, articles: Map<string, Article>, opts: AlignOptions = DEFAULT_ALIGN): StoryClaims {
  const entities = story.results.entities as StoryEntity[] | undefined;
  const units: ClaimUnit[] = [];
  for (const id of story.articleIds) {
    const a = articles.get(id);
    if (a) for (const u of claimUnits(a, entities)) units.push(u);
  }
  const allGroups = alignUnits(units, opts);
  const unitSources = new Array<number>(units.length).fill(1);
  const unitArticles: string[][] = units.map((u) => [u.articleId]);
  const unitGroup = new Array<number>(units.length).fill(-1);
  for (let gi = 0; gi < allGroups.length; gi++) groupFacts(units, allGroups[gi]!, gi, unitSources, unitArticles, unitGroup);
  const groups = allGroups.filter((g) => !units[g[0]!]!.garbled && units[g[0]!]!.keys.size >= 3);
  const claims: Claim[] = [];
  const several = story.articleIds.length > 1;
  for (const g of groups) claims.push(groupClaim(units, g, `c${claims.length + 1}`, several));
  const result: StoryClaims = { claims, units, groups, unitSources, unitArticles, unitGroup };
  const participants = participantClaims(result, articles);
  for (const p of participants) claims.push(p);
  // entity spelling conflicts that the participant claims have not already reported
  if (entities)
    for (const c of nameConflicts(entities, articles))
      if (!participants.some((p) => p.conflicts.some((k) => c.conflicts.some((x) => x.slot === k.slot && sameValues(x, k))))) claims.push(c);
  claims.sort((a, b) => b.sources - a.sources || b.conflicts.length - a.conflicts.length);
  for (let i = 0; i < claims.length; i++) if (!claims[i]!.id.includes(":")) claims[i]!.id = `c${i + 1}`;
  return result;
}

// (the steps of storyClaims are functions of their own: the one function, with its array callbacks inlined, was
// recompiled six or seven times per cold run, ~70 ms each)

/** For each unit of a group: the group, how many and which articles make the claim. */
function groupFacts(units: ClaimUnit[], g: number[], gi: number, unitSources: number[], unitArticles: string[][], unitGroup: number[]): void {
  const seen = new Set<string>();
  for (const i of g) seen.add(units[i]!.articleId);
  const arts = [...seen];
  for (const i of g) {
    unitGroup[i] = gi;
    unitSources[i] = arts.length;
    unitArticles[i] = arts;
  }
}

/** The claim of a group of aligned statements. */
function groupClaim(units: ClaimUnit[], g: number[], id: string, severalArticles: boolean): Claim {
  const members: ClaimUnit[] = [];
  for (const i of g) members.push(units[i]!);
  // the statement told most plainly: not quoted, not attributed, longest key set
  // (the first of the best, as a stable sort puts it, by a scan)
  let rep = members[0]!;
  for (let k = 1; k < members.length; k++) if (plainer(members[k]!, rep) < 0) rep = members[k]!;
  let attributed = true;
  let firstAttribution: string | undefined;
  const arts = new Set<string>();
  const support: ClaimSupport[] = [];
  const numbers: Claim["slots"]["numbers"] = [];
  const dates: Claim["slots"]["dates"] = [];
  const ents = new Set<string>();
  for (const m of members) {
    if (m.attributedTo === undefined && !m.quoted) attributed = false;
    if (firstAttribution === undefined && m.attributedTo) firstAttribution = m.attributedTo;
    arts.add(m.articleId);
    support.push(new Support(m.articleId, m.start, m.end, m.text));
    for (const n of m.numbers) numbers.push({ value: n.value, unit: n.unit, articleId: m.articleId });
    for (const value of m.dates) dates.push({ value, articleId: m.articleId });
    for (const e of m.entities) ents.add(e);
  }
  const sources = arts.size;
  const conflicts = sources > 1 ? conflictsOf(members) : [];
  const unique = sources === 1 && severalArticles;
  const slots = { numbers, dates, entities: [...ents] };
  return attributed
    ? { id, text: rep.text, kind: "attributed", attributedTo: rep.attributedTo ?? firstAttribution, support, sources, conflicts, unique, slots }
    : { id, text: rep.text, kind: "fact", support, sources, conflicts, unique, slots };
}

/** Order of statements by how plainly they tell a claim: not quoted, then not attributed, then more keys. */
function plainer(a: ClaimUnit, b: ClaimUnit): number {
  return Number(a.quoted) - Number(b.quoted) || Number(!!a.attributedTo) - Number(!!b.attributedTo) || b.keys.size - a.keys.size;
}

function sameValues(a: ClaimConflict, b: ClaimConflict): boolean {
  const va = a.values.map((v) => v.value).sort().join("|");
  return va === b.values.map((v) => v.value).sort().join("|");
}
