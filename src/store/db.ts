/**
 * The one place that imports a database driver: turns a configuration into a Kysely instance.
 * SQLite runs in WAL mode so readers (the API) never block the writer (ingest).
 */
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { dirname } from "node:path";
import { mkdirSync } from "node:fs";
import { SitrepError } from "../errors.js";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

export type DbConfig =
  | { dialect: "sqlite"; path: string }
  /** `schema`: a PostgreSQL schema to work in (created when missing), so that runs can be kept apart */
  | { dialect: "postgres"; url: string; schema?: string };

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** SQLite: the native handle under `kysely`, on which the write path prepares its statements once (see bulk.ts) */
  sqlite?: BetterSqlite3.Database;
  /** where it lives, for messages: a file path or the URL without its password */
  where: string;
  /** PostgreSQL: the schema the store works in (its migration bookkeeping lives there too) */
  schema?: string;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]+@/, "//$1:***@");
}

/** Opens the database; for PostgreSQL also checks it answers, so a bad URL fails here with a clear message. */
export async function createDb(cfg: DbConfig): Promise<Db> {
  if (cfg.dialect === "sqlite") {
    let native: BetterSqlite3.Database;
    try {
      if (cfg.path !== ":memory:") mkdirSync(dirname(cfg.path), { recursive: true });
      native = new BetterSqlite3(cfg.path);
      native.pragma("journal_mode = WAL");
      // NORMAL in WAL mode survives a killed process (not a power cut) and is much faster than FULL.
      native.pragma("synchronous = NORMAL");
      native.pragma("busy_timeout = 10000");
      // 64 MB of page cache (the default is 2 MB): the events table carries a dozen indexes, and each insert touches them all.
      native.pragma("cache_size = -65536");
      // Pages read through a memory map (up to this build's cap, 2 GiB) instead of a read() into the cache each: a
      // text query over a million events probes ~20,000 index entries, and this halves their cost (67 -> 44 ms).
      native.pragma("mmap_size = 2147418112");
      native.pragma("foreign_keys = ON");
    } catch (err) {
      throw new SitrepError("SITREP_DB", `cannot open SQLite database "${cfg.path}": ${(err as Error).message}`);
    }
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
    return { kysely, dialect: "sqlite", sqlite: native, where: cfg.path, close: () => kysely.destroy() };
  }

  const where = redact(cfg.url);
  if (cfg.schema !== undefined && !SCHEMA_NAME.test(cfg.schema)) {
    throw new SitrepError("SITREP_DB", `schema name "${cfg.schema}" in ${where}: use lower-case letters, digits and _`);
  }
  const connection: pg.PoolConfig = { connectionString: cfg.url, max: 8, connectionTimeoutMillis: 15_000 };
  if (cfg.schema) {
    const admin = new pg.Client({ connectionString: cfg.url, connectionTimeoutMillis: 15_000 });
    try {
      await admin.connect();
    } catch (err) {
      await admin.end().catch(() => undefined);
      throw new SitrepError("SITREP_DB", `cannot reach PostgreSQL at ${where}: ${(err as Error).message}`);
    }
    try {
      // CREATE SCHEMA IF NOT EXISTS is not safe against itself: two processes opening a new schema at once
      // (workers started together) can both pass the check and one fails on pg_namespace's unique index.
      // Creating it under a lock keyed by its name makes the second wait and find it there.
      await admin.query("BEGIN");
      await admin.query("SELECT pg_advisory_xact_lock(hashtextextended('sitrep-schema:' || $1::text, 0))", [cfg.schema]);
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${cfg.schema}"`);
      await admin.query("COMMIT");
    } catch (err) {
      throw new SitrepError("SITREP_DB", `cannot create schema "${cfg.schema}" in ${where}: ${(err as Error).message}`);
    } finally {
      await admin.end().catch(() => undefined);
    }
    // Set at connection start-up, so no query can ever run in another schema.
    connection.options = `-c search_path=${cfg.schema}`;
  }
  const pool = new pg.Pool(connection);
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new SitrepError("SITREP_DB", `cannot reach PostgreSQL at ${where}: ${(err as Error).message}`);
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: "postgres", where, schema: cfg.schema ?? "public", close: () => kysely.destroy() };
}

/** Removes a schema and everything in it (test runs clean up after themselves). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new SitrepError("SITREP_DB", `bad schema name "${schema}"`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
