import type { Article } from "../model/article.js";
import type { Story } from "../model/story.js";
import { articleFeatures, type ArticleFeatures } from "./features.js";
import { MinHashIndex } from "./minhash.js";
import { EMPTY, addScaled, dot, norm, topIndices, truncate, type Sparse } from "./sparse.js";
import { KIND_VERB, KIND_WORD, Vocab } from "./vocab.js";

/** The few parameters of the clusterer (tuned on ECB+ topics 1-35 only; see docs/quality.md). */
export interface ClusterParams {
  /** Combined similarity an article needs to join a story. */
  threshold: number;
  /** Share of the entity cosine in the combined similarity (the word cosine has the rest). */
  entityWeight: number;
  /** Combined similarity of two story centroids for the merge step to join them. */
  mergeThreshold: number;
  /** Estimated Jaccard of word 4-gram sets above which an article is a near-duplicate. */
  dupThreshold: number;
  /** Days of silence after which a story's similarity is divided by e (when dates are known). */
  decayDays: number;
  /** A story not updated for this many days leaves the active set (no longer a candidate). */
  horizonDays: number;
  /** At most this many active stories (the least recently updated leave first). */
  maxActive: number;
  /** Terms and entities kept per story centroid. */
  centroidSize: number;
  /** Article terms (and entities) used to retrieve candidate stories. */
  queryTerms: number;
  /** Story entries kept per term in the inverted index (the most recent). */
  postingCap: number;
  /** Candidate stories scored in full per article. */
  candidates: number;
  /** Articles between two merge passes. */
  mergeEvery: number;
  /** Near-duplicate window (articles kept in the MinHash index). */
  dupWindow: number;
}

export const DEFAULT_PARAMS: ClusterParams = {
  threshold: 0.3,
  entityWeight: 0.5,
  mergeThreshold: 0.5,
  dupThreshold: 0.5,
  decayDays: 30,
  horizonDays: 60,
  maxActive: 20_000,
  centroidSize: 200,
  queryTerms: 16,
  postingCap: 24,
  candidates: 16,
  mergeEvery: 100,
  dupWindow: 50_000,
};

export interface DuplicateLink {
  articleId: string;
  duplicateOf: string;
  /** Estimated Jaccard similarity of the two articles' word 4-gram sets. */
  similarity: number;
}

/** One story in the clusterer's memory. Inactive stories keep their metadata but not their centroid. */
export class StoryState {
  terms: Sparse = EMPTY;
  ents: Sparse = EMPTY;
  termNorm = 0;
  entNorm = 0;
  size = 0;
  firstDay = NaN;
  lastDay = NaN;
  /** Arrival number of the last article (the clock when articles are undated). */
  lastSeq = -1;
  sources: string[] = [];
  articleIds: string[] = [];
  /** Similarity with which each article joined (1 for the article that opened the story). */
  sims: number[] = [];
  duplicates: DuplicateLink[] = [];
  active = true;
  mergedInto: string | undefined;
  label = "";
  /** Size at the last merge check. */
  checkedAt = 0;
  /** Articles not yet drained by `drainChanges` (persistence). */
  pending = 0;

  constructor(
    readonly seq: number,
    readonly id: string,
  ) {}
}

export interface Assignment {
  articleId: string;
  storyId: string;
  similarity: number;
  duplicate?: DuplicateLink;
}

function dayString(d: number): string | undefined {
  return Number.isFinite(d) ? new Date(d * 86_400_000).toISOString().slice(0, 10) : undefined;
}

/**
 * Online story clustering. Each article is compared with the active stories that share its
 * heaviest terms or names (inverted index with bounded posting lists, so the cost per article
 * does not grow with the number of stories), joins the most similar one over the threshold or
 * opens a new story. Every `mergeEvery` articles, stories that doubled in size since their last
 * check are compared with their own candidates and merged when their centroids agree.
 */
