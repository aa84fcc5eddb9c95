/**
 * A worker thread that runs the extraction pipeline: the CPU-heavy half of ingest. It builds the pipeline once,
 * then answers each job with a report or a one-line error; it never touches the store.
 */
import { parentPort } from "node:worker_threads";
import { createPipeline, type Pipeline } from "../pipeline.js";
import { readArticleFile } from "./read.js";
import type { ExtractJob, ExtractReply } from "./extractor.js";

let pipeline: Pipeline | undefined;

parentPort?.on("message", (job: ExtractJob) => {
  let reply: ExtractReply;
  try {
    pipeline ??= createPipeline();
    const input = job.kind === "file" ? readArticleFile(job.path) : job.input;
    reply = { id: job.id, report: pipeline.extract(input) };
  } catch (err) {
    const e = err as Error & { code?: string };
    reply = { id: job.id, error: { message: e?.message ?? String(err), code: typeof e?.code === "string" ? e.code : undefined } };
  }
  parentPort!.postMessage(reply);
});
