/**
 * Write endpoints need `Authorization: Bearer <token>` with the token from configuration
 * (`SITREP_TOKEN` or `--token`). No token configured means writes are switched off (403), so a server
 * started without one can never be written to by accident.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";

function digest(value: string): Buffer {
  // Hashing first gives equal-length buffers, so the comparison time does not reveal the token's length.
  return createHash("sha256").update(value, "utf8").digest();
}

function replyError(reply: FastifyReply, statusCode: 401 | 403, message: string): FastifyReply {
  if (statusCode === 401) void reply.header("www-authenticate", 'Bearer realm="sitrep"');
  return reply.status(statusCode).send({
    statusCode,
    code: statusCode === 401 ? "SITREP_UNAUTHORIZED" : "SITREP_WRITES_DISABLED",
    error: statusCode === 401 ? "Unauthorized" : "Forbidden",
    message,
  });
}

/** An onRequest hook (it runs before the body is read) that lets only the configured bearer token through. */
export function requireToken(token: string | undefined): onRequestAsyncHookHandler {
  const expected = token ? digest(token) : null;
  return async function checkToken(request: FastifyRequest, reply: FastifyReply) {
    if (!expected) {
      return replyError(reply, 403, "writes are disabled: start the server with --token or SITREP_TOKEN to enable them");
    }
    const header = request.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return replyError(reply, 401, "this endpoint needs the header 'Authorization: Bearer <token>'");
    if (!timingSafeEqual(digest(match[1]), expected)) return replyError(reply, 401, "the bearer token is not valid");
  };
}
