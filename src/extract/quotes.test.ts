import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../pipeline.js";
import type { Report } from "../report.js";

const pipeline = createPipeline();
const read = (text: string): Report => pipeline.extract({ text, published: "2024-05-14" });
const speakerOf = (r: Report, fragment: string) => {
  const q = r.quotes.find((x) => x.text.includes(fragment));
  return q && { name: r.entities.find((e) => e.id === q.speaker)?.name ?? null, cue: q.cue, confidence: q.confidence };
};

describe("quotes and their speakers", () => {
  const report = read(
    "Talks stall\n" +
      "\"We will not sign under fire,\" said Amina Yusuf, the opposition's chief negotiator. " +
      "\"The other side must stop the shelling first.\"\n" +
      "\"Our door remains open,\" government spokesman Daniel Okoro told Reuters.\n" +
      "The UN envoy said the parties were \"closer than ever\" to a deal.\n" +
      "Residents are \"exhausted and afraid,\" according to aid worker Lena Fischer.",
  );

  test("'\"...,\" said X' names X", () => {
    assert.equal(speakerOf(report, "We will not sign")?.name, "Amina Yusuf");
  });

  test("a quote with no cue of its own continues the previous speaker, less surely", () => {
    const q = speakerOf(report, "stop the shelling");
    assert.equal(q?.name, "Amina Yusuf");
    assert.ok((q?.confidence ?? 1) < 0.8);
  });

  test("'\"...,\" X told Y' names X, not the outlet", () => {
    assert.equal(speakerOf(report, "Our door remains open")?.name, "Daniel Okoro");
    assert.equal(speakerOf(report, "Our door remains open")?.cue, "told");
  });

  test("a partial quote after 'X said' names X", () => {
    assert.equal(speakerOf(report, "closer than ever")?.name, "United Nations");
  });

  test("'according to X' names X", () => {
    assert.equal(speakerOf(report, "exhausted and afraid")?.name, "Lena Fischer");
    assert.equal(speakerOf(report, "exhausted and afraid")?.cue, "according to");
  });

  test("every quote carries its evidence span", () => {
    for (const q of report.quotes) assert.equal(report.article.text.slice(q.evidence[0].start, q.evidence[0].end), q.text);
  });
});
