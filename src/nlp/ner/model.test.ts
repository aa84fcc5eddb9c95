import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { TAG_COUNT } from "./tags.js";
import { deflateSync, inflateSync } from "node:zlib";
import { deserializeStages, packStage, serializeStages, type StageWeights } from "./model.js";

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

describe("the model file", () => {
  const bits = 4;
  const weights = new Int16Array((1 << bits) * L);
  weights[3 * L + 2] = 7;
  weights[9 * L] = -12;
  const trans = Float32Array.from({ length: (L + 1) * L }, (_, i) => i / 10);
  const stage: StageWeights = { bits, weights, scale: 0.5, trans };

  test("stores only the used rows and reads back the same weights, scale and transitions", () => {
    const file = serializeStages([stage], ["O"], { note: "x" });
    const { header, stages } = deserializeStages(file);
    assert.equal(header.format, "sitrep-ner/2");
    assert.equal(header.stages[0].rows, 2);
    assert.deepEqual(stages[0].weights, weights);
    assert.equal(stages[0].scale, 0.5);
    assert.deepEqual(stages[0].trans, trans);
  });
  test("still reads the first format, which stored the whole table", () => {
    const head = Buffer.from(JSON.stringify({ format: "sitrep-ner/1", tags: ["O"], stages: [{ bits, scale: 0.5 }], meta: {} }) + "\n");
    const len = Buffer.alloc(4);
    len.writeUInt32LE(head.length);
    const file = deflateSync(Buffer.concat([len, head, Buffer.from(weights.buffer), Buffer.from(trans.buffer)]));
    assert.deepEqual(deserializeStages(file).stages[0].weights, weights);
  });
  test("a file cut short is an error, not a model of zeros", () => {
    const whole = serializeStages([stage], ["O"], {});
    const raw = inflateSync(whole);
    assert.throws(() => deserializeStages(deflateSync(raw.subarray(0, raw.length - 10))), /ends inside/);
  });
});
