import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";
import { chooseEventPlace, qualifierDepth, strayReading } from "./index.js";
import { docOf } from "../../resolve/test-doc.js";
import type { Place } from "../../report.js";
import { eventPlaceFeatures } from "./features.js";
import { scoreEventPlace, trainEventPlace, type EventPlaceInstance } from "./model.js";

const pipeline = createPipeline();

/** The doc of `text`, and the cue at the first occurrence of `word` (with its sentence). */
function read(text: string, word: string) {
  const doc = pipeline.run({ text });
  const start = text.indexOf(word);
  const cue = { start, end: start + word.length };
  const si = doc.sentences.findIndex((s) => s.start <= start && start < s.end);
  return { doc, cue, si, places: doc.facts.places };
}

const named = (places: { id: string; name: string }[], id: string | undefined) => places.find((p) => p.id === id)?.name;

describe("the event's place", () => {
  test("a place of the event's own sentence, decided by 'sentence'", () => {
    const { doc, cue, si, places } = read("Gunmen attacked a bus near Kolda on Monday.", "attacked");
    const choice = chooseEventPlace(doc, si, cue, places);
    assert.equal(choice?.place.name, "Kolda");
    assert.equal(choice?.decision.decidedBy, "sentence");
  });

  test("the area that qualifies a name is not the event's place: the name it qualifies is", () => {
    const { doc, cue, si, places } = read("A drone struck a depot in Turove, Kharkiv, on Sunday.", "struck");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Turove");
  });

  test("areas in a chain are listed smallest first: each one further along says less of where", () => {
    const text = "Guards fired on workers on Mill Road, Tallago (Sebba district, Sahel), on Monday.";
    const doc = docOf(text);
    const at = (name: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name });
    const place = (id: string, name: string, precision: 1 | 2 | 3, featureType: Place["featureType"], lat: number | null): Place =>
      ({ id, name, geonameId: null, lat, lon: lat, country: "BF", admin1: null, featureType, precision, mentions: [at(name)], decidedBy: lat === null ? "unlocated" : "ranker", score: 1 });
    const places = [
      place("p1", "Mill Road", 1, "landmark", null),
      place("p2", "Tallago", 2, "other", 14), // placed at its district's point, with the district's precision
      place("p3", "Sebba", 2, "admin2", 14),
      place("p4", "Sahel", 3, "admin1", 14),
    ];
    assert.deepEqual(places.map((p) => qualifierDepth(doc, p.mentions[0], places.map((q) => ({ mention: q.mentions[0] })))), [0, 1, 2, 3]);
    const start = text.indexOf("fired");
    assert.equal(chooseEventPlace(doc, 0, { start, end: start + 5 }, places)?.place.name, "Tallago");
  });

  test("a place we cannot locate lies in the located area a bracket after its kind words names first: 'X sector area (Y district, Z)'", () => {
    const text = "Troops traded fire in Tallago sector area (Sebba district, Sahel) on Monday.";
    const doc = docOf(text);
    const at = (name: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name });
    const place = (id: string, name: string, precision: 1 | 3, featureType: Place["featureType"], lat: number | null, score = 1): Place =>
      ({ id, name, geonameId: null, lat, lon: lat, country: "BF", admin1: null, featureType, precision, mentions: [at(name)], decidedBy: lat === null ? "unlocated" : "ranker", score });
    const places = [place("p1", "Tallago", 1, "other", null), place("p2", "Sebba", 3, "admin2", 14, 0.77), place("p3", "Sahel", 3, "admin1", 14)];
    const start = text.indexOf("traded");
    // not the province after it, which holds the district
    assert.equal(chooseEventPlace(doc, 0, { start, end: start + 6 }, places)?.place.name, "Sebba");
  });

  describe("readings apart from the report's other places (likely namesake misreads), and areas that hold the name after them", () => {
    /** Hand-built places of `text` (one mention each), at [lat, lon] in `country` and `admin1`. */
    const build = (text: string, specs: [string, Place["featureType"], string, string | null, [number, number] | null][]): Place[] =>
      specs.map(([name, featureType, country, admin1, point], i) => ({
        id: `p${i + 1}`, name, geonameId: null, lat: point?.[0] ?? null, lon: point?.[1] ?? null, country, admin1, featureType,
        precision: featureType === "country" ? 4 : featureType === "city" || featureType === "other" ? 1 : 3,
        mentions: [{ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name }], decidedBy: "ranker", score: 1,
      }));

    test("a town read far from the area the text puts it in gives way to that area", () => {
      const text = "Farmers held a rally at Brindle in Oxmouth (Wessa district, Northmarch) on Monday.";
      // "Brindle" read as a namesake in another country, far from Oxmouth, Wessa and Northmarch
      const places = build(text, [
        ["Brindle", "city", "AA", "Farland", [30, 70]],
        ["Oxmouth", "city", "BB", "Northmarch Region", [10, 20]],
        ["Wessa", "admin2", "BB", "Northmarch", [10.1, 20.1]],
        ["Northmarch", "admin1", "BB", "Northmarch", [10.5, 20.5]],
      ]);
      assert.equal(strayReading(places[0], places), true);
      assert.equal(strayReading(places[1], places), false, "same admin1, its kind word aside");
      const start = text.indexOf("rally");
      assert.equal(chooseEventPlace(docOf(text), 0, { start, end: start + 5 }, places)?.place.name, "Oxmouth");
    });

    test("a reading in the report's own area stays the place, however far from the capital named beside it", () => {
      const text = "Farmers held a rally at Brindle in Oxmouth (Northmarch) on Monday, officials in Kingsport said.";
      const places = build(text, [
        ["Brindle", "city", "BB", "Northmarch", [10.9, 20.9]],
        ["Oxmouth", "city", "BB", "Northmarch", [10, 20]],
        ["Northmarch", "admin1", "BB", "Northmarch", [10.5, 20.5]],
        ["Kingsport", "city", "BB", "Southmarch", [2, 30]],
      ]);
      assert.equal(strayReading(places[0], places), false);
      const start = text.indexOf("rally");
      assert.equal(chooseEventPlace(docOf(text), 0, { start, end: start + 5 }, places)?.place.name, "Brindle");
    });

    test("a place alone in its country is no stray where the others are only countries named beside it", () => {
      // a rally at home in solidarity with a place abroad: the abroad places cluster only through a country's name
      const text = "Students held a rally in Oxmouth in solidarity with Lowport and Farland on Monday.";
      const places = build(text, [
        ["Oxmouth", "city", "BB", "Northmarch", [10, 20]],
        ["Lowport", "city", "AA", "Coastal", [30, 70]],
        ["Farland", "country", "AA", null, [31, 71]],
      ]);
      assert.equal(strayReading(places[0], places), true);
      assert.equal(strayReading(places[1], places), true, "a country named beside it does not make a cluster");
      assert.equal(strayReading(places[2], places), false);
      const start = text.indexOf("rally");
      assert.equal(chooseEventPlace(docOf(text), 0, { start, end: start + 5 }, places)?.place.name, "Oxmouth");
    });

    test("a town the sentence puts inside an area of another country is a misread, even with nothing else to compare", () => {
      const text = "A driver was robbed in the Brindle market of Oxmouth city on Monday.";
      const places = build(text, [
        ["Brindle", "city", "AA", "Farland", [30, 70]],
        ["Oxmouth", "city", "BB", "Northmarch", [10, 20]],
      ]);
      const start = text.indexOf("robbed");
      assert.equal(chooseEventPlace(docOf(text), 0, { start, end: start + 6 }, places)?.place.name, "Oxmouth");
      // unless the geocoder is clearly surer of the town than of the area: then the area is the misread one
      const surer = places.map((p, i) => ({ ...p, score: i === 0 ? 0.95 : 0.4 }));
      assert.equal(chooseEventPlace(docOf(text), 0, { start, end: start + 6 }, surer)?.place.name, "Brindle");
    });

    test("a town in brackets after a country says where in it, and is not the country's qualifier", () => {
      const text = "Jets struck a farm in western Tamsa (Brindle, Northmarch) on Monday.";
      const places = build(text, [
        ["Tamsa", "country", "BB", null, [10, 20]],
        ["Brindle", "city", "BB", "Northmarch", [10.2, 20.2]],
        ["Northmarch", "admin1", "BB", "Northmarch", [10.5, 20.5]],
      ]);
      const doc = docOf(text);
      const mentions = places.map((place) => ({ place, mention: place.mentions[0] }));
      assert.deepEqual(places.map((p) => qualifierDepth(doc, p.mentions[0], mentions)), [0, 0, 1]);
      const start = text.indexOf("struck");
      assert.equal(chooseEventPlace(doc, 0, { start, end: start + 6 }, places)?.place.name, "Brindle");
    });

    test("a town in brackets after a province says where in it: 'throughout Northmarch state (Oxmouth)'", () => {
      const text = "Bakers went on strike throughout Northmarch state (Oxmouth, NM) on Monday.";
      const places = build(text, [
        ["Northmarch", "admin1", "BB", "Northmarch", [10.5, 20.5]],
        ["Oxmouth", "city", "BB", "Northmarch", [10, 20]],
      ]);
      const start = text.indexOf("strike");
      assert.equal(chooseEventPlace(docOf(text), 0, { start, end: start + 6 }, places)?.place.name, "Oxmouth");
    });

    test("a country no other place of the report lies in is a stray too; a report with one place has none", () => {
      const text = "Jets struck Tamsa in Wessa district (Northmarch) on Monday.";
      const places = build(text, [
        ["Tamsa", "country", "CC", null, [-5, 40]],
        ["Wessa", "admin2", "BB", "Northmarch", [10.1, 20.1]],
        ["Northmarch", "admin1", "BB", "Northmarch", [10.5, 20.5]],
      ]);
      assert.equal(strayReading(places[0], places), true);
      const start = text.indexOf("struck");
      assert.equal(chooseEventPlace(docOf(text), 0, { start, end: start + 6 }, places)?.place.name, "Wessa");
      assert.equal(strayReading(places[0], places.slice(0, 1)), false);
    });
  });

  test("of two areas named alike, the district is more specific than the province that holds it", () => {
    const { doc, cue, si, places } = read("A tornado destroyed homes in Texas, in Harris County, on Monday.", "destroyed");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Harris County");
  });

  test("a place inside a relative clause after the cue, or inside what a protest is about, is not where it happened", () => {
    const relative = read("On 29 May, in Juliaca city, dozens of residents and market traders staged a noisy march to the governor's office for the relatives that were detained in Lima.", "march");
    assert.equal(chooseEventPlace(relative.doc, relative.si, relative.cue, relative.places)?.place.name, "Juliaca");
    const about = read("On Saturday, in the town of Ayaviri, several hundred farmers and their families from nearby villages held a demonstration over water rights claimed by a mine in Cusco.", "demonstration");
    assert.equal(chooseEventPlace(about.doc, about.si, about.cue, about.places)?.place.name, "Ayaviri");
  });

  test("a sentence without a place takes the place of the event told before it in its paragraph", () => {
    const text = "Gunmen attacked a bus near Kolda on Monday. Two passengers died.";
    const { doc, cue, si, places } = read(text, "died");
    const kolda = places.find((p) => p.name === "Kolda");
    const choice = chooseEventPlace(doc, si, cue, places, [{ sentence: 0, place: kolda?.id ?? null }]);
    assert.equal(named(places, choice?.place.id), "Kolda");
    assert.equal(choice?.decision.decidedBy, "paragraph");
  });

  test("with no event before it, where an earlier sentence puts something in, at or near a place", () => {
    const { doc, cue, si, places } = read("On Monday, in Kolda, a bus was stopped on the main road. Two passengers died.", "died");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Kolda");
  });

  test("'on the outskirts of' or 'in the area of' a place says where something is, as 'in' does", () => {
    const { doc, cue, si, places } = read("On Monday, five bodies were found on the outskirts of Kolda. The victims had been shot.", "shot");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Kolda");
  });

  test("with nothing before it, where the paragraph's next sentence says it was", () => {
    const { doc, cue, si, places } = read("Two herders were shot dead on Monday. The raid took place near Kolda.\n\nTraders met in Dakar.", "shot");
    const choice = chooseEventPlace(doc, si, cue, places);
    assert.equal(choice?.place.name, "Kolda");
    assert.equal(choice?.decision.decidedBy, "paragraph");
    // not a sentence of the next paragraph
    const apart = read("Two herders were shot dead on Monday.\n\nTraders met in Dakar.", "shot");
    assert.equal(chooseEventPlace(apart.doc, apart.si, apart.cue, apart.places), null);
  });

  test("a place an earlier sentence only describes ('north of Kolda') does not carry over, nor one of another paragraph", () => {
    const described = read("The town lies north of Kolda. Two passengers died.", "died");
    assert.equal(chooseEventPlace(described.doc, described.si, described.cue, described.places), null);
    const apart = read("Gunmen attacked a bus near Kolda on Monday.\n\nTwo passengers died.", "died");
    const kolda = apart.places.find((p) => p.name === "Kolda");
    assert.equal(chooseEventPlace(apart.doc, apart.si, apart.cue, apart.places, [{ sentence: 0, place: kolda?.id ?? null }]), null);
  });

  test("a sentence that names only a place we cannot locate takes the located place of the story before it", () => {
    const text = "Traders marched through Kolda on Monday. They blocked the road outside the Grand Palmyre Hotel.";
    const { doc, cue, si, places } = read(text, "blocked");
    const kolda = places.find((p) => p.name === "Kolda");
    assert.equal(places.find((p) => p.name.includes("Palmyre"))?.lat ?? null, null);
    const choice = chooseEventPlace(doc, si, cue, places, [{ sentence: 0, place: kolda?.id ?? null }]);
    assert.equal(named(places, choice?.place.id), "Kolda");
    assert.equal(choice?.decision.decidedBy, "paragraph");
  });

  test("but not for a located name its sentence does not attach as a place: 'Man' read as Manitoba", () => {
    const { doc, cue, si, places } = read("Man shot dead outside the Grand Palmyre Hotel on Monday.", "shot");
    assert.ok(places.some((p) => p.name === "Manitoba"), "the misread word this test is about");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Grand Palmyre Hotel");
  });

  test("a country or its people named before a noun ('Senegalese soldiers', 'the Senegal army') say whose, not where", () => {
    const demonym = read("On Monday, gunmen attacked a checkpoint in Kolda. Two Senegalese soldiers were killed.", "killed");
    assert.equal(chooseEventPlace(demonym.doc, demonym.si, demonym.cue, demonym.places)?.place.name, "Kolda");
    const named = read("On Monday, gunmen attacked a checkpoint in Kolda. The Senegal army said two soldiers were killed.", "killed");
    assert.equal(chooseEventPlace(named.doc, named.si, named.cue, named.places)?.place.name, "Kolda");
    // a locative word makes the country the place
    const placed = read("Two soldiers were killed in Senegal on Monday.", "killed");
    assert.equal(chooseEventPlace(placed.doc, placed.si, placed.cue, placed.places)?.place.name, "Senegal");
  });

  test("'at' before a people's name aims at them: 'shot at Senegalese traders' is not placed in Senegal", () => {
    const text = "A patrol shot at Senegalese traders who were driving cattle along a dry riverbed late at night, in northern Casamance.";
    const doc = docOf(text);
    const at = (name: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name });
    const places: Place[] = [
      { id: "p1", name: "Senegal", geonameId: null, lat: 14, lon: -14, country: "SN", admin1: null, featureType: "country", precision: 4, mentions: [at("Senegalese")], decidedBy: "demonym", score: 1 },
      { id: "p2", name: "Casamance", geonameId: null, lat: 12.6, lon: -15.5, country: "SN", admin1: null, featureType: "region", precision: 3, mentions: [at("Casamance")], decidedBy: "ranker", score: 0.6 },
    ];
    const start = text.indexOf("fired");
    assert.equal(chooseEventPlace(doc, 0, { start, end: start + 5 }, places)?.place.name, "Casamance");
  });

  test("a possessive between the locative word and the name keeps the name attached: 'in southern Senegal's Kolda region'", () => {
    const { doc, cue, si, places } = read("A herder was killed by bandits on Monday in southern Senegal's Kolda region.", "killed");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Kolda");
  });

  test("the area in brackets after a name we cannot read as a place, put by 'in', is where it happened: 'in Quellbrook (Wessa district, ...)'", () => {
    const text = "Workers held a rally in Quellbrook (Wessa district, Northmarch) on Monday, the third across Northmarch.";
    const doc = docOf(text);
    const at = (name: string, from = 0) => ({ start: text.indexOf(name, from), end: text.indexOf(name, from) + name.length, text: name });
    const places: Place[] = [
      { id: "p1", name: "Wessa", geonameId: null, lat: 10.1, lon: 20.1, country: "BB", admin1: "Northmarch", featureType: "admin2", precision: 3, mentions: [at("Wessa")], decidedBy: "ranker", score: 1 },
      { id: "p2", name: "Northmarch", geonameId: null, lat: 10.5, lon: 20.5, country: "BB", admin1: "Northmarch", featureType: "admin1", precision: 3, mentions: [at("Northmarch"), at("Northmarch", text.indexOf("across"))], decidedBy: "ranker", score: 1 },
    ];
    const start = text.indexOf("rally");
    assert.equal(chooseEventPlace(doc, 0, { start, end: start + 5 }, places)?.place.name, "Wessa");
  });

  test("'from' says where someone came from, not where it happened: 'fishers from the town of Brindle fought'", () => {
    const text = "Fishers from the town of Brindle fought on Monday evening with dockers at the harbour of Oxmouth.";
    const doc = docOf(text);
    const at = (name: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name });
    const town = (id: string, name: string, lat: number): Place =>
      ({ id, name, geonameId: null, lat, lon: 20, country: "BB", admin1: "Northmarch", featureType: "city", precision: 1, mentions: [at(name)], decidedBy: "ranker", score: 1 });
    const start = text.indexOf("fought");
    assert.equal(chooseEventPlace(doc, 0, { start, end: start + 6 }, [town("p1", "Brindle", 10), town("p2", "Oxmouth", 10.2)])?.place.name, "Oxmouth");
  });

  test("a sentence without a place takes where the paragraph put people 'in front of' or 'outside' a place", () => {
    const { doc, cue, si, places } = read("Nurses sat down in front of the Kolda town hall on Monday. The mayor had three of them arrested.", "arrested");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Kolda");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.decision.decidedBy, "paragraph");
  });

  test("a place's name before a currency names the money, not where it happened: 'the US dollar'", () => {
    const { doc, cue, si, places } = read("Traders blocked the main road in Kolda over the rise of the US dollar.", "blocked");
    assert.equal(chooseEventPlace(doc, si, cue, places)?.place.name, "Kolda");
    const bare = read("Traders protested over the rise of the US dollar.", "protested");
    assert.equal(chooseEventPlace(bare.doc, bare.si, bare.cue, bare.places), null);
  });

  test("features say how the text attaches a place, and the ranker learns to prefer the attached one", () => {
    const { doc, cue, si, places } = read("Troops from Dakar clashed with rebels near Kolda on Monday.", "clashed");
    const sentence = doc.sentences[si];
    const mentions = places.flatMap((place) => place.mentions.map((mention) => ({ place, mention })));
    const f = mentions.map((m) => eventPlaceFeatures(m, { doc, sentence, cue, mentions, home: "SN" }));
    const kolda = mentions.findIndex((m) => m.place.name === "Kolda");
    assert.equal(f[kolda].get("prep:near"), 1);
    const instances: EventPlaceInstance[] = [{ candidates: f, gold: kolda }];
    const model = trainEventPlace(instances, 3, 1);
    const scores = f.map((x) => scoreEventPlace(x, model));
    assert.equal(scores.indexOf(Math.max(...scores)), kolda);
  });
});

