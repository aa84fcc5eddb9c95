import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FEATURE_NAMES, candidateFeatures, type CandidateView } from "./features.js";
import { observeRankings, rankerModel, scoreFeatures, softmax, trainRanker, unobserved, type RankingInstance } from "./ranker.js";
import { loadGazetteer } from "./gazetteer.js";

const town = (over: Partial<CandidateView>): CandidateView => ({
  featureType: "city", featureCode: "PPL", population: 1000, country: "AA", admin1: null, county: null, lat: 0, lon: 0,
  exact: true, alias: false, bare: false, designatorDropped: false, curated: false, village: false, ...over,
});

/** Toy decisions: the candidate in the article's country is right, whatever the sizes. */
function toyInstances(): RankingInstance[] {
  const out: RankingInstance[] = [];
  for (let i = 0; i < 40; i++) {
    const home = town({ country: "AA", population: 1000 + i });
    const abroad = town({ country: "BB", population: 50_000 + 100 * i });
    const all = [home, abroad];
    const ctx = { countries: ["AA"], countryShares: [1] };
    const candidates = all.map((c) => candidateFeatures(c, all, ctx, null));
    out.push({ candidates: i % 2 ? candidates : [candidates[1], candidates[0]], targets: [i % 2 ? 0 : 1], group: `a${i % 5}` });
  }
  return out;
}

describe("the features of a reading", () => {
  const has = (c: CandidateView, ctx: Parameters<typeof candidateFeatures>[2], name: string): boolean =>
    candidateFeatures(c, [c], ctx, null).index.includes(FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number]));

  test("an area named with or without its kind word is one area: a village of 'Kolkoa' lies in the 'Kolkoa Region' the article names", () => {
    const village = town({ country: "AA", admin1: "Kolkoa", county: "Dori", village: true, population: 0 });
    assert.ok(has(village, { admin1s: ["AA/Kolkoa Region"], admin1Counts: [1] }, "article:admin1-named"));
    assert.ok(has(village, { admin1s: ["AA/Kolkoa Region"], admin1Counts: [1] }, "village:area-named"));
    assert.ok(has(village, { within: { country: "AA", admin1: "Kolkoa State" } }, "within:admin1"));
    // another area, or the same name in another country, is not it
    assert.ok(!has(village, { admin1s: ["AA/Seno Region"], admin1Counts: [1] }, "article:admin1-named"));
    assert.ok(!has(village, { admin1s: ["BB/Kolkoa Region"], admin1Counts: [1] }, "article:admin1-named"));
  });
});

describe("the place ranker", () => {
  test("learns what the decisions show, and is deterministic for a seed", () => {
    const options = { epochs: 10, seed: 3, rate: 0.1, l2: 1e-4 };
    const model = trainRanker(toyInstances(), options);
    for (const x of toyInstances()) {
      const scores = x.candidates.map((c) => scoreFeatures(c, model.weights));
      assert.equal(scores.indexOf(Math.max(...scores)), x.targets[0]);
    }
    assert.deepEqual([...trainRanker(toyInstances(), options).weights], [...model.weights]);
    assert.ok(model.weights[FEATURE_NAMES.indexOf("article:top-country")] > 0);
  });

  test("softmax gives probabilities that sum to one, the best score the most", () => {
    const p = softmax([2, 0, -1]);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(p[0] > p[1] && p[1] > p[2]);
  });

  test("the committed model has a weight for every feature", () => {
    const { weights } = rankerModel();
    assert.equal(weights.length, FEATURE_NAMES.length);
    assert.ok([...weights].some((w) => w !== 0));
  });

  test("the features say how the name met the reading and whether the text agrees", () => {
    const inside = town({ admin1: "North Province", county: "Eastvale" });
    const f = candidateFeatures(inside, [inside], { within: { country: "AA", admin1: "North Province" } }, "town");
    const names = f.index.map((i) => FEATURE_NAMES[i]);
    assert.ok(names.includes("within:admin1"));
    assert.ok(names.includes("cue:town>city"));
    assert.ok(!names.includes("spelling:loose"));
  });

  test("a town in the area the article names most, alone, has that said; a tie for the most says nothing", () => {
    const north = town({ admin1: "North Province" });
    const south = town({ admin1: "South Province", lat: 5 });
    const all = [north, south];
    const names = (c: CandidateView, counts: number[]) =>
      candidateFeatures(c, all, { admin1s: ["AA/North Province", "AA/South Province"], admin1Counts: counts }, null).index.map((i) => FEATURE_NAMES[i]);
    assert.ok(names(north, [3, 1]).includes("article:top-admin1"));
    assert.ok(!names(south, [3, 1]).includes("article:top-admin1"));
    assert.ok(names(south, [3, 1]).includes("article:admin1-named"));
    assert.ok(!names(north, [2, 2]).includes("article:top-admin1"));
  });
});

