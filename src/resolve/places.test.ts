import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LabeledSpan } from "../doc/index.js";
import { docOf } from "./test-doc.js";
import type { Place } from "../report.js";
import { loadGazetteer } from "./geo/index.js";
import { documentFocus, resolvePlaces, resolveWithin } from "./places.js";


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
    // the period belongs to the abbreviation, even where it also ends the sentence
    assert.equal(placeFor(resolvePlaces(docOf("The homes are in Gainesville, Va. There will be 70.")), "Va.")?.name, "Virginia");
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
    const text = "Crowds gathered on Frenchmen Street. Most had come from New Orleans.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Frenchmen Street", "LOC"), spanOf(text, "New Orleans", "LOC")] }));
    const street = placeFor(places, "Frenchmen Street");
    assert.equal(street?.lat, null);
    assert.equal(street?.featureType, "landmark");
    assert.equal(placeFor(places, "New Orleans")?.country, "US");
  });

  test("a PER span of several words that is exactly a province, region or country is that place: 'Negros Occidental'", () => {
    const text = "The rebels withdrew towards the boundary with Negros Occidental. Jordan Peterson spoke.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Negros Occidental", "PER"), spanOf(text, "Jordan Peterson", "PER")] }));
    assert.deepEqual(mentioned(places), ["Negros Occidental"]);
    assert.equal(placeFor(places, "Negros Occidental")?.country, "PH");
  });

  test("a PER span blocks the place reading of its words", () => {
    const text = "Paris Hilton arrived in Miami.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Paris Hilton", "PER"), spanOf(text, "Miami", "LOC")] }));
    assert.deepEqual(mentioned(places), ["Miami"]);
  });
});


describe("names inside other names", () => {
  test("a place inside an organisation's name is a mention of it: 'The Washington Post', 'Development Bank of Mauritius'", () => {
    const text = "The Washington Post said the Development Bank of Mauritius had lent more.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Washington Post", "ORG"), spanOf(text, "Development Bank of Mauritius", "ORG")] }));
    assert.deepEqual(mentioned(places), ["Washington", "Mauritius"]);
  });

  test("a designator-like word stays with the organisation: 'Maryland State Police' names Maryland", () => {
    const text = "Maryland State Police said the road was closed.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Maryland State Police", "ORG")] }));
    assert.deepEqual(mentioned(places), ["Maryland"]);
  });

  test("a place name inside a building's or facility's name is part of that name: 'Florida Atlantic University' is the place", () => {
    const text = "He was accepted to Florida Atlantic University last week.";
    assert.deepEqual(mentioned(resolvePlaces(docOf(text, { ner: [spanOf(text, "Florida Atlantic University", "ORG")] }))), ["Florida Atlantic University"]);
  });

  test("hyphenated words: 'Berlin-based', 'Abu Dhabi-based', 'Amsterdam-London', 'anti-Russian'", () => {
    const text = "The Berlin-based firm and an Abu Dhabi-based agency run the Amsterdam-London line despite anti-Russian policy.";
    const ner = [spanOf(text, "Berlin-based", "MISC"), spanOf(text, "Abu Dhabi-based", "MISC")];
    const places = resolvePlaces(docOf(text, { ner }));
    assert.deepEqual(mentioned(places), ["Berlin", "Abu Dhabi", "Amsterdam", "London", "Russian"]);
    assert.equal(placeFor(places, "Russian")?.country, "RU");
  });

  test("'Mississippi State' (a US state's university) is a mention of the state's name alone; 'Borno State' is the state", () => {
    const places = resolvePlaces(docOf("Mississippi State beat Ohio State on Sunday. Gunmen attacked a village in Borno State."));
    assert.deepEqual(mentioned(places), ["Mississippi", "Ohio", "Borno State"]);
    assert.equal(placeFor(places, "Mississippi")?.featureType, "admin1");
  });

  test("'Benue state' keeps its designator where the state's own name has it", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("Gunmen attacked villages in Benue state on Monday."))), ["Benue state"]);
  });
});