describe("brackets of areas and roads named after towns", () => {
  /** Hand-built places of `text` (one mention each, at the first occurrence of `at` or the name), in country BB. */
  const build = (text: string, specs: [string, Place["featureType"], [number, number] | null, string?][]): Place[] =>
    specs.map(([name, featureType, point, at], i) => {
      const start = text.indexOf(at ?? name);
      return {
        id: `p${i + 1}`, name, geonameId: null, lat: point?.[0] ?? null, lon: point?.[1] ?? null, country: "BB", admin1: "Northmarch", featureType,
        precision: featureType === "city" || featureType === "other" ? 1 : 3, mentions: [{ start, end: start + (at ?? name).length, text: at ?? name }], decidedBy: "ranker", score: 1,
      };
    });
  const choose = (text: string, places: Place[], cue: string) => {
    const start = text.indexOf(cue);
    return chooseEventPlace(docOf(text), 0, { start, end: start + cue.length }, places)?.place.name;
  };

  test("a bracket's items count as areas of the name before it, whether or not we know them as places", () => {
    // "Sebba Sadar" is no place we know; the bracket still lists it before Northmarch, which holds it
    const text = "Traders marched in Tallago town, Sebba upazila (Sebba Sadar, Northmarch) on Monday.";
    const places = build(text, [["Sebba", "admin2", [10, 20]], ["Northmarch", "city", [10.5, 20.5]]]);
    const mentions = places.map((place) => ({ place, mention: place.mentions[0] }));
    assert.deepEqual(places.map((p) => qualifierDepth(docOf(text), p.mentions[0], mentions)), [0, 2]);
    assert.equal(choose(text, places, "marched"), "Sebba");
  });

  test("after a name we do not know, the bracket's first item is the most specific place we can locate", () => {
    const text = "Guards fired on workers at Tallago upazila (Sebba, Northmarch) on Monday.";
    const places = build(text, [["Sebba", "admin2", [10, 20]], ["Northmarch", "city", [10.5, 20.5]]]);
    const mentions = places.map((place) => ({ place, mention: place.mentions[0] }));
    assert.deepEqual(places.map((p) => qualifierDepth(docOf(text), p.mentions[0], mentions)), [0, 1]);
    assert.equal(choose(text, places, "fired"), "Sebba");
  });

  test("a town read again for its area in the bracket after it is the same place, not its qualifier", () => {
    const text = "A bomb went off in Oxmouth city (Oxmouth region) near the Wessa bridge on Monday.";
    const places = build(text, [["Oxmouth", "city", [10, 20]], ["Wessa", "city", [12, 22]]]);
    const second = text.indexOf("Oxmouth region");
    places[0].mentions.push({ start: second, end: second + 7, text: "Oxmouth" });
    const mentions = places.flatMap((place) => place.mentions.map((mention) => ({ place, mention })));
    assert.equal(qualifierDepth(docOf(text), places[0].mentions[1], mentions), 0);
  });

  test("where the name before a bracket is a place we cannot locate, the bracket's first item is where it happened", () => {
    const text = "Gunmen raided Tallago village near the Kolkoa checkpoint (Sebba, Northmarch) on Monday.";
    const places = build(text, [["Tallago", "other", null], ["Sebba", "city", [10, 20]], ["Northmarch", "admin1", [10.5, 20.5]]]);
    assert.equal(choose(text, places, "raided"), "Sebba");
  });

  test("a road the tagger calls an organisation still places the event by the town it is named after", () => {
    const text = "Drivers blocked the Brindle-Oxmouth road on Monday.";
    const places = build(text, [["Brindle", "city", [10, 20]]]);
    const org = { start: text.indexOf("Brindle"), end: text.indexOf(" road"), label: "ORG" };
    const start = text.indexOf("blocked");
    assert.equal(chooseEventPlace(docOf(text, { ner: [org] }), 0, { start, end: start + 7 }, places)?.place.name, "Brindle");
  });

  test("a building of an organisation that a locative word puts something at is in the town its name holds", () => {
    const text = "Reporters protested outside the Oxmouth Press Club (Northmarch) on Monday.";
    const places = build(text, [["Oxmouth", "city", [10, 20]], ["Northmarch", "admin1", [10.5, 20.5]]]);
    const org = { start: text.indexOf("Oxmouth"), end: text.indexOf(" (North"), label: "ORG" };
    const start = text.indexOf("protested");
    assert.equal(chooseEventPlace(docOf(text, { ner: [org] }), 0, { start, end: start + 9 }, places)?.place.name, "Oxmouth");
    // the organisation named as a speaker is no site
    const said = "Reporters protested on Monday, the Oxmouth Press Club (Northmarch) said.";
    const org2 = { start: said.indexOf("Oxmouth"), end: said.indexOf(" (North"), label: "ORG" };
    const placesSaid = build(said, [["Oxmouth", "city", [10, 20]], ["Northmarch", "admin1", [10.5, 20.5]]]);
    const s2 = said.indexOf("protested");
    assert.equal(chooseEventPlace(docOf(said, { ner: [org2] }), 0, { start: s2, end: s2 + 9 }, placesSaid)?.place.name, "Northmarch");
  });

  test("a town a road is named after says less of where than the area the sentence puts the road in", () => {
    const text = "Farmers protested at the Brindle-Oxmouth highway near Wessa district on Monday.";
    const places = build(text, [["Brindle", "city", [10, 20]], ["Oxmouth", "city", [11, 21]], ["Wessa", "admin2", [10.5, 20.5]]]);
    assert.equal(choose(text, places, "protested"), "Wessa");
  });
});

