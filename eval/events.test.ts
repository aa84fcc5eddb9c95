import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Event } from "../src/report.js";
import { ACLED_TO_CASE, caseLabel, caseLabelOfEvent, mainEvent, ploverLabel, readCaseSnippets, readPloverRecords } from "./events.js";

const event = (over: Partial<Event>): Event => ({
  id: "v", type: "ASSAULT", mode: null, acled: null, actors: [], targets: [], place: null, time: null, casualties: null,
  attribution: { status: "unknown", candidates: [] }, negated: false, hypothetical: false, evidence: [], confidence: 0.5,
  ...over,
});

describe("labels", () => {
  test("all 25 ACLED sub-event types have a CASE code, each code once", () => {
    assert.equal(Object.keys(ACLED_TO_CASE).length, 25);
    assert.equal(new Set(Object.values(ACLED_TO_CASE)).size, 25);
  });
  test("an ACLED sub-event maps to its CASE code whatever its case or punctuation", () => {
    assert.equal(caseLabelOfEvent({ acled: { eventType: "Explosions/Remote violence", subEventType: "Air/drone strike" } }), "AIR_STRIKE");
    assert.equal(caseLabelOfEvent({ acled: { eventType: "x", subEventType: "air / drone STRIKE" } }), "AIR_STRIKE");
  });
  test("a category stands in for the labels ACLED lacks; nothing gives null", () => {
    assert.equal(caseLabelOfEvent({ acled: null, category: "natural_disaster" }), "NATURAL_DISASTER");
    assert.equal(caseLabelOfEvent({ acled: null }), null);
  });
  test("the main event is the most confident one not negated; ties go to the earliest evidence", () => {
    const a = event({ id: "a", confidence: 0.9, negated: true });
    const b = event({ id: "b", confidence: 0.6, evidence: [{ start: 50, end: 60, text: "" }] });
    const c = event({ id: "c", confidence: 0.6, evidence: [{ start: 10, end: 20, text: "" }] });
    assert.equal(mainEvent([a, b, c])?.id, "c");
  });
  test("for CASE only events with a CASE label compete; none when no event has one", () => {
    const consult = event({ type: "CONSULT", confidence: 0.9 });
    const clash = event({ acled: { eventType: "Battles", subEventType: "Armed clash" }, confidence: 0.4 });
    assert.equal(caseLabel({ events: [consult, clash] }), "ARMED_CLASH");
    assert.equal(caseLabel({ events: [consult] }), "none");
    assert.equal(ploverLabel({ events: [consult, clash] }), "CONSULT");
    assert.equal(ploverLabel({ events: [] }), "none");
  });
});

describe("readers", () => {
  test("CASE snippets: header, then id, text, label; a row without a label is reported with its line", () => {
    const { items, errors } = readCaseSnippets("id\tEventSnippet\tSubType\n1\tTroops clashed.\tARMED_CLASH\n2\tNo label here\n", "s.tsv");
    assert.deepEqual(items.map((i) => [i.id, i.gold]), [["1", "ARMED_CLASH"]]);
    assert.deepEqual(errors, ["s.tsv:3: expected 3 tab-separated cells with a snippet and a label"]);
  });
  test("PLOVER records: old types renamed, INVESTIGATE/CRIME/DOCUMENT left out and counted", () => {
    const json = JSON.stringify([
      { id: "d", event: "DOCUMENT" },
      { id: "r1", event: "FIGHT", text: "Troops fought rebels.", date: "2000-01-01" },
      { id: "r2", event: "DEMAND", text: "They demanded talks." },
      { id: "r3", event: "INVESTIGATE", text: "Police probed it." },
      { id: "r4", event: "AGREE" },
    ], null, 1);
    const { items, errors, leftOut } = readPloverRecords(json, "r.json");
    assert.deepEqual(items.map((i) => [i.id, i.gold, i.published]), [["r1", "ASSAULT", "2000-01-01"], ["r2", "REQUEST", undefined]]);
    assert.deepEqual(leftOut, { DOCUMENT: 1, INVESTIGATE: 1 });
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^r\.json:\d+: record r4 lacks "event" or "text"$/);
  });
  test("a PLOVER file that is not JSON is an error naming the file and line", () => {
    assert.throws(() => readPloverRecords('[\n{"id": 1,\n}', "bad.json"), /bad\.json:\d+: not valid JSON/);
  });
});
