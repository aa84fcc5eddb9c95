/**
 * Writing one article: its report, the normalised rows, and its events merged into incidents, all in one
 * transaction, so that a process killed at any instant leaves the article either wholly stored or absent.
 */
import type { Kysely, Transaction } from "kysely";
import type { Report } from "../report.js";
import {
  addDays, assignEvent, combineIncident, incidentIdFor, isIncidentWorthy, profileEvent,
  PUBLISHED_SLACK_DAYS, type EventProfile, type IncidentAggregate, type IncidentMembers,
} from "../incidents/index.js";
import type { Dialect } from "./db.js";
import { actorKey, countColumns, placeColumns, profileFromRow } from "./rows.js";
import type { Database, NewEvent, NewIncident } from "./schema.js";
import { indexArticleText } from "./sql-helpers.js";
import type { ArticleSource, SaveResult } from "./types.js";

/** At most this many incidents are compared with a new event: the nearest in time, after the indexed pre-filter. */
const MAX_CANDIDATE_EVENTS = 400;
/** Widest interval (days) a candidate's date may reach beyond the new event's, before the matcher decides. */
const CANDIDATE_WINDOW_DAYS = PUBLISHED_SLACK_DAYS;
/** The longest date interval (a month) a candidate event may cover and still be found by the indexed query. */
const MAX_CANDIDATE_SPAN_DAYS = 31;

type Tx = Transaction<Database>;

function now(): string {
  return new Date().toISOString();
}

async function upsertActors(trx: Tx, names: string[]): Promise<void> {
  const rows = [...new Map(names.map((n) => [actorKey(n), { key: actorKey(n), name: n.trim() }])).values()].filter((r) => r.key !== "");
  if (rows.length === 0) return;
  await trx.insertInto("actors").values(rows).onConflict((oc) => oc.column("key").doNothing()).execute();
}

function eventRow(p: EventProfile, report: Report): NewEvent {
  const event = report.events.find((e) => e.id === p.eventId)!;
  return {
    id: p.key,
    article_id: p.articleId,
    event_key: p.eventId,
    incident_id: null,
    match_score: null,
    type: p.type,
    mode: p.mode,
    acled_event_type: p.acled?.eventType ?? null,
    acled_sub_event_type: p.acled?.subEventType ?? null,
    date_start: p.start,
    date_end: p.end,
    granularity: p.granularity,
    date_source: p.dateSource,
    ...placeColumns(p.place),
    ...countColumns("killed", p.killed),
    ...countColumns("injured", p.injured),
    victims: p.victims,
    actors: JSON.stringify(p.actors),
    targets: JSON.stringify(p.targets),
    attribution_status: p.attribution.status,
    attribution_candidates: JSON.stringify(p.attribution.candidates),
    negated: event.negated ? 1 : 0,
    hypothetical: event.hypothetical ? 1 : 0,
    confidence: event.confidence,
    evidence: JSON.stringify(event.evidence),
    outlet: p.outlet,
    published_day: p.published,
  };
}

function incidentColumns(agg: IncidentAggregate): Omit<NewIncident, "id"> {
  return {
    type: agg.type,
    mode: agg.mode,
    acled_event_type: agg.acled?.eventType ?? null,
    acled_sub_event_type: agg.acled?.subEventType ?? null,
    date_start: agg.start,
    date_end: agg.end,
    granularity: agg.granularity,
    ...placeColumns(agg.place),
    ...countColumns("killed", agg.killed),
    ...countColumns("injured", agg.injured),
    victims: agg.victims,
    actors: JSON.stringify(agg.actors),
    targets: JSON.stringify(agg.targets),
    attribution_status: agg.attribution.status,
    attribution_candidates: JSON.stringify(agg.attribution.candidates),
    source_count: agg.sourceCount,
    summary: agg.summary,
    updated_at: now(),
  };
}

/**
 * Incidents a new event might join, found by an indexed query (same PLOVER type, dates within reach, no other
 * country), each with all its member events so the matcher sees the whole incident.
 */
async function candidateIncidents(trx: Tx, p: EventProfile): Promise<IncidentMembers[]> {
  let q = trx
    .selectFrom("events")
    .select("incident_id")
    .where("incident_id", "is not", null)
    .where("type", "=", p.type);
  if (p.start && p.end) {
    // Bounded on both sides so the (type, date_start) index scans a few weeks, not all history: a candidate must
    // start at most a month before this event (coarser, year-long candidates are not reached; they match poorly).
    q = q
      .where("date_start", ">=", addDays(p.start, -(MAX_CANDIDATE_SPAN_DAYS + CANDIDATE_WINDOW_DAYS)))
      .where("date_start", "<=", addDays(p.end, CANDIDATE_WINDOW_DAYS))
      .where("date_end", ">=", addDays(p.start, -CANDIDATE_WINDOW_DAYS));
  }
  if (p.place?.country) {
    const country = p.place.country;
    q = q.where((eb) => eb.or([eb("country", "=", country), eb("country", "is", null)]));
  }
  const hits = await q.orderBy("date_start", "desc").limit(MAX_CANDIDATE_EVENTS).execute();
  const ids = [...new Set(hits.map((h) => h.incident_id!))];
  if (ids.length === 0) return [];
  const members = await trx.selectFrom("events").selectAll().where("incident_id", "in", ids).execute();
  const byIncident = new Map<string, EventProfile[]>(ids.map((id) => [id, []]));
  for (const row of members) byIncident.get(row.incident_id!)!.push(profileFromRow(row));
  return ids.map((id) => ({ id, members: byIncident.get(id)! }));
}

