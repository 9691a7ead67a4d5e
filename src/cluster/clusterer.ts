import type { Article } from "../model/article.js";
import type { Story } from "../model/story.js";
import { articleFeatures, type ArticleCounts, type ArticleFeatures } from "./features.js";
import { MinHashIndex } from "./minhash.js";
import { StringPool } from "./pool.js";
import { growFloat32, growFloat64, growInt32, growUint8 } from "../util/arrays.js";
import { VectorRing } from "./ring.js";
import { addScaledInto, dotN, normN, topIndices, truncateInto, type Sparse } from "./sparse.js";
import { twoMeans, type MemberVectors, type TwoGroups } from "./split.js";
import { KIND_VERB, KIND_WORD, NO_DAY, Vocab } from "./vocab.js";

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
  /** Live terms in the dictionary at which the first compaction runs (later ones: 1.5 × the size left). */
  vocabCompactAt: number;
  /** Documents without a mention after which a term no active story holds may be evicted (undated streams). */
  termWindow: number;
  /** Smallest and largest stories the split step examines. */
  splitMin: number;
  splitMax: number;
  /** The two parts of a split are at most this similar (combined centroid similarity)... */
  splitThreshold: number;
  /** ...and share at most this much of their names (cosine of the parts' name vectors). */
  splitNames: number;
  /** Members each part of a split needs at least. */
  splitMinPart: number;
  /** Only stories with a member that joined below this similarity are examined (the others are coherent by construction). */
  splitBelow: number;
  /** Recent articles whose vectors are kept for the split step, and the entries (terms + names) held for them. */
  splitWindow: number;
  splitArena: number;
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
  vocabCompactAt: 200_000,
  termWindow: 100_000,
  splitMin: 4,
  splitMax: 64,
  splitThreshold: 0.3,
  splitNames: 0.05,
  splitMinPart: 2,
  splitBelow: 0.5,
  splitWindow: 20_000,
  splitArena: 1 << 22,
};

export interface DuplicateLink {
  articleId: string;
  duplicateOf: string;
  /** Estimated Jaccard similarity of the two articles' word 4-gram sets. */
  similarity: number;
}

/** A story as persistence reads it (`drainChanged`). */
export interface StoryRecord {
  id: string;
  seq: number;
  label: string;
  size: number;
  firstDay: number;
  lastDay: number;
  /** Arrival number of the last article (the clock when articles are undated). */
  lastSeq: number;
  sources: string[];
  active: boolean;
  mergedInto: string | undefined;
  /** Centroid (views valid until the next article; empty when inactive). */
  terms: Sparse;
  ents: Sparse;
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

const NO_IDS = new Int32Array(0);
const NO_W = new Float32Array(0);

/** What only an active story holds: its centroid (in buffers with spare room) and its sources. */
class Live {
  tIds: Int32Array = NO_IDS;
  tW: Float32Array = NO_W;
  tLen = 0;
  eIds: Int32Array = NO_IDS;
  eW: Float32Array = NO_W;
  eLen = 0;
  termNorm = 0;
  entNorm = 0;
  /** Source ids (`OnlineClusterer.sourceName`), in order of first appearance, at most 100. */
  sources: number[] = [];
}

/**
 * Online story clustering. Each article is compared with the active stories that share its
 * heaviest terms or names (inverted index with bounded posting lists, so the cost per article
 * does not grow with the number of stories), joins the most similar one over the threshold or
 * opens a new story. Every `mergeEvery` articles, stories that doubled in size since their last
 * check are compared with their own candidates and merged when their centroids agree, and split
 * when their members form two clearly separate groups.
 *
 * Memory: only active stories (at most `maxActive`) are objects; every story's record and every
 * article's (story, similarity, near-duplicate link, next member) are typed arrays, ids and labels
 * are in string pools, and the term dictionary is compacted as it grows (terms no active story
 * holds and not seen within the horizon are forgotten; their ids are recycled).
 */
export class OnlineClusterer {
  readonly params: ClusterParams;
  readonly vocab: Vocab;
  readonly dups: MinHashIndex;
  private readonly ring: VectorRing;
  /** Prefix of story ids (so that stores and runs do not collide). */
  readonly prefix: string;
  /** Arrival count. */
  seen = 0;
  /** Latest publication day seen. */
  clock = NaN;
  mergeCount = 0;
  splitCount = 0;
  /** Vocabulary compactions run, and terms they evicted. */
  compactions = 0;
  evictedTerms = 0;
  /** Persistence: keep the list of changed stories and of moved articles (`drainChanged`, `drainMoves`). */
  track = false;

  // ---- stories, by story number (seq) ----
  private nStories = 0;
  private nextStory = 0;
  private sNum: Int32Array = new Int32Array(0);
  private seqByNum: Int32Array = new Int32Array(0);
  private readonly oddIds = new Map<number, string>();
  private readonly oddSeq = new Map<string, number>();
  private sSize: Int32Array = new Int32Array(0);
  private sFirst: Float64Array = new Float64Array(0);
  private sLast: Float64Array = new Float64Array(0);
  private sLastSeq: Float64Array = new Float64Array(0);
  private sHead: Int32Array = new Int32Array(0);
  private sTail: Int32Array = new Int32Array(0);
  private sMembers: Int32Array = new Int32Array(0);
  private sMerged: Int32Array = new Int32Array(0);
  private sChecked: Int32Array = new Int32Array(0);
  private sLabel: Int32Array = new Int32Array(0);
  private sSrcStart: Int32Array = new Int32Array(0);
  private sSrcLen: Int32Array = new Int32Array(0);
  private activeFlag: Uint8Array = new Uint8Array(0);
  private changedFlag: Uint8Array = new Uint8Array(0);
  private changed: number[] = [];
  private live: (Live | undefined)[] = [];
  /** Active stories in order of their last article (least recent first), for ageing out. */
  private lruPrev: Int32Array = new Int32Array(0);
  private lruNext: Int32Array = new Int32Array(0);
  private lruHead = -1;
  private lruTail = -1;
  private lruDirty = false;
  private readonly labels = new StringPool();
  private srcPool: Int32Array = new Int32Array(0);
  private srcUsed = 0;
  private readonly sourceIds = new Map<string, number>();
  private readonly sourceName: string[] = [];
  private activeCount = 0;

