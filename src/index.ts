/**
 * sitrep as a library: `extract()` one article into a `sitrep/1` report, or `createPipeline()` once and
 * run it over many.
 */
export { extract, createPipeline, STAGES } from "./pipeline.js";
export type { Pipeline, PipelineOptions, ArticleInput } from "./pipeline.js";
export { readArticle, readArticleFile, decodeText, detectLanguage, MAX_INPUT_BYTES } from "./ingest/read.js";
export { formatBrief } from "./brief.js";
export { Doc } from "./doc/index.js";
export type { Token, Sentence, LabeledSpan } from "./doc/index.js";
export { SitrepError, isSitrepError } from "./errors.js";
export type { SitrepErrorCode } from "./errors.js";
export * from "./report.js";
