/**
 * A deterministic force-directed layout (Fruchterman–Reingold with gravity toward the centre):
 * fixed seed, fixed number of iterations, so the same graph is always drawn the same way.
 */

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Free space kept at the left/right and top/bottom edges (for labels). */
  marginX?: number;
  marginY?: number;
  iterations?: number;
  seed?: number;
}

/** mulberry32: a small, fast seeded PRNG giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GRAVITY = 0.08;


export function forceLayout(ids: readonly string[], edges: readonly { source: string; target: string; weight: number }[], opts: LayoutOptions): Map<string, Point> {
  const { x, y } = forceLayoutXY(ids, edges, opts);
  const out = new Map<string, Point>();
  for (let i = 0; i < ids.length; i++) out.set(ids[i]!, { x: x[i]!, y: y[i]! });
  return out;
}

/** `forceLayout` as coordinate columns in the order of `ids` (what `forceLayout` puts in its map). */
export function forceLayoutXY(
  ids: readonly string[],
  edges: readonly { source: string; target: string; weight: number }[],
  opts: LayoutOptions,
): { x: Float64Array; y: Float64Array } {
  const { width: W, height: H } = opts;
  const marginX = opts.marginX ?? 40;
  const marginY = opts.marginY ?? 30;
  const iterations = opts.iterations ?? 300;
  const rand = seededRandom(opts.seed ?? 7);
  const n = ids.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y };
  if (n === 1) {
    x[0] = W / 2;
    y[0] = H / 2;
    return { x, y };
  }
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(ids[i]!, i);
  const r0 = Math.min(W, H) / 3;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    x[i] = W / 2 + r0 * Math.cos(a) + (rand() - 0.5) * 10;
    y[i] = H / 2 + r0 * Math.sin(a) + (rand() - 0.5) * 10;
  }
  // links as parallel typed arrays (source, target, strength): tuple destructuring in the loop below costs more than the forces
  const linkS = new Int32Array(edges.length);
  const linkT = new Int32Array(edges.length);
  const linkW = new Float64Array(edges.length);
  let nLinks = 0;
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    linkS[nLinks] = s;
    linkT[nLinks] = t;
    linkW[nLinks++] = 1 + Math.log(Math.max(1, e.weight));
  }
  // hubs push harder (as in ForceAtlas2), so the nodes everything links to do not pile up in the middle
  const mass = new Float64Array(n).fill(1);
  for (let l = 0; l < nLinks; l++) {
    mass[linkS[l]!]! += 1;
    mass[linkT[l]!]! += 1;
  }
  for (let i = 0; i < n; i++) mass[i] = Math.sqrt(mass[i]!);
  const k = Math.sqrt((W * H) / n) * 0.7;
  relax(x, y, mass, linkS, linkT, linkW, nLinks, k, W, H, iterations, rand);
  fitToBox(x, y, W, H, marginX, marginY);
  return { x, y };
}

/**
 * The force iterations, moving x and y in place (a function of its own, so that what follows the loop is
 * not code its optimised, on-stack-replaced version has never run: that deoptimised it on every call).
 */
function relax(
  x: Float64Array,
  y: Float64Array,
  mass: Float64Array,
  linkS: Int32Array,
  linkT: Int32Array,
  linkW: Float64Array,
  nLinks: number,
  k: number,
  W: number,
  H: number,
  iterations: number,
  rand: () => number,
): void {
  const n = x.length;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temp = W / 8;
  const cool = temp / (iterations + 1);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const yi = y[i]!;
      const kkm = k * k * mass[i]!;
      let fx = dx[i]!;
      let fy = dy[i]!;
      for (let j = i + 1; j < n; j++) {
        let ddx = xi - x[j]!;
        let ddy = yi - y[j]!;
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-6) {
          ddx = rand() - 0.5;
          ddy = rand() - 0.5;
          d2 = ddx * ddx + ddy * ddy;
        }
        const f = (kkm * mass[j]!) / d2; // (k^2/d) / d: the unit vector folded in
        fx += ddx * f;
        fy += ddy * f;
        dx[j]! -= ddx * f;
        dy[j]! -= ddy * f;
      }
      dx[i] = fx;
      dy[i] = fy;
    }
    for (let l = 0; l < nLinks; l++) {
      const s = linkS[l]!;
      const t = linkT[l]!;
      const w = linkW[l]!;
      const ddx = x[s]! - x[t]!;
      const ddy = y[s]! - y[t]!;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1e-3;
      const f = ((d * w) / k) * 0.5; // (d^2/k) / d
      dx[s]! -= ddx * f;
      dy[s]! -= ddy * f;
      dx[t]! += ddx * f;
      dy[t]! += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      // gravity keeps separate components on the page
      dx[i]! -= (x[i]! - W / 2) * GRAVITY * mass[i]!;
      dy[i]! -= (y[i]! - H / 2) * GRAVITY * mass[i]! * (W / H);
      const len = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!) || 1;
      const step = Math.min(len, temp);
      x[i]! += (dx[i]! / len) * step;
      y[i]! += (dy[i]! / len) * step;
    }
    temp = Math.max(temp - cool, 0.5);
  }
}

/** Scales the layout into the box, rounded to a tenth (in place). */
function fitToBox(x: Float64Array, y: Float64Array, W: number, H: number, marginX: number, marginY: number): void {
  const n = x.length;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  const sx = (W - 2 * marginX) / Math.max(maxX - minX, 1e-6);
  const sy = (H - 2 * marginY) / Math.max(maxY - minY, 1e-6);
  for (let i = 0; i < n; i++) {
    x[i] = Math.round((marginX + (x[i]! - minX) * sx) * 10) / 10;
    y[i] = Math.round((marginY + (y[i]! - minY) * sy) * 10) / 10;
  }
}
