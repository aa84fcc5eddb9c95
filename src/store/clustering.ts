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
  blockOf, candidateStartRange, clusterComponent, combineIncident, dateWidth, groupBy, isVague, linkComponents, linked, mayLinkDates, MATCH_THRESHOLD,
  rememberingMatchScore, type ClusteredIncident, type DateWidth, type EventProfile, type IncidentAggregate, type PairScorer,
} from "../incidents/index.js";
import { LINK_SLACK_DAYS, MAX_LINK_SPAN_DAYS } from "../incidents/cluster.js";
import { dayNumber, daysBetween } from "../incidents/dates.js";
import { LONG_SPAN_DAYS } from "./queries.js";
import {
  connectionCache, deleteRows, dropConnectionCaches, inTransaction, insertRows, Raw, roleRows, selectIn, updateRows, upsertActors, type WriteDb,
} from "./bulk.js";
import { PROFILE_COLUMNS, profileFromRow, type ProfileRow } from "./rows.js";
import type { Database, EventRow, NewEvent, NewIncident } from "./schema.js";
import { unindexArticleText } from "./sql-helpers.js";

type Db = Kysely<Database>;

/**
 * PostgreSQL: the advisory lock key of a block (SQL of the block's text `block`). Advisory locks are shared by the
 * whole database: the key names the store's schema too, so that stores in two schemas never hold each other's
 * blocks (a writer would leave its events to a holder that never looks at its schema).
 */
export const blockLockKey = (block: string) => `hashtextextended('sitrep-block:' || current_schema() || ':' || ${block}, 0)`;

/** Takes the block's lock for the rest of the transaction (PostgreSQL); SQLite's write lock already covers it. */
async function lockBlock(raw: Raw, block: string): Promise<void> {
  if (raw.dialect === "postgres") await raw.pg(`SELECT pg_advisory_xact_lock(${blockLockKey("$1::text")})`, [block]);
}

/** (block, width, first start, last start): one range of the candidate search. */
type Range = [string, DateWidth, string, string];

/** The ranges of each (block, width) merged where they overlap: fewer lookups, no row read twice. */
function mergedRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? a[1] - b[1] : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && last[0] === r[0] && last[1] === r[1] && r[2] <= last[3]) {
      if (r[3] > last[3]) last[3] = r[3];
    } else out.push([...r]);
  }
  return out;
}

/** The columns of a candidate that decide whether it may link at all (blocks and dates, see SeedWindow). */
type CandidateRow = Pick<EventRow, "id" | "article_id" | "block" | "date_start" | "date_end" | "date_width" | "cluster_id">;

/**
 * Stored events that may link to any of `profiles` (see candidateStartRange): the date ranges of a whole round of
 * the search, merged, read off the (block, date_width, date_start) index: one prepared lookup per range on SQLite,
 * one join against the ranges as arrays on PostgreSQL. Whole rows in one read (reading the candidacy columns first
 * and then the rows that pass by id cost more: most rows in range pass); only those that pass SeedWindow's test are
 * made profiles and matched.
 */
async function candidateRows(raw: Raw, profiles: EventProfile[]): Promise<StateRow[]> {
  // SQLite keeps the profiles of stored events in memory (see ProfileCache): the range read takes only the state.
  const what = raw.dialect === "sqlite" ? STATE_COLUMNS : PROFILE;
  const out: StateRow[] = [];
  // A vague event (undated, or dated to a year) may link to any event of its block; every other, to its block's
  // vague ones (undated rows have width 0: both lookups follow the (block, date_width, date_start) index).
  const vagueBlocks = [...new Set(profiles.filter(isVague).map(blockOf))];
  out.push(...await selectIn<StateRow>(raw, what, "events", "block", vagueBlocks));
  const datedBlocks = [...new Set(profiles.filter((p) => !isVague(p)).map(blockOf))].filter((b) => !vagueBlocks.includes(b));
  out.push(...await selectIn<StateRow>(raw, what, "events", "block", datedBlocks, "date_width = 0 AND date_start IS NULL"));
  out.push(...await selectIn<StateRow>(raw, what, "events", "block", datedBlocks, "date_width = 2"));
  const ranges = mergedRanges(profiles.flatMap((p) => ([0, 1] as DateWidth[]).flatMap((w): Range[] => {
    const r = candidateStartRange(p, w);
    return r ? [[blockOf(p), w, r[0], r[1]]] : [];
  })));
  if (ranges.length === 0) return out;
  if (raw.dialect === "sqlite") {
    out.push(...raw.allEach<StateRow>(`SELECT ${what} FROM events WHERE block = ? AND date_width = ? AND date_start >= ? AND date_start <= ?`, ranges));
  } else {
    out.push(...await raw.pg<ProfileRow>(`SELECT ${PROFILE_COLUMNS.map((c) => `e."${c}"`).join(", ")} FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS r(block, w, lo, hi)
      JOIN events e ON e.block = r.block AND e.date_width = r.w AND e.date_start >= r.lo AND e.date_start <= r.hi`,
    [ranges.map((r) => r[0]), ranges.map((r) => r[1]), ranges.map((r) => r[2]), ranges.map((r) => r[3])]));
  }
  return out;
}

