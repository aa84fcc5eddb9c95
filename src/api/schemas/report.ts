/**
 * The `sitrep/1` report as JSON Schema (see src/report.ts and docs/report-format.md).
 * Objects allow additional properties: the format grows by adding fields, and the serialiser must pass them on.
 */
import { Type } from "@sinclair/typebox";
import { PLOVER_TYPES } from "../../report.js";
import { CountSchema, GranularitySchema, Nullable, SpanSchema, StringEnum } from "./common.js";

const open = { additionalProperties: true } as const;

export const PloverTypeSchema = StringEnum(PLOVER_TYPES, "PLOVER event type");
const ENTITY_KINDS = [
  "person", "organization", "armed_group", "government", "military", "media",
  "igo", "ngo", "civilians", "country", "other",
] as const;
const FEATURE_TYPES = ["country", "admin1", "admin2", "city", "region", "landmark", "other"] as const;
const CATEGORIES = ["crime", "natural_disaster", "man_made_disaster", "diplomacy", "attribution"] as const;
const ATTRIBUTION = ["stated", "claimed", "contested", "unknown"] as const;

export const AcledSchema = Nullable(Type.Object({ eventType: Type.String(), subEventType: Type.String() }));
export const PrecisionSchema = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
  description: "1 town/point, 2 near a town or small region, 3 admin area or large region, 4 country",
});
export const AttributionSchema = Type.Object({
  status: StringEnum(ATTRIBUTION),
  candidates: Type.Array(Type.String()),
});

export const ArticleSchema = Type.Object(
  {
    id: Type.String(),
    title: Nullable(Type.String()),
    published: Nullable(Type.String()),
    url: Type.Optional(Type.String()),
    outlet: Type.Optional(Type.String()),
    credits: Type.Object({ authors: Type.Array(Type.String()), agencies: Type.Array(Type.String()) }),
    subheads: Type.Array(Type.String()),
    related: Type.Array(Type.String()),
    language: Type.String(),
    text: Type.String(),
  },
  open,
);

export const EntitySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: StringEnum(ENTITY_KINDS),
    aliases: Type.Array(Type.String()),
    roles: Type.Array(Type.String()),
    country: Nullable(Type.String()),
    affiliations: Type.Array(Type.String()),
    mentions: Type.Array(SpanSchema),
  },
  open,
);

export const PlaceSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    geonameId: Nullable(Type.Integer()),
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
    country: Nullable(Type.String()),
    admin1: Nullable(Type.String()),
    featureType: StringEnum(FEATURE_TYPES),
    precision: PrecisionSchema,
    mentions: Type.Array(SpanSchema),
  },
  open,
);

export const TimeRefSchema = Type.Object(
  {
    id: Type.String(),
    value: Type.String(),
    granularity: GranularitySchema,
    anchoredTo: StringEnum(["published", "absolute", "other"] as const),
    mentions: Type.Array(SpanSchema),
  },
  open,
);

export const QuoteSchema = Type.Object(
  {
    text: Type.String(),
    evidence: Type.Array(SpanSchema),
    speaker: Nullable(Type.String()),
    speakerText: Nullable(Type.String()),
    cue: Nullable(Type.String()),
    confidence: Type.Number(),
  },
  open,
);

export const EventSchema = Type.Object(
  {
    id: Type.String(),
    type: PloverTypeSchema,
    mode: Nullable(Type.String()),
    acled: AcledSchema,
    category: Type.Optional(StringEnum(CATEGORIES)),
    actors: Type.Array(Type.String()),
    targets: Type.Array(Type.String()),
    place: Nullable(Type.String()),
    time: Nullable(Type.String()),
    casualties: Nullable(
      Type.Object({ killed: Nullable(CountSchema), injured: Nullable(CountSchema), victims: Nullable(Type.String()) }),
    ),
    attribution: AttributionSchema,
    negated: Type.Boolean(),
    hypothetical: Type.Boolean(),
    evidence: Type.Array(SpanSchema),
    confidence: Type.Number(),
  },
  open,
);

export const AmountSchema = Type.Object(
  {
    value: Type.Number(),
    currency: Type.String(),
    alternatives: Type.Array(Type.Object({ value: Type.Number(), currency: Type.String() })),
    purpose: Nullable(Type.String()),
    donor: Nullable(Type.String()),
    recipient: Nullable(Type.String()),
    evidence: Type.Array(SpanSchema),
  },
  open,
);

export const ReportSchema = Type.Object(
  {
    schema: Type.Literal("sitrep/1"),
    article: ArticleSchema,
    entities: Type.Array(EntitySchema),
    places: Type.Array(PlaceSchema),
    times: Type.Array(TimeRefSchema),
    quotes: Type.Array(QuoteSchema),
    events: Type.Array(EventSchema),
    amounts: Type.Array(AmountSchema),
    warnings: Type.Array(Type.String()),
  },
  { ...open, description: "the sitrep/1 report of one article" },
);
