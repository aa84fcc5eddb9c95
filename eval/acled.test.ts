import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fromRoot } from "../src/paths.js";
import type { Event, Place, Report, TimeRef } from "../src/report.js";
import { acledPrediction, haversineKm, namesCodedPlace, parseAcledDate, placeableFromText, readAcledCsv, scoreAcled, scoreAcledRow } from "./acled.js";
import { loadGazetteer } from "../src/resolve/geo/index.js";

const FIXTURE = fromRoot("eval", "fixtures", "acled-sample.csv");

describe("parseAcledDate", () => {
  test("reads both export formats and ISO", () => {
    assert.equal(parseAcledDate("01 December 2023"), "2023-12-01");
    assert.equal(parseAcledDate("1-Dec-23"), "2023-12-01");
    assert.equal(parseAcledDate("15-Jul-99"), "1999-07-15");
    assert.equal(parseAcledDate("2024-03-02"), "2024-03-02");
    assert.equal(parseAcledDate("sometime"), null);
    assert.equal(parseAcledDate("1-Foo-23"), null);
  });
});

describe("readAcledCsv on the invented fixture", () => {
  const { rows, errors } = readAcledCsv(readFileSync(FIXTURE, "utf8"), "acled-sample.csv");
  test("strips the BOM and reads three rows, notes with commas and quotes intact", () => {
    assert.deepEqual(rows.map((r) => [r.id, r.date, r.subEventType, r.fatalities]), [
      ["TST1", "2023-12-01", "Air/drone strike", 4],
      ["TST2", "2024-03-02", "Peaceful protest", 0],
      ["TST3", "1999-07-15", "Armed clash", 2],
    ]);
    assert.match(rows[1].notes, /chanting "pay us now"\. \[size=around 300\]$/);
  });
  test("a row with an unreadable date is reported with file and line", () => {
    assert.deepEqual(errors, ['acled-sample.csv:5: event_date "sometime" is not like "01 December 2023" or "1-Dec-23"']);
  });
  test("a CSV without ACLED's columns is an error naming them", () => {
    assert.throws(() => readAcledCsv("a,b\n1,2\n", "x.csv"), /x\.csv:1: header lacks "event_date"/);
  });
});

describe("namesCodedPlace: whether a note names the coded location, its district or its province", () => {
  const row = (notes: string) => ({ notes, location: "Ras al-Qurn (North)", admin2: "Wadi Tarsh", admin1: "Al-Mashriq" });
  test("the location, without its bracket, as whole words and whatever the accents", () => {
    assert.equal(namesCodedPlace(row("Shelling hit Rás al Qurn at dawn.")), true);
    assert.equal(namesCodedPlace(row("Shelling hit Qurnayn at dawn.")), false);
  });
  test("the district, or a part of a hyphenated province of four letters or more", () => {
    assert.equal(namesCodedPlace(row("Two farmers were shot in Wadi Tarsh.")), true);
    assert.equal(namesCodedPlace(row("Protesters marched in Mashriq province.")), true);
  });
  test("another spelling of one of them, by the gazetteer's transliteration key", () => {
    assert.equal(namesCodedPlace(row("Two farmers were shot in Wadi Tarsch.")), true);
    assert.equal(namesCodedPlace(row("Two farmers were shot in Wadi Tursk.")), false);
  });
  test("a note naming none of them, nor a compass word, does not", () => {
    assert.equal(namesCodedPlace(row("Riots broke out in the north after the vote.")), false);
    assert.equal(namesCodedPlace({ notes: "Clashes in the North.", location: "Kafr Tal", admin2: "", admin1: "North" }), true);
    assert.equal(namesCodedPlace({ notes: "Clashes in the east.", location: "Kafr Tal", admin2: "", admin1: "Kafr-East" }), false);
  });
});

describe("placeableFromText: whether a reader of the note could put a place within 50 km of the coded point", () => {
  const gazetteer = loadGazetteer();
  const readings = (surface: string) => gazetteer.candidates(surface);
  // an invented row coded near Mosul (36.34 N, 43.13 E)
  const row = (notes: string, location = "Qaryat al-Tell") => ({ notes, location, admin2: "Al-Mosul", admin1: "Ninewa", lat: 36.34, lon: 43.13 });
  test("a note naming the coded location is placeable, whether or not a gazetteer has it", () => {
    assert.equal(placeableFromText(row("Gunmen shot a farmer in Qaryat al-Tell."), readings), true);
  });
  test("a note naming only the district is placeable when a reading of it lies within 50 km", () => {
    assert.equal(placeableFromText(row("A farmer was shot in a village of al-Mosul district."), readings), true);
  });
  test("a note naming another town nearby is placeable; one naming no place, or only the country, is not", () => {
    assert.equal(placeableFromText(row("Gunmen shot a farmer on the road out of Mosul."), readings), true);
    assert.equal(placeableFromText(row("Gunmen shot a farmer on his land."), readings), false);
    assert.equal(placeableFromText(row("Gunmen shot a farmer in Iraq."), readings), false);
  });
  test("the share of placeable rows is reported only when every pair says", () => {
    const { rows } = readAcledCsv(readFileSync(FIXTURE, "utf8"), "acled-sample.csv");
    const pred = { eventType: "none", subEventType: "none", fatalities: 0, place: null, date: null, allPlaces: [], statesDay: false };
    assert.equal(scoreAcled(rows.map((gold) => ({ gold, pred }))).placeCeiling, null);
    assert.equal(scoreAcled(rows.map((gold, i) => ({ gold, pred, placeable: i === 0 }))).placeCeiling, 1 / rows.length);
  });
});

