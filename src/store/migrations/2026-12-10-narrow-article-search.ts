/**
 * PostgreSQL's search vector moves out of `articles` into a narrow table of its own (article id, tsvector). A
 * text query reads the matching rows' ids from the table the GIN index points into; on `articles` those rows are
 * wide (text, report JSON, a few per page), so a query matching 10,000 articles read ~10,000 pages just for their
 * ids. A trigger on `articles` keeps the table equal to its rows (inserted, retitled or re-texted), and the foreign
 * key drops an article's row with it, so no write path can leave it stale. SQLite's FTS5 table is narrow already.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "../db.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function narrowArticleSearch(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== "postgres") return;
      await sql`CREATE TABLE article_search (article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, tsv tsvector NOT NULL)`.execute(db);
      await sql`INSERT INTO article_search (article_id, tsv) SELECT id, tsv FROM articles`.execute(db);
      await sql`CREATE INDEX article_search_tsv_idx ON article_search USING gin (tsv)`.execute(db);
      // The planner's figures for the new table now, not at autovacuum's next visit (a sample: seconds at a million).
      await sql`ANALYZE article_search`.execute(db);
      await sql`ALTER TABLE articles DROP COLUMN tsv`.execute(db);
      // The table is named in the trigger's own schema: a store is one schema, whatever the session's search_path.
      await sql`CREATE FUNCTION article_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          EXECUTE format('INSERT INTO %I.article_search (article_id, tsv) VALUES ($1, to_tsvector(''english'', coalesce($2, '''') || '' '' || $3))
            ON CONFLICT (article_id) DO UPDATE SET tsv = EXCLUDED.tsv', TG_TABLE_SCHEMA)
            USING NEW.id, NEW.title, NEW.text;
          RETURN NULL;
        END $$`.execute(db);
      await sql`CREATE TRIGGER articles_search_sync AFTER INSERT OR UPDATE OF title, text ON articles FOR EACH ROW EXECUTE FUNCTION article_search_sync()`.execute(db);
    },
    async down(db: AnyDb) {
      if (dialect !== "postgres") return;
      await sql`DROP TRIGGER IF EXISTS articles_search_sync ON articles`.execute(db);
      await sql`DROP FUNCTION IF EXISTS article_search_sync()`.execute(db);
      await sql`ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED`.execute(db);
      await sql`CREATE INDEX articles_tsv_idx ON articles USING gin (tsv)`.execute(db);
      await sql`DROP TABLE IF EXISTS article_search`.execute(db);
    },
  };
}
