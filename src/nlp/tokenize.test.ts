import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { splitSentences, tokenize } from "./tokenize.js";

const words = (text: string) => tokenize(text).map((t) => text.slice(t.start, t.end));

describe("tokenize", () => {
  test("splits punctuation and quotes off words, as the CoNLL training data does", () => {
    assert.deepEqual(words('"We will stay," he said.'), ['"', "We", "will", "stay", ",", '"', "he", "said", "."]);
  });

  test("keeps hyphenated words, dotted acronyms and numbers whole", () => {
    assert.deepEqual(words("U.S.-backed Kurdish-led forces hit 1,200 targets in 3.5 days"), [
      "U.S.-backed", "Kurdish-led", "forces", "hit", "1,200", "targets", "in", "3.5", "days",
    ]);
  });

  test("splits the possessive 's and n't into their own tokens", () => {
    assert.deepEqual(words("Sudan's army didn't comment"), ["Sudan", "'s", "army", "did", "n't", "comment"]);
  });

  test("abbreviations and initials keep their period", () => {
    assert.deepEqual(words("Lt. Col. Ramon Dizon and George W. Bush"), ["Lt.", "Col.", "Ramon", "Dizon", "and", "George", "W.", "Bush"]);
  });

  test("currency signs are tokens of their own", () => {
    assert.deepEqual(words("€120 million ($130 million)"), ["€", "120", "million", "(", "$", "130", "million", ")"]);
  });
});

describe("splitSentences", () => {
  const sentences = (text: string) => {
    const tokens = tokenize(text);
    return splitSentences(text, tokens).map((s) => text.slice(s.start, s.end));
  };

  test("ends a sentence at a period before a capital, keeping a closing quote with it", () => {
    assert.deepEqual(sentences('He said "we are leaving." The army denied it.'), ['He said "we are leaving."', "The army denied it."]);
  });

  test("does not end a sentence after a title abbreviation", () => {
    assert.deepEqual(sentences("Gen. Abdel Fattah spoke. Mr. Ali replied."), ["Gen. Abdel Fattah spoke.", "Mr. Ali replied."]);
  });

  test("a line break always ends a sentence", () => {
    assert.deepEqual(sentences("Heavy fighting in Goma\nThe UN called for calm"), ["Heavy fighting in Goma", "The UN called for calm"]);
  });
});
