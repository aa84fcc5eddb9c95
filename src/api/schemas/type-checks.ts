/**
 * Compile-time proof that the schemas describe the contract types: if the store's types or the report
 * change and a schema does not, `tsc` fails here (a response schema silently drops fields it lacks).
 */
import type { Static } from "@sinclair/typebox";
import type { Report } from "../../report.js";
import type {
  ArticleSummary, Facets, IncidentDetail, IncidentSummary, SaveResult, StoredEvent, TimelineBucket,
} from "../../store/types.js";
import type { ReportSchema } from "./report.js";
import type {
  ArticleSummarySchema, FacetsSchema, IncidentDetailSchema, IncidentSummarySchema, SaveResultSchema,
  StoredEventSchema, TimelineBucketSchema,
} from "./store.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type SchemaMatchesContract = [
  Assert<Same<Static<typeof ReportSchema>, Report>>,
  Assert<Same<Static<typeof IncidentSummarySchema>, IncidentSummary>>,
  Assert<Same<Static<typeof IncidentDetailSchema>, IncidentDetail>>,
  Assert<Same<Static<typeof StoredEventSchema>, StoredEvent>>,
  Assert<Same<Static<typeof ArticleSummarySchema>, ArticleSummary>>,
  Assert<Same<Static<typeof TimelineBucketSchema>, TimelineBucket>>,
  Assert<Same<Static<typeof FacetsSchema>, Facets>>,
  Assert<Same<Static<typeof SaveResultSchema>, SaveResult>>,
];
