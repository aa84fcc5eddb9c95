import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LabeledSpan } from "../doc/index.js";
import { docOf } from "./test-doc.js";
import type { Place } from "../report.js";
import { loadGazetteer } from "./geo/index.js";
import { documentFocus, resolvePlaces, resolveWithin } from "./places.js";
import { isCoordinatedStreet } from "./places/post-rules.js";


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
    const places = resolvePlaces(docOf("Drones struck Raqqa and the Donbas on Thursday, while envoys in Geneva from Syria and Turkey argued."));
    assert.deepEqual(mentioned(places), ["Raqqa", "Donbas", "Geneva", "Syria", "Turkey"]);
    assert.deepEqual(places.map((p) => p.id), ["p1", "p2", "p3", "p4", "p5"]);
    assert.equal(placeFor(places, "Geneva")?.country, "CH");
  });

  test("'Hasakeh province' is the governorate; 'the city of Hasakeh' is the city", () => {
    const province = placeFor(resolvePlaces(docOf("Wells dried up across Hasakeh province this summer.")), "Hasakeh");
    assert.equal(province?.featureType, "admin1");
    assert.equal(province?.precision, 3);
    const city = placeFor(resolvePlaces(docOf("Wells dried up across the city of Hasakeh this summer.")), "Hasakeh");
    assert.equal(city?.featureType, "city");
    assert.equal(city?.precision, 1);
  });

  test("transliterated spellings need a cue or locative word, and then resolve", () => {
    const places = resolvePlaces(docOf("Traders returned to Hassakeh after a week."));
    assert.equal(placeFor(places, "Hassakeh")?.country, "SY");
  });

  test("common capitalised words are not places: May, Most, Will at a sentence start", () => {
    const places = resolvePlaces(docOf("May was dry. Most farmers waited. Will the rain reach Aleppo?"));
    assert.deepEqual(mentioned(places), ["Aleppo"]);
  });

  test("person names are not places: Jordan Whitcombe, and Jordan again later", () => {
    const places = resolvePlaces(docOf("Jordan Whitcombe sang twice. Afterwards Jordan thanked the band."));
    assert.deepEqual(mentioned(places), []);
    assert.deepEqual(mentioned(resolvePlaces(docOf("Herders drove goats into Jordan last spring."))), ["Jordan"]);
  });

  test("a demonym used as a modifier is a mention of its country; a plural demonym (people) is not", () => {
    const places = resolvePlaces(docOf("Iraqi engineers and Syrian farmers met near Mosul. The Iraqis stayed."));
    assert.deepEqual(mentioned(places), ["Iraqi", "Syrian", "Mosul"]);
    assert.equal(placeFor(places, "Iraqi")?.featureType, "country");
    assert.equal(placeFor(places, "Iraqi")?.country, "IQ");
    assert.equal(placeFor(places, "Syrian")?.country, "SY");
  });

  test("a demonym and its country's name are one place", () => {
    const places = resolvePlaces(docOf("Russian skaters left Russia in January."));
    assert.deepEqual(placeFor(places, "Russian")?.mentions.map((m) => m.text), ["Russian", "Russia"]);
  });

  test("a demonym standing alone is a language or people, not a place: 'she speaks English.'", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("At home in Paris she mostly speaks English."))), ["Paris"]);
  });

  test("acronyms are not small towns: NATO", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("NATO auditors gathered in Brussels."))), ["Brussels"]);
  });

  test("'X, Y' places X inside Y: 'Hampshire, England' is the English county, 'Portland, Maine' the town in Maine", () => {
    const uk = resolvePlaces(docOf("The fair moves to Hampshire, England, next spring."));
    assert.equal(placeFor(uk, "Hampshire")?.country, "GB");
    const maine = resolvePlaces(docOf("Lobster prices fell in Portland, Maine, this week."));
    assert.equal(placeFor(maine, "Portland")?.admin1, "Maine");
    const oregon = resolvePlaces(docOf("Lobster prices fell in Portland this week."));
    assert.equal(placeFor(oregon, "Portland")?.admin1, "Oregon");
  });

  test("AP and Canadian Press abbreviations of states and provinces: 'Gainesville, Va.', 'Moncton, N.B.'", () => {
    const va = resolvePlaces(docOf("Townhouses are planned in Gainesville, Va. soon."));
    assert.equal(placeFor(va, "Gainesville")?.admin1, "Virginia");
    // the period belongs to the abbreviation, even where it also ends the sentence
    assert.equal(placeFor(resolvePlaces(docOf("The townhouses rise in Gainesville, Va. Each has a garden.")), "Va.")?.name, "Virginia");
    const nb = resolvePlaces(docOf("A bakery opened in Moncton, N.B. last week."));
    assert.equal(placeFor(nb, "N.B.")?.name, "New Brunswick");
  });

  test("the article's country decides Georgia", () => {
    const us = resolvePlaces(docOf("Peach growers near Atlanta and Savannah in Georgia envied Texas."));
    assert.equal(placeFor(us, "Georgia")?.featureType, "admin1");
    assert.equal(placeFor(us, "Georgia")?.country, "US");
    const caucasus = resolvePlaces(docOf("Russia and Georgia signed a grain deal, and Armenia objected."));
    assert.equal(placeFor(caucasus, "Georgia")?.featureType, "country");
  });

  test("Washington is the capital city, with a point precision", () => {
    const p = placeFor(resolvePlaces(docOf("Budget talks in Washington stalled again.")), "Washington");
    assert.equal(p?.country, "US");
    assert.equal(p?.featureType, "city");
    assert.ok(p && p.lat !== null && Math.abs(p.lat - 38.9) < 0.5);
  });

  test("'in southern Idlib': the direction word is not part of the name", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("Olive groves burned in southern Idlib."))), ["Idlib"]);
  });

  test("a region whose name starts with a direction word keeps it: eastern Euphrates", () => {
    const p = resolvePlaces(docOf("Smugglers roam the eastern Euphrates."));
    assert.deepEqual(mentioned(p), ["eastern Euphrates"]);
    assert.equal(p[0].featureType, "region");
  });

  test("a name the gazetteer has whole, joined by lower-case words, is one place: 'Leon de los Aldama', not Aldama", () => {
    const places = resolvePlaces(docOf("Two officers were shot in Leon de los Aldama on Friday."));
    assert.deepEqual(mentioned(places), ["Leon de los Aldama"]);
    assert.equal(places[0].country, "MX");
  });

  test("mentions of one place merge into one Place", () => {
    const places = resolvePlaces(docOf("Raqqa flooded. Bakers in Raqqa closed."));
    assert.equal(places.length, 1);
    assert.equal(places[0].mentions.length, 2);
  });

  test("does not mutate the doc", () => {
    const doc = docOf("Seeds reached Homs.");
    resolvePlaces(doc);
    assert.deepEqual(doc.facts.places, []);
    assert.equal(doc.spans.size, 0);
  });
});

