import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { createStore, DIALECTS, parseDbUrl } from "../../src/store/index.js";
import { createDb } from "../../src/store/db.js";
import { buildInBulk, synthesiseReports } from "../../bench/store.js";
import { freshLocation, skipReason } from "./helpers.js";

/** The store's indexes, by name and definition (the schema's name left out), as the database lists them. */
async function indexes(url: string): Promise<string[]> {
  const db = await createDb(parseDbUrl(url));
  try {
    const rows = db.dialect === "sqlite"
      ? (await sql<{ d: string }>`SELECT name || ' ' || coalesce(sql, '') AS d FROM sqlite_master WHERE type = 'index'`.execute(db.kysely)).rows
      : (await sql<{ d: string }>`SELECT indexname || ' ' || replace(indexdef, current_schema() || '.', '') AS d FROM pg_indexes WHERE schemaname = current_schema()`.execute(db.kysely)).rows;
    return rows.map((r) => r.d).sort();
  } finally {
    await db.close();
  }
}

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`the bench's bulk build on ${dialect}`, { skip: reason ?? false }, () => {
    const locations = [freshLocation(dialect), freshLocation(dialect), freshLocation(dialect)];
    after(async () => Promise.all(locations.map((l) => l.dispose())));

    test("gives the incidents that ingesting the same articles gives, and every index of a fresh store", async () => {
      const [built, ingested, fresh] = locations.map((l) => l.url);
      await buildInBulk(built, dialect, 600, 2);
      const store = await createStore(ingested);
      try {
        await store.saveReports(synthesiseReports(600, 2).map((report) => ({ report })));
      } finally {
        await store.close();
      }
      await (await createStore(fresh)).close();
      const snapshot = async (url: string) => {
        const s = await createStore(url);
        try {
          return await s.incidentSnapshot();
        } finally {
          await s.close();
        }
      };
      const expected = await snapshot(ingested);
      assert.ok(expected.includes('"incident"'));
      assert.equal(await snapshot(built), expected);
      assert.deepEqual(await indexes(built), await indexes(fresh));
    });
  });
}
