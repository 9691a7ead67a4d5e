import { POS_TAGS } from "../../model/tokens.js";
import { PERSON_TITLES, ROLE_NOUNS, roleClass, type Gender } from "./lexicon.js";
import { detectMentions, tok, type CorefDoc, type Mention } from "./mentions.js";
import { compatibleNames, foldedFull, nameKeysView, parseName, type ParsedName } from "./names.js";
import { FEATURE_NAMES, pronounFeatures, pronounFeaturesInto, pronounScore, PRONOUN_THRESHOLD, type CandidateInfo, type PronounContext } from "./pronouns.js";

const POS = Object.fromEntries(POS_TAGS.map((t, i) => [t, i])) as Record<(typeof POS_TAGS)[number], number>;

export interface Cluster {
  id: number;
  members: number[];
  names: ParsedName[];
  roles: Set<string>;
  places: Set<string>;
  gender: Gender;
  type?: string;
  animate: boolean | undefined;
}

export interface CorefResult {
  mentions: Mention[];
  /** Cluster (chain) index of each mention; singletons are clusters of one. */
  chainOf: Int32Array;
  /** For each pronoun mention, the mention it was resolved to (or -1). */
  antecedent: Int32Array;
  clusters: Cluster[];
}

export interface CorefOptions {
  /** Mentions forced in (GAP's candidate names); they win over detected names that overlap them. */
  forced?: { start: number; end: number; gold: string }[];
  /** Names of the document's topic (a Wikipedia page's title, an article's main subject). */
  topicNames?: string[];
  /** Resolve only the pronoun mentions whose start is in this set (others stay unresolved). */
  onlyPronounsAt?: Set<number>;
  /** Called with the candidates of each pronoun and the gold labels in each candidate's chain (training). */
  collect?: (pronoun: Mention, candidates: { info: CandidateInfo; golds: string[] }[]) => void;
}

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function typesAgree(a?: string, b?: string): boolean {
  return a === undefined || b === undefined || a === b;
}


/** What pass 3 reads of a name's words: joined by spaces, whether that is an acronym, and the name's own acronym. */
interface WordForms {
  joined: string;
  isAcronym: boolean;
  acronym: string;
}

/** Kept per word list (mentions of one name text share it, see parseNameShared). */
const WORD_FORMS = new WeakMap<readonly string[], WordForms>();

function wordForms(n: ParsedName): WordForms {
  let f = WORD_FORMS.get(n.words);
  if (f === undefined) {
    const joined = n.words.join(" ");
    f = { joined, isAcronym: /^[A-Z]{2,6}$/.test(joined), acronym: acronym(n) };
    WORD_FORMS.set(n.words, f);
  }
  return f;
}

function acronym(n: ParsedName): string {
  // (a loop, not filter/map/join: the arrays those make differ in elements kind when empty, and a new kind
  // reaching the optimised caller deoptimises it)
  let s = "";
  for (const w of n.words) if (!/^(of|the|and|for|de|la)$/i.test(w)) s += w[0]!.toUpperCase();
  return s;
}

/**
 * Within-document coreference: a sieve of passes from the most to the least precise, in the
 * spirit of the Stanford deterministic system (Lee et al. 2013):
 *  1. exact name match; 2. appositives and role nominals next to a name ("the envoy, Andrey G. Karlov");
 *  3. relaxed name match (name parts in any order, initials, titles, transliteration keys) and acronyms;
 *  4. definite role nominals ("the ambassador") to the nearest chain with that role and compatible places;
 *  5. third-person pronouns, filtered by number, gender and animacy agreement and a binding constraint,
 *     ranked by a linear score over salience, distance, grammatical role and parallelism.
 */
export function resolveCoref(doc: CorefDoc, options: CorefOptions = {}): CorefResult {
  // (each pass is a method of its own: smaller units for the JIT, and a deoptimisation in one pass does not
  // recompile the others)
  const sieve = new Sieve(doc, options, detectMentions(doc, options.forced));
  sieve.exactNames();
  sieve.appositives();
  sieve.relaxedNames();
  sieve.startChains();
  sieve.roleNominals();
  const antecedent = sieve.pronouns();
  return sieve.result(antecedent);
}

const GENDER_OF_MASK: Gender[] = ["u", "m", "f", "u"];

