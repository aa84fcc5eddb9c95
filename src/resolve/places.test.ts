import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Doc, type LabeledSpan } from "../doc/index.js";
import { splitSentences, tokenize } from "../nlp/tokenize.js";
import type { Place } from "../report.js";
import { documentFocus, resolvePlaces } from "./places.js";

function docOf(text: string, layers: Record<string, LabeledSpan[]> = {}): Doc {
  const doc = new Doc(text, { id: null, title: null, published: null, credits: { authors: [], agencies: [] }, subheads: [], related: [], language: "en" });
  doc.tokens = tokenize(text);
  doc.sentences = splitSentences(text, doc.tokens);
  for (const [key, spans] of Object.entries(layers)) doc.setLayer(key, spans);
  return doc;
}

/** The span of the `nth` occurrence of `word` in `text`. */
function spanOf(text: string, word: string, label: string, nth = 0): LabeledSpan {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  return { start: at, end: at + word.length, label };
}

const mentioned = (places: Place[]) => places.flatMap((p) => p.mentions.map((m) => m.text));
const placeFor = (places: Place[], surface: string) => places.find((p) => p.mentions.some((m) => m.text === surface));

describe("resolvePlaces without a tagger", () => {
  test("finds countries, cities, governorates and regions, with ids p1, p2... in order", () => {
    const places = resolvePlaces(docOf("Shelling hit Raqqa and the Donbas on Monday, while talks in Geneva between Syria and Turkey stalled."));
    assert.deepEqual(mentioned(places), ["Raqqa", "Donbas", "Geneva", "Syria", "Turkey"]);
    assert.deepEqual(places.map((p) => p.id), ["p1", "p2", "p3", "p4", "p5"]);
    assert.equal(placeFor(places, "Geneva")?.country, "CH");
  });

  test("'Hasakeh province' is the governorate; 'the city of Hasakeh' is the city", () => {
    const province = placeFor(resolvePlaces(docOf("Clashes spread across Hasakeh province overnight.")), "Hasakeh");
    assert.equal(province?.featureType, "admin1");
    assert.equal(province?.precision, 3);
    const city = placeFor(resolvePlaces(docOf("Clashes spread across the city of Hasakeh overnight.")), "Hasakeh");
    assert.equal(city?.featureType, "city");
    assert.equal(city?.precision, 1);
  });

  test("transliterated spellings need a cue or locative word, and then resolve", () => {
    const places = resolvePlaces(docOf("Fighters withdrew from Hassakeh after a week."));
    assert.equal(placeFor(places, "Hassakeh")?.country, "SY");
  });

  test("common capitalised words are not places: May, Most, Will at a sentence start", () => {
    const places = resolvePlaces(docOf("May was quiet. Most families stayed. Will the truce hold in Aleppo?"));
    assert.deepEqual(mentioned(places), ["Aleppo"]);
  });

  test("person names are not places: Jordan Peterson, and Jordan again later", () => {
    const places = resolvePlaces(docOf("Jordan Peterson gave a talk. Later Jordan said he was tired."));
    assert.deepEqual(mentioned(places), []);
    assert.deepEqual(mentioned(resolvePlaces(docOf("Refugees crossed into Jordan last year."))), ["Jordan"]);
  });

  test("a demonym used as a modifier is a mention of its country; a plural demonym (people) is not", () => {
    const places = resolvePlaces(docOf("Iraqi forces and Syrian troops advanced toward Mosul. The Iraqis cheered."));
    assert.deepEqual(mentioned(places), ["Iraqi", "Syrian", "Mosul"]);
    assert.equal(placeFor(places, "Iraqi")?.featureType, "country");
    assert.equal(placeFor(places, "Iraqi")?.country, "IQ");
    assert.equal(placeFor(places, "Syrian")?.country, "SY");
  });

  test("a demonym and its country's name are one place", () => {
    const places = resolvePlaces(docOf("Russian diplomats left Russia on Monday."));
    assert.deepEqual(placeFor(places, "Russian")?.mentions.map((m) => m.text), ["Russian", "Russia"]);
  });

  test("a demonym standing alone is a language or people, not a place: 'she speaks English.'", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("In Paris she speaks English."))), ["Paris"]);
  });

  test("acronyms are not small towns: NATO", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("NATO ministers met in Brussels."))), ["Brussels"]);
  });

  test("'X, Y' places X inside Y: 'Hampshire, England' is the English county, 'Portland, Maine' the town in Maine", () => {
    const uk = resolvePlaces(docOf("The race returns to Hampshire, England, in May."));
    assert.equal(placeFor(uk, "Hampshire")?.country, "GB");
    const maine = resolvePlaces(docOf("The storm hit Portland, Maine, overnight."));
    assert.equal(placeFor(maine, "Portland")?.admin1, "Maine");
    const oregon = resolvePlaces(docOf("The storm hit Portland overnight."));
    assert.equal(placeFor(oregon, "Portland")?.admin1, "Oregon");
  });

  test("AP and Canadian Press abbreviations of states and provinces: 'Gainesville, Va.', 'Moncton, N.B.'", () => {
    const va = resolvePlaces(docOf("Homes are planned in Gainesville, Va. next year."));
    assert.equal(placeFor(va, "Gainesville")?.admin1, "Virginia");
    const nb = resolvePlaces(docOf("A fire broke out in Moncton, N.B. on Friday."));
    assert.equal(placeFor(nb, "N.B.")?.name, "New Brunswick");
  });

  test("the article's country decides Georgia", () => {
    const us = resolvePlaces(docOf("Storms hit Atlanta and Savannah in Georgia, and Texas braced for more."));
    assert.equal(placeFor(us, "Georgia")?.featureType, "admin1");
    assert.equal(placeFor(us, "Georgia")?.country, "US");
    const caucasus = resolvePlaces(docOf("Russia and Georgia fought a short war, and Armenia watched."));
    assert.equal(placeFor(caucasus, "Georgia")?.featureType, "country");
  });

  test("Washington is the capital city, with a point precision", () => {
    const p = placeFor(resolvePlaces(docOf("Officials in Washington announced the plan.")), "Washington");
    assert.equal(p?.country, "US");
    assert.equal(p?.featureType, "city");
    assert.ok(p && p.lat !== null && Math.abs(p.lat - 38.9) < 0.5);
  });

  test("'in northern Idlib': the direction word is not part of the name", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("Airstrikes hit villages in northern Idlib."))), ["Idlib"]);
  });

  test("a region whose name starts with a direction word keeps it: eastern Euphrates", () => {
    const p = resolvePlaces(docOf("The SDF holds the eastern Euphrates."));
    assert.deepEqual(mentioned(p), ["eastern Euphrates"]);
    assert.equal(p[0].featureType, "region");
  });

  test("mentions of one place merge into one Place", () => {
    const places = resolvePlaces(docOf("Raqqa was shelled. Residents of Raqqa fled."));
    assert.equal(places.length, 1);
    assert.equal(places[0].mentions.length, 2);
  });

  test("does not mutate the doc", () => {
    const doc = docOf("Aid reached Homs.");
    resolvePlaces(doc);
    assert.deepEqual(doc.facts.places, []);
    assert.equal(doc.spans.size, 0);
  });
});

