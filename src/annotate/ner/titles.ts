/**
 * Titles kept apart from person names: "Mr. Karlov", "President Vladimir V. Putin",
 * "Secretary of State John Kerry", "Foreign Minister Sergey V. Lavrov". The PER span covers
 * the name only; the title words (capitalised, just before the name or at the start of a span
 * the model drew too wide) go into attrs.title.
 */
import type { NerToken } from "./tokens.js";

/** Words that make a title on their own ("heads"). */
const HEADS = new Set([
  "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam", "rev", "reverend", "father",
  "president", "minister", "secretary", "ambassador", "envoy", "chancellor", "premier", "king", "queen", "prince", "princess",
  "pope", "sen", "senator", "rep", "representative", "congressman", "congresswoman", "gov", "governor", "gen", "general",
  "col", "colonel", "lt", "lieutenant", "maj", "major", "capt", "captain", "sgt", "sergeant", "cmdr", "commander", "adm", "admiral",
  "chairman", "chairwoman", "chair", "mayor", "judge", "justice", "sheikh", "sheik", "ayatollah", "imam", "emir", "sultan",
  "officer", "spokesman", "spokeswoman", "spokesperson", "director", "ceo", "chief", "coach", "manager", "patriarch", "archbishop",
  "bishop", "cardinal", "rabbi", "detective", "inspector", "superintendent", "constable", "marshal", "president-elect", "vice-president",
  "secretary-general", "leader", "speaker", "attorney", "consul", "diplomat", "mp", "councillor", "councilman", "crown",
]);
/** Words that only qualify a title ("Foreign Minister", "Prime Minister", "Secretary of State"). */
const MODIFIERS = new Set([
  "foreign", "prime", "vice", "deputy", "interior", "defense", "defence", "finance", "state", "affairs", "general", "attorney",
  "acting", "former", "first", "chief", "executive", "senior", "supreme", "grand", "crown", "police", "army", "military", "home",
  "economy", "energy", "justice", "health", "education", "trade", "security", "national", "homeland", "labor", "labour", "culture",
  "agriculture", "transport", "environment", "treasury", "intelligence", "staff", "joint", "u.n.", "un", "nato", "eu", "white", "house",
  "press", "assistant", "associate", "majority", "minority", "late", "elect", "emergency", "information", "exchequer",
]);
const JOINERS = new Set(["of", "for", "the", "and"]);

/** Lowercase, one final period dropped (= `t.toLowerCase().replace(/\.$/, "")`). */
function key(t: string): string {
  const l = t.toLowerCase();
  return l.length > 0 && l.charCodeAt(l.length - 1) === 46 ? l.slice(0, -1) : l;
}
function capitalised(t: string): boolean {
  return /^\p{Lu}/u.test(t);
}

/**
 * Title tokens at the start of a PER span [from, to): returns the new start of the name
 * (the first non-title token), leaving at least one token.
 */
export function titleInside(toks: readonly NerToken[], from: number, to: number): number {
  let i = from;
  let head = -1;
  while (i < to - 1) {
    const k = key(toks[i]!.text);
    if (!capitalised(toks[i]!.text) && !JOINERS.has(k)) break;
    if (HEADS.has(k)) head = i;
    else if (!MODIFIERS.has(k) && !JOINERS.has(k)) break;
    i++;
  }
  return head >= 0 ? head + 1 : from;
}

/** Title tokens just before a name starting at `from`: returns where the title starts (== from if none). */
export function titleBefore(toks: readonly NerToken[], from: number, floor: number): number {
  let i = from - 1;
  let start = from;
  let sawHead = false;
  while (i >= floor) {
    const t = toks[i]!.text;
    const k = key(t);
    if (k === "of" || k === "for") {
      if (start === from) break;
    } else if (!capitalised(t)) break;
    else if (HEADS.has(k)) {
      sawHead = true;
      start = i;
    } else if (MODIFIERS.has(k)) start = i;
    else break;
    i--;
  }
  return sawHead ? start : from;
}

/** Is this token a title word or title modifier ("Mr.", "President", "Foreign")? */
export function isTitleWord(t: string): boolean {
  const k = key(t);
  return HEADS.has(k) || MODIFIERS.has(k);
}

const HONORIFICS = new Set(["mr", "mrs", "ms", "mx", "dr", "prof", "messrs", "mme", "mlle"]);

/** "Mr.", "Mrs", "Dr." ...: whatever follows is a person. */
export function isHonorific(t: string): boolean {
  // (asked of most tokens: the honorifics' keys have 2 to 6 letters and start with m, d or p, and lowercasing never
  // shortens a string nor makes an ASCII m, d or p of anything else)
  const n = t.length;
  if (n < 2 || n > 7) return false;
  const c = t.charCodeAt(0);
  if (c < 128 && (c | 32) !== 109 && (c | 32) !== 100 && (c | 32) !== 112) return false;
  return HONORIFICS.has(key(t));
}
