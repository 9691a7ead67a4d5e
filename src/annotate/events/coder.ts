/**
 * A dictionary-driven CAMEO event coder over POS-tagged tokens, without a parser: noun-phrase
 * chunks from POS tags, actor and agent phrases from the tables, coordination and "agent of/in/
 * from country" attachment, verb patterns matched in order around the verb, subjects found to
 * the left (inherited across "and"-coordinated verbs), objects to the right, passive voice with
 * a "by" agent.
 */
import { formOf, internEpoch, internId } from "./intern.js";
import { IRREGULAR_PAST, type ActorCode, type CompiledPattern, type CompiledTables, type BlockPatterns, type PatternIndex, type PatternWord, type PhraseNode, type VerbSense } from "./tables.js";

export interface CoderToken {
  text: string;
  start: number;
  end: number;
  /** Universal POS tag. */
  pos: string;
}

/** One coded actor: CAMEO code split into its country part and role parts. */
export interface CodedActor {
  code: string;
  country?: string;
  role?: string;
  /** Token range [first, last] of the phrase that gave the actor. */
  first: number;
  last: number;
}

export interface CodedEvent {
  code: string;
  verb: number;
  /** Token range of the verb (multi-word verbs span several tokens). */
  verbFirst: number;
  verbLast: number;
  block: string;
  source: CodedActor;
  target: CodedActor;
  passive: boolean;
  /** Passive voice with a "by" agent as the source. */
  byAgent?: boolean;
  pattern?: string;
}

interface Mention {
  first: number;
  last: number;
  kind: "actor" | "agent";
  /** actor: alternatives (compound codes like ELR/GAL); agent: the code with `~`. */
  codes: string[];
  /** Explicit "no actor" phrase (`---`). */
}

/** An actor group: coordinated chunks that together name one or more actors. */
interface Group {
  first: number;
  last: number;
  actors: CodedActor[];
  /** Tokens of the group that are agents only (no country): can take a country by "of X". */
  agentOnly: boolean;
  /** The group joins actors with a conjunction ("A and B"), not only commas (an apposition). */
  conj: boolean;
}

