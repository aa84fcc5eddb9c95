/**
 * An incident with what its source reports say about it: the entities behind its actor names (their kinds
 * decide ACLED's inter codes and UCDP's violence type), the gazetteer place behind its location (GeoNames id,
 * feature type), and every place name the sources mention (so a town never passes for an actor).
 */
import type { Entity, Event, Place, Report } from "../report.js";
import type { IncidentDetail, IncidentSource, SitrepStore } from "../store/types.js";

export { addDays } from "../incidents/dates.js";

export interface SourceEvent {
  source: IncidentSource;
  event: Event | null;
  actors: Entity[];
  targets: Entity[];
  place: Place | null;
}

export interface IncidentRecord {
  incident: IncidentDetail;
  events: SourceEvent[];
  /** the gazetteer entry of the incident's place, from the first source that placed it there */
  place: Place | null;
  /** entities of the sources by lower-cased name and alias */
  entityByName: Map<string, Entity>;
  /** lower-cased names of every place the sources mention */
  placeNames: Set<string>;
}

/** Reads each source article once per export, keeping the last few: an incident's sources are read together. */
export class ReportCache {
  private readonly reports = new Map<string, Report | null>();
  constructor(private readonly store: SitrepStore, private readonly capacity = 64) {}

  async get(articleId: string): Promise<Report | null> {
    if (this.reports.has(articleId)) return this.reports.get(articleId) ?? null;
    const report = await this.store.getArticle(articleId);
    if (this.reports.size >= this.capacity) this.reports.delete(this.reports.keys().next().value as string);
    this.reports.set(articleId, report);
    return report;
  }
}

/** The stored event id is `<articleId>:<event id in the report>`. */
function eventKeyOf(source: IncidentSource): string {
  const prefix = `${source.articleId}:`;
  return source.eventId.startsWith(prefix) ? source.eventId.slice(prefix.length) : source.eventId;
}

export async function incidentRecord(incident: IncidentDetail, reports: ReportCache): Promise<IncidentRecord> {
  const events: SourceEvent[] = [];
  const entityByName = new Map<string, Entity>();
  const placeNames = new Set<string>();
  for (const source of incident.sources) {
    const report = await reports.get(source.articleId);
    if (!report) {
      events.push({ source, event: null, actors: [], targets: [], place: null });
      continue;
    }
    const entities = new Map(report.entities.map((e) => [e.id, e]));
    for (const e of report.entities) {
      for (const name of [e.name, ...e.aliases]) if (!entityByName.has(name.toLowerCase())) entityByName.set(name.toLowerCase(), e);
    }
    for (const p of report.places) placeNames.add(p.name.toLowerCase());
    const key = eventKeyOf(source);
    const event = report.events.find((e) => e.id === key) ?? null;
    const pick = (ids: string[]): Entity[] => ids.map((id) => entities.get(id)).filter((e): e is Entity => e !== undefined);
    events.push({
      source,
      event,
      actors: pick(event?.actors ?? []),
      targets: pick(event?.targets ?? []),
      place: event?.place ? report.places.find((p) => p.id === event.place) ?? null : null,
    });
  }
  const name = incident.place?.name;
  const place = name ? events.find((e) => e.place?.name === name)?.place ?? null : null;
  if (name) placeNames.add(name.toLowerCase());
  return { incident, events, place, entityByName, placeNames };
}

/** The entity behind an incident's actor or target name, when a source names it. */
export function entityNamed(record: IncidentRecord, name: string): Entity | null {
  return record.entityByName.get(name.toLowerCase()) ?? null;
}

/** The first ten characters of an ISO date, or null. */
export function isoDay(value: string | null): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  return null;
}

export function lastDayOfMonth(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}
