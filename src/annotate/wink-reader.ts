/**
 * wink-nlp's English pipeline for tokens, sentence boundaries and POS tags (what `nlp.readDoc(text)` with
 * the pipe ["sbd", "pos"] and the wink-eng-lite-web-model computes), run from wink's own parts (lexicon
 * cache, tokenizer, token mappers, the model's automata, transformers and setters) but without wink's
 * per-document objects, and remembering what does not depend on the document:
 *
 * - the tokens of a space-delimited piece of text (wink's tokenizer, with vocabulary-only lookups, see
 *   `vocabularyOnly`), kept in a hash table keyed by the piece's characters, so that a piece seen before
 *   is found without cutting it out of the text;
 * - everything wink derives from one token alone (its "normal", default POS tag, the SBD and POS
 *   transformers' outputs), kept per distinct token ("type": lexeme, expansion pointer and lemma/POS word);
 * - the automata (wink-nlp's src/automaton.js) as transition tables over the symbols they know, so that
 *   `recognize` reads typed arrays instead of objects keyed by number strings.
 *
 * The recogniser below follows wink-nlp's `recognize()` (src/automaton.js) step by step, and the POS
 * updater/setter and SBD setter those of wink-eng-lite-web-model 1.8.1 (pos-updater.js, pos-setter.js,
 * sbd-setter.js); the result is the same tokens, sentences and tags, number for number. wink-nlp and
 * wink-eng-lite-web-model are © GRAYPE Systems Private Limited, MIT licence.
 */
import { createRequire } from "node:module";
import model from "wink-eng-lite-web-model";
import { growInt32 } from "../util/arrays.js";

/** wink-nlp's lexicon cache (src/cache.js), the parts used here. */
interface WinkCache {
  lookup(text: string): number[] | null;
  intrinsicSize(): number;
  value(index: number): string;
  valueOf(feature: string, index: number): string;
  isMemberPOS(lexemeIdx: number, posIdx: number): boolean;
}
/** wink-nlp's raw document data, as far as its tokenizer and token mappers use it. */
interface RawDocData {
  cache: WinkCache;
  tokens: number[];
  numOfTokens: number;
  nonBreakingSpaces: Record<number, string>;
}
/** What wink-nlp's per-document wrapper (src/dd-wrapper.js) gives its tokenizer. */
interface DocWrapper {
  _addTokenIfInCache(text: string, precedingSpaces: number, nbsp: string | null): number;
  isLexeme(text: string): number[] | null;
}
type Tokenize = (doc: DocWrapper, text: string) => void;
type Transformer = (token: number, cache: WinkCache, rawTokens: number[], i: number) => number;
interface CoreModel {
  trex: unknown;
  tcat: { hash: unknown };
  preserve: unknown;
}
interface AutomataModel {
  machines: string[];
  transformers: Transformer[];
}
interface WinkModel {
  core(): CoreModel;
  sbd(): AutomataModel;
  pos(): AutomataModel;
  featureFn: unknown;
}
interface Mappers {
  mapRawTokens2UIdOfNormal(rdd: RawDocData): number[];
  mapRawTokens2UIdOfDefaultPOS(rdd: RawDocData): number[];
}

/** wink's event numbers (src/automaton.js): end of the tokens, and the "otherwise" transition. */
const EOS_TOKEN = 2070000;
const OTHERWISE = "2070003";
/** wink-nlp's POS bits in a token's third number (constants.js: posMask, bits4lemma). */
const POS_MASK = 0x3f00000;
const POS_SHIFT = 20;

/** One of the model's automata as tables: `next[state * symbols + symbol]` (0 = back to the root). */
interface Machine {
  symbols: number;
  /** event (the property key wink's `fsm[state][t]` uses, i.e. String(t)) → symbol; 0 = no transition */
  symbolOf: Map<string, number>;
  next: Int32Array;
  terminal: Uint8Array;
  otherwise: Int32Array;
  /** matches at these states are dropped (wink's pattern name "0") */
  drop: Uint8Array;
  markStart: Int32Array;
  markEnd: Int32Array;
  /** the pattern name as a number (the POS machines name their target tag so), NaN if none */
  nameNum: Float64Array;
  eosSymbol: number;
  /** symbol of each small number (the POS machines' events are tag numbers) */
  smallSymbol: Int32Array;
}

