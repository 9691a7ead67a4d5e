import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { annotate, ANNOTATORS } from "../src/annotate/index.js";
import { annotateEvents } from "../src/annotate/events/index.js";
import { renderHtml } from "../src/explain/html.js";
import { renderMarkdown } from "../src/explain/markdown.js";
import { buildReport } from "../src/explain/report.js";
import { cleanArticle } from "../src/ingest/clean/clean.js";
import type { Article } from "../src/model/article.js";
import { anchorValue, buildTimeline, clauseLabel, isoDate, selectEntries, timelineStage, type TimelineEntry } from "../src/reconcile/timeline.js";
import { eventsStage, type StoryEvent } from "../src/reconcile/events.js";
import { readInput } from "../src/ingest/read-inputs.js";
import { processArticle } from "../src/pipeline.js";
import { example } from "./helpers.js";

const hasTimexAnnotator = ANNOTATORS.some((a) => a.name === "timex");

function article(raw: string, origin: string, name: string, published: string): Article {
  return annotate(cleanArticle({ raw, published: { value: published, how: "field" }, source: { origin, format: "text", name } }));
}

/**
 * The timex layer as its contract gives it (label DATE, attrs.value a TimeML value). When the
 * timex annotator is registered it has already run; until then the phrases are marked here.
 */
function withDates(a: Article, dates: [phrase: string, value: string, occurrence?: number][]): Article {
  if (hasTimexAnnotator) return a;
  a.layers.timex = dates.map(([p, value, n = 0]) => {
    let at = -1;
    for (let k = 0; k <= n; k++) at = a.text.indexOf(p, at + 1);
    assert.ok(at >= 0, `no "${p}" in ${a.source.origin}`);
    return { start: at, end: at + p.length, layer: "timex" as const, label: "DATE", attrs: { value } };
  });
  a.layers.timex.sort((x, y) => x.start - y.start);
  annotateEvents(a);
  return a;
}

async function read(name: "cnn-opinion" | "cww7news-blog" | "nytimes-report"): Promise<Article> {
  const { articles } = await readInput(example(name).path);
  return processArticle(articles[0]!);
}

/** The three Ankara articles as ingest reads them; only CNN's is dated, so the other two give underspecified values. */
async function ankara(): Promise<Article[]> {
  return [
    withDates(await read("cnn-opinion"), [["yesterday", "2016-12-19"], ["yesterday", "2016-12-19", 1]]),
    withDates(await read("cww7news-blog"), [["November 2015", "2015-11"], ["July", "XXXX-07"], ["August", "XXXX-08"]]),
    withDates(await read("nytimes-report"), [
      ["Monday evening", "XXXX-WXX-1TEV"],
      ["1976", "1976"],
      ["2007", "2007"],
      ["July 2013", "2013-07"],
      ["1927", "1927"],
      ["1985", "1985"],
    ]),
  ];
}

const find = (tl: TimelineEntry[], date: string, re: RegExp): TimelineEntry | undefined => tl.find((e) => e.date === date && re.test(e.label));

