/**
 * Quotes with speakers. Direct quotes are found from quotation marks (straight, curly,
 * tokenised `` '' and spaced " ... "), indirect speech from cue words (cues.ts) and their
 * frames. The speaker is the subject (or, for inverted and "according to" frames, the
 * phrase after the cue), read off the part-of-speech tags; pronouns are resolved to the
 * nearest preceding compatible speaker or name.
 */
import type { Article } from "../../model/article.js";
import type { Span } from "../../model/span.js";
import { POS_TAGS, type PosTag } from "../../model/tokens.js";
import { CUE_FORMS, cueEntryLower, PRONOUNS, TITLES, type CueEntry } from "./cues.js";

export interface Quote {
  start: number;
  end: number;
  kind: "direct" | "indirect";
  cue: { start: number; end: number; text: string; lemma: string } | null;
  speaker: { start: number; end: number; text: string } | null;
  /** The pronoun (or other mention) at the cue when the speaker was resolved elsewhere. */
  mention: { start: number; end: number; text: string } | null;
  /** Index of the first quote of a group (interrupted or multi-paragraph quotes share a speaker). */
  group: number;
  how: string;
}

interface Tok {
  s: number;
  e: number;
  w: string;
  lw: string;
  pos: PosTag;
  sent: number;
}

/** A token over the article text: its text and lower-case text are made only when something reads them. */
class TextTok implements Tok {
  private word: string | undefined = undefined;
  private lower: string | undefined = undefined;
  constructor(private readonly text: string, readonly s: number, readonly e: number, readonly pos: PosTag, readonly sent: number) {}
  get w(): string {
    return (this.word ??= this.text.slice(this.s, this.e));
  }
  get lw(): string {
    return (this.lower ??= this.w.toLowerCase());
  }
}

/** Stands for a token outside the array: its word, lower-case word and part of speech are all "". */
const NO_TOK: Tok = new TextTok("", 0, 0, "" as PosTag, -1);

/**
 * The token at `i`, or NO_TOK outside the array: a read past either end (or an undefined compared with a
 * string) would deoptimise the optimised caller and make V8 compile it again.
 */
function tokAt(toks: readonly Tok[], i: number): Tok {
  return i >= 0 && i < toks.length ? toks[i]! : NO_TOK;
}

interface Ctx {
  text: string;
  toks: Tok[];
  sents: { start: number; end: number; t0: number; t1: number }[];
  paras: { start: number; end: number }[];
  /** Entity spans (PER/ORG/...) when an entity layer exists. */
  entities: Span[];
  /** Speakers found so far, for pronoun resolution. */
  speakers: { start: number; end: number; text: string; at: number; kind: "m" | "f" | "n" | "p" | "?" }[];
}

/** Parts of speech a one-word cue can have (findCue), besides the prepositional frames. */
const CUE_POS = new Set<PosTag>(["VERB", "AUX", "NOUN", "ADJ"]);
const NP_POS = new Set<PosTag>(["PROPN", "NOUN", "ADJ", "DET", "NUM", "PRON"]);
const OPEN_MARKS = new Set(["“", "``", "„", "«"]);
const CLOSE_MARKS = new Set(["”", "''", "»"]);
const MARK_RE = /“|”|``|''|„|«|»|"/g;
const REPORTING_NOUN_HEADS = new Set(["statement", "interview", "speech", "post", "tweet", "message", "letter", "report"]);

const TIME_WORDS = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|morning|evening|afternoon|night|week|month|year)$/i;

