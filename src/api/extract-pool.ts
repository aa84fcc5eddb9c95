/**
 * Extraction off the server's event loop: a pool of worker threads (piscina) with a size limit per article, a
 * limit on threads and on waiting articles, and a time budget per article. A request over a limit gets a clear
 * error (413, 503) while every other request keeps being answered.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { SitrepError } from "../errors.js";
import type { ExtractTaskResult } from "./extract-task.js";
import type { Report } from "../report.js";
import type { ArticleInputBody } from "./schemas/articles.js";

export interface ExtractPoolOptions {
  /** threads extracting at once (default: cores - 1, at least 1) */
  threads?: number;
  /** articles waiting for a thread before new ones are refused with 503 (default 4 per thread) */
  queue?: number;
  /** time budget per article in ms, waiting included (default 30 s) */
  timeoutMs?: number;
  /** longest text or HTML accepted, in characters (default 2,000,000) */
  maxChars?: number;
}

export interface ExtractPool {
  extract(input: ArticleInputBody): Promise<Report>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_CHARS = 2_000_000;

export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  const queue = options.queue ?? 4 * threads;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const pool = new Piscina({
    filename: new URL("./extract-task.js", import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    maxQueue: queue,
    idleTimeout: 60_000,
  });
  return {
    async extract(input) {
      const size = Math.max(input.text?.length ?? 0, input.html?.length ?? 0);
      if (size > maxChars) {
        throw new SitrepError("SITREP_INPUT_TOO_LARGE", `the article has ${size} characters; the server extracts at most ${maxChars}`, 413);
      }
      if (pool.queueSize >= queue) throw new SitrepError("SITREP_BUSY", `the server is extracting ${threads + queue} articles already: try again shortly`, 503);
      try {
        // An aborted task that is running has its thread terminated (and replaced): the budget really ends it.
        const result = (await pool.run(input, { signal: AbortSignal.timeout(timeoutMs) })) as ExtractTaskResult;
        if ("refused" in result) {
          const { code, message, statusCode } = result.refused;
          throw new SitrepError(code as SitrepError["code"], message, statusCode);
        }
        return result.report;
      } catch (err) {
        if (err instanceof SitrepError) throw err;
        const e = err as Error & { code?: string };
        if (e.name === "AbortError" || e.name === "TimeoutError") {
          throw new SitrepError("SITREP_TIMEOUT", `extraction took longer than ${timeoutMs / 1000} s and was stopped`, 503);
        }
        if (/queue is at limit/i.test(e.message)) throw new SitrepError("SITREP_BUSY", "the server's extraction queue is full: try again shortly", 503);
        if (typeof e.code === "string" && e.code.startsWith("SITREP_")) throw new SitrepError(e.code as SitrepError["code"], e.message);
        throw err;
      }
    },
    close: () => pool.destroy(),
  };
}