/** How far after the verb a pattern's words may reach (tokens): a pattern describes the verb phrase, not the sentence. */
const PATTERN_REACH = 10;
/** Verb forms that are prepositions or discourse markers in news ("according to"). */
const NOT_VERBS = new Set(["ACCORDING", "REGARDING", "CONCERNING", "INCLUDING", "FOLLOWING", "DURING", "GIVEN"]);
const NP_POS = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM"]);
const BE = new Set(["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "'S", "GET", "GOT", "GETS"]);
const LINK_PREP = new Set(["OF", "IN", "FROM", "AT", "FOR"]);
const COORD = new Set(["AND", "OR", "NOR", "&"]);
/** Words that end the clause after a verb (its object is looked for before them). */
const CLAUSE_END = new Set(["WHICH", "WHO", "WHILE", "BECAUSE", "ALTHOUGH", "UNTIL", "WHEN"]);
const CLAUSE_BREAK = new Set(["WHICH", "WHO", "WHOM", "WHOSE", "THAT", "WHILE", "WHEN", "AFTER", "BEFORE", "BECAUSE", "SINCE", "ALTHOUGH", "THOUGH", "IF", "UNTIL", ";", ":"]);


/** Picks the actor codes valid on `date` (yyyymmdd): the first dated code that applies, else the first undated. */
function resolveCodes(groups: ActorCode[][], date?: string): string[] {
  const out: string[] = [];
  let chosen: ActorCode[] | undefined;
  if (date) chosen = groups.find((g) => g[0] && (g[0].from !== undefined || g[0].to !== undefined) && (g[0].from === undefined || date >= g[0].from) && (g[0].to === undefined || date <= g[0].to));
  chosen ??= groups.find((g) => g[0] && g[0].from === undefined && g[0].to === undefined);
  if (!chosen && !date) chosen = groups[groups.length - 1];
  for (const c of chosen ?? []) out.push(c.code);
  return out;
}

function findMentions(words: string[], ids: ArrayLike<number>, lex: Lexicon, date?: string, names?: [number, number][]): Mention[] {
  const out: Mention[] = [];
  let i = 0;
  while (i < words.length) {
    // walk the phrase trie one word at a time; the longest match wins, an actor over an agent of equal length
    let bestLast = -1;
    let bestActor: ActorCode[][] | undefined;
    let bestAgent = "";
    // the first word's node (and plural actor) come from the lexicon, deeper words from the node's children
    let child = lex.root[ids[i]!] ?? undefined;
    let codes = child?.actor ?? lex.rootPlural[ids[i]!] ?? undefined;
    let keyLen = words[i]!.length;
    for (let at = i; ; ) {
      if (codes) {
        bestLast = at;
        bestActor = codes;
      } else if (child?.agent) {
        bestLast = at;
        bestActor = undefined;
        bestAgent = child.agent;
      }
      if (!child) break;
      const next = child.next;
      if (!next || ++at >= words.length) break;
      const w = words[at]!;
      keyLen += w.length + 1;
      child = next.get(w);
      codes = child?.actor;
      // a plural of an actor noun names the same actor ("Turks", "Americans")
      if (codes === undefined && keyLen > 4 && w.charCodeAt(w.length - 1) === 83) codes = next.get(w.slice(0, -1))?.actor;
    }
    if (bestLast >= 0) {
      out.push(bestActor ? { first: i, last: bestLast, kind: "actor", codes: resolveCodes(bestActor, date) } : { first: i, last: bestLast, kind: "agent", codes: [bestAgent] });
      i = bestLast + 1;
    } else i++;
  }
  // names from an entity layer (or capitalised sequences) not in the tables: actors without a code
  if (names) {
    for (const [a, b] of names) {
      let overlaps = false;
      for (const m of out) {
        if (m.first <= b && m.last >= a) {
          overlaps = true;
          break;
        }
      }
      if (overlaps) continue;
      out.push({ first: a, last: b, kind: "actor", codes: [""] });
    }
    out.sort((x, y) => x.first - y.first);
  }
  return out;
}

/** The actor of a country/actor code with agent codes (`~GOV` suffixes, `NGO~` prefixes), over tokens [first, last]. */
function combine(country: string, agents: string[], first: number, last: number): CodedActor {
  let prefix = "";
  let suffix = "";
  for (let k = 0; k < agents.length; k++) {
    const a = agents[k]!;
    if (a.startsWith("~")) {
      const s = a.slice(1);
      if (!suffix.endsWith(s) && !country.endsWith(s)) suffix += s;
    } else if (a.endsWith("~")) prefix += a.slice(0, -1);
  }
  const code = `${prefix}${country}${suffix}`;
  const c = country.length >= 3 && country !== "---" ? country.slice(0, 3) : undefined;
  const role = suffix || (country.length > 3 ? country.slice(3) : undefined) || undefined;
  // (one hidden class for every actor: country and role are undefined when not set, which JSON drops, so the
  // serialised keys are as before — code, country and role only when set, first, last)
  return { code, country: c || undefined, role: role || undefined, first, last };
}

interface Chunk {
  first: number;
  last: number;
  ms: Mention[];
}

/** Whether token k belongs to a noun-phrase chunk. */
function isNpToken(k: number, words: string[], pos: string[], inMention: Int32Array, verbLike: boolean[]): boolean {
  if (inMention[k]! >= 0 || (NP_POS.has(pos[k]!) && !verbLike[k]) || words[k] === "'S" || words[k] === "'") return true;
  const w = words[k]!;
  return pos[k] === "VERB" && (w.endsWith("ING") || w.endsWith("ED")) && k + 1 < words.length && (pos[k + 1] === "NOUN" || pos[k + 1] === "PROPN") && k > 0 && (pos[k - 1] === "DET" || pos[k - 1] === "ADJ");
}

/** The actors of a chunk (fresh objects on every call): its first actor's codes with its agents' roles, else its agents alone. */
function chunkActors(c: Chunk): { actors: CodedActor[]; agentOnly: boolean } {
  // (every actors array from this one literal, whichever way the chunk goes: V8 learns its elements kind at this
  // site, and the pushes and reads in buildGroups see one array map, not a Smi array now and an object array later)
  const actors: CodedActor[] = [];
  if (!c.ms.length) return { actors, agentOnly: false };
  let head: Mention | undefined;
  const agents: string[] = [];
  for (let k = 0; k < c.ms.length; k++) {
    const m = c.ms[k]!;
    if (m.kind === "actor") head ??= m;
    else if (m.kind === "agent") agents.push(m.codes[0]!);
  }
  if (!head) {
    actors.push(combine("---", agents, c.first, c.last));
    return { actors, agentOnly: true };
  }
  // several actor mentions in one chunk: the possessor ("X's Y") or the head; keep the first
  // (PETRARCH takes the first actor of the NP); alternatives of a compound code each count
  for (let k = 0; k < head.codes.length; k++) actors.push(combine(head.codes[k]!, agents, c.first, c.last));
  return { actors, agentOnly: false };
}

/** Whether words[a, b) are one or two commas or conjunctions (a list gap). */
function isListGap(words: string[], a: number, b: number): boolean {
  return b - a <= 2 && onlyCommasOrConjunctions(words, a, b);
}

/** Whether words[a, b) are at least one word, all commas or conjunctions. */
function onlyCommasOrConjunctions(words: string[], a: number, b: number): boolean {
  if (b <= a) return false;
  for (let k = a; k < b; k++) if (words[k] !== "," && !COORD.has(words[k]!)) return false;
  return true;
}

/**
 * Builds actor groups: NP chunks (POS runs, possessives, and the mentions themselves), merged
 * over coordination and over "agents of/in/from <country>".
 */
function buildGroups(words: string[], pos: string[], mentions: Mention[], verbLike: boolean[]): Group[] {
  const inMention = new Int32Array(words.length).fill(-1);
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    for (let t = m.first; t <= m.last; t++) inMention[t] = k;
  }
  // chunks
  const chunks: Chunk[] = [];
  let t = 0;
  while (t < words.length) {
    if (!isNpToken(t, words, pos, inMention, verbLike)) {
      t++;
      continue;
    }
    const first = t;
    while (t < words.length && isNpToken(t, words, pos, inMention, verbLike)) {
      // a possessive ends a chunk only when the next word starts a new NP with a mention
      t++;
    }
    const ms: Mention[] = [];
    for (let k = 0; k < mentions.length; k++) {
      const m = mentions[k]!;
      if (m.first >= first && m.last < t) ms.push(m);
    }
    chunks.push({ first, last: t - 1, ms });
  }
  const groups: Group[] = [];
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k]!;
    const ca = chunkActors(c);
    if (!ca.actors.length) continue;
    const g: Group = { first: c.first, last: c.last, actors: ca.actors, agentOnly: ca.agentOnly, conj: false };
    // coordination: ", X", "and X", ", and X"
    let j = k + 1;
    while (j < chunks.length) {
      const from = g.last + 1;
      const to = chunks[j]!.first;
      if (!isListGap(words, from, to)) break;
      const nxt = chunkActors(chunks[j]!);
      if (!nxt.actors.length) {
        // "lions, tigers, and Gondor": skip uncoded members of the list
        const after = chunks[j]!.last + 1;
        if (onlyCommasOrConjunctions(words, after, chunks[j + 1]?.first ?? after)) {
          g.last = chunks[j]!.last;
          j++;
          continue;
        }
        break;
      }
      if (nxt.agentOnly !== g.agentOnly && !g.agentOnly) break;
      for (let q = from; q < to; q++) if (COORD.has(words[q]!)) g.conj = true;
      for (let q = 0; q < nxt.actors.length; q++) g.actors.push(nxt.actors[q]!);
      g.agentOnly = g.agentOnly && nxt.agentOnly;
      g.last = chunks[j]!.last;
      j++;
    }
    // "agents of/in/from <countries>": give the agents their countries
    if (g.agentOnly && j < chunks.length) {
      if (chunks[j]!.first - (g.last + 1) === 1 && LINK_PREP.has(words[g.last + 1]!)) {
        const sub: Group = { first: chunks[j]!.first, last: chunks[j]!.last, actors: chunkActors(chunks[j]!).actors, agentOnly: false, conj: false };
        let jj = j + 1;
        while (jj < chunks.length) {
          if (!isListGap(words, sub.last + 1, chunks[jj]!.first)) break;
          const nxt = chunkActors(chunks[jj]!);
          if (!nxt.actors.length || nxt.agentOnly) break;
          for (let q = 0; q < nxt.actors.length; q++) sub.actors.push(nxt.actors[q]!);
          sub.last = chunks[jj]!.last;
          jj++;
        }
        let allCoded = sub.actors.length > 0;
        for (let q = 0; q < sub.actors.length && allCoded; q++) if (sub.actors[q]!.code.startsWith("---")) allCoded = false;
        if (allCoded) {
          const merged: CodedActor[] = [];
          for (let a = 0; a < g.actors.length; a++) {
            const ag = g.actors[a]!;
            for (let b = 0; b < sub.actors.length; b++) {
              const c = sub.actors[b]!;
              const roleOfAgent = ag.code.slice(3);
              merged.push(combine(c.code, roleOfAgent ? [`~${roleOfAgent}`] : [], g.first, sub.last));
            }
          }
          // keep the order PETRARCH lists: by country within each agent
          g.actors = merged;
          g.agentOnly = false;
          g.last = sub.last;
          j = jj;
        }
      }
    }
    groups.push(g);
    k = j - 1;
  }
  return groups;
}

