/**
 * Store throughput: synthesises reports (by default 50,000 articles of 2 events each = 100,000 events, none of
 * them extracted from real text), stores them into SQLite and PostgreSQL through `SitrepStore.saveReport` (incident
 * merging included), then times the main queries. Synthetic on purpose: it measures the store, not the pipeline.
 * About a third of the articles re-report an earlier happening (same place, day and type) so that merging works.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { sampleReport, type SampleEvent } from "../src/incidents/sample-report.js";
import { createStore, dropPostgresSchema, type QueryFilter, type SitrepStore } from "../src/store/index.js";
import type { Report } from "../src/report.js";
import { seededRandom } from "../src/random.js";

export interface StoreBenchOptions {
  /** events to store per dialect (default 100,000) */
  events?: number;
  eventsPerArticle?: number;
  dialects?: ("sqlite" | "postgres")[];
  /** default $SITREP_TEST_PG or postgres://root@127.0.0.1:5432/test; a fresh schema is created and dropped */
  pgUrl?: string;
  /** timed runs of each query (default 50) */
  queryRuns?: number;
  onProgress?(dialect: string, stored: number, total: number): void;
}

export interface QueryTiming {
  name: string;
  runs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface StoreBenchResult {
  dialect: "sqlite" | "postgres";
  articles: number;
  events: number;
  incidents: number;
  seconds: number;
  articlesPerSecond: number;
  eventsPerSecond: number;
  queries: QueryTiming[];
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
  const rand = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  // 2,000 towns: 100 per country, scattered within a few degrees of a country point.
  const towns = COUNTRIES.flatMap((country, ci) => Array.from({ length: 100 }, (_, i) => ({
    name: `Town ${country}-${i}`, country, admin1: `${country}-A${i % 10}`, precision: 1 as const,
    lat: -30 + ci * 3 + rand() * 2.5, lon: -100 + ci * 10 + rand() * 8,
  })));
  const happenings: SampleEvent[] = [];
  const reports: Report[] = [];
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
      }
      evs.push(ev);
    }
    reports.push(sampleReport({
      title: `${pick(WORDS)} ${pick(WORDS)} report ${a}`,
      outlet: `Outlet ${a % 40}`,
      published: evs[0].date ?? null,
      url: `https://example.org/${a}`,
      events: evs,
    }));
  }
  return reports;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function timeQuery(name: string, runs: number, f: () => Promise<unknown>): Promise<QueryTiming> {
  await f(); // warm caches and statement preparation
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { name, runs, p50Ms: percentile(ms, 0.5), p99Ms: percentile(ms, 0.99) };
}

/** The queries the API and dashboard run most. */
function mainQueries(store: SitrepStore, someIncident: string): [string, () => Promise<unknown>][] {
  const q = (f: QueryFilter) => () => store.listIncidents(f);
  return [
    ["incidents (first page)", q({ limit: 50 })],
    ["incidents by country", q({ country: "SY", limit: 50 })],
    ["incidents by month", q({ from: "2023-03-01", to: "2023-03-31", limit: 50 })],
    ["incidents in bbox", q({ bbox: [-100, -30, -80, -20], limit: 50 })],
    ["incidents by actor", q({ actor: "shabaab", limit: 50 })],
    ["incidents by type", q({ type: "Air/drone strike", limit: 50 })],
    ["incidents by text", q({ q: "hospital convoy", limit: 50 })],
    ["events by country+month", () => store.listEvents({ country: "UA", from: "2023-01-01", to: "2023-01-31" })],
    ["incident detail", () => store.getIncident(someIncident)],
    ["timeline (country)", () => store.timeline({ country: "IQ" })],
    ["facets", () => store.facets()],
  ];
}

export async function benchStore(opts: StoreBenchOptions = {}): Promise<StoreBenchResult[]> {
  const events = opts.events ?? 100_000;
  const perArticle = opts.eventsPerArticle ?? 2;
  const reports = synthesiseReports(events, perArticle);
  const pgUrl = opts.pgUrl ?? process.env.SITREP_TEST_PG ?? "postgres://root@127.0.0.1:5432/test";
  const results: StoreBenchResult[] = [];
  for (const dialect of opts.dialects ?? (["sqlite", "postgres"] as const)) {
    let url: string;
    let cleanup: () => Promise<void>;
    if (dialect === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-"));
      url = join(dir, "bench.db");
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = `sitrep_bench_${randomBytes(5).toString("hex")}`;
      url = `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}schema=${schema}`;
      cleanup = () => dropPostgresSchema(pgUrl, schema);
    }
    let store: SitrepStore;
    try {
      store = await createStore(url);
    } catch (err) {
      results.push({ dialect, articles: 0, events: 0, incidents: 0, seconds: 0, articlesPerSecond: 0, eventsPerSecond: 0, queries: [], skipped: (err as Error).message });
      await cleanup().catch(() => undefined);
      continue;
    }
    try {
      const t0 = performance.now();
      let someIncident = "";
      for (const [i, r] of reports.entries()) {
        const saved = await store.saveReport(r);
        someIncident ||= saved.incidentIds[0] ?? "";
        if (i % 1000 === 999) opts.onProgress?.(dialect, i + 1, reports.length);
      }
      const seconds = (performance.now() - t0) / 1000;
      const incidents = (await store.listIncidents({ limit: 1 })).total;
      const queries: QueryTiming[] = [];
      for (const [name, f] of mainQueries(store, someIncident)) queries.push(await timeQuery(name, opts.queryRuns ?? 50, f));
      const stored = reports.length * perArticle;
      results.push({
        dialect, articles: reports.length, events: stored, incidents, seconds,
        articlesPerSecond: reports.length / seconds, eventsPerSecond: stored / seconds, queries,
      });
    } finally {
      await store.close();
      await cleanup();
    }
  }
  return results;
}
