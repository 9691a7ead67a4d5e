/**
 * Rule-based time expression recognition and TimeML normalisation. Each rule is a regular
 * expression plus a function that turns its match into a TIMEX3 type and value, resolving
 * relative expressions against an anchor date (the publication date) and the tense of the
 * sentence. Candidates from all rules compete; the longest non-overlapping ones win.
 */
import {
  addDays, addMonths, fmtDay, fmtMonth, fmtWeek, pad, parseIsoDay, quarterOf, weekday, type Ymd,
} from "./calendar.js";
import {
  HOLIDAYS, MONTHS, MONTH_RE, NUM_RE, ORDINALS, PART_OF_DAY, SEASONS, UNITS, UNIT_RE, WEEKDAYS, WEEKDAY_RE,
  parseCount, unitKey,
} from "./lexicon.js";
import { posId, type TokenColumns } from "../../model/tokens.js";

const VERB_ID = posId("VERB");
const AUX_ID = posId("AUX");

export type TimexType = "DATE" | "TIME" | "DURATION" | "SET";
export type Tense = "past" | "present" | "future";

export interface Timex {
  start: number;
  end: number;
  type: TimexType;
  value: string;
  /** True when the value was computed from the anchor date. */
  anchored: boolean;
  /** TimeML `mod` (START, MID, END, APPROX, MORE_THAN, LESS_THAN...). */
  mod?: string;
  rule: string;
}

interface Ctx {
  text: string;
  start: number;
  end: number;
  anchor: Ymd | undefined;
  tense: Tense;
  state: DocState;
}

interface DocState {
  /** The last explicitly mentioned fiscal quarter, for "a year earlier" in earnings reports. */
  quarter?: { y: number; q: number };
  /** The year, month and day of the last date mentioned, for "that year", "the following month", "later that day". */
  year?: string;
  month?: string;
  day?: string;
}

type Made = { type: TimexType; value: string; anchored?: boolean; mod?: string } | null;

interface Rule {
  name: string;
  re: RegExp;
  /**
   * Lowercase words one of which every match of `re` contains: a text whose lowercase holds none of
   * them cannot match, and the rule's scan is skipped (the regexes cost most of this annotator).
   */
  needs?: readonly string[];
  /**
   * Where every match of `re` is anchored: a digit (no `words`) or one of `words` (lowercase) starts at
   * most `within` characters after the match's start. The rule is then tried only at the positions from
   * which such an anchor is that close, each tried alone (sticky), in order: the same matches as the scan
   * over every position, at a fraction of its cost (the scans cost most of this annotator).
   * With `lead`, `within` is not used: what precedes the anchor word in a match is instead words of `lead`
   * (lowercase) and digit runs, each followed by separators (whitespace, "-", "." or "/"), and no word
   * of `lead` contains an anchor word, and the match's anchor word starts right after them; positions are
   * then tried from the start of the longest such run that ends at the anchor word.
   */
  anchor?: { words?: readonly string[]; within: number; lead?: ReadonlySet<string> };
  /** Text-only check of a match (capitalisation, context); false drops the candidate. */
  ok?(m: RegExpExecArray, text: string): boolean;
  make(m: RegExpExecArray, ctx: Ctx): Made;
  /** Characters to drop from the start of the match (a preposition kept only for context). */
  lead?(m: RegExpExecArray): number;
  /**
   * Characters to leave out at the end of the span while still claiming them, so that no other
   * rule takes them: "October this year" is one expression whose span TimeML gives as "October".
   */
  trail?(m: RegExpExecArray): number;
}

const B = "(?<![\\p{L}\\p{N}_])";
const E = "(?![\\p{L}\\p{N}_])";
const re = (src: string, flags = "giu"): RegExp => new RegExp(B + src + E, flags);

const MODS: Record<string, string> = {
  about: "APPROX", around: "APPROX", approximately: "APPROX", roughly: "APPROX", some: "APPROX", nearly: "LESS_THAN",
  almost: "LESS_THAN", "more than": "MORE_THAN", over: "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
  under: "LESS_THAN", "up to": "EQUAL_OR_LESS", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
  "no more than": "EQUAL_OR_LESS", "well over": "MORE_THAN", "just over": "MORE_THAN", "just under": "LESS_THAN",
  early: "START", late: "END", mid: "MID", middle: "MID", "the end of": "END", "the beginning of": "START",
  "the start of": "START", "the middle of": "MID", "end of": "END", "beginning of": "START", earlier: "", later: "",
};
const MOD_RE = "(?:about|around|approximately|roughly|nearly|almost|more than|well over|just over|just under|over|less than|fewer than|under|up to|at least|at most|no more than)";
const POS_RE = "(?:early|mid|late|the end of|the beginning of|the start of|the middle of|end of|beginning of)";

function modOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = MODS[s.toLowerCase().replace(/-$/, "").trim()];
  return m || undefined;
}

function isCap(s: string): boolean {
  return /^\p{Lu}/u.test(s);
}