function isVerbToken(words: string[], pos: string[], i: number): boolean {
  const p = pos[i]!;
  if (p === "VERB") return true;
  if ((p === "NOUN" || p === "ADJ" || p === "PROPN") && i > 0) {
    const prev = pos[i - 1]!;
    const w = words[i]!;
    if ((prev === "PROPN" || prev === "PRON" || prev === "AUX" || (prev === "NOUN" && /ED$/.test(w))) && (/(ED|EN|T)$/.test(w) || IRREGULAR_PAST.has(w))) return true;
    // "officer shot the ambassador": a past form between a noun and its object
    if (prev === "NOUN" && IRREGULAR_PAST.has(w) && ["DET", "PROPN", "PRON", "NUM"].includes(pos[i + 1] ?? "")) return true;
    if (prev === "AUX" || prev === "PART") return true;
  }
  return false;
}

function wordMatches(words: string[], at: number, pw: PatternWord): number {
  const members = pw.members;
  if (members !== undefined) {
    if (members === null) return 0;
    let best = 0;
    for (const m of members) {
      let ok = true;
      for (let k = 0; k < m.length; k++) {
        const w = m[k]!;
        const x = words[at + k];
        if (x === w) continue;
        // the member word + "S"
        if (x === undefined || w.length <= 3 || x.length !== w.length + 1 || x.charCodeAt(w.length) !== 83 || !x.startsWith(w)) {
          ok = false;
          break;
        }
      }
      if (ok && m.length > best) best = m.length;
    }
    return best;
  }
  const w = words[at];
  if (w === undefined) return 0;
  const pword = pw.word;
  if (w === pword) return 1;
  // pw + "S" or pw + "ES", without building the strings
  const extra = w.length - pword.length;
  if (extra < 1 || extra > 2 || w.charCodeAt(w.length - 1) !== 83 || (extra === 2 && w.charCodeAt(w.length - 2) !== 69)) return 0;
  return w.startsWith(pword) ? 1 : 0;
}