  // ---- articles, by arrival index (arrival number - seqBase) ----
  private seqBase = -1;
  private nArticles = 0;
  private aStory: Int32Array = new Int32Array(0);
  private aNext: Int32Array = new Int32Array(0);
  private aSim: Float64Array = new Float64Array(0);
  private aDup: Int32Array = new Int32Array(0);
  private aDupSim: Float32Array = new Float32Array(0);
  private aDay: Float32Array = new Float32Array(0);
  private aSource: Int32Array = new Int32Array(0);
  private readonly articleIds = new StringPool();

  // ---- retrieval and maintenance ----
  private postings: (number[] | undefined)[] = [];
  private query = 0;
  private readonly found: number[] = [];
  private touched = new Set<number>();
  private lastAged = 0;
  private nextCompaction: number;
  private moveLog: { from: string; into: string }[] = [];
  private movedArticles: number[] = [];
  // scratch for centroid updates and normalised copies
  private mIds: Int32Array = new Int32Array(1024);
  private mW: Float32Array = new Float32Array(1024);
  private qTW: Float32Array = new Float32Array(512);
  private qEW: Float32Array = new Float32Array(512);

  constructor(params: Partial<ClusterParams> = {}, vocab = new Vocab(), prefix = "s") {
    this.params = { ...DEFAULT_PARAMS, ...params };
    this.vocab = vocab;
    this.prefix = prefix;
    this.dups = new MinHashIndex(this.params.dupWindow);
    this.ring = new VectorRing(this.params.splitWindow, this.params.splitArena);
    this.nextCompaction = this.params.vocabCompactAt;
  }

  /** Stories ever opened (merged ones included). */
  get storyCount(): number {
    return this.nStories;
  }

  get activeStories(): number {
    return this.activeCount;
  }

  /** Arrivals held in memory (the articles of this process, plus the near-duplicate window restored). */
  get articlesHeld(): number {
    return this.nArticles;
  }

  // ---------------------------------------------------------------- ids

  storyId(s: number): string {
    const n = this.sNum[s]!;
    return n >= 0 ? `${this.prefix}${n}` : this.oddIds.get(s)!;
  }

  private seqOf(id: string): number {
    if (id.startsWith(this.prefix)) {
      const rest = id.slice(this.prefix.length);
      if (/^[1-9]\d{0,8}$/.test(rest)) {
        const n = Number(rest);
        if (n < this.seqByNum.length && this.seqByNum[n]! >= 0) return this.seqByNum[n]!;
      }
    }
    return this.oddSeq.get(id) ?? -1;
  }

  private resolveSeq(s: number): number {
    while (this.sMerged[s]! >= 0) s = this.sMerged[s]!;
    return s;
  }

  /** Follows merge links to the story that now holds an id's articles. */
  resolve(id: string): string {
    const s = this.seqOf(id);
    return s < 0 ? id : this.storyId(this.resolveSeq(s));
  }

  /** The current label of an active story, undefined for others. */
  currentLabel(id: string): string | undefined {
    const s = this.seqOf(id);
    return s >= 0 && this.activeFlag[s] ? this.labelOf(s) : undefined;
  }

  private sourceId(name: string): number {
    if (!name) return -1;
    let id = this.sourceIds.get(name);
    if (id === undefined) {
      id = this.sourceName.length;
      this.sourceIds.set(name, id);
      this.sourceName.push(name);
    }
    return id;
  }

  // ---------------------------------------------------------------- stories

  private ensureStories(n: number): void {
    if (n <= this.sSize.length) return;
    this.sNum = growInt32(this.sNum, n);
    this.sSize = growInt32(this.sSize, n);
    this.sFirst = growFloat64(this.sFirst, n);
    this.sLast = growFloat64(this.sLast, n);
    this.sLastSeq = growFloat64(this.sLastSeq, n);
    this.sHead = growInt32(this.sHead, n);
    this.sTail = growInt32(this.sTail, n);
    this.sMembers = growInt32(this.sMembers, n);
    this.sMerged = growInt32(this.sMerged, n);
    this.sChecked = growInt32(this.sChecked, n);
    this.sLabel = growInt32(this.sLabel, n);
    this.sSrcStart = growInt32(this.sSrcStart, n);
    this.sSrcLen = growInt32(this.sSrcLen, n);
    this.activeFlag = growUint8(this.activeFlag, n);
    this.changedFlag = growUint8(this.changedFlag, n);
    this.lruPrev = growInt32(this.lruPrev, n);
    this.lruNext = growInt32(this.lruNext, n);
  }