/** A capitalised word right after another capitalised word is part of a name or title ("High Noon", "VOA Today"). */
function inTitle(m: RegExpExecArray, text: string): boolean {
  return isCap(m[0]) && /\p{Lu}[\p{L}.]*\s+$/u.test(before(text, m.index, 20)) && !/[.!?:]["'’”]*\s+$/.test(before(text, m.index, 4));
}

function before(text: string, at: number, n = 24): string {
  return text.slice(Math.max(0, at - n), at);
}

function twoDigitYear(s: string): number {
  const n = Number(s);
  if (s.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

/**
 * The year that puts a month and day closest to the anchor; with a tense, a date on the wrong side
 * of the anchor (after it in a past-tense sentence, before it in a future one) counts 200 days further.
 */
function closestYear(anchor: Ymd, m: number, d: number, tense?: Tense): number {
  let best = anchor.y;
  let bestDiff = Infinity;
  const a = Date.UTC(anchor.y, anchor.m - 1, anchor.d);
  for (const y of [anchor.y - 1, anchor.y, anchor.y + 1]) {
    const t = Date.UTC(y, m - 1, d);
    const wrongSide = (tense === "past" && t > a) || (tense === "future" && t < a);
    const diff = Math.abs(t - a) + (wrongSide ? 200 * 86400000 : 0);
    if (diff < bestDiff) { bestDiff = diff; best = y; }
  }
  return best;
}

/** The year of a bare month: the nearest one, leaning to the past or future by tense. */
function monthYear(anchor: Ymd, m: number, tense: Tense): number {
  let best = anchor.y;
  let bestScore = Infinity;
  for (const y of [anchor.y - 1, anchor.y, anchor.y + 1]) {
    const diff = (y - anchor.y) * 12 + (m - anchor.m);
    const penalty = (tense === "past" && diff > 0) || (tense === "future" && diff < 0) ? 6.5 : 0;
    const score = Math.abs(diff) + penalty;
    if (score < bestScore) { bestScore = score; best = y; }
  }
  return best;
}

/** The date of a weekday near the anchor: the latest one on or before it in the past, else the next. */
function weekdayDate(anchor: Ymd, wd: number, tense: Tense, rel: string | undefined): Ymd {
  const aw = weekday(anchor);
  const r = rel?.toLowerCase();
  if (r === "last" || r === "past") return addDays(anchor, -(((aw - wd + 7) % 7) || 7));
  if (r === "next" || r === "coming") return addDays(anchor, ((wd - aw + 7) % 7) || 7);
  if (r === "this") return addDays(anchor, wd - aw);
  if (wd === aw) return anchor;
  if (tense === "future") return addDays(anchor, (wd - aw + 7) % 7);
  return addDays(anchor, -((aw - wd + 7) % 7));
}

const HALF_UNIT: Record<string, string> = { HT: "30M", MT: "30S", D: "T12H", Y: "6M" };

function durationValue(n: number | null, unitWord: string): string {
  const u = UNITS[unitKey(unitWord)];
  if (!u) return "PX";
  const total = n === null ? null : n * (u.factor ?? 1);
  // half units go to the next smaller unit, as TimeML writes them: 5 1/2 hours = PT5H30M
  const half = total !== null && total % 1 === 0.5 ? HALF_UNIT[u.code + (u.time ? "T" : "")] : undefined;
  if (half && total !== null) {
    const whole = Math.floor(total);
    const body = `${whole ? whole + u.code : ""}${half}`;
    return u.time ? `PT${body}` : `P${body}`;
  }
  const count = total === null ? "X" : fmtCount(total);
  if (u.code === "WE") return `P${count}WE`;
  return u.time ? `PT${count}${u.code}` : `P${count}${u.code}`;
}

function fmtCount(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n).replace(/\.\d+$/, (f) => (f === ".5" ? ".5" : f));
}

/** The anchor moved back (sign -1) or forward by n units, at the unit's granularity. */
function shifted(anchor: Ymd, n: number, unitWord: string, sign: number): string | null {
  const k = unitKey(unitWord);
  const u = UNITS[k];
  if (!u) return null;
  const f = Math.round(n * (u.factor ?? 1)) * sign;
  switch (k) {
    case "day":
    case "night":
      return fmtDay(addDays(anchor, f));
    case "week":
    case "fortnight":
      return fmtDay(addDays(anchor, f * 7));
    case "month":
      return fmtMonth(addMonths(anchor, f));
    case "quarter": {
      const d = addMonths(anchor, f * 3);
      return `${d.y}-Q${quarterOf(d)}`;
    }
    case "year":
    case "decade":
    case "century":
      return pad(anchor.y + f, 4);
    case "hour":
    case "minute":
    case "second":
      return fmtDay(anchor);
    default:
      return null;
  }
}

/** "this/last/next <unit>" relative to the anchor. */
function relativeUnit(anchor: Ymd | undefined, rel: string, unitWord: string): string {
  const k = unitKey(unitWord);
  const r = rel.toLowerCase().replace(/^the /, "");
  const off = r === "last" || r === "past" || r === "previous" ? -1 : r === "next" || r === "coming" || r === "following" ? 1 : 0;
  if (!anchor) {
    const seasons = SEASONS[k];
    if (seasons) return `XXXX-${seasons}`;
    return k === "month" ? "XXXX-XX" : k === "week" ? "XXXX-WXX" : "XXXX";
  }
  if (SEASONS[k]) {
    let y = anchor.y + off;
    if (off === 0 && k === "winter" && anchor.m <= 2) y = anchor.y - 1;
    return `${y}-${SEASONS[k]}`;
  }
  switch (k) {
    case "day":
      return fmtDay(addDays(anchor, off));
    case "week":
      return fmtWeek(addDays(anchor, off * 7));
    case "weekend":
      return `${fmtWeek(addDays(anchor, off * 7))}-WE`;
    case "month":
      return fmtMonth(addMonths(anchor, off));
    case "quarter": {
      const d = addMonths(anchor, off * 3);
      return `${d.y}-Q${quarterOf(d)}`;
    }
    case "year":
      return pad(anchor.y + off, 4);
    case "decade":
      return pad(Math.floor(anchor.y / 10) + off, 3);
    case "century":
      return pad(Math.floor(anchor.y / 100) + off, 2);
    case "season":
      return fmtMonth(anchor);
    default:
      return pad(anchor.y, 4);
  }
}

/** The first day of a pair ("April 24 and 25"), right before the joining word. */
const SECOND_DAY_BEFORE = new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\s?\\d{1,2}(?:st|nd|rd|th)?(?:\\s(?:and|or|to|through)\\s|\\s?[-–]\\s?)$`, "u");

const MONTH_NAME_RE = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";

const TZ = "(?:\\s*(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|UTC|BST|CET|local time|\\(\\d{4} GMT\\)))?";

/** The first three letters of every month name and abbreviation in MONTH_RE. */
const MONTH_PREFIXES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;
const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** Lowercase words one of which every unit word of `UNIT_RE` starts with (a lead ends right before it). */
const UNIT_ANCHORS = ["second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "decade", "centur"];
const AGO_SOURCE = `(?:(${MOD_RE})\\s)?(${NUM_RE})[ -]`;
const DURATION_SOURCE = `(?:(${MOD_RE})\\s)?(?:(the\\s(?:past|last|next|previous|coming|following|first|latest|final|remaining|initial|same|entire|full|whole|other)|the|past|last|next|another|each\\sof\\sthe\\spast)\\s)?(?:(${MOD_RE})\\s)?(${NUM_RE})(?:\\s(?:more|additional|further|straight|consecutive|trading|business|working))?[ -]`;
/**
 * The words a regex source matches before its unit: every run of letters in it (a superset: escapes
 * such as "\\s" add "s") and "a" (of "an?").
 */
function leadWords(source: string): ReadonlySet<string> {
  const out = new Set<string>(["a"]);
  for (const w of source.match(/[a-z]+/gi) ?? []) out.add(w.toLowerCase());
  return out;
}
const AGO_LEAD = leadWords(AGO_SOURCE);
const DURATION_LEAD = leadWords(DURATION_SOURCE);

const RULES: Rule[] = [
  {
    name: "iso",
    // starts with its year
    anchor: { within: 0 },
    re: re("(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::\\d{2})?)?"),
    make: (m) => (m[4] ? { type: "TIME", value: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}` } : { type: "DATE", value: `${m[1]}-${m[2]}-${m[3]}` }),
  },
  {
    name: "slash",
    // starts with its month
    anchor: { within: 0 },
    re: re("(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})"),
    ok: (m) => Number(m[1]) <= 12 && Number(m[2]) <= 31,
    make: (m) => ({ type: "DATE", value: `${twoDigitYear(m[3]!)}-${pad(Number(m[1]))}-${pad(Number(m[2]))}` }),
  },
  {
    // Dec. 19, 2016 / December 19 / Dec. 19th, 2016
    name: "month-day",
    // "this coming Wednesday, the beginning of " is the longest lead before the month
    anchor: { words: MONTH_PREFIXES, within: 40 },
    // "last Oct. 23": the relative word picks the year and stays out of the span
    re: re(`(?:(last|next|this past|this coming)\\s)?(?:${WEEKDAY_RE},?\\s)?(?:(${POS_RE})[- ])?(${MONTH_RE})\\s?(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s(\\d{4}))?`),
    lead: (m) => (m[1] ? m[1].length + 1 : 0),
    ok: (m) => isCap(m[3]!) && Number(m[4]) >= 1 && Number(m[4]) <= 31,
    make: (m, c) => {
      const mon = MONTHS[m[3]!.toLowerCase().replace(".", "")]!;
      const d = Number(m[4]);
      if (m[5]) return { type: "DATE", value: `${m[5]}-${pad(mon)}-${pad(d)}` };
      if (!c.anchor) return { type: "DATE", value: `XXXX-${pad(mon)}-${pad(d)}`, anchored: false };
      const rel = m[1]?.toLowerCase();
      const tense: Tense = rel === "last" || rel === "this past" ? "past" : rel ? "future" : c.tense;
      return { type: "DATE", value: `${closestYear(c.anchor, mon, d, tense)}-${pad(mon)}-${pad(d)}`, anchored: true };
    },
  },
  {
    // the second day of "April 24 and 25", "Aug. 7-8": a date of its own, in the first one's month
    name: "second-day",
    // starts with its day
    anchor: { within: 0 },
    // matched at the number, the month and joining word checked before it (a lookbehind, or a pattern
    // starting at "and"/"to", would run at far more positions of the text)
    re: re(`(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s(\\d{4}))?(?![\\d%])`),
    ok: (m, text) => {
      const d = Number(m[1]);
      if (d < 1 || d > 31) return false;
      if (!SECOND_DAY_BEFORE.test(before(text, m.index, 20))) return false;
      return !/^\s*(?:percent|million|billion|cents?|p\.?m|a\.?m)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 10));
    },
    make: (m, c) => {
      const first = SECOND_DAY_BEFORE.exec(before(c.text, m.index, 20))!;
      const mon = MONTHS[first[1]!.toLowerCase().replace(".", "")]!;
      const d = Number(m[1]);
      if (m[2]) return { type: "DATE", value: `${m[2]}-${pad(mon)}-${pad(d)}` };
      if (!c.anchor) return { type: "DATE", value: `XXXX-${pad(mon)}-${pad(d)}`, anchored: false };
      return { type: "DATE", value: `${closestYear(c.anchor, mon, d, c.tense)}-${pad(mon)}-${pad(d)}`, anchored: true };
    },
  },
  {
    // 19 December 2016 / 19th of December
    name: "day-month",
    // starts with its day
    anchor: { within: 0 },
    re: re(`(\\d{1,2})(?:st|nd|rd|th)?\\s(?:of\\s)?(${MONTH_RE})(?:,?\\s(\\d{4}))?`),
    ok: (m) => isCap(m[2]!) && Number(m[1]) >= 1 && Number(m[1]) <= 31,
    make: (m, c) => {
      const mon = MONTHS[m[2]!.toLowerCase().replace(".", "")]!;
      const d = Number(m[1]);
      if (m[3]) return { type: "DATE", value: `${m[3]}-${pad(mon)}-${pad(d)}` };
      if (!c.anchor) return { type: "DATE", value: `XXXX-${pad(mon)}-${pad(d)}`, anchored: false };
      return { type: "DATE", value: `${closestYear(c.anchor, mon, d, c.tense)}-${pad(mon)}-${pad(d)}`, anchored: true };
    },
  },
  {
    // (early|late|last|this) November (2015)
    name: "month",
    // "the beginning of " is the longest lead before the month
    anchor: { words: MONTH_PREFIXES, within: 17 },
    // "October this year": the year comes from the relative phrase, which TimeML leaves out of the span
    re: re(`(?:(${POS_RE})[- ]|(last|next|this|this past|this coming)\\s)?(${MONTH_RE})(?:,?\\s(?:of\\s)?(\\d{4})|(\\s(this|last|next)\\syear))?`),
    trail: (m) => m[5]?.length ?? 0,
    ok: (m, text) => {
      const name = m[3]!;
      if (!isCap(name)) return false;
      if (m[4] || m[1] || m[2] || m[5]) return true;
      const w = name.toLowerCase();
      // "Jan Kavan", "May Day": a short month word before a capitalised word is a name
      if (/^(?:jan|jun|may|march)$/.test(w) && /^\s+\p{Lu}/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3))) return false;
      if (w === "may" || w === "march" || w.startsWith("jun") || w.startsWith("jan") || w.endsWith(".")) {
        // ambiguous words need a temporal preposition before them
        return /(?:\b(?:in|since|until|till|by|of|during|from|through|before|after|to|between|and|or|for|last|next|this|the)\s+)$/i.test(before(text, m.index));
      }
      return true;
    },
    make: (m, c) => {
      const mon = MONTHS[m[3]!.toLowerCase().replace(".", "")]!;
      const mod = modOf(m[1]);
      if (m[4]) return { type: "DATE", value: `${m[4]}-${pad(mon)}`, mod };
      if (!c.anchor) return { type: "DATE", value: `XXXX-${pad(mon)}`, anchored: false, mod };
      const rel = m[2]?.toLowerCase();
      if (m[6]) {
        const yr = m[6].toLowerCase();
        return { type: "DATE", value: `${c.anchor.y + (yr === "last" ? -1 : yr === "next" ? 1 : 0)}-${pad(mon)}`, anchored: true, mod };
      }
      let y = monthYear(c.anchor, mon, c.tense);
      if (rel === "last" || rel === "this past") y = mon < c.anchor.m ? c.anchor.y : c.anchor.y - 1;
      else if (rel === "next" || rel === "this coming") y = mon > c.anchor.m ? c.anchor.y : c.anchor.y + 1;
      return { type: "DATE", value: `${y}-${pad(mon)}`, anchored: true, mod };
    },
  },
  {
    name: "weekday",
    // "this coming " is the longest lead before the weekday
    anchor: { words: WEEKDAY_NAMES, within: 12 },
    re: re(`(?:(last|next|this|coming|this past|this coming|early|late)\\s)?(${WEEKDAY_RE})(s)?(?:,?\\s(morning|afternoon|evening|night))?`),
    ok: (m) => isCap(m[2]!),
    make: (m, c) => {
      const wd = WEEKDAYS[m[2]!.toLowerCase()]!;
      const pod = m[4] ? PART_OF_DAY[m[4].toLowerCase()] : undefined;
      if (m[3]) return { type: "SET", value: `XXXX-WXX-${wd}${pod ? "T" + pod : ""}` };
      // TimeML would type "Friday night" TIME; TimeBank/AQUAINT annotators mostly chose DATE
      const rel = m[1]?.toLowerCase().replace(/^this (past|coming)$/, "$1");
      const mod = modOf(m[1]);
      if (!c.anchor) return { type: "DATE", value: `XXXX-WXX-${wd}${pod ? "T" + pod : ""}`, anchored: false, mod };
      // "Wednesday's ruling", "Friday's close": a day named as the owner of an event is one already past
      const possessive = /^['’]s\b/.test(c.text.slice(c.end, c.end + 3));
      const d = weekdayDate(c.anchor, wd, possessive ? "past" : c.tense, mod ? undefined : rel);
      return { type: "DATE", value: fmtDay(d) + (pod ? "T" + pod : ""), anchored: true, mod };
    },
  },
  {
    name: "deictic-day",
    anchor: { words: ["today", "yesterday", "tomorrow", "tonight"], within: 0 },
    re: re("(today|yesterday|tomorrow|tonight)"),
    ok: (m, text) => !inTitle(m, text),
    make: (m, c) => {
      const w = m[1]!.toLowerCase();
      if (!c.anchor) return { type: w === "tonight" ? "TIME" : "DATE", value: w === "tonight" ? "XXXX-XX-XXTNI" : "XXXX-XX-XX", anchored: false };
      if (w === "tonight") return { type: "TIME", value: fmtDay(c.anchor) + "TNI", anchored: true };
      const off = w === "yesterday" ? -1 : w === "tomorrow" ? 1 : 0;
      return { type: "DATE", value: fmtDay(addDays(c.anchor, off)), anchored: true };
    },
  },
  {
    name: "part-of-day",
    // "earlier yesterday " is the longest lead before the part of the day ("over" before "night")
    anchor: { words: ["morning", "afternoon", "evening", "night"], within: 18 },
    // "yesterday morning", "late this afternoon", "overnight", and the other order: "mid-afternoon yesterday"
    re: re("(?:(earlier|later|early|late)\\s)?(?:(yesterday|tomorrow|this|last|today)\\s)(morning|afternoon|evening|night)|(overnight)|(?:early|late|mid)-?(morning|afternoon|evening)\\s(yesterday|today|tomorrow)"),
    ok: (m) => !!m[2] || !!m[4] || !!m[6],
    make: (m, c) => {
      const rel = (m[2] ?? m[6] ?? "").toLowerCase();
      const pod = PART_OF_DAY[(m[3] ?? m[4] ?? m[5]!).toLowerCase()]!;
      if (!c.anchor) return { type: "TIME", value: `XXXX-XX-XXT${pod}`, anchored: false };
      const off = rel === "yesterday" || (rel === "last" && pod === "NI") ? -1 : rel === "tomorrow" ? 1 : 0;
      return { type: "TIME", value: fmtDay(addDays(c.anchor, off)) + "T" + pod, anchored: true };
    },
  },
  {
    name: "clock",
    // "shortly before " is the longest lead before the hour
    anchor: { within: 15 },
    re: re(`(?:(about|around|approximately|shortly after|shortly before|just after|just before)\\s)?(\\d{1,2})(?:[:.](\\d{2}))?\\s?(a\\.m\\.?|p\\.m\\.?|am|pm)${TZ}(?:\\s(?:on\\s)?(${WEEKDAY_RE}|today|yesterday|tomorrow))?`),
    ok: (m) => Number(m[2]) <= 12 && !/^(about|around|approximately|shortly|just)/i.test(m[0]) || true,
    lead: (m) => (m[1] ? m[1].length + 1 : 0),
    make: (m, c) => {
      let h = Number(m[2]) % 12;
      if (m[4]!.toLowerCase().startsWith("p")) h += 12;
      const mm = m[3] ?? "00";
      let day = c.anchor ? fmtDay(c.tense === "future" && h < 6 ? addDays(c.anchor, 1) : c.anchor) : "XXXX-XX-XX";
      const dw = m[5]?.toLowerCase();
      if (c.anchor && dw) {
        if (dw in WEEKDAYS) day = fmtDay(weekdayDate(c.anchor, WEEKDAYS[dw]!, c.tense, undefined));
        else day = fmtDay(addDays(c.anchor, dw === "yesterday" ? -1 : dw === "tomorrow" ? 1 : 0));
      }
      return { type: "TIME", value: `${day}T${pad(h)}:${mm}`, anchored: !!c.anchor };
    },
  },
  {
    // spelled-out clock times: "four o'clock", "4 in the morning", "ten at night"
    name: "clock-words",
    // "twelve in the " is the longest lead before the anchor word
    anchor: { words: ["clock", "morning", "afternoon", "evening", "night"], within: 14 },
    needs: ["clock", "morning", "afternoon", "evening", "night"],
    re: re("(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s(?:(o['’]clock)(?:\\s(?:in\\sthe\\s(morning|afternoon|evening)|at\\s(night)))?|in\\sthe\\s(morning|afternoon|evening)|at\\s(night))"),
    ok: (m) => (parseCount(m[1]!) ?? 99) <= 12,
    make: (m, c) => {
      let h = parseCount(m[1]!)! % 12;
      const part = (m[3] ?? m[5])?.toLowerCase();
      if (part && part !== "morning") h += 12;
      if ((m[4] ?? m[6]) && h >= 6) h += 12;
      // "will leave at 4 in the morning": the next early morning after the report is the next day's
      const next = c.tense === "future" && h < 6;
      const day = c.anchor ? fmtDay(next ? addDays(c.anchor, 1) : c.anchor) : "XXXX-XX-XX";
      return { type: "TIME", value: `${day}T${pad(h)}:00`, anchored: !!c.anchor };
    },
  },
  {
    name: "noon",
    anchor: { words: ["noon", "midnight", "midday"], within: 0 },
    re: re("(noon|midnight|midday)(?:\\s(?:on\\s)?(" + WEEKDAY_RE + "|today|yesterday|tomorrow))?"),
    ok: (m, text) => !inTitle(m, text),
    make: (m, c) => {
      const w = m[1]!.toLowerCase();
      const t = w === "midnight" ? "T24:00" : "T12:00";
      let day = c.anchor ? fmtDay(c.anchor) : "XXXX-XX-XX";
      const dw = m[2]?.toLowerCase();
      if (c.anchor && dw) {
        if (dw in WEEKDAYS) day = fmtDay(weekdayDate(c.anchor, WEEKDAYS[dw]!, c.tense, undefined));
        else day = fmtDay(addDays(c.anchor, dw === "yesterday" ? -1 : dw === "tomorrow" ? 1 : 0));
      }
      return { type: "TIME", value: day + t, anchored: !!c.anchor };
    },
  },
  {
    name: "ref",
    // every alternative holds one of these words, at most "the distant " after its start
    anchor: { words: ["now", "current", "present", "days", "recent", "lately", "past", "future", "coming"], within: 12 },
    re: re("(right now|now|currently|current|nowadays|presently|at present|the present|these days|recently|lately|in recent years|the past|in the past|the (?:near |distant )?future|in future|(?:the )?(?:coming|recent) (?:years|months|weeks|days|decades))"),
    ok: (m, text) => {
      const w = m[1]!.toLowerCase();
      if (w === "now") {
        // not "now-defunct", and not "now that" conjunction-like uses are still PRESENT_REF in TimeML
        if (text[m.index + m[0].length] === "-") return false;
      }
      // "current" as an adjective ("its current position"); "the current quarter/year" is the relative-unit rule's
      if (w === "current" && /^[\s-]+(?:fiscal|calendar|year|quarter|month|week|period|season|decade|century|half|term)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return false;
      if (w === "the past" && /^\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|year|month|week|decade|day)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return false;
      return true;
    },
    lead: (m) => (/^in (recent|the past|future)/i.test(m[1]!) ? 3 : 0),
    make: (m) => {
      const w = m[1]!.toLowerCase();
      if (/coming|recent /.test(w)) return { type: "DURATION", value: durationValue(null, w.split(" ").pop()!) };
      if (/now|current|present|these days/.test(w)) return { type: "DATE", value: "PRESENT_REF" };
      if (/recent|lately|past/.test(w)) return { type: "DATE", value: "PAST_REF" };
      if (/coming|recent /.test(w)) return { type: "DURATION", value: durationValue(null, w.split(" ").pop()!) };
      return { type: "DATE", value: "FUTURE_REF" };
    },
  },
  {
    // "the following month", "the previous day", "the next day": counted from the last date mentioned at
    // that granularity (narrative time), else from the anchor
    name: "anaphoric-unit",
    // "the preceding " is the longest lead before the unit
    anchor: { words: ["day", "week", "month", "year"], within: 14 },
    re: re("the\\s(?:(following|previous|preceding)\\s(day|week|month|year)|(next)\\s(day))"),
    make: (m, c) => {
      const unit = (m[2] ?? m[4])!.toLowerCase();
      const off = /previous|preceding/i.test(m[1] ?? "") ? -1 : 1;
      const last = unit === "year" ? c.state.year : unit === "month" ? c.state.month : c.state.day;
      const from = last ? parseIsoDay(last.length === 4 ? `${last}-01-01` : last.length === 7 ? `${last}-01` : last) : c.anchor;
      if (!from) return { type: "DATE", value: unit === "year" ? "XXXX" : unit === "month" ? "XXXX-XX" : unit === "week" ? "XXXX-WXX" : "XXXX-XX-XX" };
      switch (unit) {
        case "day": return { type: "DATE", value: fmtDay(addDays(from, off)), anchored: true };
        case "week": return { type: "DATE", value: fmtWeek(addDays(from, 7 * off)), anchored: true };
        case "month": return { type: "DATE", value: fmtMonth(addMonths(from, off)), anchored: true };
        default: return { type: "DATE", value: pad(from.y + off, 4), anchored: true };
      }
    },
  },
  {
    // bare plural units after a duration preposition: "for years", "within weeks" (PXY, PXW)
    name: "bare-plural",
    // "through the intervening " is the longest lead before the unit
    anchor: { words: ["week", "month", "year", "decade", "day", "hour", "centur"], within: 24 },
    // and "over the years", "in the early years", "in the years that followed" (not "the weeks before the
    // shooting", which TimeML dates from the event)
    re: re("(?:for|within|over)\\s(weeks|months|years|decades|days|hours|centuries)|(?:over|during|through|in)\\s(the\\s(?:early\\s|intervening\\s)?(?:years|decades|centuries))"),
    lead: (m) => m[0].length - (m[1] ?? m[2])!.length,
    make: (m) => ({ type: "DURATION", value: durationValue(null, (m[1] ?? m[2])!.split(" ").pop()!) }),
  },
  {
    // "Islam will one day be ...", "someday": an unspecified future time, not a one-day duration
    name: "one-day",
    re: re("(?:will|would|could|may|might|can|shall)\\s+(one\\sday)|some\\s?day"),
    lead: (m) => (m[1] ? m[0].length - m[1].length : 0),
    make: () => ({ type: "DATE", value: "FUTURE_REF" }),
  },
  {
    // "prosecutors may soon seek": FUTURE_REF in a future-tense clause; not "as soon as", not "was soon released"
    name: "soon",
    anchor: { words: ["soon"], within: 0 },
    re: re("soon"),
    ok: (m, text) => !/\bas\s+$/i.test(before(text, m.index, 4)) && !/^\s+(?:as|after|afterwards?|thereafter)\b/i.test(text.slice(m.index + 4, m.index + 20)),
    make: (m, c) => (c.tense === "future" ? { type: "DATE", value: "FUTURE_REF" } : null),
  },
  {
    // earlier this year / late next month / the past year / this summer / last week
    name: "relative-unit",
    // "the beginning of the following " is the longest lead before the unit
    anchor: { words: ["week", "month", "quarter", "year", "decade", "century", "spring", "summer", "fall", "autumn", "winter"], within: 31 },
    re: re(
      "(?:(earlier|later|early|late|mid|the end of|the beginning of|the start of|the middle of|end of)[- ])?(this|last|next|the coming|the past|the last|the previous|the following|the current|the latest|this past|this coming|past|previous|coming|current)[- ](week|weekend|month|quarter|year|decade|century|spring|summer|fall|autumn|winter)",
    ),
    ok: (m, text) => {
      // a capitalised unit is a title: ABC's "This Week"
      if (isCap(m[3]!)) return false;
      // "the last year of his life" / "last year's" are still dates; "the past year" followed by "or so" too
      const rel = m[2]!.toLowerCase();
      if ((rel === "the last" || rel === "past" || rel === "the past") && m[3]!.toLowerCase() === "decade") return true;
      return !/^\s*-/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2));
    },
    make: (m, c) => {
      const rel = m[2]!.toLowerCase();
      const unit = m[3]!.toLowerCase();
      const mod = modOf(m[1]);
      if ((rel === "the past" || rel === "the last" || rel === "past") && (unit === "decade" || unit === "century")) {
        return { type: "DURATION", value: durationValue(1, unit), mod };
      }
      if (unit === "quarter" && c.anchor && rel === "the latest") {
        const q = c.state.quarter ?? prevQuarter(c.anchor);
        return { type: "DATE", value: `${q.y}-Q${q.q}`, anchored: true, mod };
      }
      if (unit === "quarter" && c.anchor) {
        const q = quarterOf(c.anchor);
        const off = /last|past|previous/.test(rel) ? -1 : /next|coming|following/.test(rel) ? 1 : 0;
        let y = c.anchor.y;
        let qq = q + off;
        if (qq < 1) { qq = 4; y--; }
        if (qq > 4) { qq = 1; y++; }
        noteQuarter(c, y, qq);
        return { type: "DATE", value: `${y}-Q${qq}`, anchored: true, mod };
      }
      return { type: "DATE", value: relativeUnit(c.anchor, rel, unit), anchored: !!c.anchor, mod };
    },
  },
  {
    // third quarter / the fourth quarter of 1989 / the first half / fiscal 1989 quarter
    name: "quarter",
    // "the year-earlier second " is the longest lead before "quarter"/"half"
    anchor: { words: ["quarter", "half"], within: 24 },
    needs: ["quarter", "half"],
    // "the third-quarter profit": the adjectival form leaves the article out of the span
    lead: (m) => (/^the\s/i.test(m[0]) && /[- ]/.test(m[0]) && /-(?:quarter|half)/i.test(m[0]) ? 4 : 0),
    re: re(`(?:the\\s)?(?:(year-earlier|year-ago|latest|fiscal|same|current)\\s)?(first|second|third|fourth|1st|2nd|3rd|4th)[- ](quarter|half)(?:\\s(?:of\\s)?(?:(fiscal\\s)?(\\d{4})|(this|last|next)\\syear))?`),
    make: (m, c) => {
      const n = ORDINALS[m[2]!.toLowerCase()]!;
      const half = m[3]!.toLowerCase() === "half";
      if (half && n > 2) return null;
      let y: number | undefined = m[5] ? Number(m[5]) : undefined;
      if (y === undefined && c.anchor) {
        const rel = m[6]?.toLowerCase();
        if (rel) y = c.anchor.y + (rel === "last" ? -1 : rel === "next" ? 1 : 0);
        else {
          const qNow = quarterOf(c.anchor);
          const q = half ? n * 2 : n;
          y = c.anchor.y;
          if (c.tense !== "future" && q > qNow) y--;
          if (c.tense === "future" && q < qNow - 1) y++;
        }
        if (m[1] && /^year-(?:earlier|ago)$/i.test(m[1])) y--;
      }
      const ys = y === undefined ? "XXXX" : pad(y, 4);
      const pre = m[1]?.toLowerCase();
      if (!half && y !== undefined && pre !== "year-earlier" && pre !== "year-ago") noteQuarter(c, y, n);
      return { type: "DATE", value: `${ys}-${half ? "H" : "Q"}${n}`, anchored: !m[5] && !!c.anchor };
    },
  },
  {
    // earnings comparisons: "the 1988 second quarter", "the 1988 quarter", "last year's quarter",
    // "next year's first quarter", "the corresponding period last year", "the quarter a year ago"
    name: "quarter-of-year",
    // "the next year's second " is the longest lead before the unit
    anchor: { words: ["quarter", "half", "period"], within: 23 },
    needs: ["quarter", "half", "period"],
    re: re(
      "(?:the\\s)?(?:((?:1[89]|20)\\d\\d)|(this|last|next)\\syear['’]s)\\s(?:(first|second|third|fourth|1st|2nd|3rd|4th)[- ])?(quarter|half|period)|the\\s(?:(?:corresponding|comparable|same|year-ago|year-earlier)\\s)?(quarter|period)\\s(?:a\\syear\\s(?:ago|earlier)|last\\syear|of\\s(?:the\\s)?(?:previous|prior)\\syear)",
    ),
    make: (m, c) => {
      const unit = (m[4] ?? m[5])!.toLowerCase();
      let y: number | undefined;
      if (m[1]) y = Number(m[1]);
      else if (c.anchor) {
        const back = !!m[5] || m[2]?.toLowerCase() === "last";
        y = c.anchor.y + (back ? -1 : m[2]?.toLowerCase() === "next" ? 1 : 0);
      }
      const ys = y === undefined ? "XXXX" : pad(y, 4);
      if (m[3]) {
        const n = ORDINALS[m[3].toLowerCase()]!;
        if (unit === "half" && n > 2) return null;
        return { type: "DATE", value: `${ys}-${unit === "half" ? "H" : "Q"}${n}`, anchored: !m[1] };
      }
      if (unit === "half") return null;
      const q = c.state.quarter ?? (c.anchor && unit === "quarter" ? prevQuarter(c.anchor) : undefined);
      return { type: "DATE", value: q ? `${ys}-Q${q.q}` : ys, anchored: !m[1] };
    },
  },
  {
    // the quarter / the latest quarter / the year-earlier quarter / a year earlier (in an earnings context)
    name: "ref-quarter",
    // "the year-earlier " is the longest lead before "quarter"/"period"; "a " before "year"
    anchor: { words: ["quarter", "period", "year"], within: 17 },
    needs: ["quarter", "period", "year"],
    re: re("(?:(the|a)\\s)?(?:(latest|current|year-earlier|year-ago|same|recent|previous)\\s)?(quarter|period)|(?:a\\s)?year[- ](?:earlier|ago)(?:\\s(?:quarter|period))?"),
    ok: (m, text) => {
      if (m[3]) {
        if (!m[1] && !m[2]) return false;
        if (m[3].toLowerCase() === "period" && !m[2]) return false;
        if (m[1]?.toLowerCase() === "a" && !m[2]) return false;
        return !/^\s*(?:of|ended|ending)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 10)) || true;
      }
      return true;
    },
    make: (m, c) => {
      const pre = m[2]?.toLowerCase();
      const yearBack = !m[3] || pre === "year-earlier" || pre === "year-ago";
      const q = c.state.quarter ?? (c.anchor ? prevQuarter(c.anchor) : undefined);
      if (!m[3] && !c.state.quarter) {
        // "a year earlier" outside an earnings context: the year before the anchor
        return c.anchor ? { type: "DATE", value: pad(c.anchor.y - 1, 4), anchored: true } : { type: "DATE", value: "XXXX" };
      }
      if (!q) return { type: "DATE", value: "XXXX-QX" };
      return { type: "DATE", value: `${pad(q.y - (yearBack ? 1 : 0), 4)}-Q${q.q}`, anchored: true };
    },
  },
  {
    // two years ago / a week earlier / about two years ago
    name: "ago",
    anchor: { words: UNIT_ANCHORS, within: 0, lead: AGO_LEAD },
    re: re(`${AGO_SOURCE}(${UNIT_RE})\\s(ago|earlier|later|before|after|from now|hence)`),
    // "three days later/after/before" counts from another event, not from the anchor: TimeML marks the
    // duration and leaves the signal word out of the span
    trail: (m) => (/^(?:before|after|later)$/i.test(m[4]!) ? m[4]!.length : 0),
    make: (m, c) => {
      const n = parseCount(m[2]!);
      const mod = modOf(m[1]);
      const dir = m[4]!.toLowerCase();
      const sign = /ago|earlier|before/.test(dir) ? -1 : 1;
      if (dir === "before" || dir === "after" || dir === "later") return { type: "DURATION", value: durationValue(n, m[3]!), mod };
      if (n === null || !c.anchor) {
        const u = unitKey(m[3]!);
        const v = u === "year" ? "XXXX" : u === "month" ? "XXXX-XX" : "XXXX-XX-XX";
        return { type: "DATE", value: n === null && c.anchor ? (sign < 0 ? "PAST_REF" : "FUTURE_REF") : v, mod };
      }
      const v = shifted(c.anchor, n, m[3]!, sign);
      return v ? { type: "DATE", value: v, anchored: true, mod } : null;
    },
  },
  {
    // (for) two years / the past five days / a 16-hour / the first nine months / over two decades
    name: "duration",
    anchor: { words: UNIT_ANCHORS, within: 0, lead: DURATION_LEAD },
    re: re(`${DURATION_SOURCE}(${UNIT_RE})(-long|-old)?`),
    ok: (m, text) => {
      if (m[6]?.toLowerCase() === "-old") return false;
      const num = m[4]!.toLowerCase();
      const unit = m[5]!.toLowerCase();
      const next = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      // ages ("55 years old"), fractions ("three-quarters of"), titles ("60 Minutes"), ordinals ("a second betrayal")
      if (/^\s+(?:old|of\s+age)\b/i.test(next)) return false;
      if (/^quarters?$/.test(unit) && !m[2] && /-/.test(m[0]) && !/^\d/.test(num)) return false;
      if (/^\d/.test(num) && /^\p{Lu}/u.test(m[5]!)) return false;
      if (/^(?:a|one)$/.test(num) && unit === "second" && !m[1] && !m[2] && !m[3] && !/^\s*(?:later|ago|earlier|before|after|or|and|[,.;)]|$)/i.test(next)) return false;
      // "a year" after money or "times" is a SET ("$5 a year", "twice a year")
      if ((num === "a" || num === "an") && !m[1] && !m[2] && !m[3]) {
        if (/(?:\d|times|twice|once|cents?|dollars?|percent|%|\$[\d.,]+\s(?:million|billion))\s*$/i.test(before(text, m.index, 30))) return false;
        if (/^(?:second|minute|hour)$/.test(unit)) return true;
      }
      if (num === "some" && !/s$/.test(unit)) return false;
      if (/^(?:1[89]|20)\d\d$/.test(num) && /^(?:quarter|second|half|period)/.test(unit)) return false;
      if (/^\d+$/.test(num) && /^(?:quarter|second)s?$/.test(unit) === false && Number(num) > 1000) return false;
      return true;
    },
    make: (m, c) => {
      const det = m[2]?.toLowerCase() ?? "";
      const n = parseCount(m[4]!);
      const mod = modOf(m[1] ?? m[3]);
      const unit = unitKey(m[5]!);
      if (unit === "quarter" && n === 1 && /^(?:a|an|one)$/i.test(m[4]!) && !det) return { type: "DURATION", value: "P3M", mod };
      void c;
      return { type: "DURATION", value: durationValue(n, m[5]!), mod };
    },
  },
  {
    name: "year",
    // "the beginning of " is the longest lead before the year
    anchor: { within: 17 },
    re: re(`(?:(${POS_RE})[- ]|(fiscal(?:\\syear)?|the\\syear|calendar|FY)\\s?)?((?:1[6-9]|20)\\d\\d)(s)?`),
    ok: (m, text) => {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const prev = before(text, m.index, 14);
      if (/[$£€#]\s*$|\d[,.]$|No\.\s*$/.test(prev)) return false;
      if (/^(?:[,.]\d|%|\s*(?:percent|people|persons|men|women|troops|soldiers|members|students|units|shares|cars|tons|feet|miles|meters|points|votes|jobs|workers|dollars|cases|homes|deaths)\b)/i.test(after)) return false;
      if (/^-\d/.test(after)) return true;
      return true;
    },
    make: (m) => {
      const mod = modOf(m[1]);
      if (m[4]) return { type: "DATE", value: m[3]!.slice(0, 3), mod };
      return { type: "DATE", value: m[3]!, mod };
    },
  },
  {
    name: "spelled-year",
    // "the year two " is the longest lead before "thousand"
    anchor: { words: ["nineteen", "thousand"], within: 13 },
    needs: ["nineteen", "thousand"],
    re: re("(?:the year )?(nineteen|two thousand)(?:[- ](?:and )?(ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine))?"),
    ok: (m) => m[1]!.toLowerCase() !== "nineteen" || !!m[2],
    make: (m) => {
      const base = m[1]!.toLowerCase() === "nineteen" ? 1900 : 2000;
      const rest = m[2] ? parseCount(m[2]) ?? 0 : 0;
      return { type: "DATE", value: String(base + rest) };
    },
  },
  {
    name: "decade",
    // "early the '" is the longest lead before the digit
    anchor: { within: 11 },
    needs: ["0s"],
    re: re("(?:(early|mid|late)[- ])?(?:the\\s)?['’](\\d)0s"),
    make: (m) => ({ type: "DATE", value: `19${m[2]}`, mod: modOf(m[1]) }),
  },
  {
    // "the nineties", "the early seventies": decades of the 1900s in words
    name: "decade-words",
    // "early the early seven" is the longest lead before "ties" (one word to look for rather than eight)
    anchor: { words: ["ties"], within: 21 },
    needs: ["ties"],
    re: re("(?:(early|mid|late)[- ])?the\\s(?:(early|mid|late)[- ])?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"),
    make: (m) => {
      const d = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].indexOf(m[3]!.toLowerCase()) + 2;
      return { type: "DATE", value: `19${d}`, mod: modOf(m[1] ?? m[2]) };
    },
  },
  {
    name: "season-year",
    // "early the " is the longest lead before the season
    anchor: { words: ["spring", "summer", "fall", "autumn", "winter"], within: 10 },
    needs: ["spring", "summer", "fall", "autumn", "winter"],
    re: re("(?:(early|late|mid)[- ])?(?:the\\s)?(spring|summer|fall|autumn|winter)(?:\\s(?:of\\s)?(\\d{4}))"),
    make: (m) => ({ type: "DATE", value: `${m[3]}-${SEASONS[m[2]!.toLowerCase()]}`, mod: modOf(m[1]) }),
  },
  {
    name: "set",
    // the adverbs, "every"/"each" start their alternatives; "per " is the longest lead before a unit, "bi" before "weekly"
    // ("weekly", "monthly", "yearly" and "hourly" start with anchor words of their own: four fewer words to look for)
    anchor: { words: ["daily", "annually", "nightly", "every", "each", "day", "week", "month", "year", "quarter", "hour"], within: 4 },
    re: re(
      `(daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|every\\s(?:other\\s)?(?:day|week|month|year|quarter|hour|morning|evening|night|${WEEKDAY_RE}|weekend)|each\\s(?:day|week|month|year|quarter|morning|evening|night|${WEEKDAY_RE})|(?:each|every)\\s${MONTH_NAME_RE}|(?:a|per)\\s(?:day|week|month|year|quarter|hour)|every\\s(${NUM_RE})\\s(${UNIT_RE}))`,
    ),
    ok: (m, text) => {
      const w = m[1]!.toLowerCase();
      // "each July", not "every march"
      if (w.split(/\s/).pop()! in MONTHS && !isCap(m[1]!.split(/\s/).pop()!)) return false;
      if (/^(?:a|per)\s/.test(w)) {
        if (w.startsWith("per")) return true;
        return /(?:\d|times|twice|once|cents?|dollars?|percent|%|million|billion|hours?|miles?)\s*$/i.test(before(text, m.index, 30));
      }
      return true;
    },
    make: (m) => {
      const w = m[1]!.toLowerCase();
      if (m[2]) return { type: "SET", value: durationValue(parseCount(m[2]), m[3]!) };
      const map: Record<string, string> = {
        daily: "P1D", weekly: "P1W", monthly: "P1M", annually: "P1Y", yearly: "P1Y", quarterly: "P3M", hourly: "PT1H",
        nightly: "P1D", biweekly: "P2W",
      };
      if (map[w]) return { type: "SET", value: map[w]! };
      const last = w.split(/\s/).pop()!;
      if (last in MONTHS) return { type: "SET", value: `XXXX-${pad(MONTHS[last]!)}` };
      if (last in WEEKDAYS) return { type: "SET", value: `XXXX-WXX-${WEEKDAYS[last]}` };
      if (last in PART_OF_DAY) return { type: "SET", value: `XXXX-XX-XXT${PART_OF_DAY[last]}` };
      if (last === "weekend") return { type: "SET", value: "XXXX-WXX-WE" };
      const other = /other/.test(w) ? 2 : 1;
      return { type: "SET", value: durationValue(other, last) };
    },
  },
  {
    name: "holiday",
    // starts with the holiday's name
    anchor: { words: ["christmas", "new year", "halloween", "independence", "valentine", "thanksgiving", "election"], within: 0 },
    needs: ["christmas", "year", "halloween", "independence", "valentine", "thanksgiving", "election"],
    re: re("(Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Halloween|Independence Day|Valentine's Day|Thanksgiving(?: Day)?|Election Day)(?:,?\\s(\\d{4}))?"),
    make: (m, c) => {
      const w = m[1]!.toLowerCase();
      const y = m[2] ? Number(m[2]) : c.anchor?.y;
      // November holidays on a weekday: Thanksgiving (fourth Thursday), US Election Day (the Tuesday after the first Monday)
      const movable = w.startsWith("thanksgiving") ? (yy: number): number => 1 + ((4 - weekday({ y: yy, m: 11, d: 1 }) + 7) % 7) + 21
        : w === "election day" ? (yy: number): number => 2 + ((2 - weekday({ y: yy, m: 11, d: 2 }) + 7) % 7)
          : undefined;
      if (movable) {
        if (y === undefined) return { type: "DATE", value: "XXXX-11-XX" };
        if (!m[2] && c.anchor) {
          const yy = closestYear(c.anchor, 11, movable(c.anchor.y));
          return { type: "DATE", value: `${yy}-11-${pad(movable(yy))}`, anchored: true };
        }
        return { type: "DATE", value: `${y}-11-${pad(movable(y))}`, anchored: !m[2] };
      }
      const md = HOLIDAYS[w];
      if (!md) return null;
      if (!m[2] && c.anchor) return { type: "DATE", value: `${closestYear(c.anchor, md[0], md[1])}-${pad(md[0])}-${pad(md[1])}`, anchored: true };
      return { type: "DATE", value: `${y === undefined ? "XXXX" : pad(y, 4)}-${pad(md[0])}-${pad(md[1])}`, anchored: !m[2] && y !== undefined };
    },
  },
  {
    name: "century",
    // "the " is the longest lead before the digit
    anchor: { within: 4 },
    needs: ["century"],
    re: re("(?:the\\s)?(\\d{1,2})(?:st|nd|rd|th)[- ]century"),
    make: (m) => ({ type: "DATE", value: pad(Number(m[1]) - 1, 2) }),
  },
  {
    // the year an earnings report is about: "the full year", "the current fiscal year", "by year end";
    // "the (fiscal) year ended Sept. 30" is a twelve-month period
    name: "year-ref",
    // "by the current fiscal " is the longest lead before "year"
    anchor: { words: ["year"], within: 22 },
    re: re("(?:(?:by|at)\\s)?(?:the\\s(?:(current|full|entire|whole)\\s)?(?:fiscal\\s)?year(?:['’]s\\send)?|year[- ]end|year['’]s\\send)(?![-‐])"),
    lead: (m) => (/^(?:by|at)\s/i.test(m[0]) ? m[0].indexOf(" ") + 1 : 0),
    make: (m, c) => {
      const next = c.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if (/^\s+(?:ended|ending|through|to\s)/i.test(next)) return { type: "DURATION", value: "P1Y" };
      if (/^\s+(?:before|after|earlier|later|ago)\b/i.test(next)) return null;
      return c.anchor ? { type: "DATE", value: pad(c.anchor.y, 4), anchored: true } : { type: "DATE", value: "XXXX" };
    },
  },
  {
    // anaphoric: the year or day of the last date mentioned
    name: "that-unit",
    // "earlier in the same " is the longest lead before the unit
    anchor: { words: ["year", "day"], within: 20 },
    re: re("(?:(earlier|later)\\s(?:in\\s)?)?(that|the\\ssame)\\s(year|day)"),
    make: (m, c) => {
      const unit = m[3]!.toLowerCase();
      const v = unit === "year" ? c.state.year : c.state.day;
      if (!v) return null;
      return { type: "DATE", value: v, anchored: true };
    },
  },
  {
    name: "weekend",
    anchor: { words: ["weekend"], within: 4 },
    re: re("the\\sweekend"),
    make: (m, c) => {
      if (!c.anchor) return { type: "DATE", value: "XXXX-WXX-WE" };
      const back = c.tense !== "future" && weekday(c.anchor) < 5 ? -7 : 0;
      return { type: "DATE", value: `${fmtWeek(addDays(c.anchor, back))}-WE`, anchored: true };
    },
  },
];

