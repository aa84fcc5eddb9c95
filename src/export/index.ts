/**
 * Exports of the incident record, streamed page by page so a large store never sits in memory:
 * CSV (ACLED column names), GeoJSON FeatureCollection, NDJSON (one IncidentDetail per line).
 */
import type { IncidentDetail, QueryFilter, SitrepStore } from "../store/types.js";
import { csvHeader, csvLine, incidentToCsvRow } from "./csv.js";
import type { ExportFormat } from "./formats.js";
import { incidentToFeature } from "./geojson.js";

export { CSV_COLUMNS, csvCell, csvLine, incidentToCsvRow, timePrecision, type CsvColumn, type CsvRow } from "./csv.js";
export { EXPORT_FORMATS, MEDIA_TYPES, isExportFormat, parseExportFormat, type ExportFormat } from "./formats.js";
export { incidentToFeature, type IncidentFeature, type IncidentFeatureProperties } from "./geojson.js";

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

/** The export as text chunks, ready for a file or an HTTP reply. */
export async function* exportIncidents(
  store: SitrepStore,
  filter: QueryFilter,
  format: ExportFormat,
): AsyncGenerator<string> {
  const incidents = iterateIncidents(store, filter);
  if (format === "csv") {
    yield csvHeader();
    for await (const incident of incidents) yield csvLine(incidentToCsvRow(incident));
  } else if (format === "ndjson") {
    for await (const incident of incidents) yield JSON.stringify(incident) + "\n";
  } else {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const incident of incidents) {
      yield (first ? "\n" : ",\n") + JSON.stringify(incidentToFeature(incident));
      first = false;
    }
    yield "\n]}\n";
  }
}
