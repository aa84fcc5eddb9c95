import type { Command } from "commander";
import { SitrepError } from "../../errors.js";
import { openStore } from "../store.js";

interface ServeOptions {
  port: string;
  host: string;
  db?: string;
  token?: string;
  cors?: string;
  rateLimit?: string;
  create?: boolean;
}

/** `sitrep serve [--port 8787] [--host 127.0.0.1] [--db path|postgres://...] [--token T]` */
export function register(program: Command): void {
  program
    .command("serve")
    .description("serve the REST API (/api, /openapi.json) and the dashboard")
    .option("--port <port>", "TCP port (0 picks a free one)", "8787")
    .option("--host <host>", "address to listen on; 0.0.0.0 opens it to the network", "127.0.0.1")
    .option("--db <url>", "SQLite file or postgres:// URL (default: $SITREP_DB or ./sitrep.db)")
    .option("--token <token>", "bearer token that enables POST /api/ingest (default: $SITREP_TOKEN; none: writes off)")
    .option("--cors <origins>", "comma-separated origins allowed to read the API from a browser (default: $SITREP_CORS; none)")
    .option("--rate-limit <n>", "POST requests a minute per client address (default 60; 0 turns the limit off)")
    .option("--create", "create the SQLite database when it does not exist")
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new SitrepError("SITREP_BAD_OPTION", `--port must be a whole number from 0 to 65535, not "${opts.port}"`);
      }
      const token = opts.token ?? (process.env.SITREP_TOKEN || undefined);
      const [{ buildApp }, { listen }] = await Promise.all([
        import("../../api/app.js"),
        import("../../api/server.js"),
      ]);
      const cors = (opts.cors ?? process.env.SITREP_CORS ?? "").split(",").map((o) => o.trim()).filter(Boolean);
      const perMinute = opts.rateLimit === undefined ? 60 : Number(opts.rateLimit);
      if (!Number.isInteger(perMinute) || perMinute < 0) {
        throw new SitrepError("SITREP_BAD_OPTION", `--rate-limit must be a whole number of requests a minute, not "${opts.rateLimit}"`);
      }
      // A --db that names no database is a typo until --create says otherwise; the default file is made on first use.
      const store = await openStore(opts.db, { create: opts.create === true || opts.db === undefined });
      const app = await buildApp({
        store, token, cors, rateLimit: perMinute === 0 ? false : { max: perMinute, timeWindow: 60_000 },
        logger: { level: process.env.SITREP_LOG ?? "warn" },
      });
      const url = await listen(app, { port, host: opts.host });
      process.stderr.write(
        `sitrep: serving ${store.dialect} store on ${url} (dashboard ${url}/, API ${url}/api/, OpenAPI ${url}/openapi.json); ` +
          `writes ${token ? "enabled with the token" : "disabled (no --token / SITREP_TOKEN)"}\n`,
      );
      const stop = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