/**
 * Remembers a quarter an earnings report is about, for "the latest quarter" and "a year earlier":
 * only a quarter that has ended by the anchor date and ended within the last year (a forecast for
 * "the fourth quarter" or a comparison with 1988 is not the quarter being reported).
 */
function noteQuarter(c: Ctx, y: number, q: number): void {
  if (!c.anchor) return;
  const p = prevQuarter(c.anchor);
  const age = (p.y * 4 + p.q) - (y * 4 + q);
  if (age >= 0 && age < 4) c.state.quarter = { y, q };
}

function prevQuarter(a: Ymd): { y: number; q: number } {
  const q = quarterOf(a) - 1;
  return q < 1 ? { y: a.y - 1, q: 4 } : { y: a.y, q };
}

interface Candidate {
  start: number;
  end: number;
  /** The characters the match claims against other candidates: the span plus leading and trailing context words. */
  claimStart: number;
  claimEnd: number;
  rule: Rule;
  m: RegExpExecArray;
}

const FUTURE = /\b(?:(?:hopes?|hoped|wants?|wanted|aims?|seeks?|likely|about|ready|promised|vowed|threatened|agreed|decided) to|will|may|could|won't|wo n't|'ll|shall|going to|is to|are to|plans? to|planning|scheduled|expected|expects? to|intends? to|set to|due to|to be held|upcoming|would|might|as soon as|as early as|until|postponed|to leave|to arrive|to meet|to visit|to travel)\b/gi;
const PAST = /\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|[Ss]aid|[Tt]old|\p{Ll}{3,}ed)\b/gu;

