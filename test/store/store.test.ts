import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { DIALECTS, parseDbUrl, type SitrepStore } from "../../src/store/index.js";
import { sampleReport, type SampleEvent, type SampleReport } from "../../src/incidents/sample-report.js";
import { isSitrepError } from "../../src/errors.js";
import { addFlag, listFlags } from "../../src/store/flags.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { createStore } from "../../src/store/index.js";
import { freshLocation, freshStore, skipReason, type FreshStore } from "./helpers.js";

const AIRSTRIKE: SampleEvent["acled"] = ["Explosions/Remote violence", "Air/drone strike"];
const HASAKAH = { name: "Al-Hasakah", lat: 36.5, lon: 40.75, country: "SY", admin1: "Al-Hasakah", precision: 1 as const };

/** Six articles: one airstrike told twice, a strike nearby that same day, a protest, a clash, a Pacific storm. */
const ARTICLES: SampleReport[] = [
  {
    title: "Coalition airstrike kills 23 civilians in Hasakah", outlet: "Reuters", url: "https://example.org/reuters/1",
    published: "2018-05-01", agencies: ["Reuters"],
    events: [{ acled: AIRSTRIKE, mode: "aerial", place: HASAKAH, date: "2018-04-30", actors: ["US-led coalition"], targets: ["civilians"], killed: 23, victims: "civilians" }],
    quotes: [{ text: "The strike hit a school", speaker: "Rami Abdel Rahman" }],
  },
  {
    title: "Air raid on Hasakeh", outlet: "AFP", url: "https://example.org/afp/1", published: "2018-05-01T09:30:00Z", agencies: ["AFP", "dpa"],
    events: [{ acled: AIRSTRIKE, mode: "aerial", place: { ...HASAKAH, name: "Hasakeh", lat: 36.51 }, date: "2018-04-30", actors: ["coalition warplanes"], killed: { low: 25, best: 25, high: null }, victims: "civilians" }],
  },
  {
    title: "Another strike in Qamishli", outlet: "Al Jazeera", published: "2018-05-01",
    events: [{ acled: AIRSTRIKE, place: { name: "Qamishli", lat: 37.05, lon: 41.22, country: "SY", admin1: "Al-Hasakah" }, date: "2018-04-30", killed: 4 }],
  },
  {
    title: "Kurds protest in Berlin", outlet: "DW", published: "2018-05-02",
    events: [{ type: "PROTEST", mode: "demo", acled: ["Protests", "Peaceful protest"], place: { name: "Berlin", lat: 52.52, lon: 13.4, country: "DE", admin1: "Berlin" }, date: "2018-05-02", actors: ["Kurdish activists"] }],
  },
  {
    title: "Clashes in Marawi", outlet: "AP", published: "2017-06-10",
    events: [{ acled: ["Battles", "Armed clash"], place: { name: "Marawi", lat: 8.0, lon: 124.29, country: "PH", admin1: "Lanao del Sur" }, date: "2017-06-09", actors: ["Islamic State"], targets: ["Philippine army"], killed: 13 }],
  },
  {
    title: "Riot in Suva", outlet: "Fiji Times", published: "2019-01-15",
    events: [{ type: "PROTEST", mode: "riot", acled: ["Riots", "Violent demonstration"], place: { name: "Suva", lat: -18.14, lon: 178.44, country: "FJ", admin1: "Central" }, date: "2019-01-14" }],
  },
];

