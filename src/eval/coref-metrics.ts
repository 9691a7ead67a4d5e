/**
 * Coreference scores over clusterings of the same mention set: MUC (Vilain et al. 1995), B³ (Bagga &
 * Baldwin 1998), CEAF-e (Luo 2005, entity similarity φ4) and their mean, the CoNLL F1.
 * A clustering is a list of clusters of mention ids; a mention missing from one side counts as a singleton there.
 */
export type Clustering = readonly (readonly string[])[];

export interface Score {
  p: number;
  r: number;
  f1: number;
}

function prf(pNum: number, pDen: number, rNum: number, rDen: number): Score {
  const p = pDen ? pNum / pDen : 0;
  const r = rDen ? rNum / rDen : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function index(c: Clustering): Map<string, number> {
  const m = new Map<string, number>();
  c.forEach((cl, i) => cl.forEach((x) => m.set(x, i)));
  return m;
}

function mucPart(key: Clustering, response: Clustering): [number, number] {
  const r = index(response);
  let num = 0;
  let den = 0;
  for (const k of key) {
    if (k.length === 0) continue;
    const parts = new Set<string>();
    for (const x of k) parts.add(r.has(x) ? `c${r.get(x)}` : `s${x}`);
    num += k.length - parts.size;
    den += k.length - 1;
  }
  return [num, den];
}

export function muc(key: Clustering, response: Clustering): Score {
  const [rn, rd] = mucPart(key, response);
  const [pn, pd] = mucPart(response, key);
  return prf(pn, pd, rn, rd);
}

function b3Part(key: Clustering, response: Clustering): [number, number] {
  const r = index(response);
  let num = 0;
  let den = 0;
  for (const k of key) {
    const counts = new Map<number, number>();
    for (const x of k) {
      const c = r.get(x);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const x of k) {
      const c = r.get(x);
      const overlap = c === undefined ? 1 : counts.get(c)!;
      num += overlap / k.length;
      den += 1;
    }
  }
  return [num, den];
}

export function b3(key: Clustering, response: Clustering): Score {
  const [rn, rd] = b3Part(key, response);
  const [pn, pd] = b3Part(response, key);
  return prf(pn, pd, rn, rd);
}

/** Maximum-weight assignment (Hungarian algorithm, O(n³)) on a square cost matrix of size n; returns the total weight. */
export function maxAssignment(weights: number[][]): number {
  const n = weights.length;
  if (n === 0) return 0;
  const m = Math.max(n, ...weights.map((r) => r.length));
  const INF = 1e18;
  const cost = (i: number, j: number): number => -(weights[i - 1]?.[j - 1] ?? 0);
  const u = new Float64Array(m + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= m; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(INF);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0, j) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  let total = 0;
  for (let j = 1; j <= m; j++) if (p[j]! > 0) total += weights[p[j]! - 1]?.[j - 1] ?? 0;
  return total;
}

/** CEAF-e. The alignment is solved per connected block of overlapping clusters, which keeps it fast. */
export function ceafe(key: Clustering, response: Clustering): Score {
  const r = index(response);
  // connected components of the key–response overlap graph
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) {
      const px = parent.get(parent.get(x)!)!;
      parent.set(x, px);
      x = px;
    }
    return x;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  key.forEach((_, i) => parent.set(`k${i}`, `k${i}`));
  response.forEach((_, i) => parent.set(`r${i}`, `r${i}`));
  key.forEach((k, i) => k.forEach((x) => r.has(x) && union(`k${i}`, `r${r.get(x)}`)));
  const blocks = new Map<string, { k: number[]; r: number[] }>();
  key.forEach((_, i) => {
    const b = find(`k${i}`);
    if (!blocks.has(b)) blocks.set(b, { k: [], r: [] });
    blocks.get(b)!.k.push(i);
  });
  response.forEach((_, i) => {
    const b = find(`r${i}`);
    if (!blocks.has(b)) blocks.set(b, { k: [], r: [] });
    blocks.get(b)!.r.push(i);
  });
  let phi = 0;
  for (const { k, r: rs } of blocks.values()) {
    if (k.length === 0 || rs.length === 0) continue;
    const sets = rs.map((j) => new Set(response[j]));
    const w = k.map((i) => rs.map((_, jj) => {
      let inter = 0;
      for (const x of key[i]!) if (sets[jj]!.has(x)) inter++;
      return inter === 0 ? 0 : (2 * inter) / (key[i]!.length + response[rs[jj]!]!.length);
    }));
    const n = Math.max(k.length, rs.length);
    const square = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => w[i]?.[j] ?? 0));
    phi += maxAssignment(square);
  }
  return prf(phi, response.length, phi, key.length);
}

export function conll(key: Clustering, response: Clustering): { muc: Score; b3: Score; ceafe: Score; conll: number } {
  const m = muc(key, response);
  const b = b3(key, response);
  const c = ceafe(key, response);
  return { muc: m, b3: b, ceafe: c, conll: (m.f1 + b.f1 + c.f1) / 3 };
}