const FRONTED = /^[\s"'“‘`(_-]*(?:(?:on|until|till|by|since|from|also|and|but|then|late|early|as of|through|starting|beginning)\s+)*$/i;

/** Past or future, from the tense marker nearest to the expression within its sentence. */
export function tenseAround(
  text: string, sentStart: number, sentEnd: number, start: number, end: number, isVerb?: (at: number) => boolean,
): Tense {
  // a fronted adverbial ("On Tuesday, the league plans to ...", "Until Thursday, they had not ...")
  // takes the tense of the main clause after it, however far away its verb is
  const fronted = FRONTED.test(text.slice(sentStart, start));
  const lo = fronted ? start : Math.max(sentStart, start - 120);
  const hi = fronted ? sentEnd : Math.min(sentEnd, end + 60);
  const window = text.slice(lo, hi);
  const s = start - lo;
  const e = end - lo;
  const after = fronted ? 1 : 1.5;
  const dist = (i: number, len: number): number => (i + len <= s ? s - (i + len) : i >= e ? (i - e) * after : Infinity);
  let best = Infinity;
  let tense: Tense = "past";
  for (const [re, t] of [[FUTURE, "future"], [PAST, "past"]] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(window))) {
      // with POS tags, a past form counts only as a verb ("a still unspecified date", "the wounded" do not)
      if (t === "past" && isVerb && !isVerb(lo + m.index)) continue;
      if (m[0] === "May") continue; // the month

      const d = dist(m.index, m[0].length);
      if (d < best) {
        best = d;
        tense = t;
      }
    }
  }
  return tense;
}

