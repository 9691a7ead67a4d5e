/**
 * Output check and CPU timing for the coref, garbled, quotes and events annotators (issue 7 speed work).
 *
 *   node dist/bench/layer-check.js [--save FILE] [--check FILE] [--repeat N] [--only coref,garbled,quotes,events] [--extra] [--fresh]
 *
 * The first 1,000 bench-corpus texts are cleaned and run through sentences, timex and entities once (cached in
 * $TMPDIR/crosscheck-layer-check.bin, not timed; `--fresh` remakes the cache, needed when those annotators change); then each annotator runs over all of them, timed in CPU
 * seconds (process.cpuUsage, so a shared machine does not skew it), and the JSON of each article's `mention`,
 * `chain`, `garbled`, `quote` and `event` layers (and integrity) is hashed. `--save` writes the hashes,
 * `--check` compares with a saved file and exits 1 on any difference: a speed-up must leave them unchanged.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanArticle } from "../src/ingest/clean/clean.js";
import { annotateSentences } from "../src/annotate/sentences.js";
import { annotateTimex } from "../src/annotate/time/index.js";
import { annotateEntities } from "../src/annotate/ner/annotator.js";
import { annotateCoref } from "../src/annotate/coref/index.js";
import { annotateGarbled } from "../src/annotate/garbled/index.js";
import { annotateQuotes } from "../src/annotate/quotes/index.js";
import { annotateEvents } from "../src/annotate/events/index.js";
import { defaultTables } from "../src/annotate/events/tables.js";
import type { Article } from "../src/model/article.js";
import { resolveCoref } from "../src/annotate/coref/sieve.js";
import { codeRecord, loadValidationTables, parseRecords } from "../src/eval/cameo.js";
import { corefDocOf, pageTitle, readGap } from "../src/eval/gap.js";
import { benchCorpus, cachedArticles, cpuSeconds, sharedData } from "./corpus.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const repeat = Number(opt("--repeat") ?? 1);
const only = opt("--only")?.split(",");

const prepared = (): Article[] =>
  cachedArticles(
    "crosscheck-layer-check.bin",
    () =>
      benchCorpus(1000).map((r) => {
        const a = cleanArticle(r);
        annotateSentences(a);
        annotateTimex(a);
        annotateEntities(a);
        return a;
      }),
    args.includes("--fresh"),
  );
const cpu = cpuSeconds;

const articles = prepared();
const words = articles.reduce((n, a) => n + (a.tokens?.count ?? 0), 0);
defaultTables();
const steps: [string, (a: Article) => void][] = [
  ["coref", annotateCoref],
  ["garbled", annotateGarbled],
  ["quotes", annotateQuotes],
  ["events", (a) => annotateEvents(a)],
];
const times: Record<string, number[]> = {};
for (let r = 0; r < repeat; r++) {
  for (const [name, run] of steps) {
    if (only && !only.includes(name) && r > 0) continue;
    const t0 = cpu();
    for (const a of articles) run(a);
    (times[name] ??= []).push(cpu() - t0);
  }
}
console.log(`${articles.length} articles, ${words} tokens; CPU seconds per pass (best of ${repeat}):`);
for (const [name, ts] of Object.entries(times)) {
  const best = Math.min(...ts);
  console.log(`  ${name.padEnd(8)} ${best.toFixed(2)} s  ${Math.round(words / best).toLocaleString("en")} tokens/CPU-s  [${ts.map((t) => t.toFixed(2)).join(" ")}]`);
}

const hashes: Record<string, string> = {};
for (const layer of ["mention", "chain", "garbled", "quote", "event"] as const) {
  const h = createHash("sha256");
  for (const a of articles) h.update(`${a.id}\n${JSON.stringify(a.layers[layer] ?? null)}\n`);
  hashes[layer] = h.digest("hex").slice(0, 16);
}
if (args.includes("--extra")) {
  // the paths the corpus run does not take: events and coref without the entity layer, the CAMEO validation
  // dictionaries and records, and the coreference sieve on GAP rows (forced mentions, topic names, candidate features)
  const t0 = cpu();
  const bare = articles.map((a) => ({ ...a, layers: { sentence: a.layers.sentence, paragraph: a.layers.paragraph, timex: a.layers.timex } }) as Article);
  for (const a of bare) {
    annotateEvents(a);
    annotateCoref(a);
  }
  for (const layer of ["event", "mention", "chain"] as const) {
    const h = createHash("sha256");
    for (const a of bare) h.update(`${a.id}\n${JSON.stringify(a.layers[layer] ?? null)}\n`);
    hashes[`${layer}-noner`] = h.digest("hex").slice(0, 16);
  }
  const data = sharedData();
  if (data) {
    const h = createHash("sha256");
    for (const f of ["PETR.UnitTest.records.xml", "GigaWord.sample.PETR.xml"]) {
      const file = join(data, "petrarch2_validation", "text", f);
      const { records, env } = parseRecords(readFileSync(file, "utf8"));
      const tables = loadValidationTables(file, env);
      for (const r of records) h.update(`${r.id}\n${JSON.stringify(codeRecord(r.text, tables, r.date))}\n`);
    }
    hashes.cameo = h.digest("hex").slice(0, 16);
    const g = createHash("sha256");
    for (const row of readGap(join(data, "gap", "gap-development.tsv"))) {
      const topic = pageTitle(row.url);
      const res = resolveCoref(corefDocOf(row.text), {
        forced: [
          { start: row.aOffset, end: row.aOffset + row.a.length, gold: "A" },
          { start: row.bOffset, end: row.bOffset + row.b.length, gold: "B" },
        ],
        topicNames: topic ? [topic] : [],
        collect: (p, cands) => g.update(`${p.start}:${JSON.stringify(cands.map((c) => [c.info.index, Array.from(c.info.features), c.golds]))}\n`),
      });
      g.update(JSON.stringify(res.mentions));
      g.update(JSON.stringify([Array.from(res.chainOf), Array.from(res.antecedent)]));
      g.update(JSON.stringify(res.clusters.map((c) => ({ ...c, roles: [...c.roles], places: [...c.places] }))));
    }
    hashes.gap = g.digest("hex").slice(0, 16);
  }
  console.log(`extra checks: ${(cpu() - t0).toFixed(1)} CPU-s`);
}
hashes.integrity = createHash("sha256").update(JSON.stringify(articles.map((a) => a.integrity ?? null))).digest("hex").slice(0, 16);
const counts = Object.fromEntries(["mention", "chain", "garbled", "quote", "event"].map((l) => [l, articles.reduce((n, a) => n + (a.layers[l as "event"]?.length ?? 0), 0)]));
console.log("spans:", JSON.stringify(counts));
console.log("hashes:", JSON.stringify(hashes));
const save = opt("--save");
if (save) writeFileSync(save, JSON.stringify(hashes, null, 1));
const check = opt("--check");
if (check) {
  const want = JSON.parse(readFileSync(check, "utf8")) as Record<string, string>;
  // (keys the run did not compute, such as the --extra ones, are not compared)
  const bad = Object.keys(want).filter((k) => hashes[k] !== undefined && want[k] !== hashes[k]);
  console.log(bad.length ? `CHANGED: ${bad.join(", ")}` : "hashes unchanged");
  if (bad.length) process.exitCode = 1;
}
