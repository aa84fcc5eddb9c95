/**
 * Store throughput: synthesises reports (by default 50,000 articles of 2 events each = 100,000 events, none of
 * them extracted from real text), stores them into SQLite and PostgreSQL through `SitrepStore.saveReport` (incident
 * merging included), then times the main queries. Synthetic on purpose: it measures the store, not the pipeline.
 * About a third of the articles re-report an earlier happening (same place, day and type) so that merging works.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { Worker } from "node:worker_threads";
import { sampleReport, type SampleEvent } from "../src/incidents/sample-report.js";
import { createStore, dropPostgresSchema, parseDbUrl, type SitrepStore } from "../src/store/index.js";
import { createDb } from "../src/store/db.js";
import { storeRows } from "../src/store/save.js";
import { buildApp } from "../src/api/app.js";
import type { Report } from "../src/report.js";
import { seededRandom } from "../src/random.js";
import { sql } from "kysely";

export interface StoreBenchOptions {
  /** events to store per dialect (default 100,000) */
  events?: number;
  eventsPerArticle?: number;
  dialects?: ("sqlite" | "postgres")[];
  /** default $SITREP_TEST_PG or postgres://root@127.0.0.1:5432/test; a fresh schema is created and dropped */
  pgUrl?: string;
  /** timed runs of each query (default 50) */
  queryRuns?: number;
  /** articles per saveReports call (default 1,000) */
  batch?: number;
  /** concurrent writers (worker threads, one store each) for the PostgreSQL scaling figure (default 4; 0 skips it) */
  writers?: number;
  /**
   * Build the store fast and time only the queries (for a million events): all rows in bulk, then `recluster`,
   * which gives the same incidents as ingesting (the store is a function of its events). The rate columns then
   * hold the build's rate, not ingest's.
   */
  queriesOnly?: boolean;
  /**
   * queriesOnly: keep the built store in this folder (default $SITREP_BENCH_KEEP; unset: a fresh one, removed after)
   * and reuse it on the next run of the same size: a SQLite file, or a PostgreSQL schema sitrep_bench_keep_<events>.
   */
  keep?: string;
  /**
   * Events saved into a throwaway store of the same kind before each timed write (ingest, plain insert, each
   * writer), so that the rates are those of a running process (its JIT, its heap grown, its statements prepared),
   * as in a backfill of many batches, not of a fresh one's first seconds. Default as many as are timed (a cold
   * process spends about a third more CPU per event on its first 10,000); 0 times a cold process.
   */
  warmUpEvents?: number;
  onProgress?(dialect: string, stored: number, total: number): void;
}

export interface QueryTiming {
  name: string;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * CPU time of this process per request (user + system): the work itself, without the waits for a core that a
   * shared machine adds to the wall clock. On SQLite that is all of it; on PostgreSQL the server's share is not in it.
   */
  cpuP50Ms?: number;
  cpuP99Ms?: number;
}

export interface StoreBenchResult {
  dialect: "sqlite" | "postgres";
  articles: number;
  events: number;
  incidents: number;
  seconds: number;
  articlesPerSecond: number;
  eventsPerSecond: number;
  /** the same rows inserted in the same batches without incident clustering, into a fresh database */
  plainEventsPerSecond?: number;
  /**
   * events per CPU-second of this process (user + system) while ingesting, and while inserting plainly: on a shared
   * machine the wall-clock rates follow the load, these much less. SQLite runs in this process, so its figure counts
   * all the work; PostgreSQL's server work is not in it.
   */
  eventsPerCpuSecond?: number;
  plainEventsPerCpuSecond?: number;
  /** the 1-minute load average when ingest started and when the plain insert ended */
  ingestLoadAverage?: [number, number];
  /** PostgreSQL: `writers` concurrent writers into a fresh schema, and their rate against one writer's */
  writers?: number;
  writersEventsPerSecond?: number;
  queries: QueryTiming[];
  /** the 1-minute load average when the queries were timed (the machine is shared: p99 moves with it) */
  loadAverage?: number;
  /** why this dialect was not measured (PostgreSQL unreachable) */
  skipped?: string;
}


