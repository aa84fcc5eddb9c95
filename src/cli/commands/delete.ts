/** `sitrep delete <article-id...> [--db url]`: removes articles and re-derives the incidents they were part of. */
import type { Command } from "commander";
import { DB_OPTION_HELP } from "./ingest.js";

export function register(program: Command): void {
  program
    .command("delete")
    .description("remove stored articles by id; their incidents are re-derived from the other sources")
    .argument("<article-ids...>", "article ids (as `sitrep export` and the API show them)")
    .option("--db <url>", DB_OPTION_HELP)
    .action(async (ids: string[], options: { db?: string }) => {
      const { createStore } = await import("../../store/index.js");
      const store = await createStore(options.db);
      try {
        for (const id of ids) {
          if (await store.deleteArticle(id)) process.stdout.write(`deleted ${id}\n`);
          else {
            process.stderr.write(`sitrep: no article "${id}" in ${store.dialect === "sqlite" ? "the SQLite store" : "the PostgreSQL store"}\n`);
            process.exitCode = 2;
          }
        }
      } finally {
        await store.close();
      }
    });
}
