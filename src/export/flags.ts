/**
 * The analysts' flags of an incident, carried in every export beside the machine's values (which a flag never
 * changes): the JSON profiles get a `flags` array of the whole flags, the CSV profiles a trailing `flags` cell
 * holding them as compact JSON without the machine's snapshot (the row itself holds the machine's values).
 */
import { KyselyStore } from "../store/kysely-store.js";
import { listFlags, type Flag } from "../store/flags.js";
import type { SitrepStore } from "../store/types.js";

/** A flag as exported with its incident: the incident's id is the record's own. */
export type ExportedFlag = Omit<Flag, "incidentId">;

/** The name of the column every CSV profile ends with. */
export const FLAGS_COLUMN = "flags";

export function exportedFlags(flags: readonly Flag[]): ExportedFlag[] {
  return flags.map(({ incidentId: _incident, ...flag }) => flag);
}

/** The CSV cell: empty without flags, else a JSON array of who flagged what, when and why. */
export function flagsCell(flags: readonly Flag[]): string {
  if (flags.length === 0) return "";
  return JSON.stringify(flags.map((f) => ({
    id: f.id, kind: f.kind, field: f.field, eventId: f.eventId, note: f.note, suggested: f.suggested, author: f.author, createdAt: f.createdAt,
  })));
}

/** How an export reads an incident's flags: from the store's flags table (none for a store without one). */
export function flagReader(store: SitrepStore): (incidentId: string) => Promise<Flag[]> {
  if (!(store instanceof KyselyStore)) return async () => [];
  const db = store.kysely;
  return (incidentId) => listFlags(db, incidentId);
}
