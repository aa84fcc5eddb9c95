/** Incremental merging without a database: the same decisions the store makes on save, over a list in memory. */
import { createHash } from "node:crypto";
import { assignEvent, MATCH_THRESHOLD, type IncidentMembers } from "./match.js";
import { isIncidentWorthy, profileEvents, type EventProfile } from "./profile.js";
import type { Report } from "../report.js";

/** A stable incident id from the key of the event that founded it. */
export function incidentIdFor(foundingEventKey: string): string {
  return `inc-${createHash("sha256").update(foundingEventKey).digest("hex").slice(0, 16)}`;
}

/**
 * Adds events one by one, as the store does: each joins the best-matching incident so far or founds one.
 * Returns the incidents with their members, in founding order.
 */
export function clusterProfiles(profiles: EventProfile[], threshold = MATCH_THRESHOLD): IncidentMembers[] {
  const incidents: IncidentMembers[] = [];
  const byId = new Map<string, IncidentMembers>();
  for (const profile of profiles) {
    const { incidentId } = assignEvent(profile, incidents, threshold);
    if (incidentId) byId.get(incidentId)!.members.push(profile);
    else {
      const incident = { id: incidentIdFor(profile.key), members: [profile] };
      incidents.push(incident);
      byId.set(incident.id, incident);
    }
  }
  return incidents;
}

/** Incidents across reports, leaving out negated and hypothetical events. */
export function clusterReports(reports: Report[], threshold = MATCH_THRESHOLD): IncidentMembers[] {
  const profiles = reports.flatMap((r) => profileEvents(r).filter((_, i) => isIncidentWorthy(r.events[i])));
  return clusterProfiles(profiles, threshold);
}
