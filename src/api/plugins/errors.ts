/**
 * One shape for every error reply, `{ statusCode, code, error, message }`, and validation messages that
 * name the parameter: "query parameter 'limit' must be <= 1000", "unknown query parameter 'foo'".
 */
import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from "fastify";
import { STATUS_CODES } from "node:http";
import { isSitrepError } from "../../errors.js";

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

export function registerErrorHandling(app: FastifyInstance): void {
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
    // A deliberate 503 (busy, over its time budget) tells the client what to do; other 5xx stay in the log.
    if (statusCode >= 500 && !(isSitrepError(err) && statusCode === 503)) {
      request.log.error({ err }, "request failed");
      // Internals stay in the log: the client learns only that it was not its fault.
      message = "internal error: see the server log";
      code = isSitrepError(err) ? err.code : "INTERNAL";
    }
    void reply.status(statusCode).send({ statusCode, code, error: STATUS_CODES[statusCode] ?? "Error", message });
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      statusCode: 404,
      code: "SITREP_NOT_FOUND",
      error: "Not Found",
      message: `no route ${request.method} ${request.url.split("?")[0]}`,
    });
  });
}