describe("haversineKm", () => {
  test("one degree of latitude is about 111 km", () => {
    assert.ok(Math.abs(haversineKm(0, 0, 1, 0) - 111.2) < 0.1);
  });
});

const place = (id: string, lat: number, lon: number): Place => ({
  id, name: id, geonameId: null, lat, lon, country: null, admin1: null, featureType: "city", precision: 1, mentions: [],
});
const time = (id: string, value: string): TimeRef => ({ id, value, granularity: "day", anchoredTo: "absolute", mentions: [] });
const strike = (over: Partial<Event>): Event => ({
  id: "v1", type: "ASSAULT", mode: "aerial", acled: { eventType: "Explosions/Remote violence", subEventType: "Air/drone strike" },
  actors: [], targets: [], place: "p1", time: "t1",
  casualties: { killed: { low: 4, best: 4, high: 4 }, injured: null, victims: "civilians" },
  attribution: { status: "stated", candidates: [] }, negated: false, hypothetical: false, evidence: [], confidence: 0.8,
  ...over,
});

describe("scoring", () => {
  const { rows } = readAcledCsv(readFileSync(FIXTURE, "utf8"), "acled-sample.csv");
  const report = (events: Event[]): Pick<Report, "events" | "places" | "times"> => ({
    events,
    // p1 is 11 km from the row's point, p2 about 100 km away
    places: [place("p1", 35.93 + 0.1, 36.6339), place("p2", 35.0306, 36.6339)],
    times: [time("t1", "2023-12-01")],
  });
  test("everything right", () => {
    const hits = scoreAcledRow(rows[0], acledPrediction(report([strike({})])));
    assert.deepEqual(hits, { eventType: true, subEventType: true, fatalities: true, place50km: true, anyPlace50km: true, date: true });
  });
  test("an event placed only in a province is where ACLED codes it, at the province's capital", () => {
    const province: Place = { ...place("p3", 13.5, 29.5), name: "North Kordofan", country: "SD", featureType: "admin1", precision: 3 };
    const pred = acledPrediction({ events: [strike({ place: "p3" })], places: [province], times: [] });
    assert.ok(pred.place && haversineKm(pred.place.lat, pred.place.lon, 13.18, 30.22) < 5, JSON.stringify(pred.place));
  });
  test("a place 100 km away and no time: place and date wrong, the rest right", () => {
    const hits = scoreAcledRow(rows[0], acledPrediction(report([strike({ place: "p2", time: null })])));
    assert.deepEqual([hits.place50km, hits.anyPlace50km, hits.date, hits.subEventType], [false, true, false, true]);
  });
  test("the most confident non-negated event with an ACLED type is the one compared", () => {
    const clash = strike({ id: "v2", acled: { eventType: "Battles", subEventType: "Armed clash" }, confidence: 0.9, negated: true });
    const consult = strike({ id: "v3", acled: null, type: "CONSULT", confidence: 0.95 });
    const pred = acledPrediction(report([clash, consult, strike({})]));
    assert.equal(pred.subEventType, "Air/drone strike");
  });
  test("news before background, and a happening with deaths before a surer one without", () => {
    const seizure = strike({ id: "v2", type: "COERCE", acled: { eventType: "Strategic developments", subEventType: "Looting/property destruction" }, casualties: null, confidence: 0.9 });
    assert.equal(acledPrediction(report([seizure, strike({})])).fatalities, 4);
    const recalled = strike({ id: "v3", acled: { eventType: "Battles", subEventType: "Armed clash" }, confidence: 0.9, background: true });
    assert.equal(acledPrediction(report([recalled, strike({ casualties: null })])).subEventType, "Air/drone strike");
  });
  test("no ACLED event: none, 0 fatalities; accuracies over three rows by hand", () => {
    const none = acledPrediction(report([]));
    assert.equal(none.eventType, "none");
    const s = scoreAcled([
      { gold: rows[0], pred: acledPrediction(report([strike({})])) }, // all right
      { gold: rows[1], pred: none }, // fatalities 0 = 0 right, nothing else
      { gold: rows[2], pred: acledPrediction(report([strike({ casualties: null })])) }, // nothing right
    ]);
    assert.equal(s.n, 3);
    assert.equal(s.eventType, 1 / 3);
    assert.equal(s.fatalities, 2 / 3);
    assert.equal(s.place50km, 1 / 3);
    assert.equal(s.date, 1 / 3);
  });
  test("notes that state no day: the share that states one, and date exact over those alone", () => {
    const dated = acledPrediction(report([strike({})]));
    const undated = acledPrediction({ ...report([strike({ time: null })]), times: [] });
    const wrongDay = acledPrediction({ ...report([strike({})]), times: [time("t1", "2023-11-30")] });
    assert.equal(undated.statesDay, false);
    const s = scoreAcled([
      { gold: rows[0], pred: dated },
      { gold: rows[0], pred: wrongDay },
      { gold: rows[0], pred: undated },
    ]);
    assert.equal(s.statesDay, 2 / 3);
    assert.equal(s.dateWhereStated, 1 / 2);
    assert.equal(s.date, 1 / 3);
  });
});
