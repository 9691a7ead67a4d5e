#!/usr/bin/env -S node --max-semi-space-size=64 --max-inlined-bytecode-size-cumulative=100
import { Command, Option } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EVAL_TASKS } from "../eval/index.js";
import { TRAIN_TASKS } from "../train/index.js";
import { claimsCsv, entitiesGraphml, eventsCsv } from "../explain/export.js";
import { renderHtml } from "../explain/html.js";
import { renderMarkdown } from "../explain/markdown.js";
import { analyze, ingestInputs } from "../pipeline.js";
import { SqliteStore } from "../store/sqlite.js";
import { StoryStore } from "../cluster/persist.js";
import { streamOrder } from "../cluster/stage.js";
import { progressBar } from "./progress.js";

const DEFAULT_DB = process.env.CROSSCHECK_DB ?? "crosscheck.db";

const program = new Command();
program.name("crosscheck").description("Cross-checked, cited accounts of news stories from many articles.").version("0.1.0");

program
  .command("analyze")
  .description("read articles (files, directories, globs, - for stdin), analyse them and write report.json/.md/.html")
  .argument("[inputs...]", "files, directories, globs or - (with none, every article in --db)")
  .option("-o, --out <dir>", "directory for the report files", "out")
  .addOption(
    new Option("-f, --format <formats>", "comma-separated: json, md, html, csv (claims.csv, events.csv), graphml (entities.graphml), or all").default("json,md,html"),
  )
  .option("--db <file>", "SQLite store the articles are added to (and read from when no inputs are given)", DEFAULT_DB)
  .option("--no-db", "do not use a store")
  .option("-q, --quiet", "print nothing but errors")
  .option("--tokens", "keep each article's token columns (start, end, part of speech, sentence) in report.json")
  .action(async (inputs: string[], opts: { out: string; format: string; db: string | false; quiet?: boolean; tokens?: boolean }) => {
    const formats = new Set(opts.format.split(",").map((f) => f.trim().toLowerCase()));
    if (formats.has("all")) for (const f of ["json", "md", "html", "csv", "graphml"]) formats.add(f);
    for (const f of formats)
      if (!["json", "md", "markdown", "html", "csv", "graphml", "all"].includes(f)) throw new Error(`unknown format "${f}" (json, md, html, csv, graphml, all)`);
    const store = opts.db ? new SqliteStore(opts.db) : undefined;
    const bar = progressBar(!!opts.quiet);
    try {
      if (inputs.length === 0 && !store) throw new Error("no inputs and no --db to read from");
      const report = await analyze(inputs, { store, onProgress: bar.update, tokens: !!opts.tokens });
      bar.stop();
      mkdirSync(opts.out, { recursive: true });
      const written: string[] = [];
      if (formats.has("json")) written.push(write(join(opts.out, "report.json"), JSON.stringify(report, null, 1)));
      if (formats.has("md") || formats.has("markdown")) written.push(write(join(opts.out, "report.md"), renderMarkdown(report)));
      if (formats.has("html")) written.push(write(join(opts.out, "report.html"), renderHtml(report)));
      if (formats.has("csv")) written.push(write(join(opts.out, "claims.csv"), claimsCsv(report)), write(join(opts.out, "events.csv"), eventsCsv(report)));
      if (formats.has("graphml")) written.push(write(join(opts.out, "entities.graphml"), entitiesGraphml(report)));
      for (const e of report.run.errors) console.error(`error: ${e.file}: ${e.problem}`);
      if (!opts.quiet) {
        const words = report.articles.reduce((n, a) => n + a.stats.words, 0);
        console.log(
          `${report.articles.length} articles (${words} words), ${report.stories.length} stories, ` +
            `${report.run.duplicates.length} duplicates, ${report.run.errors.length} failed`,
        );
        for (const s of report.stories) console.log(`  story ${s.id}: ${s.label} (${s.articleIds.length} articles)`);
        console.log(`wrote ${written.join(", ")}`);
      }
      if (report.run.errors.length > 0) process.exitCode = 2;
    } finally {
      bar.stop();
      store?.close();
    }
  });