describe("the event's place against the readings and the story around it", () => {
  type Spec = { name: string; type: Place["featureType"]; country?: string; admin1?: string | null; at?: [number, number] | null; score?: number; by?: Place["decidedBy"]; occurrence?: number };
  /** Hand-built places of `text`: each at its point in its country ("BB" unless said) and province, one mention
   *  (the `occurrence`-th of its name, first unless said). */
  const build = (text: string, specs: Spec[]): Place[] =>
    specs.map((s, i) => {
      let start = text.indexOf(s.name);
      for (let k = 1; k < (s.occurrence ?? 1); k++) start = text.indexOf(s.name, start + 1);
      const at = s.at === undefined ? [10, 20] : s.at;
      return {
        id: `p${i + 1}`, name: s.name, geonameId: null, lat: at?.[0] ?? null, lon: at?.[1] ?? null, country: at ? (s.country ?? "BB") : null, admin1: s.admin1 ?? null,
        featureType: s.type, precision: s.type === "country" ? 4 : s.type === "admin1" ? 3 : s.type === "admin2" ? 2 : 1,
        mentions: [{ start, end: start + s.name.length, text: s.name }], decidedBy: s.by ?? (at ? "ranker" : "unlocated"), score: s.score ?? 1,
      };
    });
  const choose = (text: string, places: Place[], word: string, ner: { start: number; end: number; label: string }[] = []) => {
    const start = text.indexOf(word);
    const doc = docOf(text, { ner });
    const si = doc.sentences.findIndex((s) => s.start <= start && start < s.end);
    return chooseEventPlace(doc, si, { start, end: start + word.length }, places)?.place.name;
  };

  describe("a name read in another province than the town or district the text puts it in", () => {
    test("is a namesake misread: the town that holds it is where it happened", () => {
      const text = "Rebels raided Quellby, Oxmouth on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Farmarch", at: [14, 24], score: 0.9 },
        { name: "Oxmouth", type: "city", admin1: "Northmarch", at: [10, 20], score: 0.95 },
      ]);
      assert.equal(choose(text, places, "raided"), "Oxmouth");
    });

    test("and so is a place set at that misread's point (a site the text puts in it)", () => {
      const text = "Rebels raided the Quellby Grand Mosque in Quellby, Oxmouth on Monday.";
      const places = build(text, [
        { name: "Quellby Grand Mosque", type: "landmark", admin1: "Farmarch", at: [14, 24], score: 0.9, by: "container" },
        { name: "Quellby", type: "city", admin1: "Farmarch", at: [14, 24], score: 0.9, occurrence: 2 },
        { name: "Oxmouth", type: "city", admin1: "Northmarch", at: [10, 20], score: 0.95 },
      ]);
      assert.equal(choose(text, places, "raided"), "Oxmouth");
    });

    test("but a name read in the town's own province stays the place, the more specific one", () => {
      const text = "Rebels raided Quellby, Oxmouth on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Northmarch", at: [10.2, 20.2], score: 0.9 },
        { name: "Oxmouth", type: "city", admin1: "Northmarch Region", at: [10, 20], score: 0.95 },
      ]);
      assert.equal(choose(text, places, "raided"), "Quellby");
    });

    test("two forms of one province's name are one province: 'Ar Raqqah' and 'Raqqa'", () => {
      const text = "Rebels raided Quellby, Oxmouth on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Ar Raqqah", at: [10.2, 20.2], score: 0.9 },
        { name: "Oxmouth", type: "city", admin1: "Raqqa", at: [10, 20], score: 0.95 },
      ]);
      assert.equal(choose(text, places, "raided"), "Quellby");
    });

    test("nor where the geocoder is surer of the name than of the town after it (that one may be misread)", () => {
      const text = "Rebels raided Quellby, Oxmouth on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Farmarch", at: [14, 24], score: 1 },
        { name: "Oxmouth", type: "city", admin1: "Northmarch", at: [10, 20], score: 0.6 },
      ]);
      assert.equal(choose(text, places, "raided"), "Quellby");
    });

    test("nor two towns of a list: 'in Quellby, Oxmouth and Lowport'", () => {
      const text = "Students marched in Quellby, Oxmouth and Lowport on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Farmarch", at: [10.5, 20.5], score: 0.9 },
        { name: "Oxmouth", type: "city", admin1: "Northmarch", at: [10, 20], score: 0.95 },
        { name: "Lowport", type: "city", admin1: "Northmarch", at: [10.3, 20.3], score: 0.95 },
      ]);
      assert.equal(choose(text, places, "marched"), "Quellby");
    });

    test("a bracket after a few words for the name's kind puts it inside too: 'X sector area (Y district)'", () => {
      const text = "Troops traded fire in Quellby sector area (Wessa district) on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Farmarch", at: [14, 24], score: 0.4 },
        { name: "Wessa", type: "admin2", admin1: "Northmarch", at: [10, 20], score: 0.8 },
      ]);
      assert.equal(choose(text, places, "traded"), "Wessa");
    });
  });

  describe("where a force is based or came from is not where it struck", () => {
    test("'based in X' says where a force is stationed", () => {
      const text = "Quellby was shelled on Monday by troops based in Oxmouth.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Oxmouth", type: "city", at: [11, 21] },
      ]);
      assert.equal(choose(text, places, "shelled"), "Quellby");
    });

    test("so does 'X-based'", () => {
      const text = "Quellby was shelled on Monday by Oxmouth-based troops.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Oxmouth", type: "city", at: [11, 21] },
      ]);
      assert.equal(choose(text, places, "shelled"), "Quellby");
    });

    test("but 'in X' alone still puts it there", () => {
      const text = "Quellby residents said troops shelled a market in Oxmouth on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Oxmouth", type: "city", at: [11, 21] },
      ]);
      assert.equal(choose(text, places, "shelled"), "Oxmouth");
    });

    test("a sentence whose only place is where someone came from takes the story told before it", () => {
      const text = "Gunmen attacked a convoy near Quellby on Monday. They killed four guards before militiamen from Oxmouth arrived.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Oxmouth", type: "city", at: [12, 22] },
      ]);
      const doc = docOf(text);
      const first = text.indexOf("attacked");
      const placed = chooseEventPlace(doc, 0, { start: first, end: first + 8 }, places);
      assert.equal(placed?.place.name, "Quellby");
      const start = text.indexOf("killed");
      const choice = chooseEventPlace(doc, 1, { start, end: start + 6 }, places, [{ sentence: 0, place: placed!.place.id }]);
      assert.equal(choice?.place.name, "Quellby");
      assert.equal(choice?.decision.decidedBy, "paragraph");
    });

    test("with no story before it, that place is still the best the sentence gives", () => {
      const text = "Militiamen from Oxmouth killed four guards on Monday.";
      const places = build(text, [{ name: "Oxmouth", type: "city", at: [12, 22] }]);
      assert.equal(choose(text, places, "killed"), "Oxmouth");
    });
  });

  describe("a sentence that opens with where it happened", () => {
    test("a town named later far outside it is where the target was, not where it happened", () => {
      const text = "On 3 May, in Quellby (Wessa district), troops fired mortars on rebel positions around Oxmouth.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Northmarch", at: [10, 20] },
        { name: "Wessa", type: "admin2", admin1: "Northmarch", at: [10.1, 20.1] },
        { name: "Oxmouth", type: "city", admin1: "Northmarch", at: [11, 21] },
      ]);
      assert.equal(choose(text, places, "mortars"), "Quellby");
    });

    test("one inside it says where in it", () => {
      const text = "On 3 May, in Quellby (Wessa district), troops fired mortars on rebel positions around Oxmouth.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Northmarch", at: [10, 20] },
        { name: "Wessa", type: "admin2", admin1: "Northmarch", at: [10.1, 20.1] },
        { name: "Oxmouth", type: "city", admin1: "Northmarch", at: [10.1, 20.05] },
      ]);
      assert.equal(choose(text, places, "mortars"), "Oxmouth");
    });

    test("a name the text calls a province holds the towns of that province, however it was read", () => {
      const text = "On Monday, in Wessa region, troops shelled positions around Oxmouth.";
      const places = build(text, [
        { name: "Wessa", type: "city", admin1: "Wessa", at: [10, 20], score: 0.5 },
        { name: "Oxmouth", type: "city", admin1: "Wessa", at: [11, 21] },
      ]);
      assert.equal(choose(text, places, "shelled"), "Oxmouth");
    });

    test("a place named after the cue is no such opening: the place nearest the cue the text attaches stays", () => {
      const text = "Troops fired mortars on rebel positions around Oxmouth on Monday, in the Quellby area.";
      const places = build(text, [
        { name: "Quellby", type: "city", admin1: "Northmarch", at: [10, 20] },
        { name: "Oxmouth", type: "city", admin1: "Northmarch", at: [11, 21] },
      ]);
      assert.equal(choose(text, places, "mortars"), "Oxmouth");
    });
  });

  describe("an event whose sentence names only a place we cannot locate", () => {
    test("takes a located place the sentence names, where another place of the report bears its reading out", () => {
      const text = "Protesters blocked the Quellby-Oxmouth highway at Zembrik junction on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Oxmouth", type: "city", at: [10.3, 20.3] },
        { name: "Zembrik", type: "other", at: null },
      ]);
      assert.ok(["Quellby", "Oxmouth"].includes(choose(text, places, "blocked") ?? ""));
    });

    test("but not a lone reading nothing else in the report bears out", () => {
      const text = "Protesters blocked the Quellby highway at Zembrik junction on Monday.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Zembrik", type: "other", at: null },
      ]);
      assert.equal(choose(text, places, "blocked"), "Zembrik");
    });
  });

  describe("a province or country after 'in' holds the town or district before it", () => {
    test("'X county in north-east Farland': the county, not the country", () => {
      // (Zembrik, a name we do not read as a place, before the county)
      const text = "Gunmen attacked a bus on Monday in Zembrik, Oxmouth county in north-east Farland.";
      const places = build(text, [
        { name: "Oxmouth", type: "admin1", country: "AA", admin1: "Oxmouth", at: [10, 20] },
        { name: "Farland", type: "country", country: "AA", at: [5, 25] },
      ]);
      assert.equal(choose(text, places, "attacked"), "Oxmouth");
    });

    test("but after a name we cannot locate, the province is the most specific place we can", () => {
      const text = "A herder was shot at Zembrik village in Wessa by raiders from Lowmarch county.";
      const places = build(text, [
        { name: "Zembrik", type: "other", at: null },
        { name: "Wessa", type: "admin1", admin1: "Wessa", at: [10, 20] },
        { name: "Lowmarch", type: "admin1", admin1: "Lowmarch", at: [12, 22] },
      ]);
      assert.equal(choose(text, places, "shot"), "Wessa");
    });

    test("so does a name the text calls the land around a town, however it was read: 'in rural Wessa in Oxmouth countryside'", () => {
      const text = "Troops shelled a village in rural Wessa in Oxmouth countryside on Monday.";
      const places = build(text, [
        { name: "Wessa", type: "admin2", admin1: "Oxmouth", at: [10, 20] },
        { name: "Oxmouth", type: "city", admin1: "Oxmouth", at: [10.5, 20.5] },
      ]);
      assert.equal(choose(text, places, "shelled"), "Wessa");
    });

    test("and two towns joined by 'in' are no chain: 'fled Quellby for camps in Oxmouth'", () => {
      const text = "Hundreds fled Quellby for camps in Oxmouth after the raid.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Oxmouth", type: "city", at: [10.4, 20.4] },
      ]);
      assert.equal(choose(text, places, "camps"), "Oxmouth");
    });
  });

  describe("a sentence without a place of its own, after one that says where", () => {
    test("takes the located area the earlier sentence gives for a village we cannot locate", () => {
      const text = "On Monday, two women were beaten by a crowd in Zembrik village (Wessa, Northmarch). Nine men were arrested.";
      const places = build(text, [
        { name: "Zembrik", type: "other", at: null },
        { name: "Wessa", type: "city", admin1: "Northmarch", at: [10, 20] },
        { name: "Northmarch", type: "admin1", admin1: "Northmarch", at: [10.5, 20.5] },
      ]);
      assert.equal(choose(text, places, "arrested"), "Wessa");
    });

    test("but an earlier sentence that only names a place puts nothing there", () => {
      const text = "Officials from Wessa visited on Monday. Nine men were arrested.";
      const places = build(text, [{ name: "Wessa", type: "city", at: [10, 20] }]);
      assert.equal(choose(text, places, "arrested"), undefined);
    });
  });

  describe("an event the sentence names as one told before ('the riots')", () => {
    test("happened where the one told before did, not where the sentence only sends someone", () => {
      const text = "Protests broke out in Quellby on Monday. The riots grew when residents heard he had been deported to Farland.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Farland", type: "country", country: "AA", at: [40, 60] },
      ]);
      const doc = docOf(text);
      const first = text.indexOf("Protests");
      const placed = chooseEventPlace(doc, 0, { start: first, end: first + 8 }, places);
      const start = text.indexOf("riots");
      assert.equal(chooseEventPlace(doc, 1, { start, end: start + 5 }, places, [{ sentence: 0, place: placed!.place.id }])?.place.name, "Quellby");
    });

    test("but where the sentence puts it in a place of its own, there", () => {
      const text = "Protests broke out in Quellby on Monday. The riots spread to a market in Oxmouth.";
      const places = build(text, [
        { name: "Quellby", type: "city", at: [10, 20] },
        { name: "Oxmouth", type: "city", at: [10.5, 20.5] },
      ]);
      const doc = docOf(text);
      const first = text.indexOf("Protests");
      const placed = chooseEventPlace(doc, 0, { start: first, end: first + 8 }, places);
      const start = text.indexOf("riots");
      assert.equal(chooseEventPlace(doc, 1, { start, end: start + 5 }, places, [{ sentence: 0, place: placed!.place.id }])?.place.name, "Oxmouth");
    });
  });

  test("a name before the word for a people names that people, not where: 'the Oxmouth and Quellby clans clashed'", () => {
    const text = "Members of the Oxmouth and Quellby clans clashed near Lowport on Monday.";
    const places = build(text, [
      { name: "Oxmouth", type: "city", at: [12, 22] },
      { name: "Quellby", type: "city", at: [13, 23] },
      { name: "Lowport", type: "city", at: [10, 20] },
    ]);
    assert.equal(choose(text, places, "clashed"), "Lowport");
    const alone = "The Quellby clans clashed on Monday.";
    assert.equal(choose(alone, build(alone, [{ name: "Quellby", type: "city", at: [13, 23] }]), "clashed"), undefined);
    const village = "Residents of Quellby community blocked a road on Monday.";
    assert.equal(choose(village, build(village, [{ name: "Quellby", type: "city", at: [13, 23] }]), "blocked"), "Quellby");
  });

  test("a country a locative word puts as the place is the place, even before a lower-case word: 'crossed into Farland from'", () => {
    const text = "Militants crossed into Farland from Lowland and attacked a police post.";
    const places = build(text, [
      { name: "Farland", type: "country", country: "AA", at: [10, 20] },
      { name: "Lowland", type: "country", country: "CC", at: [5, 25] },
    ]);
    assert.equal(choose(text, places, "attacked"), "Farland");
  });
});
