/** The analyst's read models: every located incident for the map, trends, regions, actor pages, data quality. */
import { SitrepError } from "../../errors.js";
import { actorProfile, mapPoints, quality, regions, storeDb, trends } from "../../store/analytics.js";
import { toQueryFilter } from "../filters.js";
import {
  ActorParamsSchema, ActorProfileSchema, MapPointsSchema, QualityQuerySchema, QualitySchema, RegionsSchema, TrendsQuerySchema,
  TrendsSchema,
} from "../schemas/analyst.js";
import { errorResponses, FilterQuerySchema } from "../schemas/common.js";
import type { ApiInstance } from "../type-provider.js";

export async function analystRoutes(app: ApiInstance): Promise<void> {
  const store = () => storeDb(app.sitrep.store);

  app.get(
    "/map/points",
    {
      schema: {
        summary: "Every located incident matching the filters, for a clustered map (no cap), and how many have no place",
        tags: ["analysis"],
        querystring: FilterQuerySchema,
        response: { 200: MapPointsSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { db, dialect } = store();
      return mapPoints(db, dialect, toQueryFilter(request.query));
    },
  );

  app.get(
    "/trends",
    {
      schema: {
        summary: "Incidents and killed (best, low-high band) per day, week or month, stacked by type or actor, split by country or province",
        tags: ["analysis"],
        querystring: TrendsQuerySchema,
        response: { 200: TrendsSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { interval = "week", stack = "type", split = "none", ...raw } = request.query;
      const { db, dialect } = store();
      return trends(db, dialect, toQueryFilter(raw), { interval, stack, split });
    },
  );

  app.get(
    "/regions",
    {
      schema: {
        summary: "Incidents and killed per country and per province, for the choropleth",
        tags: ["analysis"],
        querystring: FilterQuerySchema,
        response: { 200: RegionsSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { db, dialect } = store();
      return regions(db, dialect, toQueryFilter(request.query));
    },
  );

  app.get(
    "/actors/:name",
    {
      schema: {
        summary: "One actor: its incidents, event types, counterparts, aliases and its spokespeople's quotes",
        tags: ["analysis"],
        params: ActorParamsSchema,
        response: { 200: ActorProfileSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const profile = await actorProfile(store().db, request.params.name);
      if (!profile) throw new SitrepError("SITREP_NOT_FOUND", `no actor named "${request.params.name}"`, 404);
      return profile;
    },
  );

  app.get(
    "/quality",
    {
      schema: {
        summary: "Events dated far from their article's publication, or without a place: counted, and one kind listed",
        tags: ["analysis"],
        querystring: QualityQuerySchema,
        response: { 200: QualitySchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { issue = "far-date", farDays, limit = 50, offset = 0, ...raw } = request.query;
      const { db, dialect } = store();
      return quality(db, dialect, toQueryFilter(raw), { issue, farDays, limit, offset });
    },
  );
}