describe("resolvePlaces with the ner and metonyms layers", () => {
  test("skips capitals used as actors (metonyms layer)", () => {
    const text = "Berlin has pledged buses for clinics in Kharkiv.";
    const places = resolvePlaces(docOf(text, { metonyms: [spanOf(text, "Berlin", "government")] }));
    assert.deepEqual(mentioned(places), ["Kharkiv"]);
  });

  test("a whole name joined by lower-case words outranks the tagger's pieces of it: not a person 'Leon' and a town 'Aldama'", () => {
    const text = "Two officers were shot in Leon de los Aldama on Friday.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Leon", "PER"), spanOf(text, "Aldama", "LOC")] }));
    assert.deepEqual(mentioned(places), ["Leon de los Aldama"]);
    // "State of X": the word for the kind of area is a cue before the name, not a part of a joined name
    const state = "Rains flooded the State of Tamil Nadu.";
    assert.deepEqual(mentioned(resolvePlaces(docOf(state, { ner: [spanOf(state, "Tamil Nadu", "LOC")] }))), ["Tamil Nadu"]);
  });

  test("two places the tagger joined by a hyphen before or after a word for a way are two places: 'the Kharkiv-Kupiansk road'", () => {
    const text = "Fighting went on along the Kharkiv-Kupiansk road.";
    assert.deepEqual(mentioned(resolvePlaces(docOf(text, { ner: [spanOf(text, "Kharkiv-Kupiansk", "LOC")] }))), ["Kharkiv", "Kupiansk"]);
    // not without such a word, nor where one part is an article ("Al-Azim")
    const bare = "Officials met in Kharkiv-Kupiansk.";
    assert.deepEqual(mentioned(resolvePlaces(docOf(bare, { ner: [spanOf(bare, "Kharkiv-Kupiansk", "LOC")] }))), ["Kharkiv-Kupiansk"]);
    const article = "Fighting went on along the Al-Azim road.";
    assert.ok(!mentioned(resolvePlaces(docOf(article, { ner: [spanOf(article, "Al-Azim", "LOC")] }))).includes("Al"));
  });

  test("takes LOC spans from the tagger, even ones the gazetteer lacks", () => {
    const text = "Vendors lined Tamarind Street. Most had driven from New Orleans.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Tamarind Street", "LOC"), spanOf(text, "New Orleans", "LOC")] }));
    const street = placeFor(places, "Tamarind Street");
    assert.equal(street?.lat, null);
    assert.equal(street?.featureType, "landmark");
    assert.equal(placeFor(places, "New Orleans")?.country, "US");
  });

  test("a PER span of several words that is exactly a province, region or country is that place: 'Negros Occidental'", () => {
    const text = "Loggers moved towards the edge of Negros Occidental. Jordan Whitcombe sang.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Negros Occidental", "PER"), spanOf(text, "Jordan Whitcombe", "PER")] }));
    assert.deepEqual(mentioned(places), ["Negros Occidental"]);
    assert.equal(placeFor(places, "Negros Occidental")?.country, "PH");
  });

  test("a name the tagger calls a person, with a bracket of the areas it lies in after it, is a place: 'Bathinda (Punjab)'", () => {
    const text = "Farmers of Bathinda (Punjab) blocked a highway on Monday. Victoria (ODM) spoke later.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Bathinda", "PER"), spanOf(text, "Punjab", "LOC"), spanOf(text, "Victoria", "PER")] }));
    assert.equal(placeFor(places, "Bathinda")?.country, "IN");
    // a party's initials in the bracket say who the person is, not where
    assert.equal(placeFor(places, "Victoria"), undefined);
  });

  test("a name the tagger calls an organisation, with the word for its kind of area after it, is that area: 'Tinsukia district'", () => {
    const text = "Youths blocked roads across Tinsukia district on Monday. The Kokrajhar District Council met.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Tinsukia", "ORG"), spanOf(text, "Kokrajhar", "ORG")] }));
    // the designator is part of the area's name where the gazetteer reads the whole
    assert.deepEqual(mentioned(places), ["Tinsukia district"]);
    assert.equal(placeFor(places, "Tinsukia district")?.country, "IN");
    // a capitalised word after the area word makes the whole an organisation's name
    assert.equal(placeFor(places, "Kokrajhar"), undefined);
    // a kind word that is no part of the area's own name leaves the name alone: "Apa LGA" (a Nigerian district)
    const lga = "Gunmen raided two farms in Apa LGA overnight.";
    const there = resolvePlaces(docOf(lga, { ner: [spanOf(lga, "Apa", "ORG")] }));
    assert.equal(placeFor(there, "Apa")?.country, "NG");
  });

  test("names the tagger calls organisations in a bracket after a place's name are the areas it lies in: 'Tallago (Sebba, Gnagna)'", () => {
    const text = "Raiders burned granaries in Tallago (Sebba, Gnagna) at dawn. The Herders Union (Dori) spoke.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Tallago", "LOC"), spanOf(text, "Sebba", "ORG"), spanOf(text, "Gnagna", "ORG"), spanOf(text, "Herders Union", "ORG"), spanOf(text, "Dori", "ORG")] }));
    assert.equal(placeFor(places, "Sebba")?.country, "BF");
    assert.equal(placeFor(places, "Gnagna")?.country, "BF");
    // a bracket after an organisation's name holds its short name or its seat, not areas the tagger misread
    assert.equal(placeFor(places, "Dori"), undefined);
  });

  test("a name the tagger calls a person is a place after 'the area of', or in a list with a place the tagger found", () => {
    const text = "Gunmen struck in the area of Gorom-Gorom at dawn. Traders struck in Dori, Kaya and Djibo. Police met with Kaya Smith and Sebba.";
    const ner = [spanOf(text, "Gorom-Gorom", "PER"), spanOf(text, "Dori", "LOC"), spanOf(text, "Kaya", "LOC"), spanOf(text, "Djibo", "PER"), spanOf(text, "Kaya Smith", "PER"), spanOf(text, "Sebba", "PER")];
    const places = resolvePlaces(docOf(text, { ner }));
    assert.equal(placeFor(places, "Gorom-Gorom")?.country, "BF");
    assert.equal(placeFor(places, "Djibo")?.country, "BF");
    // after a person's name, "and" joins people
    assert.equal(placeFor(places, "Sebba"), undefined);
    // the first of such a list too: "between Djibo and Dori"
    const road = "Bandits robbed buses between Djibo and Dori on Sunday.";
    const ends = resolvePlaces(docOf(road, { ner: [spanOf(road, "Djibo", "PER"), spanOf(road, "Dori", "LOC")] }));
    assert.equal(placeFor(ends, "Djibo")?.country, "BF");
    // but a person's surname stays the person's: "Mariam Djibo ... Djibo and Dori"
    const named = "Mariam Djibo chairs the council. Djibo and Dori officials met on Sunday.";
    const people = resolvePlaces(docOf(named, { ner: [spanOf(named, "Mariam Djibo", "PER"), spanOf(named, "Djibo", "PER", 1), spanOf(named, "Dori", "LOC")] }));
    assert.equal(placeFor(people, "Djibo"), undefined);
  });

  test("a one-word name the tagger calls an organisation is a place after 'in' or 'near': 'protests in Djibo'", () => {
    const text = "Traders staged protests in Djibo on Monday. Officials in NATO and in the Djibo Traders Union disagreed.";
    const ner = [spanOf(text, "Djibo", "ORG"), spanOf(text, "NATO", "ORG"), spanOf(text, "Djibo Traders Union", "ORG")];
    const places = resolvePlaces(docOf(text, { ner }));
    assert.deepEqual(mentioned(places), ["Djibo"]);
    assert.equal(placeFor(places, "Djibo")?.country, "BF");
  });

  test("a PER span blocks the place reading of its words", () => {
    const text = "Paris Delacroix landed in Miami.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Paris Delacroix", "PER"), spanOf(text, "Miami", "LOC")] }));
    assert.deepEqual(mentioned(places), ["Miami"]);
  });
});


