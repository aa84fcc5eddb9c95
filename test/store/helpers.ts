/**
 * Opening a fresh store of each dialect for a test: a new SQLite file in a temporary folder, or a new
 * PostgreSQL schema (so that parallel runs never meet). PostgreSQL is at $SITREP_TEST_PG, by default
 * postgres://root@127.0.0.1:5432/test; when it cannot be reached its tests skip, saying why, unless $CI is set.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createStore, dropPostgresSchema, type SitrepStore } from "../../src/store/index.js";

export const PG_URL = process.env.SITREP_TEST_PG ?? "postgres://root@127.0.0.1:5432/test";

export interface FreshStore {
  store: SitrepStore;
  /** the --db value that opens the same store again */
  url: string;
  dispose(): Promise<void>;
}

/** A fresh, migrated store of the dialect. */
export async function freshStore(dialect: "sqlite" | "postgres"): Promise<FreshStore> {
  const location = freshLocation(dialect);
  const store = await createStore(location.url);
  return {
    store,
    url: location.url,
    dispose: async () => {
      await store.close();
      await location.dispose();
    },
  };
}

/** A --db value for a store that does not exist yet, and how to remove it afterwards. */
export function freshLocation(dialect: "sqlite" | "postgres"): { url: string; dispose(): Promise<void> } {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-store-"));
    return { url: join(dir, "test.db"), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `sitrep_test_${randomBytes(6).toString("hex")}`;
  const sep = PG_URL.includes("?") ? "&" : "?";
  return { url: `${PG_URL}${sep}schema=${schema}`, dispose: () => dropPostgresSchema(PG_URL, schema) };
}

let pgReason: string | null | undefined;

/** Null when the dialect can be tested here; otherwise why not (PostgreSQL down). Under $CI nothing skips. */
export async function skipReason(dialect: "sqlite" | "postgres"): Promise<string | null> {
  if (dialect === "sqlite" || process.env.CI) return null;
  if (pgReason !== undefined) return pgReason;
  try {
    const probe = await freshStore("postgres");
    await probe.dispose();
    pgReason = null;
  } catch (err) {
    pgReason = `PostgreSQL unreachable at ${PG_URL} (${(err as Error).message}); start it with scripts/start-postgres.sh`;
  }
  return pgReason;
}
