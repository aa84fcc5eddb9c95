/**
 * A worker_threads writer of the store bench: synthesises the same reports as the parent, opens its own store and
 * saves every `of`-th batch starting at `share`, so that several writers split one workload between them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { synthesiseReports } from "./store.js";
import { createStore } from "../src/store/index.js";

interface WriterData {
  url: string;
  events: number;
  batch: number;
  share: number;
  of: number;
  /** a throwaway store the writer saves `warmUpEvents` other events into first (see StoreBenchOptions) */
  warmUrl?: string;
  warmUpEvents: number;
}

const { url, events, batch, share, of, warmUrl, warmUpEvents } = workerData as WriterData;
const reports = synthesiseReports(events);
if (warmUrl && warmUpEvents > 0) {
  const warm = await createStore(warmUrl);
  const others = synthesiseReports(warmUpEvents, 2, 7 + share);
  for (let b = 0; b * batch < others.length; b++) await warm.saveReports(others.slice(b * batch, (b + 1) * batch).map((report) => ({ report })));
  await warm.close();
}
const store = await createStore(url);
parentPort!.postMessage("ready");
parentPort!.once("message", async () => {
  for (let b = share; b * batch < reports.length; b += of) {
    await store.saveReports(reports.slice(b * batch, (b + 1) * batch).map((report) => ({ report })));
  }
  await store.close();
  parentPort!.postMessage("done");
});
