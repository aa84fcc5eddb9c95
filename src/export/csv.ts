/**
 * One CSV row per incident, with ACLED's column names where a column has a counterpart
 * (https://acleddata.com/knowledge-base/codebook/) and our own names for what ACLED lacks.
 */
import type { Granularity } from "../report.js";
import type { Flag } from "../store/flags.js";
import type { IncidentDetail } from "../store/types.js";
import { flagsCell } from "./flags.js";

export const CSV_COLUMNS = [
  "incident_id",
  "event_date",
  "time_precision",
  "date_granularity",
  "event_type",
  "sub_event_type",
  "plover_type",
  "plover_mode",
  "actor1",
  "assoc_actor_1",
  "actor2",
  "assoc_actor_2",
  "attribution",
  "country_iso2",
  "admin1",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "fatalities",
  "fatalities_low",
  "fatalities_high",
  "injured",
  "victims",
  "source",
  "source_urls",
  "source_count",
  "notes",
  "flags",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Record<CsvColumn, string>;

/** ACLED time_precision: 1 the day is known, 2 within a week, 3 only the month (or coarser). */
export function timePrecision(granularity: Granularity | null): string {
  switch (granularity) {
    case "day":
      return "1";
    case "week":
      return "2";
    case null:
      return "";
    default:
      return "3";
  }
}

const num = (n: number | null | undefined): string => (n === null || n === undefined ? "" : String(n));
const unique = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== "")),
];

/** The incident's row; `flags`, the analysts' flags on it, fill the last column and change no other. */
export function incidentToCsvRow(incident: IncidentDetail, flags: readonly Flag[] = []): CsvRow {
  const place = incident.place;
  return {
    incident_id: incident.id,
    event_date: incident.date ?? "",
    time_precision: timePrecision(incident.granularity),
    date_granularity: incident.granularity ?? "",
    event_type: incident.acled?.eventType ?? "",
    sub_event_type: incident.acled?.subEventType ?? "",
    plover_type: incident.type,
    plover_mode: incident.mode ?? "",
    actor1: incident.actors[0] ?? "",
    assoc_actor_1: incident.actors.slice(1).join("; "),
    actor2: incident.targets[0] ?? "",
    assoc_actor_2: incident.targets.slice(1).join("; "),
    attribution: incident.attribution.candidates.length
      ? `${incident.attribution.status}: ${incident.attribution.candidates.join("; ")}`
      : incident.attribution.status,
    country_iso2: place?.country ?? "",
    admin1: place?.admin1 ?? "",
    location: place?.name ?? "",
    latitude: num(place?.lat),
    longitude: num(place?.lon),
    geo_precision: place ? String(place.precision) : "",
    fatalities: num(incident.killed?.best),
    fatalities_low: num(incident.killed?.low),
    fatalities_high: num(incident.killed?.high),
    injured: num(incident.injured?.best),
    victims: incident.victims ?? "",
    source: unique(incident.sources.flatMap((s) => [s.outlet, ...s.agencies])).join("; "),
    source_urls: unique(incident.sources.map((s) => s.url)).join(" "),
    source_count: String(incident.sourceCount),
    notes: incident.summary,
    flags: flagsCell(flags),
  };
}

/**
 * RFC 4180 quoting. Text cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading
 * apostrophe: article text is untrusted. Numeric columns are never touched, so "-3.7" stays a number.
 */
const NUMERIC: ReadonlySet<CsvColumn> = new Set<CsvColumn>([
  "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "fatalities_low", "fatalities_high",
  "injured", "source_count",
]);

export function csvCell(column: CsvColumn, value: string): string {
  return quoteCell(value, NUMERIC.has(column));
}

/** One RFC 4180 cell; a text cell a spreadsheet would run as a formula is defused with an apostrophe. */
export function quoteCell(value: string, numeric: boolean): string {
  let v = value;
  if (!numeric && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A header and line writer for a fixed column list, numeric columns left as numbers. */
export function csvWriter<C extends string>(columns: readonly C[], numeric: ReadonlySet<C>) {
  return {
    header: (): string => columns.join(",") + "\r\n",
    line: (row: Record<C, string>): string => columns.map((c) => quoteCell(row[c], numeric.has(c))).join(",") + "\r\n",
  };
}

const sitrepCsv = csvWriter(CSV_COLUMNS, NUMERIC);

export function csvHeader(): string {
  return sitrepCsv.header();
}

export function csvLine(row: CsvRow): string {
  return sitrepCsv.line(row);
}
