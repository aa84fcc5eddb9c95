/** `SitrepStore` over one Kysely instance: the same code for SQLite and PostgreSQL. */
import { Migrator } from "kysely";
import type { Report } from "../report.js";
import { SitrepError } from "../errors.js";
import type { Db } from "./db.js";
import { migrationProvider } from "./migrations/index.js";
import * as queries from "./queries.js";
import { inTransaction, insertRows } from "./bulk.js";
import { countWaiting, deleteArticle, finishWaiting, incidentSnapshot, reclusterAll } from "./clustering.js";
import { saveReport, saveReports, type SaveItem } from "./save.js";
import * as feeds from "./feeds.js";
import type { ArticleSource, IngestError, QueryFilter, SaveResult, SitrepStore, StoredFeedState } from "./types.js";

/** Attempts at migrating: a second process starting on a new database may lose the race for the first step. */
const MIGRATE_ATTEMPTS = 5;

export class KyselyStore implements SitrepStore {
  readonly dialect: "sqlite" | "postgres";

  constructor(private readonly db: Db) {
    this.dialect = db.dialect;
  }

  /** The query builder, for the analyst's read models kept in their own files (analytics.ts, flags.ts). */
  get kysely() {
    return this.db.kysely;
  }

  /** Where the data lives, for messages (the URL without its password). */
  get where(): string {
    return this.db.where;
  }

  async migrate(): Promise<void> {
    // the migration tables are qualified by schema: stores in other schemas of the same database never see
    // (or take) each other's lock, which unqualified names did when two stores migrated at once
    const migrator = new Migrator({
      db: this.db.kysely,
      provider: migrationProvider(this.dialect),
      ...(this.db.schema ? { migrationTableSchema: this.db.schema } : {}),
    });
    let outcome = await migrator.migrateToLatest();
    // Two processes starting together on a new database: the loser sees "table exists" or a busy database, and
    // finds the work done when it tries again.
    for (let attempt = 1; outcome.error && attempt < MIGRATE_ATTEMPTS; attempt++) {
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.floor(Math.random() * 100)));
      outcome = await migrator.migrateToLatest();
    }
    const { error, results } = outcome;
    if (error) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
      throw new SitrepError("SITREP_DB", `migration ${failed} failed on ${this.db.where}: ${(error as Error).message ?? String(error)}`);
    }
  }

  saveReport(report: Report, source?: ArticleSource): Promise<SaveResult> {
    return saveReport(this.db, report, source);
  }

  saveReports(items: SaveItem[]): Promise<SaveResult[]> {
    return saveReports(this.db, items);
  }

  deleteArticle(id: string): Promise<boolean> {
    return deleteArticle(this.db, id);
  }

  finishIncidents(): Promise<number> {
    return finishWaiting(this.db);
  }

  waitingEvents(): Promise<number> {
    return countWaiting(this.db.kysely);
  }

  recluster(options: { fromScratch?: boolean } = {}): Promise<number> {
    return reclusterAll(this.db, options);
  }

  async recordIngestErrors(errors: IngestError[]): Promise<void> {
    if (errors.length === 0) return;
    const at = new Date().toISOString();
    const clean = (s: string) => s.replaceAll("\u0000", "");
    await inTransaction(this.db, (raw) => insertRows(raw, "ingest_errors", errors.map((e) => ({
      at, source: clean(e.source), item: e.item === undefined || e.item === null ? null : clean(e.item), reason: clean(e.reason),
    }))));
  }

  async ingestErrors(limit = 100): Promise<(IngestError & { at: string })[]> {
    const rows = await this.db.kysely.selectFrom("ingest_errors").selectAll().orderBy("id", "desc").limit(limit).execute();
    return rows.map((r) => ({ at: r.at, source: r.source, item: r.item, reason: r.reason }));
  }

  incidentSnapshot(): Promise<string> {
    return incidentSnapshot(this.db.kysely);
  }

  async incidentIdsOf(articleIds: string[]): Promise<Set<string>> {
    const ids = new Set<string>();
    const unique = [...new Set(articleIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await this.db.kysely.selectFrom("events").select("incident_id").distinct()
        .where("article_id", "in", chunk).where("incident_id", "is not", null).execute();
      for (const r of rows) if (r.incident_id !== null) ids.add(r.incident_id);
    }
    return ids;
  }

  hasArticle(id: string) {
    return queries.hasArticle(this.db.kysely, id);
  }

  listIncidents(filter: QueryFilter) {
    return queries.listIncidents(this.db.kysely, this.dialect, filter);
  }

  getIncident(id: string) {
    return queries.getIncident(this.db.kysely, id);
  }

  listEvents(filter: QueryFilter) {
    return queries.listEvents(this.db.kysely, this.dialect, filter);
  }

  listArticles(filter: QueryFilter) {
    return queries.listArticles(this.db.kysely, this.dialect, filter);
  }

  getArticle(id: string) {
    return queries.getArticle(this.db.kysely, id);
  }

  timeline(filter: QueryFilter) {
    return queries.timeline(this.db.kysely, this.dialect, filter);
  }

  facets() {
    return queries.facets(this.db.kysely);
  }

  feedState(url: string) {
    return feeds.feedState(this.db.kysely, url);
  }

  saveFeedState(state: StoredFeedState) {
    return feeds.saveFeedState(this.db.kysely, state);
  }

  storedFeedItems(url: string, keys: string[]) {
    return feeds.storedFeedItems(this.db.kysely, url, keys);
  }

  recordFeedItems(url: string, keys: string[]) {
    return feeds.recordFeedItems(this.db, url, keys);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
