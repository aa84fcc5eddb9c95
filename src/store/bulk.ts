/**
 * The write path's SQL, without a query builder: Kysely compiled every statement anew and SQLite prepared each
 * multi-row statement again, which cost more than the writing itself. Here
 * - SQLite runs one short statement per row, prepared once per connection and reused (better-sqlite3 runs such a
 *   statement in microseconds; inside one transaction, a thousand rows cost about as much as one multi-row insert);
 * - PostgreSQL runs one statement per table and batch, whatever the number of rows: the rows travel as one JSON
 *   parameter read by `json_populate_recordset(NULL::table, $1)` (the table's own column types, no limit on bound
 *   variables), ids as one array parameter (`= ANY($1)`).
 * Both go through the caller's transaction: `Raw` wraps a Kysely transaction (and on SQLite its native handle).
 */
import { CompiledQuery, type Kysely } from "kysely";
import type BetterSqlite3 from "better-sqlite3";
import type { Dialect } from "./db.js";
import { actorKey } from "./rows.js";
import type { Database } from "./schema.js";

/** A row as written: column name -> value (undefined is written as NULL). */
export type Row = Record<string, unknown>;

/** What the write path needs of a store: its query builder, its dialect and, for SQLite, the native handle. */
export interface WriteDb {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** SQLite: the better-sqlite3 handle under `kysely` (statements are prepared once on it and reused) */
  sqlite?: BetterSqlite3.Database;
}

/** Prepared statements of each SQLite handle, by SQL text. */
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** Lookups per SQLite statement in Raw.allEach. */
const UNION_TERMS = 16;

/** Rows per PostgreSQL statement: bounds the size of one JSON parameter (articles carry their text and report). */
const PG_ROWS_PER_STATEMENT = 5_000;

const q = (name: string) => `"${name.replaceAll("\"", "\"\"")}"`;

/** Values as SQLite binds them: no undefined, no booleans. */
function bindable(v: unknown): unknown {
  return v === undefined ? null : typeof v === "boolean" ? (v ? 1 : 0) : v;
}

function slices<T>(xs: T[], size: number): T[][] {
  if (xs.length <= size) return [xs];
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Raw statements in one transaction (or on the store outside any, for reads). */
export class Raw {
  constructor(readonly dialect: Dialect, readonly kysely: Kysely<Database>, private readonly native?: BetterSqlite3.Database) {
    if (dialect === "sqlite" && !native) throw new Error("Raw: a SQLite store needs its native handle");
  }

  /**
   * SQLite: the native handle (what per-connection caches are keyed by) and its data_version, which changes when
   * another connection commits a change to the database (never for this connection's own writes).
   */
  get sqliteHandle(): BetterSqlite3.Database | undefined {
    return this.native;
  }

  sqliteDataVersion(): number {
    return this.native!.pragma("data_version", { simple: true }) as number;
  }

  /** SQLite: the statement for `sql`, prepared on first use. */
  stmt(sql: string): BetterSqlite3.Statement {
    let cache = prepared.get(this.native!);
    if (!cache) prepared.set(this.native!, (cache = new Map()));
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = this.native!.prepare(sql)));
    return s;
  }

  /**
   * SQLite: every row of `sql` for each parameter list, concatenated. Lookups go UNION_TERMS at a time as one
   * statement (the SELECT repeated, joined by UNION ALL, which SQLite runs term after term: the same rows in the
   * same order); each call into SQLite costs several microseconds beside a lookup's own few, and a batch makes
   * thousands. A SELECT with its own ORDER BY or LIMIT (which a compound statement cannot have per term) runs
   * once per list.
   */
  allEach<T>(sql: string, params: unknown[][]): T[] {
    const out: T[] = [];
    let i = 0;
    if (params.length >= UNION_TERMS && !/\b(ORDER\s+BY|LIMIT)\b/i.test(sql)) {
      const union = this.stmt(new Array<string>(UNION_TERMS).fill(sql).join(" UNION ALL "));
      for (; i + UNION_TERMS <= params.length; i += UNION_TERMS) {
        const args: unknown[] = [];
        for (let j = i; j < i + UNION_TERMS; j++) for (const v of params[j]) args.push(bindable(v));
        for (const r of union.all(...args) as T[]) out.push(r);
      }
    }
    const s = this.stmt(sql);
    for (; i < params.length; i++) for (const r of s.all(...params[i].map(bindable)) as T[]) out.push(r);
    return out;
  }

  /** SQLite: runs `sql` once per parameter list; returns the rows changed by each. */
  runEach(sql: string, params: unknown[][]): number[] {
    const s = this.stmt(sql);
    return params.map((p) => s.run(...p.map(bindable)).changes);
  }

  /** SQLite: runs `sql` once per row, binding `columns` of it in order; returns the rows changed by each. */
  runRows(sql: string, columns: string[], rows: Row[]): number[] {
    const s = this.stmt(sql);
    const args: unknown[] = new Array(columns.length);
    const changed: number[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      for (let c = 0; c < columns.length; c++) args[c] = bindable(row[columns[c]]);
      changed[i] = s.run(...args).changes;
    }
    return changed;
  }

  /** PostgreSQL: one statement with `$n` parameters. */
  async pg<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.kysely.executeQuery(CompiledQuery.raw(sql, params))).rows as T[];
  }
}

