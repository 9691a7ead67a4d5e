/**
 * CAMEO coding tables: verb forms and patterns → event codes, actor names → actor codes,
 * agent nouns → role codes. One JSON-serialisable shape (`CameoTables`) is used both for the
 * committed product table (models/cameo-tables.json.gz, derived from the MIT-licensed PETRARCH2
 * dictionaries by `crosscheck train cameo-tables`) and for the PETRARCH validation dictionaries
 * that `crosscheck eval cameo` loads. This file parses the PETRARCH text formats (pure string
 * functions: no file reading) and compiles tables into lookup structures for the coder.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { modelPath } from "../../util/paths.js";

export interface CameoTables {
  /** [phrase, explicit forms ("" = generate regular forms, "-" = base form only), code, block]. Phrase words joined by space; `+` marks the inflected word of a multi-word verb. */
  verbs: [string, string, string, string][];
  /** [block, pattern, code]: pattern text as in PETRARCH (`*` the verb, `_` adjacency, `+`/`$`/`%` slots, `&SYN`). */
  patterns: [string, string, string][];
  /** Synset name (without `&`) → member phrases. */
  synsets: Record<string, string[]>;
  /** [phrase, codes]: codes `TUR`, `ELR/GAL`, or dated `HOB <19950601;HOBGOV 19950601-19990815;HOBREB >19990816`. */
  actors: [string, string][];
  /** [phrase, code]: `~GOV` (suffix) or `NGO~` (prefix); `!NOPLURAL` appended when the phrase takes no plural. */
  agents: [string, string][];
}

const stripComment = (line: string): string => line.replace(/#.*$/, "").replace(/<!--.*?-->/g, "");
const words = (s: string): string => s.replace(/_/g, " ").replace(/\s+/g, " ").trim().toUpperCase();

/** Parses a PETRARCH verb dictionary (CAMEO.2.0.txt or PETR.Validate.verbs.txt). */
export function parseVerbDictionary(text: string, into: CameoTables = emptyTables()): CameoTables {
  let block = "";
  let blockCode = "---";
  let synset: string | undefined;
  let inComment = false;
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine;
    if (inComment) {
      if (line.includes("-->")) inComment = false;
      continue;
    }
    if (line.includes("<!--") && !line.includes("-->")) {
      inComment = true;
      continue;
    }
    line = stripComment(line).trim();
    if (!line) {
      synset = undefined;
      continue;
    }
    const head = /^---\s*(\S+)\s*\[([^\]]*)\]\s*---/.exec(line);
    if (head) {
      block = head[1]!.replace(/_$/, "");
      blockCode = head[2]!.trim();
      synset = undefined;
      continue;
    }
    if (line.startsWith("&")) {
      synset = line.slice(1).trim().toUpperCase().replace(/_+$/, "");
      into.synsets[synset] = [];
      continue;
    }
    if (line.startsWith("~")) continue; // transformations: not supported
    if (synset !== undefined && line.startsWith("+")) {
      into.synsets[synset]!.push(words(line.slice(1)));
      continue;
    }
    if (!block) continue;
    if (line.startsWith("-")) {
      const m = /^-\s*(.*?)\s*\[([^\]]*)\]\s*$/.exec(line);
      if (m && m[1]!.includes("*")) into.patterns.push([block, m[1]!.toUpperCase(), m[2]!.trim()]);
      continue;
    }
    // a verb line: WORD {FORMS} [code]
    const m = /^(\S+)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!m) continue;
    let phrase = m[1]!.toUpperCase();
    if (phrase.startsWith("+") && !phrase.includes("_")) phrase = phrase.slice(1);
    const ws = phrase.split("_").filter(Boolean);
    const hasHead = ws.some((w) => w.startsWith("+"));
    const normalised = ws.map((w, i) => (w.startsWith("+") ? w : !hasHead && i === 0 && ws.length > 1 ? `+${w}` : w)).join(" ");
    const forms = m[2] !== undefined ? m[2].trim().replace(/\s+/g, " ").toUpperCase() || "-" : "";
    into.verbs.push([normalised, forms, (m[3] ?? blockCode).trim(), block]);
  }
  return into;
}

function normDate(d: string): string {
  const s = d.trim();
  if (/^\d{6}$/.test(s)) return `19${s}`;
  return s;
}