/** Matches a pattern around the verb; returns the matched token positions of post words, or undefined. */
function matchPattern(p: CompiledPattern, words: string[], vFirst: number, vLast: number, lo: number, hi: number): number[] | undefined {
  // pre side first (it allocates nothing), backwards from the verb, within [lo, vFirst)
  let back = vFirst - 1;
  for (let k = p.pre.length - 1; k >= 0; k--) {
    const pw = p.pre[k]!;
    const mustAdjacent = k === p.pre.length - 1 ? pw.adjacent : p.pre[k + 1]!.adjacent;
    let found = -1;
    for (let x = back; x >= lo; x--) {
      if (wordMatches(words, x, pw) > 0) {
        found = x;
        break;
      }
      if (mustAdjacent) break;
    }
    if (found < 0) return undefined;
    back = found - 1;
  }
  // post side, in order, within [vLast+1, hi)
  let at = vLast + 1;
  const postPos: number[] = [];
  for (let k = 0; k < p.post.length; k++) {
    const pw = p.post[k]!;
    let found = -1;
    const limit = pw.adjacent || k === 0 ? (pw.adjacent ? at + 1 : hi) : hi;
    for (let x = at; x < Math.min(limit, hi); x++) {
      const n = wordMatches(words, x, pw);
      if (n > 0) {
        found = x;
        at = x + n;
        break;
      }
    }
    if (found < 0) return undefined;
    postPos.push(found);
  }
  return postPos;
}

const NO_SENSES: VerbSense[] = [];

/**
 * The senses of a verb form that fit the words around it: multi-word verbs first, else the one-word senses (which
 * always fit: their one word is the form). The one-word list is the lexicon's, shared: read only.
 */
function verbSenses(lex: Lexicon, id: number, words: string[], i: number): VerbSense[] {
  const multi = lex.multi[id];
  if (multi) {
    let fit: VerbSense[] | undefined;
    for (let q = 0; q < multi.length; q++) {
      const s = multi[q]!;
      const at = i - s.head;
      let fits = true;
      for (let k = 0; k < s.words.length; k++) {
        if (words[at + k] !== s.words[k]) {
          fits = false;
          break;
        }
      }
      if (fits) (fit ??= []).push(s);
    }
    if (fit) return fit;
  }
  return lex.single[id] ?? NO_SENSES;
}

/**
 * What the tables say of each word form (by interned form id, see intern.ts), looked up on the form's first
 * sight and kept: its node as the first word of an actor/agent phrase, the actor codes of its singular as a
 * one-word phrase, its verb senses, and the pattern-vocabulary ids of the form and of the form without a final
 * S or ES (for the patterns' pre-check).
 */
class Lexicon {
  epoch = internEpoch();
  known = new Uint8Array(1024);
  root: (PhraseNode | null)[] = [];
  rootPlural: (ActorCode[][] | null)[] = [];
  senses: (VerbSense[] | null)[] = [];
  /** Per form: its one-word senses (null: none) and its multi-word senses (null: none), in the tables' order. */
  single: (VerbSense[] | null)[] = [];
  multi: (VerbSense[] | null)[] = [];
  marks = new Int32Array(3 * 1024);

  constructor(readonly tables: CompiledTables) {}

