/**
 * Rule-based numeric entities beside the statistical tagger: MONEY, PERCENT, AGE and CARDINAL
 * counts, each with a numeric value. Dates and times are left alone (the timex layer's job):
 * years, days of the month beside a month name, clock times and ordinals are not counts.
 */
import { POS_TAGS } from "../../model/tokens.js";
import type { NerToken } from "./tokens.js";
import { wordTable } from "../../util/table.js";

export interface RuleEntity {
  /** Token range [from, to) within the sentence. */
  from: number;
  to: number;
  label: "MONEY" | "PERCENT" | "CARDINAL" | "AGE";
  value: number;
  unit?: string;
  qualifier?: string;
}

const NOUN = POS_TAGS.indexOf("NOUN");
const PROPN = POS_TAGS.indexOf("PROPN");
const ADJ = POS_TAGS.indexOf("ADJ");

const UNITS: Record<string, number> = wordTable({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
});
const TENS: Record<string, number> = wordTable({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
const SCALES: Record<string, number> = wordTable({
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, mn: 1e6, bn: 1e9, m: 1e6, b: 1e9, k: 1e3, tn: 1e12,
});
const CURRENCY_SYMBOL: Record<string, string> = wordTable({ $: "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₺": "TRY", "₽": "RUB", "₹": "INR" });
const CURRENCY_WORD: Record<string, string> = wordTable({
  dollar: "USD", dollars: "USD", euro: "EUR", euros: "EUR", pound: "GBP", pounds: "GBP", yen: "JPY", yuan: "CNY",
  rouble: "RUB", roubles: "RUB", ruble: "RUB", rubles: "RUB", lira: "TRY", liras: "TRY", rupee: "INR", rupees: "INR",
  usd: "USD", eur: "EUR", gbp: "GBP", francs: "CHF", franc: "CHF", shekels: "ILS", riyals: "SAR", dinars: "DIN",
});
const CURRENCY_CODE_BEFORE: Record<string, string> = { usd: "USD", eur: "EUR", gbp: "GBP", us$: "USD", a$: "AUD", c$: "CAD", hk$: "HKD", rs: "INR" };
const MONTHS = new Set([
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]);
const TIME_AFTER = new Set(["a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock", "gmt", "utc", "hours", "hrs", "bst", "est", "edt"]);
const TIME_UNITS = new Set([
  "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "second", "seconds",
  "decade", "decades", "century", "centuries", "night", "nights", "morning", "mornings", "weekend", "weekends", "quarter", "quarters",
]);
/** Words before "one" that make it a pronoun ("no one", "the one"). */
const ONE_PRONOUN = new Set(["no", "any", "every", "some", "the", "this", "that", "each", "which", "another", "someone", "anyone"]);
const QUALIFIERS = ["at least", "at most", "more than", "less than", "fewer than", "up to", "nearly", "almost", "about", "around", "roughly", "some", "over", "approximately", "an estimated", "as many as", "no fewer than"];

/** Value of a single number word or numeral token ("22", "2,500", "2.5", "seven", "twenty-two"), or undefined. */
export function numberValue(tok: string): number | undefined {
  // (the numeral patterns start with a digit, the hyphenated one has a hyphen: most words skip the regexes)
  const c0 = tok.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(tok)) return Number(tok.replace(/,/g, ""));
    if (/^\d+(\.\d+)?$/.test(tok)) return Number(tok);
  }
  const t = tok.toLowerCase();
  if (t in UNITS) return UNITS[t];
  if (t in TENS) return TENS[t];
  const m = t.indexOf("-") > 0 ? /^([a-z]+)-([a-z]+)$/.exec(t) : null;
  if (m && m[1]! in TENS && m[2]! in UNITS && UNITS[m[2]!]! < 10 && UNITS[m[2]!]! > 0) return TENS[m[1]!]! + UNITS[m[2]!]!;
  if (t === "dozen" || t === "a-dozen") return 12;
  return undefined;
}

interface NumberPhrase {
  to: number;
  value: number;
  digits: boolean;
}

/** A number phrase starting at token i: "2.5 million", "three", "a dozen", "twenty two thousand". */
function numberAt(toks: readonly NerToken[], i: number): NumberPhrase | undefined {
  let j = i;
  let value: number | undefined;
  let digits = false;
  const first = toks[i]!.text;
  if ((first === "a" || first === "A") && i + 1 < toks.length && toks[i + 1]!.text.toLowerCase() === "dozen") return { to: i + 2, value: 12, digits: false };
  value = numberValue(first);
  if (value === undefined) return undefined;
  digits = /\d/.test(first);
  j = i + 1;
  // "twenty two"
  if (!digits && value >= 20 && value % 10 === 0 && value < 100) {
    const u = toks[j] ? UNITS[toks[j]!.text.toLowerCase()] : undefined;
    if (u !== undefined && u > 0 && u < 10) {
      value += u;
      j++;
    }
  }
  // scales: "2.5 million", "three hundred thousand"
  while (j < toks.length) {
    const s = SCALES[toks[j]!.text.toLowerCase()];
    if (s === undefined || (s < 100 && !digits) || (toks[j]!.text.length === 1 && toks[j]!.start !== toks[j - 1]!.end)) break;
    value *= s;
    j++;
  }
  return { to: j, value, digits };
}

