/** `sitrep watch <feed-url...>`: polls RSS/Atom feeds and ingests new articles until interrupted (Ctrl-C). */
import type { Command } from "commander";
import { SitrepError } from "../../errors.js";
import { DB_OPTION_HELP, parseWorkers } from "./ingest.js";

interface WatchCommandOptions {
  db?: string;
  interval: number;
  maxBackoff: number;
  workers?: number;
  once?: boolean;
  followLinks?: boolean;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1) throw new SitrepError("SITREP_BAD_OPTION", `"${value}": give a number of seconds, 1 or more`);
  return n;
}

export function register(program: Command): void {
  program
    .command("watch")
    .description("poll RSS/Atom feeds (ETag/Last-Modified, backoff on errors) and ingest new articles")
    .argument("<feeds...>", "feed URLs")
    .option("--db <url>", DB_OPTION_HELP)
    .option("--interval <seconds>", "seconds between polls of a feed", parseSeconds, 300)
    .option("--max-backoff <seconds>", "longest wait after repeated failures", parseSeconds, 3600)
    .option("--workers <n>", "extraction threads (default: every core)", parseWorkers)
    .option("--once", "poll every feed once, then exit")
    .option("--follow-links", "read each item's linked page instead of the text the feed carries")
    .action(async (feeds: string[], options: WatchCommandOptions) => {
      const { createStore } = await import("../../store/index.js");
      const { watchFeeds } = await import("../../ingest/watch.js");
      const store = await createStore(options.db);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        await watchFeeds(feeds, {
          store, intervalSeconds: options.interval, maxBackoffSeconds: options.maxBackoff, workers: options.workers,
          once: options.once, signal: controller.signal, followLinks: options.followLinks === true,
          onProgress: (p) => {
            if (p.status === "failed") console.error(`sitrep: ${p.message ?? p.source}`);
          },
          onPoll: (url, result, summary) => {
            const when = new Date().toISOString();
            if (result.status === "failed") console.error(`sitrep: ${when} ${result.message} (will retry with backoff)`);
            else if (result.status === "not-modified") console.log(`${when} ${url}: not modified`);
            else console.log(`${when} ${url}: ${summary?.stored ?? 0} new, ${summary?.duplicates ?? 0} already stored, ${summary?.failed ?? 0} failed`);
          },
        });
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        await store.close();
      }
    });
}
