/**
 * Clustering scores against gold labels: pairwise precision/recall/F1 (over all pairs of items
 * put in one cluster) and B³ (Bagga & Baldwin 1998: per-item precision and recall, averaged).
 */
export interface ClusterScores {
  pairwise_precision: number;
  pairwise_recall: number;
  pairwise_f1: number;
  b3_precision: number;
  b3_recall: number;
  b3_f1: number;
}

const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** `predicted[i]` and `gold[i]` are the cluster labels of item i. */
export function scoreClustering(predicted: readonly string[], gold: readonly string[]): ClusterScores {
  if (predicted.length !== gold.length) throw new Error("scoreClustering: label arrays differ in length");
  const n = predicted.length;
  const joint = new Map<string, number>();
  const pSize = new Map<string, number>();
  const gSize = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = `${predicted[i]}\u0000${gold[i]}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
    pSize.set(predicted[i]!, (pSize.get(predicted[i]!) ?? 0) + 1);
    gSize.set(gold[i]!, (gSize.get(gold[i]!) ?? 0) + 1);
  }
  const pairs = (m: Map<string, number>): number => [...m.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const tp = pairs(joint);
  const pp = pairs(pSize);
  const gp = pairs(gSize);
  const pairwise_precision = pp > 0 ? tp / pp : 1;
  const pairwise_recall = gp > 0 ? tp / gp : 1;
  // B³: for item i, precision = |C(i) ∩ G(i)| / |C(i)|, recall = |C(i) ∩ G(i)| / |G(i)|
  let bp = 0;
  let br = 0;
  for (const [k, c] of joint) {
    const [p, g] = k.split("\u0000") as [string, string];
    bp += (c * c) / pSize.get(p)!;
    br += (c * c) / gSize.get(g)!;
  }
  const b3_precision = n ? bp / n : 1;
  const b3_recall = n ? br / n : 1;
  return {
    pairwise_precision,
    pairwise_recall,
    pairwise_f1: f1(pairwise_precision, pairwise_recall),
    b3_precision,
    b3_recall,
    b3_f1: f1(b3_precision, b3_recall),
  };
}