/** Builds a machine from wink's exported JSON (`[100, lastUsedState, fsm, terminalStates, markedStates, customProperties]`). */
function buildMachine(json: string): Machine {
  const [, lastUsed, fsm, terminals, marks] = JSON.parse(json) as [number, number, Record<string, Record<string, number>>, Record<string, string>, Record<string, [number, number]>];
  const symbolOf = new Map<string, number>();
  let maxState = lastUsed;
  for (const s of Object.keys(fsm)) {
    maxState = Math.max(maxState, Number(s));
    for (const ev of Object.keys(fsm[s]!)) if (!symbolOf.has(ev)) symbolOf.set(ev, symbolOf.size + 1);
  }
  const states = maxState + 1;
  const symbols = symbolOf.size + 1;
  const next = new Int32Array(states * symbols);
  const otherwise = new Int32Array(states);
  for (const s of Object.keys(fsm)) {
    const row = fsm[s]!;
    const st = Number(s);
    for (const ev of Object.keys(row)) next[st * symbols + symbolOf.get(ev)!] = row[ev] || 0;
    otherwise[st] = row[OTHERWISE] || 0;
  }
  const terminal = new Uint8Array(states);
  const drop = new Uint8Array(states);
  const nameNum = new Float64Array(states).fill(NaN);
  for (const s of Object.keys(terminals)) {
    const st = Number(s);
    if (st >= states) throw new Error(`wink model: terminal state ${s} beyond the machine's states`);
    const name = terminals[s]!;
    terminal[st] = name ? 1 : 0;
    drop[st] = name === "0" ? 1 : 0;
    nameNum[st] = Number(name);
  }
  const markStart = new Int32Array(states);
  const markEnd = new Int32Array(states);
  for (const s of Object.keys(marks)) {
    const st = Number(s);
    if (st >= states) continue;
    markStart[st] = marks[s]![0];
    markEnd[st] = marks[s]![1];
  }
  const smallSymbol = new Int32Array(64);
  for (let v = 0; v < 64; v++) smallSymbol[v] = symbolOf.get(String(v)) ?? 0;
  return { symbols, symbolOf, next, terminal, otherwise, drop, markStart, markEnd, nameNum, eosSymbol: symbolOf.get(String(EOS_TOKEN)) ?? 0, smallSymbol };
}

/**
 * wink-nlp's `recognize()` (src/automaton.js) for a machine without pattern swaps and with its token
 * transformer already applied: `syms[j]` is token j's symbol, -1 for a token wink skips (the machine's
 * ignored token). Matches go to `out` as (first, last, state) triples, after wink's marking; the
 * control flow (restarts, "otherwise" fall-backs) is wink's own.
 */
function recognize(m: Machine, syms: Int32Array, length: number, out: number[]): void {
  out.length = 0;
  const next = m.next;
  const nsym = m.symbols;
  const terminal = m.terminal;
  const otherwise = m.otherwise;
  let first = 0;
  let state = 0;
  let ns = 0;
  let lastOtherwiseIndex = 0;
  let lastOtherwiseState = 0;
  for (let i = 0; i <= length; i += 1) {
    for (let j = i; j <= length; j += 1) {
      let s: number;
      if (j === length) s = m.eosSymbol;
      else {
        s = syms[j]!;
        if (s < 0) continue;
      }
      ns = next[state * nsym + s]!;
      if (state === 0 && ns !== 0) first = j;
      if (terminal[ns] === 1) {
        pushMatch(m, out, first, j, ns);
        i = j;
        j = length + 100;
        ns = 0;
        lastOtherwiseState = 0;
      } else if (ns === 0) {
        if (lastOtherwiseState !== 0) {
          pushMatch(m, out, first, lastOtherwiseIndex, lastOtherwiseState);
          i = lastOtherwiseIndex;
          j = length + 100;
          ns = 0;
          lastOtherwiseState = 0;
        } else {
          j = length + 100;
        }
      }
      state = ns;
      if (otherwise[state] !== 0) {
        lastOtherwiseIndex = j;
        lastOtherwiseState = otherwise[state]!;
      }
    }
  }
}

