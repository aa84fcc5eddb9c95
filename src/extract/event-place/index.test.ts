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

    test("a reading abroad, apart from two or more towns the report tells in one other country, gives way to the paragraph's or the story's place", () => {
      const text = "Riots followed the killing of Brindle Okoth. Youths burned a bus in Oxmouth and in Wessa, Northmarch.";
      const places = build(text, [
        ["Brindle", "admin1", "AA", "Brindle", [30, 70]],
        ["Oxmouth", "city", "BB", "Northmarch", [10, 20]],
        ["Wessa", "city", "BB", "Northmarch", [10.1, 20.1]],
        ["Northmarch", "admin1", "BB", "Northmarch", [10.5, 20.5]],
      ]);
      const doc = docOf(text);
      const start = text.indexOf("Riots");
      // the place its paragraph's next sentence puts something in (else, after framing, the story's)
      const choice = chooseEventPlace(doc, 0, { start, end: start + 5 }, places);
      assert.equal(choice?.place.name, "Oxmouth");
      assert.equal(choice?.decision.decidedBy, "paragraph");
      // with one other town only, the reading stands (the town may as well be the misread one)
      const one = build("Riots followed the killing of Brindle Okoth. Youths burned a bus in Oxmouth.", [["Brindle", "admin1", "AA", "Brindle", [30, 70]], ["Oxmouth", "city", "BB", "Northmarch", [10, 20]]]);
      assert.equal(chooseEventPlace(docOf("Riots followed the killing of Brindle Okoth. Youths burned a bus in Oxmouth."), 0, { start, end: start + 5 }, one)?.place.name, "Brindle");
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

  test("a happening no sentence places takes the report's first located place, decided by 'story' with a low score", () => {
    const report = pipeline.extract({ text: "Bandits shot two herders dead on Monday. LOCATION: Kolda district, Casamance." });
    const [event] = report.events;
    assert.equal(named(report.places, event.place ?? undefined), "Kolda");
    assert.equal(event.decisions?.place?.decidedBy, "story");
    assert.ok((event.decisions?.place?.score ?? 1) < 1);
  });

  test("the story's place never replaces the place the event's own sentence names", () => {
    const report = pipeline.extract({ text: "The minister spoke in Dakar on Tuesday. Gunmen had attacked a bus near Kolda on Monday, killing two." });
    const attack = report.events.find((e) => e.type === "ASSAULT");
    assert.equal(named(report.places, attack?.place ?? undefined), "Kolda");
    assert.notEqual(attack?.decisions?.place?.decidedBy, "story");
  });

  test("a people's name is no story place: a report that names no place leaves its happening unplaced", () => {
    const report = pipeline.extract({ text: "Senegalese bandits shot two herders dead on Monday." });
    assert.equal(report.events.length, 1);
    assert.equal(report.events[0].place, null);
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

  test("but not for a located name its sentence does not attach as a place: 'Kenya' in an organisation's name", () => {
    const { doc, cue, si, places } = read("Kenya Wildlife Service rangers shot a man dead outside the Grand Palmyre Hotel on Monday.", "shot");
    assert.ok(places.some((p) => p.name === "Kenya" && p.lat !== null), "the located name this test is about");
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
