/**
 * Does an event report the same happening as another event, or as an incident already built from several?
 * A weighted sum of the four compatibility strengths; any hard contradiction rules the pair out.
 */
import type { Count } from "../report.js";
import { actorStrength, dateStrength, placeStrength, targetStrength, typeStrength } from "./compat.js";
import type { EventProfile } from "./profile.js";

export interface MatchParts {
  type: number;
  place: number;
  date: number;
  actors: number;
  targets: number;
  casualties: number;
}

export interface Match {
  score: number;
  parts: MatchParts;
}

/** Place and date carry most of the weight: what happened where and when is what outlets agree on. */
export const WEIGHTS: MatchParts = { type: 0.2, place: 0.3, date: 0.3, actors: 0.1, targets: 0.05, casualties: 0.05 };

/** The score at or above which two events are one incident (chosen on examples/stories, see eval/incidents.ts). */
export const MATCH_THRESHOLD = 0.6;

/** Close figures support a match; far-apart figures weaken it but never veto (tolls rise as reports come in). */
export function casualtyStrength(a: Count | null, b: Count | null): number {
  if (!a || !b) return 0.5;
  const hi = Math.max(a.best, b.best);
  if (hi === 0) return 1;
  return Math.min(a.best, b.best) / hi >= 0.5 ? 1 : 0.3;
}

/** The match between two events, or null when they cannot be the same happening. */
export function matchEvents(a: EventProfile, b: EventProfile): Match | null {
  // One article reports one happening once: its separate events are separate happenings.
  if (a.articleId === b.articleId) return null;
  const type = typeStrength(a, b);
  if (type === null) return null;
  const place = placeStrength(a.place, b.place);
  if (place === null) return null;
  const date = dateStrength(a, b);
  if (date === null) return null;
  // A battle has two sides and outlets name either one as the actor: different names there prove nothing.
  const battle = a.acled?.eventType === "Battles" && b.acled?.eventType === "Battles";
  const actors = actorStrength(a.actors, b.actors, a.targets, b.targets) ?? (battle ? 0.5 : null);
  if (actors === null) return null;
  const targets = targetStrength(a.targets, b.targets);
  const casualties = casualtyStrength(a.killed, b.killed);
  // Without a place (or without a date) the rest must be strong: the same actor on the same day, or the same spot.
  if (place < 0.3 && !(actors === 1 && date >= 0.8)) return null;
  if (date < 0.3 && !(place >= 0.8 && actors >= 0.5 && type >= 0.8)) return null;
  const parts: MatchParts = { type, place, date, actors, targets, casualties };
  const score = (Object.keys(WEIGHTS) as (keyof MatchParts)[]).reduce((sum, k) => sum + WEIGHTS[k] * parts[k], 0);
  return { score: Math.round(score * 1000) / 1000, parts };
}

export interface IncidentMembers {
  id: string;
  members: EventProfile[];
}

export interface Assignment {
  /** the incident the event joins, or null when it founds a new one */
  incidentId: string | null;
  score: number;
}

/**
 * How well an event fits an incident: its best match with a member, provided at least as many members match as
 * contradict it (one outlet's odd place does not split an incident; two contradicting members do).
 */
export function matchIncident(event: EventProfile, members: EventProfile[], threshold = MATCH_THRESHOLD): number | null {
  let best = 0;
  let matching = 0;
  let contradicting = 0;
  for (const member of members) {
    if (member.articleId === event.articleId) return null;
    const m = matchEvents(event, member);
    if (!m) contradicting++;
    else {
      best = Math.max(best, m.score);
      if (m.score >= threshold) matching++;
    }
  }
  return matching > 0 && matching >= contradicting ? best : null;
}

/** The existing incident an event joins (the best-scoring one at or above the threshold), or none. */
export function assignEvent(event: EventProfile, incidents: IncidentMembers[], threshold = MATCH_THRESHOLD): Assignment {
  let chosen: Assignment = { incidentId: null, score: 0 };
  for (const incident of incidents) {
    const score = matchIncident(event, incident.members, threshold);
    if (score !== null && score > chosen.score) chosen = { incidentId: incident.id, score };
  }
  return chosen;
}