function genderBit(g: Gender | undefined): number {
  return g === "m" ? 1 : g === "f" ? 2 : 0;
}

function isPer(m: Mention): boolean {
  return m.entityType === "PER" || m.entityType === undefined;
}

function perLike(x: Mention): boolean {
  return x.entityType === "PER" || x.kind === "title" || x.entityType === undefined;
}

function mergeSets(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  const [big, small] = a.size >= b.size ? [a, b] : [b, a];
  for (const v of small) big.add(v);
  return big;
}

function addTo(map: Map<string, number[]>, k: string, x: number): void {
  const list = map.get(k);
  if (!list) map.set(k, [x]);
  else if (list[list.length - 1] !== x) list.push(x);
}

/** The state of one document's sieve: its mentions, the union-find over them, and (from pass 4) chain attributes. */
class Sieve {
  readonly n: number;
  readonly uf: UnionFind;
  /** Mentions with a name that has full words, with their index. */
  readonly names: { m: Mention; i: number }[] = [];
  // chain attributes from pass 4 on, kept per root and merged on every union (`join`): member and name counts,
  // roles and places (sets: pass 4 only asks whether they hold a value), and the genders seen as bit masks
  // (m = 1, f = 2), with and without pronouns (a pronoun's gender, or a lone given name's soft gender)
  count = new Int32Array(0);
  namedCount = new Int32Array(0);
  roleSets: (Set<string> | undefined)[] = [];
  placeSets: (Set<string> | undefined)[] = [];
  maskNoPronoun = new Uint8Array(0);
  maskWith = new Uint8Array(0);

  constructor(readonly doc: CorefDoc, readonly options: CorefOptions, readonly mentions: Mention[]) {
    this.n = mentions.length;
    this.uf = new UnionFind(this.n);
    for (let i = 0; i < this.n; i++) {
      const m = mentions[i]!;
      if (m.name && m.name.full.length > 0) this.names.push({ m, i });
    }
  }

  /** Pass 1: exact name match. */
  exactNames(): void {
    const byString = new Map<string, number>();
    // (the gender a title gives is part of the key: "Mr. Smith" and "Mrs. Smith" are two people)
    for (let x = 0; x < this.names.length; x++) {
      const { m, i } = this.names[x]!;
      const k = `${foldedFull(m.name!)}|${m.entityType ?? ""}|${m.gender}`;
      const first = byString.get(k);
      if (first === undefined) byString.set(k, i);
      else this.uf.union(first, i);
    }
  }

  /** Genders given by the names of the chain with this root, as a mask (m = 1, f = 2). */
  genderMask(root: number): number {
    let g = 0;
    for (let x = 0; x < this.names.length; x++) {
      const { m, i } = this.names[x]!;
      if (this.uf.find(i) === root && (m.gender === "m" || m.gender === "f")) g |= genderBit(m.gender);
    }
    return g;
  }

  /** Pass 2: appositives ("NAME, the ROLE," / "the ROLE, NAME") and role nominals right before a name. */
  appositives(): void {
    const { doc, mentions, n, uf } = this;
    for (let i = 0; i + 1 < n; i++) {
      for (let step = 1; step <= 2 && i + step < n; step++) {
        const a = mentions[i]!;
        const b = mentions[i + step]!;
        if (a.sentence !== b.sentence) continue;
        if (step === 2 && !(mentions[i + 1]!.role === "poss" && b.kind === "nominal")) continue;
        const pair = a.kind === "nominal" && (b.kind === "name" || b.kind === "title") && isPer(b) ? [a, b] : (a.kind === "name" || a.kind === "title") && isPer(a) && b.kind === "nominal" ? [b, a] : undefined;
        if (!pair) continue;
        let gapOk = false;
        if (a.t1 < doc.tokens.count && tok(doc, a.t1) === ",") {
          // tokens between the comma and b: at most a possessor ("Moscow ’s")
          gapOk = true;
          for (let k = a.t1 + 1; k < b.t0; k++) {
            const t = tok(doc, k);
            if (!(doc.tokens.pos[k] === POS.PROPN || t === "’s" || t === "'s")) gapOk = false;
          }
          if (b.t0 - a.t1 > 4) gapOk = false;
        } else if (b.t0 === a.t1 && a.kind === "nominal" && !a.definite) gapOk = false;
        else if (b.t0 === a.t1 && a.kind === "nominal") gapOk = true;
        if (gapOk && (pair[0]!.gender === "u" || pair[1]!.gender === "u" || pair[0]!.gender === pair[1]!.gender)) uf.union(i, i + step);
      }
    }
  }

