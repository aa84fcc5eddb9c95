/** Incident merging: events from different articles that report the same happening become one incident. */
export { addDays, dayInterval, daysBetween, intervalsOverlap } from "./dates.js";
export { isIncidentWorthy, profileEvent, profileEvents, type ActorRef, type EventProfile, type ProfilePlace } from "./profile.js";
export {
  actorStrength, actorTokens, dateStrength, haversineKm, NEARBY_KM, placeStrength, PUBLISHED_SLACK_DAYS, sameActor,
  targetStrength, typeStrength,
} from "./compat.js";
export {
  assignEvent, casualtyStrength, matchEvents, matchIncident, MATCH_THRESHOLD, WEIGHTS,
  type Assignment, type IncidentMembers, type Match, type MatchParts,
} from "./match.js";
export { combineCounts, combineIncident, summarise, type IncidentAggregate } from "./combine.js";
export {
  blockOf, candidateStartRange, canonicalCompare, clusterComponent, clusterProfiles, clusterReports, dateWidth, groupBy, incidentIdFor,
  joinsIncidents, linkComponents, linked, mayLink, type ClusteredIncident, type DateWidth,
} from "./cluster.js";
