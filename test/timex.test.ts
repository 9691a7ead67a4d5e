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

/** `text=TYPE:value` for each timex of a sentence, against an anchor day. */
function vals(text: string, anchor: { y: number; m: number; d: number }): string[] {
  return extractTimexes(text, { anchor }).map((t) => `${text.slice(t.start, t.end)}=${t.type}:${t.value}`);
}

test("months and month-days: 'February this year', 'last Oct. 23', tense picks the year", () => {
  const dec98 = { y: 1998, m: 12, d: 3 };
  assert.deepEqual(vals("The ratification process began in February this year with Canada being the first NATO member.", dec98), [
    "February=DATE:1998-02",
  ]);
  assert.deepEqual(vals("They are scheduled to become full members of NATO in April next year.", dec98), ["April=DATE:1999-04"]);
  const apr99 = { y: 1999, m: 4, d: 19 };
  assert.deepEqual(vals("Slepian was shot to death last Oct. 23 at his home in suburban Amherst.", apr99), ["Oct. 23=DATE:1998-10-23"]);
  // past tense: the date before the anchor even though Oct. 23, 1999 is nearer to May 1999
  assert.deepEqual(vals("Investigators have been searching for Kopp since shortly after the Oct. 23 slaying.", { y: 1999, m: 5, d: 6 }), [
    "Oct. 23=DATE:1998-10-23",
  ]);
  assert.deepEqual(vals("The foreign ministers of Poland, Hungary and the Czech Republic and Jan Kavan signed.", apr99), []);
  // the second day of a pair is a date of its own
  assert.deepEqual(vals("The ceremony would still be held at the NATO Washington summit on April 24 and 25.", { y: 1999, m: 2, d: 10 }), [
    "April 24=DATE:1999-04-24",
    "25=DATE:1999-04-25",
  ]);
  assert.deepEqual(vals("Between March 3 and 5 percent of the shares changed hands.", apr99), ["March 3=DATE:1999-03-03"]);
});

test("present, past and future references: current, soon, the nineties", () => {
  const oct89 = { y: 1989, m: 10, d: 30 };
  assert.deepEqual(vals("Kellogg's current share is believed to be slightly under 40%.", oct89), ["current=DATE:PRESENT_REF"]);
  assert.deepEqual(vals("Prosecutors have told him that they may soon seek an indictment.", oct89), ["soon=DATE:FUTURE_REF"]);
  assert.deepEqual(vals("He was soon released and appeared to be healthy.", oct89), []);
  assert.deepEqual(vals("The group would be ready to leave as soon as Tuesday, Castro said.", { y: 2000, m: 4, d: 3 }), ["Tuesday=DATE:2000-04-04"]);
  assert.deepEqual(vals("Hate group numbers were dropping through the nineties.", oct89), ["the nineties=DATE:199"]);
  assert.deepEqual(vals("Islam will one day be the second largest religion in the country.", oct89), ["one day=DATE:FUTURE_REF"]);
  assert.deepEqual(vals("The fair lasted one day.", oct89), ["one day=DURATION:P1D"]);
});

test("durations: signal words out of the span, half units, bare plurals, non-durations", () => {
  const oct89 = { y: 1989, m: 10, d: 30 };
  assert.deepEqual(vals("Three days later, the Nasdaq Composite was down 6%.", oct89), ["Three days=DURATION:P3D"]);
  assert.deepEqual(vals("She spent about 5 1/2 hours in Nairobi.", oct89), ["about 5 1/2 hours=DURATION:PT5H30M"]);
  assert.deepEqual(vals("The navy may use the base for at least 20 more years.", oct89), ["at least 20 more years=DURATION:P20Y"]);
  assert.deepEqual(vals("He had been traveling from demonstration to demonstration for years.", oct89), ["years=DURATION:PXY"]);
  assert.deepEqual(vals("In the years that followed, the guerrilla fighters waged war.", oct89), ["the years=DURATION:PXY"]);
  assert.deepEqual(vals("His car was spotted in the weeks before the shooting.", oct89), []);
  assert.deepEqual(vals("The program is available to employees 55 years old or older.", oct89), []);
  assert.deepEqual(vals("Iraq imports about three-quarters of its foodstuffs.", oct89), []);
  assert.deepEqual(vals("Gonzalez said on CBS's 60 Minutes that they were abusing him.", oct89), []);
  assert.deepEqual(vals("If they turned the child over, it will be a second betrayal.", oct89), []);
  assert.deepEqual(vals('Secretary of State James Baker, speaking on ABC News\' "This Week," said so.', oct89), []);
});

