import type { Article } from "../model/article.js";
import type { StoryClaims } from "./claims.js";
import { FIRST_PERSON, HEDGES, OPINION } from "./lexicon.js";
import { outletName } from "./profiles.js";
import type { StoryEntity } from "./units.js";

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

const words = (s: string): number => (s.match(/\S+/g) ?? []).length;

/** Drops a leading dateline ("ISTANBUL — ", "(CNN) ") from an extracted sentence. */
export function stripDateline(s: string): string {
  return s.replace(/^(?:\([A-Z]{2,}\)\s*|[A-Z][A-Z .,'-]{2,40}\s+[—–-]{1,2}\s+)/, "");
}

/**
 * An extractive summary: sentences scored by how many sources back them, how central they are to the
 * story, how early they come and which salient entities they add; never a garbled sentence; every sentence
 * cited, and "according to X" where one source alone supports it. Ordered for reading by position.
 */
export function summarize(sc: StoryClaims, articles: Map<string, Article>, entities: StoryEntity[] | undefined, opts: SummaryOptions = { maxWords: 150 }): SummarySentence[] {
  const { units, unitSources, unitArticles, unitGroup } = sc;
  if (units.length === 0) return [];
  const totalArticles = new Set(units.map((u) => u.articleId)).size;
  const sentencesIn = new Map<string, number>();
  for (const u of units) sentencesIn.set(u.articleId, Math.max(sentencesIn.get(u.articleId) ?? 0, u.sentence + 1));
  // centroid of the story's statements
  const centroid = new Map<string, number>();
  for (const u of units) if (!u.garbled) for (const [k, c] of u.keys) centroid.set(k, (centroid.get(k) ?? 0) + c);
  const cnorm = Math.sqrt([...centroid.values()].reduce((n, v) => n + v * v, 0)) || 1;
  const salience = new Map<string, number>();
  for (const e of entities ?? []) if (["PER", "ORG", "LOC"].includes(e.type)) salience.set(e.id, e.salience ?? 0);
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
  const maxSal = Math.max(1e-9, ...salience.values());

  const cand = units
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => !u.garbled && !u.quoted && words(u.text) >= 6 && words(u.text) <= 45 && /[.!?]["”’)]?$/.test(u.text))
    .map(({ u, i }) => {
      let dot = 0;
      let norm = 0;
      for (const [k, c] of u.keys) {
        dot += c * (centroid.get(k) ?? 0);
        norm += c * c;
      }
      const central = dot / (cnorm * (Math.sqrt(norm) || 1));
      const position = 1 - u.sentence / Math.max(1, sentencesIn.get(u.articleId)!);
      const support = (unitSources[i]! - 1) / Math.max(1, totalArticles - 1);
      const opinion = OPINION.test(u.text) || FIRST_PERSON.test(u.text.replace(/["“][^"”]*["”]/g, "")) ? 0.3 : 0;
      const hedge = HEDGES.test(u.text) ? 0.15 : 0;
      const length = 0.004 * Math.max(0, words(u.text) - 20);
      const score = central + 0.6 * support + 0.25 * position - opinion - hedge - length;
      return { u, i, score };
    })
    .sort((a, b) => b.score - a.score);

  const chosen: typeof cand = [];
  const covered = new Set<string>();
  let budget = opts.maxWords;
  const chosenKeys: Map<string, number>[] = [];
  while (cand.length) {
    // greedy: score + salient entities not yet covered − overlap with what is chosen
    let best = -1;
    let bestGain = -Infinity;
    for (let c = 0; c < cand.length; c++) {
      const { u, score } = cand[c]!;
      if (words(u.text) > budget) continue;
      if (chosen.some((x) => unitGroup[x.i] === unitGroup[cand[c]!.i])) continue;
      let gain = score;
      for (const id of u.entities) if (!covered.has(id) && salience.has(id)) gain += (0.35 * salience.get(id)!) / maxSal;
      let overlap = 0;
      for (const k of chosenKeys) {
        let shared = 0;
        for (const key of u.keys.keys()) if (k.has(key)) shared++;
        overlap = Math.max(overlap, shared / Math.max(1, u.keys.size));
      }
      gain -= 0.8 * overlap;
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    if (best < 0 || bestGain < 0.05) break;
    const pick = cand.splice(best, 1)[0]!;
    chosen.push(pick);
    chosenKeys.push(pick.u.keys);
    for (const id of pick.u.entities) covered.add(id);
    budget -= words(pick.u.text);
  }
  chosen.sort((a, b) => a.u.sentence / sentencesIn.get(a.u.articleId)! - b.u.sentence / sentencesIn.get(b.u.articleId)! || unitSources[b.i]! - unitSources[a.i]!);
  return chosen.map(({ u, i }) => {
    const citations = unitArticles[i]!;
    let text = stripDateline(u.text);
    let according: string | undefined;
    if (citations.length === 1 && totalArticles > 1) {
      according = outletName(articles.get(u.articleId)!);
      text = text.replace(/^(?:But|And|Yet|So|Still|However),?\s+/, "");
      const firstWordIsName = u.entities.size > 0 && /^\p{Lu}/u.test(text) && !/^(?:The|A|An|In|On|At|But|And|It|This|That|These|Those|He|She|They|We|I)\b/.test(text);
      text = `According to ${according}, ${firstWordIsName ? text : text[0]!.toLowerCase() + text.slice(1)}`;
    }
    return { text, citations, span: { articleId: u.articleId, start: u.start, end: u.end }, ...(according && { according }) };
  });
}
