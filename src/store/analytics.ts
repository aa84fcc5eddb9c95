/**
 * The analyst's read models over the stored incidents: every located incident for the map (no cap), trends
 * per day/week/month with fatality bands, counts per country and province, an actor's profile, and the events
 * whose date or place deserves a second look. Filters mean what they mean everywhere else (queries.ts).
 */
import { createRequire } from "node:module";
import { sql, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import { SitrepError } from "../errors.js";
import type { PloverType, Report } from "../report.js";
import type { Dialect } from "./db.js";
import { all, locatedConditions } from "./queries.js";
import { actorKey, actorRefsFrom, incidentSummaryFrom, placeFrom } from "./rows.js";
import { KyselyStore } from "./kysely-store.js";
import type { Database, IncidentRow } from "./schema.js";
import type { IncidentPlace, IncidentSummary, Page, QueryFilter, SitrepStore } from "./types.js";

/** The query builder and dialect behind a store: the analyst's read models run on the store's own database. */
export function storeDb(store: SitrepStore): { db: Kysely<Database>; dialect: Dialect } {
  if (!(store instanceof KyselyStore)) {
    throw new SitrepError("SITREP_DB", "this store does not support the analyst's queries (it is not a Kysely store)", 501);
  }
  return { db: store.kysely, dialect: store.dialect };
}

const unpaged = (f: QueryFilter): QueryFilter => ({ ...f, limit: undefined, offset: undefined });

// ---------------------------------------------------------------------------------------------------- the map

/** One located incident as the map draws it. */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  type: PloverType;
  /** 1 town .. 4 country: 3 and 4 are drawn as areas, never as exact points */
  precision: number;
  killed: number | null;
  date: string | null;
  summary: string;
}

export interface MapPoints {
  /** incidents matching the filter */
  total: number;
  /** those without coordinates, which the map cannot show (said on the map, not hidden) */
  unlocated: number;
  points: MapPoint[];
}

/** Every located incident matching the filter: the map clusters them, so nothing is capped. */
export async function mapPoints(db: Kysely<Database>, dialect: Dialect, filter: QueryFilter): Promise<MapPoints> {
  const rows = await db
    .selectFrom("incidents")
    .where(all(locatedConditions(db, "incidents", unpaged(filter), dialect)))
    .select(["id", "lat", "lon", "type", "precision", "killed_best", "date_start", "summary"])
    .orderBy("id")
    .execute();
  return toMapPoints(rows);
}

type PointColumns = Pick<IncidentRow, "id" | "lat" | "lon" | "type" | "precision" | "killed_best" | "date_start" | "summary">;

function toMapPoints(rows: PointColumns[]): MapPoints {
  const points: MapPoint[] = [];
  for (const r of rows) {
    if (r.lat === null || r.lon === null) continue;
    points.push({
      id: r.id, lat: Number(r.lat), lon: Number(r.lon), type: r.type as PloverType, precision: Number(r.precision ?? 4),
      killed: r.killed_best === null ? null : Number(r.killed_best), date: r.date_start, summary: r.summary,
    });
  }
  return { total: rows.length, unlocated: rows.length - points.length, points };
}

// ---------------------------------------------------------------------------------------------------- trends

export const INTERVALS = ["day", "week", "month"] as const;
export type Interval = (typeof INTERVALS)[number];
export const STACKS = ["type", "actor"] as const;
export type StackBy = (typeof STACKS)[number];
export const SPLITS = ["none", "country", "admin1"] as const;
export type SplitBy = (typeof SPLITS)[number];

/** How many actors (or panels) get their own series; the rest are summed as "other". */
export const TOP_SERIES = 8;
export const TOP_PANELS = 12;

export interface TrendSeries {
  key: string;
  counts: number[];
}

export interface TrendPanel {
  key: string;
  incidents: number[];
  killed: number[];
  total: number;
}

export interface Trends {
  /** the interval used: the one asked for, or a longer one when it would give more than MAX_PERIODS periods */
  interval: Interval;
  stack: StackBy;
  split: SplitBy;
  /** the first day of each period (a Monday for weeks, the 1st for months), consecutive, gaps included */
  periods: string[];
  incidents: number[];
  /** sums of the incidents' killed figures: best, and the band from the sum of lows to the sum of highs */
  killed: { low: number[]; best: number[]; high: number[] };
  /** periods whose high is open-ended in at least one incident ("at least 23"): the band's top is a floor there */
  openHigh: boolean[];
  stacks: TrendSeries[];
  panels: TrendPanel[];
  /** incidents matching the filter that no date places in time */
  undated: number;
}