describe("resolvePlaces with the ner and metonyms layers", () => {
  test("skips capitals used as actors (metonyms layer)", () => {
    const text = "Berlin has earmarked funds for schools in Kharkiv.";
    const places = resolvePlaces(docOf(text, { metonyms: [spanOf(text, "Berlin", "government")] }));
    assert.deepEqual(mentioned(places), ["Kharkiv"]);
  });

  test("takes LOC spans from the tagger, even ones the gazetteer lacks", () => {
    const text = "Crowds gathered on Frenchmen Street in New Orleans.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Frenchmen Street", "LOC"), spanOf(text, "New Orleans", "LOC")] }));
    const street = placeFor(places, "Frenchmen Street");
    assert.equal(street?.lat, null);
    assert.equal(street?.featureType, "other");
    assert.equal(placeFor(places, "New Orleans")?.country, "US");
  });

  test("a PER span blocks the place reading of its words", () => {
    const text = "Paris Hilton arrived in Miami.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Paris Hilton", "PER"), spanOf(text, "Miami", "LOC")] }));
    assert.deepEqual(mentioned(places), ["Miami"]);
  });
});

describe("documentFocus", () => {
  test("is the most-mentioned town of the article's main country", () => {
    const places = resolvePlaces(docOf("Homs was hit. Later Homs was hit again, and Syria protested. Turkey said nothing."));
    assert.equal(documentFocus(places)?.mentions[0].text, "Homs");
    assert.equal(documentFocus([]), null);
  });
});

describe("a capital named by description", () => {
  test("'the Georgian capital' is Tbilisi, its mention the words that describe it", async () => {
    const { createPipeline } = await import("../pipeline.js");
    const r = createPipeline().extract({ text: "Thousands marched through the Georgian capital on Sunday night.", published: "2024-12-03" });
    const tbilisi = r.places.find((p) => p.country === "GE" && p.featureType === "city");
    assert.equal(tbilisi?.name, "Tbilisi");
    assert.deepEqual(tbilisi?.mentions.map((m) => m.text), ["Georgian capital"]);
  });
});
