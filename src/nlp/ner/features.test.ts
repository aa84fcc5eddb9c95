import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { FeatureExtractor, shortShape, longShape, wordFeatureHashes, wordFeatureStrings } from "./features.js";
import { Gazetteer } from "./gazetteer.js";
import { ClusterTable } from "../clusters/index.js";
import { hashString, mix } from "./hash.js";

const clusters = new ClusterTable([4, 16], new Map([["Germany", Uint16Array.of(1, 7)]]));

describe("word-type features", () => {
  test("shapes", () => {
    assert.equal(shortShape("Blackburn"), "Xx");
    assert.equal(shortShape("1996-08-22"), "d-d-d");
    assert.equal(shortShape("U.S."), "X.X.");
    assert.equal(longShape("Blackburn"), "Xxxx");
    assert.equal(longShape("IBM"), "XXX");
    assert.equal(shortShape("Überlingen"), "Xx", "letters outside ASCII by their case");
    assert.equal(shortShape("ΑΘΗΝΑ-2"), "X-d");
    assert.equal(shortShape("北京"), "北京", "characters without case stand for themselves");
  });
  test("a word's own features: spelling, shape, affixes and clusters", () => {
    const f = wordFeatureStrings("Germany", clusters);
    assert.deepEqual(f.own, [
      "w=Germany", "l=germany", "s=Xx", "S=Xxxx", "c=1",
      "p1=G", "x1=y", "p2=Ge", "x2=ny", "p3=Ger", "x3=any", "p4=Germ", "x4=many",
      "k0=1", "k1=7",
    ]);
    assert.deepEqual(f.near, ["l=germany", "s=Xx", "k0=1", "k1=7"]);
    assert.deepEqual(f.far, ["l=germany", "k1=7"]);
  });
  test("the hashes tagging uses are the hashes of those strings, for any spelling", () => {
    for (const word of ["Germany", "GERMANY", "a", "ab", "I.B.M.", "1996-08-22", "F-16s", "Überlingen", "Kharkiv's", "internationalisation", "北京市", "𝒳𝒴-𝒵 corp", "emoji😀x", "lone\ud800surrogate-in-a-long-word", ""]) {
      const strings = wordFeatureStrings(word, clusters);
      const hashes = wordFeatureHashes(word, clusters);
      for (const part of ["own", "near", "far"] as const) {
        assert.deepEqual(hashes[part], strings[part].map(hashString), `${part} of ${JSON.stringify(word)}`);
      }
    }
  });
  test("clusters are found for all-capital headline words through their capitalised form", () => {
    assert.deepEqual([...clusters.lookup("GERMANY")!], [1, 7]);
    assert.deepEqual(wordFeatureStrings("blah", clusters).own.at(-1), "k=none");
  });
});

describe("sentence and document context", () => {
  const gaz = Gazetteer.fromEntries([["New York", "city"], ["York", "city"], ["Germany", "country"]]);
  const fx = new FeatureExtractor(clusters, gaz);

  test("gazetteer matches are longest-first and start only on a capital", () => {
    assert.deepEqual(gaz.match(["in", "New", "York", "and", "york", "Germany"]), [
      { start: 1, end: 3, lists: 1 << gaz.lists.indexOf("city") },
      { start: 5, end: 6, lists: 1 << gaz.lists.indexOf("country") },
    ]);
  });
  test("an all-capital sentence is a headline; mid-sentence casing is remembered per document", () => {
    const doc = fx.document([["JAPAN", "GET", "LUCKY", "WIN"], ["Fans", "in", "Japan", "cheered"]]);
    assert.equal(doc.sentences[0].headline, true);
    assert.equal(doc.sentences[1].headline, false);
    assert.equal(doc.caseSeen.get(hashString("japan")), 2);
  });
  test("token features: own, neighbours' at -2..+2 (boundary stand-ins outside), then position features", () => {
    const doc = fx.document([["in", "New", "York"]]);
    const s = doc.sentences[0];
    const out: number[] = [];
    fx.typeFeatures(s, 1, out);
    // own + <s> (far: 1) + "in" (near: l, s, k=none) + "York" (near: 3) + </s> (far: 1)
    assert.equal(out.length, fx.info("New").own.length + 8);
    const pos: number[] = [];
    fx.positionFeatures(doc, s, 1, pos);
    const city = gaz.lists.indexOf("city");
    // bias, left and right bigrams, capitalisation trigram, gazetteer list (begin) and list x length
    assert.equal(pos.length, 6);
    assert.equal(pos[0], 1);
    assert.ok(pos.includes(mix(9, city * 2 + 1)), "city gazetteer, first token of the match");
    const posYork: number[] = [];
    fx.positionFeatures(doc, s, 2, posYork);
    assert.ok(posYork.includes(mix(9, city * 2)), "city gazetteer, inside the match");
  });
});

describe("the word-type cache", () => {
  test("word types are numbered densely; the cache is emptied between documents once full, and numbering starts again", () => {
    const fx = new FeatureExtractor(clusters, Gazetteer.empty(), 3);
    const first = fx.document([["a", "b", "c", "d"]]);
    assert.deepEqual(first.sentences[0].infos.map((i) => i.id), [0, 1, 2, 3], "not emptied inside a document");
    assert.equal(fx.generation, 0);
    const second = fx.document([["d", "e"]]);
    assert.equal(fx.generation, 1);
    assert.deepEqual(second.sentences[0].infos.map((i) => i.id), [0, 1]);
  });
});
