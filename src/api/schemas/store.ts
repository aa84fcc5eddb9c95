/** The store's row types (src/store/types.ts) as JSON Schema, for validation, serialisation and OpenAPI. */
import { Type } from "@sinclair/typebox";
import { CountSchema, GranularitySchema, Nullable, SpanSchema } from "./common.js";
import { AcledSchema, AttributionSchema, PloverTypeSchema, PrecisionSchema } from "./report.js";

export const IncidentPlaceSchema = Type.Object({
  name: Type.String(),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  country: Nullable(Type.String()),
  admin1: Nullable(Type.String()),
  featureType: Type.String(),
  precision: PrecisionSchema,
});

const incidentSummaryProperties = {
  id: Type.String(),
  type: PloverTypeSchema,
  mode: Nullable(Type.String()),
  acled: AcledSchema,
  date: Nullable(Type.String({ description: "first day of the happening, ISO" })),
  granularity: Nullable(GranularitySchema),
  place: Nullable(IncidentPlaceSchema),
  killed: Nullable(CountSchema),
  injured: Nullable(CountSchema),
  victims: Nullable(Type.String()),
  actors: Type.Array(Type.String()),
  targets: Type.Array(Type.String()),
  attribution: AttributionSchema,
  sourceCount: Type.Integer({ minimum: 0 }),
  summary: Type.String(),
};

export const IncidentSummarySchema = Type.Object(incidentSummaryProperties, {
  description: "one happening, merged across every source event that reported it",
});

export const IncidentSourceSchema = Type.Object({
  eventId: Type.String(),
  articleId: Type.String(),
  title: Nullable(Type.String()),
  outlet: Nullable(Type.String()),
  url: Nullable(Type.String()),
  agencies: Type.Array(Type.String()),
  published: Nullable(Type.String()),
  killed: Nullable(CountSchema),
  injured: Nullable(CountSchema),
  evidence: Type.Array(SpanSchema),
  excerpt: Type.String(),
});

export const IncidentQuoteSchema = Type.Object({
  articleId: Type.String(),
  text: Type.String(),
  speaker: Nullable(Type.String()),
  cue: Nullable(Type.String()),
  evidence: Type.Array(SpanSchema),
});

export const IncidentDetailSchema = Type.Object(
  {
    ...incidentSummaryProperties,
    sources: Type.Array(IncidentSourceSchema),
    quotes: Type.Array(IncidentQuoteSchema),
  },
  { description: "an incident with each source's own figures and the words that support it" },
);

export const StoredEventSchema = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  incidentId: Nullable(Type.String()),
  type: PloverTypeSchema,
  mode: Nullable(Type.String()),
  acled: AcledSchema,
  date: Nullable(Type.String()),
  place: Nullable(IncidentPlaceSchema),
  killed: Nullable(CountSchema),
  injured: Nullable(CountSchema),
  actors: Type.Array(Type.String()),
  targets: Type.Array(Type.String()),
});

export const ArticleSummarySchema = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  published: Nullable(Type.String()),
  outlet: Nullable(Type.String()),
  url: Nullable(Type.String()),
  language: Type.String(),
  eventCount: Type.Integer({ minimum: 0 }),
});

export const TimelineBucketSchema = Type.Object({
  date: Type.String(),
  type: PloverTypeSchema,
  count: Type.Integer({ minimum: 0 }),
});

export const FacetsSchema = Type.Object({
  countries: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer() })),
  types: Type.Array(Type.Object({ type: Type.String(), count: Type.Integer() })),
  actors: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
  dateRange: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
});

export const SaveResultSchema = Type.Object({
  articleId: Type.String(),
  duplicate: Type.Boolean({ description: "true when the same text was stored before: nothing was written" }),
  incidentIds: Type.Array(Type.String()),
});

