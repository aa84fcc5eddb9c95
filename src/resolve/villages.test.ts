import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { docOf } from "./test-doc.js";
import type { Place } from "../report.js";
import { explainPlaces, recordPlaceRankings } from "./explain.js";
import { loadGazetteer } from "./geo/index.js";
import { resolvePlaces } from "./places.js";
import { createPipeline } from "../pipeline.js";


const placeFor = (places: Place[], surface: string) => places.find((p) => p.mentions.some((m) => m.text === surface));
const g = loadGazetteer();
const pipeline = createPipeline();

describe("villages (Who's On First, 24 countries)", () => {
  test("a village is a candidate in the countries the article is about, never in an article about others", () => {
    const village = g.resolve("Turove", { countries: ["UA"] });
    assert.equal(village?.country, "UA");
    assert.equal(village?.featureType, "city");
    assert.equal(g.resolve("Turove", { countries: ["FR"] }), null);
  });

  test("unless the text calls it a place of a kind and no town of the index bears the name: then the villages naming it (the districts, even uncalled)", () => {
    // the article's countries come from its other names, which may be misread ("Kain" read as a French town)
    assert.equal(g.resolve("Turove", { countries: ["FR"], cue: "village" })?.country, "UA");
    assert.equal(g.resolve("Yatenga", { countries: ["FR"], cue: "province" })?.featureType, "admin2");
    // without such a word, a district (a place of some size that news names bare) but never a village
    assert.equal(g.resolve("Yatenga", { countries: ["FR"] })?.featureType, "admin2");
    assert.equal(g.resolve("Turove", { countries: ["FR"] }), null);
    // a name the index knows keeps the article's reading
    assert.equal(g.resolve("Paris", { countries: ["FR"], cue: "town" })?.country, "FR");
  });

  test("in an article that names no country, a village of that very name beats a big town abroad that only sounds alike", () => {
    // "Saouga" is a village's exact name in Burkina Faso, and a loose spelling of Saga, Japan
    assert.equal(g.resolve("Saouga")?.country, "BF");
    assert.equal(placeFor(resolvePlaces(docOf("Gunmen stormed the market in Saouga on Monday.")), "Saouga")?.country, "BF");
  });

  test("in an article that names no country, a name only villages bear is read as one of them", () => {
    // the names index says which countries have a village of the name, without reading any country's file
    assert.equal(g.resolve("Turove")?.country, "UA");
    assert.equal(g.resolve("Qwertyton"), null);
    // an initialism names what is written in capitals, never a village it spells
    assert.equal(g.resolve("TUROVE".slice(0, 3)), null);
  });

  test("but not over a variant spelling of a well-known place: 'Rakka' is Raqqa", () => {
    assert.equal(g.resolve("Rakka")?.country, "SY");
  });

  test("a village's exact name beats a variant spelling of a town abroad when the article names no country", () => {
    const loose = g.candidates("Turovo").filter((c) => c.country !== "UA");
    const village = g.resolve("Turove");
    assert.equal(village?.country, "UA", `got ${village?.name} (${village?.country}); loose readings: ${loose.map((c) => c.name).join(", ")}`);
  });

  test("a well-known town keeps its name over a village of the same name the text does not support", () => {
    assert.equal(g.resolve("Berlin", { countries: ["CO"] })?.country, "DE");
  });

  test("a village the text places in its province is that village, not its namesakes elsewhere", () => {
    const v = g.villageInside("Berlin", "Magdalena");
    assert.equal(v?.country, "CO");
    assert.equal(v?.admin1, "Magdalena");
    assert.equal(g.villageInside("Berlin", "Kharkiv"), null);
  });

  test("'Turove, Kharkiv' in a report: the village of Kharkiv province, with the province as its own place", () => {
    const text = "Two farm buildings burned after a drone strike on Turove, Kharkiv, early on Sunday, local officials said.";
    const places = resolvePlaces(docOf(text));
    const village = placeFor(places, "Turove");
    assert.equal(village?.country, "UA");
    assert.equal(village?.admin1, "Kharkiv");
    assert.ok(village && village.lat! > 50 && village.lat! < 50.6 && village.lon! > 35.8 && village.lon! < 36.5, `${village?.lat},${village?.lon}`);
    assert.equal(placeFor(places, "Kharkiv")?.country, "UA");
  });

  test("'Turove in Kharkiv' and 'Turove of Kharkiv' place the village as the comma does; a name no village of the area bears stays out", () => {
    for (const text of ["Shelling hit homes in Turove in Kharkiv overnight.", "Residents of Turove of Kharkiv fled overnight."]) {
      const village = placeFor(resolvePlaces(docOf(text)), "Turove");
      assert.equal(village?.country, "UA", text);
      assert.equal(village?.admin1, "Kharkiv", text);
    }
    assert.equal(placeFor(resolvePlaces(docOf("Shelling hit homes in Qwertyton in Kharkiv overnight.")), "Qwertyton"), undefined);
  });

  test("a name before a comma and a province is not made a place when no village of that name lies there", () => {
    const text = "Reporters from Qwertyton, Kharkiv, described long queues at the only open pharmacy.";
    assert.equal(placeFor(resolvePlaces(docOf(text)), "Qwertyton"), undefined);
  });
});

