/** `SitrepStore` over one Kysely instance: the same code for SQLite and PostgreSQL. */
import { Migrator } from "kysely";
import type { Report } from "../report.js";
import { SitrepError } from "../errors.js";
import type { Db } from "./db.js";
import { migrationProvider } from "./migrations/index.js";
import * as queries from "./queries.js";
import { saveReport } from "./save.js";
import type { ArticleSource, QueryFilter, SaveResult, SitrepStore } from "./types.js";

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
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
      throw new SitrepError("SITREP_DB", `migration ${failed} failed on ${this.db.where}: ${(error as Error).message ?? String(error)}`);
    }
  }

  saveReport(report: Report, source?: ArticleSource): Promise<SaveResult> {
    return saveReport(this.db.kysely, this.dialect, report, source);
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

  close(): Promise<void> {
    return this.db.close();
  }
}