describe("names inside other names", () => {
  test("a place inside an organisation's name is a mention of it: 'The Denver Ledger', 'Fisheries Board of Mauritius'", () => {
    const text = "The Denver Ledger said the Fisheries Board of Mauritius had lent more.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Denver Ledger", "ORG"), spanOf(text, "Fisheries Board of Mauritius", "ORG")] }));
    assert.deepEqual(mentioned(places), ["Denver", "Mauritius"]);
  });

  test("a designator-like word stays with the organisation: 'Vermont State Troopers' names Vermont", () => {
    const text = "Vermont State Troopers said the ferry was late.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Vermont State Troopers", "ORG")] }));
    assert.deepEqual(mentioned(places), ["Vermont"]);
  });

  test("a place name inside a building's or facility's name is part of that name: 'Idaho Lakeside University' is the place", () => {
    const text = "She enrolled at Idaho Lakeside University in autumn.";
    assert.deepEqual(mentioned(resolvePlaces(docOf(text, { ner: [spanOf(text, "Idaho Lakeside University", "ORG")] }))), ["Idaho Lakeside University"]);
  });

  test("hyphenated words: 'Berlin-based', 'Kuala Lumpur-based', 'Amsterdam-Riga', 'anti-Russian'", () => {
    const text = "A Berlin-based bakery and a Kuala Lumpur-based shipper share the Amsterdam-Riga ferry despite anti-Russian tariffs.";
    const ner = [spanOf(text, "Berlin-based", "MISC"), spanOf(text, "Kuala Lumpur-based", "MISC")];
    const places = resolvePlaces(docOf(text, { ner }));
    assert.deepEqual(mentioned(places), ["Berlin", "Kuala Lumpur", "Amsterdam", "Riga", "Russian"]);
    assert.equal(placeFor(places, "Russian")?.country, "RU");
  });

  test("a direction word after a hyphen is part of the name before it: 'Dakar-West district' names Dakar, no 'West'", () => {
    const places = resolvePlaces(docOf("Shops stayed shut in the Dakar-West district on Friday."));
    assert.deepEqual(mentioned(places), ["Dakar"]);
  });


  test("a capitalised designator the place's own name lacks is its cue, not part of the mention: 'Vermont State'", () => {
    const places = resolvePlaces(docOf("Dairy prices fell across Vermont State last year. Yam farmers gathered in Benue State."));
    assert.deepEqual(mentioned(places), ["Vermont", "Benue State"]);
    assert.equal(placeFor(places, "Vermont")?.featureType, "admin1");
  });

  test("'Benue state' keeps its designator where the state's own name has it", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("Yam farmers gathered in Benue state on Thursday."))), ["Benue state"]);
  });
});

describe("demonyms, languages and short forms", () => {
  test("a demonym that a small town also spells is the country: 'Canadian trade envoy'", () => {
    const places = resolvePlaces(docOf("Canadian trade envoy Maren Holt flew home."));
    assert.equal(placeFor(places, "Canadian")?.country, "CA");
    assert.equal(placeFor(places, "Canadian")?.featureType, "country");
  });

  test("a region's two-word demonym is one mention of the region: 'Central American coffee growers'", () => {
    const places = resolvePlaces(docOf("Dozens of Central American coffee growers toured the plant."));
    assert.deepEqual(mentioned(places), ["Central American"]);
    assert.equal(placeFor(places, "Central American")?.featureType, "region");
  });

  test("two demonyms together name people, not a place: 'African American novelists'", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("Prizes went to African American novelists."))), []);
  });

  test("a language is not a place: 'English is spoken'; 'the English town of Ludlow' is", () => {
    assert.deepEqual(mentioned(resolvePlaces(docOf("In Brussels, English is heard on every tram."))), ["Brussels"]);
    assert.equal(placeFor(resolvePlaces(docOf("Her bakery stands in the English town of Ludlow.")), "English")?.country, "GB");
  });

  test("'US' in capitals is the country, though 'Us' is a stopword", () => {
    assert.equal(placeFor(resolvePlaces(docOf("When US envoys landed, the tariffs were dropped.")), "US")?.country, "US");
  });
});

describe("names the gazetteer lacks", () => {
  test("one word only the tagger calls a place, with no locative word, is dropped: 'Brightmart'; 'in Khayelitsha' is kept", () => {
    const text = "Brightmart hired cashiers. She settled in Khayelitsha last year.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Brightmart", "LOC"), spanOf(text, "Khayelitsha", "LOC")] }));
    assert.deepEqual(mentioned(places), ["Khayelitsha"]);
  });

  test("placed by the text inside a place it knows: 'Pellow Marsh, Kent', 'Quarry Lane in Monterey'", () => {
    const text = "The British kite festival starts at Pellow Marsh, Kent. A bakery moved to Quarry Lane in Monterey.";
    const ner = [spanOf(text, "Pellow Marsh", "LOC"), spanOf(text, "Kent", "LOC"), spanOf(text, "Quarry Lane", "LOC"), spanOf(text, "Monterey", "LOC")];
    const places = resolvePlaces(docOf(text, { ner }));
    const hatch = placeFor(places, "Pellow Marsh");
    const kent = placeFor(places, "Kent");
    assert.equal(kent?.country, "GB");
    assert.equal(hatch?.featureType, "other");
    assert.equal(hatch?.lat, kent?.lat);
    assert.equal(hatch?.precision, Math.max(2, kent!.precision));
    const avenue = placeFor(places, "Quarry Lane");
    assert.equal(avenue?.lat, placeFor(places, "Monterey")?.lat);
    assert.equal(avenue?.precision, 2);
  });

  test("a continent or ocean inside a building's name is not its site: 'Oregon Pacific University' is in Oregon, 'Harbourside Museum of Asia' unplaced", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Oregon Pacific University")?.name, "Oregon");
    assert.equal(resolveWithin(g, "Harbourside Museum of Asia"), null);
  });

  test("a province with a direction after a hyphen that the gazetteer lacks is part of that province: 'Shan-South'; not a town's", () => {
    const g = loadGazetteer();
    const south = resolveWithin(g, "Shan-South");
    assert.equal(south?.featureType, "admin1");
    assert.equal(south?.country, "MM");
    assert.equal(south?.decidedBy, "inside-name");
    // "Kolkoa-North": no province or district is named so, and "Bago" is first a town
    assert.equal(resolveWithin(g, "Kolkoa-North"), null);
    assert.notEqual(resolveWithin(g, "Bago-North")?.featureType, "city");
  });

  test("a province named with a direction tells the story's country from the first reading on: 'Muse' beside 'Shan-North' is Myanmar's", () => {
    const text = "Shells hit Muse township on Monday; Muse district lies in Shan-North state.";
    const at = (w: string, from = 0) => ({ start: text.indexOf(w, from), end: text.indexOf(w, from) + w.length, label: "LOC" });
    const places = resolvePlaces(docOf(text, { ner: [at("Muse"), at("Muse", text.indexOf(";")), at("Shan-North")] }));
    // both mentions of Muse, the township's too, are the district of Myanmar (not a town of Pennsylvania)
    assert.deepEqual(places.filter((p) => p.name === "Muse").map((p) => [p.country, p.mentions.length]), [["MM", 2]]);
  });

  test("a district named whole with a hyphen is that district, not the town of its first word: 'Yangon-East district'", () => {
    const text = "A bomb went off at a market (Yangon-East district, Yangon region) on Monday.";
    const places = resolvePlaces(docOf(text, { ner: [] }));
    const district = placeFor(places, "Yangon-East");
    assert.equal(district?.featureType, "admin2");
    assert.equal(district?.name, "Yangon (East)");
  });

  test("an organisation named by a demonym is placed in that country or region: 'European Fisheries Agency'; a ministry in its capital", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "European Fisheries Agency")?.name, "Europe");
    const ministry = resolveWithin(g, "Russian Transport Ministry");
    assert.equal(ministry?.country, "RU");
    assert.equal(ministry?.admin1, "Moscow");
    assert.equal(ministry?.precision, 2, "near the capital, not the capital itself");
  });

  test("an embassy stands anywhere but in the country it represents: placed by the text, never at that country", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Norwegian Embassy"), null);
    assert.equal(resolveWithin(g, "Embassy of Chile"), null);
    const text = "A queue of students formed outside the Chilean Embassy in the US capital before dawn.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Chilean Embassy", "LOC"), spanOf(text, "US", "LOC")] }));
    assert.equal(placeFor(places, "Chilean Embassy")?.admin1, "District of Columbia");
    const rome = "A choir sang at the Embassy of Peru in Italy.";
    const there = resolvePlaces(docOf(rome, { ner: [spanOf(rome, "Embassy of Peru", "LOC"), spanOf(rome, "Italy", "LOC")] }));
    assert.equal(placeFor(there, "Embassy of Peru")?.admin1, "Lazio", "an embassy in a country is in its capital");
  });

  test("an international organisation named as a place is at its seat: 'the United Nations', 'Council of Europe'", () => {
    const g = loadGazetteer();
    const un = resolveWithin(g, "United Nations");
    assert.equal(un?.admin1, "New York");
    assert.equal(un?.precision, 2);
    assert.equal(resolveWithin(g, "the Council of Europe")?.country, "FR");
  });

  test("a name ending in a kind of place is that place, not the town its first word names: 'Jefferson Township'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Jefferson Township"), null);
    assert.equal(resolveWithin(g, "Quebec City")?.country, "CA", "but 'City' belongs to some towns' everyday names");
    assert.equal(resolveWithin(g, "Franklin County Heritage Center")?.featureType, "admin2", "a county by its full name");
  });

  test("a street is not located by the place its name recalls: 'Cumberland Avenue', 'Albert St.'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Cumberland Avenue"), null);
    assert.equal(resolveWithin(g, "88 Albert St."), null);
    assert.equal(resolveWithin(g, "Jefferson Square"), null, "nor by a hamlet of the landmark's name");
  });

  test("a direction before a country is a part of it: 'Western Canada', 'southern Chad'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "Western Canada")?.featureType, "country");
    assert.equal(resolveWithin(g, "southern Chad")?.country, "TD");
  });

  test("a common word the tagger calls a place, whose only readings are hamlets, is not located: 'August', 'Valley'", () => {
    const g = loadGazetteer();
    assert.equal(resolveWithin(g, "August"), null);
    assert.equal(resolveWithin(g, "Valley"), null);
    assert.equal(resolveWithin(g, "Franklin")?.featureType, "city", "a town of some size keeps its reading");
  });


  test("one name, one place: the other mentions of a name the text places share that place", () => {
    const text = "Wexcombe Fen hosts the regatta. Rowers from London will sail to Wexcombe Fen, Norfolk, after Easter.";
    const ner = [spanOf(text, "Wexcombe Fen", "LOC"), spanOf(text, "London", "LOC"), spanOf(text, "Wexcombe Fen", "LOC", 1), spanOf(text, "Norfolk", "LOC")];
    const fen = placeFor(resolvePlaces(docOf(text, { ner })), "Wexcombe Fen");
    assert.equal(fen?.mentions.length, 2);
    assert.equal(fen?.country, "GB");
  });
});

