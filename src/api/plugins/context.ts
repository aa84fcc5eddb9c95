/**
 * What every route needs: the store and an extractor. They are decorated on the root instance, so every
 * encapsulated route plugin sees them. The pipeline loads models and lexicons, so it is built on first use
 * unless the caller passes one in.
 */
import type { FastifyInstance } from "fastify";
import type { Report } from "../../report.js";
import type { SitrepStore } from "../../store/types.js";
import type { ArticleInputBody } from "../schemas/articles.js";
import type { ExtractPool, ExtractPoolOptions } from "../extract-pool.js";

/** The part of `Pipeline` (src/pipeline.ts) the API uses; the default one runs in a worker pool (../extract-pool.ts). */
export interface Extractor {
  extract(input: ArticleInputBody): Report | Promise<Report>;
}

export interface ApiContext {
  store: SitrepStore;
  /** the pipeline, built on first call when none was given */
  extractor(): Promise<Extractor>;
  /** the bearer token that enables writes; undefined disables them */
  token: string | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    sitrep: ApiContext;
  }
}

export function registerContext(
  app: FastifyInstance,
  options: { store: SitrepStore; pipeline?: Extractor; token?: string; extractPool?: ExtractPoolOptions },
): void {
  let pipeline: Promise<Extractor> | undefined = options.pipeline ? Promise.resolve(options.pipeline) : undefined;
  let pool: ExtractPool | undefined;
  const extractor = (): Promise<Extractor> => {
    // Without a pipeline given, extraction runs in worker threads: the event loop keeps answering other requests.
    pipeline ??= import("../extract-pool.js").then((m) => (pool = m.createExtractPool(options.extractPool)));
    return pipeline;
  };
  app.decorate("sitrep", { store: options.store, extractor, token: options.token || undefined });
  app.addHook("onClose", async () => {
    await pool?.close();
  });
}
