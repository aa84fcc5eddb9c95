/**
 * POST /api/extract (read-only) and POST /api/ingest (needs the configured bearer token), on a real store
 * with the real pipeline; and the OpenAPI document built from the route schemas.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/api/app.js";
import type { ErrorReply } from "../../src/api/schemas/common.js";
import type { Report } from "../../src/report.js";
import type { SaveResult } from "../../src/store/types.js";
import { DIALECTS, openApp, skipReason, type TestApp } from "./helper.js";

const ARTICLE = {
  title: "Shelling kills four in Kharkiv",
  published: "2024-05-20",
  outlet: "Test Wire",
  url: "https://example.org/test/kharkiv",
  text:
    "Russian shelling killed four civilians and wounded 12 others in Kharkiv on Sunday, the regional governor said. " +
    '"The strikes hit a residential street," governor Oleh Syniehubov told reporters.',
};
const TOKEN = "s3cret-test-token";

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`write API on ${dialect}`, { skip: reason ?? false }, () => {
    let t: TestApp;
    let readOnly: FastifyInstance;
    before(async () => {
      t = await openApp(dialect, { token: TOKEN }, []);
      // the same store behind a server started without a token
      readOnly = await buildApp({ store: t.store, webRoot: false });
    });
    after(async () => {
      await readOnly?.close();
      await t?.dispose();
    });

    const post = (app: TestApp | FastifyInstance, url: string, payload: unknown, token?: string) =>
      ("app" in app ? app.app : app).inject({
        method: "POST",
        url,
        payload: payload as object,
        headers: token === undefined ? {} : { authorization: token },
      });

    test("POST /api/extract returns the report, with spans into its text, and stores nothing", async () => {
      const res = await post(t, "/api/extract", ARTICLE);
      assert.equal(res.statusCode, 200);
      const report = res.json() as Report;
      assert.equal(report.schema, "sitrep/1");
      assert.equal(report.article.title, ARTICLE.title);
      assert.ok(report.article.text.includes("Kharkiv"));
      assert.ok(report.events.length > 0, "the shelling is an event");
      for (const fact of [...report.events, ...report.quotes]) {
        for (const span of fact.evidence) assert.equal(report.article.text.slice(span.start, span.end), span.text);
      }
      assert.equal(await t.store.hasArticle(report.article.id), false);
    });

    test("POST /api/extract rejects an empty or unknown body with a 400 naming the field", async () => {
      const empty = await post(t, "/api/extract", { title: "no text" });
      assert.equal(empty.statusCode, 400);
      assert.match((empty.json() as ErrorReply).message, /'text' or 'html'/);
      const extra = await post(t, "/api/extract", { text: "x", color: "red" });
      assert.match((extra.json() as ErrorReply).message, /unknown body field 'color'/);
      const date = await post(t, "/api/extract", { text: "x", published: "last week" });
      assert.match((date.json() as ErrorReply).message, /'published'/);
    });

    test("POST /api/ingest is 403 when no token is configured: writes are off", async () => {
      const res = await post(readOnly, "/api/ingest", ARTICLE, `Bearer ${TOKEN}`);
      assert.equal(res.statusCode, 403);
      assert.match((res.json() as ErrorReply).message, /--token or SITREP_TOKEN/);
    });

    test("POST /api/ingest is 401 without the header, with another token or another scheme", async () => {
      for (const header of [undefined, "Bearer wrong", `Basic ${TOKEN}`, "Bearer"]) {
        const res = await post(t, "/api/ingest", ARTICLE, header);
        assert.equal(res.statusCode, 401, String(header));
        assert.match(String(res.headers["www-authenticate"]), /Bearer/);
      }
      assert.equal((await t.store.listArticles({})).total, 0);
    });

    test("POST /api/ingest with the token stores the article once; again is a duplicate", async () => {
      const first = await post(t, "/api/ingest", ARTICLE, `Bearer ${TOKEN}`);
      assert.equal(first.statusCode, 200);
      const [saved] = first.json() as SaveResult[];
      assert.equal(saved.duplicate, false);
      assert.equal(await t.store.hasArticle(saved.articleId), true);
      const stored = await t.store.getArticle(saved.articleId);
      assert.equal(stored?.article.url, ARTICLE.url);
      const again = await post(t, "/api/ingest", { articles: [ARTICLE] }, `Bearer ${TOKEN}`);
      assert.deepEqual((again.json() as SaveResult[]).map((r) => [r.articleId, r.duplicate]), [[saved.articleId, true]]);
      assert.equal((await t.store.listArticles({})).total, 1);
    });

    test("POST /api/ingest validates the batch, naming the article at fault", async () => {
      const res = await post(t, "/api/ingest", { articles: [ARTICLE, { title: "empty" }] }, `Bearer ${TOKEN}`);
      assert.equal(res.statusCode, 400);
      assert.match((res.json() as ErrorReply).message, /articles\[1\]/);
      const none = await post(t, "/api/ingest", { articles: [] }, `Bearer ${TOKEN}`);
      assert.equal(none.statusCode, 400);
    });

    test("DELETE /api/articles/:id needs the token, removes the article and re-derives its incidents", async () => {
      const stored = (await post(t, "/api/ingest", ARTICLE, `Bearer ${TOKEN}`)).json() as SaveResult[];
      const id = stored[0].articleId;
      const del = (token?: string) => t.app.inject({ method: "DELETE", url: `/api/articles/${id}`, headers: token ? { authorization: token } : {} });
      assert.equal((await del()).statusCode, 401);
      assert.equal((await readOnly.inject({ method: "DELETE", url: `/api/articles/${id}`, headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 403);
      const ok = await del(`Bearer ${TOKEN}`);
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), { deleted: id });
      assert.equal((await t.app.inject(`/api/articles/${id}`)).statusCode, 404);
      for (const incident of stored[0].incidentIds) assert.equal((await t.app.inject(`/api/incidents/${incident}`)).statusCode, 404);
      assert.equal((await del(`Bearer ${TOKEN}`)).statusCode, 404);
    });
  });
}

describe("OpenAPI document", () => {
  let t: TestApp;
  before(async () => {
    t = await openApp("sqlite", {}, []);
  });
  after(async () => t?.dispose());

  test("GET /openapi.json describes every route, its parameters and replies", async () => {
    const res = await t.app.inject("/openapi.json");
    assert.equal(res.statusCode, 200);
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; responses: Record<string, unknown>; security?: unknown }>>;
    };
    assert.equal(doc.openapi, "3.1.0");
    // the analyst's routes (trends, actors, flags, why, quality: test/api/analyst.test.ts)
    const analyst = [
      "/api/actors/{name}", "/api/flags", "/api/flags/export", "/api/incidents/{id}/flags", "/api/incidents/{id}/why",
      "/api/map/points", "/api/quality", "/api/regions", "/api/trends",
    ];
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      "/api/articles", "/api/articles/{id}", "/api/events", "/api/export", "/api/extract", "/api/facets",
      "/api/incidents", "/api/incidents/{id}", "/api/ingest", "/api/timeline", ...analyst,
    ].sort());
    const list = doc.paths["/api/incidents"].get;
    assert.deepEqual(list.parameters.map((p) => p.name), ["from", "to", "bbox", "country", "actor", "type", "q", "limit", "offset", "after"]);
    assert.ok(list.responses["200"] && list.responses["400"]);
    assert.deepEqual(doc.paths["/api/incidents/{id}"].get.parameters.map((p) => [p.name, p.in]), [["id", "path"]]);
    assert.ok(doc.paths["/api/ingest"].post.security);
    assert.ok(doc.paths["/api/ingest"].post.responses["401"]);
    assert.ok(doc.paths["/api/articles/{id}"].delete.security);
  });

});
