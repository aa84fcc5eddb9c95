/**
 * DEVELOPMENT FIXTURE, not a store: builds `sitrep/1` reports from the hand-written facts of
 * examples/articles/*.facts.json (spans found by searching the text) and serves them through an in-memory
 * `SitrepStore`, one incident per event. It exists so the dashboard can be developed and looked at before or
 * without the real pipeline and store; no test that claims to test the store or the pipeline uses it.
 * Run `npx tsx test/api/fixture-server.ts` to serve the dashboard on it.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Count, Entity, Event, Place, Quote, Report, Span, TimeRef } from "../../src/report.js";
import type {
  ArticleSummary, Facets, IncidentDetail, IncidentSummary, Page, QueryFilter, SaveResult, SitrepStore, StoredEvent,
  TimelineBucket,
} from "../../src/store/types.js";

interface FactEvent {
  type: Event["type"]; mode: string | null; acledEventType?: string; acledSubEventType?: string;
  place: string | null; date: string | null; killed: Count | null; injured: Count | null; victims: string | null;
  actors: string[]; attribution: Event["attribution"]["status"]; candidates: string[]; cue?: string;
}
interface Facts {
  published: string; title: string; language: string; agencies: string[];
  entities: { name: string; kind: Entity["kind"]; aliases?: string[]; roles: string[] }[];
  places: { name: string; country: string; lat?: number; lon?: number; featureType: Place["featureType"] }[];
  times: { text: string; value: string }[];
  quotes: { fragment: string; speaker: string | null }[];
  events: FactEvent[];
}

function spansOf(text: string, needle: string): Span[] {
  const out: Span[] = [];
  if (!needle) return out;
  let i = text.indexOf(needle);
  while (i >= 0) {
    out.push({ start: i, end: i + needle.length, text: needle });
    i = text.indexOf(needle, i + needle.length);
  }
  return out;
}

function sentenceAround(text: string, at: number): Span {
  let s = Math.max(text.lastIndexOf(". ", at) + 2, text.lastIndexOf("\n", at) + 1, 0);
  if (s > at) s = 0;
  let e = text.indexOf(". ", at);
  const nl = text.indexOf("\n", at);
  if (e < 0 || (nl >= 0 && nl < e)) e = nl >= 0 ? nl : text.length;
  else e += 1;
  return { start: s, end: e, text: text.slice(s, e) };
}

export function reportFromFacts(id: string, text: string, facts: Facts): Report {
  const entities: Entity[] = facts.entities.map((e, i) => ({
    id: `e${i + 1}`, name: e.name, kind: e.kind, aliases: e.aliases ?? [], roles: e.roles, country: null,
    affiliations: [], mentions: [e.name, ...(e.aliases ?? [])].flatMap((n) => spansOf(text, n)),
  }));
  const places: Place[] = facts.places.map((p, i) => {
    const precision = p.featureType === "country" ? 4 : p.featureType === "admin1" ? 3 : 1;
    return {
      id: `p${i + 1}`, name: p.name, geonameId: null, lat: p.lat ?? null, lon: p.lon ?? null, country: p.country ?? null,
      admin1: null, featureType: p.featureType, precision, mentions: spansOf(text, p.name),
    };
  });
  const times: TimeRef[] = facts.times.map((t, i) => ({
    id: `t${i + 1}`, value: t.value, granularity: t.value.length === 10 ? "day" : t.value.length === 7 ? "month" : "year",
    anchoredTo: "published", mentions: spansOf(text, t.text),
  }));
  const quotes: Quote[] = facts.quotes.map((q) => ({
    text: q.fragment, evidence: spansOf(text, q.fragment).slice(0, 1),
    speaker: entities.find((e) => e.name === q.speaker)?.id ?? null, speakerText: q.speaker, cue: "said", confidence: 0.9,
  }));
  const entityId = (name: string) => entities.find((e) => e.name === name)?.id;
  const events: Event[] = facts.events.map((e, i) => {
    const cue = spansOf(text, e.cue ?? "")[0];
    return {
      id: `v${i + 1}`, type: e.type, mode: e.mode ?? null,
      acled: e.acledEventType ? { eventType: e.acledEventType, subEventType: e.acledSubEventType ?? "" } : null,
      actors: (e.actors ?? []).map(entityId).filter((x): x is string => !!x), targets: [],
      place: places.find((p) => p.name === e.place)?.id ?? null,
      time: times.find((t) => t.value === e.date)?.id ?? null,
      casualties: e.killed || e.injured ? { killed: e.killed ?? null, injured: e.injured ?? null, victims: e.victims ?? null } : null,
      attribution: { status: e.attribution ?? "unknown", candidates: (e.candidates ?? []).map(entityId).filter((x): x is string => !!x) },
      negated: false, hypothetical: false, evidence: cue ? [sentenceAround(text, cue.start)] : [], confidence: 0.8,
    };
  });
  return {
    schema: "sitrep/1",
    article: {
      id, title: facts.title, published: facts.published, outlet: "Example Wire", url: `https://example.org/${id}`,
      credits: { authors: [], agencies: facts.agencies }, subheads: [], related: [], language: facts.language, text,
    },
    entities, places, times, quotes, events, amounts: [], warnings: [],
  };
}

/** Every example article with facts, as fixture reports. */
export function fixtureReports(root: string): Report[] {
  const dir = join(root, "examples", "articles");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".facts.json"))
    .map((f) => {
      const base = f.replace(/\.facts\.json$/, "");
      const txt = [".txt", ".md", ".html"].map((x) => join(dir, base + x)).find((p) => existsSync(p));
      const raw = txt ? readFileSync(txt, "utf8") : "";
      const text = txt?.endsWith(".html") ? raw.replace(/<[^>]+>/g, " ").replace(/[ \t]+/g, " ") : raw;
      return reportFromFacts(base, text, JSON.parse(readFileSync(join(dir, f), "utf8")) as Facts);
    });
}

