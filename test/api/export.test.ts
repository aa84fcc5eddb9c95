/**
 * Exports from the API and the CLI, parsed back: CSV (ACLED column names), GeoJSON and NDJSON describe the
 * same incidents the store holds, with filters applied.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { CSV_COLUMNS, EXPORT_FORMATS, incidentToCsvRow, type ExportedFlag, type IncidentFeature, type PloverRecord } from "../../src/export/index.js";
import { addFlag } from "../../src/store/flags.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { fromRoot } from "../../src/paths.js";
import type { IncidentDetail, IncidentSummary, Page } from "../../src/store/types.js";
import { DIALECTS, getJson, openApp, skipReason, type TestApp } from "./helper.js";

const ACLED_COLUMNS = [
  "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude", "longitude",
  "geo_precision", "time_precision", "fatalities", "source", "notes",
];

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`exports on ${dialect}`, { skip: reason ?? false }, () => {
    let t: TestApp;
    let details: IncidentDetail[];
    before(async () => {
      t = await openApp(dialect);
      const page = (await getJson<Page<IncidentSummary>>(t.app, "/api/incidents")).body;
      details = await Promise.all(page.items.map(async (i) => (await t.store.getIncident(i.id)) as IncidentDetail));
    });
    after(async () => t?.dispose());

    const download = async (query: string) => {
      const res = await t.app.inject(`/api/export${query}`);
      return { status: res.statusCode, type: String(res.headers["content-type"]), body: res.body, disposition: String(res.headers["content-disposition"]) };
    };

    test("CSV has ACLED's column names plus low/high, and parses back to the stored incidents", async () => {
      const res = await download("?format=csv");
      assert.equal(res.status, 200);
      assert.match(res.type, /^text\/csv/);
      assert.match(res.disposition, /sitrep-incidents\.csv/);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      const header = Object.keys(rows[0]);
      for (const c of [...ACLED_COLUMNS, "fatalities_low", "fatalities_high", "incident_id"]) assert.ok(header.includes(c), c);
      assert.deepEqual(header, [...CSV_COLUMNS]);
      assert.equal(rows.length, details.length);
      for (const row of rows) {
        const d = details.find((x) => x.id === row.incident_id);
        assert.ok(d, row.incident_id);
        assert.deepEqual(row, incidentToCsvRow(d));
      }
      const strike = rows.find((r) => r.location === "Khartoum");
      assert.ok(strike);
      assert.deepEqual(
        [strike.event_type, strike.sub_event_type, strike.fatalities, strike.fatalities_low, strike.fatalities_high, strike.time_precision, strike.geo_precision],
        ["Explosions/Remote violence", "Air/drone strike", "11", "11", "20", "1", "1"],
      );
      assert.deepEqual(strike.source.split("; ").sort(), ["AFP", "Reuters"]);
      const darfur = rows.find((r) => r.location === "North Darfur");
      assert.deepEqual([darfur?.time_precision, darfur?.geo_precision, darfur?.fatalities_high], ["3", "3", "3"]);
    });

    test("GeoJSON is a FeatureCollection; province-level places are flagged approximate", async () => {
      const res = await download("?format=geojson");
      assert.equal(res.status, 200);
      assert.match(res.type, /^application\/geo\+json/);
      const fc = JSON.parse(res.body) as { type: string; features: IncidentFeature[] };
      assert.equal(fc.type, "FeatureCollection");
      assert.equal(fc.features.length, details.length);
      for (const f of fc.features) {
        const d = details.find((x) => x.id === f.id);
        assert.ok(d);
        assert.deepEqual(f.geometry?.coordinates, [d.place?.lon, d.place?.lat]);
        assert.equal(f.properties.fatalities, d.killed?.best ?? null);
        assert.equal(f.properties.source_count, d.sourceCount);
      }
      const darfur = fc.features.find((f) => f.properties.location === "North Darfur");
      assert.equal(darfur?.properties.approximate, true);
      assert.equal(darfur?.properties.area, "admin1");
      const khartoum = fc.features.find((f) => f.properties.location === "Khartoum");
      assert.equal(khartoum?.properties.approximate, false);
    });

    test("NDJSON is one incident per line, each the full incident with its place's GeoNames id and its flags", async () => {
      const res = await download("?format=ndjson");
      assert.match(res.type, /^application\/x-ndjson/);
      const lines = res.body.trimEnd().split("\n").map((l) => JSON.parse(l) as IncidentDetail);
      const withGeonameId = details.map((d) => ({ ...d, place: d.place ? { ...d.place, geonameId: null } : null, flags: [] }));
      assert.deepEqual(
        lines.sort((a, b) => a.id.localeCompare(b.id)),
        withGeonameId.sort((a, b) => a.id.localeCompare(b.id)),
      );
    });

    test("exports take the filters", async () => {
      const res = await download("?format=ndjson&country=SD&from=2024-06-01");
      const ids = res.body.trimEnd().split("\n").map((l) => (JSON.parse(l) as IncidentDetail).place?.name);
      assert.deepEqual(ids, ["Khartoum"]);
      const empty = await download("?format=csv&q=nothingmatcheshere");
      assert.equal(empty.body, CSV_COLUMNS.join(",") + "\r\n");
      const capped = await download("?format=ndjson&limit=2");
      assert.equal(capped.body.trimEnd().split("\n").length, 2);
    });

    test("a missing or unknown format, or a bad filter, is a 400 naming it", async () => {
      for (const [query, message] of [["", /'format' is required/], ["?format=xlsx", /'format'/], ["?format=csv&bbox=x", /'bbox'/]] as const) {
        const res = await download(query);
        assert.equal(res.status, 400, query);
        assert.match(JSON.parse(res.body).message as string, message);
      }
    });

    test("`sitrep export` writes the same CSV to a file and checks its options", async () => {
      const run = promisify(execFile);
      const bin = fromRoot("bin", "sitrep.js");
      const dir = mkdtempSync(join(tmpdir(), "sitrep-export-"));
      try {
        const file = join(dir, "out.csv");
        const db = t.url;
        await run(process.execPath, [bin, "export", "--format", "csv", "--db", db, "--country", "SD", "-o", file]);
        const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
        assert.deepEqual(rows.map((r) => r.location).sort(), ["Khartoum", "North Darfur"]);
        const api = parse((await download("?format=csv&country=SD")).body, { columns: true });
        assert.deepEqual(rows, api);
        await assert.rejects(run(process.execPath, [bin, "export", "--format", "xml", "--db", db]), /--format must be one of csv, acled, ucdp, plover, geojson, ndjson/);
        await assert.rejects(run(process.execPath, [bin, "export", "--profile", "acled", "--db", join(dir, "typo.db")]), /no database at .*typo\.db.*--create/);
        const created = join(dir, "new.db");
        await run(process.execPath, [bin, "export", "--profile", "acled", "--db", created, "--create", "-o", join(dir, "empty.csv")]);
        assert.match(readFileSync(join(dir, "empty.csv"), "utf8"), /^event_id_cnty,event_date,year,/);
        await assert.rejects(run(process.execPath, [bin, "export", "--format", "csv", "--db", db, "--from", "2024-02-31"]), /--from is not a calendar day/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    // Last: the flags raised here stay in the store.
    test("every profile carries an incident's flags beside the machine's values, which stay as they were", async () => {
      const strike = details.find((d) => d.place?.name === "Khartoum");
      assert.ok(strike);
      const before = Object.fromEntries(await Promise.all(EXPORT_FORMATS.map(async (f) => [f, (await download(`?format=${f}`)).body] as const)));
      const db = (t.store as KyselyStore).kysely;
      const fact = await addFlag(db, { incidentId: strike.id, kind: "wrong-fact", field: "killed", note: "the clinic counted \"fourteen\", not eleven", suggested: "14", author: "analyst-a" });
      const merge = await addFlag(db, { incidentId: strike.id, kind: "wrong-merge", eventId: strike.sources[0].eventId, note: "another market", author: "analyst-b" });
      const flagsOf = (f: ExportedFlag[]) => f.map((x) => [x.id, x.kind, x.field, x.eventId, x.note, x.author]);
      const expected = [[fact.id, "wrong-fact", "killed", null, fact.note, "analyst-a"], [merge.id, "wrong-merge", null, merge.eventId, "another market", "analyst-b"]];

      for (const format of ["csv", "acled", "ucdp"] as const) {
        const rows = parse((await download(`?format=${format}`)).body, { columns: true }) as Record<string, string>[];
        const id = format === "csv" ? "incident_id" : format === "ucdp" ? "id" : "event_id_cnty";
        const mine: Record<string, string>[] = rows.filter((r) => r[id].endsWith(strike.id.replace(/^inc-/, "")));
        assert.equal(mine.length, 1, format);
        assert.deepEqual(flagsOf(JSON.parse(mine[0].flags) as ExportedFlag[]), expected, format);
        assert.ok(rows.filter((r) => r !== mine[0]).every((r) => r.flags === ""), `${format}: unflagged incidents have an empty cell`);
        // the machine's columns are the ones exported before the flags
        const old = parse(before[format], { columns: true }) as Record<string, string>[];
        assert.deepEqual(rows.map(({ flags: _f, timestamp: _t, ...rest }) => rest), old.map(({ flags: _f, timestamp: _t, ...rest }) => rest), format);
      }
      const csvRow = (parse((await download("?format=csv")).body, { columns: true }) as Record<string, string>[]).find((r) => r.incident_id === strike.id);
      assert.deepEqual(csvRow, incidentToCsvRow(strike, [fact, merge]));

      const features = (JSON.parse((await download("?format=geojson")).body) as { features: IncidentFeature[] }).features;
      const feature = features.find((f) => f.id === strike.id);
      assert.deepEqual(flagsOf(feature?.properties.flags ?? []), expected);
      assert.deepEqual(feature?.properties.flags[0].machineValue, strike.killed, "the flag keeps the machine's value it disputes");
      assert.equal(feature?.properties.fatalities, strike.killed?.best);
      assert.ok(features.filter((f) => f.id !== strike.id).every((f) => f.properties.flags.length === 0));

      const lines = (format: string) => download(`?format=${format}`).then((r) => r.body.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>));
      const ndjson = (await lines("ndjson")).find((l) => l.id === strike.id) as unknown as IncidentDetail & { flags: ExportedFlag[] };
      assert.deepEqual(flagsOf(ndjson.flags), expected);
      const { flags: _flags, ...machine } = ndjson;
      assert.deepEqual(machine, { ...strike, place: strike.place ? { ...strike.place, geonameId: null } : null });
      const plover = (await lines("plover")).find((l) => l.event_id === strike.id) as PloverRecord | undefined;
      assert.deepEqual(flagsOf(plover?.flags ?? []), expected);
      assert.deepEqual(plover?.fatalities, strike.killed);

      // `sitrep export` is the same export
      const dir = mkdtempSync(join(tmpdir(), "sitrep-export-"));
      try {
        const file = join(dir, "out.geojson");
        await promisify(execFile)(process.execPath, [fromRoot("bin", "sitrep.js"), "export", "--profile", "geojson", "--db", t.url, "--country", "SD", "-o", file]);
        const cli = (JSON.parse(readFileSync(file, "utf8")) as { features: IncidentFeature[] }).features.find((f) => f.id === strike.id);
        assert.deepEqual(flagsOf(cli?.properties.flags ?? []), expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
