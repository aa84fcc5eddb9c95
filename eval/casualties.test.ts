import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Event, Report } from "../src/report.js";
import { readGvdb, reportedCasualties, scoreCasualties } from "./casualties.js";

const victims = (...outcomes: string[][]): string => JSON.stringify({ "victim-section": outcomes.map((o) => ({ "victim-was": o })) });
const HEADER = "Article id\tArticle url\tArticle title\tFull text\tJson\tWorker";
// invented rows: two killed and one hospitalised; one killed after being injured; no victims
const TSV = [
  HEADER,
  `1\thttp://x\tT1\tA made-up shooting.\t${victims(["killed"], ["killed"], ["hospitalized"])}\tw`,
  `2\thttp://x\tT2\tAnother one.\t${victims(["injured", "killed"])}\tw`,
  `3\thttp://x\tT3\tNo victims.\t{}\tw`,
  `4\thttp://x\tT4\tBroken.\t{not json\tw`,
].join("\n");

describe("readGvdb", () => {
  const { articles, errors } = readGvdb(TSV, "dev.tsv");
  test("killed counts victims marked killed; injured counts the rest marked injured or hospitalized", () => {
    assert.deepEqual(articles.map((a) => [a.id, a.killed, a.injured]), [["1", 2, 1], ["2", 1, 0], ["3", 0, 0]]);
  });
  test("a row whose Json does not parse is reported with file and line", () => {
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^dev\.tsv:5: the Json column is not JSON/);
  });
  test("a file without GVDB's header is an error naming the column", () => {
    assert.throws(() => readGvdb("id\ttext\n1\tx", "other.tsv"), /other\.tsv:1: header lacks column "Article id"/);
  });
});

const event = (killed: number | null, injured: number | null, flags: Partial<Event> = {}): Event => ({
  id: "v", type: "ASSAULT", mode: null, acled: null, actors: [], targets: [], place: null, time: null,
  casualties: {
    killed: killed === null ? null : { low: killed, best: killed, high: killed },
    injured: injured === null ? null : { low: injured, best: injured, high: null },
    victims: null,
  },
  attribution: { status: "unknown", candidates: [] }, negated: false, hypothetical: false, evidence: [], confidence: 0.5,
  ...flags,
});

describe("reportedCasualties", () => {
  test("the largest figure over events, not the sum", () => {
    const report: Pick<Report, "events"> = { events: [event(2, null), event(1, 4)] };
    assert.deepEqual(reportedCasualties(report), { killed: 2, injured: 4 });
  });
  test("negated and hypothetical events do not count; no events means 0", () => {
    const report: Pick<Report, "events"> = { events: [event(9, 9, { negated: true }), event(7, 7, { hypothetical: true })] };
    assert.deepEqual(reportedCasualties(report), { killed: 0, injured: 0 });
    assert.deepEqual(reportedCasualties({ events: [] }), { killed: 0, injured: 0 });
  });
});

describe("scoreCasualties", () => {
  test("killed 2 of 3 exact, injured 1 of 3, both 1 of 3; MAE (0+0+3)/3 and (0+1+2)/3", () => {
    const s = scoreCasualties([
      { gold: { killed: 2, injured: 1 }, pred: { killed: 2, injured: 1 } },
      { gold: { killed: 1, injured: 0 }, pred: { killed: 1, injured: 1 } },
      { gold: { killed: 3, injured: 2 }, pred: { killed: 0, injured: 0 } },
    ]);
    assert.equal(s.killedAccuracy, 2 / 3);
    assert.equal(s.injuredAccuracy, 1 / 3);
    assert.equal(s.bothAccuracy, 1 / 3);
    assert.equal(s.killedMae, 1);
    assert.equal(s.injuredMae, 1);
  });
});