  private newStory(id?: string): number {
    const s = this.nStories++;
    this.ensureStories(s + 1);
    let n = -1;
    if (id === undefined) n = ++this.nextStory;
    else if (id.startsWith(this.prefix) && /^[1-9]\d{0,8}$/.test(id.slice(this.prefix.length))) {
      n = Number(id.slice(this.prefix.length));
      if (n > this.nextStory) this.nextStory = n;
    }
    if (n >= 0 && (n < this.seqByNum.length ? this.seqByNum[n]! >= 0 : false)) n = -1; // id already taken: keep it verbatim
    this.sNum[s] = n;
    if (n >= 0) {
      this.seqByNum = growInt32(this.seqByNum, n + 1, -1);
      this.seqByNum[n] = s;
    } else {
      this.oddIds.set(s, id!);
      this.oddSeq.set(id!, s);
    }
    this.sSize[s] = 0;
    this.sFirst[s] = NaN;
    this.sLast[s] = NaN;
    this.sLastSeq[s] = -1;
    this.sHead[s] = -1;
    this.sTail[s] = -1;
    this.sMembers[s] = 0;
    this.sMerged[s] = -1;
    this.sChecked[s] = 0;
    this.sLabel[s] = -1;
    this.sSrcLen[s] = 0;
    this.live[s] = new Live();
    this.activeFlag[s] = 1;
    this.activeCount++;
    this.lruAppend(s);
    return s;
  }

  private markChanged(s: number): void {
    if (this.track && !this.changedFlag[s]) {
      this.changedFlag[s] = 1;
      this.changed.push(s);
    }
  }

  // ---- the least-recently-updated list of active stories

  private lruUnlink(s: number): void {
    const p = this.lruPrev[s]!;
    const n = this.lruNext[s]!;
    if (p >= 0) this.lruNext[p] = n;
    else if (this.lruHead === s) this.lruHead = n;
    if (n >= 0) this.lruPrev[n] = p;
    else if (this.lruTail === s) this.lruTail = p;
    this.lruPrev[s] = -1;
    this.lruNext[s] = -1;
  }

  private lruAppend(s: number): void {
    this.lruInsertAfter(s, this.lruTail);
  }

  /** Links `s` right after `p` (-1: at the head). */
  private lruInsertAfter(s: number, p: number): void {
    const n = p >= 0 ? this.lruNext[p]! : this.lruHead;
    this.lruPrev[s] = p;
    this.lruNext[s] = n;
    if (p >= 0) this.lruNext[p] = s;
    else this.lruHead = s;
    if (n >= 0) this.lruPrev[n] = s;
    else this.lruTail = s;
  }

  /** Links `s` at its place by last article (walking back from the most recent). */
  private lruPlace(s: number): void {
    let p = this.lruTail;
    while (p >= 0 && this.sLastSeq[p]! > this.sLastSeq[s]!) p = this.lruPrev[p]!;
    this.lruInsertAfter(s, p);
  }

  private rebuildLru(): void {
    const act: number[] = [];
    for (let s = 0; s < this.nStories; s++) if (this.activeFlag[s]) act.push(s);
    act.sort((a, b) => this.sLastSeq[a]! - this.sLastSeq[b]! || a - b);
    this.lruHead = -1;
    this.lruTail = -1;
    for (const s of act) this.lruAppend(s);
    this.lruDirty = false;
  }

  // ---------------------------------------------------------------- articles

  private newArrival(seq: number, id: string, day: number, source: number): number {
    if (this.seqBase < 0) this.seqBase = seq;
    const a = seq - this.seqBase;
    if (a !== this.nArticles) throw new Error(`clusterer: arrival ${seq} out of order`);
    this.nArticles++;
    if (a >= this.aStory.length) {
      const n = a + 1;
      this.aStory = growInt32(this.aStory, n);
      this.aNext = growInt32(this.aNext, n);
      this.aSim = growFloat64(this.aSim, n);
      this.aDup = growInt32(this.aDup, n);
      this.aDupSim = growFloat32(this.aDupSim, n);
      this.aDay = growFloat32(this.aDay, n);
      this.aSource = growInt32(this.aSource, n);
    }
    this.aStory[a] = -1;
    this.aNext[a] = -1;
    this.aSim[a] = 0;
    this.aDup[a] = -1;
    this.aDupSim[a] = 0;
    this.aDay[a] = day;
    this.aSource[a] = source;
    this.articleIds.add(id);
    return a;
  }

  /** Appends article `a` to story `s`'s member list. */
  private appendMember(s: number, a: number): void {
    this.aNext[a] = -1;
    const t = this.sTail[s]!;
    if (t >= 0) this.aNext[t] = a;
    else this.sHead[s] = a;
    this.sTail[s] = a;
    this.sMembers[s]!++;
    this.aStory[a] = s;
  }

  // ---------------------------------------------------------------- similarity and retrieval

  /** Features, then `addFeatures`. */
  add(article: Article): Assignment {
    return this.addFeatures(articleFeatures(article, this.vocab));
  }

  /** The similarity of an article (or a story's centroid) to story `s`, with time decay. */
  private similarity(tIds: Int32Array, tW: Float32Array, tn: number, eIds: Int32Array, eW: Float32Array, en: number, entNorm: number, day: number, s: number): number {
    const L = this.live[s]!;
    const text = L.termNorm > 0 ? dotN(tIds, tW, tn, L.tIds, L.tW, L.tLen) / L.termNorm : 0;
    let sim = text;
    if (entNorm > 0 && L.entNorm > 0) {
      const e = dotN(eIds, eW, en, L.eIds, L.eW, L.eLen) / (L.entNorm * entNorm);
      sim = (1 - this.params.entityWeight) * text + this.params.entityWeight * e;
    }
    const last = this.sLast[s]!;
    if (Number.isFinite(day) && Number.isFinite(last)) {
      const first = this.sFirst[s]!;
      const gap = day > last ? day - last : day < first ? first - day : 0;
      if (gap > 1) sim *= Math.exp(-(gap - 1) / this.params.decayDays);
    }
    return sim;
  }

