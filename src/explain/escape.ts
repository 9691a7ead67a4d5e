/** Escapes text for HTML element content and attribute values. */
const HTML_SPECIAL = /[&<>"']/;

export function esc(s: string): string {
  // (five replacements by a fixed string run natively; one with a callback calls into JavaScript per character)
  return HTML_SPECIAL.test(s) ? s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;") : s;
}

/** Escapes text for Markdown (inline), so article text cannot add markup. */
const MD_SPECIAL = /[\\`*_[\]<>#|~]/;

export function mdEscape(s: string): string {
  return MD_SPECIAL.test(s) ? s.replace(/([\\`*_[\]<>#|~])/g, "\\$1") : s;
}

/** Text that `oneLine` must collapse: two spaces in a row, or whitespace other than a space. */
const NOT_ONE_LINE = / {2}|[^\S ]/;

/** Text on one line for a table cell: whitespace runs become one space. */
export function oneLine(s: string): string {
  // (text whose only whitespace is single spaces needs no collapsing, just the trim; the test is a regular
  // expression, not a character loop, because it runs in native code however cold the JavaScript is)
  return NOT_ONE_LINE.test(s) ? s.replace(/\s+/g, " ").trim() : s.trim();
}

/** Shortens text to at most `max` characters, at a word boundary where possible. */
export function clip(s: string, max: number): string {
  // collapse only as much of a long text as the clip can show (a prefix that collapses to more than
  // `max` characters begins exactly as the whole text collapsed does)
  let t = "";
  for (let n = 2 * max + 16; ; n *= 2) {
    t = oneLine(n < s.length ? s.slice(0, n) : s);
    if (t.length > max || n >= s.length) break;
  }
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const sp = cut.lastIndexOf(" ");
  return `${sp > max * 0.6 ? cut.slice(0, sp) : cut}…`;
}
