import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { faKesDate, interleave, reutersDate } from "./corpora.js";

describe("workload order", () => {
  test("the shuffle keeps every item, and is the same on every run", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = interleave(items);
    assert.deepEqual([...once].sort((a, b) => a - b), items);
    assert.deepEqual(interleave(items), once);
    assert.notDeepEqual(once, items);
  });
});

describe("corpus dates", () => {
  test("FA-KES month/day/year and Reuters day-MON-year become ISO dates", () => {
    assert.equal(faKesDate("4/5/2017"), "2017-04-05");
    assert.equal(reutersDate("26-FEB-1987 15:01:01.79"), "1987-02-26");
    assert.equal(faKesDate("yesterday"), undefined);
  });
});
