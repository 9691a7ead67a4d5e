import type { Article } from "../model/article.js";
import type { Claim, ClaimSupport, StoryClaims } from "./claims.js";
import { CONCEPTS, concept } from "./lexicon.js";
import { foldName, translitKey } from "./units.js";
import { isSpace } from "../util/chars.js";

/**
 * Who did it and to whom, told differently by each source: the agent and the patient of a story's main
 * aligned event, followed through each article by their head noun, appositions and "described as" phrases,
 * and what each source says about them (role, age, nationality, name). Attributes become claims with their
 * supporting articles; disagreeing ages or names become conflicts.
 */

export type Role = "agent" | "patient";

export interface Attribute {
  kind: "role" | "age" | "nationality" | "name";
  value: string;
  articleId: string;
  start: number;
  end: number;
  text: string;
}

/** Nouns naming an event of violence or harm, whose "of"-phrase names the patient ("the assassination of X"). */
const EVENT_NOUNS = new Set([...CONCEPTS.kill!, ...CONCEPTS.attack!, "death", "kidnapping", "abduction", "arrest", "execution"]);
const NP = String.raw`((?:(?:the|a|an|one|[A-Z][\p{L}’'-]+’s)\s+)?(?:[\p{L}\d’'-]+\s+){0,5}?[\p{L}’'-]+)`;
const AGENT_RE = new RegExp(String.raw`\b(?:by|at the hands of)\s+${NP}(?=\s+(?:shouting|who|which|that|at|in|on|during|while|with|after|before|near|outside)\b|\s*[,.;:"“—]|$)`, "gu");
const OF_RE = new RegExp(String.raw`\b(\p{L}+)\s+of\s+${NP}(?=\s+(?:at|by|in|on|during|while|near)\b|\s*[,.;:]|$)`, "gu");
const PASSIVE_RE = /^(.{3,160}?),?\s+(?:was|were|had been|has been|is|are)\s+(?:\p{L}+ly\s+)?(\p{L}+ed|shot|slain|hit|struck|hurt|taken|seen|beaten)\b/u;
const DESCRIBED_RE = /\b(?:described|identified|named|known|reported|confirmed)\s+(?:by\s+[^,.;]{2,60}?\s+)?as\s+((?:an?|the)\s+[^,.;"]{2,60}?|[A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){1,3})(?=[,.;"]|\s+(?:and|who|from|in|at|on)\b|$)/gu;

/** Nationality adjectives (data). */
const DEMONYMS = new Set(
  ("Afghan Albanian Algerian American Argentine Armenian Australian Austrian Azerbaijani Bahraini Bangladeshi Belarusian Belgian " +
    "Bolivian Bosnian Brazilian British Bulgarian Burmese Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese " +
    "Croatian Cuban Cypriot Czech Danish Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian Filipino Finnish French " +
    "Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian " +
    "Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar Kurdish Kuwaiti Kyrgyz Lao Latvian Lebanese Liberian Libyan " +
    "Lithuanian Macedonian Malaysian Malian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Nepalese Nigerian " +
    "Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Peruvian Polish Portuguese Qatari Romanian Russian Rwandan " +
    "Saudi Scottish Senegalese Serbian Singaporean Slovak Slovenian Somali Soviet Spanish Sudanese Swedish Swiss Syrian Taiwanese " +
    "Tajik Tanzanian Thai Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean").split(" "),
);
const NAME_WORD = String.raw`(?:[A-Z][\p{L}’'-]+|[A-Z]\.)`;
const NOT_PERSON = /\b(?:Forces|Ministry|Agency|News|Council|Party|Army|Police|Department|Office|Center|Centre|University|Hospital|Embassy|Committee|Government|State|Republic|Union|Court|Bank|Group|Company|Inc|Corp|Ltd)\b/;

