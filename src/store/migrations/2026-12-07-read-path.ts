/**
 * Reads that stay fast at a million events (see queries.ts for the plans these serve):
 * - the list order (newest first, then id) after each ACLED type column, so that a type filter reads its page off
 *   an index instead of sorting every match (they replace the one-column indexes on those columns);
 * - (actor_key, incident_id) and (article_id, incident_id): the actor and text filters count their incidents from
 *   the index alone (they replace the one-column indexes on actor_key and article_id);
 * - (country, date_start, date_end) on events: a country and date range counted from the index alone;
 * - incident_day_types, the per-day counts summed over countries (as many rows as a country's timeline), kept by
 *   triggers on incident_days, so the timeline without a country reads a few thousand rows whatever the store's
 *   size, and the write path needs no change; incident_days gets the covering order for a country's timeline.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "../db.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function readPath(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      const order = dialect === "postgres" ? "date_start DESC NULLS LAST, id DESC" : "date_start, id";
      await sql.raw(`CREATE INDEX incidents_sub_event_order_idx ON incidents (acled_sub_event_type, ${order})`).execute(db);
      await sql.raw(`CREATE INDEX incidents_event_type_order_idx ON incidents (acled_event_type, ${order})`).execute(db);
      await db.schema.dropIndex("incidents_acled_sub_event_type_idx").ifExists().execute();
      await db.schema.dropIndex("incidents_acled_event_type_idx").ifExists().execute();

      await db.schema.createIndex("incident_actors_actor_incident_idx").on("incident_actors").columns(["actor_key", "incident_id"]).execute();
      await db.schema.dropIndex("incident_actors_actor_idx").ifExists().execute();
      await db.schema.createIndex("events_article_incident_idx").on("events").columns(["article_id", "incident_id"]).execute();
      await db.schema.dropIndex("events_article_id_idx").ifExists().execute();
      await db.schema.createIndex("events_country_span_idx").on("events").columns(["country", "date_start", "date_end"]).execute();

      await db.schema.createIndex("incident_days_country_day_type_idx").on("incident_days").columns(["country", "day", "type", "n"]).execute();
      await db.schema.dropIndex("incident_days_country_idx").ifExists().execute();

      await db.schema
        .createTable("incident_day_types")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_day_types_pk", ["day", "type"])
        .execute();
      if (dialect === "sqlite") {
        const add = (d: string, t: string, n: string) =>
          `INSERT INTO incident_day_types (day, type, n) SELECT ${d}, ${t}, ${n} WHERE ${n} != 0 ON CONFLICT (day, type) DO UPDATE SET n = n + excluded.n;`;
        const sub = (d: string, t: string, n: string) =>
          `UPDATE incident_day_types SET n = n - ${n} WHERE day = ${d} AND type = ${t}; DELETE FROM incident_day_types WHERE day = ${d} AND type = ${t} AND n = 0;`;
        await sql.raw(`CREATE TRIGGER incident_days_ins AFTER INSERT ON incident_days BEGIN ${add("new.day", "new.type", "new.n")} END`).execute(db);
        await sql.raw(`CREATE TRIGGER incident_days_upd AFTER UPDATE ON incident_days BEGIN ${sub("old.day", "old.type", "old.n")} ${add("new.day", "new.type", "new.n")} END`).execute(db);
        await sql.raw(`CREATE TRIGGER incident_days_del AFTER DELETE ON incident_days BEGIN ${sub("old.day", "old.type", "old.n")} END`).execute(db);
      } else {
        await sql.raw(`CREATE FUNCTION incident_day_types_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE incident_day_types SET n = n - OLD.n WHERE day = OLD.day AND type = OLD.type;
    DELETE FROM incident_day_types WHERE day = OLD.day AND type = OLD.type AND n = 0;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.n <> 0 THEN
    INSERT INTO incident_day_types (day, type, n) VALUES (NEW.day, NEW.type, NEW.n)
      ON CONFLICT (day, type) DO UPDATE SET n = incident_day_types.n + excluded.n;
  END IF;
  RETURN NULL;
END $$`).execute(db);
        await sql.raw(`CREATE TRIGGER incident_days_keep AFTER INSERT OR UPDATE OR DELETE ON incident_days FOR EACH ROW EXECUTE FUNCTION incident_day_types_keep()`).execute(db);
      }
      await sql`INSERT INTO incident_day_types (day, type, n) SELECT day, type, sum(n) FROM incident_days GROUP BY day, type HAVING sum(n) <> 0`.execute(db);
    },

    async down(db: AnyDb) {
      if (dialect === "sqlite") {
        for (const t of ["incident_days_ins", "incident_days_upd", "incident_days_del"]) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
      } else {
        await sql.raw("DROP TRIGGER IF EXISTS incident_days_keep ON incident_days").execute(db);
        await sql.raw("DROP FUNCTION IF EXISTS incident_day_types_keep()").execute(db);
      }
      await db.schema.dropTable("incident_day_types").ifExists().execute();
      for (const idx of [
        "incidents_sub_event_order_idx", "incidents_event_type_order_idx", "incident_actors_actor_incident_idx", "events_article_incident_idx",
        "events_country_span_idx", "incident_days_country_day_type_idx",
      ]) await db.schema.dropIndex(idx).ifExists().execute();
      await db.schema.createIndex("incidents_acled_sub_event_type_idx").on("incidents").column("acled_sub_event_type").execute();
      await db.schema.createIndex("incidents_acled_event_type_idx").on("incidents").column("acled_event_type").execute();
      await db.schema.createIndex("incident_actors_actor_idx").on("incident_actors").column("actor_key").execute();
      await db.schema.createIndex("events_article_id_idx").on("events").column("article_id").execute();
      await db.schema.createIndex("incident_days_country_idx").on("incident_days").columns(["country", "day"]).execute();
    },
  };
}
