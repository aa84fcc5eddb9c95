import type { Command } from "commander";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { SitrepError } from "../../errors.js";
import type { RawFilter } from "../../api/filters.js";
import { openStore } from "../store.js";

/** the filters as the API takes them, plus the command's own options; values arrive as strings */
interface ExportOptions extends Pick<RawFilter, "from" | "to" | "bbox" | "country" | "actor" | "type"> {
  profile?: string;
  format?: string;
  db?: string;
  create?: boolean;
  output?: string;
  query?: string;
  limit?: string;
  includeUncoded?: boolean;
}

/** `sitrep export --profile acled|ucdp|plover|geojson|ndjson|csv [--db ...] [filters] [-o file]` */
export function register(program: Command): void {
  program
    .command("export")
    .description("write the stored incidents in a field-standard shape: ACLED, UCDP GED, PLOVER, GeoJSON, NDJSON or sitrep's CSV")
    .option("--profile <profile>", "acled, ucdp, plover, geojson, ndjson or csv (sitrep's own columns)")
    .option("--format <format>", "the same as --profile (kept for older scripts)")
    .option("--db <url>", "SQLite file or postgres:// URL (default: $SITREP_DB or ./sitrep.db)")
    .option("--create", "create the SQLite database when it does not exist (otherwise a missing file is an error)")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--from <day>", "first day, YYYY-MM-DD")
    .option("--to <day>", "last day, YYYY-MM-DD")
    .option("--bbox <w,s,e,n>", "bounding box in degrees")
    .option("--country <code>", "ISO 3166-1 alpha-2 country code")
    .option("--actor <name>", "actor or target name (substring)")
    .option("--type <type>", "PLOVER type, ACLED event type or sub-event type")
    .option("-q, --query <words>", "full-text search over the article text")
    .option("--limit <n>", "at most this many incidents")
    .option("--include-uncoded", "acled: also export incidents ACLED does not code (statements, accusations), event_type left empty")
    .action(async (opts: ExportOptions) => {
      const [{ parseExportFormat, exportIncidents }, { toQueryFilter, cliOption }] = await Promise.all([
        import("../../export/index.js"),
        import("../../api/filters.js"),
      ]);
      const given = opts.profile ?? opts.format;
      if (given === undefined) throw new SitrepError("SITREP_BAD_OPTION", "export needs --profile acled|ucdp|plover|geojson|ndjson|csv");
      const format = parseExportFormat(given, opts.profile !== undefined ? "--profile" : "--format");
      let limit: number | undefined;
      if (opts.limit !== undefined) {
        limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new SitrepError("SITREP_BAD_OPTION", `--limit must be a positive whole number, not "${opts.limit}"`);
      }
      const filter = toQueryFilter({
        from: opts.from, to: opts.to, bbox: opts.bbox, country: opts.country, actor: opts.actor, type: opts.type,
        q: opts.query, limit,
      }, cliOption);
      const store = await openStore(opts.db, { create: opts.create === true });
      const out = opts.output ? createWriteStream(opts.output) : process.stdout;
      const skipped = new Map<string, number>();
      try {
        const chunks = exportIncidents(store, filter, format, {
          includeUncoded: opts.includeUncoded === true,
          onSkip: (_id, reason) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1),
        });
        for await (const chunk of chunks) {
          if (!out.write(chunk)) await once(out, "drain");
        }
      } finally {
        await store.close();
        if (opts.output) {
          out.end();
          await once(out, "finish");
        }
      }
      if (skipped.size) {
        const why = [...skipped].map(([reason, n]) => `${n} ${reason}`).join(", ");
        process.stderr.write(`sitrep: ${format} profile left out incidents it does not code: ${why}\n`);
      }
    });
}
