/**
 * The read side of the store: every QueryFilter becomes WHERE clauses on indexed columns, the same for both
 * dialects; only full-text search goes through sql-helpers.
 */
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { SitrepError } from "../errors.js";
import { PLOVER_TYPES, type PloverType, type Report, type Span } from "../report.js";
import type { Dialect } from "./db.js";
import { countFrom, incidentSummaryFrom, storedEventFrom } from "./rows.js";
import type { Database } from "./schema.js";
import {
  articleIdMatches, articleMatches, containsLowered, estimatedTextMatches, incidentArticlesMatchEach, inIdList, matchingArticleIds,
  notThroughIndex, readInOrder,
} from "./sql-helpers.js";
import type {
  ArticleSummary, Facets, IncidentDetail, IncidentSource, IncidentSummary, Page, QueryFilter, StoredEvent, TimelineBucket,
} from "./types.js";

export const DEFAULT_LIMIT = 50;

/** Incidents spanning more days than this are flagged long_span; the others start at most this long before a range. */
export const LONG_SPAN_DAYS = 31;
/** No incident spans more than a year (the coarsest date is a year): how far back a long one can start. */
const LONGEST_SPAN_DAYS = 366;

function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}
export const MAX_LIMIT = 1000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a filter and fills in its defaults; a bad value is a SitrepError naming the field. */
export function normaliseFilter(filter: QueryFilter): QueryFilter & { limit: number; offset: number } {
  const bad = (field: string, why: string): never => {
    throw new SitrepError("SITREP_BAD_OPTION", `filter "${field}": ${why}`);
  };
  for (const field of ["from", "to"] as const) {
    const v = filter[field];
    if (v !== undefined && (!ISO_DAY.test(v) || Number.isNaN(Date.parse(v)))) bad(field, `"${v}" is not an ISO day (YYYY-MM-DD)`);
  }
  if (filter.from && filter.to && filter.from > filter.to) bad("from", `${filter.from} is after "to" ${filter.to}`);
  if (filter.bbox !== undefined) {
    const b = filter.bbox;
    if (!Array.isArray(b) || b.length !== 4 || b.some((x) => typeof x !== "number" || !Number.isFinite(x))) bad("bbox", "needs four numbers: west, south, east, north");
    const [w, s, e, n] = b;
    if (w < -180 || e > 180 || w > 180 || e < -180) bad("bbox", "longitudes must lie in [-180, 180]");
    if (s < -90 || n > 90 || s > n) bad("bbox", "latitudes must lie in [-90, 90] with south <= north");
  }
  if (filter.country !== undefined && !/^[A-Za-z]{2}$/.test(filter.country)) bad("country", `"${filter.country}" is not an ISO 3166-1 alpha-2 code`);
  const limit = filter.limit ?? DEFAULT_LIMIT;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) bad("limit", `must be an integer from 1 to ${MAX_LIMIT}`);
  if (!Number.isInteger(offset) || offset < 0) bad("offset", "must be a non-negative integer");
  return { ...filter, limit, offset };
}

type Located = "incidents" | "events";
type AcledColumn = "acled_event_type" | "acled_sub_event_type";

export interface ConditionOptions {
  /**
   * The ACLED columns holding the type filter's value (see acledColumns): one equality instead of an OR of the
   * two, so that the type's list index gives the page. Absent: both columns are tried.
   */
  typeColumns?: AcledColumn[];
  /**
   * The conditions only check rows another index walks (the list order): on SQLite the place, span and date-end
   * columns are written `+col`, which keeps the planner off their indexes, and actors and text become per-row
   * EXISTS probes. Used when the matches are many, so that newest first finds a page in a few rows (listIncidents).
   */
  residual?: boolean;
  /** the actor keys the actor filter matches (see actorKeys); more than MAX_LISTED_KEYS: matched in SQL */
  actorKeys?: string[];
  /** incidents only: the ids the text filter matches (see textMatches), bound as one list */
  textIncidents?: string[];
  /**
   * incidents only: the text matches more articles than are counted exactly (see TEXT_EXACT_ARTICLES); the first
   * ones, whose incidents are a lower bound of the total. Walked rows then probe their own events' articles.
   */
  textManyArticles?: string[];
  /**
   * PostgreSQL, with textManyArticles: the text is common enough (see textCheckedEach) that each walked row checks
   * its own articles' vectors instead of the matching set being read and hashed first.
   */
  textCheckEach?: boolean;
}

