import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SpeakerModel, argmax, fitTemperature, softmaxProbability, trainRanker, type RankingExample } from "./model.js";

describe("the speaker ranker", () => {
  const hasher = SpeakerModel.empty(12);
  // the right candidate is the one with "cue-after" among distractors that share the other features
  const example = (rightAt: number, n: number): RankingExample => ({
    candidates: Array.from({ length: n }, (_, i) => hasher.hash(i === rightAt ? ["bias", "cue-after", `pos=${i}`] : ["bias", "no-cue", `pos=${i}`])),
    right: Array.from({ length: n }, (_, i) => i === rightAt),
  });
  const data = Array.from({ length: 60 }, (_, k) => example(k % 4, 4));

  test("learns to put the right candidate first, whatever its position", () => {
    const model = trainRanker(data, { epochs: 5, seed: 1, bits: 12 });
    for (const ex of data) assert.equal(ex.right[argmax(ex.candidates.map((c) => model.score(c)))], true);
  });

  test("the same seed gives the same weights", () => {
    const a = trainRanker(data, { epochs: 3, seed: 7, bits: 12 });
    const b = trainRanker(data, { epochs: 3, seed: 7, bits: 12 });
    assert.deepEqual(a.weights, b.weights);
  });

  test("a quote with no right candidate teaches nothing", () => {
    const model = trainRanker([{ candidates: [hasher.hash(["a"]), hasher.hash(["b"])], right: [false, false] }], { epochs: 3, seed: 1, bits: 12 });
    assert.equal(model.weights.some((w) => w !== 0), false);
  });

  test("serialised and read back, it scores the same (to the int16 step) and keeps its temperature", () => {
    const model = trainRanker(data, { epochs: 5, seed: 1, bits: 12 });
    model.temperature = 3.5;
    const back = SpeakerModel.deserialise(model.serialise(), "test");
    assert.equal(back.temperature, 3.5);
    for (const ex of data.slice(0, 8)) {
      for (const c of ex.candidates) assert.ok(Math.abs(back.score(c) - model.score(c)) < 0.01);
    }
  });

  test("a file that is not a speaker model is refused with its name", () => {
    assert.throws(() => SpeakerModel.deserialise(Buffer.from("not a model"), "models/quotes/x.bin"), /models\/quotes\/x\.bin: not a deflated speaker model/);
  });

  test("the fitted temperature makes confident right answers likelier and spreads wrong ones", () => {
    const sure = fitTemperature(Array.from({ length: 20 }, () => ({ scores: [10, 0], right: [true, false] })));
    const unsure = fitTemperature([
      ...Array.from({ length: 10 }, () => ({ scores: [10, 0], right: [true, false] })),
      ...Array.from({ length: 10 }, () => ({ scores: [10, 0], right: [false, true] })),
    ]);
    assert.ok(sure < unsure);
    assert.ok(Math.abs(softmaxProbability([10, 0], 0, unsure) - 0.5) < 0.05);
  });
});
