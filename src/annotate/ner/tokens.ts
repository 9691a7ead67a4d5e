/**
 * NER tokens from the article's wink-nlp tokens, re-cut to look like CoNLL/Reuters tokens:
 * a trailing possessive is split off ("NATO's" -> "NATO" "'s"), hyphen-joined pieces written
 * without spaces are merged ("22" "-" "year" "-" "old" -> "22-year-old"), and characters are
 * normalised (curly quotes, dashes). Offsets always point into the article text.
 */
import type { TokenColumns } from "../../model/tokens.js";
import { FORM_POSSESSIVE, normalizeToken } from "./features.js";

export interface NerToken {
  start: number;
  end: number;
  /** Normalised text, as the tagger sees it. */
  text: string;
  /** UD POS id of the (first) wink token. */
  pos: number;
  /** The id of `text` in the model's form table (−1 without one). */
  form: number;
}

/** Where token texts get their form ids (`FeatureExtractor`): `form(formOf(text, a, b))` = `normalizeToken(text.slice(a, b))`. */
export interface FormIds {
  formOf(text: string, a: number, b: number): number;
  formOfString(w: string): number;
  form(id: number): string;
  /** The `FORM_*` bits of a form. */
  formBits(id: number): number;
}

const POSSESSIVE = /^(.*\p{L})('s)$/u;

/** Sentences of NER tokens for a tokenised article. */
export function nerSentences(text: string, tokens: TokenColumns, forms?: FormIds): NerToken[][] {
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
    const prev = cur[cur.length - 1];
    // wink-nlp cuts words at some non-ASCII letters ("Erdo" "ğ" "an"): glue them back
    if (prev && prev.end === start && nonAsciiJoin(text.charCodeAt(start - 1), text.charCodeAt(start))) {
      prev.end = end;
      setText(prev, text, forms);
      continue;
    }
    // hyphen joins: "22" "-" "year" with no spaces around the hyphen
    if (prev && prev.end === start && end - start === 1 && isHyphen(text.charCodeAt(start)) && i + 1 < tokens.count && tokens.start[i + 1] === end && tokens.sentence[i + 1] === sent && /^[\p{L}\p{N}]/u.test(text.slice(end, tokens.end[i + 1]!))) {
      prev.end = tokens.end[i + 1]!;
      setText(prev, text, forms);
      i++;
      continue;
    }
    if (forms) {
      const form = forms.formOf(text, start, end);
      cur.push({ start, end, text: forms.form(form), pos: tokens.pos[i]!, form });
    } else cur.push({ start, end, text: normalizeToken(text.slice(start, end)), pos: tokens.pos[i]!, form: -1 });
  }
  if (cur.length) out.push(cur);
  for (let s = 0; s < out.length; s++) out[s] = splitPossessives(out[s]!, forms);
  return out;
}

/** The token's text (and form) for its offsets. */
function setText(t: NerToken, text: string, forms: FormIds | undefined): void {
  if (forms) {
    t.form = forms.formOf(text, t.start, t.end);
    t.text = forms.form(t.form);
  } else t.text = normalizeToken(text.slice(t.start, t.end));
}

/** = /^[-\u2010\u2011]$/ on a one-character token. */
function isHyphen(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 0xbf && /\p{L}/u.test(String.fromCharCode(c)));
}

function nonAsciiJoin(a: number, b: number): boolean {
  return isLetter(a) && isLetter(b) && (a > 0x7f || b > 0x7f);
}

/** "NATO's" -> "NATO" "'s". */
function splitPossessives(toks: NerToken[], forms: FormIds | undefined): NerToken[] {
  // (most sentences have none: they are kept as they are rather than copied)
  let any = false;
  for (let i = 0; i < toks.length && !any; i++) {
    const t = toks[i]!;
    if (forms) any = (forms.formBits(t.form) & FORM_POSSESSIVE) !== 0;
    else {
      const w = t.text;
      any = w.length > 2 && w.charCodeAt(w.length - 1) === 115 && w.charCodeAt(w.length - 2) === 39;
    }
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
      out.push({ start: t.start, end: cut, text: m[1]!, pos: t.pos, form: forms ? forms.formOfString(m[1]!) : -1 });
      out.push({ start: cut, end: t.end, text: "'s", pos: t.pos, form: forms ? forms.formOfString("'s") : -1 });
    } else out.push(t);
  }
  return out;

}
