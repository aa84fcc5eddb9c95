/**
 * A micro-cache for reads: a GET under /api answered in the last `ttlMs` is answered again from memory, and
 * requests for the same URL that arrive while it is being computed wait for that one answer instead of each
 * querying the store. Many readers of the same dashboard views then cost one query a second, not one each.
 * A write through this server (any successful POST or DELETE under /api) empties the cache at once; a write by
 * another process (a CLI ingest into the same database) shows within `ttlMs`. Exports stream and are not cached.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface ReadCacheOptions {
  /** how long an answer is reused, in milliseconds; 0 turns the cache off */
  ttlMs: number;
  /** answers kept at most */
  maxEntries?: number;
}

interface Entry {
  expires: number;
  payload: string;
  contentType: string;
  /** the ETag the first answer was sent with: a hit reuses it instead of hashing the payload again */
  etag?: string;
}

const CACHE_KEY = Symbol("sitrep.cacheKey");
const RELEASE = Symbol("sitrep.cacheRelease");
type Tagged = FastifyRequest & { [CACHE_KEY]?: string; [RELEASE]?: () => void };

const cacheable = (request: FastifyRequest): boolean =>
  request.method === "GET" && request.url.startsWith("/api/") && !request.url.startsWith("/api/export");

export function registerReadCache(app: FastifyInstance, options: ReadCacheOptions): void {
  if (options.ttlMs <= 0) return;
  const maxEntries = options.maxEntries ?? 1000;
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<void>>();

  const fresh = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.expires > Date.now()) return e;
    if (e) entries.delete(key);
    return undefined;
  };
  const answer = (reply: FastifyReply, e: Entry) => {
    if (e.etag) reply.header("etag", e.etag);
    return reply.header("x-cache", "hit").type(e.contentType).send(e.payload);
  };
  const release = (request: Tagged) => {
    const done = request[RELEASE];
    if (!done) return;
    request[RELEASE] = undefined;
    inflight.delete(request[CACHE_KEY] as string);
    done();
  };

  app.addHook("onRequest", async (request: Tagged, reply) => {
    if (!cacheable(request)) return;
    const key = request.url;
    let hit = fresh(key);
    if (!hit) {
      const pending = inflight.get(key);
      if (pending) {
        await pending;
        hit = fresh(key);
      }
    }
    if (hit) return answer(reply, hit);
    request[CACHE_KEY] = key;
    if (!inflight.has(key)) inflight.set(key, new Promise<void>((resolve) => (request[RELEASE] = resolve)));
  });

  app.addHook("onSend", async (request: Tagged, reply, payload) => {
    const key = request[CACHE_KEY];
    if (key && reply.statusCode === 200 && typeof payload === "string") {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { expires: Date.now() + options.ttlMs, payload, contentType: String(reply.getHeader("content-type") ?? "application/json") });
    }
    release(request);
    if (!cacheable(request) && request.url.startsWith("/api/") && reply.statusCode < 400 && request.method !== "GET" && request.method !== "HEAD") {
      entries.clear();
    }
    return payload;
  });
  app.addHook("onResponse", async (request: Tagged, reply) => {
    // the ETag hook runs after this plugin's onSend: its header is known only now
    const key = request[CACHE_KEY];
    const entry = key ? entries.get(key) : undefined;
    const etag = reply.getHeader("etag");
    if (entry && entry.etag === undefined && typeof etag === "string") entry.etag = etag;
    release(request);
  });
  app.addHook("onRequestAbort", async (request: Tagged) => release(request));
}
