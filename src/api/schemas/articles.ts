/** Request bodies for reading articles in: extract (read-only) and ingest (stored). */
import { Type, type Static } from "@sinclair/typebox";
import { ISO_DAY_PATTERN } from "./common.js";

/** 2 MB of text is far beyond any news article; larger bodies are refused before they reach the pipeline. */
export const MAX_ARTICLE_CHARS = 2_000_000;
export const MAX_ARTICLES_PER_REQUEST = 100;

export const ArticleInputSchema = Type.Object(
  {
    text: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_ARTICLE_CHARS, description: "plain text" })),
    html: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_ARTICLE_CHARS, description: "an HTML page" })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    published: Type.Optional(
      Type.String({
        pattern: `${ISO_DAY_PATTERN.slice(0, -1)}(?:[T ][0-9:.]+(?:Z|[+-]\\d{2}:?\\d{2})?)?$`,
        description: "ISO date or date-time of publication",
      }),
    ),
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    outlet: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false, description: "one article: `text` or `html` is required" },
);
export type ArticleInputBody = Static<typeof ArticleInputSchema>;

export const IngestBodySchema = Type.Union(
  [
    ArticleInputSchema,
    Type.Object(
      { articles: Type.Array(ArticleInputSchema, { minItems: 1, maxItems: MAX_ARTICLES_PER_REQUEST }) },
      { additionalProperties: false },
    ),
  ],
  { description: "one article, or `{ articles: [...] }`" },
);
export type IngestBody = Static<typeof IngestBodySchema>;
