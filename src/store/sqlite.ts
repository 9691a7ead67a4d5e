import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Article } from "../model/article.js";
import { OffsetMap } from "../model/offset-map.js";
import type { LayerName, Span } from "../model/span.js";
import type { TokenColumns } from "../model/tokens.js";

const SCHEMA_VERSION = 1;

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS articles (
     id TEXT PRIMARY KEY,
     origin TEXT NOT NULL,
     format TEXT NOT NULL,
     source_name TEXT, url TEXT, domain TEXT,
     title TEXT, byline TEXT,
     published TEXT, published_how TEXT,
     raw TEXT NOT NULL,
     text TEXT NOT NULL,
     offsets TEXT NOT NULL,
     removals TEXT NOT NULL,
     html TEXT,
     layer_names TEXT NOT NULL DEFAULT '[]',
     ingested_at TEXT NOT NULL
   );
   CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
   CREATE TABLE IF NOT EXISTS spans (
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     layer TEXT NOT NULL,
     start INTEGER NOT NULL,
     end INTEGER NOT NULL,
     label TEXT,
     attrs TEXT
   );
   CREATE INDEX IF NOT EXISTS spans_article_layer ON spans(article_id, layer);
   CREATE TABLE IF NOT EXISTS tokens (
     article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
     start BLOB NOT NULL, end BLOB NOT NULL, pos BLOB NOT NULL, sentence BLOB NOT NULL
   );
   CREATE TABLE IF NOT EXISTS runs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     command TEXT NOT NULL,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     inputs TEXT NOT NULL,
     added INTEGER NOT NULL DEFAULT 0,
     duplicates INTEGER NOT NULL DEFAULT 0,
     failed INTEGER NOT NULL DEFAULT 0,
     errors TEXT NOT NULL DEFAULT '[]'
   );`,
  // story clustering state (src/cluster/persist.ts)
  `CREATE TABLE IF NOT EXISTS stories (
     id TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     label TEXT NOT NULL,
     first_seen TEXT, last_seen TEXT,
     last_seq INTEGER NOT NULL,
     size INTEGER NOT NULL,
     sources TEXT NOT NULL,
     active INTEGER NOT NULL,
     merged_into TEXT,
     centroid BLOB
   );
   CREATE INDEX IF NOT EXISTS stories_active ON stories(active, merged_into);
   CREATE TABLE IF NOT EXISTS story_articles (
     article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
     story_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     similarity REAL NOT NULL,
     duplicate_of TEXT,
     duplicate_similarity REAL
   );
   CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id, seq);
   CREATE TABLE IF NOT EXISTS cluster_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL, display TEXT NOT NULL, df INTEGER NOT NULL, kind INTEGER NOT NULL);
   CREATE TABLE IF NOT EXISTS cluster_signatures (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL, sig BLOB NOT NULL);
   CREATE TABLE IF NOT EXISTS cluster_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

interface ArticleRow {
  id: string;
  origin: string;
  format: string;
  source_name: string | null;
  url: string | null;
  domain: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  published_how: string | null;
  raw: string;
  text: string;
  offsets: string;
  removals: string;
  layer_names: string;
}

