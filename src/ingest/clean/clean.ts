import { createHash } from "node:crypto";
import type { Article, RawArticle, Removal } from "../../model/article.js";
import { OffsetMap } from "../../model/offset-map.js";
import type { Span } from "../../model/span.js";
import { leadingMetadata } from "../formats.js";
import { findBoilerplate } from "./boilerplate.js";
import { findRepairs } from "./repair.js";

/** Content-hash id of a raw text. */
export function contentId(raw: string): string {
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}

const KIND_METADATA = 1;
const KIND_BOILERPLATE = 2;
const KIND_REPAIR = 3;
const KIND_NAMES: Record<number, Removal["kind"]> = { 1: "metadata", 2: "boilerplate", 3: "repair" };

/** Why characters were deleted: reason strings, each with a small id (first come, first numbered). */
class Reasons {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  id(r: string): number {
    let id = this.ids.get(r);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(r);
      this.ids.set(r, id);
    }
    return id;
  }
}

/** Per raw character: what deleted it (0 = kept) and the id of why. */
interface Deleted {
  kind: Uint8Array;
  why: Uint16Array;
  reasons: Reasons;
}

/** Marks the metadata line and the boilerplate of the raw text, then the repairs of what is left. */
function markDeletions(input: RawArticle): Deleted {
  const raw = input.raw;
  const n = raw.length;
  const kind = new Uint8Array(n); // 0 = kept
  // why[i]: index into `reasons` of the reason character i was deleted for
  const why = new Uint16Array(n);
  const reasons = new Reasons();

  const meta = input.source.format === "text" ? leadingMetadata(raw) : { length: 0 };
  if (meta.length > 0) {
    kind.fill(KIND_METADATA, 0, meta.length);
    why.fill(reasons.id("metadata line"), 0, meta.length);
  }
  const cuts = findBoilerplate(raw);
  for (let c = 0; c < cuts.length; c++) {
    const cut = cuts[c]!;
    const id = reasons.id(cut.reason);
    for (let i = Math.max(cut.start, meta.length); i < cut.end; i++) {
      if (!kind[i]) {
        kind[i] = KIND_BOILERPLATE;
        why[i] = id;
      }
    }
  }
  markRepairs(raw, kind, why, reasons);
  return { kind, why, reasons };
}

/** Repair runs over the text left after boilerplate removal, whose characters map to raw indexes. */
function markRepairs(raw: string, kind: Uint8Array, why: Uint16Array, reasons: Reasons): void {
  const n = raw.length;
  const keptIdx = new Int32Array(n);
  let kept = 0;
  const pieces: string[] = [];
  for (let i = 0; i < n; ) {
    if (kind[i]) {
      i++;
      continue;
    }
    const s = i;
    while (i < n && !kind[i]) keptIdx[kept++] = i++;
    pieces.push(raw.slice(s, i));
  }
  const intermediate = pieces.join("");
  const repairs = findRepairs(intermediate);
  for (let k = 0; k < repairs.length; k++) {
    const d = repairs[k]!;
    const r = keptIdx[d.index]!;
    kind[r] = KIND_REPAIR;
    why[r] = reasons.id(d.reason);
  }
}

/**
 * Groups consecutive deleted characters of the same kind and reason; whitespace between two
 * boilerplate cuts joins them.
 */
function removalsOf(d: Deleted): Removal[] {
  const { kind, why } = d;
  const reasons = d.reasons.list;
  const n = kind.length;
  const removals: Removal[] = [];
  for (let i = 0; i < n; ) {
    if (!kind[i]) {
      i++;
      continue;
    }
    const s = i;
    const k = kind[i]!;
    const id = why[i]!;
    while (i < n && kind[i] === k && why[i] === id) i++;
    // (no merging with the previous removal: a run that starts where the previous one ended differs from it in kind
    // or in reason id, and reason ids are one per reason text, so it never has both the same kind and reason)
    removals.push({ rawStart: s, rawEnd: i, kind: KIND_NAMES[k]!, reason: reasons[id]! });
  }
  return removals;
}

/** Boilerplate spans: zero-width markers in the cleaned text where something was removed. */
function boilerplateSpans(raw: string, text: string, map: OffsetMap, removals: readonly Removal[]): Span[] {
  const boilerplate: Span[] = [];
  let seg = 0;
  for (let k = 0; k < removals.length; k++) {
    const r = removals[k]!;
    if (r.kind !== "boilerplate") continue;
    while (seg < map.segments.length && map.segments[seg]!.rawStart < r.rawStart) seg++;
    const at = seg < map.segments.length ? map.segments[seg]!.cleanStart : text.length;
    boilerplate.push({
      start: at,
      end: at,
      layer: "boilerplate",
      label: r.reason,
      attrs: { rawStart: r.rawStart, rawEnd: r.rawEnd, removed: raw.slice(r.rawStart, r.rawEnd) },
    });
  }
  return boilerplate;
}

/**
 * Cleans a raw article by deletions only: metadata line, boilerplate, then tokenisation repair
 * on what is left. The offset map takes every cleaned offset back to the raw text.
 */
export function cleanArticle(input: RawArticle): Article {
  const raw = input.raw;
  const n = raw.length;
  const deleted = markDeletions(input);
  const kind = deleted.kind;
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) keep[i] = kind[i] ? 0 : 1;
  const { text, map } = OffsetMap.fromKeepMask(raw, keep);
  const removals = removalsOf(deleted);
  const boilerplate = boilerplateSpans(raw, text, map, removals);

  return {
    id: contentId(raw),
    source: input.source,
    title: input.title,
    byline: input.byline,
    published: input.published,
    raw,
    text,
    offsets: map,
    removals,
    layers: { boilerplate },
  };
}
