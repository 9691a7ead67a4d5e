import type { Article } from "../model/article.js";
import type { Story } from "../model/story.js";
import { clusterArticles } from "./clusterer.js";
import { reweigh, type ArticleCounts } from "./features.js";
import { threadStories } from "./threads.js";

/** Arrival order for a batch: by publication date when every article has one, else as given. */
export function streamOrder(articles: readonly Article[]): Article[] {
  if (!articles.every((a) => a.published?.value)) return [...articles];
  return [...articles].sort((a, b) => (a.published!.value < b.published!.value ? -1 : a.published!.value > b.published!.value ? 1 : 0));
}

/**
 * Story stage: groups the run's articles into stories. When an earlier step already gave
 * stories (the store's online clusterer, in `analyze --db`), they are kept as they are.
 */
export function storyStage(articles: Article[], stories: Story[]): Story[] {
  if (stories.length > 0) return stories;
  const counts = new Map<Article, ArticleCounts>();
  const { stories: made, clusterer } = clusterArticles(streamOrder(articles), {}, (a, c) => counts.set(a, c));
  // storylines: stories whose words and names keep recurring over time share a thread
  const features = new Map(articles.map((a) => [a.id, reweigh(counts.get(a)!, clusterer.vocab)]));
  const threadOf = threadStories(made, features);
  for (const s of made) s.results.thread = threadOf.get(s.id) ?? s.id;
  return made;
}
