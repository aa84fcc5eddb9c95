/** Aggregates for the dashboard: incidents per day by type, and the values worth filtering on. */
import { Type } from "@sinclair/typebox";
import { toQueryFilter } from "../filters.js";
import { errorResponses, FilterQuerySchema } from "../schemas/common.js";
import { FacetsSchema, TimelineBucketSchema } from "../schemas/store.js";
import type { ApiInstance } from "../type-provider.js";

export async function statsRoutes(app: ApiInstance): Promise<void> {
  app.get(
    "/timeline",
    {
      schema: {
        summary: "Incidents per day and type, for the filters",
        tags: ["stats"],
        querystring: FilterQuerySchema,
        response: { 200: Type.Array(TimelineBucketSchema), ...errorResponses(400) },
      },
    },
    async (request) => app.sitrep.store.timeline(toQueryFilter(request.query)),
  );

  app.get(
    "/facets",
    {
      schema: {
        summary: "Countries, types and actors with their incident counts, and the span of dates stored",
        tags: ["stats"],
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: FacetsSchema, ...errorResponses(400) },
      },
    },
    async () => app.sitrep.store.facets(),
  );
}
