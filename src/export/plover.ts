/**
 * PLOVER records in POLECAT's shape (POLECAT is PLOVER's production dataset): one JSON object per incident
 * with the event type and mode, the quad class, actor and recipient with country and sector, the place with
 * its GeoNames id, and the stories it came from. Keys are POLECAT's column names in snake_case; where POLECAT
 * joins several values with semicolons, arrays are written.
 */
import type { PloverType } from "../report.js";
import type { Flag } from "../store/flags.js";
import { countryInfo } from "./countries.js";
import { exportedFlags, type ExportedFlag } from "./flags.js";
import { entityNamed, isoDay, type IncidentRecord } from "./sources.js";

/** PLOVER's quad classes, as CAMEO's: talk and deeds, cooperation and conflict. */
export const QUAD_CLASS: Record<PloverType, "Verbal Cooperation" | "Material Cooperation" | "Verbal Conflict" | "Material Conflict"> = {
  AGREE: "Verbal Cooperation", CONSULT: "Verbal Cooperation", SUPPORT: "Verbal Cooperation", CONCEDE: "Verbal Cooperation",
  REQUEST: "Verbal Cooperation",
  COOPERATE: "Material Cooperation", AID: "Material Cooperation", RETREAT: "Material Cooperation",
  ACCUSE: "Verbal Conflict", REJECT: "Verbal Conflict", THREATEN: "Verbal Conflict",
  PROTEST: "Material Conflict", SANCTION: "Material Conflict", MOBILIZE: "Material Conflict", COERCE: "Material Conflict",
  ASSAULT: "Material Conflict",
};

/** Entity kinds as POLECAT's actor sectors. */
const SECTOR: Record<string, string> = {
  military: "Military", government: "Government", country: "Government", armed_group: "Rebel/Insurgent",
  civilians: "Civilian", media: "Media", igo: "International Organization", ngo: "NGO", organization: "Business",
  person: "Person", other: "Other",
};

export interface PloverActor {
  name: string;
  country: string | null;
  sector: string | null;
}

export interface PloverRecord {
  event_id: string;
  event_date: string | null;
  /** day, week, month or year: how much of event_date the sources state */
  event_date_precision: string | null;
  event_type: PloverType;
  event_mode: string | null;
  quad_code: string;
  contexts: string[];
  actors: PloverActor[];
  recipients: PloverActor[];
  placename: string | null;
  feature_type: string | null;
  province: string | null;
  country: string | null;
  country_iso2: string | null;
  latitude: number | null;
  longitude: number | null;
  geonames_id: number | null;
  fatalities: { low: number; best: number; high: number | null } | null;
  injuries: { low: number; best: number; high: number | null } | null;
  acled_event_type: string | null;
  acled_sub_event_type: string | null;
  summary: string;
  stories: { story_id: string; headline: string | null; publisher: string | null; url: string | null; publication_date: string | null }[];
  /** sitrep's addition: the analysts' flags on the incident; the values above are the machine's */
  flags: ExportedFlag[];
}

export function incidentToPlover(record: IncidentRecord, flags: readonly Flag[] = []): PloverRecord {
  const { incident } = record;
  const actor = (name: string): PloverActor => {
    const e = entityNamed(record, name);
    return { name, country: e?.country ?? null, sector: e ? SECTOR[e.kind] ?? null : null };
  };
  const contexts = [...new Set(record.events.map((e) => e.event?.category).filter((c): c is NonNullable<typeof c> => !!c))];
  const place = incident.place;
  return {
    event_id: incident.id,
    event_date: isoDay(incident.date),
    event_date_precision: incident.granularity,
    event_type: incident.type,
    event_mode: incident.mode,
    quad_code: QUAD_CLASS[incident.type],
    contexts,
    actors: incident.actors.map(actor),
    recipients: incident.targets.map(actor),
    placename: place?.name ?? null,
    feature_type: record.place?.featureType ?? place?.featureType ?? null,
    province: place?.admin1 ?? null,
    country: countryInfo(place?.country)?.name ?? null,
    country_iso2: place?.country ?? null,
    latitude: place?.lat ?? null,
    longitude: place?.lon ?? null,
    geonames_id: record.place?.geonameId ?? null,
    fatalities: incident.killed,
    injuries: incident.injured,
    acled_event_type: incident.acled?.eventType ?? null,
    acled_sub_event_type: incident.acled?.subEventType ?? null,
    summary: incident.summary,
    stories: incident.sources.map((s) => ({
      story_id: s.articleId, headline: s.title, publisher: s.outlet, url: s.url, publication_date: s.published,
    })),
    flags: exportedFlags(flags),
  };
}