/** Conditions shared by incidents and events: both carry date, place and type columns under the same names. */
export function locatedConditions(
  db: Kysely<Database>, table: Located, f: QueryFilter, dialect: Dialect, options: ConditionOptions = {},
): Expression<SqlBool>[] {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const check = (c: string) => (options.residual ? notThroughIndex(dialect, col(c)) : col(c));
  const out: Expression<SqlBool>[] = [];
  // Overlap of the happening's [start, end] with the inclusive [from, to].
  if (f.from) out.push(sql<SqlBool>`${check("date_end")} >= ${f.from}`);
  if (f.to) out.push(sql<SqlBool>`${col("date_start")} <= ${f.to}`);
  if (f.from && table === "incidents") {
    // Redundant, for the index: only long incidents can start far before the range.
    out.push(sql<SqlBool>`((${check("long_span")} = 0 AND ${col("date_start")} >= ${daysBefore(f.from, LONG_SPAN_DAYS)}) OR (${check("long_span")} = 1 AND ${col("date_start")} >= ${daysBefore(f.from, LONGEST_SPAN_DAYS)}))`);
    // The same bound as a plain range, which the list order's index can walk.
    out.push(sql<SqlBool>`${col("date_start")} >= ${daysBefore(f.from, LONGEST_SPAN_DAYS)}`);
  } else if (f.from) {
    // Redundant, for the index: no happening spans more than a year.
    out.push(sql<SqlBool>`${col("date_start")} >= ${daysBefore(f.from, LONGEST_SPAN_DAYS)}`);
  }
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    out.push(sql<SqlBool>`${check("lat")} >= ${s}`, sql<SqlBool>`${check("lat")} <= ${n}`);
    // A box across the antimeridian has west > east.
    if (w <= e) out.push(sql<SqlBool>`${check("lon")} >= ${w}`, sql<SqlBool>`${check("lon")} <= ${e}`);
    else out.push(sql<SqlBool>`(${check("lon")} >= ${w} OR ${check("lon")} <= ${e})`);
  }
  if (f.country) out.push(sql<SqlBool>`${col("country")} = ${f.country.toUpperCase()}`);
  if (f.type) {
    const t = f.type.trim();
    if ((PLOVER_TYPES as readonly string[]).includes(t)) out.push(sql<SqlBool>`${col("type")} = ${t}`);
    else {
      const columns = options.typeColumns ?? ["acled_event_type", "acled_sub_event_type"];
      if (columns.length === 0) out.push(sql<SqlBool>`1 = 0`);
      else out.push(sql<SqlBool>`(${sql.join(columns.map((c) => sql`${col(c)} = ${t}`), sql` OR `)})`);
    }
  }
  if (f.actor) {
    const keys = options.actorKeys && options.actorKeys.length <= MAX_LISTED_KEYS
      ? (options.actorKeys.length ? sql.join(options.actorKeys) : sql`NULL`)
      : sql`${db.selectFrom("actors").select("key").where(containsLowered("actors.key", f.actor))}`;
    if (options.residual && options.actorKeys && options.actorKeys.length <= MAX_LISTED_KEYS) {
      // A probe of the row's own actors (the first columns of incident_actors' key) per row walked.
      const probe = table === "incidents"
        ? sql`SELECT 1 FROM incident_actors WHERE incident_actors.incident_id = ${col("id")} AND incident_actors.actor_key IN (${keys})`
        : sql`SELECT 1 FROM event_actors WHERE event_actors.event_id = ${col("id")} AND event_actors.actor_key IN (${keys})`;
      out.push(sql<SqlBool>`EXISTS (${probe})`);
    } else {
      const sub = table === "incidents"
        ? sql`SELECT incident_actors.incident_id FROM incident_actors WHERE incident_actors.actor_key IN (${keys})`
        : sql`SELECT event_actors.event_id FROM event_actors WHERE event_actors.actor_key IN (${keys})`;
      out.push(sql<SqlBool>`${check("id")} IN (${sub})`);
    }
  }
  if (f.q) {
    // The matching set is computed once (a subquery that refers to no outer row); walked rows test membership.
    const matching = matchingArticleIds(dialect, f.q);
    if (table === "events") out.push(sql<SqlBool>`${check("article_id")} IN (${matching})`);
    else if (options.textIncidents) out.push(inIdList(dialect, check("id"), options.textIncidents));
    else if (options.residual && options.textManyArticles !== undefined) {
      // Many matches: each row walked probes its own events' articles (a few, off the (incident_id, article_id)
      // index) against the matching set, read once.
      out.push(options.textCheckEach
        ? incidentArticlesMatchEach(col("id"), f.q)
        : sql<SqlBool>`EXISTS (SELECT 1 FROM events WHERE events.incident_id = ${col("id")} AND ${articleIdMatches(dialect, sql.ref("events.article_id"), f.q)})`);
    } else out.push(sql<SqlBool>`${check("id")} IN (SELECT events.incident_id FROM events WHERE events.article_id IN (${matching}))`);
  }
  return out;
}