function headNoun(np: string): string {
  const core = np.split(/,/)[0]!.split(/\s+(?:of|to|in|at|for|from|with|on)\s+/)[0]!;
  const words = core.replace(/[’']s\b/g, "").split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return (words[words.length - 1] ?? "").toLowerCase();
}

function npAttributes(text: string, articleId: string, start: number): Attribute[] {
  const out: Attribute[] = [];
  const add = (kind: Attribute["kind"], value: string, s: number, e: number): void => void out.push({ kind, value, articleId, start: start + s, end: start + e, text: text.slice(s, e) });
  const age = /\b(\d{1,3})[- ]year[- ]old\b/.exec(text);
  if (age) add("age", age[1]!, age.index, age.index + age[0].length);
  for (const m of text.matchAll(/\b[A-Z][a-z]+\b/g)) if (DEMONYMS.has(m[0])) add("nationality", m[0], m.index!, m.index! + m[0].length);
  const lower = text.toLowerCase();
  const role = /\b((?:police|security|military|army|intelligence|foreign|prime|interior)\s+)?(officer|gunman|policeman|soldier|guard|ambassador|envoy|diplomat|minister|president|photographer|journalist|activist|student|worker|official|spokes(?:wo)?man|attacker|assailant|shooter|militant|member|leader|commander|doctor|teacher|priest|judge)\b/.exec(lower);
  if (role) add("role", role[0], role.index, role.index + role[0].length);
  // a name standing alone in an apposition part: "Karlov Andrei Gennadyevich, Moscow’s ambassador"
  let offset = 0;
  for (const part of text.split(",")) {
    const m = new RegExp(String.raw`^\s*((?:${NAME_WORD}\s+){1,3}${NAME_WORD})\s*$`, "u").exec(part);
    if (m && isPersonName(m[1]!)) {
      const s = offset + part.indexOf(m[1]!);
      add("name", m[1]!, s, s + m[1]!.length);
    }
    offset += part.length + 1;
  }
  return out;
}

function isPersonName(s: string): boolean {
  const first = s.split(/\s+/)[0]!;
  return !/^(?:The|A|An|Mr|Mrs|Ms)\b/.test(s) && !DEMONYMS.has(first) && !NOT_PERSON.test(s);
}

function inGarbled(a: Article, start: number, end: number): boolean {
  return (a.layers.garbled ?? []).some((g) => g.start < end && g.end > start);
}

/** Heads the definite noun-phrase scan takes without a regular expression of its own: lower-case ASCII words. */
const PLAIN_HEAD = /^[a-z]+$/;
/** A character of a word before the head, as the class `[\p{L}’'-]` with the flags `iu` reads it. */
const W_CHAR = /^[\p{L}’'-]$/iu;
/** Where a definite noun phrase may start: the pattern's own `\bthe\s`, same flags. */
const THE = /\bthe\s/giu;

/**
 * Where an article's definite noun phrases may start: each "the" (any case) at a word boundary followed by white
 * space, with the positions a head may take after none, one or two words of `[\p{L}’'-]` (-1: not possible).
 * Computed once per article and shared by every head set of the story's seeds.
 */
export class TheSites {
  start: number[] = [];
  /** Three per site: where the head starts after 0, 1, 2 words. */
  at: number[] = [];
  // (a class, not an object literal: a literal starting with `start` shares V8's hidden classes with the span
  // objects { start, end, ... } of the annotation layers, and an array in `start` made that field of all of them
  // generic, throwing away the optimised code of the functions that read spans)
}

/** `\w` as a regular expression with the flags `iu` reads it: ASCII word characters, ſ and the Kelvin sign. */
function isWordIU(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 0x17f || c === 0x212a;
}

/** End of the run of word characters `[\p{L}’'-]` starting at i (i when there is none); whole code points. */
function wordRunEnd(text: string, i: number): number {
  const n = text.length;
  for (;;) {
    if (i >= n) return i;
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 45)) return i;
      i++;
    } else {
      const cp = text.codePointAt(i)!;
      if (!W_CHAR.test(String.fromCodePoint(cp))) return i;
      i += cp > 0xffff ? 2 : 1;
    }
  }
}

