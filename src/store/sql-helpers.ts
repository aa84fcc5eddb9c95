/**
 * Every piece of SQL that differs between SQLite and PostgreSQL, and nothing else: full-text search (FTS5 over
 * the articles table / a narrow tsvector table beside it, see migrations/2026-12-10-narrow-article-search) and its
 * index, lists bound as one value, and keeping the planner off an index.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { Dialect } from "./db.js";
import type { Raw } from "./bulk.js";
import type { Database } from "./schema.js";

/** Creates the full-text index over article titles and texts (run by a migration). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createFullTextIndex(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") {
    // The FTS table keeps its own copy of the text: an external-content index would point at `articles`' implicit
    // rowids, which VACUUM may renumber for a table keyed by text.
    await sql`CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, title, text, tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  } else {
    await sql`ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED`.execute(db);
    await sql`CREATE INDEX articles_tsv_idx ON articles USING gin (tsv)`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function dropFullTextIndex(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") await sql`DROP TABLE IF EXISTS article_fts`.execute(db);
  else await sql`ALTER TABLE articles DROP COLUMN IF EXISTS tsv`.execute(db);
}

/**
 * Adds freshly inserted articles to the full-text index, each with its key in article_search_keys (see
 * migrations/2026-12-12-text-search-keys); PostgreSQL's trigger on `articles` does it there.
 */
export async function indexArticleTexts(raw: Raw, articles: { id: string; title: string | null; text: string }[]): Promise<void> {
  if (raw.dialect !== "sqlite") return;
  const text = raw.stmt("INSERT INTO article_fts(article_id, title, text) VALUES (?, ?, ?)");
  const key = raw.stmt("INSERT INTO article_search_keys(key, article_id) VALUES (?, ?)");
  for (const a of articles) key.run(text.run(a.id, a.title ?? "", a.text).lastInsertRowid, a.id);
}

/** Removes an article from the full-text index (PostgreSQL's search row goes with its article: a foreign key). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function unindexArticleText(db: Kysely<any>, dialect: Dialect, articleId: string): Promise<void> {
  if (dialect !== "sqlite") return;
  await sql`DELETE FROM article_fts WHERE rowid IN (SELECT key FROM article_search_keys WHERE article_id = ${articleId})`.execute(db);
  await sql`DELETE FROM article_search_keys WHERE article_id = ${articleId}`.execute(db);
}

/**
 * "airstrike hasakah", "\"air strike\" OR shelling", "-protest": words are ANDed, quoted phrases kept, OR and
 * a leading minus honoured, as PostgreSQL's websearch_to_tsquery reads them; everything else is taken literally.
 */
export function toFts5Query(q: string): string | null {
  const parts: string[] = [];
  const re = /(-?)"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  const negate: string[] = [];
  while ((m = re.exec(q)) !== null) {
    const raw = m[2] ?? m[3];
    const minus = m[1] === "-" || (m[3] !== undefined && m[3].startsWith("-") && m[3].length > 1);
    if (m[3] === "OR") {
      if (parts.length > 0) parts.push("OR");
      continue;
    }
    const words = (minus && m[3] ? raw.slice(1) : raw).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0) continue;
    const phrase = `"${words.join(" ")}"`;
    if (minus) negate.push(phrase);
    else parts.push(phrase);
  }
  while (parts[parts.length - 1] === "OR") parts.pop();
  if (parts.length === 0) return null;
  let query = parts.join(" ");
  if (negate.length > 0) query = `(${query}) NOT ${negate.join(" NOT ")}`;
  return query;
}

/**
 * The ids of the articles matching `q` (the first `limit` of them, in the index's order, when given), straight from
 * the full-text index: a subquery that refers to no outer row. On SQLite the matches' keys come off the FTS5 index
 * and their ids from article_search_keys, never from the FTS table's stored rows (a read of each match's text).
 */
export function matchingArticleIds(dialect: Dialect, q: string, limit?: number): RawBuilder<unknown> {
  const limited = limit === undefined ? sql`` : sql` LIMIT ${limit}`;
  if (dialect === "sqlite") {
    const keys = matchingKeys(q);
    return keys === null ? sql`SELECT NULL WHERE 1 = 0` : sql`SELECT article_search_keys.article_id FROM article_search_keys WHERE article_search_keys.key IN (${keys}${limited})`;
  }
  return sql`SELECT article_search.article_id FROM article_search WHERE article_search.tsv @@ websearch_to_tsquery('english', ${q})${limited}`;
}

