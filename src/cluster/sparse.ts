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

/** Indices of the `k` heaviest of the first `n` entries, heaviest first (insertion into a small sorted list; into `out` when given). */
export function topIndices(w: Float32Array, k: number, n = w.length, out?: number[]): number[] {
  const idx: number[] = out ?? [];
  idx.length = 0;
  let floor = -Infinity;
  for (let i = 0; i < n; i++) {
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

/*
 * The same operations on vectors held in longer buffers (`ids[0..n)`, `w[0..n)`): story centroids
 * live in buffers with spare room, so that joining an article allocates nothing.
 */

/** Dot product of a[0..an) and b[0..bn) (sorted ids), summed in id order like `dot`. */
export function dotN(ai: Int32Array, aw: Float32Array, an: number, bi: Int32Array, bw: Float32Array, bn: number): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < an && j < bn) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) s += aw[i++]! * bw[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

export function normN(w: Float32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i]! * w[i]!;
  return Math.sqrt(s);
}

/** a[0..an) + scale * b[0..bn) written to (oi, ow), which hold an + bn entries; returns the length. */
export function addScaledInto(
  ai: Int32Array,
  aw: Float32Array,
  an: number,
  bi: Int32Array,
  bw: Float32Array,
  bn: number,
  scale: number,
  oi: Int32Array,
  ow: Float32Array,
): number {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < an || j < bn) {
    const x = i < an ? ai[i]! : 0x7fffffff;
    const y = j < bn ? bi[j]! : 0x7fffffff;
    if (x === y) {
      oi[k] = x;
      ow[k++] = aw[i++]! + scale * bw[j++]!;
    } else if (x < y) {
      oi[k] = x;
      ow[k++] = aw[i++]!;
    } else {
      oi[k] = y;
      ow[k++] = scale * bw[j++]!;
    }
  }
  return k;
}

/** `truncate` of s[0..n) to its `k` heaviest entries, written to (di, dw); returns the length. */
export function truncateInto(si: Int32Array, sw: Float32Array, n: number, k: number, di: Int32Array, dw: Float32Array): number {
  if (n <= k) {
    di.set(si.subarray(0, n));
    dw.set(sw.subarray(0, n));
    return n;
  }
  const cut = kthLargest(sw.subarray(0, n), k);
  let above = 0;
  for (let i = 0; i < n; i++) if (sw[i]! > cut) above++;
  let ties = k - above;
  let m = 0;
  for (let i = 0; i < n && m < k; i++) {
    const x = sw[i]!;
    if (x > cut || (x === cut && ties-- > 0)) {
      di[m] = si[i]!;
      dw[m++] = x;
    }
  }
  return m;
}