test("earnings reports: the year, the reported quarter, year-ago comparisons", () => {
  const nov89 = { y: 1989, m: 11, d: 2 };
  assert.deepEqual(vals("For the year ended Sept. 30, Ralston earned $422.5 million.", nov89), ["the year=DURATION:P1Y", "Sept. 30=DATE:1989-09-30"]);
  assert.deepEqual(vals("Sales for the full year were $6.6 billion.", nov89), ["the full year=DATE:1989"]);
  assert.deepEqual(vals("The plan will reduce employment by at least 6,000 people by year end.", nov89), [
    "year end=DATE:1989",
  ]);
  assert.deepEqual(vals("Net sales for this year's third quarter were $14 million. U.K. sales for last year's quarter were about $3 million.", nov89), [
    "this year's third quarter=DATE:1989-Q3",
    "last year's quarter=DATE:1988-Q3",
  ]);
  // a forecast for the fourth quarter is not the quarter being reported
  assert.deepEqual(vals("Third-quarter profit fell 59%, compared with a loss a year ago. The insurer expects a weak fourth quarter. In the latest quarter, it lost $7.2 million.", nov89), [
    "Third-quarter=DATE:1989-Q3",
    "a year ago=DATE:1988-Q3",
    "fourth quarter=DATE:1989-Q4",
    "the latest quarter=DATE:1989-Q3",
  ]);
  assert.deepEqual(vals("The year-ago results included a $415 million charge in the 1988 second quarter.", nov89), [
    // no reported quarter mentioned yet: the year before
    "year-ago=DATE:1988",
    "the 1988 second quarter=DATE:1988-Q2",
  ]);
  assert.deepEqual(vals("The current quarter has begun extremely well.", { y: 1989, m: 10, d: 26 }), ["The current quarter=DATE:1989-Q4"]);
});

test("anaphoric expressions take the last date mentioned", () => {
  const jan00 = { y: 2000, m: 1, d: 28 };
  assert.deepEqual(vals("Munero had fled to Florida in June 1998 and returned to Cuba later that year.", jan00), [
    "June 1998=DATE:1998-06",
    "later that year=DATE:1998",
  ]);
  assert.deepEqual(vals("In March, a shareholder urged the company to act. The following month, the company put itself up for sale.", { y: 1989, m: 10, d: 27 }), [
    "March=DATE:1989-03",
    "The following month=DATE:1989-04",
  ]);
});

test("weekdays: fronted adverbials, possessives, parts of days", () => {
  const mon = { y: 1998, m: 10, d: 26 }; // a Monday
  // the main clause after a fronted "On Tuesday," is in the future, however far its verb is
  assert.deepEqual(vals("On Tuesday, the National Abortion and Reproductive Rights Action League plans to hold a news conference.", mon), [
    "Tuesday=DATE:1998-10-27",
  ]);
  // "Until" is not a future marker when the clause is past perfect
  assert.deepEqual(vals("Until Thursday, they had not called Kopp a suspect.", { y: 1999, m: 5, d: 7 }), ["Thursday=DATE:1999-05-06"]);
  // "planned" reports a plan made in the past; "plans to" looks ahead
  assert.deepEqual(vals("On Friday, the Kenyan government planned to pay the victims' families.", { y: 1998, m: 9, d: 30 }), [
    "Friday=DATE:1998-09-25",
  ]);
  assert.deepEqual(vals("The government plans to pay the families on Friday.", { y: 1998, m: 9, d: 30 }), ["Friday=DATE:1998-10-02"]);
  assert.deepEqual(vals("The minister vowed to return to Nairobi on Friday.", { y: 1998, m: 9, d: 30 }), ["Friday=DATE:1998-10-02"]);
  // a possessive day is one that has passed, whatever the tense around it
  assert.deepEqual(vals("The relatives said they would look for ways to get around Wednesday's ruling.", { y: 2000, m: 1, d: 7 }), [
    "Wednesday=DATE:2000-01-05",
  ]);
  assert.deepEqual(vals("In London at mid-afternoon yesterday, Ratners's shares were up 2 pence.", { y: 1989, m: 11, d: 2 }), [
    "mid-afternoon yesterday=TIME:1989-11-01TAF",
  ]);
  // spelled-out clock time; an early-morning time in the future is the next day's
  assert.deepEqual(vals("''This courageous father will leave at 4 in the morning,'' Castro said.", { y: 2000, m: 4, d: 5 }), [
    "4 in the morning=TIME:2000-04-06T04:00",
  ]);
  assert.deepEqual(vals("The meeting ended at ten o'clock.", { y: 2000, m: 4, d: 5 }), ["ten o'clock=TIME:2000-04-05T10:00"]);
  assert.deepEqual(vals("Clinic violence is going to be a major theme of our campaign from now to Election Day.", { y: 1998, m: 10, d: 26 }), [
    "now=DATE:PRESENT_REF",
    "Election Day=DATE:1998-11-03",
  ]);
  assert.deepEqual(vals("He won on Election Day 2016, two weeks before Thanksgiving 2016.", { y: 2017, m: 1, d: 1 }), [
    "Election Day 2016=DATE:2016-11-08",
    "two weeks=DURATION:P2W",
    "Thanksgiving 2016=DATE:2016-11-24",
  ]);
  assert.deepEqual(vals("Orangemen march each July from their rural church.", { y: 1998, m: 3, d: 22 }), ["each July=SET:XXXX-07"]);
  assert.deepEqual(vals("The poster showed Gary Cooper from the film High Noon. This is VOA Today.", { y: 1999, m: 3, d: 12 }), []);
});

