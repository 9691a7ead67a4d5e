import type { Article } from "../model/article.js";
import type { Story } from "../model/story.js";
import { DEFAULT_ALIGN, storyClaims } from "./claims.js";
import { profileArticle, profileOutlets } from "./profiles.js";
import { summarize } from "./summary.js";
import type { StoryEntity } from "./units.js";

export { storyClaims } from "./claims.js";
export type { Claim, ClaimConflict, ClaimSupport } from "./claims.js";
export type { SourceProfile, OutletProfile } from "./profiles.js";
export type { SummarySentence } from "./summary.js";

export interface ReconcileOptions {
  summaryWords: number;
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
    const profiles = story.articleIds.filter((id) => byId.has(id)).map((id) => profileArticle(byId.get(id)!, sc.claims));
    story.results.claims = sc.claims.map(({ slots: _slots, ...c }) => c);
    story.results.profiles = profiles;
    story.results.outlets = profileOutlets(profiles);
    story.results.summary = summarize(sc, byId, entities, { maxWords: opts.summaryWords });
  }
  return stories;
}
