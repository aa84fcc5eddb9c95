/**
 * Does an event report the same happening as another event, or as an incident already built from several?
 * The five parts of the two event frames (time, place, participants, counts, type) are compared as features and
 * weighed by a model learned from pairs of reports (models/incidents/matcher.json, `npm run train:incidents`); a
 * few contradictions (another country, places far apart, dates that do not meet, incompatible ACLED types,
 * different stated perpetrators, the same article) rule a pair out whatever else agrees.
 */
import type { Count } from "../report.js";
import { MATCH_PARTS, pairFeatures, type MatchPart, type Veto } from "./matcher/features.js";
import { loadMatcherModel, scoreFeatures, type MatcherModel } from "./matcher/model.js";
import type { EventProfile } from "./profile.js";

/** Each part's contribution to the match, in log-odds: positive parts argue for one happening, negative for two. */
export type MatchParts = Record<MatchPart, number>;

export interface MatchReason {
  part: MatchPart;
  /** what the two frames share or not in this part, e.g. ["place:near"]; empty when the part says nothing */
  features: string[];
  contribution: number;
}

export interface Match {
  /** in [0, 1]; at or above MATCH_THRESHOLD the two events are one happening */
  score: number;
  parts: MatchParts;
  reasons: MatchReason[];
}

/** The score at or above which two events are one incident (the model's tuned threshold is folded into its bias). */
export const MATCH_THRESHOLD = 0.5;

let activeModel: MatcherModel | undefined;

function model(): MatcherModel {
  activeModel ??= loadMatcherModel();
  return activeModel;
}

/**
 * Runs `fn` with another matcher model in place of the committed one: how evaluation scores a topic with a model
 * that never saw it. Synchronous, so no other caller sees the swap.
 */
export function withMatcherModel<T>(replacement: MatcherModel, fn: () => T): T {
  const saved = activeModel;
  activeModel = replacement;
  try {
    return fn();
  } finally {
    activeModel = saved;
  }
}

/** Close figures support a match; far-apart figures weaken it but never veto (tolls rise as reports come in). */
export function casualtyStrength(a: Count | null, b: Count | null): number {
  if (!a || !b) return 0.5;
  const hi = Math.max(a.best, b.best);
  if (hi === 0) return 1;
  return Math.min(a.best, b.best) / hi >= 0.5 ? 1 : 0.3;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface MatchExplanation {
  /** null when a contradiction rules the pair out */
  match: Match | null;
  veto: Veto | null;
  /** the score is at or above MATCH_THRESHOLD */
  merges: boolean;
}

/** Why two events are, or are not, one happening: the veto, or each part's features and contribution. */
export function explainMatch(a: EventProfile, b: EventProfile): MatchExplanation {
  const pair = pairFeatures(a, b);
  if (pair.veto) return { match: null, veto: pair.veto, merges: false };
  const { probability, contributions } = scoreFeatures(model(), pair);
  const reasons = pair.parts.map(({ part, features }) => ({ part, features, contribution: round(contributions[part]) }));
  const parts = Object.fromEntries(MATCH_PARTS.map((p) => [p, round(contributions[p])])) as MatchParts;
  const score = round(probability);
  return { match: { score, parts, reasons }, veto: null, merges: score >= MATCH_THRESHOLD };
}

/** The match between two events, or null when they cannot be the same happening. */
export function matchEvents(a: EventProfile, b: EventProfile): Match | null {
  return explainMatch(a, b).match;
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
 * Vetoes that count against joining an incident. A member labelled with an incompatible type rules out the pair,
 * but does not outvote the members that match: labels vary by outlet and by sentence, a place, a date or a
 * perpetrator does not.
 */
const CONTRADICTING: ReadonlySet<Veto> = new Set(["other-country", "places-apart", "dates-apart", "perpetrators-differ"]);

interface IncidentFit {
  best: number;
  /** members the event matches at or above the threshold */
  matching: number;
}

function fitIncident(event: EventProfile, members: EventProfile[], threshold: number): IncidentFit | null {
  if (members.some((m) => m.articleId === event.articleId)) return null;
  // An article's lede speaks for the happening it is about: a lede is judged against the other articles' ledes in
  // the incident where there are any, not against background mentions further down those articles.
  if (event.lede && members.some((m) => m.lede)) members = members.filter((m) => m.lede);
  let best = 0;
  let matching = 0;
  let contradicting = 0;
  for (const member of members) {
    const { match: m, veto } = explainMatch(event, member);
    if (!m) {
      if (veto && CONTRADICTING.has(veto)) contradicting++;
    } else {
      best = Math.max(best, m.score);
      if (m.score >= threshold) matching++;
    }
  }
  return matching > 0 && matching >= contradicting ? { best, matching } : null;
}

/**
 * How well an event fits an incident: its best match with a member, provided at least as many members match as
 * contradict it (one outlet's odd place does not split an incident; two contradicting members do).
 */
export function matchIncident(event: EventProfile, members: EventProfile[], threshold = MATCH_THRESHOLD): number | null {
  return fitIncident(event, members, threshold)?.best ?? null;
}

/**
 * The existing incident an event joins, or none: the one with the most members it matches, then the best score.
 * Scores near certainty say little apart; how many sources agree says more.
 */
export function assignEvent(event: EventProfile, incidents: IncidentMembers[], threshold = MATCH_THRESHOLD): Assignment {
  let chosen: Assignment = { incidentId: null, score: 0 };
  let chosenMatching = 0;
  for (const incident of incidents) {
    const fit = fitIncident(event, incident.members, threshold);
    if (!fit) continue;
    if (fit.matching > chosenMatching || (fit.matching === chosenMatching && fit.best > chosen.score)) {
      chosen = { incidentId: incident.id, score: fit.best };
      chosenMatching = fit.matching;
    }
  }
  return chosen;
}
