/**
 * The task a thread of the API's extraction pool runs (piscina): one article in, its report out. Each thread
 * builds its pipeline once, on its first task.
 */
import { createPipeline, type ArticleInput, type Pipeline } from "../pipeline.js";
import type { Report } from "../report.js";

let pipeline: Pipeline | undefined;

export default function extractTask(input: ArticleInput): Report {
  pipeline ??= createPipeline();
  return pipeline.extract(input);
}
