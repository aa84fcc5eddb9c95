import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decideWithoutCue } from "./index.js";

// the committed models (models/event-type/): what a short text no cue word reads is filed as
describe("texts no cue reads", () => {
  test("a text that names a crime and no happening the ACLED model is sure of files that crime, with no ACLED type", () => {
    for (const text of [
      "Customs officers stopped a lorry smuggling cigarettes across the northern border on Sunday.",
      "Border guards stopped two men carrying forty kilograms of contraband tobacco on Sunday.",
      "Police seized a van loaded with counterfeit banknotes at a checkpoint on Sunday.",
    ]) {
      const decision = decideWithoutCue(text);
      assert.equal(decision?.category, "crime", text);
      assert.equal(decision?.acled, null, text);
    }
  });

  test("a text that names no crime and tells no happening files nothing", () => {
    assert.equal(decideWithoutCue("The town council set next year's budget for the harbour and the schools on Sunday."), null);
    assert.equal(decideWithoutCue("The ministers of two neighbouring states spoke about river water on Sunday."), null);
  });
});
