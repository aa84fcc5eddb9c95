/**
 * Indexes whose columns begin another index's drop: every lookup they served, the longer index serves (a B-tree
 * is searched by any prefix of its columns), and each one cost every insert of an event or incident a write.
 * - events (country): events_country_order_idx (country, date_start, id);
 * - incidents (date_start), (country), (type): incidents_order_idx (date_start, id), incidents_country_order_idx
 *   (country, date_start, id), incidents_type_order_idx (type, date_start, id).
 */
import type { Kysely, Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const DROPPED: [name: string, table: string, column: string][] = [
  ["events_country_idx", "events", "country"],
  ["incidents_date_start_idx", "incidents", "date_start"],
  ["incidents_country_idx", "incidents", "country"],
  ["incidents_type_idx", "incidents", "type"],
];

export function dropPrefixIndexes(): Migration {
  return {
    async up(db: AnyDb) {
      for (const [name] of DROPPED) await db.schema.dropIndex(name).ifExists().execute();
    },
    async down(db: AnyDb) {
      for (const [name, table, column] of DROPPED) await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute();
    },
  };
}
