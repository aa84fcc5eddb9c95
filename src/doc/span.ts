import type { Span } from "../report.js";
import type { Doc } from "./doc.js";

/** A report `Span` (with its words) for `[start, end)` of the doc's text. */
export function span(doc: Doc, start: number, end: number): Span {
  return { start, end, text: doc.text.slice(start, end) };
}
