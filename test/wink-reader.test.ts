import assert from "node:assert/strict";
import { describe, it } from "node:test";
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { readText, tokenValue, winkPosName } from "../src/annotate/wink-reader.js";
import { example } from "./helpers.js";

/** wink-nlp itself (a fresh instance with its own lexicon cache), pipe ["sbd", "pos"]. */
const nlp = winkNLP(model, ["sbd", "pos"]);
const its = nlp.its;

function wink(text: string): { values: string[]; spaces: string[]; pos: string[]; sentences: number[][] } {
  const doc = nlp.readDoc(text);
  return {
    values: doc.tokens().out(its.value),
    spaces: doc.tokens().out(its.precedingSpaces),
    pos: doc.tokens().out(its.pos),
    sentences: doc.sentences().out(its.span) as unknown as number[][],
  };
}

function ours(text: string, pad = 0): ReturnType<typeof wink> {
  // read from the middle of a longer string, as the annotator reads a paragraph of its article
  const padded = "x".repeat(pad) + text + "y".repeat(pad);
  const r = readText(padded, pad, pad + text.length);
  const out: ReturnType<typeof wink> = { values: [], spaces: [], pos: [], sentences: [] };
  for (let i = 0; i < r.count; i++) {
    out.values.push(tokenValue(r.type[i]!));
    out.spaces.push(r.spaces[i]! === 0xffff ? r.nbsp[i]! : " ".repeat(r.spaces[i]!));
    out.pos.push(winkPosName(r.pos[i]!));
  }
  for (let k = 0; k < r.sentences.length; k += 2) out.sentences.push([r.sentences[k]!, r.sentences[k + 1]!]);
  return out;
}

describe("wink-reader", () => {
  it("gives wink-nlp's own tokens, spaces, POS tags and sentences", () => {
    const texts = [
      "The quick brown fox jumps over the lazy dog. It didn't stop; can't you see?",
      'Mr. Erdoğan told the U.S. envoy on Jan. 5 that "we will not back down!" and left.',
      "Prices rose 3.5% to $1,200 in the 1990s (a record) -- analysts said, citing e-mail@example.com.",
      "He said:\n\n\"No.\"  Then  they\u00a0left at 5 p.m. Really? Yes!",
      "I'm sure they'll say it's fine, won't they? Ankara's mayor, whose office... well.",
      "",
      "   ",
      "St. Louis-based Acme Corp. reported Q3 results; shares fell 2-3 pct. #breaking @user :)",
    ];
    for (const raw of example("nytimes-report").raw.split(/\n\s*\n/)) if (raw.trim()) texts.push(raw.trim());
    for (const text of texts) {
      // twice: the second reading comes from the remembered pieces
      for (const pad of [0, 7]) assert.deepEqual(ours(text, pad), wink(text), JSON.stringify(text.slice(0, 60)));
    }
  });
});