const COUNTRIES = ["SY", "IQ", "UA", "SO", "BF", "ML", "NG", "CD", "SD", "YE", "AF", "PK", "MM", "ET", "CO", "MX", "PH", "LY", "CF", "MZ"];
const KINDS: [SampleEvent["type"], SampleEvent["acled"]][] = [
  ["ASSAULT", ["Explosions/Remote violence", "Air/drone strike"]],
  ["ASSAULT", ["Explosions/Remote violence", "Shelling/artillery/missile attack"]],
  ["ASSAULT", ["Battles", "Armed clash"]],
  ["ASSAULT", ["Violence against civilians", "Attack"]],
  ["PROTEST", ["Protests", "Peaceful protest"]],
  ["COERCE", ["Strategic developments", "Arrests"]],
];
const ACTORS = ["Islamic State", "al-Shabaab", "Russian armed forces", "Ukrainian army", "JNIM", "M23", "RSF", "Houthis", "Taliban", "police"];
const WORDS = ["strike", "convoy", "market", "village", "checkpoint", "school", "hospital", "bridge", "district", "camp"];

/** The synthetic articles, in storing order. */
export function synthesiseReports(events: number, eventsPerArticle = 2, seed = 42): Report[] {
  return [...reportStream(events, eventsPerArticle, seed)];
}

/** The same articles one at a time, for sizes that do not fit in memory at once (a million events). */
export function* reportStream(events: number, eventsPerArticle = 2, seed = 42): Generator<Report> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  // 2,000 towns: 100 per country, scattered within a few degrees of a country point.
  const towns = COUNTRIES.flatMap((country, ci) => Array.from({ length: 100 }, (_, i) => ({
    name: `Town ${country}-${i}`, country, admin1: `${country}-A${i % 10}`, precision: 1 as const,
    lat: -30 + ci * 3 + rand() * 2.5, lon: -100 + ci * 10 + rand() * 8,
  })));
  // Re-reports pick among the latest 500 happenings: older ones are dropped as they fall out of reach.
  let happenings: SampleEvent[] = [];
  const articles = Math.ceil(events / eventsPerArticle);
  for (let a = 0; a < articles; a++) {
    const evs: SampleEvent[] = [];
    for (let e = 0; e < eventsPerArticle; e++) {
      let ev: SampleEvent;
      if (happenings.length > 0 && rand() < 0.33) {
        // Another outlet's account of an earlier happening, with its own toll.
        ev = { ...pick(happenings.slice(-500)), killed: 1 + Math.floor(rand() * 20) };
      } else {
        const [type, acled] = pick(KINDS);
        const day = new Date(Date.UTC(2022, 0, 1) + Math.floor(rand() * 1095) * 86_400_000).toISOString().slice(0, 10);
        ev = { type, acled, place: pick(towns), date: day, actors: [pick(ACTORS)], killed: Math.floor(rand() * 30), victims: "civilians" };
        happenings.push(ev);
        if (happenings.length > 5000) happenings = happenings.slice(-500);
      }
      evs.push(ev);
    }
    yield sampleReport({
      title: `${pick(WORDS)} ${pick(WORDS)} report ${a}`,
      outlet: `Outlet ${a % 40}`,
      published: evs[0].date ?? null,
      url: `https://example.org/${a}`,
      events: evs,
    });
  }
}

