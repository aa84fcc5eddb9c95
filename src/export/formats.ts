/** The export profiles, their media types and file names. */
import { SitrepError } from "../errors.js";

/**
 * csv: sitrep's own columns (ACLED names where one fits); acled: ACLED's 31 columns and rules; ucdp: UCDP GED's
 * columns; plover: POLECAT-shaped JSON records, one a line; geojson: a FeatureCollection; ndjson: one stored
 * incident a line.
 */
export const EXPORT_FORMATS = ["csv", "acled", "ucdp", "plover", "geojson", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  acled: "text/csv; charset=utf-8",
  ucdp: "text/csv; charset=utf-8",
  plover: "application/x-ndjson; charset=utf-8",
  geojson: "application/geo+json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

export const FILE_NAMES: Record<ExportFormat, string> = {
  csv: "sitrep-incidents.csv",
  acled: "sitrep-incidents-acled.csv",
  ucdp: "sitrep-incidents-ucdp-ged.csv",
  plover: "sitrep-incidents-plover.ndjson",
  geojson: "sitrep-incidents.geojson",
  ndjson: "sitrep-incidents.ndjson",
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export function parseExportFormat(value: string, option = "--profile"): ExportFormat {
  const v = value.toLowerCase();
  if (!isExportFormat(v)) {
    throw new SitrepError("SITREP_BAD_OPTION", `${option} must be one of ${EXPORT_FORMATS.join(", ")}, got "${value}"`);
  }
  return v;
}
