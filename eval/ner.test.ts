import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readNerGold, scoreNer, KIND_TO_NER } from "./ner.js";
import { bioSpans } from "../src/nlp/ner/tags.js";
import type { NerTagger } from "../src/nlp/ner/index.js";

/** A tagger that calls every capitalised word a one-token PER: a fixed, known guesser for the scorer. */
const capitalsArePeople: NerTagger = {
  tagDocument: (sentences) => sentences.map((s) => s.map((w) => (/^[A-Z]/.test(w) ? "B-PER" : "O"))),
  spans: (sentences) => capitalsArePeople.tagDocument(sentences).map((t) => bioSpans(t).map((s) => ({ startToken: s.start, endToken: s.end, label: "PER", score: 1 }))),
};

describe("readNerGold", () => {
  test("WNUT-17 types map to PER/LOC/ORG/MISC", () => {
    const file = join(mkdtempSync(join(tmpdir(), "wnut-")), "dev.conll");
    writeFileSync(file, "Bob\tB-person\nat\tO\nGoogle\tB-corporation\nin\tO\nParis\tB-location\n\nthe\tO\nBeatles\tB-group\nsang\tO\nHelp\tB-creative-work\n");
    const { corpus, format } = readNerGold(file);
    assert.equal(format, "wnut");
    assert.deepEqual(corpus.documents.map((d) => d.sentences[0].tags), [["B-PER", "O", "B-ORG", "O", "B-LOC"], ["O", "B-ORG", "O", "B-MISC"]]);
  });
  test("a missing file is a SitrepError naming it", () => {
    assert.throws(() => readNerGold("/nonexistent/eng.testa"), /no NER gold at \/nonexistent\/eng\.testa/);
  });
});

describe("scoreNer", () => {
  test("scores a tagger against gold and classifies its errors", () => {
    const file = join(mkdtempSync(join(tmpdir(), "conll-")), "eng.testa");
    writeFileSync(file, "-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\nsaw VBD I-VP O\nBonn NNP I-NP I-LOC\nin IN I-PP O\nMay NNP I-NP O\n");
    const { corpus, scored } = readNerGold(file);
    const s = scoreNer(capitalsArePeople, corpus, scored);
    // gold PER Peter, LOC Bonn; guessed PER Peter (right), PER Bonn (wrong type), PER May (spurious)
    assert.deepEqual([s.overall.gold, s.overall.guessed, s.overall.correct], [2, 3, 1]);
    assert.equal(s.overall.p, 1 / 3);
    assert.equal(s.overall.r, 1 / 2);
    assert.equal(s.errors["wrong type"], 1);
    assert.equal(s.errors.spurious, 1);
    assert.match(s.examples[0], /eng\.testa:3: wrong type: gold LOC "Bonn", guessed PER "Bonn"/);
  });
  test("every sitrep entity kind has a documented NER label or none", () => {
    assert.equal(KIND_TO_NER.armed_group, "ORG");
    assert.equal(KIND_TO_NER.civilians, null);
  });
});
