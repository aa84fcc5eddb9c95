/**
 * Ingest spread over processes and machines through a queue in PostgreSQL (pg-boss: nothing new to operate).
 * - `enqueue` reads files, folders, feeds and NDJSON as `sitrep ingest` does and puts one job per article on the
 *   queue, the article's content inside it (workers need not see the producer's files); it waits while the
 *   queue holds more than `maxWaiting` jobs (backpressure).
 * - `runWorker` takes jobs in batches, extracts them (every core) and stores each batch with `saveReports`. A job
 *   whose extraction fails is failed and retried with exponential backoff; after its last try it lands on the
 *   dead-letter queue. A worker killed mid-batch leaves its jobs active until they expire, then another worker
 *   retries them: storing is idempotent by article id, and an article stored but not yet clustered is finished by
 *   its retry, so nothing is lost or stored twice. Whenever the queue runs dry, a worker clusters the events a
 *   killed writer left waiting (store.finishIncidents). SIGINT/SIGTERM finish the batch in hand, then stop.
 */
import PgBoss from "pg-boss";
import { SitrepError } from "../errors.js";
import type { Report } from "../report.js";
import type { SitrepStore } from "../store/types.js";
import { createExtractor, defaultWorkerCount, type Extractor } from "./extractor.js";
import { readArticleFile, type ArticleInput } from "./read.js";
import { describeFailure, expandPaths, type IngestItem } from "./sources.js";
import { splitSource } from "./index.js";

export const QUEUE_NAME = "sitrep-ingest";
export const DEAD_LETTER_QUEUE = "sitrep-ingest-dead";

/** What one job carries: an article to extract, or a report to store as it is. */
export type QueueJob = { source: string; input: ArticleInput } | { source: string; report: Report };

export interface QueueOptions {
  /** tries after the first failure (default 4), spaced by retryDelaySeconds doubling each time */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** how long a job may stay active before it is taken as lost and retried (default 300 s) */
  expireSeconds?: number;
  /** how often a worker looks for expired jobs (default 30 s) */
  maintenanceSeconds?: number;
}

/** pg-boss's schema: beside the store's schema when the URL names one, so that test runs never meet. */
function bossConfig(url: string, options: QueueOptions): PgBoss.ConstructorOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SitrepError("SITREP_BAD_OPTION", `--queue "${url.replace(/:[^:@/]+@/, ":***@")}" is not a postgres:// URL`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new SitrepError("SITREP_BAD_OPTION", `--queue must be a postgres:// URL (the queue lives in PostgreSQL)`);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,50}$/.test(schema)) throw new SitrepError("SITREP_BAD_OPTION", `queue schema "${schema}": use lower-case letters, digits and _`);
  return {
    connectionString: parsed.toString(),
    schema: schema ? `${schema}_queue` : "sitrep_queue",
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
  } as PgBoss.ConstructorOptions;
}

/** Starts pg-boss on the queue's database (installing its schema on first use) and makes sure both queues exist. */
export async function openQueue(url: string, options: QueueOptions = {}, worker = false): Promise<PgBoss> {
  const boss = new PgBoss({ ...bossConfig(url, options), supervise: worker, schedule: false });
  boss.on("error", (err: Error) => process.stderr.write(`sitrep: queue: ${err.message}\n`));
  try {
    await boss.start();
  } catch (err) {
    throw new SitrepError("SITREP_DB", `cannot open the queue at ${url.replace(/:[^:@/]+@/, ":***@")}: ${(err as Error).message}`);
  }
  const settings = {
    retryLimit: options.retryLimit ?? 4,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: true,
    expireInSeconds: options.expireSeconds ?? 300,
  };
  for (const [name, extra] of [[DEAD_LETTER_QUEUE, {}], [QUEUE_NAME, { deadLetter: DEAD_LETTER_QUEUE }]] as const) {
    // Two processes may create the same queue at once: the loser's error is harmless when the queue is there.
    const existing = await boss.getQueue(name);
    if (!existing) {
      await boss.createQueue(name, { name, ...settings, ...extra }).catch(async (err: Error) => {
        if (!(await boss.getQueue(name))) throw err;
      });
    } else if (options.retryLimit !== undefined || options.retryDelaySeconds !== undefined || options.expireSeconds !== undefined) {
      // Settings given explicitly apply to jobs enqueued from now on (a job keeps those it was enqueued with).
      await boss.updateQueue(name, { name, ...settings, ...extra });
    }
  }
  return boss;
}

