/**
 * A story over the real Ankara articles with results shaped exactly like the data contracts the
 * report renders (entities, events, claims, profiles, quote/entity/timex/garbled spans). Offsets
 * are found in the real cleaned texts; the stage outputs themselves (which other components
 * compute) are written out here so the rendering can be tested before those stages land.
 */
import type { Article } from "../src/model/article.js";
import type { Span } from "../src/model/span.js";
import type { Citation, Story } from "../src/model/story.js";
import { ingestInputs } from "../src/pipeline.js";
import { buildReport, type ReportJSON } from "../src/explain/report.js";
import { graphStage } from "../src/reconcile/graph.js";
import { reconcileStories } from "../src/reconcile/index.js";
import { EXAMPLES } from "./helpers.js";

interface EntitySpec {
  id: string;
  name: string;
  type: "PER" | "ORG" | "LOC";
  aliases: string[];
}

export const ENTITY_SPECS: EntitySpec[] = [
  { id: "e-karlov", name: "Andrei Karlov", type: "PER", aliases: ["Andrey Karlov", "Karlov Andrei Gennadyevich", "Karlov"] },
  { id: "e-erdogan", name: "Recep Tayyip Erdogan", type: "PER", aliases: ["Erdogan"] },
  { id: "e-putin", name: "Vladimir Putin", type: "PER", aliases: ["Vladimir V. Putin", "Putin"] },
  { id: "e-altintas", name: "Mevlut Mert Altintas", type: "PER", aliases: ["Altintas"] },
  { id: "e-ankara", name: "Ankara", type: "LOC", aliases: ["Ankara"] },
  { id: "e-turkey", name: "Turkey", type: "LOC", aliases: ["Turkey"] },
  { id: "e-russia", name: "Russia", type: "LOC", aliases: ["Russia"] },
  { id: "e-aleppo", name: "Aleppo", type: "LOC", aliases: ["Aleppo"] },
  { id: "e-nato", name: "NATO", type: "ORG", aliases: ["NATO"] },
  { id: "e-kremlin", name: "Kremlin", type: "ORG", aliases: ["Kremlin"] },
];