/** Parses a PETRARCH actor dictionary (Phoenix.*.actors.txt or PETR.Validate.actors.txt). */
export function parseActorDictionary(text: string, into: CameoTables = emptyTables(), keep?: (phrase: string, codes: string) => boolean): CameoTables {
  let names: string[] = [];
  let codes: string[] = [];
  const flush = (): void => {
    if (names.length && codes.length) {
      const c = codes.join(";");
      for (const n of names) if (!keep || keep(n, c)) into.actors.push([n, c]);
    }
    names = [];
    codes = [];
  };
  let inComment = false;
  for (const rawLine of text.split(/\r?\n/)) {
    if (inComment) {
      if (rawLine.includes("-->")) inComment = false;
      continue;
    }
    if (/<!\s*-?-/.test(rawLine) && !rawLine.includes("-->")) {
      inComment = true;
      continue;
    }
    const line = stripComment(rawLine);
    if (!line.trim()) continue;
    const codeRe = /\[([^\]]*)\]/g;
    const found: string[] = [];
    for (let m = codeRe.exec(line); m; m = codeRe.exec(line)) {
      const body = m[1]!.trim();
      const cm = /^(\S+)\s*(.*)$/.exec(body);
      if (!cm) continue;
      const restriction = cm[2]!.trim().replace(/\s+/g, "");
      let r = "";
      if (restriction.startsWith("<")) r = ` <${normDate(restriction.slice(1))}`;
      else if (restriction.startsWith(">")) r = ` >${normDate(restriction.slice(1))}`;
      else if (restriction.includes("-")) {
        const [a, b] = restriction.split("-");
        r = ` ${normDate(a!)}-${normDate(b!)}`;
      } else if (restriction) continue; // malformed restriction: skip
      found.push(cm[1]!.toUpperCase() + r);
    }
    const name = line.replace(/\[[^\]]*\]/g, "").trim();
    if (/^\s/.test(line) && !name) {
      codes.push(...found);
      continue;
    }
    if (name.startsWith("+")) {
      names.push(words(name.slice(1)));
      codes.push(...found);
      continue;
    }
    if (!name) continue;
    flush();
    names = [words(name)];
    codes = found;
  }
  flush();
  return into;
}

/** Parses a PETRARCH agent dictionary (Phoenix.agents.txt or PETR.Validate.agents.txt). */
export function parseAgentDictionary(text: string, into: CameoTables = emptyTables()): CameoTables {
  const macros = new Map<string, string[]>();
  let inComment = false;
  for (const rawLine of text.split(/\r?\n/)) {
    if (inComment) {
      if (rawLine.includes("-->")) inComment = false;
      continue;
    }
    if (rawLine.includes("<!--") && !rawLine.includes("-->")) {
      inComment = true;
      continue;
    }
    const line = stripComment(rawLine).trim();
    if (!line) continue;
    const macro = /^!(\w+)!\s*=\s*(.*)$/.exec(line);
    if (macro) {
      macros.set(macro[1]!.toUpperCase(), macro[2]!.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean));
      continue;
    }
    const m = /^(\S+(?:\s+\S+)*?)\s*(\{[^}]*\})?\s*\[\s*([^\]]*?)\s*\]/.exec(line);
    if (!m) continue;
    let phrases = [m[1]!.toUpperCase()];
    for (;;) {
      const next: string[] = [];
      let changed = false;
      for (const p of phrases) {
        const mm = /!(\w+)!/.exec(p);
        const subs = mm ? macros.get(mm[1]!) : undefined;
        if (mm && subs) {
          changed = true;
          for (const s of subs) next.push(p.replace(mm[0], s));
        } else next.push(p);
      }
      phrases = next;
      if (!changed) break;
    }
    const plurals = m[2] ? m[2].slice(1, -1).trim() : undefined;
    const code = m[3]!.replace(/\s+/g, "").toUpperCase();
    for (const p of phrases) {
      into.agents.push([words(p), plurals === "" ? `${code}!NOPLURAL` : code]);
      if (plurals) for (const pl of plurals.split(/\s+/)) into.agents.push([words(pl), `${code}!NOPLURAL`]);
    }
  }
  return into;
}

export function emptyTables(): CameoTables {
  return { verbs: [], patterns: [], synsets: {}, actors: [], agents: [] };
}

// ---------------------------------------------------------------------------------------------
// compiled form