/** What a SQLite connection remembers of its own database between transactions (see clustering.ts' ProfileCache). */
const connectionCaches = new WeakMap<BetterSqlite3.Database, Map<string, unknown>>();

/** The cache `name` of this SQLite connection, made on first use; undefined on PostgreSQL. */
export function connectionCache<T>(raw: Raw, name: string, make: () => T): T | undefined {
  const handle = raw.sqliteHandle;
  if (!handle) return undefined;
  let caches = connectionCaches.get(handle);
  if (!caches) connectionCaches.set(handle, (caches = new Map()));
  if (!caches.has(name)) caches.set(name, make());
  return caches.get(name) as T;
}

/** Drops every cache of this SQLite connection (a transaction rolled back, rows deleted). */
export function dropConnectionCaches(raw: Raw): void {
  const handle = raw.sqliteHandle;
  if (handle) connectionCaches.delete(handle);
}

/**
 * Opens a transaction and hands its raw executor (and the Kysely transaction) to `f`. A SQLite transaction that
 * fails drops the connection's caches: they may hold what its rolled-back writes read.
 */
export function inTransaction<T>(db: WriteDb, f: (raw: Raw) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(async (trx) => {
    const raw = new Raw(db.dialect, trx, db.sqlite);
    try {
      return await f(raw);
    } catch (err) {
      dropConnectionCaches(raw);
      throw err;
    }
  });
}

export interface InsertOptions {
  /** skip rows whose key is stored (ON CONFLICT DO NOTHING) */
  ignoreDuplicates?: boolean;
  /** on a stored key (these columns), add the row's `add` column to the stored one instead */
  addOnConflict?: { keys: string[]; add: string };
  /** return this column of the rows actually inserted */
  returning?: string;
}

/** Inserts rows (their columns: the first row's keys); returns the `returning` column of those inserted. */
export async function insertRows<T extends keyof Database & string>(raw: Raw, table: T, rows: Row[], options: InsertOptions = {}): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const cols = columns.map(q).join(", ");
  const conflict = options.addOnConflict
    ? ` ON CONFLICT (${options.addOnConflict.keys.map(q).join(", ")}) DO UPDATE SET ${q(options.addOnConflict.add)} = ${q(table)}.${q(options.addOnConflict.add)} + excluded.${q(options.addOnConflict.add)}`
    : options.ignoreDuplicates ? " ON CONFLICT DO NOTHING" : "";
  const out: unknown[] = [];
  if (raw.dialect === "sqlite") {
    const changed = raw.runRows(`INSERT INTO ${q(table)} (${cols}) VALUES (${columns.map(() => "?").join(", ")})${conflict}`, columns, rows);
    if (options.returning) changed.forEach((n, i) => n > 0 && out.push(rows[i][options.returning!]));
    return out;
  }
  const returning = options.returning ? ` RETURNING ${q(options.returning)}` : "";
  const sql = `INSERT INTO ${q(table)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${q(table)}, $1)${conflict}${returning}`;
  for (const part of slices(rows, PG_ROWS_PER_STATEMENT)) {
    const res = await raw.pg<Row>(sql, [JSON.stringify(part, columns)]);
    if (options.returning) for (const r of res) out.push(r[options.returning]);
  }
  return out;
}