describe("demonyms, languages and short forms", () => {
  test("a demonym that a small town also spells is the country: 'Canadian Foreign Minister'", () => {
    const places = resolvePlaces(docOf("Canadian Foreign Minister Chrystia Freeland left for talks."));
    assert.equal(placeFor(places, "Canadian")?.country, "CA");
    assert.equal(placeFor(places, "Canadian")?.featureType, "country");
  });

  test("a region's two-word demonym is one mention of the region: 'Central American migrants'", () => {
    const places = resolvePlaces(docOf("A caravan of Central American migrants reached the border."));
    assert.deepEqual(mentioned(places), ["Central American"]);
    assert.equal(placeFor(places, "Central American")?.featureType, "region");
  });

  test("two demonyms together name people, not a place: 'African American voters'", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("Turnout among African American voters rose."))), []);
  });

  test("a language is not a place: 'English is spoken'; 'the English city of Salisbury' is", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("In Brussels, English is spoken everywhere."))), ["Brussels"]);
    assert.equal(placeFor(resolvePlaces(docOf("The attack took place in the English city of Salisbury.")), "English")?.country, "GB");
  });

  test("'US' in capitals is the country, though 'Us' is a stopword", () => {
    assert.equal(placeFor(resolvePlaces(docOf("When US President Donald Trump visited, talks began.")), "US")?.country, "US");
  });
});

describe("names the gazetteer lacks", () => {
  test("one word only the tagger calls a place, with no locative word, is dropped: 'Walmart'; 'in Khayelitsha' is kept", () => {
    const text = "Walmart opened a store. She moved to Khayelitsha last year.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Walmart", "LOC"), spanOf(text, "Khayelitsha", "LOC")] }));
    assert.deepEqual(mentioned(places), ["Khayelitsha"]);
  });

  test("placed by the text inside a place it knows: 'Brands Hatch, Kent', 'Harbor Avenue in Monterey'", () => {
    const text = "The British season opens at Brands Hatch, Kent. A museum opens on Harbor Avenue in Monterey.";
    const ner = [spanOf(text, "Brands Hatch", "LOC"), spanOf(text, "Kent", "LOC"), spanOf(text, "Harbor Avenue", "LOC"), spanOf(text, "Monterey", "LOC")];
    const places = resolvePlaces(docOf(text, { ner }));
    const hatch = placeFor(places, "Brands Hatch");
    const kent = placeFor(places, "Kent");
    assert.equal(kent?.country, "GB");
    assert.equal(hatch?.featureType, "other");
    assert.equal(hatch?.lat, kent?.lat);
    assert.equal(hatch?.precision, Math.max(2, kent!.precision));
    const avenue = placeFor(places, "Harbor Avenue");
    assert.equal(avenue?.lat, placeFor(places, "Monterey")?.lat);
    assert.equal(avenue?.precision, 2);
  });

  test("a continent or ocean inside a building's name is not its site: 'Florida Atlantic University' is in Florida, 'SM Mall of Asia' unplaced", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Florida Atlantic University")?.name, "Florida");
    assert.equal(resolveWithin(g, "SM Mall of Asia"), null);
  });

  test("an organisation named by a demonym is placed in that country or region: 'European Commission'; a ministry in its capital", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "European Commission")?.name, "Europe");
    const ministry = resolveWithin(g, "Russian Foreign Ministry");
    assert.equal(ministry?.country, "RU");
    assert.equal(ministry?.admin1, "Moscow");
    assert.equal(ministry?.precision, 2, "near the capital, not the capital itself");
  });

  test("an embassy stands anywhere but in the country it represents: placed by the text, never at that country", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "British Embassy"), null);
    assert.equal(resolveWithin(g, "Embassy of the Republic of Armenia"), null);
    const text = "Diplomats were seen leaving the Russian Embassy in the U.S. capital on Saturday.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Russian Embassy", "LOC"), spanOf(text, "U.S.", "LOC")] }));
    assert.equal(placeFor(places, "Russian Embassy")?.admin1, "District of Columbia");
    const rome = "The president then visited the Embassy of Armenia in Italy.";
    const there = resolvePlaces(docOf(rome, { ner: [spanOf(rome, "Embassy of Armenia", "LOC"), spanOf(rome, "Italy", "LOC")] }));
    assert.equal(placeFor(there, "Embassy of Armenia")?.admin1, "Lazio", "an embassy in a country is in its capital");
  });

  test("an international organisation named as a place is at its seat: 'the United Nations', 'Council of Europe'", () => {
    const g = loadGazetteer();
    const un = resolveWithin(g, "United Nations");
    assert.equal(un?.admin1, "New York");
    assert.equal(un?.precision, 2);
    assert.equal(resolveWithin(g, "the Council of Europe")?.country, "FR");
  });

  test("a name ending in a kind of place is that place, not the town its first word names: 'Washington Township'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Washington Township"), null);
    assert.equal(resolveWithin(g, "Quebec City")?.country, "CA", "but 'City' is part of a town's everyday name");
    assert.equal(resolveWithin(g, "Montgomery County History Center")?.featureType, "admin2", "a county by its full name");
  });

  test("a street is not located by the place its name recalls: 'Northumberland Avenue', 'Victoria St.'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Northumberland Avenue"), null);
    assert.equal(resolveWithin(g, "401 Victoria St."), null);
    assert.equal(resolveWithin(g, "Washington Square"), null, "nor by a hamlet of the landmark's name");
  });

  test("a direction before a country is a part of it: 'Western US', 'northern Syria'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Western US")?.featureType, "country");
    assert.equal(resolveWithin(g, "northern Syria")?.country, "SY");
  });

  test("a common word the tagger calls a place, whose only readings are hamlets, is not located: 'August', 'Valley'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "August"), null);
    assert.equal(resolveWithin(g, "Valley"), null);
    assert.equal(resolveWithin(g, "Franklin")?.featureType, "city", "a town of some size keeps its reading");
  });

  test("placed by an apposition ('Tarvelli, a market town in Karnataka') or across a date ('at Green Grocer on Friday, March 3, in Modesto')", () => {
    const text = "Tarvelli, a market town in Karnataka, voted for the BJP. She shared tips at Green Grocer on Friday, March 3, 2023, in Modesto, Calif.";
    const ner = ["Tarvelli", "Karnataka", "Green Grocer", "Modesto", "Calif."].map((w) => spanOf(text, w, "LOC"));
    const places = resolvePlaces(docOf(text, { ner }));
    assert.equal(placeFor(places, "Tarvelli")?.admin1, "Karnataka");
    assert.equal(placeFor(places, "Green Grocer")?.lat, placeFor(places, "Modesto")?.lat);
  });

  test("one name, one place: the other mentions of a name the text places share that place", () => {
    const text = "Snetterton hosts the fifth round. Fans from London will travel to Snetterton, Norfolk, in July.";
    const ner = [spanOf(text, "Snetterton", "LOC"), spanOf(text, "London", "LOC"), spanOf(text, "Snetterton", "LOC", 1), spanOf(text, "Norfolk", "LOC")];
    const snetterton = placeFor(resolvePlaces(docOf(text, { ner })), "Snetterton");
    assert.equal(snetterton?.mentions.length, 2);
    assert.equal(snetterton?.country, "GB");
  });
});

