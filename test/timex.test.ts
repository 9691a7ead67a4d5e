import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readInput } from "../src/ingest/read-inputs.js";
import { processArticle } from "../src/pipeline.js";
import type { Article } from "../src/model/article.js";
import { extractTimexes } from "../src/annotate/time/extract.js";
import { parseTml, scoreDoc } from "../src/eval/timex.js";
import { packageRoot } from "../src/util/paths.js";

async function example(name: string, published?: string): Promise<Article> {
  const { articles } = await readInput(join(packageRoot(), "examples", "ankara-2016", name));
  const raw = articles[0]!;
  if (published) raw.published = { value: published, how: "test" };
  return processArticle(raw);
}

/** The timex whose text is `text` (the first one, or the nth). */
function timex(a: Article, text: string, nth = 0): { label?: string; value: unknown; anchored: unknown } {
  const hits = (a.layers.timex ?? []).filter((t) => a.text.slice(t.start, t.end).toLowerCase() === text.toLowerCase());
  const t = hits[nth];
  assert.ok(t, `no timex "${text}" in ${a.source.origin}; found: ${(a.layers.timex ?? []).map((x) => a.text.slice(x.start, x.end)).join(" | ")}`);
  return { label: t.label, value: t.attrs?.value, anchored: t.attrs?.anchored };
}

test("CNN: 'yesterday' resolves against the `date 2016-12-20` line", async () => {
  const a = await example("cnn-opinion.txt");
  assert.equal(a.published?.value, "2016-12-20");
  assert.deepEqual(timex(a, "yesterday"), { label: "DATE", value: "2016-12-19", anchored: true });
});

test("NYT (dated 2016-12-20): Monday evening, in August, over two decades, 1927, July 2013", async () => {
  const a = await example("nytimes-report.txt", "2016-12-20");
  assert.equal(timex(a, "Monday evening").value, "2016-12-19TEV");
  assert.equal(timex(a, "August").value, "2016-08");
  assert.deepEqual(timex(a, "over two decades"), { label: "DURATION", value: "P20Y", anchored: false });
  assert.equal(timex(a, "1927").value, "1927");
  assert.equal(timex(a, "July 2013").value, "2013-07");
  assert.equal(timex(a, "now").value, "PRESENT_REF");
});

test("blog (dated 2016-12-19): November 2015, earlier this year, more than five years", async () => {
  const a = await example("cww7news-blog.txt", "2016-12-19");
  assert.equal(timex(a, "November 2015").value, "2015-11");
  assert.equal(timex(a, "earlier this year").value, "2016");
  assert.equal(timex(a, "today").value, "2016-12-19");
  assert.equal(timex(a, "more than five years").value, "P5Y");
});

test("undated blog: relative expressions stay underspecified", async () => {
  const a = await example("cww7news-blog.txt");
  assert.equal(a.published, undefined);
  assert.equal(timex(a, "today").value, "XXXX-XX-XX");
  assert.equal(timex(a, "February 28").value, "XXXX-02-28");
  assert.equal(timex(a, "November 2015").value, "2015-11");
});

test("tense decides weekdays and months; sets, durations and refs", () => {
  const anchor = { y: 2016, m: 12, d: 20 }; // a Tuesday
  const v = (text: string): string[] => extractTimexes(text, { anchor }).map((t) => `${text.slice(t.start, t.end)}=${t.type}:${t.value}`);
  assert.deepEqual(v("The ambassador was shot on Monday."), ["Monday=DATE:2016-12-19"]);
  assert.deepEqual(v("The ministers will meet on Friday."), ["Friday=DATE:2016-12-23"]);
  assert.deepEqual(v("They met in March."), ["March=DATE:2016-03"]);
  assert.deepEqual(v("The talks will resume in January."), ["January=DATE:2017-01"]);
  assert.deepEqual(v("Inspections happen every week."), ["every week=SET:P1W"]);
  assert.deepEqual(v("He served for two years, three days ago."), ["two years=DURATION:P2Y", "three days ago=DATE:2016-12-17"]);
  assert.deepEqual(v("The third-quarter profit fell."), ["third-quarter=DATE:2016-Q3"]);
  assert.deepEqual(v("Sales rose last year and last month."), ["last year=DATE:2015", "last month=DATE:2016-11"]);
  assert.deepEqual(v("The 22-year-old officer fired 11 shots."), []);
  assert.deepEqual(v("Dec. 19, 2016 at 7:05 p.m."), ["Dec. 19, 2016=DATE:2016-12-19", "7:05 p.m.=TIME:2016-12-20T19:05"]);
  assert.deepEqual(extractTimexes("It happened on December 19.").map((t) => t.value), ["XXXX-12-19"]);
});

test("TimeML reader and TE3 counting", () => {
  const doc = parseTml(
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-08">1998-08-08</TIMEX3></DCT><TEXT>Bombs exploded <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> ago.</TEXT>',
  );
  assert.equal(doc.dct, "1998-08-08");
  assert.equal(doc.text, "Bombs exploded Friday & three days ago.");
  const sys = extractTimexes(doc.text, { anchor: { y: 1998, m: 8, d: 8 } });
  const c = scoreDoc(doc.timexes, sys, doc.text);
  // "three days ago" (DATE 1998-08-05) overlaps the gold "three days": a relaxed, not strict, match with a wrong type and value
  assert.deepEqual(c, { sys: 2, gold: 2, strict: 1, relaxed: 2, type: 1, value: 1 });
});