export interface ExtractOptions {
  anchor?: Ymd;
  /** Sentence spans (sorted); when missing, sentences are split at . ! ? and newlines. */
  sentences?: readonly { start: number; end: number }[];
  /** Tokens with POS tags (the `sentences` annotator's); when given, only verbs mark the past tense. */
  tokens?: Pick<TokenColumns, "count" | "start" | "end" | "pos">;
}

/** All time expressions of a text, in order, normalised against the anchor date. */
export function extractTimexes(text: string, opts: ExtractOptions = {}): Timex[] {
  const cands: Candidate[] = [];
  // (under the regexes' case-insensitive matching only U+017F and U+212A fold to ASCII letters that
  // toLowerCase leaves apart: a text with either is scanned by every rule)
  const lower = /[\u017f\u212a]/.test(text) ? undefined : text.toLowerCase();
  // anchor words are found in `lower` by offset: only when lowercasing kept every offset (it lengthens "İ")
  const anchorLower = lower !== undefined && lower.length === text.length ? lower : undefined;
  for (const rule of RULES) {
    if (rule.needs && lower !== undefined && !rule.needs.some((w) => lower.includes(w))) continue;
    const next = new Int32Array(rule.anchor?.words?.length ?? 0).fill(-2);
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = nextMatch(rule, text, from, anchorLower, next))) {
      from = m.index + m[0].length;
      if (m[0].length === 0) {
        from++;
        continue;
      }
      if (rule.ok && !rule.ok(m, text)) continue;
      const lead = rule.lead ? rule.lead(m) : 0;
      let claimEnd = m.index + m[0].length;
      while (claimEnd > m.index && /[\s,]/.test(text[claimEnd - 1]!)) claimEnd--;
      let end = claimEnd - (rule.trail ? rule.trail(m) : 0);
      while (end > m.index && /[\s,]/.test(text[end - 1]!)) end--;
      cands.push({ start: m.index + lead, end, claimStart: m.index, claimEnd, rule, m });
    }
  }
  cands.sort((a, b) => b.claimEnd - b.claimStart - (a.claimEnd - a.claimStart) || a.claimStart - b.claimStart);
  const taken: Candidate[] = [];
  const used = new Uint8Array(text.length + 1);
  for (const c of cands) {
    let free = true;
    for (let i = c.claimStart; i < c.claimEnd; i++) if (used[i]) { free = false; break; }
    if (!free) continue;
    for (let i = c.claimStart; i < c.claimEnd; i++) used[i] = 1;
    taken.push(c);
  }
  taken.sort((a, b) => a.start - b.start);

  const sents = opts.sentences ?? splitSentences(text);
  let isVerb: ((at: number) => boolean) | undefined;
  if (opts.tokens) {
    const toks = opts.tokens;
    // the token starting at `at` (binary search over the sorted starts); unknown offsets count as verbs
    isVerb = (at) => {
      let lo = 0;
      let hi = toks.count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const st = toks.start[mid]!;
        if (st === at) return toks.pos[mid] === VERB_ID || toks.pos[mid] === AUX_ID;
        if (st < at) lo = mid + 1;
        else hi = mid - 1;
      }
      return true;
    };
  }
  // every field present from the start (undefined until set): one hidden class whatever order they are set in
  const state: DocState = { quarter: undefined, year: undefined, month: undefined, day: undefined };
  const out: Timex[] = [];
  let si = 0;
  for (const c of taken) {
    while (si < sents.length - 1 && sents[si]!.end <= c.start) si++;
    const s = sents[si] ?? { start: 0, end: text.length };
    const tense = tenseAround(text, s.start, s.end, c.start, c.end, isVerb);
    const made = c.rule.make(c.m, { text, start: c.start, end: c.end, anchor: opts.anchor, tense, state });
    if (!made) continue;
    const t: Timex = { start: c.start, end: c.end, type: made.type, value: made.value, anchored: made.anchored ?? false, rule: c.rule.name };
    if (made.mod) t.mod = made.mod;
    out.push(t);
    if (made.type === "DATE" || made.type === "TIME") {
      const ymd = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\dWQHX])/.exec(made.value);
      if (ymd) {
        state.year = ymd[1];
        if (ymd[2]) state.month = `${ymd[1]}-${ymd[2]}`;
        if (ymd[3]) state.day = ymd[0];
      }
    }
  }
  return out;
}

