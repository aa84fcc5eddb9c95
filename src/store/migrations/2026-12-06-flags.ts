/**
 * Analysts' flags: a wrong merge or a wrong fact, with who raised it and when. A flag sits beside the machine's
 * record and never edits it, so the machine's version is always there to compare with (and to re-run against).
 */
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function createFlags(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("flags")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("incident_id", "text", (c) => c.notNull())
        .addColumn("event_id", "text")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("field", "text")
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("suggested", "text")
        .addColumn("machine_value", "text", (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("flags_incident_idx").on("flags").column("incident_id").execute();
      await db.schema.createIndex("flags_created_idx").on("flags").column("created_at").execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable("flags").execute();
    },
  };
}
