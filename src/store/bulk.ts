/**
 * Multi-row writes that stay under each database's limit on bound variables (SQLite 32,766, PostgreSQL 65,535):
 * one article with thousands of places, or a batch of thousands of events, becomes several statements.
 */
import { sql, type Insertable, type Kysely } from "kysely";
import type { Dialect } from "./db.js";
import { actorKey } from "./rows.js";
import type { Database } from "./schema.js";

/** Variables one statement may bind, with a margin below each database's hard limit. */
export const MAX_VARIABLES: Record<Dialect, number> = { sqlite: 30_000, postgres: 60_000 };

/** Splits rows (or ids) so that `perRow` variables times the chunk's length stays under the limit. */
export function chunked<T>(rows: T[], dialect: Dialect, perRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_VARIABLES[dialect] / Math.max(1, perRow)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Inserts rows in as few statements as the limit allows; `ignoreDuplicates` skips rows whose key is stored. */
export async function insertRows<T extends keyof Database>(
  db: Kysely<Database>, dialect: Dialect, table: T, rows: Insertable<Database[T]>[], ignoreDuplicates = false,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  for (const chunk of chunked(rows, dialect, columns)) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const q = db.insertInto(table).values(chunk as any);
    await (ignoreDuplicates ? q.onConflict((oc) => oc.doNothing()) : q).execute();
  }
}

/** Sets incident_id, match_score and cluster_id of many events in one statement per chunk. */
export async function updateEventAssignments(
  db: Kysely<Database>, dialect: Dialect, rows: { id: string; incidentId: string | null; score: number | null; clusterId: string | null }[],
): Promise<void> {
  for (const chunk of chunked(rows, dialect, 4)) {
    const values = sql.join(chunk.map((r) => sql`(${r.id}, ${r.incidentId}, ${r.score === null ? null : String(r.score)}, ${r.clusterId})`));
    // VALUES columns are named column1.. in both databases; the score travels as text and is cast back.
    await sql`UPDATE events SET incident_id = v.column2, match_score = CAST(v.column3 AS double precision), cluster_id = v.column4
      FROM (VALUES ${values}) AS v WHERE events.id = v.column1`.execute(db);
  }
}

/** Ids in chunks, for `IN (...)` lists. */
export function idChunks(ids: string[], dialect: Dialect): string[][] {
  return chunked(ids, dialect, 1);
}

/** Distinct (key, role) rows for the actor names of one owner. */
export function roleRows<K extends string>(owner: K, id: string, actors: string[], targets: string[]) {
  const roles = [...actors.map((name) => ({ name, role: "actor" })), ...targets.map((name) => ({ name, role: "target" }))]
    .filter((r) => actorKey(r.name) !== "");
  return [...new Map(roles.map((r) => [`${actorKey(r.name)}\u0000${r.role}`, { [owner]: id, actor_key: actorKey(r.name), role: r.role }])).values()] as
    ({ [P in K]: string } & { actor_key: string; role: string })[];
}

/** The actors table holds every name once, under its lower-cased key; the first spelling stored is kept. */
export async function upsertActors(db: Kysely<Database>, dialect: Dialect, names: string[]): Promise<void> {
  const rows = [...new Map(names.map((n) => [actorKey(n), { key: actorKey(n), name: n.trim() }])).values()].filter((r) => r.key !== "");
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)); // one lock order for every writer
  await insertRows(db, dialect, "actors", rows, true);
}