export class OnlineClusterer {
  readonly params: ClusterParams;
  readonly vocab: Vocab;
  readonly stories: StoryState[] = [];
  private readonly byId = new Map<string, StoryState>();
  private postings: number[][] = [];
  private stamp = new Int32Array(1024);
  /** 1 for active stories, by seq (a dense array: the retrieval loop touches no story object). */
  private activeFlag = new Uint8Array(1024);
  private acc = new Float64Array(1024);
  private query = 0;
  /** Story of each article by arrival number (Int32, grows). */
  private assign = new Int32Array(1024);
  private readonly idBySeq: string[] = [];
  readonly dups: MinHashIndex;
  /** Arrival count. */
  seen = 0;
  /** Latest publication day seen. */
  clock = NaN;
  private activeCount = 0;
  /** Active stories by seq, in order of activation (a Set keeps insertion order). */
  private readonly activeSet = new Set<number>();
  private touched = new Set<number>();
  private nextStory = 0;
  /** Prefix of story ids (so that stores and runs do not collide). */
  readonly prefix: string;
  merges: { from: string; into: string; similarity: number }[] = [];

  constructor(params: Partial<ClusterParams> = {}, vocab = new Vocab(), prefix = "s") {
    this.params = { ...DEFAULT_PARAMS, ...params };
    this.vocab = vocab;
    this.prefix = prefix;
    this.dups = new MinHashIndex(this.params.dupWindow);
  }

  get storyCount(): number {
    return this.stories.length;
  }

  get activeStories(): number {
    return this.activeCount;
  }

  story(id: string): StoryState | undefined {
    return this.byId.get(id);
  }

  /** Features, then `addFeatures`. */
  add(article: Article): Assignment {
    return this.addFeatures(articleFeatures(article, this.vocab));
  }

  /** The similarity of an article (or a story's centroid) to a story, with time decay. */
  similarity(terms: Sparse, ents: Sparse, entNorm: number, day: number, s: StoryState): number {
    const text = s.termNorm > 0 ? dot(terms, s.terms) / s.termNorm : 0;
    let sim = text;
    if (entNorm > 0 && s.entNorm > 0) {
      const e = dot(ents, s.ents) / (s.entNorm * entNorm);
      sim = (1 - this.params.entityWeight) * text + this.params.entityWeight * e;
    }
    if (Number.isFinite(day) && Number.isFinite(s.lastDay)) {
      const gap = day > s.lastDay ? day - s.lastDay : day < s.firstDay ? s.firstDay - day : 0;
      if (gap > 1) sim *= Math.exp(-(gap - 1) / this.params.decayDays);
    }
    return sim;
  }

  /** Active candidate stories sharing heavy terms or names, best first (by partial score). */
  private candidatesFor(terms: Sparse, ents: Sparse, exclude = -1): number[] {
    const q = ++this.query;
    const found: number[] = [];
    const visit = (vec: Sparse, scale: number): void => {
      for (const i of topIndices(vec.w, this.params.queryTerms)) {
        const list = this.postings[vec.ids[i]!];
        if (!list) continue;
        const w = vec.w[i]! * scale;
        for (let k = list.length - 1; k >= 0; k--) {
          const s = list[k]!;
          if (this.stamp[s] !== q) {
            this.stamp[s] = q;
            this.acc[s] = 0;
            if (s !== exclude && this.activeFlag[s]) found.push(s);
          }
          this.acc[s]! += w;
        }
      }
    };
    visit(terms, 1 - this.params.entityWeight);
    visit(ents, this.params.entityWeight);
    // the `candidates` best partial scores, best first (insertion into a short sorted list)
    const k = this.params.candidates;
    const top: number[] = [];
    for (const s of found) {
      const x = this.acc[s]!;
      if (top.length === k && x <= this.acc[top[k - 1]!]!) continue;
      let j = top.length;
      if (j === k) j--;
      else top.push(s);
      while (j > 0 && this.acc[top[j - 1]!]! < x) {
        top[j] = top[j - 1]!;
        j--;
      }
      top[j] = s;
    }
    return top;
  }

  private index(vec: Sparse, s: number): void {
    const cap = this.params.postingCap;
    for (const i of topIndices(vec.w, this.params.queryTerms)) {
      const t = vec.ids[i]!;
      let list = this.postings[t];
      if (!list) {
        list = [];
        if (t >= this.postings.length) this.postings.length = t + 1;
        this.postings[t] = list;
      }
      if (list[list.length - 1] === s) continue;
      list.push(s);
      if (list.length > 2 * cap) list.splice(0, list.length - cap);
    }
  }