describe("Kenya's wards and constituencies (the kenya package: a centre for each)", () => {
  test("a ward the GeoNames index lacks is read at its centre, in its county, even where no country is named", () => {
    const text = "Residents of Kawangware blocked a road with burning tyres on Tuesday after a boy was hit by a lorry.";
    const ward = placeFor(pipeline.extract({ text }).places, "Kawangware");
    assert.equal(ward?.country, "KE");
    assert.equal(ward?.admin1, "Nairobi County");
    // Kawangware lies about 8 km west of Nairobi's centre
    assert.ok(ward && ward.lat! > -1.35 && ward.lat! < -1.2 && ward.lon! > 36.65 && ward.lon! < 36.8, `${ward?.lat},${ward?.lon}`);
  });

  test("a ward named 'A/B' answers to each of its names; a constituency is a district", () => {
    assert.equal(g.resolve("Napeitom")?.country, "KE");
    assert.equal(g.resolve("Kapedo")?.country, "KE");
    assert.equal(g.resolve("Kinangop")?.featureType, "admin2");
  });

  test("a place split into wards by quarter ('Kayole North', 'Kayole South', 'Kayole Central') answers to its bare name, at their middle", () => {
    const kayole = g.resolve("Kayole");
    assert.equal(kayole?.country, "KE");
    assert.ok(kayole && Math.abs(kayole.lat - -1.274) < 0.02 && Math.abs(kayole.lon - 36.915) < 0.02, `${kayole?.lat},${kayole?.lon}`);
  });

  test("a ward named by common words only names no place", () => {
    for (const word of ["Township", "Hospital"]) assert.equal(g.rank(word, { countries: ["KE"] }).some((m) => m.country === "KE"), false, word);
    const text = "Nurses at the Township Hospital said the ward ran out of oxygen on Friday.";
    assert.equal(pipeline.extract({ text }).places.some((p) => p.country === "KE"), false);
  });

  test("wards and towns of Kenya read together place the town in Kenya, not at its namesake abroad", () => {
    // Embu is also a large town of Brazil; two of its Kenyan wards beside it say which
    const text = "Traders in Embu (Kirimari, Mbeti North) closed their shops to protest new county levies.";
    assert.equal(placeFor(pipeline.extract({ text }).places, "Embu")?.country, "KE");
  });
});

