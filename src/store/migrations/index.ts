/**
 * Every migration, by its ISO-dated name. Kysely runs them in name order and refuses out-of-order runs.
 * Each is a factory of the dialect because the full-text index differs (see ../sql-helpers.ts).
 */
import type { Migration, MigrationProvider } from "kysely";
import type { Dialect } from "../db.js";
import { createStore } from "./2025-06-01-create-store.js";
import { blocksAndAggregates } from "./2026-12-06-blocks-and-aggregates.js";
import { createFlags } from "./2026-12-06-flags.js";
import { eventFrames } from "./2026-12-06-frames.js";
import { feedStateTables } from "./2026-12-06-watch-feeds.js";
import { readPath } from "./2026-12-07-read-path.js";
import { storeBlocksByCountry } from "./2026-12-07-store-blocks-by-country.js";
import { dropPrefixIndexes } from "./2026-12-08-drop-prefix-indexes.js";
import { storeBlocksByTownOrArticle } from "./2026-12-08-store-blocks-by-town-or-article.js";
import { waitingEvents } from "./2026-12-09-waiting-events.js";
import { narrowArticleSearch } from "./2026-12-10-narrow-article-search.js";
import { cheaperArticleWrites } from "./2026-12-11-cheaper-article-writes.js";
import { textSearchKeys } from "./2026-12-12-text-search-keys.js";

const MIGRATIONS: Record<string, (dialect: Dialect) => Migration> = {
  "2025-06-01-create-store": createStore,
  "2026-12-06-blocks-and-aggregates": blocksAndAggregates,
  "2026-12-06-flags": createFlags,
  "2026-12-06-frames": eventFrames,
  "2026-12-06-watch-feeds": feedStateTables,
  "2026-12-07-read-path": readPath,
  "2026-12-07-store-blocks-by-country": storeBlocksByCountry,
  "2026-12-08-drop-prefix-indexes": dropPrefixIndexes,
  "2026-12-08-store-blocks-by-town-or-article": storeBlocksByTownOrArticle,
  "2026-12-09-waiting-events": waitingEvents,
  "2026-12-10-narrow-article-search": narrowArticleSearch,
  "2026-12-11-cheaper-article-writes": cheaperArticleWrites,
  "2026-12-12-text-search-keys": textSearchKeys,
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: async () => Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(dialect)])),
  };
}
