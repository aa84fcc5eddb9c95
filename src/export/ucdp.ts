/**
 * UCDP Georeferenced Event Dataset (GED) columns, in GED's order (codebook, https://ucdp.uu.se/downloads/):
 * deaths as `best`/`low`/`high` with an open-ended high ("more than 20") kept open as an empty cell rather than
 * closed at the best figure, `where_prec` 1-7 and `date_prec` 1-5 with `date_start`/`date_end` spanning what
 * the sources allow, the violence type from the sides' kinds, and the sources' articles, outlets, dates and
 * headlines. Only lethal organised violence is exported (GED's scope); UCDP's own conflict, dyad and actor ids
 * and Gleditsch-Ward codes are left empty, as sitrep does not keep UCDP's actor list.
 */
import { csvWriter } from "./csv.js";
import { countryInfo } from "./countries.js";
import { FLAGS_COLUMN } from "./flags.js";
import { addDays, entityNamed, isoDay, lastDayOfMonth, type IncidentRecord } from "./sources.js";

export const UCDP_COLUMNS = [
  "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
  "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
  "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
  "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
  "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
  "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
  "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
] as const;
export type UcdpColumn = (typeof UCDP_COLUMNS)[number];
export type UcdpRow = Record<UcdpColumn, string>;

const NUMERIC = new Set<UcdpColumn>([
  "year", "type_of_violence", "number_of_sources", "where_prec", "latitude", "longitude", "priogrid_gid",
  "event_clarity", "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
]);
/** GED's columns, then sitrep's `flags` (the analysts' flags), last so that GED's own stay in GED's order. */
export const ucdpCsv = csvWriter([...UCDP_COLUMNS, FLAGS_COLUMN], NUMERIC);

/** GED's location scale: 1 exact, 2 within 25 km, 3 second-order admin area, 4 first-order, 5 a larger region, 6 country. */
export function wherePrec(featureType: string, precision: 1 | 2 | 3 | 4): 1 | 2 | 3 | 4 | 5 | 6 {
  if (featureType === "country" || precision === 4) return 6;
  if (featureType === "admin2") return 3;
  if (featureType === "admin1") return 4;
  if (featureType === "region" || precision === 3) return 5;
  return precision;
}

/** GED's date scale (1 the day, 3 the week, 4 the month, 5 within the year) and the span it allows. */
export function ucdpDates(date: string | null, granularity: string | null): { prec: 1 | 3 | 4 | 5; start: string; end: string } | null {
  const day = isoDay(date);
  if (!day) return null;
  switch (granularity) {
    case "day":
      return { prec: 1, start: day, end: day };
    case "week":
      return { prec: 3, start: day, end: addDays(day, 6) };
    case "month":
      return { prec: 4, start: `${day.slice(0, 7)}-01`, end: lastDayOfMonth(day) };
    case "year":
      return { prec: 5, start: `${day.slice(0, 4)}-01-01`, end: `${day.slice(0, 4)}-12-31` };
    default:
      return null;
  }
}

/** PRIO-GRID's half-degree cell: rows from the south pole, columns from the antimeridian, 720 a row, from 1. */
export function priogridGid(lat: number, lon: number): number {
  const row = Math.min(359, Math.floor((lat + 90) * 2));
  const col = Math.min(719, Math.floor((lon + 180) * 2));
  return row * 720 + col + 1;
}

const STATE_KINDS = new Set(["military", "government", "country"]);
const LETHAL_TYPES = new Set(["Battles", "Explosions/Remote violence", "Violence against civilians"]);

const unique = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== "")),
];