  /** Whether `name` fits every name of the chain with this root. */
  fitsChain(name: ParsedName, root: number): boolean {
    for (let k = 0; k < this.names.length; k++) {
      const { m, i } = this.names[k]!;
      if (this.uf.find(i) === root && !compatibleNames(name, m.name!)) return false;
    }
    return true;
  }

  /** Pass 3: relaxed name match, acronyms. */
  relaxedNames(): void {
    const { names, uf } = this;
    // per name: its words joined, whether that is an acronym, and its own acronym
    const joined: string[] = [];
    const isAcronym: boolean[] = [];
    const acronyms: string[] = [];
    for (let x = 0; x < names.length; x++) {
      const f = wordForms(names[x]!.m.name!);
      joined.push(f.joined);
      isAcronym.push(f.isAcronym);
      acronyms.push(f.acronym);
    }
    // only earlier names sharing a name key (a person-name match needs one) or in an acronym relation can fit:
    // indexes of the names seen so far, by key, by acronym, and (for acronyms) by the acronym itself
    const byKey = new Map<string, number[]>();
    const byAcronymOf = new Map<string, number[]>();
    const byAcronym = new Map<string, number[]>();
    const ys: number[] = [];
    for (let x = 0; x < names.length; x++) {
      const { m, i } = names[x]!;
      const keys = nameKeysView(m.name!);
      ys.length = 0;
      for (let q = 0; q < keys.length; q++) {
        const list = byKey.get(keys[q]!);
        if (list) for (let r = 0; r < list.length; r++) ys.push(list[r]!);
      }
      const ofAcronym = isAcronym[x] ? byAcronymOf.get(joined[x]!) : undefined;
      if (ofAcronym) for (let r = 0; r < ofAcronym.length; r++) ys.push(ofAcronym[r]!);
      const sameAcronym = byAcronym.get(acronyms[x]!);
      if (sameAcronym) for (let r = 0; r < sameAcronym.length; r++) ys.push(sameAcronym[r]!);
      ys.sort((a, b) => b - a);
      // the nearest earlier name that fits
      let candidate = -1;
      for (let q = 0; q < ys.length; q++) {
        const y = ys[q]!;
        if (q > 0 && ys[q - 1] === y) continue;
        const { m: o, i: j } = names[y]!;
        if (uf.find(i) === uf.find(j)) continue;
        if (!typesAgree(m.entityType, o.entityType)) continue;
        const per = perLike(m) && perLike(o);
        if (per) {
          if (!compatibleNames(m.name!, o.name!)) continue;
          // compatible with every name already in the other chain
          if (!this.fitsChain(m.name!, uf.find(j))) continue;
          if (!this.fitsChain(o.name!, uf.find(i))) continue;
          const ga = this.genderMask(uf.find(i));
          const gb = this.genderMask(uf.find(j));
          // (= (ga & 1 && gb & 2) || (ga & 2 && gb & 1), with every operation run every time: a first run of the
          // second test in optimised code would deoptimise relaxedNames)
          if (((ga & (gb >> 1)) | ((ga >> 1) & gb)) & 1) continue;
          candidate = j;
          break;
        } else if ((isAcronym[x] && acronyms[y] === joined[x]) || (isAcronym[y] && acronyms[x] === joined[y])) {
          candidate = j;
          break;
        }
      }
      if (candidate >= 0) uf.union(candidate, i);
      for (let q = 0; q < keys.length; q++) addTo(byKey, keys[q]!, x);
      addTo(byAcronymOf, acronyms[x]!, x);
      if (isAcronym[x]) addTo(byAcronym, joined[x]!, x);
    }
  }