describe("the countries the story's armed groups fight in", () => {
  test("make a village of theirs the reading of a name that is otherwise only a look-alike of a town abroad", () => {
    // Pensa is a village of Burkina Faso; Ponce, Puerto Rico, only sounds like it
    const named = "A supply convoy was ambushed near Pensa on Tuesday, and JNIM later claimed the attack.";
    assert.equal(placeFor(pipeline.extract({ text: named }).places, "Pensa")?.country, "BF");
    const unnamed = "A supply convoy was ambushed near Pensa on Tuesday, and a little-known group later claimed the attack.";
    assert.notEqual(placeFor(pipeline.extract({ text: unnamed }).places, "Pensa")?.country, "BF");
  });
});

describe("townships", () => {
  test("in a country whose villages we hold, 'X Township' is found at its seat X; elsewhere it is another place than X", () => {
    const text = "A mine exploded near a farm in Rathedaung Township, Rakhine State, Myanmar, injuring two children.";
    const township = placeFor(pipeline.extract({ text }).places, "Rathedaung Township");
    assert.equal(township?.country, "MM");
    assert.equal(township?.decidedBy, "inside-name");
    const american = "A fire destroyed a barn in Jefferson Township, New Jersey, on Sunday.";
    assert.equal(pipeline.extract({ text: american }).places.some((p) => p.name === "Jefferson"), false);
  });
});

describe("the area the text puts a name in", () => {
  test("'X village, Y' and 'X town (Y, Z)': a kind word between the name and the comma or bracket", () => {
    for (const text of [
      "Two farm buildings burned after a drone strike on Turove village, Kharkiv, early on Sunday.",
      "Two farm buildings burned after a drone strike on Turove village (Kharkiv) early on Sunday.",
    ]) {
      const village = placeFor(resolvePlaces(docOf(text)), "Turove");
      assert.equal(village?.country, "UA", text);
      assert.equal(village?.admin1, "Kharkiv", text);
    }
  });

  test("a village named after a town elsewhere in the country: the one of the province the text names", () => {
    // "Berlin" of Magdalena (a village) against Berlin (a city): the container says which
    const text = "Soldiers clashed with an armed group near Berlin, Magdalena, on Tuesday, the army said.";
    const berlin = placeFor(resolvePlaces(docOf(text)), "Berlin");
    assert.equal(berlin?.country, "CO");
  });

  test("a village the village file puts in another county than the district the text names is a namesake: the district's point", () => {
    // a Hlaing lies in the Yangon (North) district, within 100 km of the Yangon (South) district's point
    const south = placeFor(pipeline.extract({ text: "Soldiers searched houses in Hlaing village (Yangon-South District, Yangon Region) on Friday." }).places, "Hlaing");
    assert.equal(south?.precision, 3);
    assert.equal(south?.decidedBy, "container");
    // the village of the district named stays the village
    const north = placeFor(pipeline.extract({ text: "Soldiers searched houses in Hlaing village (Yangon-North District, Yangon Region) on Friday." }).places, "Hlaing");
    assert.equal(north?.precision, 1);
    assert.equal(north?.lat, 17.3824);
  });

  test("a bare name told with an actor of a few provinces is read in one of them: a monitoring mission's village on its front", () => {
    const front = placeFor(pipeline.extract({ text: "Monitors of the OSCE SMM reported shelling near Vodyane on Tuesday." }).places, "Vodyane");
    assert.equal(front?.admin1, "Donetsk");
    assert.equal(front?.decidedBy, "home-reading");
    // without such an actor, the ranker's reading (the biggest Vodyane, in Zaporizhia)
    const bare = placeFor(pipeline.extract({ text: "Residents reported shelling near Vodyane on Tuesday." }).places, "Vodyane");
    assert.notEqual(bare?.admin1, "Donetsk");
    // and where the text names the province itself, the text's
    const named = placeFor(pipeline.extract({ text: "Monitors of the OSCE SMM reported shelling near Vodyane, Zaporizhia, on Tuesday." }).places, "Vodyane");
    assert.notEqual(named?.admin1, "Donetsk");
  });

  test("'X Township' where the name's best reading is the township the villages hold as an area: that area, not the province after it", () => {
    const township = placeFor(pipeline.extract({ text: "Border guards detained nine fishermen in Maungdaw Township, Rakhine State, on Friday." }).places, "Maungdaw Township");
    assert.equal(township?.decidedBy, "inside-name");
    assert.equal(township?.featureType, "admin2");
    assert.equal(township?.admin1, "Rakhine");
  });

  test("a chain of names the gazetteer lacks is placed right to left, each in the next", () => {
    const text = "Shells hit Zorvintsi village (Plovanska district, Kharkiv) overnight, officials said.";
    const ner = ["Zorvintsi", "Plovanska"].map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, label: "LOC" }));
    const places = resolvePlaces(docOf(text, { ner }));
    const kharkiv = placeFor(places, "Kharkiv");
    for (const name of ["Zorvintsi", "Plovanska"]) {
      const p = placeFor(places, name);
      assert.equal(p?.decidedBy, "container", name);
      assert.equal(p?.lat, kharkiv?.lat, name);
    }
  });

  test("a name the tagger calls a person is a place where the text places it and the gazetteer has it", () => {
    const text = "Gunmen attacked a checkpoint in Turove on Sunday, and police later questioned residents.";
    const at = text.indexOf("Turove");
    const places = resolvePlaces(docOf(text, { ner: [{ start: at, end: at + 6, label: "PER" }] }));
    assert.equal(placeFor(places, "Turove")?.country, "UA");
    const person = "Officials said Turove spoke to reporters on Sunday.";
    const p = person.indexOf("Turove");
    assert.equal(placeFor(resolvePlaces(docOf(person, { ner: [{ start: p, end: p + 6, label: "PER" }] })), "Turove"), undefined);
  });

  test("'X (Y)' as 'X, Y': the container's reading that holds a reading of the name, and the name inside it", () => {
    const text = "About three hundred farmers marched with tractors in Phagwara (Punjab) against the new grain rules.";
    const places = resolvePlaces(docOf(text));
    assert.equal(placeFor(places, "Punjab")?.country, "IN");
    assert.equal(placeFor(places, "Phagwara")?.country, "IN");
  });
});

