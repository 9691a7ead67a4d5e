import type { Article } from "../../model/article.js";
import type { Span } from "../../model/span.js";
import { POS_TAGS, type TokenColumns } from "../../model/tokens.js";
import { CAPITALS, DEMONYMS, isDemonym, TITLES } from "../coref/lexicon.js";
import { foldName } from "../coref/names.js";
import { lowerForm, lowerFormCount, lowerWords } from "../words.js";

const POS = Object.fromEntries(POS_TAGS.map((t, i) => [t, i])) as Record<(typeof POS_TAGS)[number], number>;

/** Verbs that take an indirect object, so "told Reuters the news" is fine. */
const DITRANSITIVE = new Set(["told", "tell", "tells", "gave", "give", "gives", "sent", "send", "showed", "show", "offered", "offer", "asked", "ask", "handed",
  "awarded", "promised", "taught", "owed", "granted", "named", "called", "made", "make", "brought", "bought", "paid", "wished", "left", "cost", "denied", "lent", "sold",
  "elected", "appointed", "considered", "declared", "found", "kept", "let", "saw", "heard", "had", "helped", "got", "get"]);
/** Verbs of saying: a name right after one is an inverted subject only after a quotation, never before one. */
const SPEECH = new Set(["said", "says", "say", "shouted", "shouts", "yelled", "screamed", "cried", "added", "wrote", "declared", "stated", "announced", "warned", "insisted", "replied", "continued", "explained", "noted"]);
/** Nouns that may follow a place name as part of a name ("in Aydin province"). */
const GEO_NOUNS = new Set(["province", "city", "state", "region", "district", "area", "county", "time", "border", "governorate", "prefecture", "municipality", "village", "town", "valley", "basin", "coast", "front", "office", "bureau", "branch", "embassy", "consulate", "airport", "port", "square", "street", "avenue", "road", "university"]);
/** Time nouns that may follow a place name as an adverbial ("in Ankara today", "in Gaza last week"). */
const TIME_NOUNS = new Set(["today", "yesterday", "tomorrow", "tonight", "now", "morning", "afternoon", "evening", "night", "overnight", "day", "week", "weekend", "month", "year", "summer", "winter", "spring", "autumn", "fall"]);
const TIME_MODIFIERS = new Set(["last", "next", "this", "that", "every", "each", "early", "late", "earlier", "later"]);
const HONORIFICS = new Set(["mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr"]);

// what the word lists say of a lower-case form, as bits
const F_SPEECH = 1;
const F_DITRANSITIVE = 2;
const F_HONORIFIC = 4;
const F_ARTICLE = 8;
const F_OF_IN = 16;
const F_TITLE = 32;
const F_DEMONYM = 64;

interface Finding {
  t0: number;
  t1: number;
  reason: string;
  detail: string;
}

function tokText(text: string, t: TokenColumns, i: number): string {
  return text.slice(t.start[i], t.end[i]);
}

function sameSentence(tokens: TokenColumns, a: number, b: number): boolean {
  return a >= 0 && b < tokens.count && tokens.sentence[a] === tokens.sentence[b];
}

function isPlace(w: string): boolean {
  const f = foldName(w);
  return DEMONYMS.has(f) || CAPITALS.has(f);
}

function isCap(w: string): boolean {
  return /^\p{Lu}/u.test(w);
}

/** What the token rules of one document read, and the findings they add to. */
interface Doc {
  text: string;
  tokens: TokenColumns;
  /** Lower-case form id of each token (`lowerWords`). */
  ids: Int32Array;
  /** Word-list bits by form id. */
  flags: Uint8Array;
  out: Finding[];
}

// word-list bits of every lower-case form seen (bit KNOWN once computed), kept across documents
const KNOWN = 128;
let flagCache = new Uint8Array(4096);
let flagEpoch = 0;

// per sentence, small ids of its forms: a stamp per form id (unique across sentences and documents) and the id
let localStamp = new Int32Array(0);
let localId = new Int32Array(0);
let sentenceStamp = 0;
// 4-gram table of one sentence: slot → first position, valid where the slot's stamp is the sentence's generation
let gramStamp = new Int32Array(0);
let gramPos = new Int32Array(0);
let gramGeneration = 0;