/** Sets the other columns of each row where `key` matches (its columns: the first row's keys). */
export async function updateRows<T extends keyof Database & string>(raw: Raw, table: T, key: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== key);
  if (raw.dialect === "sqlite") {
    raw.runRows(`UPDATE ${q(table)} SET ${columns.map((c) => `${q(c)} = ?`).join(", ")} WHERE ${q(key)} = ?`, [...columns, key], rows);
    return;
  }
  const sql = `UPDATE ${q(table)} SET ${columns.map((c) => `${q(c)} = v.${q(c)}`).join(", ")}
    FROM json_populate_recordset(NULL::${q(table)}, $1) AS v WHERE ${q(table)}.${q(key)} = v.${q(key)}`;
  for (const part of slices(rows, PG_ROWS_PER_STATEMENT)) await raw.pg(sql, [JSON.stringify(part, [key, ...columns])]);
}

/** Deletes the rows whose `keys` columns equal one of `rows`' (and that meet `extra`, a condition without parameters). */
export async function deleteRows<T extends keyof Database & string>(raw: Raw, table: T, keys: string[], rows: Row[], extra = ""): Promise<void> {
  if (rows.length === 0) return;
  const also = extra ? ` AND ${extra}` : "";
  if (raw.dialect === "sqlite") {
    raw.runRows(`DELETE FROM ${q(table)} WHERE ${keys.map((k) => `${q(k)} = ?`).join(" AND ")}${also}`, keys, rows);
    return;
  }
  const sql = `DELETE FROM ${q(table)} USING json_populate_recordset(NULL::${q(table)}, $1) AS v
    WHERE ${keys.map((k) => `${q(table)}.${q(k)} = v.${q(k)}`).join(" AND ")}${also}`;
  for (const part of slices(rows, PG_ROWS_PER_STATEMENT)) await raw.pg(sql, [JSON.stringify(part, keys)]);
}

/** `SELECT <what> FROM <table> WHERE <column> IN ids` (and `extra`): one prepared lookup per id, or one `= ANY`. */
export async function selectIn<R>(raw: Raw, what: string, table: keyof Database & string, column: string, ids: unknown[], extra = ""): Promise<R[]> {
  if (ids.length === 0) return [];
  const also = extra ? ` AND ${extra}` : "";
  if (raw.dialect === "sqlite") return raw.allEach<R>(`SELECT ${what} FROM ${q(table)} WHERE ${q(column)} = ?${also}`, [...new Set(ids)].map((id) => [id]));
  const out: R[] = [];
  for (const part of slices(ids, 50_000)) out.push(...await raw.pg<R>(`SELECT ${what} FROM ${q(table)} WHERE ${q(column)} = ANY($1)${also}`, [part]));
  return out;
}

/** Distinct (key, role) rows for the actor names of one owner. */
export function roleRows<K extends string>(owner: K, id: string, actors: string[], targets: string[]) {
  // each name's key made once (normalising is most of the work here), rows in first-seen order
  const rows = new Map<string, { actor_key: string; role: string }>();
  for (const [names, role] of [[actors, "actor"], [targets, "target"]] as const) {
    for (const name of names) {
      const key = actorKey(name);
      if (key !== "") rows.set(`${key}\u0000${role}`, { [owner]: id, actor_key: key, role });
    }
  }
  return [...rows.values()] as ({ [P in K]: string } & { actor_key: string; role: string })[];
}

/** The actors table holds every name once, under its lower-cased key; the first spelling stored is kept. */
export async function upsertActors(raw: Raw, names: string[]): Promise<void> {
  const byKey = new Map<string, { key: string; name: string }>();
  for (const n of names) {
    const key = actorKey(n);
    if (key !== "") byKey.set(key, { key, name: n.trim() });
  }
  const rows = [...byKey.values()];
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)); // one lock order for every writer
  await insertRows(raw, "actors", rows, { ignoreDuplicates: true });
}