/** wink's pushMatch2Patterns: name "0" dropped, marks narrow the span. */
function pushMatch(m: Machine, out: number[], first: number, last: number, state: number): void {
  if (m.drop[state] === 1) return;
  out.push(first + m.markStart[state]!, last - m.markEnd[state]!, state);
}

/** The parts of wink-nlp and its model, built once. */
interface Wink {
  cache: WinkCache;
  tokenize: Tokenize;
  /** the document wrapper the tokenizer fills, over `rdd` */
  doc: DocWrapper;
  rdd: RawDocData;
  mappers: Mappers;
  sbd: Machine;
  sbdTransform: Transformer;
  pos: Machine[];
  posTransform: Transformer;
  /** lexeme of the token each machine ignores (wink's `keyLF`) */
  sbdIgnored: number;
  posIgnored: number;
}

/**
 * wink-nlp's tokenizer asks its lexicon cache whether a raw token is a known word, and that cache also
 * keeps every out-of-vocabulary string it has seen. So a string seen once as a whole (say "Britain's"
 * reached through the recursive tokenizer in one article) was later found as a "known" word and no
 * longer split: an article's tokens depended on which articles the process had read before it (a batch
 * and a single run gave different tokens). The document wrapper's tokenizer-facing lookups therefore
 * answer only for the model's own vocabulary, so out-of-vocabulary text takes the first-sight path every
 * time. (The cache itself is unchanged: the POS features still read it.) The replaced addTokenIfInCache
 * does wink's pushes itself after its one lookup (wink's own would look the text up again).
 */
function vocabularyOnly(original: (rdd: RawDocData) => DocWrapper, rdd: RawDocData): DocWrapper {
  const doc = original(rdd);
  const cache = rdd.cache;
  const intrinsic = cache.intrinsicSize();
  const oov = (hit: number[] | null): boolean => hit !== null && hit.length === 1 && hit[0]! >= intrinsic;
  const tokens = rdd.tokens;
  // wink's addTokenIfInCache (dd-wrapper.js) with one lookup: unknown and out-of-vocabulary text adds
  // nothing (0, wink's UNK); a word is pushed with its preceding spaces, a contraction as its expansions
  doc._addTokenIfInCache = (text, precedingSpaces, nbsp) => {
    const hit = cache.lookup(text);
    if (hit === null || oov(hit)) return 0;
    const withNbsp = nbsp !== null && precedingSpaces > 0;
    if (hit.length === 1) {
      const idx = tokens.push(hit[0]!, precedingSpaces, 0, 0);
      if (withNbsp) rdd.nonBreakingSpaces[idx / 4 - 1] = nbsp;
      return 99;
    }
    for (let k = 0; k < hit.length; k += 4) {
      const ps = (k === 0 ? precedingSpaces : 0) | (hit[k + 1]! << 16);
      const idx = tokens.push(hit[k]!, ps, hit[k + 2]! | (hit[k + 3]! << 20), 0);
      if (withNbsp) rdd.nonBreakingSpaces[idx / 4 - 1] = nbsp;
    }
    return 99;
  };
  doc.isLexeme = (text) => {
    const hit = cache.lookup(text);
    return oov(hit) ? null : hit;
  };
  return doc;
}

let wink: Wink | undefined;

