import { ANNOTATORS, annotate } from "./annotate/index.js";
import { entitiesStage } from "./entities/canonical.js";
import { InputError } from "./ingest/errors.js";
import { cleanArticle } from "./ingest/clean/clean.js";
import { expandInputs, readInput } from "./ingest/read-inputs.js";
import type { Article, RawArticle } from "./model/article.js";
import type { Story } from "./model/story.js";
import { StoryStore } from "./cluster/persist.js";
import { storyStage, streamOrder } from "./cluster/stage.js";
import { graphStage } from "./reconcile/graph.js";
import { buildReport, type InputProblem, type ReportJSON } from "./explain/report.js";
import type { SqliteStore } from "./store/sqlite.js";
import { eventsStage } from "./reconcile/events.js";
import { timelineStage } from "./reconcile/timeline.js";
import { reconcileStories } from "./reconcile/index.js";

export interface IngestProgress {
  (done: number, total: number, file: string): void;
}

export interface IngestResult {
  articles: Article[];
  /** Original HTML of articles extracted from HTML, by article id. */
  html: Map<string, string>;
  duplicates: ReportJSON["run"]["duplicates"];
  errors: InputProblem[];
  files: number;
}

/** Cleans and annotates one raw article. Pure: the same input gives the same article. */
export function processArticle(raw: RawArticle): Article {
  return annotate(cleanArticle(raw));
}

/** How many articles `processArticles` annotates together, one annotator over all of them before the next. */
export const ANNOTATE_BATCH = 64;

/** One raw article after cleaning and annotation: the article, or why it failed. */
export type Processed = { ok: true; article: Article } | { ok: false; error: unknown };

/**
 * Cleans and annotates raw articles: the same articles as `processArticle` on each, but annotator-major
 * within batches of `ANNOTATE_BATCH` (sentences over the batch, then timex over it, ...), so that one
 * annotator's models and tables stay in the CPU caches while it runs (measured: about 10 % less CPU for the
 * annotate stage than article by article; docs/benchmarks.md). An article that fails in any step becomes
 * its error and leaves the batch; the others go on.
 */
export function processArticles(raws: readonly RawArticle[]): Processed[] {
  const out: Processed[] = [];
  for (let lo = 0; lo < raws.length; lo += ANNOTATE_BATCH) {
    const hi = Math.min(raws.length, lo + ANNOTATE_BATCH);
    for (let i = lo; i < hi; i++) {
      const raw = raws[i]!;
      out.push(attempt(() => cleanArticle(raw)));
    }
    for (const annotator of ANNOTATORS) {
      for (let i = lo; i < hi; i++) {
        const p = out[i]!;
        if (!p.ok) continue;
        out[i] = attempt(() => {
          annotator.run(p.article);
          return p.article;
        });
      }
    }
  }
  return out;
}

/** One step of one article: its result, or what it threw. */
function attempt(step: () => Article): Processed {
  try {
    return { ok: true, article: step() };
  } catch (error) {
    return { ok: false, error };
  }
}

function problem(e: unknown, file: string): InputProblem {
  if (e instanceof InputError) return { file: e.file, problem: e.problem };
  return { file, problem: `failed: ${(e as Error).message ?? String(e)}` };
}

/**
 * Reads, cleans and annotates every input. A bad file or item becomes an entry in `errors` and
 * the batch goes on; an exact duplicate (same content hash) is kept once and reported. Articles are
 * annotated in batches across files (`processArticles`); results, duplicates and errors come out in
 * input order, and a file is reported to `onProgress` once all its articles are done.
 */
