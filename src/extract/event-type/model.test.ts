import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { seededRandom } from "../../random.js";
import { readModel, scoreFeatures, serialiseModel, shares, trainPerceptron, type LabelledFeatures } from "./model.js";

const examples: LabelledFeatures[] = [
  { features: ["w:shelled", "w:town"], label: "SHELLING" },
  { features: ["w:shelled", "w:village"], label: "SHELLING" },
  { features: ["w:marched", "w:town"], label: "PROTEST" },
  { features: ["w:marched", "w:square"], label: "PROTEST" },
  { features: ["w:detained", "w:village"], label: "ARREST" },
  { features: ["w:detained", "w:square"], label: "ARREST" },
];
const labels = ["SHELLING", "PROTEST", "ARREST"];
const best = (scores: Float32Array): string => labels[scores.indexOf(Math.max(...scores))];

describe("averaged perceptron", () => {
  test("learns which words name which label, and ignores words shared by all", () => {
    const model = trainPerceptron(examples, { labels, bits: 12, epochs: 5, random: seededRandom(1) });
    assert.equal(best(scoreFeatures(model, ["w:shelled", "w:square"])), "SHELLING");
    assert.equal(best(scoreFeatures(model, ["w:marched", "w:village"])), "PROTEST");
    assert.equal(best(scoreFeatures(model, ["w:detained", "w:town"])), "ARREST");
  });

  test("the same seed gives the same weights", () => {
    const a = trainPerceptron(examples, { labels, bits: 12, epochs: 3, random: seededRandom(7) });
    const b = trainPerceptron(examples, { labels, bits: 12, epochs: 3, random: seededRandom(7) });
    assert.deepEqual([...a.weights], [...b.weights]);
  });

  test("a label outside the model's is an error naming it", () => {
    assert.throws(() => trainPerceptron([{ features: ["x"], label: "RIOT" }], { labels, bits: 8, epochs: 1, random: seededRandom(1) }), /"RIOT"/);
  });

  test("a saved model reads back with the same choices, without the feature strings", () => {
    const model = trainPerceptron(examples, { labels, bits: 12, epochs: 5, random: seededRandom(1) });
    const file = join(mkdtempSync(join(tmpdir(), "sitrep-linear-")), "m.bin");
    const bytes = serialiseModel(model, { seed: 1 });
    writeFileSync(file, bytes);
    const back = readModel(file);
    assert.deepEqual(back.labels, labels);
    assert.equal(back.meta.seed, 1);
    assert.equal(best(scoreFeatures(back, ["w:marched"])), "PROTEST");
    assert.ok(!bytes.includes(Buffer.from("marched")));
  });

  test("a file that is not a model is a clear error", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sitrep-linear-")), "bad.bin");
    writeFileSync(file, "not a model");
    assert.throws(() => readModel(file), /bad\.bin: cannot read the model/);
  });

  test("shares sum to one and keep the order of the scores", () => {
    const s = shares(new Float32Array([2, 0, -1]));
    assert.ok(Math.abs(s.reduce((a, b) => a + b, 0) - 1) < 1e-6);
    assert.ok(s[0] > s[1] && s[1] > s[2]);
  });
});
