import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tokenize } from "../nlp/tokenize.js";
import { Doc } from "./doc.js";
import { SpanIndex, SpanSet } from "./span.js";

const meta = { id: null, title: null, published: null, credits: { authors: [], agencies: [] }, subheads: [], related: [], language: "en" };

function docOf(text: string): Doc {
  const doc = new Doc(text, meta);
  doc.tokens = tokenize(text);
  return doc;
}

describe("Doc", () => {
  test("reads span text from its own text, never from a stored copy", () => {
    const doc = docOf("Rebels seized Kanyabayonga on Friday.");
    assert.equal(doc.slice({ start: 14, end: 26 }), "Kanyabayonga");
  });

  test("charSpan is strict by default: offsets inside a token give undefined", () => {
    const doc = docOf("Rebels seized Kanyabayonga on Friday.");
    assert.deepEqual(doc.charSpan(14, 26, "LOC"), { start: 14, end: 26, label: "LOC" });
    assert.equal(doc.charSpan(15, 26, "LOC"), undefined);
  });

  test("charSpan contract shrinks to whole tokens, expand grows to cover them", () => {
    const doc = docOf("Rebels seized Kanyabayonga on Friday.");
    assert.deepEqual(doc.charSpan(12, 29, "x", "contract"), { start: 14, end: 29, label: "x" });
    assert.deepEqual(doc.charSpan(16, 20, "x", "expand"), { start: 14, end: 26, label: "x" });
  });

  test("a layer rejects spans outside the text", () => {
    const doc = docOf("short");
    assert.throws(() => doc.setLayer("ner", [{ start: 0, end: 99, label: "LOC" }]), /outside the text/);
  });

  test("tokenAt finds the token under an offset by binary search", () => {
    const doc = docOf("Two soldiers were wounded.");
    assert.equal(doc.tokenText(doc.tokenAt(5)), "soldiers");
    assert.equal(doc.tokenAt(3), -1);
  });
});

describe("SpanIndex", () => {
  const spans = [{ start: 0, end: 30 }, { start: 5, end: 8 }, { start: 12, end: 14 }, { start: 40, end: 45 }];
  const index = new SpanIndex(spans);

  test("finds every span that overlaps a range, a long early span included", () => {
    assert.deepEqual(index.overlapping(13, 20), [{ start: 0, end: 30 }, { start: 12, end: 14 }]);
    assert.deepEqual(index.overlapping(6, 7), [{ start: 0, end: 30 }, { start: 5, end: 8 }]);
  });

  test("touching is not overlapping: ranges are half-open", () => {
    assert.equal(index.overlaps(30, 40), false);
    assert.equal(index.overlaps(45, 50), false);
    assert.equal(index.overlaps(44, 46), true);
  });

  test("an empty index overlaps nothing", () => {
    assert.equal(new SpanIndex([]).overlaps(0, 10), false);
  });
});

describe("SpanSet", () => {
  test("spans added in any order are found by any overlapping range, and only by those", () => {
    const set = new SpanSet();
    set.add({ start: 50, end: 60 });
    set.add({ start: 10, end: 40 });
    set.add({ start: 12, end: 14 });
    assert.equal(set.overlaps(35, 45), true, "the long span reaches past the short ones");
    assert.equal(set.overlaps(40, 50), false, "the gap between them");
    assert.equal(set.overlaps(59, 70), true);
    assert.equal(set.overlaps(60, 70), false);
    assert.equal(set.overlaps(0, 10), false);
  });
});
