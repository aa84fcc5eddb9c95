/** Writes: extract articles and store them. Needs the configured bearer token. */
import { Type } from "@sinclair/typebox";
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
      // Extracted side by side in the pool (its limits apply), then stored in one batch.
      const reports = await Promise.all(articles.map((article) => pipeline.extract(article)));
      const results: SaveResult[] = await app.sitrep.store.saveReports(
        reports.map((report, i) => ({ report, source: { url: articles[i].url, outlet: articles[i].outlet, origin: "api" } })),
      );
      return results;
    },
  );
}
