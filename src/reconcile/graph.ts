import type { Article } from "../model/article.js";
import type { Citation, Story } from "../model/story.js";
import type { StoryEntity } from "../model/story.js";
import { objectArray } from "../util/arrays.js";

/**
 * The entity graph of a story: people, organisations and places, linked when they are
 * mentioned in the same sentence (co-occurrence) and when an event record has one as its
 * source actor and the other as its target. Reads `results.entities` (and `results.events`
 * when present); runs after the stages that set them.
 */

/** The shape of `story.results.entities` items this stage reads. */
export type GraphEntityInput = StoryEntity;

/** The shape of `story.results.events` items this stage reads. */
export interface GraphEventInput {
  code: string;
  name?: string;
  /** `entity` is the canonical entity's id, or an object carrying it (`{id, name}`). */
  source?: { text?: string; entity?: string | { id?: string } };
  target?: { text?: string; entity?: string | { id?: string } };
  citations?: Citation[];
}

export interface GraphNode {
  id: string;
  name: string;
  type: "PER" | "ORG" | "LOC";
  salience: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** Sentences in which both are mentioned, plus event records linking them. */
  weight: number;
  /** "co-occurrence" and/or "event:<CAMEO code>", sorted. */
  kinds: string[];
  /** Where the link is seen: the co-occurring sentences and the events' citations (at most MAX_CITATIONS). */
  citations: Citation[];
}

export interface EntityGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const GRAPH_TYPES: ReadonlySet<string> = new Set(["PER", "ORG", "LOC"]);
export const MAX_CITATIONS = 8;
/** A sentence naming more entities than this (a list of names) adds no co-occurrence links. */
const MAX_ENTITIES_PER_SENTENCE = 12;

interface EdgeAcc {
  a: string;
  b: string;
  source: string;
  target: string;
  weight: number;
  kinds: Set<string>;
  hasEvent: boolean;
  citations: Citation[];
  seen: Set<string>;
}

/** The canonical entity id of an event participant: a string id, or an object with `id`. */
export function entityId(e: unknown): string | undefined {
  if (typeof e === "string") return e || undefined;
  if (e && typeof e === "object" && typeof (e as { id?: unknown }).id === "string") return (e as { id: string }).id;
  return undefined;
}

