/**
 * ACLED's 31 columns in ACLED's order, with ACLED's value rules (codebook, https://acleddata.com/knowledge-base/codebook/):
 * numeric `inter` codes from the kind of each actor, `interaction` as the two codes lower first, `disorder_type`
 * from the sub-event type, `civilian_targeting` when civilians are the side hit, `geo_precision` and
 * `time_precision` on ACLED's 1-3 scales with the date ACLED would code. Only what ACLED codes is exported:
 * an incident without an ACLED event type (a statement, an accusation), without at least its month, or
 * without a located place is left out, and the caller is told why.
 */
import type { Entity } from "../report.js";
import { loadGazetteer, type Gazetteer } from "../resolve/geo/index.js";
import { capitalOf } from "../resolve/places/readings.js";
import { csvWriter } from "./csv.js";
import { countryInfo, type CountryInfo } from "./countries.js";
import { FLAGS_COLUMN } from "./flags.js";
import { addDays, entityNamed, isoDay, type IncidentRecord } from "./sources.js";

export const ACLED_COLUMNS = [
  "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
  "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
  "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
  "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string>;

const NUMERIC = new Set<AcledColumn>([
  "year", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude", "geo_precision",
  "fatalities", "timestamp",
]);
/** ACLED's columns, then sitrep's `flags` (the analysts' flags), last so that ACLED's own stay in ACLED's order. */
export const acledCsv = csvWriter([...ACLED_COLUMNS, FLAGS_COLUMN], NUMERIC);

/**
 * ACLED's actor types: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
 * 6 protesters, 7 civilians, 8 external/other forces; 0 for a missing second actor.
 */
export type InterCode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export interface AcledActor {
  name: string;
  inter: InterCode;
}

export const DISORDER_TYPES: Record<string, string> = {
  Battles: "Political violence",
  "Explosions/Remote violence": "Political violence",
  "Violence against civilians": "Political violence",
  Protests: "Demonstrations",
  Riots: "Demonstrations",
  "Strategic developments": "Strategic developments",
};

export function disorderType(eventType: string, subEventType: string): string {
  if (subEventType === "Excessive force against protesters") return "Political violence; Demonstrations";
  if (subEventType === "Mob violence") return "Political violence";
  return DISORDER_TYPES[eventType] ?? "";
}

/** Two actor types as ACLED's interaction code: the lower first, a lone actor followed by 0 ("60"). */
export function interaction(inter1: InterCode, inter2: InterCode): number {
  if (inter2 === 0) return inter1 * 10;
  if (inter1 === 0) return inter2 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

/** ACLED's location scale: 1 the town or point, 2 near it or a part of a region, 3 a larger region (or only the country). */
export function acledGeoPrecision(precision: 1 | 2 | 3 | 4): 1 | 2 | 3 {
  return precision >= 3 ? 3 : (precision as 1 | 2);
}

/** The capital of a province, by country (ISO2) and the province's name as the gazetteer spells it, with the
 *  province's own point (where a place known only to lie in it is put) when the gazetteer has it; with no
 *  province (null), the country's capital. */
export type ProvinceSeat = (country: string, admin1: string | null) => { name: string; lat: number; lon: number; province?: { lat: number; lon: number } } | null;

let gazetteer: Gazetteer | undefined;
/** Province capitals from the gazetteer, loaded on the first event placed only in a province. */
export const gazetteerSeats: ProvinceSeat = (country, admin1) => {
  gazetteer ??= loadGazetteer();
  if (admin1 === null) {
    const town = capitalOf(gazetteer, country);
    return town?.featureType === "city" ? town : null;
  }
  const seat = gazetteer.seatOf(country, admin1);
  if (!seat) return null;
  const province = gazetteer.rank(admin1, { countries: [country] }).find((m) => m.featureType === "admin1" && m.country === country && m.name === admin1);
  return province ? { ...seat, province: { lat: province.lat, lon: province.lon } } : seat;
};

/**
 * Where ACLED puts an event the sources place only in a province: at the provincial capital, with geo-precision 3
 * (ACLED's codebook). Of acled-dev's 354 rows at precision 3 whose province we read, 268 lie within 10 km of its
 * capital and 103 of its centroid. A place known only to lie in a province (a village the gazetteer lacks, placed
 * at the province's point with its precision) is put there too: towns crowd around a capital more than around a
 * province's centre (on acled-dev's 1-in-7 samples, 23 rows more within 50 km and 11 fewer than at the centre).
 * An event the sources place only in a country is put at its capital in the same way (ACLED codes no event at a
 * country's middle, and a country's news gathers where its government sits: of the rows of acled-dev's 1-in-7
 * samples whose event we place only in a country, 66 of 233 lie within 50 km of the capital, 36 of the centroid).
 * Any other place stays where it is; so does a province or country whose capital we lack.
 */
export function acledPoint(
  place: { name: string; country: string | null; featureType: string; lat: number; lon: number; precision?: number; admin1?: string | null },
  seatOf?: ProvinceSeat,
): { location: string; lat: number; lon: number } {
  let seat: ReturnType<ProvinceSeat> = null;
  if (place.country && seatOf && place.featureType === "admin1") seat = seatOf(place.country, place.name);
  else if (place.country && seatOf && place.featureType === "country") seat = seatOf(place.country, null);
  else if (place.country && seatOf && place.admin1 && (place.precision ?? 0) >= 3 && place.featureType !== "admin2" && place.featureType !== "region") {
    // (placed at the province's very point: a place known to lie in it, not a district with a point of its own)
    const inProvince = seatOf(place.country, place.admin1);
    if (inProvince?.province && inProvince.province.lat === place.lat && inProvince.province.lon === place.lon) seat = inProvince;
  }
  return seat ? { location: seat.name, lat: seat.lat, lon: seat.lon } : { location: place.name, lat: place.lat, lon: place.lon };
}

/**
 * ACLED's date rule: the day when it is known (1); the middle of the week when only the week is (2); the middle
 * of the month when only the month is (3). Anything coarser is not coded.
 */
export function acledDate(date: string | null, granularity: string | null): { date: string; precision: 1 | 2 | 3 } | null {
  const day = isoDay(date);
  if (!day) return null;
  if (granularity === "day") return { date: day, precision: 1 };
  if (granularity === "week") return { date: addDays(day, 3), precision: 2 };
  if (granularity === "month") return { date: `${day.slice(0, 7)}-15`, precision: 3 };
  return null;
}

/** a lower-case name ("gunmen", "militants") names nobody in particular */
const isGeneric = (name: string): boolean => !/\p{Lu}/u.test(name);

/**
 * The ACLED actor an entity stands for on one side of an event, or null when it is no actor at all (an outlet,
 * a person, a place). `country` is the incident's country: forces acting outside their own are external (8).
 */
export function acledActor(
  entity: Pick<Entity, "name" | "kind" | "country"> | null,
  name: string,
  side: "actor" | "target",
  country: CountryInfo | null,
  placeNames: ReadonlySet<string>,
): AcledActor | null {
  const where = country ? ` (${country.name})` : "";
  if (placeNames.has(name.toLowerCase())) return null;
  const kind = entity?.kind ?? "armed_group";
  const foreign = entity?.country && country && entity.country.toUpperCase() !== country.iso2;
  switch (kind) {
    case "media":
    case "person":
    case "other":
      return null;
    case "civilians":
      return { name: `Civilians${where}`, inter: 7 };
    case "country": {
      const of = countryInfo(entity?.country) ?? null;
      return { name: `Military Forces of ${of?.name ?? name}`, inter: foreign ? 8 : 1 };
    }
    case "military":
    case "government":
      return { name, inter: foreign ? 8 : 1 };
    case "armed_group":
      return isGeneric(name) ? { name: `Unidentified Armed Group${where}`, inter: 3 } : { name, inter: 2 };
    case "ngo":
    case "organization":
      // Aid workers or staff who are hit are civilians in ACLED's terms; acting, the organisation is "other".
      return side === "target" ? { name: `Civilians${where}`, inter: 7 } : { name, inter: 8 };
    case "igo":
      return { name, inter: 8 };
  }
}

function dedupe(actors: (AcledActor | null)[]): AcledActor[] {
  const seen = new Set<string>();
  return actors.filter((a): a is AcledActor => a !== null && !seen.has(a.name) && !!seen.add(a.name));
}

export interface AcledSides {
  actor1: AcledActor | null;
  assoc1: string[];
  actor2: AcledActor | null;
  assoc2: string[];
}

/** Both sides of an incident in ACLED's terms, with ACLED's conventions for protests, riots and unknown perpetrators. */
export function acledSides(record: IncidentRecord, eventType: string, country: CountryInfo | null): AcledSides {
  const where = country ? ` (${country.name})` : "";
  const map = (names: string[], side: "actor" | "target") =>
    dedupe(names.map((n) => acledActor(entityNamed(record, n), n, side, country, record.placeNames)));
  let actors = map(record.incident.actors, "actor");
  let targets = map(record.incident.targets, "target");
  const assocOfCrowd = (crowd: AcledActor): { actor1: AcledActor; assoc1: string[] } => ({
    actor1: crowd,
    assoc1: actors.filter((a) => a.inter !== 1 && a.inter !== 7).map((a) => a.name),
  });
  let crowd: { actor1: AcledActor; assoc1: string[] } | null = null;
  if (eventType === "Protests") crowd = assocOfCrowd({ name: `Protesters${where}`, inter: 6 });
  if (eventType === "Riots") crowd = assocOfCrowd({ name: `Rioters${where}`, inter: 5 });
  if (crowd) {
    // The crowd is actor 1; state forces that met it are actor 2.
    const state = actors.filter((a) => a.inter === 1);
    targets = dedupe([...state, ...targets]);
    actors = [crowd.actor1];
  }
  const violent = eventType === "Battles" || eventType === "Explosions/Remote violence" || eventType === "Violence against civilians";
  if (violent && actors.length === 0) actors = [{ name: `Unidentified Armed Group${where}`, inter: 3 }];
  const civiliansHit = eventType === "Violence against civilians" || /civilian/i.test(record.incident.victims ?? "");
  if (civiliansHit && targets.length === 0 && eventType !== "Battles") targets = [{ name: `Civilians${where}`, inter: 7 }];
  const [actor1 = null, ...moreActors] = actors;
  targets = targets.filter((t) => t.name !== actor1?.name);
  const [actor2 = null, ...moreTargets] = targets;
  return {
    actor1,
    assoc1: crowd ? crowd.assoc1 : moreActors.map((a) => a.name),
    actor2,
    assoc2: moreTargets.map((a) => a.name),
  };
}

export interface AcledOptions {
  /** unix seconds written in `timestamp` */
  timestamp: number;
  /** export incidents without an ACLED event type too (event_type left empty) */
  includeUncoded?: boolean;
  /** the capitals of provinces, where ACLED codes an event placed only in its province (`acledPoint`) */
  seatOf?: ProvinceSeat;
}

const unique = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== "")),
];

