import type { Command } from "commander";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { SitrepError } from "../../errors.js";
import type { RawFilter } from "../../api/filters.js";

/** the filters as the API takes them, plus the command's own options; values arrive as strings */
interface ExportOptions extends Pick<RawFilter, "from" | "to" | "bbox" | "country" | "actor" | "type"> {
  format: string;
  db?: string;
  output?: string;
  query?: string;
  limit?: string;
}

/** `sitrep export --format csv|geojson|ndjson [--db ...] [filters] [-o file]` */
export function register(program: Command): void {
  program
    .command("export")
    .description("write the stored incidents as CSV (ACLED column names), GeoJSON or NDJSON")
    .requiredOption("--format <format>", "csv, geojson or ndjson")
    .option("--db <url>", "SQLite file or postgres:// URL (default: $SITREP_DB or ./sitrep.db)")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--from <day>", "first day, YYYY-MM-DD")
    .option("--to <day>", "last day, YYYY-MM-DD")
    .option("--bbox <w,s,e,n>", "bounding box in degrees")
    .option("--country <code>", "ISO 3166-1 alpha-2 country code")
    .option("--actor <name>", "actor or target name (substring)")
    .option("--type <type>", "PLOVER type, ACLED event type or sub-event type")
    .option("-q, --query <words>", "full-text search over the article text")
    .option("--limit <n>", "at most this many incidents")
    .action(async (opts: ExportOptions) => {
      const [{ parseExportFormat, exportIncidents }, { toQueryFilter, cliOption }] = await Promise.all([
        import("../../export/index.js"),
        import("../../api/filters.js"),
      ]);
      const format = parseExportFormat(opts.format);
      let limit: number | undefined;
      if (opts.limit !== undefined) {
        limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new SitrepError("SITREP_BAD_OPTION", `--limit must be a positive whole number, not "${opts.limit}"`);
      }
      const filter = toQueryFilter({
        from: opts.from, to: opts.to, bbox: opts.bbox, country: opts.country, actor: opts.actor, type: opts.type,
        q: opts.query, limit,
      }, cliOption);
      const { createStore } = await import("../../store/index.js");
      const store = await createStore(opts.db);
      const out = opts.output ? createWriteStream(opts.output) : process.stdout;
      try {
        for await (const chunk of exportIncidents(store, filter, format)) {
          if (!out.write(chunk)) await once(out, "drain");
        }
      } finally {
        await store.close();
        if (opts.output) {
          out.end();
          await once(out, "finish");
        }
      }
    });
}
