import type { Command } from "commander";
import { SitrepError } from "../../errors.js";

interface ServeOptions {
  port: string;
  host: string;
  db?: string;
  token?: string;
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
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new SitrepError("SITREP_BAD_OPTION", `--port must be a whole number from 0 to 65535, not "${opts.port}"`);
      }
      const token = opts.token ?? (process.env.SITREP_TOKEN || undefined);
      const [{ createStore }, { buildApp }, { listen }] = await Promise.all([
        import("../../store/index.js"),
        import("../../api/app.js"),
        import("../../api/server.js"),
      ]);
      const store = await createStore(opts.db);
      const app = await buildApp({ store, token, logger: { level: process.env.SITREP_LOG ?? "warn" } });
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