/** Items of a stream in arrays of `size`. */
function* chunksOf<T>(xs: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const x of xs) {
    chunk.push(x);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function timeQuery(name: string, runs: number, f: () => Promise<unknown>): Promise<QueryTiming> {
  await f(); // warm caches and statement preparation
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { name, runs, p50Ms: percentile(ms, 0.5), p99Ms: percentile(ms, 0.99), cpuP50Ms: percentile(cpu, 0.5), cpuP99Ms: percentile(cpu, 0.99) };
}

/** The requests the dashboard makes most, through the API (Fastify's inject: routing, validation, serialisation). */
function mainQueries(someIncident: string): [string, string][] {
  return [
    ["incidents (first page)", "/api/incidents?limit=50"],
    ["incidents, page 20", "/api/incidents?limit=50&offset=950"],
    ["incidents by country", "/api/incidents?country=SY&limit=50"],
    ["incidents by month", "/api/incidents?from=2023-03-01&to=2023-03-31&limit=50"],
    ["incidents in bbox", "/api/incidents?bbox=-100,-30,-80,-20&limit=50"],
    ["incidents by actor", "/api/incidents?actor=shabaab&limit=50"],
    ["incidents by type", `/api/incidents?type=${encodeURIComponent("Air/drone strike")}&limit=50`],
    // two words in about one article in fifty; one word in about one in five
    ["incidents by text", `/api/incidents?q=${encodeURIComponent("hospital convoy")}&limit=50`],
    ["incidents by a common word", "/api/incidents?q=market&limit=50"],
    ["events by country+month", "/api/events?country=UA&from=2023-01-01&to=2023-01-31"],
    ["incident detail", `/api/incidents/${someIncident}`],
    ["timeline", "/api/timeline"],
    ["timeline (country)", "/api/timeline?country=IQ"],
    ["facets", "/api/facets"],
  ];
}

interface Target {
  url: string;
  cleanup(): Promise<void>;
}

function freshTarget(dialect: "sqlite" | "postgres", pgUrl: string): Target {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-"));
    return { url: join(dir, "bench.db"), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `sitrep_bench_${randomBytes(5).toString("hex")}`;
  return { url: `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}schema=${schema}`, cleanup: () => dropPostgresSchema(pgUrl, schema) };
}

function batches<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** CPU seconds (user + system) this process spent since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1e6;
}

/**
 * The write paths run once on a throwaway store of the kind (see `warmUpEvents`): `reports` saved by ingest, or
 * as plain rows.
 */
async function warmUp(dialect: "sqlite" | "postgres", pgUrl: string, reports: Report[], batch: number, path: "ingest" | "plain"): Promise<void> {
  if (reports.length === 0) return;
  if (path === "plain") {
    await plainInsert(dialect, pgUrl, reports, batch, []);
    return;
  }
  const target = freshTarget(dialect, pgUrl);
  try {
    const store = await createStore(target.url);
    try {
      for (const b of batches(reports, batch)) await store.saveReports(b.map((report) => ({ report })));
    } finally {
      await store.close();
    }
  } finally {
    await target.cleanup();
  }
}

/**
 * The floor: the same rows in the same batches, no incidents, into a fresh database, through the same bulk path as
 * ingest (prepared statements on SQLite, one statement per table and batch on PostgreSQL), after `warm` went the same
 * way into a throwaway one (see warmUpEvents). Returns wall and CPU seconds.
 */
async function plainInsert(dialect: "sqlite" | "postgres", pgUrl: string, reports: Report[], batch: number, warm: Report[]): Promise<{ seconds: number; cpu: number }> {
  await warmUp(dialect, pgUrl, warm, batch, "plain");
  const target = freshTarget(dialect, pgUrl);
  try {
    await (await createStore(target.url)).close(); // migrated
    const db = await createDb(parseDbUrl(target.url));
    try {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (const b of batches(reports, batch)) await storeRows(db, b.map((report) => ({ report, source: {} })));
      return { seconds: (performance.now() - t0) / 1000, cpu: cpuSince(c0) };
    } finally {
      await db.close();
    }
  } finally {
    await target.cleanup();
  }
}

/** `writers` worker threads, each with its own store, splitting the batches between them. */
async function concurrentWriters(pgUrl: string, events: number, batch: number, writers: number, warmUpEvents: number): Promise<number> {
  const target = freshTarget("postgres", pgUrl);
  // each writer warms up on a throwaway schema of its own (see warmUpEvents)
  const warmTargets = warmUpEvents > 0 ? Array.from({ length: writers }, () => freshTarget("postgres", pgUrl)) : [];
  try {
    for (const t of [target, ...warmTargets]) await (await createStore(t.url)).close();
    const workers = Array.from({ length: writers }, (_, share) =>
      new Worker(new URL("./store-writer.js", import.meta.url), { workerData: { url: target.url, events, batch, share, of: writers, warmUrl: warmTargets[share]?.url, warmUpEvents } }));
    const next = (w: Worker) => new Promise<void>((resolve, reject) => {
      w.once("message", () => resolve());
      w.once("error", reject);
    });
    await Promise.all(workers.map(next)); // ready: reports synthesised, store open
    const t0 = performance.now();
    const done = Promise.all(workers.map(next));
    for (const w of workers) w.postMessage("go");
    await done;
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(workers.map((w) => w.terminate()));
    // The rate counts only finished work: once every writer is done, no event may wait for its incident.
    const store = await createStore(target.url);
    try {
      const waiting = await store.waitingEvents();
      if (waiting > 0) throw new Error(`${writers} writers left ${waiting} events waiting to be clustered`);
    } finally {
      await store.close();
    }
    return seconds;
  } finally {
    await target.cleanup();
    for (const t of warmTargets) await t.cleanup();
  }
}

/** Where a kept store lives (queriesOnly with `keep`): a SQLite file, or a PostgreSQL schema, per size. */
function keptTarget(dialect: "sqlite" | "postgres", pgUrl: string, dir: string, events: number): Target & { done: string } {
  const done = join(dir, `${dialect}-${events}.done`);
  if (dialect === "sqlite") return { url: join(dir, `store-${events}.db`), done, cleanup: async () => undefined };
  return { url: `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}schema=sitrep_bench_keep_${events}`, done, cleanup: async () => undefined };
}

/** The indexes a bulk build keeps while it writes: those `recluster` reads and deletes through. */
const BUILD_KEEPS_INDEXES = new Set(["events_block_idx", "events_incident_article_idx"]);
const BUILD_TABLES = ["articles", "events", "incidents", "entities", "places", "quotes", "event_actors", "incident_actors"];

/**
 * The secondary indexes of the tables a build fills (not primary keys or unique constraints, nor those recluster
 * needs), dropped; returns the statements that create them again, in their order. A restore does the same:
 * building an index once over its rows costs much less than keeping it up to date row by row.
 */
async function dropSecondaryIndexes(db: Awaited<ReturnType<typeof createDb>>): Promise<string[]> {
  const tables = sql.join(BUILD_TABLES);
  const rows = db.dialect === "sqlite"
    ? (await sql<{ name: string; def: string }>`SELECT name, sql AS def FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables}) ORDER BY rowid`.execute(db.kysely)).rows
    : (await sql<{ name: string; def: string }>`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename IN (${tables})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = to_regnamespace(current_schema())::oid)
        ORDER BY i.indexname`.execute(db.kysely)).rows;
  const dropped = rows.filter((r) => !BUILD_KEEPS_INDEXES.has(r.name));
  for (const r of dropped) await sql.raw(`DROP INDEX "${r.name}"`).execute(db.kysely);
  return dropped.map((r) => r.def);
}

/**
 * Builds the store fast: every article's rows in bulk (bulk-insert batches of 5,000 articles, the reports made one
 * batch at a time so that a million events fit in memory) with the secondary indexes dropped, then `recluster`,
 * then the indexes again and the planner's statistics (ANALYZE; on PostgreSQL VACUUM ANALYZE, which autovacuum
 * would run on a live database). The incidents are those ingest gives (the store is a function of its events).
 */
export async function buildInBulk(url: string, dialect: "sqlite" | "postgres", events: number, perArticle: number, onProgress?: StoreBenchOptions["onProgress"]): Promise<void> {
  const articles = Math.ceil(events / perArticle);
  await (await createStore(url)).close(); // the schema first: the rows go in below the store
  const db = await createDb(parseDbUrl(url));
  let indexes: string[];
  try {
    indexes = await dropSecondaryIndexes(db);
    let done = 0;
    for (const b of chunksOf(reportStream(events, perArticle), 5000)) {
      await storeRows(db, b.map((report) => ({ report, source: {} })));
      done += b.length;
      onProgress?.(dialect, done, articles);
    }
  } finally {
    await db.close();
  }
  const store = await createStore(url);
  try {
    await store.recluster();
  } finally {
    await store.close();
  }
  const again = await createDb(parseDbUrl(url));
  try {
    for (const def of indexes) await sql.raw(def).execute(again.kysely);
    await sql.raw(dialect === "postgres" ? "VACUUM ANALYZE" : "ANALYZE").execute(again.kysely);
  } finally {
    await again.close();
  }
}

export async function benchStore(opts: StoreBenchOptions = {}): Promise<StoreBenchResult[]> {
  const events = opts.events ?? 100_000;
  const perArticle = opts.eventsPerArticle ?? 2;
  const batch = opts.batch ?? 1000;
  const articles = Math.ceil(events / perArticle);
  // Ingest needs the reports in memory (it replays them); the bulk build streams them.
  const reports = opts.queriesOnly ? [] : synthesiseReports(events, perArticle);
  const warmUpEvents = opts.queriesOnly ? 0 : opts.warmUpEvents ?? events;
  // other reports than the timed ones (another seed), saved into a store of their own
  const warm = warmUpEvents > 0 ? synthesiseReports(warmUpEvents, perArticle, 7) : [];
  const stored = articles * perArticle;
  const pgUrl = opts.pgUrl ?? process.env.SITREP_TEST_PG ?? "postgres://root@127.0.0.1:5432/test";
  const keep = opts.queriesOnly ? (opts.keep ?? process.env.SITREP_BENCH_KEEP) : undefined;
  const results: StoreBenchResult[] = [];
  for (const dialect of opts.dialects ?? (["sqlite", "postgres"] as const)) {
    if (keep) mkdirSync(keep, { recursive: true });
    const kept = keep ? keptTarget(dialect, pgUrl, keep, events) : undefined;
    const target = kept ?? freshTarget(dialect, pgUrl);
    let store: SitrepStore;
    try {
      store = await createStore(target.url);
    } catch (err) {
      results.push({ dialect, articles: 0, events: 0, incidents: 0, seconds: 0, articlesPerSecond: 0, eventsPerSecond: 0, queries: [], skipped: (err as Error).message });
      await target.cleanup().catch(() => undefined);
      continue;
    }
    try {
      await warmUp(dialect, pgUrl, warm, batch, "ingest");
      const loadAtStart = loadavg()[0];
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      let someIncident = "";
      let done = 0;
      let reused = false;
      if (opts.queriesOnly) {
        reused = kept !== undefined && existsSync(kept.done);
        if (!reused) {
          await store.close();
          await buildInBulk(target.url, dialect, events, perArticle, opts.onProgress);
          if (kept) writeFileSync(kept.done, `${new Date().toISOString()}\n`);
          store = await createStore(target.url);
        }
        someIncident = (await store.listIncidents({ limit: 1, country: "SY" })).items[0]?.id ?? "";
      } else {
        for (const b of batches(reports, batch)) {
          const saved = await store.saveReports(b.map((report) => ({ report })));
          someIncident ||= saved.find((s) => s.incidentIds.length > 0)?.incidentIds[0] ?? "";
          done += b.length;
          opts.onProgress?.(dialect, done, reports.length);
        }
      }
      const seconds = (performance.now() - t0) / 1000;
      const cpu = cpuSince(c0);
      const incidents = (await store.listIncidents({ limit: 1 })).total;
      const app = await buildApp({ store, webRoot: false, cacheTtlMs: 0 });
      const queries: QueryTiming[] = [];
      try {
        for (const [name, url] of mainQueries(someIncident)) {
          queries.push(await timeQuery(name, opts.queryRuns ?? 50, async () => {
            const res = await app.inject({ method: "GET", url });
            if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
          }));
        }
      } finally {
        await app.close();
      }
      const result: StoreBenchResult = {
        dialect, articles, events: stored, incidents, seconds: reused ? 0 : seconds,
        articlesPerSecond: reused ? 0 : articles / seconds, eventsPerSecond: reused ? 0 : stored / seconds,
        eventsPerCpuSecond: reused ? 0 : stored / cpu, queries,
        loadAverage: loadavg()[0],
      };
      await store.close();
      if (opts.queriesOnly) {
        results.push(result);
        continue;
      }
      const plain = await plainInsert(dialect, pgUrl, reports, batch, warm);
      result.plainEventsPerSecond = stored / plain.seconds;
      result.plainEventsPerCpuSecond = stored / plain.cpu;
      result.ingestLoadAverage = [loadAtStart, loadavg()[0]];
      const writers = opts.writers ?? 4;
      if (dialect === "postgres" && writers > 1) {
        result.writers = writers;
        result.writersEventsPerSecond = stored / (await concurrentWriters(pgUrl, events, batch, writers, warmUpEvents));
      }
      results.push(result);
    } finally {
      await store.close().catch(() => undefined);
      await target.cleanup();
    }
  }
  return results;
}
