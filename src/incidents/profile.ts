/**
 * What incident merging knows about one event: its labels, a day interval, a place, actor names and figures,
 * taken out of a `sitrep/1` report so that matching never needs the report (or a database) again.
 */
import type { Count, EntityKind, Event, Granularity, Precision, PloverType, Report } from "../report.js";
import { remembered } from "./compat.js";
import { dayInterval } from "./dates.js";
import type { IncidentPlace } from "../store/types.js";

export interface ActorRef {
  name: string;
  aliases: string[];
  kind: EntityKind | null;
  country: string | null;
}

/** An event's place as incidents compare it: the store's incident place, one shape for both. */
export type ProfilePlace = IncidentPlace;

export interface EventProfile {
  /** unique across articles: `<articleId>:<eventId>` */
  key: string;
  articleId: string;
  eventId: string;
  type: PloverType;
  mode: string | null;
  acled: { eventType: string; subEventType: string } | null;
  /** first and last ISO day the event may have happened on, or null when nothing dates it */
  start: string | null;
  end: string | null;
  granularity: Granularity | null;
  /** "event": the text dates it; "published": only the article's publication date does */
  dateSource: "event" | "published" | null;
  place: ProfilePlace | null;
  actors: ActorRef[];
  targets: ActorRef[];
  attribution: { status: "stated" | "claimed" | "contested" | "unknown"; candidates: string[] };
  killed: Count | null;
  injured: Count | null;
  victims: string | null;
  outlet: string | null;
  published: string | null;
  /**
   * Named people and organisations told with the event: those in its evidence sentences and, for an event told in
   * the article's lead, those of the headline and lead. Optional: profiles rebuilt from older stores lack it.
   */
  participants?: ActorRef[];
  /**
   * For the article's lede, the towns and regions its headline and lead name: where the story is set, compared
   * when an event's own place is missing. Optional like `participants`.
   */
  setting?: ProfilePlace[];
  /** the article's lede: its first incident-worthy event, the happening the article is about. Optional. */
  lede?: boolean;
  /**
   * For the article's lede, what the whole article names: a story told by two outlets names many of the same people,
   * organisations, places and years, two similar happenings few. Optional like `participants`.
   */
  context?: ArticleContext;
}

/** The names an article mentions most, normalised (see `contextKey`), for the lede's profile. */
export interface ArticleContext {
  /** people and organisations (not the outlets), most mentioned first */
  names: string[];
  /** places */
  places: string[];
  /** four-digit years its dates fall in */
  years: string[];
  /** the country most of its place mentions are in, null when none */
  country: string | null;
}

/** How many names and places of an article its context keeps: the most mentioned ones. */
export const CONTEXT_NAMES = 40;
export const CONTEXT_PLACES = 20;
export const CONTEXT_YEARS = 8;

/** A name as contexts compare it: without accents, case and punctuation. */
export function contextKey(name: string): string {
  // remembered: every lede's context keys its article's names, and articles name the same people and places
  return remembered(contextKeyMemo, name, contextKeyOnce);
}

const contextKeyMemo = new Map<string, string>();

function contextKeyOnce(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** The most mentioned distinct keys, ties in first-seen order. */
function mostMentioned(items: { name: string; mentions: number }[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const { name, mentions } of items) {
    const key = contextKey(name);
    if (key !== "") counts.set(key, (counts.get(key) ?? 0) + mentions);
  }
  return [...counts].map(([key, n], i) => ({ key, n, i })).sort((x, y) => y.n - x.n || x.i - y.i).slice(0, limit).map((x) => x.key);
}

/** What the article names, for its lede: the people, organisations, places and years it mentions most. */
export function articleContext(report: Report): ArticleContext {
  const names = mostMentioned(report.entities.filter((e) => PARTICIPANT_KINDS.has(e.kind)).map((e) => ({ name: e.name, mentions: Math.max(1, e.mentions.length) })), CONTEXT_NAMES);
  const places = mostMentioned(report.places.map((p) => ({ name: p.name, mentions: Math.max(1, p.mentions.length) })), CONTEXT_PLACES);
  const years = mostMentioned(report.times.flatMap((t) => (/^\d{4}/.test(t.value) ? [{ name: t.value.slice(0, 4), mentions: Math.max(1, t.mentions.length) }] : [])), CONTEXT_YEARS);
  const byCountry = new Map<string, number>();
  for (const p of report.places) if (p.country) byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + Math.max(1, p.mentions.length));
  let country: string | null = null;
  for (const [c, n] of byCountry) if (country === null || n > byCountry.get(country)!) country = c;
  return { names, places, years, country };
}