  private newStory(): StoryState {
    const seq = this.stories.length;
    const s = new StoryState(seq, `${this.prefix}${++this.nextStory}`);
    this.stories.push(s);
    this.byId.set(s.id, s);
    this.activeCount++;
    this.activeSet.add(seq);
    if (seq >= this.stamp.length) {
      const st = new Int32Array(this.stamp.length * 2);
      st.set(this.stamp);
      this.stamp = st;
      this.acc = new Float64Array(st.length);
      const af = new Uint8Array(st.length);
      af.set(this.activeFlag);
      this.activeFlag = af;
    }
    this.activeFlag[seq] = 1;
    return s;
  }

  private absorb(s: StoryState, terms: Sparse, ents: Sparse, scale: number): void {
    // cut back to centroidSize only when half as much again has accumulated (amortised)
    const k = this.params.centroidSize;
    const t = addScaled(s.terms, terms, scale);
    const e = addScaled(s.ents, ents, scale);
    s.terms = t.ids.length > k * 1.5 ? truncate(t, k) : { ids: t.ids.slice(), w: t.w.slice() };
    s.ents = e.ids.length > k * 1.5 ? truncate(e, k) : { ids: e.ids.slice(), w: e.w.slice() };
    s.termNorm = norm(s.terms);
    s.entNorm = norm(s.ents);
  }

  private join(s: StoryState, f: ArticleFeatures, seq: number, sim: number): void {
    this.absorb(s, { ids: f.terms, w: f.termW }, { ids: f.ents, w: f.entW }, 1);
    this.index({ ids: f.terms, w: f.termW }, s.seq);
    this.index({ ids: f.ents, w: f.entW }, s.seq);
    s.size++;
    s.pending++;
    s.articleIds.push(f.id);
    s.sims.push(sim);
    if (f.source && !s.sources.includes(f.source) && s.sources.length < 100) s.sources.push(f.source);
    if (Number.isFinite(f.day)) {
      if (!(f.day >= s.firstDay)) s.firstDay = f.day;
      if (!(f.day <= s.lastDay)) s.lastDay = f.day;
    }
    s.lastSeq = seq;
    if (seq >= this.assign.length) {
      const a = new Int32Array(this.assign.length * 2);
      a.set(this.assign);
      this.assign = a;
    }
    this.assign[seq] = s.seq;
    // merge checks on a doubling schedule (sizes 1, 2, 4, 8...): O(log size) checks per story
    if (s.size >= 2 * s.checkedAt) this.touched.add(s.seq);
  }

  /** Assigns one article (already turned into features) to a story. */
  addFeatures(f: ArticleFeatures): Assignment {
    const seq = this.seen++;
    this.idBySeq.push(f.id);
    if (Number.isFinite(f.day) && !(f.day <= this.clock)) this.clock = f.day;
    const terms = { ids: f.terms, w: f.termW };
    const ents = { ids: f.ents, w: f.entW };
    const entNorm = norm(ents);

    let duplicate: DuplicateLink | undefined;
    let best: StoryState | undefined;
    let bestSim = 0;
    const dup = f.sig.length ? this.dups.query(f.sig, this.params.dupThreshold) : undefined;
    if (dup) {
      duplicate = { articleId: f.id, duplicateOf: this.idBySeq[dup.seq]!, similarity: dup.sim };
      const s = this.stories[this.assign[dup.seq]!]!;
      const live = s.mergedInto ? this.byId.get(this.resolve(s.id)) : s;
      if (live?.active) {
        best = live;
        bestSim = Math.max(dup.sim, this.similarity(terms, ents, entNorm, f.day, live));
      }
    }
    if (!best) {
      for (const c of this.candidatesFor(terms, ents)) {
        const s = this.stories[c]!;
        const sim = this.similarity(terms, ents, entNorm, f.day, s);
        if (sim > bestSim) {
          bestSim = sim;
          best = s;
        }
      }
      if (bestSim < this.params.threshold) best = undefined;
    }
    if (!best) {
      best = this.newStory();
      bestSim = 1;
    }
    this.join(best, f, seq, bestSim);
    if (duplicate) best.duplicates.push(duplicate);
    if (f.sig.length) this.dups.add(f.sig, seq);
    if (this.seen % this.params.mergeEvery === 0) this.maintain();
    return { articleId: f.id, storyId: best.id, similarity: bestSim, ...(duplicate && { duplicate }) };
  }