/** Index of the span containing `offset` in sorted, non-overlapping spans, or -1. */
function containing(spans: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = spans[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

// (edgeFor and cite are module functions, not closures made per story: an optimised buildEntityGraph had inlined
// the first story's closures and was thrown away at every new one, eleven times per cold run)

function edgeFor(edges: Map<string, EdgeAcc>, x: string, y: string): EdgeAcc {
  const [a, b] = x < y ? [x, y] : [y, x];
  const key = `${a}\u0000${b}`;
  let acc = edges.get(key);
  if (!acc) {
    acc = { a, b, source: a, target: b, weight: 0, kinds: new Set(), hasEvent: false, citations: [], seen: new Set() };
    edges.set(key, acc);
  }
  return acc;
}

function cite(acc: EdgeAcc, c: Citation): void {
  const key = `${c.articleId}:${c.start}:${c.end}`;
  if (acc.seen.has(key) || acc.citations.length >= MAX_CITATIONS) return;
  acc.seen.add(key);
  acc.citations.push({ articleId: c.articleId, start: c.start, end: c.end });
}

/** Co-occurrence edges of one article's sentences. */
function cooccurrences(article: Article | undefined, articleId: string, nodes: GraphNode[], mentionsOf: Map<string, Record<string, [number, number][]>>, edges: Map<string, EdgeAcc>): void {
  const sentences = article?.layers.sentence;
  if (!sentences || sentences.length === 0) return;
  const inSentence = new Map<number, Set<string>>();
  for (const node of nodes) {
    for (const [start] of mentionsOf.get(node.id)?.[articleId] ?? []) {
      const s = containing(sentences, start);
      if (s < 0) continue;
      let set = inSentence.get(s);
      if (!set) inSentence.set(s, (set = new Set()));
      set.add(node.id);
    }
  }
  for (const s of [...inSentence.keys()].sort((x, y) => x - y)) {
    const ids = [...inSentence.get(s)!].sort();
    if (ids.length < 2 || ids.length > MAX_ENTITIES_PER_SENTENCE) continue;
    const sentence = sentences[s]!;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const acc = edgeFor(edges, ids[i]!, ids[j]!);
        acc.weight++;
        acc.kinds.add("co-occurrence");
        cite(acc, { articleId, start: sentence.start, end: sentence.end });
      }
  }
}

/** Event edges: source actor -> target actor. */
function eventEdges(events: GraphEventInput[], byId: Map<string, GraphNode>, edges: Map<string, EdgeAcc>): void {
  for (const ev of events) {
    const src = entityId(ev?.source?.entity);
    const tgt = entityId(ev?.target?.entity);
    if (!src || !tgt || src === tgt || !byId.has(src) || !byId.has(tgt)) continue;
    const acc = edgeFor(edges, src, tgt);
    if (!acc.hasEvent) {
      acc.source = src;
      acc.target = tgt;
      acc.hasEvent = true;
    }
    acc.weight++;
    acc.kinds.add(`event:${ev.code}`);
    for (const c of ev.citations ?? []) cite(acc, c);
  }
}

// Nodes and edges are classes (same fields, same order, so the same JSON): as `{ id, ... }` and `{ source, ... }`
// literals they shared V8's hidden classes with other literals of those keys, and a node's `salience` began as a
// small integer (the top entity's 1) and then became a double; the report's graph code (graphSvg, drawnEdges,
// pushStoryGraph, pushGraphMarkdown) was thrown away on those changes ("wrong map"). `salience` is stored twice,
// a double first, so it is a double field from the first node on.

class Node implements GraphNode {
  salience = 0.5;
  constructor(
    public id: string,
    public name: string,
    public type: GraphNode["type"],
    salience: number,
  ) {
    this.salience = salience;
  }
}

class Edge implements GraphEdge {
  constructor(
    public source: string,
    public target: string,
    public weight: number,
    public kinds: string[],
    public citations: Citation[],
  ) {}
}

/** Builds the graph of one story from its entities and events; pure. */
export function buildEntityGraph(story: Story, articlesById: ReadonlyMap<string, Article>): EntityGraph | undefined {
  const entities = story.results.entities;
  if (!Array.isArray(entities)) return undefined;
  // (objectArray: every story's lists, empty or not, have one hidden class; see there)
  const nodes = objectArray<GraphNode>();
  const byId = new Map<string, GraphNode>();
  const mentionsOf = new Map<string, Record<string, [number, number][]>>();
  for (const e of entities as GraphEntityInput[]) {
    if (!e || typeof e.id !== "string" || !GRAPH_TYPES.has(e.type) || byId.has(e.id)) continue;
    const node: GraphNode = new Node(e.id, e.name, e.type as GraphNode["type"], typeof e.salience === "number" ? e.salience : 0);
    nodes.push(node);
    byId.set(e.id, node);
    if (e.mentions) mentionsOf.set(e.id, e.mentions);
  }

  const edges = new Map<string, EdgeAcc>();
  // co-occurrence: entities mentioned in the same sentence of an article
  for (const articleId of story.articleIds) cooccurrences(articlesById.get(articleId), articleId, nodes, mentionsOf, edges);
  // events: source actor -> target actor
  const events = story.results.events;
  if (Array.isArray(events)) eventEdges(events as GraphEventInput[], byId, edges);

  nodes.sort((x, y) => y.salience - x.salience || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const sorted = [...edges.values()].sort((x, y) => y.weight - x.weight || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  const edgeList = objectArray<GraphEdge>();
  for (const e of sorted) edgeList.push(new Edge(e.source, e.target, e.weight, [...e.kinds].sort(), e.citations));
  return { nodes, edges: edgeList };
}

/** Story stage: sets `results.graph` on every story that has `results.entities`. */
export function graphStage(articles: Article[], stories: Story[]): Story[] {
  const needs = stories.some((s) => Array.isArray(s.results.entities));
  if (!needs) return stories;
  const byId = new Map(articles.map((a) => [a.id, a]));
  return stories.map((s) => {
    const graph = buildEntityGraph(s, byId);
    // (set in place, as the other stages set theirs: a spread copy shares the story's hidden class, and storing a new
    // `results` into it made that field mutable mid-stage, throwing away buildEntityGraph and cooccurrences)
    if (graph) s.results.graph = graph;
    return s;
  });
}
