/** The dashboard's only way to the server: typed calls to the REST API (types from the store contract). */
import type { Count, Granularity, Report } from "../../src/report.js";
import type {
  ArticleSummary, Facets, IncidentDetail, IncidentSummary, Page, StoredEvent, TimelineBucket,
} from "../../src/store/types.js";
import type { Filters } from "./state.js";

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
};
