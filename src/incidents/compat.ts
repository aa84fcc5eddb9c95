/**
 * The four tests two events must pass to be one happening: compatible type, same or nearby place,
 * overlapping dates, no contradicting actors. Each returns a strength in [0, 1], or null for "cannot be the same".
 */
import { loadLexicon, loadWordSet } from "../lexicon.js";
import { haversineKm } from "../resolve/geo/distance.js";
import { addDays, intervalsOverlap } from "./dates.js";
import type { ActorRef, EventProfile, ProfilePlace } from "./profile.js";

let compatiblePairs: Set<string> | undefined;

/**
 * `f(key)` remembered: clustering compares the same few thousand names and labels millions of times. The memo is
 * emptied when it grows past a bound, so a long-running process keeps a bounded amount of memory.
 */
export function remembered<V>(memo: Map<string, V>, key: string, f: (key: string) => V): V {
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  if (memo.size >= 100_000) memo.clear();
  const value = f(key);
  memo.set(key, value);
  return value;
}

const compatibleMemo = new Map<string, boolean>();

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function compatibleLabel(a: string, b: string): boolean {
  if (!compatiblePairs) {
    compatiblePairs = new Set(
      loadLexicon("_shared/incident-compatible-types.tsv", ["a", "b"]).map((row) => pairKey(row.a, row.b)),
    );
  }
  if (a === b) return true;
  return remembered(compatibleMemo, `${a}\u0000${b}`, () => compatiblePairs!.has(pairKey(a, b)));
}

/** How two events' labels relate, from the closest agreement to an ACLED-level contradiction. */
export type TypeRelation =
  | "same-subtype" | "same-acled-type" | "compatible-acled" | "other-acled"
  | "same-type-mode" | "same-type-other-mode" | "same-type" | "compatible-type" | "other-type";

export function typeRelation(a: EventProfile, b: EventProfile): TypeRelation {
  const bothAcled = a.acled !== null && b.acled !== null;
  // Both coded in ACLED's finer scheme: it decides (a protest the police attack is a protest and an attack).
  if (bothAcled) {
    if (!compatibleLabel(`ACLED:${a.acled!.eventType}`, `ACLED:${b.acled!.eventType}`)) return "other-acled";
    if (a.acled!.subEventType === b.acled!.subEventType && a.acled!.eventType === b.acled!.eventType) return "same-subtype";
    return a.acled!.eventType === b.acled!.eventType ? "same-acled-type" : "compatible-acled";
  }
  if (!compatibleLabel(`PLOVER:${a.type}`, `PLOVER:${b.type}`)) return "other-type";
  if (a.type !== b.type) return "compatible-type";
  if (a.mode && a.mode === b.mode) return "same-type-mode";
  if (a.mode && b.mode) return "same-type-other-mode";
  return "same-type";
}

const TYPE_STRENGTH: Record<TypeRelation, number | null> = {
  "same-subtype": 1, "same-acled-type": 0.8, "compatible-acled": 0.6, "other-acled": null,
  "same-type-mode": 1, "same-type-other-mode": 0.5, "same-type": 0.6, "compatible-type": 0.6, "other-type": null,
};

/**
 * 1 for the same ACLED sub-event type (or the same PLOVER type and mode when ACLED is absent), 0.8 for the same
 * ACLED event type, 0.6 for a listed compatible pair, or when only the PLOVER types agree; null when incompatible.
 */
export function typeStrength(a: EventProfile, b: EventProfile): number | null {
  return TYPE_STRENGTH[typeRelation(a, b)];
}

export { haversineKm } from "../resolve/geo/distance.js";

/** How far apart two places of the coarser precision may be and still be "the same place", in km. */
export const NEARBY_KM: Record<1 | 2 | 3 | 4, number> = { 1: 15, 2: 40, 3: 150, 4: Number.POSITIVE_INFINITY };

const placeNameMemo = new Map<string, string>();

function normalisePlaceName(name: string): string {
  return remembered(placeNameMemo, name, normalisePlaceNameOnce);
}

