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

  test("a month after a day's number is the date's, not the name's: '12 Sep. Kolda' -> 'Kolda'", () => {
    assert.equal(nameStart(["12", "Sep.", "Kolda", "residents"], 1, 3), 2);
    assert.equal(nameStart(["4", "March", "Kolda"], 1, 3), 2);
    // (a month name that opens a name with no day before it stays: "May Kolda", a person)
    assert.equal(nameStart(["Dr", "May", "Kolda"], 1, 3), 1);
    assert.equal(nameStart(["12", "Sep.", "residents"], 1, 3), 1); // nothing capitalised after it: nothing trimmed
  });
});