/** Above this many actor names matching a filter, the names are matched in SQL instead of listed. */
const MAX_LISTED_KEYS = 500;

/** The actor keys an actor filter matches (names containing the words, any case): one scan of the actors table. */
async function actorKeys(db: Kysely<Database>, actor: string): Promise<string[]> {
  const rows = await db.selectFrom("actors").select("key").where(containsLowered("actors.key", actor)).limit(MAX_LISTED_KEYS + 1).execute();
  return rows.map((r) => r.key);
}

/**
 * Past this many matching articles a text query is not counted exactly. An exact total costs a lookup per
 * matching article (at a million events a common word matches ~10,000 articles: ~20,000 lookups, most of the
 * query's time), and a page needs none of them: with many matches walking the list order finds a page in a few
 * rows. So the total becomes the incidents of the first this-many articles, flagged as a lower bound
 * (`totalAtLeast`), as search engines report "more than N results". Below it the total is exact.
 */
export const TEXT_EXACT_ARTICLES = 2000;

/**
 * The incidents whose sources' articles match a text query: the full-text index read once (up to `exactArticles`
 * + 1 articles), their events looked up in (article_id, incident_id). With more matching articles than that, the
 * first `exactArticles` of them instead (`many`): their incidents, counted later, are a lower bound.
 */
async function textMatches(db: Kysely<Database>, dialect: Dialect, q: string, exactArticles: number): Promise<{ ids: string[] } | { many: string[] }> {
  const first = await readInOrder(db, dialect, (d) => sql<{ article_id: string }>`${matchingArticleIds(dialect, q, exactArticles + 1)}`.execute(d));
  const articles = first.rows.map((r) => r.article_id);
  if (articles.length > exactArticles) return { many: articles.slice(0, exactArticles) };
  return { ids: await incidentsOfArticles(db, dialect, articles) };
}

/**
 * PostgreSQL, for a text query walked in list order: whether each walked row should check its own articles'
 * vectors rather than probe a matching set read and hashed first. The walk reads about
 * `want * articles / matching` rows either way; reading the set first costs `matching` rows more, a per-row check a
 * few index probes more per row walked. The two meet near matching = sqrt(want * articles) (a per-row check costs
 * about as much as EACH_FACTOR rows of the set): a common word checks each row, a rarer one reads its set. Both
 * numbers are PostgreSQL's estimates; without statistics the set is read, which is never slow for rare words.
 */
export function textCheckedEach(estimate: { matching: number; articles: number } | null, want: number): boolean {
  return estimate !== null && estimate.matching >= EACH_FACTOR * Math.sqrt(want * estimate.articles);
}
const EACH_FACTOR = 2;

/** The distinct incidents of the articles' events. */
async function incidentsOfArticles(db: Kysely<Database>, dialect: Dialect, articles: string[]): Promise<string[]> {
  if (articles.length === 0) return [];
  const rows = await db.selectFrom("events").select("events.incident_id")
    .where(inIdList(dialect, sql.ref("events.article_id"), articles))
    .where("events.incident_id", "is not", null)
    .execute();
  // Deduplicated here rather than by DISTINCT: a Set of ~20,000 ids costs a few ms, SQLite's temporary b-tree ~20.
  return [...new Set(rows.map((r) => r.incident_id!))];
}