program
  .command("ingest")
  .description("add articles to the store, idempotently (an article already stored is skipped)")
  .argument("<inputs...>", "files, directories, globs or -")
  .option("--db <file>", "SQLite store", DEFAULT_DB)
  .option("-q, --quiet", "print nothing but errors")
  .action(async (inputs: string[], opts: { db: string; quiet?: boolean }) => {
    const store = new SqliteStore(opts.db);
    const bar = progressBar(!!opts.quiet);
    try {
      const runId = store.startRun("ingest", inputs);
      const result = await ingestInputs(inputs, bar.update, (id) => store.hasArticle(id));
      bar.stop();
      let added = 0;
      for (const a of result.articles) if (store.addArticle(a, result.html.get(a.id))) added++;
      store.finishRun(runId, { added, duplicates: result.duplicates.length, failed: result.errors.length, errors: result.errors });
      const stories = new StoryStore(store);
      const assigned = stories.assign(streamOrder(result.articles));
      if (!opts.quiet) console.log(`${assigned} articles assigned to stories; ${stories.clusterer.activeStories} active stories`);
      for (const e of result.errors) console.error(`error: ${e.file}: ${e.problem}`);
      if (!opts.quiet)
        console.log(`${added} added, ${result.duplicates.length} already stored or duplicate, ${result.errors.length} failed; ${store.countArticles()} articles in ${opts.db}`);
      if (result.errors.length > 0) process.exitCode = 2;
    } finally {
      bar.stop();
      store.close();
    }
  });

program
  .command("stories")
  .description("list the stories in the store (online clustering of the stored articles)")
  .option("--db <file>", "SQLite store", DEFAULT_DB)
  .option("--json", "print the stories as JSON")
  .action((opts: { db: string; json?: boolean }) => {
    const store = new SqliteStore(opts.db);
    try {
      const storyStore = new StoryStore(store);
      storyStore.assign(streamOrder(storyStore.unassigned()));
      const stories = storyStore.stories();
      if (opts.json) console.log(JSON.stringify(stories, null, 1));
      else {
        for (const s of stories) {
          const dates = s.firstSeen ? ` ${s.firstSeen}..${s.lastSeen}` : "";
          const dups = (s.results.duplicates as unknown[]).length;
          console.log(`${s.id}\t${s.articleIds.length} articles, ${s.sources.length} sources${dates}${dups ? `, ${dups} near-duplicates` : ""}\t${s.label}`);
        }
        console.log(`${stories.length} stories in ${opts.db}`);
      }
    } finally {
      store.close();
    }
  });

const evalCmd = program.command("eval").description("score a component on a public dataset");
for (const [name, task] of Object.entries(EVAL_TASKS)) {
  evalCmd
    .command(name)
    .description(task.description)
    .requiredOption("--data <path>", "dataset file or directory")
    .option("--format <name>", "dataset format, where the task reads several")
    .option("--limit <n>", "score only the first n items", (v) => Number.parseInt(v, 10))
    .option("--json", "print one JSON object as the last line")
    .action(async (opts: { data: string; format?: string; limit?: number; json?: boolean }) => {
      const result = await task.run({ data: opts.data, format: opts.format, limit: opts.limit });
      console.log(result.text);
      if (opts.json) console.log(JSON.stringify(result.json));
    });
}

const trainCmd = program.command("train").description("train a model from a public dataset; weights go under models/");
for (const [name, task] of Object.entries(TRAIN_TASKS)) {
  trainCmd
    .command(name)
    .description(task.description)
    .option("--data <path>", "training data", task.defaultData)
    .option("--out <file>", "where to write the model (default: the committed model file)")
    .option("--seed <n>", "random seed", (v) => Number.parseInt(v, 10), 1)
    .option("-q, --quiet", "print only the summary")
    .action(async (opts: { data: string; out?: string; seed: number; quiet?: boolean }) => {
      console.log(await task.run(opts));
    });
}

function write(path: string, content: string): string {
  writeFileSync(path, content);
  return path;
}

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`crosscheck: ${(e as Error).message ?? String(e)}`);
  process.exitCode = 1;
});
