import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { GeoMatch } from "../geo/index.js";
import { articleContext, timeZoneVotes } from "./context.js";
import type { Toponym } from "./toponym.js";

const mention = (surface: string, start: number): Toponym => ({ start, end: start + surface.length, surface, cue: null, fromNer: true, support: 0 });
const area = (name: string): GeoMatch => ({
  name, geonameId: null, lat: 0, lon: 0, country: "AA", admin1: name, featureType: "admin1", precision: 3, population: 1_000_000, score: 0.9,
});

describe("the article's context", () => {
  test("counts how often each admin1 area is named, leaving out the mentions of the name being read", () => {
    const read = [
      { toponym: mention("Northland", 0), match: area("Northland") },
      { toponym: mention("Northland", 40), match: area("Northland") },
      { toponym: mention("Southmarch", 80), match: area("Southmarch") },
      { toponym: mention("Brookfield", 120), match: area("Northland") },
    ];
    const contextWithout = articleContext(read);
    const other = contextWithout("Eastwick");
    assert.deepEqual(other.admin1s, ["AA/Northland", "AA/Southmarch"]);
    assert.deepEqual(other.admin1Counts, [3, 1]);
    // "Northland" itself: only the other name that read as the area counts for it
    const own = contextWithout("Northland");
    assert.deepEqual(own.admin1s, ["AA/Northland", "AA/Southmarch"]);
    assert.deepEqual(own.admin1Counts, [1, 1]);
  });
});

describe("time zones", () => {
  test("a zone after a clock time votes for the countries that keep it; a zone several regions use does not", () => {
    assert.deepEqual([...timeZoneVotes("Gates open at 10:45 p.m. PDT.")], [["US", 0.25], ["CA", 0.25]]);
    assert.deepEqual([...timeZoneVotes("Kick-off is at 16:00 BST.")], [["GB", 0.5]]);
    assert.deepEqual([...timeZoneVotes("The call is at 9 a.m. CST.")], []);
    // not a clock time: a count before capitals
    assert.deepEqual([...timeZoneVotes("She had 7 CT scans and 3 MRI scans.")], []);
  });

  test("the votes join the countries the article's names give", () => {
    const contextWithout = articleContext([], () => true, "Doors open at 9 a.m. ET.");
    assert.deepEqual(contextWithout("Eastwick").countries, ["US", "CA"]);
    assert.deepEqual(articleContext([])("Eastwick").countries, []);
  });

  test("a country named before a currency's word ('the US dollar') is no vote for the article's country", () => {
    const text = "Shops in Eastwick shut as the US dollar rose.";
    const country = (code: string): GeoMatch => ({ ...area(code), country: code, featureType: "country", precision: 4 });
    const read = [
      { toponym: mention("Eastwick", text.indexOf("Eastwick")), match: { ...area("Eastwick"), country: "BB" } },
      { toponym: mention("US", text.indexOf("US")), match: country("US") },
    ];
    assert.deepEqual(articleContext(read, () => true, text)("Elsewhere").countries, ["BB"]);
    const plain = "Shops in Eastwick shut as the US envoy left.";
    assert.deepEqual(new Set(articleContext(read.map((r) => ({ ...r, toponym: mention(r.toponym.surface, plain.indexOf(r.toponym.surface)) })), () => true, plain)("Elsewhere").countries), new Set(["BB", "US"]));
  });
});
