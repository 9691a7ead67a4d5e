/**
 * An empty array already in V8's "packed, any value" elements kind, the kind an array of objects has once
 * something was pushed. A literal `[]` starts as an array of small integers and moves to that kind at its
 * first object, so empty and non-empty arrays built by the same code have different hidden classes; an
 * optimised loop that saw only one of them is thrown away (and recompiled) when it meets the other. Lists that
 * are kept in results and read by many stages (a story's entities) are made with this, so every one of them has
 * the same hidden class, empty or not.
 */
export function objectArray<T>(): T[] {
  const a: (T | null)[] = [null];
  a.length = 0;
  return a as T[];
}

type Growable = Int32Array | Float64Array | Float32Array | Uint8Array;

/**
 * `a` itself when it holds n entries, else a copy with room for at least n (capacity doubled from 16),
 * the new entries set to `fill`.
 */
function grow<T extends Growable>(a: T, n: number, fill: number, make: new (length: number) => T): T {
  if (n <= a.length) return a;
  let m = Math.max(16, a.length);
  while (m < n) m *= 2;
  const b = new make(m);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

export const growInt32 = (a: Int32Array, n: number, fill = 0): Int32Array => grow(a, n, fill, Int32Array);
export const growFloat64 = (a: Float64Array, n: number, fill = 0): Float64Array => grow(a, n, fill, Float64Array);
export const growFloat32 = (a: Float32Array, n: number, fill = 0): Float32Array => grow(a, n, fill, Float32Array);
export const growUint8 = (a: Uint8Array, n: number): Uint8Array => grow(a, n, 0, Uint8Array);
