/**
 * `sitrep ingest <files | folders | - | feed URLs>`: extracts every article and stores it with its incidents.
 * Exit status 0 when everything was stored (or already was), 2 when some inputs failed, 1 on a fatal error.
 */
import type { Command } from "commander";
import { SitrepError } from "../../errors.js";

interface IngestCommandOptions {
  db?: string;
  queue?: string;
  workers?: number;
  quiet?: boolean;
}

export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new SitrepError("SITREP_BAD_OPTION", `--workers "${value}": give a whole number (0 extracts in the main thread)`);
  return n;
}

export const DB_OPTION_HELP = "the store: a SQLite file (default ./sitrep.db, or $SITREP_DB) or postgres://user@host/db";

export function register(program: Command): void {
  program
    .command("ingest")
    .description("extract articles (text, HTML, Markdown, NDJSON, CSV, RSS/Atom, sitrep reports) into the store")
    .argument("<inputs...>", "files, folders (walked), feed URLs, or - for stdin")
    .option("--db <url>", DB_OPTION_HELP)
    .option("--workers <n>", "extraction threads (default: every core)", parseWorkers)
    .option("--queue <url>", "put the articles on this queue (postgres://) for `sitrep worker`s instead of storing them here")
    .option("-q, --quiet", "print only failures and the summary")
    .addHelpText(
      "after",
      "\nNDJSON and CSV rows need a text (or body, or html) field; title, published, url and outlet are read when present." +
        "\nIn folders, .json files are skipped (name them to ingest them) and README files are left out." +
        "\nIngesting an article again is a no-op; an interrupted ingest can simply be run again." +
        "\nExamples:\n  sitrep ingest examples/\n  sitrep ingest feed.xml --db postgres://root@127.0.0.1/test\n  cat articles.ndjson | sitrep ingest -",
    )
    .action(async (inputs: string[], options: IngestCommandOptions) => {
      if (options.queue) {
        const { openQueue, enqueuePaths } = await import("../../ingest/queue.js");
        const boss = await openQueue(options.queue);
        try {
          const summary = await enqueuePaths(boss, inputs);
          for (const e of summary.errors) process.stderr.write(`sitrep: ${e.message}\n`);
          process.stdout.write(`enqueued ${summary.enqueued} of ${summary.total} inputs, ${summary.failed} failed\n`);
          if (summary.failed > 0) process.exitCode = 2;
        } finally {
          await boss.stop({ graceful: false, wait: true });
        }
        return;
      }
      const { createStore } = await import("../../store/index.js");
      const { ingestPaths } = await import("../../ingest/index.js");
      const { createProgressPrinter } = await import("../../ingest/progress.js");
      const store = await createStore(options.db);
      try {
        const printer = createProgressPrinter({ quiet: options.quiet });
        const summary = await ingestPaths(inputs, { store, workers: options.workers, progress: true, onProgress: printer.onProgress });
        printer.finish(summary);
        if (summary.failed > 0) process.exitCode = 2;
      } finally {
        await store.close();
      }
    });
}
