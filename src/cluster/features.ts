import type { Article } from "../model/article.js";
import { POS_TAGS } from "../model/tokens.js";
import { hashString, shingleHashes, signature } from "./minhash.js";
import { KIND_ENTITY, KIND_VERB, KIND_WORD, type Vocab } from "./vocab.js";

const POS = Object.fromEntries(POS_TAGS.map((t, i) => [t, i])) as Record<(typeof POS_TAGS)[number], number>;
/** Parts of speech whose words carry topic: nouns, proper nouns, verbs, adjectives, numbers. */
const CONTENT = new Uint8Array(POS_TAGS.length);
for (const t of ["NOUN", "PROPN", "VERB", "ADJ", "NUM"] as const) CONTENT[POS[t]] = 1;

const STOP = new Set(
  (
    "be is are was were been being am have has had having do does did done say says said tell told get got make made take took go went gone " +
    "come came know knew think thought see saw seen want use used also just more most many much other such own same new old first last " +
    "year years day days time times week weeks month months people thing things way lot mr mrs ms one two three can could would should will may might must"
  ).split(" "),
);
/** Capitalised words that are not names of participants (calendar words, titles). */
const NOT_NAMES = new Set(
  (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october " +
    "november december mr mrs ms dr the a an it he she they we i this that there his her their our its ap reuters afp cnn bbc update updated"
  ).split(" "),
);

/** A light English suffix stripper: enough to conflate plurals and -ed/-ing forms for retrieval. */
export function normaliseWord(w: string): string {
  let s = w.toLowerCase();
  if (s.includes("'") || s.includes("’")) s = s.replace(/[’']s$/, "").replace(/[’']/g, "");
  const n = s.length;
  if (n > 4 && s.endsWith("ies")) s = s.slice(0, -3) + "y";
  else if (n > 4 && s.endsWith("sses")) s = s.slice(0, -2);
  else if (n > 3 && s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith("ing")) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith("ed")) s = s.slice(0, -2);
  return s;
}

/** Weight of an entity type (participants and organisations identify an event more than places do). */
export const TYPE_WEIGHT: Record<string, number> = { PER: 1.5, PERSON: 1.5, ORG: 1.2, GPE: 1.0, LOC: 1.0, FAC: 1.0, NORP: 0.6, EVENT: 1.0, MISC: 0.8, NAME: 1.0 };

/** Weight of a year mentioned in the text, among the names. */
const YEAR_WEIGHT = 1;

/** A name mention: surface text, type, and token position (for salience). */
export interface NameMention {
  text: string;
  type: string;
  /** Relative position in the article, 0 = start, 1 = end. */
  at: number;
}

/**
 * The names an article mentions. Uses the `entity` layer when an NER annotator produced it;
 * otherwise falls back to runs of capitalised proper-noun tokens. This is the one place
 * that makes that choice.
 */
