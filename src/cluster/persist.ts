import type { Article } from "../model/article.js";
import type { Story } from "../model/story.js";
import type { SqliteStore } from "../store/sqlite.js";
import { OnlineClusterer, type ClusterParams, type StoryRecord } from "./clusterer.js";
import { articleFeatures } from "./features.js";
import type { Sparse } from "./sparse.js";
import { Vocab } from "./vocab.js";

const DAY = 86_400_000;
const dayString = (d: number): string | null => (Number.isFinite(d) ? new Date(d * DAY).toISOString().slice(0, 10) : null);
const dayNumber = (s: string | null): number => (s ? Math.floor(Date.parse(`${s}T00:00:00Z`) / DAY) : NaN);

/** Centroid blob: [nTerms, nEnts] Int32, term ids, term weights, entity ids, entity weights. */
function encodeCentroid(t: Sparse, e: Sparse): Buffer {
  const n = t.ids.length;
  const m = e.ids.length;
  const buf = new ArrayBuffer(8 + 8 * (n + m));
  const head = new Int32Array(buf, 0, 2);
  head[0] = n;
  head[1] = m;
  new Int32Array(buf, 8, n).set(t.ids);
  new Float32Array(buf, 8 + 4 * n, n).set(t.w);
  new Int32Array(buf, 8 + 8 * n, m).set(e.ids);
  new Float32Array(buf, 8 + 8 * n + 4 * m, m).set(e.w);
  return Buffer.from(buf);
}

function decodeCentroid(b: Buffer): { terms: Sparse; ents: Sparse } {
  const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  const [n, m] = new Int32Array(buf, 0, 2) as unknown as [number, number];
  return {
    terms: { ids: new Int32Array(buf, 8, n), w: new Float32Array(buf, 8 + 4 * n, n) },
    ents: { ids: new Int32Array(buf, 8 + 8 * n, m), w: new Float32Array(buf, 8 + 8 * n + 4 * m, m) },
  };
}

interface StoryRow {
  id: string;
  label: string;
  first_seen: string | null;
  last_seen: string | null;
  last_seq: number;
  size: number;
  sources: string;
  active: number;
  centroid: Buffer | null;
}

/**
 * The clusterer's state in the SQLite store: stories (with the centroids of active ones), each
 * article's story and near-duplicate link, the term dictionary with document frequencies, and the
 * MinHash signatures of the recent window. `assign` clusters new articles online and writes the
 * changes in one transaction; a new process picks up where the last one stopped.
 */
export class StoryStore {
  readonly clusterer: OnlineClusterer;
  private readonly store: SqliteStore;

