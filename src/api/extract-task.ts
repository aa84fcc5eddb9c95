/**
 * The task a thread of the API's extraction pool runs (piscina): one article in, its report out. Each thread
 * builds its pipeline once, on its first task.
 *
 * An error crossing the thread boundary keeps only its message (structured cloning drops an Error's own fields),
 * so a SitrepError comes back as a plain value that carries its code and status, and the pool throws it again.
 */
import { isSitrepError } from "../errors.js";
import { createPipeline, type ArticleInput, type Pipeline } from "../pipeline.js";
import type { Report } from "../report.js";

let pipeline: Pipeline | undefined;

/** What a thread answers: the report, or the refusal of a bad article with its code, message and status. */
export type ExtractTaskResult =
  | { report: Report }
  | { refused: { code: string; message: string; statusCode: number } };

export default function extractTask(input: ArticleInput): ExtractTaskResult {
  pipeline ??= createPipeline();
  try {
    return { report: pipeline.extract(input) };
  } catch (err) {
    if (isSitrepError(err)) return { refused: { code: err.code, message: err.message, statusCode: err.statusCode } };
    throw err;
  }
}
