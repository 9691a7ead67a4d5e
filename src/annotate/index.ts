import type { Article } from "../model/article.js";
import { annotateEvents } from "./events/index.js";
import { annotateSentences } from "./sentences.js";
import { annotateTimex } from "./time/index.js";
import { annotateEntities } from "./ner/annotator.js";
import { annotateCoref } from "./coref/index.js";
import { annotateGarbled } from "./garbled/index.js";
import { annotateQuotes } from "./quotes/index.js";

/** One annotation component: adds layers to an article, never changes its text. */
export interface Annotator {
  name: string;
  run(article: Article): void;
}

/** The annotators, in the order they run; later ones may read the layers of earlier ones. */
export const ANNOTATORS: Annotator[] = [
  { name: "sentences", run: annotateSentences },
  { name: "timex", run: annotateTimex },
  { name: "entities", run: annotateEntities },
  { name: "coref", run: annotateCoref },
  { name: "garbled", run: annotateGarbled },
  { name: "quotes", run: annotateQuotes },
  { name: "events", run: (a) => annotateEvents(a) },
];

/** Runs every annotator (or the named ones) over an article. */
export function annotate(article: Article, only?: readonly string[]): Article {
  for (const a of ANNOTATORS) if (!only || only.includes(a.name)) a.run(article);
  return article;
}