describe("the trace of every place", () => {
  test("every place says who decided it and with what score", () => {
    const text = "Aid convoys left Mosul for Erbil on Friday; Iraqi officials said the road through Makhmour stayed open.";
    const places = resolvePlaces(docOf(text));
    assert.ok(places.length >= 3);
    for (const p of places) {
      assert.ok(p.decidedBy, `${p.name} has no decidedBy`);
      assert.ok(typeof p.score === "number" && p.score >= 0 && p.score <= 1, `${p.name} score ${p.score}`);
    }
    assert.equal(placeFor(places, "Iraqi")?.decidedBy, "demonym");
    assert.equal(placeFor(places, "Mosul")?.decidedBy, "ranker");
  });

  test("a name the gazetteer lacks, placed by the text in a town it has, is decided by its container", () => {
    const text = "Crowds gathered outside Hollowmere Clinic in Erbil on Monday.";
    const places = resolvePlaces(docOf(text, { ner: [{ start: text.indexOf("Hollowmere"), end: text.indexOf(" in Erbil"), label: "LOC" }] }));
    const clinic = placeFor(places, "Hollowmere Clinic");
    assert.equal(clinic?.decidedBy, "container");
    assert.equal(clinic?.lat, placeFor(places, "Erbil")?.lat);
  });

  test("--explain lists the candidates weighed for each place, best first", () => {
    const stop = recordPlaceRankings();
    const places = resolvePlaces(docOf("Flooding closed roads around Tripoli, the Libyan capital, and in Benghazi."));
    const text = explainPlaces(places, stop());
    assert.match(text, /Tripoli \(LY, city/);
    assert.match(text, /"Tripoli": \d+ candidates/);
    assert.match(text, /Tripoli \(LB\)/, "the Lebanese namesake is listed among the candidates");
  });
});
