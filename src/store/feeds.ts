/**
 * What `sitrep watch` remembers about each feed, kept in the store so that it survives a restart and is shared
 * by every watcher on the same database: the validators of the last full fetch, the failure count that sets the
 * backoff, when to poll next, and which items are stored. Item lookups take the keys of one feed fetch, so the
 * work per poll grows with the feed, not with everything the feed ever carried.
 */
import type { Kysely } from "kysely";
import { inTransaction, insertRows, type WriteDb } from "./bulk.js";
import type { Database } from "./schema.js";
import type { StoredFeedState } from "./types.js";

const clean = (s: string) => s.replaceAll("\u0000", "");

/** Keys looked up per statement: a feed fetch carries tens of items, a few thousand at most. */
const KEYS_PER_QUERY = 500;

export async function feedState(db: Kysely<Database>, url: string): Promise<StoredFeedState | null> {
  const row = await db.selectFrom("feeds").selectAll().where("url", "=", url).executeTakeFirst();
  if (!row) return null;
  return {
    url: row.url,
    etag: row.etag ?? undefined,
    lastModified: row.last_modified ?? undefined,
    failures: Number(row.failures),
    nextAt: Number(row.next_at),
    lastPolledAt: row.last_polled_at ?? undefined,
    lastStatus: row.last_status ?? undefined,
  };
}

export async function saveFeedState(db: Kysely<Database>, state: StoredFeedState): Promise<void> {
  const row = {
    url: clean(state.url),
    etag: state.etag === undefined ? null : clean(state.etag),
    last_modified: state.lastModified === undefined ? null : clean(state.lastModified),
    failures: Math.max(0, Math.min(1_000_000, Math.trunc(state.failures))),
    next_at: String(Math.max(0, Math.trunc(state.nextAt))),
    last_polled_at: state.lastPolledAt ?? null,
    last_status: state.lastStatus ?? null,
  };
  const { url: _url, ...changes } = row;
  await db.insertInto("feeds").values(row).onConflict((oc) => oc.column("url").doUpdateSet(changes)).execute();
}

/** The keys among `keys` that are recorded as stored for the feed. */
export async function storedFeedItems(db: Kysely<Database>, url: string, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const wanted = [...new Set(keys.map(clean))];
  for (let i = 0; i < wanted.length; i += KEYS_PER_QUERY) {
    const chunk = wanted.slice(i, i + KEYS_PER_QUERY);
    const rows = await db.selectFrom("feed_items").select("item_key").where("feed_url", "=", clean(url)).where("item_key", "in", chunk).execute();
    for (const r of rows) found.add(r.item_key);
  }
  return found;
}

export async function recordFeedItems(db: WriteDb, url: string, keys: string[], now = new Date()): Promise<void> {
  const at = now.toISOString();
  const rows = [...new Set(keys.map(clean))].map((item_key) => ({ feed_url: clean(url), item_key, stored_at: at }));
  if (rows.length > 0) await inTransaction(db, (raw) => insertRows(raw, "feed_items", rows, { ignoreDuplicates: true }));
}