  /** Computes the chain attributes of the chains so far (before pass 4). */
  startChains(): void {
    const { mentions, n, uf, names } = this;
    this.count = new Int32Array(n);
    this.namedCount = new Int32Array(n);
    this.roleSets = new Array<Set<string> | undefined>(n);
    this.placeSets = new Array<Set<string> | undefined>(n);
    this.maskNoPronoun = new Uint8Array(n);
    this.maskWith = new Uint8Array(n);
    const isNamed = new Uint8Array(n);
    for (let x = 0; x < names.length; x++) isNamed[names[x]!.i] = 1;
    for (let i = 0; i < n; i++) {
      const r = uf.find(i);
      const m = mentions[i]!;
      this.count[r]++;
      this.namedCount[r] += isNamed[i]!;
      const roles = mentionRoles(m);
      for (let q = 0; q < roles.length; q++) (this.roleSets[r] ??= new Set()).add(roles[q]!);
      const places = m.places;
      if (places) for (let q = 0; q < places.length; q++) (this.placeSets[r] ??= new Set()).add(places[q]!);
      if (m.kind !== "pronoun") this.maskNoPronoun[r] |= genderBit(m.gender);
      this.maskWith[r] |= genderBit(m.gender === "u" ? m.softGender ?? "u" : m.gender);
    }
  }