  /** Makes sure every id of a sentence is known (starting over when the form table did). */
  learn(ids: ArrayLike<number>): void {
    if (this.epoch !== internEpoch()) {
      this.epoch = internEpoch();
      this.known.fill(0);
      this.root = [];
      this.rootPlural = [];
      this.senses = [];
      this.single = [];
      this.multi = [];
    }
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id < this.known.length && this.known[id]) continue;
      this.add(id);
    }
  }

  private add(id: number): void {
    if (id >= this.known.length) {
      let size = this.known.length;
      while (size <= id) size *= 2;
      const known = new Uint8Array(size);
      known.set(this.known);
      this.known = known;
      const marks = new Int32Array(3 * size);
      marks.set(this.marks);
      this.marks = marks;
    }
    // (the arrays stay dense: ids other table sets learned leave no holes)
    while (this.root.length <= id) {
      this.root.push(null);
      this.rootPlural.push(null);
      this.senses.push(null);
      this.single.push(null);
      this.multi.push(null);
    }
    const t = this.tables;
    const w = formOf(id);
    const next = t.phrases.next;
    this.root[id] = next?.get(w) ?? null;
    this.rootPlural[id] = w.length > 4 && w.charCodeAt(w.length - 1) === 83 ? next?.get(w.slice(0, -1))?.actor ?? null : null;
    const senses = t.verbForms.get(w) ?? null;
    this.senses[id] = senses;
    let single: VerbSense[] | null = null;
    let multi: VerbSense[] | null = null;
    if (senses) {
      for (let q = 0; q < senses.length; q++) {
        const s = senses[q]!;
        if (s.words.length > 1) (multi ??= []).push(s);
        else if (s.words.length === 1) (single ??= []).push(s);
      }
    }
    this.single[id] = single;
    this.multi[id] = multi;
    const vocab = t.patternIndex.vocab;
    const n = w.length;
    const endsS = n > 0 && w.charCodeAt(n - 1) === 83;
    this.marks[3 * id] = vocab.get(w) ?? -1;
    this.marks[3 * id + 1] = endsS ? vocab.get(w.slice(0, -1)) ?? -1 : -1;
    this.marks[3 * id + 2] = endsS && n > 1 && w.charCodeAt(n - 2) === 69 ? vocab.get(w.slice(0, -2)) ?? -1 : -1;
    this.known[id] = 1;
  }
}

const LEXICONS = new WeakMap<CompiledTables, Lexicon>();

function lexiconOf(tables: CompiledTables): Lexicon {
  let lex = LEXICONS.get(tables);
  if (!lex) {
    lex = new Lexicon(tables);
    LEXICONS.set(tables, lex);
  }
  return lex;
}

// Per-sentence marks of the pattern words present (a stamp per id, so nothing is cleared between sentences)
// and of the synsets known to be possible (stamp) or impossible (−stamp).
let markStamp = 0;
let wordMark = new Int32Array(0);
let synsetMark = new Int32Array(0);

/** Marks the pattern words of a sentence: every word, and the word without a final S or ES. */
function markWords(ids: ArrayLike<number>, lex: Lexicon): void {
  const index = lex.tables.patternIndex;
  if (wordMark.length < index.vocab.size) wordMark = new Int32Array(index.vocab.size);
  if (synsetMark.length < index.synsetFirst.length) synsetMark = new Int32Array(index.synsetFirst.length);
  if (++markStamp === 0x3fffffff) {
    wordMark.fill(0);
    synsetMark.fill(0);
    markStamp = 1;
  }
  const marks = lex.marks;
  for (let k = 0; k < ids.length; k++) {
    const base = 3 * ids[k]!;
    for (let q = base; q < base + 3; q++) {
      const v = marks[q]!;
      if (v >= 0) wordMark[v] = markStamp;
    }
  }
  currentIndex = index;
}
let currentIndex: PatternIndex | undefined;

/** Whether pattern j of a block can match the marked sentence: all its literals are there, and a first word of each of its synsets. */
function mayMatch(bp: BlockPatterns, j: number): boolean {
  if (bp.never[j]) return false;
  const lits = bp.literals;
  for (let q = bp.literalStart[j]!, end = bp.literalStart[j + 1]!; q < end; q++) if (wordMark[lits[q]!] !== markStamp) return false;
  const syns = bp.synsets;
  for (let q = bp.synsetStart[j]!, end = bp.synsetStart[j + 1]!; q < end; q++) {
    const si = syns[q]!;
    const m = synsetMark[si]!;
    if (m === -markStamp) return false;
    if (m === markStamp) continue;
    const first = currentIndex!.synsetFirst[si]!;
    let any = false;
    for (let k = 0; k < first.length; k++) {
      if (wordMark[first[k]!] === markStamp) {
        any = true;
        break;
      }
    }
    synsetMark[si] = any ? markStamp : -markStamp;
    if (!any) return false;
  }
  return true;
}

/** Whether the tokens [from, to) are all auxiliaries, adverbs or particles. */
function adjacentSubject(pos: string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const p = pos[k]!;
    if (p !== "AUX" && p !== "ADV" && p !== "PART") return false;
  }
  return true;
}