describe("pairs of names", () => {
  test("'Tacoma, Washington' and 'California or Washington' are the state, not the capital", () => {
    const places = resolvePlaces(docOf("She moved from Tacoma, Washington, last year. Tech firms avoid states such as California or Washington."));
    const washington = placeFor(places, "Washington");
    assert.equal(washington?.featureType, "admin1");
    assert.equal(washington?.mentions.length, 2);
  });

  test("'Croft, Yorkshire': a town the gazetteer has only elsewhere is placed in the area the text names", () => {
    const text = "The series visits Croft, Yorkshire in June and Rockingham, Northamptonshire in August.";
    const ner = ["Croft", "Yorkshire", "Rockingham", "Northamptonshire"].map((w) => spanOf(text, w, "LOC"));
    const places = resolvePlaces(docOf(text, { ner }));
    assert.equal(placeFor(places, "Croft")?.lat, placeFor(places, "Yorkshire")?.lat);
    assert.equal(placeFor(places, "Rockingham")?.country, "GB", "not Rockingham, Western Australia");
    assert.ok((placeFor(places, "Rockingham")?.precision ?? 0) >= 2);
  });

  test("one name, one town: 'ALEXANDRIA, La.' decides the story's later 'Alexandria', whatever its case", () => {
    const text = "ALEXANDRIA, La. - Police in Alexandria said a man from Pineville was arrested.";
    const ner = [spanOf(text, "ALEXANDRIA", "LOC"), spanOf(text, "La.", "LOC"), spanOf(text, "Alexandria", "LOC"), spanOf(text, "Pineville", "LOC")];
    const alexandria = placeFor(resolvePlaces(docOf(text, { ner })), "Alexandria");
    assert.equal(alexandria?.admin1, "Louisiana");
    assert.deepEqual(alexandria?.mentions.map((m) => m.text), ["ALEXANDRIA", "Alexandria"]);
  });

  test("but not in a list: 'Aleppo, Idlib province and Hama' keeps the city of Aleppo", () => {
    const places = resolvePlaces(docOf("Shelling hit Aleppo, Idlib province and Hama on Monday."));
    assert.equal(placeFor(places, "Aleppo")?.featureType, "city");
  });

  test("bare names made streets by their context are not towns: 'Bourbon and Dauphine streets', 'the Chartres/Franklin intersection'", () => {
    const text = "A parade rolled down Bourbon and Dauphine streets to the Chartres/Franklin intersection.";
    const places = resolvePlaces(docOf(text, { ner: ["Bourbon", "Dauphine", "Chartres", "Franklin"].map((w) => spanOf(text, w, "LOC")) }));
    for (const name of ["Bourbon", "Dauphine", "Chartres", "Franklin"]) {
      assert.equal(placeFor(places, name)?.featureType, "landmark", name);
      assert.equal(placeFor(places, name)?.lat, null, name);
    }
  });

  test("'the state Capitol' is in the seat of the state the article names, and so is 'the Capitol' after it", () => {
    const places = resolvePlaces(docOf("Oklahoma lawmakers met as teachers filled the state Capitol. Outside the Capitol, crowds sang."));
    const capitol = placeFor(places, "Capitol");
    assert.equal(capitol?.admin1, "Oklahoma");
    assert.equal(capitol?.mentions.length, 2);
    assert.equal(placeFor(resolvePlaces(docOf("Tourists photographed the Capitol.")), "Capitol")?.name, "Capitol Hill");
  });
});

