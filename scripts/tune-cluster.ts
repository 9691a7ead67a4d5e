/**
 * Grid over the clusterer's main thresholds on ECB+ topics 1-35 (train+dev; the test topics are
 * not read). `npx tsx scripts/tune-cluster.ts ../shared/data/ecbplus [timeline17dir]`
 */
import { clusterAndScore, prepare, readEcbPlus, readTimeline17, shuffle, SHUFFLE_SEED } from "../src/cluster/eval.js";

const docs = shuffle(readEcbPlus(process.argv[2] ?? "../shared/data/ecbplus"), SHUFFLE_SEED).filter((d) => d.topic! <= 35);
const arts = docs.map((d) => prepare(d.raw));
const gold = docs.map((d) => d.gold);
const t17 = process.argv[3] ? readTimeline17(process.argv[3]) : [];
const t17arts = t17.map((d) => prepare(d.raw));
const t17gold = t17.map((d) => d.gold);
const f = (x: number): string => x.toFixed(3);
for (const threshold of [0.2, 0.25, 0.3, 0.35, 0.4])
  for (const entityWeight of [0.3, 0.5, 0.7])
    for (const mergeThreshold of [0.3, 0.4, 0.5]) {
      const p = { threshold, entityWeight, mergeThreshold };
      const r = clusterAndScore(arts, gold, p);
      let extra = "";
      if (t17arts.length) {
        const t = clusterAndScore(t17arts, t17gold, p);
        extra = ` | t17 pw ${f(t.scores.pairwise_f1)} b3 ${f(t.scores.b3_f1)} n ${t.stories}`;
      }
      console.log(`thr ${threshold} ew ${entityWeight} merge ${mergeThreshold}: pw ${f(r.scores.pairwise_f1)} (P ${f(r.scores.pairwise_precision)} R ${f(r.scores.pairwise_recall)}) b3 ${f(r.scores.b3_f1)} n ${r.stories}${extra}`);
    }