/** The ACLED row of an incident, or why ACLED would not code it. */
export function incidentToAcledRow(record: IncidentRecord, options: AcledOptions): AcledRow | { skip: string } {
  const { incident } = record;
  if (!incident.acled && !options.includeUncoded) return { skip: "no ACLED event type" };
  const when = acledDate(incident.date, incident.granularity);
  if (!when) return { skip: "date coarser than a month" };
  const place = incident.place;
  if (!place || place.lat === null || place.lon === null || !place.country) return { skip: "no located place" };
  const country = countryInfo(place.country);
  const eventType = incident.acled?.eventType ?? "";
  const subEventType = incident.acled?.subEventType ?? "";
  const sides = acledSides(record, eventType, country);
  const inter1: InterCode = sides.actor1?.inter ?? 0;
  const inter2: InterCode = sides.actor2?.inter ?? 0;
  const disorder = disorderType(eventType, subEventType);
  const featureType = record.place?.featureType ?? place.featureType;
  const point = acledPoint({ name: place.name, country: place.country, featureType, lat: place.lat, lon: place.lon, precision: place.precision, admin1: place.admin1 }, options.seatOf);
  return {
    event_id_cnty: `${country?.iso3 ?? place.country.toUpperCase()}${incident.id.replace(/^inc-/, "")}`,
    event_date: when.date,
    year: when.date.slice(0, 4),
    time_precision: String(when.precision),
    disorder_type: disorder,
    event_type: eventType,
    sub_event_type: subEventType,
    actor1: sides.actor1?.name ?? "",
    assoc_actor_1: sides.assoc1.join("; "),
    inter1: String(inter1),
    actor2: sides.actor2?.name ?? "",
    assoc_actor_2: sides.assoc2.join("; "),
    inter2: String(inter2),
    interaction: String(interaction(inter1, inter2)),
    civilian_targeting: disorder.startsWith("Political violence") && inter2 === 7 ? "Civilian targeting" : "",
    iso: country?.isoNumeric !== null && country?.isoNumeric !== undefined ? String(country.isoNumeric) : "",
    region: country?.acledRegion ?? "",
    country: country?.name ?? "",
    admin1: place.admin1 ?? (featureType === "admin1" ? place.name : ""),
    admin2: featureType === "admin2" ? place.name : "",
    admin3: "",
    location: point.location,
    latitude: String(point.lat),
    longitude: String(point.lon),
    geo_precision: String(acledGeoPrecision(place.precision)),
    source: unique(incident.sources.map((s) => s.outlet)).join("; "),
    source_scale: "",
    notes: incident.summary,
    fatalities: String(incident.killed?.best ?? 0),
    tags: "",
    timestamp: String(options.timestamp),
  };
}
