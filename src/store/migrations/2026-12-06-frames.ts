/**
 * What the incident matcher compares beyond an event's own fields: the people and groups the sentences telling it
 * name, where its article's lead sets the story, and whether it is the article's lede (src/incidents/profile.ts).
 * Kept as one JSON column so the store's merges see the same frame the matcher was trained on. Events stored
 * before this migration have none and are compared on their own fields until re-stored.
 */
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function eventFrames(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("events").addColumn("frame", "text").execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable("events").dropColumn("frame").execute();
    },
  };
}
