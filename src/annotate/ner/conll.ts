/**
 * CoNLL-2003 files (`word POS chunk NER`, IOB1 or IOB2, `-DOCSTART-` document breaks) and
 * entity-level counting exactly as the `conlleval` Perl script does it.
 */
import { readFileSync } from "node:fs";

export interface ConllSentence {
  words: string[];
  /** The last column (NER tag) as written in the file. */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

/** Parses CoNLL text into documents of sentences; `-DOCSTART-` starts a new document. */
export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument = { sentences: [] };
  let sent: ConllSentence = { words: [], tags: [] };
  const flushSentence = (): void => {
    if (sent.words.length) doc.sentences.push(sent);
    sent = { words: [], tags: [] };
  };
  const flushDoc = (): void => {
    flushSentence();
    if (doc.sentences.length) docs.push(doc);
    doc = { sentences: [] };
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flushSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === "-DOCSTART-") {
      flushDoc();
      continue;
    }
    sent.words.push(cols[0]!);
    sent.tags.push(cols.length > 1 ? cols[cols.length - 1]! : "O");
  }
  flushDoc();
  return docs;
}

export function readConll(path: string): ConllDocument[] {
  return parseConll(readFileSync(path, "utf8"));
}

/** IOB1 or IOB2 tags to IOB2 (every entity starts with B-). */
export function toIob2(tags: readonly string[]): string[] {
  const out: string[] = [];
  let prevType = "";
  for (const t of tags) {
    if (t === "O" || t.length < 3) {
      out.push("O");
      prevType = "";
      continue;
    }
    const prefix = t[0]!;
    const type = t.slice(2);
    if (prefix === "I" && prevType !== type) out.push(`B-${type}`);
    else out.push(prefix === "E" || prefix === "L" ? `I-${type}` : prefix === "S" || prefix === "U" ? `B-${type}` : `${prefix}-${type}`);
    prevType = type;
  }
  return out;
}

/** Entity chunks [start, end) with type, from IOB1/IOB2 tags, using conlleval's chunk rules. */
export function chunks(tags: readonly string[]): { start: number; end: number; type: string }[] {
  const out: { start: number; end: number; type: string }[] = [];
  let prevTag = "O";
  let prevType = "";
  let open = -1;
  let openType = "";
  for (let i = 0; i <= tags.length; i++) {
    const [tag, type] = i < tags.length ? splitTag(tags[i]!) : ["O", ""];
    if (open >= 0 && endOfChunk(prevTag, tag, prevType, type)) {
      out.push({ start: open, end: i, type: openType });
      open = -1;
    }
    if (startOfChunk(prevTag, tag, prevType, type)) {
      open = i;
      openType = type;
    }
    prevTag = tag;
    prevType = type;
  }
  return out;
}

function splitTag(t: string): [string, string] {
  if (t === "O" || t.length < 2) return ["O", ""];
  const dash = t.indexOf("-");
  return dash < 0 ? [t, ""] : [t.slice(0, dash), t.slice(dash + 1)];
}

/** conlleval's endOfChunk: does a chunk end between the previous and the current tag? */
function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === "B" && tag === "B") return true;
  if (prevTag === "B" && tag === "O") return true;
  if (prevTag === "I" && tag === "B") return true;
  if (prevTag === "I" && tag === "O") return true;
  if (prevTag === "E" && (tag === "E" || tag === "I" || tag === "O")) return true;
  if (prevTag === "S" || prevTag === "U") return true;
  if (prevTag !== "O" && prevTag !== "." && prevType !== type) return true;
  return false;
}

/** conlleval's startOfChunk: does a chunk start at the current tag? */
function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === "B" && tag === "B") return true;
  if (prevTag === "I" && tag === "B") return true;
  if (prevTag === "O" && tag === "B") return true;
  if (prevTag === "O" && tag === "I") return true;
  if (prevTag === "E" && (tag === "E" || tag === "I")) return true;
  if (prevTag === "O" && tag === "E") return true;
  if (tag === "S" || tag === "U") return true;
  if (tag !== "O" && tag !== "." && prevType !== type) return true;
  return false;
}

export interface ChunkCounts {
  correct: number;
  guessed: number;
  gold: number;
  tokens: number;
  correctTags: number;
  perType: Map<string, { correct: number; guessed: number; gold: number }>;
}

export function emptyCounts(): ChunkCounts {
  return { correct: 0, guessed: 0, gold: 0, tokens: 0, correctTags: 0, perType: new Map() };
}

function typeCounts(c: ChunkCounts, type: string): { correct: number; guessed: number; gold: number } {
  let t = c.perType.get(type);
  if (!t) c.perType.set(type, (t = { correct: 0, guessed: 0, gold: 0 }));
  return t;
}

/**
 * Adds one sentence to the counts, exactly as conlleval's main loop: a guessed chunk is correct
 * when it starts and ends where a gold chunk does, with the same type. Sentences are separated
 * by an implicit `O`, so chunks never cross them.
 */
export function countSentence(counts: ChunkCounts, gold: readonly string[], guess: readonly string[]): void {
  let inCorrect = false;
  let lastCorrect = "O";
  let lastCorrectType = "";
  let lastGuessed = "O";
  let lastGuessedType = "";
  for (let i = 0; i <= gold.length; i++) {
    const [correct, correctType] = i < gold.length ? splitTag(gold[i]!) : ["O", ""];
    const [guessed, guessedType] = i < gold.length ? splitTag(guess[i] ?? "O") : ["O", ""];
    const endC = endOfChunk(lastCorrect, correct, lastCorrectType, correctType);
    const endG = endOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
    if (inCorrect) {
      if (endC && endG && lastGuessedType === lastCorrectType) {
        inCorrect = false;
        counts.correct++;
        typeCounts(counts, lastCorrectType).correct++;
      } else if (endC !== endG || guessedType !== correctType) {
        inCorrect = false;
      }
    }
    const startC = startOfChunk(lastCorrect, correct, lastCorrectType, correctType);
    const startG = startOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
    if (startC && startG && guessedType === correctType) inCorrect = true;
    if (startC) {
      counts.gold++;
      typeCounts(counts, correctType).gold++;
    }
    if (startG) {
      counts.guessed++;
      typeCounts(counts, guessedType).guessed++;
    }
    if (i < gold.length) {
      counts.tokens++;
      if (correct === guessed && correctType === guessedType) counts.correctTags++;
    }
    lastCorrect = correct;
    lastCorrectType = correctType;
    lastGuessed = guessed;
    lastGuessedType = guessedType;
  }
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function prf(correct: number, guessed: number, gold: number): Prf {
  const precision = guessed ? correct / guessed : 0;
  const recall = gold ? correct / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
