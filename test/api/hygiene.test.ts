/**
 * HTTP hygiene: bounded numeric parameters (400, never 500), 413 for bodies over the limit, every error as
 * RFC 9457 problem+json, ETag and compression on reads, CORS off unless configured, rate limits on POST routes,
 * a generated OpenAPI document, /healthz and Prometheus /metrics.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/api/app.js";
import { listen } from "../../src/api/server.js";
import { openApp, type TestApp } from "./helper.js";

describe("API hygiene", () => {
  let t: TestApp;
  before(async () => {
    t = await openApp("sqlite");
  });
  after(async () => t?.dispose());

  test("numbers out of range are a 400 naming the parameter, never a 500", async () => {
    for (const q of ["offset=99999999999999999999", "offset=1e308", "limit=1e308", "offset=-1", "limit=0", "offset=1.5"]) {
      const res = await t.app.inject(`/api/incidents?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.json().detail as string, /'(offset|limit)'/, q);
    }
    assert.equal((await t.app.inject("/api/export?format=csv&limit=1e308")).statusCode, 400);
  });

  test("every error is problem+json with type, title, status, detail and instance", async () => {
    for (const url of ["/api/incidents?limit=ten", "/api/incidents/nope", "/api/nowhere"]) {
      const res = await t.app.inject(url);
      assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, url);
      const body = res.json() as Record<string, unknown>;
      assert.equal(body.status, res.statusCode);
      assert.equal(body.type, "about:blank");
      assert.equal(typeof body.title, "string");
      assert.equal(typeof body.detail, "string");
      assert.equal(body.instance, url.split("?")[0]);
    }
  });

  test("a body field of the wrong type is refused, not coerced; a script-only page is a 400, not a 500", async () => {
    const numeric = await t.app.inject({ method: "POST", url: "/api/extract", payload: { text: 123 } });
    assert.equal(numeric.statusCode, 400);
    assert.match(numeric.json().detail as string, /'text' must be string/);
    const script = await t.app.inject({ method: "POST", url: "/api/extract", payload: { html: "<script>x</script>" } });
    assert.ok(script.statusCode < 500, String(script.statusCode));
  });

  test("reads carry an ETag and answer 304 to If-None-Match; large reads are compressed when asked", async () => {
    const first = await t.app.inject("/api/incidents");
    const tag = first.headers.etag;
    assert.ok(tag);
    const again = await t.app.inject({ url: "/api/incidents", headers: { "if-none-match": String(tag) } });
    assert.equal(again.statusCode, 304);
    const gz = await t.app.inject({ url: "/api/export?format=ndjson", headers: { "accept-encoding": "gzip" } });
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.match(gunzipSync(gz.rawPayload).toString("utf8"), /"summary"/);
  });

  test("an answer from the read cache carries the ETag the first answer had, and still answers 304", async () => {
    const url = "/api/incidents?limit=3";
    const first = await t.app.inject(url);
    const hit = await t.app.inject(url);
    assert.equal(hit.headers["x-cache"], "hit");
    assert.ok(first.headers.etag);
    assert.equal(hit.headers.etag, first.headers.etag);
    assert.equal(hit.body, first.body);
    const again = await t.app.inject({ url, headers: { "if-none-match": String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });

  test("CORS is off by default and answers only the configured origins", async () => {
    const plain = await t.app.inject({ url: "/api/incidents", headers: { origin: "https://elsewhere.example" } });
    assert.equal(plain.headers["access-control-allow-origin"], undefined);
    const open = await buildApp({ store: t.store, webRoot: false, cors: ["https://maps.example"] });
    try {
      const ok = await open.inject({ url: "/api/incidents", headers: { origin: "https://maps.example" } });
      assert.equal(ok.headers["access-control-allow-origin"], "https://maps.example");
      const other = await open.inject({ url: "/api/incidents", headers: { origin: "https://elsewhere.example" } });
      assert.notEqual(other.headers["access-control-allow-origin"], "https://elsewhere.example");
    } finally {
      await open.close();
    }
  });

  test("POST routes are rate limited with a problem+json 429; reads are not", async () => {
    const limited = await buildApp({ store: t.store, webRoot: false, rateLimit: { max: 3, timeWindow: 60_000 } });
    try {
      const statuses: number[] = [];
      // Refused requests count too: the limit guards the work of reading a body, not only the pipeline.
      for (let i = 0; i < 5; i++) statuses.push((await limited.inject({ method: "POST", url: "/api/extract", payload: { text: 1 } })).statusCode);
      assert.deepEqual(statuses, [400, 400, 400, 429, 429]);
      const last = await limited.inject({ method: "POST", url: "/api/extract", payload: { text: "A note." } });
      assert.equal(last.statusCode, 429);
      assert.match(String(last.headers["content-type"]), /problem\+json/);
      for (let i = 0; i < 5; i++) assert.equal((await limited.inject("/api/facets")).statusCode, 200);
    } finally {
      await limited.close();
    }
  });

  test("the OpenAPI document is generated with operationIds, shared components and servers", async () => {
    const doc = (await t.app.inject("/openapi.json")).json() as {
      servers: { url: string }[];
      components: { schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>;
    };
    assert.deepEqual(doc.servers, [{ url: "/" }]);
    assert.ok(doc.components.schemas.Problem);
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((op) => op.operationId));
    assert.ok(ids.every((id) => typeof id === "string" && id.length > 0));
    assert.equal(new Set(ids).size, ids.length, "operationIds are unique");
    const bad = doc.paths["/api/incidents"].get.responses["400"].content?.["application/problem+json"]?.schema.$ref;
    assert.match(String(bad), /Problem/);
  });

  test("a read is answered from the micro-cache until a write through the server empties it", async () => {
    const writable = await buildApp({ store: t.store, webRoot: false, token: "secret-token", cacheTtlMs: 60_000 });
    try {
      const first = await writable.inject("/api/articles?limit=100");
      assert.equal(first.headers["x-cache"], undefined);
      const second = await writable.inject("/api/articles?limit=100");
      assert.equal(second.headers["x-cache"], "hit");
      assert.equal(second.body, first.body);
      const stored = await writable.inject({
        method: "POST", url: "/api/ingest", headers: { authorization: "Bearer secret-token" },
        payload: { text: "Two soldiers were killed when gunmen attacked a checkpoint in Goma on Monday.", published: "2024-05-06", title: "Checkpoint attack" },
      });
      assert.equal(stored.statusCode, 200);
      const third = await writable.inject("/api/articles?limit=100");
      assert.equal(third.headers["x-cache"], undefined);
      assert.equal((third.json() as { total: number }).total, (first.json() as { total: number }).total + 1);
    } finally {
      await writable.close();
    }
  });

  test("/healthz answers ok with the store, /metrics speaks Prometheus text", async () => {
    const health = await t.app.inject("/healthz");
    assert.deepEqual(health.json(), { status: "ok", store: "sqlite" });
    await t.app.inject("/api/facets");
    const metrics = await t.app.inject("/metrics");
    assert.match(String(metrics.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
    assert.match(metrics.body, /^sitrep_http_requests_total\{method="GET",route="\/api\/facets",status="200"\} \d+$/m);
    assert.match(metrics.body, /^sitrep_http_request_duration_seconds_bucket\{method="GET",route="\/api\/facets",le="\+Inf"\} \d+$/m);
  });
});

describe("a body over the limit on a real socket", () => {
  let app: FastifyInstance;
  let base: string;
  let done: () => Promise<void>;
  before(async () => {
    const t = await openApp("sqlite", { bodyLimit: 1024 * 1024 }, []);
    app = t.app;
    done = t.dispose;
    base = await listen(app, { port: 0, host: "127.0.0.1" });
  });
  after(async () => done());

  test("gets a 413 problem reply, not a reset connection", async () => {
    const body = JSON.stringify({ text: "x".repeat(10 * 1024 * 1024) });
    const res = await fetch(`${base}/api/extract`, { method: "POST", headers: { "content-type": "application/json" }, body });
    assert.equal(res.status, 413);
    assert.match(res.headers.get("content-type") ?? "", /problem\+json/);
    assert.match(((await res.json()) as { detail: string }).detail, /limit is 1048576/);
  });
});