function tokIndexAt(toks: readonly Tok[], offset: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (toks[mid]!.e <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isWordish(t: Tok | undefined): boolean {
  return !!t && t.pos !== "PUNCT" && t.pos !== "SYM";
}

function isQuoteTok(t: Tok | undefined): boolean {
  return !!t && /^(?:["“”„«»]|``|''|')$/.test(t.w);
}

/** A noun phrase ending at token `end` (inclusive), scanning left; returns [first, last] or null. */
function npLeft(c: Ctx, end: number, floor: number): [number, number] | null {
  let j = end;
  // skip adverbs and auxiliaries between subject and cue ("has also said", "later told")
  while (j >= floor && (c.toks[j]!.pos === "ADV" || c.toks[j]!.pos === "AUX" || c.toks[j]!.pos === "PART") && end - j < 4) j--;
  if (j < floor) return null;
  const last = j;
  const head = c.toks[j]!;
  if (!NP_POS.has(head.pos)) return null;
  if (head.pos === "DET" || head.pos === "ADJ") return null;
  // "X on Wednesday said" / "X Tuesday said": step over a time phrase
  if (TIME_WORDS.test(head.w)) {
    let k = j - 1;
    if (k >= floor && /^(?:on|last|this|early|late)$/i.test(c.toks[k]!.w)) k--;
    return k >= floor && k < j ? npLeft(c, k, floor) : null;
  }
  if (head.pos === "PRON") return PRONOUNS[head.lw] || head.lw === "who" ? [j, j] : null;
  let first = j;
  for (let k = j - 1; k >= floor; k--) {
    const t = c.toks[k]!;
    if (t.pos === "PROPN" || t.pos === "NOUN" || t.pos === "ADJ" || t.pos === "NUM" || t.pos === "DET") {
      first = k;
      if (t.pos === "DET" && !(k > floor && /^(?:of|for)$/.test(c.toks[k - 1]!.lw))) break;
      continue;
    }
    if (t.w === "'s" || t.w === "’s" || t.w === "-" || (t.w === "." && k > floor && /^[A-Z]/.test(c.toks[k - 1]!.w))) {
      first = k;
      continue;
    }
    if ((t.lw === "of" || t.lw === "for") && k > floor && (c.toks[k - 1]!.pos === "NOUN" || c.toks[k - 1]!.pos === "PROPN" || (c.toks[k - 1]!.pos === "ADJ" && tokAt(c.toks, k - 2).pos === "NOUN"))) {
      first = k;
      continue;
    }
    if (t.pos === "CCONJ" && k > floor && c.toks[k - 1]!.pos === "PROPN" && tokAt(c.toks, k + 1).pos === "PROPN") {
      first = k;
      continue;
    }
    break;
  }
  return [first, last];
}

/** A noun phrase starting at token `start`, scanning right; returns [first, last] or null. */
function npRight(c: Ctx, start: number, ceil: number): [number, number] | null {
  let j = start;
  if (j > ceil) return null;
  const t0 = c.toks[j]!;
  if (t0.pos === "PRON") return PRONOUNS[t0.lw] ? [j, j] : null;
  if (!(NP_POS.has(t0.pos) || /^[A-Z]/.test(t0.w)) || t0.lw === "that") return null;
  let last = -1;
  for (; j <= ceil; j++) {
    const t = c.toks[j]!;
    if (t.pos === "PROPN" || t.pos === "NOUN" || t.pos === "NUM" || t.pos === "ADJ" || t.pos === "DET") {
      if (t.pos !== "DET" && t.pos !== "ADJ") last = j;
      else if (last >= 0 && t.pos === "DET") break;
      continue;
    }
    if (t.w === "." && j > start && /^[A-Z][a-z]?$/.test(c.toks[j - 1]!.w)) continue;
    if (t.w === "'s" || t.w === "’s" || t.w === "-") continue;
    if ((t.lw === "of" || t.lw === "for") && last === j - 1 && (tokAt(c.toks, j + 1).pos === "PROPN" || tokAt(c.toks, j + 1).pos === "NOUN" || tokAt(c.toks, j + 1).pos === "DET")) continue;
    break;
  }
  return last >= start ? [start, last] : null;
}

function spanOf(c: Ctx, a: number, b: number): { start: number; end: number; text: string } {
  const start = c.toks[a]!.s;
  const end = c.toks[b]!.e;
  return { start, end, text: c.text.slice(start, end) };
}

function pronounKind(w: string): "m" | "f" | "n" | "p" | undefined {
  return PRONOUNS[w.toLowerCase()];
}

function looksLikeName(s: string): boolean {
  return /\p{Lu}\p{Ll}+/u.test(s.replace(/^(?:The|A|An)\s/, ""));
}

/** Resolves a pronoun speaker to the nearest preceding compatible speaker or person name. */
function resolvePronoun(c: Ctx, at: number, kind: "m" | "f" | "n" | "p"): { start: number; end: number; text: string } | null {
  for (let i = c.speakers.length - 1; i >= 0; i--) {
    const s = c.speakers[i]!;
    if (s.at >= at) continue;
    if (at - s.at > 3000) break;
    if (kind === "p" && (s.kind === "p" || s.kind === "?" || s.kind === "n")) return s;
    if ((kind === "m" || kind === "f") && (s.kind === kind || s.kind === "?") && looksLikeName(s.text)) return s;
    if (kind === "n" && s.kind !== "m" && s.kind !== "f") return s;
  }
  // fall back to the nearest preceding name (entity layer, else a capitalised proper-noun run)
  if (c.entities.length) {
    const want = kind === "m" || kind === "f" ? ["PER", "PERSON"] : ["ORG", "LOC", "GPE", "NORP", "MISC", "PER", "PERSON"];
    for (let i = c.entities.length - 1; i >= 0; i--) {
      const e = c.entities[i]!;
      if (e.end <= at && want.includes(e.label ?? "")) return { start: e.start, end: e.end, text: c.text.slice(e.start, e.end) };
    }
  }
  let k = tokIndexAt(c.toks, at) - 1;
  for (; k >= 0 && at - c.toks[k]!.s < 1500; k--) {
    if (c.toks[k]!.pos !== "PROPN") continue;
    let a = k;
    while (a > 0 && (c.toks[a - 1]!.pos === "PROPN" || (c.toks[a - 1]!.w === "." && tokAt(c.toks, a - 2).pos === "PROPN"))) a--;
    const prev = tokAt(c.toks, a - 1);
    const titled = prev !== NO_TOK && TITLES.has(prev.lw.replace(/\.$/, ""));
    if (k > a || titled || kind === "p" || kind === "n") return spanOf(c, titled ? a - 1 : a, k);
    k = a;
  }
  return null;
}

function entityKind(c: Ctx, start: number, end: number): "m" | "f" | "n" | "p" | "?" {
  for (const e of c.entities) {
    if (e.start < end && start < e.end) {
      if (e.label === "PER" || e.label === "PERSON") return "?";
      return "n";
    }
  }
  return "?";
}

/** The speaker of a cue: subject on the left, else the phrase after it (inversion). */
function speakerOfCue(
  c: Ctx,
  cueFirst: number,
  cueLast: number,
  entry: CueEntry,
  floor: number,
  ceil: number,
  preferRight: boolean,
): { sp: [number, number]; how: string } | null {
  if (entry.frame === "prep") {
    const r = npRight(c, cueLast + 1, ceil);
    return r ? { sp: r, how: "prep-object" } : null;
  }
  if (entry.frame === "quote-as") {
    const r = npRight(c, cueLast + 1, ceil);
    if (r && tokAt(c.toks, r[1] + 1).lw === "as") return { sp: r, how: "quote-as" };
  }
  // "X quoted Y as saying": the speaker is Y
  if (tokAt(c.toks, cueFirst - 1).lw === "as") {
    for (let k = cueFirst - 2; k >= Math.max(floor, cueFirst - 10); k--) {
      const e = cueEntryLower(c.toks[k]!.lw);
      if (e?.frame === "quote-as") {
        if (k + 1 <= cueFirst - 2) return { sp: [k + 1, cueFirst - 2], how: "quote-as" };
        break;
      }
    }
  }
  const right = (): { sp: [number, number]; how: string } | null => {
    const r = npRight(c, cueLast + 1, ceil);
    if (!r) return null;
    // not "said the attack was ..." (a clause), but "said the gunman." / "said Putin,"
    const after = c.toks[r[1] + 1];
    if (after && after.pos !== "PUNCT" && !isQuoteTok(after) && after.lw !== "on" && after.lw !== "in" && after.lw !== "at" && after.lw !== "who" && after.pos !== "NOUN" && after.pos !== "PROPN") {
      if (after.pos === "VERB" || after.pos === "AUX") return null;
    }
    return { sp: trimOfPhrase(c, r), how: "inverted" };
  };
  if (preferRight) {
    const r = right();
    if (r) return r;
  }
  let leftEnd = cueFirst - 1;
  // "He is comparing ... and says ...": a coordinated verb shares the sentence subject
  if (tokAt(c.toks, leftEnd).pos === "CCONJ" && leftEnd > floor) {
    const subj = npRight(c, floor, leftEnd - 1);
    if (subj) return { sp: subj, how: "coordinated-subject" };
  }
  // skip a relative/participial clause: "a Syrian activist who participated in the protest said"
  const l = npLeft(c, leftEnd, floor);
  if (l) {
    const first = c.toks[l[0]]!;
    if (first.lw === "who" || first.lw === "which") return null;
    const name = appositiveName(c, l, floor);
    if (name) return { sp: name, how: "subject-appositive-name" };
    return { sp: trimOfPhrase(c, l), how: "subject" };
  }
  for (let k = leftEnd; k >= Math.max(floor, cueFirst - 14); k--) {
    const t = c.toks[k]!;
    if (t.lw === "who" || t.lw === "which") {
      const comma = tokAt(c.toks, k - 1).w === ",";
      const np = npLeft(c, comma ? k - 2 : k - 1, floor);
      if (np && comma) return { sp: trimOfPhrase(c, np), how: "subject-nonrestrictive" };
      if (np) {
        const name = appositiveName(c, np, floor);
        if (name) return { sp: name, how: "subject-relative-appositive-name" };
        return { sp: [np[0], leftEnd], how: "subject-relative" };
      }
      break;
    }
    if (t.pos === "PUNCT" && t.w !== "," && t.w !== "-") break;
  }
  // "X, the president of Y, said": skip an appositive
  if (tokAt(c.toks, leftEnd).w === ",") {
    leftEnd--;
    const app = npLeft(c, leftEnd, floor);
    if (app && tokAt(c.toks, app[0] - 1).w === ",") {
      if (isNameSpan(c, app[0], app[1])) return { sp: app, how: "subject-appositive-name" };
      const head = npLeft(c, app[0] - 2, floor);
      if (head) return { sp: head, how: "subject-appositive" };
    }
  }
  if (!preferRight) return right();
  return null;
}

function isNameSpan(c: Ctx, a: number, b: number): boolean {
  let propn = 0;
  for (let k = a; k <= b; k++) {
    const t = c.toks[k]!;
    if (t.pos === "PROPN") propn++;
    else if (!(t.w === "." || TITLES.has(t.lw.replace(/\.$/, "")))) return false;
  }
  return propn >= 2 || (propn === 1 && a < b);
}

/** "President Vladimir V. Putin of Russia" -> "President Vladimir V. Putin" (a name before "of"). */
function trimOfPhrase(c: Ctx, np: [number, number]): [number, number] {
  // a full "First M. Last" name closing the phrase after an "of" is the head ("... of the United Nations Donald J. Trump")
  const e = np[1];
  let f = -1;
  if (e - 3 > np[0] && c.toks[e - 1]!.w === "." && /^[A-Z]$/.test(c.toks[e - 2]!.w)) f = e - 3;
  else if (e - 2 > np[0] && /^[A-Z]\.$/.test(c.toks[e - 1]!.w)) f = e - 2;
  if (f > np[0] && c.toks[e]!.pos === "PROPN" && c.toks[f]!.pos === "PROPN") {
    for (let k = np[0] + 1; k < f; k++) if (c.toks[k]!.lw === "of") return [f, e];
  }
  for (let k = np[0] + 1; k <= np[1]; k++) {
    if (c.toks[k]!.lw === "of" && k - 1 > np[0] && c.toks[k - 1]!.pos === "PROPN" && isNameSpan(c, np[0], k - 1)) return [np[0], k - 1];
  }
  return np;
}

/** "Jens Stoltenberg, the secretary general of NATO, said" / "the spokeswoman, Maria Zakharova, told": prefer the name. */
function appositiveName(c: Ctx, subj: [number, number], floor: number): [number, number] | null {
  const isName = (a: number, b: number): boolean => isNameSpan(c, a, b);
  if (isName(subj[0], subj[1])) return null;
  // the appositive chunk ends at the subject; look at the comma-separated chunk before or inside it
  if (tokAt(c.toks, subj[0] - 1).w === ",") {
    const before = npLeft(c, subj[0] - 2, floor);
    if (before && isName(before[0], before[1]) && (before[0] === floor || c.toks[before[0] - 1]!.pos === "PUNCT" || isQuoteTok(c.toks[before[0] - 1]))) return before;
  }
  // "the spokeswoman, Maria Zakharova, said": the subject found is the name already when the cue follows it
  return null;
}

function findCue(c: Ctx, from: number, to: number): { first: number; last: number; entry: CueEntry } | null {
  for (let k = from; k <= to; k++) {
    const t = tokAt(c.toks, k);
    if (t === NO_TOK) break;
    if (t.lw === "according" && tokAt(c.toks, k + 1).lw === "to") return { first: k, last: k + 1, entry: cueEntryLower("according to")! };
    const e = cueEntryLower(t.lw);
    if (e && (t.pos === "VERB" || t.pos === "AUX" || t.pos === "NOUN" || t.pos === "ADJ" || e.frame === "prep")) {
      // wink tags some present-tense cues as nouns ("Obama wants", "polls show"): accept them after a subject
      if (t.pos === "NOUN" && !/^(?:says|said)$/.test(t.lw)) {
        const p = tokAt(c.toks, k - 1);
        if (p === NO_TOK || !(p.pos === "PROPN" || p.pos === "PRON" || (p.pos === "NOUN" && /s$/.test(p.lw))) || tokAt(c.toks, k + 1).pos === "ADP" && !/^(?:for|that|to)$/.test(c.toks[k + 1]!.lw)) continue;
      }
      return { first: k, last: k, entry: e };
    }
  }
  return null;
}

function findCueBackward(c: Ctx, from: number, to: number): { first: number; last: number; entry: CueEntry } | null {
  for (let k = from; k >= to; k--) {
    const t = tokAt(c.toks, k);
    if (t === NO_TOK) continue;
    if (t.lw === "to" && tokAt(c.toks, k - 1).lw === "according") return { first: k - 1, last: k, entry: cueEntryLower("according to")! };
    const e = cueEntryLower(t.lw);
    if (e && (t.pos === "VERB" || t.pos === "AUX" || e.frame === "prep" || /^(?:says|said)$/.test(t.lw))) return { first: k, last: k, entry: e };
  }
  return null;
}

function setSpeaker(c: Ctx, q: Quote, sp: [number, number], how: string, cue: { first: number; last: number; entry: CueEntry }): void {
  const s = spanOf(c, sp[0], sp[1]);
  const cs = spanOf(c, cue.first, cue.last);
  q.cue = { start: cs.start, end: cs.end, text: cs.text, lemma: cue.entry.lemma };
  q.how = how;
  const pk = sp[0] === sp[1] ? pronounKind(c.toks[sp[0]]!.lw) : undefined;
  if (pk) {
    q.mention = s;
    q.speaker = resolvePronoun(c, s.start, pk);
    if (q.speaker) q.how += "+pronoun";
  } else {
    q.speaker = s;
    const kind = entityKind(c, s.start, s.end);
    c.speakers.push({ start: s.start, end: s.end, text: s.text, at: s.start, kind });
  }
  if (pk && q.speaker) c.speakers.push({ start: q.speaker.start, end: q.speaker.end, text: q.speaker.text, at: s.start, kind: pk });
}

interface Mark {
  at: number;
  len: number;
  kind: "open" | "close" | "either";
}

function quoteMarks(text: string, start: number, end: number): Mark[] {
  const out: Mark[] = [];
  MARK_RE.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = MARK_RE.exec(text)) && m.index < end) {
    const w = m[0];
    out.push({ at: m.index, len: w.length, kind: OPEN_MARKS.has(w) ? "open" : CLOSE_MARKS.has(w) ? "close" : "either" });
  }
  return out;
}

/** Direct quote content spans (inside the marks) per paragraph; `open` when the paragraph ends inside a quote. */
/** A direct quote's content span (inside the marks), its paragraph, whether it runs open to the paragraph end and whether it opens its paragraph. */
interface DirectSpan {
  start: number;
  end: number;
  openEnd: boolean;
  para: number;
  contStart: boolean;
}

/** A direct quote or an indirect-speech cue, in document order. */
interface QuoteItem {
  start: number;
  end: number;
  direct: DirectSpan | undefined;
}

function directSpans(c: Ctx): DirectSpan[] {
  const out: DirectSpan[] = [];
  c.paras.forEach((p, pi) => {
    const pEnd = p.end;
    const marks = quoteMarks(c.text, p.start, pEnd);
    let open: Mark | null = null;
    // (one push for a quote closed by a mark and one left open at the paragraph's end, i === marks.length: the
    // rarer kind then runs no code of its own, whose first run would deoptimise the optimised extractQuotes)
    for (let i = 0; i <= marks.length; i++) {
      const atEnd = i === marks.length;
      let end = pEnd;
      if (!atEnd) {
        const mk = marks[i]!;
        if (!open) {
          if (mk.kind !== "close") open = mk;
          continue;
        }
        if (mk.kind === "open") {
          open = mk;
          continue;
        }
        end = mk.at;
      } else if (!open) break;
      out.push({ start: open.at + open.len, end, openEnd: atEnd, para: pi, contStart: false });
      open = null;
    }
  });
  for (const q of out) {
    while (q.start < q.end && /\s/.test(c.text[q.start]!)) q.start++;
    while (q.end > q.start && /\s/.test(c.text[q.end - 1]!)) q.end--;
    q.contStart = q.start - c.paras[q.para]!.start <= 2;
  }
  return out;
}

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** The number of words (letter/digit runs) in s, counted up to `max` only (callers compare with a small threshold). */
function wordsUpTo(s: string, max: number): number {
  WORD_RUN.lastIndex = 0;
  let k = 0;
  while (k < max && WORD_RUN.test(s)) k++;
  WORD_RUN.lastIndex = 0;
  return k;
}

function isTitleLike(s: string): boolean {
  const words = s.match(/[\p{L}’']+/gu) ?? [];
  if (words.length === 0) return true;
  const small = new Set(["of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "from"]);
  return words.every((w) => small.has(w) || /^\p{Lu}/u.test(w));
}

export function buildCtx(article: Pick<Article, "text" | "tokens" | "layers">): Ctx {
  const text = article.text;
  const tk = article.tokens;
  const toks: Tok[] = [];
  if (tk) {
    for (let i = 0; i < tk.count; i++) toks.push(new TextTok(text, tk.start[i]!, tk.end[i]!, POS_TAGS[tk.pos[i]!]!, tk.sentence[i]!));
  }
  const sentSpans = article.layers.sentence ?? [{ start: 0, end: text.length, layer: "sentence" as const }];
  const sents = sentSpans.map((s) => ({ start: s.start, end: s.end, t0: tokIndexAt(toks, s.start), t1: tokIndexAt(toks, s.end) - 1 }));
  const paras = (article.layers.paragraph ?? [{ start: 0, end: text.length, layer: "paragraph" as const }]).map((p) => ({ start: p.start, end: p.end }));
  const entities = (article.layers.entity ?? []).slice().sort((a, b) => a.start - b.start);
  return { text, toks, sents, paras, entities, speakers: [] };
}

function paraOf(c: Ctx, offset: number): number {
  for (let i = 0; i < c.paras.length; i++) if (c.paras[i]!.end > offset) return i;
  return c.paras.length - 1;
}

function sentIndexAt(c: Ctx, offset: number): number {
  let lo = 0;
  let hi = c.sents.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.sents[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, c.sents.length - 1);
}

/** All quotes of an article (needs the sentence layer and tokens). */
export function extractQuotes(article: Pick<Article, "text" | "tokens" | "layers">): Quote[] {
  const c = buildCtx(article);
  if (c.toks.length === 0) return [];
  const quotes: Quote[] = [];
  const inDirect = new Uint8Array(c.toks.length);
  const usedCue = new Uint8Array(c.toks.length);

  // 1. direct quotes, in document order; speakers are assigned as we go so pronouns can resolve
  const direct = directSpans(c).filter((d) => d.end > d.start);
  // (one shape for both kinds of item: `direct` is undefined on indirect ones)
  const items: QuoteItem[] = [];
  for (let i = 0; i < direct.length; i++) items.push({ start: direct[i]!.start, end: direct[i]!.end, direct: direct[i] });
  for (const d of direct) {
    const a = tokIndexAt(c.toks, d.start);
    const b = tokIndexAt(c.toks, d.end) - 1;
    for (let k = a; k <= b && k < c.toks.length; k++) inDirect[k] = 1;
  }

  // 2. indirect speech candidates: cue tokens outside direct quotes
  // (a cue at k: only its own token is read, a cue found at k + 1 would be skipped here anyway; and only a verb,
  // auxiliary, noun or adjective, or "according" and "citing", can be one, see findCue)
  for (const s of c.sents) {
    for (let k = s.t0; k <= s.t1; k++) {
      if (inDirect[k]) continue;
      const t = tokAt(c.toks, k);
      if (t !== NO_TOK && !CUE_POS.has(t.pos) && !(t.e - t.s === 9 && t.lw === "according") && !(t.e - t.s === 6 && t.lw === "citing")) continue;
      // (no cue form nor "according" fits the token's first letter and length: findCue would find nothing at k)
      if (t !== NO_TOK && !CUE_FORMS.mayBe(c.text, t.s, t.e)) continue;
      const cue = findCue(c, k, k);
      if (!cue || cue.first !== k) continue;
      if (cue.entry.frame === "direct") continue;
      items.push({ start: c.toks[k]!.s, end: c.toks[cue.last]!.e, direct: undefined });
      k = cue.last;
    }
  }
  items.sort((x, y) => x.start - y.start);

  let prev: Quote | null = null;
  let prevPara = -1;
  for (let n = 0; n < items.length; n++) {
    const it = items[n]!;
    if (it.direct) {
      const q = directQuote(c, it.direct, quotes.length, prev, prevPara, inDirect, usedCue);
      if (!q) continue;
      quotes.push(q);
      prev = q;
      prevPara = it.direct.para;
      continue;
    }
    // indirect
    const k = tokIndexAt(c.toks, it.start);
    if (usedCue[k]) continue;
    const cue = findCue(c, k, k + 1)!;
    const si = c.toks[k]!.sent;
    const s = c.sents[Math.min(si, c.sents.length - 1)]!;
    const q = indirectAt(c, cue, s);
    if (!q) continue;
    usedCue[k] = 1;
    q.group = quotes.length;
    quotes.push(q);
    prev = q;
  }
  return quotes;
}

/** A direct quote with its speaker (by cue after or before it, continuation, or a name nearby), or null when it is dropped. */
function directQuote(c: Ctx, d: DirectSpan, group: number, prev: Quote | null, prevPara: number, inDirect: Uint8Array, usedCue: Uint8Array): Quote | null {
  const content = c.text.slice(d.start, d.end);
  const q: Quote = { start: d.start, end: d.end, kind: "direct", cue: null, speaker: null, mention: null, group, how: "none" };
  const a = tokIndexAt(c.toks, d.start);
  const b = tokIndexAt(c.toks, d.end) - 1;
  const sOpen = sentIndexAt(c, d.start);
  const sClose = sentIndexAt(c, Math.max(d.start, d.end - 1));
  // after the closing mark: ", he said" / ", said Putin" / "Putin said."
  let k = b + 1;
  // skip the closing mark (not the opening mark of a following quote) and a comma
  while (k < c.toks.length && ((isQuoteTok(c.toks[k]) && c.toks[k]!.s <= d.end + 2) || c.toks[k]!.w === ",")) k++;
  const afterEndSent = c.sents[sentIndexAt(c, c.toks[Math.min(k, c.toks.length - 1)]!.s)]!;
  const ceil = Math.min(afterEndSent.t1, k + 10);
  let found = false;
  // a quote closed by . ! ? ends its sentence: only a lower-case cue or pronoun may follow ('"Go!" he shouted')
  const closedSentence = /[.!?]$/.test(content) && k < c.toks.length && !/^\p{Ll}/u.test(c.toks[k]!.w);
  if (!d.openEnd && !closedSentence && k < c.toks.length && c.toks[k]!.s - d.end < 6 && !c.text.slice(d.end, c.toks[k]!.s).includes("\n")) {
    const cue = findCue(c, k, Math.min(ceil, k + 6));
    if (cue && !usedCue[cue.first]) {
      const sp = speakerOfCue(c, cue.first, cue.last, cue.entry, k, ceil, cue.first === k);
      if (sp) {
        setSpeaker(c, q, sp.sp, "after:" + sp.how, cue);
        usedCue[cue.first] = 1;
        found = true;
      }
    }
  }
  // '"...," Sinan Ulgen, a former diplomat who ..., said': a name right after the quote, the cue later
  if (!found && !d.openEnd && !/[.!?]$/.test(content) && k < c.toks.length && c.toks[k]!.pos === "PROPN" && !c.text.slice(d.end, c.toks[k]!.s).includes("\n")) {
    let e = k;
    while (e + 1 < c.toks.length && (c.toks[e + 1]!.pos === "PROPN" || c.toks[e + 1]!.w === ".")) e++;
    if (tokAt(c.toks, e + 1).w === "," && isNameSpan(c, k, e)) {
      const send = afterEndSent.t1;
      for (let x = e + 2; x <= send && x < e + 40; x++) {
        if (isQuoteTok(c.toks[x])) break;
        const cue = findCue(c, x, x);
        if (cue && cue.entry.frame !== "prep" && !usedCue[cue.first]) {
          setSpeaker(c, q, [k, e], "after:name-appositive", cue);
          usedCue[cue.first] = 1;
          found = true;
          break;
        }
      }
    }
  }
  // before the opening mark: "Putin said:" / "Mr. Kilic quoted the assailant as saying,"
  if (!found && a > 0) {
    let j = a - 1;
    while (j >= 0 && isQuoteTok(c.toks[j])) j--;
    const sentOpen = c.sents[sOpen]!;
    const floor = Math.max(sentOpen.t0 - (tokAt(c.toks, j).w === ":" ? 0 : 0), 0);
    if (j >= floor && c.toks[j]!.s >= sentOpen.start - 1 && !c.text.slice(c.toks[j]!.e, d.start).includes("\n")) {
      const cue = findCueBackward(c, j, Math.max(floor, j - 14));
      // 'wrote the book “From the Other Side of the World”': a title after an object is no quote
      const titleAfterObject = isTitleLike(content) && c.toks[j]!.w !== ":" && c.toks[j]!.w !== "," && cue !== null && cue.last !== j;
      if (cue && !titleAfterObject && !usedCue[cue.first] && !inDirect[cue.first]) {
        const sp = speakerOfCue(c, cue.first, cue.last, cue.entry, floor, j, false);
        if (sp) {
          setSpeaker(c, q, sp.sp, "before:" + sp.how, cue);
          usedCue[cue.first] = 1;
          found = true;
        }
      }
    }
  }
  // a cue elsewhere in the quote's sentence, outside the quote
  if (!found) {
    const s = c.sents[sClose]!;
    for (let x = Math.max(s.t0, b + 1); x <= s.t1 && !found; x++) {
      if (inDirect[x] || usedCue[x]) continue;
      const cue = findCue(c, x, x);
      if (!cue) continue;
      const sp = speakerOfCue(c, cue.first, cue.last, cue.entry, s.t0, s.t1, false);
      if (sp) {
        setSpeaker(c, q, sp.sp, "sentence:" + sp.how, cue);
        usedCue[cue.first] = 1;
        found = true;
      }
    }
  }
  const para = d.para;
  // continuation: interrupted quotes and quotes in the next paragraph inherit the speaker
  const gap = prev ? c.text.slice(prev.end, d.start).replace(/["“”]/g, "") : "";
  const gapSentences = (gap.match(/(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|Lt|Col|[A-Z]))[.!?](?=\s)/g) ?? []).length;
  if (!found && prev && prev.kind === "direct" && prev.speaker && ((para === prevPara && gapSentences <= 1) || (para === prevPara + 1 && d.contStart))) {
    q.speaker = prev.speaker;
    q.cue = prev.cue;
    q.group = prev.group;
    q.how = "continuation";
    found = true;
  }
  // no cue, but a name right before the quote: 'President Vladimir V. Putin of Russia: "..."'
  if (!found && a > 0) {
    let e = a - 1;
    while (e >= 0 && (isQuoteTok(c.toks[e]) || c.toks[e]!.w === ":" || c.toks[e]!.w === ",")) e--;
    if (e >= 0 && c.toks[e]!.pos === "PROPN" && !c.text.slice(c.toks[e]!.e, d.start).includes("\n")) {
      let b0 = e;
      while (b0 > 0 && (c.toks[b0 - 1]!.pos === "PROPN" || c.toks[b0 - 1]!.w === "." || (c.toks[b0 - 1]!.lw === "of" && tokAt(c.toks, b0 - 2).pos === "PROPN"))) b0--;
      if (isNameSpan(c, b0, b0) || e > b0) {
        const sp = trimOfPhrase(c, [b0, e]);
        if (isNameSpan(c, sp[0], sp[1])) {
          const span = spanOf(c, sp[0], sp[1]);
          q.speaker = span;
          q.how = "name-before-quote";
          c.speakers.push({ ...span, at: span.start, kind: "?" });
          found = true;
        }
      }
    }
  }
  // no cue, but the sentence opens with a name before the quote: 'Mohammed, a Syrian activist, "..."'
  if (!found && a > c.sents[sOpen]!.t0) {
    const t0 = c.sents[sOpen]!.t0;
    let e = t0;
    while (e + 1 < a && (c.toks[e + 1]!.pos === "PROPN" || c.toks[e + 1]!.w === ".")) e++;
    if (c.toks[t0]!.pos === "PROPN" && isNameSpan(c, t0, e) || (c.toks[t0]!.pos === "PROPN" && e === t0 && tokAt(c.toks, e + 1).pos !== "VERB" && tokAt(c.toks, e + 1).pos !== "AUX" && tokAt(c.toks, e + 1).pos !== "ADP")) {
      let hasVerb = false;
      for (let x = e + 1; x < a; x++) if (cueEntryLower(c.toks[x]!.lw) || c.toks[x]!.pos === "AUX") hasVerb = true;
      if (!hasVerb) {
        const sp = spanOf(c, t0, e);
        q.speaker = sp;
        q.how = "sentence-opening-name";
        c.speakers.push({ ...sp, at: sp.start, kind: "?" });
        found = true;
      }
    }
  }
  // a quote paragraph after the speaker was introduced: the most recent speaker nearby
  if (!found && d.contStart && wordsUpTo(content, 4) >= 4 && !isTitleLike(content)) {
    const last = c.speakers[c.speakers.length - 1];
    if (last && d.start - last.at < 600 && para - paraOf(c, last.at) <= 2) {
      q.speaker = { start: last.start, end: last.end, text: last.text };
      q.how = "recent-speaker";
      found = true;
    }
  }
  if (!found && wordsUpTo(content, 4) < 4) return null;
  if (!found && isTitleLike(content)) return null;
  if (found && q.how !== "continuation" && prev && prev.kind === "direct" && para === prevPara && prev.speaker && q.speaker && prev.speaker.text === q.speaker.text) q.group = prev.group;
  if (!found && wordsUpTo(content, 8) < 8) return null;
  return q;
}

function trimSpan(c: Ctx, start: number, end: number): { start: number; end: number } {
  while (start < end && /[\s,;:—–-]/.test(c.text[start]!)) start++;
  while (end > start && /[\s,.;:!?—–-]/.test(c.text[end - 1]!)) end--;
  return { start, end };
}

function indirectAt(c: Ctx, cue: { first: number; last: number; entry: CueEntry }, s: { start: number; end: number; t0: number; t1: number }): Quote | null {
  const mk = (start: number, end: number, sp: [number, number], how: string): Quote | null => {
    const t = trimSpan(c, start, end);
    if (wordsUpTo(c.text.slice(t.start, t.end), 3) < 3) return null;
    const q: Quote = { start: t.start, end: t.end, kind: "indirect", cue: null, speaker: null, mention: null, group: 0, how };
    setSpeaker(c, q, sp, how, cue);
    return q;
  };
  const f = cue.entry.frame;
  const next = tokAt(c.toks, cue.last + 1);
  if (f === "prep") {
    const np = npRight(c, cue.last + 1, s.t1);
    if (!np) return null;
    // "According to X, CONTENT." or "CONTENT, according to X."
    if (cue.first === s.t0 || (cue.first > s.t0 && c.toks[cue.first - 1]!.w !== ",")) {
      const after = tokAt(c.toks, np[1] + 1);
      if (after.w !== ",") return null;
      return mk(after.e, s.end, np, "according-to");
    }
    return mk(s.start, c.toks[cue.first - 1]!.s, np, "according-to");
  }
  // inverted or trailing: "CONTENT, X said." / "CONTENT, said X."
  const prevTok = tokAt(c.toks, cue.first - 1);
  if (cue.first > s.t0 + 3) {
    const endish = (i: number): boolean => i > s.t1 || c.toks[i]!.pos === "PUNCT" || /^(?:on|in|at|last|today|yesterday|tuesday|monday|wednesday|thursday|friday|saturday|sunday|this|in|during|after|before|while)$/.test(c.toks[i]!.lw);
    // "..., X said."
    const l = npLeft(c, cue.first - 1, s.t0);
    if (l && tokAt(c.toks, l[0] - 1).w === "," && endish(cue.last + 1)) {
      const name = appositiveName(c, l, s.t0);
      if (name && tokAt(c.toks, name[0] - 1).w === ",") return mk(s.start, c.toks[name[0] - 1]!.s, name, "trailing-subject-appositive");
      return mk(s.start, c.toks[l[0] - 1]!.s, l, "trailing-subject");
    }
    // "..., X, the secretary general of NATO, said on Twitter."
    if (prevTok.w === "," && endish(cue.last + 1)) {
      const sp = speakerOfCue(c, cue.first, cue.last, cue.entry, s.t0, s.t1, false);
      if (sp && sp.how.startsWith("subject-appositive") && sp.sp[0] > s.t0 + 2) return mk(s.start, c.toks[sp.sp[0]]!.s, sp.sp, "trailing-appositive");
    }
    // "..., said X."
    if (prevTok.w === ",") {
      const r = npRight(c, cue.last + 1, s.t1);
      if (r && endish(r[1] + 1)) return mk(s.start, prevTok.s, r, "trailing-inverted");
    }
  }
  if (f === "direct") return null;
  if (f === "attitude") {
    const sp0 = speakerOfCue(c, cue.first, cue.last, cue.entry, s.t0, s.t1, false);
    if (!sp0 || sp0.how === "inverted") return null;
    let from = cue.last + 1;
    while (from <= s.t1 && /^(?:for|on|about|of|to|against|out|that|up)$/.test(c.toks[from]!.lw)) from++;
    if (from > s.t1 || c.toks[from]!.pos === "PUNCT" && !isQuoteTok(c.toks[from])) return null;
    let end = s.end;
    for (let x = from; x <= s.t1; x++) {
      if (isQuoteTok(c.toks[x]) && c.toks[x]!.w !== "'" && x > from) {
        end = c.toks[x]!.s;
        break;
      }
    }
    return mk(c.toks[from]!.s, end, sp0.sp, "attitude-" + sp0.how);
  }
  // "X said (that) CONTENT" / "X told Y (that) CONTENT"
  let sp = speakerOfCue(c, cue.first, cue.last, cue.entry, s.t0, s.t1, false);
  // "..., saying (that) CONTENT": the subject of the sentence speaks
  if ((!sp || sp.how === "inverted") && /ing$/.test(c.toks[cue.first]!.lw) && prevTok.w === ",") {
    const subj = npRight(c, s.t0, cue.first - 1);
    if (subj) sp = { sp: subj, how: "participle" };
  }
  if (!sp || sp.how === "inverted") return null;
  let from = cue.last + 1;
  if (f === "tell") {
    const hearer = npRight(c, from, s.t1);
    if (!hearer) return null;
    from = hearer[1] + 1;
  }
  if (f === "quote-as") return null;
  if (next === NO_TOK || next.pos === "PUNCT" && next.w !== ":") return null;
  // skip adverbials between cue and content ("said on Monday that", "said in a statement that")
  let thatAt = -1;
  for (let x = from; x <= Math.min(s.t1, from + 8); x++) {
    if (c.toks[x]!.lw === "that") {
      thatAt = x;
      break;
    }
    if (isQuoteTok(c.toks[x])) break;
  }
  if (thatAt >= 0) from = thatAt;
  else {
    const t = tokAt(c.toks, from);
    if (t === NO_TOK || !(t.pos === "PRON" || t.pos === "DET" || t.pos === "PROPN" || t.pos === "NOUN" || t.pos === "ADJ" || t.pos === "NUM" || t.pos === "SCONJ" || t.pos === "ADV" || t.pos === "ADP")) return null;
    if (t.pos === "ADP" && !/^(?:if|whether)$/.test(t.lw)) {
      // "said in a statement", no clause: skip the phrase up to a comma
      return null;
    }
    if (REPORTING_NOUN_HEADS.has(t.lw)) return null;
  }
  if (from > s.t1) return null;
  let end = s.end;
  // stop at a following direct quote in the same sentence
  for (let x = from; x <= s.t1; x++) {
    if (isQuoteTok(c.toks[x]) && c.toks[x]!.w !== "'") {
      end = c.toks[x]!.s;
      break;
    }
  }
  // "X said on Monday: “...”" belongs to the direct quote that follows
  if (end < s.end && wordsUpTo(c.text.slice(c.toks[from]!.s, end), 6) < 6) return null;
  const q = mk(c.toks[from]!.s, end, sp.sp, "say-" + sp.how);
  return q && isWordish(c.toks[from]) ? q : null;
}
