import type { Article } from "../model/article.js";
import { TITLES } from "../annotate/coref/lexicon.js";
import type { Story } from "../model/story.js";
import { compatibleNames, foldName, nameKeys, parseName, type ParsedName } from "../annotate/coref/names.js";
import { objectArray } from "../util/arrays.js";

/** One entity across the articles of a story. */
export interface CanonicalEntity {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  /** Mention offsets [start, end] into each article's cleaned text, by article id. */
  mentions: Record<string, [number, number][]>;
  /** 0..1: mentions and spread over articles, relative to the story's most salient entity. */
  salience: number;
}

/** A within-document chain, as the cross-document matcher sees it. */
export interface ChainInput {
  doc: string;
  /** Names of the chain (name and titled-name mentions as written). */
  names: string[];
  /** Other mention texts (role nominals) kept as aliases. */
  nominals: string[];
  type?: string;
  spans: [number, number][];
  /** Whether the chain is mentioned in its document's first sentences (a salience hint). */
  early?: boolean;
}

interface Group {
  chains: ChainInput[];
  parsed: ParsedName[];
  type?: string;
}

function titleGender(p: ParsedName): string {
  for (const t of p.title) {
    const g = TITLES.get(t.toLowerCase());
    if (g && g !== "u") return g;
  }
  return "u";
}

function isPerson(type?: string): boolean {
  return type === "PER" || type === undefined;
}

function strip(s: string): string {
  return foldName(s.replace(/^(the|a|an)\s+/i, ""));
}

// (acronymOf and genderOf by loops: the filter/map arrays, empty or not, came in two hidden classes and threw away
// the optimised groupsMatch, place and keysOf that had inlined them)

const ACRONYM_SKIP = /^(of|the|and|for)$/i;

function acronymOf(words: string[]): string {
  let out = "";
  for (const w of words) if (!ACRONYM_SKIP.test(w)) out += w[0]!.toUpperCase();
  return out;
}

/** 1: some name of the group has a male title, 2: a female one (3: both), 0: neither. */
function genderOf(parsed: ParsedName[]): number {
  let out = 0;
  for (const p of parsed) {
    const g = titleGender(p);
    if (g === "m") out |= 1;
    else if (g === "f") out |= 2;
  }
  return out;
}

/** Can two groups be the same entity? Person names by parts, other names by folded string or acronym. */
export function groupsMatch(a: { parsed: ParsedName[]; type?: string }, b: { parsed: ParsedName[]; type?: string }): boolean {
  if (a.type !== undefined && b.type !== undefined && a.type !== b.type) return false;
  if (a.parsed.length === 0 || b.parsed.length === 0) return false;
  if (isPerson(a.type) && isPerson(b.type) && (a.type === "PER" || b.type === "PER")) {
    // every name of one must fit every name of the other (keeps "Maria Karlova" away from "Andrei Karlov")
    for (const x of a.parsed) for (const y of b.parsed) if (!compatibleNames(x, y)) return false;
    // titles of different gender ("Mr. Smith", "Mrs. Smith") name different people
    const ga = genderOf(a.parsed);
    const gb = genderOf(b.parsed);
    if ((ga & 1 && gb & 2) || (ga & 2 && gb & 1)) return false;
    return true;
  }
  for (const x of a.parsed) {
    const fx = forms(x);
    for (const y of b.parsed) {
      const fy = forms(y);
      if (fx.folded && fx.folded === fy.folded) return true;
      if (fx.isAcronym && fy.acronym === fx.joined) return true;
      if (fy.isAcronym && fx.acronym === fy.joined) return true;
    }
  }
  return false;
}

/** Derived forms of a parsed name used when comparing organisations and places (computed once per name). */
interface NameForms {
  joined: string;
  folded: string;
  isAcronym: boolean;
  acronym: string;
}
const formsOf = new WeakMap<ParsedName, NameForms>();

function forms(p: ParsedName): NameForms {
  let f = formsOf.get(p);
  if (!f) {
    const joined = p.words.join(" ");
    f = { joined, folded: strip(joined), isAcronym: /^[A-Z]{2,6}$/.test(joined), acronym: acronymOf(p.words) };
    formsOf.set(p, f);
  }
  return f;
}

function fullness(p: ParsedName): number {
  return p.full.length * 10 + p.initials.length * 3 - (p.patronymic ? 2 : 0) - p.title.length;
}

function slug(s: string): string {
  return foldName(s).replace(/\s+/g, "-").slice(0, 40) || "entity";
}

/**
 * Clusters within-document chains into entities across documents. Multi-word names go first (so the
 * fullest names anchor the entities), then shorter ones join the single entity they fit; a bare surname
 * that fits two different people ("Karlov" with Andrei and Maria Karlov both present) stays apart.
 */
