import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assignEvent, explainMatch, MATCH_THRESHOLD, matchEvents, matchIncident, withMatcherModel } from "../match.js";
import { ledeEvent, profileEvents } from "../profile.js";
import { sampleReport, type SampleEvent, type SampleReport } from "../sample-report.js";
import { MATCH_PARTS, pairFeatures } from "./features.js";
import { loadMatcherModel, trainMatcher, type MatcherModel, type PairExample } from "./model.js";
import { fitMatcher, ledePairs, type GoldArticle } from "./train.js";

const HASAKAH = { name: "Al-Hasakah", lat: 36.5, lon: 40.75, country: "SY", admin1: "Al-Hasakah", precision: 1 as const };
const QAMISHLI = { name: "Qamishli", lat: 37.05, lon: 41.22, country: "SY", admin1: "Al-Hasakah", precision: 1 as const };
const MOSUL = { name: "Mosul", lat: 36.34, lon: 43.13, country: "IQ", admin1: "Nineveh", precision: 1 as const };
const AIRSTRIKE: SampleEvent["acled"] = ["Explosions/Remote violence", "Air/drone strike"];

function profileOf(outlet: string, event: SampleEvent, extra: Partial<SampleReport> = {}) {
  return profileEvents(sampleReport({ outlet, title: `${outlet} report`, published: "2018-05-01", events: [event], ...extra }))[0];
}

