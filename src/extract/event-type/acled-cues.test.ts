import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";
import type { Report } from "../../report.js";

const pipeline = createPipeline();
const read = (text: string): Report => pipeline.extract({ text, published: "2024-05-14" });
const subTypes = (r: Report) => r.events.filter((e) => !e.negated).map((e) => e.acled?.subEventType ?? null);

describe("ACLED types read from the words of a report", () => {
  test("people detained at or during a protest are how the protest was met: a protest with intervention", () => {
    assert.deepEqual(subTypes(read("Dozens of students were detained during a rally against higher tuition fees in the capital on Saturday.")), ["Protest with intervention"]);
    assert.deepEqual(subTypes(read("Police detained 14 people at a march against the mining project.")), ["Protest with intervention"]);
    // a rally with no one detained stays peaceful
    assert.deepEqual(subTypes(read("Hundreds of students held a rally against higher tuition fees in the capital on Saturday.")), ["Peaceful protest"]);
  });

  test("an armed side pushed or driven out of a place is territory taken; a country or a firm 'pushed out of' a market is not", () => {
    assert.deepEqual(subTypes(read("Government troops pushed the rebels out of three villages near the lake on Tuesday.")), ["Government regains territory"]);
    assert.deepEqual(subTypes(read("Militants drove the soldiers out of the border post before dawn.")), ["Non-state actor overtakes territory"]);
    assert.deepEqual(read("The company was pushed out of the regional market by cheaper rivals.").events, []);
  });
  test("an armed side named right before 'killed' makes it a happening, whoever was killed", () => {
    for (const side of ["Guerrillas", "Separatists", "Herdsmen", "Pirates"]) {
      const r = read(`${side} killed the deputy head of the district council on Sunday.`);
      assert.equal(r.events.filter((e) => e.type === "ASSAULT").length, 1, side);
    }
  });
});