export async function ingestInputs(inputs: string[], onProgress?: IngestProgress, known?: (id: string) => boolean): Promise<IngestResult> {
  const { files, errors: expandErrors } = await expandInputs(inputs);
  const result: IngestResult = { articles: [], html: new Map(), duplicates: [], errors: expandErrors.map((e) => problem(e, e.file)), files: files.length };
  const seen = new Map<string, string>();
  /** Problems per file, in the order they arose, joined in file order at the end. */
  const fileErrors: InputProblem[][] = files.map(() => []);
  let pending: { raw: RawArticle; file: number }[] = [];
  let reported = 0;

  /** Adds an annotated article unless it duplicates one already read or one in the store. */
  const keep = (article: Article, raw: RawArticle): void => {
    const first = seen.get(article.id);
    if (first !== undefined) {
      result.duplicates.push({ id: article.id, origin: raw.source.origin, duplicateOf: first });
      return;
    }
    seen.set(article.id, raw.source.origin);
    if (known?.(article.id)) {
      result.duplicates.push({ id: article.id, origin: raw.source.origin, duplicateOf: "store" });
      return;
    }
    result.articles.push(article);
    if (raw.html !== undefined) result.html.set(article.id, raw.html);
  };

  const flush = (upTo: number): void => {
    const processed = processArticles(pending.map((p) => p.raw));
    for (let k = 0; k < pending.length; k++) {
      const { raw, file } = pending[k]!;
      const p = processed[k]!;
      if (!p.ok) {
        fileErrors[file]!.push(problem(p.error, raw.source.origin));
        continue;
      }
      try {
        keep(p.article, raw);
      } catch (e) {
        // the store lookup failed: this article's problem, as when it was annotated one by one
        fileErrors[file]!.push(problem(e, raw.source.origin));
      }
    }
    pending = [];
    for (; reported < upTo; reported++) onProgress?.(reported + 1, files.length, files[reported]!);
  };

  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    try {
      const { articles, errors } = await readInput(file);
      fileErrors[i]!.push(...errors.map((e) => problem(e, file)));
      for (const raw of articles) pending.push({ raw, file: i });
    } catch (e) {
      fileErrors[i]!.push(problem(e, file));
    }
    // a full batch is annotated now; with nothing pending, the file is only reported as done
    if (pending.length === 0 || pending.length >= ANNOTATE_BATCH) flush(i + 1);
  }
  flush(files.length);
  for (const errs of fileErrors) result.errors.push(...errs);
  return result;
}

/** Stages after annotation: cluster into stories, reconcile, summarise. Later stages plug in here. */
export type StoryStage = (articles: Article[], stories: Story[]) => Story[];
export const STORY_STAGES: StoryStage[] = [
  storyStage,
  entitiesStage,
  reconcileStories,
  eventsStage,
  timelineStage,
  // keep graphStage after every stage that sets results.entities or results.events
  graphStage,
];

export function buildStories(articles: Article[], initial: Story[] = []): Story[] {
  let stories: Story[] = initial;
  for (const stage of STORY_STAGES) stories = stage(articles, stories);
  return stories;
}

export interface AnalyzeOptions {
  /** Store to add the inputs to; with no inputs, the report covers everything stored. */
  store?: SqliteStore;
  onProgress?: IngestProgress;
  /** Keep each article's token columns in the report (off by default). */
  tokens?: boolean;
}

/** Runs the whole pipeline and returns the report that `crosscheck analyze` writes. */
export async function analyze(inputs: string[], options: AnalyzeOptions = {}): Promise<ReportJSON> {
  const { store } = options;
  let articles: Article[];
  let duplicates: ReportJSON["run"]["duplicates"] = [];
  let errors: InputProblem[] = [];
  if (inputs.length > 0) {
    const runId = store?.startRun("analyze", inputs);
    const ingested = await ingestInputs(inputs, options.onProgress);
    ({ duplicates, errors } = ingested);
    let added = 0;
    if (store) {
      for (const a of ingested.articles) if (store.addArticle(a, ingested.html.get(a.id))) added++;
      store.finishRun(runId!, { added, duplicates: duplicates.length, failed: errors.length, errors });
    }
    articles = ingested.articles;
  } else if (store) {
    articles = store.allArticles();
  } else {
    articles = [];
  }
  let stored: Story[] = [];
  if (store && articles.length > 0) {
    // online clustering into the store's stories; the report shows them, limited to this run's articles
    const storyStore = new StoryStore(store);
    storyStore.assign(streamOrder(articles));
    stored = storyStore.stories(articles.map((a) => a.id));
  }
  const stories = buildStories(articles, stored);
  return buildReport({ inputs, articles, stories, duplicates, errors, tokens: options.tokens });
}
