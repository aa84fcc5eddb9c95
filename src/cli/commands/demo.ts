import type { Command } from "commander";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fromRoot } from "../../paths.js";

const ARTICLE_FILE = /\.(?:txt|md|markdown|html?)$/i;

/** Every bundled sample article: examples/articles and the multi-outlet stories in examples/stories. */
export function exampleFiles(root = fromRoot("examples")): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (ARTICLE_FILE.test(name) && name !== "README.md") out.push(path);
    }
  };
  walk(root);
  return out;
}

/** `sitrep demo`: what `npm start` runs. Ingests the bundled examples into SQLite, then serves the dashboard. */
export function register(program: Command): void {
  program
    .command("demo")
    .description("ingest the bundled sample articles into ./sitrep.db and serve the API and dashboard")
    .option("--db <url>", "database: a SQLite file path or postgres://...", process.env.SITREP_DB ?? "./sitrep.db")
    .option("--port <port>", "port to serve on", process.env.PORT ?? "8787")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--no-serve", "ingest only, then exit")
    .action(async (opts: { db: string; port: string; host: string; serve: boolean }) => {
      const { createStore } = await import("../../store/index.js");
      const { ingestPaths } = await import("../../ingest/index.js");
      const store = await createStore(opts.db);
      const files = exampleFiles();
      console.log(`sitrep demo: ingesting ${files.length} sample articles into ${opts.db} ...`);
      const summary = await ingestPaths(files, { store });
      console.log(
        `sitrep demo: ${summary.stored} stored, ${summary.duplicates} already there, ${summary.failed} failed; ` +
          `${summary.events} events in ${summary.incidents} incidents (${summary.seconds.toFixed(1)} s)`,
      );
      for (const e of summary.errors) console.error(`sitrep: ${e.source}: ${e.message}`);
      if (!opts.serve) {
        await store.close();
        return;
      }
      const { buildApp } = await import("../../api/app.js");
      const { listen } = await import("../../api/server.js");
      const app = await buildApp({ store, token: process.env.SITREP_TOKEN });
      const url = await listen(app, { port: Number(opts.port), host: opts.host });
      console.log(`sitrep demo: dashboard and API at ${url}  (API description: ${url}/openapi.json; Ctrl-C to stop)`);
      const stop = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