  constructor(store: SqliteStore, params: Partial<ClusterParams> = {}) {
    this.store = store;
    const db = store.db;
    const vocab = new Vocab();
    const state = new Map((db.prepare("SELECT key, value FROM cluster_state").all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    vocab.docs = Number(state.get("docs") ?? 0);
    const clock = Number(state.get("clock") ?? NaN);
    for (const r of db.prepare("SELECT id, term, display, df, kind FROM cluster_terms ORDER BY id").iterate() as IterableIterator<{
      id: number;
      term: string;
      display: string;
      df: number;
      kind: number;
    }>)
      vocab.restore(r.id, r.term, r.display, r.df, r.kind);
    // restored terms count as seen now (the day they were last seen is not stored)
    vocab.finishRestore(clock);
    vocab.trackReleases = true;
    const c = new OnlineClusterer(params, vocab);
    c.track = true;
    for (const r of db.prepare("SELECT * FROM stories WHERE merged_into IS NULL ORDER BY seq").iterate() as IterableIterator<StoryRow>) {
      const cen = r.active && r.centroid ? decodeCentroid(r.centroid) : undefined;
      c.restoreStory({
        id: r.id,
        label: r.label,
        size: r.size,
        firstDay: dayNumber(r.first_seen),
        lastDay: dayNumber(r.last_seen),
        lastSeq: r.last_seq,
        sources: JSON.parse(r.sources) as string[],
        active: !!cen,
        terms: cen?.terms ?? { ids: new Int32Array(0), w: new Float32Array(0) },
        ents: cen?.ents ?? { ids: new Int32Array(0), w: new Float32Array(0) },
      });
    }
    const seen = Number(state.get("seen") ?? 0);
    const sigs = db
      .prepare(
        `SELECT s.seq, s.article_id, s.sig, a.story_id FROM cluster_signatures s JOIN story_articles a ON a.article_id = s.article_id
         ORDER BY s.seq DESC LIMIT ?`,
      )
      .all(c.params.dupWindow) as { seq: number; article_id: string; sig: Buffer; story_id: string }[];
    c.seen = seen - sigs.length;
    for (const r of sigs.reverse()) c.restoreArrival(r.article_id, r.story_id, new Uint32Array(r.sig.buffer.slice(r.sig.byteOffset, r.sig.byteOffset + r.sig.byteLength)));
    c.seen = seen;
    c.clock = clock;
    this.clusterer = c;
  }

  /** Stored articles not yet in a story, oldest first. */
  unassigned(): Article[] {
    const ids = this.store.db
      .prepare("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY published IS NULL, published, ingested_at, id")
      .all() as { id: string }[];
    return ids.map((r) => this.store.getArticle(r.id)!);
  }

  isAssigned(articleId: string): boolean {
    return this.store.db.prepare("SELECT 1 FROM story_articles WHERE article_id = ?").get(articleId) !== undefined;
  }

  /** Assigns the articles not yet in a story, in the order given, and saves the new state. */
  assign(articles: readonly Article[]): number {
    const c = this.clusterer;
    const added: { articleId: string; storyId: string; seq: number; similarity: number; dupOf: string | null; dupSim: number | null; sig: Uint32Array }[] = [];
    const done = new Set<string>();
    for (const a of articles) {
      if (done.has(a.id) || this.isAssigned(a.id)) continue;
      done.add(a.id);
      const f = articleFeatures(a, c.vocab);
      const seq = c.seen;
      const r = c.addFeatures(f);
      added.push({ articleId: a.id, storyId: r.storyId, seq, similarity: r.similarity, dupOf: r.duplicate?.duplicateOf ?? null, dupSim: r.duplicate?.similarity ?? null, sig: f.sig });
    }
    if (added.length === 0) return 0;
    c.finish();
    this.save(added);
    return added.length;
  }

  private save(added: { articleId: string; storyId: string; seq: number; similarity: number; dupOf: string | null; dupSim: number | null; sig: Uint32Array }[]): void {
    const db = this.store.db;
    const c = this.clusterer;
    db.transaction(() => {
      const upStory = db.prepare(
        `INSERT INTO stories (id, seq, label, first_seen, last_seen, last_seq, size, sources, active, merged_into, centroid)
         VALUES (@id, @seq, @label, @first_seen, @last_seen, @last_seq, @size, @sources, @active, @merged_into, @centroid)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
           last_seq = excluded.last_seq, size = excluded.size, sources = excluded.sources, active = excluded.active,
           merged_into = excluded.merged_into, centroid = excluded.centroid`,
      );
      const changed: StoryRecord[] = c.drainChanged();
      for (const s of changed) {
        upStory.run({
          id: s.id,
          seq: s.seq,
          label: s.label,
          first_seen: dayString(s.firstDay),
          last_seen: dayString(s.lastDay),
          last_seq: s.lastSeq,
          size: s.size,
          sources: JSON.stringify(s.sources),
          active: s.active ? 1 : 0,
          merged_into: s.mergedInto ?? null,
          centroid: s.active ? encodeCentroid(s.terms, s.ents) : null,
        });
      }
      // merges move whole stories; splits move single articles (to the story each is in now)
      const { merges, moved } = c.drainMoves();
      const moveArticles = db.prepare("UPDATE story_articles SET story_id = ? WHERE story_id = ?");
      for (const m of merges) moveArticles.run(c.resolve(m.into), m.from);
      const ins = db.prepare("INSERT INTO story_articles (article_id, story_id, seq, similarity, duplicate_of, duplicate_similarity) VALUES (?, ?, ?, ?, ?, ?)");
      const insSig = db.prepare("INSERT OR REPLACE INTO cluster_signatures (seq, article_id, sig) VALUES (?, ?, ?)");
      for (const a of added) {
        ins.run(a.articleId, c.storyOfArrival(a.seq) ?? c.resolve(a.storyId), a.seq, a.similarity, a.dupOf, a.dupSim);
        insSig.run(a.seq, a.articleId, Buffer.from(a.sig.buffer, a.sig.byteOffset, a.sig.byteLength));
      }
      const moveArticle = db.prepare("UPDATE story_articles SET story_id = ? WHERE article_id = ?");
      for (const m of moved) moveArticle.run(m.storyId, m.articleId);
      db.prepare("DELETE FROM cluster_signatures WHERE seq < ?").run(c.seen - c.params.dupWindow);
      // the dictionary: evicted terms leave, ids recycled for new terms are overwritten
      const upTerm = db.prepare(
        `INSERT INTO cluster_terms (id, term, display, df, kind) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET term = excluded.term, display = excluded.display, df = excluded.df, kind = excluded.kind`,
      );
      const delTerm = db.prepare("DELETE FROM cluster_terms WHERE id = ?");
      const v = c.vocab;
      const dirty = v.drainDirty();
      for (const id of dirty.released) if (!v.isLive(id)) delTerm.run(id);
      for (const id of dirty.changed) upTerm.run(id, v.term(id), v.display[id], v.df(id), v.kind(id));
      const setState = db.prepare("INSERT OR REPLACE INTO cluster_state (key, value) VALUES (?, ?)");
      setState.run("docs", String(v.docs));
      setState.run("seen", String(c.seen));
      setState.run("clock", String(c.clock));
    })();
  }

  /** Stored stories (largest first); with `articleIds`, only stories holding one of them, restricted to them. */
  stories(articleIds?: readonly string[]): Story[] {
    const db = this.store.db;
    const only = articleIds ? new Set(articleIds) : undefined;
    const members = new Map<string, { article_id: string; similarity: number; duplicate_of: string | null; duplicate_similarity: number | null }[]>();
    for (const r of db.prepare("SELECT article_id, story_id, similarity, duplicate_of, duplicate_similarity FROM story_articles ORDER BY seq").iterate() as IterableIterator<{
      article_id: string;
      story_id: string;
      similarity: number;
      duplicate_of: string | null;
      duplicate_similarity: number | null;
    }>) {
      if (only && !only.has(r.article_id)) continue;
      const list = members.get(r.story_id);
      if (list) list.push(r);
      else members.set(r.story_id, [r]);
    }
    const out: Story[] = [];
    for (const r of db.prepare("SELECT * FROM stories WHERE merged_into IS NULL ORDER BY size DESC, seq").iterate() as IterableIterator<StoryRow>) {
      const m = members.get(r.id);
      if (!m) continue;
      out.push({
        id: r.id,
        label: this.clusterer.currentLabel(r.id) ?? r.label,
        articleIds: m.map((x) => x.article_id),
        sources: JSON.parse(r.sources) as string[],
        ...(r.first_seen && { firstSeen: r.first_seen }),
        ...(r.last_seen && { lastSeen: r.last_seen }),
        results: {
          duplicates: m
            .filter((x) => x.duplicate_of !== null)
            .map((x) => ({ articleId: x.article_id, duplicateOf: x.duplicate_of!, similarity: Math.round(x.duplicate_similarity! * 1000) / 1000 })),
          similarities: Object.fromEntries(m.map((x) => [x.article_id, Math.round(x.similarity * 1000) / 1000])),
          storedSize: r.size,
        },
      });
    }
    return out;
  }
}
