/** Articles and their full `sitrep/1` reports. */
import { SitrepError } from "../../errors.js";
import { toQueryFilter } from "../filters.js";
import { errorResponses, IdParamsSchema, PagedFilterQuerySchema, PageSchema } from "../schemas/common.js";
import { ReportSchema } from "../schemas/report.js";
import { ArticleSummarySchema } from "../schemas/store.js";
import type { ApiInstance } from "../type-provider.js";
import { Type } from "@sinclair/typebox";
import { requireToken } from "../plugins/auth.js";

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

  app.delete(
    "/articles/:id",
    {
      onRequest: requireToken(app.sitrep.token),
      schema: {
        summary: "Remove a stored article; the incidents it was part of are re-derived from their other sources",
        tags: ["articles"],
        security: [{ bearerAuth: [] }],
        params: IdParamsSchema,
        response: { 200: Type.Object({ deleted: Type.String() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await app.sitrep.store.deleteArticle(request.params.id))) {
        throw new SitrepError("SITREP_NOT_FOUND", `no article with id "${request.params.id}"`, 404);
      }
      return { deleted: request.params.id };
    },
  );
}
