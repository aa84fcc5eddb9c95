/**
 * A worker_threads worker of the all-cores bench: loads the same workload, builds its own pipeline, says
 * "ready", then takes article indexes from the shared counter until they or the time run out.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadWorkload, type WorkloadOptions } from "./corpora.js";
import { extractAll } from "./phases.js";

interface ExtractWorkerData {
  workload: WorkloadOptions;
  counter: Int32Array;
}

const { workload, counter } = workerData as ExtractWorkerData;
const articles = loadWorkload(workload);
const { createPipeline } = await import("../src/pipeline.js");
const pipeline = createPipeline();
parentPort!.once("message", ({ deadline }: { deadline: number }) => {
  // performance.now() differs between threads: turn the wall-clock deadline into this thread's clock
  const localDeadline = performance.now() + (deadline - Date.now());
  const counts = extractAll(articles, (a) => pipeline.extract({ title: a.title, text: a.text, published: a.published }), localDeadline, () => Atomics.add(counter, 0, 1));
  parentPort!.postMessage(counts);
});
parentPort!.postMessage("ready");