/**
 * SQLite: the profiles of stored events, per connection, so that the rows each batch reads again as candidates
 * (with dates spread over years, a batch's windows cover much of every block) are parsed once. A stored event's
 * profile never changes while its row exists (only its incident, score and cluster do, and those are read every
 * time); the cache is emptied when this connection deletes an article or rolls a transaction back (bulk.ts'
 * inTransaction), and whenever another connection has committed anything since (SQLite's data_version), so it
 * never serves a profile its row no longer has.
 */
class ProfileCache {
  // bounds memory (a lede's profile carries its article's context: up to a few kB); emptied whole when full
  private static readonly MAX = 100_000;
  private readonly profiles = new Map<string, EventProfile>();
  private version = -1;

  /** The cache of this SQLite connection, emptied if another connection wrote; undefined on PostgreSQL. */
  static of(raw: Raw): ProfileCache | undefined {
    const cache = connectionCache(raw, "profiles", () => new ProfileCache());
    if (!cache) return undefined;
    const version = raw.sqliteDataVersion();
    if (version !== cache.version) {
      cache.profiles.clear();
      cache.version = version;
    }
    return cache;
  }

  get(id: string): EventProfile | undefined {
    return this.profiles.get(id);
  }

  set(id: string, profile: EventProfile): void {
    if (this.profiles.size >= ProfileCache.MAX) this.profiles.clear();
    this.profiles.set(id, profile);
  }
}

/**
 * The rows `state` whole as Loaded: their profiles from the cache, or from their rows read by id (PostgreSQL's
 * candidate read already holds them whole).
 */
async function loadRows(raw: Raw, state: StateRow[]): Promise<Loaded[]> {
  const cache = ProfileCache.of(raw);
  if (!cache) return state.map((row) => loaded(row as ProfileRow));
  // held here too: the cache empties itself when full, possibly halfway through this loop
  const profiles = new Map<string, EventProfile>();
  const missing: string[] = [];
  for (const row of state) {
    const profile = cache.get(row.id);
    if (profile) profiles.set(row.id, profile);
    else missing.push(row.id);
  }
  for (const row of await selectIn<ProfileRow>(raw, PROFILE, "events", "id", missing)) {
    const profile = profileFromRow(row);
    cache.set(row.id, profile);
    profiles.set(row.id, profile);
  }
  return state.map((row) => ({ row, profile: profiles.get(row.id)! }));
}

/**
 * The seeds of one block, indexed by start day: which of them a stored event may link to at all (mayLink's test on
 * the event's columns: another article, dates within reach), so that the matcher runs only on those and only
 * their rows are read whole.
 */
class SeedWindow {
  /** undated seeds and those dated to more than a month: each is tested with mayLinkDates */
  private readonly others: Loaded[] = [];
  private readonly all: Loaded[];
  /** seeds dated to a month or less, by start day */
  private readonly dated: { start: number; end: number; seed: Loaded }[] = [];

  constructor(seeds: Loaded[]) {
    this.all = seeds;
    for (const seed of seeds) {
      const p = seed.profile;
      if (p.start && p.end && dateWidth(p) < 2) this.dated.push({ start: dayNumber(p.start)!, end: dayNumber(p.end)!, seed });
      else this.others.push(seed);
    }
    this.dated.sort((a, b) => a.start - b.start);
  }

