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
import { articleMatches, containsLowered } from "./sql-helpers.js";
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

/** Conditions shared by incidents and events: both carry date, place and type columns under the same names. */
export function locatedConditions(db: Kysely<Database>, table: Located, f: QueryFilter, dialect: Dialect): Expression<SqlBool>[] {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const out: Expression<SqlBool>[] = [];
  // Overlap of the happening's [start, end] with the inclusive [from, to].
  if (f.from) out.push(sql<SqlBool>`${col("date_end")} >= ${f.from}`);
  if (f.to) out.push(sql<SqlBool>`${col("date_start")} <= ${f.to}`);
  if (f.from && table === "incidents") {
    // Redundant, for the index: only long incidents can start far before the range.
    out.push(sql<SqlBool>`((${col("long_span")} = 0 AND ${col("date_start")} >= ${daysBefore(f.from, LONG_SPAN_DAYS)}) OR (${col("long_span")} = 1 AND ${col("date_start")} >= ${daysBefore(f.from, LONGEST_SPAN_DAYS)}))`);
  }
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    out.push(sql<SqlBool>`${col("lat")} >= ${s}`, sql<SqlBool>`${col("lat")} <= ${n}`);
    // A box across the antimeridian has west > east.
    if (w <= e) out.push(sql<SqlBool>`${col("lon")} >= ${w}`, sql<SqlBool>`${col("lon")} <= ${e}`);
    else out.push(sql<SqlBool>`(${col("lon")} >= ${w} OR ${col("lon")} <= ${e})`);
  }
  if (f.country) out.push(sql<SqlBool>`${col("country")} = ${f.country.toUpperCase()}`);
  if (f.type) {
    const t = f.type.trim();
    if ((PLOVER_TYPES as readonly string[]).includes(t)) out.push(sql<SqlBool>`${col("type")} = ${t}`);
    else out.push(sql<SqlBool>`(${col("acled_event_type")} = ${t} OR ${col("acled_sub_event_type")} = ${t})`);
  }
  if (f.actor) {
    const keys = db.selectFrom("actors").select("key").where(containsLowered("actors.key", f.actor));
    const sub = table === "incidents"
      ? db.selectFrom("incident_actors").select("incident_id").where("actor_key", "in", keys)
      : db.selectFrom("event_actors").select("event_id").where("actor_key", "in", keys);
    out.push(sql<SqlBool>`${col("id")} IN (${sub})`);
  }
  if (f.q) {
    const matching = db.selectFrom("articles").select("articles.id").where(articleMatches(dialect, f.q));
    if (table === "events") out.push(sql<SqlBool>`${col("article_id")} IN (${matching})`);
    else out.push(sql<SqlBool>`${col("id")} IN (${db.selectFrom("events").select("events.incident_id").where("events.article_id", "in", matching)})`);
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

export async function listIncidents(db: Kysely<Database>, dialect: Dialect, filter: QueryFilter): Promise<Page<IncidentSummary>> {
  const f = normaliseFilter(filter);
  const base = db.selectFrom("incidents").where(all(locatedConditions(db, "incidents", f, dialect)));
  const n = (await countFromDays(db, f)) ?? Number((await base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const rows = await (f.after ? base.where(afterCursor("incidents", f.after)) : base)
    .selectAll()
    .orderBy(newestFirst(dialect, "incidents"))
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return page(rows.map(incidentSummaryFrom), n, f, nextCursor(rows, f.limit));
}

export async function listEvents(db: Kysely<Database>, dialect: Dialect, filter: QueryFilter): Promise<Page<StoredEvent>> {
  const f = normaliseFilter(filter);
  const base = db.selectFrom("events").where(all(locatedConditions(db, "events", f, dialect)));
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
    let q = db.selectFrom("incident_days").select((eb) => ["day", "type", eb.fn.sum<number>("n").as("n")]);
    if (f.country) q = q.where("country", "=", f.country.toUpperCase());
    if (type) q = q.where("type", "=", type);
    if (f.from) q = q.where("day", ">=", f.from);
    if (f.to) q = q.where("day", "<=", f.to);
    const days = await q.groupBy(["day", "type"]).orderBy("day").orderBy("type").execute();
    return days.map((r) => ({ date: r.day, type: r.type as PloverType, count: Number(r.n) }));
  }
  const rows = await db
    .selectFrom("incidents")
    .where(all([...locatedConditions(db, "incidents", f, dialect), sql<SqlBool>`incidents.date_start IS NOT NULL`]))
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
