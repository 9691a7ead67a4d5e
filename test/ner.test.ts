import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { annotateSentences } from "../src/annotate/sentences.js";
import { annotateEntities } from "../src/annotate/ner/annotator.js";
import { chunks, countSentence, emptyCounts, parseConll, prf, toIob2 } from "../src/annotate/ner/conll.js";
import { detokenise, evalNer } from "../src/annotate/ner/eval.js";
import { OffsetMap } from "../src/model/offset-map.js";
import type { Article } from "../src/model/article.js";
import type { Span } from "../src/model/span.js";
import { packageRoot } from "../src/util/paths.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

/** An article whose text is exactly the given string (no cleaning), annotated with sentences + entities. */
function annotated(text: string, id = "t"): Article {
  const art: Article = {
    id,
    source: { origin: id, format: "text" },
    raw: text,
    text,
    offsets: new OffsetMap([{ cleanStart: 0, rawStart: 0, length: text.length }]),
    removals: [],
    layers: {},
  };
  annotateSentences(art);
  annotateEntities(art);
  return art;
}

function entities(art: Article): { text: string; label: string; span: Span }[] {
  return (art.layers.entity ?? []).map((span) => ({ text: art.text.slice(span.start, span.end), label: span.label!, span }));
}

const EXAMPLES = join(packageRoot(), "examples", "ankara-2016");
const example = (f: string): Article => annotated(readFileSync(join(EXAMPLES, f), "utf8"), f);

/** What a reader would mark in each example article, with its type. */
const EXPECTED: Record<string, Record<string, string[]>> = {
  "nytimes-report.txt": {
    PER: [
      "Andrey G. Karlov", "Karlov", "Vladimir V. Putin", "Recep Tayyip Erdogan", "Erdogan", "Sergey V. Lavrov",
      "Mevlut Mert Altintas", "Altintas", "Jens Stoltenberg", "John Kerry", "Donald J. Trump", "Maria Zakharova",
      "Hasim Kilic", "Sinan Ulgen", "Aleksandr Griboyedov", "Pyotr Voykov", "Ban",
    ],
    LOC: [
      "Turkey", "Russia", "Ankara", "Istanbul", "Syria", "Aleppo", "Cankaya", "Izmir", "Aydin", "Brussels", "Paris",
      "Warsaw", "Poland", "Iraq", "Europe", "United States", "Jarabulus", "Istiklal Avenue",
    ],
    ORG: ["NATO", "Contemporary Arts Center", "United Nations", "Reuters", "Hurriyet", "Foreign Ministry", "Interior Ministry"],
  },
  "cnn-opinion.txt": {
    PER: [
      "Andrey Karlov", "Karlov", "Mevlut Mert Altintas", "Elmira Bayrasli", "Leonid Slutsky", "Burhan Ozbilici",
      "Suleyman Soylu", "Bashar al-Assad", "Putin",
    ],
    LOC: ["Turkey", "Russia", "Ankara", "Moscow", "Syria", "Aleppo", "United States", "Europe", "Asia", "Middle East"],
    ORG: ["NATO", "CNN", "Associated Press", "Anadolu", "Duma", "Foreign Policy Interrupted", "Cagdas Sanat Merkezi", "Interior Ministry"],
  },
  "cww7news-blog.txt": {
    PER: [
      "Karlov Andrei Gennadyevich", "Recep Tayyip Erdoğan", "Erdogan", "Vladimir Putin", "Putin", "Alexander Golts",
      "Bashar al Assad", "Assad", "Dina Amelia Kalmeta",
    ],
    LOC: ["Turkey", "Russia", "Ankara", "Moscow", "Syria", "Aleppo", "Saint Petersburg"],
    ORG: ["PKK", "YPG", "Kurdish People’s Protection Units"],
  },
};

