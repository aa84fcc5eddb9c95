/**
 * The analyst's endpoints on a real store (SQLite and PostgreSQL) filled with sample reports: every located
 * incident for the map, trends with fatality bands, regions, an actor's page, data quality, why two reports were
 * merged, and flags (stored with who and when, the incident untouched, exported).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { ErrorReply } from "../../src/api/schemas/common.js";
import { sampleReport, type SampleReport } from "../../src/incidents/sample-report.js";
import type { ActorProfile, MapPoints, QualityReport, RegionCount, Trends } from "../../src/store/analytics.js";
import { periodStart } from "../../src/store/analytics.js";
import type { Flag } from "../../src/store/flags.js";
import type { IncidentDetail, IncidentSummary, Page } from "../../src/store/types.js";
import { DIALECTS, getJson, openApp, skipReason, type TestApp } from "./helper.js";

const TOKEN = "flag-test-token";
const STRIKE: [string, string] = ["Explosions/Remote violence", "Air/drone strike"];
const FORCES = { name: "Northern Brigades", aliases: ["NB"], kind: "organization" as const };
const TOWN = { name: "Ardenport", lat: 10.5, lon: 20.25, country: "SD", admin1: "Upper Vale", precision: 1 as const };

const ARTICLES: SampleReport[] = [
  {
    title: "Drone strike on Ardenport market", outlet: "Wire One", published: "2024-06-11",
    events: [{ acled: STRIKE, mode: "drone", place: TOWN, date: "2024-06-10", actors: [FORCES], targets: ["civilians"], killed: { low: 9, best: 9, high: 12 } }],
    quotes: [{ text: "We struck a legitimate target", speaker: "Lena Ostrova" }],
  },
  {
    title: "Ardenport market hit", outlet: "Wire Two", published: "2024-06-11",
    events: [{ acled: STRIKE, mode: "drone", place: { ...TOWN, lat: 10.51 }, date: "2024-06-10", actors: [FORCES], targets: ["civilians"], killed: 11 }],
  },
  {
    title: "Clash on the river road", outlet: "Wire One", published: "2024-06-20",
    events: [{ acled: ["Battles", "Armed clash"], place: { name: "Riverbend", lat: 11.2, lon: 21.0, country: "SD", admin1: "Lower Vale" }, date: "2024-06-19", actors: ["Valley Militia"], targets: [FORCES], killed: 4 }],
  },
  {
    title: "Protest in the capital", outlet: "Wire Three", published: "2024-07-02",
    events: [{ type: "PROTEST", mode: "demo", acled: ["Protests", "Peaceful protest"], place: { name: "Kestrel", lat: -1.3, lon: 36.8, country: "KE", admin1: "Kestrel County" }, date: "2024-07-01", actors: ["teachers"] }],
  },
  {
    // a history paragraph: the event is dated decades before the article
    title: "Looking back at the 1962 uprising", outlet: "Wire Three", published: "2024-07-05",
    events: [{ acled: ["Battles", "Armed clash"], place: { name: "Kestrel", lat: -1.3, lon: 36.8, country: "KE", admin1: "Kestrel County" }, date: "1962-03", actors: ["rebels"], killed: 30 }],
  },
  {
    title: "Raid somewhere", outlet: "Wire Two", published: "2024-07-08",
    events: [{ acled: ["Violence against civilians", "Attack"], date: "2024-07-07", actors: [FORCES], killed: { low: 2, best: 2, high: null } }],
  },
];

function withSpokesperson(articles: SampleReport[]) {
  const reports = articles.map((a) => sampleReport(a));
  // the first article calls its speaker the brigades' spokeswoman, by their short name
  const speaker = reports[0].entities.find((e) => e.name === "Lena Ostrova");
  assert.ok(speaker);
  speaker.roles = ["NB spokeswoman"];
  return reports;
}

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`analyst API on ${dialect}`, { skip: reason ?? false }, () => {
    let t: TestApp;
    let app: FastifyInstance;
    let strike: IncidentSummary;
    before(async () => {
      t = await openApp(dialect, { token: TOKEN }, []);
      app = t.app;
      for (const r of withSpokesperson(ARTICLES)) await t.store.saveReport(r, { outlet: r.article.outlet, origin: "test" });
      const list = await getJson<Page<IncidentSummary>>(app, "/api/incidents?limit=100");
      strike = list.body.items.find((i) => i.sourceCount === 2)!;
      assert.ok(strike, "the two strike reports merged");
    });
    after(async () => t?.dispose());

    test("map points: every located incident, and the unlocated ones counted, not hidden", async () => {
      const { body } = await getJson<MapPoints>(app, "/api/map/points");
      assert.equal(body.total, 5);
      assert.equal(body.unlocated, 1, "the raid without a place");
      assert.equal(body.points.length, 4);
      const kenya = await getJson<MapPoints>(app, "/api/map/points?country=KE");
      assert.deepEqual(kenya.body.points.map((p) => p.type).sort(), ["ASSAULT", "PROTEST"]);
    });

    test("trends: weekly incidents and killed with the low-high band, stacked by type", async () => {
      const { status, body } = await getJson<Trends>(app, "/api/trends?from=2024-06-01&interval=week");
      assert.equal(status, 200);
      assert.equal(body.periods[0], "2024-06-10", "weeks start on Monday");
      assert.equal(body.periods.length, 4, "consecutive weeks, the empty one included");
      assert.deepEqual(body.incidents, [1, 1, 0, 2]);
      // the merged strike: best is the lower median of 9 and 11, low the lowest, high the highest
      assert.deepEqual([body.killed.low[0], body.killed.best[0], body.killed.high[0]], [strike.killed!.low, strike.killed!.best, strike.killed!.high]);
      assert.equal(body.openHigh[3], true, "the raid's 'at least 2' leaves the band open");
      assert.equal(body.openHigh[0], false);
      const assault = body.stacks.find((s) => s.key === "ASSAULT");
      assert.deepEqual(assault?.counts, [1, 1, 0, 1]);
    });

    test("trends: by actor, and small multiples by country", async () => {
      const { body } = await getJson<Trends>(app, "/api/trends?from=2024-06-01&interval=month&stack=actor&split=country");
      assert.deepEqual(body.periods, ["2024-06-01", "2024-07-01"]);
      assert.deepEqual(body.stacks.find((s) => s.key === "Northern Brigades")?.counts, [1, 1]);
      assert.deepEqual(body.panels.map((p) => [p.key, p.total]).sort(), [["KE", 1], ["SD", 2], ["unknown", 1]], "the raid without a place is its own panel");
      const bad = await getJson<ErrorReply>(app, "/api/trends?interval=fortnight");
      assert.equal(bad.status, 400);
      // 1962 to 2024 in days is more than MAX_PERIODS: the chart is drawn per month instead, and says so
      const long = await getJson<Trends>(app, "/api/trends?interval=day");
      assert.equal(long.body.interval, "month");
      assert.equal(long.body.periods[0], "1962-03-01");
    });

    test("periods: ISO weeks start on Monday, months on the first", () => {
      assert.equal(periodStart("2024-06-16", "week"), "2024-06-10");
      assert.equal(periodStart("2024-06-17", "week"), "2024-06-17");
      assert.equal(periodStart("2024-06-17", "month"), "2024-06-01");
    });

    test("regions: incidents and killed per country and province", async () => {
      const { body } = await getJson<{ countries: RegionCount[]; admin1: RegionCount[] }>(app, "/api/regions");
      const sd = body.countries.find((c) => c.key === "SD");
      assert.equal(sd?.incidents, 2);
      assert.equal(sd?.killed, strike.killed!.best + 4);
      assert.equal(sd?.numeric, "729", "Sudan's ISO numeric code, the basemap's id for it");
      const vale = body.admin1.find((r) => r.key === "Upper Vale");
      assert.ok(vale && Math.abs((vale.lat ?? 0) - 10.505) < 0.01, "the province symbol sits at its incidents' mean point");
    });

    test("an actor's page: incidents, types, counterparts, aliases, its spokeswoman's quote", async () => {
      const { status, body } = await getJson<ActorProfile>(app, `/api/actors/${encodeURIComponent("northern brigades")}`);
      assert.equal(status, 200);
      assert.equal(body.name, "Northern Brigades");
      assert.equal(body.incidents, 3);
      assert.equal(body.asActor, 2);
      assert.equal(body.asTarget, 1);
      assert.deepEqual(body.aliases, ["NB"]);
      assert.deepEqual([body.map.total, body.map.unlocated, body.map.points.length], [3, 1, 2], "its incidents for the map, the raid without a place counted");
      assert.deepEqual(body.targets, [{ name: "civilians", count: 1 }]);
      assert.deepEqual(body.attackedBy, [{ name: "Valley Militia", count: 1 }]);
      assert.deepEqual(body.quotes.map((q) => [q.speaker, q.role]), [["Lena Ostrova", "NB spokeswoman"]]);
      const militia = await getJson<ActorProfile>(app, `/api/actors/${encodeURIComponent("Valley Militia")}`);
      assert.deepEqual(militia.body.quotes, [], "no quote is tied to an actor whose people said nothing");
      assert.equal((await getJson(app, "/api/actors/nobody%20at%20all")).status, 404);
    });

    test("data quality: the event dated decades before its article, and the one without a place", async () => {
      const { body } = await getJson<QualityReport>(app, "/api/quality");
      assert.equal(body.counts.events, 6);
      assert.equal(body.counts.farDate, 1);
      assert.equal(body.counts.noPlace, 1);
      assert.equal(body.page.items[0].date, "1962-03-01");
      assert.ok((body.page.items[0].daysFromPublication ?? 0) < -20000);
      const noPlace = await getJson<QualityReport>(app, "/api/quality?issue=no-place");
      assert.equal(noPlace.body.page.items[0].title, "Raid somewhere");
      const near = await getJson<QualityReport>(app, "/api/quality?farDays=36500");
      assert.equal(near.body.counts.farDate, 0, "a wide enough window makes no date far");
    });

    test("why merged: each source's best match with the other, its parts and score", async () => {
      const { status, body } = await getJson<{ threshold: number; sources: { founder: boolean; storedScore: number | null; best: { score: number; parts: Record<string, number>; reasons: { part: string; features: string[] }[] } | null; contradicts: { eventId: string; veto: string }[] }[] }>(app, `/api/incidents/${strike.id}/why`);
      assert.equal(status, 200);
      assert.equal(body.sources.length, 2);
      assert.deepEqual(body.sources.map((s) => s.founder).sort(), [false, true]);
      for (const s of body.sources) {
        assert.ok(s.best && s.best.score >= body.threshold, "each source matches the other above the threshold");
        assert.ok(s.best.parts.place > 0, "two points 1 km apart argue for one happening");
        assert.ok(s.best.reasons.some((r) => r.part === "place" && r.features.length > 0), "the place part says what it saw");
        assert.deepEqual(s.contradicts, []);
      }
      const joined = body.sources.find((s) => !s.founder)!;
      assert.equal(joined.storedScore, joined.best!.score, "the score recomputed is the one stored when it joined");
      assert.equal((await getJson(app, "/api/incidents/no-such-incident/why")).status, 404);
    });

    test("flags: need the token, keep who and when and the machine's value, leave the incident as it was, export", async () => {
      const flag = { kind: "wrong-fact", field: "killed", note: "the hospital gave 14", suggested: "14", author: "analyst-a" };
      const post = (payload: Record<string, string>, token?: string) =>
        app.inject({ method: "POST", url: `/api/incidents/${strike.id}/flags`, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
      assert.equal((await post(flag)).statusCode, 401);
      const before = (await getJson<IncidentDetail>(app, `/api/incidents/${strike.id}`)).body;
      const res = await post(flag, TOKEN);
      assert.equal(res.statusCode, 201);
      const stored = res.json() as Flag;
      assert.equal(stored.author, "analyst-a");
      assert.ok(Date.now() - Date.parse(stored.createdAt) < 60_000);
      assert.deepEqual(stored.machineValue, before.killed);
      const source = before.sources[1].eventId;
      const merge = await post({ kind: "wrong-merge", eventId: source, note: "a different market", author: "analyst-b" }, TOKEN);
      assert.equal(merge.statusCode, 201);
      assert.equal((merge.json() as Flag).eventId, source);
      assert.equal((await post({ kind: "wrong-merge", eventId: "elsewhere:e1", note: "x", author: "b" }, TOKEN)).statusCode, 400);
      assert.equal((await post({ kind: "wrong-fact", note: "no field", author: "b" }, TOKEN)).statusCode, 400);
      assert.equal((await app.inject({ method: "POST", url: "/api/incidents/nope/flags", payload: flag, headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 404);
      // the machine's version is untouched
      assert.deepEqual((await getJson<IncidentDetail>(app, `/api/incidents/${strike.id}`)).body, before);
      const listed = await getJson<Flag[]>(app, `/api/incidents/${strike.id}/flags`);
      assert.deepEqual(listed.body.map((f) => f.kind), ["wrong-fact", "wrong-merge"]);
      const ndjson = await app.inject({ method: "GET", url: "/api/flags/export" });
      assert.match(String(ndjson.headers["content-type"]), /ndjson/);
      assert.deepEqual(ndjson.body.trim().split("\n").map((l) => (JSON.parse(l) as Flag).note), ["the hospital gave 14", "a different market"]);
      const csv = await app.inject({ method: "GET", url: "/api/flags/export?format=csv" });
      const lines = csv.body.trim().split("\r\n");
      assert.equal(lines.length, 3);
      assert.match(lines[0], /^id,incident_id,event_id,kind,field,note/);
      assert.match(lines[1], /analyst-a/);
    });
  });
}
