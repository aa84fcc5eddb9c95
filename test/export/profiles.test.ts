/**
 * The export profiles against the rules of the codebooks they follow: ACLED's 31 columns and value sets,
 * UCDP GED's precision scales and death counts, PLOVER's quad classes, and the GeoNames id carried through.
 * The store is real (SQLite) and filled with reports written here.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import {
  ACLED_COLUMNS, acledActor, acledDate, acledPoint, countryInfo, exportIncidents, interaction, priogridGid, UCDP_COLUMNS,
  type IncidentFeature, type PloverRecord,
} from "../../src/export/index.js";
import type { SampleReport } from "../../src/incidents/sample-report.js";
import { openApp, type TestApp } from "../api/helper.js";
import { loadGazetteer } from "../../src/resolve/geo/index.js";
import { gazetteerSeats } from "../../src/export/acled.js";

/** ACLED's event types and the sub-event types under each (codebook, 2023 and later). */
const ACLED_TYPES: Record<string, string[]> = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
};
const DISORDER = new Set(["Political violence", "Demonstrations", "Political violence; Demonstrations", "Strategic developments"]);

const OUTLETS = ["Coastline Courier", "Valley Radio", "Harbour Times", "Plains Gazette", "Northern Wire", "Desk Daily"];

const ARTICLES: SampleReport[] = [
  {
    title: "Drone strike hits a market", outlet: OUTLETS[0], url: "https://example.org/a1", published: "2024-06-11", agencies: ["Wire One"],
    events: [{
      acled: ["Explosions/Remote violence", "Air/drone strike"], mode: "drone",
      place: { name: "Khartoum", lat: 15.5, lon: 32.56, country: "SD", admin1: "Khartoum", precision: 1, geonameId: 379252 },
      date: "2024-06-10", actors: [{ name: "Rapid Support Forces", kind: "armed_group" }], targets: [{ name: "civilians", kind: "civilians" }],
      killed: { low: 11, best: 11, high: null }, victims: "civilians",
    }],
  },
  {
    title: "Police fire on marchers", outlet: OUTLETS[1], published: "2024-06-24",
    events: [{
      type: "PROTEST", mode: "demo", acled: ["Protests", "Excessive force against protesters"],
      place: { name: "Nairobi", lat: -1.29, lon: 36.82, country: "KE", admin1: "Nairobi", precision: 1 },
      date: "2024-W25", actors: [{ name: "Kenya Police", kind: "military", country: "KE" }, { name: "Students Union", kind: "organization" }], killed: 2,
    }],
  },
  {
    title: "Fighting around a lakeside town", outlet: OUTLETS[2], published: "2024-03-02",
    events: [{
      acled: ["Battles", "Armed clash"], place: { name: "Sake", lat: -1.57, lon: 29.04, country: "CD", admin1: "North Kivu", precision: 2 },
      date: "2024-02", actors: [{ name: "M23", kind: "armed_group" }], targets: [{ name: "Congolese army", kind: "military", country: "CD" }],
      killed: { low: 5, best: 7, high: 12 },
    }],
  },
  {
    title: "Minister accuses neighbour", outlet: OUTLETS[3], published: "2024-04-05",
    events: [{ type: "ACCUSE", acled: null, place: { name: "Addis Ababa", lat: 9.03, lon: 38.74, country: "ET", admin1: "Addis Ababa" }, date: "2024-04-05", actors: [{ name: "Ethiopian government", kind: "government", country: "ET" }] }],
  },
  {
    title: "Raids over the year", outlet: OUTLETS[4], published: "2023-12-30",
    events: [{ acled: ["Violence against civilians", "Attack"], place: { name: "North Darfur", lat: 15.77, lon: 24.9, country: "SD", admin1: "North Darfur", featureType: "admin1", precision: 3 }, date: "2023", actors: [{ name: "gunmen", kind: "armed_group" }], killed: 40 }],
  },
  {
    title: "Shelling reported", outlet: OUTLETS[5], published: "2024-05-09",
    events: [{
      acled: ["Explosions/Remote violence", "Shelling/artillery/missile attack"], place: { name: "Kadugli", lat: 11.01, lon: 29.72, country: "SD", admin1: "South Kordofan", precision: 1 },
      date: "2024-05-08", actors: [{ name: OUTLETS[5], kind: "media" }, { name: "Dilling", kind: "armed_group" }], killed: 0,
    }],
  },
];
const PLACE_NAMES = ["Khartoum", "Nairobi", "Sake", "Addis Ababa", "North Darfur", "Kadugli", "Dilling"];