  /**
   * Partial scores of one retrieval, in a small open-addressing table keyed by story (cache-resident,
   * where an array by story number would be a cache miss per posting): slot → [story, query stamp],
   * and the score beside. Sized for every posting a retrieval can visit (2 × queryTerms lists of at
   * most 2 × postingCap stories), at most a quarter full.
   */
  private qKey: Int32Array = new Int32Array(0);
  private qAcc: Float64Array = new Float64Array(0);
  private qShift = 32;
  private readonly foundSlot: number[] = [];
  private readonly topScratch: number[] = [];

  private visit(ids: Int32Array, w: Float32Array, n: number, scale: number, q: number, exclude: number): void {
    const qKey = this.qKey;
    const qAcc = this.qAcc;
    const shift = this.qShift;
    const mask = qAcc.length - 1;
    for (const i of topIndices(w, this.params.queryTerms, n, this.topScratch)) {
      const list = this.postings[ids[i]!];
      if (!list) continue;
      const x = w[i]! * scale;
      for (let k = list.length - 1; k >= 0; k--) {
        const s = list[k]!;
        let h = Math.imul(s, 0x9e3779b1) >>> shift;
        while (qKey[2 * h + 1] === q && qKey[2 * h] !== s) h = (h + 1) & mask;
        if (qKey[2 * h + 1] !== q) {
          qKey[2 * h] = s;
          qKey[2 * h + 1] = q;
          qAcc[h] = 0;
          if (s !== exclude && this.activeFlag[s]) {
            this.found.push(s);
            this.foundSlot.push(h);
          }
        }
        qAcc[h]! += x;
      }
    }
  }

  /** Active candidate stories sharing heavy terms or names, best first (by partial score). */
  private candidatesFor(tIds: Int32Array, tW: Float32Array, tn: number, eIds: Int32Array, eW: Float32Array, en: number, exclude = -1): number[] {
    if (this.qAcc.length === 0) {
      let size = 1;
      while (size < 4 * 2 * this.params.queryTerms * 2 * this.params.postingCap) size <<= 1;
      this.qKey = new Int32Array(2 * size);
      this.qAcc = new Float64Array(size);
      this.qShift = 32 - Math.log2(size);
    }
    if (this.query === 0x7fffffff) {
      this.qKey.fill(0);
      this.query = 0;
    }
    const q = ++this.query;
    this.found.length = 0;
    this.foundSlot.length = 0;
    this.visit(tIds, tW, tn, 1 - this.params.entityWeight, q, exclude);
    this.visit(eIds, eW, en, this.params.entityWeight, q, exclude);
    // the `candidates` best partial scores, best first (insertion into a short sorted list)
    const k = this.params.candidates;
    const top: number[] = [];
    const topX: number[] = [];
    const qAcc = this.qAcc;
    for (let f = 0; f < this.found.length; f++) {
      const s = this.found[f]!;
      const x = qAcc[this.foundSlot[f]!]!;
      if (top.length === k && x <= topX[k - 1]!) continue;
      let j = top.length;
      if (j === k) j--;
      else {
        top.push(s);
        topX.push(x);
      }
      while (j > 0 && topX[j - 1]! < x) {
        top[j] = top[j - 1]!;
        topX[j] = topX[j - 1]!;
        j--;
      }
      top[j] = s;
      topX[j] = x;
    }
    return top;
  }

