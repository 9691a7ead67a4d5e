import type { Attrs } from "./span.js";

/** A pointer into one article's cleaned text: what every statement in a report cites. */
export interface Citation {
  articleId: string;
  start: number;
  end: number;
}

/** A story: a set of articles about one event, with what reconciling them found. */
export interface Story {
  id: string;
  label: string;
  articleIds: string[];
  sources: string[];
  firstSeen?: string;
  lastSeen?: string;
  /** Results of later stages (entities, events, timeline, claims, summary...), keyed by name. */
  results: Record<string, unknown>;
  attrs?: Attrs;
}

/** A canonical entity of a story, as the entity stage gives it in `story.results.entities`. */
export interface StoryEntity {
  id: string;
  name: string;
  type: string;
  aliases?: string[];
  mentions?: Record<string, [number, number][]>;
  salience?: number;
}
