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

  test("a partial quote after 'the UN envoy said' is the envoy's, an unnamed speaker, not the organisation's", () => {
    const q = report.quotes.find((x) => x.text.includes("closer than ever"));
    assert.equal(q?.speaker, null);
    assert.equal(q?.speakerText, "The UN envoy");
    assert.equal(q?.speakerKind, "unnamed");
  });

  test("'according to X' names X", () => {
    assert.equal(speakerOf(report, "exhausted and afraid")?.name, "Lena Fischer");
    assert.equal(speakerOf(report, "exhausted and afraid")?.cue, "according to");
  });

  test("every quote carries its evidence span", () => {
    for (const q of report.quotes) assert.equal(report.article.text.slice(q.evidence[0].start, q.evidence[0].end), q.text);
  });
});

describe("unnamed speakers, pronouns and traces", () => {
  const report = read(
    "Flood relief\n" +
      "\"We are moving everyone to higher ground,\" a police spokesman said on Monday.\n" +
      "The victim's father told reporters: \"He was a kind boy who loved the river.\"\n" +
      "Ava Marlowe, who runs the shelter, said the town was \"holding together.\" \"We need blankets,\" she added.\n" +
      "According to State Department spokeswoman Nora Hale, aid is \"on its way to every village.\"",
  );
  const quote = (fragment: string) => report.quotes.find((q) => q.text.includes(fragment));

  test("a nominal speaker keeps its words and no entity, never the nearest name", () => {
    assert.equal(quote("higher ground")?.speakerText, "a police spokesman");
    assert.equal(quote("higher ground")?.speaker, null);
    assert.equal(quote("kind boy")?.speakerText, "The victim's father");
    assert.equal(quote("kind boy")?.speakerKind, "unnamed");
  });

  test("'she added' is the previous speaker, reported as a resolved pronoun", () => {
    const q = quote("blankets");
    assert.equal(report.entities.find((e) => e.id === q?.speaker)?.name, "Ava Marlowe");
    assert.equal(q?.speakerText, "she");
    assert.equal(q?.speakerKind, "pronoun");
  });

  test("the person who speaks for an organisation is the speaker, not the organisation", () => {
    assert.equal(report.entities.find((e) => e.id === quote("every village")?.speaker)?.name, "Nora Hale");
    assert.equal(quote("every village")?.cue, "according to");
  });

  test("every quote leaves its trace: the model's score and its best candidates, best first", () => {
    for (const q of report.quotes) {
      assert.equal(q.decidedBy?.startsWith("speaker-model"), true);
      assert.ok(q.speakerCandidates && q.speakerCandidates.length > 0);
      assert.equal(q.speakerCandidates[0].score, q.score);
      assert.ok(q.confidence > 0 && q.confidence <= 1);
    }
  });
});
