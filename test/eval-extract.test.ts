import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aggregateShingles, shingleCounts, shingles } from "../src/eval/extract.js";

describe("article-extraction metric", () => {
  it("builds 4-token shingle multisets, one short shingle for short texts", () => {
    assert.deepEqual([...shingles("a b c d e")], [["a b c d", 1], ["b c d e", 1]]);
    assert.deepEqual([...shingles("Hello, world!")], [["Hello world", 1]]);
    assert.deepEqual([...shingles("x x x x x")], [["x x x x", 2]]);
  });

  it("counts true and false positives per document", () => {
    assert.deepEqual(shingleCounts("a b c d e f", "a b c d e f"), { tp: 3, fp: 0, fn: 0 });
    assert.deepEqual(shingleCounts("a b c d e f", "a b c d"), { tp: 1, fp: 0, fn: 2 });
    assert.deepEqual(shingleCounts("a b c d", "z a b c d"), { tp: 1, fp: 1, fn: 0 });
  });

  it("averages precision and recall over documents, F1 from the averages", () => {
    const r = aggregateShingles([
      { tp: 1, fp: 1, fn: 0 },
      { tp: 0, fp: 0, fn: 0 },
    ]);
    assert.equal(r.precision, 0.75);
    assert.equal(r.recall, 1);
    assert.ok(Math.abs(r.f1 - (2 * 0.75) / 1.75) < 1e-12);
  });
});
