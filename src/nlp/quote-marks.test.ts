import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findQuoteMarks } from "./quote-marks.js";

describe("findQuoteMarks", () => {
  test("a lone '« ' between a headline and a site's name opens no quote", () => {
    assert.deepEqual(findQuoteMarks("Man hurt in crash « City News. A man was shot on Main Street, police said."), []);
  });
  test("guillemets that close still quote", () => {
    const text = "He said « we will stay » and left.";
    const marks = findQuoteMarks(text);
    assert.equal(marks.length, 1);
    assert.equal(text.slice(marks[0].start, marks[0].end), "we will stay");
  });
});
