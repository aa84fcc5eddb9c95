import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Report } from "../src/report.js";
import { headToken, readRams, readWikiEvents, roleClassOf, scoreDocument } from "./roles.js";

const ramsLine = JSON.stringify({
  doc_key: "k1",
  sentences: [["Rebels", "shelled", "the", "port", "of", "Zenda", "."]],
  evt_triggers: [[1, 1, [["conflict.attack.n/a", 1.0]]]],
  gold_evt_links: [
    [[1, 1], [0, 0], "evt001arg01attacker"],
    [[1, 1], [2, 5], "evt001arg02target"],
    [[1, 1], [5, 5], "evt001arg03place"],
    [[1, 1], [2, 3], "evt001arg04instrument"],
  ],
});

const span = (text: string, start: number, end: number) => ({ start, end, text: text.slice(start, end) });

describe("eval roles", () => {
  test("gold role names map to actor, target and place; others are left out", () => {
    assert.equal(roleClassOf("evt011arg01attacker"), "actor");
    assert.equal(roleClassOf("Victim"), "target");
    assert.equal(roleClassOf("evt004arg04place"), "place");
    assert.equal(roleClassOf("evt011arg03instrument"), null);
  });

  test("the head of 'the port of Zenda' is 'port'; of 'the old port', 'port'", () => {
    assert.equal(headToken(["the", "port", "of", "Zenda"], 0, 3), 1);
    assert.equal(headToken(["the", "old", "port", "."], 0, 3), 2);
  });

  test("RAMS: tokens joined by spaces, arguments by head", () => {
    const { docs, errors } = readRams(ramsLine + "\n", "rams.jsonl");
    assert.deepEqual(errors, []);
    const [doc] = docs;
    assert.equal(doc.text, "Rebels shelled the port of Zenda .");
    assert.deepEqual(doc.events[0].trigger, { start: 7, end: 14 });
    assert.deepEqual(doc.events[0].arguments.map((a) => [a.role, doc.text.slice(a.head.start, a.head.end)]), [["actor", "Rebels"], ["target", "port"], ["place", "Zenda"]]);
  });

  test("a line that is not a RAMS record is reported with file and line", () => {
    const { errors } = readRams('{"doc_key":"x"}\n', "rams.jsonl");
    assert.match(errors[0], /^rams\.jsonl:1: expected "sentences"/);
  });

  test("WikiEvents: entity mentions by token, sentences joined", () => {
    const line = JSON.stringify({
      doc_id: "d1",
      sentences: [[[["Police", 0, 6], ["arrested", 7, 15], ["Omar", 16, 20]], "Police arrested Omar"]],
      entity_mentions: [{ id: "m1", start: 0, end: 1 }, { id: "m2", start: 2, end: 3 }],
      event_mentions: [{ trigger: { start: 1, end: 2 }, arguments: [{ entity_id: "m1", role: "Jailer" }, { entity_id: "m2", role: "Detainee" }] }],
    });
    const { docs } = readWikiEvents(line, "w.jsonl");
    assert.equal(docs[0].text, "Police arrested Omar");
    assert.deepEqual(docs[0].events[0].arguments.map((a) => a.role), ["actor", "target"]);
  });

  test("scores head matches per role: a right actor, a wrong target, a missed place", () => {
    const [doc] = readRams(ramsLine, "rams.jsonl").docs;
    const t = doc.text;
    const report: Pick<Report, "events" | "entities" | "places"> = {
      entities: [
        { id: "e1", name: "Rebels", kind: "armed_group", aliases: [], roles: [], country: null, affiliations: [], mentions: [span(t, 0, 6)] },
        { id: "e2", name: "Zenda", kind: "other", aliases: [], roles: [], country: null, affiliations: [], mentions: [span(t, 27, 32)] },
      ],
      places: [],
      events: [
        {
          id: "ev1", type: "ASSAULT", mode: "artillery", acled: null, actors: ["e1"], targets: ["e2"], place: null, time: null, casualties: null,
          attribution: { status: "stated", candidates: ["e1"] }, negated: false, hypothetical: false,
          evidence: [span(t, 7, 14), span(t, 0, t.length)], confidence: 0.8,
        },
      ],
    };
    const c = scoreDocument(doc, report);
    assert.deepEqual(c.actor, { tp: 1, predicted: 1, gold: 1 });
    assert.deepEqual(c.target, { tp: 0, predicted: 1, gold: 1 });
    assert.deepEqual(c.place, { tp: 0, predicted: 0, gold: 1 });
  });

  test("a gold event no report event stands for loses its arguments", () => {
    const [doc] = readRams(ramsLine, "rams.jsonl").docs;
    const c = scoreDocument(doc, { events: [], entities: [], places: [] });
    assert.deepEqual(c.actor, { tp: 0, predicted: 0, gold: 1 });
  });
});