/** A pattern as PETRARCH writes it, the verb as "*" ("TO * FOR AID"). */
function patternText(p: CompiledPattern): string {
  let out = "";
  for (let k = 0; k < p.pre.length; k++) out += `${p.pre[k]!.word} `;
  out += "*";
  for (let k = 0; k < p.post.length; k++) out += ` ${p.post[k]!.word}`;
  return out;
}

/** The pattern's target slot after the verb, if it marks one. */
function targetSlot(p: CompiledPattern): CompiledPattern["slots"][number] | undefined {
  for (let k = 0; k < p.slots.length; k++) {
    const s = p.slots[k]!;
    if (s.kind === "+" && s.side === "post") return s;
  }
  return undefined;
}

/** What the events of one verb share. */
interface EventBase {
  verb: number;
  verbFirst: number;
  verbLast: number;
  block: string;
  passive: boolean;
  byAgent: boolean;
  pattern: string | undefined;
}

/**
 * A coded event (keys in this order; byAgent and pattern undefined when not set — JSON drops them — so that
 * every event has one hidden class).
 */
function makeEvent(b: EventBase, code: string, source: CodedActor, target: CodedActor): CodedEvent {
  return { verb: b.verb, verbFirst: b.verbFirst, verbLast: b.verbLast, block: b.block, passive: b.passive, byAgent: b.byAgent ? true : undefined, pattern: b.pattern || undefined, code, source, target };
}

export interface CodeOptions {
  /** Sentence date yyyymmdd, for date-restricted actor codes. */
  date?: string;
  /** Token ranges of names from an entity layer (actors the tables may not know). */
  names?: [number, number][];
  /** Keep events whose source or target has no country and no code (default false). */
  allowUncoded?: boolean;
}

/** Codes the events of one sentence. */
export function codeSentence(tokens: readonly CoderToken[], tables: CompiledTables, opts: CodeOptions = {}): CodedEvent[] {
  const epoch = internEpoch();
  let ids = tokens.map((t) => internId(t.text, 0, t.text.length));
  // (the form table started over part way: the ids made before are stale)
  if (internEpoch() !== epoch) ids = tokens.map((t) => internId(t.text, 0, t.text.length));
  return codeWords(ids, tokens.map((t) => t.pos), tables, opts);
}

/** A verb token of a sentence with its senses; `first..last` covers the words of its best sense. */
interface VerbAt {
  i: number;
  senses: VerbSense[];
  first: number;
  last: number;
}

/** Where the clause after verb `v` ends: a semicolon, a comma before a new subject, a clause end, or "and" before the next verb. */
function clauseEnd(words: readonly string[], pos: readonly string[], groups: readonly Group[], groupAt: Int32Array, v: VerbAt, nextVerb: VerbAt | undefined): number {
  for (let x = v.last + 1; x < words.length; x++) {
    const w = words[x]!;
    if (w === ";" || (w === "," && x + 1 < words.length && (pos[x + 1] === "DET" || pos[x + 1] === "PRON") && nextVerb && nextVerb.i > x && nextVerb.i - x < 6 && groupAt[x + 1] < 0)) return x;
    // ", a senior official said": an actor group after a comma that is the subject of a new verb
    if (w === "," && x + 1 < words.length) {
      let g = x + 1;
      while (g < words.length && g < x + 4 && groupAt[g]! < 0 && (pos[g] === "DET" || pos[g] === "ADJ")) g++;
      if (groupAt[g] !== undefined && groupAt[g]! >= 0) {
        let after = groups[groupAt[g]!]!.last + 1;
        while (after < words.length && (pos[after] === "AUX" || pos[after] === "ADV")) after++;
        if (after < words.length && pos[after] === "VERB") return x;
      }
    }
    if (CLAUSE_END.has(w)) return x;
    if (w === "AND" && nextVerb && nextVerb.first === x + 1) return x;
  }
  return words.length;
}

/** The heaviest matching pattern of a verb's sense blocks, its code and block, and where its words matched. */
interface PatternMatch {
  code: string | undefined;
  block: string;
  pat: CompiledPattern | undefined;
  postPos: number[] | undefined;
}

/** The heaviest pattern of verb `v`'s sense blocks that matches within the clause (words before `hi`). */
function bestPattern(tables: CompiledTables, words: string[], v: VerbAt, hi: number): PatternMatch {
  let code: string | undefined;
  let block = "";
  let postPos: number[] | undefined;
  let pat: CompiledPattern | undefined;
  let bestWeight = -1;
  const lo = Math.max(0, v.first - 8);
  const reach = Math.min(hi, v.last + 1 + PATTERN_REACH);
  for (let si = 0; si < v.senses.length; si++) {
    const s = v.senses[si]!;
    const bp = tables.blockPatterns.get(s.block);
    if (!bp) continue;
    const list = bp.patterns;
    for (let j = 0; j < list.length; j++) {
      if (bp.weight[j]! <= bestWeight || !mayMatch(bp, j)) continue;
      const p = list[j]!;
      const m = matchPattern(p, words, v.first, v.last, lo, reach);
      if (m) {
        bestWeight = p.weight;
        code = p.code;
        block = s.block;
        pat = p;
        postPos = m;
      }
    }
  }
  return { code, block, pat, postPos };
}