test("with POS tags only verbs mark the past: 'a still unspecified date in January' is ahead", () => {
  const text = "The dividend would be paid on a still unspecified date in January to holders of record Dec. 21.";
  // without tags the -ed adjective "unspecified" reads as a past tense
  assert.deepEqual(vals(text, { y: 1989, m: 10, d: 26 }).slice(0, 1), ["January=DATE:1989-01"]);
  const a = processArticle({ raw: text, published: { value: "1989-10-26", how: "test" }, source: { origin: "test.txt", format: "text" } });
  assert.equal(timex(a, "January").value, "1990-01");
});

test("words named like Object.prototype members are not numbers, months or pronouns", async () => {
  const { parseCount, MONTHS, WEEKDAYS } = await import("../src/annotate/time/lexicon.js");
  const { PRONOUNS } = await import("../src/annotate/quotes/cues.js");
  for (const w of ["constructor", "toString", "__proto__", "valueOf"]) {
    assert.equal(w in MONTHS, false, w);
    assert.equal(w in WEEKDAYS, false, w);
    assert.equal(PRONOUNS[w], undefined, w);
    assert.equal(parseCount(w), null, w);
  }
  assert.equal(MONTHS.sept, 9);
  assert.equal(parseCount("twenty-one"), 21);
});

test("anchored rule scans still find matches with the longest leads before their digit or word", () => {
  // each rule with an `anchor` is tried only within `within` characters before a digit or anchor word:
  // these put the longest lead of the pattern before it (an off-by-one in `within` loses the match or
  // shortens it); spans as the full scan gives them
  const anchor = { y: 2016, m: 5, d: 10 };
  const cases: [string, string[]][] = [
    ["It ends at the beginning of 2017.", ["the beginning of 2017|year"]],
    ["He left shortly before 10 p.m. on Friday.", ["10 p.m. on Friday|clock"]],
    ["Prices fell in early the ’90s, they said.", ["early the ’90s|decade"]],
    ["It was the year-earlier second quarter of 2015.", ["the year-earlier second quarter of 2015|quarter"]],
    ["Sales rose through the intervening years.", ["the intervening years|bare-plural"]],
    ["by the current fiscal year’s end", ["the current fiscal year’s end|year-ref"]],
    ["at the beginning of the following year", ["the beginning of the following year|relative-unit"]],
    ["in the distant future", ["the distant future|ref"]],
    ["twelve in the morning", ["twelve in the morning|clock-words"]],
    ["earlier yesterday evening", ["earlier yesterday evening|part-of-day"]],
    ["It meets biweekly and twice per quarter.", ["biweekly|set", "per quarter|set"]],
    ["the year-earlier period", ["the year-earlier period|ref-quarter"]],
    ["At the beginning of September 2015, then Wednesday, the beginning of May 5.", ["the beginning of September 2015|month", "Wednesday, the beginning of May 5|month-day"]],
    ["On 4 May 2016 (2016-05-04, 5/4/2016), Aug. 7-8.", ["4 May 2016|day-month", "2016-05-04|iso", "5/4/2016|slash", "Aug. 7|month-day", "8|second-day"]],
  ];
  for (const [text, want] of cases) {
    const got = extractTimexes(text, { anchor }).map((t) => `${text.slice(t.start, t.end)}|${t.rule}`);
    assert.deepEqual(got, want, text);
  }
});
