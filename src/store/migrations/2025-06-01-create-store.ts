/**
 * The first schema: articles with their whole report, the normalised tables every query filter uses, and the
 * full-text index. Frozen: later changes go in a new, later-dated migration.
 */
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../db.js";
import { createFullTextIndex, dropFullTextIndex } from "../sql-helpers.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const REAL = "double precision";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function placeAndDateColumns<T extends { addColumn: (...a: any[]) => T }>(t: T): T {
  return t
    .addColumn("date_start", "text")
    .addColumn("date_end", "text")
    .addColumn("granularity", "text")
    .addColumn("place_name", "text")
    .addColumn("lat", REAL)
    .addColumn("lon", REAL)
    .addColumn("country", "text")
    .addColumn("admin1", "text")
    .addColumn("feature_type", "text")
    .addColumn("precision", "integer")
    .addColumn("killed_low", "integer")
    .addColumn("killed_best", "integer")
    .addColumn("killed_high", "integer")
    .addColumn("injured_low", "integer")
    .addColumn("injured_best", "integer")
    .addColumn("injured_high", "integer")
    .addColumn("victims", "text");
}

export function createStore(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("articles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("title", "text")
        .addColumn("published", "text")
        .addColumn("published_day", "text")
        .addColumn("url", "text")
        .addColumn("outlet", "text")
        .addColumn("origin", "text")
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("agencies", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("report", "text", (c) => c.notNull())
        .addColumn("event_count", "integer", (c) => c.notNull())
        .addColumn("ingested_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("articles_published_day_idx").on("articles").column("published_day").execute();
      await db.schema.createIndex("articles_outlet_idx").on("articles").column("outlet").execute();
      await createFullTextIndex(db, dialect);

      await db.schema
        .createTable("actors")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("entities")
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("entity_key", "text", (c) => c.notNull())
        .addColumn("actor_key", "text", (c) => c.notNull().references("actors.key"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("country", "text")
        .addPrimaryKeyConstraint("entities_pk", ["article_id", "entity_key"])
        .execute();
      await db.schema.createIndex("entities_actor_idx").on("entities").column("actor_key").execute();

      await db.schema
        .createTable("places")
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("place_key", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("geoname_id", "integer")
        .addColumn("lat", REAL)
        .addColumn("lon", REAL)
        .addColumn("country", "text")
        .addColumn("admin1", "text")
        .addColumn("feature_type", "text", (c) => c.notNull())
        .addColumn("precision", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("places_pk", ["article_id", "place_key"])
        .execute();
      await db.schema.createIndex("places_geoname_idx").on("places").column("geoname_id").execute();

      await db.schema
        .createTable("quotes")
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("speaker_name", "text")
        .addColumn("speaker_text", "text")
        .addColumn("cue", "text")
        .addColumn("evidence", "text", (c) => c.notNull())
        .addColumn("confidence", REAL, (c) => c.notNull())
        .addPrimaryKeyConstraint("quotes_pk", ["article_id", "idx"])
        .execute();

      await placeAndDateColumns(
        db.schema
          .createTable("incidents")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("type", "text", (c) => c.notNull())
          .addColumn("mode", "text")
          .addColumn("acled_event_type", "text")
          .addColumn("acled_sub_event_type", "text"),
      )
        .addColumn("actors", "text", (c) => c.notNull())
        .addColumn("targets", "text", (c) => c.notNull())
        .addColumn("attribution_status", "text", (c) => c.notNull())
        .addColumn("attribution_candidates", "text", (c) => c.notNull())
        .addColumn("source_count", "integer", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      for (const cols of [["date_start"], ["date_end"], ["country"], ["type"], ["acled_event_type"], ["acled_sub_event_type"], ["lat", "lon"]]) {
        await db.schema.createIndex(`incidents_${cols.join("_")}_idx`).on("incidents").columns(cols).execute();
      }

      await placeAndDateColumns(
        db.schema
          .createTable("events")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
          .addColumn("event_key", "text", (c) => c.notNull())
          .addColumn("incident_id", "text", (c) => c.references("incidents.id").onDelete("set null"))
          .addColumn("match_score", REAL)
          .addColumn("type", "text", (c) => c.notNull())
          .addColumn("mode", "text")
          .addColumn("acled_event_type", "text")
          .addColumn("acled_sub_event_type", "text")
          .addColumn("date_source", "text"),
      )
        .addColumn("actors", "text", (c) => c.notNull())
        .addColumn("targets", "text", (c) => c.notNull())
        .addColumn("attribution_status", "text", (c) => c.notNull())
        .addColumn("attribution_candidates", "text", (c) => c.notNull())
        .addColumn("negated", "integer", (c) => c.notNull())
        .addColumn("hypothetical", "integer", (c) => c.notNull())
        .addColumn("confidence", REAL, (c) => c.notNull())
        .addColumn("evidence", "text", (c) => c.notNull())
        .addColumn("outlet", "text")
        .addColumn("published_day", "text")
        .execute();
      for (const cols of [["article_id"], ["incident_id"], ["type", "date_start"], ["date_end"], ["country"], ["acled_event_type"], ["acled_sub_event_type"], ["lat", "lon"]]) {
        await db.schema.createIndex(`events_${cols.join("_")}_idx`).on("events").columns(cols).execute();
      }

      await db.schema
        .createTable("event_actors")
        .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
        .addColumn("actor_key", "text", (c) => c.notNull().references("actors.key"))
        .addColumn("role", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("event_actors_pk", ["event_id", "actor_key", "role"])
        .execute();
      await db.schema.createIndex("event_actors_actor_idx").on("event_actors").column("actor_key").execute();

      await db.schema
        .createTable("incident_actors")
        .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
        .addColumn("actor_key", "text", (c) => c.notNull().references("actors.key"))
        .addColumn("role", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_actors_pk", ["incident_id", "actor_key", "role"])
        .execute();
      await db.schema.createIndex("incident_actors_actor_idx").on("incident_actors").column("actor_key").execute();
    },

    async down(db: AnyDb) {
      for (const table of ["incident_actors", "event_actors", "events", "incidents", "quotes", "places", "entities", "actors"]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
      await dropFullTextIndex(db, dialect);
      await db.schema.dropTable("articles").ifExists().execute();
    },
  };
}
