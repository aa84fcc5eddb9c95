/** Between rows and the contract's shapes: JSON columns parsed, flat columns grouped, 0/1 made booleans. */
import type { Count, Granularity, PloverType } from "../report.js";
import type { ActorRef, EventFrame, EventProfile } from "../incidents/index.js";
import type { EventRow, IncidentRow } from "./schema.js";
import type { IncidentPlace, IncidentSummary, StoredEvent } from "./types.js";

interface CountColumns {
  low: number | null;
  best: number | null;
  high: number | null;
}

export function countFrom(c: CountColumns): Count | null {
  if (c.best === null || c.low === null) return null;
  return { low: Number(c.low), best: Number(c.best), high: c.high === null ? null : Number(c.high) };
}

type PlaceColumns = Pick<EventRow, "place_name" | "lat" | "lon" | "country" | "admin1" | "feature_type" | "precision">;

export function placeFrom(r: PlaceColumns): IncidentPlace | null {
  if (r.place_name === null) return null;
  return {
    name: r.place_name,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    country: r.country,
    admin1: r.admin1,
    featureType: r.feature_type ?? "other",
    precision: (r.precision ?? 4) as 1 | 2 | 3 | 4,
  };
}

function acledFrom(eventType: string | null, subEventType: string | null) {
  return eventType && subEventType ? { eventType, subEventType } : null;
}

export function actorRefsFrom(json: string): ActorRef[] {
  return JSON.parse(json) as ActorRef[];
}

/** The frame of a stored event (see eventFrame): absent (not empty) for rows stored before frames were kept. */
function frameFrom(json: string | null): Partial<EventFrame> {
  if (!json) return {};
  return JSON.parse(json) as Partial<EventFrame>;
}

/** The columns of an event row that its profile and its clustering state are made of (see PROFILE_COLUMNS). */
export type ProfileRow = Omit<EventRow, "evidence" | "negated" | "hypothetical" | "confidence">;

/**
 * The columns of ProfileRow, quoted, for the reads that build profiles: the evidence spans and the flags of an
 * event are not compared, and reading them cost the transfer and parsing of every candidate row.
 */
export const PROFILE_COLUMNS = Object.keys({
  // a record of every key, so that the compiler names any column of ProfileRow left out here
  id: 1, article_id: 1, event_key: 1, incident_id: 1, match_score: 1, type: 1, mode: 1, acled_event_type: 1, acled_sub_event_type: 1,
  date_start: 1, date_end: 1, granularity: 1, place_name: 1, lat: 1, lon: 1, country: 1, admin1: 1, feature_type: 1, precision: 1,
  killed_low: 1, killed_best: 1, killed_high: 1, injured_low: 1, injured_best: 1, injured_high: 1, victims: 1, date_source: 1,
  actors: 1, targets: 1, attribution_status: 1, attribution_candidates: 1, outlet: 1, published_day: 1, block: 1, date_width: 1,
  cluster_id: 1, frame: 1,
} satisfies Record<keyof ProfileRow, 1>) as readonly (keyof ProfileRow)[];

/** Rebuilds the merging profile of a stored event: what the incident matcher compares. */
export function profileFromRow(r: ProfileRow): EventProfile {
  // One literal, the frame's fields added after: a spread first made every profile a slow dictionary-mode object.
  const profile: EventProfile = {
    key: r.id,
    articleId: r.article_id,
    eventId: r.event_key,
    type: r.type as PloverType,
    mode: r.mode,
    acled: acledFrom(r.acled_event_type, r.acled_sub_event_type),
    start: r.date_start,
    end: r.date_end,
    granularity: r.granularity as Granularity | null,
    dateSource: r.date_source as EventProfile["dateSource"],
    place: placeFrom(r) as EventProfile["place"],
    actors: actorRefsFrom(r.actors),
    targets: actorRefsFrom(r.targets),
    attribution: {
      status: r.attribution_status as EventProfile["attribution"]["status"],
      candidates: JSON.parse(r.attribution_candidates) as string[],
    },
    killed: countFrom({ low: r.killed_low, best: r.killed_best, high: r.killed_high }),
    injured: countFrom({ low: r.injured_low, best: r.injured_best, high: r.injured_high }),
    victims: r.victims,
    outlet: r.outlet,
    published: r.published_day,
  };
  const frame = frameFrom(r.frame);
  for (const key in frame) (profile as unknown as Record<string, unknown>)[key] = (frame as Record<string, unknown>)[key];
  return profile;
}

export function storedEventFrom(r: EventRow): StoredEvent {
  return {
    id: r.id,
    articleId: r.article_id,
    incidentId: r.incident_id,
    type: r.type as PloverType,
    mode: r.mode,
    acled: acledFrom(r.acled_event_type, r.acled_sub_event_type),
    date: r.date_start,
    place: placeFrom(r),
    killed: countFrom({ low: r.killed_low, best: r.killed_best, high: r.killed_high }),
    injured: countFrom({ low: r.injured_low, best: r.injured_best, high: r.injured_high }),
    actors: actorRefsFrom(r.actors).map((a) => a.name),
    targets: actorRefsFrom(r.targets).map((a) => a.name),
  };
}

export function incidentSummaryFrom(r: IncidentRow): IncidentSummary {
  return {
    id: r.id,
    type: r.type as PloverType,
    mode: r.mode,
    acled: acledFrom(r.acled_event_type, r.acled_sub_event_type),
    date: r.date_start,
    granularity: r.granularity as Granularity | null,
    place: placeFrom(r),
    killed: countFrom({ low: r.killed_low, best: r.killed_best, high: r.killed_high }),
    injured: countFrom({ low: r.injured_low, best: r.injured_best, high: r.injured_high }),
    victims: r.victims,
    actors: JSON.parse(r.actors) as string[],
    targets: JSON.parse(r.targets) as string[],
    attribution: {
      status: r.attribution_status as IncidentSummary["attribution"]["status"],
      candidates: JSON.parse(r.attribution_candidates) as string[],
    },
    sourceCount: Number(r.source_count),
    summary: r.summary,
  };
}

/** The lower-cased key an actor name is stored and filtered under. */
export function actorKey(name: string): string {
  return name.normalize("NFC").trim().toLowerCase();
}
