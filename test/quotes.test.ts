import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readInput } from "../src/ingest/read-inputs.js";
import { processArticle } from "../src/pipeline.js";
import type { Article } from "../src/model/article.js";
import { annotateSentences } from "../src/annotate/sentences.js";
import { extractQuotes } from "../src/annotate/quotes/extract.js";
import { parseBrat } from "../src/eval/quotes.js";
import { packageRoot } from "../src/util/paths.js";

async function example(name: string): Promise<Article> {
  const { articles } = await readInput(join(packageRoot(), "examples", "ankara-2016", name));
  return processArticle(articles[0]!);
}

/** The speaker of the quote whose content contains `words`. */
function speakerOf(a: Article, words: string): string | null {
  const q = (a.layers.quote ?? []).find((s) => a.text.slice(s.start, s.end).replace(/\s+/g, " ").includes(words));
  assert.ok(q, `no quote containing "${words}" in ${a.source.origin}`);
  const sp = q.attrs?.speaker;
  return typeof sp === "string" ? sp : null;
}

function assertSpeaker(a: Article, words: string, expected: RegExp): void {
  const sp = speakerOf(a, words);
  assert.match(sp ?? "(none)", expected, `speaker of "${words}"`);
}

test("CNN: Slutsky's inverted attribution", async () => {
  const a = await example("cnn-opinion.txt");
  assertSpeaker(a, "want to drive a wedge between Moscow and Ankara", /Leonid Slutsky/);
});

test("blog: Golts introduced before a colon", async () => {
  const a = await example("cww7news-blog.txt");
  assertSpeaker(a, "I think until now they have no clear decision", /Golts/);
});

test("NYT: every quote a reader sees has the right speaker, despite the garbling", async () => {
  const a = await example("nytimes-report.txt");
  assertSpeaker(a, "God is great", /gunman/);
  assertSpeaker(a, "despicably killed", /Putin/);
  assertSpeaker(a, "There can be only one answer to this", /Putin/);
  assertSpeaker(a, "We know that this is a provocation", /Erdogan/);
  assertSpeaker(a, "But the Russian government and the Turkish republic", /Erdogan/);
  assertSpeaker(a, "the gunman had fired seven shots", /Kilic/);
  assertSpeaker(a, "the gunman had ordered everyone else", /Kilic/);
  assertSpeaker(a, "Call the police", /^the assailant$/);
  assertSpeaker(a, "Mr. Karlov had died of his wounds", /Zakharova/);
  assertSpeaker(a, "despicable attack", /John Kerry/);
  assertSpeaker(a, "No justification for such a heinous act", /Stoltenberg/);
  assertSpeaker(a, "appalled by this senseless act of terror", /Ban/);
  assertSpeaker(a, "assassinated by a radical Islamic terrorist", /Trump/);
  assertSpeaker(a, "Turkey is very aware of the size of this failure", /Sinan Ulgen/);
  assertSpeaker(a, "expect any crisis between Turkey and Russia", /Ulgen/);
  assertSpeaker(a, "I felt extreme happiness when I heard the news", /Mohammed|Syrian activist/);
  assertSpeaker(a, "This is the first step in getting justice", /Mohammed|Syrian activist/);
});

test("quote spans: content inside the marks, cue and speaker offsets point at the text", async () => {
  const a = await example("nytimes-report.txt");
  const quotes = a.layers.quote ?? [];
  assert.ok(quotes.length >= 15);
  for (const q of quotes) {
    const attrs = q.attrs!;
    assert.ok(q.label === "direct" || q.label === "indirect");
    assert.ok(!/^["“”\s]/.test(a.text.slice(q.start, q.end)), "content starts inside the quotation marks");
    if (typeof attrs.speaker === "string") assert.equal(a.text.slice(attrs.speakerStart as number, attrs.speakerEnd as number), attrs.speaker);
    if (attrs.cue) assert.equal(a.text.slice(attrs.cueStart as number, attrs.cueEnd as number), attrs.cue);
  }
});

function quotesOf(text: string): { kind: string; speaker: string | null; cue: string | null; content: string }[] {
  const a = { text, layers: {} } as unknown as Article;
  annotateSentences(a);
  return extractQuotes(a).map((q) => ({ kind: q.kind, speaker: q.speaker?.text ?? null, cue: q.cue?.text ?? null, content: text.slice(q.start, q.end) }));
}

test("interrupted quotes, pronouns, indirect frames", () => {
  const q = quotesOf(
    'Angela Merkel spoke in Berlin. "We will not give in," she said, "and we will not forget." The chancellor told reporters that the talks would go on. According to the police, two people were hurt. Officials said the border was closed.',
  );
  assert.deepEqual(
    q.map((x) => [x.kind, x.speaker, x.cue, x.content]),
    [
      ["direct", "Angela Merkel", "said", "We will not give in,"],
      ["direct", "Angela Merkel", "said", "and we will not forget."],
      ["indirect", "The chancellor", "told", "that the talks would go on"],
      ["indirect", "the police", "According to", "two people were hurt"],
      ["indirect", "Officials", "said", "the border was closed"],
    ],
  );
});

test("curly and tokenised quotes; titles in quotes are not quotes", () => {
  const q = quotesOf("She wrote the book “From the Other Side of the World.” “It is over,” said the minister. The spokesman said : \" We do n't know yet . \"");
  assert.deepEqual(q.map((x) => [x.speaker, x.content]), [
    ["the minister", "It is over,"],
    ["The spokesman", "We do n't know yet ."],
  ]);
});

test("brat reader ties Content, Source and Cue of each attribution", () => {
  const ann = "T1\tSource 0 4\tSarah\nT2\tCue 5 9\tsaid\nT3\tContent 10 20;25 30\tit was ok\nT4\tAttribution 5 9\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nbroken line\n";
  assert.deepEqual(parseBrat(ann), [{ content: [{ start: 10, end: 20 }, { start: 25, end: 30 }], source: [{ start: 0, end: 4 }], cue: [{ start: 5, end: 9 }] }]);
});