/** The GED row of an incident, or why GED would not hold it. */
export function incidentToUcdpRow(record: IncidentRecord): UcdpRow | { skip: string } {
  const { incident } = record;
  const killed = incident.killed;
  const lethalType = incident.acled ? LETHAL_TYPES.has(incident.acled.eventType) || incident.acled.subEventType === "Mob violence" : incident.type === "ASSAULT";
  if (!lethalType) return { skip: "not organised violence" };
  if (!killed || Math.max(killed.best, killed.low, killed.high ?? 0) < 1) return { skip: "no deaths reported" };
  const when = ucdpDates(incident.date, incident.granularity);
  if (!when) return { skip: "no date" };
  const place = incident.place;
  if (!place || place.lat === null || place.lon === null) return { skip: "no located place" };
  const country = countryInfo(place.country);
  const kindOf = (name: string) => entityNamed(record, name)?.kind ?? "armed_group";
  const isState = (name: string) => STATE_KINDS.has(kindOf(name));
  const civiliansHit = incident.acled?.eventType === "Violence against civilians"
    || incident.targets.some((t) => kindOf(t) === "civilians") || /civilian/i.test(incident.victims ?? "");
  const stateSide = [...incident.actors, ...incident.targets].find(isState);
  const typeOfViolence = civiliansHit ? 3 : stateSide ? 1 : 2;
  const government = country ? `Government of ${country.name}` : stateSide ?? "";
  const sideName = (name: string) => (isState(name) ? government : kindOf(name) === "media" || record.placeNames.has(name.toLowerCase()) ? "" : name);
  const actors = unique(incident.actors.map(sideName));
  const targets = unique(incident.targets.map(sideName)).filter((t) => !actors.includes(t));
  let sideA = actors[0] ?? "";
  let sideB = typeOfViolence === 3 ? "Civilians" : targets[0] ?? "";
  // State-based violence names the government as side A.
  if (typeOfViolence === 1 && sideB === government) [sideA, sideB] = [sideB, sideA];
  const featureType = record.place?.featureType ?? place.featureType;
  const best = killed.best;
  return {
    id: incident.id,
    relid: incident.id,
    year: when.start.slice(0, 4),
    active_year: "",
    code_status: "",
    type_of_violence: String(typeOfViolence),
    conflict_dset_id: "",
    conflict_new_id: "",
    conflict_name: "",
    dyad_dset_id: "",
    dyad_new_id: "",
    dyad_name: sideA && sideB ? `${sideA} - ${sideB}` : "",
    side_a_dset_id: "",
    side_a_new_id: "",
    side_a: sideA,
    side_b_dset_id: "",
    side_b_new_id: "",
    side_b: sideB,
    number_of_sources: String(incident.sourceCount),
    source_article: unique(incident.sources.map((s) => s.url)).join(";"),
    source_office: unique(incident.sources.map((s) => s.outlet)).join(";"),
    source_date: unique(incident.sources.map((s) => s.published?.slice(0, 10))).join(";"),
    source_headline: unique(incident.sources.map((s) => s.title)).join(";"),
    source_original: unique(incident.sources.flatMap((s) => s.agencies)).join(";"),
    where_prec: String(wherePrec(featureType, place.precision)),
    where_coordinates: place.admin1 && place.admin1 !== place.name ? `${place.name}, ${place.admin1}` : place.name,
    where_description: place.name,
    adm_1: place.admin1 ?? (featureType === "admin1" ? place.name : ""),
    adm_2: featureType === "admin2" ? place.name : "",
    latitude: String(place.lat),
    longitude: String(place.lon),
    geom_wkt: `POINT (${place.lon} ${place.lat})`,
    priogrid_gid: String(priogridGid(place.lat, place.lon)),
    country: country?.name ?? "",
    country_id: "",
    region: country?.ucdpRegion ?? "",
    // 2: the sources tell of a period rather than one happening
    event_clarity: when.prec <= 3 ? "1" : "2",
    date_prec: String(when.prec),
    date_start: when.start,
    date_end: when.end,
    deaths_a: "0",
    deaths_b: "0",
    deaths_civilians: typeOfViolence === 3 ? String(best) : "0",
    deaths_unknown: typeOfViolence === 3 ? "0" : String(best),
    best: String(best),
    high: killed.high === null ? "" : String(killed.high),
    low: String(killed.low),
    gwnoa: "",
    gwnob: "",
  };
}