const reports = ARTICLES.map((a) => sampleReport(a));

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`store on ${dialect}`, { skip: reason ?? false }, () => {
    let fresh: FreshStore;
    let store: SitrepStore;
    before(async () => {
      fresh = await freshStore(dialect);
      store = fresh.store;
      for (const r of reports) await store.saveReport(r, { origin: "test" });
    });
    after(async () => fresh?.dispose());

    test("migrates from empty, and migrating again changes nothing", async () => {
      assert.equal(store.dialect, dialect);
      await store.migrate();
      const all = await store.listArticles({});
      assert.equal(all.total, reports.length);
    });

    test("saving an article again is a no-op that says so", async () => {
      const again = await store.saveReport(reports[0]);
      assert.equal(again.duplicate, true);
      assert.equal(again.incidentIds.length, 1);
      assert.equal((await store.listArticles({})).total, reports.length);
      assert.equal((await store.listEvents({})).total, reports.length);
      assert.equal(await store.hasArticle(reports[0].article.id), true);
      assert.equal(await store.hasArticle("nope"), false);
    });

    test("the same airstrike from two outlets is one incident; the strike nearby stays apart", async () => {
      const syria = await store.listIncidents({ country: "SY" });
      assert.equal(syria.total, 2);
      const merged = syria.items.find((i) => i.sourceCount === 2)!;
      assert.ok(merged, "one incident has both sources");
      assert.deepEqual(merged.killed, { low: 23, best: 23, high: null });
      assert.equal(merged.date, "2018-04-30");
      assert.equal(merged.acled?.subEventType, "Air/drone strike");
      const detail = (await store.getIncident(merged.id))!;
      assert.deepEqual(detail.sources.map((s) => s.outlet).sort(), ["AFP", "Reuters"]);
      const afp = detail.sources.find((s) => s.outlet === "AFP")!;
      assert.deepEqual(afp.agencies, ["AFP", "dpa"]);
      assert.equal(afp.url, "https://example.org/afp/1");
      assert.deepEqual(afp.killed, { low: 25, best: 25, high: null });
      assert.match(afp.excerpt, /coalition warplanes carried out/);
      assert.deepEqual(detail.quotes.map((q) => [q.text, q.speaker]), [["The strike hit a school", "Rami Abdel Rahman"]]);
      assert.equal(await store.getIncident("inc-missing"), null);
    });

    test("an article comes back exactly as saved", async () => {
      assert.deepEqual(await store.getArticle(reports[3].article.id), reports[3]);
      assert.equal(await store.getArticle("missing"), null);
    });

    test("date range: incidents overlapping [from, to]", async () => {
      const r = await store.listIncidents({ from: "2018-04-30", to: "2018-05-01" });
      assert.equal(r.total, 2);
      assert.deepEqual((await store.listIncidents({ from: "2019-01-01" })).items.map((i) => i.place?.name), ["Suva"]);
      assert.deepEqual((await store.listIncidents({ to: "2017-12-31" })).items.map((i) => i.place?.name), ["Marawi"]);
      assert.equal((await store.listEvents({ from: "2018-04-30", to: "2018-04-30" })).total, 3);
      assert.equal((await store.listArticles({ from: "2018-05-02", to: "2018-05-02" })).total, 1);
    });

    test("bbox, also across the antimeridian", async () => {
      const europe = await store.listIncidents({ bbox: [-10, 35, 30, 60] });
      assert.deepEqual(europe.items.map((i) => i.place?.name), ["Berlin"]);
      const pacific = await store.listIncidents({ bbox: [170, -30, -170, 0] });
      assert.deepEqual(pacific.items.map((i) => i.place?.name), ["Suva"]);
      assert.equal((await store.listEvents({ bbox: [40, 36, 42, 38] })).total, 3);
    });

    test("country, case-insensitive", async () => {
      assert.equal((await store.listIncidents({ country: "ph" })).total, 1);
      assert.equal((await store.listEvents({ country: "SY" })).total, 3);
      assert.equal((await store.listArticles({ country: "SY" })).total, 3);
    });

    test("actor: case-insensitive substring of actor and target names", async () => {
      assert.deepEqual((await store.listIncidents({ actor: "COALITION" })).items.map((i) => i.sourceCount), [2]);
      assert.deepEqual((await store.listIncidents({ actor: "philippine" })).items.map((i) => i.place?.name), ["Marawi"]);
      assert.equal((await store.listEvents({ actor: "coalition" })).total, 2);
      assert.equal((await store.listArticles({ actor: "kurdish" })).total, 1);
      assert.equal((await store.listIncidents({ actor: "100%_" })).total, 0);
    });

    test("type: PLOVER type, ACLED event type or sub-event type", async () => {
      assert.equal((await store.listIncidents({ type: "PROTEST" })).total, 2);
      assert.equal((await store.listIncidents({ type: "Riots" })).total, 1);
      assert.equal((await store.listIncidents({ type: "Air/drone strike" })).total, 2);
      assert.equal((await store.listEvents({ type: "Explosions/Remote violence" })).total, 3);
      assert.equal((await store.listArticles({ type: "Armed clash" })).total, 1);
    });

    test("q: full-text search over the articles' text, with stemming", async () => {
      assert.equal((await store.listArticles({ q: "protests" })).total, 1);
      assert.equal((await store.listArticles({ q: "warplanes" })).total, 1);
      assert.equal((await store.listEvents({ q: "school" })).total, 1);
      assert.equal((await store.listIncidents({ q: "school" })).items[0].sourceCount, 2);
      assert.equal((await store.listIncidents({ q: "nothingmatcheshere" })).total, 0);
    });

    test("filters combine, and pages are stable", async () => {
      assert.equal((await store.listIncidents({ country: "SY", actor: "coalition", type: "ASSAULT", from: "2018-01-01" })).total, 1);
      const p1 = await store.listIncidents({ limit: 2, offset: 0 });
      const p2 = await store.listIncidents({ limit: 2, offset: 2 });
      const p3 = await store.listIncidents({ limit: 2, offset: 4 });
      assert.equal(p1.total, 5);
      assert.deepEqual([p1.items.length, p2.items.length, p3.items.length], [2, 2, 1]);
      const ids = [...p1.items, ...p2.items, ...p3.items].map((i) => i.id);
      assert.equal(new Set(ids).size, 5);
      assert.deepEqual(ids.slice(0, 1), [(await store.listIncidents({ from: "2019-01-01" })).items[0].id], "newest first");
    });

    test("a bad filter is a clear error", async () => {
      await assert.rejects(store.listIncidents({ from: "May 1" }), (e) => isSitrepError(e) && /from/.test(e.message));
      await assert.rejects(store.listEvents({ bbox: [0, 10, 5, 5] }), (e) => isSitrepError(e) && /bbox/.test(e.message));
      await assert.rejects(store.listArticles({ limit: 0 }), (e) => isSitrepError(e) && /limit/.test(e.message));
      await assert.rejects(store.listIncidents({ country: "Syria" }), (e) => isSitrepError(e) && /country/.test(e.message));
    });

    test("timeline counts incidents per day and type", async () => {
      const t = await store.timeline({});
      assert.deepEqual(t, [
        { date: "2017-06-09", type: "ASSAULT", count: 1 },
        { date: "2018-04-30", type: "ASSAULT", count: 2 },
        { date: "2018-05-02", type: "PROTEST", count: 1 },
        { date: "2019-01-14", type: "PROTEST", count: 1 },
      ]);
      assert.deepEqual(await store.timeline({ country: "DE" }), [{ date: "2018-05-02", type: "PROTEST", count: 1 }]);
    });

    test("facets count incidents by country, type and actor", async () => {
      const f = await store.facets();
      assert.deepEqual(f.countries, [{ code: "SY", count: 2 }, { code: "DE", count: 1 }, { code: "FJ", count: 1 }, { code: "PH", count: 1 }]);
      assert.deepEqual(f.types, [{ type: "ASSAULT", count: 3 }, { type: "PROTEST", count: 2 }]);
      assert.deepEqual(f.actors.map((a) => a.name).sort(), ["Islamic State", "Kurdish activists", "US-led coalition"]);
      assert.deepEqual(f.dateRange, { from: "2017-06-09", to: "2019-01-14" });
    });

    test("flags raised in the same millisecond are listed in the order they were raised", async () => {
      const db = (store as KyselyStore).kysely;
      const incidentId = (await store.listIncidents({})).items[0].id;
      const now = new Date("2026-01-02T03:04:05.006Z");
      const raised = [];
      for (let i = 0; i < 12; i++) {
        raised.push(await addFlag(db, { incidentId, kind: "wrong-fact", field: "killed", note: `note ${i}`, author: "analyst" }, now));
      }
      const listed = (await listFlags(db, incidentId)).filter((f) => f.createdAt === now.toISOString());
      assert.deepEqual(listed.map((f) => f.note), raised.map((f) => f.note));
    });
  });
}

