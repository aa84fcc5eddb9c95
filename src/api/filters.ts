/**
 * Turns validated query parameters (API) or command-line options (export) into the store's `QueryFilter`.
 * The schema already checked each value's shape; this checks what a pattern cannot: real calendar days,
 * from <= to, coordinates in range.
 */
import { SitrepError } from "../errors.js";
import type { QueryFilter } from "../store/types.js";

export interface RawFilter {
  from?: string;
  to?: string;
  bbox?: string;
  country?: string;
  actor?: string;
  type?: string;
  q?: string;
  limit?: number;
  offset?: number;
  after?: string;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** How a parameter is named in messages: "query parameter 'from'" for the API, "--from" for the CLI. */
export type ParameterNaming = (name: string) => string;
export const queryParameter: ParameterNaming = (name) => `query parameter '${name}'`;
export const cliOption: ParameterNaming = (name) => `--${name === "q" ? "query" : name}`;

function badParameter(naming: ParameterNaming, name: string, message: string): SitrepError {
  return new SitrepError("SITREP_BAD_OPTION", `${naming(name)} ${message}`, 400);
}

function checkDay(name: string, value: string, naming: ParameterNaming): string {
  const bad = (n: string, message: string) => badParameter(naming, n, message);
  const m = ISO_DAY.exec(value);
  if (!m) throw bad(name, `must be a day as YYYY-MM-DD, got "${value}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw bad(name, `is not a calendar day: "${value}"`);
  }
  return value;
}

/** "w,s,e,n" in degrees; west may exceed east for a box across the antimeridian. */
export function parseBbox(value: string, naming: ParameterNaming = queryParameter): [number, number, number, number] {
  const bad = (n: string, message: string) => badParameter(naming, n, message);
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length !== 4 || !parts.every((p) => NUMBER.test(p))) {
    throw bad("bbox", `must be four numbers west,south,east,north, got "${value}"`);
  }
  const [w, s, e, n] = parts.map(Number) as [number, number, number, number];
  for (const [label, v] of [["west", w], ["east", e]] as const) {
    if (v < -180 || v > 180) throw bad("bbox", `${label} longitude ${v} is outside -180..180`);
  }
  for (const [label, v] of [["south", s], ["north", n]] as const) {
    if (v < -90 || v > 90) throw bad("bbox", `${label} latitude ${v} is outside -90..90`);
  }
  if (s > n) throw bad("bbox", `south (${s}) is north of north (${n})`);
  return [w, s, e, n];
}

/** The store filter for these parameters; throws a 400 `SitrepError` naming the parameter at fault. */
export function toQueryFilter(raw: RawFilter, naming: ParameterNaming = queryParameter): QueryFilter {
  const bad = (n: string, message: string) => badParameter(naming, n, message);
  const filter: QueryFilter = {};
  if (raw.from !== undefined) filter.from = checkDay("from", raw.from, naming);
  if (raw.to !== undefined) filter.to = checkDay("to", raw.to, naming);
  if (filter.from && filter.to && filter.from > filter.to) {
    throw bad("from", `(${filter.from}) is after ${naming("to")} (${filter.to})`);
  }
  if (raw.bbox !== undefined) filter.bbox = parseBbox(raw.bbox, naming);
  if (raw.country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(raw.country)) throw bad("country", `must be an ISO 3166-1 alpha-2 code, got "${raw.country}"`);
    filter.country = raw.country.toUpperCase();
  }
  for (const key of ["actor", "type", "q"] as const) {
    const v = raw[key]?.trim();
    if (raw[key] !== undefined && !v) throw bad(key, "must not be empty");
    if (v) filter[key] = v;
  }
  if (raw.limit !== undefined) filter.limit = raw.limit;
  if (raw.offset !== undefined) filter.offset = raw.offset;
  if (raw.after !== undefined) filter.after = raw.after;
  return filter;
}
