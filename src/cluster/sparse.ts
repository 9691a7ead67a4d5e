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

/** The k-th largest value of `w` (1-based), by quickselect on a copy. */
export function kthLargest(w: Float32Array, k: number): number {
  const a = w.slice();
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

/** Keeps the `k` heaviest entries (still sorted by id) in tight arrays; ties at the cut go by id. */
export function truncate(a: Sparse, k: number): Sparse {
  if (a.ids.length <= k) return { ids: a.ids.slice(), w: a.w.slice() };
  const cut = kthLargest(a.w, k);
  let above = 0;
  for (let i = 0; i < a.w.length; i++) if (a.w[i]! > cut) above++;
  let ties = k - above;
  const ids = new Int32Array(k);
  const w = new Float32Array(k);
  let n = 0;
  for (let i = 0; i < a.w.length && n < k; i++) {
    const x = a.w[i]!;
    if (x > cut || (x === cut && ties-- > 0)) {
      ids[n] = a.ids[i]!;
      w[n++] = x;
    }
  }
  return { ids, w };
}

/** Indices of the `k` heaviest entries, heaviest first (insertion into a small sorted list). */
export function topIndices(w: Float32Array, k: number): number[] {
  const idx: number[] = [];
  let floor = -Infinity;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (idx.length === k && x <= floor) continue;
    let j = idx.length;
    if (j === k) j--;
    else idx.push(i);
    while (j > 0 && w[idx[j - 1]!]! < x) {
      idx[j] = idx[j - 1]!;
      j--;
    }
    idx[j] = i;
    if (idx.length === k) floor = w[idx[k - 1]!]!;
  }
  return idx;
}