const DAY_MS = 86_400_000;

/** The first day of the period holding `iso` (ISO weeks start on Monday). */
export function periodStart(iso: string, interval: Interval): string {
  if (interval === "month") return `${iso.slice(0, 7)}-01`;
  if (interval === "day") return iso.slice(0, 10);
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - weekday * DAY_MS).toISOString().slice(0, 10);
}

function nextPeriod(start: string, interval: Interval): string {
  if (interval === "month") {
    const [y, m] = start.split("-").map(Number);
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  }
  const t = Date.parse(`${start}T00:00:00Z`) + (interval === "week" ? 7 : 1) * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** At most this many periods are laid out: past it, the next longer interval is used (a century of days is months). */
export const MAX_PERIODS = 2000;

function periodsBetween(first: string, last: string, interval: Interval): string[] | null {
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, interval)) {
    out.push(p);
    if (out.length > MAX_PERIODS) return null;
  }
  return out;
}

function topKeys(totals: Map<string, number>, n: number): string[] {
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([k]) => k);
}

/** Incidents and fatalities per period for the filter, stacked by type or actor, split by country or province. */
export async function trends(
  db: Kysely<Database>,
  dialect: Dialect,
  filter: QueryFilter,
  options: { interval: Interval; stack: StackBy; split: SplitBy },
): Promise<Trends> {
  const { stack, split } = options;
  let interval = options.interval;
  const rows = await db
    .selectFrom("incidents")
    .where(all(locatedConditions(db, "incidents", unpaged(filter), dialect)))
    .select(["id", "date_start", "type", "actors", "country", "admin1", "killed_low", "killed_best", "killed_high"])
    .execute();
  const dated = rows.filter((r) => r.date_start !== null);
  const empty: Trends = {
    interval, stack, split, periods: [], incidents: [], killed: { low: [], best: [], high: [] }, openHigh: [], stacks: [], panels: [],
    undated: rows.length - dated.length,
  };
  if (dated.length === 0) return empty;
  const days = dated.map((r) => r.date_start!).sort();
  let periods = periodsBetween(periodStart(days[0], interval), periodStart(days[days.length - 1], interval), interval);
  while (periods === null && interval !== "month") {
    interval = interval === "day" ? "week" : "month";
    periods = periodsBetween(periodStart(days[0], interval), periodStart(days[days.length - 1], interval), interval);
  }
  if (periods === null) {
    throw new SitrepError("SITREP_BAD_OPTION", `${days[0]} to ${days[days.length - 1]} is more than ${MAX_PERIODS} months: narrow the dates`, 400);
  }
  const periodOf = dated.map((r) => periodStart(r.date_start!, interval));
  const index = new Map(periods.map((p, i) => [p, i]));
  const zeros = () => periods.map(() => 0);
  const out: Trends = {
    ...empty, interval, periods, incidents: zeros(), killed: { low: zeros(), best: zeros(), high: zeros() }, openHigh: periods.map(() => false),
  };

  const stackKeysOf = (r: (typeof dated)[number]): string[] => {
    if (stack === "type") return [r.type];
    const names = JSON.parse(r.actors) as string[];
    return names.length ? names : ["actor not stated"];
  };
  const splitKeyOf = (r: (typeof dated)[number]): string | null => {
    if (split === "country") return r.country ?? "unknown";
    if (split === "admin1") return r.admin1 ? `${r.admin1}${r.country ? `, ${r.country}` : ""}` : "province unknown";
    return null;
  };

  const stackTotals = new Map<string, number>();
  const panelTotals = new Map<string, number>();
  dated.forEach((r) => {
    for (const k of stackKeysOf(r)) stackTotals.set(k, (stackTotals.get(k) ?? 0) + 1);
    const s = splitKeyOf(r);
    if (s !== null) panelTotals.set(s, (panelTotals.get(s) ?? 0) + 1);
  });
  const stackKeys = topKeys(stackTotals, stack === "type" ? stackTotals.size : TOP_SERIES);
  const stackIndex = new Map(stackKeys.map((k, i) => [k, i]));
  const stacks: TrendSeries[] = stackKeys.map((key) => ({ key, counts: zeros() }));
  const other: TrendSeries = { key: "other", counts: zeros() };
  const panelKeys = topKeys(panelTotals, TOP_PANELS);
  const panels = new Map(panelKeys.map((key) => [key, { key, incidents: zeros(), killed: zeros(), total: panelTotals.get(key) ?? 0 }]));

  dated.forEach((r, n) => {
    const i = index.get(periodOf[n])!;
    out.incidents[i] += 1;
    if (r.killed_best !== null) {
      out.killed.best[i] += Number(r.killed_best);
      out.killed.low[i] += Number(r.killed_low ?? r.killed_best);
      if (r.killed_high === null) out.openHigh[i] = true;
      out.killed.high[i] += Number(r.killed_high ?? r.killed_best);
    }
    // An incident with two actors counts once for each in the actor stack (the chart says so).
    let counted = false;
    for (const k of stackKeysOf(r)) {
      const s = stackIndex.get(k);
      if (s !== undefined) stacks[s].counts[i] += 1;
      else if (!counted) {
        other.counts[i] += 1;
        counted = true;
      }
    }
    const panel = panels.get(splitKeyOf(r) ?? "");
    if (panel) {
      panel.incidents[i] += 1;
      panel.killed[i] += Number(r.killed_best ?? 0);
    }
  });
  out.stacks = other.counts.some((c) => c > 0) ? [...stacks, other] : stacks;
  out.panels = [...panels.values()];
  return out;
}

