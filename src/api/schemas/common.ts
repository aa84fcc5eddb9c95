/**
 * Schemas every route shares: spans, counts, errors, pages and the query filter.
 * TypeBox values are plain JSON Schema: Fastify validates with them and /openapi.json is built from them.
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox";

/** `T | null`, the way the report writes "not stated". */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SpanSchema = Type.Object(
  {
    start: Type.Integer({ minimum: 0 }),
    end: Type.Integer({ minimum: 0 }),
    text: Type.String(),
  },
  { description: "half-open character range [start, end) into article.text, with its words" },
);

export const CountSchema = Type.Object(
  {
    low: Type.Number(),
    best: Type.Number(),
    high: Nullable(Type.Number()),
  },
  { description: "low / best / high; high is null when open-ended (\"at least 23\")" },
);

/** A string enum typed as the union of its values. */
export const StringEnum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(Type.String({ enum: [...values], ...(description ? { description } : {}) }));

export const GranularitySchema = StringEnum(["day", "week", "month", "year", "other"] as const);

/** An error reply, RFC 9457 problem details, with sitrep's stable code and the older field names kept. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: "a URI naming the kind of problem; about:blank when the status says it all" }),
    title: Type.String({ description: "the HTTP status phrase" }),
    status: Type.Integer({ description: "the HTTP status code" }),
    detail: Type.String({ description: "what was wrong and where, e.g. \"query parameter 'limit' must be <= 1000\"" }),
    instance: Type.String({ description: "the path of the request that failed" }),
    code: Type.String({ description: "stable machine-readable code, e.g. FST_ERR_VALIDATION or SITREP_NOT_FOUND" }),
    statusCode: Type.Integer({ description: "the same as status" }),
    error: Type.String({ description: "the same as title" }),
    message: Type.String({ description: "the same as detail" }),
  },
  { $id: "Problem", description: "RFC 9457 problem details" },
);
export type ErrorReply = Static<typeof ProblemSchema>;
/** @deprecated the older name of ProblemSchema */
export const ErrorSchema = ProblemSchema;

export const PROBLEM_MEDIA_TYPE = "application/problem+json";

/** The error replies a route can give, by status: problem+json, the shared Problem component. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { description: `error ${s}`, content: { [PROBLEM_MEDIA_TYPE]: { schema: Type.Ref("Problem") } } }]),
  );

export const PageSchema = <T extends TSchema>(item: T, name: string) =>
  Type.Object(
    {
      total: Type.Integer({ minimum: 0 }),
      limit: Type.Integer({ minimum: 0 }),
      offset: Type.Integer({ minimum: 0 }),
      items: Type.Array(item),
      next: Type.Optional(Type.String({ description: "cursor of the next page, for `after` (incidents, events); absent on the last page" })),
      totalAtLeast: Type.Optional(Type.Literal(true, {
        description: "`total` is a lower bound: a text query alone matching more than 2,000 articles counts the incidents of the first 2,000 (absent: `total` is exact)",
      })),
    },
    { description: `one page of ${name}` },
  );

export const ISO_DAY_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
const NUMBER = "-?\\d+(?:\\.\\d+)?";
export const BBOX_PATTERN = `^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`;
export const MAX_PAGE = 1000;
/** past any store's size, and far below where a number stops being an exact integer */
export const MAX_OFFSET = 100_000_000;

/** Filters without paging: timeline and export take these. */
export const FilterProperties = {
  from: Type.Optional(Type.String({ pattern: ISO_DAY_PATTERN, description: "first day, inclusive (YYYY-MM-DD)" })),
  to: Type.Optional(Type.String({ pattern: ISO_DAY_PATTERN, description: "last day, inclusive (YYYY-MM-DD)" })),
  bbox: Type.Optional(
    Type.String({ pattern: BBOX_PATTERN, description: "west,south,east,north in degrees, e.g. 35.5,32,42.5,37.5" }),
  ),
  country: Type.Optional(Type.String({ pattern: "^[A-Za-z]{2}$", description: "ISO 3166-1 alpha-2 code, e.g. SY" })),
  actor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: "actor or target name, case-insensitive substring" }),
  ),
  type: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: "PLOVER type (ASSAULT), ACLED event type (Battles) or sub-event type (Air/drone strike)",
    }),
  ),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: "full-text search over article text" })),
};

export const PagingProperties = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50, description: "page size" })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: "items to skip" })),
  after: Type.Optional(Type.String({ maxLength: 400, pattern: "^[A-Za-z0-9_-]+$", description: "keyset pagination: the `next` of the page before (incidents, events)" })),
};

export const FilterQuerySchema = Type.Object(FilterProperties, { additionalProperties: false });
export const PagedFilterQuerySchema = Type.Object(
  { ...FilterProperties, ...PagingProperties },
  { additionalProperties: false },
);
export type FilterQuery = Static<typeof FilterQuerySchema>;
export type PagedFilterQuery = Static<typeof PagedFilterQuerySchema>;

export const IdParamsSchema = Type.Object(
  { id: Type.String({ pattern: "^[A-Za-z0-9._:-]{1,128}$", description: "identifier" }) },
  { additionalProperties: false },
);
