/**
 * Writing articles, many per transaction: the reports and their normalised rows go in through prepared statements
 * (SQLite) or one statement per table (PostgreSQL; see ./bulk.ts), then every block (type, country) the new events
 * land in is re-clustered under a lock of its own (see ./clustering.ts). An article whose rows are stored but whose events still
 * wait to be clustered (a process killed in between) is finished by the next save of the same article.
 */
import type { Report } from "../report.js";
import { blockOf, dateWidth, eventFrame, joinsIncidents, profileEvent, type EventProfile } from "../incidents/index.js";
import { blocksWaitingOf, clusterDirtyBlocks, clusterFresh, clusterWaiting, incidentIdsOfArticles } from "./clustering.js";
import { actorKey } from "./rows.js";
import { sanitiseReport } from "./sanitise.js";
import type { NewEvent } from "./schema.js";
import { inTransaction, insertRows, Raw, roleRows, upsertActors, type Row, type WriteDb } from "./bulk.js";
import { indexArticleTexts } from "./sql-helpers.js";
import type { ArticleSource, SaveResult } from "./types.js";

export interface SaveItem {
  report: Report;
  source?: ArticleSource;
}

function now(): string {
  return new Date().toISOString();
}

function eventRow(p: EventProfile, report: Report, index: number): NewEvent {
  const event = report.events[index];
  const joins = joinsIncidents(event);
  return {
    id: p.key,
    article_id: p.articleId,
    event_key: p.eventId,
    incident_id: null,
    match_score: null,
    // the columns events share with incidents (schema.ts), written out: one literal, where a spread plus the other
    // fields cost several times more
    type: p.type,
    mode: p.mode,
    acled_event_type: p.acled?.eventType ?? null,
    acled_sub_event_type: p.acled?.subEventType ?? null,
    date_start: p.start,
    date_end: p.end,
    granularity: p.granularity,
    place_name: p.place?.name ?? null,
    lat: p.place?.lat ?? null,
    lon: p.place?.lon ?? null,
    country: p.place?.country ?? null,
    admin1: p.place?.admin1 ?? null,
    feature_type: p.place?.featureType ?? null,
    precision: p.place?.precision ?? null,
    killed_low: p.killed?.low ?? null,
    killed_best: p.killed?.best ?? null,
    killed_high: p.killed?.high ?? null,
    injured_low: p.injured?.low ?? null,
    injured_best: p.injured?.best ?? null,
    injured_high: p.injured?.high ?? null,
    victims: p.victims,
    date_source: p.dateSource,
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
    block: joins ? blockOf(p) : null,
    date_width: joins ? dateWidth(p) : null,
    cluster_id: null,
    frame: JSON.stringify(eventFrame(p)),
  };
}

/** What one article writes besides its own row, built from its report alone. */
interface PreparedArticle {
  report: Report;
  profiles: EventProfile[];
  /** its events' rows, in report order (waiting: no incident yet) */
  events: NewEvent[];
  /** each event's event_actors rows, in report order */
  roles: Row[][];
  /** every actor name it mentions (entities, the events' actors and targets) */
  names: string[];
  entities: Row[];
  places: Row[];
  quotes: Row[];
}

function prepareArticle(report: Report): PreparedArticle {
  const id = report.article.id;
  const profiles = report.events.map((e) => profileEvent(report, e));
  const entityById = new Map(report.entities.map((e) => [e.id, e]));
  return {
    report,
    profiles,
    events: profiles.map((p, j) => eventRow(p, report, j)),
    roles: profiles.map((p) => roleRows("event_id", p.key, p.actors.map((r) => r.name), p.targets.map((r) => r.name))),
    names: [...report.entities.map((e) => e.name), ...profiles.flatMap((p) => [...p.actors, ...p.targets].map((r) => r.name))],
    entities: report.entities.flatMap((e) => {
      const key = actorKey(e.name);
      return key === "" ? [] : [{ article_id: id, entity_key: e.id, actor_key: key, kind: e.kind, country: e.country }];
    }),
    places: report.places.map((p) => ({
      article_id: id, place_key: p.id, name: p.name, geoname_id: p.geonameId, lat: p.lat, lon: p.lon,
      country: p.country, admin1: p.admin1, feature_type: p.featureType, precision: p.precision,
    })),
    quotes: report.quotes.map((q, idx) => ({
      article_id: id, idx, text: q.text, speaker_name: q.speaker ? entityById.get(q.speaker)?.name ?? null : null,
      speaker_text: q.speakerText, cue: q.cue, evidence: JSON.stringify(q.evidence), confidence: q.confidence,
    })),
  };
}

/**
 * The articles' rows; with `cluster`, their events clustered first in the blocks this transaction can lock (see
 * clusterFresh), the others left waiting (cluster_id null). Returns the ids that were new and the blocks of their events.
 */
