/**
 * One incident's figures from its source events. Casualties follow UCDP: low = the lowest figure any source
 * reported, high = the highest, best = the median of the sources' best figures (the lower middle one when their
 * number is even), which keeps one outlier outlet from moving the estimate and leans conservative like ACLED.
 */
import type { Count, Granularity, PloverType } from "../report.js";
import type { IncidentPlace, IncidentSummary } from "../store/types.js";
import { actorTokens, sameActor } from "./compat.js";
import type { ActorRef, EventProfile } from "./profile.js";

export type IncidentAggregate = Omit<IncidentSummary, "id"> & {
  /** the day interval the incident's date covers, for date-range queries */
  start: string | null;
  end: string | null;
};

/** low/best/high across sources; null when no source gives a figure. */
export function combineCounts(counts: (Count | null)[]): Count | null {
  const given = counts.filter((c): c is Count => c !== null);
  if (given.length === 0) return null;
  if (given.length === 1) return { ...given[0] };
  const bests = given.map((c) => c.best).sort((x, y) => x - y);
  const best = bests[Math.floor((bests.length - 1) / 2)];
  const low = Math.min(best, ...given.map((c) => c.low));
  const highest = Math.max(...given.map((c) => c.high ?? c.best));
  // "at least 30" is the highest report when no source gives a figure above 30: the top stays open-ended.
  const openEnded = given.some((c) => c.high === null && c.best >= highest);
  return { low, best, high: openEnded ? null : Math.max(highest, best) };
}

function mostCommon<T>(values: T[], key: (v: T) => string): T | null {
  const counts = new Map<string, { value: T; n: number }>();
  for (const v of values) {
    const k = key(v);
    const hit = counts.get(k);
    if (hit) hit.n++;
    else counts.set(k, { value: v, n: 1 });
  }
  let best: { value: T; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c; // first seen wins ties
  return best ? best.value : null;
}

const GRANULARITY_RANK: Record<Granularity, number> = { day: 0, week: 1, month: 2, year: 3, other: 4 };

/** The date the most precise sources agree on; publication dates only when no source dates the event. */
function incidentDate(members: EventProfile[]): { start: string | null; end: string | null; granularity: Granularity | null } {
  const dated = members.filter((m) => m.start && m.end && m.granularity);
  if (dated.length === 0) return { start: null, end: null, granularity: null };
  const fromText = dated.filter((m) => m.dateSource === "event");
  if (fromText.length > 0) {
    const finest = Math.min(...fromText.map((m) => GRANULARITY_RANK[m.granularity!]));
    const candidates = fromText.filter((m) => GRANULARITY_RANK[m.granularity!] === finest);
    const chosen = mostCommon(candidates, (m) => `${m.start}/${m.end}`)!;
    return { start: chosen.start, end: chosen.end, granularity: chosen.granularity };
  }
  // Only publication dates: the happening is no later than the first report.
  const first = dated.map((m) => m.start!).sort()[0];
  return { start: first, end: first, granularity: "day" };
}

function incidentPlace(members: EventProfile[]): IncidentPlace | null {
  const places = members.map((m) => m.place).filter((p) => p !== null);
  if (places.length === 0) return null;
  const finest = Math.min(...places.map((p) => p.precision));
  const chosen = mostCommon(places.filter((p) => p.precision === finest), (p) => p.name.toLowerCase())!;
  return { ...chosen };
}

/** The more distinctive name wins ("US-led coalition" over "coalition warplanes"), then the longer. */
function moreTelling(a: string, b: string): boolean {
  const ta = actorTokens(a).length;
  const tb = actorTokens(b).length;
  return ta !== tb ? ta > tb : a.length > b.length;
}

/** Every distinct actor once, under its most telling name. */
function unionActors(lists: ActorRef[][]): string[] {
  const kept: ActorRef[] = [];
  for (const ref of lists.flat()) {
    const i = kept.findIndex((k) => k.name.toLowerCase() === ref.name.toLowerCase() || sameActor(k, ref) === true);
    if (i < 0) kept.push(ref);
    else if (moreTelling(ref.name, kept[i].name)) kept[i] = { ...ref, aliases: [...kept[i].aliases, kept[i].name] };
  }
  return kept.map((k) => k.name);
}

const STATUS_RANK = { stated: 0, claimed: 1, contested: 2, unknown: 3 } as const;

function incidentAttribution(members: EventProfile[]): IncidentSummary["attribution"] {
  const status = members
    .map((m) => m.attribution.status)
    .sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b])[0] ?? "unknown";
  const candidates = [...new Set(members.flatMap((m) => m.attribution.candidates))];
  // Sources that each state a different perpetrator contest one another.
  const stated = members.filter((m) => m.attribution.status === "stated").map((m) => m.attribution.candidates.join("|"));
  const disagree = new Set(stated.filter((s) => s !== "")).size > 1;
  return { status: disagree ? "contested" : status, candidates };
}

function formatCount(c: Count): string {
  if (c.high === null) return c.low < c.best ? `${c.best} (${c.low} to more reported)` : `at least ${c.best}`;
  if (c.low === c.best && c.high === c.best) return String(c.best);
  return `${c.best} (${c.low}-${c.high} reported)`;
}

/** "Air/drone strike in Al-Hasakah, 23 killed (civilians)". */
export function summarise(agg: Pick<IncidentAggregate, "type" | "mode" | "acled" | "place" | "killed" | "injured" | "victims">): string {
  const what = agg.acled?.subEventType ?? `${agg.type.charAt(0)}${agg.type.slice(1).toLowerCase()}${agg.mode ? ` (${agg.mode})` : ""}`;
  let line = agg.place ? `${what} in ${agg.place.name}` : what;
  const harm: string[] = [];
  if (agg.killed) harm.push(`${formatCount(agg.killed)} killed`);
  if (agg.injured) harm.push(`${formatCount(agg.injured)} injured`);
  if (harm.length > 0) line += `, ${harm.join(", ")}`;
  if (agg.victims && harm.length > 0) line += ` (${agg.victims})`;
  return line;
}

/** The incident as its source events describe it together. `members` must not be empty. */
export function combineIncident(members: EventProfile[]): IncidentAggregate {
  if (members.length === 0) throw new RangeError("combineIncident: an incident needs at least one source event");
  const type = mostCommon(members.map((m) => m.type), (t) => t) as PloverType;
  const sameType = members.filter((m) => m.type === type);
  const acled = mostCommon(sameType.map((m) => m.acled).filter((a) => a !== null), (a) => `${a.eventType}/${a.subEventType}`);
  const mode = mostCommon(sameType.map((m) => m.mode).filter((m) => m !== null), (m) => m);
  const date = incidentDate(members);
  const place = incidentPlace(members);
  const killed = combineCounts(members.map((m) => m.killed));
  const injured = combineCounts(members.map((m) => m.injured));
  const victims = mostCommon(members.map((m) => m.victims).filter((v) => v !== null), (v) => v.toLowerCase());
  const acledCopy = acled ? { ...acled } : null;
  // one literal with the summary last, rather than a second object spread from the first to add it
  return {
    type,
    mode,
    acled: acledCopy,
    date: date.start,
    granularity: date.granularity,
    start: date.start,
    end: date.end,
    place,
    killed,
    injured,
    victims,
    actors: unionActors(members.map((m) => m.actors)),
    targets: unionActors(members.map((m) => m.targets)),
    attribution: incidentAttribution(members),
    sourceCount: new Set(members.map((m) => m.articleId)).size,
    summary: summarise({ type, mode, acled: acledCopy, place, killed, injured, victims }),
  };
}