describe("a place the gazetteer lacks, in a sentence that locates one area", () => {
  test("a name the text calls a place of some kind lies in the one province or district its sentence names", () => {
    const places = resolvePlaces(docOf("Residents of Kolkoa village blocked the road over water cuts, officials in Nyeri County said."));
    const ward = placeFor(places, "Kolkoa village") ?? placeFor(places, "Kolkoa");
    const county = placeFor(places, "Nyeri County");
    assert.ok(county && county.lat !== null);
    assert.equal(ward?.decidedBy, "sentence-area");
    assert.deepEqual([ward?.lat, ward?.lon], [county?.lat, county?.lon]);
  });

  test("not where the sentence names two areas, or a town", () => {
    const two = resolvePlaces(docOf("Residents of Kolkoa village, on the border of Nyeri County and Embu County, blocked the road."));
    assert.equal((placeFor(two, "Kolkoa village") ?? placeFor(two, "Kolkoa"))?.lat ?? null, null);
    const town = resolvePlaces(docOf("Residents of Kolkoa village blocked the road to Nyeri, officials in Nyeri County said."));
    assert.notEqual((placeFor(town, "Kolkoa village") ?? placeFor(town, "Kolkoa"))?.decidedBy, "sentence-area");
  });
});

describe("a building named after a town", () => {
  test("a public building or site named after the only town of its name, in a country the story names, stands in that town", () => {
    const places = resolvePlaces(docOf("Gunmen attacked Nyeri Hospital on Monday, police in Kenya said."));
    const hospital = placeFor(places, "Nyeri Hospital");
    assert.equal(hospital?.country, "KE");
    assert.equal(hospital?.decidedBy, "inside-name");
  });

  test("not a firm or farm, more often named after its people than its town", () => {
    const places = resolvePlaces(docOf("Workers walked out of Nyeri Family Farms on Monday, police in Kenya said."));
    assert.equal(placeFor(places, "Nyeri Family Farms")?.lat ?? null, null);
  });
});

describe("a sentence's first word", () => {
  test("a word news writes in lower case is no place where it only opens a sentence: 'Man held ...'", () => {
    const places = resolvePlaces(docOf("Man held after a brawl in Kassala. Police said the man was later released."));
    assert.equal(placeFor(places, "Man"), undefined);
    assert.equal(placeFor(places, "Kassala")?.country, "SD");
  });

  test("a place's name that news never writes in lower case still opens a sentence as a place", () => {
    const places = resolvePlaces(docOf("Kassala was calm on Sunday."));
    assert.equal(placeFor(places, "Kassala")?.country, "SD");
  });
});