function loadWink(): Wink {
  const require = createRequire(import.meta.url);
  const version = (require("wink-eng-lite-web-model/package.json") as { version: string }).version;
  // the per-type shortcuts below rest on this model's transformers, updater and setters (see above)
  if (version !== "1.8.1") throw new Error(`wink-reader follows wink-eng-lite-web-model 1.8.1, found ${version}`);
  const m = model as unknown as WinkModel;
  const Cache = require("wink-nlp/src/cache.js") as (core: CoreModel, featureFn: unknown) => WinkCache;
  const compileTRex = require("wink-nlp/src/compile-trex.js") as (trex: unknown) => unknown;
  const tokenizer = require("wink-nlp/src/tokenizer.js") as (trex: unknown, categories: unknown, preserve: unknown) => Tokenize;
  const wrapper = require("wink-nlp/src/dd-wrapper.js") as (rdd: RawDocData) => DocWrapper;
  const mappers = require("wink-nlp/src/tokens-mappers.js") as Mappers;
  // as wink-nlp's load(): the cache over the core model, the tokenizer over its compiled regexes
  const core = m.core();
  const cache = Cache(core, m.featureFn);
  const tokenize = tokenizer(compileTRex(core.trex), core.tcat.hash, core.preserve);
  const rdd: RawDocData = { cache, tokens: [], numOfTokens: 0, nonBreakingSpaces: Object.create(null) as Record<number, string> };
  const doc = vocabularyOnly(wrapper, rdd);
  const sbdModel = m.sbd();
  const posModel = m.pos();
  if (sbdModel.machines.length !== 1) throw new Error("wink-reader expects one SBD machine (no pattern swaps)");
  if (posModel.machines.length > T_LEN - T_POS_HINT) throw new Error("wink-reader: too many POS machines for its type records");
  const pos = posModel.machines.map(buildMachine);
  const posIgnored = cache.lookup(cache.value(0))![0]!;
  // wink's updater stores a positive target tag as its name (a string), which its next machine never takes
  // for the ignored token (a strict comparison with a number); here tags stay numbers, the same as long as
  // no positive target is that number
  for (const mc of pos) for (const t of mc.nameNum) if (t > 0 && t === posIgnored) throw new Error("wink-reader: a POS target equals the ignored token");
  return {
    cache,
    tokenize,
    doc,
    rdd,
    mappers,
    sbd: buildMachine(sbdModel.machines[0]!),
    sbdTransform: sbdModel.transformers[0]!,
    pos,
    // wink-nlp runs every POS machine with the first transformer
    posTransform: posModel.transformers[0]!,
    // wink's fsm(cache) ignores "\n"; the POS machines are made with fsm(cache, cache.value(0))
    sbdIgnored: cache.lookup("\n")![0]!,
    posIgnored,
  };
}

/* ---------- token types: what wink derives from one token alone ---------- */

let typeCount = 0;
/** plain tokens (no expansion bits): lexeme → type + 1 */
let plainType: Int32Array = new Int32Array(1 << 17);
/** contraction expansions: "lexeme,high bits of the second number,third number" → type */
const expansionType = new Map<string, number>();
const typeValue: string[] = [];
/**
 * Per type, 8 numbers (one cache line holds two types): wink's normal (the automata's token); the SBD
 * symbol after wink's transformer without and with preceding spaces (-1: skipped, "\n"); the default POS
 * tag (wink's mapRawTokens2UIdOfDefaultPOS); the POS tag fixed by the lexicon (expansions), -1 when the
 * tagger decides; per POS machine (up to 2), the symbol of the token's POS hint, -1 without a hint (the
 * tag itself is then the event); the length of the token's text.
 */
const TYPE = 8;
const T_NORMAL = 0;
const T_SBD0 = 1;
const T_SBD1 = 2;
const T_POS_DEFAULT = 3;
const T_POS_FIXED = 4;
const T_POS_HINT = 5;
const T_LEN = 7;
let types: Int32Array = new Int32Array(TYPE << 16);

/** A value no transformer returns for a real token: its return means "the token passed through". */
const PASS_THROUGH = -987654321;

