import { describe, test } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { blockOf, clusterProfiles } from "../cluster.js";
import { explainMatch, MATCH_THRESHOLD, matchEvents, withMatcherModel } from "../match.js";
import { ledeEvent, profileEvents } from "../profile.js";
import { sampleReport, type SampleEvent, type SampleReport } from "../sample-report.js";
import { MATCH_PARTS, pairFeatures } from "./features.js";
import { DEFAULT_LINKAGE, loadMatcherModel, trainMatcher, type MatcherModel, type PairExample } from "./model.js";
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

describe("soft contradictions and article context", () => {
  const city = (p: typeof HASAKAH) => ({ ...p, featureType: "city" });

  test("a report dated by its publication meets a happening up to three days before it, never after", () => {
    const told = profileOf("AFP", { acled: AIRSTRIKE, place: HASAKAH }, { published: "2018-05-01" });
    assert.equal(told.dateSource, "published");
    const time = (date: string) => pairFeatures(profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date }), told);
    assert.ok(time("2018-04-28").parts[0].features.includes("time:publication-slack"));
    assert.equal(time("2018-04-27").veto, "dates-apart");
    assert.equal(time("2018-05-03").veto, "dates-apart");
  });

  test("a place abroad is excused when the other's lead names its place; two towns in one country only both ways", () => {
    const here = { ...profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" }), setting: [city(HASAKAH)] };
    const abroad = { ...profileOf("AFP", { acled: AIRSTRIKE, place: MOSUL, date: "2018-04-30" }), setting: [city(MOSUL), city(HASAKAH)] };
    assert.deepEqual(pairFeatures(here, abroad).parts[1].features.slice(0, 1), ["place:apart-setting-shared"]);
    const town = { ...profileOf("AFP", { acled: AIRSTRIKE, place: QAMISHLI, date: "2018-04-30" }), setting: [city(QAMISHLI), city(HASAKAH)] };
    assert.equal(pairFeatures(here, town).veto, "places-apart", "the city's reports do not name the town");
    const both = { ...here, setting: [city(HASAKAH), city(QAMISHLI)] };
    assert.deepEqual(pairFeatures(both, town).parts[1].features.slice(0, 1), ["place:apart-setting-shared"]);
  });

  test("ledes carry what their articles name; two articles naming the same people and places share them", () => {
    const report = (outlet: string, who: string) => sampleReport({ outlet, title: `${outlet} report`, published: "2018-05-01", events: [{ acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", actors: [who] }] });
    const a = profileEvents(report("Reuters", "Ahmad Khalil"))[0];
    const b = profileEvents(report("AFP", "Ahmad Khalil"))[0];
    assert.ok(a.context && a.context.places.length > 0 && a.context.years.includes("2018"));
    const names = pairFeatures(a, b).parts.find((p) => p.part === "participants")!.features;
    assert.ok(names.some((f) => /^participants:article-names-(some|many|most)$/.test(f)), names.join(" "));
  });

  test("the block is the country of the event's town, else its article's, else its lead's, else its coarser place's; never the type", () => {
    const base = profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    const article = (country: string) => ({ names: [], places: [], years: [], country });
    const iraq = { name: "Iraq", lat: 33, lon: 44, country: "IQ", admin1: null, featureType: "country", precision: 4 as const };
    assert.equal(blockOf(base), "SY");
    assert.equal(blockOf({ ...base, type: "PROTEST" }), "SY");
    assert.equal(blockOf({ ...base, context: article("IQ") }), "SY", "a town's country wins over the article's");
    assert.equal(blockOf({ ...base, place: iraq, context: article("SY") }), "SY", "a place named only as a country yields to the article's");
    assert.equal(blockOf({ ...base, place: null, setting: [city(MOSUL)], context: undefined }), "IQ");
    assert.equal(blockOf({ ...base, place: null, setting: [city(MOSUL)], context: article("SY") }), "SY");
    assert.equal(blockOf({ ...base, place: iraq, setting: [], context: undefined }), "IQ");
    assert.equal(blockOf({ ...base, place: null, setting: [], context: undefined }), "");
  });

  test("a protest and armed violence rule each other out; other labels that ACLED keeps apart are only weighed", () => {
    const strike = profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    const protest = profileOf("AFP", { type: "PROTEST", acled: ["Protests", "Peaceful protest"], place: HASAKAH, date: "2018-04-30" });
    assert.equal(pairFeatures(strike, protest).veto, "other-type");
    const arrests = profileOf("AFP", { type: "COERCE", acled: ["Strategic developments", "Arrests"], place: HASAKAH, date: "2018-04-30" });
    const pair = pairFeatures(strike, arrests);
    assert.equal(pair.veto, null);
    assert.ok(pair.parts.find((p) => p.part === "type")!.features.includes("type:other-acled"));
  });

  test("each article's most mentioned name, named in the other, is a feature of its own", () => {
    const withNames = (p: typeof HASAKAH, names: string[]) => ({
      ...profileOf("Reuters", { acled: AIRSTRIKE, place: p, date: "2018-04-30" }),
      context: { names, places: [], years: [], country: p.country },
    });
    const a = withNames(HASAKAH, ["marta kowalczyk", "city council", "red cross", "port authority", "ministry of health"]);
    const b = { ...withNames(HASAKAH, ["kowalczyk", "harbour police"]), articleId: "other" };
    const names = pairFeatures(a, b).parts.find((p) => p.part === "participants")!.features;
    assert.ok(names.includes("participants:article-top-names-both"), names.join(" "));
    const c = { ...withNames(HASAKAH, ["jonas albrecht", "kowalczyk"]), articleId: "third" };
    assert.ok(pairFeatures(a, c).parts.find((p) => p.part === "participants")!.features.includes("participants:article-top-names-one"));
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
    assert.deepEqual(place.features.slice(0, 2), ["place:same", "place:same-dated"], "a dated pair's features have dated twins");
    assert.ok(place.features.every((f, i) => i % 2 === 0 || f === `${place.features[i - 1]}-dated`));
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

describe("splitting linked events into incidents (average linkage)", () => {
  const strike = (outlet: string, place = HASAKAH) => profileOf(outlet, { acled: AIRSTRIKE, mode: "aerial", place, date: "2018-04-30", killed: 12 });
  const protest = (outlet: string) => profileOf(outlet, { type: "PROTEST", acled: ["Protests", "Peaceful protest"], place: HASAKAH, date: "2018-04-30" });
  const together = (incidents: ReturnType<typeof clusterProfiles>, a: { key: string }, b: { key: string }) =>
    incidents.some((i) => i.members.some((m) => m.key === a.key) && i.members.some((m) => m.key === b.key));

  test("two outlets' strikes make one incident; protests on the same day and town stay apart from it", () => {
    const [r, a, d, b] = [strike("Reuters"), protest("AFP"), protest("DW"), strike("BBC")];
    const incidents = clusterProfiles([r, a, d, b]);
    assert.ok(together(incidents, r, b));
    assert.ok(!together(incidents, r, a) && !together(incidents, b, d));
  });

  test("a report that fits two places does not chain them into one incident when their other pairs contradict", () => {
    const syria = { name: "Syria", lat: 35, lon: 38, country: "SY", admin1: null, precision: 4 as const };
    const here = [strike("Reuters"), strike("AFP")];
    const there = [strike("DW", QAMISHLI), strike("AP", QAMISHLI)];
    const vague = strike("BBC", syria as unknown as typeof HASAKAH);
    const incidents = clusterProfiles([...there, vague, ...here]);
    assert.ok(together(incidents, here[0], here[1]) && together(incidents, there[0], there[1]));
    assert.ok(!together(incidents, here[0], there[0]));
  });

  test("an event joins the outlets it matches; members placed elsewhere outvote nothing they do not contradict", () => {
    const members = [strike("Reuters"), strike("AFP", QAMISHLI), strike("DW", QAMISHLI)];
    const event = strike("BBC");
    const incidents = clusterProfiles([...members, event]);
    assert.ok(together(incidents, members[0], event));
    assert.ok(together(incidents, members[1], members[2]));
    assert.ok(!together(incidents, event, members[1]));
  });

  test("a pair the matcher doubts weighs against a merge only as much as the model's linkage lets it", () => {
    // Same day and town make a match; two tolls far apart make the pair a doubt (no veto: tolls rise).
    const model = (doubt: number): MatcherModel => ({
      format: "sitrep-incident-matcher/1", bias: 0, meta: {}, linkage: { doubt, contradiction: 3 },
      weights: { "time:same-day": 1, "place:same-dated": 1, "counts:killed-differ-dated": -5 },
    });
    const uncounted = profileOf("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    const twelve = profileOf("AFP", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", killed: 12 });
    const three = profileOf("DW", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", killed: 3 });
    const cluster = (doubt: number) => withMatcherModel(model(doubt), () => clusterProfiles([uncounted, twelve, three]));
    // log-odds +2 with the uncounted report each, -3 between the two tolls
    assert.equal(cluster(DEFAULT_LINKAGE.doubt).length, 2, "a doubt as strong as the match keeps the third report out");
    const lenient = cluster(1);
    assert.equal(lenient.length, 1, "a doubt bounded at 1 is outweighed by the match with the uncounted report");
    assert.ok(together(lenient, twelve, three));
  });

  test("the split is the same whatever order the events come in, and so are the ids", () => {
    const events = [strike("Reuters"), strike("AFP", QAMISHLI), strike("DW", QAMISHLI), strike("BBC"), protest("AP")];
    const shape = (incidents: ReturnType<typeof clusterProfiles>) => incidents.map((i) => `${i.id}:${i.members.map((m) => m.key).join(",")}`).sort();
    const once = shape(clusterProfiles(events));
    assert.deepEqual(shape(clusterProfiles([...events].reverse())), once);
    assert.deepEqual(shape(clusterProfiles([events[2], events[4], events[0], events[3], events[1]])), once);
  });
});

describe("training", () => {
  const examples: PairExample[] = [
    ...Array.from({ length: 30 }, () => ({ features: ["place:same", "time:same-day"], label: 1 as const, weight: 1 })),
    ...Array.from({ length: 30 }, () => ({ features: ["place:one-side", "time:neither"], label: 0 as const, weight: 1 })),
    ...Array.from({ length: 5 }, () => ({ features: ["place:same", "time:neither"], label: 0 as const, weight: 1 })),
  ];

  test("a model's linkage must weigh doubts and contradictions against a merge", () => {
    assert.ok(loadMatcherModel().linkage, "the committed model carries the linkage it was tuned with");
    const dir = mkdtempSync(join(tmpdir(), "sitrep-matcher-"));
    const path = join(dir, "matcher.json");
    writeFileSync(path, JSON.stringify({ format: "sitrep-incident-matcher/1", bias: 0, weights: {}, linkage: { doubt: 0, contradiction: 2 }, meta: {} }));
    assert.throws(() => loadMatcherModel(path), /linkage/);
    rmSync(dir, { recursive: true });
  });

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
