/**
 * Runs extraction on every core: a pool of worker threads, each with its own pipeline, fed one job at a time.
 * With `workers: 0` it runs in this thread instead (small inputs, environments without worker files).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { SitrepError } from "../errors.js";
import type { ArticleInput, Pipeline } from "../pipeline.js";
import type { Report } from "../report.js";

export type ExtractJob = { id: number } & ({ kind: "file"; path: string } | { kind: "input"; input: ArticleInput });
export type ExtractReply = { id: number; report: Report } | { id: number; error: { message: string; code?: string } };
export type ExtractRequest = { kind: "file"; path: string } | { kind: "input"; input: ArticleInput };

export interface Extractor {
  /** how many articles it extracts at once */
  readonly parallelism: number;
  extract(request: ExtractRequest): Promise<Report>;
  close(): Promise<void>;
}

/** Every core, by default. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

function replyError(e: { message: string; code?: string }): Error {
  if (e.code && e.code.startsWith("SITREP_")) return new SitrepError(e.code as SitrepError["code"], e.message);
  return new Error(e.message);
}

class InThreadExtractor implements Extractor {
  readonly parallelism = 1;
  private pipeline: Pipeline | undefined;

  async extract(request: ExtractRequest): Promise<Report> {
    if (!this.pipeline) {
      const { createPipeline } = await import("../pipeline.js");
      this.pipeline = createPipeline();
    }
    const { readArticleFile } = await import("./read.js");
    const input = request.kind === "file" ? readArticleFile(request.path) : request.input;
    return this.pipeline.extract(input);
  }

  async close(): Promise<void> {}
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

class WorkerPoolExtractor implements Extractor {
  readonly parallelism: number;
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve(r: Report): void; reject(e: Error): void; slot: Slot }>();
  private readonly queue: { job: ExtractJob; resolve(r: Report): void; reject(e: Error): void }[] = [];
  private nextId = 1;
  private broken: Error | null = null;

  constructor(size: number, workerFile: URL) {
    this.parallelism = size;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerFile);
      const slot: Slot = { worker, busy: false };
      worker.on("message", (reply: ExtractReply) => this.settle(slot, reply));
      worker.on("error", (err) => this.fail(slot, err));
      this.slots.push(slot);
    }
  }

  private settle(slot: Slot, reply: ExtractReply): void {
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    slot.busy = false;
    if (waiting) {
      if ("report" in reply) waiting.resolve(reply.report);
      else waiting.reject(replyError(reply.error));
    }
    this.pump();
  }

  /** A worker that dies (its pipeline cannot even load) fails its job and every later one with the same cause. */
  private fail(slot: Slot, err: Error): void {
    this.broken = new SitrepError("SITREP_STAGE_BAD_RETURN", `the extraction worker stopped: ${err.message}`);
    for (const [id, waiting] of this.pending) {
      if (waiting.slot === slot) {
        this.pending.delete(id);
        waiting.reject(this.broken);
      }
    }
    for (const q of this.queue.splice(0)) q.reject(this.broken);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.busy = true;
      this.pending.set(next.job.id, { resolve: next.resolve, reject: next.reject, slot });
      slot.worker.postMessage(next.job);
    }
  }

  extract(request: ExtractRequest): Promise<Report> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...request, id: this.nextId++ } as ExtractJob, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** A pool of `workers` threads (default: every core); 0 runs extraction in this thread. */
export function createExtractor(workers: number = defaultWorkerCount()): Extractor {
  const workerFile = new URL("./extract-worker.js", import.meta.url);
  // Under tsx the sources are .ts and no compiled worker sits beside them: extract in this thread then.
  if (workers <= 0 || !existsSync(fileURLToPath(workerFile))) return new InThreadExtractor();
  return new WorkerPoolExtractor(workers, workerFile);
}
