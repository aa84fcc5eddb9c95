/**
 * Deterministic incidents and queries at scale: each event's block (type and country) and date width, the link
 * component it belongs to (null while it waits to be clustered), per-day incident counts for the timeline and
 * facets, and the log of items an ingest could not store. Events stored before this migration get their block
 * here and wait, unclustered, for `sitrep recluster`.
 */
import type { Kysely, Migration } from "kysely";
import { rebuildIncidentDays } from "../clustering.js";
import { blockOf, dateWidth } from "../../incidents/cluster.js";
import type { Dialect } from "../db.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

interface OldEventRow {
  id: string;
  type: string;
  country: string | null;
  date_start: string | null;
  date_end: string | null;
  negated: number;
  hypothetical: number;
}

export function blocksAndAggregates(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable("events").addColumn("block", "text").execute();
      await db.schema.alterTable("events").addColumn("date_width", "integer").execute();
      await db.schema.alterTable("events").addColumn("cluster_id", "text").execute();
      await db.schema.createIndex("events_block_idx").on("events").columns(["block", "date_width", "date_start"]).execute();
      await db.schema.createIndex("events_cluster_idx").on("events").column("cluster_id").execute();
      // The list's default order and keyset pagination: newest first, then id.
      await db.schema.createIndex("incidents_order_idx").on("incidents").columns(["date_start", "id"]).execute();
      await db.schema.createIndex("incidents_country_order_idx").on("incidents").columns(["country", "date_start", "id"]).execute();
      await db.schema.createIndex("incidents_type_order_idx").on("incidents").columns(["type", "date_start", "id"]).execute();
      await db.schema.createIndex("events_order_idx").on("events").columns(["date_start", "id"]).execute();
      await db.schema.createIndex("events_country_date_idx").on("events").columns(["country", "date_start"]).execute();

      await db.schema
        .createTable("incident_days")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("country", "text", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_days_pk", ["day", "type", "country"])
        .execute();
      await db.schema.createIndex("incident_days_country_idx").on("incident_days").columns(["country", "day"]).execute();

      await db.schema
        .createTable("ingest_errors")
        .addColumn("id", dialect === "sqlite" ? "integer" : "serial", (c) => (dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("item", "text")
        .addColumn("reason", "text", (c) => c.notNull())
        .execute();

      // Existing events: their block and width, from the columns (negated and hypothetical ones join nothing).
      const rows = (await db.selectFrom("events").select(["id", "type", "country", "date_start", "date_end", "negated", "hypothetical"]).execute()) as OldEventRow[];
      for (const r of rows) {
        if (Number(r.negated) || Number(r.hypothetical)) continue;
        const block = blockOf({ type: r.type as never, place: r.country ? ({ country: r.country } as never) : null });
        await db.updateTable("events").set({ block, date_width: dateWidth({ start: r.date_start, end: r.date_end }) }).where("id", "=", r.id).execute();
      }
      await rebuildIncidentDays(db);
    },

    async down(db: AnyDb) {
      await db.schema.dropTable("ingest_errors").ifExists().execute();
      await db.schema.dropTable("incident_days").ifExists().execute();
      for (const idx of ["events_block_idx", "events_cluster_idx", "incidents_order_idx", "incidents_country_order_idx", "incidents_type_order_idx", "events_order_idx", "events_country_date_idx"]) {
        await db.schema.dropIndex(idx).ifExists().execute();
      }
      for (const col of ["block", "date_width", "cluster_id"]) await db.schema.alterTable("events").dropColumn(col).execute();
    },
  };
}
