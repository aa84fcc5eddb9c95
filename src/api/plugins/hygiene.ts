/**
 * What every public HTTP API owes its callers, from well-kept Fastify plugins: request validation that coerces
 * query strings but never bodies (`{"text":123}` is an error, not the text "123"), ETags and compression on
 * reads, a CORS policy that is off unless configured, and rate limits on the routes that write or run the
 * pipeline (every POST under /api, so routes added later are covered too).
 */
import compress from "@fastify/compress";
import cors from "@fastify/cors";
import etag from "@fastify/etag";
import rateLimit from "@fastify/rate-limit";
import { Ajv, type Options as AjvOptions } from "ajv";
import type { FastifyInstance, RouteOptions } from "fastify";
import { problem } from "./errors.js";

export interface RateLimitOptions {
  /** requests per window and client address */
  max: number;
  /** window length in milliseconds */
  timeWindow: number;
}

export interface HygieneOptions {
  /** allowed origins for cross-origin reads; false (default) sends no CORS headers at all */
  cors?: string[] | false;
  /** limits on POST routes (extract, ingest, other writes); false turns them off */
  rateLimit?: RateLimitOptions | false;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 60, timeWindow: 60_000 };

const AJV_BASE: AjvOptions = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

export async function registerHygiene(app: FastifyInstance, options: HygieneOptions): Promise<void> {
  // Unknown parameters are errors, not silently dropped: a misspelt filter must not return everything.
  const queryAjv = new Ajv({ ...AJV_BASE, coerceTypes: "array" });
  const bodyAjv = new Ajv({ ...AJV_BASE, coerceTypes: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? bodyAjv : queryAjv).compile(schema));

  await app.register(etag, { weak: true });
  await app.register(compress, { global: true, threshold: 1024, encodings: ["br", "gzip", "deflate"], customTypes: /^text\/|json|csv/ });
  if (options.cors && options.cors.length > 0) {
    await app.register(cors, { origin: options.cors, methods: ["GET", "HEAD", "POST"], maxAge: 600 });
  }
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit !== false) {
    // Before the plugin's own onRoute hook, which reads the route's config.
    app.addHook("onRoute", (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!route.url.startsWith("/api/") || !methods.includes("POST")) return;
      route.config = { ...(route.config ?? {}), rateLimit: { max: limit.max, timeWindow: limit.timeWindow } } as RouteOptions["config"];
    });
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (request, context) => ({
        ...problem(request, context.statusCode, "SITREP_RATE_LIMITED", `more than ${context.max} requests in ${context.after}: try again later`),
        statusCode: context.statusCode,
      }),
    });
  }
}
