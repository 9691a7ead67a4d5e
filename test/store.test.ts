import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ingestInputs } from "../src/pipeline.js";
import { SqliteStore } from "../src/store/sqlite.js";
import { EXAMPLES, ROOT, runCli, tempDir } from "./helpers.js";

describe("the SQLite store", () => {
  it("stores articles with their spans and tokens, and reads them back equal", async () => {
    const db = join(tempDir(), "s.db");
    const { articles } = await ingestInputs([EXAMPLES]);
    const store = new SqliteStore(db);
    for (const a of articles) assert.equal(store.addArticle(a), true);
    store.close();
    const again = new SqliteStore(db);
    assert.equal(again.countArticles(), 3);
    for (const a of articles) {
      const b = again.getArticle(a.id)!;
      assert.equal(b.text, a.text);
      assert.equal(b.raw, a.raw);
      assert.deepEqual(b.offsets.toJSON(), a.offsets.toJSON());
      assert.deepEqual(b.layers.sentence, a.layers.sentence);
      assert.deepEqual(b.layers.boilerplate, a.layers.boilerplate);
      assert.deepEqual(Array.from(b.tokens!.start), Array.from(a.tokens!.start));
      assert.deepEqual(Array.from(b.tokens!.pos), Array.from(a.tokens!.pos));
      assert.deepEqual(b.published, a.published);
    }
    again.close();
  });

  it("ingest is idempotent: the same content is stored once", () => {
    const db = join(tempDir(), "i.db");
    const first = runCli(["ingest", EXAMPLES, "--db", db]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /3 added/);
    const second = runCli(["ingest", EXAMPLES, "--db", db]);
    assert.match(second.stdout, /0 added, 3 already stored/);
    const store = new SqliteStore(db);
    assert.equal(store.countArticles(), 3);
    assert.deepEqual(store.runs().map((r) => [r.command, r.added]), [["ingest", 3], ["ingest", 0]]);
    store.close();
  });

  it("a failure while writing an article leaves none of it behind", async () => {
    const store = new SqliteStore(":memory:");
    const { articles } = await ingestInputs([join(EXAMPLES, "cnn-opinion.txt")]);
    const a = articles[0]!;
    // A span whose attrs cannot be serialised makes the write fail half-way through the spans.
    const bad = { ...a, layers: { ...a.layers, entity: [{ start: 0, end: 1, layer: "entity" as const, attrs: { n: 1n as unknown as number } }] } };
    assert.throws(() => store.addArticle(bad));
    assert.equal(store.hasArticle(a.id), false);
    assert.equal((store.db.prepare("SELECT count(*) AS n FROM spans").get() as { n: number }).n, 0);
    assert.equal(store.addArticle(a), true);
    store.close();
  });

  it("a batch killed mid-way leaves only whole articles", async () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    const base = "The council met on Monday to discuss the budget. It agreed to spend more on schools and less on roads. ";
    for (let i = 0; i < 400; i++) writeFileSync(join(inputs, `a${i}.txt`), `Article ${i}. ${base.repeat(30)}`);
    const db = join(dir, "k.db");
    const child = spawn(process.execPath, [join(ROOT, "dist", "src", "cli", "main.js"), "ingest", inputs, "--db", db, "--quiet"], { stdio: "ignore" });
    // Kill once the store holds some articles, but before the batch can finish.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        try {
          const s = new SqliteStore(db);
          const n = s.countArticles();
          s.close();
          if (n > 0) {
            clearInterval(timer);
            child.kill("SIGKILL");
            resolve();
          }
        } catch {
          /* the database may not exist yet */
        }
      }, 5);
      child.on("exit", () => {
        clearInterval(timer);
        resolve();
      });
    });
    await new Promise((r) => child.on("exit", r).once("close", r));
    const s = new SqliteStore(db);
    const n = s.countArticles();
    assert.ok(n > 0);
    const orphans = s.db.prepare("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM tokens t WHERE t.article_id = a.id) OR NOT EXISTS (SELECT 1 FROM spans p WHERE p.article_id = a.id AND p.layer = 'sentence')").get() as { n: number };
    assert.equal(orphans.n, 0);
    s.close();
    // The interrupted batch can simply be run again; what was stored is kept, the rest is added.
    const r = runCli(["ingest", inputs, "--db", db, "--quiet"]);
    assert.equal(r.code, 0, r.stderr);
    const s2 = new SqliteStore(db);
    assert.equal(s2.countArticles(), 400);
    s2.close();
  });

  it("analyze reads from the store when given no inputs", () => {
    const dir = tempDir();
    const db = join(dir, "a.db");
    assert.equal(runCli(["ingest", EXAMPLES, "--db", db, "--quiet"]).code, 0);
    const r = runCli(["analyze", "--db", db, "--out", join(dir, "out")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^3 articles/);
  });
});
