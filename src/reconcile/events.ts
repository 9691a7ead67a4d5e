/**
 * Story-level event records: the `event` spans of a story's articles, with actors linked to the
 * story's canonical entities (story.results.entities, when a coreference stage made them), and
 * merged across articles when the code and both actors agree.
 */
import { type Article, spansOf } from "../model/article.js";
import type { Citation, Story } from "../model/story.js";
import { allArticlesStory, anchorValue, storyReferenceDay } from "./timeline.js";

export interface StoryEntity {
  id: string;
  name: string;
  type?: string;
  mentions?: Record<string, [number, number][]>;
}

export interface EventActor {
  text: string;
  code?: string;
  country?: string;
  role?: string;
  /** Canonical entity, when the actor phrase overlaps one of its mentions. */
  entity?: { id: string; name: string };
}

export interface StoryEvent {
  code: string;
  /** Two-digit CAMEO root. */
  root: string;
  name: string;
  source: EventActor;
  target: EventActor;
  place?: string;
  /** The event's time, read against the story's day for undated articles (TimeML value, e.g. "2016-12-19TEV"). */
  date?: string;
  /** The same as `time.value`, for readers of the `event` span attrs shape. */
  time?: { value: string };
  citations: Citation[];
  sources: number;
}

/**
 * An actor's canonical entity as a class (same fields, same order): as an `{ id, name }` literal its string `id` made
 * the `id` field of the hidden classes shared with every other `{ id, ... }` literal generic mid-stage (some have a
 * numeric id), throwing away optimised code that read them.
 */
class EntityRef {
  constructor(
    public id: string,
    public name: string,
  ) {}
}

/** One article's entity mentions, in entity order then mention order: [start, end, entity index] triples. */
type ArticleMentions = { spans: Int32Array; entities: StoryEntity[] };

function articleMentions(entities: StoryEntity[], articleId: string): ArticleMentions {
  const flat: number[] = [];
  entities.forEach((e, i) => {
    for (const [s, t] of e.mentions?.[articleId] ?? []) flat.push(s, t, i);
  });
  return { spans: Int32Array.from(flat), entities };
}

/** The entity whose mention overlaps [start, end) most (the first such, in entity then mention order). */
function linkEntity(m: ArticleMentions, start: number, end: number): { id: string; name: string } | undefined {
  let best = -1;
  let bestOverlap = 0;
  const sp = m.spans;
  for (let k = 0; k < sp.length; k += 3) {
    const overlap = Math.min(end, sp[k + 1]!) - Math.max(start, sp[k]!);
    if (overlap > 0 && (best < 0 || overlap > bestOverlap)) {
      best = sp[k + 2]!;
      bestOverlap = overlap;
    }
  }
  if (best < 0) return undefined;
  const e = m.entities[best]!;
  return new EntityRef(e.id, e.name);
}

function actor(a: unknown, mentions: ArticleMentions): EventActor {
  const x = (a ?? {}) as { text?: string; start?: number; end?: number; code?: string; country?: string; role?: string };
  const out: EventActor = { text: x.text ?? "" };
  if (x.code) out.code = x.code;
  if (x.country) out.country = x.country;
  if (x.role) out.role = x.role;
  if (x.start !== undefined && x.end !== undefined) {
    const ent = linkEntity(mentions, x.start, x.end);
    if (ent) out.entity = ent;
  }
  return out;
}

const actorKey = (a: EventActor): string => a.entity?.id ?? a.code ?? a.text.toLowerCase();

export function storyEvents(articles: Article[], entities: StoryEntity[]): StoryEvent[] {
  const out: StoryEvent[] = [];
  const keys = new Map<string, { ev: StoryEvent; outlets: Set<string> }>();
  const refDay = storyReferenceDay(articles);
  for (const a of articles) {
    const outlet = a.source.name ?? a.source.domain ?? a.source.origin;
    const events = spansOf(a, "event");
    const mentions = events.length ? articleMentions(entities, a.id) : undefined;
    for (const e of events) {
      const at = e.attrs ?? {};
      const source = actor(at.source, mentions!);
      const target = actor(at.target, mentions!);
      const rawTime = at.time as { value?: string } | undefined;
      const anchored = rawTime?.value && !a.published ? anchorValue(rawTime.value, refDay) : rawTime?.value;
      const time = anchored && !anchored.startsWith("X") ? { value: anchored } : undefined;
      const place = at.place as { text?: string } | undefined;
      const code = String(e.label ?? at.code);
      const key = `${code}|${actorKey(source)}|${actorKey(target)}`;
      const citation = { articleId: a.id, start: e.start, end: e.end };
      const found = keys.get(key);
      if (found) {
        found.ev.citations.push(citation);
        found.outlets.add(outlet);
        found.ev.sources = found.outlets.size;
        if (!found.ev.date && time?.value) {
          found.ev.date = time.value;
          found.ev.time = { value: time.value };
        }
        if (!found.ev.place && place?.text) found.ev.place = place.text;
        continue;
      }
      const ev: StoryEvent = { code, root: code.slice(0, 2), name: String(at.name ?? ""), source, target, citations: [citation], sources: 1 };
      if (place?.text) ev.place = place.text;
      if (time?.value) {
        ev.date = time.value;
        ev.time = { value: time.value };
      }
      keys.set(key, { ev, outlets: new Set([outlet]) });
      out.push(ev);
    }
  }
  // most corroborated first, then by code
  return out.sort((x, y) => y.sources - x.sources || y.citations.length - x.citations.length);
}

/** Event records a story keeps at most (the most corroborated). */
export const MAX_STORY_EVENTS = 200;

/** Story stage: adds `results.events`; with no stories from earlier stages, all articles form one group. */
export function eventsStage(articles: Article[], stories: Story[]): Story[] {
  if (!articles.length) return stories;
  const out = stories.length ? stories : [allArticlesStory(articles)];
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const s of out) {
    const group = s.articleIds.map((id) => byId.get(id)).filter((a): a is Article => !!a);
    const entities = Array.isArray(s.results.entities) ? (s.results.entities as StoryEntity[]) : [];
    s.results.events = storyEvents(group, entities).slice(0, MAX_STORY_EVENTS);
  }
  return out;
}
