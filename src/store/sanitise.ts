/**
 * What a report must look like before it reaches a database, whatever produced it: no NUL characters (PostgreSQL
 * refuses them in text), casualty figures whole numbers in a sane range (no Infinity, no NaN, nothing past what
 * a 32-bit integer column holds), coordinates finite and on the globe. The report is copied, never changed.
 */
import type { Count, Report } from "../report.js";

/** The largest casualty figure stored: far beyond any real toll, far within a 32-bit integer. */
export const MAX_COUNT = 10_000_000;

/** A figure as stored: a whole number in [0, MAX_COUNT], or null when it is not a finite number. */
export function clampCount(value: unknown): number | null {
  if (typeof value !== "number" || Number.isNaN(value)) return null;
  if (value === Number.POSITIVE_INFINITY) return MAX_COUNT;
  if (value === Number.NEGATIVE_INFINITY) return 0;
  return Math.min(MAX_COUNT, Math.max(0, Math.round(value)));
}

function sanitiseCount(c: Count | null | undefined): Count | null {
  if (!c) return null;
  const best = clampCount(c.best);
  if (best === null) return null;
  const low = Math.min(best, clampCount(c.low) ?? best);
  const high = c.high === null || c.high === undefined ? null : Math.max(best, clampCount(c.high) ?? best);
  return { low, best, high };
}

function finiteIn(value: number | null, limit: number): number | null {
  return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/** A deep copy with every NUL removed from every string (keys included); numbers are kept as they are. */
function withoutNuls<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "") as T;
  if (Array.isArray(value)) return value.map(withoutNuls) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll("\u0000", ""), withoutNuls(v)])) as T;
  }
  return value;
}

/** Does any string of the value (keys included) hold a NUL? A walk: no JSON text of the whole report is built. */
function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === "object") {
    for (const key in value) if (key.includes("\u0000") || hasNul((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

export function sanitiseReport(report: Report): Report {
  // Deep copies only when a NUL is there; otherwise the parts that change are copied, the rest shared.
  const base = hasNul(report) ? withoutNuls(report) : report;
  return {
    ...base,
    events: base.events.map((event) => event.casualties
      ? { ...event, casualties: { ...event.casualties, killed: sanitiseCount(event.casualties.killed), injured: sanitiseCount(event.casualties.injured) } }
      : event),
    places: base.places.map((place) => {
      let lat = finiteIn(place.lat, 90);
      let lon = finiteIn(place.lon, 180);
      if (lat === null || lon === null) lat = lon = null;
      const geonameId = place.geonameId !== null && Number.isSafeInteger(place.geonameId) && place.geonameId >= 0 && place.geonameId <= 2_147_483_647 ? place.geonameId : null;
      return { ...place, lat, lon, geonameId };
    }),
  };
}
