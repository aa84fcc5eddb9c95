import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createStore, DIALECTS, parseDbUrl, type SitrepStore } from "../../src/store/index.js";
import { createDb } from "../../src/store/db.js";
import { storeRows } from "../../src/store/save.js";
import { blockLockKey } from "../../src/store/clustering.js";
import { sampleReport } from "../../src/incidents/sample-report.js";
import { blockOf, profileEvent } from "../../src/incidents/index.js";
import { sql } from "kysely";
import { synthesiseReports } from "../../bench/store.js";
import type { Report } from "../../src/report.js";
import { seededRandom } from "../../src/random.js";
import { freshStore, skipReason, type FreshStore } from "./helpers.js";

/** 240 synthetic articles, a third of them re-reporting an earlier happening, so that incidents merge. */
const REPORTS = synthesiseReports(480, 2, 7);

function shuffled<T>(xs: T[], seed: number): T[] {
  const rand = seededRandom(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function storeAll(store: SitrepStore, reports: Report[], batch: number): Promise<void> {
  for (let i = 0; i < reports.length; i += batch) await store.saveReports(reports.slice(i, i + batch).map((report) => ({ report })));
}

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`incidents on ${dialect} are a function of the stored events`, { skip: reason ?? false }, () => {
    const opened: FreshStore[] = [];
    const open = async () => {
      const fresh = await freshStore(dialect);
      opened.push(fresh);
      return fresh.store;
    };
    after(async () => Promise.all(opened.map((f) => f.dispose())));

    let expected = "";

    test("three orders and three batch sizes give byte-identical incidents", async () => {
      const orders: [Report[], number][] = [[REPORTS, 1000], [[...REPORTS].reverse(), 7], [shuffled(REPORTS, 3), 1]];
      const snapshots: string[] = [];
      for (const [order, batch] of orders) {
        const store = await open();
        await storeAll(store, order, batch);
        snapshots.push(await store.incidentSnapshot());
      }
      expected = snapshots[0];
      const incidents = expected.split("\n").filter((l) => l.startsWith('{"incident"'));
      assert.ok(incidents.length > 100 && incidents.length < REPORTS.length * 2, `${incidents.length} incidents`);
      assert.ok(incidents.some((l) => (JSON.parse(l) as { members: unknown[] }).members.length > 1), "some incidents merge sources");
      assert.equal(snapshots[1], expected);
      assert.equal(snapshots[2], expected);
    });

    test("events left waiting by a process killed between rows and incidents are finished by saving the articles again", async () => {
      const fresh = await freshStore(dialect);
      opened.push(fresh);
      const db = await createDb(parseDbUrl(fresh.url));
      try {
        // the rows of every other article, as a killed process leaves them: stored, their events not clustered
        await storeRows(db, REPORTS.filter((_, i) => i % 2 === 0).map((report) => ({ report, source: {} })));
      } finally {
        await db.close();
      }
      assert.equal((await fresh.store.listIncidents({ limit: 1 })).total, 0);
      const saved = await fresh.store.saveReports(REPORTS.map((report) => ({ report })));
      assert.equal(saved.filter((r) => r.duplicate).length, Math.ceil(REPORTS.length / 2));
      assert.equal(await fresh.store.incidentSnapshot(), expected);
    });

    test("four writers at once (PostgreSQL: one store each, batches interleaved) give the same incidents", { skip: dialect === "sqlite" ? "SQLite has one writer" : false }, async () => {
      const first = await freshStore(dialect);
      opened.push(first);
      const others = await Promise.all([1, 2, 3].map(() => createStore(first.url)));
      try {
        const writers = [first.store, ...others];
        const order = shuffled(REPORTS, 11);
        await Promise.all(writers.map(async (store, w) => {
          for (let i = w * 25; i < order.length; i += writers.length * 25) await store.saveReports(order.slice(i, i + 25).map((report) => ({ report })));
        }));
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
      assert.equal(await first.store.incidentSnapshot(), expected);
    });

    test("a writer never waits for a block another holds: its events wait, and whoever locks the block next finishes them", { skip: dialect === "sqlite" ? "SQLite has one writer" : false }, async () => {
      const fresh = await freshStore(dialect);
      opened.push(fresh);
      const blocks = [...new Set(REPORTS.flatMap((r) => r.events.map((e) => blockOf(profileEvent(r, e)))))].sort();
      // Another writer in the middle of its transaction holds every block, then dies without finishing anything.
      const holder = await createDb(parseDbUrl(fresh.url));
      let die!: () => void;
      const dies = new Promise<void>((resolve) => (die = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const transaction = holder.kysely.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${sql.raw(blockLockKey("b"))}) FROM unnest(${blocks}::text[]) AS t(b)`.execute(trx);
        holding();
        await dies;
        throw new Error("killed");
      }).catch(() => undefined);
      try {
        await held;
        const saved = await fresh.store.saveReports(REPORTS.map((report) => ({ report })));
        assert.equal(saved.filter((r) => r.duplicate).length, 0);
        assert.equal((await fresh.store.listIncidents({ limit: 1 })).total, 0, "every block was held: nothing clustered yet");
        const waiting = await fresh.store.finishIncidents();
        assert.ok(waiting > REPORTS.length, `${waiting} events wait while the blocks are held`);
      } finally {
        die();
        await transaction;
        await holder.close();
      }
      assert.equal(await fresh.store.finishIncidents(), 0);
      assert.equal(await fresh.store.incidentSnapshot(), expected);
    });

    test("stores in two schemas of one database never hold each other's blocks", { skip: dialect === "sqlite" ? "SQLite has one writer" : false }, async () => {
      const [mine, other] = [await freshStore(dialect), await freshStore(dialect)];
      opened.push(mine, other);
      const blocks = [...new Set(REPORTS.flatMap((r) => r.events.map((e) => blockOf(profileEvent(r, e)))))].sort();
      const holder = await createDb(parseDbUrl(other.url));
      try {
        await holder.kysely.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(${sql.raw(blockLockKey("b"))}) FROM unnest(${blocks}::text[]) AS t(b)`.execute(trx);
          await mine.store.saveReports(REPORTS.map((report) => ({ report })));
        });
      } finally {
        await holder.close();
      }
      assert.equal(await mine.store.waitingEvents(), 0);
      assert.equal(await mine.store.incidentSnapshot(), expected);
    });

    test("recluster from scratch reproduces them, and a recluster that changes nothing writes nothing new", async () => {
      const store = opened[0].store;
      await store.recluster({ fromScratch: true });
      assert.equal(await store.incidentSnapshot(), expected);
      await store.recluster();
      assert.equal(await store.incidentSnapshot(), expected);
    });

    test("vague events (undated, or dated to a year) give the same incidents in any order, and recluster reproduces them", async () => {
      const town = { name: "Vale Town", lat: 12.5, lon: 21.5, country: "TD", admin1: "Vale", precision: 1 as const };
      const strike: [string, string] = ["Explosions/Remote violence", "Air/drone strike"];
      const vague = [
        sampleReport({ id: "vague-1", outlet: "Outlet V1", title: "Strike on Vale Town", published: "2021-03-02", events: [{ acled: strike, place: town, date: "2021-03-02", killed: 4 }] }),
        sampleReport({ id: "vague-2", outlet: "Outlet V2", title: "Strike on Vale Town", published: null, events: [{ acled: strike, place: town, killed: 4 }] }),
        sampleReport({ id: "vague-3", outlet: "Outlet V3", title: "Strike on Vale Town", published: "2021-03-05", events: [{ acled: strike, place: town, date: "2021", killed: 5 }] }),
        sampleReport({ id: "vague-4", outlet: "Outlet V4", title: "Strike on Vale Town", published: null, events: [{ acled: strike, place: town, date: "2019", killed: 2 }] }),
        sampleReport({ id: "vague-5", outlet: "Outlet V5", title: "Strike on Vale Town", published: "2021-03-03", events: [{ acled: strike, place: town, date: "2021-03-03", killed: 4 }] }),
      ];
      const snapshots: string[] = [];
      for (const order of [vague, [...vague].reverse(), shuffled(vague, 5)]) {
        const store = await open();
        await storeAll(store, order, 1);
        snapshots.push(await store.incidentSnapshot());
      }
      assert.equal(snapshots[1], snapshots[0]);
      assert.equal(snapshots[2], snapshots[0]);
      const sizes = snapshots[0].split("\n").filter((l) => l.startsWith('{"incident"')).map((l) => (JSON.parse(l) as { members: unknown[] }).members.length);
      assert.deepEqual(sizes.sort(), [1, 4], "the undated and the 2021 reports join the dated strike; the 2019 one stays apart");
      const store = await open();
      await storeAll(store, vague, 5);
      await store.recluster({ fromScratch: true });
      assert.equal(await store.incidentSnapshot(), snapshots[0]);
    });

    test("deleting an article gives the incidents of a store that never had it", async () => {
      const merged = expected.split("\n").filter((l) => l.startsWith('{"incident"')).map((l) => JSON.parse(l) as { members: [string][] })
        .find((i) => i.members.length > 2)!;
      const victim = merged.members[1][0].split(":")[0];
      const store = opened[1].store;
      assert.equal(await store.deleteArticle(victim), true);
      assert.equal(await store.deleteArticle(victim), false);
      assert.equal(await store.getArticle(victim), null);
      const without = await open();
      await storeAll(without, REPORTS.filter((r) => r.article.id !== victim), 100);
      assert.equal(await store.incidentSnapshot(), await without.incidentSnapshot());
    });

    test("an article deleted and stored again with other events gives the incidents of a store that only had the new one", async () => {
      // Merged incidents of the expected store: `victim` is a source of one, `other` and `late` of another.
      const merged = expected.split("\n").filter((l) => l.startsWith('{"incident"')).map((l) => JSON.parse(l) as { members: [string][] })
        .filter((i) => new Set(i.members.map((m) => m[0].split(":")[0])).size > 1);
      const articlesOf = (i: { members: [string][] }) => [...new Set(i.members.map((m) => m[0].split(":")[0]))];
      const [other, late] = articlesOf(merged[0]);
      // The victim was read as a candidate of a later batch (an earlier source of an incident whose other source
      // came 50 or more articles later), so a store that kept its old profile in memory would misuse it.
      const position = new Map(REPORTS.map((r, i) => [r.article.id, i]));
      const victim = merged.slice(1).map(articlesOf)
        .filter((as) => !as.includes(other) && !as.includes(late))
        .map((as) => as.sort((a, b) => position.get(a)! - position.get(b)!))
        .find((as) => position.get(as.at(-1)!)! - position.get(as[0])! >= 50)![0];
      const byId = new Map(REPORTS.map((r) => [r.article.id, r]));
      // The victim's id, the other article's events (the other article itself never stored): its event keys are the
      // victim's old ones, its profiles are not, and `late` can link to the happening only through them.
      const copy = structuredClone(byId.get(other)!);
      const replacement: Report = { ...copy, article: { ...copy.article, id: victim } };
      const first = REPORTS.filter((r) => r.article.id !== late && r.article.id !== other);
      const store = await open();
      await storeAll(store, first, 50);
      assert.equal(await store.deleteArticle(victim), true);
      await store.saveReports([{ report: replacement }]);
      await store.saveReports([{ report: byId.get(late)! }]);
      const fresh = await open();
      await storeAll(fresh, [...first.filter((r) => r.article.id !== victim), replacement, byId.get(late)!], 50);
      assert.equal(await store.incidentSnapshot(), await fresh.incidentSnapshot());
    });

    test("keyset pages (after the previous page's next) list the same incidents and events as offsets", async () => {
      const store = opened[0].store;
      for (const list of [(f: { limit: number; offset?: number; after?: string; country?: string }) => store.listIncidents(f), (f: { limit: number; offset?: number; after?: string; country?: string }) => store.listEvents(f)]) {
        for (const country of [undefined, "SY"]) {
          const byOffset: string[] = [];
          for (let offset = 0; ; offset += 7) {
            const p = await list({ limit: 7, offset, country });
            byOffset.push(...p.items.map((i) => i.id));
            if (p.items.length < 7) break;
          }
          const byCursor: string[] = [];
          let after: string | undefined;
          for (;;) {
            const p = await list({ limit: 7, after, country });
            byCursor.push(...p.items.map((i) => i.id));
            if (!p.next) break;
            after = p.next;
          }
          assert.ok(byOffset.length > 7);
          assert.deepEqual(byCursor, byOffset);
        }
      }
      await assert.rejects(store.listIncidents({ after: "bm90LWEtY3Vyc29y" }), /not a cursor/);
    });

    test("an article saved again in a later batch, or twice in one batch, is a duplicate", async () => {
      const store = await open();
      const [a, b] = REPORTS;
      const first = await store.saveReports([{ report: a }, { report: a }, { report: b }]);
      assert.deepEqual(first.map((r) => r.duplicate), [false, true, false]);
      const again = await store.saveReports([{ report: b }]);
      assert.equal(again[0].duplicate, true);
      assert.deepEqual(again[0].incidentIds, first[2].incidentIds);
    });
  });

  describe(`one bad item never breaks the store on ${dialect}`, { skip: reason ?? false }, () => {
    let fresh: FreshStore;
    after(async () => fresh?.dispose());

    test("absurd figures are clamped to whole numbers in range, NULs stripped, thousands of places stored", async () => {
      fresh = await freshStore(dialect);
      const store = fresh.store;
      const huge = sampleReport({
        title: "A storm of numbers", published: "2020-02-02",
        text: `${"Calm words. ".repeat(1000)}A strike\u0000 hit the town.`,
        events: [{ acled: ["Explosions/Remote violence", "Air/drone strike"], place: { name: "Testville", country: "SY", lat: 35, lon: 38 }, date: "2020-02-01", killed: 1e309 }],
      });
      huge.events[0].casualties!.injured = { low: -5, best: 2_147_483_648.6, high: Number.NaN };
      huge.places.push(...Array.from({ length: 5000 }, (_, i) => ({ ...huge.places[0], id: `p-extra-${i}`, name: `Place ${i}` })));
      const [saved] = await store.saveReports([{ report: huge }]);
      assert.equal(saved.duplicate, false);
      const incident = (await store.listIncidents({ country: "SY" })).items[0];
      assert.deepEqual(incident.killed, { low: 10_000_000, best: 10_000_000, high: 10_000_000 });
      // a high figure that is not a number says nothing beyond the best one
      assert.deepEqual(incident.injured, { low: 0, best: 10_000_000, high: 10_000_000 });
      const stored = (await store.getArticle(huge.article.id))!;
      assert.equal(stored.places.length, 5001);
      assert.ok(!stored.article.text.includes("\u0000"));
      assert.equal((await store.listIncidents({ limit: 200 })).total, 1);
      assert.equal((await store.listEvents({})).items[0].killed?.best, 10_000_000);
    });

    test("recorded ingest errors keep their file, item and reason", async () => {
      await fresh.store.recordIngestErrors([{ source: "feeds/a.ndjson", item: "line 3", reason: "not JSON\u0000" }]);
      await fresh.store.recordIngestErrors([]);
      await fresh.store.recordIngestErrors([{ source: "b.csv", reason: "row 9: no text" }]);
      const errors = await fresh.store.ingestErrors();
      assert.deepEqual(errors.map((e) => [e.source, e.item, e.reason]), [["b.csv", null, "row 9: no text"], ["feeds/a.ndjson", "line 3", "not JSON"]]);
    });
  });
}