function lower(toks: readonly NerToken[], i: number): string {
  return i >= 0 && i < toks.length ? toks[i]!.text.toLowerCase() : "";
}

/** QUALIFIERS as words. */
const QUALIFIER_WORDS: readonly (readonly string[])[] = QUALIFIERS.map((q) => q.split(" "));

/** Qualifier words just before token i ("at least"), as [from, text]. */
function qualifierBefore(toks: readonly NerToken[], i: number): [number, string] | undefined {
  for (let n = 0; n < QUALIFIERS.length; n++) {
    const words = QUALIFIER_WORDS[n]!;
    const from = i - words.length;
    if (from < 0) continue;
    let all = true;
    for (let k = 0; k < words.length && all; k++) all = lower(toks, from + k) === words[k];
    if (all) return [from, QUALIFIERS[n]!];
  }
  return undefined;
}

/** Lowercase words (or first parts of hyphenated words) that can start a rule entity. */
const STARTERS = new Set([...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(CURRENCY_CODE_BEFORE), "a", "dozen"]);

const STARTER_MAX = Math.max(...[...STARTERS].map((w) => w.length));

/** Where a starter of length n begins with ASCII character a and ends with ASCII character z: STARTER_ENDS[(n * 128 + a) * 128 + z]. */
const STARTER_ENDS: Uint8Array = (() => {
  const t = new Uint8Array((STARTER_MAX + 1) * 128 * 128);
  for (const w of STARTERS) t[(w.length * 128 + w.charCodeAt(0)) * 128 + w.charCodeAt(w.length - 1)] = 1;
  return t;
})();

/** Whether a rule entity may start at a token of text t (no entity starts anywhere else). */
export function mayStartRule(t: string): boolean {
  // (-1 for "", as NaN would answer: a read past the end would deoptimise the optimised caller)
  const c = t.length > 0 ? t.charCodeAt(0) : -1;
  if ((c >= 48 && c <= 57) || c === 36 || c > 127) return true;
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  const dash = t.indexOf("-");
  const head = dash > 0 ? dash : t.length;
  // (toLowerCase never makes a string shorter: a longer head cannot be a starter)
  if (head > STARTER_MAX) return false;
  // most words cannot be a starter by length, first and last letter (lowercase ASCII both); a last code unit outside
  // ASCII may lowercase to anything, so it goes to the set
  const z = t.charCodeAt(head - 1);
  if (z < 128 && !STARTER_ENDS[(head * 128 + (c | 32)) * 128 + (z >= 65 && z <= 90 ? z | 32 : z)]) return false;
  return STARTERS.has((dash > 0 ? t.slice(0, dash) : t).toLowerCase());
}

/**
 * Finds MONEY, PERCENT, AGE and CARDINAL entities in one sentence of tokens. `starts`, if given, is `mayStartRule`
 * of each token's text by its form (tokens with a form id ≥ 0).
 */
export function ruleEntities(toks: readonly NerToken[], starts?: (form: number) => boolean): RuleEntity[] {
  const out: RuleEntity[] = [];
  // (the rules are functions of their own: rare branches met late made V8 recompile one long loop again and again)
  for (let i = 0; i < toks.length; ) {
    const t = toks[i]!;
    i = (starts && t.form >= 0 ? starts(t.form) : mayStartRule(t.text)) ? entityAt(toks, i, out) : i + 1;
  }
  return out;
}