  /**
   * The seeds `row` may link to: mayLink on its columns (another article, mayLinkDates). Only a row dated to a
   * month or less is looked up by day: the seeds dated so that meet it start at most a month and the slack before
   * it, and at most the slack after it ends; every other pair is left to mayLinkDates itself.
   */
  reachable(row: CandidateRow): Loaded[] {
    const dates = { start: row.date_start, end: row.date_end };
    const meets = (x: Loaded) => x.profile.articleId !== row.article_id && mayLinkDates(x.profile, dates);
    if (!row.date_start || !row.date_end || row.date_width === null || Number(row.date_width) >= 2) return this.all.filter(meets);
    const start = dayNumber(row.date_start)!;
    const end = dayNumber(row.date_end)!;
    const lo = start - (MAX_LINK_SPAN_DAYS + LINK_SLACK_DAYS);
    let i = 0;
    let hi = this.dated.length;
    while (i < hi) {
      const mid = (i + hi) >> 1;
      if (this.dated[mid].start < lo) i = mid + 1;
      else hi = mid;
    }
    const out: Loaded[] = this.others.filter(meets);
    for (; i < this.dated.length && this.dated[i].start <= end + LINK_SLACK_DAYS; i++) {
      const x = this.dated[i];
      if (x.end < start - LINK_SLACK_DAYS || x.seed.profile.articleId === row.article_id) continue;
      out.push(x.seed);
    }
    return out;
  }
}

/** What clustering reads and writes of an event's row besides its profile. */
type StateRow = Pick<EventRow, "id" | "article_id" | "block" | "date_start" | "date_end" | "date_width" | "cluster_id" | "incident_id" | "match_score">;
const STATE_COLUMNS = "id, article_id, block, date_start, date_end, date_width, cluster_id, incident_id, match_score";
/** What the reads that build profiles take of a row (rows.ts' ProfileRow). */
const PROFILE = PROFILE_COLUMNS.map((c) => `"${c}"`).join(", ");

interface Loaded {
  row: StateRow;
  profile: EventProfile;
}

function loaded(row: ProfileRow): Loaded {
  return { row, profile: profileFromRow(row) };
}

/** The newest source's publication day: what updated_at holds, so that a re-cluster reproduces it. */
function newestSource(members: EventProfile[]): string {
  return members.map((m) => m.published ?? "").sort().at(-1) ?? "";
}

