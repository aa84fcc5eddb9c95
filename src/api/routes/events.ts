/** Events: what each article reported, before and after merging into incidents. */
import { toQueryFilter } from "../filters.js";
import { errorResponses, PagedFilterQuerySchema, PageSchema } from "../schemas/common.js";
import { StoredEventSchema } from "../schemas/store.js";
import type { ApiInstance } from "../type-provider.js";

export async function eventRoutes(app: ApiInstance): Promise<void> {
  app.get(
    "/events",
    {
      schema: {
        summary: "List source events matching the filters",
        tags: ["events"],
        querystring: PagedFilterQuerySchema,
        response: { 200: PageSchema(StoredEventSchema, "events"), ...errorResponses(400) },
      },
    },
    async (request) => app.sitrep.store.listEvents(toQueryFilter(request.query)),
  );
}