  /** Unites the chains of mentions a and b, merging their attributes. */
  join(a: number, b: number): void {
    const uf = this.uf;
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra === rb) return;
    uf.union(ra, rb);
    const r = uf.find(ra);
    const other = r === ra ? rb : ra;
    this.count[r] += this.count[other]!;
    this.namedCount[r] += this.namedCount[other]!;
    this.roleSets[r] = mergeSets(this.roleSets[r], this.roleSets[other]);
    this.placeSets[r] = mergeSets(this.placeSets[r], this.placeSets[other]);
    this.maskNoPronoun[r] |= this.maskNoPronoun[other]!;
    this.maskWith[r] |= this.maskWith[other]!;
  }

  /** A chain's gender: the one gender its mentions give, else unknown (none, or both). */
  clusterGender(root: number, withPronouns = false): Gender {
    return GENDER_OF_MASK[(withPronouns ? this.maskWith : this.maskNoPronoun)[root]!]!;
  }

  /** Pass 4: definite role nominals to the nearest chain holding that role. */
  roleNominals(): void {
    const { mentions, n, uf } = this;
    for (let i = 0; i < n; i++) {
      const m = mentions[i]!;
      if (m.kind !== "nominal" || !m.definite) continue;
      const alone = uf.find(i) === i && this.count[i] === 1;
      if (!alone) {
        // a chain started by an appositive ("the gunman Mevlut Mert Altintas") takes up an earlier nameless
        // chain of the same role ("a lone Turkish gunman … the gunman")
        for (let j = i - 1; j >= 0; j--) {
          const o = mentions[j]!;
          if (o.kind !== "nominal" || o.head !== m.head || uf.find(j) === uf.find(i)) continue;
          const r = uf.find(j);
          const named = this.namedCount[r]! > 0;
          if (!named) this.join(j, i);
          break;
        }
        continue;
      }
      let target = -1;
      for (let j = i - 1; j >= 0; j--) {
        const o = mentions[j]!;
        if (o.kind === "pronoun") continue;
        const r = uf.find(j);
        if (!isPer(o) || o.animacy === "i") continue;
        if (!this.roleSets[r]?.has(m.head!)) continue;
        const places = this.placeSets[r];
        const mp = m.places ?? [];
        if (mp.length > 0 && places !== undefined && places.size > 0) {
          let shared = false;
          for (let q = 0; q < mp.length && !shared; q++) shared = places.has(mp[q]!);
          if (!shared) continue;
        }
        target = j;
        break;
      }
      if (target >= 0) this.join(target, i);
    }
  }

  /** Pass 5: pronouns. Returns each mention's antecedent (−1 for none). */
  pronouns(): Int32Array {
    const { doc, options, mentions, n, uf } = this;
    const antecedent = new Int32Array(n).fill(-1);
    const topic = (options.topicNames ?? []).map((t) => parseName(t));
    const size = new Int32Array(n);
    for (let i = 0; i < n; i++) if (mentions[i]!.kind !== "pronoun") size[uf.find(i)]++;
    const facts = documentFacts(mentions, doc.tokens.count);
    const scratch = new Float64Array(FEATURE_NAMES.length);
    const best = new BestCandidate();
    for (let p = 0; p < n; p++) {
      const pm = mentions[p]!;
      if (pm.kind !== "pronoun") continue;
      if (options.onlyPronounsAt && !options.onlyPronounsAt.has(pm.start)) continue;
      // (training collects every candidate's features; otherwise each is scored as it comes, in the same order,
      // in one reused feature vector)
      const cands: CandidateInfo[] | undefined = options.collect ? [] : undefined;
      best.reset();
      let seenSubj = false;
      let rank = 0;
      let nameRank = 0;
      for (let j = p - 1; j >= 0; j--) {
        const c = mentions[j]!;
        if (pm.sentence - c.sentence > 3) break;
        if (c.kind === "pronoun" && antecedent[j]! < 0) continue;
        if (!agrees(pm, c, this.clusterGender(uf.find(j)))) continue;
        if (violatesBinding(doc, c, pm)) continue;
        const ctx = candidateContext(doc, pm, c, uf.find(j), size, mentions, uf, topic, rank, !seenSubj && c.role === "subj", this.clusterGender(uf.find(j), true), c.name ? nameRank : 9, facts);
        if (c.role === "subj") seenSubj = true;
        if (c.name) nameRank++;
        rank++;
        if (cands) cands.push({ index: j, features: pronounFeatures(ctx) });
        else best.offer(j, pronounScore(pronounFeaturesInto(ctx, scratch)));
      }
      // cataphora: a name later in the same sentence ("In his youth, Smith ...")
      for (let j = p + 1; j < n && mentions[j]!.sentence === pm.sentence; j++) {
        const c = mentions[j]!;
        if (c.kind === "pronoun" || !c.name) continue;
        if (!agrees(pm, c, this.clusterGender(uf.find(j)))) continue;
        const ctx = candidateContext(doc, pm, c, uf.find(j), size, mentions, uf, topic, 99, false, this.clusterGender(uf.find(j), true), 9, facts);
        if (cands) cands.push({ index: j, features: pronounFeatures(ctx) });
        else best.offer(j, pronounScore(pronounFeaturesInto(ctx, scratch)));
      }
      if (cands) {
        this.collect(pm, cands);
        for (let q = 0; q < cands.length; q++) {
          const c = cands[q]!;
          best.offer(c.index, pronounScore(c.features));
        }
      }
      if (best.index >= 0) {
        antecedent[p] = best.index;
        this.join(best.index, p);
      }
    }
    return antecedent;
  }

  /** Hands a pronoun's candidates, with the gold labels of each candidate's chain, to the training callback. */
  collect(pm: Mention, cands: CandidateInfo[]): void {
    const { mentions, n, uf } = this;
    this.options.collect!(
      pm,
      cands.map((info) => {
        const r = uf.find(info.index);
        const golds = new Set<string>();
        for (let k = 0; k < n; k++) if (uf.find(k) === r && mentions[k]!.gold) golds.add(mentions[k]!.gold!);
        return { info, golds: [...golds] };
      }),
    );
  }

  /** The final chains. */
  result(antecedent: Int32Array): CorefResult {
    const { mentions, n, uf } = this;
    const chainOf = new Int32Array(n);
    const rootToChain = new Map<number, number>();
    const clusters: Cluster[] = [];
    for (let i = 0; i < n; i++) {
      const r = uf.find(i);
      let c = rootToChain.get(r);
      if (c === undefined) {
        c = clusters.length;
        rootToChain.set(r, c);
        clusters.push({ id: c, members: [], names: [], roles: new Set(), places: new Set(), gender: this.clusterGender(r, true), type: undefined, animate: undefined });
      }
      chainOf[i] = c;
      const cl = clusters[c]!;
      cl.members.push(i);
      const m = mentions[i]!;
      if (m.name && m.name.full.length > 0) cl.names.push(m.name);
      if (m.entityType && m.kind !== "pronoun" && (cl.type === undefined || m.kind !== "nominal")) cl.type = cl.type === undefined || m.kind === "name" ? m.entityType : cl.type;
    }
    for (let c = 0; c < clusters.length; c++) {
      const cl = clusters[c]!;
      // roles and places in the order their members give them
      let person = false;
      let thing = false;
      for (let q = 0; q < cl.members.length; q++) {
        const m = mentions[cl.members[q]!]!;
        const roles = mentionRoles(m);
        for (let r = 0; r < roles.length; r++) cl.roles.add(roles[r]!);
        const places = m.places;
        if (places) for (let r = 0; r < places.length; r++) cl.places.add(places[r]!);
        if (m.kind === "nominal" || (m.kind === "pronoun" && m.animacy === "a") || m.kind === "title") person = true;
        else if (m.kind === "pronoun" && m.animacy === "i") thing = true;
      }
      if (cl.type !== undefined) continue;
      if (person) cl.type = "PER";
      else if (thing) cl.type = "ORG";
    }
    return { mentions, chainOf, antecedent, clusters };
  }
}

