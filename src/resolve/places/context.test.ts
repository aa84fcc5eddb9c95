import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { GeoMatch } from "../geo/index.js";
import { actorAreas, actorVotes, articleContext, communityVotes, nextNameOutside, timeZoneVotes } from "./context.js";
import type { LabeledSpan } from "../../doc/index.js";
import { findActorMentions } from "../../nlp/actors.js";
import { docOf } from "../test-doc.js";
import { loadGazetteer } from "../geo/index.js";
import { resolvePlaces } from "../places.js";
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

describe("leaving out the name being read", () => {
  const town = (name: string, country: string): GeoMatch => ({ ...area(name), admin1: null, country, featureType: "city", precision: 1, population: 20_000 });

  test("'Kolkoa County' read as the county so named votes for its country when the town 'Kolkoa' is read", () => {
    const read = [{ toponym: mention("Kolkoa County", 0), match: { ...area("Kolkoa County"), country: "AA" } }];
    const contextWithout = articleContext(read);
    assert.deepEqual(contextWithout("Kolkoa").countries, ["AA"]);
    // but not for its own reading
    assert.deepEqual(contextWithout("Kolkoa County").countries, []);
  });

  test("'Sabe District' read as a town 'Sabe' abroad casts no vote for 'Sabe': the same name, read without its kind word", () => {
    const read = [{ toponym: mention("Sabe District", 0), match: town("Sabe", "BB") }];
    assert.deepEqual(articleContext(read)("Sabe").countries, []);
    assert.deepEqual(articleContext(read)("Dori").countries, ["BB"]);
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

describe("where the story's peoples live", () => {
  test("a people's small vote is shared among the countries it lives in; a people named twice votes once; at most two vote", () => {
    assert.deepEqual([...communityVotes("Turkana elders met on Monday.")], [["KE", 0.5]]);
    assert.deepEqual([...communityVotes("Pokot and Turkana herders, and Pokot youths, met.")], [["KE", 0.75], ["UG", 0.25]]);
    assert.deepEqual([...communityVotes("Dinka, Nuer and Mossi leaders met.")].map(([c]) => c), ["SS", "SD", "ET"]);
    // names as written: not inside a longer word, not in lower case
    assert.deepEqual([...communityVotes("The turkana word and the Turkanas' songs.")], []);
  });

  test("their countries rank the story's countries, but are no country the story names", () => {
    const contextWithout = articleContext([], () => true, "Pokot raiders stole cattle.");
    assert.deepEqual(contextWithout("Eastwick").countries, ["KE", "UG"]);
    assert.deepEqual(contextWithout("Eastwick").namedCountries, []);
  });
});

describe("where the story's armed groups fight", () => {
  const group = (kb: string, activeIn: string, start = 0): LabeledSpan => ({ start, end: start + 4, label: "armed_group", kb, attrs: { activeIn } });

  test("a group's small vote is shared among the countries it fights in; a group named twice votes once; at most two vote", () => {
    assert.deepEqual([...actorVotes([group("Northern Front", "AA|BB")])], [["AA", 0.25], ["BB", 0.25]]);
    assert.deepEqual([...actorVotes([group("Northern Front", "AA"), group("Northern Front", "AA", 20)])], [["AA", 0.5]]);
    assert.deepEqual([...actorVotes([group("One", "AA"), group("Two", "BB"), group("Three", "CC")])], [["AA", 0.5], ["BB", 0.5]]);
    // an actor the lexicon gives no battleground (a news agency, a UN body) does not vote
    assert.deepEqual([...actorVotes([{ start: 0, end: 3, label: "media", kb: "Some Agency", attrs: { country: "AA" } }])], []);
  });

  test("their countries are countries the story names (where, not whose), below any place the text names", () => {
    const contextWithout = articleContext([], () => true, "", [group("Northern Front", "AA")]);
    assert.deepEqual(contextWithout("Eastwick").countries, ["AA"]);
    assert.deepEqual(contextWithout("Eastwick").namedCountries, ["AA"]);
    const named = [{ toponym: mention("Eastwick", 0), match: { ...area("Eastwick"), country: "BB", featureType: "city" as const } }];
    assert.deepEqual(articleContext(named, () => true, "", [group("Northern Front", "AA")])("Elsewhere").countries, ["BB", "AA"]);
  });

  test("a group of a few provinces votes for their country, and for each province as a fraction of one mention of it", () => {
    assert.deepEqual([...actorVotes([group("Eastern Front", "AA/North|AA/South")])], [["AA", 0.5]]);
    assert.deepEqual([...actorAreas([group("Eastern Front", "AA/North|AA/South")])], [["AA/North", 0.25], ["AA/South", 0.25]]);
    const context = articleContext([], () => true, "", [group("Eastern Front", "AA/North")])("Eastwick");
    assert.deepEqual(context.admin1s, ["AA/North"]);
    assert.deepEqual(context.admin1Counts, [0.5]);
    // a province the text names adds its mentions to the group's vote
    const named = [{ toponym: mention("North", 0), match: { ...area("North"), country: "AA" } }];
    assert.deepEqual(articleContext(named, () => true, "", [group("Eastern Front", "AA/North")])("Eastwick").admin1Counts, [1.5]);
  });

  test("a breakaway region's forces put a village of a common name in their province", () => {
    const text = "Shelling by Donetsk People's Militia hit houses near Lozove on Monday.";
    const at = text.indexOf("Lozove");
    const actors = findActorMentions(docOf(text)).actors;
    const place = resolvePlaces(docOf(text, { ner: [{ start: at, end: at + 6, label: "LOC" }], actors }), loadGazetteer()).find((p) => p.mentions[0].start === at);
    assert.equal(place?.admin1, "Donetsk");
    // without the group, the village of that name is one of many across the country
    const alone = resolvePlaces(docOf(text, { ner: [{ start: at, end: at + 6, label: "LOC" }] }), loadGazetteer()).find((p) => p.mentions[0].start === at);
    assert.notEqual(alone?.admin1, "Donetsk");
  });

  test("the actor lexicon says where a group fights: Houthis in Yemen, a Sahel group in three countries", () => {
    const votes = actorVotes(findActorMentions(docOf("Houthi rebels and JNIM fighters were both named in the report.")).actors);
    assert.equal(votes.get("YE"), 0.5);
    assert.deepEqual(["ML", "BF", "NE"].map((c) => Math.round((votes.get(c) ?? 0) * 1000) / 1000), [0.167, 0.167, 0.167]);
  });
});

describe("the name that holds another", () => {
  const toponymsOf = (text: string, names: string[]): { toponym: Toponym }[] => {
    let from = 0;
    return names.map((name) => {
      const start = text.indexOf(name, from);
      from = start + name.length;
      return { toponym: { start, end: start + name.length, surface: name, cue: null, fromNer: true, support: 3 } };
    });
  };

  test("'Kolkoa (Kolkoa, Seno)': the bracket repeats the name (its district), so the province after the comma holds it", () => {
    const text = "Shops were looted in Kolkoa (Kolkoa, Seno) on Friday.";
    const doc = docOf(text);
    assert.equal(nextNameOutside(doc, toponymsOf(text, ["Kolkoa", "Kolkoa", "Seno"]), 0), 2);
  });

  test("otherwise the next name: 'Kolkoa (Seno, Sahel)', 'Kolkoa, Kolkoa and Seno'", () => {
    const bracket = "Shops were looted in Kolkoa (Seno, Sahel) on Friday.";
    assert.equal(nextNameOutside(docOf(bracket), toponymsOf(bracket, ["Kolkoa", "Seno", "Sahel"]), 0), 1);
    const list = "Shops were looted in Kolkoa, Kolkoa and Seno on Friday.";
    assert.equal(nextNameOutside(docOf(list), toponymsOf(list, ["Kolkoa", "Kolkoa", "Seno"]), 0), 1);
  });
});