function spaceRunEnd(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

export function theSites(text: string): TheSites {
  const sites = new TheSites();
  const n = text.length;
  // (the sites by a constant regular expression, compiled once: a loop over every character was compiled five times
  // per cold run, each of its rare branches met after optimisation)
  THE.lastIndex = 0;
  for (let m = THE.exec(text); m; m = THE.exec(text)) {
    const p = m.index;
    const at0 = spaceRunEnd(text, p + 3);
    let at1 = -1;
    let at2 = -1;
    const w1 = wordRunEnd(text, at0);
    if (w1 > at0 && w1 < n && isSpace(text.charCodeAt(w1))) {
      at1 = spaceRunEnd(text, w1);
      const w2 = wordRunEnd(text, at1);
      if (w2 > at1 && w2 < n && isSpace(text.charCodeAt(w2))) at2 = spaceRunEnd(text, w2);
    }
    sites.start.push(p);
    sites.at.push(at0, at1, at2);
  }
  return sites;
}

/** Whether the lower-case ASCII word h is at text[i..] up to case (as the flags `iu` compare), ending at a word boundary, not before ’s. */
function headAt(text: string, i: number, h: string): boolean {
  const n = text.length;
  if (i + h.length > n) return false;
  for (let k = 0; k < h.length; k++) {
    const x = h.charCodeAt(k);
    const c = text.charCodeAt(i + k);
    if (c !== x && c !== x - 32 && !(x === 115 && c === 0x17f) && !(x === 107 && c === 0x212a)) return false;
  }
  const q = i + h.length;
  if (q < n && isWordIU(text.charCodeAt(q))) return false;
  if (q + 1 < n) {
    const c = text.charCodeAt(q);
    const d = text.charCodeAt(q + 1);
    if ((c === 0x2019 || c === 39) && (d === 115 || d === 83 || d === 0x17f)) return false;
  }
  return true;
}

/**
 * What `text.matchAll(/\bthe\s+(?:[\p{L}’'-]+\s+){0,2}?(?:h1|h2|…)\b(?![’']s)/giu)` finds, for heads of lower-case
 * ASCII letters, from the article's "the" sites: the fewest words before a head first, heads in their order, the
 * next match after the end of the last. (One regular expression per head set cost more to compile than to run.)
 */
export function definiteNps(text: string, sites: TheSites, heads: string[]): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  let from = 0;
  for (let s = 0; s < sites.start.length; s++) {
    const p = sites.start[s]!;
    if (p < from) continue;
    let end = -1;
    for (let k = 0; k < 3 && end < 0; k++) {
      const at = sites.at[3 * s + k]!;
      if (at < 0) break;
      for (const h of heads)
        if (headAt(text, at, h)) {
          end = at + h.length;
          break;
        }
    }
    if (end < 0) continue;
    out.push({ index: p, text: text.slice(p, end) });
    from = end;
  }
  return out;
}

/** Mentions of one participant in an article: the seed phrase, and every noun phrase with its head noun. */
function followParticipant(
  a: Article,
  seed: { start: number; end: number; text: string },
  scans: Map<string, { index: number; text: string }[]>,
  sites: Map<string, TheSites>,
): Attribute[] {
  const attrs = npAttributes(seed.text, a.id, seed.start);
  const head = headNoun(seed.text);
  if (!head || head.length < 4 || /^\p{Lu}/u.test(head)) return attrs;
  const text = a.text;
  // definite noun phrases whose head means the same ("the envoy" for "the ambassador")
  const c = concept(head);
  const heads = [head, ...(CONCEPTS[c] ?? []).filter((w) => concept(w) === c && !/(?:ing|ed)$/.test(w))];
  const alternatives = [...new Set(heads)];
  const source = String.raw`\bthe\s+(?:[\p{L}’'-]+\s+){0,2}?(?:${alternatives.join("|")})\b(?![’']s)`;
  // the scan of the whole article for these heads, shared by every seed of the story in the article
  const scanKey = `${a.id}\u0000${source}`;
  let found = scans.get(scanKey);
  if (!found) {
    if (alternatives.every((h) => PLAIN_HEAD.test(h))) {
      let at = sites.get(a.id);
      if (!at) sites.set(a.id, (at = theSites(text)));
      found = definiteNps(text, at, alternatives);
    } else found = Array.from(text.matchAll(new RegExp(source, "giu")), (m) => ({ index: m.index!, text: m[0] }));
    scans.set(scanKey, found);
  }
  for (const m of found) {
    const s = m.index;
    const e = s + m.text.length;
    if (s === seed.start || inGarbled(a, s, e)) continue;
    attrs.push(...npAttributes(m.text, a.id, s));
    const after = text.slice(e, e + 160);
    // the gunman Mevlut Mert Altintas / the gunman, Mevlut Mert Altintas,
    const named = new RegExp(String.raw`^,?\s+((?:${NAME_WORD}\s+){1,3}${NAME_WORD})(?=[,.;]|\s+(?:from|of|who|and)\b)`, "u").exec(after);
    if (named && isPersonName(named[1]!) && !inGarbled(a, e, e + named.index + named[0].length)) attrs.push({ kind: "name", value: named[1]!, articleId: a.id, start: e + named.index + named[0].length - named[1]!.length, end: e + named.index + named[0].length, text: named[1]! });
    // The gunman, described by Turkish officials as a police officer,
    DESCRIBED_RE.lastIndex = 0;
    const described = DESCRIBED_RE.exec(after.slice(0, 120));
    if (described && described.index < 6) {
      const ds = e + described.index + described[0].length - described[1]!.length;
      attrs.push(...npAttributes(described[1]!, a.id, ds));
    }
  }
  return attrs;
}

interface Seeds {
  agent?: { start: number; end: number; text: string };
  patient?: { start: number; end: number; text: string };
}

