import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  accuracy,
  classify,
  formatConfusion,
  formatTable,
  meanAbsoluteError,
  overlapLength,
  prf,
  prfFromRates,
  rangeMapper,
} from "./metrics.js";

const close = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

describe("prf", () => {
  test("3 right, 1 spurious, 2 missed: p=3/4, r=3/5, f1=2pr/(p+r)=2/3", () => {
    const s = prf(3, 1, 2);
    close(s.p, 0.75);
    close(s.r, 0.6);
    close(s.f1, 2 / 3);
  });
  test("nothing predicted and nothing gold gives zeros, not NaN", () => {
    assert.deepEqual(prf(0, 0, 0), { p: 0, r: 0, f1: 0 });
  });
  test("rates with different numerators: 2 of 4 predictions right, 3 of 6 gold found", () => {
    const s = prfFromRates(2, 4, 3, 6);
    close(s.p, 0.5);
    close(s.r, 0.5);
    close(s.f1, 0.5);
  });
});

describe("accuracy and MAE", () => {
  test("accuracy of an empty set is 0", () => {
    assert.equal(accuracy(0, 0), 0);
    close(accuracy(3, 4), 0.75);
  });
  test("MAE of |2-3|, |0-0|, |5-1| is 5/3", () => {
    close(meanAbsoluteError([{ gold: 2, pred: 3 }, { gold: 0, pred: 0 }, { gold: 5, pred: 1 }]), 5 / 3);
  });
});

describe("classify", () => {
  // gold A A B C, pred A B B A
  const scores = classify([
    { gold: "A", pred: "A" },
    { gold: "A", pred: "B" },
    { gold: "B", pred: "B" },
    { gold: "C", pred: "A" },
  ]);
  test("per label: A p=1/2 r=1/2; B p=1/2 r=1; C p=0 r=0", () => {
    const [a, b, c] = scores.perLabel;
    assert.deepEqual([a.label, b.label, c.label], ["A", "B", "C"]);
    close(a.f1, 0.5);
    close(b.p, 0.5);
    close(b.r, 1);
    close(b.f1, 2 / 3);
    assert.equal(c.f1, 0);
    assert.equal(c.predicted, 0);
  });
  test("accuracy 2/4, macro F1 (1/2+2/3+0)/3, weighted F1 (2*1/2+1*2/3+0)/4", () => {
    close(scores.accuracy, 0.5);
    close(scores.macro.f1, (0.5 + 2 / 3) / 3);
    close(scores.weighted.f1, (1 + 2 / 3) / 4);
    close(scores.micro.f1, 0.5);
  });
  test("a label only ever predicted counts in macro with support 0 (sklearn's union of labels)", () => {
    const s = classify([{ gold: "A", pred: "none" }]);
    assert.deepEqual(s.labels, ["A", "none"]);
    assert.equal(s.macro.f1, 0);
    assert.equal(s.perLabel[1].support, 0);
  });
  test("the confusion table has gold rows, predicted columns and dots for zeros", () => {
    assert.equal(scores.confusion.C.A, 1);
    const lines = formatConfusion(scores).split("\n");
    assert.equal(lines[0], "gold \\ pred  A  B  C");
    assert.equal(lines[2], "A            1  1  .");
    assert.equal(lines[4], "C            1  .  .");
  });
});

describe("spans", () => {
  test("overlap of [0,5) and [3,10) is 2; disjoint ranges overlap 0", () => {
    assert.equal(overlapLength({ start: 0, end: 5 }, { start: 3, end: 10 }), 2);
    assert.equal(overlapLength({ start: 0, end: 3 }, { start: 3, end: 10 }), 0);
  });
  test("a trimmed, whitespace-collapsed target maps back onto the source words", () => {
    const source = "  Hello   big\n\nworld \n";
    const target = "Hello big world";
    const map = rangeMapper(source, target);
    const world = map({ start: 10, end: 15 });
    assert.equal(source.slice(world.start, world.end), "world");
    const big = map({ start: 6, end: 9 });
    assert.equal(source.slice(big.start, big.end), "big");
  });
  test("a title put before the source shifts offsets back", () => {
    const map = rangeMapper("body text", "Title\n\nbody text");
    assert.deepEqual(map({ start: 12, end: 16 }), { start: 5, end: 9 });
  });
  test("curly quotes in the target align with straight quotes in the source", () => {
    const source = 'He said "yes"  today';
    const target = "He said \u201Cyes\u201D today";
    const map = rangeMapper(source, target);
    const r = map({ start: 14, end: 19 });
    assert.equal(source.slice(r.start, r.end), "today");
  });
});

describe("formatTable", () => {
  test("pads columns, right-aligns numbers and rules the header", () => {
    const text = formatTable(["task", "n", "f1"], [["time", 12, 0.5], ["quotes", 3, 0.25]]);
    assert.equal(text, ["task     n     f1", "------  --  -----", "time    12  0.500", "quotes   3  0.250"].join("\n"));
  });
});

describe("formatConfusion with long labels", () => {
  test("numbers the columns and the rows so the table stays narrow", () => {
    const s = classify([{ gold: "ARMED_CLASH", pred: "ARMED_CLASH" }, { gold: "GRENADE", pred: "ARMED_CLASH" }]);
    const lines = formatConfusion(s).split("\n");
    assert.equal(lines[0], "gold \\ pred     1  2");
    assert.equal(lines[2], " 1 ARMED_CLASH  1  .");
    assert.equal(lines[3], " 2 GRENADE      1  .");
  });
});