const DIGIT = /[0-9]/g;
/** Sticky copies of the anchored rules' regexes. */
const STICKY = new Map<Rule, RegExp>();
/** Anchored rules whose every match is preceded by no letter, digit or underscore (see `atWordStart`). */
const WORD_START = new Map<Rule, boolean>();

/**
 * Whether the regex source is `B` followed by a pattern without a top-level `|` (an alternative after a
 * top-level `|` would not be under the lookbehind).
 */
function atWordStart(source: string): boolean {
  if (!source.startsWith(B)) return false;
  let depth = 0;
  let inClass = false;
  for (let i = B.length; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return false;
  }
  return true;
}

/** A–Z, a–z, 0–9 or _: a match of a `WORD_START` rule cannot start right after one. */
function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The first match of the rule's regex that starts at or after `from` (what a global scan finds next).
 * `lower` is the text lowercased when its offsets are the text's and only ASCII letters match ASCII
 * letters case-insensitively (see extractTimexes); `next` holds, per anchor word, where it next occurs
 * (-2 not yet looked for, -1 nowhere further), kept across the calls for one rule and text.
 */
function nextMatch(rule: Rule, text: string, from: number, lower: string | undefined, next: Int32Array): RegExpExecArray | null {
  const anchor = rule.anchor;
  const words = anchor?.words;
  if (anchor === undefined || (words !== undefined && lower === undefined)) {
    rule.re.lastIndex = from;
    return rule.re.exec(text);
  }
  let sticky = STICKY.get(rule);
  if (sticky === undefined) {
    STICKY.set(rule, (sticky = new RegExp(rule.re.source, rule.re.flags + "y")));
    WORD_START.set(rule, atWordStart(rule.re.source));
  }
  const wordStart = WORD_START.get(rule)!;
  // a match starting at p has an anchor starting in [p, p + within]: with d the first anchor at or after
  // `from`, positions before d - within cannot start one; try the rest up to d, then go on from d + 1
  let p = from;
  for (;;) {
    let d = -1;
    if (words === undefined) {
      DIGIT.lastIndex = p;
      const digit = DIGIT.exec(text);
      if (digit !== null) d = digit.index;
    } else {
      for (let k = 0; k < words.length; k++) {
        let at = next[k]!;
        if (at === -2 || (at >= 0 && at < p)) next[k] = at = lower!.indexOf(words[k]!, p);
        if (at >= 0 && (d < 0 || at < d)) d = at;
      }
    }
    if (d < 0) return null;
    const lo = anchor.lead === undefined ? d - anchor.within : leadStart(lower!, d, anchor.lead);
    for (let q = lo > p ? lo : p; q <= d; q++) {
      if (wordStart && q > 0 && isAsciiWordChar(text.charCodeAt(q - 1))) continue;
      sticky.lastIndex = q;
      const m = sticky.exec(text);
      if (m !== null) return m;
    }
    p = d + 1;
  }
}

