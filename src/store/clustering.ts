/**
 * Incidents in the store, kept equal to `clusterProfiles(all stored events)` (incidents/cluster.ts) whatever the
 * arrival order or the number of writers:
 * - an event waits (cluster_id null) until its block (type, country) is re-clustered around it, under a lock per
 *   block (a transaction-scoped advisory lock on PostgreSQL; SQLite has one writer at a time anyway);
 * - re-clustering around new events reads their candidates by an indexed query (same block, start within reach),
 *   follows the links to the components they touch, loads those components whole, and recomputes them;
 * - only what changed is written: incidents whose members and scores are unchanged keep their rows and ids.
 * Per-day counts (incident_days) move with every incident written or removed.
 */
import { sql, type Kysely } from "kysely";
import {
  blockOf, candidateStartRange, clusterComponent, combineIncident, groupBy, linkComponents, linked, type ClusteredIncident,
  type DateWidth, type EventProfile, type IncidentAggregate,
} from "../incidents/index.js";
import { daysBetween } from "../incidents/dates.js";
import { LONG_SPAN_DAYS } from "./queries.js";
import { chunked, idChunks, insertRows, roleRows, updateEventAssignments, upsertActors } from "./bulk.js";
import type { Dialect } from "./db.js";
import { describedColumns, profileFromRow } from "./rows.js";
import type { Database, EventRow, NewIncident } from "./schema.js";
import { unindexArticleText } from "./sql-helpers.js";

type Db = Kysely<Database>;

