/**
 * Does an event report the same happening as another event? (cluster.ts weighs every pair of a group to decide
 * whether groups are one incident.) The five parts of the two event frames (time, place, participants, counts, type) are compared as features and
 * weighed by a model learned from pairs of reports (models/incidents/matcher.json, `npm run train:incidents`); a
 * few contradictions (another country, places far apart, dates that do not meet, a protest against armed violence,
 * different stated perpetrators, the same article) rule a pair out whatever else agrees.
 */
import type { Count } from "../report.js";
import { MATCH_PARTS, pairFeatures, type MatchPart, type Veto } from "./matcher/features.js";
import { DEFAULT_LINKAGE, loadMatcherModel, scoreFeatures, type Linkage, type MatcherModel } from "./matcher/model.js";
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

/** How clustering weighs the pairs that do not match, tuned with the active model's threshold. */
export function matchLinkage(): Linkage {
  return model().linkage ?? DEFAULT_LINKAGE;
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

/**
 * matchEvents(a, b)?.score, without the explanation: what clustering asks of millions of pairs. The same sum as
 * scoreFeatures (bias, then every active feature's weight in order) and the same rounding, so the two always agree.
 */
export function matchScore(a: EventProfile, b: EventProfile): number | null {
  const pair = pairFeatures(a, b);
  if (pair.veto) return null;
  const m = model();
  let z = m.bias;
  for (const { features } of pair.parts) for (const f of features) z += m.weights[f] ?? 0;
  return round(1 / (1 + Math.exp(-z)));
}

/** How clustering scores a pair (x before y in key order): matchScore, or one that remembers its answers. */
export type PairScorer = (a: EventProfile, b: EventProfile) => number | null;

/**
 * matchScore remembered per pair of profiles (the objects), for one clustering pass: the store scores a pair when
 * it follows a link, again when it splits the graph into components and again in average linkage. The same
 * answers (matchScore is a function of the two profiles and the model, which cannot change during a synchronous
 * pass and is not swapped by the store); forget the scorer when the pass ends.
 */
export function rememberingMatchScore(): PairScorer {
  const memo = new Map<EventProfile, Map<EventProfile, number | null>>();
  return (a, b) => {
    let row = memo.get(a);
    if (!row) memo.set(a, (row = new Map()));
    let s = row.get(b);
    if (s === undefined) row.set(b, (s = matchScore(a, b)));
    return s;
  };
}

export interface IncidentMembers {
  id: string;
  members: EventProfile[];
}