const page = <T>(items: T[], f: QueryFilter): Page<T> => {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  return { total: items.length, limit, offset, items: items.slice(offset, offset + limit) };
};

export function createFixtureStore(reports: Report[]): SitrepStore {
  const details: IncidentDetail[] = [];
  const events: StoredEvent[] = [];
  for (const r of reports) {
    for (const e of r.events) {
      const p = r.places.find((x) => x.id === e.place);
      const t = r.times.find((x) => x.id === e.time);
      const name = (id: string) => r.entities.find((x) => x.id === id)?.name ?? id;
      const id = `${r.article.id}-${e.id}`;
      const place = p
        ? { name: p.name, lat: p.lat, lon: p.lon, country: p.country, admin1: p.admin1, featureType: p.featureType, precision: p.precision }
        : null;
      const summary: IncidentSummary = {
        id, type: e.type, mode: e.mode, acled: e.acled, date: t?.value.slice(0, 10) ?? r.article.published,
        granularity: t?.granularity ?? null, place, killed: e.casualties?.killed ?? null,
        injured: e.casualties?.injured ?? null, victims: e.casualties?.victims ?? null,
        actors: e.actors.map(name), targets: e.targets.map(name),
        attribution: { status: e.attribution.status, candidates: e.attribution.candidates.map(name) },
        sourceCount: 1, summary: `${e.acled?.subEventType || e.type} in ${p?.name ?? "unknown place"}`,
      };
      details.push({
        ...summary,
        sources: [{
          eventId: e.id, articleId: r.article.id, title: r.article.title, outlet: r.article.outlet ?? null,
          url: r.article.url ?? null, agencies: r.article.credits.agencies, published: r.article.published,
          killed: summary.killed, injured: summary.injured, evidence: e.evidence, excerpt: e.evidence[0]?.text ?? "",
        }],
        quotes: r.quotes.map((q) => ({ articleId: r.article.id, text: q.text, speaker: q.speakerText, cue: q.cue, evidence: q.evidence })),
      });
      events.push({ ...summary, articleId: r.article.id, incidentId: id });
    }
  }
  const match = (s: IncidentSummary, f: QueryFilter, reportText: string): boolean => {
    if (f.from && (s.date ?? "") < f.from) return false;
    if (f.to && (s.date ?? "9999") > f.to) return false;
    if (f.country && s.place?.country !== f.country) return false;
    if (f.type && s.type !== f.type && s.acled?.eventType !== f.type && s.acled?.subEventType !== f.type) return false;
    if (f.actor && ![...s.actors, ...s.targets].some((a) => a.toLowerCase().includes(f.actor!.toLowerCase()))) return false;
    if (f.q && !reportText.toLowerCase().includes(f.q.toLowerCase())) return false;
    if (f.bbox && s.place?.lat != null && s.place.lon != null) {
      const [w, so, e, n] = f.bbox;
      if (s.place.lon < w || s.place.lon > e || s.place.lat < so || s.place.lat > n) return false;
    } else if (f.bbox) return false;
    return true;
  };
  const textOf = (d: IncidentDetail) => reports.find((r) => r.article.id === d.sources[0].articleId)?.article.text ?? "";
  const filtered = (f: QueryFilter) => details.filter((d) => match(d, f, textOf(d)));
  const strip = ({ sources: _s, quotes: _q, ...s }: IncidentDetail): IncidentSummary => s;
  return {
    dialect: "sqlite",
    migrate: async () => {},
    saveReport: async (report): Promise<SaveResult> => ({ articleId: report.article.id, duplicate: true, incidentIds: [] }),
    hasArticle: async (id) => reports.some((r) => r.article.id === id),
    listIncidents: async (f) => page(filtered(f).map(strip), f),
    getIncident: async (id) => details.find((d) => d.id === id) ?? null,
    listEvents: async (f) => page(events.filter((e) => filtered(f).some((d) => d.id === e.incidentId)), f),
    listArticles: async (f) =>
      page(reports.map((r): ArticleSummary => ({
        id: r.article.id, title: r.article.title, published: r.article.published, outlet: r.article.outlet ?? null,
        url: r.article.url ?? null, language: r.article.language, eventCount: r.events.length,
      })), f),
    getArticle: async (id) => reports.find((r) => r.article.id === id) ?? null,
    timeline: async (f): Promise<TimelineBucket[]> => {
      const counts = new Map<string, TimelineBucket>();
      for (const d of filtered(f)) {
        if (!d.date) continue;
        const key = `${d.date}|${d.type}`;
        const b = counts.get(key) ?? { date: d.date, type: d.type, count: 0 };
        b.count++;
        counts.set(key, b);
      }
      return [...counts.values()].sort((a, b) => a.date.localeCompare(b.date));
    },
    facets: async (): Promise<Facets> => {
      const tally = (xs: string[]) => {
        const m = new Map<string, number>();
        xs.forEach((x) => m.set(x, (m.get(x) ?? 0) + 1));
        return [...m.entries()].sort((a, b) => b[1] - a[1]);
      };
      const dates = details.map((d) => d.date).filter((d): d is string => !!d).sort();
      return {
        countries: tally(details.map((d) => d.place?.country ?? "").filter(Boolean)).map(([code, count]) => ({ code, count })),
        types: tally(details.map((d) => d.type)).map(([type, count]) => ({ type, count })),
        actors: tally(details.flatMap((d) => d.actors)).map(([name, count]) => ({ name, count })),
        dateRange: { from: dates[0] ?? null, to: dates[dates.length - 1] ?? null },
      };
    },
    close: async () => {},
  };
}
