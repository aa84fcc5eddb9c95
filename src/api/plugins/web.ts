/**
 * Serves the built dashboard (web/dist) from the same origin as the API, with a strict Content Security
 * Policy: everything is local, no script may come from anywhere else or run inline.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.url.startsWith("/api/")) {
      void reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
      void reply.header("x-content-type-options", "nosniff");
      void reply.header("referrer-policy", "no-referrer");
    }
    return payload;
  });
  if (!existsSync(join(webRoot, "index.html"))) {
    app.get("/", async (_request, reply) =>
      reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send(`The dashboard is not built (no ${join(webRoot, "index.html")}): run \`npm run build\`. The API is at /api/.\n`),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webRoot, prefix: "/", index: ["index.html"], wildcard: true });
}