function newType(w: Wink, lex: number, high: number, third: number): number {
  const t = typeCount++;
  if ((t + 1) * TYPE > types.length) types = growInt32(types, (t + 1) * TYPE);
  const b = t * TYPE;
  const cache = w.cache;
  typeValue[t] = cache.value(lex);
  types[b + T_LEN] = typeValue[t]!.length;
  // one token through wink's own mappers and transformers
  const one: RawDocData = { cache, tokens: [lex, high, third, 0], numOfTokens: 1, nonBreakingSpaces: Object.create(null) as Record<number, string> };
  const normal = w.mappers.mapRawTokens2UIdOfNormal(one)[0]!;
  types[b + T_NORMAL] = normal;
  if (normal === w.sbdIgnored) {
    types[b + T_SBD0] = -1;
    types[b + T_SBD1] = -1;
  } else {
    // the SBD transformer reads the token's normal, its lexeme and whether spaces precede it
    types[b + T_SBD0] = w.sbd.symbolOf.get(String(w.sbdTransform(normal, cache, [lex, high, third, 0], 0))) ?? 0;
    types[b + T_SBD1] = w.sbd.symbolOf.get(String(w.sbdTransform(normal, cache, [lex, high | 1, third, 0], 0))) ?? 0;
  }
  types[b + T_POS_DEFAULT] = w.mappers.mapRawTokens2UIdOfDefaultPOS(one)[0]!;
  types[b + T_POS_FIXED] = third === 0 ? -1 : (third & POS_MASK) >>> POS_SHIFT;
  // the POS transformer gives the lexeme's POS hint, or the tag it was given
  const hinted = w.posTransform(PASS_THROUGH, cache, [lex, high, third, 0], 0);
  for (let k = 0; k < w.pos.length; k++) types[b + T_POS_HINT + k] = hinted === PASS_THROUGH ? -1 : (w.pos[k]!.symbolOf.get(String(hinted)) ?? 0);
  return t;
}

function typeOf(w: Wink, lex: number, high: number, third: number): number {
  if (high === 0 && third === 0) {
    if (lex >= plainType.length) plainType = growInt32(plainType, lex + 1);
    const known = plainType[lex]!;
    if (known !== 0) return known - 1;
    const t = newType(w, lex, high, third);
    plainType[lex] = t + 1;
    return t;
  }
  const key = `${lex},${high},${third}`;
  let t = expansionType.get(key);
  if (t === undefined) expansionType.set(key, (t = newType(w, lex, high, third)));
  return t;
}

/* ---------- the piece memo ---------- */

/** Distinct pieces remembered before the memo starts afresh (it only saves work; it changes no result). */
const MEMO_MAX = 1 << 17;
const SLOTS = MEMO_MAX * 2;
/**
 * Open addressing, one 64-byte slot (16 numbers) a piece, so that finding a piece usually reads one cache
 * line: hash, length (0: empty slot), token count, pool offset of the tokens (more than 2), char pool
 * offset of the key (longer than 12), the key's chars two a number (up to 12), then up to 2 tokens inline
 * as (type, preceding-space bits as wink's tokenizer gave them for the piece alone).
 */
const SLOT = 16;
const S_HASH = 0;
const S_LEN = 1;
const S_COUNT = 2;
const S_POOL = 3;
const S_KEY = 4;
const S_CHARS = 5;
const INLINE_CHARS = 12;
const S_TOKENS = 11;
const INLINE_TOKENS = 2;
/** 1 when the piece is its tokens' texts one after the other (no spaces recorded) */
const S_EXACT = 15;
const table = new Int32Array(SLOTS * SLOT);
let entries = 0;
/** tokens of pieces with more than 2, (type, spaces) pairs */
let pool: Int32Array = new Int32Array(1 << 16);
let poolUsed = 0;
/** keys longer than INLINE_CHARS */
let chars = new Uint16Array(1 << 16);
let charsUsed = 0;

function clearMemo(): void {
  table.fill(0);
  entries = 0;
  poolUsed = 0;
  charsUsed = 0;
}

/** Whether the key at slot offset `b` is text[k, k + len). */
function sameKey(b: number, text: string, k: number, len: number): boolean {
  if (len <= INLINE_CHARS) {
    for (let i = 0; i < len; i++) {
      const packed = table[b + S_CHARS + (i >> 1)]!;
      if (text.charCodeAt(k + i) !== ((i & 1) === 0 ? packed & 0xffff : packed >>> 16)) return false;
    }
    return true;
  }
  const at = table[b + S_KEY]!;
  for (let i = 0; i < len; i++) if (text.charCodeAt(k + i) !== chars[at + i]) return false;
  return true;
}

