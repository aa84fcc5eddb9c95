/**
 * Two changes that make PostgreSQL's write of an article cheaper, neither changing what is stored.
 *
 * 1. PostgreSQL's search rows of new articles are written once per INSERT statement, not once per row. The row
 * trigger of `2026-12-10-narrow-article-search` ran a dynamic statement (its schema named at run time) for every
 * article: PostgreSQL parsed and planned it anew each time, which made the articles' insert the slowest statement
 * of a bulk ingest. A statement trigger reads the inserted rows from its transition table and writes all their
 * search rows in one statement. Transition tables cannot go with a column list (`UPDATE OF title, text`), so a
 * change of an article's title or text still goes through the row trigger, which is rare.
 * 2. An article's text and report (its JSON, several kilobytes) are compressed with LZ4 rather than the default
 *    pglz where the server supports it (PostgreSQL 14 and later, built with LZ4, as the common packages are): pglz
 *    compressed them at a fraction of LZ4's speed and was a third of the articles' insert. Rows already stored keep
 *    their compression; a server without LZ4 keeps pglz.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "../db.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function cheaperArticleWrites(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== "postgres") return;
      await sql`DO $$ BEGIN
          EXECUTE 'ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN report SET COMPRESSION lz4';
        EXCEPTION WHEN OTHERS THEN NULL;
        END $$`.execute(db);
      await sql`DROP TRIGGER IF EXISTS articles_search_sync ON articles`.execute(db);
      // The same text as the row trigger indexes (title, a space, the text), named in the trigger's own schema.
      await sql`CREATE FUNCTION article_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          EXECUTE format('INSERT INTO %I.article_search (article_id, tsv)
              SELECT id, to_tsvector(''english'', coalesce(title, '''') || '' '' || text) FROM inserted_articles
            ON CONFLICT (article_id) DO UPDATE SET tsv = EXCLUDED.tsv', TG_TABLE_SCHEMA);
          RETURN NULL;
        END $$`.execute(db);
      await sql`CREATE TRIGGER articles_search_insert AFTER INSERT ON articles
        REFERENCING NEW TABLE AS inserted_articles FOR EACH STATEMENT EXECUTE FUNCTION article_search_insert()`.execute(db);
      await sql`CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles
        FOR EACH ROW EXECUTE FUNCTION article_search_sync()`.execute(db);
    },
    async down(db: AnyDb) {
      if (dialect !== "postgres") return;
      await sql`DROP TRIGGER IF EXISTS articles_search_insert ON articles`.execute(db);
      await sql`DROP TRIGGER IF EXISTS articles_search_update ON articles`.execute(db);
      await sql`DROP FUNCTION IF EXISTS article_search_insert()`.execute(db);
      await sql`CREATE TRIGGER articles_search_sync AFTER INSERT OR UPDATE OF title, text ON articles FOR EACH ROW EXECUTE FUNCTION article_search_sync()`.execute(db);
      await sql`DO $$ BEGIN
          EXECUTE 'ALTER TABLE articles ALTER COLUMN text SET COMPRESSION default, ALTER COLUMN report SET COMPRESSION default';
        EXCEPTION WHEN OTHERS THEN NULL;
        END $$`.execute(db);
    },
  };
}