describe("store location", () => {
  test("a path, sqlite: URLs and postgres URLs pick the dialect; ?schema= picks a PostgreSQL schema", () => {
    assert.equal(parseDbUrl("x/y.db").dialect, "sqlite");
    assert.deepEqual(parseDbUrl("sqlite::memory:"), { dialect: "sqlite", path: ":memory:" });
    const pg = parseDbUrl("postgres://root@127.0.0.1:5432/test?schema=abc");
    assert.deepEqual(pg, { dialect: "postgres", url: "postgres://root@127.0.0.1:5432/test", schema: "abc" });
    assert.throws(() => parseDbUrl("mysql://x"), (e) => isSitrepError(e) && /--db/.test(e.message));
  });
});

describe("a new PostgreSQL schema opened by several processes at once", { skip: (await skipReason("postgres")) ?? false }, () => {
  test("every opener gets the store: none fails on the schema another is creating", async () => {
    // Workers started together each open the same new schema; each opener here has its own connections.
    for (let round = 0; round < 5; round++) {
      const location = freshLocation("postgres");
      const opened = await Promise.allSettled(Array.from({ length: 6 }, () => createStore(location.url)));
      try {
        const errors = opened.flatMap((o) => (o.status === "rejected" ? [(o.reason as Error).message] : []));
        assert.deepEqual(errors, []);
      } finally {
        for (const o of opened) if (o.status === "fulfilled") await o.value.close();
        await location.dispose();
      }
    }
  });
});