const toBlob = (a: Int32Array | Uint8Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const int32 = (b: Buffer): Int32Array => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/**
 * The embedded store: articles with their span layers and tokens, and the runs that added them.
 * Every article is written in one transaction, so a crash mid-batch never leaves half an article.
 */
export class SqliteStore {
  readonly db: Database.Database;
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // another process (a second `crosscheck ingest`, a reader) may hold the lock for a moment: wait, do not fail
    this.db.pragma("busy_timeout = 10000");
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.migrate();
  }

  private migrate(): void {
    this.db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    const current = row ? Number(row.value) : 0;
    if (current > MIGRATIONS.length) throw new Error(`${this.path}: database schema ${current} is newer than this crosscheck (${SCHEMA_VERSION})`);
    this.db.transaction(() => {
      for (let v = current; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]!);
      this.db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)").run(String(MIGRATIONS.length));
    })();
  }

  hasArticle(id: string): boolean {
    return this.db.prepare("SELECT 1 FROM articles WHERE id = ?").get(id) !== undefined;
  }

  /** Adds an article with its layers; returns false (and writes nothing) when it is already stored. */
  addArticle(article: Article, html?: string): boolean {
    return this.db.transaction(() => {
      if (this.hasArticle(article.id)) return false;
      this.db
        .prepare(
          `INSERT INTO articles (id, origin, format, source_name, url, domain, title, byline, published, published_how, raw, text, offsets, removals, html, ingested_at)
           VALUES (@id, @origin, @format, @source_name, @url, @domain, @title, @byline, @published, @published_how, @raw, @text, @offsets, @removals, @html, @ingested_at)`,
        )
        .run({
          id: article.id,
          origin: article.source.origin,
          format: article.source.format,
          source_name: article.source.name ?? null,
          url: article.source.url ?? null,
          domain: article.source.domain ?? null,
          title: article.title ?? null,
          byline: article.byline ?? null,
          published: article.published?.value ?? null,
          published_how: article.published?.how ?? null,
          raw: article.raw,
          text: article.text,
          offsets: JSON.stringify(article.offsets.toJSON()),
          removals: JSON.stringify(article.removals),
          html: html ?? null,
          ingested_at: new Date().toISOString(),
        });
      this.writeLayers(article);
      return true;
    })();
  }

  /** Replaces the stored layers and tokens of an article (after re-annotation). */
  writeLayers(article: Article): void {
    const tx = this.db.transaction(() => {
      this.db.prepare("DELETE FROM spans WHERE article_id = ?").run(article.id);
      const ins = this.db.prepare("INSERT INTO spans (article_id, layer, start, end, label, attrs) VALUES (?, ?, ?, ?, ?, ?)");
      for (const [layer, spans] of Object.entries(article.layers) as [LayerName, Span[]][]) {
        for (const s of spans) ins.run(article.id, layer, s.start, s.end, s.label ?? null, s.attrs ? JSON.stringify(s.attrs) : null);
      }
      this.db.prepare("UPDATE articles SET layer_names = ? WHERE id = ?").run(JSON.stringify(Object.keys(article.layers)), article.id);
      this.db.prepare("DELETE FROM tokens WHERE article_id = ?").run(article.id);
      const t = article.tokens;
      if (t) {
        this.db
          .prepare("INSERT INTO tokens (article_id, start, end, pos, sentence) VALUES (?, ?, ?, ?, ?)")
          .run(article.id, toBlob(t.start), toBlob(t.end), toBlob(t.pos), toBlob(t.sentence));
      }
    });
    tx();
  }

  private rowToArticle(row: ArticleRow): Article {
    const layers: Article["layers"] = {};
    for (const name of JSON.parse(row.layer_names) as LayerName[]) layers[name] = [];
    const spans = this.db.prepare("SELECT layer, start, end, label, attrs FROM spans WHERE article_id = ? ORDER BY rowid").all(row.id) as {
      layer: LayerName;
      start: number;
      end: number;
      label: string | null;
      attrs: string | null;
    }[];
    for (const s of spans) {
      const span: Span = { start: s.start, end: s.end, layer: s.layer };
      if (s.label !== null) span.label = s.label;
      if (s.attrs !== null) span.attrs = JSON.parse(s.attrs) as Span["attrs"];
      (layers[s.layer] ??= []).push(span);
    }
    const tok = this.db.prepare("SELECT start, end, pos, sentence FROM tokens WHERE article_id = ?").get(row.id) as
      | { start: Buffer; end: Buffer; pos: Buffer; sentence: Buffer }
      | undefined;
    const tokens: TokenColumns | undefined = tok
      ? { count: tok.start.byteLength / 4, start: int32(tok.start), end: int32(tok.end), pos: new Uint8Array(tok.pos), sentence: int32(tok.sentence) }
      : undefined;
    return {
      id: row.id,
      source: {
        origin: row.origin,
        format: row.format as Article["source"]["format"],
        ...(row.source_name !== null && { name: row.source_name }),
        ...(row.url !== null && { url: row.url }),
        ...(row.domain !== null && { domain: row.domain }),
      },
      ...(row.title !== null && { title: row.title }),
      ...(row.byline !== null && { byline: row.byline }),
      ...(row.published !== null && { published: { value: row.published, how: row.published_how ?? "unknown" } }),
      raw: row.raw,
      text: row.text,
      offsets: OffsetMap.fromJSON(JSON.parse(row.offsets) as number[][]),
      removals: JSON.parse(row.removals) as Article["removals"],
      layers,
      ...(tokens && { tokens }),
    };
  }

  getArticle(id: string): Article | undefined {
    const row = this.db.prepare("SELECT * FROM articles WHERE id = ?").get(id) as ArticleRow | undefined;
    return row ? this.rowToArticle(row) : undefined;
  }

  /** All stored articles, oldest first by publication date then ingestion. */
  allArticles(): Article[] {
    const rows = this.db.prepare("SELECT * FROM articles ORDER BY published IS NULL, published, ingested_at, id").all() as ArticleRow[];
    return rows.map((r) => this.rowToArticle(r));
  }

  countArticles(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
  }

  startRun(command: string, inputs: string[]): number {
    const info = this.db.prepare("INSERT INTO runs (command, started_at, inputs) VALUES (?, ?, ?)").run(command, new Date().toISOString(), JSON.stringify(inputs));
    return Number(info.lastInsertRowid);
  }

  finishRun(id: number, result: { added: number; duplicates: number; failed: number; errors: { file: string; problem: string }[] }): void {
    this.db
      .prepare("UPDATE runs SET finished_at = ?, added = ?, duplicates = ?, failed = ?, errors = ? WHERE id = ?")
      .run(new Date().toISOString(), result.added, result.duplicates, result.failed, JSON.stringify(result.errors), id);
  }

  runs(): { id: number; command: string; started_at: string; finished_at: string | null; added: number; duplicates: number; failed: number }[] {
    return this.db.prepare("SELECT id, command, started_at, finished_at, added, duplicates, failed FROM runs ORDER BY id").all() as ReturnType<SqliteStore["runs"]>;
  }

  close(): void {
    this.db.close();
  }
}
