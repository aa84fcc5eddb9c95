/** Schemas of the analyst's endpoints: map points, trends, regions, actors, data quality, why-merged, flags. */
import { Type } from "@sinclair/typebox";
import { FLAG_FIELDS, FLAG_KINDS } from "../../store/flags.js";
import { INTERVALS, QUALITY_ISSUES, SPLITS, STACKS } from "../../store/analytics.js";
import { CountSchema, FilterProperties, Nullable, PageSchema, PagingProperties, StringEnum } from "./common.js";
import { IncidentPlaceSchema, IncidentSummarySchema } from "./store.js";
import { PloverTypeSchema } from "./report.js";

export const MapPointsSchema = Type.Object({
  total: Type.Integer({ minimum: 0, description: "incidents matching the filters" }),
  unlocated: Type.Integer({ minimum: 0, description: "of those, incidents without coordinates (not on the map)" }),
  points: Type.Array(
    Type.Object({
      id: Type.String(),
      lat: Type.Number(),
      lon: Type.Number(),
      type: PloverTypeSchema,
      precision: Type.Integer({ minimum: 1, maximum: 4 }),
      killed: Nullable(Type.Number()),
      date: Nullable(Type.String()),
      summary: Type.String(),
    }),
  ),
});

export const TrendsQuerySchema = Type.Object(
  {
    ...FilterProperties,
    interval: Type.Optional(StringEnum(INTERVALS, "period of each bar (default week)")),
    stack: Type.Optional(StringEnum(STACKS, "what the incident bars are stacked by (default type)")),
    split: Type.Optional(StringEnum(SPLITS, "small multiples by country or province (default none)")),
  },
  { additionalProperties: false },
);

const numbers = Type.Array(Type.Number());

export const TrendsSchema = Type.Object({
  interval: StringEnum(INTERVALS),
  stack: StringEnum(STACKS),
  split: StringEnum(SPLITS),
  periods: Type.Array(Type.String(), { description: "first day of each period, consecutive" }),
  incidents: numbers,
  killed: Type.Object({ low: numbers, best: numbers, high: numbers }, { description: "sums of the incidents' killed figures" }),
  openHigh: Type.Array(Type.Boolean(), { description: "the period's high includes an open-ended figure" }),
  stacks: Type.Array(Type.Object({ key: Type.String(), counts: numbers })),
  panels: Type.Array(Type.Object({ key: Type.String(), incidents: numbers, killed: numbers, total: Type.Integer() })),
  undated: Type.Integer({ minimum: 0 }),
});

const RegionSchema = Type.Object({
  key: Type.String(),
  country: Nullable(Type.String()),
  numeric: Nullable(Type.String({ description: "countries: ISO 3166-1 numeric, the basemap's id for the country" })),
  incidents: Type.Integer(),
  killed: Type.Number(),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
});
export const RegionsSchema = Type.Object({ countries: Type.Array(RegionSchema), admin1: Type.Array(RegionSchema) });

const NameCount = Type.Object({ name: Type.String(), count: Type.Integer() });
export const ActorProfileSchema = Type.Object({
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  incidents: Type.Integer(),
  asActor: Type.Integer(),
  asTarget: Type.Integer(),
  types: Type.Array(Type.Object({ type: Type.String(), count: Type.Integer() })),
  targets: Type.Array(NameCount),
  attackedBy: Type.Array(NameCount),
  months: Type.Array(Type.Object({ month: Type.String(), count: Type.Integer() })),
  latest: Type.Array(IncidentSummarySchema),
  map: MapPointsSchema,
  quotes: Type.Array(
    Type.Object({
      articleId: Type.String(),
      title: Nullable(Type.String()),
      published: Nullable(Type.String()),
      text: Type.String(),
      speaker: Type.String(),
      role: Type.String(),
    }),
  ),
});

export const ActorParamsSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200, description: "the actor's name as stored (any case)" }) },
  { additionalProperties: false },
);