describe("PostgreSQL's search rows of articles", { skip: (await skipReason("postgres")) ?? false }, () => {
  test("articles stored in one batch are all searchable; a retitled article is found by its new title only", async () => {
    const fresh = await freshStore("postgres");
    try {
      const batch = ["Flooding closes the harbour road", "Drought shrinks the reservoir", "Storm topples power lines"].map((title, i) =>
        ({ report: sampleReport({ title, outlet: "Coast Post", published: `2021-03-0${i + 1}`, events: [{ acled: ["Protests", "Peaceful protest"], date: `2021-03-0${i + 1}` }] }) }));
      await fresh.store.saveReports(batch);
      const db = (fresh.store as KyselyStore).kysely;
      const count = async (words: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM article_search WHERE tsv @@ plainto_tsquery('english', ${words})`.execute(db)).rows[0].n);
      assert.equal(await count("reservoir"), 1);
      assert.equal(await count("harbour"), 1);
      await sql`UPDATE articles SET title = 'Heatwave empties the reservoir' WHERE title = 'Drought shrinks the reservoir'`.execute(db);
      assert.equal(await count("drought"), 0);
      assert.equal(await count("heatwave"), 1);
    } finally {
      await fresh.dispose();
    }
  });

  test("an article's text and report are compressed with LZ4 where the server offers it", async () => {
    const fresh = await freshStore("postgres");
    try {
      const db = (fresh.store as KyselyStore).kysely;
      // a server without LZ4 refuses it as a setting's value
      const offered = await sql`SET LOCAL default_toast_compression = 'lz4'`.execute(db).then(() => true, () => false);
      const rows = (await sql<{ attname: string; attcompression: string }>`SELECT attname, attcompression FROM pg_attribute
        WHERE attrelid = 'articles'::regclass AND attname IN ('text', 'report') ORDER BY attname`.execute(db)).rows;
      assert.deepEqual(rows.map((r) => [r.attname, r.attcompression]), offered ? [["report", "l"], ["text", "l"]] : [["report", ""], ["text", ""]]);
    } finally {
      await fresh.dispose();
    }
  });
});
