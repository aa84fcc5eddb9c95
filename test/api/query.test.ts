/**
 * The read API on a real store: incidents, events, articles, timeline and facets, every filter, paging,
 * and the 400 / 404 replies that name what was wrong.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ErrorReply } from "../../src/api/schemas/common.js";
import type { Report } from "../../src/report.js";
import type {
  ArticleSummary, Facets, IncidentDetail, IncidentSummary, Page, StoredEvent, TimelineBucket,
} from "../../src/store/types.js";
import { synthesiseReports } from "../../bench/store.js";
import { buildApp } from "../../src/api/app.js";
import { TEXT_EXACT_ARTICLES } from "../../src/store/queries.js";
import { freshStore, type FreshStore } from "../store/helpers.js";
import { DIALECTS, getJson, openApp, skipReason, type TestApp } from "./helper.js";

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`read API on ${dialect}`, { skip: reason ?? false }, () => {
    let t: TestApp;
    const incidents = async (query: string) => (await getJson<Page<IncidentSummary>>(t.app, `/api/incidents${query}`)).body;
    const places = async (query: string) => (await incidents(query)).items.map((i) => i.place?.name).sort();
    before(async () => {
      t = await openApp(dialect);
    });
    after(async () => t?.dispose());

    test("GET /api/incidents lists every incident, the two reports of one strike merged", async () => {
      const page = await incidents("");
      assert.equal(page.total, 4);
      assert.deepEqual([page.limit, page.offset], [50, 0]);
      const strike = page.items.find((i) => i.place?.name === "Khartoum");
      assert.ok(strike);
      assert.equal(strike.sourceCount, 2);
      assert.deepEqual(strike.killed, { low: 11, best: 11, high: 20 });
    });

    test("from and to keep incidents in the inclusive date range", async () => {
      assert.deepEqual(await places("?from=2024-06-01"), ["Khartoum", "Nairobi"]);
      assert.deepEqual(await places("?to=2024-02-07"), ["Sake"]);
      assert.deepEqual(await places("?from=2024-06-10&to=2024-06-10"), ["Khartoum"]);
    });

    test("bbox keeps incidents inside west,south,east,north", async () => {
      assert.deepEqual(await places("?bbox=28,-3,38,0"), ["Nairobi", "Sake"]);
      assert.deepEqual(await places("?bbox=30,14,34,17"), ["Khartoum"]);
    });

    test("country takes an ISO code in either case", async () => {
      assert.deepEqual(await places("?country=sd"), ["Khartoum", "North Darfur"]);
      assert.deepEqual(await places("?country=KE"), ["Nairobi"]);
    });

    test("actor matches actor and target names, case-insensitive", async () => {
      assert.deepEqual(await places("?actor=rapid%20support"), ["Khartoum"]);
      assert.deepEqual(await places("?actor=congolese"), ["Sake"]);
    });

    test("type matches a PLOVER type, an ACLED event type or a sub-event type", async () => {
      assert.deepEqual(await places("?type=PROTEST"), ["Nairobi"]);
      assert.deepEqual(await places("?type=Battles"), ["Sake"]);
      assert.deepEqual(await places(`?type=${encodeURIComponent("Air/drone strike")}`), ["Khartoum"]);
    });

    test("q searches the articles' text", async () => {
      assert.deepEqual(await places("?q=families"), ["Khartoum"]);
      assert.deepEqual(await places("?q=nothingmatcheshere"), []);
    });

    test("filters combine, and limit/offset page through the results", async () => {
      assert.deepEqual(await places("?country=SD&type=ASSAULT&from=2024-06-01&actor=rapid"), ["Khartoum"]);
      const first = await incidents("?limit=3");
      const second = await incidents("?limit=3&offset=3");
      assert.deepEqual([first.items.length, second.items.length, second.offset], [3, 1, 3]);
      const ids = new Set([...first.items, ...second.items].map((i) => i.id));
      assert.equal(ids.size, 4);
    });

    test("GET /api/incidents/:id gives the sources with their own figures, evidence and quotes", async () => {
      const id = (await incidents("?q=families")).items[0].id;
      const { status, body } = await getJson<IncidentDetail>(t.app, `/api/incidents/${encodeURIComponent(id)}`);
      assert.equal(status, 200);
      assert.deepEqual(body.sources.map((s) => s.outlet).sort(), ["AFP", "Reuters"]);
      const afp = body.sources.find((s) => s.outlet === "AFP");
      assert.deepEqual(afp?.killed, { low: 14, best: 14, high: 20 });
      const article = t.reports.find((r) => r.article.id === afp?.articleId);
      for (const span of afp?.evidence ?? []) assert.equal(article?.article.text.slice(span.start, span.end), span.text);
      assert.deepEqual(body.quotes.map((q) => [q.text, q.speaker]), [["The market was full of families", "Amna Idris"]]);
    });

    test("a province-only place keeps its precision, and a contested attribution says so", async () => {
      const [darfur] = (await incidents("?q=Darfur")).items;
      assert.equal(darfur.place?.precision, 3);
      assert.equal(darfur.attribution.status, "contested");
      assert.equal(darfur.granularity, "month");
    });

    test("an unknown incident or article is a 404 that names the id", async () => {
      const a = await getJson<ErrorReply>(t.app, "/api/incidents/inc-nope");
      assert.equal(a.status, 404);
      assert.match(a.body.message, /inc-nope/);
      const b = await getJson<ErrorReply>(t.app, "/api/articles/nope");
      assert.equal(b.status, 404);
      assert.equal(b.body.code, "SITREP_NOT_FOUND");
    });

    test("GET /api/events lists source events with the same filters", async () => {
      const all = await getJson<Page<StoredEvent>>(t.app, "/api/events");
      assert.equal(all.body.total, 5);
      const sd = await getJson<Page<StoredEvent>>(t.app, "/api/events?country=SD&type=Air%2Fdrone%20strike");
      assert.equal(sd.body.total, 2);
      assert.equal(new Set(sd.body.items.map((e) => e.incidentId)).size, 1);
    });

    test("GET /api/articles lists articles; GET /api/articles/:id is the saved report", async () => {
      const list = await getJson<Page<ArticleSummary>>(t.app, "/api/articles?actor=students");
      assert.deepEqual(list.body.items.map((a) => a.title), ["Students march in Nairobi"]);
      const report = t.reports[0];
      const one = await getJson<Report>(t.app, `/api/articles/${report.article.id}`);
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, report);
    });

    test("GET /api/timeline counts incidents per day and type, with filters", async () => {
      const all = await getJson<TimelineBucket[]>(t.app, "/api/timeline");
      assert.equal(all.body.reduce((s, b) => s + b.count, 0), 4);
      const ke = await getJson<TimelineBucket[]>(t.app, "/api/timeline?country=KE");
      assert.deepEqual(ke.body, [{ date: "2024-06-18", type: "PROTEST", count: 1 }]);
    });

    test("GET /api/facets gives countries, types, actors and the date range", async () => {
      const { body } = await getJson<Facets>(t.app, "/api/facets");
      assert.deepEqual(body.countries.map((c) => c.code).sort(), ["CD", "KE", "SD"]);
      assert.deepEqual(body.types.find((x) => x.type === "ASSAULT")?.count, 3);
      assert.ok(body.actors.some((a) => a.name === "M23"));
      assert.equal(body.dateRange.to, "2024-06-18");
    });

    const BAD: [string, RegExp][] = [
      ["?from=yesterday", /'from'.*YYYY-MM-DD/],
      ["?from=2024-02-30", /'from'.*calendar day/],
      ["?from=2024-06-02&to=2024-06-01", /'from'.*after query parameter 'to'/],
      ["?to=2024-13-01", /'to'/],
      ["?bbox=1,2,3", /'bbox'/],
      ["?bbox=190,0,200,10", /'bbox'.*longitude/],
      ["?bbox=0,10,5,5", /'bbox'.*south/],
      ["?country=Sudan", /'country'.*alpha-2/],
      ["?actor=", /'actor'/],
      ["?type=", /'type'/],
      ["?q=", /'q'/],
      [`?q=${"x".repeat(501)}`, /'q'/],
      ["?limit=0", /'limit'.*>= 1/],
      ["?limit=5000", /'limit'.*<= 1000/],
      ["?limit=ten", /'limit'.*integer/],
      ["?offset=-1", /'offset'/],
      ["?contry=SD", /unknown query parameter 'contry'/],
    ];
    for (const route of ["incidents", "events", "articles"]) {
      test(`GET /api/${route} answers 400 naming the parameter for every bad value`, async () => {
        for (const [query, message] of BAD) {
          const { status, body } = await getJson<ErrorReply>(t.app, `/api/${route}${query}`);
          assert.equal(status, 400, query);
          assert.match(body.message, message, query);
          assert.equal(body.statusCode, 400);
        }
      });
    }

    test("timeline and facets validate their parameters too", async () => {
      assert.equal((await getJson(t.app, "/api/timeline?from=2024-99-01")).status, 400);
      assert.equal((await getJson(t.app, "/api/timeline?limit=5")).status, 400, "timeline is not paged");
      const f = await getJson<ErrorReply>(t.app, "/api/facets?country=SD");
      assert.equal(f.status, 400);
      assert.match(f.body.message, /unknown query parameter 'country'/);
    });

    test("a malformed id is a 400, an unknown route a 404", async () => {
      assert.equal((await getJson(t.app, "/api/incidents/bad%20id")).status, 400);
      const r = await getJson<ErrorReply>(t.app, "/api/nothing");
      assert.equal(r.status, 404);
      assert.match(r.body.message, /\/api\/nothing/);
    });
  });
}

describe("a text query alone matching more articles than are counted exactly", () => {
  let fresh: FreshStore;
  let app: Awaited<ReturnType<typeof buildApp>>;
  before(async () => {
    fresh = await freshStore("sqlite");
    // Every synthetic article's title says "report": one more article than the exact count reads.
    const reports = synthesiseReports(2 * (TEXT_EXACT_ARTICLES + 1), 2, 11);
    for (let i = 0; i < reports.length; i += 500) await fresh.store.saveReports(reports.slice(i, i + 500).map((report) => ({ report })));
    app = await buildApp({ webRoot: false, store: fresh.store });
  });
  after(async () => {
    await app?.close();
    await fresh?.dispose();
  });

  test("replies with a total flagged as a lower bound (totalAtLeast), the page full and a cursor to go on", async () => {
    const { status, body } = await getJson<Page<IncidentSummary>>(app, "/api/incidents?q=report&limit=5");
    assert.equal(status, 200);
    assert.equal(body.totalAtLeast, true);
    assert.equal(body.items.length, 5);
    assert.ok(body.next);
    const all = (await getJson<Page<IncidentSummary>>(app, "/api/incidents?limit=1")).body.total;
    assert.ok(body.total >= 5 && body.total <= all, `total ${body.total} of ${all}`);
  });

  test("with another filter, or a word few articles say, the total is exact and carries no flag", async () => {
    const country = (await getJson<Page<IncidentSummary>>(app, "/api/incidents?limit=1")).body.items[0].place!.country!;
    const both = (await getJson<Page<IncidentSummary>>(app, `/api/incidents?q=report&country=${country}&limit=1000`)).body;
    assert.equal(both.totalAtLeast, undefined);
    assert.equal(both.total, both.items.length);
    const inCountry = (await getJson<Page<IncidentSummary>>(app, `/api/incidents?country=${country}&limit=1000`)).body;
    assert.equal(both.total, inCountry.total);
    const rare = (await getJson<Page<IncidentSummary>>(app, "/api/incidents?q=nowhere-said-word&limit=5")).body;
    assert.deepEqual([rare.total, rare.totalAtLeast], [0, undefined]);
  });
});
