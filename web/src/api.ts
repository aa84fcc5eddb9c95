/** The dashboard's only way to the server: typed calls to the REST API (types from the store contract). */
import type { Count, Granularity, Report } from "../../src/report.js";
import type {
  ArticleSummary, Facets, IncidentDetail, IncidentSummary, Page, StoredEvent, TimelineBucket,
} from "../../src/store/types.js";
import type { ActorProfile, Interval, MapPoint, MapPoints, QualityIssue, QualityReport, RegionCount, SplitBy, StackBy, Trends } from "../../src/store/analytics.js";
import type { Flag, FlagField, FlagKind } from "../../src/store/flags.js";
import type { Filters } from "./state.js";

export type { ActorProfile, Flag, FlagField, FlagKind, Interval, MapPoint, MapPoints, QualityIssue, QualityReport, RegionCount, SplitBy, StackBy, Trends };

import type { MatchParts, MatchReason } from "../../src/incidents/match.js";

export type { MatchParts, MatchReason };

/** GET /api/incidents/:id/why */
export interface WhyMerged {
  incidentId: string;
  threshold: number;
  sources: {
    eventId: string;
    articleId: string;
    outlet: string | null;
    title: string | null;
    published: string | null;
    founder: boolean;
    storedScore: number | null;
    what: { type: string; date: string | null; dateEnd: string | null; place: string | null; actors: string[]; targets: string[]; killed: Count | null };
    best: { withEventId: string; withOutlet: string | null; score: number; parts: MatchParts; reasons: MatchReason[] } | null;
    contradicts: { eventId: string; veto: string }[];
  }[];
}

export type { Count, Granularity, ArticleSummary, Facets, IncidentDetail, IncidentSummary, Page, Report, StoredEvent, TimelineBucket };

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function query(filters: Partial<Filters>, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`api/${path}`, { headers: { accept: "application/json" }, ...init });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { message?: string } | null)?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  return body as T;
}

export const api = {
  incidents: (f: Filters, limit: number, offset = 0) =>
    request<Page<IncidentSummary>>(`incidents${query(f, { limit, offset })}`),
  incident: (id: string) => request<IncidentDetail>(`incidents/${encodeURIComponent(id)}`),
  article: (id: string) => request<Report>(`articles/${encodeURIComponent(id)}`),
  timeline: (f: Partial<Filters>) => request<TimelineBucket[]>(`timeline${query(f)}`),
  facets: () => request<Facets>("facets"),
  extract: (body: { text: string; title?: string; published?: string }) =>
    request<Report>("extract", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }),
  exportUrl: (f: Filters, format: "csv" | "geojson" | "ndjson") => `api/export${query(f, { format })}`,
  mapPoints: (f: Partial<Filters>) => request<MapPoints>(`map/points${query(f)}`),
  trends: (f: Partial<Filters>, o: { interval: Interval; stack: StackBy; split: SplitBy }) => request<Trends>(`trends${query(f, o)}`),
  regions: (f: Partial<Filters>) => request<{ countries: RegionCount[]; admin1: RegionCount[] }>(`regions${query(f)}`),
  actor: (name: string) => request<ActorProfile>(`actors/${encodeURIComponent(name)}`),
  quality: (f: Partial<Filters>, issue: QualityIssue, offset = 0) => request<QualityReport>(`quality${query(f, { issue, limit: 100, offset })}`),
  why: (id: string) => request<WhyMerged>(`incidents/${encodeURIComponent(id)}/why`),
  flags: (id: string) => request<Flag[]>(`incidents/${encodeURIComponent(id)}/flags`),
  addFlag: (id: string, token: string, body: { kind: FlagKind; field?: FlagField; eventId?: string; note: string; suggested?: string; author: string }) =>
    request<Flag>(`incidents/${encodeURIComponent(id)}/flags`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
  flagsExportUrl: (format: "csv" | "ndjson") => `api/flags/export?format=${format}`,
};
