/**
 * Deterministic incidents and queries at scale: each event's block (type and country) and date width, the link
 * component it belongs to (null while it waits to be clustered), per-day incident counts for the timeline and
 * facets, and the log of items an ingest could not store. Events stored before this migration get their block
 * here and wait, unclustered, for `sitrep recluster`.
 */
import { sql, type Kysely, type Migration } from "kysely";
import { rebuildIncidentDays } from "../clustering.js";
import { daysBetween } from "../../incidents/dates.js";
import { LONG_SPAN_DAYS } from "../queries.js";
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
      // Date-range filters: an incident spanning at most a month starts at most a month before the range.
      await db.schema.alterTable("incidents").addColumn("long_span", "integer", (c) => c.notNull().defaultTo(0)).execute();
      const spans = await db.selectFrom("incidents").select(["id", "date_start", "date_end"]).where("date_start", "is not", null).whereRef("date_end", "!=", "date_start").execute();
      for (const r of spans as { id: string; date_start: string; date_end: string | null }[]) {
        if (r.date_end && daysBetween(r.date_start, r.date_end) > LONG_SPAN_DAYS) await db.updateTable("incidents").set({ long_span: 1 }).where("id", "=", r.id).execute();
      }
      await db.schema.createIndex("incidents_span_start_idx").on("incidents").columns(["long_span", "date_start", "date_end"]).execute();
      // The lists' order, newest first and undated last, then id (queries.ts newestFirst), read off an index: SQLite
      // sorts NULL lowest, so a backward scan of (date_start, id) is that order; PostgreSQL needs it spelt out.
      const order = dialect === "postgres" ? "date_start DESC NULLS LAST, id DESC" : "date_start, id";
      for (const [name, table, lead] of [
        ["incidents_order_idx", "incidents", ""], ["incidents_country_order_idx", "incidents", "country, "],
        ["incidents_type_order_idx", "incidents", "type, "], ["events_order_idx", "events", ""], ["events_country_order_idx", "events", "country, "],
      ] as const) {
        await sql.raw(`CREATE INDEX ${name} ON ${table} (${lead}${order})`).execute(db);
      }

      await db.schema
        .createTable("incident_days")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("country", "text", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_days_pk", ["day", "type", "country"])
        .execute();
      await db.schema.createIndex("incident_days_country_idx").on("incident_days").columns(["country", "day"]).execute();
      // The same counts summed over days: facets and list totals read these few rows.
      await db.schema
        .createTable("incident_totals")
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("country", "text", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_totals_pk", ["type", "country"])
        .execute();

      // Incidents per actor (as actor, not target): the facets' top actors without a scan of incident_actors.
      await db.schema
        .createTable("actor_counts")
        .addColumn("actor_key", "text", (c) => c.primaryKey())
        .addColumn("n", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("actor_counts_n_idx").on("actor_counts").column("n").execute();

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
      await db.schema.dropTable("incident_totals").ifExists().execute();
      await db.schema.dropTable("actor_counts").ifExists().execute();
      for (const idx of ["events_block_idx", "events_cluster_idx", "incidents_order_idx", "incidents_country_order_idx", "incidents_type_order_idx", "events_order_idx", "events_country_order_idx"]) {
        await db.schema.dropIndex(idx).ifExists().execute();
      }
      for (const col of ["block", "date_width", "cluster_id"]) await db.schema.alterTable("events").dropColumn(col).execute();
      await db.schema.dropIndex("incidents_span_start_idx").ifExists().execute();
      await db.schema.alterTable("incidents").dropColumn("long_span").execute();
    },
  };
}