describe("export profiles", () => {
  let t: TestApp;
  const collect = async (format: Parameters<typeof exportIncidents>[2], skipped: string[] = []) => {
    let text = "";
    for await (const chunk of exportIncidents(t.store, {}, format, { timestamp: 1718000000, onSkip: (_id, why) => skipped.push(why) })) text += chunk;
    return text;
  };
  const rows = async (format: "acled" | "ucdp", skipped: string[] = []) =>
    parse(await collect(format, skipped), { columns: true }) as Record<string, string>[];

  before(async () => {
    // "Dilling" is a town the article also names as a place: it must never come out as an actor.
    const articles = structuredClone(ARTICLES);
    articles[5].events.push({ type: "ASSAULT", acled: null, place: { name: "Dilling", lat: 12.05, lon: 29.65, country: "SD" }, date: "2020-01-01" });
    t = await openApp("sqlite", {}, articles);
  });
  after(async () => t?.dispose());

  describe("ACLED", () => {
    test("has ACLED's 31 columns in ACLED's order, then sitrep's flags column", async () => {
      const text = await collect("acled");
      assert.equal(ACLED_COLUMNS.length, 31);
      assert.equal(text.split("\r\n")[0], [...ACLED_COLUMNS, "flags"].join(","));
    });

    test("exports only what ACLED codes: no statement, nothing dated only to the year", async () => {
      const skipped: string[] = [];
      const acled = await rows("acled", skipped);
      assert.deepEqual(acled.map((r) => r.location).sort(), ["Kadugli", "Khartoum", "Nairobi", "Sake"]);
      assert.ok(skipped.includes("no ACLED event type"));
      assert.ok(skipped.includes("date coarser than a month"));
      for (const r of acled) {
        assert.ok(ACLED_TYPES[r.event_type]?.includes(r.sub_event_type), `${r.event_type} / ${r.sub_event_type}`);
        assert.ok(DISORDER.has(r.disorder_type), r.disorder_type);
      }
    });

    test("keeps values on ACLED's scales: precisions 1-3, integer fatalities, numeric ISO, year of the date", async () => {
      for (const r of await rows("acled")) {
        assert.match(r.geo_precision, /^[123]$/);
        assert.match(r.time_precision, /^[123]$/);
        assert.match(r.fatalities, /^\d+$/);
        assert.match(r.iso, /^\d+$/);
        assert.equal(r.year, r.event_date.slice(0, 4));
        assert.equal(r.timestamp, "1718000000");
        assert.match(r.interaction, /^\d0$|^\d{2}$/);
      }
    });

    test("codes the day, mid-week and mid-month dates with their precision", async () => {
      const by = Object.fromEntries((await rows("acled")).map((r) => [r.location, r]));
      assert.deepEqual([by.Khartoum.event_date, by.Khartoum.time_precision], ["2024-06-10", "1"]);
      // ISO week 25 of 2024 runs from Monday 17 June to Sunday 23 June
      assert.deepEqual([by.Nairobi.event_date, by.Nairobi.time_precision], ["2024-06-20", "2"]);
      assert.deepEqual([by.Sake.event_date, by.Sake.time_precision], ["2024-02-15", "3"]);
    });

    test("derives inter codes, interaction, disorder type and civilian targeting from the actors", async () => {
      const by = Object.fromEntries((await rows("acled")).map((r) => [r.location, r]));
      const strike = by.Khartoum;
      assert.deepEqual(
        [strike.actor1, strike.inter1, strike.actor2, strike.inter2, strike.interaction, strike.civilian_targeting, strike.disorder_type],
        ["Rapid Support Forces", "2", "Civilians (Sudan)", "7", "27", "Civilian targeting", "Political violence"],
      );
      assert.deepEqual([strike.iso, strike.country, strike.region, strike.geo_precision, strike.fatalities], ["729", "Sudan", "Northern Africa", "1", "11"]);
      const protest = by.Nairobi;
      assert.deepEqual(
        [protest.actor1, protest.assoc_actor_1, protest.inter1, protest.actor2, protest.inter2, protest.interaction, protest.disorder_type, protest.civilian_targeting],
        ["Protesters (Kenya)", "Students Union", "6", "Kenya Police", "1", "16", "Political violence; Demonstrations", ""],
      );
      const battle = by.Sake;
      assert.deepEqual([battle.actor1, battle.inter1, battle.actor2, battle.inter2, battle.interaction, battle.geo_precision], ["M23", "2", "Congolese army", "1", "12", "2"]);
    });

    test("never names an outlet or a town as an actor; an unnamed perpetrator is ACLED's unidentified armed group", async () => {
      const acled = await rows("acled");
      for (const r of acled) {
        for (const name of [r.actor1, r.actor2, ...r.assoc_actor_1.split("; "), ...r.assoc_actor_2.split("; ")].filter(Boolean)) {
          assert.ok(!OUTLETS.includes(name), `outlet as actor: ${name}`);
          assert.ok(!PLACE_NAMES.includes(name), `place as actor: ${name}`);
        }
      }
      const shelling = acled.find((r) => r.location === "Kadugli");
      assert.deepEqual([shelling?.actor1, shelling?.inter1, shelling?.fatalities], ["Unidentified Armed Group (Sudan)", "3", "0"]);
    });

    test("rules in isolation: interaction lower code first, a lone actor followed by 0; coarse dates not coded", () => {
      assert.equal(interaction(7, 2), 27);
      assert.equal(interaction(6, 0), 60);
      assert.equal(acledDate("2024-01-01", "year"), null);
      assert.equal(acledDate(null, "day"), null);
      const sudan = countryInfo("SD");
      assert.equal(acledActor({ name: "Evening Post", kind: "media", country: null }, "Evening Post", "actor", sudan, new Set()), null);
      assert.deepEqual(acledActor({ name: "Army", kind: "military", country: "TD" }, "Army", "actor", sudan, new Set()), { name: "Army", inter: 8 });
      assert.equal(countryInfo("AM")?.acledRegion, "Caucasus and Central Asia");
      assert.equal(countryInfo("IR")?.acledRegion, "Middle East");
    });
  });

  describe("ACLED's location rule", () => {
    test("an event placed only in a province is coded at the province's capital; a town or a region stays where it is", () => {
      const g = loadGazetteer();
      const seatOf = (country: string, admin1: string | null) => (admin1 === null ? null : g.seatOf(country, admin1));
      const province = g.rank("North Kordofan").find((m) => m.featureType === "admin1")!;
      const coded = acledPoint(province, seatOf);
      assert.equal(coded.location, "El Obeid");
      assert.ok(Math.abs(coded.lat - 13.18) < 0.05 && Math.abs(coded.lon - 30.22) < 0.05, `${coded.lat},${coded.lon}`);
      const town = g.resolve("Kassala", { countries: ["SD"] })!;
      assert.deepEqual(acledPoint(town, seatOf), { location: town.name, lat: town.lat, lon: town.lon });
      const region = g.resolve("Darfur")!;
      assert.deepEqual(acledPoint(region, seatOf), { location: region.name, lat: region.lat, lon: region.lon });
      // without the capitals at hand, the province's own point
      assert.deepEqual(acledPoint(province), { location: province.name, lat: province.lat, lon: province.lon });
    });

    test("an event placed only in a country is coded at the country's capital, never at the country's middle", () => {
      const country = loadGazetteer().resolve("Sudan")!;
      assert.equal(country.featureType, "country");
      const coded = acledPoint(country, gazetteerSeats);
      assert.equal(coded.location, "Khartoum");
      assert.ok(Math.abs(coded.lat - 15.55) < 0.1 && Math.abs(coded.lon - 32.53) < 0.1, `${coded.lat},${coded.lon}`);
      // without the capitals at hand, the country's own point
      assert.deepEqual(acledPoint(country), { location: country.name, lat: country.lat, lon: country.lon });
    });

    test("a place known only to lie in a province (at the province's point) is coded at its capital; a district with a point of its own is not", () => {
      const province = loadGazetteer().rank("North Kordofan").find((m) => m.featureType === "admin1")!;
      const village = { name: "Um Sayala", country: "SD", featureType: "other", lat: province.lat, lon: province.lon, precision: 3, admin1: province.name };
      assert.equal(acledPoint(village, gazetteerSeats).location, "El Obeid");
      // placed elsewhere in the province (a point of its own), or only near a town (precision 2): where it is
      const own = { ...village, lat: province.lat + 0.4 };
      assert.deepEqual(acledPoint(own, gazetteerSeats), { location: own.name, lat: own.lat, lon: own.lon });
      const near = { ...village, precision: 2 };
      assert.deepEqual(acledPoint(near, gazetteerSeats), { location: near.name, lat: near.lat, lon: near.lon });
    });
  });

  describe("UCDP GED", () => {
    test("has GED's columns and only lethal organised violence", async () => {
      const text = await collect("ucdp");
      assert.equal(text.split("\r\n")[0], [...UCDP_COLUMNS, "flags"].join(","));
      const ged = parse(text, { columns: true }) as Record<string, string>[];
      // the statement, the shelling without deaths and the undated event stay out; the protest is not GED's
      assert.deepEqual(ged.map((r) => r.where_description).sort(), ["Khartoum", "North Darfur", "Sake"]);
    });

    test("keeps an open-ended high open, and low <= best <= high otherwise", async () => {
      const by = Object.fromEntries((await rows("ucdp")).map((r) => [r.where_description, r]));
      assert.deepEqual([by.Khartoum.low, by.Khartoum.best, by.Khartoum.high], ["11", "11", ""]);
      assert.deepEqual([by.Sake.low, by.Sake.best, by.Sake.high], ["5", "7", "12"]);
    });

    test("codes where_prec, date_prec and the span of dates GED allows", async () => {
      const by = Object.fromEntries((await rows("ucdp")).map((r) => [r.where_description, r]));
      assert.deepEqual([by.Khartoum.where_prec, by.Khartoum.date_prec, by.Khartoum.date_start, by.Khartoum.date_end], ["1", "1", "2024-06-10", "2024-06-10"]);
      assert.deepEqual([by.Sake.where_prec, by.Sake.date_prec, by.Sake.date_start, by.Sake.date_end], ["2", "4", "2024-02-01", "2024-02-29"]);
      assert.deepEqual([by["North Darfur"].where_prec, by["North Darfur"].date_prec, by["North Darfur"].date_start, by["North Darfur"].date_end], ["4", "5", "2023-01-01", "2023-12-31"]);
    });

    test("types the violence from the sides and counts civilian deaths apart", async () => {
      const by = Object.fromEntries((await rows("ucdp")).map((r) => [r.where_description, r]));
      assert.deepEqual([by.Khartoum.type_of_violence, by.Khartoum.side_a, by.Khartoum.side_b, by.Khartoum.deaths_civilians], ["3", "Rapid Support Forces", "Civilians", "11"]);
      assert.deepEqual([by.Sake.type_of_violence, by.Sake.side_a, by.Sake.side_b, by.Sake.deaths_unknown], ["1", "Government of DR Congo", "M23", "7"]);
      assert.deepEqual([by.Khartoum.source_office, by.Khartoum.source_original, by.Khartoum.number_of_sources], [OUTLETS[0], "Wire One", "1"]);
      assert.equal(by.Khartoum.priogrid_gid, String(priogridGid(15.5, 32.56)));
    });

    test("PRIO-GRID cells count from the south-west corner, 720 a row", () => {
      assert.equal(priogridGid(-89.9, -179.9), 1);
      assert.equal(priogridGid(-89.9, 179.9), 720);
      assert.equal(priogridGid(89.9, 179.9), 259200);
    });
  });

  describe("PLOVER, GeoJSON and NDJSON", () => {
    test("PLOVER records carry the quad class, the sectors and the GeoNames id", async () => {
      const records = (await collect("plover")).trim().split("\n").map((l) => JSON.parse(l) as PloverRecord);
      const strike = records.find((r) => r.placename === "Khartoum");
      assert.ok(strike);
      assert.deepEqual([strike.event_type, strike.event_mode, strike.quad_code, strike.geonames_id], ["ASSAULT", "drone", "Material Conflict", 379252]);
      assert.deepEqual(strike.actors, [{ name: "Rapid Support Forces", country: null, sector: "Rebel/Insurgent" }]);
      const accusation = records.find((r) => r.event_type === "ACCUSE");
      assert.equal(accusation?.quad_code, "Verbal Conflict");
    });

    test("GeoJSON and NDJSON carry the GeoNames id of the place", async () => {
      const fc = JSON.parse(await collect("geojson")) as { features: IncidentFeature[] };
      assert.equal(fc.features.find((f) => f.properties.location === "Khartoum")?.properties.geonames_id, 379252);
      assert.equal(fc.features.find((f) => f.properties.location === "Sake")?.properties.geonames_id, null);
      const lines = (await collect("ndjson")).trim().split("\n").map((l) => JSON.parse(l) as { place: { name: string; geonameId: number | null } | null });
      assert.equal(lines.find((l) => l.place?.name === "Khartoum")?.place?.geonameId, 379252);
    });
  });
});