/** The word-list bits of the forms of a document's tokens (computed once per form). */
function formFlags(ids: Int32Array, epoch: number): Uint8Array {
  if (epoch !== flagEpoch) {
    flagCache.fill(0);
    flagEpoch = epoch;
  }
  const size = lowerFormCount();
  if (flagCache.length < size) {
    let n = flagCache.length;
    while (n < size) n *= 2;
    const grown = new Uint8Array(n);
    grown.set(flagCache);
    flagCache = grown;
  }
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (flagCache[id]! & KNOWN) continue;
    const lw = lowerForm(id);
    flagCache[id] = KNOWN | (SPEECH.has(lw) ? F_SPEECH : 0) | (DITRANSITIVE.has(lw) ? F_DITRANSITIVE : 0) | (HONORIFICS.has(lw) ? F_HONORIFIC : 0) |
      (lw === "the" || lw === "a" || lw === "an" ? F_ARTICLE : 0) | (lw === "of" || lw === "in" ? F_OF_IN : 0) | (TITLES.has(lw) ? F_TITLE : 0) |
      (isDemonym(lw) ? F_DEMONYM : 0);
  }
  return flagCache;
}

/** A name in a verb's object slot before an article or a quote (token i is a verb of saying). */
function nameInVerbSlot(d: Doc, i: number): void {
  const { text, tokens, out } = d;
  // name in a verb's object slot before an article / quote
  if (sameSentence(tokens, i, i + 2) && tokens.pos[i + 1] === POS.PROPN && isCap(tokText(text, tokens, i + 1))) {
    let j = i + 1;
    while (sameSentence(tokens, i, j + 1) && tokens.pos[j + 1] === POS.PROPN) j++;
    const next = sameSentence(tokens, i, j + 1) ? tokText(text, tokens, j + 1) : "";
    const closingBefore = i > 0 && /^["”’]$/.test(tokText(text, tokens, i - 1));
    if (!closingBefore && (/^(a|an|the)$/i.test(next) || next === '"' || next === "“")) {
      out.push({ t0: i, t1: j + 2, reason: "name-in-verb-slot", detail: `a name after "${tokText(text, tokens, i)}" and before "${next}": a verb or preposition is missing` });
    }
  }
}

/** An honorific (token i) before a determiner or another title. */
function honorificRules(d: Doc, i: number): void {
  const { text, tokens, ids, flags, out } = d;
  // honorific + title/determiner
  if (sameSentence(tokens, i, i + 1)) {
    const nx = tokText(text, tokens, i + 1);
    if (/^(the|a|an|this|that)$/i.test(nx)) out.push({ t0: i, t1: i + 2, reason: "stacked-titles", detail: `"${tokText(text, tokens, i)}" before the determiner "${nx}"` });
    else if ((flags[ids[i + 1]!]! & (F_TITLE | F_HONORIFIC)) === F_TITLE && sameSentence(tokens, i, i + 2) && isCap(tokText(text, tokens, i + 2))) {
      out.push({ t0: i, t1: i + 3, reason: "stacked-titles", detail: `"${tokText(text, tokens, i)} ${nx}" before a name` });
    }
  }
}

/** An article (token i) before an honorific, a country name used as a noun, or a demonym + country. */
function articleRules(d: Doc, i: number): void {
  const { text, tokens, ids, flags, out } = d;
  // determiner + honorific, or determiner + country + possessive / determiner + demonym + country
  if (sameSentence(tokens, i, i + 2)) {
    const nx = tokText(text, tokens, i + 1);
    if (flags[ids[i + 1]!]! & F_HONORIFIC) out.push({ t0: i, t1: i + 3, reason: "name-after-determiner", detail: `"${tokText(text, tokens, i)}" before "${nx} ${tokText(text, tokens, i + 2)}"` });
    else if (/^(’s|'s)$/.test(tokText(text, tokens, i + 2)) && isPlace(nx)) out.push({ t0: i, t1: i + 3, reason: "name-after-determiner", detail: `"${tokText(text, tokens, i)}" before the country name "${nx}"` });
    else if (flags[ids[i + 1]!]! & F_DEMONYM && isPlace(tokText(text, tokens, i + 2)) && tokens.pos[i + 2] === POS.PROPN) out.push({ t0: i, t1: i + 3, reason: "name-after-determiner", detail: `"${tokText(text, tokens, i)} ${nx}" before the country name "${tokText(text, tokens, i + 2)}"` });
  }
}

/** The rules about proper names at token i (f: its word-list bits, p: its POS id). */
function nameRules(d: Doc, i: number, f: number, p: number): void {
  const { text, tokens, ids, flags, out } = d;
  const w = tokText(text, tokens, i);
  const lw = lowerForm(ids[i]!);
  // demonym + possessive
  if (p === POS.PROPN && f & F_DEMONYM && sameSentence(tokens, i, i + 1) && /^(’s|'s)$/.test(tokText(text, tokens, i + 1)) && !/s$/.test(lw)) {
    out.push({ t0: i, t1: i + 2, reason: "demonym-possessive", detail: `the adjective "${w}" with a possessive` });
  }
  // two names run together: place + place, or honorific name + place
  // (the cheap token tests first: the place-name lookups are the costly ones)
  if (p === POS.PROPN && tokens.pos[i + 1] === POS.PROPN && sameSentence(tokens, i, i + 1) && tokens.start[i + 1] !== tokens.end[i] && isPlace(w)) {
    const nx = tokText(text, tokens, i + 1);
    if (isPlace(nx) && foldName(`${w} ${nx}`) !== "" && !DEMONYMS.has(foldName(`${w} ${nx}`))) {
      out.push({ t0: i, t1: i + 2, reason: "adjacent-names", detail: `"${w}" and "${nx}" with nothing between` });
    }
  }
  // a place name where a possessive determiner must be: "of Russia speech", "in Russia sixth year"
  if (f & F_OF_IN && sameSentence(tokens, i, i + 2) && tokens.pos[i + 1] === POS.PROPN && isPlace(tokText(text, tokens, i + 1)) && tokens.start[i + 2] !== tokens.end[i + 1]) {
    let j = i + 2;
    let modifier = "";
    if ((tokens.pos[j] === POS.ADJ || tokens.pos[j] === POS.NUM || TIME_MODIFIERS.has(tokText(text, tokens, j).toLowerCase())) && sameSentence(tokens, i, j + 1)) modifier = tokText(text, tokens, j++).toLowerCase();
    const noun = tokText(text, tokens, j);
    const adverbial = TIME_NOUNS.has(noun.toLowerCase()) && (modifier === "" || TIME_MODIFIERS.has(modifier));
    if (!adverbial && tokens.pos[j] === POS.NOUN && /^\p{Ll}/u.test(noun) && !GEO_NOUNS.has(noun.toLowerCase()) && !(sameSentence(tokens, i, j + 1) && tokens.pos[j + 1] === POS.NOUN)) {
      out.push({ t0: i + 1, t1: j + 1, reason: "name-in-determiner-slot", detail: `"${tokText(text, tokens, i + 1)}" stands where a possessive such as "its" or "his" must be` });
    }
  }
  // a name running straight into a titled name ("Mr. Putin President Vladimir V. Putin")
  if (p === POS.PROPN && isCap(w) && !(f & F_TITLE) && sameSentence(tokens, i, i + 2) && tokens.start[i + 1] !== tokens.end[i] && flags[ids[i + 1]!]! & F_TITLE &&
    isCap(tokText(text, tokens, i + 1)) && !(flags[ids[i + 1]!]! & F_HONORIFIC) && tokens.pos[i + 2] === POS.PROPN && i > 0 && flags[ids[i - 1]!]! & F_HONORIFIC) {
    out.push({ t0: i - 1, t1: i + 3, reason: "adjacent-names", detail: `"${tokText(text, tokens, i - 1)} ${w}" runs into "${tokText(text, tokens, i + 1)} ${tokText(text, tokens, i + 2)}"` });
  }
  if (f & F_HONORIFIC && sameSentence(tokens, i, i + 2) && tokens.pos[i + 1] === POS.PROPN && tokens.pos[i + 2] === POS.PROPN &&
    (isPlace(tokText(text, tokens, i + 2)) || (sameSentence(tokens, i, i + 3) && isPlace(`${tokText(text, tokens, i + 2)} ${tokText(text, tokens, i + 3)}`)))) {
    out.push({ t0: i, t1: i + 3, reason: "adjacent-names", detail: `"${w} ${tokText(text, tokens, i + 1)}" runs into "${tokText(text, tokens, i + 2)}"` });
  }
}

/** The rules read token by token (each its own function; see `findGarbled`). */
function tokenRules(d: Doc): void {
  const { tokens, ids, flags } = d;
  const n = tokens.count;
  for (let i = 0; i < n; i++) {
    const f = flags[ids[i]!]!;
    const p = tokens.pos[i]!;
    // (each rule is a function of its own: rare branches in one long loop made V8 recompile all of it)
    if (f & F_SPEECH) nameInVerbSlot(d, i);
    if (f & F_DITRANSITIVE) continue;
    if (f & F_HONORIFIC) honorificRules(d, i);
    if (f & F_ARTICLE) articleRules(d, i);
    if (p !== POS.PROPN && !(f & (F_OF_IN | F_HONORIFIC))) continue;
    nameRules(d, i, f, p);
  }
}

/**
 * Per sentence: repeated phrases and missing verbs. Words get small per-sentence ids; 4-grams go into an
 * open-addressing table of their first positions, compared by those ids.
 */
function sentenceRules(tokens: TokenColumns, ids: Int32Array, flags: Uint8Array, out: Finding[]): void {
  const n = tokens.count;
  // (flags.length read on every call, not only on the rare growth below, where a first read in optimised code
  // deoptimised sentenceRules)
  const size = flags.length;
  if (localStamp.length < lowerFormCount() || sentenceStamp > 0x3fffffff - n) {
    localStamp = new Int32Array(size);
    localId = new Int32Array(size);
    sentenceStamp = 0;
  }
  const N = 4;
  const local: number[] = [];
  const idx: number[] = [];
  let s0 = 0;
  while (s0 < n) {
    let s1 = s0;
    while (s1 < n && tokens.sentence[s1] === tokens.sentence[s0]) s1++;
    const stamp = ++sentenceStamp;
    local.length = 0;
    idx.length = 0;
    let locals = 0;
    for (let k = s0; k < s1; k++) {
      if (tokens.pos[k] === POS.PUNCT) continue;
      const d = ids[k]!;
      idx.push(k);
      if (localStamp[d] !== stamp) {
        localStamp[d] = stamp;
        localId[d] = locals++;
      }
      local.push(localId[d]!);
    }
    const m = local.length;
    if (m >= 2 * N) {
      let size = 16;
      while (size < 2 * m) size *= 2;
      if (gramStamp.length < size || gramGeneration > 0x3fffffff) {
        gramStamp = new Int32Array(Math.max(size, gramStamp.length));
        gramPos = new Int32Array(gramStamp.length);
        gramGeneration = 0;
      }
      const gen = ++gramGeneration;
      const mask = size - 1;
      for (let k = 0; k + N <= m; k++) {
        let h = Math.imul(local[k]! + 1, 0x9e3779b1) ^ Math.imul(local[k + 1]! + 1, 0x85ebca77) ^ Math.imul(local[k + 2]! + 1, 0xc2b2ae3d) ^ Math.imul(local[k + 3]! + 1, 0x27d4eb2f);
        h ^= h >>> 15;
        let slot = h & mask;
        let first = -1;
        while (gramStamp[slot] === gen) {
          const q = gramPos[slot]!;
          if (local[q] === local[k] && local[q + 1] === local[k + 1] && local[q + 2] === local[k + 2] && local[q + 3] === local[k + 3]) {
            first = q;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (first >= 0 && k >= first + N) {
          // extend the repeat as far as it goes
          let len = N;
          while (k + len < m && local[first + len] === local[k + len] && first + len < k) len++;
          let phrase = lowerForm(ids[idx[k]!]!);
          for (let q = k + 1; q < k + len; q++) phrase += ` ${lowerForm(ids[idx[q]!]!)}`;
          out.push({ t0: idx[k]!, t1: idx[k + len - 1]! + 1, reason: "repeated-phrase", detail: `"${phrase}" repeats earlier in the sentence` });
          k += len - 1;
          continue;
        }
        if (first < 0) {
          gramStamp[slot] = gen;
          gramPos[slot] = k;
        }
      }
    }
    let verbs = 0;
    for (let k = s0; k < s1; k++) if (tokens.pos[k] === POS.VERB || tokens.pos[k] === POS.AUX) verbs++;
    if (verbs === 0 && m >= 8) out.push({ t0: s0, t1: s1, reason: "no-verb", detail: `${m} words and no verb` });
    s0 = s1;
  }
}

/**
 * Finds phrases that are not plausible English, from part-of-speech patterns and a few word classes:
 *  - name-in-verb-slot: a name right after a verb of saying and before an article or an opening quote
 *    ("said God a telephone interview", "shouted God \"Do n't …");
 *  - repeated-phrase: the same run of four or more words twice in one sentence;
 *  - stacked-titles: an honorific before another title or a determiner ("Mr. President Vladimir V. Putin", "Mr. the Syrian war");
 *  - name-after-determiner: an article before an honorific or a country name used as a noun ("a Mr. Karlov attack", "the Turkey’s");
 *  - demonym-possessive: a nationality adjective with a possessive ("Turkish’s interior minister");
 *  - adjacent-names: two proper names run together with no word between ("Mr. Putin Turkey’s Petersburg", "Turkey Syria");
 *  - name-in-determiner-slot: a place name after "of"/"in" followed by a bare noun, where "its"/"his" must be ("of Russia speech");
 *  - no-verb: a long sentence without any verb.
 */
export function findGarbled(text: string, tokens: TokenColumns, sentences: readonly Span[]): Finding[] {
  const out: Finding[] = [];
  // (helpers are module functions, not closures made per call: V8 deoptimises this long function again and again
  // on calls to a fresh closure per document)
  // each token's lower-case form as an id, and what the word lists say of each form (looked up once per form)
  const { ids, epoch } = lowerWords(text, tokens);
  const flags = formFlags(ids, epoch);
  // (the token rules and the sentence rules are functions of their own: a rare branch met late then makes V8
  // recompile only one of them)
  tokenRules({ text, tokens, ids, flags, out });
  sentenceRules(tokens, ids, flags, out);
  void sentences;
  return out;
}

/**
 * The "garbled" annotator: `garbled` spans (label = reason, attrs.detail) and the article's integrity
 * score, 1 − (characters of sentences holding a garbled phrase ÷ characters of all sentences).
 */
export function annotateGarbled(article: Article): void {
  const tokens = article.tokens;
  const sentences = article.layers.sentence ?? [];
  if (!tokens) return;
  const found = findGarbled(article.text, tokens, sentences);
  const spans: Span[] = found.map((f) => ({
    start: tokens.start[f.t0]!,
    end: tokens.end[f.t1 - 1]!,
    layer: "garbled",
    label: f.reason,
    attrs: { detail: f.detail },
  }));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  article.layers.garbled = spans;
  article.integrity = integrityOf(article);
}

/** 1 − (characters of sentences holding a garbled span ÷ characters of all sentences); from the layers alone. */
export function integrityOf(article: Pick<Article, "layers">): number {
  const spans = article.layers.garbled ?? [];
  let total = 0;
  let bad = 0;
  for (const s of article.layers.sentence ?? []) {
    const len = s.end - s.start;
    total += len;
    if (spans.some((g) => g.start < s.end && g.end > s.start)) bad += len;
  }
  return total > 0 ? Number((1 - bad / total).toFixed(3)) : 1;
}
