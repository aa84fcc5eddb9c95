/**
 * POST /api/extract runs in a worker pool: the server keeps answering while it works, and an article over the size
 * limit, past the time budget or beyond the queue gets a clear error instead of stalling everything.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/api/app.js";
import { freshStore, type FreshStore } from "../store/helpers.js";

const SENTENCE = "Troops shelled the northern district on Monday and two people were hurt, officials said. ";

describe("extraction off the event loop", () => {
  let fresh: FreshStore;
  let app: FastifyInstance;
  before(async () => {
    fresh = await freshStore("sqlite");
    app = await buildApp({ store: fresh.store, webRoot: false, extractPool: { threads: 1, queue: 1, timeoutMs: 60_000, maxChars: 200_000 } });
  });
  after(async () => {
    await app?.close();
    await fresh?.dispose();
  });

  test("an article is extracted in a worker thread and comes back as a report", async () => {
    const res = await app.inject({ method: "POST", url: "/api/extract", payload: { text: SENTENCE, published: "2024-03-04" } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((JSON.parse(res.body) as { schema: string }).schema, "sitrep/1");
  });

  test("other requests are answered while a long article is being extracted", async () => {
    let extractedAt = 0;
    const long = app.inject({ method: "POST", url: "/api/extract", payload: { text: SENTENCE.repeat(1500) } }).then((r) => {
      extractedAt = performance.now();
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    const facets = await app.inject({ method: "GET", url: "/api/facets" });
    const answeredAt = performance.now();
    assert.equal(facets.statusCode, 200);
    assert.equal((await long).statusCode, 200);
    assert.ok(answeredAt < extractedAt, "facets answered before the long extraction finished");
  });

  test("an article over the size limit gets 413", async () => {
    const res = await app.inject({ method: "POST", url: "/api/extract", payload: { text: "x".repeat(200_001) } });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /at most 200000/);
  });

  test("articles beyond the thread and its queue get 503, and the server recovers", async () => {
    const body = { text: SENTENCE.repeat(600) };
    const replies = await Promise.all([1, 2, 3, 4].map(() => app.inject({ method: "POST", url: "/api/extract", payload: body })));
    const codes = replies.map((r) => r.statusCode).sort();
    assert.ok(codes.includes(200), codes.join());
    assert.ok(codes.includes(503), codes.join());
    assert.match(replies.find((r) => r.statusCode === 503)!.body, /try again/);
    const after = await app.inject({ method: "POST", url: "/api/extract", payload: { text: SENTENCE } });
    assert.equal(after.statusCode, 200);
  });

  test("a batch to /api/ingest larger than the pool's thread and queue is extracted and stored whole", async () => {
    const writer = await buildApp({ store: fresh.store, webRoot: false, token: "t0ken", extractPool: { threads: 1, queue: 1 } });
    try {
      const articles = [1, 2, 3, 4, 5].map((n) => ({ text: `${SENTENCE} Report number ${n} of the day.`, published: "2024-03-04" }));
      const res = await writer.inject({ method: "POST", url: "/api/ingest", payload: { articles }, headers: { authorization: "Bearer t0ken" } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((res.json() as unknown[]).length, 5);
    } finally {
      await writer.close();
    }
  });

  test("an article past its time budget is stopped with 503", async () => {
    const strict = await buildApp({ store: fresh.store, webRoot: false, extractPool: { threads: 1, timeoutMs: 1 } });
    try {
      const res = await strict.inject({ method: "POST", url: "/api/extract", payload: { text: SENTENCE.repeat(300) } });
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /longer than 0\.001 s/);
    } finally {
      await strict.close();
    }
  });
});
