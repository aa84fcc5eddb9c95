/**
 * One shape for every error reply, RFC 9457 problem details (`application/problem+json`) with sitrep's code,
 * and validation messages that name the parameter: "query parameter 'limit' must be <= 1000",
 * "unknown query parameter 'foo'".
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from "fastify";
import { STATUS_CODES } from "node:http";
import { isSitrepError } from "../../errors.js";
import { PROBLEM_MEDIA_TYPE, ProblemSchema, type ErrorReply } from "../schemas/common.js";

/** The problem details of an error reply. */
export function problem(request: FastifyRequest, status: number, code: string, detail: string): ErrorReply {
  const title = STATUS_CODES[status] ?? "Error";
  const instance = request.url.split("?")[0];
  return { type: "about:blank", title, status, detail, instance, code, statusCode: status, error: title, message: detail };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, code: string, detail: string): FastifyReply {
  return reply.status(status).type(PROBLEM_MEDIA_TYPE).send(problem(request, status, code, detail));
}

const WHERE: Record<string, string> = {
  querystring: "query parameter",
  params: "path parameter",
  body: "body field",
  headers: "header",
};

function describeValidation(errors: FastifySchemaValidationError[], context: string): string {
  const where = WHERE[context] ?? context;
  return errors
    .map((e) => {
      const params = e.params as Record<string, unknown>;
      const path = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
      if (e.keyword === "additionalProperty" || e.keyword === "additionalProperties") {
        const name = [path, String(params.additionalProperty)].filter(Boolean).join(".");
        return `unknown ${where} '${name}'`;
      }
      if (e.keyword === "required") {
        const name = [path, String(params.missingProperty)].filter(Boolean).join(".");
        return `${where} '${name}' is required`;
      }
      if (!path) return `${context === "body" ? "body" : where} ${e.message ?? "is invalid"}`;
      if (e.keyword === "pattern" && context !== "body") return `${where} '${path}' has the wrong form (${describePattern(path)})`;
      return `${where} '${path}' ${e.message ?? "is invalid"}`;
    })
    .join("; ");
}

/** The expected form of the filter parameters, in words rather than a regular expression. */
function describePattern(name: string): string {
  switch (name) {
    case "from":
    case "to":
      return "expected YYYY-MM-DD";
    case "bbox":
      return "expected west,south,east,north in degrees";
    case "country":
      return "expected an ISO 3166-1 alpha-2 code such as SY";
    case "id":
      return "expected letters, digits, '.', '_', ':' or '-'";
    default:
      return "see /openapi.json";
  }
}

/** Bodies past the limit: past this much more, the connection is cut rather than read to its end. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.addSchema(ProblemSchema);
  // A declared body over the limit is refused with 413 once the client has sent it: answering while it is still
  // sending makes the client see a reset connection instead of the reply.
  app.addHook("onRequest", (request, reply, done) => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (!(declared > bodyLimit)) return done();
    const detail = `the request body is ${declared} bytes; the limit is ${bodyLimit}`;
    if (declared > bodyLimit + MAX_DRAIN_BYTES) {
      void reply.header("connection", "close");
      sendProblem(request, reply, 413, "FST_ERR_CTP_BODY_TOO_LARGE", detail);
      return;
    }
    request.raw.on("end", () => void sendProblem(request, reply, 413, "FST_ERR_CTP_BODY_TOO_LARGE", detail));
    request.raw.on("error", () => request.raw.destroy());
    request.raw.resume();
  });

  app.setSchemaErrorFormatter((errors, context) => {
    const err = new Error(describeValidation(errors, context)) as FastifyError;
    err.code = "FST_ERR_VALIDATION";
    err.statusCode = 400;
    return err;
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    let statusCode = err.statusCode ?? 500;
    let code = err.code ?? "INTERNAL";
    let message = err.message;
    if (isSitrepError(err)) {
      statusCode = err.statusCode;
      code = err.code;
    } else if (err.validation) {
      statusCode = 400;
      code = "FST_ERR_VALIDATION";
    }
    if (statusCode < 400 || statusCode > 599) statusCode = 500;
    // A deliberate 503 (busy, over its time budget) tells the client what to do; other 5xx stay in the log.
    if (statusCode >= 500 && !(isSitrepError(err) && statusCode === 503)) {
      request.log.error({ err }, "request failed");
      // Internals stay in the log: the client learns only that it was not its fault.
      message = "internal error: see the server log";
      code = isSitrepError(err) ? err.code : "INTERNAL";
    }
    sendProblem(request, reply, statusCode, code, message);
  });

  app.setNotFoundHandler((request, reply) => {
    sendProblem(request, reply, 404, "SITREP_NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`);
  });
}