export function clusterChains(chains: ChainInput[], parse: (name: string) => ParsedName = parseName): ChainInput[][] {
  const items = itemsOf(chains, parse);
  items.sort((x, y) => y.best - x.best || y.c.spans.length - x.c.spans.length);
  const groups = objectArray<Grouping>();
  // index: a group can only match an item that shares a name-word key, a folded string or an acronym with it
  const index = new Map<string, Set<number>>();
  for (const it of items) place(groups, index, it);
  const out = objectArray<ChainInput[]>();
  for (const g of groups) out.push(g.chains);
  return out;
}

// (clusterChains' steps are functions of their own, without per-call closures: the one function was compiled
// eight or nine times per cold run)

interface Item {
  c: ChainInput;
  parsed: ParsedName[];
  keys: string[];
  /** Most full words of any of its names. */
  best: number;
}

type Grouping = Group & { seen: Set<string> };

/** The chains with names, each with its parsed names that have full words (chains without any are left out). */
function itemsOf(chains: ChainInput[], parse: (name: string) => ParsedName): Item[] {
  const items = objectArray<Item>();
  for (const c of chains) {
    if (c.names.length === 0) continue;
    const parsed = objectArray<ParsedName>();
    let best = -Infinity;
    for (const n of c.names) {
      const p = parse(n);
      if (p.full.length === 0) continue;
      parsed.push(p);
      if (p.full.length > best) best = p.full.length;
    }
    if (parsed.length > 0) items.push({ c, parsed, keys: [], best });
  }
  return items;
}

/** Index keys of a chain's names: name-word keys, folded string, acronym. */
function keysOf(parsed: ParsedName[]): string[] {
  const out: string[] = [];
  for (const p of parsed) {
    for (const k of nameKeys(p)) out.push(`k:${k}`);
    const words = p.words.join(" ");
    out.push(`s:${strip(words)}`);
    if (/^[A-Z]{2,6}$/.test(words)) out.push(`a:${words}`);
    else out.push(`a:${acronymOf(p.words)}`);
  }
  return out;
}

function addTo(groups: Grouping[], index: Map<string, Set<number>>, gi: number, parsed: ParsedName[], keys: string[]): void {
  const g = groups[gi]!;
  for (const p of parsed) {
    const t = p.words.join(" ") + "|" + p.title.join(" ");
    if (g.seen.has(t)) continue;
    g.seen.add(t);
    g.parsed.push(p);
  }
  for (const k of keys) {
    let set = index.get(k);
    if (!set) index.set(k, (set = new Set()));
    set.add(gi);
  }
}

/** Puts a chain into the one group it fits, or a new group. */
function place(groups: Grouping[], index: Map<string, Set<number>>, it: Item): void {
  it.keys = keysOf(it.parsed);
  const cands = new Set<number>();
  for (const k of it.keys) {
    const set = index.get(k);
    if (set) for (const gi of set) cands.add(gi);
  }
  const probe = { parsed: it.parsed, type: it.c.type };
  const fits: number[] = [];
  for (const gi of [...cands].sort((a, b) => a - b)) if (groupsMatch(groups[gi]!, probe)) fits.push(gi);
  if (fits.length === 1 || (fits.length > 1 && it.best >= 2)) {
    const g = groups[fits[0]!]!;
    g.chains.push(it.c);
    g.type ??= it.c.type;
    addTo(groups, index, fits[0]!, it.parsed, it.keys);
  } else {
    // new entity (also when a bare surname fits two different people: kept apart)
    groups.push({ chains: [it.c], parsed: [], type: it.c.type, seen: new Set() });
    addTo(groups, index, groups.length - 1, it.parsed, it.keys);
  }
}

/** Each distinct name parsed once (a ParsedName is immutable once parsed); kept across stories, bounded. */
const parsedNames = new Map<string, ParsedName>();

function parseCached(n: string): ParsedName {
  let p = parsedNames.get(n);
  if (!p) {
    if (parsedNames.size >= 100_000) parsedNames.clear();
    parsedNames.set(n, (p = parseName(n)));
  }
  return p;
}

interface RawEntity {
  name: string;
  type: string;
  aliases: string[];
  mentions: Record<string, [number, number][]>;
  score: number;
}

