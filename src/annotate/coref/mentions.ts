import type { Span } from "../../model/span.js";
import { POS_TAGS, type TokenColumns } from "../../model/tokens.js";
import {
  CAPITALS, LOC_WORDS, NAME_PARTICLES, NOT_NAMES, ORG_WORDS, PERSON_TITLES, PRONOUNS, ROLE_NOUNS, TITLES,
  DEMONYMS, demonymPlace, isDemonym, roleClass, type Animacy, type Gender, type NumberAgr,
} from "./lexicon.js";
import { firstNameGender, foldName, parseNameShared, type ParsedName } from "./names.js";
import { LowerFormFilter } from "../words.js";

/** What the coreference code needs of a document: its text, tokens, and (optionally) NER spans. */
export interface CorefDoc {
  text: string;
  tokens: TokenColumns;
  /** `entity` layer spans when NER ran (labels PER/ORG/LOC/MISC, attrs.title). */
  entities?: readonly Span[];
}

export type MentionKind = "name" | "nominal" | "pronoun" | "title";
export type SynRole = "subj" | "obj" | "poss" | "other";

export interface Mention {
  start: number;
  end: number;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
  sentence: number;
  kind: MentionKind;
  text: string;
  entityType?: string;
  gender: Gender;
  number: NumberAgr;
  animacy: Animacy;
  role: SynRole;
  /** For names: the parsed name; for titled names the title words are in `name.title`. */
  name?: ParsedName;
  /** For nominals: the role class of the head noun ("envoy" → "ambassador"); for pronouns: the pronoun. */
  head?: string;
  /** Places a nominal is tied to ("the Russian envoy", "Moscow’s ambassador" → russia). */
  places?: string[];
  definite?: boolean;
  inQuote: boolean;
  /** Whether the mention starts its sentence (ignoring punctuation). */
  sentenceInitial: boolean;
  /** Gender a lone given name suggests (a hint, not a constraint). */
  softGender?: Gender;
  /** A relative clause follows ("Beryl Markham, who ..."): the mention is the subject of that clause. */
  relativeSubject?: boolean;
  /** Set by callers that force mentions in (GAP candidates). */
  gold?: string;
}

const POS = Object.fromEntries(POS_TAGS.map((t, i) => [t, i])) as Record<(typeof POS_TAGS)[number], number>;

/** First characters of the third-person pronouns (h, s, i, t in either case): other words are never pronouns. */
const PRONOUN_INITIAL = new Set([..."hsitHSIT"].map((c) => c.charCodeAt(0)));

/** Whether a token's lower-case form can be a pronoun or a role noun (ruled out by first character and length). */
const PRONOUN_OR_ROLE = new LowerFormFilter([...PRONOUNS.keys(), ...ROLE_NOUNS.keys()]);

export function tok(doc: CorefDoc, i: number): string {
  return doc.text.slice(doc.tokens.start[i], doc.tokens.end[i]);
}

/** The code unit of token i when it is one code unit long, else −1 (a test for "," or "(" without a string per token). */
function oneChar(doc: CorefDoc, i: number): number {
  return doc.tokens.end[i]! - doc.tokens.start[i]! === 1 ? doc.text.charCodeAt(doc.tokens.start[i]!) : -1;
}

function isCap(s: string): boolean {
  return /^\p{Lu}/u.test(s);
}