/** Records text[k, k + len) at the empty slot offset `b`, with the tokens out[n0, n0 + n). */
function record(b: number, h: number, text: string, k: number, len: number, n0: number, n: number, exact: boolean): void {
  entries++;
  table[b + S_HASH] = h;
  table[b + S_EXACT] = exact ? 1 : 0;
  table[b + S_LEN] = len;
  table[b + S_COUNT] = n;
  if (len <= INLINE_CHARS) {
    for (let i = 0; i < len; i++) table[b + S_CHARS + (i >> 1)]! |= text.charCodeAt(k + i) << ((i & 1) * 16);
  } else {
    if (charsUsed + len > chars.length) {
      let m = chars.length * 2;
      while (m < charsUsed + len) m *= 2;
      const c = new Uint16Array(m);
      c.set(chars);
      chars = c;
    }
    for (let i = 0; i < len; i++) chars[charsUsed + i] = text.charCodeAt(k + i);
    table[b + S_KEY] = charsUsed;
    charsUsed += len;
  }
  if (n <= INLINE_TOKENS) {
    for (let q = 0; q < n; q++) {
      table[b + S_TOKENS + 2 * q] = out.type[n0 + q]!;
      table[b + S_TOKENS + 2 * q + 1] = out.spaces[n0 + q]!;
    }
  } else {
    if (poolUsed + 2 * n > pool.length) pool = growInt32(pool, poolUsed + 2 * n);
    for (let q = 0; q < n; q++) {
      pool[poolUsed + 2 * q] = out.type[n0 + q]!;
      pool[poolUsed + 2 * q + 1] = out.spaces[n0 + q]!;
    }
    table[b + S_POOL] = poolUsed;
    poolUsed += 2 * n;
  }
}

/* ---------- the document being read ---------- */

/** The tokens, tags and sentences of the text read last (arrays reused from call to call). */
export interface WinkText {
  /** number of tokens */
  count: number;
  /** token type (see `tokenValue`) */
  type: Int32Array;
  /** preceding spaces (wink's low 16 bits; 0xffff: the non-breaking spaces in `nbsp`) */
  spaces: Int32Array;
  /**
   * where the token's text (`tokenValue`) stands in the text read, when its piece is its tokens' texts
   * one after the other; -1 when not known so
   */
  start: Int32Array;
  /** the non-breaking spaces before a token whose `spaces` is 0xffff */
  nbsp: string[];
  /** wink's POS index of each token */
  pos: Int32Array;
  /** sentences as first/last token index pairs, flat */
  sentences: number[];
}

const out: WinkText = {
  count: 0,
  type: new Int32Array(1024),
  spaces: new Int32Array(1024),
  start: new Int32Array(1024),
  nbsp: [],
  pos: new Int32Array(1024),
  sentences: [],
};
let symbols: Int32Array = new Int32Array(1024);
let posTags: Int32Array = new Int32Array(1024);
const matches: number[] = [];

/** The text of a token type. */
export function tokenValue(type: number): string {
  return typeValue[type]!;
}

/** The length of a token type's text. */
export function tokenLength(type: number): number {
  return types[type * TYPE + T_LEN]!;
}

/** wink's POS name of its POS index. */
export function winkPosName(index: number): string {
  wink ??= loadWink();
  return wink.cache.valueOf("pos", index);
}

function ensureTokens(n: number): void {
  if (n <= out.type.length) return;
  out.type = growInt32(out.type, n);
  out.spaces = growInt32(out.spaces, n);
  out.start = growInt32(out.start, n);
}

/** Sets the tokens' `start` from `from` to `to` (a piece's tokens, the piece starting at `k`): exact or not. */
function setStarts(from: number, to: number, k: number, exact: boolean): void {
  if (!exact) {
    for (let q = from; q < to; q++) out.start[q] = -1;
    return;
  }
  let at = k;
  for (let q = from; q < to; q++) {
    out.start[q] = at;
    at += types[out.type[q]! * TYPE + T_LEN]!;
  }
}

/** Whether the tokens from `from` to `to` are text[k, e) one after the other, without spaces. */
function isExact(text: string, k: number, e: number, from: number, to: number): boolean {
  let at = k;
  for (let q = from; q < to; q++) {
    const v = typeValue[out.type[q]!]!;
    if (out.spaces[q] !== 0 || !text.startsWith(v, at)) return false;
    at += v.length;
  }
  return at === e;
}

