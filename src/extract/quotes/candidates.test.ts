import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";
import { QuoteDocIndex, quoteCandidates } from "./candidates.js";

const pipeline = createPipeline();

describe("speaker candidates of a quote", () => {
  const doc = pipeline.run({
    text:
      "Harbour closed\n" +
      "The harbour master's deputy said on Friday that ships would wait. \"Nobody sails tonight,\" said the duty officer, who asked not to be named.\n" +
      "Lars Holm, a fisherman, was angry. \"We lose a week,\" he told the local radio.",
    published: "2024-05-14",
  });
  const index = new QuoteDocIndex(doc);
  const texts = (k: number) => quoteCandidates(index, index.site(k), null).map((c) => `${c.kind}:${c.text}`);

  test("an unnamed speaker after an inverted cue is a candidate with its words", () => {
    assert.ok(texts(0).includes("nominal:the duty officer"));
  });

  test("the possessor is not the speaker: the phrase runs to its head", () => {
    assert.ok(texts(0).includes("nominal:The harbour master's deputy"));
    assert.ok(!texts(0).some((t) => t === "nominal:The harbour master"));
  });

  test("a pronoun is a candidate resolved to the nearest person before it", () => {
    const he = quoteCandidates(index, index.site(1), null).find((c) => c.kind === "pronoun" && c.text === "he");
    assert.equal(he?.entity?.name, "Lars Holm");
  });

  test("nothing inside the quote's own marks is a candidate, and 'nobody' is always one", () => {
    const list = texts(1);
    assert.ok(!list.some((t) => t.endsWith(":We")));
    assert.equal(list[list.length - 1], "none:");
  });

  test("a day name beside a cue is not taken for a name", () => {
    assert.ok(!texts(0).includes("name:Friday"));
  });
});
