/**
 * GeoJSON (RFC 7946) features, one per incident. A point stands for where the incident is placed; when the
 * source only named a province or a country, `approximate` is true and `area` says the point is a centroid,
 * so no map reader mistakes it for the exact spot.
 */
import type { Flag } from "../store/flags.js";
import type { IncidentDetail } from "../store/types.js";
import { exportedFlags, type ExportedFlag } from "./flags.js";

export interface IncidentFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] } | null;
  properties: IncidentFeatureProperties;
}

export interface IncidentFeatureProperties {
  incident_id: string;
  summary: string;
  plover_type: string;
  plover_mode: string | null;
  event_type: string | null;
  sub_event_type: string | null;
  event_date: string | null;
  date_granularity: string | null;
  location: string | null;
  country_iso2: string | null;
  admin1: string | null;
  feature_type: string | null;
  geo_precision: number | null;
  /** the GeoNames id of the place, when the gazetteer entry has one */
  geonames_id: number | null;
  /** true when the place is an admin area, region or country: the point is not the exact spot */
  approximate: boolean;
  /** the kind of area the point stands for ("admin1", "country"), null for a town or point */
  area: string | null;
  fatalities: number | null;
  fatalities_low: number | null;
  fatalities_high: number | null;
  injured: number | null;
  victims: string | null;
  actors: string[];
  targets: string[];
  attribution_status: string;
  attribution_candidates: string[];
  source_count: number;
  sources: { outlet: string | null; title: string | null; url: string | null; published: string | null }[];
  /** the analysts' flags on the incident (who, when, what they hold wrong); the values above are the machine's */
  flags: ExportedFlag[];
}

const AREA_TYPES = new Set(["country", "admin1", "admin2", "region"]);

export function incidentToFeature(incident: IncidentDetail, geonameId: number | null = null, flags: readonly Flag[] = []): IncidentFeature {
  const place = incident.place;
  const approximate = place ? place.precision >= 3 || AREA_TYPES.has(place.featureType) : false;
  const hasPoint = place !== null && place.lat !== null && place.lon !== null;
  return {
    type: "Feature",
    id: incident.id,
    geometry: hasPoint ? { type: "Point", coordinates: [place.lon as number, place.lat as number] } : null,
    properties: {
      incident_id: incident.id,
      summary: incident.summary,
      plover_type: incident.type,
      plover_mode: incident.mode,
      event_type: incident.acled?.eventType ?? null,
      sub_event_type: incident.acled?.subEventType ?? null,
      event_date: incident.date,
      date_granularity: incident.granularity,
      location: place?.name ?? null,
      country_iso2: place?.country ?? null,
      admin1: place?.admin1 ?? null,
      feature_type: place?.featureType ?? null,
      geo_precision: place?.precision ?? null,
      geonames_id: geonameId,
      approximate,
      area: place && approximate ? place.featureType : null,
      fatalities: incident.killed?.best ?? null,
      fatalities_low: incident.killed?.low ?? null,
      fatalities_high: incident.killed?.high ?? null,
      injured: incident.injured?.best ?? null,
      victims: incident.victims,
      actors: incident.actors,
      targets: incident.targets,
      attribution_status: incident.attribution.status,
      attribution_candidates: incident.attribution.candidates,
      source_count: incident.sourceCount,
      sources: incident.sources.map((s) => ({ outlet: s.outlet, title: s.title, url: s.url, published: s.published })),
      flags: exportedFlags(flags),
    },
  };
}
