import type { Article } from "../model/article.js";
import type { StoryClaims } from "./claims.js";
import { FIRST_PERSON, HEDGES, OPINION } from "./lexicon.js";
import { wordRuns as words } from "../util/chars.js";
import { outletName } from "./profiles.js";
import type { ClaimUnit, StoryEntity } from "./units.js";

export interface SummarySentence {
  text: string;
  /** Articles that support the sentence. */
  citations: string[];
  /** Where the sentence comes from. */
  span: { articleId: string; start: number; end: number };
  /** Set when a single source supports the sentence. */
  according?: string;
}

export interface SummaryOptions {
  maxWords: number;
}


/** Whether the text has an even number of straight double quotes. */
function evenQuotes(s: string): boolean {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n % 2 === 0;
}

/** Whether the text has an opening quotation mark (without one, /["“][^"”]*["”]/ finds nothing). */
function hasQuoteMark(s: string): boolean {
  return s.includes('"') || s.includes("“");
}

/**
 * Compresses an extracted sentence without changing what it states: drops slogans quoted inside a
 * participial phrase (`shouting "…" and "…"`) and bracketed asides.
 */
export function compress(s: string): string {
  // (no quotation mark and no bracket: only the whitespace rule can apply)
  if (!s.includes("(") && !s.includes('"') && !s.includes("“")) return s.replace(/\s{2,}/g, " ");
  return s
    .replace(/,?\s+(?:shouting|chanting|yelling|screaming|crying)\s+["“][^"”]{1,200}["”](?:\s*(?:,|and)\s*["“][^"”]{1,200}["”])*/g, "")
    .replace(/\s+\([^()]{1,120}\)/g, (aside, offset: number, all: string) => ((all.slice(0, offset).match(/["“”]/g) ?? []).length % 2 === 1 ? aside : ""))
    .replace(/\s{2,}/g, " ");
}

/** Drops a leading dateline ("ISTANBUL — ", "(CNN) ") from an extracted sentence. */
export function stripDateline(s: string): string {
  return s.replace(/^(?:\([A-Z]{2,}\)\s*|[A-Z][A-Z .,'-]{2,40}\s+[—–-]{1,2}\s+)/, "");
}

// (the hot parts of summarize are functions of their own: a deoptimisation in one of them does not send the
// rest of a summarize call to the interpreter, which happened once per story)

/** Centroid of a story's statements (concept counts summed over the ungarbled ones) and its norm. */
function centroidOf(units: ClaimUnit[]): { centroid: Map<string, number>; cnorm: number } {
  const centroid = new Map<string, number>();
  sumKeys(units, centroid);
  return { centroid, cnorm: Math.sqrt(sumOfSquares(centroid)) || 1 };
}

// (long loops in functions of their own with nothing but a return after them: a loop compiled on the stack during
// the first call had not run the code after it, and every later call entered that compiled loop only to throw it
// away at its end)
function sumKeys(units: ClaimUnit[], centroid: Map<string, number>): void {
  for (const u of units) if (!u.garbled) for (const [k, c] of u.keys) centroid.set(k, (centroid.get(k) ?? 0) + c);
}

function sumOfSquares(m: Map<string, number>): number {
  let sum = 0;
  for (const v of m.values()) sum += v * v;
  return sum;
}

interface Candidate {
  u: ClaimUnit;
  i: number;
  score: number;
}

/** Statements that can go into a summary, scored (in unit order: the caller sorts them, see sumKeys). */
function scoreCandidates(ctx: {
  units: ClaimUnit[];
  articles: Map<string, Article>;
  centroid: Map<string, number>;
  cnorm: number;
  sentencesIn: Map<string, number>;
  backing: number[];
  totalArticles: number;
  speakers: Set<string>;
}): Candidate[] {
  const { units, articles, centroid, cnorm, sentencesIn, backing, totalArticles, speakers } = ctx;
  const cand: Candidate[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.garbled) continue;
    const n = words(u.text);
    // (compress only removes text, so it never has more words than the sentence: compressed only when that has over 45)
    if (!((!u.quoted || (u.attributedTo !== undefined && n <= 35)) && n >= 6 && (n <= 45 || words(compress(u.text)) <= 45) && evenQuotes(u.text) && /[.!?]["”’)]?$/.test(u.text))) continue;
    let dot = 0;
    let norm = 0;
    for (const [k, c] of u.keys) {
      dot += c * (centroid.get(k) ?? 0);
      norm += c * c;
    }
    const central = dot / (cnorm * (Math.sqrt(norm) || 1));
    const position = 1 - u.sentence / Math.max(1, sentencesIn.get(u.articleId)!);
    const support = (backing[i]! - 1) / Math.max(1, totalArticles - 1);
    // a reaction: a named, salient person or body speaking
    let reaction = 0;
    if (u.attributedTo)
      for (const id of u.entities)
        if (speakers.has(id) && u.text.includes(u.attributedTo)) {
          reaction = 0.3;
          break;
        }
    const opinion = OPINION.test(u.text) || FIRST_PERSON.test(hasQuoteMark(u.text) ? u.text.replace(/["“][^"”]*["”]/g, "") : u.text) ? 0.3 : 0;
    const hedge = HEDGES.test(u.text) ? 0.15 : 0;
    const length = 0.004 * Math.max(0, n - 20);
    // a single-source sentence from a damaged text may be damaged where the detector saw nothing
    const integrity = (articles.get(u.articleId) as { integrity?: number } | undefined)?.integrity ?? 1;
    const damage = backing[i]! === 1 ? 0.6 * (1 - integrity) : 0;
    const score = central + 0.6 * support + 0.25 * position + reaction - opinion - hedge - length - damage;
    cand.push({ u, i, score });
  }
  return cand;
}

/** The speaker of an attributed statement: the salient person named first in its attribution phrase. */
function speakerOf(phrase: string, speakerNames: { last: string; id: string }[]): string | undefined {
  let who: string | undefined;
  let at = Infinity;
  for (const { last, id } of speakerNames) {
    const k = phrase.indexOf(last);
    if (k >= 0 && k < at) {
      at = k;
      who = id;
    }
  }
  return who;
}

/** Attributed statements of salient speakers other than the participants, most salient speaker first, then by rank. */
function rankReactions(
  cand: Candidate[],
  speakerNames: { last: string; id: string }[],
  participants: Set<string>,
  salience: Map<string, number>,
): { c: Candidate; who: string; rank: number }[] {
  const reactions: { c: Candidate; who: string; rank: number }[] = [];
  for (const c of cand) {
    if (!c.u.attributedTo) continue;
    const who = speakerOf(c.u.attributedTo, speakerNames);
    if (who === undefined || participants.has(who)) continue;
    // a speaker phrase of many words is more often damaged text than a real apposition
    reactions.push({ c, who, rank: c.score - 0.02 * Math.max(0, words(c.u.attributedTo) - 6) });
  }
  return reactions.sort((a, b) => salience.get(b.who)! - salience.get(a.who)! || b.rank - a.rank);
}

/** Candidates being chosen for a summary, with the budget and what is already covered. */
interface Selection {
  units: ClaimUnit[];
  articles: Map<string, Article>;
  unitGroup: number[];
  backing: number[];
  backers: string[][];
  totalArticles: number;
  cand: Candidate[];
  chosen: Candidate[];
  covered: Set<string>;
  budget: number;
  /** Words each candidate takes in the summary, "According to X," included, by unit index (memo; NaN: not yet). */
  costs: Float64Array;
  /** Whether each candidate reads as the start of a sentence, by unit index (memo; 0 not yet, 1 no, 2 yes). */
  startsLike: Uint8Array;
  /** Largest share of each candidate's keys that a chosen statement has too, by unit index, over the first `overlapOf` chosen. */
  overlapWorst: Float64Array;
  overlapOf: Int32Array;
  salience: Map<string, number>;
  maxSal: number;
}

// (summarize is split into its steps, each a function of its own without closures: the one function with a dozen
// inner closures was optimised and deoptimised five or six times in a cold run, each compile taking ~0.2 s)

/** Words the candidate will take in the summary, "According to X," included. */
function costOf(s: Selection, c: Candidate): number {
  let n = s.costs[c.i]!;
  if (Number.isNaN(n)) {
    n = words(compress(stripDateline(c.u.text))) + (s.backers[c.i]!.length === 1 && s.totalArticles > 1 ? 2 + words(outletName(s.articles.get(c.u.articleId)!)) : 0);
    s.costs[c.i] = n;
  }
  return n;
}

function fits(s: Selection, c: Candidate): boolean {
  if (!(costOf(s, c) <= s.budget)) return false;
  const g = s.unitGroup[c.i];
  for (const x of s.chosen) if (s.unitGroup[x.i] === g) return false;
  return !s.chosen.includes(c);
}

function take(s: Selection, c: Candidate | undefined): void {
  if (!c) return;
  s.chosen.push(c);
  for (const id of c.u.entities) s.covered.add(id);
  s.budget -= costOf(s, c);
}

/** Largest share of the candidate's keys that one chosen statement has too (kept per candidate: only statements chosen since its last call are compared). */
function overlap(s: Selection, c: Candidate): number {
  let worst = s.overlapWorst[c.i]!;
  for (let k = s.overlapOf[c.i]!; k < s.chosen.length; k++) {
    const x = s.chosen[k]!;
    let shared = 0;
    for (const key of c.u.keys.keys()) if (x.u.keys.has(key)) shared++;
    worst = Math.max(worst, shared / Math.max(1, c.u.keys.size));
  }
  s.overlapWorst[c.i] = worst;
  s.overlapOf[c.i] = s.chosen.length;
  return worst;
}

/** 1. What happened: the statement most sources back. */
function bestBacked(s: Selection): Candidate | undefined {
  let top: Candidate | undefined;
  let topRank = -Infinity;
  for (const c of s.cand) {
    if (!fits(s, c)) continue;
    const r = s.backing[c.i]! * 10 + c.score + (c.u.when ? 1 : 0);
    if (!top || r > topRank) {
      top = c;
      topRank = r;
    }
  }
  return top;
}

type Spans = { articleId: string; start: number; end: number }[];

function carries(c: Candidate, spans: Spans): boolean {
  for (const x of spans) if (x.articleId === c.u.articleId && x.start >= c.u.start && x.end <= c.u.end) return true;
  return false;
}

/** 2. Who: statements carrying the participants' multi-source facts (names first). */
function takeParticipants(s: Selection, claims: readonly { id: string; sources: number; conflicts: unknown[]; support: Spans }[]): void {
  const participantSpans = claims
    .filter((c) => /^p:\w+:(?:name|role):/.test(c.id) && (c.sources >= 2 || c.conflicts.length > 0))
    .sort((a, b) => Number(b.id.includes(":name:")) - Number(a.id.includes(":name:")) || b.sources - a.sources)
    .map((c) => c.support);
  for (const spans of participantSpans) {
    let done = false;
    for (const c of s.chosen)
      if (carries(c, spans)) {
        done = true;
        break;
      }
    if (done) continue;
    let top: Candidate | undefined;
    let topRank = -Infinity;
    for (const c of s.cand) {
      if (!fits(s, c) || !carries(c, spans)) continue;
      let carried = 0;
      for (const p of participantSpans) if (carries(c, p)) carried++;
      const r = c.score + 0.2 * carried - 0.5 * overlap(s, c);
      if (!top || r > topRank) {
        top = c;
        topRank = r;
      }
    }
    take(s, top);
  }
}

function startsLikeASentence(s: Selection, c: Candidate): boolean {
  let v = s.startsLike[c.i]!;
  if (v === 0) s.startsLike[c.i] = v = !c.u.quoted && /^["“(]?\p{Lu}/u.test(stripDateline(c.u.text)) ? 2 : 1;
  return v === 2;
}

/** 4. The rest by score, salient entities not yet covered, little overlap. */
function takeRest(s: Selection): void {
  for (;;) {
    let next: Candidate | undefined;
    let topRank = -Infinity;
    for (const c of s.cand) {
      if (!fits(s, c) || !startsLikeASentence(s, c)) continue;
      let gain = c.score - 0.8 * overlap(s, c);
      for (const id of c.u.entities) if (!s.covered.has(id) && s.salience.has(id)) gain += (0.35 * s.salience.get(id)!) / s.maxSal;
      if (!next || gain > topRank) {
        next = c;
        topRank = gain;
      }
    }
    if (!next || next.score - 0.8 * overlap(s, next) < 0.05) break;
    take(s, next);
  }
}

/** Salience of each entity: the canonical entities' own, or from how many articles and statements name each entity key. */
function salienceOf(units: ClaimUnit[], entities: StoryEntity[] | undefined): Map<string, number> {
  const salience = new Map<string, number>();
  if (entities) for (const e of entities) if (e.type === "PER" || e.type === "ORG" || e.type === "LOC") salience.set(e.id, e.salience ?? 0);
  if (salience.size === 0) {
    // no canonical entities: salience from how many articles and statements name each entity key
    const arts = new Map<string, Set<string>>();
    const count = new Map<string, number>();
    for (const u of units)
      for (const id of u.entities) {
        (arts.get(id) ?? arts.set(id, new Set()).get(id)!).add(u.articleId);
        count.set(id, (count.get(id) ?? 0) + 1);
      }
    for (const [id, set] of arts) salience.set(id, set.size * Math.log(1 + count.get(id)!));
  }
  return salience;
}

/** Statements that carry a participant fact backed by several sources count as backed by them (backing and backers updated). */
function participantBacking(sc: StoryClaims, backing: number[], backers: string[][]): void {
  const { units } = sc;
  // unit indices per article, in order (the first that contains a span is the one a scan over all units finds)
  const unitsOf = new Map<string, number[]>();
  for (let i = 0; i < units.length; i++) {
    const id = units[i]!.articleId;
    let list = unitsOf.get(id);
    if (!list) unitsOf.set(id, (list = []));
    list.push(i);
  }
  for (const c of sc.claims) {
    if (!c.id.startsWith("p:") || c.sources < 2) continue;
    for (const sup of c.support) {
      let i = -1;
      const list = unitsOf.get(sup.articleId);
      if (list)
        for (const j of list)
          if (units[j]!.start <= sup.start && units[j]!.end >= sup.end) {
            i = j;
            break;
          }
      if (i >= 0 && c.sources > backing[i]!) {
        backing[i] = c.sources;
        backers[i] = [...new Set(c.support.map((x) => x.articleId))];
      }
    }
  }
}

/** Entities with a mention touching the span of a participant claim's support: the event's own participants. */
function participantsOf(sc: StoryClaims, entities: StoryEntity[] | undefined): Set<string> {
  const participants = new Set<string>();
  const mentionsByArticle = new Map<string, { s: number; t: number; id: string }[]>();
  if (entities)
    for (const e of entities)
      for (const [articleId, ms] of Object.entries(e.mentions ?? {})) {
        let list = mentionsByArticle.get(articleId);
        if (!list) mentionsByArticle.set(articleId, (list = []));
        for (const [s, t] of ms) list.push({ s, t, id: e.id });
      }
  for (const c of sc.claims)
    if (c.id.startsWith("p:"))
      for (const sup of c.support) {
        const list = mentionsByArticle.get(sup.articleId);
        if (list) for (const m of list) if (m.s <= sup.end && m.t >= sup.start) participants.add(m.id);
      }
  return participants;
}

/** Last word of each name and alias of each speaker, in entity order. */
function speakerNamesOf(entities: StoryEntity[] | undefined, speakers: Set<string>): { last: string; id: string }[] {
  const speakerNames: { last: string; id: string }[] = [];
  if (entities)
    for (const e of entities) {
      if (!speakers.has(e.id)) continue;
      for (const n of [e.name, ...(e.aliases ?? [])]) {
        const last = n.split(/\s+/).pop()!;
        if (last.length > 2) speakerNames.push({ last, id: e.id });
      }
    }
  return speakerNames;
}

/** A chosen statement as it reads in the summary, cited. */
function summarySentence(s: Selection, c: Candidate): SummarySentence {
  const { u, i } = c;
  const citations = s.backers[i]!;
  let text = compress(stripDateline(u.text));
  if (citations.length === 1 && s.totalArticles > 1) {
    const according = outletName(s.articles.get(u.articleId)!);
    text = text.replace(/^(?:But|And|Yet|So|Still|However),?\s+/, "");
    const firstWordIsName = u.entities.size > 0 && /^\p{Lu}/u.test(text) && !/^(?:The|A|An|In|On|At|But|And|It|This|That|These|Those|He|She|They|We|I)\b/.test(text);
    text = `According to ${according}, ${firstWordIsName ? text : text[0]!.toLowerCase() + text.slice(1)}`;
    if (according) return { text, citations, span: { articleId: u.articleId, start: u.start, end: u.end }, according };
  }
  return { text, citations, span: { articleId: u.articleId, start: u.start, end: u.end } };
}

/**
 * An extractive summary: sentences scored by how many sources back them, how central they are to the
 * story, how early they come and which salient entities they add; never a garbled sentence; every sentence
 * cited, and "according to X" where one source alone supports it. Ordered for reading by position.
 */
export function summarize(sc: StoryClaims, articles: Map<string, Article>, entities: StoryEntity[] | undefined, opts: SummaryOptions = { maxWords: 150 }): SummarySentence[] {
  const { units, unitSources, unitArticles, unitGroup } = sc;
  if (units.length === 0) return [];
  const arts = new Set<string>();
  const sentencesIn = new Map<string, number>();
  for (const u of units) {
    arts.add(u.articleId);
    sentencesIn.set(u.articleId, Math.max(sentencesIn.get(u.articleId) ?? 0, u.sentence + 1));
  }
  const totalArticles = arts.size;
  const { centroid, cnorm } = centroidOf(units);
  const salience = salienceOf(units, entities);
  let maxSal = 1e-9;
  for (const v of salience.values()) {
    if (Number.isNaN(v)) {
      maxSal = NaN;
      break;
    }
    if (v > maxSal) maxSal = v;
  }

  // statements that carry a participant fact backed by several sources count as backed by them
  const backing = unitSources.slice();
  const backers = unitArticles.slice();
  participantBacking(sc, backing, backers);
  const people = new Set<string>();
  if (entities) for (const e of entities) if (e.type === "PER") people.add(e.id);
  const speakers = new Set<string>();
  for (const [id, v] of salience) if (v > 0 && (people.size === 0 || people.has(id))) speakers.add(id);
  // best first
  const cand = scoreCandidates({ units, articles, centroid, cnorm, sentencesIn, backing, totalArticles, speakers }).sort((a, b) => b.score - a.score);
  const s: Selection = {
    units, articles, unitGroup, backing, backers, totalArticles, cand, chosen: [], covered: new Set(), budget: opts.maxWords,
    costs: new Float64Array(units.length).fill(NaN), startsLike: new Uint8Array(units.length), overlapWorst: new Float64Array(units.length),
    overlapOf: new Int32Array(units.length), salience, maxSal,
  };

  // 1. What happened: the statement most sources back.
  take(s, bestBacked(s));
  // 2. Who: statements carrying the participants' multi-source facts (names first).
  takeParticipants(s, sc.claims);
  // 3. Reactions: what the most salient people said, one statement each, by someone other than the event's own
  // participants (the gunman's shouts are not one); the speaker is the salient person named first in the
  // attribution phrase
  const reactions = rankReactions(cand, speakerNamesOf(entities, speakers), participantsOf(sc, entities), salience);
  const heard = new Set<string>();
  for (const { c, who } of reactions) {
    if (heard.size >= 2 || heard.has(who) || !fits(s, c)) continue;
    heard.add(who);
    take(s, c);
  }
  // 4. The rest by score, salient entities not yet covered, little overlap.
  takeRest(s);
  const out: SummarySentence[] = [];
  for (const c of s.chosen) out.push(summarySentence(s, c));
  return out;
}
