/** Opening the store from a command: a read command refuses a SQLite file that is not there (a typo) unless told to create it. */
import { existsSync } from "node:fs";
import { SitrepError } from "../errors.js";
import type { SitrepStore } from "../store/types.js";

export async function openStore(db: string | undefined, options: { create: boolean }): Promise<SitrepStore> {
  const { createStore, parseDbUrl } = await import("../store/index.js");
  const config = parseDbUrl(db);
  if (config.dialect === "sqlite" && config.path !== ":memory:" && !options.create && !existsSync(config.path)) {
    throw new SitrepError("SITREP_BAD_OPTION", `--db: no database at ${config.path}; check the path, or pass --create to start an empty one`);
  }
  return createStore(db);
}
