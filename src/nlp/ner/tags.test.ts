import { test } from "node:test";
import assert from "node:assert/strict";
import { TAGS, toBio, bioSpans, allowedTransition, tagIndex } from "./tags.js";

test("the tag set is O then B-/I- for PER, ORG, LOC, MISC", () => {
  assert.deepEqual(TAGS, ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]);
});

test("toBio turns CoNLL IOB1 into BIO and repairs stray I-", () => {
  assert.deepEqual(toBio(["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]), ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"]);
});

test("bioSpans gives end-exclusive chunks", () => {
  assert.deepEqual(bioSpans(["B-ORG", "I-ORG", "O", "B-PER"]), [
    { start: 0, end: 2, label: "ORG" },
    { start: 3, end: 4, label: "PER" },
  ]);
});

test("I-X may follow only B-X or I-X", () => {
  assert.equal(allowedTransition(tagIndex("B-PER"), tagIndex("I-PER")), true);
  assert.equal(allowedTransition(tagIndex("B-LOC"), tagIndex("I-PER")), false);
  assert.equal(allowedTransition(tagIndex("O"), tagIndex("I-PER")), false);
  assert.equal(allowedTransition(tagIndex("I-PER"), tagIndex("B-PER")), true);
});
