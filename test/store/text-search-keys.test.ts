/**
 * The migration that keys SQLite's full-text rows (src/store/migrations/2026-12-12-text-search-keys.ts): a store
 * whose texts were indexed before it finds them by their keys after it, and deleting an article removes its text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Migrator, sql } from "kysely";
import { createDb } from "../../src/store/db.js";
import { createStore, parseDbUrl } from "../../src/store/index.js";
import { migrationProvider } from "../../src/store/migrations/index.js";
import { sampleReport } from "../../src/incidents/sample-report.js";
import { freshLocation } from "./helpers.js";

test("texts indexed before the search keys existed are found through them after the migration, and leave with their article", async () => {
  const location = freshLocation("sqlite");
  try {
    const db = await createDb(parseDbUrl(location.url));
    try {
      const migrator = new Migrator({ db: db.kysely, provider: migrationProvider("sqlite") });
      const before = await migrator.migrateTo("2026-12-11-cheaper-article-writes");
      assert.equal(before.error, undefined);
      // The full-text rows an older store holds: no key table beside them yet.
      for (const [id, text] of [["a1", "Floods cut the northern road"], ["a2", "A convoy reached the clinic"], ["a3", "The clinic reopened after floods"]]) {
        await sql`INSERT INTO article_fts(article_id, title, text) VALUES (${id}, '', ${text})`.execute(db.kysely);
      }
    } finally {
      await db.close();
    }
    const store = await createStore(location.url);
    try {
      const raw = await createDb(parseDbUrl(location.url));
      try {
        const keyed = await sql<{ article_id: string }>`SELECT article_id FROM article_search_keys ORDER BY article_id`.execute(raw.kysely);
        assert.deepEqual(keyed.rows.map((r) => r.article_id), ["a1", "a2", "a3"]);
        const matching = async (q: string) => (await sql<{ article_id: string }>`SELECT k.article_id FROM article_search_keys k
          WHERE k.key IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ${q}) ORDER BY k.article_id`.execute(raw.kysely)).rows.map((r) => r.article_id);
        assert.deepEqual(await matching("floods"), ["a1", "a3"]);
        // A new article is keyed as it is indexed; deleting one takes its text and its key.
        const report = sampleReport({ title: "Clinic shelled", events: [{ place: { name: "Kolda", lat: 12.9, lon: -14.9, country: "SN", admin1: "Kolda", featureType: "city", precision: 1 }, date: "2024-05-02", killed: 2 }] });
        await store.saveReport(report);
        assert.deepEqual(await matching("clinic"), [report.article.id, "a2", "a3"].sort());
        await store.deleteArticle(report.article.id);
        assert.deepEqual(await matching("clinic"), ["a2", "a3"]);
        const left = await sql<{ n: number }>`SELECT count(*) AS n FROM article_search_keys`.execute(raw.kysely);
        assert.equal(Number(left.rows[0].n), 3);
      } finally {
        await raw.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await location.dispose();
  }
});