/** Takes the block's lock for the rest of the transaction (PostgreSQL); SQLite's write lock already covers it. */
async function lockBlock(trx: Db, dialect: Dialect, block: string): Promise<void> {
  if (dialect === "postgres") await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`sitrep-block:${block}`}, 0))`.execute(trx);
}

/** A query's worth of date ranges: few enough bound variables per statement. */
const RANGES_PER_QUERY = 400;

/**
 * Stored events that may link to any of `profiles` (see candidateStartRange): one query for a whole round of the
 * search, over every block at once, its (block, width, date range) conditions ORed, instead of one query per event.
 */
async function candidateRows(trx: Db, profiles: EventProfile[]): Promise<EventRow[]> {
  const out: EventRow[] = [];
  const undatedBlocks = [...new Set(profiles.filter((p) => !p.start || !p.end).map(blockOf))];
  if (undatedBlocks.length > 0) {
    out.push(...await trx.selectFrom("events").selectAll().where("block", "in", undatedBlocks).where("date_start", "is", null).execute());
  }
  const ranges = profiles.flatMap((p) => ([0, 1] as DateWidth[]).map((w) => [blockOf(p), w, candidateStartRange(p, w)] as const))
    .filter((r): r is readonly [string, DateWidth, [string, string]] => r[2] !== null);
  for (let i = 0; i < ranges.length; i += RANGES_PER_QUERY) {
    const part = ranges.slice(i, i + RANGES_PER_QUERY);
    out.push(...await trx
      .selectFrom("events")
      .selectAll()
      .where((eb) => eb.or(part.map(([block, w, r]) => eb.and([
        eb("block", "=", block), eb("date_width", "=", w), eb("date_start", ">=", r[0]), eb("date_start", "<=", r[1]),
      ]))))
      .execute());
  }
  return out;
}

interface Loaded {
  row: EventRow;
  profile: EventProfile;
}

function loaded(row: EventRow): Loaded {
  return { row, profile: profileFromRow(row) };
}

/** The newest source's publication day: what updated_at holds, so that a re-cluster reproduces it. */
function newestSource(members: EventProfile[]): string {
  return members.map((m) => m.published ?? "").sort().at(-1) ?? "";
}

function incidentColumns(agg: IncidentAggregate, members: EventProfile[]): Omit<NewIncident, "id"> {
  return {
    ...describedColumns(agg),
    actors: JSON.stringify(agg.actors),
    targets: JSON.stringify(agg.targets),
    attribution_status: agg.attribution.status,
    attribution_candidates: JSON.stringify(agg.attribution.candidates),
    source_count: agg.sourceCount,
    summary: agg.summary,
    updated_at: newestSource(members),
    long_span: agg.start && agg.end && daysBetween(agg.start, agg.end) > LONG_SPAN_DAYS ? 1 : 0,
  };
}

type DayKey = string;
const dayKey = (day: string, type: string, country: string | null): DayKey => `${day}\u0000${type}\u0000${country ?? ""}`;

/** Applies +/- counts to incident_days and incident_totals, then drops the day rows that reached zero. */
async function applyDayDeltas(trx: Db, dialect: Dialect, deltas: Map<DayKey, number>): Promise<void> {
  const all = [...deltas.entries()].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => {
    const [day, type, country] = k.split("\u0000");
    return { day, type, country, n };
  });
  const totals = new Map<string, number>();
  for (const r of all) totals.set(`${r.type}\u0000${r.country}`, (totals.get(`${r.type}\u0000${r.country}`) ?? 0) + r.n);
  const totalRows = [...totals.entries()].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => {
    const [type, country] = k.split("\u0000");
    return { type, country, n };
  });
  for (const chunk of chunked(totalRows, dialect, 3)) {
    await trx.insertInto("incident_totals").values(chunk)
      .onConflict((oc) => oc.columns(["type", "country"]).doUpdateSet({ n: sql`incident_totals.n + excluded.n` }))
      .execute();
  }
  const rows = all.filter((r) => r.day !== "");
  for (const chunk of chunked(rows, dialect, 4)) {
    await trx.insertInto("incident_days").values(chunk)
      .onConflict((oc) => oc.columns(["day", "type", "country"]).doUpdateSet({ n: sql`incident_days.n + excluded.n` }))
      .execute();
  }
  const emptied = rows.filter((x) => x.n < 0);
  for (const chunk of chunked(emptied, dialect, 3)) {
    await trx.deleteFrom("incident_days").where("n", "<=", 0)
      .where((eb) => eb.or(chunk.map((r) => eb.and([eb("day", "=", r.day), eb("type", "=", r.type), eb("country", "=", r.country)]))))
      .execute();
  }
}

/**
 * Writes the incidents of `components` (every member loaded), replacing the incidents in `oldIncidentIds` that no
 * longer exist. Unchanged incidents are not touched.
 */
async function writeComponents(
  trx: Db, dialect: Dialect, members: Map<string, Loaded>, components: EventProfile[][], oldIncidentIds: Set<string>,
  /** incidents that lost members not in `members` (a deleted article's events): rewritten even when the rest agrees */
  lostMembers: Set<string> = new Set(),
): Promise<void> {
  const incidents: { incident: ClusteredIncident; clusterId: string }[] = components.flatMap((c) =>
    clusterComponent(c).map((incident) => ({ incident, clusterId: c[0].key })));
  const oldMembers = groupBy([...members.values()].filter((m) => m.row.incident_id !== null), (m) => m.row.incident_id!);
  const changedOld = [...oldIncidentIds];
  const newIds = new Set(incidents.map((i) => i.incident.id));
  const oldRows = new Map<string, { date_start: string | null; type: string; country: string | null }>();
  for (const ids of idChunks(changedOld, dialect)) {
    for (const r of await trx.selectFrom("incidents").select(["id", "date_start", "type", "country"]).where("id", "in", ids).execute()) oldRows.set(r.id, r);
  }
  const days = new Map<DayKey, number>();
  const bump = (day: string | null, type: string, country: string | null, n: number) => {
    // undated incidents count in the totals only (day "")
    days.set(dayKey(day ?? "", type, country), (days.get(dayKey(day ?? "", type, country)) ?? 0) + n);
  };

  const toInsert: NewIncident[] = [];
  const toUpdate: NewIncident[] = [];
  const assignments: { id: string; incidentId: string | null; score: number | null; clusterId: string | null }[] = [];
  for (const { incident, clusterId } of incidents) {
    const keys = incident.members.map((m) => m.key);
    const before = oldMembers.get(incident.id) ?? [];
    const sameMembers = before.length === keys.length && keys.every((k) => members.get(k)!.row.incident_id === incident.id);
    const sameScores = incident.members.every((m) => (members.get(m.key)!.row.match_score ?? null) === (incident.scores.get(m.key) ?? null));
    for (const m of incident.members) {
      const row = members.get(m.key)!.row;
      const score = incident.scores.get(m.key) ?? null;
      if (row.incident_id !== incident.id || (row.match_score ?? null) !== score || row.cluster_id !== clusterId) {
        assignments.push({ id: m.key, incidentId: incident.id, score, clusterId });
      }
    }
    if (sameMembers && sameScores && oldRows.has(incident.id) && !lostMembers.has(incident.id)) continue;
    const columns = { id: incident.id, ...incidentColumns(combineIncident(incident.members), incident.members) };
    const old = oldRows.get(incident.id);
    if (old) {
      bump(old.date_start, old.type, old.country, -1);
      toUpdate.push(columns);
    } else toInsert.push(columns);
    bump(columns.date_start ?? null, columns.type, columns.country ?? null, +1);
  }
  for (const id of changedOld) {
    const old = oldRows.get(id);
    if (old && !newIds.has(id)) bump(old.date_start, old.type, old.country, -1);
  }

  toInsert.sort((a, b) => (a.id < b.id ? -1 : 1));
  await insertRows(trx, dialect, "incidents", toInsert);
  for (const row of toUpdate) {
    const { id, ...rest } = row;
    await trx.updateTable("incidents").set(rest).where("id", "=", id).execute();
  }
  const rewritten = [...toInsert, ...toUpdate];
  const actorNames = rewritten.flatMap((r) => [...(JSON.parse(r.actors) as string[]), ...(JSON.parse(r.targets) as string[])]);
  await upsertActors(trx, dialect, actorNames);
  const stale = changedOld.filter((id) => !newIds.has(id));
  const actorDeltas = new Map<string, number>();
  const bumpActor = (key: string, n: number) => actorDeltas.set(key, (actorDeltas.get(key) ?? 0) + n);
  for (const ids of idChunks([...toUpdate.map((r) => r.id), ...stale], dialect)) {
    const old = await trx.selectFrom("incident_actors").select("actor_key").where("incident_id", "in", ids).where("role", "=", "actor").execute();
    for (const r of old) bumpActor(r.actor_key, -1);
    await trx.deleteFrom("incident_actors").where("incident_id", "in", ids).execute();
  }
  const roles = rewritten.flatMap((r) => roleRows("incident_id", r.id, JSON.parse(r.actors) as string[], JSON.parse(r.targets) as string[]));
  for (const r of roles) if (r.role === "actor") bumpActor(r.actor_key, +1);
  await insertRows(trx, dialect, "incident_actors", roles);
  await updateEventAssignments(trx, dialect, assignments);
  for (const ids of idChunks(stale, dialect)) await trx.deleteFrom("incidents").where("id", "in", ids).execute();
  await applyDayDeltas(trx, dialect, days);
  const actorRows = [...actorDeltas.entries()].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([actor_key, n]) => ({ actor_key, n }));
  for (const chunk of chunked(actorRows, dialect, 2)) {
    await trx.insertInto("actor_counts").values(chunk)
      .onConflict((oc) => oc.column("actor_key").doUpdateSet({ n: sql`actor_counts.n + excluded.n` })).execute();
  }
}

/** Loads every event of the given components. */
async function loadComponents(trx: Db, dialect: Dialect, clusterIds: Iterable<string>, into: Map<string, Loaded>): Promise<void> {
  for (const ids of idChunks([...clusterIds], dialect)) {
    for (const row of await trx.selectFrom("events").selectAll().where("cluster_id", "in", ids).execute()) {
      if (!into.has(row.id)) into.set(row.id, loaded(row));
    }
  }
}

/**
 * Re-clusters the blocks around their waiting events `seedIds` (re-read under the locks: another writer may have
 * done it): follows links from the seeds to the components they touch, loads those whole and recomputes them.
 */
async function clusterAround(trx: Db, dialect: Dialect, blocks: Set<string>, seedIds: string[]): Promise<void> {
  const members = new Map<string, Loaded>();
  let round: Loaded[] = [];
  for (const ids of idChunks(seedIds, dialect)) {
    for (const row of await trx.selectFrom("events").selectAll().where("id", "in", ids).execute()) {
      if (row.cluster_id !== null || row.block === null || !blocks.has(row.block)) continue;
      const l = loaded(row);
      members.set(row.id, l);
      round.push(l);
    }
  }
  if (round.length === 0) return;
  const components = new Set<string>();
  // Breadth first: each round reads the candidates of the events found in the round before, in one query.
  while (round.length > 0) {
    const byBlock = groupBy(round, (l) => l.row.block!);
    const rows = new Map((await candidateRows(trx, round.map((l) => l.profile))).map((r) => [r.id, r]));
    const next: Loaded[] = [];
    for (const row of rows.values()) {
      if (members.has(row.id) || (row.cluster_id !== null && components.has(row.cluster_id))) continue;
      const y = loaded(row);
      if (!(byBlock.get(row.block!) ?? []).some((x) => linked(x.profile, y.profile))) continue;
      if (row.cluster_id !== null) components.add(row.cluster_id);
      else {
        // another writer's event, waiting: it joins now, and its own links are followed too
        members.set(row.id, y);
        next.push(y);
      }
    }
    round = next;
  }
  await loadComponents(trx, dialect, components, members);
  const oldIncidents = new Set([...members.values()].map((m) => m.row.incident_id).filter((id): id is string => id !== null));
  await writeComponents(trx, dialect, members, linkComponents([...members.values()].map((m) => m.profile)), oldIncidents);
}

/** PostgreSQL: takes the locks of every block in `blocks` that is free now (in order); none when all are held. */
async function tryLockBlocks(trx: Db, blocks: string[]): Promise<string[]> {
  const got: string[] = [];
  for (const block of blocks) {
    const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${`sitrep-block:${block}`}, 0)) AS ok`.execute(trx);
    if (rows[0]?.ok) got.push(block);
  }
  return got;
}

