/**
 * What a text query over many articles needs, on a large store:
 * - SQLite: `article_search_keys` (the full-text row's integer key -> article id), so that the articles matching a
 *   query are read as keys straight off the FTS5 index. Reading `article_fts.article_id` fetches each match's stored
 *   row (its whole text) from the FTS table: at a million events a query matching 10,000 articles spent most of its
 *   time there. The keys also make deleting an article's text a lookup instead of a scan of every text.
 * - Both: the events' incident index carries the article id (incident_id, article_id), so that a list walked newest
 *   first checks each incident's articles against a query without reading its event rows.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "../db.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function textSearchKeys(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === "sqlite") {
        await sql`CREATE TABLE article_search_keys (key INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE)`.execute(db);
        await sql`INSERT INTO article_search_keys (key, article_id) SELECT rowid, article_id FROM article_fts`.execute(db);
      }
      await db.schema.createIndex("events_incident_article_idx").ifNotExists().on("events").columns(["incident_id", "article_id"]).execute();
      await db.schema.dropIndex("events_incident_id_idx").ifExists().execute();
    },
    async down(db: AnyDb) {
      await db.schema.createIndex("events_incident_id_idx").ifNotExists().on("events").column("incident_id").execute();
      await db.schema.dropIndex("events_incident_article_idx").ifExists().execute();
      if (dialect === "sqlite") await sql`DROP TABLE IF EXISTS article_search_keys`.execute(db);
    },
  };
}
