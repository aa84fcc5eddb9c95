import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createPipeline } from "../pipeline.js";
import { explainExtraction } from "./explain.js";

describe("explainExtraction (sitrep extract --explain)", () => {
  const report = createPipeline().extract({
    text: "Gunmen killed four farmers in the village of Tandara on Monday, police said.\n\n" +
      '"We found them in the fields at dawn," said Amadou Keita, a local official.',
    published: "2024-06-12",
  });

  test("each event says whether it is a record and what decided its happening, type and roles", () => {
    const out = explainExtraction(report);
    const assault = report.events.find((e) => e.type === "ASSAULT");
    assert.ok(assault, "the killing is an event");
    assert.match(out, new RegExp(`${assault.id} ASSAULT[^\\n]*: a record`));
    assert.match(out, /type: decided by \S+/);
  });

  test("each quote names its speaker, how it was chosen and the candidates weighed", () => {
    const out = explainExtraction(report);
    assert.match(out, /q1 "We found them in the fields at dawn,?": Amadou Keita \(named\)/);
    assert.match(out, /^ {6}-?\d+\.\d{3} Amadou Keita \(entity\)$/m, "the chosen candidate is listed with its score");
  });
});