/** The rule entity starting at token i (whose text may start one), if any, into `out`; returns the next token to try. */
function entityAt(toks: readonly NerToken[], i: number, out: RuleEntity[]): number {
  const t = toks[i]!.text;
  const lt = t.toLowerCase();
  // AGE: "22-year-old", "seven-year-old"
  // (the age pattern needs ten characters at least)
  const age = t.length >= 10 ? /^(\w+)-years?-old$/i.exec(t) : null;
  if (age) {
    const v = numberValue(age[1]!);
    if (v !== undefined) {
      out.push({ from: i, to: i + 1, label: "AGE", value: v, unit: "years" });
      return i + 1;
    }
  }
  // MONEY with a symbol or code before: "$ 2.5 million", "US$ 5", "EUR 40"
  const cur = CURRENCY_SYMBOL[t] ?? CURRENCY_CODE_BEFORE[lt];
  if (cur && i + 1 < toks.length) {
    const num = numberAt(toks, i + 1);
    if (num && num.digits) {
      out.push({ from: i, to: num.to, label: "MONEY", value: num.value, unit: cur });
      return num.to;
    }
  }
  // symbol glued to the number in one token: "$5", "£300m"
  const c0 = t.charCodeAt(0);
  const glued = c0 === 85 || c0 === 36 || c0 === 0xa3 || c0 === 0x20ac || c0 === 0xa5 ? /^(US\$|\$|£|€|¥)(\d[\d,]*(?:\.\d+)?)(m|bn|k)?$/.exec(t) : null;
  if (glued) {
    let v = Number(glued[2]!.replace(/,/g, "")) * (glued[3] ? SCALES[glued[3]]! : 1);
    let to = i + 1;
    const s = SCALES[lower(toks, to)];
    if (s && s >= 100) {
      v *= s;
      to++;
    }
    out.push({ from: i, to, label: "MONEY", value: v, unit: CURRENCY_SYMBOL[glued[1]!] ?? "USD" });
    return to;
  }
  const num = numberAt(toks, i);
  if (!num) return i + 1;
  return countAt(toks, i, t, lt, num, out);
}

/** A number phrase `num` at token i (text t, lowercase lt): percent, money, age or a count, if any; returns the next token to try. */
function countAt(toks: readonly NerToken[], i: number, t: string, lt: string, num: NumberPhrase, out: RuleEntity[]): number {
  const next = lower(toks, num.to);
  const next2 = lower(toks, num.to + 1);
  const prev = lower(toks, i - 1);
  // PERCENT
  if (next === "%" || next === "percent" || next === "pct" || (next === "per" && next2 === "cent")) {
    const to = next === "per" ? num.to + 2 : num.to + 1;
    out.push({ from: i, to, label: "PERCENT", value: num.value, unit: "%" });
    return to;
  }
  // MONEY with a currency word after: "5 million dollars", "40 euros", "10 U.S. dollars"
  const curWord = CURRENCY_WORD[next] ?? (next === "u.s." && CURRENCY_WORD[next2] ? "USD" : undefined);
  if (curWord) {
    const to = next === "u.s." ? num.to + 2 : num.to + 1;
    out.push({ from: i, to, label: "MONEY", value: num.value, unit: curWord });
    return to;
  }
  // AGE: "aged 22", "22 years old"
  if (prev === "aged" || ((next === "years" || next === "year") && next2 === "old")) {
    const to = prev === "aged" ? num.to : num.to + 2;
    out.push({ from: i, to, label: "AGE", value: num.value, unit: "years" });
    return to;
  }
  // not counts: years, days of the month, clock times, ordinals, scores, list numbers
  const isYear = num.digits && num.to === i + 1 && /^(1[5-9]|20)\d\d$/.test(t);
  const dateLike = MONTHS.has(prev.replace(/\.$/, "")) || MONTHS.has(next.replace(/\.$/, "")) || (next === "of" && MONTHS.has(next2));
  const timeLike = TIME_AFTER.has(next);
  const partOfCode = /^[-/]$/.test(next) || /^[-/]$/.test(prev);
  // durations ("four years") belong to the timex layer; "Rossiya 24", "Apollo 11" are names
  const duration = TIME_UNITS.has(next) || (next === "-" && TIME_UNITS.has(next2));
  const prevTok = toks[i - 1];
  const nameNumber = num.digits && i > 1 && prevTok !== undefined && prevTok.end < toks[i]!.start && /^\p{Lu}[\p{L}.]*$/u.test(prevTok.text) && !MONTHS.has(prev.replace(/\.$/, ""));
  const pronounOne = lt === "one" && (ONE_PRONOUN.has(prev) || prev === "by" || next === "by");
  if (isYear || dateLike || timeLike || partOfCode || duration || nameNumber || pronounOne) {
    return num.to;
  }
  // word numbers count only before a noun ("seven shots", "three others"); "one" is too often a pronoun
  const nextTok = toks[num.to];
  const beforeNoun = nextTok !== undefined && /^[a-z]/.test(nextTok.text) && (nextTok.pos === NOUN || nextTok.pos === ADJ || next === "others" || next === "people" || next === "of");
  if (!num.digits && (!beforeNoun || lt === "one" && next === "of")) {
    return num.to;
  }
  if (num.digits && nextTok && nextTok.pos === PROPN && /^[A-Z]/.test(nextTok.text)) {
    // "7 Eleven", "1 Direction": probably part of a name
    return num.to;
  }
  const q = qualifierBefore(toks, i);
  const ent: RuleEntity = { from: i, to: num.to, label: "CARDINAL", value: num.value };
  if (nextTok && /^[a-z]/.test(nextTok.text) && (nextTok.pos === NOUN || next === "others" || next === "people")) ent.unit = nextTok.text;
  if (q) ent.qualifier = q[1];
  out.push(ent);
  return num.to;
}
