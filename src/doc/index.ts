export { Doc } from "./doc.js";
export type { Token, Sentence, LabeledSpan, ArticleMeta, DocFacts, AlignmentMode } from "./doc.js";
export { lowerBound, span, SpanIndex, SpanSet } from "./span.js";