/** Which ACLED columns hold `type` (an event type or a sub-event type): two index probes. */
async function acledColumns(db: Kysely<Database>, table: Located, type: string): Promise<AcledColumn[]> {
  const columns = ["acled_sub_event_type", "acled_event_type"] as const;
  const found = await Promise.all(columns.map((c) => db.selectFrom(table).select(sql`1`.as("one")).where(c, "=", type).limit(1).executeTakeFirst()));
  return columns.filter((_, i) => found[i] !== undefined);
}

/** How a text query is answered, fixed for tests (small stores): otherwise from the store's size and statistics. */
export interface TextPlan {
  /** past this many matching articles the total is a lower bound (default TEXT_EXACT_ARTICLES) */
  exactArticles?: number;
  /** PostgreSQL: walked rows check their own articles (true) or probe the matching set (false); see textCheckedEach */
  checkEach?: boolean;
  /** PostgreSQL: its estimate of the text's matching articles (see estimatedTextMatches), asked when absent */
  estimate?: { matching: number; articles: number } | null;
}

/** What a filter's conditions are written with: the ACLED column its type is in, the actor keys it matches. */
async function conditionOptions(
  db: Kysely<Database>, table: Located, f: QueryFilter, dialect: Dialect, text: TextPlan = {},
): Promise<ConditionOptions> {
  const exactArticles = text.exactArticles ?? TEXT_EXACT_ARTICLES;
  const out: ConditionOptions = {};
  const t = f.type?.trim();
  const acled = t && !(PLOVER_TYPES as readonly string[]).includes(t);
  const textHere = f.q && table === "incidents" ? f.q : undefined;
  const [columns, keys, texts, estimate] = await Promise.all([
    acled ? acledColumns(db, table, t) : undefined,
    f.actor ? actorKeys(db, f.actor) : undefined,
    textHere ? textMatches(db, dialect, textHere, exactArticles) : undefined,
    // asked beside the matches (a plan, a millisecond), used only when they are many
    textHere && dialect === "postgres" && text.checkEach === undefined ? (text.estimate !== undefined ? text.estimate : estimatedTextMatches(db, textHere)) : null,
  ]);
  if (columns) out.typeColumns = columns;
  if (keys) out.actorKeys = keys;
  if (texts && "ids" in texts) out.textIncidents = texts.ids;
  else if (texts) {
    out.textManyArticles = texts.many;
    if (dialect === "postgres") out.textCheckEach = text.checkEach ?? textCheckedEach(estimate ?? null, (f.offset ?? 0) + (f.limit ?? DEFAULT_LIMIT));
  }
  return out;
}

/**
 * Newest first, undated last, then id: the order the list indexes ((date_start, id), also after country or type)
 * hold, so that a page is read off the index instead of sorting every match.
 */
function newestFirst(dialect: Dialect, table: Located) {
  const nullsLast = dialect === "postgres" ? sql` NULLS LAST` : sql``;
  return sql`${sql.ref(`${table}.date_start`)} DESC${nullsLast}, ${sql.ref(`${table}.id`)} DESC`;
}

/**
 * The number of incidents matching a filter of country and PLOVER type only, from incident_totals (a few rows);
 * null when the filter needs the incidents table.
 */
async function countFromDays(db: Kysely<Database>, f: QueryFilter): Promise<number | null> {
  if (f.from || f.to || f.bbox || f.actor || f.q) return null;
  const type = f.type?.trim();
  if (type !== undefined && !(PLOVER_TYPES as readonly string[]).includes(type)) return null;
  let q = db.selectFrom("incident_totals").select((eb) => eb.fn.sum<number>("n").as("n"));
  if (f.country) q = q.where("country", "=", f.country.toUpperCase());
  if (type) q = q.where("type", "=", type);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** A page's last row as an opaque cursor: its start day (or null) and id. */
function cursorOf(row: { date_start: string | null; id: string }): string {
  return Buffer.from(JSON.stringify([row.date_start, row.id])).toString("base64url");
}

/** Rows after the cursor in newestFirst order; a cursor that is not one of ours is a bad option. */
function afterCursor(table: Located, cursor: string): Expression<SqlBool> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== "string" || (parsed[0] !== null && typeof parsed[0] !== "string")) {
    throw new SitrepError("SITREP_BAD_OPTION", `filter "after": "${cursor.slice(0, 40)}" is not a cursor from a page's "next"`);
  }
  const [day, id] = parsed as [string | null, string];
  const start = sql.ref(`${table}.date_start`);
  const key = sql.ref(`${table}.id`);
  if (day === null) return sql<SqlBool>`(${start} IS NULL AND ${key} < ${id})`;
  return sql<SqlBool>`(${start} < ${day} OR (${start} = ${day} AND ${key} < ${id}) OR ${start} IS NULL)`;
}

