/** How facts are written for people: dates at their granularity, counts with their range, places with precision. */
import type { Count, Granularity, IncidentSummary } from "./api.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "28 June 2024", "week of 24 June 2024", "June 2024", "2024": never more precise than the source. */
export function formatDate(date: string | null, granularity: Granularity | null): string {
  if (!date) return "date unknown";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  switch (granularity) {
    case "year":
      return y;
    case "month":
      return month ? `${month} ${y}` : y;
    case "week":
      return d && month ? `week of ${Number(d)} ${month} ${y}` : date;
    default:
      if (d && month) return `${Number(d)} ${month} ${y}`;
      return month ? `${month} ${y}` : y;
  }
}

export function granularityLabel(granularity: Granularity | null): string {
  return granularity ? `known to the ${granularity === "other" ? "source's wording" : granularity}` : "granularity unknown";
}

/** "23", "at least 23", "20–30" */
export function formatCount(c: Count | null | undefined): string {
  if (!c) return "not reported";
  if (c.high === null) return c.low === c.best ? `at least ${c.best}` : `${c.low}–${c.best}+`;
  if (c.low === c.high) return String(c.best);
  return `${c.best} (range ${c.low}–${c.high})`;
}

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" });
  } catch {
    return null;
  }
})();

export function countryName(code: string | null | undefined): string {
  if (!code) return "";
  try {
    return regionNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export const PRECISION_LABELS: Record<1 | 2 | 3 | 4, string> = {
  1: "exact town or point",
  2: "near a town or small area",
  3: "province or large region only (approximate)",
  4: "country only (approximate)",
};

export function isApproximate(place: IncidentSummary["place"]): boolean {
  return !!place && (place.precision >= 3 || ["country", "admin1", "admin2", "region"].includes(place.featureType));
}

export function placeLabel(place: IncidentSummary["place"]): string {
  if (!place) return "place unknown";
  const parts = [place.name];
  if (place.admin1 && place.admin1 !== place.name) parts.push(place.admin1);
  const country = countryName(place.country);
  if (country && country !== place.name) parts.push(country);
  return parts.join(", ");
}

export function typeLabel(i: Pick<IncidentSummary, "type" | "mode" | "acled">): string {
  const acled = i.acled ? ` · ${i.acled.subEventType || i.acled.eventType}` : "";
  return `${i.type}${i.mode ? ` (${i.mode})` : ""}${acled}`;
}
