/**
 * Ingest of two builds compared on a shared, loaded machine: `node dist/bench/store-paired.js <sqlite|postgres>
 * <rounds> <treeA> <treeB>`, each tree a checkout with its `dist` built (a worktree of the baseline commit beside
 * this one). Both builds run in one process, each into a store of its own, their batches alternated (A then B, B
 * then A on the next batch), and this process's CPU time is taken per batch: the load of the machine moves both
 * alike, which separate runs minutes apart do not. Prints CPU-microseconds per event and events per wall second of
 * each build per round, and the median of B/A over the rounds. PostgreSQL's server work is not in the CPU figure
 * (it is in the wall one).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

interface Build {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  store: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  bench: any;
}

const [dialect, roundsArg, ...trees] = process.argv.slice(2);
if ((dialect !== "sqlite" && dialect !== "postgres") || trees.length !== 2) {
  console.error("usage: node dist/bench/store-paired.js <sqlite|postgres> <rounds> <treeA> <treeB>");
  process.exit(2);
}
const pgUrl = process.env.SITREP_TEST_PG ?? "postgres://root@127.0.0.1:5432/test";
const events = Number(process.env.SITREP_PAIRED_EVENTS ?? 10_000);
const batch = 1000;
const builds: Build[] = [];
for (const tree of trees) {
  const at = (p: string) => pathToFileURL(join(resolve(tree), "dist", p)).href;
  builds.push({ name: tree, store: await import(at("src/store/index.js")), bench: await import(at("bench/store.js")) });
}
const reports = builds[0].bench.synthesiseReports(events, 2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuRatios: number[] = [];
const wallRatios: number[] = [];
for (let round = 0; round < Number(roundsArg); round++) {
  const open = [];
  for (const b of builds) {
    let url: string;
    let cleanup: () => Promise<void>;
    if (dialect === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "sitrep-paired-"));
      url = join(dir, "store.db");
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = `sitrep_paired_${randomBytes(5).toString("hex")}`;
      url = `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}schema=${schema}`;
      cleanup = () => b.store.dropPostgresSchema(pgUrl, schema);
    }
    open.push({ build: b, store: await b.store.createStore(url), cleanup, cpu: 0, wall: 0 });
  }
  for (let i = 0, n = 0; i < reports.length; i += batch, n++) {
    for (const o of (n + round) % 2 === 0 ? open : [...open].reverse()) {
      const items = reports.slice(i, i + batch).map((report: unknown) => ({ report }));
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      await o.store.saveReports(items);
      o.wall += performance.now() - w0;
      const c = process.cpuUsage(c0);
      o.cpu += (c.user + c.system) / 1000;
    }
  }
  for (const o of open) {
    await o.store.close();
    await o.cleanup();
  }
  const stored = reports.length * 2;
  cpuRatios.push(open[1].cpu / open[0].cpu);
  wallRatios.push(open[1].wall / open[0].wall);
  console.log(`round ${round + 1}: ${open.map((o) => `${o.build.name} ${(o.cpu * 1000 / stored).toFixed(1)} CPU-us/event, ${Math.round(stored / o.wall * 1000)} events/s`).join("; ")}`);
}
console.log(`B/A CPU median ${median(cpuRatios).toFixed(3)} [${cpuRatios.map((r) => r.toFixed(3)).join(", ")}], wall median ${median(wallRatios).toFixed(3)} [${wallRatios.map((r) => r.toFixed(3)).join(", ")}]`);