async function writeIncident(trx: Tx, id: string, members: EventProfile[], isNew: boolean): Promise<void> {
  const agg = combineIncident(members);
  if (isNew) await trx.insertInto("incidents").values({ id, ...incidentColumns(agg) }).execute();
  else await trx.updateTable("incidents").set(incidentColumns(agg)).where("id", "=", id).execute();
  const roles = [
    ...agg.actors.map((name) => ({ name, role: "actor" })),
    ...agg.targets.map((name) => ({ name, role: "target" })),
  ].filter((r) => actorKey(r.name) !== "");
  await upsertActors(trx, roles.map((r) => r.name));
  await trx.deleteFrom("incident_actors").where("incident_id", "=", id).execute();
  const rows = [...new Map(roles.map((r) => [`${actorKey(r.name)}\u0000${r.role}`, { incident_id: id, actor_key: actorKey(r.name), role: r.role }])).values()];
  if (rows.length > 0) await trx.insertInto("incident_actors").values(rows).execute();
}

/** Joins the event to the best-matching incident or founds one; returns the incident id. */
async function mergeEvent(trx: Tx, p: EventProfile): Promise<string> {
  const candidates = await candidateIncidents(trx, p);
  const { incidentId, score } = assignEvent(p, candidates);
  if (incidentId) {
    await trx.updateTable("events").set({ incident_id: incidentId, match_score: score }).where("id", "=", p.key).execute();
    const members = candidates.find((c) => c.id === incidentId)!.members;
    await writeIncident(trx, incidentId, [...members, p], false);
    return incidentId;
  }
  const id = incidentIdFor(p.key);
  await writeIncident(trx, id, [p], true);
  await trx.updateTable("events").set({ incident_id: id }).where("id", "=", p.key).execute();
  return id;
}

/** Stores one report; a report whose article id is already stored writes nothing. */
export async function saveReport(db: Kysely<Database>, dialect: Dialect, report: Report, source: ArticleSource = {}): Promise<SaveResult> {
  const a = report.article;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("articles")
      .values({
        id: a.id,
        title: a.title,
        published: a.published,
        published_day: a.published ? a.published.slice(0, 10) : null,
        url: a.url ?? source.url ?? null,
        outlet: a.outlet ?? source.outlet ?? null,
        origin: source.origin ?? null,
        language: a.language,
        agencies: JSON.stringify(a.credits.agencies),
        text: a.text,
        report: JSON.stringify(report),
        event_count: report.events.length,
        ingested_at: now(),
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const rows = await trx.selectFrom("events").select("incident_id").where("article_id", "=", a.id).where("incident_id", "is not", null).execute();
      return { articleId: a.id, duplicate: true, incidentIds: [...new Set(rows.map((r) => r.incident_id!))] };
    }
    await indexArticleText(trx, dialect, a.id);

    const entityById = new Map(report.entities.map((e) => [e.id, e]));
    await upsertActors(trx, report.entities.map((e) => e.name));
    const entityRows = report.entities
      .filter((e) => actorKey(e.name) !== "")
      .map((e) => ({ article_id: a.id, entity_key: e.id, actor_key: actorKey(e.name), kind: e.kind, country: e.country }));
    if (entityRows.length > 0) await trx.insertInto("entities").values(entityRows).onConflict((oc) => oc.doNothing()).execute();
    if (report.places.length > 0) {
      await trx
        .insertInto("places")
        .values(report.places.map((p) => ({
          article_id: a.id, place_key: p.id, name: p.name, geoname_id: p.geonameId, lat: p.lat, lon: p.lon,
          country: p.country, admin1: p.admin1, feature_type: p.featureType, precision: p.precision,
        })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    if (report.quotes.length > 0) {
      await trx
        .insertInto("quotes")
        .values(report.quotes.map((q, idx) => ({
          article_id: a.id, idx, text: q.text, speaker_name: q.speaker ? entityById.get(q.speaker)?.name ?? null : null,
          speaker_text: q.speakerText, cue: q.cue, evidence: JSON.stringify(q.evidence), confidence: q.confidence,
        })))
        .execute();
    }

    const profiles = report.events.map((e) => profileEvent(report, e));
    for (const p of profiles) {
      await trx.insertInto("events").values(eventRow(p, report)).execute();
      const roles = [...p.actors.map((r) => ({ name: r.name, role: "actor" })), ...p.targets.map((r) => ({ name: r.name, role: "target" }))]
        .filter((r) => actorKey(r.name) !== "");
      await upsertActors(trx, roles.map((r) => r.name));
      const rows = [...new Map(roles.map((r) => [`${actorKey(r.name)}\u0000${r.role}`, { event_id: p.key, actor_key: actorKey(r.name), role: r.role }])).values()];
      if (rows.length > 0) await trx.insertInto("event_actors").values(rows).execute();
    }
    const incidentIds: string[] = [];
    for (const [i, p] of profiles.entries()) {
      if (!isIncidentWorthy(report.events[i])) continue;
      const id = await mergeEvent(trx, p);
      if (!incidentIds.includes(id)) incidentIds.push(id);
    }
    return { articleId: a.id, duplicate: false, incidentIds };
  });
}
