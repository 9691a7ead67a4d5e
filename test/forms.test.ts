import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FormTable } from "../src/annotate/forms.js";
import { internId, formOf, normWord } from "../src/annotate/events/intern.js";
import { lowerForm, lowerWords } from "../src/annotate/words.js";
import type { TokenColumns } from "../src/model/tokens.js";

/** Tokens over a text split at single spaces. */
function spaced(text: string): TokenColumns {
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  for (const w of text.split(" ")) {
    start.push(at);
    end.push(at + w.length);
    at += w.length + 1;
  }
  return { count: start.length, start: Int32Array.from(start), end: Int32Array.from(end), pos: new Uint8Array(start.length), sentence: new Int32Array(start.length) };
}

// ASCII, curly and straight quotes, dashes, letters whose case mapping changes length or depends on context
const WORDS = ["Turkey", "TURKEY", "turkey", "’s", "'s", "`s", "‘Hi’", "“Quote”", "—", "Straße", "STRASSE", "İstanbul", "istanbul", "ΟΔΟΣ", "οδος",
  "Erdoğan", "ERDOĞAN", "Ankara’s", "ANKARA'S", "x", "X", "K", "\u212A", "ǅ", "ﬁ", "ÿ", "Ÿ"];

describe("form tables", () => {
  it("events forms are normWord of the token text, one id per distinct form", () => {
    const text = WORDS.join(" ");
    const cols = spaced(text);
    const byForm = new Map<string, number>();
    for (let i = 0; i < cols.count; i++) {
      const t = text.slice(cols.start[i], cols.end[i]);
      const id = internId(text, cols.start[i]!, cols.end[i]!);
      assert.equal(formOf(id), normWord(t), t);
      const had = byForm.get(formOf(id));
      if (had !== undefined) assert.equal(id, had, `two ids for ${formOf(id)}`);
      byForm.set(formOf(id), id);
    }
    // TURKEY/Turkey/turkey and 's/’s/`s share a form
    assert.equal(internId("Turkey", 0, 6), internId("tURKEY", 0, 6));
    assert.equal(internId("’s", 0, 2), internId("'S", 0, 2));
  });

  it("lower-case forms are toLowerCase of the token text, one id per distinct form", () => {
    const text = WORDS.join(" ");
    const cols = spaced(text);
    const { ids } = lowerWords(text, cols);
    const byForm = new Map<string, number>();
    for (let i = 0; i < cols.count; i++) {
      const t = text.slice(cols.start[i], cols.end[i]);
      assert.equal(lowerForm(ids[i]!), t.toLowerCase(), t);
      const had = byForm.get(lowerForm(ids[i]!));
      if (had !== undefined) assert.equal(ids[i], had);
      byForm.set(lowerForm(ids[i]!), ids[i]!);
    }
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[3], ids[4]); // ’s and 's differ in lower case
  });

  it("starts over when full: the epoch goes up and new ids still name the right forms", () => {
    const table = new FormTable((c) => (c < 128 ? c : -1), (s) => s, 3);
    const text = "a b c d e a";
    const cols = spaced(text);
    const seen: string[] = [];
    for (let i = 0; i < cols.count; i++) seen.push(table.form(table.id(text, cols.start[i]!, cols.end[i]!)));
    assert.deepEqual(seen, ["a", "b", "c", "d", "e", "a"]);
    assert.equal(table.epoch, 1);
    assert.ok(table.size <= 3);
  });
});
