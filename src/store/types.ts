/**
 * The contract between the store (src/store), the API (src/api) and the dashboard (web/).
 * Both dialects (SQLite, PostgreSQL) implement `SitrepStore`; the API only talks to this interface.
 */
import type { Count, Granularity, PloverType, Report, Span } from "../report.js";

/** Where an article came from, as the ingest source gave it. */
export interface ArticleSource {
  url?: string;
  outlet?: string;
  /** file path or feed URL it was read from */
  origin?: string;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
  /** incidents and events: the cursor of the next page (pass it as `after`), absent on the last page */
  next?: string;
  /**
   * incidents: `total` is a lower bound, not an exact count (a text query alone matching more articles than are
   * counted exactly); absent when `total` is exact
   */
  totalAtLeast?: true;
}

/** Filters shared by incidents, events, timeline and export. Dates are inclusive ISO days. */
export interface QueryFilter {
  from?: string;
  to?: string;
  /** west, south, east, north in degrees */
  bbox?: [number, number, number, number];
  /** ISO 3166-1 alpha-2 */
  country?: string;
  /** matched against actor and target names, case-insensitive substring */
  actor?: string;
  /** PLOVER type ("ASSAULT") or ACLED event type ("Battles") or sub-event type ("Air/drone strike") */
  type?: string;
  /** full-text search over the article text */
  q?: string;
  limit?: number;
  offset?: number;
  /** keyset pagination (incidents, events): the `next` cursor of the page before; deep pages cost what the first does */
  after?: string;
}

export interface IncidentPlace {
  name: string;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  featureType: string;
  precision: 1 | 2 | 3 | 4;
}

/** One happening, merged across every source event that reported it. */
export interface IncidentSummary {
  id: string;
  type: PloverType;
  mode: string | null;
  acled: { eventType: string; subEventType: string } | null;
  /** first day of the happening, ISO */
  date: string | null;
  granularity: Granularity | null;
  place: IncidentPlace | null;
  /** UCDP convention across sources: low = lowest reported, best = most credible, high = highest */
  killed: Count | null;
  injured: Count | null;
  victims: string | null;
  actors: string[];
  targets: string[];
  attribution: { status: "stated" | "claimed" | "contested" | "unknown"; candidates: string[] };
  sourceCount: number;
  /** one line a person reads: "Air/drone strike in Al-Hasakah, 23 killed (civilians)" */
  summary: string;
}

/** One source event of an incident, with its own figures and the words that support it. */
export interface IncidentSource {
  eventId: string;
  articleId: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  agencies: string[];
  published: string | null;
  killed: Count | null;
  injured: Count | null;
  evidence: Span[];
  /** the sentence(s) around the evidence, for display */
  excerpt: string;
}

export interface IncidentDetail extends IncidentSummary {
  sources: IncidentSource[];
  quotes: { articleId: string; text: string; speaker: string | null; cue: string | null; evidence: Span[] }[];
}

export interface StoredEvent {
  id: string;
  articleId: string;
  incidentId: string | null;
  type: PloverType;
  mode: string | null;
  acled: { eventType: string; subEventType: string } | null;
  date: string | null;
  place: IncidentPlace | null;
  killed: Count | null;
  injured: Count | null;
  actors: string[];
  targets: string[];
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  language: string;
  eventCount: number;
}

export interface TimelineBucket {
  date: string;
  type: PloverType;
  count: number;
}

export interface Facets {
  countries: { code: string; count: number }[];
  types: { type: string; count: number }[];
  actors: { name: string; count: number }[];
  dateRange: { from: string | null; to: string | null };
}

export interface SaveResult {
  articleId: string;
  /** true when the same text was stored before: nothing was written */
  duplicate: boolean;
  /** incidents the article's events joined or created */
  incidentIds: string[];
}

/** An item an ingest could not store, kept in the store so that a long run's failures can be listed later. */
export interface IngestError {
  /** the file or feed it came from */
  source: string;
  /** the item within it (a line, a row, an article id), when there is one */
  item?: string | null;
  reason: string;
}

/** What `sitrep watch` keeps about a feed between polls and restarts. */
export interface StoredFeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  /** consecutive failed polls */
  failures: number;
  /** when to poll next, ms since the epoch */
  nextAt: number;
  /** ISO time of the last poll */
  lastPolledAt?: string;
  lastStatus?: "changed" | "not-modified" | "failed" | string;
}

export interface SitrepStore {
  readonly dialect: "sqlite" | "postgres";
  /** brings the schema up to date; safe to call on every start, and from two processes at once */
  migrate(): Promise<void>;
  saveReport(report: Report, source?: ArticleSource): Promise<SaveResult>;
  /** stores many reports in a few transactions; one result per item, in order */
  saveReports(items: { report: Report; source?: ArticleSource }[]): Promise<SaveResult[]>;
  /** removes an article and re-derives the incidents it was part of; false when it is not stored */
  deleteArticle(id: string): Promise<boolean>;
  /**
   * clusters every waiting event (one whose block another writer held, or that a killed process left) in the
   * blocks free now; returns how many events still wait (held by a writer that finishes them itself): the
   * incidents are final once this is 0 and no writer is running
   */
  finishIncidents(): Promise<number>;
  /** how many events wait to be clustered (a read only: see finishIncidents) */
  waitingEvents(): Promise<number>;
  /** rebuilds every incident from the stored events (see incidents/cluster.ts); returns how many there are */
  recluster(options?: { fromScratch?: boolean }): Promise<number>;
  recordIngestErrors(errors: IngestError[]): Promise<void>;
  /** the most recent recorded ingest errors, newest first */
  ingestErrors(limit?: number): Promise<(IngestError & { at: string })[]>;
  /** every incident with its members, as NDJSON in a fixed order: equal strings mean equal incidents */
  incidentSnapshot(): Promise<string>;
  hasArticle(id: string): Promise<boolean>;
  /** the ids of the incidents the events of these articles belong to now */
  incidentIdsOf(articleIds: string[]): Promise<Set<string>>;
  listIncidents(filter: QueryFilter): Promise<Page<IncidentSummary>>;
  getIncident(id: string): Promise<IncidentDetail | null>;
  listEvents(filter: QueryFilter): Promise<Page<StoredEvent>>;
  listArticles(filter: QueryFilter): Promise<Page<ArticleSummary>>;
  getArticle(id: string): Promise<Report | null>;
  timeline(filter: QueryFilter): Promise<TimelineBucket[]>;
  facets(): Promise<Facets>;
  /** a watched feed's state, null when it was never polled into this store */
  feedState(url: string): Promise<StoredFeedState | null>;
  saveFeedState(state: StoredFeedState): Promise<void>;
  /** which of these item keys (guid, else link) of a feed are stored */
  storedFeedItems(url: string, keys: string[]): Promise<Set<string>>;
  recordFeedItems(url: string, keys: string[]): Promise<void>;
  close(): Promise<void>;
}