describe("pairs of names", () => {
  test("'the East Zone of X': a direction and the word for a part of a town name that part, not a town called Zone", () => {
    const places = resolvePlaces(docOf("Shots were fired in the East Zone of Manaus on Sunday."));
    assert.equal(placeFor(places, "Zone"), undefined);
    assert.equal(placeFor(places, "Manaus")?.country, "BR");
  });

  test("'X County' tells which X the bare name is: the town of that county, not a bigger namesake abroad", () => {
    const places = resolvePlaces(docOf("Traders in Embu shut their stalls on Monday, officials of Embu County said."));
    assert.equal(placeFor(places, "Embu")?.country, "KE");
    assert.equal(placeFor(places, "Embu County")?.featureType, "admin1");
  });

  test("an area named in its own language: 'Brasilia, Distrito Federal' is in Brazil, not in the Venezuelan district so named", () => {
    const places = resolvePlaces(docOf("Nurses marched in Brasilia, Distrito Federal, on Friday."));
    assert.equal(placeFor(places, "Brasilia")?.country, "BR");
    assert.equal(placeFor(places, "Distrito Federal")?.country, "BR");
  });

  test("'Yakima, Washington' and 'Oregon or Washington' are the state, not the capital", () => {
    const places = resolvePlaces(docOf("Her orchard is near Yakima, Washington, by the river. Cider makers prefer Oregon or Washington."));
    const washington = placeFor(places, "Washington");
    assert.equal(washington?.featureType, "admin1");
    assert.equal(washington?.mentions.length, 2);
  });

  test("'Rockingham, Northamptonshire': a town the gazetteer has only elsewhere is placed in the area the text names", () => {
    const text = "Bell ringers toured Croft, Yorkshire before Rockingham, Northamptonshire hosted them.";
    const ner = ["Croft", "Yorkshire", "Rockingham", "Northamptonshire"].map((w) => spanOf(text, w, "LOC"));
    const places = resolvePlaces(docOf(text, { ner }));
    assert.equal(placeFor(places, "Croft")?.lat, placeFor(places, "Yorkshire")?.lat);
    assert.equal(placeFor(places, "Rockingham")?.country, "GB", "not Rockingham, Western Australia");
    assert.ok((placeFor(places, "Rockingham")?.precision ?? 0) >= 2);
  });

  test("one name, one town: 'ATHENS, Ga.' decides the story's later 'Athens', whatever its case", () => {
    const text = "ATHENS, Ga. - Librarians in Athens said a reader from Watkinsville returned a book.";
    const ner = [spanOf(text, "ATHENS", "LOC"), spanOf(text, "Ga.", "LOC"), spanOf(text, "Athens", "LOC"), spanOf(text, "Watkinsville", "LOC")];
    const athens = placeFor(resolvePlaces(docOf(text, { ner })), "Athens");
    assert.equal(athens?.admin1, "Georgia");
    assert.deepEqual(athens?.mentions.map((m) => m.text), ["ATHENS", "Athens"]);
  });

  test("a small town abroad read for a name the text puts in an area elsewhere is that area's place: 'Sambuco village (Mambasa, Ituri)'", () => {
    const text = "Raiders looted Sambuco village (Mambasa, Ituri) at dawn.";
    const ner = ["Sambuco", "Mambasa", "Ituri"].map((w) => spanOf(text, w, "LOC"));
    const places = resolvePlaces(docOf(text, { ner }));
    const village = placeFor(places, "Sambuco");
    assert.equal(village?.country, "CD", "not the Sambuco of Italy");
    assert.equal(village?.lat, placeFor(places, "Mambasa")?.lat);
    assert.equal(village?.decidedBy, "container");
  });

  test("in a story about a country whose villages we hold, a bare name read as a small town abroad is left unlocated", () => {
    const text = "Militants burned a school in Sambuco on Friday, officials in Ituri province said.";
    const ner = ["Sambuco", "Ituri"].map((w) => spanOf(text, w, "LOC"));
    const places = resolvePlaces(docOf(text, { ner }));
    assert.equal(placeFor(places, "Ituri")?.country, "CD");
    assert.equal(placeFor(places, "Sambuco")?.lat, null);
  });

  test("in a story about a country whose villages we hold, a small namesake abroad gives way to the name's reading there", () => {
    const places = resolvePlaces(docOf("Police dispersed a crowd in Soba on Monday, witnesses in Khartoum said."));
    const soba = placeFor(places, "Soba");
    assert.equal(soba?.country, "SD", "not the Soba of Nigeria");
    // the ranker may rank it first itself (the article's country is one of its features); else the rule does
    assert.ok(soba?.decidedBy === "home-reading" || soba?.decidedBy === "ranker", `decided by ${soba?.decidedBy}`);
    assert.equal(placeFor(resolvePlaces(docOf("Police dispersed a crowd in Soba on Monday.")), "Soba")?.country, "NG", "with no country to go by, the ranker's");
  });

  test("a name read only under another spelling, as a town of its province out of the reach of the district the text puts it in, is placed in that district", () => {
    const text = "Troops shelled farms across Mansi township (Bhamo District, Kachin) overnight.";
    const ner = [spanOf(text, "Mansi", "LOC"), spanOf(text, "Bhamo District", "LOC"), spanOf(text, "Kachin", "LOC")];
    const places = resolvePlaces(docOf(text, { ner }));
    const township = placeFor(places, "Mansi");
    assert.equal(township?.decidedBy, "container");
    assert.equal(township?.lat, placeFor(places, "Bhamo District")?.lat);
  });

  test("but a list of towns is no container: 'Zilina, Nitra, Presov and Kosice' keeps Nitra where it is", () => {
    const text = "The chain closed its stores in Zilina, Nitra, Presov and Kosice.";
    const ner = ["Zilina", "Nitra", "Presov", "Kosice"].map((w) => spanOf(text, w, "LOC"));
    const places = resolvePlaces(docOf(text, { ner }));
    const nitra = placeFor(places, "Nitra");
    assert.equal(nitra?.country, "SK");
    assert.notEqual(nitra?.decidedBy, "container");
    assert.notEqual(nitra?.lat, placeFor(places, "Presov")?.lat);
  });

  test("but not in a list: 'Homs, Hama province and Idlib' keeps Homs the city", () => {
    const places = resolvePlaces(docOf("Wheat prices rose in Homs, Hama province and Idlib last month."));
    assert.equal(placeFor(places, "Homs")?.featureType, "city");
  });


  test("a landmark the gazetteer holds under another name keeps that entry: 'the Capitol' is Capitol Hill", () => {
    assert.equal(placeFor(resolvePlaces(docOf("Schoolchildren sketched the Capitol at noon.")), "Capitol")?.name, "Capitol Hill");
  });
});

