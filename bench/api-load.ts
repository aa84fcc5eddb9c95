/**
 * The API under load: a SQLite store of synthetic reports (bench/store.ts's, default 100,000 events; the file is
 * kept in the temp folder and reused by later runs), served on loopback by `sitrep serve` in its own process, as
 * a user runs it, and autocannon in this process holding a fixed rate of requests on the list, filter, search and
 * facets routes, after a warm-up of 2 s per route at the same rate that is not counted. Reports, for each route, the single-request latency
 * (median of 21 sequential requests to an app without the read cache) beside the rate held, p99 latency, errors and time-outs under load.
 * Run alone: `node dist/bench/api-load.js [--events N] [--rate R] [--seconds S]`; `npm run bench` runs it too.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/api/app.js";
import { createStore } from "../src/store/index.js";
import { buildInBulk } from "./store.js";

export interface RouteLoad {
  name: string;
  path: string;
  singleMs: number;
  rate: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** the 1-minute load average after the route's run (the machine is shared) */
  loadAverage: number;
  non2xx: number;
  timeouts: number;
}

export const LOAD_ROUTES: [string, string][] = [
  ["list", "/api/incidents?limit=50"],
  ["filter", "/api/incidents?country=SY&from=2023-01-01&to=2023-12-31&type=Air%2Fdrone%20strike&limit=50"],
  ["search", "/api/incidents?q=hospital%20convoy&limit=50"],
  ["facets", "/api/facets"],
];

/**
 * The store, built once and kept in the temp folder: rows in bulk, then `recluster` (the same incidents as saving
 * the articles one by one, which took minutes), then ANALYZE.
 */
async function filledStore(events: number, onProgress: (line: string) => void): Promise<string> {
  const file = join(tmpdir(), `sitrep-api-bench-${events}.db`);
  if (existsSync(file)) return file;
  const building = `${file}.building`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(building + suffix, { force: true });
  await buildInBulk(building, "sqlite", events, 2, (_, stored, total) => {
    if (stored % 5000 === 0 || stored === total) onProgress(`bench: api store ${stored * 2}/${total * 2} events`);
  });
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(building + suffix)) renameSync(building + suffix, file + suffix);
  return file;
}

export async function benchApiLoad(opts: { events?: number; rate?: number; seconds?: number; onProgress?: (line: string) => void } = {}): Promise<RouteLoad[]> {
  const events = opts.events ?? 100_000;
  const rate = opts.rate ?? 500;
  const seconds = opts.seconds ?? 10;
  const progress = opts.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const file = await filledStore(events, progress);
  const store = await createStore(file);
  // the single-request figure is the store's own work: an app without the read cache answers it
  const uncached = await buildApp({ store, webRoot: false, rateLimit: false, cacheTtlMs: 0 });
  const server = await startServer(file);
  const results: RouteLoad[] = [];
  try {
    // the server warmed on every route first (its JIT, its heap grown), as a long-running server is
    for (const [, path] of LOAD_ROUTES) await autocannon({ url: server.url + path, connections: 50, overallRate: rate, duration: 2, timeout: 10 });
    for (const [name, path] of LOAD_ROUTES) {
      const single = await singleRequestTimes(uncached, path);
      progress(`bench: api ${name} at ${rate}/s for ${seconds} s ...`);
      const out = await autocannon({ url: server.url + path, connections: 50, overallRate: rate, duration: seconds, timeout: 10 });
      results.push({
        name, path, singleMs: single[10], rate,
        requestsPerSecond: out.requests.average,
        p50Ms: out.latency.p50,
        p99Ms: out.latency.p99,
        loadAverage: loadavg()[0],
        non2xx: out.non2xx,
        timeouts: out.timeouts,
      });
    }
  } finally {
    server.child.kill("SIGTERM");
    await uncached.close();
    await store.close();
  }
  return results;
}

/** `sitrep serve` on a free loopback port, in its own process; resolves with its URL once it listens. */
function startServer(file: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "sitrep.js");
  const child = spawn(process.execPath, [bin, "serve", "--db", file, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let said = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      said += chunk.toString();
      const url = /on (http:\/\/[^\s]+) \(/.exec(said)?.[1];
      if (url) resolve({ url, child });
    });
    child.once("exit", (code) => reject(new Error(`sitrep serve exited with ${code}: ${said.trim()}`)));
  });
}

/** 21 sequential requests, sorted milliseconds. */
export async function singleRequestTimes(app: FastifyInstance, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    const res = await app.inject(path);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

export function formatApiLoad(results: RouteLoad[], events: number): string {
  const lines = [
    `| route | request | single request (median) | rate asked | rate held | p50 / p99 under load | load average | non-2xx | time-outs | target met (rate held, p99 <= 100 ms) |`,
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of results) {
    const met = r.requestsPerSecond >= r.rate * 0.97 && r.p99Ms <= 100 && r.non2xx === 0 && r.timeouts === 0;
    lines.push(`| ${r.name} | \`${r.path}\` | ${r.singleMs.toFixed(1)} ms | ${r.rate}/s | ${r.requestsPerSecond.toFixed(0)}/s | ${r.p50Ms} / ${r.p99Ms} ms | ${r.loadAverage.toFixed(1)} | ${r.non2xx} | ${r.timeouts} | ${met ? "yes" : "no"} |`);
  }
  return `${events.toLocaleString("en-US")} events (SQLite)\n\n${lines.join("\n")}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  const events = at("--events") ?? 100_000;
  benchApiLoad({ events, rate: at("--rate"), seconds: at("--seconds") })
    .then((r) => console.log(formatApiLoad(r, events)))
    .catch((err: unknown) => {
      console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
}
