/**
 * Columnar token storage: offsets and small integer ids in typed arrays, so a million
 * tokens cost megabytes rather than a million objects.
 */
export const POS_TAGS = [
  "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
  "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE",
] as const;
export type PosTag = (typeof POS_TAGS)[number];
const POS_INDEX = new Map<string, number>(POS_TAGS.map((t, i) => [t, i]));

export function posId(tag: string): number {
  return POS_INDEX.get(tag) ?? POS_INDEX.get("X")!;
}

export interface TokenColumns {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Index into POS_TAGS. */
  pos: Uint8Array;
  /** Index of the sentence the token belongs to. */
  sentence: Int32Array;
}

export function tokenText(text: string, tokens: TokenColumns, i: number): string {
  return text.slice(tokens.start[i], tokens.end[i]);
}

export function tokenPos(tokens: TokenColumns, i: number): PosTag {
  return POS_TAGS[tokens.pos[i]!]!;
}

export function tokensToJSON(tokens: TokenColumns): { start: number[]; end: number[]; pos: string[]; sentence: number[] } {
  return {
    start: Array.from(tokens.start),
    end: Array.from(tokens.end),
    pos: Array.from(tokens.pos, (p) => POS_TAGS[p]!),
    sentence: Array.from(tokens.sentence),
  };
}

export function tokensFromJSON(json: { start: number[]; end: number[]; pos: string[]; sentence: number[] }): TokenColumns {
  return {
    count: json.start.length,
    start: Int32Array.from(json.start),
    end: Int32Array.from(json.end),
    pos: Uint8Array.from(json.pos, posId),
    sentence: Int32Array.from(json.sentence),
  };
}
