import { test } from "node:test";
import assert from "node:assert/strict";
import { trainClusters } from "./train.js";
import { ClusterTable } from "./index.js";

test("words used in the same contexts share a cluster, and levels nest", () => {
  const days = ["Monday", "Tuesday", "Friday"];
  const fruit = ["apples", "pears", "plums"];
  const sentences: string[][] = [];
  for (let i = 0; i < 60; i++) {
    sentences.push(["on", days[i % 3], "he", "left", "."]);
    sentences.push(["she", "ate", fruit[i % 3], "today", "."]);
  }
  const table = trainClusters(sentences, { levels: [2, 4], contexts: 20, dims: 16, minCount: 2, seed: 3 });
  const fine = (w: string) => table.lookup(w)![1];
  assert.equal(fine("Monday"), fine("Friday"));
  assert.equal(fine("apples"), fine("plums"));
  assert.notEqual(fine("Monday"), fine("apples"));
  // a word's coarse id is the same for all words of its fine cluster
  assert.equal(table.lookup("Monday")![0], table.lookup("Tuesday")![0]);
});

test("the table survives a TSV round trip", () => {
  const t = new ClusterTable([2, 8], new Map([["b", Uint16Array.of(1, 5)], ["a", Uint16Array.of(0, 3)]]));
  const tsv = t.toTsv();
  assert.match(tsv, /^# .*\nword\tc2\tc8\na\t0\t3\nb\t1\t5\n$/);
  const back = ClusterTable.fromTsv(tsv, "x");
  assert.deepEqual([...back.lookup("B")!], [1, 5]);
  assert.throws(() => ClusterTable.fromTsv("word\tc2\na\t1\t2\n", "bad.tsv"), /bad\.tsv:2/);
});

test("punctuation words survive the round trip too, '#' included (a row, not a comment)", () => {
  const t = new ClusterTable([2], new Map([["#", Uint16Array.of(1)], ["&", Uint16Array.of(0)]]));
  const back = ClusterTable.fromTsv(t.toTsv(), "x");
  assert.deepEqual([...back.lookup("#")!], [1]);
  assert.deepEqual([...back.lookup("&")!], [0]);
});
