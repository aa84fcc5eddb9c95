/**
 * The read path's plans (src/store/queries.ts): a filter's page is found either by walking the list order and
 * checking each row (many matches) or by reading the matches through their own index and sorting them (few);
 * both must give the same incidents in the same order. The timeline without a country reads incident_day_types,
 * kept by triggers on incident_days: it must equal the per-day counts of the incidents after saves, deletes and
 * a recluster.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DIALECTS, type IncidentSummary, type QueryFilter, type SitrepStore } from "../../src/store/index.js";
import { synthesiseReports } from "../../bench/store.js";
import { createDb } from "../../src/store/db.js";
import { parseDbUrl } from "../../src/store/index.js";
import { listIncidents, textCheckedEach, type TextPlan } from "../../src/store/queries.js";
import { estimatedTextMatches } from "../../src/store/sql-helpers.js";
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { freshStore, skipReason, type FreshStore } from "./helpers.js";

/** 400 synthetic articles of two events each: ten actors, twenty countries, six ACLED sub-event types. */
const reports = synthesiseReports(800, 2, 7);

/** Every page of `size` for the filter, joined. */
async function allPages(store: SitrepStore, filter: QueryFilter, size: number): Promise<{ ids: string[]; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += size) {
    const page = await store.listIncidents({ ...filter, limit: size, offset });
    totals.add(page.total);
    ids.push(...page.items.map((i) => i.id));
    if (page.items.length < size) return { ids, totals };
  }
}

/** Incidents per start day and PLOVER type, counted from the incidents themselves. */
function dayCounts(incidents: IncidentSummary[]): string[] {
  const m = new Map<string, number>();
  for (const i of incidents) if (i.date) m.set(`${i.date} ${i.type}`, (m.get(`${i.date} ${i.type}`) ?? 0) + 1);
  return [...m.entries()].map(([k, n]) => `${k} ${n}`).sort();
}

// Asked before any suite starts: the SQLite suite's set-up keeps the event loop busy for seconds.
const reasons = await Promise.all(DIALECTS.map((d) => skipReason(d)));

