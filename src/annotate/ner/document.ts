/**
 * Document-level consistency after tagging each sentence: a name keeps one type through a
 * document. (1) A surface string tagged with several types takes its majority type; (2) a
 * one-word entity that is the first or last word of a longer person name in the same document
 * ("Karlov" after "Andrey G. Karlov") is a person; (3) an untagged capitalised word that is the
 * last word of such a person name is tagged as a person too.
 */
import { LABELS, TYPES } from "./features.js";
import { isTitleWord } from "./titles.js";

const B = new Map(TYPES.map((t) => [t, LABELS.indexOf(`B-${t}`)]));
const TYPE_OF: (string | undefined)[] = LABELS.map((l) => (l === "O" ? undefined : l.slice(2)));

/**
 * A multi-word place that is two places seen on their own elsewhere in the document, run
 * together ("Turkey Syria"), is split in two.
 */
function splitRunTogether(words: readonly (readonly string[])[], labels: Uint8Array[], chunks: Chunk[]): void {
  const alone = new Map<string, Map<string, number>>();
  for (const c of chunks) {
    let v = alone.get(c.key);
    if (!v) alone.set(c.key, (v = new Map()));
    v.set(c.type, (v.get(c.type) ?? 0) + 1);
  }
  const major = (key: string): string | undefined => {
    const v = alone.get(key);
    if (!v) return undefined;
    let best: string | undefined;
    let bestN = 0;
    for (const [t, n] of v) if (n > bestN) [best, bestN] = [t, n];
    return best;
  };
  const out: Chunk[] = [];
  for (const c of chunks) {
    if (c.to - c.from < 2 || (alone.get(c.key)?.size ?? 0) > 1 || [...(alone.get(c.key)?.values() ?? [])].reduce((a, b) => a + b, 0) > 1) {
      out.push(c);
      continue;
    }
    const w = words[c.s]!;
    let done = false;
    for (let k = c.from + 1; k < c.to && !done; k++) {
      const left = w.slice(c.from, k).join(" ");
      const right = w.slice(k, c.to).join(" ");
      const lt = major(left);
      const rt = major(right);
      if (lt !== "LOC" || rt !== "LOC" || c.type !== "LOC") continue;
      const lab = labels[c.s]!;
      lab[c.from] = B.get(lt as (typeof TYPES)[number])!;
      for (let i = c.from + 1; i < k; i++) lab[i] = lab[c.from]! + 1;
      lab[k] = B.get(rt as (typeof TYPES)[number])!;
      for (let i = k + 1; i < c.to; i++) lab[i] = lab[k]! + 1;
      out.push({ s: c.s, from: c.from, to: k, type: lt, key: left }, { s: c.s, from: k, to: c.to, type: rt, key: right });
      done = true;
    }
    if (!done) out.push(c);
  }
  chunks.splice(0, chunks.length, ...out);
}

interface Chunk {
  s: number;
  from: number;
  to: number;
  type: string;
  key: string;
}

/**
 * `forms`, if given, holds each word's id in a form table (one id per distinct word, ≥ 0): the last pass then
 * compares ids rather than strings.
 */
export function documentConsistency(words: readonly (readonly string[])[], labels: Uint8Array[], forms?: readonly (readonly { readonly form: number }[])[]): void {
  const chunks: Chunk[] = [];
  for (let s = 0; s < words.length; s++) {
    const lab = labels[s]!;
    const w = words[s]!;
    for (let i = 0; i < w.length; ) {
      const t = TYPE_OF[lab[i]!];
      if (!t) {
        i++;
        continue;
      }
      const inside = lab[i]! % 2 === 1 ? lab[i]! + 1 : lab[i]!;
      let j = i + 1;
      while (j < w.length && lab[j] === inside) j++;
      chunks.push({ s, from: i, to: j, type: t, key: w.slice(i, j).join(" ") });
      i = j;
    }
  }
  if (chunks.length === 0) return;
  splitRunTogether(words, labels, chunks);
  const personParts = new Set<string>();
  const personLast = new Set<string>();
  /** The forms of personLast's words, with `forms`. */
  const lastForms = new Set<number>();
  for (const c of chunks) {
    if (c.type === "PER" && c.to - c.from >= 2) {
      const first = words[c.s]![c.from]!;
      const last = words[c.s]![c.to - 1]!;
      personParts.add(first);
      personParts.add(last);
      personLast.add(last);
      if (forms) lastForms.add(forms[c.s]![c.to - 1]!.form);
    }
  }
  const relabel = (c: Chunk, type: string): void => {
    const lab = labels[c.s]!;
    lab[c.from] = B.get(type as (typeof TYPES)[number])!;
    for (let i = c.from + 1; i < c.to; i++) lab[i] = lab[c.from]! + 1;
    c.type = type;
  };
  for (const c of chunks) if (c.to - c.from === 1 && c.type !== "PER" && personParts.has(c.key)) relabel(c, "PER");
  const votes = new Map<string, Map<string, number>>();
  for (const c of chunks) {
    let v = votes.get(c.key);
    if (!v) votes.set(c.key, (v = new Map()));
    v.set(c.type, (v.get(c.type) ?? 0) + 1);
  }
  for (const c of chunks) {
    const v = votes.get(c.key)!;
    let best = c.type;
    let bestN = v.get(c.type)!;
    for (const [t, n] of v) if (n > bestN) [best, bestN] = [t, n];
    if (best !== c.type) relabel(c, best);
  }
  if (personLast.size === 0) return;
  const per = B.get("PER")!;
  for (let s = 0; s < words.length; s++) {
    const lab = labels[s]!;
    const w = words[s]!;
    const f = forms?.[s];
    for (let i = 0; i < w.length; i++) {
      if (lab[i] !== 0) continue;
      if (!(f ? lastForms.has(f[i]!.form) : personLast.has(w[i]!)) || !/^\p{Lu}\p{Ll}/u.test(w[i]!)) continue;
      if ((i > 0 && lab[i - 1] !== 0) || (i + 1 < w.length && lab[i + 1] !== 0)) continue;
      if (i + 1 < w.length && /^\p{Lu}/u.test(w[i + 1]!)) continue;
      lab[i] = per;
    }
  }
}

/**
 * A capitalised word that opens a sentence right before a person name, and is not a word the
 * clusters know in lowercase nor a title ("Karlov Andrei Gennadyevich, ..."), is part of the name:
 * the model tends to leave sentence-initial capitals out.
 */
export function extendNamesLeft(words: readonly (readonly string[])[], labels: Uint8Array[], knownLower: (w: string) => boolean): void {
  const bPer = LABELS.indexOf("B-PER");
  for (let s = 0; s < words.length; s++) {
    const w = words[s]!;
    const lab = labels[s]!;
    if (w.length < 3 || lab[0] !== 0 || lab[1] !== bPer) continue;
    const first = w[0]!;
    if (!/^\p{Lu}\p{Ll}+$/u.test(first) || isTitleWord(first) || knownLower(first.toLowerCase())) continue;
    lab[0] = bPer;
    lab[1] = bPer + 1;
  }
}