/** Entity kinds that name who took part in a happening (not places, not the outlet reporting it). */
const PARTICIPANT_KINDS: ReadonlySet<EntityKind> = new Set(["person", "organization", "government", "military", "armed_group", "ngo", "igo"]);

/** The lead: the text up to the first paragraph break after this many characters (with the headline). */
export const LEAD_CHARS = 500;

function leadEnd(text: string): number {
  const cut = text.indexOf("\n", LEAD_CHARS);
  return cut < 0 ? text.length : cut;
}

/**
 * The event an article is about: its first incident-worthy event in the text (its headline and lead tell it).
 * Background mentions further down ("two days after the strike in Qamishli") are other happenings.
 */
export function ledeEvent(report: Report): Event | null {
  let lede: Event | null = null;
  let at = Number.POSITIVE_INFINITY;
  for (const e of report.events) {
    const start = e.evidence[0]?.start ?? Number.POSITIVE_INFINITY;
    if (isIncidentWorthy(e) && (lede === null || start < at)) {
      lede = e;
      at = start;
    }
  }
  return lede;
}

function profilePlace(place: Report["places"][number]): ProfilePlace {
  return {
    name: place.name,
    lat: place.lat,
    lon: place.lon,
    country: place.country,
    admin1: place.admin1,
    featureType: place.featureType,
    precision: place.precision,
  };
}

/** What profiling needs of a report once, whichever of its events is profiled: work stays linear in the report. */
interface ReportIndex {
  /** the report's entities by id (built once per report, not once per event) */
  entities: Map<string, Report["entities"][number]>;
  lede: Event | null;
  leadEnd: number;
  /** mentions of participant entities, by start offset, with the entity's position in the report */
  mentions: { start: number; end: number; entity: number }[];
}

const reportIndexes = new WeakMap<Report, ReportIndex>();

function indexReport(report: Report): ReportIndex {
  let index = reportIndexes.get(report);
  if (!index) {
    const mentions = report.entities.flatMap((e, entity) =>
      PARTICIPANT_KINDS.has(e.kind) ? e.mentions.map((m) => ({ start: m.start, end: m.end, entity })) : [],
    );
    mentions.sort((x, y) => x.start - y.start || x.entity - y.entity);
    index = { entities: new Map(report.entities.map((e) => [e.id, e])), lede: ledeEvent(report), leadEnd: leadEnd(report.article.text), mentions };
    reportIndexes.set(report, index);
  }
  return index;
}

