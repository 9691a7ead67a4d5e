/**
 * Boilerplate detectors. Each looks at the raw text and returns ranges to remove, with a reason.
 * Rules are data: the pattern tables below, not branches in code.
 */
import { isSpace, wordRuns as words } from "../../util/chars.js";

export interface Cut {
  start: number;
  end: number;
  reason: string;
}

export interface Paragraph {
  start: number;
  end: number;
}

/**
 * Paragraphs: runs of text separated by blank lines (offsets exclude surrounding whitespace). The
 * same ranges as the matches of /\S[^]*?(?=\n[ \t\u00a0]*\n|\s*$)/g, found by one scan.
 */
export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const n = text.length;
  // past the last non-space character, only whitespace is left (the `\s*$` of the pattern)
  let tail = n;
  while (tail > 0 && isSpace(text.charCodeAt(tail - 1))) tail--;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let q = start + 1;
    for (; q < n && q < tail; q++) {
      if (text.charCodeAt(q) !== 10) continue;
      let k = q + 1;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c !== 0x20 && c !== 0x09 && c !== 0xa0) break;
        k++;
      }
      if (k < n && text.charCodeAt(k) === 10) break;
    }
    let end = q;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    out.push({ start, end });
    i = q;
  }
  return out;
}


/** Photo-gallery captions: "Photos: <gallery title> <caption> Hide Caption 3 of 7". */
const GALLERY: { re: RegExp; reason: string }[] = [
  { re: /Photos?:[^]*?Hide Caption\s+\d+\s+of\s+\d+/g, reason: "gallery caption" },
  { re: /Hide Caption\s+\d+\s+of\s+\d+/g, reason: "gallery caption" },
  { re: /(?<=^|\n)[ \t]*(?:Image|Photo) (?:copyright|caption)\b[^\n]*/gi, reason: "image caption" },
  { re: /(?<=^|\n)[ \t]*(?:Photograph|Photo|Image|Picture):[^\n]{0,200}\((?:AP|Getty Images|Reuters|AFP|EPA)[^)]*\)[ \t]*(?=\n|$)/gi, reason: "image caption" },
];

/** Whole short lines that are promotion, sharing, navigation. */
const PROMO_LINES: RegExp[] = [
  /^(?:advertisement|sponsored content|continue reading(?: the main story)?|read more\b.*|related:.*|see also:.*|recommended:.*)$/i,
  /^(?:share|share this(?: article| story)?|tweet|email|print|comments?)(?:\s*[:|/•·]\s*\w+)*:?$/i,
  /^(?:share (?:on|via) (?:facebook|twitter|linkedin|whatsapp|email)\b.*)$/i,
  /^(?:subscribe|sign up|join us|follow us|like us|click here|download (?:our|the) app|get (?:our|the) (?:newsletter|app))\b.{0,150}$/i,
  /^.{0,120}\b(?:sign up for (?:our|the)\b.*newsletter|subscribe to (?:our|the)\b.*(?:newsletter|channel|podcast))\b.{0,80}$/i,
  /^(?:copyright|©|\(c\))\s.{0,150}$/i,
  /^all rights reserved\.?$/i,
];

const BIO_ROLE =
  /\b(?:co-?founder|founder|author|ceo|editor|columnist|contributor|contributing|writer|correspondent|journalist|reporter|professor|fellow|director|analyst|host|blogger|commentator|president of)\b/i;
const BIO_OPENING = /^(?:[A-Z][\p{L}'’.-]*\s){1,4}(?:is|was|serves as|has been)\s(?:a|an|the)\b/u;
const OPINION_DISCLAIMER = /\bopinions?\s+(?:expressed\s+)?in\s+this\s+(?:article|commentary|column|piece|post)\b|\bviews\s+expressed\s+(?:here|in this)\b/i;

/** "Story highlights" block: the heading and the short unpunctuated lines that follow it. */
function storyHighlights(text: string, paras: Paragraph[]): Cut[] {
  const cuts: Cut[] = [];
  const re = /Story highlights\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let end = m.index + m[0].length;
    const i = paras.findIndex((p) => p.end > m!.index);
    if (i < 0) continue;
    let j = i;
    for (let n = 0; j < paras.length && n < 6; j++, n++) {
      const p = paras[j]!;
      const from = Math.max(p.start, m.index + m[0].length);
      const body = text.slice(from, p.end).trim();
      if (body.length === 0) continue;
      if (/[.!?]["”’)]?$/.test(body) || words(body) > 40) break;
      end = p.end;
    }
    cuts.push({ start: m.index, end, reason: "story highlights" });
  }
  return cuts;
}

/** Author or promotional bio paragraphs near the start or at the end of an article. */
function authorBios(text: string, paras: Paragraph[]): Cut[] {
  const cuts: Cut[] = [];
  const isBio = (p: Paragraph): boolean => {
    const s = text.slice(p.start, p.end);
    if (OPINION_DISCLAIMER.test(s) && words(s) < 120) return true;
    return BIO_OPENING.test(s) && BIO_ROLE.test(s.slice(0, 200)) && words(s) < 150;
  };
  const n = paras.length;
  for (let i = 0; i < n; i++) {
    const nearStart = i < 4;
    const nearEnd = i >= n - 2;
    if (!(nearStart || nearEnd) || !isBio(paras[i]!)) continue;
    if (nearEnd && !nearStart) {
      // A closing bio runs to the end of the article.
      cuts.push({ start: paras[i]!.start, end: paras[n - 1]!.end, reason: "author bio" });
      break;
    }
    cuts.push({ start: paras[i]!.start, end: paras[i]!.end, reason: "author bio" });
  }
  return cuts;
}

function galleryCaptions(text: string): Cut[] {
  const cuts: Cut[] = [];
  for (const { re, reason } of GALLERY) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) cuts.push({ start: m.index, end: m.index + m[0].length, reason });
  }
  return cuts;
}

function promoLines(text: string): Cut[] {
  const cuts: Cut[] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const line = m[0].trim();
    if (line.length === 0 || line.length > 200) continue;
    if (PROMO_LINES.some((p) => p.test(line))) {
      const lead = m[0].length - m[0].trimStart().length;
      cuts.push({ start: m.index + lead, end: m.index + lead + line.length, reason: "promotion or sharing line" });
    }
  }
  return cuts;
}

/** All boilerplate cuts over `text`, in raw offsets, possibly overlapping. */
export function findBoilerplate(text: string): Cut[] {
  const paras = paragraphs(text);
  return [...galleryCaptions(text), ...storyHighlights(text, paras), ...authorBios(text, paras), ...promoLines(text)];
}
