/**
 * The waiting events (joining incidents, not clustered yet: cluster_id null), by block: which blocks are dirty.
 * Writers on PostgreSQL leave a block's new events waiting when another writer holds the block, and whoever holds
 * it next clusters every waiting event of it (clustering.ts clusterDirtyBlocks); this index answers "is any block
 * of these dirty" in a lookup, whatever the store's size (rows leave it as soon as they are clustered).
 */
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function waitingEvents(): Migration {
  return {
    async up(db: AnyDb) {
      await sql`CREATE INDEX events_waiting_idx ON events (block) WHERE cluster_id IS NULL AND block IS NOT NULL`.execute(db);
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex("events_waiting_idx").ifExists().execute();
    },
  };
}
