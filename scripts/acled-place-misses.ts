/**
 * Error analysis of places on ACLED notes: `node dist/scripts/acled-place-misses.js <notes.csv> [--limit N]
 * [--stride K [--offset J]] [--out file.jsonl]`: rows whose index is J modulo K (a sample to read, another offset kept
 * to check a change on). For each row whose report has no place within 50 km of the coded location (or
 * whose event's place is not), one JSON line: the row's coded country, admin1, admin2 and location, the places
 * found (name, country, kind, who decided it, score, distance in km) and the event's place; and a count by cause:
 * - "event's place": some place of the report is within 50 km, the event's is not;
 * - "no place found": the report has no place;
 * - "coded name found, unlocated" / "coded name found, wrong namesake": a place of the report bears the coded
 *   location's name but has no point, or lies more than 50 km away;
 * - "coded name in text, not found": the coded name is in the note but no place was found for it;
 * - "coded name not in text": the note names other places only.
 * Measuring only (acled-dev is never trained on); the output holds the notes' text: keep it out of the repository.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { acledPrediction, readAcledCsv } from "../eval/acled.js";
import { haversineKm } from "../src/resolve/geo/distance.js";
import { createPipeline } from "../src/pipeline.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const fold = (s: string): string => s.normalize("NFKD").replace(/[^\p{L}]/gu, "").toLowerCase().replace(/[^a-z]/g, "");

export function placeMisses(file: string, limit?: number, stride = 1, offset = 0): { lines: string[]; causes: Map<string, number>; n: number } {
  const source = readFileSync(file, "utf8");
  const coded = new Map((parse(source, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[]).map((r) => [r.event_id_cnty, r]));
  const rows = readAcledCsv(source, file).rows.filter((_, i) => i % stride === offset).slice(0, limit);
  const pipeline = createPipeline();
  const causes = new Map<string, number>();
  const lines: string[] = [];
  for (const row of rows) {
    const report = pipeline.extract({ text: row.notes, published: row.date });
    const pred = acledPrediction(report);
    const km = (p: { lat: number | null; lon: number | null }): number | null => (p.lat === null || p.lon === null ? null : Math.round(haversineKm(row.lat, row.lon, p.lat, p.lon)));
    const near = (p: { lat: number; lon: number }): boolean => haversineKm(row.lat, row.lon, p.lat, p.lon) <= 50;
    const any = pred.allPlaces.some(near);
    if (any && pred.place && near(pred.place)) continue;
    const r = coded.get(row.id) ?? {};
    const name = fold((r.location ?? "").split(/[-(]/)[0]);
    const bearing = report.places.find((p) => p.mentions.some((m) => fold(row.notes.slice(m.start, m.end)) === name) || fold(p.name) === name);
    const cause = any ? "event's place" : report.places.length === 0 ? "no place found"
      : bearing ? (bearing.lat === null ? "coded name found, unlocated" : "coded name found, wrong namesake")
      : name && fold(row.notes).includes(name) ? "coded name in text, not found" : "coded name not in text";
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
    const main = report.events.filter((e) => !e.negated && e.acled).sort((a, b) => b.confidence - a.confidence)[0];
    lines.push(JSON.stringify({
      id: row.id, cause, country: r.country, admin1: r.admin1, admin2: r.admin2, location: r.location, notes: row.notes,
      places: report.places.map((p) => ({ name: p.name, country: p.country, kind: p.featureType, decidedBy: p.decidedBy, score: p.score, km: km(p), event: p.id === main?.place })),
    }));
  }
  return { lines, causes, n: rows.length };
}

if (process.argv[1]?.endsWith("acled-place-misses.js")) {
  const file = process.argv[2];
  const limit = arg("limit");
  const { lines, causes, n } = placeMisses(file, limit ? Number(limit) : undefined, Number(arg("stride") ?? 1), Number(arg("offset") ?? 0));
  const out = arg("out");
  if (out) writeFileSync(out, `${lines.join("\n")}\n`);
  for (const [cause, count] of [...causes].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(6)} ${(count / n).toFixed(3)} ${cause}`);
  console.log(`${n} rows, ${lines.length} with a place miss${out ? ` -> ${out}` : ""}`);
}
