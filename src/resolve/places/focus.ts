/** The article's focus: where an article's located places cluster, a fallback location for names we cannot place. */
import type { Place } from "../../report.js";
import { haversineKm } from "../geo/distance.js";

/**
 * The article's focus: its most-mentioned located town (else admin area, else country) in the country the
 * article names most, the first mention breaking ties. A fallback location for names the gazetteer lacks
 * (streets, buildings), used by the geo eval. Ties go to the place named more often, then to the bigger by
 * `sizeOf` (the geo eval gives population; by default all are equal and the first named wins).
 */
export function documentFocus(places: Place[], sizeOf: (place: Place) => number = () => 0): Place | null {
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  const byCountry = new Map<string, number>();
  for (const p of located) if (p.country) byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + p.mentions.length);
  const top = [...byCountry.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const inTop = located.filter((p) => top === undefined || p.country === top);
  // a place's support: its own mentions and those of the other towns within 100 km of it, so that the focus
  // is where the article's towns cluster, not a lone town named once more (areas do not vote: their points are
  // conventions, not where things are; nor do streets and buildings placed in a town, which repeat its point)
  const votes = (q: Place): boolean => q.precision <= 2 && q.featureType !== "landmark" && q.featureType !== "other";
  const support = (p: Place): number =>
    inTop.reduce((sum, q) => (q === p || (votes(q) && p.precision <= 2 && haversineKm(p.lat!, p.lon!, q.lat!, q.lon!) <= 100) ? sum + q.mentions.length : sum), 0);
  for (const maxPrecision of [2, 3, 4]) {
    const pool = inTop.filter((p) => p.precision <= maxPrecision && p.featureType !== "landmark" && p.featureType !== "other");
    if (pool.length === 0) continue;
    // ties go to the place named more often, then to the bigger place (`sizeOf`, e.g. its population)
    const scored = pool.map((p) => ({ p, s: support(p), n: p.mentions.length, size: sizeOf(p) }));
    return scored.reduce((best, x) => (x.s > best.s || (x.s === best.s && (x.n > best.n || (x.n === best.n && x.size > best.size))) ? x : best)).p;
  }
  return null;
}


