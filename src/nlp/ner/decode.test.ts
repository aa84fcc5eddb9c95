import { test } from "node:test";
import assert from "node:assert/strict";
import { viterbi } from "./decode.js";
import { TAGS, TAG_COUNT as L, tagIndex } from "./tags.js";

function emissions(rows: Record<string, number>[]): Float32Array {
  const em = new Float32Array(rows.length * L);
  rows.forEach((r, i) => Object.entries(r).forEach(([tag, s]) => (em[i * L + tagIndex(tag)] = s)));
  return em;
}

function decode(rows: Record<string, number>[], trans = new Float32Array((L + 1) * L)): string[] {
  const out = new Int32Array(rows.length);
  viterbi(rows.length, emissions(rows), trans, out);
  return [...out].map((t) => TAGS[t]);
}

test("with no transition scores the best tag of each token wins", () => {
  assert.deepEqual(decode([{ "B-PER": 2 }, { "I-PER": 3 }, { O: 1 }]), ["B-PER", "I-PER", "O"]);
});

test("an I- that no B- of its type precedes is never produced", () => {
  // I-LOC scores highest alone, but B-PER I-PER (2 + 2.5) beats every legal path through I-LOC
  assert.deepEqual(decode([{ "B-PER": 2 }, { "I-LOC": 3, "I-PER": 2.5 }]), ["B-PER", "I-PER"]);
  assert.deepEqual(decode([{ "I-ORG": 5, O: 1 }]), ["O"]);
});

test("transition scores can overturn emissions", () => {
  const trans = new Float32Array((L + 1) * L);
  trans[tagIndex("B-PER") * L + tagIndex("B-PER")] = -10;
  assert.deepEqual(decode([{ "B-PER": 2 }, { "B-PER": 2, O: 1 }], trans), ["B-PER", "O"]);
});