for (const [n, dialect] of DIALECTS.entries()) {
  const reason = reasons[n];
  describe(`read path on ${dialect}`, { skip: reason ?? false }, () => {
    let fresh: FreshStore;
    let store: SitrepStore;
    let everything: IncidentSummary[];
    before(async () => {
      fresh = await freshStore(dialect);
      store = fresh.store;
      for (let i = 0; i < reports.length; i += 100) await store.saveReports(reports.slice(i, i + 100).map((report) => ({ report })));
      everything = (await store.listIncidents({ limit: 1000 })).items;
    });
    after(async () => fresh?.dispose());

    const filters: [string, QueryFilter][] = [
      ["an actor named by many incidents", { actor: "shabaab" }],
      ["an actor part of a name", { actor: "forces" }],
      ["an actor named nowhere", { actor: "nobody at all" }],
      ["a text", { q: "hospital" }],
      ["a text and a country", { q: "convoy", country: "SY" }],
      ["a large box", { bbox: [-100, -30, 0, 0] }],
      ["a small box", { bbox: [-100, -30, -99, -29] }],
      ["a month", { from: "2023-03-01", to: "2023-03-31" }],
      ["a day", { from: "2022-06-01", to: "2022-06-01" }],
      ["an ACLED sub-event type", { type: "Air/drone strike" }],
      ["an ACLED event type", { type: "Battles" }],
      ["a type nobody has", { type: "Looting/property destruction" }],
      ["an actor, a type and dates", { actor: "islamic state", type: "Armed clash", from: "2022-01-01", to: "2023-06-30" }],
    ];
    for (const [name, filter] of filters) {
      test(`${name}: small pages (walking the order) equal one page (sorting the matches)`, async () => {
        const whole = await store.listIncidents({ ...filter, limit: 1000 });
        assert.equal(whole.total, whole.items.length);
        for (const size of [1, 7]) {
          const paged = await allPages(store, filter, size);
          assert.deepEqual(paged.ids, whole.items.map((i) => i.id), `pages of ${size}`);
          assert.deepEqual([...paged.totals], [whole.total]);
        }
      });
    }

    test("the filters select what they say", async () => {
      const ids = async (f: QueryFilter) => new Set((await store.listIncidents({ ...f, limit: 1000 })).items.map((i) => i.id));
      const expect = (pred: (i: IncidentSummary) => boolean) => new Set(everything.filter(pred).map((i) => i.id));
      assert.deepEqual(await ids({ type: "Battles" }), expect((i) => i.acled?.eventType === "Battles"));
      assert.ok((await ids({ type: "Battles" })).size > 0);
      assert.deepEqual(await ids({ type: "Air/drone strike" }), expect((i) => i.acled?.subEventType === "Air/drone strike"));
      assert.deepEqual(await ids({ actor: "shabaab" }), expect((i) => [...i.actors, ...i.targets].some((a) => a.toLowerCase().includes("shabaab"))));
      assert.deepEqual(await ids({ bbox: [-100, -30, 0, 0] }), expect((i) => !!i.place && i.place.lat !== null && i.place.lon !== null
        && i.place.lat >= -30 && i.place.lat <= 0 && i.place.lon >= -100 && i.place.lon <= 0));
      const texts = new Set((await store.listEvents({ q: "hospital", limit: 1000 })).items.map((e) => e.incidentId));
      assert.deepEqual(await ids({ q: "hospital" }), new Set([...texts].filter((x): x is string => x !== null)));
    });

    test("events by country and dates (one-day events here): those dated in the range", async () => {
      const page = await store.listEvents({ country: "UA", from: "2023-01-01", to: "2023-06-30", limit: 1000 });
      const all = await store.listEvents({ country: "UA", limit: 1000 });
      const expected = all.items.filter((e) => e.date !== null && e.date <= "2023-06-30" && e.date >= "2023-01-01").map((e) => e.id);
      assert.ok(expected.length > 0);
      assert.deepEqual(page.items.map((e) => e.id), expected);
      assert.equal(page.total, expected.length);
    });

    test("the timeline without a country equals the incidents' own counts, after deletes and a recluster", async () => {
      const timeline = async () => (await store.timeline({})).map((b) => `${b.date} ${b.type} ${b.count}`).sort();
      assert.deepEqual(await timeline(), dayCounts(everything));
      const typed = (await store.timeline({ type: "ASSAULT", from: "2023-01-01", to: "2023-12-31" })).map((b) => `${b.date} ${b.type} ${b.count}`).sort();
      assert.deepEqual(typed, dayCounts(everything.filter((i) => i.type === "ASSAULT" && i.date! >= "2023-01-01" && i.date! <= "2023-12-31")));
      for (const r of reports.slice(0, 60)) await store.deleteArticle(r.article.id);
      const left = (await store.listIncidents({ limit: 1000 })).items;
      assert.ok(left.length < everything.length);
      assert.deepEqual(await timeline(), dayCounts(left));
      await store.recluster({ fromScratch: true });
      assert.deepEqual(await timeline(), dayCounts((await store.listIncidents({ limit: 1000 })).items));
    });

    test("a text query matching more articles than are counted exactly: its total is a flagged lower bound, its pages the exact query's", async () => {
      const db = await createDb(parseDbUrl(fresh.url));
      try {
        const q = "hospital";
        const exact = await store.listIncidents({ q, limit: 1000 });
        assert.equal(exact.totalAtLeast, undefined);
        assert.ok(exact.total > 14);
        // Counting exactly up to 5 articles: the first page's total is at least its rows and at most the truth.
        // PostgreSQL walks either way: each row checking its own articles, or probing the matching set read first;
        // and, when its statistics say the matches are many, starts that walk before the first matches are read.
        const plans: TextPlan[] = dialect === "postgres"
          ? [{ checkEach: false }, { checkEach: true }, { estimate: { matching: 1e6, articles: 1e6 } }, { estimate: { matching: 11, articles: 1e6 } }]
          : [{}];
        for (const { checkEach, estimate } of plans) {
          const plan = { exactArticles: 5, checkEach, estimate };
          const first = await listIncidents(db.kysely, dialect, { q, limit: 7 }, plan);
          assert.equal(first.totalAtLeast, true);
          assert.ok(first.total >= 7 && first.total <= exact.total, `total ${first.total}`);
          const ids: string[] = [];
          for (let offset = 0; ; offset += 7) {
            const page = await listIncidents(db.kysely, dialect, { q, limit: 7, offset }, plan);
            ids.push(...page.items.map((i) => i.id));
            if (page.items.length < 7) {
              // The last page knows every match before it: the total is exact again.
              assert.equal(page.totalAtLeast, undefined);
              assert.equal(page.total, exact.total);
              break;
            }
          }
          assert.deepEqual(ids, exact.items.map((i) => i.id), `checkEach ${checkEach}, estimate ${JSON.stringify(estimate)}`);
          // One page holding every match is exact.
          assert.deepEqual(await listIncidents(db.kysely, dialect, { q, limit: 1000 }, plan), exact);
        }
        // So is a text with another filter, and a text under the limit.
        const byCountry = new Map<string, number>();
        for (const i of exact.items) if (i.place?.country) byCountry.set(i.place.country, (byCountry.get(i.place.country) ?? 0) + 1);
        const [country, n] = [...byCountry.entries()].sort((a, b) => b[1] - a[1])[0];
        assert.ok(n >= 2);
        const withCountry = await store.listIncidents({ q, country, limit: 1 });
        assert.deepEqual(await listIncidents(db.kysely, dialect, { q, country, limit: 1 }, { exactArticles: 5 }), withCountry);
        assert.deepEqual([withCountry.total, withCountry.totalAtLeast], [n, undefined]);
        assert.deepEqual(await listIncidents(db.kysely, dialect, { q, limit: 7 }, { exactArticles: 10_000 }), await store.listIncidents({ q, limit: 7 }));
        // Statistics that overstate the matches start a walk that is not used: the answer is the exact query's.
        const overstated = { exactArticles: 10_000, estimate: { matching: 1e6, articles: 1e6 } };
        assert.deepEqual(await listIncidents(db.kysely, dialect, { q, limit: 7 }, overstated), await store.listIncidents({ q, limit: 7 }));
      } finally {
        await db.close();
      }
    });

    test("PostgreSQL's estimate of a word's matches, from its statistics, is near the true count and chooses how to walk", { skip: dialect !== "postgres" }, async () => {
      const db = await createDb(parseDbUrl(fresh.url));
      try {
        const kysely = db.kysely;
        await sql`ANALYZE article_search`.execute(kysely);
        const word = "hospital";
        // The truth, counted (earlier tests have deleted some articles).
        const count = async (where: RawBuilder<SqlBool>) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM article_search WHERE ${where}`.execute(kysely)).rows[0].n);
        const [truth, stored] = await Promise.all([count(sql<SqlBool>`tsv @@ websearch_to_tsquery('english', ${word})`), count(sql<SqlBool>`true`)]);
        assert.ok(truth > 20 && stored > 200);
        const estimate = await estimatedTextMatches(kysely, word);
        assert.ok(estimate, "statistics after ANALYZE");
        assert.ok(estimate.matching >= truth / 2 && estimate.matching <= truth * 2, `estimate ${estimate.matching}, truth ${truth}`);
        assert.ok(Math.abs(estimate.articles - stored) <= stored / 10, `articles ${estimate.articles}, stored ${stored}`);
        // A word in nearly every article is checked row by row; one absent from the statistics is not.
        assert.equal(textCheckedEach(await estimatedTextMatches(kysely, "report"), 7), true);
        assert.equal(textCheckedEach(await estimatedTextMatches(kysely, "zebrafish"), 7), false);
      } finally {
        await db.close();
      }
    });

    test("text search follows the stored articles and the incidents' members: after deletes and a recluster it finds the incidents of the articles that say the word", async () => {
      const word = "hospital";
      const saysWord = new Set(reports.filter((r) => `${r.article.title ?? ""} ${r.article.text}`.toLowerCase().split(/[^a-z]+/).includes(word)).map((r) => r.article.id));
      assert.ok(saysWord.size > 20);
      const check = async (when: string) => {
        const events = (await store.listEvents({ limit: 1000 })).items;
        const expected = new Set(events.filter((e) => saysWord.has(e.articleId) && e.incidentId !== null).map((e) => e.incidentId));
        const found = await store.listIncidents({ q: word, limit: 1000 });
        assert.deepEqual(new Set(found.items.map((i) => i.id)), expected, when);
        assert.equal(found.total, expected.size, when);
        assert.ok(expected.size > 0, when);
      };
      await check("as saved");
      // Half of the articles that say the word go: their incidents match only through another source that does.
      for (const id of [...saysWord].filter((_, k) => k % 2 === 0)) await store.deleteArticle(id);
      await check("after deleting articles that say the word");
      await store.recluster({ fromScratch: true });
      await check("after a recluster (members regrouped)");
      // Articles saved again after their deletion are searchable again.
      const back = reports.filter((r) => saysWord.has(r.article.id)).slice(0, 40);
      await store.saveReports(back.map((report) => ({ report })));
      await check("after saving deleted articles again");
    });
  });
}

describe("how a common text is walked on PostgreSQL (textCheckedEach)", () => {
  test("a word in a large share of the articles checks each walked row; a rare one, or one without statistics, reads its set", () => {
    // 500,000 articles, a page of 50: the two costs meet near sqrt(50 * 500,000) = 5,000 matching articles.
    assert.equal(textCheckedEach({ matching: 95_000, articles: 500_000 }, 50), true);
    assert.equal(textCheckedEach({ matching: 12_000, articles: 500_000 }, 50), true);
    assert.equal(textCheckedEach({ matching: 4_000, articles: 500_000 }, 50), false);
    // Deeper pages walk further: the same word reads its set for page 200.
    assert.equal(textCheckedEach({ matching: 12_000, articles: 500_000 }, 10_000), false);
    assert.equal(textCheckedEach(null, 50), false);
  });
});