  /** Follows merge links to the story that now holds an id's articles. */
  resolve(id: string): string {
    let s = this.byId.get(id);
    while (s?.mergedInto) s = this.byId.get(s.mergedInto);
    return s?.id ?? id;
  }

  /** Periodic step: merge stories that converged, and age out stories that went quiet. */
  maintain(): void {
    const touched = [...this.touched].sort((a, b) => a - b);
    this.touched.clear();
    for (const seq of touched) {
      const s = this.stories[seq]!;
      if (!s.active) continue;
      s.checkedAt = s.size;
      const sDay = s.lastDay;
      let best: StoryState | undefined;
      let bestSim = this.params.mergeThreshold;
      const entNorm = s.entNorm;
      const tn = s.termNorm || 1;
      const terms = { ids: s.terms.ids, w: s.terms.w.map((x) => x / tn) };
      const ents = { ids: s.ents.ids, w: entNorm > 0 ? s.ents.w.map((x) => x / entNorm) : s.ents.w };
      for (const c of this.candidatesFor(terms, ents, seq)) {
        const o = this.stories[c]!;
        const sim = this.similarity(terms, ents, entNorm > 0 ? 1 : 0, sDay, o);
        if (sim >= bestSim) {
          bestSim = sim;
          best = o;
        }
      }
      if (best) this.merge(best.seq < s.seq ? best : s, best.seq < s.seq ? s : best, bestSim);
    }
    if (this.seen - this.lastAged >= 1000 || this.activeCount > this.params.maxActive) this.age();
  }
  private lastAged = 0;

  private merge(into: StoryState, from: StoryState, sim: number): void {
    const scale = 1;
    this.absorb(into, from.terms, from.ents, scale);
    this.index(into.terms, into.seq);
    this.index(into.ents, into.seq);
    into.size += from.size;
    into.pending += from.size;
    for (const id of from.articleIds) into.articleIds.push(id);
    for (const x of from.sims) into.sims.push(x);
    for (const d of from.duplicates) into.duplicates.push(d);
    for (const src of from.sources) if (!into.sources.includes(src) && into.sources.length < 100) into.sources.push(src);
    if (!(from.firstDay >= into.firstDay)) into.firstDay = from.firstDay;
    if (!(from.lastDay <= into.lastDay)) into.lastDay = from.lastDay;
    into.lastSeq = Math.max(into.lastSeq, from.lastSeq);
    from.mergedInto = into.id;
    from.articleIds = [];
    from.sims = [];
    from.duplicates = [];
    this.deactivate(from);
    this.merges.push({ from: from.id, into: into.id, similarity: sim });
    this.touched.add(into.seq);
  }

  private deactivate(s: StoryState): void {
    if (!s.active) return;
    s.label = this.labelOf(s);
    s.active = false;
    s.terms = EMPTY;
    s.ents = EMPTY;
    this.activeCount--;
    this.activeSet.delete(s.seq);
    this.activeFlag[s.seq] = 0;
  }

  /** Stories silent for longer than the horizon, and the oldest beyond maxActive, leave the active set. */
  private age(): void {
    this.lastAged = this.seen;
    const horizon = this.params.horizonDays;
    const overflow = this.activeCount - this.params.maxActive;
    if (!Number.isFinite(this.clock) && overflow <= 0) return;
    const active = [...this.activeSet].map((i) => this.stories[i]!);
    if (Number.isFinite(this.clock)) for (const s of active) if (this.clock - s.lastDay > horizon) this.deactivate(s);
    const extra = this.activeCount - this.params.maxActive;
    if (extra > 0) {
      const live = active.filter((s) => s.active).sort((a, b) => a.lastSeq - b.lastSeq);
      for (let i = 0; i < extra; i++) this.deactivate(live[i]!);
    }
  }

