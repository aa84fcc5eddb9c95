import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FEATURE_NAMES, candidateFeatures, type CandidateView } from "./features.js";
import { rankerModel, scoreFeatures, softmax, trainRanker, type RankingInstance } from "./ranker.js";

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