describe("streets, buildings and sites", () => {
  test("a building named after its town is placed at that town, where the story supports that town: 'Mandera Hospital'", () => {
    // Mandera (Kenya, about 90,000 people) is the only town of the name: a story naming no country means it
    const text = "Nurses at the Mandera Hospital stopped work on Monday over unpaid allowances.";
    const hospital = placeFor(resolvePlaces(docOf(text)), "Mandera Hospital");
    assert.equal(hospital?.country, "KE");
    assert.equal(hospital?.decidedBy, "inside-name");
    // a building named after a person who shares a town's name far from the story's towns is not placed there
    const far = "Volunteers repainted the Carnegie Library on Saturday, and the mayor of Boise thanked them.";
    const library = placeFor(resolvePlaces(docOf(far, { ner: [spanOf(far, "Boise", "LOC")] })), "Carnegie Library");
    assert.notEqual(library?.decidedBy, "inside-name");
  });
  test("a run of capitalised words ended or begun by a landmark word is a place of its own, located only by its setting", () => {
    const text = "Linden Street was repaved. Her studio at 4410 North Ninth Street flooded. Tarrow Regional Airport lies east of town. " +
      "Cousins run the Hotel Vltava. Lake Whitmore feeds the canal. A Museum of Paper Kites welcomed pupils.";
    const places = resolvePlaces(docOf(text));
    for (const name of ["Linden Street", "4410 North Ninth Street", "Tarrow Regional Airport", "Hotel Vltava", "Lake Whitmore", "Museum of Paper Kites"]) {
      const p = placeFor(places, name);
      assert.equal(p?.featureType, "landmark", name);
      assert.equal(p?.lat, null, `${name}: no point of its own`);
      assert.equal(p?.precision, 1);
    }
  });
  test("a neighbourhood named with the Spanish word for it is a site of the town the text puts it in, not a town named like its words: 'Colonia Las Palmas'", () => {
    const text = "On Monday, in Uruapan, Michoacan, gunmen shot a driver in Colonia Las Palmas.";
    const places = resolvePlaces(docOf(text));
    const quarter = placeFor(places, "Colonia Las Palmas");
    assert.equal(quarter?.featureType, "landmark");
    assert.equal(quarter?.lat, null);
  });

  test("a landmark-worded name the gazetteer holds keeps its entry: 'Lake Chad' region, 'Mount Lebanon' governorate, 'Lake Charles' town", () => {
    const text = "Herders crossed the Lake Chad region in March. Snow fell across Mount Lebanon on Tuesday. Power returned to Lake Charles.";
    const places = resolvePlaces(docOf(text));
    assert.equal(placeFor(places, "Lake Chad")?.featureType, "region");
    assert.equal(placeFor(places, "Mount Lebanon")?.country, "LB", "and the name stops before 'on Tuesday'");
    assert.equal(placeFor(places, "Lake Charles")?.featureType, "city");
  });
  test("a possessive inside the name stays in it ('St Jude's Anglican Church'); a place's possessive places the landmark ('Brooklyn's Ferrow Arena')", () => {
    const text = "A choir rehearsed at St Jude's Anglican Church in Lagos. The fencing final went to Brooklyn's Ferrow Arena.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Lagos", "LOC"), spanOf(text, "Brooklyn", "LOC")] }));
    assert.equal(placeFor(places, "St Jude's Anglican Church")?.lat, placeFor(places, "Lagos")?.lat);
    assert.ok(placeFor(places, "Ferrow Arena"));
    assert.ok(placeFor(places, "Brooklyn"));
  });
  test("a quarter named by a demonym is a district, not the country: 'the Armenian Quarter'", () => {
    const places = resolvePlaces(docOf("Potters sold bowls in the Armenian Quarter until dusk."));
    assert.deepEqual(mentioned(places), ["Armenian Quarter"]);
    assert.equal(placeFor(places, "Armenian Quarter")?.featureType, "landmark");
  });
  test("a building the text does not place is placed by the town its name holds, not by a state: 'Tulsa Ferrow Center'", () => {
    const places = resolvePlaces(docOf("Quilters met at the Tulsa Ferrow Center in spring. Cousins toured Idaho Lakeside University."));
    const center = placeFor(places, "Tulsa Ferrow Center");
    assert.equal(center?.admin1, "Oklahoma");
    assert.equal(center?.precision, 2);
    assert.equal(placeFor(places, "Idaho Lakeside University")?.lat, null);
  });
  test("the place names inside belong to the landmark's name; the landmark gets the point of the town the text puts it in", () => {
    const text = "Quilters met at the Palm Springs Ferrow Center in Palm Springs.";
    const places = resolvePlaces(docOf(text));
    assert.deepEqual(mentioned(places).sort(), ["Palm Springs", "Palm Springs Ferrow Center"]);
    const center = placeFor(places, "Palm Springs Ferrow Center");
    assert.equal(center?.lat, placeFor(places, "Palm Springs")?.lat);
    assert.equal(center?.precision, 2);
  });
  test("a given name at the start does not make a person of a street ('Orchard Avenue'); a landmark word that is a name does ('Chairman Park')", () => {
    const text = "Plumbers hurried to Orchard Avenue. Chairman Park greeted the cadets.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Orchard Avenue", "PER"), spanOf(text, "Chairman Park", "PER")] }));
    assert.deepEqual(mentioned(places), ["Orchard Avenue"]);
  });
  test("not a landmark: an organisation speaking, a Saint, a sentence's opening preposition, a denomination", () => {
    const text = "The Hollis Center said the count was fair. She drove to St. Louis. From Kestrel Parade, the boy cycled home. " +
      "Bishops of the Orthodox Church blessed it.";
    assert.deepEqual(mentioned(resolvePlaces(docOf(text))).filter((m) => !["St. Louis"].includes(m)), ["Kestrel Parade"]);
  });
});

describe("context: nearby towns and cue words", () => {
  test("of two towns of one name, the one near the article's other towns", () => {
    const places = resolvePlaces(docOf("Ferries link Biddeford and Saco, and Portland wants one too."));
    assert.equal(placeFor(places, "Portland")?.admin1, "Maine");
  });

  test("'the borders of Georgia' with Armenia and Azerbaijan is the country", () => {
    const places = resolvePlaces(docOf("Azerbaijan surveyed the borders of Georgia, Armenia noted."));
    assert.equal(placeFor(places, "Georgia")?.featureType, "country");
  });
});

describe("documentFocus", () => {
  test("is the most-mentioned town of the article's main country", () => {
    const places = resolvePlaces(docOf("Idlib flooded. Later Idlib flooded again, and Syria asked for pumps. Turkey sent none."));
    assert.equal(documentFocus(places)?.mentions[0].text, "Idlib");
    assert.equal(documentFocus([]), null);
  });

  test("ties go to the bigger place when sizes are given; streets and buildings are never the focus", () => {
    const g = loadGazetteer();
    const places = resolvePlaces(docOf("Lafayette and New Orleans ran out of ice. Quilters met at the New Orleans Ferrow Center and the Ferrow Center."));
    const population = (p: Place) => (p.country ? g.resolveExact(p.name, { countries: [p.country] })?.population ?? 0 : 0);
    assert.equal(documentFocus(places)?.name, "Lafayette", "the first named, without sizes");
    assert.equal(documentFocus(places, population)?.name, "New Orleans");
  });

  test("is where the article's towns cluster, not a lone town named as often", () => {
    const places = resolvePlaces(docOf("Townhouses rising in Gainesville, Va. are near Centreville, Va. A joinery in Charleston, W.Va. made their doors."));
    assert.equal(documentFocus(places)?.admin1, "Virginia");
  });
});

describe("a capital named by description", () => {
  test("'the Georgian capital' is Tbilisi, its mention the words that describe it", async () => {
    const { createPipeline } = await import("../pipeline.js");
    const r = createPipeline().extract({ text: "Students rallied in the Georgian capital late on Tuesday.", published: "2024-12-03" });
    const tbilisi = r.places.find((p) => p.country === "GE" && p.featureType === "city");
    assert.equal(tbilisi?.name, "Tbilisi");
    assert.deepEqual(tbilisi?.mentions.map((m) => m.text), ["Georgian capital"]);
  });
});

describe("streets named together", () => {
  const at = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
  test("names before one plural street word, or joined by a slash at a crossing, are streets", () => {
    const text = "The parade turned from Elm and Maple streets into the Oak/Pine intersection.";
    assert.ok(isCoordinatedStreet(text, at(text, "Elm")));
    assert.ok(isCoordinatedStreet(text, at(text, "Maple")));
    assert.ok(isCoordinatedStreet(text, at(text, "Oak")));
    assert.ok(isCoordinatedStreet(text, at(text, "Pine")));
  });
  test("towns named together are not", () => {
    const text = "She flew from Lyon and Nice to Rome on Monday, then drove to the Turin crossing point.";
    for (const w of ["Lyon", "Nice", "Rome"]) assert.ok(!isCoordinatedStreet(text, at(text, w)), w);
  });
});

describe("a name ending in City", () => {
  test("'X City' that the gazetteer lacks is the town X, not the state X", () => {
    const m = resolveWithin(loadGazetteer(), "Puebla City");
    assert.equal(m?.featureType, "city");
    assert.equal(m?.country, "MX");
  });
});

