/**
 * The tables as Kysely sees them. JSON columns are TEXT in both dialects (parsed in rows.ts); booleans are 0/1.
 * The full-text index is dialect-specific (FTS5 table / tsvector column) and is not part of this interface.
 */
import type { Generated, Insertable, Selectable } from "kysely";

export interface ArticlesTable {
  id: string;
  title: string | null;
  /** as given: ISO date or date-time */
  published: string | null;
  /** its first ten characters, for date-range filters */
  published_day: string | null;
  url: string | null;
  outlet: string | null;
  origin: string | null;
  language: string;
  /** JSON string[] */
  agencies: string;
  text: string;
  /** the whole `sitrep/1` report, JSON */
  report: string;
  event_count: number;
  ingested_at: string;
}

/** One row per distinct actor name across articles: the actor filter scans these few rows, then joins. */
export interface ActorsTable {
  /** the lower-cased name */
  key: string;
  name: string;
}

export interface EntitiesTable {
  article_id: string;
  entity_key: string;
  actor_key: string;
  kind: string;
  country: string | null;
}

export interface PlacesTable {
  article_id: string;
  place_key: string;
  name: string;
  geoname_id: number | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  feature_type: string;
  precision: number;
}

export interface QuotesTable {
  article_id: string;
  idx: number;
  text: string;
  speaker_name: string | null;
  speaker_text: string | null;
  cue: string | null;
  /** JSON Span[] */
  evidence: string;
  confidence: number;
}

/** Columns a place and a date take, shared by events and incidents. */
interface PlaceAndDateColumns {
  date_start: string | null;
  date_end: string | null;
  granularity: string | null;
  place_name: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  feature_type: string | null;
  precision: number | null;
  killed_low: number | null;
  killed_best: number | null;
  killed_high: number | null;
  injured_low: number | null;
  injured_best: number | null;
  injured_high: number | null;
  victims: string | null;
}

export interface EventsTable extends PlaceAndDateColumns {
  /** `<articleId>:<eventId>` */
  id: string;
  article_id: string;
  event_key: string;
  incident_id: string | null;
  /** the merge score with which it joined its incident; null for the event that founded it */
  match_score: number | null;
  type: string;
  mode: string | null;
  acled_event_type: string | null;
  acled_sub_event_type: string | null;
  date_source: string | null;
  /** JSON ActorRef[] */
  actors: string;
  targets: string;
  attribution_status: string;
  /** JSON string[] of names */
  attribution_candidates: string;
  negated: number;
  hypothetical: number;
  confidence: number;
  /** JSON Span[] */
  evidence: string;
  outlet: string | null;
  published_day: string | null;
  /** `TYPE|CC`: the block it is clustered in; null for events that join no incident (negated, hypothetical...) */
  block: string | null;
  /** 0 a day or two (or undated), 1 up to a month, 2 longer: which candidate query can find it */
  date_width: number | null;
  /** the link component it belongs to (see incidents/cluster.ts); null while it waits to be clustered */
  cluster_id: string | null;
  /** JSON `{ participants, setting, lede }` of the event's profile (incidents/profile.ts); null for older rows */
  frame: string | null;
}

export interface EventActorsTable {
  event_id: string;
  actor_key: string;
  /** "actor" | "target" */
  role: string;
}

export interface IncidentsTable extends PlaceAndDateColumns {
  id: string;
  type: string;
  mode: string | null;
  acled_event_type: string | null;
  acled_sub_event_type: string | null;
  /** JSON string[] */
  actors: string;
  targets: string;
  attribution_status: string;
  attribution_candidates: string;
  source_count: number;
  summary: string;
  /** the newest source's publication day (a function of the members, so that a re-cluster reproduces it) */
  updated_at: string;
  /** 1 when its dates span more than LONG_SPAN_DAYS: date-range filters look further back for these few */
  long_span: Generated<number>;
}

/** Incidents per first day, PLOVER type and country ("" for none): the timeline and facets read these few rows. */
export interface IncidentDaysTable {
  day: string;
  type: string;
  country: string;
  n: number;
}

/** incident_days summed over countries, kept by triggers on incident_days (migrations/2026-12-07-read-path.ts). */
export interface IncidentDayTypesTable {
  day: string;
  type: string;
  n: number;
}

/** Incidents per PLOVER type and country ("" for none), dated or not: incident_days summed, plus the undated. */
export interface IncidentTotalsTable {
  type: string;
  country: string;
  n: number;
}

/** How many incidents name each actor as an actor (not a target): the facets' top actors. */
export interface ActorCountsTable {
  actor_key: string;
  n: number;
}

/** Items an ingest could not store: the run went on without them. */
export interface IngestErrorsTable {
  id: Generated<number>;
  at: string;
  /** the file or feed it came from */
  source: string;
  /** the item within it (a line, a row, an article id), when there is one */
  item: string | null;
  reason: string;
}

export interface IncidentActorsTable {
  incident_id: string;
  actor_key: string;
  role: string;
}

/** An analyst's flag on an incident (a wrong merge) or on one of its facts; see migrations/2026-12-06-flags.ts. */
export interface FlagsTable {
  id: string;
  incident_id: string;
  /** the source event a wrong-merge flag points at, when one source does not belong */
  event_id: string | null;
  /** "wrong-merge" | "wrong-fact" */
  kind: string;
  /** the fact in question for a wrong-fact flag: "date", "place", "killed", ... */
  field: string | null;
  note: string;
  /** what the analyst believes is right, as they wrote it */
  suggested: string | null;
  /** JSON: the machine's value when the flag was raised */
  machine_value: string;
  author: string;
  created_at: string;
}

/** A watched feed's state between polls and restarts; see migrations/2026-12-06-watch-feeds.ts. */
export interface FeedsTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  /** consecutive failed polls */
  failures: number;
  /** when to poll next, ms since the epoch, as a decimal string */
  next_at: string;
  last_polled_at: string | null;
  /** "changed" | "not-modified" | "failed" */
  last_status: string | null;
}

/** An item of a watched feed that is stored (or was found stored): its guid, else its link. */
export interface FeedItemsTable {
  feed_url: string;
  item_key: string;
  stored_at: string;
}

export interface Database {
  articles: ArticlesTable;
  actors: ActorsTable;
  entities: EntitiesTable;
  places: PlacesTable;
  quotes: QuotesTable;
  events: EventsTable;
  event_actors: EventActorsTable;
  incidents: IncidentsTable;
  incident_actors: IncidentActorsTable;
  incident_days: IncidentDaysTable;
  incident_totals: IncidentTotalsTable;
  incident_day_types: IncidentDayTypesTable;
  actor_counts: ActorCountsTable;
  ingest_errors: IngestErrorsTable;
  flags: FlagsTable;
  feeds: FeedsTable;
  feed_items: FeedItemsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type IncidentRow = Selectable<IncidentsTable>;
export type NewIncident = Insertable<IncidentsTable>;
