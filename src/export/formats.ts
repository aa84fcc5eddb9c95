/** The export formats, their media types and file extensions. */
import { SitrepError } from "../errors.js";

export const EXPORT_FORMATS = ["csv", "geojson", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  geojson: "application/geo+json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export function parseExportFormat(value: string): ExportFormat {
  const v = value.toLowerCase();
  if (!isExportFormat(v)) {
    throw new SitrepError("SITREP_BAD_OPTION", `--format must be one of ${EXPORT_FORMATS.join(", ")}, got "${value}"`);
  }
  return v;
}