/** Appends the tokens wink's tokenizer left in its scratch document (from `from` on). */
function takeScratch(w: Wink, count: number): number {
  const raw = w.rdd.tokens;
  const n = raw.length / 4;
  ensureTokens(count + n);
  for (let k = 0; k < n; k++) {
    out.type[count + k] = typeOf(w, raw[4 * k]!, raw[4 * k + 1]! & ~0xffff, raw[4 * k + 2]!);
    out.spaces[count + k] = raw[4 * k + 1]! & 0xffff;
  }
  return count + n;
}

/**
 * wink's tokenizer loop (src/tokenizer.js `tokenize`): the text is cut at runs of spaces (the
 * splitter's first class, non-breaking ones included) and runs of line breaks/tabs (its second class);
 * a space run sets the next piece's preceding spaces, every other run is a piece to tokenize. A piece
 * seen before takes its remembered tokens, its preceding spaces or-ed into the first; a new piece goes
 * through wink's tokenizer alone and is remembered; a piece after non-breaking spaces goes through
 * wink's tokenizer with those spaces (they are kept per token) and is not remembered.
 */
function tokenizeText(w: Wink, text: string, start: number, end: number): number {
  let count = 0;
  let spaces = 0;
  let nbsp: string | null = null;
  let k = start;
  while (k < end) {
    const c = text.charCodeAt(k);
    const cls = charClass(c);
    if (cls === SPACE_CLASS) {
      let e = k + 1;
      let plain = c === 0x20;
      while (e < end) {
        const d = text.charCodeAt(e);
        if (charClass(d) !== SPACE_CLASS) break;
        if (d !== 0x20) plain = false;
        e++;
      }
      if (plain) {
        spaces = e - k;
        if (spaces > 0xfffe) spaces = 0xfffe;
      } else {
        nbsp = text.slice(k, e);
        spaces = 0xffff;
      }
      k = e;
      continue;
    }
    // a piece: a run of line breaks/tabs, or of anything else
    let e = k + 1;
    let h = c;
    while (e < end) {
      const d = text.charCodeAt(e);
      if (charClass(d) !== cls) break;
      h = (Math.imul(h, 31) + d) | 0;
      e++;
    }
    if (nbsp !== null) {
      w.rdd.tokens.length = 0;
      const nbs = (w.rdd.nonBreakingSpaces = Object.create(null) as Record<number, string>);
      w.tokenize(w.doc, nbsp + text.slice(k, e));
      const from = count;
      count = takeScratch(w, count);
      setStarts(from, count, k, false);
      for (const key of Object.keys(nbs)) out.nbsp[from + Number(key)] = nbs[Number(key)]!;
    } else {
      const len = e - k;
      let slot = h & (SLOTS - 1);
      let found = -1;
      for (;;) {
        const b = slot * SLOT;
        const l = table[b + S_LEN]!;
        if (l === 0) break;
        if (l === len && table[b + S_HASH] === h && sameKey(b, text, k, len)) {
          found = b;
          break;
        }
        slot = (slot + 1) & (SLOTS - 1);
      }
      const n0 = count;
      if (found >= 0) {
        const n = table[found + S_COUNT]!;
        ensureTokens(count + n);
        if (n <= INLINE_TOKENS) {
          for (let q = 0; q < n; q++) {
            out.type[count + q] = table[found + S_TOKENS + 2 * q]!;
            out.spaces[count + q] = table[found + S_TOKENS + 2 * q + 1]!;
          }
        } else {
          const at = table[found + S_POOL]!;
          for (let q = 0; q < n; q++) {
            out.type[count + q] = pool[at + 2 * q]!;
            out.spaces[count + q] = pool[at + 2 * q + 1]!;
          }
        }
        setStarts(count, count + n, k, table[found + S_EXACT] === 1);
        count += n;
      } else {
        w.rdd.tokens.length = 0;
        w.tokenize(w.doc, text.slice(k, e));
        count = takeScratch(w, count);
        const exact = isExact(text, k, e, n0, count);
        setStarts(n0, count, k, exact);
        if (entries >= MEMO_MAX) {
          clearMemo();
          slot = h & (SLOTS - 1);
          while (table[slot * SLOT + S_LEN] !== 0) slot = (slot + 1) & (SLOTS - 1);
        }
        record(slot * SLOT, h, text, k, len, n0, count - n0, exact);
      }
      if (count > n0) out.spaces[n0]! |= spaces;
    }
    spaces = 0;
    nbsp = null;
    k = e;
  }
  return count;
}