/** SQLite: the FTS5 keys of the articles matching `q`; null when `q` has no word to look for. */
function matchingKeys(q: string): RawBuilder<unknown> | null {
  const query = toFts5Query(q);
  return query === null ? null : sql`SELECT article_fts.rowid FROM article_fts WHERE article_fts MATCH ${query}`;
}

/**
 * Whether the article `articleId` (a column of the row being checked) matches `q`, for rows walked one by one: the
 * matching set is read once (a subquery that refers to no outer row), each row looks up its article's key.
 */
export function articleIdMatches(dialect: Dialect, articleId: ReturnType<typeof sql.ref>, q: string): RawBuilder<SqlBool> {
  if (dialect === "sqlite") {
    const keys = matchingKeys(q);
    return keys === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(SELECT article_search_keys.key FROM article_search_keys WHERE article_search_keys.article_id = ${articleId}) IN (${keys})`;
  }
  // OFFSET 0 keeps PostgreSQL's planner from flattening the set into a per-row check of each article's vector
  // (a heap fetch per article walked): the set is read once and hashed.
  return sql<SqlBool>`${articleId} IN (${matchingArticleIds(dialect, q)} OFFSET 0)`;
}

/**
 * PostgreSQL: whether the incident `incidentId` (a column of the row being walked) has an event whose article
 * matches `q`, checked on that row's own few articles' vectors (primary-key probes). Cheaper than reading and
 * hashing the matching set first (articleIdMatches) when that set is a large share of all articles, as a
 * common word's is: the walk then finds a page in a few rows. listIncidents chooses (see textCheckedEach).
 */
export function incidentArticlesMatchEach(incidentId: ReturnType<typeof sql.ref>, q: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM events JOIN article_search ON article_search.article_id = events.article_id
    WHERE events.incident_id = ${incidentId} AND article_search.tsv @@ websearch_to_tsquery('english', ${q}))`;
}

/**
 * PostgreSQL's own estimates, from the statistics ANALYZE (and autovacuum) keep: the articles matching `q` (its
 * planner's row count, from the lexemes' frequencies) and all articles. Null where the table was never analysed.
 */
export async function estimatedTextMatches(db: Kysely<Database>, q: string): Promise<{ matching: number; articles: number } | null> {
  const [plan, size] = await Promise.all([
    sql<{ "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM article_search WHERE article_search.tsv @@ websearch_to_tsquery('english', ${q})`.execute(db),
    sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass('article_search')`.execute(db),
  ]);
  const matching = plan.rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"];
  const articles = Number(size.rows[0]?.n ?? -1);
  return matching === undefined || !(articles > 0) ? null : { matching, articles };
}

/**
 * Runs `read` with scans that go alone and from the start, for reads that stop after their first rows. On
 * PostgreSQL: in a transaction without parallel workers (planned for a whole scan's cost, they only add their
 * start-up to a walk that stops after a page, and their rows come in any order) or synchronised sequential scans
 * (which begin wherever another scan of the table is, so that "the first N matches" would change from run to run).
 * SQLite reads that way already.
 */
export async function readInOrder<T>(db: Kysely<Database>, dialect: Dialect, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialect === "sqlite") return read(db);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('synchronize_seqscans', 'off', true)`.execute(trx);
    return read(trx);
  });
}

/** A condition on `articles` (aliased or not: pass the alias) that holds when the article matches `q`. */
export function articleMatches(dialect: Dialect, q: string, alias = "articles"): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} IN (${matchingArticleIds(dialect, q)})`;
}

/** Case-insensitive substring match against a lower-cased column, with LIKE wildcards in `needle` escaped. */
export function containsLowered(column: string, needle: string): Expression<SqlBool> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * `column` is one of `ids`, the list bound as one value (no limit on bound variables): a JSON array on SQLite, a
 * text array on PostgreSQL as `= ANY`, which its planner counts element by element (an `IN (SELECT unnest(..))` it
 * guesses at 200 rows, and then probes every id of a 20,000-id list instead of walking the list order's index).
 */
export function inIdList(dialect: Dialect, column: RawBuilder<unknown> | ReturnType<typeof sql.ref>, ids: string[]): RawBuilder<SqlBool> {
  return dialect === "sqlite"
    ? sql<SqlBool>`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`
    : sql<SqlBool>`${column} = ANY(CAST(${ids} AS text[]))`;
}

/**
 * A column in a condition that only checks the rows another index walks: SQLite's `+col` keeps its planner off
 * the column's index; PostgreSQL plans from its statistics and gets the plain column.
 */
export function notThroughIndex(dialect: Dialect, column: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<unknown> {
  return dialect === "sqlite" ? sql`+${column}` : sql`${column}`;
}