describe("features of areas and towns", () => {
  const names = (c: CandidateView, all: CandidateView[], ctx = {}, cue: "province" | null = null) =>
    candidateFeatures(c, all, ctx, cue).index.map((i) => FEATURE_NAMES[i]);

  test("an area that shares its name with a big town of its country is marked, the town inside it or not", () => {
    const province = town({ featureType: "admin1", featureCode: "ADM1", admin1: "Riverland Region", population: 500_000 });
    const city = town({ admin1: "Riverland", population: 1_500_000 });
    assert.ok(names(province, [province, city]).includes("area:city-namesake"));
    // not where a cue word says the area, nor for a town abroad
    assert.ok(!names(province, [province, city], {}, "province").includes("area:city-namesake"));
    const abroad = town({ country: "BB", population: 1_500_000 });
    assert.ok(!names(province, [province, abroad]).includes("area:city-namesake"));
  });

  test("so is a district named after its own seat, whatever the seat's size; not after a small town elsewhere", () => {
    const district = town({ featureType: "admin2", featureCode: "ADM2", admin1: "North Province", population: 30_000 });
    const seat = town({ featureCode: "PPLA2", admin1: "North Province", population: 8000 });
    assert.ok(names(district, [district, seat]).includes("area:city-namesake"));
    const elsewhere = town({ featureCode: "PPLA2", admin1: "South Province", population: 8000 });
    assert.ok(!names(district, [district, elsewhere]).includes("area:city-namesake"));
  });

  test("a reading of the very spelling is measured against the others of that spelling, not a place that only spells alike", () => {
    const village = town({ population: 0, village: true });
    const alike = town({ country: "BB", featureType: "admin1", featureCode: "ADM1", population: 1500, exact: false });
    const relative = (c: CandidateView, all: CandidateView[]) => {
      const f = candidateFeatures(c, all, {}, null);
      const k = f.index.indexOf(FEATURE_NAMES.indexOf("logpop:relative"));
      return k < 0 ? 0 : f.value[k];
    };
    assert.equal(relative(village, [village, alike]), 0);
    // but a well-known place that spells alike is a namesake to reckon with
    const city = town({ country: "BB", population: 250_000, exact: false });
    assert.ok(relative(village, [village, city]) < 0);
    // the loose reading is still measured against every reading
    const bigger = town({ population: 20_000 });
    assert.ok(relative(alike, [bigger, alike]) < 0);
    assert.ok(relative(village, [village, bigger]) < 0);
  });

  test("the share of the article's area mentions that name the reading's area", () => {
    const north = town({ admin1: "North Province" });
    const f = candidateFeatures(north, [north], { admin1s: ["AA/North Province", "AA/South Province"], admin1Counts: [3, 1] }, null);
    const k = f.index.indexOf(FEATURE_NAMES.indexOf("article:admin1-share"));
    assert.equal(f.value[k], 0.75);
  });
});

describe("observing the ranker's decisions", () => {
  test("a ranking tried in a rule's own context (unobserved) does not replace the name's decision", () => {
    const g = loadGazetteer();
    const seen: string[] = [];
    observeRankings((surface, candidates) => seen.push(`${surface}:${candidates[0]?.country}`));
    try {
      g.rank("Kharkiv");
      unobserved(() => g.rank("Kharkiv", { countries: ["FR"], countryShares: [1] }));
      g.rank("Odesa");
    } finally {
      observeRankings(null);
    }
    assert.deepEqual(seen, ["Kharkiv:UA", "Odesa:UA"]);
  });
});