for (const [file, byType] of Object.entries(EXPECTED)) {
  test(`entities: every person, place and organisation in ${file} is found with its type`, () => {
    const found = entities(example(file));
    const missing: string[] = [];
    for (const [type, names] of Object.entries(byType)) {
      for (const name of names) {
        const hits = found.filter((e) => e.text === name);
        if (!hits.some((e) => e.label === type)) missing.push(`${name} (${type}; got ${hits.map((h) => h.label).join(",") || "nothing"})`);
      }
    }
    assert.deepEqual(missing, []);
  });
}

test("entities: layer contract (sorted, non-overlapping, known labels, source attr)", () => {
  for (const f of Object.keys(EXPECTED)) {
    const spans = example(f).layers.entity!;
    assert.ok(spans.length > 20);
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      assert.equal(s.layer, "entity");
      assert.ok(["PER", "ORG", "LOC", "MISC", "MONEY", "PERCENT", "CARDINAL", "AGE"].includes(s.label!), s.label);
      assert.ok(s.attrs?.source === "model" || s.attrs?.source === "rule");
      assert.ok(s.end > s.start);
      if (i > 0) assert.ok(spans[i - 1]!.end <= s.start, "sorted and non-overlapping");
    }
  }
});

test("entities: titles are kept apart from person names", () => {
  const art = annotated(
    "Secretary of State John Kerry met Foreign Minister Sergey V. Lavrov in Geneva on Tuesday. Mr. Lavrov said President Vladimir V. Putin would call Mr. Erdogan.",
  );
  const per = entities(art).filter((e) => e.label === "PER");
  const byName = new Map(per.map((e) => [e.text, e.span.attrs?.title]));
  assert.equal(byName.get("John Kerry"), "Secretary of State");
  assert.equal(byName.get("Sergey V. Lavrov"), "Foreign Minister");
  assert.equal(byName.get("Vladimir V. Putin"), "President");
  assert.equal(byName.get("Erdogan"), "Mr.");
  assert.ok(per.every((e) => !/^(Mr|President|Secretary|Foreign)\b/.test(e.text)), JSON.stringify(per.map((e) => e.text)));
});

test("entities: web tokenisation (curly possessive, glued possessive, non-ASCII letters, U.S.)", () => {
  const art = annotated("Russia’s envoy met NATO's chief in Ankara. Recep Tayyip Erdoğan’s office thanked the U.S. government.");
  const got = entities(art).map((e) => `${e.label}:${e.text}`);
  for (const want of ["LOC:Russia", "ORG:NATO", "LOC:Ankara", "PER:Recep Tayyip Erdoğan", "LOC:U.S."]) assert.ok(got.includes(want), `${want} in ${got.join(" | ")}`);
});

test("rule entities: counts, money, percentages and ages with values", () => {
  const art = annotated(
    "The gunman, a 22-year-old police officer, fired seven shots and wounded at least three others. " +
      "Turkey hosts more than 2.5 million refugees and spent $2.5 billion, about 12 percent of the budget, while 40% of voters, aged 18 to 30, agreed. " +
      "On December 19, 2016, at 7 p.m., the ambassador spoke.",
  );
  const rules = entities(art).filter((e) => e.span.attrs?.source === "rule");
  const get = (text: string): Span | undefined => rules.find((e) => e.text === text)?.span;
  assert.equal(get("22-year-old")?.label, "AGE");
  assert.equal(get("22-year-old")?.attrs?.value, 22);
  assert.equal(get("seven")?.label, "CARDINAL");
  assert.equal(get("seven")?.attrs?.value, 7);
  assert.equal(get("seven")?.attrs?.unit, "shots");
  assert.equal(get("three")?.attrs?.value, 3);
  assert.equal(get("three")?.attrs?.qualifier, "at least");
  assert.equal(get("2.5 million")?.label, "CARDINAL");
  assert.equal(get("2.5 million")?.attrs?.value, 2_500_000);
  assert.equal(get("$2.5 billion")?.label, "MONEY");
  assert.equal(get("$2.5 billion")?.attrs?.value, 2_500_000_000);
  assert.equal(get("$2.5 billion")?.attrs?.unit, "USD");
  assert.equal(get("12 percent")?.label, "PERCENT");
  assert.equal(get("12 percent")?.attrs?.value, 12);
  assert.equal(get("40%")?.attrs?.value, 40);
  assert.equal(get("18")?.label, "AGE");
  // dates, times, durations, pronoun "one" and numbers in names are not counts
  for (const t of ["19", "2016", "7"]) assert.equal(get(t), undefined, t);
  const more = entities(annotated("No one knew it. They talked for four years on the Rossiya 24 channel, one by one.")).filter((e) => e.span.attrs?.source === "rule");
  assert.deepEqual(more.map((e) => e.text), []);
});