const SPACE_CLASS = 1;
const LINE_CLASS = 2;
const OTHER_CLASS = 0;
/** The class of a character in wink's splitter `([ \u00a0\u2002-\u2005\u2009\u200a\u202f\u205f]+|[\n\r\t]+)`. */
function charClass(c: number): number {
  if (c === 0x20) return SPACE_CLASS;
  if (c < 0x20) return c === 0x0a || c === 0x0d || c === 0x09 ? LINE_CLASS : OTHER_CLASS;
  if (c < 0xa0) return OTHER_CLASS;
  if (c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f) return SPACE_CLASS;
  return OTHER_CLASS;
}

/**
 * Reads `text[start, end)` as wink-nlp's readDoc (pipe ["sbd", "pos"]) would read that slice: tokens,
 * their POS tags and the sentences. The result's arrays are reused by the next call.
 */
export function readText(text: string, start: number, end: number): WinkText {
  const w = (wink ??= loadWink());
  const n = tokenizeText(w, text, start, end);
  out.count = n;
  if (symbols.length < n) {
    symbols = growInt32(symbols, n);
    posTags = growInt32(posTags, n);
  }
  if (out.pos.length < n) out.pos = growInt32(out.pos, n);
  const type = out.type;
  const spaces = out.spaces;

  // sentence boundaries: the SBD machine over the transformed tokens, then wink's sbd-setter
  for (let j = 0; j < n; j++) {
    symbols[j] = types[type[j]! * TYPE + (spaces[j]! !== 0 ? T_SBD1 : T_SBD0)]!;
  }
  recognize(w.sbd, symbols, n, matches);
  const sentences = out.sentences;
  sentences.length = 0;
  let lo = 0;
  let hi = n - 1;
  for (let i = 0; i < matches.length; i += 3) {
    hi = matches[i]!;
    if (i < matches.length - 3) {
      sentences.push(lo, hi);
      lo = matches[i]! + 1;
      hi = n - 1;
    }
  }
  sentences.push(lo, hi);
  if (hi < n - 1) sentences.push(hi + 1, n - 1);

  // POS: default tags, then each machine (events: the lexeme's hint, else the tag) and wink's updater
  for (let j = 0; j < n; j++) posTags[j] = types[type[j]! * TYPE + T_POS_DEFAULT]!;
  for (let k = 0; k < w.pos.length; k++) {
    const m = w.pos[k]!;
    for (let j = 0; j < n; j++) {
      const tag = posTags[j]!;
      if (tag === w.posIgnored) {
        symbols[j] = -1;
        continue;
      }
      const hint = types[type[j]! * TYPE + T_POS_HINT + k]!;
      symbols[j] = hint >= 0 ? hint : tag >= 0 && tag < 64 ? m.smallSymbol[tag]! : (m.symbolOf.get(String(tag)) ?? 0);
    }
    recognize(m, symbols, n, matches);
    for (let i = 0; i < matches.length; i += 3) {
      const at = matches[i]!;
      const target = m.nameNum[matches[i + 2]!]!;
      if (at < 0 || at >= n) throw new Error("wink-reader: a POS match outside the tokens");
      if (target < 0) posTags[at] = Math.abs(target);
      else if (w.cache.isMemberPOS(types[type[at]! * TYPE + T_NORMAL]!, target)) posTags[at] = target;
    }
  }
  // wink's pos-setter: the tagger's tag where the lexicon fixed none
  for (let j = 0; j < n; j++) {
    const fixed = types[type[j]! * TYPE + T_POS_FIXED]!;
    out.pos[j] = fixed >= 0 ? fixed : ((posTags[j]! << POS_SHIFT) & POS_MASK) >>> POS_SHIFT;
  }
  return out;
}
