import { addScaledInto, dotN } from "./sparse.js";

/** One member's vectors: sorted term ids and weights, sorted name ids and weights (each L2-normalised). */
export interface MemberVectors {
  tIds: Int32Array;
  tW: Float32Array;
  eIds: Int32Array;
  eW: Float32Array;
}

/** Similarities of the two parts' sums: combined (as the clusterer weighs them), words only, names only (NaN: a part has no names). */
export interface PartSimilarity {
  combined: number;
  text: number;
  names: number;
}

export interface TwoGroups {
  /** Group (0 or 1) of each member. */
  group: Uint8Array;
  sizes: [number, number];
  cross: PartSimilarity;
  /** Every member is more similar to its own group (without itself) than to the other group. */
  separated: boolean;
}

/** A sparse sum in a growable buffer. */
class Sum {
  ids: Int32Array = new Int32Array(256);
  w: Float32Array = new Float32Array(256);
  n = 0;
  sq = 0;
}

/** Sums the chosen members' term (or name) vectors by folding sorted merges, ping-ponging two buffers. */
function fold(members: readonly MemberVectors[], chosen: (i: number) => boolean, names: boolean, a: Sum, b: Sum): Sum {
  let cur = a;
  let other = b;
  cur.n = 0;
  for (let i = 0; i < members.length; i++) {
    if (!chosen(i)) continue;
    const m = members[i]!;
    const ids = names ? m.eIds : m.tIds;
    const w = names ? m.eW : m.tW;
    const need = cur.n + ids.length;
    if (other.ids.length < need) {
      other.ids = new Int32Array(2 * need);
      other.w = new Float32Array(2 * need);
    }
    other.n = addScaledInto(cur.ids, cur.w, cur.n, ids, w, ids.length, 1, other.ids, other.w);
    const t = cur;
    cur = other;
    other = t;
  }
  let sq = 0;
  for (let k = 0; k < cur.n; k++) sq += cur.w[k]! * cur.w[k]!;
  cur.sq = sq;
  return cur;
}

/** Group sums: [terms, names] of one group, each in its own pair of buffers. */
class GroupSum {
  private readonly bufs = [new Sum(), new Sum(), new Sum(), new Sum()];
  t: Sum = this.bufs[0]!;
  e: Sum = this.bufs[2]!;

  of(members: readonly MemberVectors[], chosen: (i: number) => boolean): this {
    this.t = fold(members, chosen, false, this.bufs[0]!, this.bufs[1]!);
    this.e = fold(members, chosen, true, this.bufs[2]!, this.bufs[3]!);
    return this;
  }
}
const sums = [new GroupSum(), new GroupSum()] as const;

/**
 * 2-means over a story's members: seeds are the member least like the rest and the member least
 * like that one; then each member goes to the group whose sum (without the member itself, for its
 * own group) it is most similar to, until nothing moves (at most 10 rounds). Similarity is the
 * clusterer's: (1 - w) · cosine of words + w · cosine of names (words only when a side has no names).
 * Undefined when a group empties (a group of one member cannot hold: without itself it is empty).
 */
export function twoMeans(members: readonly MemberVectors[], entityWeight: number): TwoGroups | undefined {
  const n = members.length;
  if (n < 2) return undefined;
  const xt = members.map((m) => sq(m.tW));
  const xe = members.map((m) => sq(m.eW));
  const dots = (g: GroupSum, i: number): [number, number] => {
    const m = members[i]!;
    return [dotN(m.tIds, m.tW, m.tIds.length, g.t.ids, g.t.w, g.t.n), dotN(m.eIds, m.eW, m.eIds.length, g.e.ids, g.e.w, g.e.n)];
  };
  /** Similarity of member i with a sum of squared norms (gt, ge) and dots d; the member taken out of the sum when `self`. */
  const simTo = (d: [number, number], gt: number, ge: number, i: number, self: boolean): number => {
    let [dt, de] = d;
    if (self) {
      gt = gt - 2 * dt + xt[i]!;
      ge = ge - 2 * de + xe[i]!;
      dt -= xt[i]!;
      de -= xe[i]!;
    }
    const text = gt > 1e-9 && xt[i]! > 0 ? dt / Math.sqrt(gt * xt[i]!) : 0;
    if (ge > 1e-9 && xe[i]! > 0) return (1 - entityWeight) * text + (entityWeight * de) / Math.sqrt(ge * xe[i]!);
    return text;
  };
  // seed 1: the member least like the others
  const all = sums[0].of(members, () => true);
  let seedA = 0;
  let low = Infinity;
  for (let i = 0; i < n; i++) {
    const x = simTo(dots(all, i), all.t.sq, all.e.sq, i, true);
    if (x < low) {
      low = x;
      seedA = i;
    }
  }
  // seed 2: the member least like seed 1; then each member to the nearer seed
  const a = sums[0].of(members, (i) => i === seedA);
  const toA = members.map((_, i) => simTo(dots(a, i), a.t.sq, a.e.sq, i, false));
  let seedB = -1;
  low = Infinity;
  for (let i = 0; i < n; i++) {
    if (i !== seedA && toA[i]! < low) {
      low = toA[i]!;
      seedB = i;
    }
  }
  const b = sums[1].of(members, (i) => i === seedB);
  const group = new Uint8Array(n);
  for (let i = 0; i < n; i++) group[i] = i === seedA ? 1 : i === seedB ? 0 : simTo(dots(b, i), b.t.sq, b.e.sq, i, false) >= toA[i]! ? 0 : 1;
  for (let round = 0; round < 10; round++) {
    const g0 = sums[0].of(members, (i) => group[i] === 0);
    const g1 = sums[1].of(members, (i) => group[i] === 1);
    const next = group.slice();
    let moved = 0;
    let separated = true;
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      const s0 = simTo(dots(g0, i), g0.t.sq, g0.e.sq, i, g === 0);
      const s1 = simTo(dots(g1, i), g1.t.sq, g1.e.sq, i, g === 1);
      if ((g === 0 ? s0 : s1) <= (g === 0 ? s1 : s0)) separated = false;
      const want = s0 >= s1 ? 0 : 1;
      if (want !== g) {
        next[i] = want;
        moved++;
      }
    }
    let c0 = 0;
    for (let i = 0; i < n; i++) if (next[i] === 0) c0++;
    if (c0 === 0 || c0 === n) return undefined;
    if (moved === 0) {
      const dt = dotN(g0.t.ids, g0.t.w, g0.t.n, g1.t.ids, g1.t.w, g1.t.n);
      const text = g0.t.sq > 0 && g1.t.sq > 0 ? dt / Math.sqrt(g0.t.sq * g1.t.sq) : 0;
      let cross: PartSimilarity = { combined: text, text, names: NaN };
      if (g0.e.sq > 0 && g1.e.sq > 0) {
        const names = dotN(g0.e.ids, g0.e.w, g0.e.n, g1.e.ids, g1.e.w, g1.e.n) / Math.sqrt(g0.e.sq * g1.e.sq);
        cross = { combined: (1 - entityWeight) * text + entityWeight * names, text, names };
      }
      return { group, sizes: [c0, n - c0], cross, separated };
    }
    group.set(next);
  }
  return undefined;
}

function sq(w: Float32Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]! * w[i]!;
  return s;
}