// ---- conlleval counting ----

const SNIPPET = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
to TO B-VP O
boycott VB I-VP O
British JJ B-NP B-MISC
lamb NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
`;

test("conll: parse, IOB1 -> IOB2, chunks", () => {
  const docs = parseConll(SNIPPET);
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.sentences.length, 3);
  assert.deepEqual(docs[0]!.sentences[1]!.words, ["Peter", "Blackburn"]);
  assert.deepEqual(toIob2(["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]), ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"]);
  assert.deepEqual(chunks(["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]), [
    { start: 0, end: 2, type: "PER" },
    { start: 2, end: 3, type: "PER" },
    { start: 4, end: 5, type: "LOC" },
    { start: 5, end: 6, type: "ORG" },
  ]);
});

test("conll: entity-level counting as conlleval (exact span and type)", () => {
  const c = emptyCounts();
  // gold: [EU]ORG [German]MISC [British]MISC ; guess: EU right, German wrong type, British missed, lamb spurious
  countSentence(c, ["B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O"], ["B-ORG", "O", "B-LOC", "O", "O", "O", "O", "B-MISC", "O"]);
  // gold [Peter Blackburn]PER; guess only [Peter]PER: boundary error counts as wrong
  countSentence(c, ["B-PER", "I-PER"], ["B-PER", "O"]);
  // IOB1 guess that equals IOB2 gold: counted correct
  countSentence(c, ["B-LOC", "O"], ["I-LOC", "O"]);
  // two adjacent entities of the same type in IOB2 vs one long guess
  countSentence(c, ["B-PER", "B-PER"], ["B-PER", "I-PER"]);
  assert.equal(c.gold, 3 + 1 + 1 + 2);
  assert.equal(c.guessed, 3 + 1 + 1 + 1);
  assert.equal(c.correct, 1 + 0 + 1 + 0);
  assert.equal(c.tokens, 9 + 2 + 2 + 2);
  assert.deepEqual(c.perType.get("MISC"), { correct: 0, guessed: 1, gold: 2 });
  assert.deepEqual(c.perType.get("LOC"), { correct: 1, guessed: 2, gold: 1 });
  const s = prf(c.correct, c.guessed, c.gold);
  assert.equal(s.precision, 2 / 6);
  assert.equal(s.recall, 2 / 7);
});

test("eval ner: JSON figures from a CoNLL file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ner-"));
  const file = join(dir, "snippet.txt");
  writeFileSync(file, SNIPPET);
  const r = await evalNer({ data: file });
  const j = r.json as { f1: number; precision: number; recall: number; tokens: number; per_type: Record<string, { f1: number }> };
  assert.equal(j.tokens, 13);
  assert.ok(j.f1 > 0.5 && j.f1 <= 1, String(j.f1));
  assert.ok(j.per_type.PER !== undefined);
  assert.match(r.text, /overall/);
});

test("eval ner --format text: detokenised documents keep each word's offsets", async () => {
  const doc = parseConll(`Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER
's POS B-NP O
"  " O O
call NN I-NP O
" " O O
( ( O O
EU NNP B-NP B-ORG
) ) O O
. . O O
`)[0]!;
  const { text, starts, ends } = detokenise(doc);
  assert.equal(text, 'Peter Blackburn\'s "call" (EU).');
  doc.sentences[0]!.words.forEach((w, i) => assert.equal(text.slice(starts[i], ends[i]), w));
  const dir = mkdtempSync(join(tmpdir(), "ner-"));
  const file = join(dir, "snippet.txt");
  writeFileSync(file, SNIPPET);
  const r = await evalNer({ data: file, format: "text" });
  assert.match(r.text, /running text/);
  assert.ok((r.json as { f1: number }).f1 > 0.5);
});

test("ner: the packed per-word-sum scores equal the one-feature-at-a-time emissions bit for bit", async () => {
  const { loadModel, NerModel } = await import("../src/annotate/ner/model.js");
  const { exactSums, L } = await import("../src/annotate/ner/features.js");
  const { NER_MODEL_FILE } = await import("../src/annotate/ner/load.js");
  const { modelPath } = await import("../src/util/paths.js");
  const data = loadModel(readFileSync(modelPath(NER_MODEL_FILE))).data;
  const frozen = new NerModel(data).freeze();
  const plain = new NerModel(data); // not frozen: extract + emissions over the sparse table
  assert.equal(exactSums(data.weights), true, "int16-quantised weights give exact partial sums");
  assert.equal(exactSums(Float32Array.from([1, 1e-30, 3])), false, "weights spanning too many binary orders are refused");
  const sentences = [
    ["Mr.", "Karlov", "was", "shot", "in", "Ankara", "on", "Monday", "."],
    ["THE", "UNITED", "NATIONS", "SAID", "IT", "WAS", "SHOCKED"],
    ["Recep", "Tayyip", "Erdogan", "and", "Vladimir", "Putin", "spoke", "by", "phone", "about", "the", "22-year-old", "gunman", "."],
    ["a"],
  ];
  const docLower = new Set(["was", "shot", "and", "the", "united"]);
  for (const words of sentences) {
    const n = words.length;
    const want = Float32Array.from(plain.emissions(plain.extractor.extract(words, docLower), n).subarray(0, n * L));
    const got = new Float32Array(n * L);
    frozen.extractor.scores(words, docLower, got);
    assert.deepEqual(Array.from(got), Array.from(want), words.join(" "));
    assert.deepEqual(Array.from(frozen.tag(words, docLower)), Array.from(plain.tag(words, docLower)));
  }
});

test("ner: tagging a whole document (form ids and lowercase words found once) gives each sentence's tags with the document's lowercase set", async () => {
  const { loadModel, NerModel } = await import("../src/annotate/ner/model.js");
  const { docLowerSet, L } = await import("../src/annotate/ner/features.js");
  const { NER_MODEL_FILE } = await import("../src/annotate/ner/load.js");
  const { modelPath } = await import("../src/util/paths.js");
  const data = loadModel(readFileSync(modelPath(NER_MODEL_FILE))).data;
  const frozen = new NerModel(data).freeze();
  const plain = new NerModel(data);
  // "Shot" and "Was" are capitalised here and written in lowercase elsewhere in the document; "Ankara" is not
  const doc = [
    ["Shot", "in", "Ankara", ",", "Karlov", "died", "."],
    [],
    ["Was", "he", "shot", "?", "Police", "said", "he", "was", "."],
    ["THE", "UNITED", "NATIONS", "SAID", "IT", "WAS", "SHOCKED"],
  ];
  const docLower = docLowerSet(doc);
  assert.deepEqual([...docLower].sort(), ["died", "he", "in", "said", "shot", "was"]);
  const want = doc.map((s) => Array.from(plain.tag(s, docLower)));
  assert.deepEqual(frozen.tagDocument(doc).map((l) => Array.from(l)), want);
  assert.deepEqual(plain.tagDocument(doc).map((l) => Array.from(l)), want);
  // the scores themselves, sentence by sentence, after a second document has come and gone
  frozen.tagDocument([["shot", "ankara"]]);
  frozen.extractor.beginDocument(doc);
  let from = 0;
  for (const words of doc) {
    const n = words.length;
    const got = new Float32Array(n * L);
    const ref = new Float32Array(n * L);
    if (n > 0) frozen.extractor.documentScores(from, n, got);
    frozen.extractor.scores(words, docLower, ref);
    assert.deepEqual(Array.from(got), Array.from(ref), words.join(" "));
    from += n;
  }
});

test("ner: the form table gives one id per normalised form, from the text where it lies or from a string, with the form's bits", async () => {
  const { nerModel } = await import("../src/annotate/ner/load.js");
  const { normalizeToken, FORM_POSSESSIVE, FORM_HONORIFIC, FORM_RULE_START } = await import("../src/annotate/ner/features.js");
  const { isHonorific } = await import("../src/annotate/ner/titles.js");
  const { mayStartRule } = await import("../src/annotate/ner/rules.js");
  const forms = nerModel().formsFor(200);
  assert.ok(forms, "the committed model is packed");
  const ex = forms.extractor;
  const text = "Mr. Erdoğan’s NATO's 22-year-old $5 Dr Prof. the The “quoted” café cafe a twenty 's US$ Mme. MESSRS. x's \u00a0";
  const ids = new Map<string, number>();
  for (const m of text.matchAll(/\S+/g)) {
    const a = m.index;
    const b = a + m[0].length;
    const id = ex.formOf(text, a, b);
    const form = normalizeToken(text.slice(a, b));
    assert.equal(ex.form(id), form, m[0]);
    assert.equal(ex.formOfString(form), id, form);
    assert.equal(ex.formOf(text, a, b), id, form);
    if (ids.has(form)) assert.equal(ids.get(form), id);
    else for (const [f, other] of ids) assert.notEqual(other, id, `${f} / ${form}`);
    ids.set(form, id);
    const possessive = form.length > 2 && form.endsWith("'s");
    assert.equal((ex.formBits(id) & FORM_POSSESSIVE) !== 0, possessive, form);
    assert.equal((ex.formBits(id) & FORM_HONORIFIC) !== 0, isHonorific(form), form);
    assert.equal((ex.formBits(id) & FORM_RULE_START) !== 0, mayStartRule(form), form);
  }
  assert.equal(ids.get("cafe"), ex.formOf("café", 0, 4), "café is read as cafe");
  assert.equal(ids.size, 18);
});

test("ner: isHonorific's early rejects agree with the set lookup", async () => {
  const { isHonorific } = await import("../src/annotate/ner/titles.js");
  const set = new Set(["mr", "mrs", "ms", "mx", "dr", "prof", "messrs", "mme", "mlle"]);
  const ref = (t: string): boolean => set.has(t.toLowerCase().replace(/\.$/, ""));
  const words = ["Mr.", "MR", "mr", "Mrs.", "Ms", "Mx.", "Dr", "DR.", "Prof.", "PROF", "Messrs.", "MESSRS", "Mme", "Mlle.", "M", "", ".", "Mr..", "Drs", "Professor", "İ", "Ms.x", "p", "Pr", "dR", "mlle.", "Messrs..", "Ḿr", "the", "Mister"];
  for (const w of words) assert.equal(isHonorific(w), ref(w), w);
});

test("rule entities: number words and numerals (regexes guarded by their first character)", async () => {
  const { numberValue } = await import("../src/annotate/ner/rules.js");
  const cases: [string, number | undefined][] = [
    ["22", 22], ["2,500", 2500], ["2.5", 2.5], ["1,234,567.5", 1234567.5], ["seven", 7], ["Twenty", 20], ["twenty-two", 22],
    ["ninety-nine", 99], ["twenty-ten", undefined], ["dozen", 12], ["a-dozen", 12], ["-5", undefined], ["x-y", undefined], ["5a", undefined], ["", undefined],
  ];
  for (const [t, v] of cases) assert.equal(numberValue(t), v, t);
});