// ---------------------------------------------------------------------------------------------------- regions

export interface RegionCount {
  /** ISO alpha-2 for countries; the province's name for admin-1 */
  key: string;
  country: string | null;
  /** countries only: ISO 3166-1 numeric, the id of the country's shape in the dashboard's basemap (world-atlas) */
  numeric: string | null;
  incidents: number;
  killed: number;
  /** admin-1 only: the mean point of its located incidents, where its proportional symbol is drawn */
  lat: number | null;
  lon: number | null;
}

let numericCodes: Map<string, string> | undefined;

/** ISO alpha-2 to ISO numeric ("SY" -> "760"), from world-countries (read once, on first use). */
function isoNumeric(): Map<string, string> {
  if (!numericCodes) {
    const world = createRequire(import.meta.url)("world-countries") as { cca2: string; ccn3: string }[];
    numericCodes = new Map(world.filter((c) => c.ccn3).map((c) => [c.cca2, c.ccn3]));
  }
  return numericCodes;
}

/** Incidents and killed (best) per country and per province, for the choropleth and the province symbols. */
export async function regions(
  db: Kysely<Database>,
  dialect: Dialect,
  filter: QueryFilter,
): Promise<{ countries: RegionCount[]; admin1: RegionCount[] }> {
  const where = all(locatedConditions(db, "incidents", unpaged(filter), dialect));
  const countries = await db
    .selectFrom("incidents")
    .where(where)
    .where("country", "is not", null)
    .select((eb) => ["country", eb.fn.countAll().as("n"), eb.fn.sum(sql<number>`coalesce(killed_best, 0)`).as("k")])
    .groupBy("country")
    .execute();
  const admin1 = await db
    .selectFrom("incidents")
    .where(where)
    .where("admin1", "is not", null)
    .select((eb) => [
      "country", "admin1", eb.fn.countAll().as("n"), eb.fn.sum(sql<number>`coalesce(killed_best, 0)`).as("k"),
      eb.fn.avg("lat").as("lat"), eb.fn.avg("lon").as("lon"),
    ])
    .groupBy(["country", "admin1"])
    .execute();
  const byCount = (a: RegionCount, b: RegionCount) => b.incidents - a.incidents || a.key.localeCompare(b.key);
  return {
    countries: countries
      .map((r) => ({
        key: r.country!, country: r.country, numeric: isoNumeric().get(r.country!) ?? null, incidents: Number(r.n), killed: Number(r.k ?? 0),
        lat: null, lon: null,
      }))
      .sort(byCount),
    admin1: admin1
      .map((r) => ({
        key: r.admin1!, country: r.country, numeric: null, incidents: Number(r.n), killed: Number(r.k ?? 0),
        lat: r.lat === null ? null : Number(r.lat), lon: r.lon === null ? null : Number(r.lon),
      }))
      .sort(byCount),
  };
}

// ---------------------------------------------------------------------------------------------------- actors

export interface ActorQuote {
  articleId: string;
  title: string | null;
  published: string | null;
  text: string;
  speaker: string;
  /** how the speaker stands to the actor: "the actor itself", or their role ("SDF spokesman") */
  role: string;
}

export interface ActorProfile {
  name: string;
  aliases: string[];
  incidents: number;
  asActor: number;
  asTarget: number;
  types: { type: string; count: number }[];
  /** whom it acted against, and who acted against it */
  targets: { name: string; count: number }[];
  attackedBy: { name: string; count: number }[];
  /** incidents per month */
  months: { month: string; count: number }[];
  /** its latest incidents (up to 100) */
  latest: IncidentSummary[];
  /** all its incidents for the map, by exact name (the actor filter matches names containing the words) */
  map: MapPoints;
  quotes: ActorQuote[];
}

