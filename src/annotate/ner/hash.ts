/** 32-bit string and integer hashing for hashed features (no string concatenation in the hot path). */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units of s[from, to). */
export function hashRange(s: string, from: number, to: number, seed = FNV_OFFSET): number {
  // (seed | 0: the int32 the first ^ would make anyway; the default seed is above 2^31, and a double here made
  // `h | 0` of an empty range a non-Smi operation that deoptimised the optimised callers)
  let h = seed | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** Mixes two 32-bit values (murmur3-style finaliser). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h, 0x1b873593) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b);
  return (h ^ (h >>> 16)) | 0;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