describe("namesakes the story does not support", () => {
  /** the tagger's LOC spans on `names` (first occurrence each) */
  const tagged = (text: string, names: string[]) =>
    docOf(text, { ner: names.map((n) => spanOf(text, n, "LOC")).sort((a, b) => a.start - b.start) });

  test("a small town abroad in a story set wholly in one other country is a local place the gazetteer lacks", () => {
    const text = "Buses between Perth and Fremantle ran late in Western Australia on Monday, and a cafe in Gouda stayed shut.";
    const gouda = placeFor(resolvePlaces(docOf(text)), "Gouda");
    assert.ok(gouda);
    assert.equal(gouda.lat, null);
  });

  test("but not where the story names the town's own country, or only one name at home", () => {
    const abroad = "Buses between Perth and Fremantle ran late in Western Australia on Monday, and a cafe in Gouda in the Netherlands stayed shut.";
    assert.equal(placeFor(resolvePlaces(docOf(abroad)), "Gouda")?.country, "NL");
    // one name at home may be misread itself
    const thin = "Buses in Perth ran late on Monday, and a cafe in Gouda stayed shut.";
    assert.equal(placeFor(resolvePlaces(docOf(thin)), "Gouda")?.country, "NL");
  });

  test("a small town guessed among namesakes, all far from the story's towns, is left unlocated", () => {
    const text = "Crews cleared roads in Corvallis and Tillamook on Friday, and the farm stand at Mayfield reopened.";
    const mayfield = placeFor(resolvePlaces(tagged(text, ["Corvallis", "Tillamook", "Mayfield"])), "Mayfield");
    assert.ok(mayfield);
    assert.equal(mayfield.lat, null);
  });

  test("not one near the story's towns, nor one the text places", () => {
    const near = "Crews cleared roads in Paducah and Murray on Friday, and the farm stand at Mayfield reopened.";
    assert.equal(placeFor(resolvePlaces(tagged(near, ["Paducah", "Murray", "Mayfield"])), "Mayfield")?.admin1, "Kentucky");
    const placed = "Crews cleared roads in Corvallis and Tillamook on Friday, and a farm stand in Mayfield, Kentucky, reopened.";
    assert.equal(placeFor(resolvePlaces(tagged(placed, ["Corvallis", "Tillamook", "Mayfield", "Kentucky"])), "Mayfield")?.admin1, "Kentucky");
  });

  test("a quarter of a town read as a town far from the story's other towns is one the gazetteer lacks", () => {
    // placed, as a name the gazetteer lacks, in the town the text puts it in
    const far = "Police searched homes in the Mayfield neighbourhood of Corvallis on Friday.";
    assert.equal(placeFor(resolvePlaces(tagged(far, ["Mayfield", "Corvallis"])), "Mayfield")?.decidedBy, "container");
    const listed = "Police searched homes in Corvallis and in the Mayfield neighbourhood on Friday.";
    assert.equal(placeFor(resolvePlaces(tagged(listed, ["Corvallis", "Mayfield"])), "Mayfield")?.lat ?? null, null);
    // a town of its name by the story's town stays; so does one in a story that names no other town
    const near = "Police searched homes in the Mayfield neighbourhood of Paducah on Friday.";
    assert.equal(placeFor(resolvePlaces(tagged(near, ["Mayfield", "Paducah"])), "Mayfield")?.admin1, "Kentucky");
    const alone = "Police searched homes in the Mayfield neighbourhood on Friday.";
    assert.notEqual(placeFor(resolvePlaces(tagged(alone, ["Mayfield"])), "Mayfield")?.lat ?? null, null);
  });

  test("a town the text brackets into another province of its country is a namesake there, placed at that province", () => {
    const kupiansk = placeFor(resolvePlaces(docOf("Shelling damaged houses in Kupiansk (Lviv Oblast) on Monday.")), "Kupiansk");
    assert.equal(kupiansk?.admin1, "Lviv");
    assert.equal(kupiansk?.decidedBy, "container");
    // the province it does lie in keeps it, and a list of towns is not a bracket of areas
    assert.equal(placeFor(resolvePlaces(docOf("Shelling damaged houses in Kupiansk (Kharkiv Oblast) on Monday.")), "Kupiansk")?.admin1, "Kharkiv");
    assert.equal(placeFor(resolvePlaces(docOf("Shelling damaged houses in Kupiansk, Lviv and Odesa on Monday.")), "Kupiansk")?.admin1, "Kharkiv");
  });

  test("'X, Y' where Y is a city and the province named after it: a namesake of X in another province gives way, X placed in Y", () => {
    const text = "Artillery shells landed on farm buildings near Zolochiv, Donetsk, on Friday.";
    const places = resolvePlaces(docOf(text));
    const village = placeFor(places, "Zolochiv");
    assert.equal(village?.decidedBy, "container", "not the Zolochiv of Lviv Oblast");
    assert.ok(village?.lat !== null && village?.lat !== undefined && Math.abs(village.lat - 48.0) < 0.5, `at ${village?.lat}`);
    // where the province holds a reading of the name, that reading stays
    assert.equal(placeFor(resolvePlaces(docOf("Artillery shells landed on farm buildings near Zolochiv, Lviv, on Friday.")), "Zolochiv")?.decidedBy, "ranker");
  });

  test("'X area of Y': a small town far from the city the text puts it in is a part of that city, placed at it", () => {
    const burlington = placeFor(resolvePlaces(docOf("Two men were shot in the Burlington area of Denver on Monday.")), "Burlington");
    assert.equal(burlington?.decidedBy, "container");
    assert.equal(burlington?.lat, placeFor(resolvePlaces(docOf("Two men were shot in Denver on Monday.")), "Denver")?.lat);
  });

  test("a district named after a town and a direction, which the gazetteer lacks, lies around that town; 'X Town' is that town", () => {
    const text = "Flooding cut roads in Kolda South on Monday.";
    const district = placeFor(resolvePlaces(tagged(text, ["Kolda South"])), "Kolda South");
    assert.equal(district?.decidedBy, "inside-name");
    assert.equal(district?.country, "SN");
    assert.equal(district?.lat, placeFor(resolvePlaces(docOf("Flooding cut roads in Kolda on Monday.")), "Kolda")?.lat);
    // "X Town" is the town itself
    const town = placeFor(resolvePlaces(tagged("Traders marched through Kolda Town on Monday.", ["Kolda Town"])), "Kolda Town");
    assert.equal(town?.name, "Kolda");
    assert.equal(town?.precision, 1);
  });

  test("'X area in Y Town': a name that only spells like a big town abroad is a part of the town the text puts it in", () => {
    const text = "Youths burned a kiosk in the Joogou area in Kitale Town on Sunday.";
    const area = placeFor(resolvePlaces(tagged(text, ["Joogou", "Kitale Town"])), "Joogou");
    assert.equal(area?.decidedBy, "container");
    assert.equal(area?.country, "KE");
    assert.equal(area?.lat, placeFor(resolvePlaces(tagged(text, ["Joogou", "Kitale Town"])), "Kitale Town")?.lat);
    // the big town by its own name, named bare, stays that town
    assert.equal(placeFor(resolvePlaces(docOf("Youths burned a kiosk in Djougou on Sunday.")), "Djougou")?.country, "BJ");
  });

  test("a people's name that only spells like a town is the people: 'Maasai herders' is no Masaya", () => {
    const places = resolvePlaces(tagged("Maasai herders and Kipsigis farmers clashed near Narok on Friday.", ["Maasai", "Kipsigis", "Narok"]));
    assert.equal(placeFor(places, "Maasai"), undefined);
    assert.equal(placeFor(places, "Narok")?.country, "KE");
  });

  test("a district named after a province, a direction and its kind of district lies in that province: 'Laikipia East Sub-County'", () => {
    const text = "Herders clashed with farmers in Laikipia East Sub-County on Monday.";
    const district = placeFor(resolvePlaces(tagged(text, ["Laikipia East Sub-County"])), "Laikipia East Sub-County");
    assert.equal(district?.decidedBy, "inside-name");
    assert.equal(district?.country, "KE");
    assert.equal(district?.lat, placeFor(resolvePlaces(docOf("Herders clashed with farmers in Laikipia on Monday.")), "Laikipia")?.lat);
  });

  test("a clock time in a country's time zone says where the story is told", () => {
    const timed = placeFor(resolvePlaces(docOf("Tickets for the spring fair in Manchester go on sale at 9 a.m. ET on Friday.")), "Manchester");
    assert.equal(timed?.country, "US");
    assert.equal(placeFor(resolvePlaces(docOf("Tickets for the spring fair in Manchester go on sale at 9 a.m. on Friday.")), "Manchester")?.country, "GB");
    // a number before capitals is not a clock time
    assert.equal(placeFor(resolvePlaces(docOf("Tickets for the spring fair in Manchester sold out after 7 CT scans.")), "Manchester")?.country, "GB");
  });
});

