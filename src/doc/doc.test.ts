import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tokenize } from "../nlp/tokenize.js";
import { Doc } from "./doc.js";

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