export interface PatternWord {
  /** A literal word, or `&SYN` for a synset. */
  word: string;
  /** True when this word must directly follow the previous one (`_`). */
  adjacent: boolean;
  /** For `&SYN`: the synset's member phrases as word lists, resolved when the tables are compiled; null when the synset is unknown (the word never matches). */
  members?: string[][] | null;
}

export interface CompiledPattern {
  pre: PatternWord[];
  post: PatternWord[];
  code: string;
  /** Slots marked in the pattern: where the target (`+`), source (`$`) or compound (`%`) sits. */
  slots: { side: "pre" | "post"; index: number; kind: "+" | "$" | "%" }[];
  weight: number;
  /** Literal (non-synset) words the sentence must contain for the pattern to match. */
  literals: string[];
  /** The literals as ids of `PatternIndex.vocab`, for the per-sentence pre-check. */
  literalIds: Int32Array;
  /** The pattern's synsets as indices into `PatternIndex.synsetFirst` (one of their members' first words must be in the sentence). */
  synsetIds: Int32Array;
  /** A word names an unknown synset: the pattern can never match. */
  never: boolean;
}

/**
 * What the coder needs to skip patterns that cannot match a sentence without trying them: every word a pattern
 * names (literals and the first words of synset members) gets an id, and each synset the ids of its members'
 * first words. A sentence marks the ids of its words (and their singulars); a pattern is tried only when all of
 * its literals are marked and each of its synsets has a marked first word.
 */
export interface PatternIndex {
  vocab: Map<string, number>;
  synsetFirst: Int32Array[];
}

/** The patterns of one verb block, with their pre-check data laid out flat (pattern j: `[start[j], start[j + 1])`). */
export interface BlockPatterns {
  patterns: CompiledPattern[];
  weight: Int32Array;
  never: Uint8Array;
  literalStart: Int32Array;
  literals: Int32Array;
  synsetStart: Int32Array;
  synsets: Int32Array;
}

function blockPatterns(patterns: CompiledPattern[]): BlockPatterns {
  const n = patterns.length;
  const literalStart = new Int32Array(n + 1);
  const synsetStart = new Int32Array(n + 1);
  patterns.forEach((p, j) => {
    literalStart[j + 1] = literalStart[j]! + p.literalIds.length;
    synsetStart[j + 1] = synsetStart[j]! + p.synsetIds.length;
  });
  const literals = new Int32Array(literalStart[n]!);
  const synsets = new Int32Array(synsetStart[n]!);
  patterns.forEach((p, j) => {
    literals.set(p.literalIds, literalStart[j]);
    synsets.set(p.synsetIds, synsetStart[j]);
  });
  return {
    patterns,
    weight: Int32Array.from(patterns, (p) => p.weight),
    never: Uint8Array.from(patterns, (p) => (p.never ? 1 : 0)),
    literalStart,
    literals,
    synsetStart,
    synsets,
  };
}

/** One node of the actor/agent phrase trie: phrases as word paths from the root. */
export class PhraseNode {
  next: Map<string, PhraseNode> | undefined = undefined;
  actor: ActorCode[][] | undefined = undefined;
  agent: string | undefined = undefined;

  child(word: string): PhraseNode {
    this.next ??= new Map();
    let c = this.next.get(word);
    if (!c) {
      c = new PhraseNode();
      this.next.set(word, c);
    }
    return c;
  }
}

export interface VerbSense {
  block: string;
  code: string;
  /** Words of a multi-word verb, the head (inflected) word at `head`. */
  words: string[];
  head: number;
}

export interface ActorCode {
  code: string;
  /** Inclusive yyyymmdd range the code applies to; absent = always. */
  from?: string;
  to?: string;
}

export interface CompiledTables {
  /** Surface form (upper case) of the inflected word → senses. */
  verbForms: Map<string, VerbSense[]>;
  patterns: Map<string, CompiledPattern[]>;
  synsets: Map<string, string[][]>;
  /** Actor phrase (upper case, space-joined) → codes; `actorFirst` indexes phrases by first word. */
  actors: Map<string, ActorCode[][]>;
  actorFirst: Map<string, number>;
  agents: Map<string, string>;
  agentFirst: Map<string, number>;
  /** The actor and agent phrases as a word trie (the coder walks it instead of building keys). */
  phrases: PhraseNode;
  patternIndex: PatternIndex;
  /** Block → its patterns (the same lists as `patterns`) with flat pre-check data. */
  blockPatterns: Map<string, BlockPatterns>;
}

