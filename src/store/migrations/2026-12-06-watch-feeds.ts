/**
 * `sitrep watch` keeps each feed's state in the store: its validators (ETag, Last-Modified), its failures and
 * next poll time, and the keys of the items already stored. A restarted watcher then sends the same conditional
 * request and skips the items it stored, instead of fetching and extracting whole feeds again.
 */
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function feedStateTables(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("feeds")
        .addColumn("url", "text", (c) => c.primaryKey())
        .addColumn("etag", "text")
        .addColumn("last_modified", "text")
        .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
        // ms since the epoch, as text: a bigint would come back as a string from PostgreSQL anyway
        .addColumn("next_at", "text", (c) => c.notNull())
        .addColumn("last_polled_at", "text")
        .addColumn("last_status", "text")
        .execute();
      await db.schema
        .createTable("feed_items")
        .addColumn("feed_url", "text", (c) => c.notNull())
        .addColumn("item_key", "text", (c) => c.notNull())
        .addColumn("stored_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("feed_items_pk", ["feed_url", "item_key"])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("feed_items").execute();
      await db.schema.dropTable("feeds").execute();
    },
  };
}