function normalisePlaceNameOnce(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\b(al|el|ad|ar|as|an|at|the)[-\s]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * 1 for the same town (same name or within a few km), 0.8 nearby given the coarser precision, 0.5 same admin1
 * (or one place is the other's admin area), 0.3 same country only where one side is country-level, 0.2 when a
 * side has no place; null when the places contradict (other country, too far apart).
 */
export function placeStrength(a: ProfilePlace | null, b: ProfilePlace | null): number | null {
  if (!a || !b) return 0.2;
  if (a.country && b.country && a.country !== b.country) return null;
  const coarser = Math.max(a.precision, b.precision) as 1 | 2 | 3 | 4;
  const sameName = normalisePlaceName(a.name) === normalisePlaceName(b.name);
  if (a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null) {
    const km = haversineKm(a.lat, a.lon, b.lat, b.lon);
    if (sameName || km <= 3) return coarser <= 2 ? 1 : 0.6;
    if (km <= NEARBY_KM[coarser]) return coarser <= 2 ? 0.8 : coarser === 3 ? 0.5 : 0.3;
    // Far apart and both precise: two places, whatever their admin1 says.
    if (coarser <= 2) return null;
  } else if (sameName) {
    return coarser <= 2 ? 1 : 0.6;
  }
  if (a.admin1 && b.admin1) {
    if (normalisePlaceName(a.admin1) === normalisePlaceName(b.admin1)) return 0.5;
    return null;
  }
  // One side names only a country (or nothing finer): it cannot contradict a town inside it.
  if (a.country && b.country && coarser === 4) return 0.3;
  if (a.precision === 4 || b.precision === 4) return 0.3;
  return coarser <= 2 && (a.lat === null || b.lat === null) ? 0.3 : null;
}

/** Days of slack when a side is dated only by its article's publication: it may report yesterday's event. */
export const PUBLISHED_SLACK_DAYS = 1;
/**
 * How many days before its publication an article dated only by it may report a happening: a report tells of a
 * happening on or before the day it appears, often a day or two after (a toll confirmed, a follow-up).
 */
export const PUBLISHED_LAG_DAYS = 3;

/** Whether two dated events' days can meet: a side dated by publication reaches a few days back (one day ahead). */
function datesMeet(a: EventProfile, b: EventProfile): boolean {
  const aPub = a.dateSource === "published";
  const bPub = b.dateSource === "published";
  if (aPub === bPub) return intervalsOverlap(a.start!, a.end!, b.start!, b.end!, aPub ? PUBLISHED_SLACK_DAYS : 0);
  const [pub, other] = aPub ? [a, b] : [b, a];
  return intervalsOverlap(addDays(pub.start!, -PUBLISHED_LAG_DAYS), addDays(pub.end!, PUBLISHED_SLACK_DAYS), other.start!, other.end!, 0);
}

/**
 * 1 for the same day, 0.6 for overlapping coarser intervals, 0.4 meeting only thanks to the publication-date slack
 * (or lag); 0.2 when a side has no date at all; null when the intervals do not meet.
 */
export function dateStrength(a: EventProfile, b: EventProfile): number | null {
  if (!a.start || !a.end || !b.start || !b.end) return 0.2;
  if (!datesMeet(a, b)) return null;
  const bothDays = a.start === a.end && b.start === b.end;
  if (bothDays && a.start === b.start) return a.dateSource === "event" && b.dateSource === "event" ? 1 : 0.8;
  if (!intervalsOverlap(a.start, a.end, b.start, b.end, 0)) return 0.4;
  return bothDays ? 0.8 : 0.6;
}

let genericWords: Set<string> | undefined;

const actorTokensMemo = new Map<string, readonly string[]>();

/** The words of an actor name that tell it apart: "the Syrian Arab Army" -> ["syrian", "arab"]. Shared: never mutate it. */
export function actorTokens(name: string): readonly string[] {
  return remembered(actorTokensMemo, name, actorTokensOnce);
}

function actorTokensOnce(name: string): readonly string[] {
  genericWords ??= loadWordSet("en/actor-generic-words.tsv");
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !genericWords!.has(w));
  return [...new Set(words)];
}

/** "Syria" = "Syrian", "Kurd" = "Kurdish"; short words must match exactly ("IS" is not "Israeli"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short) && long.length - short.length <= 3;
}

/**
 * The word lists of each actor object's names, kept while the object lives: sameActor meets the same actors in many
 * pairs, and making the lists anew for each pair was most of its allocation. An ActorRef is a value (profiles are
 * built, never edited), so its lists cannot go stale.
 */
const namesMemo = new WeakMap<ActorRef, (readonly string[])[]>();

function namesOf(actor: ActorRef): (readonly string[])[] {
  let names = namesMemo.get(actor);
  if (!names) namesMemo.set(actor, (names = [actor.name, ...actor.aliases].map(actorTokens).filter((t) => t.length > 0)));
  return names;
}

/** Same actor under different names: one name's words all appear in the other's, or same country affiliation. */
export function sameActor(a: ActorRef, b: ActorRef): boolean | null {
  const an = namesOf(a);
  const bn = namesOf(b);
  for (const x of an) {
    for (const y of bn) {
      const [small, big] = x.length <= y.length ? [x, y] : [y, x];
      if (small.every((w) => big.some((v) => sameWord(v, w)))) return true;
    }
  }
  if (a.country && b.country && a.kind && a.kind === b.kind && a.kind !== "civilians") return a.country === b.country;
  // A name with no distinctive words ("security forces") says nothing either way.
  if (an.length === 0 || bn.length === 0) return null;
  return false;
}

/**
 * Who acted: 1 when an actor is shared, 0.5 when a side names nobody distinctive, null when both name
 * distinctive actors and none of them can be the same (Hamas vs the Israeli military).
 */
export function actorStrength(a: ActorRef[], b: ActorRef[], aTargets: ActorRef[] = [], bTargets: ActorRef[] = []): number | null {
  // News outlets and agencies report events; they do not carry them out.
  a = a.filter((x) => x.kind !== "media");
  b = b.filter((x) => x.kind !== "media");
  if (a.length === 0 || b.length === 0) return 0.5;
  // Sides of a battle swap roles between outlets ("X attacked Y" / "Y clashed with X"): no contradiction.
  const crossed = a.some((x) => bTargets.some((y) => sameActor(x, y) === true)) || b.some((x) => aTargets.some((y) => sameActor(x, y) === true));
  let undecided = false;
  for (const x of a) {
    for (const y of b) {
      const same = sameActor(x, y);
      if (same === true) return 1;
      if (same === null) undecided = true;
    }
  }
  return undecided || crossed ? 0.5 : null;
}

/** Targets never veto (one outlet says "civilians", another "residents"), they only add evidence. */
export function targetStrength(a: ActorRef[], b: ActorRef[]): number {
  if (a.length === 0 || b.length === 0) return 0.5;
  for (const x of a) for (const y of b) if (sameActor(x, y) === true) return 1;
  return 0.3;
}