/** First token whose end is after `offset`. */
export function tokenAt(tokens: TokenColumns, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.end[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Marks tokens inside quotation marks. */
export function quoteMask(doc: CorefDoc): Uint8Array {
  const n = doc.tokens.count;
  const mask = new Uint8Array(n);
  let inside = false;
  let sentence = -1;
  let openedAt = -1;
  const { text, tokens } = doc;
  for (let i = 0; i < n; i++) {
    // the token's one code unit when it is one code unit long (quotation marks are), else −1: no string per token
    const t = tokens.end[i]! - tokens.start[i]! === 1 ? text.charCodeAt(tokens.start[i]!) : -1;
    if (tokens.sentence[i] !== sentence) {
      sentence = tokens.sentence[i]!;
      // an unclosed quote does not run on for ever
      if (inside && sentence - tokens.sentence[openedAt]! > 4) inside = false;
    }
    if (t === 0x201c) {
      inside = true;
      openedAt = i;
    } else if (t === 0x201d) inside = false;
    else if (t === 0x22) {
      inside = !inside;
      if (inside) openedAt = i;
    } else mask[i] = inside ? 1 : 0;
  }
  return mask;
}

function isPossMarker(s: string): boolean {
  return s === "’s" || s === "'s" || s === "’" || s === "'";
}

/** Grammatical role of the phrase [t0, t1) guessed from the part-of-speech tags around it. */
export function syntacticRole(doc: CorefDoc, t0: number, t1: number): SynRole {
  const { tokens } = doc;
  const sent = tokens.sentence[t0];
  if (t1 < tokens.count && isPossMarker(tok(doc, t1))) return "poss";
  const prev = t0 - 1 >= 0 && tokens.sentence[t0 - 1] === sent ? tokens.pos[t0 - 1]! : -1;
  if (prev === POS.VERB) return "obj";
  if (prev === POS.ADP) return "other";
  let j = t1;
  let skipped = 0;
  while (j < tokens.count && tokens.sentence[j] === sent && skipped < 25) {
    const p = tokens.pos[j]!;
    const c = oneChar(doc, j);
    if (c === 0x2c || c === 0x28) {
      // skip an appositive or a relative clause up to its closing comma/bracket
      let k = j + 1;
      while (k < tokens.count && tokens.sentence[k] === sent && oneChar(doc, k) !== 0x2c && oneChar(doc, k) !== 0x29 && k - j < 20) k++;
      if (k < tokens.count && tokens.sentence[k] === sent && k - j < 20) {
        skipped += k - j;
        j = k + 1;
        continue;
      }
      return "other";
    }
    if (p === POS.ADV || p === POS.PART) {
      j++;
      skipped++;
      continue;
    }
    if (p === POS.VERB || p === POS.AUX) return "subj";
    if (p === POS.PRON && /^(who|that)$/i.test(tok(doc, j))) return "subj";
    return "other";
  }
  return "other";
}

interface NameSpan {
  t0: number;
  t1: number;
  type?: string;
  title: string[];
}

/**
 * Proper-name fallback used only when the `entity` layer is absent: runs of capitalised PROPN tokens
 * (with initials, name particles and words split inside a name such as "Erdo ğ an"), title words split off
 * the front, runs split after an organisation word ("the United Nations Donald J. Trump"), and lone
 * sentence-initial words dropped unless the word is also capitalised elsewhere in the text.
 */
export function fallbackNames(doc: CorefDoc): NameSpan[] {
  const { tokens, text } = doc;
  const n = tokens.count;
  const capitalisedMidSentence = new Set<string>();
  for (let i = 1; i < n; i++) {
    if (tokens.sentence[i - 1] !== tokens.sentence[i]) continue;
    const w = tok(doc, i);
    const pw = tok(doc, i - 1);
    if (isCap(w) && !/^[.!?:"“‘—–-]$/.test(pw)) capitalisedMidSentence.add(w);
  }
  const isNameTok = (i: number): boolean => {
    const w = tok(doc, i);
    const p = tokens.pos[i]!;
    if (!isCap(w)) return false;
    if (MONTHS_DAYS.has(w.toLowerCase()) || w === "God") return false;
    if (p === POS.PROPN) return true;
    if (/^\p{Lu}\.$/u.test(w)) return true;
    return (p === POS.NOUN || p === POS.ADJ || p === POS.X) && isCap(w) && w.length > 1 && !isDemonym(w) && i > 0 && tokens.sentence[i - 1] === tokens.sentence[i] && tokens.pos[i - 1] === POS.PROPN;
  };
  const glued = (i: number): boolean => i > 0 && tokens.start[i] === tokens.end[i - 1] && /\p{L}$/u.test(tok(doc, i - 1)) && /^\p{L}/u.test(tok(doc, i));
  const out: NameSpan[] = [];
  let i = 0;
  while (i < n) {
    if (!isNameTok(i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && tokens.sentence[j] === tokens.sentence[i]) {
      const w = tok(doc, j);
      if (isNameTok(j) || glued(j)) j++;
      else if (NAME_PARTICLES.has(w.toLowerCase()) && j + 1 < n && isNameTok(j + 1)) j += 2;
      else if (w === "-" && j + 1 < n && tokens.start[j + 1] === tokens.end[j] && tokens.start[j] === tokens.end[j - 1] && isNameTok(j + 1)) j += 2;
      else break;
    }
    // split the run after organisation words, before a title word ("Putin President Vladimir V. Putin"),
    // and around a lone known place or demonym ("Karlov North Korea", "Putin Turkey")
    let a = i;
    for (let k = i; k < j; k++) {
      const lw = tok(doc, k).toLowerCase();
      const two = k + 1 < j ? foldName(`${tok(doc, k)} ${tok(doc, k + 1)}`) : "";
      if (two && (DEMONYMS.has(two) || isDemonym(two))) {
        if (k > a) out.push(...finishName(doc, a, k, capitalisedMidSentence));
        if (j - i > 2) {
          out.push(...finishName(doc, k, k + 2, capitalisedMidSentence));
          a = k + 2;
        }
        k++;
        continue;
      }
      const place = DEMONYMS.has(foldName(lw)) || CAPITALS.has(foldName(lw)) || isDemonym(lw);
      if (place && j - i > 1 && !(k === i && k + 1 < j && (ORG_WORDS.has(tok(doc, j - 1).toLowerCase()) || LOC_WORDS.has(tok(doc, j - 1).toLowerCase())))) {
        if (k > a) out.push(...finishName(doc, a, k, capitalisedMidSentence));
        out.push(...finishName(doc, k, k + 1, capitalisedMidSentence));
        a = k + 1;
        continue;
      }
      if (k > a && TITLES.has(lw) && /^\p{Lu}/u.test(tok(doc, k)) && PERSON_TITLES.has(lw)) {
        out.push(...finishName(doc, a, k, capitalisedMidSentence));
        a = k;
      }
      if (k + 1 < j && ORG_WORDS.has(lw) && k + 1 > a) {
        out.push(...finishName(doc, a, k + 1, capitalisedMidSentence));
        a = k + 1;
      }
    }
    if (a < j) out.push(...finishName(doc, a, j, capitalisedMidSentence));
    i = j;
  }
  void text;
  return out;
}

function finishName(doc: CorefDoc, t0: number, t1: number, capitalisedMidSentence: Set<string>): NameSpan[] {
  const { tokens } = doc;
  const title: string[] = [];
  let a = t0;
  while (a < t1 - 1 && TITLES.has(tok(doc, a).toLowerCase())) title.push(tok(doc, a++));
  // "Secretary of State John Kerry": title words before a preposition stay titles
  if (a > t0 || (a < t1 - 1 && t0 > 0 && TITLES.has(tok(doc, a).toLowerCase()))) {
    while (a < t1 - 1 && TITLES.has(tok(doc, a).toLowerCase())) title.push(tok(doc, a++));
  }
  let b = t1;
  while (b > a && isPossMarker(tok(doc, b - 1))) b--;
  if (b <= a) return [];
  const words: string[] = [];
  for (let k = a; k < b; k++) words.push(tok(doc, k));
  const joined = words.join(" ").toLowerCase();
  if (b - a === 1) {
    const w = words[0]!;
    if (NOT_NAMES.has(w.toLowerCase()) || TITLES.has(w.toLowerCase()) || isDemonym(w)) return [];
    const initial = a === 0 || tokens.sentence[a - 1] !== tokens.sentence[a] || /^[.!?:"“‘—–-]$/.test(tok(doc, a - 1));
    if (initial && !capitalisedMidSentence.has(w) && title.length === 0) return [];
    if (/^\p{Lu}\.?$/u.test(w)) return [];
  }
  if (words.every((w) => isDemonym(w))) return [];
  // "Russian" + noun is an adjective: drop a leading demonym from a person name
  const last = words[words.length - 1]!.toLowerCase();
  let type: string | undefined;
  if (title.some((t) => PERSON_TITLES.has(t.toLowerCase()))) type = "PER";
  else if (ORG_WORDS.has(last) || /^[A-Z]{2,6}$/.test(words[words.length - 1]!)) type = "ORG";
  else if (LOC_WORDS.has(last) || DEMONYMS.has(foldName(joined)) || CAPITALS.has(foldName(joined))) type = "LOC";
  else if (b - a >= 2 && isFirstNameListed(words[0]!)) type = "PER";
  return [{ t0: a, t1: b, type, title }];
}

const MONTHS_DAYS = new Set(["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

let listed: ((w: string) => boolean) | undefined;
function isFirstNameListed(w: string): boolean {
  listed ??= (x: string) => firstNameGender(x) !== "u" || KNOWN_GIVEN.has(foldName(x));
  return listed(w);
}
/** Given names common in world news that the English lists miss or mark as of both genders. */
const KNOWN_GIVEN = new Set(["andrei", "andrey", "sergey", "sergei", "leonid", "recep", "mevlut", "hasim", "sinan", "jens", "ban", "elmira", "bashar", "dina", "pyotr", "aleksandr", "alexander", "maria", "vladimir", "donald", "john", "dmitry", "dmitri", "mikhail", "yuri", "ahmet", "mehmet", "mustafa", "ali", "hassan", "mohammed", "muhammad", "ahmed", "xi", "kim", "angela", "emmanuel", "benjamin", "boris", "nikolai"]);

/** Name spans from the `entity` layer (when NER ran) or from the fallback. */
function nameSpans(doc: CorefDoc): NameSpan[] {
  if (!doc.entities) return fallbackNames(doc);
  const out: NameSpan[] = [];
  for (const e of doc.entities) {
    if (!["PER", "ORG", "LOC", "MISC", "GPE", "NORP"].includes(e.label ?? "")) continue;
    const t0 = tokenAt(doc.tokens, e.start);
    let t1 = t0;
    while (t1 < doc.tokens.count && doc.tokens.start[t1]! < e.end) t1++;
    if (t1 <= t0) continue;
    const title: string[] = [];
    const at = e.attrs?.title;
    if (typeof at === "string") title.push(...at.split(/\s+/));
    let a = t0;
    while (a < t1 - 1 && TITLES.has(tok(doc, a).toLowerCase())) title.push(tok(doc, a++));
    const type = e.label === "GPE" ? "LOC" : e.label === "NORP" ? "MISC" : e.label;
    if (type === "MISC" && t1 - a === 1 && isDemonym(tok(doc, a))) continue;
    // a person name running into a known place ("Karlov North Korea" in garbled text): two mentions
    let cut = -1;
    if (type === "PER") {
      for (let k = a + 1; k < t1 && cut < 0; k++) {
        const one = foldName(tok(doc, k));
        const two = k + 1 < t1 ? foldName(`${tok(doc, k)} ${tok(doc, k + 1)}`) : "";
        if (DEMONYMS.has(one) || CAPITALS.has(one) || (two && DEMONYMS.has(two))) cut = k;
      }
    }
    if (cut > 0) {
      out.push({ t0: a, t1: cut, type, title });
      out.push({ t0: cut, t1, type: "LOC", title: [] });
      continue;
    }
    out.push({ t0: a, t1, type, title });
  }
  return out;
}

function hasNoSpaceGlue(doc: CorefDoc, t0: number, t1: number): string {
  let s = "";
  for (let k = t0; k < t1; k++) {
    if (k > t0 && doc.tokens.start[k] !== doc.tokens.end[k - 1]) s += " ";
    s += tok(doc, k);
  }
  return s;
}

/** Titles found before a name that already has some: the new ones (not already there, case-folded) first. */
function withTitles(extra: readonly string[], title: readonly string[]): string[] {
  const have = new Set(title.map((t) => t.toLowerCase()));
  return [...extra.filter((t) => !have.has(t.toLowerCase())), ...title];
}

/** The part of speech of token k when it is in token i's sentence, else -1. */
function posInSentence(tokens: TokenColumns, i: number, k: number): number {
  return k < tokens.count && tokens.sentence[k] === tokens.sentence[i] ? tokens.pos[k]! : -1;
}

/** By part of speech + 1 (-1, no token, at 0): 1 for a nominal (NOUN, ADJ, PROPN, NUM), 2 for ADV or VERB, else 0. */
const HER_NEXT = (() => {
  const t = new Uint8Array(POS_TAGS.length + 1);
  for (const p of [POS.NOUN, POS.ADJ, POS.PROPN, POS.NUM]) t[p + 1] = 1;
  for (const p of [POS.ADV, POS.VERB]) t[p + 1] = 2;
  return t;
})();

/**
 * "her" is possessive when a noun phrase follows ("her most recent bid", "her back pain"): a nominal next, or an
 * adverb or verb and then a nominal; an object otherwise. (Table lookups, every one made for every "her": a
 * comparison first reached in optimised code would deoptimise the whole of detectMentions.)
 */
function herRole(tokens: TokenColumns, i: number): "poss" | "obj" {
  const next = HER_NEXT[posInSentence(tokens, i, i + 1) + 1]!;
  const after = HER_NEXT[posInSentence(tokens, i, i + 2) + 1]!;
  // next nominal, or next ADV/VERB and after nominal
  return HER_POSS[next * 3 + after] ? "poss" : "obj";
}
const HER_POSS = new Uint8Array([0, 0, 0, 1, 1, 1, 0, 1, 0]);

/** Every mention of a document: names, definite role nominals and third-person pronouns, sorted. */
export function detectMentions(doc: CorefDoc, forced: { start: number; end: number; gold: string }[] = []): Mention[] {
  const { tokens } = doc;
  const quotes = quoteMask(doc);
  const mentions: Mention[] = [];
  const taken = new Uint8Array(tokens.count);
  const isInitial = (t0: number): boolean => {
    let k = t0 - 1;
    while (k >= 0 && tokens.sentence[k] === tokens.sentence[t0] && tokens.pos[k] === POS.PUNCT) k--;
    return k < 0 || tokens.sentence[k] !== tokens.sentence[t0];
  };
  const base = (t0: number, t1: number, kind: MentionKind): Mention => ({
    start: tokens.start[t0]!,
    end: tokens.end[t1 - 1]!,
    t0,
    t1,
    sentence: tokens.sentence[t0]!,
    kind,
    text: doc.text.slice(tokens.start[t0], tokens.end[t1 - 1]),
    gender: "u",
    number: "s",
    animacy: "u",
    role: syntacticRole(doc, t0, t1),
    inQuote: quotes[t0] === 1,
    relativeSubject: t1 < tokens.count && (/^(who|whom)$/i.test(tok(doc, t1)) || (tok(doc, t1) === "," && t1 + 1 < tokens.count && /^who$/i.test(tok(doc, t1 + 1)))),
    sentenceInitial: isInitial(t0),
    // (every optional field present from the start, undefined until set: one hidden class for all mentions, so
    // the sieve's passes read them monomorphically)
    entityType: undefined,
    name: undefined,
    head: undefined,
    places: undefined,
    definite: undefined,
    softGender: undefined,
    gold: undefined,
  });
  const addName = (ns: NameSpan, gold?: string): void => {
    let k = ns.t0 - 1;
    const extra: string[] = [];
    while (!gold && k >= 0 && tokens.sentence[k] === tokens.sentence[ns.t0] && !taken[k] && TITLES.has(tok(doc, k).toLowerCase()) && /^\p{Lu}/u.test(tok(doc, k))) extra.unshift(tok(doc, k--));
    for (let q = k + 1; q < ns.t0; q++) taken[q] = 1;
    // (the span's title and type as locals, not copies of `ns` made by spreading: the rare paths below then hold
    // no object literal whose first run would deoptimise this function)
    let title = ns.title;
    let type = ns.type;
    if (extra.length > 0) title = title.length === 0 ? extra : withTitles(extra, title);
    if (type === undefined && title.some((t) => PERSON_TITLES.has(t.toLowerCase()))) type = "PER";
    const m = base(ns.t0, ns.t1, title.length > 0 ? "title" : "name");
    const written = hasNoSpaceGlue(doc, ns.t0, ns.t1);
    m.name = parseNameShared(written);
    m.name.title.unshift(...title);
    m.entityType = type;
    if (gold) {
      m.gold = gold;
      m.entityType = "PER";
    }
    let g: Gender = "u";
    for (const t of m.name.title) {
      const tg = TITLES.get(t.toLowerCase());
      if (tg && tg !== "u") g = tg;
    }
    // a given name decides the gender only when a surname follows it; a lone word may be a surname ("Bailey")
    if (g === "u" && m.entityType === "PER" && m.name.full.length >= 2) g = firstNameGender(m.name.full[0]!);
    if (m.entityType === "PER" && m.name.full.length === 1 && m.name.title.length === 0) m.softGender = firstNameGender(m.name.full[0]!);
    m.gender = g;
    m.animacy = m.entityType === "PER" ? "a" : m.entityType === "ORG" || m.entityType === "LOC" ? "i" : "u";
    m.number = m.entityType === "ORG" ? "u" : "s";
    mentions.push(m);
    for (let k = ns.t0; k < ns.t1; k++) taken[k] = 1;
  };
  for (const f of forced) {
    const t0 = tokenAt(tokens, f.start);
    let t1 = t0;
    while (t1 < tokens.count && tokens.start[t1]! < f.end) t1++;
    if (t1 > t0) addName({ t0, t1, type: "PER", title: [] }, f.gold);
  }
  for (const ns of nameSpans(doc)) {
    let clash = false;
    for (let k = ns.t0; k < ns.t1; k++) if (taken[k]) clash = true;
    if (!clash) addName(ns);
  }
  for (let i = 0; i < tokens.count; i++) {
    if (taken[i]) continue;
    // only a noun or a word starting with h/s/i/t (every third-person pronoun does) can give a mention
    if (tokens.pos[i] !== POS.NOUN && !PRONOUN_INITIAL.has(doc.text.charCodeAt(tokens.start[i]!))) continue;
    // (neither a pronoun nor a role noun fits its first letter and length: no mention starts here)
    if (!PRONOUN_OR_ROLE.mayBe(doc.text, tokens.start[i]!, tokens.end[i]!)) continue;
    const w = tok(doc, i).toLowerCase();
    const pr = PRONOUNS.get(w);
    if (pr && tokens.pos[i] === POS.PRON || (pr && (w === "her" || w === "his" || w === "its" || w === "their"))) {
      const m = base(i, i + 1, "pronoun");
      m.gender = pr!.gender;
      m.number = pr!.number;
      m.animacy = pr!.animacy;
      m.head = w;
      if (pr!.case === "poss") m.role = "poss";
      else if (w === "her") m.role = herRole(tokens, i);
      else if (pr!.case === "obj" || pr!.case === "refl") m.role = "obj";
      else m.role = "subj";
      mentions.push(m);
      continue;
    }
    // definite role nominal: (the|this|that|NAME's) (ADJ|PROPN|NOUN)* ROLE-NOUN
    if (tokens.pos[i] !== POS.NOUN || !ROLE_NOUNS.has(w)) continue;
    if (i + 1 < tokens.count && tokens.sentence[i + 1] === tokens.sentence[i] && tokens.pos[i + 1] === POS.NOUN && !isPossMarker(tok(doc, i + 1))) continue;
    let k = i - 1;
    const places: string[] = [];
    while (k >= 0 && tokens.sentence[k] === tokens.sentence[i] && !taken[k] && (tokens.pos[k] === POS.ADJ || tokens.pos[k] === POS.PROPN || tokens.pos[k] === POS.NOUN || tokens.pos[k] === POS.NUM)) {
      const pl = demonymPlace(tok(doc, k));
      if (pl) places.push(pl);
      k--;
    }
    let t0 = k + 1;
    let definite = false;
    if (k >= 0 && tokens.sentence[k] === tokens.sentence[i]) {
      const d = tok(doc, k).toLowerCase();
      if (d === "the" || d === "this" || d === "that") {
        definite = true;
        t0 = k;
      } else if (d === "a" || d === "an") t0 = k;
      else if (isPossMarker(d) && k >= 1) {
        // "Moscow’s ambassador", "Russia’s ambassador"
        const owner = foldName(tok(doc, k - 1));
        const place = CAPITALS.get(owner) ?? (DEMONYMS.has(owner) ? owner : demonymPlace(owner));
        if (place) places.push(place);
        definite = true;
      } else if (tokens.pos[k] === POS.PRON && /^(his|her|their|its)$/.test(d)) continue;
    }
    // "to Turkey", "of NATO" after the head
    if (i + 2 < tokens.count && /^(of|to|in)$/i.test(tok(doc, i + 1)) && tokens.pos[i + 2] === POS.PROPN) {
      const pl = foldName(tok(doc, i + 2));
      if (DEMONYMS.has(pl)) places.push(`to:${pl}`);
    }
    const m = base(t0, i + 1, "nominal");
    m.head = roleClass(w);
    m.gender = ROLE_NOUNS.get(w)!;
    m.animacy = "a";
    m.number = "s";
    m.entityType = "PER";
    m.places = places;
    m.definite = definite;
    mentions.push(m);
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return mentions;
}
