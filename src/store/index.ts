/**
 * The store: `createStore()` opens SQLite (a file, ./sitrep.db by default) or PostgreSQL (a postgres:// URL),
 * brings its schema up to date and returns the `SitrepStore` the API and the ingest use.
 */
import { resolve } from "node:path";
import { SitrepError } from "../errors.js";
import { createDb, dropPostgresSchema, type DbConfig } from "./db.js";
import { KyselyStore } from "./kysely-store.js";
import type { SitrepStore } from "./types.js";

export type * from "./types.js";
export type { DbConfig, Dialect } from "./db.js";
export { dropPostgresSchema };

export const DIALECTS: ("sqlite" | "postgres")[] = ["sqlite", "postgres"];

export const DEFAULT_DB = "./sitrep.db";

/**
 * Reads a store location: undefined -> $SITREP_DB -> ./sitrep.db; "sqlite:path", "sqlite://path" or a plain path ->
 * SQLite; "postgres://..." or "postgresql://..." -> PostgreSQL, where `?schema=name` picks (and creates) a schema.
 */
export function parseDbUrl(url?: string): DbConfig {
  const given = url ?? (process.env.SITREP_DB || undefined) ?? DEFAULT_DB;
  const value = given.trim();
  if (value === "") throw new SitrepError("SITREP_BAD_OPTION", "--db is empty: give a file path or a postgres:// URL");
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new SitrepError("SITREP_BAD_OPTION", `--db "${value.replace(/:[^:@/]+@/, ":***@")}" is not a valid URL`);
    }
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    return { dialect: "postgres", url: parsed.toString(), ...(schema ? { schema } : {}) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^sqlite:/i.test(value)) {
    throw new SitrepError("SITREP_BAD_OPTION", `--db "${value}": use a file path, sqlite:<path> or postgres://...`);
  }
  const path = value.replace(/^sqlite:(\/\/)?/i, "");
  return { dialect: "sqlite", path: path === ":memory:" ? path : resolve(path) };
}

/** Opens the store at `url` (see parseDbUrl) and migrates it to the latest schema. */
export async function createStore(url?: string): Promise<SitrepStore> {
  const store = new KyselyStore(await createDb(parseDbUrl(url)));
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
