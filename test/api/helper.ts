/**
 * A real store (a SQLite temp file, or a fresh PostgreSQL schema) filled by saving real `sitrep/1` reports,
 * behind the real application: tests call `app.inject()` and never listen.
 */
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOptions } from "../../src/api/app.js";
import { sampleReport, type SampleEvent, type SampleReport } from "../../src/incidents/sample-report.js";
import type { Report } from "../../src/report.js";
import type { SitrepStore } from "../../src/store/types.js";
import { freshStore } from "../store/helpers.js";

export { DIALECTS } from "../../src/store/index.js";
export { skipReason } from "../store/helpers.js";

const STRIKE: SampleEvent["acled"] = ["Explosions/Remote violence", "Air/drone strike"];
const KHARTOUM = { name: "Khartoum", lat: 15.5, lon: 32.56, country: "SD", admin1: "Khartoum", precision: 1 as const };

/** Five articles, four incidents: one drone strike told by two outlets, a protest, a clash, a province-only raid. */
export const API_ARTICLES: SampleReport[] = [
  {
    title: "Drone strike kills 11 in Khartoum market", outlet: "Reuters", url: "https://example.org/reuters/k1",
    published: "2024-06-11", agencies: ["Reuters"],
    events: [{ acled: STRIKE, mode: "drone", place: KHARTOUM, date: "2024-06-10", actors: ["Rapid Support Forces"], targets: ["civilians"], killed: 11, victims: "civilians" }],
    quotes: [{ text: "The market was full of families", speaker: "Amna Idris" }],
  },
  {
    title: "Khartoum market hit by drone", outlet: "AFP", url: "https://example.org/afp/k1", published: "2024-06-11", agencies: ["AFP"],
    events: [{ acled: STRIKE, mode: "drone", place: { ...KHARTOUM, lat: 15.51 }, date: "2024-06-10", actors: ["Rapid Support Forces"], killed: { low: 14, best: 14, high: 20 }, victims: "civilians" }],
  },
  {
    title: "Students march in Nairobi", outlet: "DW", url: "javascript:alert(1)", published: "2024-06-19",
    events: [{ type: "PROTEST", mode: "demo", acled: ["Protests", "Peaceful protest"], place: { name: "Nairobi", lat: -1.29, lon: 36.82, country: "KE", admin1: "Nairobi" }, date: "2024-06-18", actors: ["Kenyan students"] }],
  },
  {
    title: "Clashes near Goma", outlet: "AP", published: "2024-02-08",
    events: [{ acled: ["Battles", "Armed clash"], place: { name: "Sake", lat: -1.57, lon: 29.04, country: "CD", admin1: "North Kivu" }, date: "2024-02-07", actors: ["M23"], targets: ["Congolese army"], killed: 5 }],
  },
  {
    title: "Raid reported somewhere in Darfur", outlet: "Radio Dabanga", published: "2024-03-02",
    events: [{ acled: ["Violence against civilians", "Attack"], place: { name: "North Darfur", lat: 15.77, lon: 24.9, country: "SD", admin1: "North Darfur", featureType: "admin1", precision: 3 }, date: "2024-03", attribution: "contested", killed: 3 }],
  },
];

export interface TestApp {
  app: FastifyInstance;
  store: SitrepStore;
  reports: Report[];
  /** the --db value that opens the same store (for CLI tests) */
  url: string;
  dispose(): Promise<void>;
}

export async function openApp(
  dialect: "sqlite" | "postgres",
  options: Omit<AppOptions, "store"> = {},
  articles: SampleReport[] = API_ARTICLES,
): Promise<TestApp> {
  const fresh = await freshStore(dialect);
  const reports = articles.map((a) => sampleReport(a));
  for (const r of reports) await fresh.store.saveReport(r, { url: r.article.url, outlet: r.article.outlet, origin: "test" });
  const app = await buildApp({ webRoot: false, ...options, store: fresh.store });
  return {
    app,
    store: fresh.store,
    reports,
    url: fresh.url,
    dispose: async () => {
      await app.close();
      await fresh.dispose();
    },
  };
}

/** GET a JSON route and return status and parsed body. */
export async function getJson<T = unknown>(app: FastifyInstance, url: string): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method: "GET", url });
  return { status: res.statusCode, body: res.json() as T };
}
