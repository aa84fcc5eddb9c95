import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChunkScorer, conllChunks, parseColumnFile, prf, readRe3d } from "./conll.js";

describe("conllChunks reads tags as conlleval does", () => {
  test("IOB1: a run of I- of one type is one chunk; B- splits two adjacent chunks of one type", () => {
    assert.deepEqual(conllChunks(["I-PER", "I-PER", "B-PER", "O", "I-LOC"]), [
      { start: 0, end: 2, type: "PER" },
      { start: 2, end: 3, type: "PER" },
      { start: 4, end: 5, type: "LOC" },
    ]);
  });
  test("an I- after O starts a chunk, and a change of type ends one", () => {
    assert.deepEqual(conllChunks(["O", "I-ORG", "I-LOC", "I-LOC"]), [
      { start: 1, end: 2, type: "ORG" },
      { start: 2, end: 4, type: "LOC" },
    ]);
  });
  test("BIO: B- then I- of the same type is one chunk; I- of another type after B- starts a new one", () => {
    assert.deepEqual(conllChunks(["B-MISC", "I-MISC", "B-MISC", "I-PER"]), [
      { start: 0, end: 2, type: "MISC" },
      { start: 2, end: 3, type: "MISC" },
      { start: 3, end: 4, type: "PER" },
    ]);
  });
  test("a type with a hyphen (WNUT creative-work) splits on the first hyphen only", () => {
    assert.deepEqual(conllChunks(["B-creative-work", "I-creative-work"]), [{ start: 0, end: 2, type: "creative-work" }]);
  });
});

describe("ChunkScorer", () => {
  test("hand-computed precision, recall and F1 over two sentences", () => {
    const s = new ChunkScorer();
    // gold: PER[0,2) LOC[3,4); guess: PER[0,2) correct, ORG[3,4) wrong type
    s.add(["B-PER", "I-PER", "O", "B-LOC"], ["B-PER", "I-PER", "O", "B-ORG"]);
    // gold IOB1: ORG[0,1) ORG[1,2); guess BIO: ORG[0,2) wrong boundary, MISC[3,4) spurious
    s.add(["I-ORG", "B-ORG", "O", "O"], ["B-ORG", "I-ORG", "O", "B-MISC"]);
    const r = s.result();
    // gold 4, guessed 4, correct 1
    assert.deepEqual([r.overall.gold, r.overall.guessed, r.overall.correct], [4, 4, 1]);
    assert.equal(r.overall.p, 0.25);
    assert.equal(r.overall.r, 0.25);
    assert.equal(r.overall.f1, 0.25);
    assert.deepEqual(r.byType.PER, { gold: 1, guessed: 1, correct: 1, p: 1, r: 1, f1: 1 });
    assert.deepEqual(r.byType.ORG, { gold: 2, guessed: 2, correct: 0, p: 0, r: 0, f1: 0 });
    assert.equal(r.byType.MISC.guessed, 1);
  });
  test("prf: P 2/3, R 2/4 gives F1 4/7", () => {
    const r = prf({ gold: 4, guessed: 3, correct: 2 });
    assert.equal(r.p, 2 / 3);
    assert.equal(r.r, 0.5);
    assert.ok(Math.abs(r.f1 - 4 / 7) < 1e-12);
  });
});

describe("parseColumnFile", () => {
  test("CoNLL-2003 4 columns: documents split at -DOCSTART-, token lines remembered", () => {
    const src = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n";
    const c = parseColumnFile(src, "x.conll");
    assert.equal(c.documents.length, 2);
    assert.deepEqual(c.documents[0].sentences.map((s) => s.words), [["EU", "rejects"], ["Peter"]]);
    assert.deepEqual(c.documents[0].sentences[0].tags, ["I-ORG", "O"]);
    assert.deepEqual(c.documents[0].sentences[1].lines, [6]);
    assert.deepEqual(c.errors, []);
  });
  test("WikiANN 2 columns: the en: prefix is dropped, each sentence is its own document", () => {
    const c = parseColumnFile("en:Sioux\tB-ORG\nen:Falls\tI-ORG\n\nen:Paris\tB-LOC\n", "w");
    assert.equal(c.documents.length, 2);
    assert.deepEqual(c.documents[0].sentences[0].words, ["Sioux", "Falls"]);
  });
  test("types pass through the mapper; a malformed line is reported with file and line, not fatal", () => {
    const c = parseColumnFile("Apple\tB-corporation\nphone\tB-product\nbroken\n\n", "dev.conll", (t) => (t === "corporation" ? "ORG" : t === "product" ? "MISC" : null));
    assert.deepEqual(c.documents[0].sentences[0].tags, ["B-ORG", "B-MISC"]);
    assert.deepEqual(c.errors, ['dev.conll:3: expected "token ... tag", found one field']);
  });
});

describe("readRe3d", () => {
  test("offsets become BIO tags on sitrep tokens; overlapping duplicates keep the more confident one", () => {
    const dir = mkdtempSync(join(tmpdir(), "re3d-"));
    const src = join(dir, "Source");
    mkdirSync(src);
    const text = "Syria accused Israel.\nJohn Smith left.";
    writeFileSync(join(src, "documents.json"), JSON.stringify({ _id: "D1", text }) + "\n");
    const ents = [
      { begin: 0, end: 5, type: "Location", documentId: "D1", confidence: 0 },
      { begin: 0, end: 5, type: "Organisation", documentId: "D1", confidence: 1 },
      { begin: 14, end: 20, type: "Location", documentId: "D1", confidence: 1 },
      { begin: 22, end: 32, type: "Person", documentId: "D1", confidence: 1 },
      { begin: 33, end: 37, type: "Weapon", documentId: "D1", confidence: 1 },
    ];
    writeFileSync(join(src, "entities.json"), ents.map((e) => JSON.stringify(e)).join("\n") + "\nnot json\n");
    const map: Record<string, string> = { Person: "PER", Organisation: "ORG", Location: "LOC" };
    const c = readRe3d(dir, (t) => map[t] ?? null);
    assert.equal(c.documents.length, 1);
    assert.deepEqual(c.documents[0].sentences.map((s) => s.tags), [["B-ORG", "O", "B-LOC", "O"], ["B-PER", "I-PER", "O", "O"]]);
    assert.equal(c.errors.length, 1);
    assert.match(c.errors[0], /entities\.json:6: not a JSON object/);
  });
});