const NO_ROLES: string[] = [];

/** The roles a mention gives its chain: a nominal's head class, and the role classes of a name's titles. */
function mentionRoles(m: Mention): string[] {
  let out = NO_ROLES;
  if (m.kind === "nominal" && m.head) out = [m.head];
  for (const t of m.name?.title ?? []) {
    const lt = t.toLowerCase();
    if (ROLE_NOUNS.has(lt) || PERSON_TITLES.has(lt)) (out === NO_ROLES ? (out = []) : out).push(roleClass(lt));
  }
  return out;
}

/** What candidate features need of the whole document, computed once: the first person name, each sentence's first subject. */
interface DocumentFacts {
  /** Index of the first mention that is a PER name or nominal (not a pronoun), or −1. */
  firstPer: number;
  /** Sentence → the smallest start of a subject mention in it. */
  firstSubjectStart: Map<number, number>;
  /** By token index: 1 where a mention with a name starts (what "coordinated" asks of the token after a candidate). */
  namedStartAt: Uint8Array;
}

function documentFacts(mentions: readonly Mention[], tokenCount: number): DocumentFacts {
  let firstPer = -1;
  const firstSubjectStart = new Map<number, number>();
  const namedStartAt = new Uint8Array(tokenCount + 1);
  for (let k = 0; k < mentions.length; k++) {
    const o = mentions[k]!;
    if (o.name) namedStartAt[o.t0] = 1;
    if (firstPer < 0 && o.kind !== "pronoun" && o.entityType === "PER") firstPer = k;
    if (o.role === "subj") {
      const had = firstSubjectStart.get(o.sentence);
      if (had === undefined || o.start < had) firstSubjectStart.set(o.sentence, o.start);
    }
  }
  return { firstPer, firstSubjectStart, namedStartAt };
}

function agrees(p: Mention, c: Mention, clusterGender: Gender): boolean {
  if (p.number === "p") {
    if (c.number === "s" && c.kind !== "pronoun") return c.entityType === "ORG" || c.entityType === undefined && c.kind !== "name";
    if (c.kind === "pronoun") return c.number === "p";
    return true;
  }
  if (c.kind === "pronoun" && c.number === "p") return false;
  if (p.animacy === "a") {
    if (c.animacy === "i" || c.entityType === "ORG" || c.entityType === "LOC") return false;
    if ((p.gender === "m" && clusterGender === "f") || (p.gender === "f" && clusterGender === "m")) return false;
    return true;
  }
  // it / its
  if (c.animacy === "a" || c.entityType === "PER" || c.kind === "title") return false;
  if (c.kind === "pronoun") return c.gender === "n";
  return c.entityType === "ORG" || c.entityType === "LOC" || c.entityType === "MISC";
}

/** A non-reflexive object pronoun cannot take the subject of its own clause ("Smith saw him"). */
function violatesBinding(doc: CorefDoc, c: Mention, p: Mention): boolean {
  if (c.sentence !== p.sentence || p.role !== "obj" || p.head?.endsWith("self") || p.head === "themselves") return false;
  if (c.role !== "subj" && c.role !== "obj") return false;
  for (let k = c.t1; k < p.t0; k++) {
    const t = tok(doc, k);
    if (t === "," || t === ";" || doc.tokens.pos[k] === POS.SCONJ || doc.tokens.pos[k] === POS.CCONJ || /^(that|who|which|to)$/i.test(t)) return false;
  }
  return p.t0 - c.t1 < 8;
}

