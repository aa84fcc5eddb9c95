import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Event } from "../src/report.js";
import { matchingRecord, recordOutcome, recordsOf, scoreRecords } from "./records.js";

const span = (start: number) => ({ start, end: start + 1, text: "x" });
const event = (flags: Partial<Event> = {}): Event => ({
  id: "v", type: "ASSAULT", mode: null, acled: { eventType: "Battles", subEventType: "Armed clash" }, actors: [], targets: [],
  place: null, time: null, casualties: null, attribution: { status: "unknown", candidates: [] }, negated: false,
  hypothetical: false, evidence: [span(0), span(0)], confidence: 0.5, ...flags,
});
const killed = (n: number) => ({ killed: { low: n, best: n, high: n }, injured: null, victims: null });

describe("recordsOf", () => {
  test("negated, hypothetical, background and generic events are not records", () => {
    const events = [event(), event({ negated: true }), event({ hypothetical: true }), event({ background: true }), event({ generic: true })];
    assert.equal(recordsOf({ events }, "violent").length, 1);
    assert.equal(recordsOf({ events }, "acled").length, 1);
  });
  test("GVDB counts violent records only; ACLED counts records with an ACLED type", () => {
    const arrest = event({ type: "COERCE", acled: { eventType: "Strategic developments", subEventType: "Arrests" } });
    const untyped = event({ acled: null });
    assert.equal(recordsOf({ events: [arrest, untyped] }, "violent").length, 1);
    assert.equal(recordsOf({ events: [arrest, untyped] }, "acled").length, 1);
  });
});

describe("matchingRecord", () => {
  test("the record with the most evidence, then the earliest", () => {
    const a = event({ evidence: [span(50), span(50)] });
    const b = event({ evidence: [span(90), span(90), span(120)] });
    const c = event({ evidence: [span(10), span(10)] });
    assert.equal(matchingRecord([a, b, c]), b);
    assert.equal(matchingRecord([a, c]), c);
    assert.equal(matchingRecord([]), null);
  });
});

describe("scoreRecords", () => {
  test("records per event, exactly one, none, and the matching record's killed exactness", () => {
    const gold = { id: "1", text: "", published: null, killed: 2, injured: 0 };
    const outcomes = [
      recordOutcome(gold, { events: [event({ casualties: killed(2) })] }, "violent"),
      recordOutcome(gold, { events: [event({ casualties: killed(1) }), event()] }, "violent"),
      recordOutcome(gold, { events: [] }, "violent"),
    ];
    const s = scoreRecords(outcomes);
    assert.equal(s.recordsPerEvent, 1);
    assert.equal(s.exactlyOne, 1 / 3);
    assert.equal(s.none, 1 / 3);
    assert.equal(s.killedExact, 1 / 2);
    assert.equal(s.injuredExact, 1);
  });
});
