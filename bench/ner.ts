import nlp from "compromise";
import { cleanArticle } from "../src/ingest/clean/clean.js";
import { annotateSentences } from "../src/annotate/sentences.js";
import { findEntities } from "../src/annotate/ner/annotator.js";
import { nerModel } from "../src/annotate/ner/load.js";
import { nerSentences } from "../src/annotate/ner/tokens.js";
import { docLowerSet } from "../src/annotate/ner/train.js";
import type { Article } from "../src/model/article.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { countSentence, emptyCounts, prf, readConll } from "../src/annotate/ner/conll.js";
import { documentConsistency, extendNamesLeft } from "../src/annotate/ner/document.js";
import { LABELS, normalizeToken } from "../src/annotate/ner/features.js";
import { benchCorpus, sharedData } from "./corpus.js";

/**
 * NER throughput on one core over real article texts: the tagger alone (features + Viterbi
 * over the article's sentences), the whole `entities` annotator (re-tokenising, tagging,
 * document consistency, titles, rule entities), and compromise's people/places/organizations
 * on the same texts.
 */
export async function benchNer(): Promise<void> {
  const corpus = benchCorpus(800);
  const articles: Article[] = corpus.map((a) => {
    const art = cleanArticle(a);
    annotateSentences(art);
    return art;
  });
  const model = nerModel();
  const prepared = articles.map((a) => {
    const sents = nerSentences(a.text, a.tokens!).map((s) => s.map((t) => t.text));
    return { sents, docLower: docLowerSet(sents) };
  });
  const tokens = prepared.reduce((n, p) => n + p.sents.reduce((m, s) => m + s.length, 0), 0);
  const words = articles.reduce((n, a) => n + a.tokens!.count, 0);
  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  console.log(`${articles.length} articles, ${(chars / 1e6).toFixed(1)} M chars, ${tokens} NER tokens (${words} wink tokens)`);

  const out = new Uint8Array(4096);
  const tagAll = (): void => {
    for (const p of prepared) for (const s of p.sents) model.tag(s, p.docLower, s.length <= out.length ? out : undefined);
  };
  tagAll(); // warm-up
  let best: Timing = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < 3; r++) {
    const t = timed(tagAll);
    if (t.cpu < best.cpu) best = t;
  }
  console.log(`tagger (features + decoding): ${rate(tokens, best)} (best of 3)`);

  let found = 0;
  for (const a of articles.slice(0, 50)) findEntities(a, model);
  const annot = timed(() => {
    for (const a of articles) found += findEntities(a, model).length;
  });
  console.log(`entities annotator (retokenise + tag + consistency + titles + rules): ${rate(words, annot)}; ${found} entities`);

  let ours = 0;
  const e2e = timed(() => {
    for (const a of corpus) {
      const art = cleanArticle(a);
      annotateSentences(art);
      ours += findEntities(art, model).filter((e) => e.label === "PER" || e.label === "LOC" || e.label === "ORG").length;
    }
  });
  console.log(`end to end (clean + wink-nlp sentences/tokens + entities): ${rate(words, e2e)}; ${ours} PER/LOC/ORG`);

  for (const a of articles.slice(0, 20)) nlp(a.text).people().out("array");
  let theirs = 0;
  const comp = timed(() => {
    for (const a of articles) {
      const doc = nlp(a.text);
      theirs += (doc.people().out("array") as string[]).length + (doc.places().out("array") as string[]).length + (doc.organizations().out("array") as string[]).length;
    }
  });
  console.log(`compromise people/places/organizations (its own parsing included): ${rate(words, comp)}; ${theirs} PER/LOC/ORG`);
  for (const l of nerVersusCompromise()) console.log(l);
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall and CPU seconds of fn (CPU time is this process's user + system time: steady when other jobs share the cores). */
function timed(fn: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function rate(n: number, t: Timing): string {
  return `${Math.round(n / t.cpu).toLocaleString("en-US")} tokens per CPU-second (${Math.round(n / t.wall).toLocaleString("en-US")} per wall second)`;
}

interface Offset {
  offset: { start: number; length: number };
}

/**
 * Agreement with CoNLL-2003 valid on the three types compromise has (PER, LOC, ORG; MISC gold
 * entities are dropped), for ours and for compromise, each document joined with spaces.
 */
export function nerVersusCompromise(): string[] {
  const data = sharedData();
  const file = data && join(data, "conll2003", "valid.txt");
  if (!file || !existsSync(file)) return ["(no ../shared/data/conll2003/valid.txt: quality comparison skipped)"];
  const docs = readConll(file);
  const model = nerModel();
  const three = (t: string): string => (/-(PER|LOC|ORG)$/.test(t) ? t : "O");
  const ours = emptyCounts();
  const theirs = emptyCounts();
  for (const d of docs) {
    const words = d.sentences.map((s) => s.words.map(normalizeToken));
    const docLower = docLowerSet(words);
    const labels = words.map((w) => model.tag(w, docLower));
    documentConsistency(words, labels);
    extendNamesLeft(words, labels, (w) => model.data.resources.clusters.has(w));
    // compromise on the document text
    const starts: number[] = [];
    const parts: string[] = [];
    let pos = 0;
    for (const s of d.sentences) {
      for (const w of s.words) {
        starts.push(pos);
        parts.push(w);
        pos += w.length + 1;
      }
    }
    const text = parts.join(" ");
    const guess: string[] = new Array<string>(starts.length).fill("O");
    const doc = nlp(text);
    const mark = (matches: Offset[], type: string): void => {
      for (const m of matches) {
        const a = m.offset.start;
        const b = a + m.offset.length;
        let first = true;
        for (let i = 0; i < starts.length; i++) {
          if (starts[i]! >= a && starts[i]! < b) {
            guess[i] = `${first ? "B" : "I"}-${type}`;
            first = false;
          }
        }
      }
    };
    mark(doc.people().json({ offset: true }) as Offset[], "PER");
    mark(doc.places().json({ offset: true }) as Offset[], "LOC");
    mark(doc.organizations().json({ offset: true }) as Offset[], "ORG");
    let k = 0;
    d.sentences.forEach((s, si) => {
      const gold = s.tags.map(three);
      countSentence(ours, gold, Array.from(labels[si]!, (l) => three(LABELS[l]!)));
      countSentence(theirs, gold, guess.slice(k, k + s.words.length));
      k += s.words.length;
    });
  }
  const line = (name: string, c: ReturnType<typeof emptyCounts>): string => {
    const all = prf(c.correct, c.guessed, c.gold);
    const per = ["PER", "LOC", "ORG"].map((t) => {
      const x = c.perType.get(t) ?? { correct: 0, guessed: 0, gold: 0 };
      return `${t} ${prf(x.correct, x.guessed, x.gold).f1.toFixed(3)}`;
    });
    return `${name}: PER/LOC/ORG F1 ${all.f1.toFixed(3)} (P ${all.precision.toFixed(3)} R ${all.recall.toFixed(3)}); ${per.join(", ")}`;
  };
  return [`quality on conll2003 valid.txt, PER/LOC/ORG only (MISC dropped from gold):`, line("  ours", ours), line("  compromise", theirs)];
}