/** What the pronoun model reads of one (pronoun, candidate) pair. */
function candidateContext(
  doc: CorefDoc, p: Mention, c: Mention, root: number, size: Int32Array, mentions: Mention[], uf: UnionFind,
  topic: ParsedName[], rank: number, nearestSubject: boolean, clusterGender: Gender, nameRank: number, facts: DocumentFacts,
): PronounContext {
  let sameClause = c.sentence === p.sentence && c.start < p.start;
  if (sameClause) {
    for (let k = c.t1; k < p.t0; k++) {
      const t = tok(doc, k);
      if (t === "," || t === ";" || doc.tokens.pos[k] === POS.SCONJ || /^(that|who|which|when|while|because|and|but)$/i.test(t)) sameClause = false;
    }
  }
  let matchesTopic = false;
  if (topic.length > 0) {
    for (let k = 0; k < mentions.length && !matchesTopic; k++) {
      if (uf.find(k) !== root) continue;
      const nm = mentions[k]!.name;
      if (nm && nm.full.length > 0 && topic.some((t) => compatibleNames(nm, t))) matchesTopic = true;
    }
  }
  const firstPerson = facts.firstPer < 0 || uf.find(facts.firstPer) === root;
  let parenthetical = false;
  if (c.t0 > 0 && tok(doc, c.t0 - 1) === "(") parenthetical = true;
  return {
    sentDist: Math.abs(p.sentence - c.sentence),
    tokDist: Math.abs(p.t0 - c.t0),
    candRole: c.role,
    proRole: p.role,
    cataphoric: c.start > p.start,
    clusterSize: size[root] ?? 1,
    candKind: c.kind,
    topic: matchesTopic,
    quoteMismatch: c.inQuote !== p.inQuote,
    sentenceInitial: c.sentenceInitial,
    rank,
    nearestSubject,
    parenthetical,
    firstPerson,
    genderMatch: clusterGender !== "u" && clusterGender === p.gender,
    genderClash: clusterGender !== "u" && clusterGender !== "n" && (p.gender === "m" || p.gender === "f") && clusterGender !== p.gender,
    relativeSubject: !!c.relativeSubject,
    firstSubject: c.role === "subj" && !(facts.firstSubjectStart.get(c.sentence)! < c.start),
    possessor: c.role === "poss",
    afterPreposition: c.t0 > 0 && doc.tokens.pos[c.t0 - 1] === POS.ADP,
    her: p.head === "her",
    cataphoraSubject: c.start > p.start && c.role === "subj" && firstComma(doc, p.t0) >= 0 && firstComma(doc, p.t0) < c.t0 && !hasCommaBefore(doc, p.t0),
    controllerObject: c.start < p.start && c.sentence === p.sentence && c.role === "subj" && p.role === "obj" && nonFiniteBefore(doc, p.t0),
    coordinated: (c.t1 < doc.tokens.count && /^(and|or|,)$/.test(tok(doc, c.t1)) && facts.namedStartAt[c.t1 + 1] === 1) ||
      (c.t0 > 0 && /^(and|or)$/.test(tok(doc, c.t0 - 1))),
    nameRank,
    sameClause,
  };
}

/** Index of the first comma after token t in its sentence, or -1. */
function firstComma(doc: CorefDoc, t: number): number {
  for (let k = t + 1; k < doc.tokens.count && doc.tokens.sentence[k] === doc.tokens.sentence[t]; k++) if (tok(doc, k) === ",") return k;
  return -1;
}

function hasCommaBefore(doc: CorefDoc, t: number): boolean {
  for (let k = t - 1; k >= 0 && doc.tokens.sentence[k] === doc.tokens.sentence[t]; k--) if (tok(doc, k) === "," || doc.tokens.pos[k] === POS.VERB) return true;
  return false;
}

/** The verb governing token t (skipping particles and adverbs) is an -ing form or a to-infinitive. */
function nonFiniteBefore(doc: CorefDoc, t: number): boolean {
  let k = t - 1;
  while (k >= 0 && (doc.tokens.pos[k] === POS.ADV || doc.tokens.pos[k] === POS.PART) && tok(doc, k) !== "to") k--;
  if (k < 0 || doc.tokens.pos[k] !== POS.VERB) return false;
  const v = tok(doc, k).toLowerCase();
  return v.endsWith("ing") || (k > 0 && tok(doc, k - 1).toLowerCase() === "to");
}

/** The best-scoring antecedent candidate of one pronoun so far: the first with the highest score above the threshold. */
class BestCandidate {
  index = -1;
  score = PRONOUN_THRESHOLD;

  reset(): void {
    this.index = -1;
    this.score = PRONOUN_THRESHOLD;
  }

  offer(index: number, score: number): void {
    if (score > this.score) {
      this.score = score;
      this.index = index;
    }
  }
}