/**
 * Clusters every waiting event of these articles under each block's lock. SQLite, one writer at a time: one
 * transaction for all. PostgreSQL: each transaction takes the locks of the blocks free at that moment (waiting only
 * when none is), so that writers on other blocks never wait, and commits without waiting for the disk (a server
 * crash can only lose whole re-clusterings, which leave their events waiting for the next one or for `recluster`).
 */
export async function clusterPendingEvents(db: Db, dialect: Dialect, articleIds: string[]): Promise<void> {
  const waiting: { id: string; block: string }[] = [];
  for (const ids of idChunks(articleIds, dialect)) {
    const rows = await db.selectFrom("events").select(["id", "block", "cluster_id"]).where("article_id", "in", ids).execute();
    for (const r of rows) if (r.block !== null && r.cluster_id === null) waiting.push({ id: r.id, block: r.block });
  }
  const byBlock = new Map([...groupBy(waiting, (w) => w.block)].map(([block, ws]) => [block, ws.map((w) => w.id)]));
  let remaining = [...byBlock.keys()].sort();
  const seedsOf = (blocks: string[]) => blocks.flatMap((b) => byBlock.get(b)!);
  if (dialect === "sqlite") {
    if (remaining.length > 0) await db.transaction().execute((trx) => clusterAround(trx, dialect, new Set(remaining), seedsOf(remaining)));
    return;
  }
  while (remaining.length > 0) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL synchronous_commit = off`.execute(trx);
      let got = await tryLockBlocks(trx, remaining);
      if (got.length === 0) {
        await lockBlock(trx, dialect, remaining[0]);
        got = [remaining[0]];
      }
      await clusterAround(trx, dialect, new Set(got), seedsOf(got));
      return new Set(got);
    });
    remaining = remaining.filter((b) => !done.has(b));
  }
}

/** The incidents each article's events belong to, in first-seen order. */
export async function incidentIdsOfArticles(db: Db, articleIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < articleIds.length; i += 10_000) {
    const rows = await db.selectFrom("events").select(["article_id", "incident_id"]).where("article_id", "in", articleIds.slice(i, i + 10_000))
      .where("incident_id", "is not", null).orderBy("id").execute();
    for (const r of rows) {
      const list = out.get(r.article_id) ?? [];
      if (!list.includes(r.incident_id!)) list.push(r.incident_id!);
      out.set(r.article_id, list);
    }
  }
  return out;
}

/**
 * Removes an article and re-derives the incidents its events were part of: the rest of each component is split
 * again as if the article had never been stored. Returns false when no such article is stored.
 */
export async function deleteArticle(db: Db, dialect: Dialect, articleId: string): Promise<boolean> {
  const blocks = await db.selectFrom("events").select("block").distinct().where("article_id", "=", articleId).where("block", "is not", null).execute();
  return db.transaction().execute(async (trx) => {
    for (const b of blocks.map((r) => r.block!).sort()) await lockBlock(trx, dialect, b);
    const own = await trx.selectFrom("events").select(["id", "cluster_id", "incident_id"]).where("article_id", "=", articleId).execute();
    const oldIncidents = new Set(own.map((r) => r.incident_id).filter((id): id is string => id !== null));
    const members = new Map<string, Loaded>();
    await loadComponents(trx, dialect, own.map((r) => r.cluster_id).filter((id): id is string => id !== null), members);
    for (const r of own) members.delete(r.id);
    for (const m of members.values()) if (m.row.incident_id) oldIncidents.add(m.row.incident_id);
    await trx.updateTable("events").set({ incident_id: null }).where("article_id", "=", articleId).execute();
    const deleted = await trx.deleteFrom("articles").where("id", "=", articleId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    await unindexArticleText(trx, dialect, articleId);
    const lost = new Set(own.map((r) => r.incident_id).filter((id): id is string => id !== null));
    await writeComponents(trx, dialect, members, linkComponents([...members.values()].map((m) => m.profile)), oldIncidents, lost);
    return true;
  });
}

/**
 * Rebuilds every incident from the stored events, block by block. With `fromScratch`, all incidents are dropped
 * first (the proof that the store is a function of its events); otherwise only what differs is rewritten.
 * Returns the number of incidents afterwards.
 */
export async function reclusterAll(db: Db, dialect: Dialect, options: { fromScratch?: boolean } = {}): Promise<number> {
  if (options.fromScratch) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("events").set({ incident_id: null, match_score: null, cluster_id: null }).execute();
      await trx.deleteFrom("incident_actors").execute();
      await trx.deleteFrom("incidents").execute();
      await trx.deleteFrom("incident_days").execute();
    });
  }
  const blocks = await db.selectFrom("events").select("block").distinct().where("block", "is not", null).orderBy("block").execute();
  for (const { block } of blocks) {
    await db.transaction().execute(async (trx) => {
      await lockBlock(trx, dialect, block!);
      const members = new Map<string, Loaded>();
      for (const row of await trx.selectFrom("events").selectAll().where("block", "=", block).execute()) members.set(row.id, loaded(row));
      const old = new Set([...members.values()].map((m) => m.row.incident_id).filter((id): id is string => id !== null));
      await writeComponents(trx, dialect, members, linkComponents([...members.values()].map((m) => m.profile)), old);
    });
  }
  // Incidents no event points at any more (left by events that joined before their block existed) go.
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("incidents").where((eb) => eb.not(eb.exists(eb.selectFrom("events").select("events.id").whereRef("events.incident_id", "=", "incidents.id")))).execute();
    await rebuildIncidentDays(trx);
  });
  const [{ n }] = await db.selectFrom("incidents").select((eb) => eb.fn.countAll().as("n")).execute();
  return Number(n);
}

/** Recounts incident_days and actor_counts from the incidents. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function rebuildIncidentDays(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("actor_counts").execute();
  await sql`INSERT INTO actor_counts (actor_key, n) SELECT actor_key, count(*) FROM incident_actors WHERE role = 'actor' GROUP BY actor_key`.execute(db);
  await db.deleteFrom("incident_totals").execute();
  await sql`INSERT INTO incident_totals (type, country, n)
    SELECT type, coalesce(country, ''), count(*) FROM incidents GROUP BY type, coalesce(country, '')`.execute(db);
  await db.deleteFrom("incident_days").execute();
  await sql`INSERT INTO incident_days (day, type, country, n)
    SELECT date_start, type, coalesce(country, ''), count(*) FROM incidents WHERE date_start IS NOT NULL
    GROUP BY date_start, type, coalesce(country, '')`.execute(db);
}

/**
 * Every incident with its members, scores and actors, the per-day and per-actor counts, as NDJSON in a fixed order: equal
 * strings mean equal incidents, which is how tests and `sitrep recluster --check` compare stores.
 */
export async function incidentSnapshot(db: Db): Promise<string> {
  const lines: string[] = [];
  const incidents = await db.selectFrom("incidents").selectAll().orderBy("id").execute();
  const members = await db.selectFrom("events").select(["id", "incident_id", "match_score", "cluster_id"])
    .where("incident_id", "is not", null).orderBy("incident_id").orderBy("id").execute();
  const actors = await db.selectFrom("incident_actors").selectAll().orderBy("incident_id").orderBy("actor_key").orderBy("role").execute();
  const byIncident = new Map<string, { members: unknown[]; actors: unknown[] }>(incidents.map((i) => [i.id, { members: [], actors: [] }]));
  for (const m of members) byIncident.get(m.incident_id!)?.members.push([m.id, m.match_score === null ? null : Number(m.match_score), m.cluster_id]);
  for (const a of actors) byIncident.get(a.incident_id)?.actors.push([a.actor_key, a.role]);
  const numeric = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" || v === null ? v : Number(v)]));
  for (const i of incidents) lines.push(JSON.stringify({ incident: numeric(i), ...byIncident.get(i.id) }));
  for (const d of await db.selectFrom("incident_days").selectAll().orderBy("day").orderBy("type").orderBy("country").execute()) {
    lines.push(JSON.stringify({ day: d.day, type: d.type, country: d.country, n: Number(d.n) }));
  }
  for (const t of await db.selectFrom("incident_totals").selectAll().where("n", "!=", 0).orderBy("type").orderBy("country").execute()) {
    lines.push(JSON.stringify({ type: t.type, country: t.country, total: Number(t.n) }));
  }
  for (const a of await db.selectFrom("actor_counts").selectAll().where("n", "!=", 0).orderBy("actor_key").execute()) {
    lines.push(JSON.stringify({ actor: a.actor_key, n: Number(a.n) }));
  }
  return lines.join("\n") + (lines.length ? "\n" : "");
}
