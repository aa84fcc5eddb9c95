/**
 * Blocks became the country of an event's town, else its article's country (src/incidents/cluster.ts blockOf): an
 * event placed only at a country or a sea now sits in its article's block. Stored events get their new block here,
 * by the same recomputation as 2026-12-07 (blockOf over the stored profile); their incidents follow when their block
 * is next recomputed or `sitrep recluster` rebuilds all.
 */
import type { Migration } from "kysely";
import { storeBlocksByCountry } from "./2026-12-07-store-blocks-by-country.js";

export function storeBlocksByTownOrArticle(): Migration {
  return storeBlocksByCountry();
}