/** The first mention starting at or after `offset` (binary search). */
function firstMentionFrom(mentions: ReportIndex["mentions"], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the article's lede is set: located towns and regions named in the headline or lead. */
export function eventSetting(report: Report, event: Event): ProfilePlace[] {
  const index = indexReport(report);
  if (index.lede !== event) return [];
  const title = report.article.title?.toLowerCase() ?? "";
  return report.places
    .filter((p) => p.precision <= 3 && p.lat !== null && p.lon !== null)
    .filter((p) => p.mentions.some((m) => m.start < index.leadEnd) || (title !== "" && title.includes(p.name.toLowerCase())))
    .map(profilePlace);
}

/** Who the sentences telling the event name (for the article's lede, its headline and lead too), by entity mentions. */
export function eventParticipants(report: Report, event: Event): ActorRef[] {
  const index = indexReport(report);
  const told = new Set<number>();
  for (const span of event.evidence) {
    for (let i = firstMentionFrom(index.mentions, span.start); i < index.mentions.length && index.mentions[i].start < span.end; i++) {
      if (index.mentions[i].end <= span.end) told.add(index.mentions[i].entity);
    }
  }
  if (index.lede === event) {
    for (let i = 0; i < index.mentions.length && index.mentions[i].start < index.leadEnd; i++) told.add(index.mentions[i].entity);
    const title = report.article.title?.toLowerCase() ?? "";
    if (title !== "") {
      report.entities.forEach((e, i) => {
        if (PARTICIPANT_KINDS.has(e.kind) && title.includes(e.name.toLowerCase())) told.add(i);
      });
    }
  }
  return [...told]
    .sort((x, y) => x - y)
    .map((i) => report.entities[i])
    .map((e) => ({ name: e.name, aliases: e.aliases, kind: e.kind, country: e.country }));
}

/** Events that say something did not happen, or might, or that recall an old or generic happening, found no incident. */
export function isIncidentWorthy(event: Event): boolean {
  return !event.negated && !event.hypothetical && event.background !== true && event.generic !== true;
}

/** One profile per event of the report, in report order (negated and hypothetical events included). */
export function profileEvents(report: Report): EventProfile[] {
  return report.events.map((event) => profileEvent(report, event));
}

export function profileEvent(report: Report, event: Event): EventProfile {
  const index = indexReport(report);
  const actorRef = (id: string): ActorRef => {
    const e = index.entities.get(id);
    // An id the report does not resolve is still a name: keep it rather than drop the actor.
    return e ? { name: e.name, aliases: e.aliases, kind: e.kind, country: e.country } : { name: id, aliases: [], kind: null, country: null };
  };
  // the event's own place: one taken from the story as a whole (a happening no sentence places) is the article's
  // setting, which two outlets name differently for one happening, not where the happening is said to be
  const ownPlace = event.decisions?.place?.decidedBy === "story" ? null : event.place;
  const place = ownPlace ? report.places.find((p) => p.id === ownPlace) ?? null : null;
  const time = event.time ? report.times.find((t) => t.id === event.time) ?? null : null;
  const published = report.article.published ? report.article.published.slice(0, 10) : null;

  let start: string | null = null;
  let end: string | null = null;
  let granularity: Granularity | null = null;
  let dateSource: EventProfile["dateSource"] = null;
  const fromText = time ? dayInterval(time.value) : null;
  if (time && fromText) {
    [start, end] = fromText;
    granularity = time.granularity;
    dateSource = "event";
  } else if (published && dayInterval(published)) {
    start = end = published;
    granularity = "day";
    dateSource = "published";
  }

  return {
    key: `${report.article.id}:${event.id}`,
    articleId: report.article.id,
    eventId: event.id,
    type: event.type,
    mode: event.mode,
    acled: event.acled,
    start,
    end,
    granularity,
    dateSource,
    place: place ? profilePlace(place) : null,
    actors: event.actors.map(actorRef),
    targets: event.targets.map(actorRef),
    attribution: {
      status: event.attribution.status,
      candidates: event.attribution.candidates.map((id) => actorRef(id).name),
    },
    killed: event.casualties?.killed ?? null,
    injured: event.casualties?.injured ?? null,
    victims: event.casualties?.victims ?? null,
    outlet: report.article.outlet ?? null,
    published,
    participants: eventParticipants(report, event),
    setting: eventSetting(report, event),
    lede: index.lede === event,
    ...(index.lede === event ? { context: articleContext(report) } : {}),
  };
}

/** The parts of a profile the store keeps beside an event's row (its frame), to rebuild the profile as matched. */
export type EventFrame = Pick<EventProfile, "participants" | "setting" | "lede" | "context">;

/** An event's frame as the store should keep it: everything profileFromRow cannot rebuild from the row's columns. */
export function eventFrame(p: EventProfile): EventFrame {
  return { participants: p.participants ?? [], setting: p.setting ?? [], lede: p.lede ?? false, ...(p.context ? { context: p.context } : {}) };
}
