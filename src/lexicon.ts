import { readFileSync } from "node:fs";
import { SitrepError } from "./errors.js";
import { fromRoot } from "./paths.js";

/** One row of a lexicon file, keyed by the header's column names. */
export type LexiconRow = Record<string, string>;

const cache = new Map<string, LexiconRow[]>();

/**
 * Reads `lexicons/<path>`: UTF-8 TSV, a header row, `#` comment lines, blank lines ignored.
 * Every row must have the header's required columns; a bad row is an error naming file and line.
 */
export function loadLexicon(path: string, required: string[] = []): LexiconRow[] {
  const hit = cache.get(path);
  if (hit) return hit;
  const file = fromRoot("lexicons", path);
  const rows = parseLexicon(readFileSync(file, "utf8"), `lexicons/${path}`, required);
  cache.set(path, rows);
  return rows;
}

export function parseLexicon(source: string, name: string, required: string[] = []): LexiconRow[] {
  const lines = source.split(/\r?\n/);
  let header: string[] | null = null;
  const rows: LexiconRow[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, "");
    if (line === "" || line.startsWith("#")) return;
    const cells = line.split("\t");
    if (!header) {
      header = cells.map((c) => c.trim());
      for (const col of required) {
        if (!header.includes(col)) {
          throw new SitrepError("SITREP_LEXICON_INVALID", `${name}:${i + 1}: header lacks column "${col}"`);
        }
      }
      return;
    }
    if (cells.length > header.length) {
      throw new SitrepError("SITREP_LEXICON_INVALID", `${name}:${i + 1}: ${cells.length} cells, header has ${header.length}`);
    }
    const row: LexiconRow = {};
    header.forEach((col, j) => (row[col] = (cells[j] ?? "").trim()));
    for (const col of required) {
      if (!row[col]) throw new SitrepError("SITREP_LEXICON_INVALID", `${name}:${i + 1}: empty "${col}"`);
    }
    rows.push(row);
  });
  if (!header) throw new SitrepError("SITREP_LEXICON_INVALID", `${name}: no header row`);
  return rows;
}

/** A one-column lexicon as a set of lower-cased values. */
export function loadWordSet(path: string, column = "word"): Set<string> {
  return new Set(loadLexicon(path, [column]).map((r) => r[column].toLowerCase()));
}

/** A lexicon phrase as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
