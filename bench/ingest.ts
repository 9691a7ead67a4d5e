import { cleanArticle } from "../src/ingest/clean/clean.js";
import { annotateSentences } from "../src/annotate/sentences.js";
import { benchCorpus } from "./corpus.js";

/** Ingest + clean + sentences/tokens over real article texts: MB/s and words/s. */
export async function benchIngest(): Promise<void> {
  const corpus = benchCorpus(2000);
  const bytes = corpus.reduce((n, a) => n + Buffer.byteLength(a.raw), 0);
  // warm-up: load the wink model and JIT the hot paths
  for (const a of corpus.slice(0, 50)) annotateSentences(cleanArticle(a));
  let words = 0;
  const t0 = performance.now();
  for (const a of corpus) {
    const art = cleanArticle(a);
    annotateSentences(art);
    words += art.tokens!.count;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`${corpus.length} articles, ${(bytes / 1e6).toFixed(1)} MB, ${words} tokens in ${s.toFixed(2)} s`);
  console.log(`throughput: ${(bytes / 1e6 / s).toFixed(2)} MB/s, ${Math.round(words / s)} tokens/s, ${(corpus.length / s).toFixed(0)} articles/s`);
}