describe("story timeline", () => {
  it("gives the Ankara timeline: the story's events and the background, ordered and cited", async () => {
    const articles = await ankara();
    assert.equal(articles[0]!.published?.value, "2016-12-20");
    const tl = buildTimeline(articles);
    const want: [string, RegExp, "event" | "background"][] = [
      ["2015-11", /shot down/, "event"],
      ["2016-07", /coup/, "event"],
      ["2016-08", /Petersburg/, "event"],
      ["2016-12-19", /assassinated/, "event"],
      ["1927", /Voykov|Warsaw/, "background"],
      ["1985", /kidnapped/i, "background"],
      ["1976", /career/, "background"],
      ["2007", /regions/, "background"],
      ["2013-07", /ambassador/, "background"],
    ];
    for (const [date, re, kind] of want) {
      const e = find(tl, date, re);
      assert.ok(e, `no ${date} ${re}: ${JSON.stringify(tl.map((x) => [x.date, x.label]))}`);
      assert.equal(e.kind, kind, `${date} ${e.label}`);
      assert.ok(e.citations.length >= 1 && e.sources >= 1);
      for (const c of e.citations) {
        const a = articles.find((x) => x.id === c.articleId)!;
        assert.ok(c.start < c.end && c.end <= a.text.length);
      }
    }
    const assassination = find(tl, "2016-12-19", /assassinated/)!;
    assert.equal(assassination.code, "186");
    // of the 1985 sentence's events, the verb before the date (kidnapped) gives the code
    assert.equal(find(tl, "1985", /kidnapped/i)!.code, "181");
    for (let i = 1; i < tl.length; i++) assert.ok(tl[i - 1]!.date <= tl[i]!.date, "not ordered");
  });

  it("merges the same dated fact from two outlets and keeps different facts of a date apart", () => {
    const wire = "In November 2015 the Kremlin was left reeling when an attack aircraft was shot down by the Turkish air force.";
    const meet = "In August, the leaders met in Saint Petersburg, Russia to improve relations between the two countries.";
    const push = "In August, when Turkey Syria the two countries went into Syria to push the Turkey’s out of the border town of Jarabulus Turkey Syria move was widely seen as having the Islamic State the tacit approval of Russia.";
    const a = withDates(article(`${wire}\n\n${meet}`, "a.txt", "Outlet A", "2016-12-20"), [["November 2015", "2015-11"], ["August", "2016-08"]]);
    const b = withDates(article(`${wire}\n\n${push}`, "b.txt", "Outlet B", "2016-12-20"), [["November 2015", "2015-11"], ["August", "2016-08"]]);
    const tl = buildTimeline([a, b]);
    const nov = tl.filter((e) => e.date === "2015-11");
    assert.equal(nov.length, 1);
    assert.equal(nov[0]!.sources, 2);
    assert.deepEqual(new Set(nov[0]!.citations.map((c) => c.articleId)), new Set([a.id, b.id]));
    assert.equal(tl.filter((e) => e.date === "2016-08").length, 2);
  });

  it("reads an undated article's underspecified dates against the story's day", () => {
    assert.equal(anchorValue("XXXX-08", "2016-12-20"), "2016-08");
    assert.equal(anchorValue("XXXX-12-25", "2016-12-20"), "2015-12-25");
    assert.equal(anchorValue("XXXX-WXX-1TEV", "2016-12-20"), "2016-12-19TEV");
    assert.equal(anchorValue("XXXX-WXX-2", "2016-12-20"), "2016-12-20");
    assert.equal(anchorValue("XXXX-WXX-3", "2016-12-20"), "2016-12-14");
    assert.equal(anchorValue("1927", "2016-12-20"), "1927");
    assert.equal(anchorValue("XXXX-08", undefined), "XXXX-08");
  });

  it("keeps the most cited entries of a big story, in date order", () => {
    const e = (date: string, sources: number, cites: number): TimelineEntry => ({
      date,
      label: date,
      kind: "event",
      sources,
      citations: Array.from({ length: cites }, (_, i) => ({ articleId: "a", start: i, end: i + 1 })),
    });
    const all = [e("2001", 1, 1), e("2002", 3, 3), e("2003", 1, 5), e("2004", 2, 2)];
    assert.deepEqual(selectEntries(all, 2).map((x) => x.date), ["2002", "2004"]);
    assert.equal(selectEntries(all, 10).length, 4);
  });

  it("labels the dated clause without its time expression", () => {
    const s = "Mr. Karlov, who started his career as a diplomat in 1976, worked extensively in North Korea.";
    assert.equal(clauseLabel(s, { start: 0, end: s.length }, { start: s.indexOf("1976"), end: s.indexOf("1976") + 4 }), "Mr. Karlov started his career as a diplomat");
    assert.equal(isoDate("2016-12-19TEV"), "2016-12-19");
    assert.equal(isoDate("2015-FA"), "2015");
    assert.equal(isoDate("PRESENT_REF"), undefined);
  });

  it("treats all articles as one story when no stage made stories, and reports it escaped", async () => {
    const articles = await ankara();
    const stories = timelineStage(articles, eventsStage(articles, []));
    assert.equal(stories.length, 1);
    assert.deepEqual(stories[0]!.articleIds, articles.map((a) => a.id));
    // the story-level assassination event: 186, the gunman → the ambassador, in Ankara, on 2016-12-19
    const events = stories[0]!.results.events as StoryEvent[];
    const killing = events.find((e) => e.code === "186" && /gunman/.test(e.source.text));
    assert.ok(killing, JSON.stringify(events.map((e) => [e.code, e.source.text, e.target.text])));
    assert.match(killing.target.text, /ambassador/);
    assert.equal(killing.place, "Ankara");
    assert.equal(killing.date, "2016-12-19TEV");
    const tl = stories[0]!.results.timeline as TimelineEntry[];
    assert.ok(tl.length >= 9);
    assert.ok(Array.isArray(stories[0]!.results.events) && (stories[0]!.results.events as unknown[]).length > 0);
    stories[0]!.label = "<script>x</script>";
    const report = buildReport({ inputs: [], articles, stories, duplicates: [], errors: [] });
    const html = renderHtml(report);
    assert.match(html, /<ol class="timeline">/);
    assert.match(html, /<span class="date">19 Dec 2016<\/span>/);
    assert.ok(!html.includes("<script>"));
    const md = renderMarkdown(report);
    assert.match(md, /## Timeline/);
    assert.match(md, /\*\*Nov 2015\*\*: The Kremlin was left reeling/);
    assert.match(md, /## Events/);
  });
});