function regularForms(base: string): string[] {
  const out = new Set([base]);
  const cons = /[^AEIOU]$/.test(base);
  if (/(S|SH|CH|X|Z)$/.test(base)) out.add(`${base}ES`);
  else if (/[^AEIOU]Y$/.test(base)) out.add(`${base.slice(0, -1)}IES`);
  else out.add(`${base}S`);
  if (base.endsWith("E")) {
    out.add(`${base}D`);
    out.add(`${base.slice(0, -1)}ING`);
  } else if (/[^AEIOU]Y$/.test(base)) {
    out.add(`${base.slice(0, -1)}IED`);
    out.add(`${base}ING`);
  } else {
    out.add(`${base}ED`);
    out.add(`${base}ING`);
    if (cons && /[AEIOU][^AEIOUWXY]$/.test(base) && !/[AEIOU]{2}[^AEIOU]$/.test(base)) {
      const last = base.slice(-1);
      out.add(`${base}${last}ED`);
      out.add(`${base}${last}ING`);
    }
  }
  return [...out];
}

/** The main irregular verbs of news English (forms the dictionaries do not always list). */
const IRREGULAR: Record<string, string[]> = {
  SHOOT: ["SHOT"], MEET: ["MET"], BRING: ["BROUGHT"], SEEK: ["SOUGHT"], FIGHT: ["FOUGHT"], STRIKE: ["STRUCK"],
  HOLD: ["HELD"], LEAVE: ["LEFT"], SEND: ["SENT"], SAY: ["SAID"], TELL: ["TOLD"], GIVE: ["GAVE", "GIVEN"],
  TAKE: ["TOOK", "TAKEN"], BREAK: ["BROKE", "BROKEN"], SEIZE: [], FLEE: ["FLED"], LEAD: ["LED"], SPEAK: ["SPOKE", "SPOKEN"],
  BEAT: ["BEATEN"], HIT: ["HIT"], PUT: ["PUT"], SET: ["SET"], CUT: ["CUT"], DRAW: ["DREW", "DRAWN"], THROW: ["THREW", "THROWN"],
  BUILD: ["BUILT"], STAND: ["STOOD"], WITHDRAW: ["WITHDREW", "WITHDRAWN"], UNDERTAKE: ["UNDERTOOK", "UNDERTAKEN"], FORBID: ["FORBADE", "FORBIDDEN"],
  FORGIVE: ["FORGAVE", "FORGIVEN"], SHUT: ["SHUT"], SELL: ["SOLD"], BUY: ["BOUGHT"], WIN: ["WON"], LOSE: ["LOST"], KEEP: ["KEPT"],
  FIND: ["FOUND"], BIND: ["BOUND"], SPEND: ["SPENT"], LEND: ["LENT"], BEGIN: ["BEGAN", "BEGUN"], RUN: ["RAN"], COME: ["CAME"],
  OVERCOME: ["OVERCAME"], GO: ["WENT", "GONE"], SEE: ["SAW", "SEEN"], FORESEE: ["FORESAW", "FORESEEN"], STEAL: ["STOLE", "STOLEN"],
  SWEAR: ["SWORE", "SWORN"], TEAR: ["TORE", "TORN"], WAGE: [], FREEZE: ["FROZE", "FROZEN"], RIDE: ["RODE", "RIDDEN"], RISE: ["ROSE", "RISEN"],
  STICK: ["STUCK"], FEED: ["FED"], SLAY: ["SLEW", "SLAIN"], DRIVE: ["DROVE", "DRIVEN"], WRITE: ["WROTE", "WRITTEN"], UPHOLD: ["UPHELD"],
  WITHHOLD: ["WITHHELD"], OVERTHROW: ["OVERTHREW", "OVERTHROWN"], FORGET: ["FORGOT", "FORGOTTEN"], BLOW: ["BLEW", "BLOWN"], SHAKE: ["SHOOK", "SHAKEN"],
  SPREAD: ["SPREAD"], HURT: ["HURT"], QUIT: ["QUIT"], TEACH: ["TAUGHT"], THINK: ["THOUGHT"], CATCH: ["CAUGHT"], FALL: ["FELL", "FALLEN"],
};

