import type { ArticleFeatures } from "./features.js";
import { EMPTY, addScaled, norm, truncate, type Sparse } from "./sparse.js";

/**
 * Threads: long-running storylines that hold many event stories (an oil spill and its months of
 * hearings, fines and clean-up; a pandemic and its waves). Stories stay event-sized so that similar but
 * different events are kept apart; threads group stories whose words and names keep recurring, with
 * no ageing, at a lower similarity than a story needs.
 */
export interface ThreadParams {
  /** Combined similarity of a story to a thread's centroid for it to join the thread. */
  threshold: number;
  /** Share of the name cosine in the combined similarity. */
  entityWeight: number;
  /** Terms kept per thread centroid. */
  centroidSize: number;
  /** Similarity at which a thread of one or two stories joins an established thread. */
  stragglerThreshold: number;
  /** Stories a thread needs to count as established. */
  establishedStories: number;
}

export const DEFAULT_THREAD_PARAMS: ThreadParams = { threshold: 0.1, entityWeight: 0.5, centroidSize: 400, stragglerThreshold: 0.05, establishedStories: 5 };

interface Centroid {
  id: string;
  terms: Sparse;
  ents: Sparse;
  termNorm: number;
  entNorm: number;
  stories: number;
}

const vec = (ids: Int32Array, w: Float32Array): Sparse => ({ ids, w });

/**
 * Assigns each story to a thread, stories taken in the order given (the order they opened). A story's
 * vector is the sum of its articles' vectors; a thread's centroid is the sum of its stories'.
 */
export function threadStories(
  stories: readonly { id: string; articleIds: readonly string[] }[],
  features: ReadonlyMap<string, Pick<ArticleFeatures, "terms" | "termW" | "ents" | "entW">>,
  params: Partial<ThreadParams> = {},
): Map<string, string> {
  const p = { ...DEFAULT_THREAD_PARAMS, ...params };
  const scatter = new Scattered();
  const threads: Centroid[] = [];
  const threadOf = new Map<string, string>();
  for (const s of stories) {
    let terms: Sparse = EMPTY;
    let ents: Sparse = EMPTY;
    for (const id of s.articleIds) {
      const f = features.get(id);
      if (!f) continue;
      terms = addScaled(terms, vec(f.terms, f.termW));
      ents = addScaled(ents, vec(f.ents, f.entW));
    }
    terms = truncate(terms, p.centroidSize);
    ents = truncate(ents, p.centroidSize);
    const tn = norm(terms) || 1;
    const en = norm(ents) || 1;
    let best: Centroid | undefined;
    let bestSim = -1;
    scatter.set(terms, ents, tn, en);
    for (const t of threads) {
      const sim = scatter.similarity(t, p.entityWeight);
      if (sim > bestSim) {
        bestSim = sim;
        best = t;
      }
    }
    // unit-length story vectors, so that a long story does not outweigh the thread's others
    const su = { ids: terms.ids, w: terms.w.map((x) => x / tn) };
    const eu = { ids: ents.ids, w: ents.w.map((x) => x / en) };
    if (best && bestSim >= p.threshold) {
      best.terms = truncate(addScaled(best.terms, su), p.centroidSize);
      best.ents = truncate(addScaled(best.ents, eu), p.centroidSize);
      best.termNorm = norm(best.terms) || 1;
      best.entNorm = norm(best.ents) || 1;
      best.stories++;
      threadOf.set(s.id, best.id);
    } else {
      const t: Centroid = { id: `t${threads.length + 1}`, terms: su, ents: eu, termNorm: norm(su) || 1, entNorm: norm(eu) || 1, stories: 1 };
      threads.push(t);
      threadOf.set(s.id, t.id);
    }
  }
  // Threads opened early may belong together once both have grown: merge the most similar pair of
  // centroids while it reaches the threshold (one row of similarities recomputed per merge).
  const alive = threads.map(() => true);
  const sims = threads.map((a, i) => {
    scatter.set(a.terms, a.ents, a.termNorm, a.entNorm);
    return threads.map((b, j) => (j < i ? scatter.similarity(b, p.entityWeight) : 0));
  });
  const into = new Map<string, string>();
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = p.threshold;
    for (let i = 0; i < threads.length; i++) {
      if (!alive[i]) continue;
      for (let j = 0; j < i; j++) if (alive[j] && sims[i]![j]! >= best) [best, bi, bj] = [sims[i]![j]!, i, j];
    }
    if (bi < 0) break;
    const a = threads[bj]!;
    const b = threads[bi]!;
    a.terms = truncate(addScaled(a.terms, b.terms), p.centroidSize);
    a.ents = truncate(addScaled(a.ents, b.ents), p.centroidSize);
    a.termNorm = norm(a.terms) || 1;
    a.entNorm = norm(a.ents) || 1;
    a.stories += b.stories;
    alive[bi] = false;
    into.set(b.id, a.id);
    scatter.set(a.terms, a.ents, a.termNorm, a.entNorm);
    for (let k = 0; k < threads.length; k++) {
      if (!alive[k] || k === bj) continue;
      const v = scatter.similarity(threads[k]!, p.entityWeight);
      if (k < bj) sims[bj]![k] = v;
      else sims[k]![bj] = v;
    }
  }
  // Stragglers: a thread of one or two stories joins the most similar established thread (five stories or
  // more) at a lower bar, since a short story says too little to open a storyline of its own.
  const established = threads.filter((t, i) => alive[i] && t.stories >= p.establishedStories);
  threads.forEach((t, i) => {
    if (!alive[i] || t.stories > 2 || established.length === 0) return;
    let best: Centroid | undefined;
    let bestSim = p.stragglerThreshold;
    scatter.set(t.terms, t.ents, t.termNorm, t.entNorm);
    for (const e of established) {
      const sim = scatter.similarity(e, p.entityWeight);
      if (sim >= bestSim) [bestSim, best] = [sim, e];
    }
    if (best) {
      alive[i] = false;
      into.set(t.id, best.id);
    }
  });
  const root = (id: string): string => (into.has(id) ? root(into.get(id)!) : id);
  for (const [story, thread] of threadOf) threadOf.set(story, root(thread));
  return threadOf;
}

