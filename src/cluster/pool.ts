/**
 * Compact storage for the clusterer's per-article and per-story records: growable typed arrays and
 * a string pool (UTF-16 code units in one buffer), so that a million articles cost a few typed
 * arrays rather than millions of small objects for the garbage collector to trace.
 */

import { growFloat64 } from "../util/arrays.js";

/** Append-only strings, numbered from 0, stored as code units in one buffer. */
export class StringPool {
  private chars = new Uint16Array(1024);
  /** Start of string i; string i ends where i + 1 starts. */
  private starts: Float64Array = new Float64Array(64);
  private used = 0;
  count = 0;

  add(s: string): number {
    const i = this.count++;
    this.starts = growFloat64(this.starts, this.count + 1);
    if (this.used + s.length > this.chars.length) {
      let m = this.chars.length;
      while (m < this.used + s.length) m *= 2;
      const c = new Uint16Array(m);
      c.set(this.chars.subarray(0, this.used));
      this.chars = c;
    }
    for (let k = 0; k < s.length; k++) this.chars[this.used + k] = s.charCodeAt(k);
    this.used += s.length;
    this.starts[i + 1] = this.used;
    return i;
  }

  get(i: number): string {
    const a = this.starts[i]!;
    const b = this.starts[i + 1]!;
    let out = "";
    // in chunks: String.fromCharCode takes its arguments on the stack
    for (let k = a; k < b; k += 4096) out += String.fromCharCode(...this.chars.subarray(k, Math.min(b, k + 4096)));
    return out;
  }

  /** Bytes held (for memory figures). */
  get bytes(): number {
    return this.chars.byteLength + this.starts.byteLength;
  }
}