  private index(ids: Int32Array, w: Float32Array, n: number, s: number): void {
    const cap = this.params.postingCap;
    for (const i of topIndices(w, this.params.queryTerms, n, this.topScratch)) {
      const t = ids[i]!;
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

  // ---------------------------------------------------------------- centroids

  /** a + scale * b for one of a story's two vectors; cut back to centroidSize past 1.5 × that (amortised). */
  private absorbInto(L: Live, names: boolean, bIds: Int32Array, bW: Float32Array, bn: number, scale: number): void {
    const aIds = names ? L.eIds : L.tIds;
    const aW = names ? L.eW : L.tW;
    const an = names ? L.eLen : L.tLen;
    const need = an + bn;
    if (need > this.mIds.length) {
      this.mIds = new Int32Array(2 * need);
      this.mW = new Float32Array(2 * need);
    }
    const m = addScaledInto(aIds, aW, an, bIds, bW, bn, scale, this.mIds, this.mW);
    const k = this.params.centroidSize;
    const keep = m > k * 1.5 ? k : m;
    let ids = aIds;
    let w = aW;
    if (keep > ids.length) {
      const cap = Math.max(keep, Math.min(Math.max(16, 2 * ids.length), Math.floor(k * 1.5)));
      ids = new Int32Array(cap);
      w = new Float32Array(cap);
    }
    const len = truncateInto(this.mIds, this.mW, m, keep, ids, w);
    const norm = normN(w, len);
    if (names) {
      L.eIds = ids;
      L.eW = w;
      L.eLen = len;
      L.entNorm = norm;
    } else {
      L.tIds = ids;
      L.tW = w;
      L.tLen = len;
      L.termNorm = norm;
    }
  }

  private join(s: number, f: ArticleFeatures, a: number, seq: number, sim: number): void {
    const L = this.live[s]!;
    this.absorbInto(L, false, f.terms, f.termW, f.terms.length, 1);
    this.absorbInto(L, true, f.ents, f.entW, f.ents.length, 1);
    this.index(f.terms, f.termW, f.terms.length, s);
    this.index(f.ents, f.entW, f.ents.length, s);
    this.sSize[s]!++;
    this.markChanged(s);
    this.appendMember(s, a);
    this.aSim[a] = sim;
    const src = this.aSource[a]!;
    if (src >= 0 && L.sources.length < 100 && !L.sources.includes(src)) L.sources.push(src);
    const day = f.day;
    if (Number.isFinite(day)) {
      if (!(day >= this.sFirst[s]!)) this.sFirst[s] = day;
      if (!(day <= this.sLast[s]!)) this.sLast[s] = day;
    }
    this.sLastSeq[s] = seq;
    this.lruUnlink(s);
    this.lruAppend(s);
    // merge checks on a doubling schedule (sizes 2, 4, 8...): O(log size) checks per story. A story of one
    // article is not checked: that article was compared with the same candidates, by the same similarity,
    // when it arrived, and opened a story because none reached the join threshold (below the merge threshold)
    const size = this.sSize[s]!;
    if (size >= 2 && size >= 2 * this.sChecked[s]!) this.touched.add(s);
  }

  /** Assigns one article (already turned into features) to a story. */
  addFeatures(f: ArticleFeatures): Assignment {
    if (this.lruDirty) this.rebuildLru();
    const seq = this.seen++;
    const a = this.newArrival(seq, f.id, f.day, this.sourceId(f.source));
    if (Number.isFinite(f.day) && !(f.day <= this.clock)) this.clock = f.day;
    const tn = f.terms.length;
    const en = f.ents.length;
    const entNorm = normN(f.entW, en);

    let duplicate: DuplicateLink | undefined;
    let best = -1;
    let bestSim = 0;
    const dup = f.sig.length ? this.dups.query(f.sig, this.params.dupThreshold) : undefined;
    const orig = dup ? dup.seq - this.seqBase : -1;
    if (dup && orig >= 0) {
      duplicate = { articleId: f.id, duplicateOf: this.articleIds.get(orig), similarity: dup.sim };
      const s0 = this.aStory[orig]!;
      const s = s0 >= 0 ? this.resolveSeq(s0) : -1;
      if (s >= 0 && this.activeFlag[s]) {
        best = s;
        bestSim = Math.max(dup.sim, this.similarity(f.terms, f.termW, tn, f.ents, f.entW, en, entNorm, f.day, s));
      }
    }
    if (best < 0) {
      for (const c of this.candidatesFor(f.terms, f.termW, tn, f.ents, f.entW, en)) {
        const sim = this.similarity(f.terms, f.termW, tn, f.ents, f.entW, en, entNorm, f.day, c);
        if (sim > bestSim) {
          bestSim = sim;
          best = c;
        }
      }
      if (bestSim < this.params.threshold) best = -1;
    }
    if (best < 0) {
      best = this.newStory();
      bestSim = 1;
    }
    this.join(best, f, a, seq, bestSim);
    if (duplicate) {
      this.aDup[a] = orig;
      this.aDupSim[a] = duplicate.similarity;
    }
    if (f.sig.length) this.dups.add(f.sig, seq);
    this.ring.put(a, f.terms, f.termW, f.ents, f.entW);
    const storyId = this.storyId(best);
    if (this.seen % this.params.mergeEvery === 0) this.maintain();
    return { articleId: f.id, storyId, similarity: bestSim, ...(duplicate && { duplicate }) };
  }

  // ---------------------------------------------------------------- maintenance

  /** Periodic step: merge stories that converged, split stories that hold two events, age out stories that went quiet. */
  maintain(): void {
    if (this.lruDirty) this.rebuildLru();
    const touched = [...this.touched].sort((a, b) => a - b);
    this.touched.clear();
    for (const s of touched) {
      if (!this.activeFlag[s]) continue;
      this.sChecked[s] = this.sSize[s]!;
      const L = this.live[s]!;
      const sDay = this.sLast[s]!;
      let best = -1;
      let bestSim = this.params.mergeThreshold;
      const entNorm = L.entNorm;
      const tn = L.termNorm || 1;
      if (this.qTW.length < L.tLen) this.qTW = new Float32Array(2 * L.tLen);
      if (this.qEW.length < L.eLen) this.qEW = new Float32Array(2 * L.eLen);
      const qT = this.qTW;
      const qE = this.qEW;
      for (let i = 0; i < L.tLen; i++) qT[i] = L.tW[i]! / tn;
      for (let i = 0; i < L.eLen; i++) qE[i] = entNorm > 0 ? L.eW[i]! / entNorm : L.eW[i]!;
      for (const c of this.candidatesFor(L.tIds, qT, L.tLen, L.eIds, qE, L.eLen, s)) {
        const sim = this.similarity(L.tIds, qT, L.tLen, L.eIds, qE, L.eLen, entNorm > 0 ? 1 : 0, sDay, c);
        if (sim >= bestSim) {
          bestSim = sim;
          best = c;
        }
      }
      if (best >= 0) this.merge(best < s ? best : s, best < s ? s : best);
    }
    // split step: stories that grew (or absorbed another) since their last check, of a bounded size
    for (const s of touched) if (this.activeFlag[s] && this.sSize[s]! >= this.params.splitMin && this.sSize[s]! <= this.params.splitMax && this.looseMember(s)) this.trySplit(s);
    if (this.seen - this.lastAged >= 1000 || this.activeCount > this.params.maxActive) this.age();
    if (this.vocab.size >= this.nextCompaction) this.compact();
  }

  // ---------------------------------------------------------------- split step

  /**
   * The two groups the split step would make of a story (`twoMeans` over its members' vectors), with
   * the similarity of the two parts and whether each member is closer to its own part. Undefined when
   * the members do not fall in two groups, or some member's vector is no longer held.
   */
  splitProposal(storyId: string): { groups: [string[], string[]]; cross: number; crossText: number; crossNames: number; separated: boolean } | undefined {
    const s = this.seqOf(storyId);
    if (s < 0 || !this.activeFlag[s]) return undefined;
    const p = this.propose(s);
    if (!p) return undefined;
    const ids = (g: number): string[] => p.members.filter((_, i) => p.group[i] === g).map((a) => this.articleIds.get(a));
    return { groups: [ids(0), ids(1)], cross: p.cross.combined, crossText: p.cross.text, crossNames: p.cross.names, separated: p.separated };
  }

  private propose(s: number): (TwoGroups & { members: number[] }) | undefined {
    const n = this.sSize[s]!;
    if (n < 2 || this.sMembers[s] !== n) return undefined;
    const ring = this.ring;
    const members: number[] = [];
    const vectors: MemberVectors[] = [];
    for (let a = this.sHead[s]!; a >= 0; a = this.aNext[a]!) {
      const o = ring.find(a);
      if (o < 0) return undefined;
      const nt = ring.terms(a);
      const ne = ring.names(a);
      members.push(a);
      vectors.push({ tIds: ring.ids.subarray(o, o + nt), tW: ring.ww.subarray(o, o + nt), eIds: ring.ids.subarray(o + nt, o + nt + ne), eW: ring.ww.subarray(o + nt, o + nt + ne) });
    }
    const p = twoMeans(vectors, this.params.entityWeight);
    return p && { ...p, members };
  }

  /** Whether some member of story `s` joined it below `splitBelow`. */
  private looseMember(s: number): boolean {
    for (let a = this.sHead[s]!; a >= 0; a = this.aNext[a]!) if (this.aSim[a]! < this.params.splitBelow) return true;
    return false;
  }

  /** Splits story `s` in two when its members form two clearly separate groups; true when it did. */
  private trySplit(s: number): boolean {
    const p = this.propose(s);
    // conservative: two groups that share (almost) no names and little else, each member closer to its own
    if (!p || !p.separated || p.cross.combined > this.params.splitThreshold || !(p.cross.names <= this.params.splitNames)) return false;
    if (Math.min(p.sizes[0], p.sizes[1]) < this.params.splitMinPart) return false;
    // the larger part keeps the story (with equal parts, the part holding the first article)
    const keep = p.sizes[0] > p.sizes[1] ? 0 : p.sizes[1] > p.sizes[0] ? 1 : p.group[0]!;
    const t = this.newStory();
    const parts: [number, number] = keep === 0 ? [s, t] : [t, s];
    // rebuild both stories from their members, in arrival order
    this.sHead[s] = -1;
    this.sTail[s] = -1;
    this.sMembers[s] = 0;
    for (const x of [s, t]) {
      const L = this.live[x]!;
      L.tLen = 0;
      L.eLen = 0;
      L.termNorm = 0;
      L.entNorm = 0;
      L.sources = [];
      this.sSize[x] = 0;
      this.sFirst[x] = NaN;
      this.sLast[x] = NaN;
      this.sLastSeq[x] = -1;
    }
    const ring = this.ring;
    for (let i = 0; i < p.members.length; i++) {
      const a = p.members[i]!;
      const x = parts[p.group[i]!]!;
      const L = this.live[x]!;
      const o = ring.find(a);
      const nt = ring.terms(a);
      const ne = ring.names(a);
      this.absorbInto(L, false, ring.ids.subarray(o, o + nt), ring.ww.subarray(o, o + nt), nt, 1);
      this.absorbInto(L, true, ring.ids.subarray(o + nt, o + nt + ne), ring.ww.subarray(o + nt, o + nt + ne), ne, 1);
      this.appendMember(x, a);
      this.sSize[x]!++;
      const src = this.aSource[a]!;
      if (src >= 0 && L.sources.length < 100 && !L.sources.includes(src)) L.sources.push(src);
      const day = this.aDay[a]!;
      if (Number.isFinite(day)) {
        if (!(day >= this.sFirst[x]!)) this.sFirst[x] = day;
        if (!(day <= this.sLast[x]!)) this.sLast[x] = day;
      }
      this.sLastSeq[x] = Math.max(this.sLastSeq[x]!, a + this.seqBase);
      if (x === t && this.track) this.movedArticles.push(a);
    }
    for (const x of [s, t]) {
      const L = this.live[x]!;
      this.index(L.tIds, L.tW, L.tLen, x);
      this.index(L.eIds, L.eW, L.eLen, x);
      this.lruUnlink(x);
      this.lruPlace(x);
      this.sChecked[x] = this.sSize[x]!;
      this.markChanged(x);
      this.touched.add(x);
    }
    this.splitCount++;
    return true;
  }

  private merge(into: number, from: number): void {
    const I = this.live[into]!;
    const F = this.live[from]!;
    this.absorbInto(I, false, F.tIds, F.tW, F.tLen, 1);
    this.absorbInto(I, true, F.eIds, F.eW, F.eLen, 1);
    this.index(I.tIds, I.tW, I.tLen, into);
    this.index(I.eIds, I.eW, I.eLen, into);
    this.sSize[into]! += this.sSize[from]!;
    this.markChanged(into);
    // member lists: into's, then from's
    if (this.sHead[from]! >= 0) {
      const t = this.sTail[into]!;
      if (t >= 0) this.aNext[t] = this.sHead[from]!;
      else this.sHead[into] = this.sHead[from]!;
      this.sTail[into] = this.sTail[from]!;
      this.sMembers[into]! += this.sMembers[from]!;
    }
    this.sHead[from] = -1;
    this.sTail[from] = -1;
    this.sMembers[from] = 0;
    for (const src of F.sources) if (I.sources.length < 100 && !I.sources.includes(src)) I.sources.push(src);
    if (!(this.sFirst[from]! >= this.sFirst[into]!)) this.sFirst[into] = this.sFirst[from]!;
    if (!(this.sLast[from]! <= this.sLast[into]!)) this.sLast[into] = this.sLast[from]!;
    if (this.sLastSeq[from]! > this.sLastSeq[into]!) {
      // into takes from's place in the recency order
      this.sLastSeq[into] = this.sLastSeq[from]!;
      this.lruUnlink(into);
      this.lruInsertAfter(into, from);
    }
    this.sMerged[from] = into;
    this.deactivate(from);
    this.mergeCount++;
    if (this.track) this.moveLog.push({ from: this.storyId(from), into: this.storyId(into) });
    this.touched.add(into);
  }

  private deactivate(s: number): void {
    if (!this.activeFlag[s]) return;
    this.sLabel[s] = this.labels.add(this.labelOf(s));
    const L = this.live[s]!;
    // archive the sources
    const n = L.sources.length;
    this.srcPool = growInt32(this.srcPool, this.srcUsed + n);
    for (let i = 0; i < n; i++) this.srcPool[this.srcUsed + i] = L.sources[i]!;
    this.sSrcStart[s] = this.srcUsed;
    this.sSrcLen[s] = n;
    this.srcUsed += n;
    this.live[s] = undefined;
    this.activeFlag[s] = 0;
    this.activeCount--;
    this.lruUnlink(s);
    this.markChanged(s);
  }

  /** Stories silent for longer than the horizon, and the oldest beyond maxActive, leave the active set. */
  private age(): void {
    this.lastAged = this.seen;
    const horizon = this.params.horizonDays;
    if (!Number.isFinite(this.clock) && this.activeCount <= this.params.maxActive) return;
    if (Number.isFinite(this.clock)) {
      for (let s = this.lruHead; s >= 0; ) {
        const next = this.lruNext[s]!;
        if (this.clock - this.sLast[s]! > horizon) this.deactivate(s);
        s = next;
      }
    }
    let extra = this.activeCount - this.params.maxActive;
    while (extra-- > 0 && this.lruHead >= 0) this.deactivate(this.lruHead);
  }

  /**
   * Forgets the terms that no active story's centroid and no recent article vector holds and that
   * were not seen within the horizon (`horizonDays` before the clock, or `termWindow` documents for
   * undated ones); their ids are recycled. Runs when the dictionary reaches `vocabCompactAt` terms,
   * then each time it grows to 1.5 × what the last compaction left.
   */
  private compact(): void {
    const v = this.vocab;
    const cap = v.capacity;
    const used = new Uint8Array(cap);
    for (let s = this.lruHead; s >= 0; s = this.lruNext[s]!) {
      const L = this.live[s]!;
      for (let i = 0; i < L.tLen; i++) used[L.tIds[i]!] = 1;
      for (let i = 0; i < L.eLen; i++) used[L.eIds[i]!] = 1;
    }
    this.ring.forEachHeldId((id) => {
      used[id] = 1;
    });
    const docCut = v.docs - this.params.termWindow;
    const dayCut = Number.isFinite(this.clock) ? this.clock - this.params.horizonDays : NaN;
    const n = v.releaseWhere((id) => {
      if (used[id]) return false;
      const day = v.lastDay(id);
      return v.lastDoc(id) <= docCut || (day !== NO_DAY && day < dayCut);
    });
    for (let id = 0; id < Math.min(cap, this.postings.length); id++) if (this.postings[id] && !v.isLive(id)) this.postings[id] = undefined;
    this.compactions++;
    this.evictedTerms += n;
    this.nextCompaction = Math.max(this.params.vocabCompactAt, Math.ceil(1.5 * v.size));
  }

  /** "Key entities — action": the heaviest names and the heaviest verb of the centroid. */
  private labelOf(s: number): string {
    if (!this.activeFlag[s]) return this.sLabel[s]! >= 0 ? this.labels.get(this.sLabel[s]!) : "";
    const L = this.live[s]!;
    const display = this.vocab.display;
    const vocab = this.vocab;
    const names = topIndices(L.eW, 3, L.eLen).map((i) => display[L.eIds[i]!]!);
    // drop a surname already inside a fuller name
    const shown = names.filter((n, i) => !names.some((m, j) => j !== i && m.length > n.length && m.split(" ").includes(n)));
    let verb = "";
    let vw = 0;
    for (let i = 0; i < L.tLen; i++) {
      const k = vocab.kind(L.tIds[i]!);
      if (k & KIND_VERB && L.tW[i]! > vw) {
        vw = L.tW[i]!;
        verb = display[L.tIds[i]!]!;
      }
    }
    if (shown.length === 0) {
      const words = topIndices(L.tW, 3, L.tLen)
        .filter((i) => vocab.kind(L.tIds[i]!) & KIND_WORD)
        .map((i) => display[L.tIds[i]!]!);
      return [words.join(", "), verb].filter(Boolean).join(" — ");
    }
    return [shown.join(", "), verb].filter(Boolean).join(" — ");
  }

  /** Runs a final maintenance pass (call after the last article of a batch). */
  finish(): void {
    this.maintain();
  }

  // ---------------------------------------------------------------- output and persistence

  private sourcesOf(s: number): string[] {
    const L = this.live[s];
    if (L) return L.sources.map((i) => this.sourceName[i]!);
    const out: string[] = [];
    for (let i = 0; i < this.sSrcLen[s]!; i++) out.push(this.sourceName[this.srcPool[this.sSrcStart[s]! + i]!]!);
    return out;
  }

  private storyOut(s: number): Story {
    const first = dayString(this.sFirst[s]!);
    const last = dayString(this.sLast[s]!);
    const articleIds: string[] = [];
    const duplicates: DuplicateLink[] = [];
    const similarities: Record<string, number> = {};
    for (let a = this.sHead[s]!; a >= 0; a = this.aNext[a]!) {
      const id = this.articleIds.get(a);
      articleIds.push(id);
      similarities[id] = Math.round(this.aSim[a]! * 1000) / 1000;
      if (this.aDup[a]! >= 0) duplicates.push({ articleId: id, duplicateOf: this.articleIds.get(this.aDup[a]!), similarity: Math.round(this.aDupSim[a]! * 1000) / 1000 });
    }
    return {
      id: this.storyId(s),
      label: this.labelOf(s),
      articleIds,
      sources: this.sourcesOf(s),
      ...(first && { firstSeen: first }),
      ...(last && { lastSeen: last }),
      results: { duplicates, similarities },
    };
  }

  /** The stories holding articles, in `Story` form (largest first, then oldest). */
  toStories(): Story[] {
    const keep: number[] = [];
    for (let s = 0; s < this.nStories; s++) if (this.sMerged[s]! < 0 && this.sSize[s]! > 0) keep.push(s);
    keep.sort((a, b) => this.sSize[b]! - this.sSize[a]! || a - b);
    return keep.map((s) => this.storyOut(s));
  }

  /** Stories changed since the last call (persistence, with `track` set). */
  drainChanged(): StoryRecord[] {
    const out: StoryRecord[] = [];
    for (const s of this.changed) {
      this.changedFlag[s] = 0;
      const L = this.live[s];
      const merged = this.sMerged[s]!;
      out.push({
        id: this.storyId(s),
        seq: s,
        label: this.labelOf(s),
        size: this.sSize[s]!,
        firstDay: this.sFirst[s]!,
        lastDay: this.sLast[s]!,
        lastSeq: this.sLastSeq[s]!,
        sources: this.sourcesOf(s),
        active: !!L,
        mergedInto: merged >= 0 ? this.storyId(merged) : undefined,
        terms: L ? { ids: L.tIds.subarray(0, L.tLen), w: L.tW.subarray(0, L.tLen) } : { ids: NO_IDS, w: NO_W },
        ents: L ? { ids: L.eIds.subarray(0, L.eLen), w: L.eW.subarray(0, L.eLen) } : { ids: NO_IDS, w: NO_W },
      });
    }
    this.changed = [];
    return out;
  }

  /** Merges (story → story) and articles moved by splits (article → its story now) since the last call. */
  drainMoves(): { merges: { from: string; into: string }[]; moved: { articleId: string; storyId: string }[] } {
    const merges = this.moveLog;
    const moved = [...new Set(this.movedArticles)].map((a) => ({ articleId: this.articleIds.get(a), storyId: this.storyId(this.resolveSeq(this.aStory[a]!)) }));
    this.moveLog = [];
    this.movedArticles = [];
    return { merges, moved };
  }

  /** The story an article (by arrival number) is in now, or undefined when it is not held in memory. */
  storyOfArrival(seq: number): string | undefined {
    const a = seq - this.seqBase;
    if (this.seqBase < 0 || a < 0 || a >= this.nArticles || this.aStory[a]! < 0) return undefined;
    return this.storyId(this.resolveSeq(this.aStory[a]!));
  }

  /** Re-creates a stored story (persistence); returns its id. */
  restoreStory(st: Omit<StoryRecord, "seq" | "mergedInto">): string {
    const s = this.newStory(st.id);
    this.sSize[s] = st.size;
    this.sFirst[s] = st.firstDay;
    this.sLast[s] = st.lastDay;
    this.sLastSeq[s] = st.lastSeq;
    this.sChecked[s] = st.size;
    const L = this.live[s]!;
    for (const src of st.sources) {
      const id = this.sourceId(src);
      if (id >= 0 && !L.sources.includes(id)) L.sources.push(id);
    }
    this.lruDirty = true;
    if (st.active) {
      L.tIds = st.terms.ids;
      L.tW = st.terms.w;
      L.tLen = st.terms.ids.length;
      L.eIds = st.ents.ids;
      L.eW = st.ents.w;
      L.eLen = st.ents.ids.length;
      L.termNorm = normN(L.tW, L.tLen);
      L.entNorm = normN(L.eW, L.eLen);
      this.index(L.tIds, L.tW, L.tLen, s);
      this.index(L.eIds, L.eW, L.eLen, s);
    } else {
      this.deactivate(s);
      this.sLabel[s] = this.labels.add(st.label);
      if (this.changedFlag[s]) {
        this.changedFlag[s] = 0;
        this.changed.pop();
      }
    }
    return this.storyId(s);
  }

  /** Restores the arrival of a past article (for near-duplicate links across restarts). */
  restoreArrival(articleId: string, storyId: string, sig: Uint32Array | undefined): void {
    const seq = this.seen++;
    const a = this.newArrival(seq, articleId, NaN, -1);
    const s0 = this.seqOf(storyId);
    const s = s0 >= 0 ? this.resolveSeq(s0) : -1;
    this.aStory[a] = s;
    if (sig && s >= 0) this.dups.add(sig, seq);
  }
}

/** Clusters a batch of annotated articles from scratch, in the order given. */
export function clusterArticles(
  articles: readonly Article[],
  params: Partial<ClusterParams> = {},
  keep?: (article: Article, counts: ArticleCounts) => void,
): { stories: Story[]; clusterer: OnlineClusterer } {
  const c = new OnlineClusterer(params);
  for (const a of articles) c.addFeatures(articleFeatures(a, c.vocab, keep && ((counts) => keep(a, counts))));
  c.finish();
  return { stories: c.toStories(), clusterer: c };
}