/** Agent and patient phrases of one sentence: "X was shot by Y", "the assassination of X at the hands of Y". */
export function eventRoles(sentence: string, offset: number): Seeds {
  const seeds: Seeds = {};
  const take = (m: RegExpExecArray, group: number): { start: number; end: number; text: string } => {
    const g = m[group]!;
    const s = offset + m.index + m[0].lastIndexOf(g);
    return { start: s, end: s + g.length, text: g };
  };
  AGENT_RE.lastIndex = 0;
  const agent = AGENT_RE.exec(sentence);
  if (agent) seeds.agent = take(agent, 1);
  OF_RE.lastIndex = 0;
  for (let m = OF_RE.exec(sentence); m; m = OF_RE.exec(sentence)) {
    if (EVENT_NOUNS.has(m[1]!.toLowerCase())) {
      seeds.patient = take(m, 2);
      break;
    }
  }
  if (!seeds.patient) {
    const p = PASSIVE_RE.exec(sentence.replace(/^[A-Z][A-Z .,'-]{2,40}\s+[—–-]{1,2}\s+/, (d) => " ".repeat(d.length)));
    if (p && (EVENT_NOUNS.has(p[2]!.toLowerCase()) || ["kill", "attack", "wound"].includes(concept(p[2]!)))) {
      const subject = p[1]!.trim();
      const s = offset + p.index + p[1]!.indexOf(subject);
      seeds.patient = { start: s, end: s + subject.length, text: subject };
    }
  }
  return seeds;
}

const ROLE_LABEL: Record<Role, string> = { agent: "the perpetrator", patient: "the victim" };

function phrase(kind: Attribute["kind"], value: string): string {
  switch (kind) {
    case "age":
      return `was ${value} years old`;
    case "nationality":
      return `was ${value}`;
    case "name":
      return `was named ${value}`;
    case "role":
      return `was ${/^[aeiou]/i.test(value) ? "an" : "a"} ${value}`;
  }
}

const nameTokens = (n: string): string[] => n.split(/\s+/).filter((w) => w.replace(/\./g, "").length >= 3);

/**
 * Names given for one participant, grouped when they share a name word up to transliteration
 * (Andrey G. Karlov ~ Karlov Andrei Gennadyevich); within a group, words written differently by
 * different sources are spelling conflicts; separate groups are different names given.
 */
function nameClaims(
  names: Attribute[],
  role: Role,
  Label: string,
  claimOf: (kind: Attribute["kind"], key: string, list: Attribute[], text: string, conflicts: Claim["conflicts"]) => Claim,
): Claim[] {
  const clusters: Attribute[][] = [];
  for (const n of names) {
    const keys = new Set(nameTokens(n.value).map(translitKey));
    const home = clusters.find((c) => c.some((m) => nameTokens(m.value).some((w) => keys.has(translitKey(w)))));
    if (home) home.push(n);
    else clusters.push([n]);
  }
  const claims: Claim[] = [];
  for (const cluster of clusters) {
    const forms = new Map<string, Set<string>>();
    for (const n of cluster) (forms.get(n.value) ?? forms.set(n.value, new Set()).get(n.value)!).add(n.articleId);
    const ranked = [...forms].sort((a, b) => b[1].size - a[1].size || b[0].length - a[0].length);
    const conflicts: Claim["conflicts"] = [];
    // spelling: the same word (up to transliteration) written differently, never both ways by one source
    const spellings = new Map<string, Map<string, Set<string>>>();
    for (const n of cluster)
      for (const w of nameTokens(n.value)) {
        const k = translitKey(w);
        const byForm = spellings.get(k) ?? spellings.set(k, new Map()).get(k)!;
        (byForm.get(w) ?? byForm.set(w, new Set()).get(w)!).add(n.articleId);
      }
    for (const byForm of spellings.values()) {
      if (byForm.size < 2) continue;
      const sets = [...byForm.values()];
      if (sets.some((a, i) => sets.some((b, j) => i !== j && [...a].some((x) => b.has(x))))) continue;
      conflicts.push({ slot: "name", values: [...byForm].map(([value, arts]) => ({ value, articles: [...arts] })) });
    }
    const also = ranked.slice(1).map(([f]) => f);
    const text = `${Label} was named ${ranked[0]![0]}${also.length ? ` (also written ${also.join(", ")})` : ""}`;
    claims.push(claimOf("name", `name:${foldName(ranked[0]![0])}`, cluster, text, conflicts));
  }
  if (clusters.length > 1) {
    // different names for the same participant: a conflict on every name claim
    const values = clusters.map((c) => ({ value: c[0]!.value, articles: [...new Set(c.map((n) => n.articleId))] }));
    if (new Set(values.flatMap((v) => v.articles)).size > 1) for (const c of claims) c.conflicts.push({ slot: `name of ${role}`, values });
  }
  return claims;
}

/**
 * A claim's support as a class (same fields, same order; claims.ts makes its supports with it too): as an
 * `{ articleId, start, end, text }` literal it added a transition to the hidden class of the `{ articleId, start, end }`
 * citations mid-stage, which threw away the optimised claim-unit code (claimUnits, sentenceUnit, entityKeysIn) that
 * had relied on that class being stable.
 */
export class Support implements ClaimSupport {
  constructor(
    public articleId: string,
    public start: number,
    public end: number,
    public text: string,
  ) {}
}

/** Participant claims of a story, from its multi-source aligned statements. */
export function participantClaims(sc: StoryClaims, articles: Map<string, Article>): Claim[] {
  const byRole: Record<Role, Attribute[]> = { agent: [], patient: [] };
  const heads: Record<Role, Map<string, number>> = { agent: new Map(), patient: new Map() };
  const scans = new Map<string, { index: number; text: string }[]>();
  const sites = new Map<string, TheSites>();
  for (const g of sc.groups) {
    if (new Set(g.map((i) => sc.units[i]!.articleId)).size < 2) continue;
    for (const i of g) {
      const u = sc.units[i]!;
      const a = articles.get(u.articleId)!;
      const seeds = eventRoles(u.text, u.start);
      for (const role of ["agent", "patient"] as Role[]) {
        const seed = seeds[role];
        if (!seed) continue;
        const h = headNoun(seed.text);
        heads[role].set(h, (heads[role].get(h) ?? 0) + 1);
        byRole[role].push(...followParticipant(a, seed, scans, sites));
      }
    }
  }
  const claims: Claim[] = [];
  for (const role of ["agent", "patient"] as Role[]) {
    const attrs = byRole[role];
    if (!attrs.length) continue;
    const preferred = role === "agent" ? "attacker" : "envoy";
    const commonHead = [...heads[role]].sort((x, y) => Number(concept(y[0]) === preferred) - Number(concept(x[0]) === preferred) || y[1] - x[1])[0]?.[0];
    const label = commonHead && !/^\p{Lu}/u.test(commonHead) && commonHead.length > 3 ? `the ${commonHead}` : ROLE_LABEL[role];
    const labelConcept = commonHead ? concept(commonHead) : "";
    const groups = new Map<string, Attribute[]>();
    for (const at of attrs) {
      const norm = at.kind === "name" ? `name:${foldName(at.value)}` : at.kind === "role" ? `role:${concept(at.value.split(" ").pop()!)}` : `${at.kind}:${at.value.toLowerCase()}`;
      if (at.kind === "role" && concept(at.value.split(" ").pop()!) === labelConcept) continue;
      (groups.get(norm) ?? groups.set(norm, []).get(norm)!).push(at);
    }
    const ages = attrs.filter((a) => a.kind === "age");
    const claimOf = (kind: Attribute["kind"], key: string, list: Attribute[], text: string, conflicts: Claim["conflicts"]): Claim => {
      const support: ClaimSupport[] = [];
      for (const at of list) if (!support.some((x) => x.articleId === at.articleId)) support.push(new Support(at.articleId, at.start, at.end, at.text));
      return {
        id: `p:${role}:${key}`,
        text,
        kind: "fact",
        support,
        sources: support.length,
        conflicts,
        unique: support.length === 1,
        slots: { numbers: kind === "age" ? list.map((a) => ({ value: Number(a.value), unit: "age", articleId: a.articleId })) : [], dates: [], entities: [] },
      };
    };
    const Label = `${label[0]!.toUpperCase()}${label.slice(1)}`;
    for (const [key, list] of groups) {
      const kind = list[0]!.kind;
      if (kind === "name") continue;
      const value = kind === "role" ? [...list].sort((a, b) => b.value.length - a.value.length)[0]!.value : list[0]!.value;
      const conflicts: Claim["conflicts"] = [];
      if (kind === "age") {
        const values = new Map<string, Set<string>>();
        for (const a of ages) (values.get(a.value) ?? values.set(a.value, new Set()).get(a.value)!).add(a.articleId);
        if (values.size > 1) conflicts.push({ slot: "age", values: [...values].map(([v, set]) => ({ value: v, articles: [...set] })) });
      }
      claims.push(claimOf(kind, key, list, `${Label} ${phrase(kind, value)}`, conflicts));
    }
    claims.push(...nameClaims(attrs.filter((a) => a.kind === "name"), role, Label, claimOf));
  }
  return claims;
}