describe("streets, buildings and sites", () => {
  test("a run of capitalised words ended or begun by a landmark word is a place of its own, located only by its setting", () => {
    const text = "Linden Street was closed. The office at 2700 North Ninth Street moved. Midway International Airport is 22 miles away. " +
      "They own the Hotel Vltava. Lake Whitmore is a reservoir. The Museum of Paper Kites opened.";
    const places = resolvePlaces(docOf(text));
    for (const name of ["Linden Street", "2700 North Ninth Street", "Midway International Airport", "Hotel Vltava", "Lake Whitmore", "Museum of Paper Kites"]) {
      const p = placeFor(places, name);
      assert.equal(p?.featureType, "landmark", name);
      assert.equal(p?.lat, null, `${name}: no point of its own`);
      assert.equal(p?.precision, 1);
    }
  });
  test("a landmark-worded name the gazetteer holds keeps its entry: 'Lake Chad' region, 'Mount Lebanon' governorate, 'Lake Charles' town", () => {
    const text = "Fighters attacked a village in the Lake Chad region. Clashes erupted in Mount Lebanon on Sunday. The storm hit Lake Charles.";
    const places = resolvePlaces(docOf(text));
    assert.equal(placeFor(places, "Lake Chad")?.featureType, "region");
    assert.equal(placeFor(places, "Mount Lebanon")?.country, "LB", "and the name stops before 'on Sunday'");
    assert.equal(placeFor(places, "Lake Charles")?.featureType, "city");
  });
  test("a possessive inside the name stays in it ('St Mary's Catholic Church'); a place's possessive places the landmark ('Brooklyn's Kingsway Arena')", () => {
    const text = "Worshippers gathered at St Mary's Catholic Church in Lagos. The fight was held at Brooklyn's Kingsway Arena.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Lagos", "LOC"), spanOf(text, "Brooklyn", "LOC")] }));
    assert.equal(placeFor(places, "St Mary's Catholic Church")?.lat, placeFor(places, "Lagos")?.lat);
    assert.ok(placeFor(places, "Kingsway Arena"));
    assert.ok(placeFor(places, "Brooklyn"));
  });
  test("a quarter named by a demonym is a district, not the country: 'the French Quarter'", () => {
    const places = resolvePlaces(docOf("Jazz bands played in the French Quarter all night."));
    assert.deepEqual(mentioned(places), ["French Quarter"]);
    assert.equal(placeFor(places, "French Quarter")?.featureType, "landmark");
  });
  test("a building the text does not place is placed by the town its name holds, not by a state: 'Dallas Convention Center'", () => {
    const places = resolvePlaces(docOf("Fans queued at the Dallas Convention Center on Friday. Students toured Florida Atlantic University."));
    const center = placeFor(places, "Dallas Convention Center");
    assert.equal(center?.admin1, "Texas");
    assert.equal(center?.precision, 2);
    assert.equal(placeFor(places, "Florida Atlantic University")?.lat, null);
  });
  test("the place names inside belong to the landmark's name; the landmark gets the point of the town the text puts it in", () => {
    const text = "Fans queued at the Miami Beach Convention Center in Miami Beach.";
    const places = resolvePlaces(docOf(text));
    assert.deepEqual(mentioned(places).sort(), ["Miami Beach", "Miami Beach Convention Center"]);
    const center = placeFor(places, "Miami Beach Convention Center");
    assert.equal(center?.lat, placeFor(places, "Miami Beach")?.lat);
    assert.equal(center?.precision, 2);
  });
  test("a given name at the start does not make a person of a street ('River Avenue'); a landmark word that is a name does ('President Park')", () => {
    const text = "Crews were called to River Avenue. President Park visited the troops.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "River Avenue", "PER"), spanOf(text, "President Park", "PER")] }));
    assert.deepEqual(mentioned(places), ["River Avenue"]);
  });
  test("not a landmark: an organisation speaking, a Saint, a sentence's opening preposition, a denomination", () => {
    const text = "The Carter Center said the vote was fair. He flew to St. Louis. From Kestrel Parade, the man walked home. " +
      "Envoys of the Catholic Church signed it.";
    assert.deepEqual(mentioned(resolvePlaces(docOf(text))).filter((m) => !["St. Louis"].includes(m)), ["Kestrel Parade"]);
  });
});

