/**
 * `sitrep worker --queue <postgres-url> --db <postgres-url>`: takes articles from the queue, extracts them and stores
 * them, until stopped. Start as many as you like, on as many machines: the incidents come out the same.
 * SIGINT or SIGTERM: the batch in hand is finished and stored, then the worker stops.
 */
import type { Command } from "commander";
import { SitrepError } from "../../errors.js";
import { DB_OPTION_HELP, parseWorkers } from "./ingest.js";

interface WorkerCommandOptions {
  queue: string;
  db?: string;
  batch?: number;
  threads?: number;
  exitWhenIdle?: number;
  expireSeconds?: number;
  quiet?: boolean;
}

export function parsePositive(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new SitrepError("SITREP_BAD_OPTION", `${name} "${value}": give a positive number`);
    return n;
  };
}

export function register(program: Command): void {
  program
    .command("worker")
    .description("take articles from the ingest queue, extract and store them (run any number, anywhere)")
    .requiredOption("--queue <url>", "the queue: a postgres:// URL (pg-boss keeps its tables there)")
    .option("--db <url>", DB_OPTION_HELP)
    .option("--batch <n>", "articles taken and stored at once (default 100)", parsePositive("--batch"))
    .option("--threads <n>", "extraction threads (default: every core)", parseWorkers)
    .option("--exit-when-idle <seconds>", "stop once the queue has held no job (waiting, retrying or taken) this long", parsePositive("--exit-when-idle"))
    .option("--expire-seconds <seconds>", "a job active this long is taken as lost and retried (default 300)", parsePositive("--expire-seconds"))
    .option("-q, --quiet", "print only failures and the summary")
    .addHelpText("after", "\nExample:\n  sitrep ingest --queue postgres://root@127.0.0.1/test articles/\n  sitrep worker --queue postgres://root@127.0.0.1/test --db postgres://root@127.0.0.1/test")
    .action(async (options: WorkerCommandOptions) => {
      const { createStore } = await import("../../store/index.js");
      const { openQueue, runWorker } = await import("../../ingest/queue.js");
      const store = await createStore(options.db);
      const boss = await openQueue(options.queue, { expireSeconds: options.expireSeconds, maintenanceSeconds: options.expireSeconds ? Math.max(1, Math.ceil(options.expireSeconds / 2)) : undefined }, true);
      const stop = new AbortController();
      const onSignal = () => {
        if (!options.quiet) process.stderr.write("sitrep: worker stopping after the batch in hand\n");
        stop.abort();
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        const summary = await runWorker(boss, {
          store,
          batchSize: options.batch,
          threads: options.threads,
          exitWhenIdleSeconds: options.exitWhenIdle,
          signal: stop.signal,
          onBatch: (b) => {
            if (!options.quiet) process.stdout.write(`batch: ${b.stored} stored, ${b.duplicates} already stored, ${b.failed} failed\n`);
          },
        });
        process.stdout.write(`worker: ${summary.stored} stored, ${summary.duplicates} already stored, ${summary.failed} failed\n`);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
        await store.close();
      }
    });
}