/** An ingest item as a job; null (and the reason) when it cannot be one. */
function jobOf(item: IngestItem): QueueJob | { error: string } {
  try {
    if (item.kind === "error") return { error: `${item.source}: ${item.message}` };
    if (item.kind === "report") return { source: item.source, report: item.report };
    if (item.kind === "input") return { source: item.source, input: item.input };
    return { source: item.source, input: readArticleFile(item.path) };
  } catch (err) {
    return { error: describeFailure(item.source, err) };
  }
}

export interface EnqueueSummary {
  total: number;
  enqueued: number;
  failed: number;
  errors: { source: string; message: string }[];
}

/** Puts every readable article of `paths` on the queue; waits while more than `maxWaiting` jobs wait. */
export async function enqueuePaths(boss: PgBoss, paths: string[], options: { maxWaiting?: number; chunk?: number } = {}): Promise<EnqueueSummary> {
  const items = await expandPaths(paths);
  const summary: EnqueueSummary = { total: items.length, enqueued: 0, failed: 0, errors: [] };
  const chunk = options.chunk ?? 500;
  const maxWaiting = options.maxWaiting ?? 20_000;
  let pending: PgBoss.JobInsert[] = [];
  const push = async () => {
    if (pending.length === 0) return;
    while ((await boss.getQueueSize(QUEUE_NAME)) > maxWaiting) await new Promise((r) => setTimeout(r, 1000));
    await boss.insert(pending.map((j) => ({ ...j, name: QUEUE_NAME })));
    summary.enqueued += pending.length;
    pending = [];
  };
  for (const item of items) {
    const job = jobOf(item);
    if ("error" in job) {
      summary.failed++;
      summary.errors.push({ source: item.source, message: job.error });
      continue;
    }
    pending.push({ name: QUEUE_NAME, data: job });
    if (pending.length >= chunk) await push();
  }
  await push();
  return summary;
}

export interface WorkerOptions {
  store: SitrepStore;
  /** jobs taken at once (default 100) */
  batchSize?: number;
  /** extraction threads (default every core; 0 extracts in this thread) */
  threads?: number;
  /** seconds between looks at an empty queue (default 1) */
  pollSeconds?: number;
  /** stop when the queue has held no job (waiting, retrying or taken) this many seconds (default: never) */
  exitWhenIdleSeconds?: number;
  onBatch?(stats: { stored: number; duplicates: number; failed: number }): void;
  signal?: AbortSignal;
}

export interface WorkerSummary {
  stored: number;
  duplicates: number;
  failed: number;
}

async function extractJob(job: QueueJob, extractor: () => Extractor): Promise<Report> {
  if ("report" in job) return job.report;
  return extractor().extract({ kind: "input", input: job.input });
}

