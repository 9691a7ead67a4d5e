import type { Article } from "../../model/article.js";
import type { Span } from "../../model/span.js";
import type { CorefDoc, Mention } from "./mentions.js";
import { resolveCoref, type CorefResult } from "./sieve.js";

export { resolveCoref } from "./sieve.js";

/** The coreference view of an article: its text, tokens and (when NER ran) entity spans. */
export function corefDoc(article: Article): CorefDoc {
  if (!article.tokens) throw new Error("coref: the article has no tokens (run the sentences annotator first)");
  return { text: article.text, tokens: article.tokens, entities: article.layers.entity };
}

/** Ranks the names of a chain: a person's fullest name (most words, fewest initials) without title. */
function bestName(result: CorefResult, members: number[]): string | undefined {
  let best: Mention | undefined;
  let bestScore = -Infinity;
  for (const i of members) {
    const m = result.mentions[i]!;
    if (!m.name || m.name.full.length === 0) continue;
    const score = m.name.full.length * 10 + m.name.initials.length * 3 - (m.name.patronymic ? 1 : 0) + (m.kind === "name" ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best?.name?.text;
}

/**
 * The "coref" annotator: `mention` spans (attrs chain, kind, entityType) and one `chain` span per chain
 * (at its first mention; attrs id, name, type, mentions). Mentions left alone (an unresolved pronoun,
 * a nominal nobody else refers to) are not written. Never touches the text.
 */
export function annotateCoref(article: Article): void {
  const result = resolveCoref(corefDoc(article));
  const mentionSpans: Span[] = [];
  const chainSpans: Span[] = [];
  let next = 0;
  for (const cluster of result.clusters) {
    const named = cluster.members.some((i) => result.mentions[i]!.name);
    if (cluster.members.length < 2 && !named) continue;
    const id = next++;
    const first = result.mentions[cluster.members[0]!]!;
    const attrs: Record<string, string | number> = { id, mentions: cluster.members.length };
    const name = bestName(result, cluster.members) ?? first.text;
    attrs.name = name;
    if (cluster.type) attrs.type = cluster.type;
    chainSpans.push({ start: first.start, end: first.end, layer: "chain", label: cluster.type, attrs });
    for (const i of cluster.members) {
      const m = result.mentions[i]!;
      const mattrs: Record<string, string | number> = { chain: id, kind: m.kind };
      if (m.entityType) mattrs.entityType = m.entityType;
      // titles outside the span (as the entity layer gives them): kept so "Mr. Smith" and "Mrs. Smith" stay apart later
      const title = m.name?.title.filter((t) => !m.text.startsWith(t)).join(" ");
      if (title) mattrs.title = title;
      mentionSpans.push({ start: m.start, end: m.end, layer: "mention", label: m.kind, attrs: mattrs });
    }
  }
  mentionSpans.sort((a, b) => a.start - b.start || b.end - a.end);
  chainSpans.sort((a, b) => a.start - b.start);
  article.layers.mention = mentionSpans;
  article.layers.chain = chainSpans;
}

export interface Replacement {
  start: number;
  end: number;
  replacement: string;
}

/**
 * The "resolved" view: the text with a pronoun replaced by its chain's name only where the sentence
 * stays grammatical — he/she/him/her → surname, his/her (possessive) → surname’s, its → name’s for
 * organisations and places. Computed on demand from the mention/chain layers; never stored as text.
 */
export function resolvedView(article: Article): { text: string; replacements: Replacement[] } {
  const mentions = article.layers.mention ?? [];
  const chains = new Map<number, Span>();
  for (const c of article.layers.chain ?? []) chains.set(Number(c.attrs?.id), c);
  const reps: Replacement[] = [];
  for (const m of mentions) {
    if (m.attrs?.kind !== "pronoun") continue;
    const chain = chains.get(Number(m.attrs?.chain));
    const name = chain?.attrs?.name;
    if (typeof name !== "string" || !chain) continue;
    const hasName = mentions.some((o) => o.attrs?.chain === m.attrs?.chain && (o.attrs?.kind === "name" || o.attrs?.kind === "title"));
    if (!hasName) continue;
    const pron = article.text.slice(m.start, m.end);
    const lower = pron.toLowerCase();
    const person = chain.attrs?.type === "PER" || chain.label === "PER";
    // a person is called by surname after the first mention, as news style does
    const short = person ? name.split(/\s+/).pop()! : name;
    const next = article.text.slice(m.end, m.end + 40);
    const followedByNoun = /^\s+[\p{L}\p{N}]/u.test(next) && !/^\s+(and|or|but|to|in|on|at|by|with|from|as|that|who|was|is|had|has|said)\b/i.test(next);
    let replacement: string | undefined;
    if (person && (lower === "he" || lower === "she" || lower === "him")) replacement = short;
    else if (person && lower === "his") replacement = `${short}’s`;
    else if (person && lower === "her") replacement = followedByNoun ? `${short}’s` : short;
    else if (!person && lower === "its") replacement = `${short}’s`;
    if (!replacement) continue;
    if (/^\p{Lu}/u.test(pron) === false && /^\p{Ll}/u.test(replacement)) replacement = replacement[0]!.toUpperCase() + replacement.slice(1);
    reps.push({ start: m.start, end: m.end, replacement });
  }
  let text = "";
  let at = 0;
  for (const r of reps) {
    text += article.text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  text += article.text.slice(at);
  return { text, replacements: reps };
}