describe("a name and the area the text puts it in", () => {
  const at = (places: Place[], surface: string) => {
    const p = placeFor(places, surface);
    return p ? { country: p.country, lat: p.lat, lon: p.lon, decidedBy: p.decidedBy } : null;
  };

  test("two names that explain each other are read as a pair, whatever bigger namesakes lie elsewhere", () => {
    const places = resolvePlaces(docOf("Fishermen blocked the port road in San Antonio (Valparaiso) on Tuesday."));
    assert.equal(at(places, "San Antonio")?.country, "CL");
    assert.equal(at(places, "Valparaiso")?.country, "CL");
    assert.equal(at(places, "San Antonio")?.decidedBy, "pair");
  });

  test("of two readings of a name in one country, the one inside the area the text puts it in: 'Nayrab in Idleb'", () => {
    const text = "Nayrab in Idleb lost power on Monday after a shell hit its transformer.";
    const ner: LabeledSpan[] = ["Nayrab", "Idleb"].map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, label: "LOC" }));
    const nayrab = placeFor(resolvePlaces(docOf(text, { ner })), "Nayrab");
    assert.equal(nayrab?.admin1, "Idlib");
    assert.equal(nayrab?.decidedBy, "home-reading");
  });

  test("a big town the ranker only guessed among namesakes gives way to the province after its comma: 'Benito Juarez, Nuevo Leon'", () => {
    const places = resolvePlaces(docOf("Two people were shot in Benito Juarez, Nuevo Leon, on Saturday."));
    assert.equal(placeFor(places, "Nuevo Leon")?.featureType, "admin1");
    assert.equal(placeFor(places, "Benito Juarez")?.decidedBy, "container");
    assert.equal(placeFor(places, "Benito Juarez")?.lat, placeFor(places, "Nuevo Leon")?.lat);
  });

  test("a district no reading of the index bears is found among the villages' districts, whatever country another name was read in", () => {
    // "Ara" alone reads first as a town of India, whose villages we do not hold; As-Sweida is a district of Syria
    const text = "A farmer was shot in his field in Ara in As-Sweida on Monday.";
    const ner: LabeledSpan[] = ["Ara", "As-Sweida"].map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, label: "LOC" }));
    const places = resolvePlaces(docOf(text, { ner }));
    assert.equal(placeFor(places, "As-Sweida")?.featureType, "admin2");
    assert.equal(placeFor(places, "As-Sweida")?.country, "SY");
    assert.equal(placeFor(places, "Ara")?.country, "SY");
  });

  test("a long name the tagger cut in two, a space apart, is one place where the gazetteer has it whole: 'San Luis Potosi'", () => {
    const text = "Inspectors were attacked in San Luis Potosi on Tuesday.";
    const ner: LabeledSpan[] = [["San Luis", "LOC"], ["Potosi", "LOC"]].map(([w, label]) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, label }));
    const places = resolvePlaces(docOf(text, { ner }));
    assert.deepEqual(mentioned(places), ["San Luis Potosi"]);
    assert.equal(places[0].country, "MX");
  });

  test("a name the tagger cut at its digits is one place where the gazetteer has it whole: 'North 24 Parganas'", () => {
    const text = "Two shops were torched by a mob in North 24 Parganas district on Friday.";
    const ner: LabeledSpan[] = [["North", "PER"], ["Parganas", "MISC"]].map(([w, label]) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, label }));
    const places = resolvePlaces(docOf(text, { ner }));
    assert.equal(placeFor(places, "North 24 Parganas")?.featureType, "admin2");
    // an organisation's name with a number in it stays the organisation's
    const org = "Members of North 24 Parganas Traders spoke on Friday.";
    const orgNer: LabeledSpan[] = [{ start: org.indexOf("North"), end: org.indexOf(" Traders") + 8, label: "ORG" }];
    assert.equal(placeFor(resolvePlaces(docOf(org, { ner: orgNer })), "North 24 Parganas"), undefined);
  });

  test("'the X countryside' is the land of the area X names: the province where the name is a town's too", () => {
    const places = resolvePlaces(docOf("Shelling hit farms in the Idlib countryside on Monday."));
    assert.equal(placeFor(places, "Idlib")?.featureType, "admin1");
  });

  test("the area may be a district among the villages of the country the name's readings point to", () => {
    // "Kossi" alone reads as a town in Egypt; the name's own readings include a village of Burkina Faso, whose
    // province Kossi holds it
    const text = "Fighters looted shops in Bankouma (Kossi) on Sunday.";
    const places = resolvePlaces(docOf(text, { ner: [spanOf(text, "Bankouma", "LOC"), spanOf(text, "Kossi", "LOC")] }));
    assert.equal(at(places, "Bankouma")?.country, "BF");
    assert.equal(at(places, "Kossi")?.country, "BF");
    assert.equal(at(places, "Bankouma")?.decidedBy, "pair");
  });

  test("a pair already agreeing is left as the ranker read it", () => {
    const places = resolvePlaces(docOf("Protesters marched in San Antonio, Texas, on Tuesday."));
    assert.equal(at(places, "San Antonio")?.country, "US");
    assert.equal(at(places, "San Antonio")?.decidedBy, "ranker");
  });

  test("a province named in two countries is the one that holds the town of the name", () => {
    const places = resolvePlaces(docOf("Farmers blocked the highway near Kharar (Punjab) on Monday."));
    assert.equal(at(places, "Kharar")?.country, "IN");
    assert.equal(at(places, "Punjab")?.country, "IN");
  });

  test("a town by a province's border keeps its own point where the gazetteer puts it in the next province", () => {
    const town = at(resolvePlaces(docOf("Miners marched through Burgersfort, Limpopo, on Friday.")), "Burgersfort");
    assert.equal(town?.decidedBy, "ranker");
    assert.ok(Math.abs(town!.lat! - -24.68) < 0.05, `${town?.lat}`);
  });

  test("a town the gazetteer gives no province keeps its own point near the province the text names", () => {
    const town = at(resolvePlaces(docOf("Herders gathered in Sololo, Marsabit County, after the raid.")), "Sololo");
    assert.equal(town?.decidedBy, "ranker");
    assert.ok(Math.abs(town!.lat! - 3.56) < 0.05, `${town?.lat}`);
  });

  test("a village in the district the text names keeps its point when the two spell their province differently", () => {
    // the village's province is "Bago", the district's "Bago Region": one province
    const village = at(resolvePlaces(docOf("A market burned in Kyaukkyi, Taungoo District, on Friday.")), "Kyaukkyi");
    assert.equal(village?.decidedBy, "ranker");
    assert.ok(Math.abs(village!.lat! - 18.33) < 0.05, `${village?.lat}`);
  });

  test("a district entry named like its own province holds the province's towns, however far from its point", () => {
    const text = "Fighters looted the market of Lulimba, Sud-Kivu, on Sunday.";
    const town = at(resolvePlaces(docOf(text, { ner: [spanOf(text, "Lulimba", "LOC"), spanOf(text, "Sud-Kivu", "LOC")] })), "Lulimba");
    assert.equal(town?.decidedBy, "ranker");
    assert.ok(Math.abs(town!.lat! - -4.70) < 0.05, `${town?.lat}`);
  });
});