function incidentColumns(id: string, agg: IncidentAggregate, members: EventProfile[]): NewIncident {
  // the columns incidents share with events (schema.ts), written out: one literal, where a spread plus 9 more fields cost ~10x more
  return {
    id,
    type: agg.type,
    mode: agg.mode,
    acled_event_type: agg.acled?.eventType ?? null,
    acled_sub_event_type: agg.acled?.subEventType ?? null,
    date_start: agg.start,
    date_end: agg.end,
    granularity: agg.granularity,
    place_name: agg.place?.name ?? null,
    lat: agg.place?.lat ?? null,
    lon: agg.place?.lon ?? null,
    country: agg.place?.country ?? null,
    admin1: agg.place?.admin1 ?? null,
    feature_type: agg.place?.featureType ?? null,
    precision: agg.place?.precision ?? null,
    killed_low: agg.killed?.low ?? null,
    killed_best: agg.killed?.best ?? null,
    killed_high: agg.killed?.high ?? null,
    injured_low: agg.injured?.low ?? null,
    injured_best: agg.injured?.best ?? null,
    injured_high: agg.injured?.high ?? null,
    victims: agg.victims,
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
async function applyDayDeltas(raw: Raw, deltas: Map<DayKey, number>): Promise<void> {
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
  await insertRows(raw, "incident_totals", totalRows, { addOnConflict: { keys: ["type", "country"], add: "n" } });
  const rows = all.filter((r) => r.day !== "");
  await insertRows(raw, "incident_days", rows, { addOnConflict: { keys: ["day", "type", "country"], add: "n" } });
  await deleteRows(raw, "incident_days", ["day", "type", "country"], rows.filter((x) => x.n < 0), `"incident_days"."n" <= 0`);
}

/**
 * Writes the incidents of `components` (every member loaded), replacing the incidents in `oldIncidentIds` that no
 * longer exist. Unchanged incidents are not touched.
 */
async function writeComponents(
  raw: Raw, members: Map<string, Loaded>, components: EventProfile[][], oldIncidentIds: Set<string>,
  /** incidents that lost members not in `members` (a deleted article's events): rewritten even when the rest agrees */
  lostMembers: Set<string> = new Set(),
  /** members whose rows are not written yet: their assignment goes into their row object */
  fresh: Set<string> = new Set(),
  /** the pass's scorer, which remembers the pairs linkComponents scored */
  scorer: PairScorer = rememberingMatchScore(),
): Promise<void> {
  const incidents: { incident: ClusteredIncident; clusterId: string }[] = components.flatMap((c) =>
    clusterComponent(c, MATCH_THRESHOLD, scorer).map((incident) => ({ incident, clusterId: c[0].key })));
  const oldMembers = groupBy([...members.values()].filter((m) => m.row.incident_id !== null), (m) => m.row.incident_id!);
  const changedOld = [...oldIncidentIds];
  const newIds = new Set(incidents.map((i) => i.incident.id));
  type OldRow = { id: string; date_start: string | null; type: string; country: string | null };
  const oldRows = new Map((await selectIn<OldRow>(raw, "id, date_start, type, country", "incidents", "id", changedOld)).map((r) => [r.id, r]));
  const days = new Map<DayKey, number>();
  const bump = (day: string | null, type: string, country: string | null, n: number) => {
    // undated incidents count in the totals only (day "")
    days.set(dayKey(day ?? "", type, country), (days.get(dayKey(day ?? "", type, country)) ?? 0) + n);
  };

  const toInsert: NewIncident[] = [];
  /** the actor and target names of each incident written (its columns hold them as JSON) */
  const names = new Map<string, { actors: string[]; targets: string[] }>();
  const toUpdate: NewIncident[] = [];
  const assignments: { id: string; incident_id: string | null; match_score: number | null; cluster_id: string | null }[] = [];
  for (const { incident, clusterId } of incidents) {
    const keys = incident.members.map((m) => m.key);
    const before = oldMembers.get(incident.id) ?? [];
    const sameMembers = before.length === keys.length && keys.every((k) => members.get(k)!.row.incident_id === incident.id);
    const sameScores = incident.members.every((m) => (members.get(m.key)!.row.match_score ?? null) === (incident.scores.get(m.key) ?? null));
    for (const m of incident.members) {
      const row = members.get(m.key)!.row;
      const score = incident.scores.get(m.key) ?? null;
      if (fresh.has(m.key)) Object.assign(row, { incident_id: incident.id, match_score: score, cluster_id: clusterId });
      else if (row.incident_id !== incident.id || (row.match_score ?? null) !== score || row.cluster_id !== clusterId) {
        assignments.push({ id: m.key, incident_id: incident.id, match_score: score, cluster_id: clusterId });
      }
    }
    if (sameMembers && sameScores && oldRows.has(incident.id) && !lostMembers.has(incident.id)) continue;
    const agg = combineIncident(incident.members);
    const columns = incidentColumns(incident.id, agg, incident.members);
    names.set(incident.id, { actors: agg.actors, targets: agg.targets });
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
  toUpdate.sort((a, b) => (a.id < b.id ? -1 : 1));
  await insertRows(raw, "incidents", toInsert);
  await updateRows(raw, "incidents", "id", toUpdate);
  const rewritten = [...toInsert, ...toUpdate];
  const parsed = rewritten.map((r) => ({ id: r.id, ...names.get(r.id)! }));
  await upsertActors(raw, parsed.flatMap((r) => [...r.actors, ...r.targets]));
  const stale = changedOld.filter((id) => !newIds.has(id));
  const actorDeltas = new Map<string, number>();
  const bumpActor = (key: string, n: number) => actorDeltas.set(key, (actorDeltas.get(key) ?? 0) + n);
  const replaced = [...toUpdate.map((r) => r.id), ...stale];
  for (const r of await selectIn<{ actor_key: string }>(raw, "actor_key", "incident_actors", "incident_id", replaced, "role = 'actor'")) bumpActor(r.actor_key, -1);
  await deleteRows(raw, "incident_actors", ["incident_id"], replaced.map((incident_id) => ({ incident_id })));
  const roles = parsed.flatMap((r) => roleRows("incident_id", r.id, r.actors, r.targets));
  for (const r of roles) if (r.role === "actor") bumpActor(r.actor_key, +1);
  await insertRows(raw, "incident_actors", roles);
  await updateRows(raw, "events", "id", assignments);
  await deleteRows(raw, "incidents", ["id"], stale.map((id) => ({ id })));
  await applyDayDeltas(raw, days);
  const actorRows = [...actorDeltas.entries()].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([actor_key, n]) => ({ actor_key, n }));
  await insertRows(raw, "actor_counts", actorRows, { addOnConflict: { keys: ["actor_key"], add: "n" } });
}

/**
 * Loads every event of the given components: on SQLite their state, the profiles from the connection's cache
 * (loadRows), as candidates are; on PostgreSQL their rows whole.
 */
async function loadComponents(raw: Raw, clusterIds: Iterable<string>, into: Map<string, Loaded>, known?: Map<string, Loaded>): Promise<void> {
  const what = raw.dialect === "sqlite" ? STATE_COLUMNS : PROFILE;
  const rows = (await selectIn<StateRow>(raw, what, "events", "cluster_id", [...clusterIds])).filter((row) => !into.has(row.id));
  // PostgreSQL: the profiles the candidate search made already (a stored event's profile never changes), so that
  // the pass's scorer finds the pairs it scored under the same objects
  const profiled = raw.dialect === "postgres" && known
    ? rows.map((row) => {
      const k = known.get(row.id);
      return k ? { row, profile: k.profile } : loaded(row as ProfileRow);
    })
    : await loadRows(raw, rows);
  for (const l of profiled) if (!into.has(l.row.id)) into.set(l.row.id, l);
}

/**
 * Re-clusters the blocks around `seeds`, waiting events of those blocks: follows links from the seeds to the
 * components they touch, loads those whole and recomputes them. Seeds in `fresh` are rows not written yet (this
 * batch's events): they get their incident in their row object, to be inserted with it, instead of an UPDATE.
 */
async function clusterAround(raw: Raw, seeds: Loaded[], fresh: Set<string> = new Set()): Promise<void> {
  const members = new Map<string, Loaded>(seeds.map((l) => [l.row.id, l]));
  let round = [...members.values()];
  if (round.length === 0) return;
  const components = new Set<string>();
  // every pair is scored once in this pass: when a link is followed, then by linkComponents and average linkage
  const scorer = rememberingMatchScore();
  /** the stored events read whole in this pass, by id */
  const candidates = new Map<string, Loaded>();
  // Breadth first: each round reads the candidates of the events found in the round before, in one query.
  while (round.length > 0) {
    const windows = new Map([...groupBy(round, (l) => l.row.block!)].map(([block, seeds]) => [block, new SeedWindow(seeds)]));
    const reachable = new Map<string, Loaded[]>();
    const read = new Map<string, StateRow>();
    for (const row of await candidateRows(raw, round.map((l) => l.profile))) {
      if (reachable.has(row.id) || members.has(row.id) || (row.cluster_id !== null && components.has(row.cluster_id))) continue;
      const seeds = windows.get(row.block!)?.reachable(row) ?? [];
      if (seeds.length > 0) {
        reachable.set(row.id, seeds);
        read.set(row.id, row);
      }
    }
    const next: Loaded[] = [];
    for (const y of await loadRows(raw, [...read.values()])) {
      const row = y.row;
      candidates.set(row.id, y);
      if (members.has(row.id) || (row.cluster_id !== null && components.has(row.cluster_id))) continue;
      if (!reachable.get(row.id)!.some((x) => linked(x.profile, y.profile, MATCH_THRESHOLD, scorer))) continue;
      if (row.cluster_id !== null) components.add(row.cluster_id);
      else {
        // another writer's event, waiting: it joins now, and its own links are followed too
        members.set(row.id, y);
        next.push(y);
      }
    }
    round = next;
  }
  await loadComponents(raw, components, members, candidates);
  const oldIncidents = new Set([...members.values()].map((m) => m.row.incident_id).filter((id): id is string => id !== null));
  await writeComponents(raw, members, linkComponents([...members.values()].map((m) => m.profile), MATCH_THRESHOLD, scorer), oldIncidents, new Set(), fresh, scorer);
}

/** Re-clusters the blocks around their stored waiting events `seedIds` (re-read under the locks: another writer may have done it). */
async function clusterAroundStored(raw: Raw, blocks: Set<string>, seedIds: string[]): Promise<void> {
  const seeds = (await selectIn<ProfileRow>(raw, PROFILE, "events", "id", seedIds))
    .filter((row) => row.cluster_id === null && row.block !== null && blocks.has(row.block));
  await clusterAround(raw, seeds.map(loaded));
}

/** The condition of events_waiting_idx: an event that joins incidents and is not clustered yet. */
const WAITING = "cluster_id IS NULL AND block IS NOT NULL";

/**
 * Clusters a batch's new events before their rows are written: their rows (`events`, mutated) are then inserted
 * with their incident set, and no fresh row is updated. SQLite: every block (its one writer holds them all).
 * PostgreSQL: the blocks whose advisory locks are free now (taken without waiting, held to the end of the
 * transaction); the events of blocks another writer holds are written waiting (cluster_id null), and
 * clusterDirtyBlocks finishes them once this transaction has committed. Returns every block of the batch.
 */
export async function clusterFresh(raw: Raw, events: NewEvent[]): Promise<string[]> {
  const blocks = [...new Set(events.map((e) => e.block).filter((b): b is string => b !== null && b !== undefined))].sort();
  if (blocks.length === 0) return blocks;
  const held = new Set(raw.dialect === "postgres" ? await tryLockBlocks(raw, blocks) : blocks);
  const seeds = events.filter((e) => e.block !== null && e.block !== undefined && held.has(e.block)).map((e) => loaded(e as unknown as EventRow));
  // SQLite: the next batches read these rows as candidates; their profiles are made already (a rollback empties the cache)
  const cache = ProfileCache.of(raw);
  if (cache) for (const seed of seeds) cache.set(seed.row.id, seed.profile);
  await clusterAround(raw, seeds, new Set(seeds.map((l) => l.row.id)));
  return blocks;
}

/**
 * PostgreSQL: takes the locks of every block in `blocks` that is free now, in one statement, in the order given
 * (sorted by the callers); none when all are held. Never waits, so writers never queue behind each other.
 */
async function tryLockBlocks(raw: Raw, blocks: string[]): Promise<string[]> {
  const rows = await raw.pg<{ b: string }>(`SELECT b FROM unnest($1::text[]) WITH ORDINALITY AS t(b, i)
    WHERE pg_try_advisory_xact_lock(${blockLockKey("b")}) ORDER BY i`, [blocks]);
  return rows.map((r) => r.b);
}

/** The waiting events (cluster_id null) of these articles, by block. */
async function waitingByBlock(raw: Raw, articleIds: string[]): Promise<Map<string, string[]>> {
  const rows = await selectIn<{ id: string; block: string }>(raw, "id, block", "events", "article_id", articleIds, WAITING);
  return new Map([...groupBy(rows, (w) => w.block)].map(([block, ws]) => [block, ws.map((w) => w.id)]));
}

/** The blocks of the waiting events of these articles (stored earlier by a process killed before it clustered them). */
export async function blocksWaitingOf(db: WriteDb, articleIds: string[]): Promise<string[]> {
  return [...(await waitingByBlock(new Raw(db.dialect, db.kysely, db.sqlite), articleIds)).keys()];
}

/**
 * SQLite, where the transaction in hand is the only writer: clusters every waiting event of these articles in it
 * (the articles' rows may be written earlier in the same transaction).
 */
export async function clusterWaiting(raw: Raw, articleIds: string[]): Promise<void> {
  const byBlock = await waitingByBlock(raw, articleIds);
  if (byBlock.size > 0) await clusterAroundStored(raw, new Set(byBlock.keys()), [...byBlock.values()].flat());
}

/** Those of `blocks` that hold a waiting event (all of them when `blocks` is undefined), sorted: one lookup in events_waiting_idx. */
async function dirtyBlocks(raw: Raw, blocks?: string[]): Promise<string[]> {
  if (blocks?.length === 0) return [];
  const rows = blocks === undefined
    ? await raw.kysely.selectFrom("events").select("block").distinct().where(sql.raw<boolean>(WAITING)).execute()
    : await selectIn<{ block: string }>(raw, "DISTINCT block", "events", "block", blocks, WAITING);
  return [...new Set(rows.map((r) => r.block!))].sort();
}

/**
 * Clusters every waiting event of the dirty ones among `blocks` (every dirty block when undefined), each block
 * under its lock; returns the blocks left dirty because another writer held them.
 * - SQLite: one transaction, the only writer; nothing is left.
 * - PostgreSQL: a transaction per block takes its lock without waiting, clusters all its waiting events (any
 *   writer's), commits without waiting for the disk (a server crash can only lose
 *   whole re-clusterings, which leave their events waiting for the next one or for `recluster`); then it looks again
 *   at the blocks it held: events may have been written while it held them. A block held by another writer is
 *   left to that writer, which does the same after it commits: every writer looks for waiting events only after
 *   its own are committed, and every holder looks again after it releases, so a waiting event is always seen by
 *   someone who can lock its block, and no writer ever waits for a block. The incidents are final once no block
 *   is dirty; a writer killed while holding blocks leaves them dirty until the next batch that touches them, the
 *   queue worker's idle sweep (finishWaiting, store.finishIncidents) or `recluster`.
 */
export async function clusterDirtyBlocks(db: WriteDb, blocks?: string[]): Promise<string[]> {
  const outside = new Raw(db.dialect, db.kysely, db.sqlite);
  if (db.dialect === "sqlite") {
    await inTransaction(db, async (raw) => {
      const dirty = await dirtyBlocks(raw, blocks);
      if (dirty.length > 0) await clusterAround(raw, (await selectIn<ProfileRow>(raw, PROFILE, "events", "block", dirty, WAITING)).map(loaded));
    });
    return [];
  }
  let dirty = await dirtyBlocks(outside, blocks);
  const left = new Set<string>();
  while (dirty.length > 0) {
    // One block per transaction, starting anywhere: writers that find the same blocks dirty share them out
    // instead of one taking them all while the others find every block held.
    const from = Math.floor(Math.random() * dirty.length);
    const held: string[] = [];
    for (const block of [...dirty.slice(from), ...dirty.slice(0, from)]) {
      const got = await inTransaction(db, async (raw) => {
        await raw.pg("SET LOCAL synchronous_commit = off");
        if ((await tryLockBlocks(raw, [block])).length === 0) return false;
        await clusterAround(raw, (await selectIn<ProfileRow>(raw, PROFILE, "events", "block", [block], WAITING)).map(loaded));
        return true;
      });
      if (got) {
        held.push(block);
        left.delete(block);
      } else left.add(block);
    }
    dirty = await dirtyBlocks(outside, held.sort());
  }
  return [...left].sort();
}

/** Clusters every dirty block that is free (see clusterDirtyBlocks); returns the number of events still waiting. */
export async function finishWaiting(db: WriteDb): Promise<number> {
  await clusterDirtyBlocks(db);
  return countWaiting(db.kysely);
}

/** The number of waiting events (read off events_waiting_idx). */
export async function countWaiting(db: Db): Promise<number> {
  const [{ n }] = await db.selectFrom("events").select((eb) => eb.fn.countAll().as("n")).where(sql.raw<boolean>(WAITING)).execute();
  return Number(n);
}

/** The incidents each article's events belong to, in first-seen order (by event id). */
export async function incidentIdsOfArticles(raw: Raw, articleIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const rows = raw.dialect === "sqlite"
    ? raw.allEach<{ article_id: string; incident_id: string }>(
      "SELECT article_id, incident_id FROM events WHERE article_id = ? AND incident_id IS NOT NULL ORDER BY id", [...new Set(articleIds)].map((id) => [id]))
    : await raw.pg<{ article_id: string; incident_id: string }>(
      "SELECT article_id, incident_id FROM events WHERE article_id = ANY($1) AND incident_id IS NOT NULL ORDER BY id", [articleIds]);
  for (const r of rows) {
    const list = out.get(r.article_id) ?? [];
    if (!list.includes(r.incident_id)) list.push(r.incident_id);
    out.set(r.article_id, list);
  }
  return out;
}

/**
 * Removes an article and re-derives the incidents its events were part of: the rest of each component is split
 * again as if the article had never been stored. Returns false when no such article is stored.
 */
export async function deleteArticle(db: WriteDb, articleId: string): Promise<boolean> {
  const blocks = await db.kysely.selectFrom("events").select("block").distinct().where("article_id", "=", articleId).where("block", "is not", null).execute();
  const deleted = await inTransaction(db, async (raw) => {
    // its events' profiles must not be served to a later article stored under the same id
    dropConnectionCaches(raw);
    const trx = raw.kysely;
    for (const b of blocks.map((r) => r.block!).sort()) await lockBlock(raw, b);
    const own = await trx.selectFrom("events").select(["id", "cluster_id", "incident_id"]).where("article_id", "=", articleId).execute();
    const oldIncidents = new Set(own.map((r) => r.incident_id).filter((id): id is string => id !== null));
    const members = new Map<string, Loaded>();
    await loadComponents(raw, own.map((r) => r.cluster_id).filter((id): id is string => id !== null), members);
    for (const r of own) members.delete(r.id);
    for (const m of members.values()) if (m.row.incident_id) oldIncidents.add(m.row.incident_id);
    await trx.updateTable("events").set({ incident_id: null }).where("article_id", "=", articleId).execute();
    const removed = await trx.deleteFrom("articles").where("id", "=", articleId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await unindexArticleText(trx, db.dialect, articleId);
    const lost = new Set(own.map((r) => r.incident_id).filter((id): id is string => id !== null));
    const scorer = rememberingMatchScore();
    await writeComponents(raw, members, linkComponents([...members.values()].map((m) => m.profile), MATCH_THRESHOLD, scorer), oldIncidents, lost, new Set(), scorer);
    return true;
  });
  // Writers that found these blocks held left their events to this holder (see clusterDirtyBlocks).
  await clusterDirtyBlocks(db, blocks.map((r) => r.block!).sort());
  return deleted;
}

/**
 * Rebuilds every incident from the stored events, block by block. With `fromScratch`, all incidents are dropped
 * first (the proof that the store is a function of its events); otherwise only what differs is rewritten.
 * Returns the number of incidents afterwards.
 */
export async function reclusterAll(db: WriteDb, options: { fromScratch?: boolean } = {}): Promise<number> {
  if (options.fromScratch) {
    await db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable("events").set({ incident_id: null, match_score: null, cluster_id: null }).execute();
      await trx.deleteFrom("incident_actors").execute();
      await trx.deleteFrom("incidents").execute();
      await trx.deleteFrom("incident_days").execute();
    });
  }
  const blocks = await db.kysely.selectFrom("events").select("block").distinct().where("block", "is not", null).orderBy("block").execute();
  for (const { block } of blocks) {
    await inTransaction(db, async (raw) => {
      await lockBlock(raw, block!);
      const members = new Map<string, Loaded>();
      for (const row of await selectIn<ProfileRow>(raw, PROFILE, "events", "block", [block])) members.set(row.id, loaded(row));
      const old = new Set([...members.values()].map((m) => m.row.incident_id).filter((id): id is string => id !== null));
      const scorer = rememberingMatchScore();
      await writeComponents(raw, members, linkComponents([...members.values()].map((m) => m.profile), MATCH_THRESHOLD, scorer), old, new Set(), new Set(), scorer);
    });
  }
  // Writers that found a block held by this rebuild left their events to it (see clusterDirtyBlocks).
  await clusterDirtyBlocks(db);
  // Incidents no event points at any more (left by events that joined before their block existed) go.
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom("incidents").where((eb) => eb.not(eb.exists(eb.selectFrom("events").select("events.id").whereRef("events.incident_id", "=", "incidents.id")))).execute();
    await rebuildIncidentDays(trx);
  });
  const [{ n }] = await db.kysely.selectFrom("incidents").select((eb) => eb.fn.countAll().as("n")).execute();
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