/** How many articles are read for spokespeople's quotes, and how many quotes are shown. */
export const ACTOR_ARTICLES_READ = 200;
export const ACTOR_QUOTES_SHOWN = 50;

function tally(names: string[], exclude: Set<string>): { name: string; count: number }[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const n of names) {
    const key = actorKey(n);
    if (exclude.has(key)) continue;
    const c = counts.get(key) ?? { name: n, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, 25);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Everything stored about one actor, by its exact name (any case) or null when no incident names it. */
export async function actorProfile(db: Kysely<Database>, name: string): Promise<ActorProfile | null> {
  const key = actorKey(name);
  const actor = await db.selectFrom("actors").select(["key", "name"]).where("key", "=", key).executeTakeFirst();
  if (!actor) return null;
  const links = await db.selectFrom("incident_actors").select(["incident_id", "role"]).where("actor_key", "=", key).execute();
  const ids = [...new Set(links.map((l) => l.incident_id))];
  const asActor = new Set(links.filter((l) => l.role === "actor").map((l) => l.incident_id));
  const asTarget = new Set(links.filter((l) => l.role !== "actor").map((l) => l.incident_id));
  const rows = ids.length ? await db.selectFrom("incidents").selectAll().where("id", "in", ids).execute() : [];
  const summaries = rows.map(incidentSummaryFrom);

  const types = new Map<string, number>();
  const months = new Map<string, number>();
  for (const i of summaries) {
    const t = i.acled?.subEventType ?? i.type;
    types.set(t, (types.get(t) ?? 0) + 1);
    if (i.date) months.set(i.date.slice(0, 7), (months.get(i.date.slice(0, 7)) ?? 0) + 1);
  }
  const self = new Set([key]);
  const targets = tally(summaries.filter((i) => asActor.has(i.id)).flatMap((i) => i.targets), self);
  const attackedBy = tally(summaries.filter((i) => asTarget.has(i.id)).flatMap((i) => i.actors), self);

  // Aliases: every other name the sources' events gave this actor.
  const aliases = new Set<string>();
  const events = ids.length
    ? await db.selectFrom("events").select(["actors", "targets"]).where("incident_id", "in", ids).execute()
    : [];
  for (const e of events) {
    for (const ref of [...actorRefsFrom(e.actors), ...actorRefsFrom(e.targets)]) {
      if (actorKey(ref.name) !== key && !ref.aliases.some((a) => actorKey(a) === key)) continue;
      for (const a of [ref.name, ...ref.aliases]) if (actorKey(a) !== key) aliases.add(a);
    }
  }

  const quotes = await spokespeopleQuotes(db, key, [actor.name, ...aliases]);
  const latest = [...summaries].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.id.localeCompare(b.id)).slice(0, 100);
  return {
    name: actor.name,
    aliases: [...aliases].sort((a, b) => a.localeCompare(b)),
    incidents: ids.length,
    asActor: asActor.size,
    asTarget: asTarget.size,
    types: [...types.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    targets,
    attackedBy,
    months: [...months.entries()].map(([month, count]) => ({ month, count })).sort((a, b) => a.month.localeCompare(b.month)),
    latest,
    map: toMapPoints(rows),
    quotes,
  };
}

/**
 * Quotes by the actor or by people the article ties to it: a role or affiliation naming it ("SDF spokesman",
 * "a spokesman for the Islamic State"). Read from the reports of the latest articles that mention the actor.
 */
async function spokespeopleQuotes(db: Kysely<Database>, key: string, names: string[]): Promise<ActorQuote[]> {
  const articles = await db
    .selectFrom("entities")
    .innerJoin("articles", "articles.id", "entities.article_id")
    .select(["articles.id", "articles.title", "articles.published", "articles.report"])
    .where("entities.actor_key", "=", key)
    .orderBy(sql`articles.published_day IS NULL`)
    .orderBy("articles.published_day", "desc")
    .orderBy("articles.id")
    .limit(ACTOR_ARTICLES_READ)
    .execute();
  const mentions = new RegExp(`(^|[^\\p{L}\\p{N}])(${names.map(escapeRegExp).join("|")})($|[^\\p{L}\\p{N}])`, "iu");
  const out: ActorQuote[] = [];
  for (const a of articles) {
    const report = JSON.parse(a.report) as Report;
    const speakers = new Map<string, string>();
    for (const e of report.entities) {
      if (actorKey(e.name) === key) speakers.set(e.id, "the actor itself");
      else {
        const tie = [...e.roles, ...e.affiliations].find((r) => mentions.test(r));
        if (tie) speakers.set(e.id, tie);
      }
    }
    for (const q of report.quotes) {
      const role = q.speaker ? speakers.get(q.speaker) : undefined;
      if (!role) continue;
      const speaker = report.entities.find((e) => e.id === q.speaker)?.name ?? q.speakerText ?? "";
      out.push({ articleId: a.id, title: a.title, published: a.published, text: q.text, speaker, role });
      if (out.length >= ACTOR_QUOTES_SHOWN) return out;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------- data quality

export const QUALITY_ISSUES = ["far-date", "no-place"] as const;
export type QualityIssue = (typeof QUALITY_ISSUES)[number];

/** Default distance between an event's dates and its article's publication that makes the date suspect. */
export const FAR_DAYS = 365;

export interface QualityItem {
  eventId: string;
  articleId: string;
  incidentId: string | null;
  title: string | null;
  published: string | null;
  type: PloverType;
  date: string | null;
  dateEnd: string | null;
  place: IncidentPlace | null;
  /** days from publication to the nearest day the event may have happened on (negative: before) */
  daysFromPublication: number | null;
}

export interface QualityReport {
  farDays: number;
  counts: { events: number; farDate: number; noPlace: number };
  issue: QualityIssue;
  page: Page<QualityItem>;
}

/** Whole days from `a` to `b` (ISO days), in SQL. */
function daysBetween(dialect: Dialect, a: string, b: string) {
  return dialect === "sqlite"
    ? sql<number>`(julianday(${sql.ref(b)}) - julianday(${sql.ref(a)}))`
    : sql<number>`(${sql.ref(b)}::date - ${sql.ref(a)}::date)`;
}

/** Events dated far from their article's publication, or without a place: counted, and one page listed. */
export async function quality(
  db: Kysely<Database>,
  dialect: Dialect,
  filter: QueryFilter,
  options: { issue: QualityIssue; farDays?: number; limit: number; offset: number },
): Promise<QualityReport> {
  const farDays = options.farDays ?? FAR_DAYS;
  const base = all(locatedConditions(db, "events", unpaged(filter), dialect));
  // the event may have happened from date_start to date_end: far when publication lies far outside that span
  const far = sql<SqlBool>`(events.date_start IS NOT NULL AND events.published_day IS NOT NULL AND (${daysBetween(dialect, "events.date_end", "events.published_day")} > ${farDays} OR ${daysBetween(dialect, "events.published_day", "events.date_start")} > ${farDays}))`;
  const noPlace = sql<SqlBool>`events.place_name IS NULL`;
  const count = async (cond?: RawBuilder<SqlBool>) => {
    const q = db.selectFrom("events").where(base);
    const [{ n }] = await (cond ? q.where(cond) : q).select((eb) => eb.fn.countAll().as("n")).execute();
    return Number(n);
  };
  const [events, farDate, noPlaceCount] = [await count(), await count(far), await count(noPlace)];
  const rows = await db
    .selectFrom("events")
    .innerJoin("articles", "articles.id", "events.article_id")
    .where(base)
    .where(options.issue === "far-date" ? far : noPlace)
    .selectAll("events")
    .select(["articles.title", "articles.published"])
    .orderBy(sql`events.published_day IS NULL`)
    .orderBy("events.published_day", "desc")
    .orderBy("events.id")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const dayNumber = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS;
  const items: QualityItem[] = rows.map((r) => {
    let days: number | null = null;
    if (r.date_start && r.published_day) {
      const pub = dayNumber(r.published_day);
      const start = dayNumber(r.date_start);
      const end = dayNumber(r.date_end ?? r.date_start);
      days = pub > end ? Math.round(end - pub) : pub < start ? Math.round(start - pub) : 0;
    }
    return {
      eventId: r.id, articleId: r.article_id, incidentId: r.incident_id, title: r.title, published: r.published,
      type: r.type as PloverType, date: r.date_start, dateEnd: r.date_end, place: placeFrom(r), daysFromPublication: days,
    };
  });
  const total = options.issue === "far-date" ? farDate : noPlaceCount;
  return {
    farDays,
    issue: options.issue,
    counts: { events, farDate, noPlace: noPlaceCount },
    page: { total, limit: options.limit, offset: options.offset, items },
  };
}