/** Irregular past forms (SHOT, MET, ...): verbs even where a tagger calls them nouns. */
export const IRREGULAR_PAST = new Set(Object.values(IRREGULAR).flat());

function compilePattern(text: string, code: string): CompiledPattern | undefined {
  const cleaned = text.replace(/[(){}]/g, " ").replace(/\s+/g, " ").trim();
  const star = cleaned.indexOf("*");
  if (star < 0) return undefined;
  const side = (s: string, which: "pre" | "post", slots: CompiledPattern["slots"]): PatternWord[] => {
    const out: PatternWord[] = [];
    const tokens = s.trim().split(/\s+/).filter(Boolean);
    for (const tok of tokens) {
      const parts = tok.split("_");
      parts.forEach((p, i) => {
        const adjacent = i > 0 || (which === "post" && out.length === 0 && s.startsWith("_")) || (which === "pre" && false);
        for (const ch of ["+", "$", "%"] as const) {
          if (p.includes(ch)) {
            slots.push({ side: which, index: out.length, kind: ch });
            p = p.split(ch).join("");
          }
        }
        // (members present from the start, set for synsets when the tables are compiled: one shape for every pattern word)
        if (p) out.push({ word: p, adjacent, members: undefined });
      });
    }
    return out;
  };
  const slots: CompiledPattern["slots"] = [];
  const preText = cleaned.slice(0, star);
  const postText = cleaned.slice(star + 1);
  const pre = side(preText, "pre", slots);
  const post = side(postText, "post", slots);
  // `X_*`: X directly before the verb; `*_Y`: Y directly after it
  if (preText.endsWith("_") && pre.length) pre[pre.length - 1]!.adjacent = true;
  if (postText.startsWith("_") && post.length) post[0]!.adjacent = true;
  const literals = [...pre, ...post].map((w) => w.word).filter((w) => !w.startsWith("&"));
  return { pre, post, code, slots, weight: pre.length + post.length, literals, literalIds: new Int32Array(0), synsetIds: new Int32Array(0), never: false };
}

function parseActorCodes(codes: string): ActorCode[][] {
  const out: ActorCode[][] = [];
  for (const c of codes.split(";")) {
    const [code, range] = c.split(" ");
    const alts = code!.split("/");
    let from: string | undefined;
    let to: string | undefined;
    if (range?.startsWith("<")) to = String(Number(range.slice(1)) - 1);
    else if (range?.startsWith(">")) from = range.slice(1);
    else if (range?.includes("-")) [from, to] = range.split("-") as [string, string];
    // (the keys a dated code has, in the same order: `from` and `to` only when set)
    out.push(alts.map((a): ActorCode => (from !== undefined ? (to !== undefined ? { code: a, from, to } : { code: a, from }) : to !== undefined ? { code: a, to } : { code: a })));
  }
  return out;
}

function plural(word: string): string[] {
  if (/(S|SH|CH|X|Z)$/.test(word)) return [`${word}ES`];
  if (/[^AEIOU]Y$/.test(word)) return [`${word.slice(0, -1)}IES`];
  if (word.endsWith("MAN")) return [`${word.slice(0, -3)}MEN`];
  return [`${word}S`];
}