/** An entity from its cluster of chains: best name, type, aliases, mentions by article, raw salience score. */
function rawEntity(cs: ChainInput[]): RawEntity {
  const parsed = cs.flatMap((c) => c.names.map((n) => ({ n, p: parseCached(n) })));
  parsed.sort((x, y) => fullness(y.p) - fullness(x.p));
  const name = parsed[0]?.p.text ?? cs[0]!.names[0]!;
  const types = new Map<string, number>();
  for (const c of cs) if (c.type) types.set(c.type, (types.get(c.type) ?? 0) + c.spans.length);
  const type = [...types].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "MISC";
  const aliases = new Map<string, string>();
  for (const c of cs) for (const s of [...c.names, ...c.nominals]) {
    const k = s.replace(/\s+/g, " ").trim();
    const norm = k.replace(/^(the|a|an)\s+/i, "").toLowerCase();
    const had = aliases.get(norm);
    // of "ambassador" and "the ambassador" keep the definite form, which reads as a reference
    if (k && k !== name && (had === undefined || (/^the\s/i.test(k) && !/^the\s/i.test(had)))) aliases.set(norm, had === undefined || !/^the\s/i.test(k) ? k : k.replace(/^The\s/, "the "));
  }
  const mentions: Record<string, [number, number][]> = {};
  for (const c of cs) (mentions[c.doc] ??= []).push(...c.spans);
  for (const v of Object.values(mentions)) v.sort((a, b) => a[0] - b[0]);
  const count = cs.reduce((n, c) => n + c.spans.length, 0);
  const docs = Object.keys(mentions).length;
  const score = count + 3 * docs + cs.filter((c) => c.early).length * 2;
  return { name, type, aliases: [...aliases.values()], mentions, score };
}

// (each long loop of canonicalEntities in a function of its own with nothing but a return after it: a loop compiled
// on the stack during the first call had not run the code after it, and later calls entered it only to throw it away)

/** Within-document chains of the articles, from their `chain` and `mention` layers. */
function chainsOf(articles: Article[]): ChainInput[] {
  const chains: ChainInput[] = [];
  for (const a of articles) {
    const byChain = new Map<number, ChainInput>();
    const sentences = a.layers.sentence;
    const firstSentenceEnd = sentences && sentences.length > 1 ? sentences[1]!.end : a.text.length;
    for (const c of a.layers.chain ?? []) {
      byChain.set(Number(c.attrs?.id), {
        doc: a.id, names: [], nominals: [], type: typeof c.attrs?.type === "string" ? c.attrs.type : undefined, spans: [], early: false,
      });
    }
    for (const m of a.layers.mention ?? []) {
      const ch = byChain.get(Number(m.attrs?.chain));
      if (!ch) continue;
      const text = a.text.slice(m.start, m.end);
      ch.spans.push([m.start, m.end]);
      if (m.start < firstSentenceEnd) ch.early = true;
      if (m.attrs?.kind === "name" || m.attrs?.kind === "title") ch.names.push(typeof m.attrs.title === "string" ? `${m.attrs.title} ${text}` : text);
      else if (m.attrs?.kind === "nominal") ch.nominals.push(text);
    }
    chains.push(...byChain.values());
  }
  return chains;
}

/** Entities of a set of articles from their `chain` and `mention` layers. */
export function canonicalEntities(articles: Article[]): CanonicalEntity[] {
  const chains = chainsOf(articles);
  const clusters = clusterChains(chains, parseCached);
  const raw = objectArray<RawEntity>();
  for (const cs of clusters) raw.push(rawEntity(cs));
  let max = 1;
  for (const r of raw) if (r.score > max) max = r.score;
  raw.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const used = new Map<string, number>();
  // (one hidden class for every story's list, empty or not: see objectArray)
  const out = objectArray<CanonicalEntity>();
  for (const r of raw) {
    const base = slug(r.name);
    const k = (used.get(base) ?? 0) + 1;
    used.set(base, k);
    out.push(new Entity(k === 1 ? base : `${base}-${k}`, r.name, r.type, r.aliases, r.mentions, Number((r.score / max).toFixed(3))));
  }
  return out;
}

/**
 * A `CanonicalEntity` as a class (same fields, same order, so the same JSON). As an `{ id, ... }` literal it shared
 * V8's hidden classes with every other `{ id, ... }` object, and its `salience` began as a small integer (the first
 * story's top entity has 1) and became a double at the next entity: that change deprecated the hidden class and threw
 * away the optimised code of the entity stage (rawEntity, place, chainsOf ...) and of the clustering's threadStories.
 * `salience` is stored twice here, a double first, so the field is a mutable double from the first instance on.
 */
class Entity implements CanonicalEntity {
  salience = 0.5;
  constructor(
    public id: string,
    public name: string,
    public type: string,
    public aliases: string[],
    public mentions: Record<string, [number, number][]>,
    salience: number,
  ) {
    this.salience = salience;
  }
}

/**
 * Story stage: canonical entities of each story (story.results.entities). With no stories from the
 * clustering stage, all articles of the run are treated as one story.
 */
export function entitiesStage(articles: Article[], stories: Story[]): Story[] {
  if (articles.length === 0) return stories;
  let out = stories;
  if (out.length === 0) {
    out = [{
      id: "all",
      label: "All articles",
      articleIds: articles.map((a) => a.id),
      sources: [...new Set(articles.map((a) => a.source.name ?? a.source.origin))],
      results: {},
    }];
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const s of out) {
    const arts = s.articleIds.map((id) => byId.get(id)).filter((a): a is Article => !!a);
    s.results.entities = canonicalEntities(arts);
  }
  return out;
}
