/** Incident merging: events from different articles that report the same happening become one incident. */
export { addDays, dayInterval, daysBetween, intervalsOverlap } from "./dates.js";
export {
  articleContext, eventFrame, eventParticipants, isIncidentWorthy, ledeEvent, profileEvent, profileEvents, type ActorRef, type ArticleContext,
  type EventFrame, type EventProfile, type ProfilePlace,
} from "./profile.js";
export {
  actorStrength, actorTokens, dateStrength, haversineKm, NEARBY_KM, placeStrength, PUBLISHED_SLACK_DAYS, sameActor,
  targetStrength, typeRelation, typeStrength, type TypeRelation,
} from "./compat.js";
export {
  casualtyStrength, explainMatch, matchEvents, matchScore, MATCH_THRESHOLD, rememberingMatchScore, withMatcherModel,
  type IncidentMembers, type PairScorer, type Match, type MatchExplanation, type MatchParts, type MatchReason,
} from "./match.js";
export { MATCH_PARTS, pairFeatures, type MatchPart, type PairFeatures, type Veto } from "./matcher/features.js";
export { loadMatcherModel, type MatcherModel } from "./matcher/model.js";
export { combineCounts, combineIncident, summarise, type IncidentAggregate } from "./combine.js";
export {
  blockOf, candidateStartRange, canonicalCompare, clusterComponent, clusterProfiles, clusterReports, dateWidth, groupBy, incidentIdFor,
  isVague, joinsIncidents, linkComponents, linked, mayLink, mayLinkDates, PAIR_LOGODDS_BOUND, type ClusteredIncident, type DateWidth,
} from "./cluster.js";
