/** Articles and their full `sitrep/1` reports. */
import { SitrepError } from "../../errors.js";
import { toQueryFilter } from "../filters.js";
import { errorResponses, IdParamsSchema, PagedFilterQuerySchema, PageSchema } from "../schemas/common.js";
import { ReportSchema } from "../schemas/report.js";
import { ArticleSummarySchema } from "../schemas/store.js";
import type { ApiInstance } from "../type-provider.js";

export async function articleRoutes(app: ApiInstance): Promise<void> {
  app.get(
    "/articles",
    {
      schema: {
        summary: "List stored articles matching the filters",
        tags: ["articles"],
        querystring: PagedFilterQuerySchema,
        response: { 200: PageSchema(ArticleSummarySchema, "articles"), ...errorResponses(400) },
      },
    },
    async (request) => app.sitrep.store.listArticles(toQueryFilter(request.query)),
  );

  app.get(
    "/articles/:id",
    {
      schema: {
        summary: "The sitrep/1 report of one stored article",
        tags: ["articles"],
        params: IdParamsSchema,
        response: { 200: ReportSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const report = await app.sitrep.store.getArticle(request.params.id);
      if (!report) throw new SitrepError("SITREP_NOT_FOUND", `no article with id "${request.params.id}"`, 404);
      return report;
    },
  );
}
