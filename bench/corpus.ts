import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Article, RawArticle } from "../src/model/article.js";
import { OffsetMap } from "../src/model/offset-map.js";
import { packageRoot } from "../src/util/paths.js";

/** `../shared/data` beside the repo, if present. */
export function sharedData(): string | undefined {
  const p = join(packageRoot(), "..", "shared", "data");
  return existsSync(p) ? p : undefined;
}

/**
 * Real article texts for benchmarks: the bundled examples, the article-extraction ground truth
 * and the Timeline17 articles (when ../shared/data is there).
 */
export function benchCorpus(limit = Infinity): RawArticle[] {
  const out: RawArticle[] = [];
  const ex = join(packageRoot(), "examples", "ankara-2016");
  for (const f of readdirSync(ex).sort()) out.push({ raw: readFileSync(join(ex, f), "utf8"), source: { origin: join(ex, f), format: "text" } });
  const data = sharedData();
  if (data) {
    const gt = JSON.parse(readFileSync(join(data, "article_extraction_benchmark", "ground-truth.json"), "utf8")) as Record<string, { articleBody: string }>;
    for (const [id, v] of Object.entries(gt)) out.push({ raw: v.articleBody, source: { origin: `aeb/${id}`, format: "text" } });
    const t17 = join(data, "timeline17");
    for (const topic of readdirSync(t17).sort()) {
      const f = join(t17, topic, "articles.json");
      if (!existsSync(f)) continue;
      const arts = JSON.parse(readFileSync(f, "utf8")) as { uid: string; dct: string; text: string }[];
      for (const a of arts) out.push({ raw: a.text, published: { value: a.dct, how: "field" }, source: { origin: `t17/${topic}/${a.uid}`, format: "text" } });
    }
  }
  return out.slice(0, limit);
}

/**
 * Articles made once by `make` and kept in $TMPDIR/`name` (node:v8 serialisation), so that a benchmark of a
 * later step does not pay for the earlier ones on every run; `fresh` remakes them.
 */
export function cachedArticles(name: string, make: () => Article[], fresh = false): Article[] {
  const cache = join(tmpdir(), name);
  if (existsSync(cache) && !fresh) {
    const arts = deserialize(readFileSync(cache)) as Article[];
    for (const a of arts) Object.setPrototypeOf(a.offsets, OffsetMap.prototype);
    return arts;
  }
  const arts = make();
  writeFileSync(cache, serialize(arts));
  return arts;
}

/** CPU seconds this process has used so far (all its threads). */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
