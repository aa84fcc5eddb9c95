/**
 * The `sitrep/1` report: the public contract (see docs/report-format.md).
 * Add fields freely; renaming or removing one means bumping `schema` to `sitrep/2`.
 */

export const SCHEMA = "sitrep/1" as const;

/** A half-open character range `[start, end)` into `article.text`, with the words it covers. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export type EntityKind =
  | "person" | "organization" | "armed_group" | "government" | "military" | "media"
  | "igo" | "ngo" | "civilians" | "country" | "other";

/** One real-world actor with all its mentions merged (IS = ISIS = Islamic State). */
export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  roles: string[];
  country: string | null;
  affiliations: string[];
  mentions: Span[];
}

export type FeatureType = "country" | "admin1" | "admin2" | "city" | "region" | "landmark" | "other";

/** 1 town/point, 2 near a town or small region, 3 admin area or large region, 4 country. */
export type Precision = 1 | 2 | 3 | 4;

export interface Place {
  id: string;
  name: string;
  geonameId: number | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  featureType: FeatureType;
  precision: Precision;
  mentions: Span[];
  /** added field: which part decided this place (see `PlaceDecider`) */
  decidedBy?: PlaceDecider;
  /** added field: that part's confidence, 0..1 (the ranker's probability of its reading among the candidates) */
  score?: number;
}

/**
 * Who decided a place: `ranker` (the learned choice among the gazetteer's readings), `demonym` (a demonym's
 * country or region), `landmark` (a site's own entry), `inside-name` (the place named inside a longer name),
 * `organisation-seat`, `container` (placed at the point of the area the text puts it in: "X, Y", "X in Y"),
 * `sentence-area` (a village or town the gazetteer lacks, placed at the one province or district its sentence
 * names), `same-name` (another mention of the name decided it: one name, one place), `pair` (read with the name next to
 * it), `state-building`, `home-reading` (the name's reading in the area the text puts it in, or in the country the
 * article is about, over a small namesake elsewhere), `unlocated` (a place name nothing could place).
 */
export type PlaceDecider = "ranker" | "demonym" | "landmark" | "inside-name" | "organisation-seat" | "container" | "sentence-area" | "same-name" | "pair" | "state-building" | "home-reading" | "unlocated";

export type Granularity = "day" | "week" | "month" | "year" | "other";

export interface TimeRef {
  id: string;
  value: string;
  granularity: Granularity;
  anchoredTo: "published" | "absolute" | "other";
  mentions: Span[];
}

export interface Quote {
  text: string;
  evidence: Span[];
  speaker: string | null;
  speakerText: string | null;
  cue: string | null;
  confidence: number;
  /** added in sitrep/1: "named" (an entity mention), "pronoun" (resolved to an entity), "unnamed" ("a police spokesman", or a pronoun with no clear antecedent), "none" */
  speakerKind?: SpeakerKind;
  /** added: what chose the speaker ("speaker-model"), and for a resolved pronoun how its antecedent was found */
  decidedBy?: string;
  /** added: the model's score of the chosen candidate */
  score?: number;
  /** added: the best-ranked candidates with their scores, the trace of the decision */
  speakerCandidates?: SpeakerCandidateTrace[];
}

export type SpeakerKind = "named" | "pronoun" | "unnamed" | "none";

export interface SpeakerCandidateTrace {
  text: string;
  /** entity, pronoun, nominal, name, previous (the previous quote's speaker) or none */
  kind: string;
  speaker: string | null;
  score: number;
}

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];

export type EventCategory = "crime" | "natural_disaster" | "man_made_disaster" | "diplomacy" | "attribution";

/** ACLED convention: `best` is the most conservative figure reported; `high` is null when open-ended. */
export interface Count {
  low: number;
  best: number;
  high: number | null;
}

export interface Casualties {
  killed: Count | null;
  injured: Count | null;
  victims: string | null;
}

export interface Attribution {
  status: "stated" | "claimed" | "contested" | "unknown";
  candidates: string[];
}

export interface Event {
  id: string;
  type: PloverType;
  mode: string | null;
  acled: { eventType: string; subEventType: string } | null;
  category?: EventCategory;
  actors: string[];
  targets: string[];
  place: string | null;
  time: string | null;
  casualties: Casualties | null;
  attribution: Attribution;
  negated: boolean;
  hypothetical: boolean;
  /** an older happening the article recalls as context (a past attack, a trial's shooting years before): not news */
  background?: boolean;
  /** a statement about many happenings ("are killed every day", injury status, a title): no one happening */
  generic?: boolean;
  /** which decision made it a record, merged it or left it out, and its score (`--explain`) */
  decidedBy?: string;
  score?: number;
  evidence: Span[];
  confidence: number;
  /** why the type and roles are what they are (`sitrep extract --explain`): which model or rule, and its score */
  decisions?: EventDecisions;
}

export interface Decision {
  decidedBy: string;
  score: number;
}

export interface EventDecisions {
  type: Decision;
  actors?: Decision;
  targets?: Decision;
  /** how `place` was chosen: "sentence" or "sentence-model" (a place of the event's sentence), "paragraph" (of a
   *  sentence beside it) or "story" (the report's first place, where neither names one) */
  place?: Decision;
}

export interface Amount {
  value: number;
  currency: string;
  alternatives: { value: number; currency: string }[];
  purpose: string | null;
  donor: string | null;
  recipient: string | null;
  evidence: Span[];
}

export interface Article {
  id: string;
  title: string | null;
  published: string | null;
  url?: string;
  outlet?: string;
  credits: {
    authors: string[];
    agencies: string[];
    /** the credited people with what they did ("reporter", "editor"), when the credit line says */
    contributors?: { name: string; role: string }[];
  };
  /** "DUMAGUETE CITY (Wire) --": where the report was filed from, as written, when it opens with a dateline */
  dateline?: string;
  subheads: string[];
  related: string[];
  language: string;
  text: string;
}

export interface Report {
  schema: typeof SCHEMA;
  article: Article;
  entities: Entity[];
  places: Place[];
  times: TimeRef[];
  quotes: Quote[];
  events: Event[];
  amounts: Amount[];
  warnings: string[];
}