/**
 * One vector pair (terms, names) with its norms, spread over dense arrays by id, to compare with many
 * others: each dot product reads the other vector once, in id order, so the sum is the one `dot` makes.
 */
class Scattered {
  private t: Float64Array = new Float64Array(0);
  private e: Float64Array = new Float64Array(0);
  private terms: Sparse = EMPTY;
  private ents: Sparse = EMPTY;
  private termNorm = 1;
  private entNorm = 1;

  /** Spreads a new pair (the previous one is cleared first). */
  set(terms: Sparse, ents: Sparse, termNorm: number, entNorm: number): void {
    for (const id of this.terms.ids) this.t[id] = 0;
    for (const id of this.ents.ids) this.e[id] = 0;
    this.t = spread(this.t, terms);
    this.e = spread(this.e, ents);
    this.terms = terms;
    this.ents = ents;
    this.termNorm = termNorm;
    this.entNorm = entNorm;
  }

  /** Combined cosine with `b`: the term cosine and the name cosine, the latter weighted `entityWeight`. */
  similarity(b: { terms: Sparse; ents: Sparse; termNorm: number; entNorm: number }, entityWeight: number): number {
    return (1 - entityWeight) * (denseDot(this.t, b.terms) / (this.termNorm * b.termNorm)) + entityWeight * (denseDot(this.e, b.ents) / (this.entNorm * b.entNorm));
  }
}

function spread(dense: Float64Array, v: Sparse): Float64Array {
  let d = dense;
  const n = v.ids.length;
  if (n && v.ids[n - 1]! >= d.length) {
    const grown = new Float64Array(Math.max(2 * d.length, v.ids[n - 1]! + 1));
    grown.set(d);
    d = grown;
  }
  for (let i = 0; i < n; i++) d[v.ids[i]!] = v.w[i]!;
  return d;
}

function denseDot(dense: Float64Array, b: Sparse): number {
  let s = 0;
  const ids = b.ids;
  const w = b.w;
  const n = dense.length;
  for (let j = 0; j < ids.length; j++) {
    const id = ids[j]!;
    if (id < n) {
      const x = dense[id]!;
      if (x !== 0) s += x * w[j]!;
    }
  }
  return s;
}