export function compileTables(t: CameoTables): CompiledTables {
  const verbForms = new Map<string, VerbSense[]>();
  const addForm = (form: string, sense: VerbSense): void => {
    const list = verbForms.get(form);
    if (!list) verbForms.set(form, [sense]);
    else if (!list.some((s) => s.block === sense.block && s.words.join(" ") === sense.words.join(" "))) list.push(sense);
  };
  for (const [phrase, forms, code, block] of t.verbs) {
    const ws = phrase.split(" ");
    let head = ws.findIndex((w) => w.startsWith("+"));
    if (head < 0) head = 0;
    const clean = ws.map((w) => w.replace(/^\+/, ""));
    const base = clean[head]!;
    const all = new Set<string>([base]);
    if (forms !== "-") {
      for (const f of regularForms(base)) all.add(f);
      for (const f of IRREGULAR[base] ?? []) all.add(f);
      if (forms) for (const f of forms.split(" ")) all.add(f.replace(/_.*$/, ""));
    }
    for (const f of all) {
      const w = clean.slice();
      w[head] = f;
      addForm(f, { block, code, words: w, head });
    }
  }
  const synsets = new Map<string, string[][]>();
  const expand = (name: string, depth: number): string[][] => {
    const out: string[][] = [];
    for (const m of t.synsets[name] ?? []) {
      if (m.startsWith("&") && depth < 4) out.push(...expand(m.slice(1).trim(), depth + 1));
      else out.push(m.split(" "));
    }
    return out;
  };
  for (const name of Object.keys(t.synsets)) synsets.set(name.replace(/_+$/, ""), expand(name, 0));
  const vocab = new Map<string, number>();
  const wordId = (w: string): number => {
    let id = vocab.get(w);
    if (id === undefined) {
      id = vocab.size;
      vocab.set(w, id);
    }
    return id;
  };
  const synsetIndex = new Map<string, number>();
  const synsetFirst: Int32Array[] = [];
  const patterns = new Map<string, CompiledPattern[]>();
  for (const [block, text, code] of t.patterns) {
    const p = compilePattern(text, code);
    if (!p) continue;
    const syn: number[] = [];
    for (const w of [...p.pre, ...p.post]) {
      if (!w.word.startsWith("&")) continue;
      const name = w.word.slice(1);
      const members = synsets.get(name);
      w.members = members ?? null;
      if (!members) {
        p.never = true;
        continue;
      }
      let si = synsetIndex.get(name);
      if (si === undefined) {
        si = synsetFirst.length;
        synsetIndex.set(name, si);
        synsetFirst.push(Int32Array.from(new Set(members.map((m) => wordId(m[0]!)))));
      }
      syn.push(si);
    }
    p.literalIds = Int32Array.from(p.literals, wordId);
    p.synsetIds = Int32Array.from(syn);
    const list = patterns.get(block) ?? [];
    list.push(p);
    patterns.set(block, list);
  }
  const actors = new Map<string, ActorCode[][]>();
  const actorFirst = new Map<string, number>();
  // many names share one code string ("USAGOV"): parsed once, the same (read-only) lists for each
  const parsed = new Map<string, ActorCode[][]>();
  for (const [phrase, codes] of t.actors) {
    if (!phrase) continue;
    let list = parsed.get(codes);
    if (!list) {
      list = parseActorCodes(codes);
      parsed.set(codes, list);
    }
    actors.set(phrase, list);
    const ws = phrase.split(" ");
    actorFirst.set(ws[0]!, Math.max(actorFirst.get(ws[0]!) ?? 0, ws.length));
  }
  const agents = new Map<string, string>();
  const agentFirst = new Map<string, number>();
  const addAgent = (phrase: string, code: string): void => {
    if (!agents.has(phrase)) agents.set(phrase, code);
    const ws = phrase.split(" ");
    agentFirst.set(ws[0]!, Math.max(agentFirst.get(ws[0]!) ?? 0, ws.length));
  };
  for (const [phrase, rawCode] of t.agents) {
    const noPlural = rawCode.endsWith("!NOPLURAL");
    const code = rawCode.replace("!NOPLURAL", "");
    addAgent(phrase, code);
    if (!noPlural) {
      const ws = phrase.split(" ");
      for (const p of plural(ws[ws.length - 1]!)) addAgent([...ws.slice(0, -1), p].join(" "), code);
    }
  }
  const phrases = new PhraseNode();
  const nodeOf = (phrase: string): PhraseNode => {
    let node = phrases;
    for (const w of phrase.split(" ")) node = node.child(w);
    return node;
  };
  for (const [phrase, codes] of actors) nodeOf(phrase).actor = codes;
  for (const [phrase, code] of agents) nodeOf(phrase).agent = code;
  const blocks = new Map<string, BlockPatterns>();
  for (const [block, list] of patterns) blocks.set(block, blockPatterns(list));
  return { verbForms, patterns, synsets, actors, actorFirst, agents, agentFirst, phrases, patternIndex: { vocab, synsetFirst }, blockPatterns: blocks };
}

let productTables: CompiledTables | undefined;

/** The product's compact table (models/cameo-tables.json.gz), compiled on first use. */
export function defaultTables(): CompiledTables {
  if (productTables) return productTables;
  const file = modelPath("cameo-tables.json.gz");
  if (!existsSync(file)) throw new Error(`crosscheck: missing model file ${file} (run: crosscheck train cameo-tables)`);
  const raw = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as CameoTables;
  productTables = compileTables(raw);
  return productTables;
}