/** Pushes the events of verb `v` with its chosen code: subject → target (or target ← agent for a passive), both ways for a paired code or a compound subject. */
function pushEvents(events: CodedEvent[], words: string[], pos: string[], groups: readonly Group[], groupAt: Int32Array, v: VerbAt, hi: number, subject: Group | undefined, passive: boolean, code: string, block: string, pat: CompiledPattern | undefined, patText: string | undefined, postPos: number[] | undefined, allowUncoded: boolean): void {
  // target: the first group after the verb within the clause (or at a pattern's `+` slot)
  let target: Group | undefined;
  let agentBy: Group | undefined;
  const slot = pat ? targetSlot(pat) : undefined;
  let from = v.last + 1;
  if (slot && postPos) from = slot.index < postPos.length ? postPos[slot.index]! : (postPos[postPos.length - 1] ?? v.last) + 1;
  for (let x = from; x < hi; x++) {
    if (groupAt[x]! >= 0) {
      const g = groups[groupAt[x]!]!;
      if (g === subject) continue;
      if (passive && x > 0 && words[x - 1] === "BY" && !agentBy) {
        agentBy = g;
        x = g.last;
        continue;
      }
      if (!target) target = g;
      if (!passive) break;
    }
  }
  let src = subject;
  let tgt = target;
  if (passive) {
    tgt = subject;
    src = agentBy ?? target;
  }
  // a paired code "032:033": the first for source → target, the second for the way back
  const colon = code.indexOf(":");
  const code0 = colon < 0 ? code : code.slice(0, colon);
  const code1 = colon < 0 ? "" : code.slice(colon + 1);
  // a compound subject with no object acts on itself: "Gondor and Osgiliath renewed ties" → both ways
  // (joint action is cooperation: roots 01-08, and a real conjunction, not an apposition)
  if (src && !tgt && !passive && src.actors.length >= 2 && adjacentSubject(pos, src.last + 1, v.first) && src.conj && Number(code.slice(0, 2)) <= 8) {
    const base: EventBase = { verb: v.i, verbFirst: v.first, verbLast: v.last, block, passive, byAgent: false, pattern: patText };
    const actors = src.actors;
    for (let a = 0; a < actors.length; a++) {
      const s = actors[a]!;
      for (let b = 0; b < actors.length; b++) {
        const t = actors[b]!;
        if (s === t || s.code === t.code) continue;
        if (!allowUncoded && (!s.code || !t.code || s.code.startsWith("---") || t.code.startsWith("---"))) continue;
        events.push(makeEvent(base, code0, s, t));
      }
    }
    return;
  }
  if (!src || !tgt || src === tgt) return;
  const base: EventBase = { verb: v.i, verbFirst: v.first, verbLast: v.last, block, passive, byAgent: passive && agentBy !== undefined, pattern: patText };
  for (let a = 0; a < src.actors.length; a++) {
    const s = src.actors[a]!;
    for (let b = 0; b < tgt.actors.length; b++) {
      const t = tgt.actors[b]!;
      if (!allowUncoded && (!s.code || !t.code || s.code.startsWith("---") || t.code.startsWith("---"))) continue;
      if (s.code === t.code && s.code !== "") continue;
      events.push(makeEvent(base, code0, s, t));
      if (code1) events.push(makeEvent(base, code1, t, s));
    }
  }
}

/** Whether some word of the sentence is a verb form of the tables (has senses). */
function hasVerbForm(ids: ArrayLike<number>, lex: Lexicon): boolean {
  const senses = lex.senses;
  for (let k = 0; k < ids.length; k++) if (senses[ids[k]!] !== null) return true;
  return false;
}

/**
 * Codes the events of one sentence given as interned word-form ids (`internId`: upper case, curly quotes as
 * "'") and POS tags; token indices in the result are indices into these arrays.
 */
