import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Entity, Quote, Report } from "../src/report.js";
import { countQuotes, goldQuotes, isDirectQuote, parseBrat, predictedQuotes, quoteMatches, quoteScores, speakerRight } from "./quotes.js";

// An invented article and its BRAT annotation, offsets counted by hand:
// "Ann Lee said \"We will win.\" Critics disagree. Officials said the vote was fair."
//  0         1          2          3          4          5          6          7
//  0123456789012345678901234567890123456789012345678901234567890123456789012345678
const TEXT = 'Ann Lee said "We will win." Critics disagree. Officials said the vote was fair.';
const ANN = [
  "T1\tSource 0 7\tAnn Lee",
  "T2\tCue 8 12\tsaid",
  "T3\tContent 14 26\tWe will win.",
  "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
  "T4\tSource 46 55\tOfficials",
  "T5\tCue 56 60\tsaid",
  "T6\tContent 61 79\tthe vote was fair.",
  "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
].join("\n");

describe("gold direct quotes", () => {
  test("BRAT text-bound spans keep every fragment of a discontinuous span", () => {
    const { spans, relations } = parseBrat("T1\tContent 0 4;10 15\tab cd\nE1\tAttribution:T1 Content:T1", "x.ann");
    assert.deepEqual(spans.get("T1")?.fragments, [{ start: 0, end: 4 }, { start: 10, end: 15 }]);
    assert.deepEqual(relations[0].Content, ["T1"]);
  });
  test("a malformed line is an error naming file and line", () => {
    assert.throws(() => parseBrat("T1\tContent 4\tab\n", "bad.ann"), /bad\.ann:1: malformed/);
  });
  test("a Content span with quotation marks at its edge is direct, one without is not", () => {
    assert.equal(isDirectQuote(TEXT, [{ start: 14, end: 26 }]), true);
    assert.equal(isDirectQuote(TEXT, [{ start: 61, end: 79 }]), false);
  });
  test("only the quoted Content is gold, with its Source", () => {
    const gold = goldQuotes(TEXT, ANN, "a.ann");
    assert.equal(gold.length, 1);
    assert.equal(gold[0].source?.text, "Ann Lee");
  });
});

describe("matching", () => {
  test("half of the shorter span must overlap", () => {
    assert.equal(quoteMatches([{ start: 14, end: 20 }], [{ start: 14, end: 26 }]), true);
    assert.equal(quoteMatches([{ start: 10, end: 16 }], [{ start: 14, end: 26 }]), false); // 2 of 6
  });
});

const entity = (id: string, name: string, start: number, end: number): Entity => ({
  id, name, kind: "person", aliases: [name], roles: [], country: null, affiliations: [], mentions: [{ start, end, text: name }],
});
const quote = (start: number, end: number, speaker: string | null, speakerText: string | null): Quote => ({
  text: TEXT.slice(start, end), evidence: [{ start, end, text: TEXT.slice(start, end) }], speaker, speakerText, cue: "said", confidence: 0.9,
});
const report = (quotes: Quote[], entities: Entity[]): Pick<Report, "quotes" | "entities" | "article"> => ({
  quotes, entities, article: { text: TEXT } as Report["article"],
});

describe("scores", () => {
  const gold = goldQuotes(TEXT, ANN, "a.ann");
  test("right quote and right speaker (by mention): p=r=1 for both", () => {
    const pred = predictedQuotes(report([quote(14, 26, "e1", "Ann Lee")], [entity("e1", "Ann Lee", 0, 7)]), TEXT);
    const s = quoteScores(countQuotes(gold, pred));
    assert.equal(s.found.f1, 1);
    assert.equal(s.speaker.f1, 1);
  });
  test("right quote, wrong speaker, plus a spurious quote: found p=1/2 r=1, speaker p=0 r=0", () => {
    const pred = predictedQuotes(
      report([quote(14, 26, "e2", "Critics"), quote(28, 44, null, null)], [entity("e2", "Critics", 28, 35)]),
      TEXT,
    );
    const c = countQuotes(gold, pred);
    assert.deepEqual([c.correct, c.predicted, c.found, c.gold], [1, 2, 1, 1]);
    const s = quoteScores(c);
    assert.equal(s.found.p, 0.5);
    assert.equal(s.found.r, 1);
    assert.equal(s.speaker.f1, 0);
  });
  test("the same person by name counts even when no mention overlaps the Source span", () => {
    const [p] = predictedQuotes(report([quote(14, 26, "e1", null)], [entity("e1", "Dr Ann Lee", 40, 45)]), TEXT);
    assert.equal(speakerRight(p, gold[0]), true);
  });
  test("with no gold Source the speaker is right only when none is predicted", () => {
    const [none] = predictedQuotes(report([quote(14, 26, null, null)], []), TEXT);
    const [some] = predictedQuotes(report([quote(14, 26, null, "Ann Lee")], []), TEXT);
    const sourceless = { ...gold[0], source: null };
    assert.equal(speakerRight(none, sourceless), true);
    assert.equal(speakerRight(some, sourceless), false);
  });
});

describe("pronoun sources", () => {
  test("a speakerText with the very words of the gold Source counts, even a pronoun", () => {
    const gold = { content: [{ start: 14, end: 26 }], source: { fragments: [{ start: 0, end: 2 }], text: "He" } };
    const [p] = predictedQuotes(report([quote(14, 26, null, "he")], []), TEXT);
    assert.equal(speakerRight(p, gold), true);
    const [q] = predictedQuotes(report([quote(14, 26, null, "she")], []), TEXT);
    assert.equal(speakerRight(q, gold), false);
  });
});
