import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PieceRuns } from "../src/explain/runs.js";
import { seededRandom } from "../src/explain/sections/layout.js";

/** Pieces of mixed sizes (some empty, some over a run's length), pushed in items of a few pieces each. */
function items(seed: number): string[][] {
  const rand = seededRandom(seed);
  const out: string[][] = [];
  for (let i = 0; i < 400; i++) {
    const item: string[] = [];
    for (let k = Math.floor(rand() * 5); k > 0; k--) {
      const r = rand();
      const len = r < 0.1 ? 0 : r < 0.98 ? Math.floor(rand() * 4000) : 300_000;
      item.push(String.fromCharCode(97 + (i % 26)).repeat(len) + (r < 0.5 ? "\n" : "“"));
    }
    out.push(item);
  }
  return out;
}

describe("PieceRuns", () => {
  for (const sep of ["", "\n"]) {
    it(`joins runs so that the whole joins as the pieces did (separator ${JSON.stringify(sep)})`, () => {
      for (const seed of [1, 2, 3]) {
        const plain: string[] = ["head", "er"];
        const compacted: string[] = ["head", "er"];
        const runs = new PieceRuns(compacted, sep);
        for (const item of items(seed)) {
          plain.push(...item);
          compacted.push(...item);
          runs.check();
        }
        assert.ok(compacted.length < plain.length / 4, `${compacted.length} runs from ${plain.length} pieces`);
        assert.equal(compacted[0], "head");
        assert.equal(compacted[1], "er");
        assert.equal(compacted.join(sep), plain.join(sep));
      }
    });
  }
});
