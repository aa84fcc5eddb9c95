/**
 * `GET /openapi.json`, assembled from the routes' own TypeBox schemas as they register (an `onRoute` hook),
 * so the document cannot drift from what the server validates and serialises.
 */
import type { FastifyInstance, FastifySchema, RouteOptions } from "fastify";

type JsonObject = Record<string, unknown>;

interface CollectedRoute {
  method: string;
  url: string;
  schema: FastifySchema & JsonObject;
}

/** TypeBox schemas carry symbol keys and TypeBox-only markers; a JSON round trip leaves plain JSON Schema. */
function plain(schema: unknown): JsonObject {
  return JSON.parse(JSON.stringify(schema)) as JsonObject;
}

function parametersOf(schema: unknown, where: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const s = plain(schema);
  const properties = (s.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function responsesOf(response: unknown): JsonObject {
  const out: JsonObject = {};
  for (const [status, schema] of Object.entries((response ?? {}) as Record<string, JsonObject>)) {
    const s = plain(schema);
    if (s.content && typeof s.content === "object") {
      out[status] = { description: (s.description as string) ?? `status ${status}`, content: s.content };
    } else {
      out[status] = {
        description: (s.description as string) ?? (status.startsWith("2") ? "success" : "error"),
        content: { "application/json": { schema: s } },
      };
    }
  }
  return out;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

export function buildOpenApiDocument(routes: CollectedRoute[], info: OpenApiInfo): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const { method, url, schema } of routes) {
    const path = url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const operation: JsonObject = {
      ...(schema.summary ? { summary: schema.summary } : {}),
      ...(schema.description ? { description: schema.description } : {}),
      ...(schema.tags ? { tags: schema.tags } : {}),
      ...(schema.security ? { security: schema.security } : {}),
      parameters: [...parametersOf(schema.params, "path"), ...parametersOf(schema.querystring, "query")],
      responses: responsesOf(schema.response),
    };
    if (schema.body) {
      operation.requestBody = { required: true, content: { "application/json": { schema: plain(schema.body) } } };
    }
    paths[path] = { ...(paths[path] ?? {}), [method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "SITREP_TOKEN or --token" } },
    },
  };
}

/** Collects every route with a schema under `/api`, and serves the document they make. */
export function registerOpenApi(app: FastifyInstance, info: OpenApiInfo): void {
  const routes: CollectedRoute[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    if (!route.schema || !route.url.startsWith("/api/")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      routes.push({ method, url: route.url, schema: route.schema as FastifySchema & JsonObject });
    }
  });
  let document: JsonObject | undefined;
  app.get("/openapi.json", { schema: { hide: true } as FastifySchema }, async () => {
    document ??= buildOpenApiDocument(routes, info);
    return document;
  });
}