async function writeRows(raw: Raw, items: { report: Report; source: ArticleSource }[], cluster: boolean): Promise<{ inserted: Set<string>; blocks: string[] }> {
  const seen = new Set<string>();
  const ingestedAt = now();
  const articleRows = items
    .filter(({ report }) => !seen.has(report.article.id) && seen.add(report.article.id))
    // in id order: writers storing some of the same articles lock their rows in one order
    .sort((x, y) => (x.report.article.id < y.report.article.id ? -1 : x.report.article.id > y.report.article.id ? 1 : 0))
    .map(({ report, source }) => {
      const a = report.article;
      return {
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
        ingested_at: ingestedAt,
      };
    });
  // PostgreSQL inserts the articles (and indexes their text) while this process builds everything else of them:
  // profiles and the rows of the other tables, for the first item of each id (a batch may hold one article twice).
  // Those of articles already stored are dropped once the insert says which ones are new.
  const insertedIds = insertRows(raw, "articles", articleRows, { ignoreDuplicates: true, returning: "id" });
  insertedIds.catch(() => undefined); // awaited below; a failure of the work in between must not leave it unhandled
  // the statement reaches the server only once the query builder's promises have run: let them, then work
  if (raw.dialect === "postgres") await new Promise((resolve) => setImmediate(resolve));
  const taken = new Set<string>();
  const prepared = items
    .filter(({ report }) => !taken.has(report.article.id) && taken.add(report.article.id))
    .map(({ report }) => prepareArticle(report));
  const inserted = new Set(await insertedIds as string[]);
  if (inserted.size === 0) return { inserted, blocks: [] };
  const fresh = prepared.filter((a) => inserted.has(a.report.article.id));
  await indexArticleTexts(raw, fresh.map(({ report }) => ({ id: report.article.id, title: report.article.title, text: report.article.text })));
  await upsertActors(raw, fresh.flatMap((a) => a.names));
  await insertRows(raw, "entities", fresh.flatMap((a) => a.entities), { ignoreDuplicates: true });
  await insertRows(raw, "places", fresh.flatMap((a) => a.places), { ignoreDuplicates: true });
  await insertRows(raw, "quotes", fresh.flatMap((a) => a.quotes));
  // One article can name the same event id twice only if it is malformed: the first one is kept.
  const events = new Map<string, NewEvent>();
  for (const a of fresh) a.events.forEach((row) => events.has(row.id) || events.set(row.id, row));
  // Clustered before they are written, in the blocks this transaction can lock: no UPDATE of fresh rows.
  const blocks = cluster ? await clusterFresh(raw, [...events.values()]) : [];
  await insertRows(raw, "events", [...events.values()] as unknown as Row[]);
  await insertRows(raw, "event_actors", fresh.flatMap((a) => a.profiles.flatMap((p, j) => (events.get(p.key)?.article_id === p.articleId ? a.roles[j] : []))),
    { ignoreDuplicates: true });
  return { inserted, blocks };
}

/**
 * Stores the reports' rows in one transaction, their events left waiting to be clustered; returns the ids of the
 * articles that were new. The bench calls it alone as the plain bulk insert that ingest is measured against.
 */
export async function storeRows(db: WriteDb, items: { report: Report; source: ArticleSource }[]): Promise<Set<string>> {
  return inTransaction(db, async (raw) => (await writeRows(raw, items, false)).inserted);
}

/**
 * Stores a batch of reports: each article that is new gets its rows, then its events join incidents. An article
 * already stored writes nothing (its incidents are finished if a killed process left them undone). The new events
 * are clustered before their rows are written, in the transaction that writes them, in every block it can lock
 * without waiting (all of them on SQLite, one writer at a time); on PostgreSQL the events of blocks another writer
 * held are written waiting, and once the rows are committed every dirty block of the batch is clustered by whoever
 * can lock it (see clusterDirtyBlocks): writers never wait for each other's blocks.
 */
export async function saveReports(db: WriteDb, items: SaveItem[]): Promise<SaveResult[]> {
  if (items.length === 0) return [];
  const clean = items.map((i) => ({ report: sanitiseReport(i.report), source: i.source ?? {} }));
  const ids = [...new Set(clean.map((i) => i.report.article.id))];
  let inserted: Set<string>;
  let incidents: Map<string, string[]>;
  if (db.dialect === "sqlite") {
    [inserted, incidents] = await inTransaction(db, async (raw) => {
      const { inserted: stored } = await writeRows(raw, clean, true);
      // articles stored before whose events still wait (a process killed between its two steps)
      await clusterWaiting(raw, ids.filter((id) => !stored.has(id)));
      return [stored, await incidentIdsOfArticles(raw, ids)] as const;
    });
  } else {
    const written = await inTransaction(db, (raw) => writeRows(raw, clean, true));
    inserted = written.inserted;
    // the events of blocks another writer held, and those of articles stored before that still wait
    const leftovers = await blocksWaitingOf(db, ids.filter((id) => !inserted.has(id)));
    await clusterDirtyBlocks(db, [...new Set([...written.blocks, ...leftovers])].sort());
    incidents = await incidentIdsOfArticles(new Raw(db.dialect, db.kysely, db.sqlite), ids);
  }
  const claimed = new Set<string>();
  return clean.map(({ report }) => {
    const id = report.article.id;
    // The first item of an id stored it; a second one in the same batch is a duplicate of it.
    const duplicate = !inserted.has(id) || claimed.has(id);
    claimed.add(id);
    return { articleId: id, duplicate, incidentIds: incidents.get(id) ?? [] };
  });
}

export async function saveReport(db: WriteDb, report: Report, source: ArticleSource = {}): Promise<SaveResult> {
  const [result] = await saveReports(db, [{ report, source }]);
  return result;
}
