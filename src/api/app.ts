/**
 * The HTTP application: REST API under /api, its OpenAPI document at /openapi.json, and the dashboard.
 * `buildApp` never listens (tests use `app.inject()`); src/api/server.ts does.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { fromRoot } from "../paths.js";
import type { SitrepStore } from "../store/types.js";
import { registerContext, type Extractor } from "./plugins/context.js";
import type { ExtractPoolOptions } from "./extract-pool.js";
import { registerReadCache } from "./plugins/cache.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerHealth } from "./plugins/health.js";
import { registerHygiene, type RateLimitOptions } from "./plugins/hygiene.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { registerWeb } from "./plugins/web.js";
import { analystRoutes } from "./routes/analyst.js";
import { articleRoutes } from "./routes/articles.js";
import { eventRoutes } from "./routes/events.js";
import { exportRoutes } from "./routes/export.js";
import { extractRoutes } from "./routes/extract.js";
import { flagRoutes } from "./routes/flags.js";
import { incidentRoutes } from "./routes/incidents.js";
import { ingestRoutes } from "./routes/ingest.js";
import { statsRoutes } from "./routes/stats.js";
import { whyRoutes } from "./routes/why.js";
import type { ApiInstance, RoutePlugin } from "./type-provider.js";

export type { Extractor } from "./plugins/context.js";

export interface AppOptions {
  store: SitrepStore;
  /** built on the first extract/ingest request when absent (it loads models) */
  pipeline?: Extractor;
  /** bearer token for POST /api/ingest; without one, writes answer 403 */
  token?: string;
  /** folder of the built dashboard; default web/dist in the package; false serves the API only */
  webRoot?: string | false;
  /** Fastify's logger option: false (default) or true / a pino config */
  logger?: boolean | object;
  /** request body limit in bytes (default 8 MiB: a batch of articles) */
  bodyLimit?: number;
  /** the extraction pool's threads, queue, time budget and size limit (used when no `pipeline` is given) */
  extractPool?: ExtractPoolOptions;
  /** origins allowed to read the API from a browser; default none (no CORS headers) */
  cors?: string[] | false;
  /** per-address limit on POST routes; default 60 a minute; false turns it off */
  rateLimit?: RateLimitOptions | false;
  /** base URLs for the OpenAPI document's `servers`; default "/" */
  servers?: string[];
  /** how long a GET answer under /api is reused, in ms (default 1000; 0 turns the read cache off) */
  cacheTtlMs?: number;
}

const ROUTES: RoutePlugin[] = [
  incidentRoutes, eventRoutes, articleRoutes, statsRoutes, extractRoutes, ingestRoutes, exportRoutes,
  analystRoutes, whyRoutes, flagRoutes,
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? 8 * 1024 * 1024;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit });
  // Order matters: error shape and shared schemas first, then the plugins that hook every route, then routes.
  registerErrorHandling(app, bodyLimit);
  registerContext(app, { store: options.store, pipeline: options.pipeline, token: options.token, extractPool: options.extractPool });
  // Before the hygiene plugins: the cache keeps the answer before ETag and compression see it.
  registerReadCache(app, { ttlMs: options.cacheTtlMs ?? 1000 });
  await registerHygiene(app, { cors: options.cors ?? false, rateLimit: options.rateLimit });
  await registerOpenApi(app, {
    title: "sitrep",
    version: "1",
    description: "News reports in, a sourced, geolocated, deduplicated record of incidents out.",
    servers: options.servers,
  });
  registerHealth(app);
  await app.register(
    async (api) => {
      for (const routes of ROUTES) await api.register(routes as (i: FastifyInstance) => Promise<void>);
    },
    { prefix: "/api" },
  );
  const webRoot = options.webRoot ?? fromRoot("web", "dist");
  if (webRoot !== false) await registerWeb(app, webRoot);
  await app.ready();
  return app as unknown as FastifyInstance & ApiInstance;
}
