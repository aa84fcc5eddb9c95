/** Read-only extraction: the report of an article that is not stored (the dashboard's paste box). */
import { SitrepError } from "../../errors.js";
import { ArticleInputSchema, type ArticleInputBody } from "../schemas/articles.js";
import { errorResponses } from "../schemas/common.js";
import { ReportSchema } from "../schemas/report.js";
import type { ApiInstance } from "../type-provider.js";

/** `text` or `html` must be there: a schema `anyOf` would give a muddled message, so this says it plainly. */
export function requireContent(body: ArticleInputBody, where = "body"): void {
  if (!body.text?.trim() && !body.html?.trim()) {
    throw new SitrepError("SITREP_INPUT_EMPTY", `${where} needs a non-empty 'text' or 'html' field`, 400);
  }
}

export async function extractRoutes(app: ApiInstance): Promise<void> {
  app.post(
    "/extract",
    {
      schema: {
        summary: "Extract the report of one article without storing it",
        tags: ["articles"],
        body: ArticleInputSchema,
        response: { 200: ReportSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      requireContent(request.body);
      const pipeline = await app.sitrep.extractor();
      return await pipeline.extract(request.body);
    },
  );
}
