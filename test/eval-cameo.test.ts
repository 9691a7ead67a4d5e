import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evalCameo, parseRecords, prf, scoreRecord, type Triple } from "../src/eval/cameo.js";
import { hasSharedData, SHARED_DATA } from "./helpers.js";

const XML = `<Validation>
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Actorfile>PETR.Validate.actors.txt</Actorfile>
</Environment>
<Sentences>
<!-- a comment <Sentence id="X"> -->
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950102" id="NULL-01" category="NULL" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>The lions ate the tigers.</Text>
</Sentence>
<Sentence date="19950103" id="ERR-01" category="ERROR" sentence="true">
<EventCoding error="This should not be coded"></EventCoding>
<Text>Broken.</Text>
</Sentence>
</Sentences></Validation>`;

describe("cameo eval scorer", () => {
  it("parses records, the environment, no-event and error records", () => {
    const { records, env } = parseRecords(XML);
    assert.equal(env.Verbfile, "PETR.Validate.verbs.txt");
    assert.deepEqual(records.map((r) => r.id), ["DEMO-00", "NULL-01", "ERR-01"]);
    assert.deepEqual(records[0]!.expected, [["ARN", "GON", "064"]]);
    assert.equal(records[0]!.text, "Arnor is about to restore full diplomatic ties with Gondor.");
    assert.equal(records[0]!.date, "19950101");
    assert.ok(records[1]!.noEvents && !records[1]!.error);
    assert.ok(records[2]!.error);
  });

  it("classifies failures", () => {
    const exp: Triple[] = [["ARN", "GON", "064"]];
    assert.equal(scoreRecord(exp, [["ARN", "GON", "064"]]).cls, "pass");
    assert.equal(scoreRecord(exp, []).cls, "no event");
    assert.equal(scoreRecord([], [["ARN", "GON", "064"]]).cls, "spurious event");
    assert.equal(scoreRecord(exp, [["ARN", "GON", "042"]]).cls, "wrong code");
    assert.equal(scoreRecord(exp, [["BRE", "GON", "064"]]).cls, "wrong source");
    assert.equal(scoreRecord(exp, [["ARN", "BRE", "064"]]).cls, "wrong target");
    assert.equal(scoreRecord(exp, [["BRE", "ROH", "064"]]).cls, "wrong source and target");
    const partial = scoreRecord([...exp, ["GON", "ARN", "064"]], [["ARN", "GON", "064"], ["ARN", "ARN", "010"]]);
    assert.deepEqual([partial.tp, partial.fp, partial.fn, partial.cls], [1, 1, 1, "partial"]);
  });

  it("computes precision, recall and F1", () => {
    const m = prf(3, 1, 2);
    assert.equal(m.precision, 0.75);
    assert.equal(m.recall, 0.6);
    assert.ok(Math.abs(m.f1 - 2 / 3) < 1e-12);
    assert.deepEqual(prf(0, 0, 0), { precision: 0, recall: 0, f1: 0 });
  });

  it("passes at least 60% of the PETRARCH2 unit-test records", { skip: !hasSharedData }, async () => {
    const r = await evalCameo({ data: join(SHARED_DATA, "petrarch2_validation", "text", "PETR.UnitTest.records.xml") });
    assert.ok((r.json.records as number) > 250);
    assert.ok((r.json.records_passed as number) >= 0.6, r.text);
    assert.ok((r.json.triple_f1 as number) >= 0.65, r.text);
  });
});

describe("timeline eval measures", () => {
  it("date F1 and the most cited days", async () => {
    const { dateF1, topDays } = await import("../src/eval/timeline.js");
    assert.equal(dateF1(["2010-04-20", "2010-05-01"], ["2010-04-20", "2010-06-01", "2010-07-15"]), (2 * 0.5 * (1 / 3)) / (0.5 + 1 / 3));
    assert.equal(dateF1([], ["2010-04-20"]), 0);
    const counts = new Map([["2010-05-01", 3], ["2010-04-20", 5], ["2010-04-19", 3]]);
    assert.deepEqual(topDays(counts, 2), ["2010-04-20", "2010-04-19"]);
  });
});
