/** Incidents: happenings merged across sources. */
import { SitrepError } from "../../errors.js";
import { toQueryFilter } from "../filters.js";
import { errorResponses, IdParamsSchema, PagedFilterQuerySchema, PageSchema } from "../schemas/common.js";
import { IncidentDetailSchema, IncidentSummarySchema } from "../schemas/store.js";
import type { ApiInstance } from "../type-provider.js";

export async function incidentRoutes(app: ApiInstance): Promise<void> {
  app.get(
    "/incidents",
    {
      schema: {
        summary: "List incidents matching the filters, newest first",
        tags: ["incidents"],
        querystring: PagedFilterQuerySchema,
        response: { 200: PageSchema(IncidentSummarySchema, "incidents"), ...errorResponses(400) },
      },
    },
    async (request) => app.sitrep.store.listIncidents(toQueryFilter(request.query)),
  );

  app.get(
    "/incidents/:id",
    {
      schema: {
        summary: "One incident with its sources, each source's figures and evidence, and the quotes about it",
        tags: ["incidents"],
        params: IdParamsSchema,
        response: { 200: IncidentDetailSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const incident = await app.sitrep.store.getIncident(request.params.id);
      if (!incident) throw new SitrepError("SITREP_NOT_FOUND", `no incident with id "${request.params.id}"`, 404);
      return incident;
    },
  );
}
