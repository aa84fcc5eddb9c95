import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nameStart } from "./recognise.js";

describe("the tagger's name spans", () => {
  test("a preposition that opens a tagged span is the sentence's, not the name's: 'in Tarnow' -> 'Tarnow'", () => {
    const words = ["Crowds", "gathered", "in", "Tarnow", "on", "Sunday"];
    assert.equal(nameStart(words, 2, 4), 3);
    assert.equal(nameStart(["near", "the", "Lake"], 0, 3), 0); // "the" is no name: nothing trimmed
  });

  test("a name that begins with a lowercase particle keeps it: 'van Dyke', 'al-Bab'", () => {
    assert.equal(nameStart(["van", "Dyke"], 0, 2), 0);
    assert.equal(nameStart(["al-Bab"], 0, 1), 0);
  });
});
