import type { Article } from "../model/article.js";
import type { Claim } from "./claims.js";
import { ATTRIBUTION, FIRST_PERSON, HEDGES, OPINION, PROMOTIONAL, SENSATIONAL } from "./lexicon.js";

export interface SourceProfile {
  articleId: string;
  outlet: string;
  kind: "reporting" | "opinion" | "promotional" | "mixed";
  /** Shares of the article's characters (cleaned text plus removed bios and promotion) by kind. */
  shares: { reporting: number; opinion: number; promotional: number };
  /** Share of the article's claims that name who says them. */
  attributionDensity: number;
  /** Shares of sentences. */
  hedging: number;
  firstPerson: number;
  sensational: number;
  boilerplateShare: number;
  garbledShare: number;
  integrity: number | null;
  claims: number;
  uniqueClaims: number;
  /** Why the kind was chosen, in words. */
  evidence: string[];
}

const stripQuotes = (s: string): string => s.replace(/["“][^"”]*["”]/g, " ");

export function outletName(a: Article): string {
  return a.source.name ?? a.source.domain ?? a.source.origin;
}

/** Profile of one article, from its own text and what cleaning removed. */
export function profileArticle(a: Article, claims: Claim[] = []): SourceProfile {
  const sentences = a.layers.sentence ?? [];
  let reporting = 0;
  let opinion = 0;
  let promotional = 0;
  let hedged = 0;
  let first = 0;
  let sensational = 0;
  const evidence: string[] = [];
  for (const s of sentences) {
    const t = a.text.slice(s.start, s.end);
    const own = stripQuotes(t);
    const len = t.length;
    const isPromo = PROMOTIONAL.test(own);
    const isFirst = FIRST_PERSON.test(own);
    const hedges = HEDGES.test(own);
    const isHedge = hedges && !ATTRIBUTION.test(own);
    const isOpinion = OPINION.test(own) || isFirst || isHedge;
    if (isPromo) promotional += len;
    else if (isOpinion) opinion += len;
    else reporting += len;
    if (hedges) hedged++;
    if (isFirst) first++;
    if (SENSATIONAL.test(own)) sensational++;
  }
  // What cleaning removed still tells what kind of page this was.
  let boilerplate = 0;
  for (const r of a.removals) {
    if (r.kind !== "boilerplate") continue;
    const removed = a.raw.slice(r.rawStart, r.rawEnd);
    boilerplate += removed.length;
    if (/\bopinions?\b[^.]{0,40}\b(?:belong|are (?:solely )?(?:those|the author)|expressed)|\bwrites [A-Z]/i.test(removed)) {
      opinion += removed.length;
      evidence.push(`removed ${r.reason} marks the piece as opinion`);
    } else if (r.reason === "author bio" && PROMOTIONAL.test(removed)) {
      promotional += removed.length;
      evidence.push(`removed ${r.reason} is promotional`);
    }
  }
  const total = reporting + opinion + promotional || 1;
  const shares = new Shares(reporting / total, opinion / total, promotional / total);
  const ranked = (Object.entries(shares) as [SourceProfile["kind"], number][]).sort((x, y) => y[1] - x[1]);
  let kind: SourceProfile["kind"] = ranked[0]![0];
  if (evidence.some((e) => e.includes("opinion"))) kind = "opinion";
  else if (ranked[0]![1] < 0.6 && ranked[1]![1] > 0.3) kind = "mixed";
  if (kind === "opinion" && !evidence.length) evidence.push(`${Math.round(shares.opinion * 100)}% of the text argues, predicts or hedges`);
  if (kind === "reporting") evidence.push(`${Math.round(shares.reporting * 100)}% of the text reports`);
  if (shares.promotional > 0.1) evidence.push(`${Math.round(shares.promotional * 100)}% is promotion`);

  const garbled = a.layers.garbled ?? [];
  const garbledChars = garbled.reduce((n, g) => n + (g.end - g.start), 0);
  const mine = claims.filter((c) => c.support.some((s) => s.articleId === a.id));
  const attributed = mine.filter((c) => c.kind === "attributed" || c.attributedTo).length;
  const n = sentences.length || 1;
  return new Profile(
    a.id,
    outletName(a),
    kind,
    shares,
    mine.length ? attributed / mine.length : 0,
    hedged / n,
    first / n,
    sensational / n,
    boilerplate / (a.raw.length || 1),
    garbledChars / (a.text.length || 1),
    typeof (a as { integrity?: number }).integrity === "number" ? (a as { integrity?: number }).integrity! : null,
    mine.length,
    mine.filter((c) => c.unique).length,
    evidence,
  );
}

// A profile and its shares are classes (same fields, same order, so the same JSON): as literals, the profile shared
// V8's hidden classes with the `{ articleId, ... }` citations and supports, and its ratios began as small integers
// (0 or 1) in the first articles and became doubles later, each change deprecating the hidden class and throwing
// away profileArticle and the code reading citations. Class fields start out holding any value.

class Shares {
  constructor(
    public reporting: number,
    public opinion: number,
    public promotional: number,
  ) {}
}

class Profile implements SourceProfile {
  constructor(
    public articleId: string,
    public outlet: string,
    public kind: SourceProfile["kind"],
    public shares: SourceProfile["shares"],
    public attributionDensity: number,
    public hedging: number,
    public firstPerson: number,
    public sensational: number,
    public boilerplateShare: number,
    public garbledShare: number,
    public integrity: number | null,
    public claims: number,
    public uniqueClaims: number,
    public evidence: string[],
  ) {}
}

export interface OutletProfile {
  outlet: string;
  articles: number;
  kind: SourceProfile["kind"];
  shares: SourceProfile["shares"];
  attributionDensity: number;
  uniqueClaims: number;
}

/** Profiles of outlets: their articles' profiles averaged. */
export function profileOutlets(profiles: SourceProfile[]): OutletProfile[] {
  const by = new Map<string, SourceProfile[]>();
  for (const p of profiles) (by.get(p.outlet) ?? by.set(p.outlet, []).get(p.outlet)!).push(p);
  return [...by].map(([outlet, ps]) => {
    const avg = (f: (p: SourceProfile) => number): number => ps.reduce((n, p) => n + f(p), 0) / ps.length;
    const kinds = new Map<string, number>();
    for (const p of ps) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    return {
      outlet,
      articles: ps.length,
      kind: [...kinds].sort((a, b) => b[1] - a[1])[0]![0] as SourceProfile["kind"],
      shares: { reporting: avg((p) => p.shares.reporting), opinion: avg((p) => p.shares.opinion), promotional: avg((p) => p.shares.promotional) },
      attributionDensity: avg((p) => p.attributionDensity),
      uniqueClaims: ps.reduce((n, p) => n + p.uniqueClaims, 0),
    };
  });
}