export const QualityQuerySchema = Type.Object(
  {
    ...FilterProperties,
    ...PagingProperties,
    issue: Type.Optional(StringEnum(QUALITY_ISSUES, "which events to list (default far-date)")),
    farDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 36500, description: "days from publication that make a date far (default 365)" })),
  },
  { additionalProperties: false },
);

export const QualitySchema = Type.Object({
  farDays: Type.Integer(),
  issue: StringEnum(QUALITY_ISSUES),
  counts: Type.Object({ events: Type.Integer(), farDate: Type.Integer(), noPlace: Type.Integer() }),
  page: PageSchema(
    Type.Object({
      eventId: Type.String(),
      articleId: Type.String(),
      incidentId: Nullable(Type.String()),
      title: Nullable(Type.String()),
      published: Nullable(Type.String()),
      type: PloverTypeSchema,
      date: Nullable(Type.String()),
      dateEnd: Nullable(Type.String()),
      place: Nullable(IncidentPlaceSchema),
      daysFromPublication: Nullable(Type.Integer()),
    }),
    "events",
  ),
});

/** Each part of the match (MATCH_PARTS in src/incidents/matcher/features.ts): its contribution in log-odds. */
const PartsSchema = Type.Object({
  time: Type.Number(),
  place: Type.Number(),
  participants: Type.Number(),
  counts: Type.Number(),
  type: Type.Number(),
});

const ReasonSchema = Type.Object({
  part: Type.String(),
  features: Type.Array(Type.String(), { description: 'what the two frames share or not in this part, e.g. "place:near"' }),
  contribution: Type.Number({ description: "log-odds: positive argues for one happening, negative for two" }),
});

export const WhySchema = Type.Object({
  incidentId: Type.String(),
  threshold: Type.Number({ description: "the score at or above which two events are one incident" }),
  sources: Type.Array(
    Type.Object({
      eventId: Type.String(),
      articleId: Type.String(),
      outlet: Nullable(Type.String()),
      title: Nullable(Type.String()),
      published: Nullable(Type.String()),
      founder: Type.Boolean({ description: "the first event of the incident: it joined nothing" }),
      storedScore: Nullable(Type.Number({ description: "the score with which it joined when it was stored" })),
      what: Type.Object({
        type: Type.String(),
        date: Nullable(Type.String()),
        dateEnd: Nullable(Type.String()),
        place: Nullable(Type.String()),
        actors: Type.Array(Type.String()),
        targets: Type.Array(Type.String()),
        killed: Nullable(CountSchema),
      }),
      best: Nullable(
        Type.Object({
          withEventId: Type.String(),
          withOutlet: Nullable(Type.String()),
          score: Type.Number(),
          parts: PartsSchema,
          reasons: Type.Array(ReasonSchema),
        }),
      ),
      contradicts: Type.Array(
        Type.Object({
          eventId: Type.String(),
          veto: Type.String({ description: "why they cannot be one happening: other-country, places-apart, dates-apart, ..." }),
        }),
        { description: "members this source cannot be the same happening as" },
      ),
    }),
  ),
});

export const NewFlagSchema = Type.Object(
  {
    kind: StringEnum(FLAG_KINDS),
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    field: Type.Optional(StringEnum(FLAG_FIELDS)),
    note: Type.String({ minLength: 1, maxLength: 4000 }),
    suggested: Type.Optional(Type.String({ maxLength: 2000 })),
    author: Type.String({ minLength: 1, maxLength: 200, description: "who raises the flag" }),
  },
  { additionalProperties: false },
);

export const FlagSchema = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  eventId: Nullable(Type.String()),
  kind: StringEnum(FLAG_KINDS),
  field: Nullable(StringEnum(FLAG_FIELDS)),
  note: Type.String(),
  suggested: Nullable(Type.String()),
  machineValue: Type.Unknown({ description: "the machine's value when the flag was raised; the incident itself is never changed" }),
  author: Type.String(),
  createdAt: Type.String(),
});

export const FlagExportQuerySchema = Type.Object(
  { format: Type.Optional(StringEnum(["ndjson", "csv"] as const, "default ndjson")) },
  { additionalProperties: false },
);
