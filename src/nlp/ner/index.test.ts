import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NerModel, loadNerTagger, trainNerTagger, type NerTrainingData } from "./index.js";
import { Gazetteer } from "./gazetteer.js";
import { isSitrepError } from "../../errors.js";
import { fromRoot } from "../../paths.js";

/**
 * A toy language: a capitalised word after "met" is a person, after "in" a place, and a capitalised word before
 * "Corp" is an organisation. Names are made-up syllable strings, so only the contexts can teach the labels.
 */
function toyData(): NerTrainingData {
  const syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do"];
  let n = 0;
  const name = () => {
    n++;
    const a = syllables[n % 10];
    const b = syllables[Math.floor(n / 10) % 10];
    const c = syllables[(n * 7) % 10];
    const s = a + b + c;
    return s[0].toUpperCase() + s.slice(1);
  };
  const docs: NerTrainingData["sentences"] = [];
  for (let d = 0; d < 10; d++) {
    const doc = [];
    for (let k = 0; k < 6; k++) {
      doc.push({ words: ["we", "met", name(), "in", name(), "."], tags: ["O", "O", "B-PER", "O", "B-LOC", "O"] });
      doc.push({ words: ["then", name(), "Corp", "sold", "it", "."], tags: ["O", "B-ORG", "I-ORG", "O", "O", "O"] });
    }
    docs.push(doc);
  }
  return { sentences: docs };
}

describe("trainNerTagger", () => {
  const model = trainNerTagger(toyData(), { epochs: 5, seed: 7, bits: 14, folds: 2 });

  test("learns the toy pattern and generalises it to unseen names", () => {
    assert.deepEqual(model.tagDocument([["we", "met", "Xyzzy", "in", "Quux", "."], ["then", "Omega", "Corp", "sold", "it", "."]]), [
      ["O", "O", "B-PER", "O", "B-LOC", "O"],
      ["O", "B-ORG", "I-ORG", "O", "O", "O"],
    ]);
  });
  test("spans are end-exclusive token ranges with labels", () => {
    const spans = model.spans([["then", "Omega", "Corp", "sold", "it", "."]])[0];
    assert.deepEqual(spans.map((s) => [s.startToken, s.endToken, s.label]), [[1, 3, "ORG"]]);
  });
  test("training is deterministic for a seed", () => {
    const again = trainNerTagger(toyData(), { epochs: 5, seed: 7, bits: 14, folds: 2 });
    assert.deepEqual(again.stages[1].weights, model.stages[1].weights);
  });
  test("tags the same when its word-type cache is emptied between documents", () => {
    const docs = [
      [["we", "met", "Xyzzy", "in", "Quux", "."]],
      [["then", "Omega", "Corp", "sold", "it", "."], ["we", "met", "Omega", "in", "Xyzzy", "."]],
      [["we", "met", "Quux", "in", "Omega", "."]],
    ];
    const small = new NerModel(model.stages, model.clusters, model.gazetteer, model.meta, 4);
    for (let round = 0; round < 2; round++) {
      for (const doc of docs) assert.deepEqual(small.tagDocument(doc), model.tagDocument(doc));
    }
  });
  test("a saved model loads back and tags the same", () => {
    const dir = mkdtempSync(join(tmpdir(), "ner-model-"));
    const withGaz = new NerModel(model.stages, model.clusters, Gazetteer.fromEntries([["Kiev", "city"]]), model.meta);
    withGaz.save(dir);
    const loaded = loadNerTagger(dir);
    const doc = [["we", "met", "Zora", "in", "Kiev", "."]];
    assert.deepEqual(loaded.tagDocument(doc), withGaz.tagDocument(doc));
    assert.equal(loadNerTagger(dir), loaded, "cached per path");
  });
  test("a missing or corrupt model is a SitrepError naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "ner-bad-"));
    assert.throws(() => loadNerTagger(dir), (e: unknown) => isSitrepError(e) && /model\.bin/.test(e.message));
    writeFileSync(join(dir, "model.bin"), "not a model");
    assert.throws(() => NerModel.load(dir), (e: unknown) => isSitrepError(e) && e.code === "SITREP_MODEL_INVALID");
  });
});

describe("the shipped model (models/ner)", () => {
  test("loads and finds a person, a place and an organisation in a plain sentence", () => {
    const tagger = loadNerTagger(fromRoot("models", "ner"));
    const words = ["Peter", "Blackburn", "met", "officials", "of", "the", "European", "Commission", "in", "Brussels", "on", "Thursday", "."];
    assert.deepEqual(tagger.tagDocument([words])[0], ["B-PER", "I-PER", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "O", "O"]);
  });
});