  /** "Key entities — action": the heaviest names and the heaviest verb of the centroid. */
  labelOf(s: StoryState): string {
    if (!s.active) return s.label;
    const names = topIndices(s.ents.w, 3).map((i) => this.vocab.display[s.ents.ids[i]!]!);
    // drop a surname already inside a fuller name
    const shown = names.filter((n, i) => !names.some((m, j) => j !== i && m.length > n.length && m.split(" ").includes(n)));
    let verb = "";
    let vw = 0;
    for (let i = 0; i < s.terms.ids.length; i++) {
      const k = this.vocab.kind[s.terms.ids[i]!]!;
      if (k & KIND_VERB && s.terms.w[i]! > vw) {
        vw = s.terms.w[i]!;
        verb = this.vocab.display[s.terms.ids[i]!]!;
      }
    }
    if (shown.length === 0) {
      const words = topIndices(s.terms.w, 3).filter((i) => this.vocab.kind[s.terms.ids[i]!]! & KIND_WORD).map((i) => this.vocab.display[s.terms.ids[i]!]!);
      return [words.join(", "), verb].filter(Boolean).join(" — ");
    }
    return [shown.join(", "), verb].filter(Boolean).join(" — ");
  }

  /** Runs a final merge pass (call after the last article of a batch). */
  finish(): void {
    this.maintain();
  }

  /** The stories holding articles, in `Story` form (largest first, then oldest). */
  toStories(): Story[] {
    return this.stories
      .filter((s) => !s.mergedInto && s.size > 0)
      .sort((a, b) => b.size - a.size || a.seq - b.seq)
      .map((s) => storyOf(s, this.labelOf(s)));
  }

  /** Stories changed since the last call (for persistence); resets their pending counts. */
  drainChanged(): StoryState[] {
    const out = this.stories.filter((s) => s.pending > 0 || s.mergedInto !== undefined && s.pending >= 0);
    for (const s of out) {
      s.label = this.labelOf(s);
      s.pending = s.mergedInto ? -1 : 0;
    }
    return out;
  }

  /** Re-creates a stored story (persistence). */
  restoreStory(st: {
    id: string;
    label: string;
    size: number;
    firstDay: number;
    lastDay: number;
    lastSeq: number;
    sources: string[];
    active: boolean;
    terms: Sparse;
    ents: Sparse;
  }): StoryState {
    const s = this.newStory();
    this.byId.delete(s.id);
    const restored = Object.assign(new StoryState(s.seq, st.id), { size: st.size, firstDay: st.firstDay, lastDay: st.lastDay, lastSeq: st.lastSeq, sources: st.sources, label: st.label });
    this.stories[s.seq] = restored;
    this.byId.set(st.id, restored);
    const n = Number(st.id.slice(this.prefix.length));
    if (Number.isFinite(n) && n > this.nextStory) this.nextStory = n;
    if (st.active) {
      restored.terms = st.terms;
      restored.ents = st.ents;
      restored.termNorm = norm(st.terms);
      restored.entNorm = norm(st.ents);
      this.index(st.terms, s.seq);
      this.index(st.ents, s.seq);
    } else {
      restored.active = false;
      this.activeCount--;
      this.activeSet.delete(s.seq);
      this.activeFlag[s.seq] = 0;
    }
    return restored;
  }

  /** Restores the arrival of a past article (for near-duplicate links across restarts). */
  restoreArrival(articleId: string, storyId: string, sig: Uint32Array | undefined): void {
    const seq = this.seen++;
    this.idBySeq.push(articleId);
    if (seq >= this.assign.length) {
      const a = new Int32Array(this.assign.length * 2);
      a.set(this.assign);
      this.assign = a;
    }
    const s = this.byId.get(this.resolve(storyId));
    this.assign[seq] = s ? s.seq : 0;
    if (sig && s) this.dups.add(sig, seq);
  }
}

export function storyOf(s: StoryState, label: string): Story {
  const first = dayString(s.firstDay);
  const last = dayString(s.lastDay);
  return {
    id: s.id,
    label,
    articleIds: [...s.articleIds],
    sources: [...s.sources],
    ...(first && { firstSeen: first }),
    ...(last && { lastSeen: last }),
    results: {
      duplicates: s.duplicates.map((d) => ({ ...d, similarity: Math.round(d.similarity * 1000) / 1000 })),
      similarities: Object.fromEntries(s.articleIds.map((id, i) => [id, Math.round(s.sims[i]! * 1000) / 1000])),
    },
  };
}

/** Clusters a batch of annotated articles from scratch, in the order given. */
export function clusterArticles(articles: readonly Article[], params: Partial<ClusterParams> = {}): { stories: Story[]; clusterer: OnlineClusterer } {
  const c = new OnlineClusterer(params);
  for (const a of articles) c.add(a);
  c.finish();
  return { stories: c.toStories(), clusterer: c };
}
