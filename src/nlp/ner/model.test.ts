import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { TAG_COUNT } from "./tags.js";
import { packStage, type StageWeights } from "./model.js";

const L = TAG_COUNT;

describe("packStage: the weights tagging reads", () => {
  // 2^6 hashed rows, most all-zero as in a trained model; int16 values with a scale, as a loaded model has them
  const bits = 6;
  const weights = new Int16Array((1 << bits) * L);
  for (const row of [3, 17, 40, 63]) for (let y = 0; y < L; y++) weights[row * L + y] = (row * 31 + y * 7) % 200 - 100;
  weights[50 * L + 8] = 5; // a row with a single non-zero score is kept too
  const stage: StageWeights = { bits, weights, scale: 0.25, trans: new Float32Array((L + 1) * L) };
  const packed = packStage(stage);

  test("every hashed row reads back as its scaled scores; all-zero rows share packed row 0", () => {
    for (let r = 0; r < 1 << bits; r++) {
      const at = packed.index[r] * L;
      for (let y = 0; y < L; y++) assert.equal(packed.rows[at + y], weights[r * L + y] * 0.25, `row ${r}, tag ${y}`);
    }
    assert.equal(packed.rows.length, 6 * L, "row 0 plus the five used rows");
    assert.equal(packed.index[0], 0);
  });
  test("hashes are masked to the table size", () => {
    assert.equal(packed.mask, 63);
  });
});
