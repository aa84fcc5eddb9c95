/**
 * The ingest queue on PostgreSQL (pg-boss): the same articles stored by 1, 2 and 4 concurrent worker processes give
 * byte-identical incidents, equal to one process storing them directly; a worker killed with SIGKILL in the middle
 * of its work loses and duplicates nothing once another worker has taken over its jobs.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { fromRoot } from "../../src/paths.js";
import { createStore, dropPostgresSchema, type SitrepStore } from "../../src/store/index.js";
import { enqueuePaths, openQueue, queueStatus } from "../../src/ingest/queue.js";
import { synthesiseReports } from "../../bench/store.js";
import { PG_URL, skipReason } from "../store/helpers.js";

const REPORTS = synthesiseReports(400, 2, 11);

interface Place {
  url: string;
  schema: string;
}

function place(): Place {
  const schema = `sitrep_q_${randomBytes(5).toString("hex")}`;
  return { schema, url: `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}schema=${schema}` };
}

function startWorker(at: Place, extra: string[] = []): ChildProcess {
  return spawn(process.execPath, [
    fromRoot("bin", "sitrep.js"), "worker", "--queue", at.url, "--db", at.url, "--threads", "0", "--batch", "15", "-q", ...extra,
  ], { stdio: ["ignore", "pipe", "pipe"] });
}

function exited(child: ChildProcess, readStdout = false): Promise<{ code: number | null; stderr: string; stdout: string }> {
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  if (readStdout) child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr, stdout })));
}

const reason = await skipReason("postgres");

describe("workers on the PostgreSQL queue", { skip: reason ?? false }, () => {
  const places: Place[] = [];
  let dir: string;
  let file: string;
  let expected: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "sitrep-queue-"));
    file = join(dir, "reports.ndjson");
    writeFileSync(file, REPORTS.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const reference = place();
    places.push(reference);
    const store = await createStore(reference.url);
    await store.saveReports(REPORTS.map((report) => ({ report })));
    expected = await store.incidentSnapshot();
    await store.close();
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const p of places) {
      await dropPostgresSchema(PG_URL, p.schema).catch(() => undefined);
      await dropPostgresSchema(PG_URL, `${p.schema}_queue`).catch(() => undefined);
    }
  });

  async function enqueueAll(at: Place, options: { expireSeconds?: number; retryDelaySeconds?: number } = {}): Promise<void> {
    const boss = await openQueue(at.url, options);
    try {
      const summary = await enqueuePaths(boss, [file]);
      assert.equal(summary.enqueued, REPORTS.length);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }

  async function snapshotOf(at: Place): Promise<{ snapshot: string; articles: number; events: number; store: SitrepStore }> {
    const store = await createStore(at.url);
    return {
      snapshot: await store.incidentSnapshot(),
      articles: (await store.listArticles({ limit: 1 })).total,
      events: (await store.listEvents({ limit: 1 })).total,
      store,
    };
  }

  for (const workers of process.env.SITREP_QUEUE_ONLY_KILL ? [] : [1, 2, 4]) {
    test(`${workers} concurrent worker process(es) give the incidents of one direct ingest, byte for byte`, async () => {
      const at = place();
      places.push(at);
      await enqueueAll(at);
      const runs = Array.from({ length: workers }, () => exited(startWorker(at, ["--exit-when-idle", "3"])));
      for (const r of await Promise.all(runs)) assert.equal(r.code, 0, r.stderr);
      const got = await snapshotOf(at);
      await got.store.close();
      assert.equal(got.articles, REPORTS.length);
      assert.equal(got.snapshot, expected);
      const status = await exited(spawn(process.execPath, [fromRoot("bin", "sitrep.js"), "queue", "status", "--queue", at.url, "--db", at.url], { stdio: ["ignore", "pipe", "pipe"] }), true);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /^store: 0 events waiting to be clustered \(incidents final\)$/m);
    });
  }

  test("a worker killed with SIGKILL mid-batch loses and duplicates nothing", async () => {
    const at = place();
    places.push(at);
    // Jobs taken by a dead worker come back after 2 s, and are retried 1 s later.
    await enqueueAll(at, { expireSeconds: 2, retryDelaySeconds: 1 });
    const store = await createStore(at.url);
    try {
      const victim = startWorker(at, ["--expire-seconds", "2"]);
      const victimExit = exited(victim);
      // Kill it as soon as it has stored something and before it has stored everything.
      for (;;) {
        const n = (await store.listArticles({ limit: 1 })).total;
        if (n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      victim.kill("SIGKILL");
      await victimExit;
      const before = (await store.listArticles({ limit: 1 })).total;
      assert.ok(before < REPORTS.length, `the worker was killed with ${before} of ${REPORTS.length} stored`);
      const rescue = await exited(startWorker(at, ["--expire-seconds", "2", "--exit-when-idle", "10"]));
      assert.equal(rescue.code, 0, rescue.stderr);
      const got = await snapshotOf(at);
      const waiting = (await got.store.listEvents({ limit: 1000 })).items.filter((e) => e.incidentId === null).map((e) => e.id);
      await got.store.close();
      assert.equal(got.articles, REPORTS.length);
      assert.equal(got.events, REPORTS.length * 2);
      assert.deepEqual(waiting, [], "no event is left waiting for its incident");
      assert.equal(got.snapshot, expected);
      const boss = await openQueue(at.url);
      try {
        const status = await queueStatus(boss, at.url);
        assert.equal(status.states.completed, REPORTS.length);
        assert.equal(status.states.active + status.states.created + status.states.retry, 0);
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    } finally {
      await store.close();
    }
  });
});
