import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { processArticle, STORY_STAGES } from "../src/pipeline.js";
import type { Article } from "../src/model/article.js";
import type { Story } from "../src/model/story.js";
import { buildReport, type ReportJSON } from "../src/explain/report.js";
import { renderHtml } from "../src/explain/html.js";
import { renderMarkdown } from "../src/explain/markdown.js";
import { claimsCsv, csvField, entitiesGraphml, eventsCsv, toCsv } from "../src/explain/export.js";
import { buildEntityGraph, type EntityGraph, graphStage, MAX_CITATIONS } from "../src/reconcile/graph.js";
import { articleBodyHtml, flatSegments } from "../src/explain/sections/articles.js";
import { claimCells } from "../src/explain/sections/sources.js";
import { quotesBySpeaker } from "../src/explain/sections/quotes.js";
import { drawnEdges, graphSvg } from "../src/explain/sections/graph.js";
import { ankaraFixture, type AnkaraFixture, findMentions } from "./story-fixture.js";
import { EXAMPLES, runCli, tempDir } from "./helpers.js";

/** A minimal RFC 4180 reader, to check what the writer produces round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else if (c === "\n" || c === "\r") throw new Error(`bare line break at ${i}`);
    else {
      field += c;
      i++;
    }
  }
  assert.equal(field, "", "the file ends with CRLF");
  return rows;
}

function article(text: string, origin: string): Article {
  return processArticle({ raw: text, source: { origin, format: "text", name: origin } });
}

function entity(id: string, name: string, type: string, articles: Article[], aliases: string[] = []) {
  const mentions: Record<string, [number, number][]> = {};
  for (const a of articles) {
    const m = findMentions(a.text, [name, ...aliases]);
    if (m.length) mentions[a.id] = m;
  }
  return { id, name, type, aliases, mentions, salience: 0.5 };
}

let fx: AnkaraFixture;
before(async () => {
  fx = await ankaraFixture();
});

describe("graph stage", () => {
  it("is registered and leaves stories without entities unchanged", () => {
    assert.ok(STORY_STAGES.includes(graphStage));
    const stories: Story[] = [{ id: "s", label: "x", articleIds: [], sources: [], results: {} }];
    assert.equal(graphStage([], stories), stories);
    assert.equal(graphStage([], stories)[0]!.results.graph, undefined);
  });

  it("links entities named in one sentence, weighted by sentences, and ignores other types", () => {
    const a = article("Alice Moreau met Bob Tan in Paris on Monday. Bob Tan later flew to Oslo.\n\nAlice Moreau stayed in Paris with the Red Cross.", "a");
    const b = article("In Paris, Alice Moreau spoke to Bob Tan again.", "b");
    const ents = [
      entity("alice", "Alice Moreau", "PER", [a, b]),
      entity("bob", "Bob Tan", "PER", [a, b]),
      entity("paris", "Paris", "LOC", [a, b]),
      entity("oslo", "Oslo", "LOC", [a, b]),
      entity("rc", "Red Cross", "ORG", [a, b]),
      entity("monday", "Monday", "MISC", [a, b]),
    ];
    const story: Story = { id: "s1", label: "t", articleIds: [a.id, b.id], sources: [], results: { entities: ents } };
    const g = buildEntityGraph(story, new Map([a, b].map((x) => [x.id, x])))!;
    assert.deepEqual(g.nodes.map((n) => n.id).sort(), ["alice", "bob", "oslo", "paris", "rc"]);
    const w = (x: string, y: string) => g.edges.find((e) => (e.source === x && e.target === y) || (e.source === y && e.target === x))?.weight ?? 0;
    assert.equal(w("alice", "bob"), 2); // sentence 1 of a, sentence 1 of b
    assert.equal(w("alice", "paris"), 3);
    assert.equal(w("bob", "oslo"), 1);
    assert.equal(w("alice", "oslo"), 0);
    assert.equal(w("paris", "rc"), 1);
    const ab = g.edges.find((e) => w(e.source, e.target) === 2 && [e.source, e.target].includes("alice"))!;
    assert.deepEqual(ab.kinds, ["co-occurrence"]);
    for (const c of ab.citations) {
      const text = (c.articleId === a.id ? a : b).text.slice(c.start, c.end);
      assert.match(text, /Alice Moreau/);
      assert.match(text, /Bob Tan/);
    }
  });

  it("adds event edges from the actor to the target with the event's citations", () => {
    const a = article("The rebels attacked the convoy near Aleppo. Officials in Damascus condemned them.", "a");
    const ents = [entity("reb", "rebels", "ORG", [a]), entity("dam", "Damascus", "LOC", [a]), entity("alp", "Aleppo", "LOC", [a])];
    const cite = { articleId: a.id, start: 44, end: a.text.length };
    const events = [{ code: "111", root: "11", name: "Criticize or denounce", source: { text: "Officials in Damascus", entity: "dam" }, target: { text: "them", entity: "reb" }, citations: [cite] }];
    const [s] = graphStage([a], [{ id: "s", label: "t", articleIds: [a.id], sources: [], results: { entities: ents, events } }]);
    const g = s!.results.graph as EntityGraph;
    const e = g.edges.find((x) => x.kinds.includes("event:111"))!;
    assert.equal(e.source, "dam");
    assert.equal(e.target, "reb");
    assert.deepEqual(e.citations, [cite]);
    assert.equal(g.edges.find((x) => x.source === "alp" || x.target === "alp")!.kinds[0], "co-occurrence");
    // participants may carry the entity as an object {id, name}
    const events2 = [{ code: "190", name: "Use conventional military force", source: { text: "The rebels", entity: { id: "reb", name: "rebels" } }, target: { text: "Aleppo", entity: { id: "alp", name: "Aleppo" } }, citations: [cite] }];
    const [s2] = graphStage([a], [{ id: "s", label: "t", articleIds: [a.id], sources: [], results: { entities: ents, events: events2 } }]);
    const e2 = (s2!.results.graph as EntityGraph).edges.find((x) => x.kinds.includes("event:190"))!;
    assert.deepEqual([e2.source, e2.target], ["reb", "alp"]);
    assert.deepEqual(e2.kinds, ["co-occurrence", "event:190"]);
  });

  it("on the Ankara story: real sentence counts, the assassination as an event, capped citations", () => {
    const g = fx.story.results.graph as EntityGraph;
    let both = 0;
    for (const a of fx.articles)
      for (const s of a.layers.sentence!) {
        const t = a.text.slice(s.start, s.end);
        if (/\bRussia\b/.test(t) && /\bTurkey\b/.test(t)) both++;
      }
    const rt = g.edges.find((e) => [e.source, e.target].sort().join() === "e-russia,e-turkey")!;
    assert.equal(rt.weight, both);
    assert.ok(rt.citations.length <= MAX_CITATIONS);
    const kill = g.edges.find((e) => e.kinds.includes("event:186"))!;
    assert.equal(kill.source, "e-altintas");
    assert.equal(kill.target, "e-karlov");
    assert.ok(g.nodes.every((n) => ["PER", "ORG", "LOC"].includes(n.type)));
    // deterministic
    const again = buildEntityGraph(fx.story, new Map(fx.articles.map((a) => [a.id, a])));
    assert.deepEqual(again, g);
  });
});

describe("report sections", () => {
  it("the graph is drawn the same way every time, inside its box", () => {
    const g = fx.story.results.graph as EntityGraph;
    const svg = graphSvg(g.nodes, g.edges);
    assert.equal(svg, graphSvg(g.nodes, g.edges));
    for (const m of svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)) {
      assert.ok(Number(m[1]) >= 0 && Number(m[1]) <= 900);
      assert.ok(Number(m[2]) >= 0 && Number(m[2]) <= 540);
    }
    assert.equal([...svg.matchAll(/<circle /g)].length, g.nodes.length);
  });

  it("draws a spanning forest of the strongest links first, within the cap", () => {
    const g = fx.story.results.graph as EntityGraph;
    const linked = g.nodes.filter((n) => g.edges.some((e) => e.source === n.id || e.target === n.id));
    const cap = linked.length; // a forest over n nodes has fewer than n edges, so the cap leaves room for one more
    const drawn = drawnEdges(linked, g.edges, cap);
    assert.ok(drawn.length <= Math.max(cap, linked.length - 1));
    for (const n of linked) assert.ok(drawn.some((e) => e.source === n.id || e.target === n.id), `${n.name} stays attached`);
    assert.ok(drawn.some((e) => e.kinds.includes("event:186")), "event links come before plain co-occurrence");
    const heaviest = g.edges[0]!;
    assert.ok(drawn.includes(heaviest));
  });

  it("the matrix marks support, contradiction on a disputed slot, and silence", () => {
    const ids = ["a", "b", "c", "d"];
    const cells = claimCells(
      {
        text: "x",
        support: [{ articleId: "a", start: 0, end: 1 }, { articleId: "b", start: 0, end: 1 }, { articleId: "c", start: 0, end: 1 }],
        conflicts: [{ slot: "age", values: [{ value: "22", articles: ["a", "b"] }, { value: "23", articles: ["c"] }] }],
      },
      ids,
    );
    assert.deepEqual(Object.fromEntries([...cells].map(([k, v]) => [k, v.state])), { a: "supports", b: "supports", c: "contradicts", d: "silent" });
    assert.deepEqual(cells.get("c")!.says, ["age: 23"]);
    const c1 = claimCells(fx.constructedClaims[0] as unknown as Parameters<typeof claimCells>[0], fx.story.articleIds);
    assert.equal(c1.get(fx.byName.nyt.id)!.state, "supports");
    assert.equal(c1.get(fx.byName.cnn.id)!.state, "contradicts"); // a one-one tie: each side contradicts the other
    // the real reconcile output: every article named under a disputed value is marked
    const real = fx.report.stories[0]!.claims as Parameters<typeof claimCells>[0][];
    const disputed = real.filter((c) => (c.conflicts ?? []).length > 0);
    assert.ok(disputed.length > 0, "the Ankara story has a conflict");
    for (const c of disputed) {
      const cells = claimCells(c, fx.story.articleIds);
      for (const k of c.conflicts!) for (const v of k.values) for (const id of v.articles) assert.notEqual(cells.get(id)!.state, "silent");
    }
  });

  it("quotes are grouped under the canonical speaker, unattributed last", () => {
    const groups = quotesBySpeaker(fx.report.articles, fx.report.stories[0]!.entities as never);
    const putin = groups.find((g) => g.name === "Vladimir Putin")!;
    assert.ok(putin.quotes.some((q) => q.text.includes("There can be only one answer")));
    assert.equal(groups[groups.length - 1]!.name, "Unattributed");
    const total = fx.report.articles.reduce((n, a) => n + (a.layers.quote?.length ?? 0), 0);
    assert.equal(groups.reduce((n, g) => n + g.quotes.length, 0), total);
  });

  it("a speaker is resolved to the entity whose mention covers the speaker span, or by name", () => {
    const a = article('"We will rebuild," the mayor, Ana Lopes, said on Tuesday. Lopes added that "the port reopens soon." "No comment," a guard said.', "q");
    const ents = [entity("lopes", "Ana Lopes", "PER", [a], ["Lopes"])];
    const at = (t: string) => a.text.indexOf(t);
    a.layers.quote = [
      { start: 0, end: at(" the mayor"), layer: "quote", label: "direct", attrs: { cue: "said", speaker: "the mayor, Ana Lopes", speakerStart: at("the mayor"), speakerEnd: at(", said") } },
      { start: at('"the port'), end: at(" \"No"), layer: "quote", label: "direct", attrs: { cue: "added", speaker: "lopes", speakerStart: -1, speakerEnd: -1 } },
      { start: at('"No'), end: at(" a guard"), layer: "quote", label: "direct", attrs: { cue: "said", speaker: "a guard", speakerStart: at("a guard"), speakerEnd: at("a guard") + 7 } },
    ];
    const report = buildReport({ inputs: [], articles: [a], stories: [], duplicates: [], errors: [] });
    const groups = quotesBySpeaker(report.articles, ents);
    assert.deepEqual(groups.map((g) => [g.name, g.quotes.length]), [["Ana Lopes", 2], ["a guard", 1]]);
    assert.deepEqual(groups[0]!.variants, ["lopes", "the mayor, Ana Lopes"]);
  });

  it("cuts nested and overlapping spans into flat segments", () => {
    const m = (start: number, end: number, cls: string) => ({ start, end, cls, title: cls });
    const segs = flatSegments(10, [m(0, 6, "qt"), m(2, 4, "ent"), m(5, 8, "tx")].sort((x, y) => x.start - y.start));
    assert.deepEqual(
      segs.map((s) => [s.start, s.end, s.marks.map((k) => k.cls).join("+")]),
      [[0, 2, "qt"], [2, 4, "qt+ent"], [4, 5, "qt"], [5, 6, "qt+tx"], [6, 8, "tx"], [8, 10, ""]],
    );
  });

  it("article bodies keep every kept character, highlight spans, strike removals", () => {
    for (const a of fx.report.articles) {
      const body = articleBodyHtml(a);
      const kept = body
        .replace(/<del[^>]*>[\s\S]*?<\/del>/g, "")
        .replace(/<span class="removed-reason">[^<]*<\/span>/g, "")
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      assert.equal(kept.replace(/\s+/g, ""), a.text.replace(/\s+/g, ""), a.source.origin);
    }
    const nyt = articleBodyHtml(fx.report.articles.find((a) => a.id === fx.byName.nyt.id)!);
    assert.match(nyt, /<span class="gb" title="garbled: pronoun replacement">Then God switched/);
    const cnn = articleBodyHtml(fx.report.articles.find((a) => a.id === fx.byName.cnn.id)!);
    assert.match(cnn, /<span class="qt ent ent-LOC" title="direct quote; entity LOC">Ankara<\/span>/, "an entity inside a quote carries both");
    assert.match(cnn, /<del title="author bio">/);
  });

  it("every section says so plainly when its data is absent", () => {
    const html = renderHtml(buildReport({ inputs: [], articles: [], stories: [], duplicates: [], errors: [] }));
    assert.match(html, /<section id="entity-graph">[\s\S]*?No stories were built/);
    assert.match(html, /<section id="sources">[\s\S]*?nothing to compare/);
    const bare: ReportJSON = { ...fx.report, stories: fx.report.stories.map((s) => ({ id: s.id, label: s.label, articleIds: s.articleIds, sources: s.sources })) };
    const h2 = renderHtml(bare);
    assert.match(h2, /the entity stage did not run/);
    assert.match(h2, /Claims were not extracted/);
    assert.match(h2, /Source profiles were not computed/);
  });

  it("entity names, speakers, quotes and claims cannot inject markup", () => {
    const evil = "<script>alert(1)</script>";
    const a = article(`"<img src=x onerror=alert(1)> is here," said Mallory <b>Evil</b>. Mallory <b>Evil</b> visited ${evil} Town.`, "evil");
    const q = a.text.indexOf("<img");
    a.layers.quote = [{ start: q - 1, end: a.text.indexOf(",") + 2, layer: "quote", label: "direct", attrs: { cue: "said<i>", speaker: "Mallory <b>Evil</b>", speakerStart: 0, speakerEnd: 0 } }];
    const ents = [entity("m", "Mallory <b>Evil</b>", "PER", [a]), entity("t", `${evil} Town`, "LOC", [a])];
    a.layers.entity = ents.flatMap((e) => (e.mentions[a.id] ?? []).map(([start, end]) => ({ start, end, layer: "entity" as const, label: e.type })));
    const claims = [{ id: "c", text: `${evil} happened`, kind: "attributed", attributedTo: "<i>x</i>", support: [{ articleId: a.id, start: 0, end: 5, text: "x" }], sources: 1, conflicts: [{ slot: "<s>", values: [{ value: evil, articles: [a.id] }, { value: "ok", articles: [] }] }], unique: true }];
    const profiles = [{ articleId: a.id, outlet: "<b>outlet</b>", kind: "<i>mixed</i>", shares: { reporting: 1, opinion: 0, promotional: 0 } }];
    const [story] = graphStage([a], [{ id: "s", label: `<u>${evil}</u>`, articleIds: [a.id], sources: [], results: { entities: ents, claims, profiles } }]);
    const report = buildReport({ inputs: [], articles: [a], stories: [story!], duplicates: [], errors: [] });
    const html = renderHtml(report);
    assert.ok(!/<script/i.test(html));
    assert.ok(!/<img/i.test(html));
    for (const tag of ["<b>Evil", "<b>outlet", "<i>x</i>", "<i>mixed", "<u>", "<s>", "said<i>"]) assert.ok(!html.includes(tag), `${tag} is escaped`);
    assert.ok(html.includes("Mallory &lt;b&gt;Evil&lt;/b&gt;"));
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt; Town"));
    const md = renderMarkdown(report);
    assert.ok(!md.includes("<script>") && !md.includes("<b>"));
  });
});

describe("exports", () => {
  it("quotes CSV fields as RFC 4180 says", () => {
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField("a,b"), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField("two\nlines"), '"two\nlines"');
    assert.equal(csvField("cr\r"), '"cr\r"');
    assert.equal(csvField(" pad"), '" pad"');
    assert.equal(csvField(null), "");
    assert.equal(csvField(3), "3");
    assert.equal(csvField(false), "false");
    const text = toCsv(["a", "b"], [['x,"y"', "line\r\nbreak"], ["", "z"]]);
    assert.deepEqual(parseCsv(text), [["a", "b"], ['x,"y"', "line\r\nbreak"], ["", "z"]]);
  });

  it("claims.csv has one row per claim with its support, articles and conflicts", () => {
    // the real claims of the Ankara story
    const rows = parseCsv(claimsCsv(fx.report));
    const claims = fx.report.stories[0]!.claims as { id: string; text: string; sources: number; conflicts: unknown[] }[];
    assert.equal(rows.length, claims.length + 1);
    assert.ok(rows.every((r) => r.length === rows[0]!.length));
    const h = rows[0]!;
    const col = (name: string) => h.indexOf(name);
    claims.forEach((c, i) => {
      assert.equal(rows[i + 1]![col("text")], c.text, "text round-trips");
      assert.equal(rows[i + 1]![col("support_count")], String(c.sources));
      assert.equal(rows[i + 1]![col("conflicts")] !== "", c.conflicts.length > 0);
    });
    // hand-written claims with quotes, <, & and a conflict
    const report = { ...fx.report, stories: [{ ...fx.report.stories[0]!, claims: fx.constructedClaims }] };
    const rows2 = parseCsv(claimsCsv(report));
    const row = (id: string) => Object.fromEntries(h.map((k, i) => [k, rows2.find((r) => r[1] === id)![i]!]));
    assert.equal(row("c4").text, (fx.constructedClaims[3] as { text: string }).text, "quotes, <, & survive the round trip");
    assert.equal(row("c4").attributed_to, "Vladimir Putin");
    assert.equal(row("c1").support_count, "3");
    assert.equal(row("c1").articles.split(" ").length, 3);
    assert.match(row("c1").conflicts, /^victim first name: Andrei \([0-9a-f]{16}\) vs Andrey \([0-9a-f]{16}\)$/);
    assert.equal(row("c3").unique, "true");
  });

  it("events.csv has one row per event", () => {
    const rows = parseCsv(eventsCsv(fx.report));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1]!.slice(0, 8), ["s1", "186", "18", "Assassinate", "Mevlut Mert Altintas", "e-altintas", "Karlov", "e-karlov"]);
    assert.match(rows[1]![12]!, /^[0-9a-f]{16}:\d+-\d+$/);
  });

  it("entities.graphml is valid GraphML with the keys and every edge's ends declared", () => {
    const xml = entitiesGraphml(fx.report);
    assert.equal(XMLValidator.validate(xml), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => ["key", "graph", "node", "edge", "data"].includes(n) }).parse(xml) as {
      graphml: { key: Record<string, string>[]; graph: { node: { "@id": string; data: { "@key": string; "#text": string | number }[] }[]; edge: Record<string, string>[] }[] };
    };
    const keys = new Map(doc.graphml.key.map((k) => [k["@id"], k]));
    for (const [id, target] of [["name", "node"], ["type", "node"], ["salience", "node"], ["weight", "edge"]]) assert.equal(keys.get(id)?.["@for"], target, id);
    const g = fx.story.results.graph as EntityGraph;
    const graph = doc.graphml.graph[0]!;
    assert.equal(graph.node.length, g.nodes.length);
    const ids = new Set(graph.node.map((n) => n["@id"]));
    assert.equal(ids.size, g.nodes.length);
    for (const e of graph.edge) assert.ok(ids.has(e["@source"]!) && ids.has(e["@target"]!));
    const karlov = graph.node.find((n) => n["@id"] === "s1:e-karlov")!;
    assert.equal(karlov.data.find((d) => d["@key"] === "name")!["#text"], "Andrei Karlov");
  });

  it("escapes names in GraphML and drops characters XML cannot hold", () => {
    const report = { ...fx.report, stories: [{ id: "s<1>", label: "a & b", articleIds: [], sources: [], graph: { nodes: [{ id: 'x"1', name: "AT&T <Corp>\u0001", type: "ORG", salience: 1 }, { id: "y", name: "Bell's", type: "ORG", salience: 0.5 }], edges: [{ source: 'x"1', target: "y", weight: 2, kinds: ["co-occurrence"], citations: [] }] } }] };
    const xml = entitiesGraphml(report);
    assert.equal(XMLValidator.validate(xml), true);
    const doc = new XMLParser({ ignoreAttributes: false, processEntities: true }).parse(xml) as { graphml: { graph: { node: { data: { "#text": string }[] }[] } } };
    assert.equal(doc.graphml.graph.node[0]!.data[0]!["#text"], "AT&T <Corp>");
  });

  it("the CLI writes the CSV and GraphML files on request and refuses unknown formats", () => {
    const out = tempDir();
    const r = runCli(["analyze", EXAMPLES, "--no-db", "--out", out, "--format", "csv,graphml", "--quiet"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(out, "claims.csv"), "utf8"), /^story_id,claim_id,kind,attributed_to,text,support_count,articles,outlets,conflicts,unique\r\n/);
    assert.match(readFileSync(join(out, "events.csv"), "utf8"), /^story_id,code,root,name,/);
    assert.equal(XMLValidator.validate(readFileSync(join(out, "entities.graphml"), "utf8")), true);
    assert.throws(() => readFileSync(join(out, "report.html")));
    const bad = runCli(["analyze", EXAMPLES, "--no-db", "--out", out, "--format", "pdf"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /unknown format "pdf"/);
  });
});