export function nameMentions(article: Article): NameMention[] {
  const text = article.text;
  const n = Math.max(1, text.length);
  const entities = article.layers.entity;
  if (entities && entities.length > 0) {
    const out: NameMention[] = [];
    for (const e of entities) {
      const type = (e.label ?? "NAME").toUpperCase();
      if (!(type in TYPE_WEIGHT)) continue; // dates, money, quantities are not names
      out.push({ text: text.slice(e.start, e.end), type, at: e.start / n });
    }
    return out;
  }
  const t = article.tokens;
  if (!t) return [];
  const out: NameMention[] = [];
  const propn = POS.PROPN;
  let i = 0;
  while (i < t.count) {
    if (t.pos[i] !== propn || !isCapitalised(text, t.start[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < t.count && t.pos[j] === propn && t.sentence[j] === t.sentence[i] && isCapitalised(text, t.start[j]!) && t.start[j]! - t.end[j - 1]! <= 1) j++;
    // drop calendar words and titles at the edges
    let a = i;
    let b = j;
    while (a < b && NOT_NAMES.has(text.slice(t.start[a]!, t.end[a]!).toLowerCase().replace(/\.$/, ""))) a++;
    while (b > a && NOT_NAMES.has(text.slice(t.start[b - 1]!, t.end[b - 1]!).toLowerCase().replace(/\.$/, ""))) b--;
    if (a < b) out.push({ text: text.slice(t.start[a]!, t.end[b - 1]!), type: "NAME", at: t.start[a]! / n });
    i = j;
  }
  return out;
}

function isCapitalised(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 65 && c <= 90;
}

/** What the clusterer reads from one article: interned ids in typed arrays. */
export interface ArticleFeatures {
  id: string;
  /** Sorted unique word ids with their tf-idf weights (L2-normalised). */
  terms: Int32Array;
  termW: Float32Array;
  /** Sorted unique entity ids with type- and salience-weighted tf-idf (L2-normalised). */
  ents: Int32Array;
  entW: Float32Array;
  /** MinHash signature of the article's word 4-grams. */
  sig: Uint32Array;
  /** Publication day (days since 1970), NaN when unknown. */
  day: number;
  source: string;
}

function dayOf(article: Article): number {
  const v = article.published?.value;
  if (!v) return NaN;
  const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : NaN;
}

/** The outlet an article came from, for a story's source list. */
export function sourceOf(article: Article): string {
  return article.source.name ?? article.source.domain ?? article.source.origin.replace(/#\d+$/, "").replace(/^.*\//, "");
}

/** Terms and names kept per article (its heaviest); bounds the cost of a very long article. */
export const ARTICLE_TERMS = 400;
export const ARTICLE_NAMES = 40;

/** The `keep` heaviest ids by sublinear tf-idf (times boost), L2-normalised, sorted by id. */
function weighted(counts: Map<number, number>, vocab: Vocab, keep: number, boost?: Map<number, number>): { ids: Int32Array; w: Float32Array } {
  let entries: [number, number][] = [];
  for (const [id, c] of counts) entries.push([id, (1 + Math.log(c)) * vocab.idf(id) * (boost?.get(id) ?? 1)]);
  if (entries.length > keep) entries = entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, keep);
  entries.sort((a, b) => a[0] - b[0]);
  const ids = Int32Array.from(entries, (e) => e[0]);
  const w = Float32Array.from(entries, (e) => e[1]);
  let norm = 0;
  for (let i = 0; i < w.length; i++) norm += w[i]! * w[i]!;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < w.length; i++) w[i]! /= norm;
  return { ids, w };
}

/**
 * Features of an annotated article (tokens from the "sentences" annotator; entities when
 * present). Counts the article into the vocabulary's document frequencies first, so its own
 * terms have df >= 1.
 */
export function articleFeatures(article: Article, vocab: Vocab): ArticleFeatures {
  const text = article.text;
  const t = article.tokens;
  const counts = new Map<number, number>();
  const wordHashes: number[] = [];
  if (t) {
    for (let i = 0; i < t.count; i++) {
      const s = t.start[i]!;
      const e = t.end[i]!;
      const c = text.charCodeAt(s);
      const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
      if (!alnum) continue;
      const surface = text.slice(s, e);
      wordHashes.push(hashString(surface.toLowerCase()));
      if (!CONTENT[t.pos[i]!] || e - s < 2) continue;
      const key = normaliseWord(surface);
      if (key.length < 2 || STOP.has(key)) continue;
      const id = vocab.intern(key, surface.toLowerCase());
      vocab.markKind(id, t.pos[i] === POS.VERB ? KIND_VERB : KIND_WORD);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const entCounts = new Map<number, number>();
  const entBoost = new Map<number, number>();
  for (const m of nameMentions(article)) {
    const words = m.text.split(/\s+/).map((w) => w.replace(/[’']s$/, "").replace(/[^\p{L}\p{N}-]/gu, "")).filter((w) => w.length > 1);
    if (words.length === 0) continue;
    const tw = TYPE_WEIGHT[m.type] ?? 1;
    const early = m.at < 0.2 ? 1.5 : 1;
    const keys: [string, string, number][] = [[`@${words.join(" ").toLowerCase()}`, words.join(" "), 1]];
    // a person is mostly referred to by surname after the first mention
    if (words.length > 1 && (m.type === "PER" || m.type === "PERSON" || m.type === "NAME")) keys.push([`@${words[words.length - 1]!.toLowerCase()}`, words[words.length - 1]!, 0.5]);
    for (const [key, display, share] of keys) {
      const id = vocab.intern(key, display);
      vocab.markKind(id, KIND_ENTITY);
      entCounts.set(id, (entCounts.get(id) ?? 0) + share);
      entBoost.set(id, Math.max(entBoost.get(id) ?? 0, tw * early));
    }
  }
  // years mentioned: when an event happened is part of which event it is
  if (t && YEAR_WEIGHT > 0) {
    for (let i = 0; i < t.count; i++) {
      if (t.pos[i] !== POS.NUM || t.end[i]! - t.start[i]! !== 4) continue;
      const y = text.slice(t.start[i]!, t.end[i]!);
      if (!/^(19|20)\d\d$/.test(y)) continue;
      const id = vocab.intern(`#${y}`, y);
      vocab.markKind(id, KIND_ENTITY);
      entCounts.set(id, (entCounts.get(id) ?? 0) + 1);
      entBoost.set(id, YEAR_WEIGHT);
    }
  }
  for (const [id, c] of entCounts) entCounts.set(id, Math.max(1, c));
  const all = new Int32Array(counts.size + entCounts.size);
  let k = 0;
  for (const id of counts.keys()) all[k++] = id;
  for (const id of entCounts.keys()) all[k++] = id;
  vocab.addDocument(all);
  const tw = weighted(counts, vocab, ARTICLE_TERMS);
  const ew = weighted(entCounts, vocab, ARTICLE_NAMES, entBoost);
  return {
    id: article.id,
    terms: tw.ids,
    termW: tw.w,
    ents: ew.ids,
    entW: ew.w,
    sig: signature(shingleHashes(Uint32Array.from(wordHashes))),
    day: dayOf(article),
    source: sourceOf(article),
  };
}
