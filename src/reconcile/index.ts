import type { Article } from "../model/article.js";
import type { Story } from "../model/story.js";
import { type Claim, DEFAULT_ALIGN, storyClaims } from "./claims.js";
import { type SourceProfile, profileArticle, profileOutlets } from "./profiles.js";
import { summarize } from "./summary.js";
import type { StoryEntity } from "./units.js";

export { storyClaims } from "./claims.js";
export type { Claim, ClaimConflict, ClaimSupport } from "./claims.js";
export type { SourceProfile, OutletProfile } from "./profiles.js";
export type { SummarySentence } from "./summary.js";

export interface ReconcileOptions {
  summaryWords: number;
}

type PublicClaim = Omit<Claim, "slots">;

/** A claim as results keep it: without its slots, keys in the same order (not an object rest spread, slow in V8). */
function publicClaim(c: Claim): PublicClaim {
  const { id, text, kind, support, sources, conflicts, unique } = c;
  return "attributedTo" in c
    ? { id, text, kind, attributedTo: c.attributedTo, support, sources, conflicts, unique }
    : { id, text, kind, support, sources, conflicts, unique };
}

/**
 * Cross-checks each story: claims aligned across its articles (support, conflicts, unique claims), the
 * source profiles, and a cited summary. Reads the canonical entities an earlier stage put in results.
 */
export function reconcileStories(articles: Article[], stories: Story[], opts: ReconcileOptions = { summaryWords: 150 }): Story[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const story of stories) {
    const entities = story.results.entities as StoryEntity[] | undefined;
    const sc = storyClaims(story, byId, DEFAULT_ALIGN);
    const profiles: SourceProfile[] = [];
    for (const id of story.articleIds) {
      const a = byId.get(id);
      if (a) profiles.push(profileArticle(a, sc.claims));
    }
    const claims: PublicClaim[] = [];
    for (const c of sc.claims) claims.push(publicClaim(c));
    story.results.claims = claims;
    story.results.profiles = profiles;
    story.results.outlets = profileOutlets(profiles);
    story.results.summary = summarize(sc, byId, entities, { maxWords: opts.summaryWords });
  }
  return stories;
}