/** Whitespace (as `\s` in a regex), "-", "." or "/". */
function isLeadSeparator(c: number): boolean {
  if (c === 32 || c === 45 || c === 46 || c === 47 || (c >= 9 && c <= 13)) return true;
  return c >= 0xa0 && SPACE.test(String.fromCharCode(c));
}
const SPACE = /^\s$/u;

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * The start of the longest run before `at` in `lower` of words of `lead` or digit runs, each followed
 * by separators; `at` when there is none.
 */
function leadStart(lower: string, at: number, lead: ReadonlySet<string>): number {
  let start = at;
  for (;;) {
    let j = start;
    while (j > 0 && isLeadSeparator(lower.charCodeAt(j - 1))) j--;
    if (j === start) return start;
    let k = j;
    let digits = true;
    while (k > 0 && isAsciiAlnum(lower.charCodeAt(k - 1))) {
      const c = lower.charCodeAt(k - 1);
      if (c < 48 || c > 57) digits = false;
      k--;
    }
    if (k === j || !(digits || lead.has(lower.slice(k, j)))) return start;
    start = k;
  }
}

function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = 0;
  const re = /[.!?]["'”’]?\s+(?=["'“‘]?\p{Lu})|\n\s*\n/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push({ start: s, end: m.index + 1 });
    s = m.index + m[0].length;
  }
  out.push({ start: s, end: text.length });
  return out;
}
