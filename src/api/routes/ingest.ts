/** Writes: extract articles and store them. Needs the configured bearer token. */
import { Type } from "@sinclair/typebox";
import type { Report } from "../../report.js";
import type { SaveResult } from "../../store/types.js";
import { requireToken } from "../plugins/auth.js";
import { IngestBodySchema, type ArticleInputBody } from "../schemas/articles.js";
import { errorResponses } from "../schemas/common.js";
import { SaveResultSchema } from "../schemas/store.js";
import type { ApiInstance } from "../type-provider.js";
import { requireContent } from "./extract.js";

export async function ingestRoutes(app: ApiInstance): Promise<void> {
  app.post(
    "/ingest",
    {
      onRequest: requireToken(app.sitrep.token),
      schema: {
        summary: "Extract and store one article or `{ articles: [...] }`; storing the same text again is a no-op",
        tags: ["articles"],
        security: [{ bearerAuth: [] }],
        body: IngestBodySchema,
        response: { 200: Type.Array(SaveResultSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const body = request.body;
      const articles: ArticleInputBody[] = "articles" in body ? body.articles : [body];
      articles.forEach((a, i) => requireContent(a, "articles" in body ? `articles[${i}]` : "body"));
      const pipeline = await app.sitrep.extractor();
      // Extracted two at a time in the pool (so that one big batch cannot fill its queue and be refused), then
      // stored in one batch.
      const reports: Report[] = new Array(articles.length);
      let next = 0;
      const lane = async () => {
        for (let i = next++; i < articles.length; i = next++) reports[i] = await pipeline.extract(articles[i]);
      };
      await Promise.all([lane(), lane()]);
      const results: SaveResult[] = await app.sitrep.store.saveReports(
        reports.map((report, i) => ({ report, source: { url: articles[i].url, outlet: articles[i].outlet, origin: "api" } })),
      );
      return results;
    },
  );
}