/** Takes batches of jobs until stopped (signal) or idle long enough; returns what it did. */
export async function runWorker(boss: PgBoss, options: WorkerOptions): Promise<WorkerSummary> {
  const summary: WorkerSummary = { stored: 0, duplicates: 0, failed: 0 };
  let owned: Extractor | undefined;
  const extractor = () => (owned ??= createExtractor(options.threads ?? defaultWorkerCount()));
  let idleSince = performance.now();
  let swept = false;
  try {
    while (!options.signal?.aborted) {
      const jobs = await boss.fetch<QueueJob>(QUEUE_NAME, { batchSize: options.batchSize ?? 100 });
      if (jobs.length === 0) {
        // Blocks left dirty by a writer killed while it held them: finished once the queue runs dry.
        if (!swept) swept = (await options.store.finishIncidents()) === 0;
        if (options.exitWhenIdleSeconds !== undefined) {
          // Idle means no job left anywhere: none waiting for its retry delay, none in another worker's hands
          // (a worker that dies gives its jobs back when they expire).
          if ((await boss.getQueueSize(QUEUE_NAME, { before: "completed" })) > 0) idleSince = performance.now();
          else if (performance.now() - idleSince > options.exitWhenIdleSeconds * 1000) break;
        }
        await new Promise((r) => setTimeout(r, (options.pollSeconds ?? 1) * 1000));
        continue;
      }
      const extracted = await Promise.all(jobs.map(async (job) => {
        try {
          return { job, report: await extractJob(job.data, extractor) };
        } catch (err) {
          return { job, error: describeFailure(job.data.source, err) };
        }
      }));
      const good = extracted.filter((e): e is { job: PgBoss.Job<QueueJob>; report: Report } => "report" in e);
      const bad = extracted.filter((e): e is { job: PgBoss.Job<QueueJob>; error: string } => "error" in e);
      let batch = { stored: 0, duplicates: 0, failed: bad.length };
      try {
        const saved = await options.store.saveReports(good.map(({ job, report }) => ({ report, source: { origin: job.data.source } })));
        batch = { stored: saved.filter((s) => !s.duplicate).length, duplicates: saved.filter((s) => s.duplicate).length, failed: bad.length };
        if (good.length > 0) await boss.complete(QUEUE_NAME, good.map((g) => g.job.id));
      } catch (err) {
        // The store refused the batch: every job goes back for a retry (nothing of a failed batch is half-kept).
        for (const g of good) await boss.fail(QUEUE_NAME, g.job.id, { message: (err as Error).message });
        batch.failed += good.length;
      }
      for (const b of bad) await boss.fail(QUEUE_NAME, b.job.id, { message: b.error });
      await options.store.recordIngestErrors(bad.map((b) => ({ ...splitSource(b.job.data.source), reason: b.error }))).catch(() => undefined);
      summary.stored += batch.stored;
      summary.duplicates += batch.duplicates;
      summary.failed += batch.failed;
      options.onBatch?.(batch);
      idleSince = performance.now();
      swept = false;
    }
  } finally {
    await owned?.close();
  }
  return summary;
}

export interface QueueStatus {
  /** jobs by state: created, retry, active, completed, failed, cancelled */
  states: Record<string, number>;
  /** jobs on the dead-letter queue, newest first: the article's source and the last error */
  dead: { source: string; error: string; at: string }[];
}

/** Counts of the queue's jobs by state, and the dead-letter list. */
export async function queueStatus(boss: PgBoss, url: string, limit = 20): Promise<QueueStatus> {
  const schema = bossConfig(url, {}).schema!;
  const db = boss.getDb() as PgBoss.Db;
  const counts = await db.executeSql(`SELECT state::text AS state, count(*)::int AS n FROM ${schema}.job WHERE name = $1 GROUP BY state`, [QUEUE_NAME]);
  const states: Record<string, number> = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const r of counts.rows as { state: string; n: number }[]) states[r.state] = r.n;
  const dead = await db.executeSql(
    `SELECT data->>'source' AS source, coalesce(output->>'message', output->'value'->>'message', '') AS error, created_on AS at
     FROM ${schema}.job WHERE name = $1 ORDER BY created_on DESC LIMIT $2`,
    [DEAD_LETTER_QUEUE, limit],
  );
  return {
    states,
    dead: (dead.rows as { source: string; error: string; at: Date }[]).map((r) => ({ source: r.source, error: r.error, at: new Date(r.at).toISOString() })),
  };
}