export function codeWords(ids: ArrayLike<number>, pos: string[], tables: CompiledTables, opts: CodeOptions = {}): CodedEvent[] {
  const lex = lexiconOf(tables);
  lex.learn(ids);
  // an event needs a verb with senses: a sentence without any verb form of the tables has none
  if (!hasVerbForm(ids, lex)) return [];
  const words: string[] = [];
  for (let k = 0; k < ids.length; k++) words.push(formOf(ids[k]!));
  const mentions = findMentions(words, ids, lex, opts.date, opts.names);
  // and an actor on the subject side: without mentions there are no groups, so no subject
  if (!mentions.length) return [];
  const verbLike: boolean[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    verbLike.push(pos[i] !== "VERB" && lex.senses[ids[i]!] !== null && isVerbToken(words, pos, i) && (w.endsWith("ED") || w.endsWith("T") || IRREGULAR_PAST.has(w)));
  }
  const groups = buildGroups(words, pos, mentions, verbLike);
  const groupAt = new Int32Array(words.length).fill(-1);
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k]!;
    for (let t = g.first; t <= g.last; t++) groupAt[t] = k;
  }

  // verbs (coded or not): every verb token outside actor groups
  const verbs: VerbAt[] = [];
  for (let i = 0; i < words.length; i++) {
    if (groupAt[i]! >= 0 && pos[i] !== "VERB") continue;
    if (!isVerbToken(words, pos, i) && pos[i] !== "AUX") continue;
    if (pos[i] === "AUX" || NOT_VERBS.has(words[i]!)) continue;
    const best = verbSenses(lex, ids[i]!, words, i);
    const s0 = best[0];
    verbs.push({ i, senses: best, first: s0 ? i - s0.head : i, last: s0 ? i - s0.head + s0.words.length - 1 : i });
  }

  const events: CodedEvent[] = [];
  const subjects: (Group | undefined)[] = [];
  let prevSubject: Group | undefined;
  let marked = false;
  for (let vi = 0; vi < verbs.length; vi++) {
    const v = verbs[vi]!;
    // clause start: the previous verb, or a clause-breaking word
    const prevVerb = vi > 0 ? verbs[vi - 1]!.last : -1;
    // subject: nearest group to the left that is not the object of the previous verb
    let subject: Group | undefined;
    let k = v.first - 1;
    let sawCoord = false;
    while (k > prevVerb) {
      const w = words[k]!;
      if (groupAt[k]! >= 0) {
        subject = groups[groupAt[k]!];
        break;
      }
      if (COORD.has(w)) sawCoord = true;
      if (CLAUSE_BREAK.has(w) && w !== "THAT") break;
      k--;
    }
    if (!subject && vi > 0) {
      // "X condemned ... and promised ...", "X is about to restore", "vowed to wage": inherit
      let hasTo = false;
      let onlyFiller = true;
      for (let x = prevVerb + 1; x < v.first; x++) {
        const w = words[x]!;
        if (w === "TO") hasTo = true;
        if (!onlyFiller) continue;
        const p = pos[x]!;
        if (CLAUSE_BREAK.has(w) || w === "WHEN" || w === "AS") onlyFiller = false;
        else onlyFiller = COORD.has(w) || p === "ADV" || p === "AUX" || p === "PART" || w === "TO" || w === "," || w === "ABOUT" || (p === "ADP" && x - prevVerb - 1 < 2) || NP_POS.has(p);
      }
      if (sawCoord || hasTo || prevVerb + 1 >= v.first || onlyFiller) subject = subjects[vi - 1] ?? prevSubject;
      if (!subject) subject = prevSubject && hasTo ? prevSubject : undefined;
    }
    if (!subject) {
      // look further left, past the previous verb: "Arnor ... , a senior official said" is handled by the group rule
      for (let x = v.first - 1; x >= 0; x--) {
        if (CLAUSE_BREAK.has(words[x]!) && words[x] !== "THAT") break;
        if (groupAt[x]! >= 0) {
          subject = groups[groupAt[x]!];
          break;
        }
      }
    }
    subjects[vi] = subject;
    if (subject) prevSubject = subject;

    if (!v.senses.length) continue;
    // every word of the sentence and its singulars, marked once for the patterns' pre-check
    if (!marked) {
      markWords(ids, lex);
      marked = true;
    }
    // passive: be-form (+ adverbs) right before a participle
    let b = v.first - 1;
    while (b >= 0 && (pos[b] === "ADV" || /^["“”'‘’]$/.test(words[b]!))) b--;
    const passive = b >= 0 && BE.has(words[b]!) && /(ED|EN|T|WN|NE)$/.test(words[v.i]!) && !/ING$/.test(words[v.i]!);
    // the clause after the verb ends at the next verb with its own subject or a clause break
    const hi = clauseEnd(words, pos, groups, groupAt, v, vi + 1 < verbs.length ? verbs[vi + 1]! : undefined);
    // choose a code: the heaviest matching pattern of the senses' blocks, else the default code
    const match = bestPattern(tables, words, v, hi);
    const pat = match.pat;
    const postPos = match.postPos;
    let code = match.code;
    let block = match.block;
    let patText: string | undefined;
    if (pat) patText = patternText(pat);
    if (code === undefined) {
      const s = v.senses[0]!;
      code = s.code;
      block = s.block;
    }
    if (!code || !/^\d{2,4}(:\d{2,4})?$/.test(code)) continue;

    pushEvents(events, words, pos, groups, groupAt, v, hi, subject, passive, code, block, pat, patText, postPos, opts.allowUncoded === true);
  }
  return events;
}
