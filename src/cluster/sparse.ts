/** Sparse vectors as sorted id arrays with parallel weights. */
export interface Sparse {
  ids: Int32Array;
  w: Float32Array;
}

export const EMPTY: Sparse = { ids: new Int32Array(0), w: new Float32Array(0) };

export function dot(a: Sparse, b: Sparse): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) s += a.w[i++]! * b.w[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

export function norm(a: Sparse): number {
  let s = 0;
  for (let i = 0; i < a.w.length; i++) s += a.w[i]! * a.w[i]!;
  return Math.sqrt(s);
}

/** a + scale * b, both sorted by id. */
export function addScaled(a: Sparse, b: Sparse, scale = 1): Sparse {
  const ids = new Int32Array(a.ids.length + b.ids.length);
  const w = new Float32Array(ids.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : 0x7fffffff;
    const y = j < b.ids.length ? b.ids[j]! : 0x7fffffff;
    if (x === y) {
      ids[k] = x;
      w[k++] = a.w[i++]! + scale * b.w[j++]!;
    } else if (x < y) {
      ids[k] = x;
      w[k++] = a.w[i++]!;
    } else {
      ids[k] = y;
      w[k++] = scale * b.w[j++]!;
    }
  }
  return { ids: ids.subarray(0, k), w: w.subarray(0, k) };
}

/** Keeps the `k` heaviest entries (still sorted by id); copies into tight arrays. */
export function truncate(a: Sparse, k: number): Sparse {
  if (a.ids.length <= k) return { ids: a.ids.slice(), w: a.w.slice() };
  const order = Array.from(a.w.keys()).sort((x, y) => a.w[y]! - a.w[x]!);
  const keep = order.slice(0, k).sort((x, y) => x - y);
  return { ids: Int32Array.from(keep, (i) => a.ids[i]!), w: Float32Array.from(keep, (i) => a.w[i]!) };
}

/** Indices of the `k` heaviest entries. */
export function topIndices(w: Float32Array, k: number): number[] {
  const idx = Array.from(w.keys());
  if (idx.length > k) idx.sort((x, y) => w[y]! - w[x]!).length = k;
  return idx;
}