/** AND of the conditions (true when there are none). */
export function all(conds: Expression<SqlBool>[]): Expression<SqlBool> {
  return conds.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conds.map((c) => sql`(${c})`), sql` AND `)}`;
}

function page<T>(items: T[], total: number, f: { limit: number; offset: number }, next?: string): Page<T> {
  return next === undefined ? { total, limit: f.limit, offset: f.offset, items } : { total, limit: f.limit, offset: f.offset, items, next };
}

/** The cursor after the last row, when a full page suggests there may be more. */
function nextCursor(rows: { date_start: string | null; id: string }[], limit: number): string | undefined {
  return rows.length === limit ? cursorOf(rows[rows.length - 1]) : undefined;
}

/** Incidents in the list order's reach for a filter: those of its country and PLOVER type, from incident_totals. */
async function orderScope(db: Kysely<Database>, f: QueryFilter): Promise<number> {
  return (await countFromDays(db, { country: f.country, type: f.type })) ?? (await countFromDays(db, { country: f.country })) ?? 0;
}

/**
 * How many incidents match: the kept totals when they can answer, the index of the one filter alone when there
 * is one (an actor's or a text's incidents counted where they are listed), else a count over the incidents.
 */
async function countIncidents(db: Kysely<Database>, dialect: Dialect, f: QueryFilter, options: ConditionOptions): Promise<number> {
  const kept = await countFromDays(db, f);
  if (kept !== null) return kept;
  const alone = withoutPlaceTimeOrType(f);
  if (alone && f.actor && !f.q) {
    const listed = options.actorKeys && options.actorKeys.length <= MAX_LISTED_KEYS ? options.actorKeys : null;
    if (listed && listed.length === 0) return 0;
    const keys = listed ? sql.join(listed) : sql`${db.selectFrom("actors").select("key").where(containsLowered("actors.key", f.actor))}`;
    const r = await db.selectFrom("incident_actors").select(sql<number>`count(DISTINCT incident_id)`.as("n")).where(sql<SqlBool>`actor_key IN (${keys})`).executeTakeFirstOrThrow();
    return Number(r.n);
  }
  if (alone && f.q && !f.actor && options.textIncidents) return options.textIncidents.length;
  // many matching articles: the incidents of the first ones (looked up while PostgreSQL walks the page)
  if (alone && f.q && !f.actor && options.textManyArticles) return (await incidentsOfArticles(db, dialect, options.textManyArticles)).length;
  const r = await db.selectFrom("incidents").where(all(locatedConditions(db, "incidents", f, dialect, options)))
    .select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** No date, box, country or type in the filter: an actor or a text alone is counted from its own index. */
function withoutPlaceTimeOrType(f: QueryFilter): boolean {
  return !f.from && !f.to && !f.bbox && !f.country && !f.type;
}

/** A text query alone whose total is a lower bound (see TEXT_EXACT_ARTICLES): its page is found by walking. */
function textAloneAtLeast(f: QueryFilter, options: ConditionOptions): boolean {
  return options.textManyArticles !== undefined && withoutPlaceTimeOrType(f) && !f.actor;
}

/**
 * One page, newest first. Country and type filters have indexes in the list order and read the page off them.
 * Dates, a box, actors and text do not: with many matches the page is found by walking the list order and checking
 * each row (about `want * scope / matches` rows), with few by reading the matches through their own index and
 * sorting them (`matches` rows); the count, taken first, says which is cheaper. A text query alone matching more
 * than TEXT_EXACT_ARTICLES articles is many matches by definition: its total is a lower bound and it walks.
 * `text` is for tests, which reach those cases with a small store.
 */
export async function listIncidents(
  db: Kysely<Database>, dialect: Dialect, filter: QueryFilter, text: TextPlan = {},
): Promise<Page<IncidentSummary>> {
  const f = normaliseFilter(filter);
  const want = f.offset + f.limit;
  // `from`: the store, or a transaction that reads in order (readInOrder)
  const pageOf = (conditions: ConditionOptions, from: Kysely<Database>) => {
    const base = from.selectFrom("incidents").where(all(locatedConditions(from, "incidents", f, dialect, conditions)));
    return (f.after ? base.where(afterCursor("incidents", f.after)) : base)
      .selectAll()
      .orderBy(newestFirst(dialect, "incidents"))
      .limit(f.limit)
      .offset(f.offset)
      .execute();
  };
  const early = dialect === "postgres" ? await earlyTextWalk(db, f, text, want) : null;
  const earlyWalk = early?.checkEach !== undefined
    ? readInOrder(db, dialect, (d) => pageOf({ textManyArticles: [], textCheckEach: early.checkEach, residual: true }, d))
    : undefined;
  // used only if the matches prove many: otherwise its end, failed or not, is not this query's
  earlyWalk?.catch(() => undefined);
  const options = await conditionOptions(db, "incidents", f, dialect, early ? { ...text, estimate: early.estimate } : text);
  const unordered = Boolean(f.from || f.to || f.bbox || f.actor || f.q);
  const atLeast = textAloneAtLeast(f, options);
  let n: number;
  let rows: Awaited<ReturnType<typeof pageOf>>;
  if (dialect === "postgres") {
    // PostgreSQL weighs the plans from its own statistics: count and page go out together, on two connections. A
    // walk started early is the very walk this one would start, the matches being many.
    const walk = !atLeast
      ? pageOf({ ...options, residual: false }, db)
      : earlyWalk && early?.checkEach === options.textCheckEach ? earlyWalk : readInOrder(db, dialect, (d) => pageOf({ ...options, residual: true }, d));
    [n, rows] = await Promise.all([countIncidents(db, dialect, f, options), walk]);
  } else {
    n = await countIncidents(db, dialect, f, options);
    const residual = atLeast || (unordered && n > want && n * n >= want * (await orderScope(db, f)));
    rows = await pageOf({ ...options, residual }, db);
  }
  const next = nextCursor(rows, f.limit);
  // The rows this page reached are matches too; past the last page the total is exact.
  const total = atLeast ? Math.max(n, f.offset + rows.length) : n;
  const out = page(rows.map(incidentSummaryFrom), total, f, next);
  return atLeast && next !== undefined ? { ...out, totalAtLeast: true } : out;
}

/**
 * How far past TEXT_EXACT_ARTICLES PostgreSQL's estimate must be for the page's walk to start before the first
 * matches are read: the estimate is off by up to 2x either way (see the store's tests), and a walk started for
 * nothing costs a connection a few milliseconds, never a different answer.
 */
const EARLY_WALK_FACTOR = 2;

/**
 * PostgreSQL, a text query alone: its statistics (a plan, a millisecond) say whether it matches well over
 * TEXT_EXACT_ARTICLES articles. Its page is then walked in list order (each row checking its own articles, or
 * the matching set: see textCheckedEach), a walk that reads neither the first matches nor their count, so it can
 * start beside them instead of after them. Returns the estimate, and `checkEach` when the walk should start early.
 */
async function earlyTextWalk(db: Kysely<Database>, f: QueryFilter, text: TextPlan, want: number): Promise<{ estimate: TextPlan["estimate"]; checkEach?: boolean } | null> {
  if (!f.q || f.actor || !withoutPlaceTimeOrType(f) || text.checkEach !== undefined) return null;
  const estimate = text.estimate !== undefined ? text.estimate : await estimatedTextMatches(db, f.q);
  if (!estimate || estimate.matching < EARLY_WALK_FACTOR * (text.exactArticles ?? TEXT_EXACT_ARTICLES)) return { estimate };
  return { estimate, checkEach: textCheckedEach(estimate, want) };
}

export async function listEvents(db: Kysely<Database>, dialect: Dialect, filter: QueryFilter): Promise<Page<StoredEvent>> {
  const f = normaliseFilter(filter);
  const options = await conditionOptions(db, "events", f, dialect);
  const base = db.selectFrom("events").where(all(locatedConditions(db, "events", f, dialect, options)));
  const [{ n }] = await base.select((eb) => eb.fn.countAll().as("n")).execute();
  const rows = await (f.after ? base.where(afterCursor("events", f.after)) : base)
    .selectAll()
    .orderBy(newestFirst(dialect, "events"))
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return page(rows.map(storedEventFrom), Number(n), f, nextCursor(rows, f.limit));
}

export async function listArticles(db: Kysely<Database>, dialect: Dialect, filter: QueryFilter): Promise<Page<ArticleSummary>> {
  const f = normaliseFilter(filter);
  const base = db.selectFrom("articles").where((eb) => {
    const conds: Expression<SqlBool>[] = [];
    if (f.from) conds.push(eb("published_day", ">=", f.from));
    if (f.to) conds.push(eb("published_day", "<=", f.to));
    if (f.q) conds.push(articleMatches(dialect, f.q));
    // Place, actor and type describe what an article reports: it matches when one of its events does.
    const eventFilter: QueryFilter = { bbox: f.bbox, country: f.country, actor: f.actor, type: f.type };
    if (f.bbox || f.country || f.actor || f.type) {
      conds.push(eb("articles.id", "in", db.selectFrom("events").select("events.article_id").where(all(locatedConditions(db, "events", eventFilter, dialect)))));
    }
    return eb.and(conds);
  });
  const [{ n }] = await base.select((eb) => eb.fn.countAll().as("n")).execute();
  const rows = await base
    .select(["id", "title", "published", "outlet", "url", "language", "event_count"])
    .orderBy(sql`articles.published_day IS NULL`)
    .orderBy("published_day", "desc")
    .orderBy("id")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return page(
    rows.map((r) => ({ id: r.id, title: r.title, published: r.published, outlet: r.outlet, url: r.url, language: r.language, eventCount: Number(r.event_count) })),
    Number(n),
    f,
  );
}

export async function getArticle(db: Kysely<Database>, id: string): Promise<Report | null> {
  const row = await db.selectFrom("articles").select("report").where("id", "=", id).executeTakeFirst();
  return row ? (JSON.parse(row.report) as Report) : null;
}

export async function hasArticle(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom("articles").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

/** The sentence(s) around the evidence: from the end of the sentence before to the end of the last one. */
export function excerptAround(text: string, evidence: Span[], maxChars = 600): string {
  if (evidence.length === 0) return "";
  const start = Math.min(...evidence.map((s) => s.start));
  const end = Math.max(...evidence.map((s) => s.end));
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1]) && start - from < maxChars / 2) from--;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to - 1] ?? "") && to - end < maxChars / 2) to++;
  return text.slice(from, to).trim();
}

export async function getIncident(db: Kysely<Database>, id: string): Promise<IncidentDetail | null> {
  const row = await db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const sources = await db
    .selectFrom("events")
    .innerJoin("articles", "articles.id", "events.article_id")
    .select([
      "events.id as eventId", "events.article_id as articleId", "events.evidence", "events.killed_low", "events.killed_best",
      "events.killed_high", "events.injured_low", "events.injured_best", "events.injured_high", "articles.title",
      "articles.outlet", "articles.url", "articles.agencies", "articles.published", "articles.text",
    ])
    .where("events.incident_id", "=", id)
    .orderBy(sql`articles.published IS NULL`)
    .orderBy("articles.published")
    .orderBy("events.id")
    .execute();
  const articleIds = [...new Set(sources.map((s) => s.articleId))];
  const quotes = articleIds.length
    ? await db.selectFrom("quotes").selectAll().where("article_id", "in", articleIds).orderBy("article_id").orderBy("idx").execute()
    : [];
  const items: IncidentSource[] = sources.map((s) => {
    const evidence = JSON.parse(s.evidence) as Span[];
    return {
      eventId: s.eventId,
      articleId: s.articleId,
      title: s.title,
      outlet: s.outlet,
      url: s.url,
      agencies: JSON.parse(s.agencies) as string[],
      published: s.published,
      killed: countFrom({ low: s.killed_low, best: s.killed_best, high: s.killed_high }),
      injured: countFrom({ low: s.injured_low, best: s.injured_best, high: s.injured_high }),
      evidence,
      excerpt: excerptAround(s.text, evidence),
    };
  });
  return {
    ...incidentSummaryFrom(row),
    sources: items,
    quotes: quotes.map((q) => ({
      articleId: q.article_id, text: q.text, speaker: q.speaker_name ?? q.speaker_text, cue: q.cue, evidence: JSON.parse(q.evidence) as Span[],
    })),
  };
}

/** Incidents per day and PLOVER type (filters apply; pagination does not). */
export async function timeline(db: Kysely<Database>, dialect: Dialect, filter: QueryFilter): Promise<TimelineBucket[]> {
  const f = normaliseFilter({ ...filter, limit: undefined, offset: undefined });
  const type = f.type?.trim();
  if (!f.bbox && !f.actor && !f.q && (type === undefined || (PLOVER_TYPES as readonly string[]).includes(type))) {
    // Country, PLOVER type and dates only: the per-day counts answer it without touching the incidents.
    // (Dates filter the day an incident starts on: that is the day its bucket is.)
    // Without a country, incident_day_types holds the sums over countries already (a twentieth of the rows).
    if (!f.country) {
      let q = db.selectFrom("incident_day_types").select(["day", "type", "n"]).where("n", ">", 0);
      if (type) q = q.where("type", "=", type);
      if (f.from) q = q.where("day", ">=", f.from);
      if (f.to) q = q.where("day", "<=", f.to);
      const days = await q.orderBy("day").orderBy("type").execute();
      return days.map((r) => ({ date: r.day, type: r.type as PloverType, count: Number(r.n) }));
    }
    let q = db.selectFrom("incident_days").select((eb) => ["day", "type", eb.fn.sum<number>("n").as("n")]).where("country", "=", f.country.toUpperCase());
    if (type) q = q.where("type", "=", type);
    if (f.from) q = q.where("day", ">=", f.from);
    if (f.to) q = q.where("day", "<=", f.to);
    const days = await q.groupBy(["day", "type"]).orderBy("day").orderBy("type").execute();
    return days.filter((r) => Number(r.n) > 0).map((r) => ({ date: r.day, type: r.type as PloverType, count: Number(r.n) }));
  }
  const options = await conditionOptions(db, "incidents", f, dialect);
  const rows = await db
    .selectFrom("incidents")
    .where(all([...locatedConditions(db, "incidents", f, dialect, options), sql<SqlBool>`incidents.date_start IS NOT NULL`]))
    .select((eb) => ["date_start", "type", eb.fn.countAll().as("n")])
    .groupBy(["date_start", "type"])
    .orderBy("date_start")
    .orderBy("type")
    .execute();
  return rows.map((r) => ({ date: r.date_start!, type: r.type as PloverType, count: Number(r.n) }));
}

/** What the store holds, for the dashboard's filter choices: counts over incidents, read off the kept totals. */
export async function facets(db: Kysely<Database>): Promise<Facets> {
  const totals = await db.selectFrom("incident_totals").selectAll().where("n", ">", 0).execute();
  const sum = (key: (r: { type: string; country: string }) => string) => {
    const m = new Map<string, number>();
    for (const r of totals) if (key(r) !== "") m.set(key(r), (m.get(key(r)) ?? 0) + Number(r.n));
    return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };
  const typeCounts = sum((r) => r.type);
  const countryCounts = sum((r) => r.country);
  const actors = await db
    .selectFrom("actor_counts")
    .innerJoin("actors", "actors.key", "actor_counts.actor_key")
    .select(["actors.name", "actor_counts.n"])
    .where("actor_counts.n", ">", 0)
    .orderBy("actor_counts.n", "desc")
    .orderBy("actors.name")
    .limit(100)
    .execute();
  const first = await db.selectFrom("incident_days").select((eb) => eb.fn.min("day").as("from")).executeTakeFirst();
  const last = await db.selectFrom("incidents").select("date_end").where("date_end", "is not", null).orderBy("date_end", "desc").limit(1).executeTakeFirst();
  return {
    countries: countryCounts.map(([code, count]) => ({ code, count })),
    types: typeCounts.map(([type, count]) => ({ type, count })),
    actors: actors.map((r) => ({ name: r.name, count: Number(r.n) })),
    dateRange: { from: (first?.from as string | null) ?? null, to: last?.date_end ?? null },
  };
}
