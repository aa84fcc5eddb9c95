/**
 * `sitrep recluster [--db url] [--from-scratch] [--check]`: rebuilds every incident from the stored events.
 * Incidents are a function of the events (see src/incidents/cluster.ts), so a recluster after an upgrade of the
 * matcher applies it to everything stored, and `--from-scratch --check` proves the store reproduces itself.
 */
import type { Command } from "commander";
import { DB_OPTION_HELP } from "./ingest.js";

interface ReclusterOptions {
  db?: string;
  fromScratch?: boolean;
  check?: boolean;
}

export function register(program: Command): void {
  program
    .command("recluster")
    .description("rebuild all incidents from the stored events (stop writers first)")
    .option("--db <url>", DB_OPTION_HELP)
    .option("--from-scratch", "drop every incident first, then rebuild")
    .option("--check", "exit 3 unless the incidents afterwards equal those before, byte for byte")
    .action(async (options: ReclusterOptions) => {
      const { createStore } = await import("../../store/index.js");
      const store = await createStore(options.db);
      try {
        const before = options.check ? await store.incidentSnapshot() : "";
        const t0 = performance.now();
        const count = await store.recluster({ fromScratch: options.fromScratch });
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        process.stdout.write(`reclustered: ${count} incidents in ${seconds} s\n`);
        if (options.check) {
          const same = before === (await store.incidentSnapshot());
          process.stdout.write(same ? "check: the incidents are byte-identical to those before\n" : "check: the incidents differ from those before\n");
          if (!same) process.exitCode = 3;
        }
      } finally {
        await store.close();
      }
    });
}
