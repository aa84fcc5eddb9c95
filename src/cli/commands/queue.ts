/** `sitrep queue status --queue <url>`: the ingest queue's jobs by state and its dead-letter list. */
import type { Command } from "commander";

export function register(program: Command): void {
  const queue = program.command("queue").description("look at the ingest queue (see `sitrep worker`)");
  queue
    .command("status")
    .description("jobs waiting, running, done and failed; the articles on the dead-letter list and why")
    .requiredOption("--queue <url>", "the queue: a postgres:// URL")
    .option("--db <url>", "the store the workers write (postgres://...): also say how many events wait to be clustered")
    .option("--json", "print JSON")
    .option("--limit <n>", "dead-letter entries to list (default 20)")
    .action(async (options: { queue: string; db?: string; json?: boolean; limit?: string }) => {
      const { openQueue, queueStatus } = await import("../../ingest/queue.js");
      const boss = await openQueue(options.queue);
      try {
        const status: Awaited<ReturnType<typeof queueStatus>> & { waitingEvents?: number } =
          await queueStatus(boss, options.queue, options.limit ? Math.max(1, Math.floor(Number(options.limit)) || 20) : 20);
        if (options.db) {
          const { createStore } = await import("../../store/index.js");
          const store = await createStore(options.db);
          try {
            status.waitingEvents = await store.waitingEvents();
          } finally {
            await store.close();
          }
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        const s = status.states;
        process.stdout.write(`queue: ${s.created} waiting, ${s.retry} to retry, ${s.active} running, ${s.completed} done, ${s.failed} failed, ${status.dead.length} on the dead-letter list\n`);
        for (const d of status.dead) process.stdout.write(`dead: ${d.source}: ${d.error} (${d.at})\n`);
        if (status.waitingEvents !== undefined) {
          // 0 once every worker is done: the incidents are then final (a function of the stored events)
          process.stdout.write(`store: ${status.waitingEvents} events waiting to be clustered${status.waitingEvents === 0 ? " (incidents final)" : ""}\n`);
        }
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    });
}