/** Non-overlapping occurrences of any alias (longest first) as whole words. */
export function findMentions(text: string, aliases: string[]): [number, number][] {
  const sorted = [...aliases].sort((a, b) => b.length - a.length);
  const re = new RegExp(`\\b(?:${sorted.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b`, "g");
  return [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
}

function sentenceAt(a: Article, offset: number): Span | undefined {
  return (a.layers.sentence ?? []).find((s) => s.start <= offset && offset < s.end);
}

function cite(a: Article, needle: string): Citation & { text: string } {
  const at = a.text.indexOf(needle);
  if (at < 0) throw new Error(`fixture: "${needle}" not in ${a.source.origin}`);
  const s = sentenceAt(a, at)!;
  return { articleId: a.id, start: s.start, end: s.end, text: a.text.slice(s.start, s.end) };
}

export interface AnkaraFixture {
  articles: Article[];
  story: Story;
  byName: Record<"cnn" | "blog" | "nyt", Article>;
  report: ReportJSON;
  constructedClaims: Record<string, unknown>[];
  constructedProfiles: Record<string, unknown>[];
}

export async function ankaraFixture(): Promise<AnkaraFixture> {
  const { articles } = await ingestInputs([EXAMPLES]);
  const find = (part: string): Article => articles.find((a) => a.source.origin.includes(part))!;
  const byName = { cnn: find("cnn-opinion"), blog: find("cww7news"), nyt: find("nytimes") };

  // entities and their entity-layer spans
  const counts = new Map<string, number>();
  const entities = ENTITY_SPECS.map((spec) => {
    const mentions: Record<string, [number, number][]> = {};
    for (const a of articles) {
      const m = findMentions(a.text, [spec.name, ...spec.aliases]);
      if (m.length) mentions[a.id] = m;
    }
    counts.set(spec.id, Object.values(mentions).reduce((n, m) => n + m.length, 0));
    return { ...spec, mentions, salience: 0 };
  });
  const maxCount = Math.max(...counts.values());
  for (const e of entities) e.salience = Math.round((counts.get(e.id)! / maxCount) * 1000) / 1000;
  for (const a of articles) {
    const spans: Span[] = [];
    for (const e of entities) for (const [start, end] of e.mentions[a.id] ?? []) spans.push({ start, end, layer: "entity", label: e.type, attrs: { entity: e.id } });
    for (const m of a.text.matchAll(/\b22-year-old\b/g)) spans.push({ start: m.index, end: m.index + 2, layer: "entity", label: "AGE" });
    a.layers.entity = spans.sort((x, y) => x.start - y.start);
    a.layers.timex = [...a.text.matchAll(/\b(?:Monday(?: evening)?|December 19|November 2015)\b/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      layer: "timex" as const,
      label: m[0].startsWith("Nov") ? "DATE" : "DATE",
      attrs: { value: m[0].startsWith("Nov") ? "2015-11" : "2016-12-19" },
    }));
    // quotes: quoted stretches; speaker = a person named in the same sentence
    const quotes: Span[] = [];
    for (const m of a.text.matchAll(/“[^”]{8,400}”|"[^"]{8,400}"/g)) {
      const s = sentenceAt(a, m.index);
      let speaker: EntitySpec | undefined;
      if (s) for (const e of ENTITY_SPECS) if (e.type === "PER" && findMentions(a.text.slice(s.start, s.end), [e.name, ...e.aliases]).length) speaker ??= e;
      const attrs: Span["attrs"] = { cue: "said", speaker: speaker ? speaker.aliases[speaker.aliases.length - 1]! : null, speakerStart: -1, speakerEnd: -1 };
      if (speaker) attrs.entity = speaker.id;
      quotes.push({ start: m.index, end: m.index + m[0].length, layer: "quote", label: "direct", attrs });
    }
    a.layers.quote = quotes;
  }
  const garbledAt = byName.nyt.text.indexOf("Then God switched to Turkish and shouted God");
  byName.nyt.layers.garbled = garbledAt >= 0 ? [{ start: garbledAt, end: garbledAt + 44, layer: "garbled", label: "pronoun replacement" }] : [];

  const killing = cite(byName.nyt, "was assassinated at an Ankara art exhibit");
  const events = [
    {
      code: "186",
      root: "18",
      name: "Assassinate",
      source: { text: "Mevlut Mert Altintas", entity: "e-altintas" },
      target: { text: "Karlov", entity: "e-karlov" },
      place: "Ankara",
      time: { value: "2016-12-19" },
      citations: [{ articleId: killing.articleId, start: killing.start, end: killing.end }],
    },
  ];
  let story: Story = {
    id: "s1",
    label: "Russian ambassador shot in Ankara",
    articleIds: [byName.cnn.id, byName.blog.id, byName.nyt.id],
    sources: ["CNN", "CWW7NEWS", "The New York Times"],
    results: { entities, events },
  };
  [story] = graphStage(articles, reconcileStories(articles, [story]));
  const report = buildReport({ inputs: [EXAMPLES], articles, stories: [story!], duplicates: [], errors: [] });
  const constructedClaims = [
    {
      id: "c1",
      text: "Russia's ambassador to Turkey, Andrei Karlov, was shot dead at an art exhibit in Ankara.",
      kind: "fact",
      support: [cite(byName.cnn, "assassination of the Russian ambassador"), cite(byName.blog, "Karlov Andrei"), killing],
      sources: 3,
      conflicts: [{ slot: "victim first name", values: [{ value: "Andrei", articles: [byName.blog.id] }, { value: "Andrey", articles: [byName.cnn.id] }] }],
      unique: false,
    },
    {
      id: "c2",
      text: "The gunman was a Turkish police officer.",
      kind: "fact",
      support: [cite(byName.cnn, "police officer"), cite(byName.nyt, "police officer")],
      sources: 2,
      conflicts: [],
      unique: false,
    },
    { id: "c3", text: "The gunman was 22 years old.", kind: "fact", support: [cite(byName.cnn, "22-year-old")], sources: 1, conflicts: [], unique: true },
    {
      id: "c4",
      text: 'Putin said the killing was a provocation <meant> to "derail" relations & normalisation.',
      kind: "attributed",
      attributedTo: "Vladimir Putin",
      support: [cite(byName.nyt, "provocation")],
      sources: 1,
      conflicts: [],
      unique: true,
    },
  ];
  const profile = (a: Article, kind: string, rep: number, op: number, pro: number, claimsN: number, uniq: number) => ({
    articleId: a.id,
    outlet: a.source.name ?? a.source.origin,
    kind,
    shares: { reporting: rep, opinion: op, promotional: pro },
    attributionDensity: 0.4,
    hedging: 0.1,
    firstPerson: kind === "opinion" ? 0.2 : 0,
    sensational: 0.05,
    boilerplateShare: 0.1,
    garbledShare: a === byName.nyt ? 0.08 : 0,
    claims: claimsN,
    uniqueClaims: uniq,
  });
  const profiles = [
    profile(byName.cnn, "opinion", 0.4, 0.6, 0, 3, 1),
    profile(byName.blog, "mixed", 0.6, 0.1, 0.3, 1, 0),
    profile(byName.nyt, "reporting", 0.9, 0.1, 0, 3, 1),
  ];
  return { articles, story: story!, byName, report, constructedClaims, constructedProfiles: profiles };
}
