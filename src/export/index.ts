/**
 * Exports of the incident record, streamed page by page so a large store never sits in memory. Profiles:
 * sitrep's CSV, ACLED, UCDP GED, PLOVER (POLECAT-shaped), GeoJSON and NDJSON (see formats.ts).
 */
import type { Flag } from "../store/flags.js";
import type { IncidentDetail, IncidentPlace, QueryFilter, SitrepStore } from "../store/types.js";
import { acledCsv, gazetteerSeats, incidentToAcledRow } from "./acled.js";
import { csvHeader, csvLine, incidentToCsvRow } from "./csv.js";
import type { ExportFormat } from "./formats.js";
import { incidentToFeature } from "./geojson.js";
import { exportedFlags, flagReader, flagsCell } from "./flags.js";
import { incidentToPlover } from "./plover.js";
import { incidentRecord, ReportCache, type IncidentRecord } from "./sources.js";
import { incidentToUcdpRow, ucdpCsv } from "./ucdp.js";

export { CSV_COLUMNS, csvCell, csvLine, incidentToCsvRow, timePrecision, type CsvColumn, type CsvRow } from "./csv.js";
export { EXPORT_FORMATS, FILE_NAMES, MEDIA_TYPES, isExportFormat, parseExportFormat, type ExportFormat } from "./formats.js";
export { incidentToFeature, type IncidentFeature, type IncidentFeatureProperties } from "./geojson.js";
export {
  ACLED_COLUMNS, acledActor, acledDate, acledGeoPrecision, acledPoint, acledSides, disorderType, incidentToAcledRow, interaction,
  type AcledActor, type AcledColumn, type AcledRow, type InterCode,
} from "./acled.js";
export { UCDP_COLUMNS, incidentToUcdpRow, priogridGid, ucdpDates, wherePrec, type UcdpColumn, type UcdpRow } from "./ucdp.js";
export { QUAD_CLASS, incidentToPlover, type PloverActor, type PloverRecord } from "./plover.js";
export { incidentRecord, ReportCache, type IncidentRecord, type SourceEvent } from "./sources.js";
export { countryInfo, type CountryInfo } from "./countries.js";
export { FLAGS_COLUMN, exportedFlags, flagsCell, type ExportedFlag } from "./flags.js";

const PAGE_SIZE = 200;

/**
 * Every incident matching `filter` with its sources, in the store's order. `filter.limit`, when set, caps
 * the total; `filter.offset` skips that many first.
 */
export async function* iterateIncidents(store: SitrepStore, filter: QueryFilter): AsyncGenerator<IncidentDetail> {
  const cap = filter.limit ?? Number.POSITIVE_INFINITY;
  let offset = filter.offset ?? 0;
  let yielded = 0;
  while (yielded < cap) {
    const page = await store.listIncidents({ ...filter, limit: Math.min(PAGE_SIZE, cap - yielded), offset });
    for (const summary of page.items) {
      const detail = await store.getIncident(summary.id);
      // An incident merged away between the list and the read is skipped rather than exported half-known.
      if (!detail) continue;
      yield detail;
      yielded++;
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
}

export interface ExportOptions {
  /** unix seconds for ACLED's `timestamp` column; default now */
  timestamp?: number;
  /** ACLED profile: export incidents without an ACLED event type too */
  includeUncoded?: boolean;
  /** told of each incident a profile leaves out, and why */
  onSkip?: (incidentId: string, reason: string) => void;
}

/** The incident as its record, with the GeoNames id carried on the place for the JSON profiles. */
type IncidentWithGeonameId = Omit<IncidentDetail, "place"> & { place: (IncidentPlace & { geonameId: number | null }) | null };

function withGeonameId(record: IncidentRecord): IncidentWithGeonameId {
  const { incident } = record;
  return { ...incident, place: incident.place ? { ...incident.place, geonameId: record.place?.geonameId ?? null } : null };
}

/** The export as text chunks, ready for a file or an HTTP reply. */
export async function* exportIncidents(
  store: SitrepStore,
  filter: QueryFilter,
  format: ExportFormat,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const incidents = iterateIncidents(store, filter);
  const reports = new ReportCache(store);
  const flagsOf = flagReader(store);
  // Each incident with the analysts' flags on it, which every profile carries beside the machine's values.
  const flagged = async function* () {
    for await (const incident of incidents) yield { incident, flags: await flagsOf(incident.id) };
  };
  const records = async function* (): AsyncGenerator<IncidentRecord & { flags: Flag[] }> {
    for await (const { incident, flags } of flagged()) yield { ...(await incidentRecord(incident, reports)), flags };
  };
  const skip = (id: string, reason: string) => options.onSkip?.(id, reason);
  switch (format) {
    case "csv":
      yield csvHeader();
      for await (const { incident, flags } of flagged()) yield csvLine(incidentToCsvRow(incident, flags));
      return;
    case "acled": {
      const acledOptions = { timestamp: options.timestamp ?? Math.floor(Date.now() / 1000), includeUncoded: options.includeUncoded, seatOf: gazetteerSeats };
      yield acledCsv.header();
      for await (const record of records()) {
        const row = incidentToAcledRow(record, acledOptions);
        if ("skip" in row) skip(record.incident.id, row.skip);
        else yield acledCsv.line({ ...row, flags: flagsCell(record.flags) });
      }
      return;
    }
    case "ucdp":
      yield ucdpCsv.header();
      for await (const record of records()) {
        const row = incidentToUcdpRow(record);
        if ("skip" in row) skip(record.incident.id, row.skip);
        else yield ucdpCsv.line({ ...row, flags: flagsCell(record.flags) });
      }
      return;
    case "plover":
      for await (const record of records()) yield JSON.stringify(incidentToPlover(record, record.flags)) + "\n";
      return;
    case "ndjson":
      for await (const record of records()) yield JSON.stringify({ ...withGeonameId(record), flags: exportedFlags(record.flags) }) + "\n";
      return;
    case "geojson": {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const record of records()) {
        yield (first ? "\n" : ",\n") + JSON.stringify(incidentToFeature(record.incident, record.place?.geonameId ?? null, record.flags));
        first = false;
      }
      yield "\n]}\n";
    }
  }
}
