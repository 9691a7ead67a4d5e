/**
 * NER tokens from the article's wink-nlp tokens, re-cut to look like CoNLL/Reuters tokens:
 * a trailing possessive is split off ("NATO's" -> "NATO" "'s"), hyphen-joined pieces written
 * without spaces are merged ("22" "-" "year" "-" "old" -> "22-year-old"), and characters are
 * normalised (curly quotes, dashes). Offsets always point into the article text.
 */
import type { TokenColumns } from "../../model/tokens.js";
import { normalizeToken } from "./features.js";

export interface NerToken {
  start: number;
  end: number;
  /** Normalised text, as the tagger sees it. */
  text: string;
  /** UD POS id of the (first) wink token. */
  pos: number;
}

const HYPHEN = /^[-\u2010\u2011]$/;
const POSSESSIVE = /^(.*\p{L})('s)$/u;

/** Sentences of NER tokens for a tokenised article. */
export function nerSentences(text: string, tokens: TokenColumns): NerToken[][] {
  const out: NerToken[][] = [];
  let cur: NerToken[] = [];
  let sent = -1;
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.sentence[i] !== sent) {
      if (cur.length) out.push(cur);
      cur = [];
      sent = tokens.sentence[i]!;
    }
    const start = tokens.start[i]!;
    const end = tokens.end[i]!;
    const raw = text.slice(start, end);
    const prev = cur[cur.length - 1];
    // wink-nlp cuts words at some non-ASCII letters ("Erdo" "ğ" "an"): glue them back
    if (prev && prev.end === start && nonAsciiJoin(text.charCodeAt(start - 1), text.charCodeAt(start))) {
      prev.end = end;
      prev.text = normalizeToken(text.slice(prev.start, end));
      continue;
    }
    // hyphen joins: "22" "-" "year" with no spaces around the hyphen
    if (prev && prev.end === start && end - start === 1 && HYPHEN.test(raw) && i + 1 < tokens.count && tokens.start[i + 1] === end && tokens.sentence[i + 1] === sent && /^[\p{L}\p{N}]/u.test(text.slice(end, tokens.end[i + 1]!))) {
      prev.end = tokens.end[i + 1]!;
      prev.text = normalizeToken(text.slice(prev.start, prev.end));
      i++;
      continue;
    }
    cur.push({ start, end, text: normalizeToken(raw), pos: tokens.pos[i]! });
  }
  if (cur.length) out.push(cur);
  return out.map(splitPossessives);
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 0xbf && /\p{L}/u.test(String.fromCharCode(c)));
}

function nonAsciiJoin(a: number, b: number): boolean {
  return isLetter(a) && isLetter(b) && (a > 0x7f || b > 0x7f);
}

/** "NATO's" -> "NATO" "'s". */
function splitPossessives(toks: NerToken[]): NerToken[] {
  // (most sentences have none: they are kept as they are rather than copied)
  let any = false;
  for (let i = 0; i < toks.length && !any; i++) {
    const w = toks[i]!.text;
    any = w.length > 2 && w.charCodeAt(w.length - 1) === 115 && w.charCodeAt(w.length - 2) === 39;
  }
  if (!any) return toks;
  const out: NerToken[] = [];
  for (const t of toks) {
    const w = t.text;
    const len = w.length;
    // = /^(.*\p{L})('s)$/u, tested only on words that end in 's
    const m = len > 2 && w.charCodeAt(len - 1) === 115 && w.charCodeAt(len - 2) === 39 ? POSSESSIVE.exec(w) : null;
    if (m) {
      const cut = t.end - 2;
      out.push({ start: t.start, end: cut, text: m[1]!, pos: t.pos });
      out.push({ start: cut, end: t.end, text: "'s", pos: t.pos });
    } else out.push(t);
  }
  return out;

}