describe("pair features", () => {
  test("each part of two frames becomes named states, never text from the articles", () => {
    const a = profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", killed: 23 });
    const b = profileOf("AFP", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", killed: 25 });
    const pair = pairFeatures(a, b);
    assert.equal(pair.veto, null);
    assert.deepEqual(pair.parts.map((p) => p.part), [...MATCH_PARTS]);
    const all = pair.parts.flatMap((p) => p.features);
    assert.ok(all.includes("time:same-day"));
    assert.ok(all.includes("place:same"));
    assert.ok(all.includes("counts:killed-close"));
    assert.ok(all.includes("type:same-subtype"));
    for (const f of all) assert.match(f, /^(time|place|participants|counts|type):[a-z-]+$/);
  });

  test("contradictions rule a pair out: another country, far-apart towns, dates that do not meet", () => {
    const here = profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    assert.equal(pairFeatures(here, profileOf("AFP", { acled: AIRSTRIKE, place: MOSUL, date: "2018-04-30" })).veto, "other-country");
    assert.equal(pairFeatures(here, profileOf("AFP", { acled: AIRSTRIKE, place: QAMISHLI, date: "2018-04-30" })).veto, "places-apart");
    assert.equal(pairFeatures(here, profileOf("AFP", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-20" })).veto, "dates-apart");
  });

  test("named people told with both events are shared participants; different people argue against", () => {
    const text = (who: string) => `${who} was detained by police in the capital on Monday. Officers held ${who} overnight.`;
    const report = (outlet: string, who: string) =>
      sampleReport({ id: `${outlet}-1`, outlet, title: `${who} detained`, events: [{ type: "COERCE" }], text: text(who) });
    const withPerson = (r: ReturnType<typeof report>, who: string) => ({
      ...r,
      entities: [{ id: "e9", name: who, kind: "person" as const, aliases: [], roles: [], country: null, affiliations: [], mentions: [{ start: 0, end: who.length, text: who }] }],
      events: r.events.map((e) => ({ ...e, evidence: [{ start: 0, end: 40, text: r.article.text.slice(0, 40) }] })),
    });
    const a = profileEvents(withPerson(report("Reuters", "Marta Kowalczyk"), "Marta Kowalczyk"))[0];
    const b = profileEvents(withPerson(report("AFP", "Marta Kowalczyk"), "Marta Kowalczyk"))[0];
    const c = profileEvents(withPerson(report("DW", "Jonas Albrecht"), "Jonas Albrecht"))[0];
    const participants = (x: typeof a, y: typeof a) => pairFeatures(x, y).parts.find((p) => p.part === "participants")!.features;
    assert.ok(participants(a, b).includes("participants:person-shared"));
    assert.ok(participants(a, c).includes("participants:person-differ"));
  });
});

describe("the learned matcher", () => {
  test("the committed model merges one airstrike told by two outlets and explains why, part by part", () => {
    const a = profileOf("Reuters", { acled: AIRSTRIKE, mode: "aerial", place: HASAKAH, date: "2018-04-30", killed: 23 });
    const b = profileOf("AFP", { acled: AIRSTRIKE, mode: "aerial", place: HASAKAH, date: "2018-04-30", killed: 23 });
    const why = explainMatch(a, b);
    assert.equal(why.veto, null);
    assert.ok(why.merges);
    assert.ok(why.match!.score >= MATCH_THRESHOLD);
    assert.deepEqual(why.match!.reasons.map((r) => r.part), [...MATCH_PARTS]);
    const place = why.match!.reasons.find((r) => r.part === "place")!;
    assert.deepEqual(place.features, ["place:same", "place:same-dated"], "a dated pair's features have dated twins");
    assert.ok(place.contribution > 0, "the same town argues for one happening");
    assert.equal(why.match!.parts.place, place.contribution);
  });

  test("a ruled-out pair says which contradiction ruled it out", () => {
    const a = profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    const b = profileOf("AFP", { acled: AIRSTRIKE, place: MOSUL, date: "2018-04-30" });
    assert.deepEqual(explainMatch(a, b), { match: null, veto: "other-country", merges: false });
    assert.equal(matchEvents(a, b), null);
  });

  test("the committed model file records its training and held-out figures", () => {
    const model = loadMatcherModel();
    assert.equal(model.format, "sitrep-incident-matcher/1");
    const meta = model.meta as { training?: { threshold: number }; heldOut?: { ecbWithEvents: { p: number; r: number } } };
    assert.ok(meta.training && meta.training.threshold > 0 && meta.training.threshold < 1);
    assert.ok(meta.heldOut && meta.heldOut.ecbWithEvents.p > 0);
  });

  test("another model can stand in for the committed one, and only inside the call", () => {
    const a = profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    const b = profileOf("AFP", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    const never: MatcherModel = { format: "sitrep-incident-matcher/1", bias: -20, weights: {}, meta: {} };
    assert.equal(withMatcherModel(never, () => explainMatch(a, b).merges), false);
    assert.equal(explainMatch(a, b).merges, true);
  });
});

describe("joining an incident", () => {
  const strike = (outlet: string, place = HASAKAH) => profileOf(outlet, { acled: AIRSTRIKE, mode: "aerial", place, date: "2018-04-30", killed: 12 });
  const protest = (outlet: string) => profileOf(outlet, { type: "PROTEST", acled: ["Protests", "Peaceful protest"], place: HASAKAH, date: "2018-04-30" });

  test("members labelled with an incompatible type do not outvote the member that matches", () => {
    const members = [strike("Reuters"), protest("AFP"), protest("DW")];
    assert.ok((matchIncident(strike("BBC"), members) ?? 0) >= MATCH_THRESHOLD);
  });

  test("an event joins the incident most of whose sources it matches, not the one with a single closer match", () => {
    const told = (outlet: string, killed: number) => profileOf(outlet, { acled: AIRSTRIKE, mode: "aerial", place: HASAKAH, date: "2018-04-30", killed });
    const twoSources = { id: "two", members: [told("Reuters", 20), told("AFP", 20)] };
    const oneSource = { id: "one", members: [told("DW", 12)] };
    const event = told("BBC", 12);
    assert.ok(matchEvents(event, oneSource.members[0])!.score > matchEvents(event, twoSources.members[0])!.score);
    assert.equal(assignEvent(event, [oneSource, twoSources]).incidentId, "two");
  });

  test("an article's lede is judged against the other articles' ledes, not their background mentions", () => {
    const backgroundOf = (outlet: string) =>
      profileEvents(sampleReport({
        outlet, title: `${outlet} report`, published: "2018-05-01",
        events: [{ type: "PROTEST", acled: ["Protests", "Peaceful protest"], place: QAMISHLI, date: "2018-05-01" }, { acled: AIRSTRIKE, mode: "aerial", place: QAMISHLI, date: "2018-04-30" }],
      }))[1];
    const members = [strike("Reuters"), backgroundOf("AFP"), backgroundOf("DW")];
    assert.equal(members[0].lede, true);
    assert.equal(members[1].lede, false);
    assert.ok((matchIncident(strike("BBC"), members) ?? 0) >= MATCH_THRESHOLD);
    const notLede = { ...strike("BBC"), lede: false };
    assert.equal(matchIncident(notLede, members), null, "a background event still meets every member");
  });

  test("members placed elsewhere do outvote it", () => {
    const members = [strike("Reuters"), strike("AFP", QAMISHLI), strike("DW", QAMISHLI)];
    assert.equal(matchIncident(strike("BBC"), members), null);
  });
});

describe("training", () => {
  const examples: PairExample[] = [
    ...Array.from({ length: 30 }, () => ({ features: ["place:same", "time:same-day"], label: 1 as const, weight: 1 })),
    ...Array.from({ length: 30 }, () => ({ features: ["place:one-side", "time:neither"], label: 0 as const, weight: 1 })),
    ...Array.from({ length: 5 }, () => ({ features: ["place:same", "time:neither"], label: 0 as const, weight: 1 })),
  ];

  test("the same examples and seed give the same weights; agreeing parts get positive weights", () => {
    const one = trainMatcher(examples, { seed: 7 });
    assert.deepEqual(trainMatcher(examples, { seed: 7 }), one);
    assert.ok(one.weights["place:same"] > 0);
    assert.ok(one.weights["time:same-day"] > one.weights["time:neither"]);
    assert.ok(one.weights["place:one-side"] < 0);
  });

  test("pairs are made of lede events within a block and labelled by the gold happening", () => {
    const article = (outlet: string, gold: string, block: string, place: typeof HASAKAH): GoldArticle => ({
      report: sampleReport({ outlet, title: outlet, published: "2018-05-01", events: [{ acled: AIRSTRIKE, place, date: "2018-04-30" }] }),
      gold, block, fold: block, corpus: "test",
    });
    const articles = [
      article("Reuters", "strike", "1", HASAKAH), article("AFP", "strike", "1", HASAKAH),
      article("DW", "other", "1", HASAKAH), article("BBC", "strike", "2", HASAKAH),
    ];
    const pairs = ledePairs(articles, { test: 3 });
    assert.equal(pairs.length, 3, "three pairs within block 1, none across blocks");
    assert.deepEqual(pairs.map((p) => p.label).sort(), [0, 0, 1]);
    assert.ok(pairs.every((p) => p.weight === 3));
    assert.equal(ledeEvent(articles[0].report)?.id, articles[0].report.events[0].id);
    const model = fitMatcher(articles, { train: { epochs: 5, seed: 1, l2: 0, learningRate: 0.1 }, corpusWeights: {}, threshold: 0.5 });
    assert.equal(model.meta.examples, 3);
    assert.equal(model.meta.positives, 1);
  });
});