describe("context: nearby towns and cue words", () => {
  test("of two towns of one name, the one near the article's other towns", () => {
    const places = resolvePlaces(docOf("Storms hit Biddeford and Saco, and Portland lost power."));
    assert.equal(placeFor(places, "Portland")?.admin1, "Maine");
  });

  test("'the border territory of Georgia' with Armenia and Azerbaijan is the country", () => {
    const places = resolvePlaces(docOf("Azerbaijan mined the border territory of Georgia, Armenia said."));
    assert.equal(placeFor(places, "Georgia")?.featureType, "country");
  });
});

describe("documentFocus", () => {
  test("is the most-mentioned town of the article's main country", () => {
    const places = resolvePlaces(docOf("Homs was hit. Later Homs was hit again, and Syria protested. Turkey said nothing."));
    assert.equal(documentFocus(places)?.mentions[0].text, "Homs");
    assert.equal(documentFocus([]), null);
  });

  test("ties go to the bigger place when sizes are given; streets and buildings are never the focus", () => {
    const g = loadGazetteer();
    const places = resolvePlaces(docOf("Lafayette and New Orleans were flooded. Crowds gathered at the New Orleans Convention Center and the Convention Center."));
    const population = (p: Place) => (p.country ? g.resolveExact(p.name, { countries: [p.country] })?.population ?? 0 : 0);
    assert.equal(documentFocus(places)?.name, "Lafayette", "the first named, without sizes");
    assert.equal(documentFocus(places, population)?.name, "New Orleans");
  });

  test("is where the article's towns cluster, not a lone town named as often", () => {
    const places = resolvePlaces(docOf("Homes in Gainesville, Va. are near Centreville, Va. A firm in Charleston, W.Va. built them."));
    assert.equal(documentFocus(places)?.admin1, "Virginia");
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
