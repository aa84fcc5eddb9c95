/**
 * Feeds we write, served from loopback: every RSS and Atom item is read as an article fragment (title, link,
 * date, text) and stored; `watch` picks up an item added between polls, retries an item that failed, and does
 * not pile up abort listeners; with `followLinks` the linked page is read instead of the feed's text.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestPaths } from "../../src/ingest/index.js";
import { itemsFromFeed } from "../../src/ingest/sources.js";
import { watchFeeds } from "../../src/ingest/watch.js";
import { createStore } from "../../src/store/index.js";
import { freshStore } from "../store/helpers.js";

const STORY = [
  ["Bridge reopens after floods", "Engineers reopened the river bridge in Tarsa on Monday after two weeks of repairs, the district office said."],
  ["Curfew lifted in Selvo", "Police lifted the night curfew in Selvo on Tuesday, a week after protesters clashed with security forces near the market."],
  ["Clinic opens in Orem camp", "A medical charity opened a clinic in the Orem displacement camp on Wednesday, its director told reporters."],
];

function rss(items: string[][]): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Valley Wire</title>
${items.map(([title, text], i) => `<item><title>${title}</title><link>http://news.example/${i}</link><guid>story-${i}</guid><pubDate>Mon, 0${i + 1} Jul 2024 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>${text}</p><p>More details were not given.</p>]]></content:encoded></item>`).join("\n")}
</channel></rss>`;
}

function atom(items: string[][]): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Herald</title><id>urn:coast</id><updated>2024-07-03T00:00:00Z</updated>
${items.map(([title, text], i) => `<entry><title>${title}</title><id>urn:coast:${i}</id><link href="http://coast.example/${i}"/><updated>2024-07-0${i + 1}T08:00:00Z</updated><summary type="html">&lt;p&gt;${text}&lt;/p&gt;</summary></entry>`).join("\n")}
</feed>`;
}

describe("feeds", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "sitrep-feeds-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("an item is an article fragment: title, link, date and its text, not a page to strip", async () => {
    const items = await itemsFromFeed(rss(STORY.slice(0, 1)), "wire.rss");
    assert.equal(items.length, 1);
    const item = items[0];
    assert.equal(item.kind, "input");
    if (item.kind !== "input") return;
    assert.deepEqual(
      [item.input.title, item.input.url, item.input.published, item.input.outlet, item.input.id],
      [STORY[0][0], "http://news.example/0", "2024-07-01T09:00:00.000Z", "Valley Wire", "story-0"],
    );
    assert.equal(item.input.text, `${STORY[0][1]}\n\nMore details were not given.`);
  });

  test("a broken feed is one error on one line", async () => {
    const items = await itemsFromFeed(rss(STORY).slice(0, 300), "cut.rss");
    assert.equal(items.length, 1);
    assert.equal(items[0].kind, "error");
    assert.match(items[0].kind === "error" ? items[0].message : "", /^not an RSS or Atom feed \([^\n]+\)$/);
  });

  test("every item of an RSS and of an Atom feed is stored", async () => {
    writeFileSync(join(dir, "wire.rss"), rss(STORY));
    writeFileSync(join(dir, "herald.atom"), atom(STORY.map(([t, x]) => [`${t} (Herald)`, x.replace("said", "reported")])));
    const fresh = await freshStore("sqlite");
    try {
      const summary = await ingestPaths([join(dir, "wire.rss"), join(dir, "herald.atom")], { store: fresh.store, workers: 0 });
      assert.deepEqual([summary.total, summary.stored, summary.failed], [6, 6, 0], JSON.stringify(summary.errors));
      const titles = (await fresh.store.listArticles({ limit: 10 })).items.map((a) => a.title).sort();
      assert.deepEqual(titles, [...STORY.map((s) => s[0]), ...STORY.map((s) => `${s[0]} (Herald)`)].sort());
    } finally {
      await fresh.dispose();
    }
  });

  describe("watch on a feed served from loopback", () => {
    let server: Server;
    let url: string;
    let published: string[][];
    const pages = new Map<string, string>();
    before(async () => {
      published = STORY.slice(0, 2);
      server = createServer((req, res) => {
        if (req.url?.startsWith("/page/")) {
          const page = pages.get(req.url);
          if (!page) return void res.writeHead(404).end();
          return void res.writeHead(200, { "content-type": "text/html" }).end(page);
        }
        const body = rss(published);
        const tag = `"n${published.length}"`;
        if (req.headers["if-none-match"] === tag) return void res.writeHead(304).end();
        res.writeHead(200, { "content-type": "application/rss+xml", etag: tag }).end(body);
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    test("a new item is picked up on the next poll; the abort listeners do not pile up", async () => {
      const fresh = await freshStore("sqlite");
      const controller = new AbortController();
      const polls: string[] = [];
      const listeners: number[] = [];
      try {
        await watchFeeds([url], {
          store: fresh.store, intervalSeconds: 0.2, workers: 0, signal: controller.signal,
          onPoll: (_url, result, summary) => {
            polls.push(`${result.status} ${summary?.stored ?? 0}`);
            listeners.push(getEventListeners(controller.signal, "abort").length);
            if (polls.length === 1) published = STORY.slice(0, 3);
            if (polls.length === 3) controller.abort();
          },
        });
        assert.deepEqual(polls, ["changed 2", "changed 1", "not-modified 0"]);
        assert.ok(Math.max(...listeners) <= 1, `abort listeners: ${listeners.join(",")}`);
        assert.equal((await fresh.store.listArticles({ limit: 10 })).total, 3);
      } finally {
        await fresh.dispose();
      }
    });

    for (const dialect of ["sqlite", "postgres"] as const) {
      test(`${dialect}: the feed's state lives in the store, so a restarted watcher asks conditionally and extracts only new items`, async () => {
        published = STORY.slice(0, 2);
        const fresh = await freshStore(dialect);
        const run = async () => {
          // a new process each time: the store is opened again from its location, nothing is carried in memory
          const store = await createStore(fresh.url);
          const polls: { status: string; total: number; stored: number }[] = [];
          try {
            await watchFeeds([url], {
              store, once: true, workers: 0,
              onPoll: (_url, result, summary) => polls.push({ status: result.status, total: summary?.total ?? 0, stored: summary?.stored ?? 0 }),
            });
            return { polls, state: await store.feedState(url) };
          } finally {
            await store.close();
          }
        };
        try {
          const first = await run();
          assert.deepEqual(first.polls, [{ status: "changed", total: 2, stored: 2 }]);
          assert.equal(first.state?.etag, '"n2"');
          // the stored validators are sent: the unchanged feed answers 304
          assert.deepEqual((await run()).polls, [{ status: "not-modified", total: 0, stored: 0 }]);
          published = STORY.slice(0, 3);
          // the feed changed: of its three items only the new one is extracted
          const third = await run();
          assert.deepEqual(third.polls, [{ status: "changed", total: 1, stored: 1 }]);
          assert.deepEqual([third.state?.etag, third.state?.failures, third.state?.lastStatus], ['"n3"', 0, "changed"]);
          assert.equal((await fresh.store.listArticles({ limit: 10 })).total, 3);
        } finally {
          await fresh.dispose();
          published = STORY.slice(0, 2);
        }
      });
    }

    test("a failing feed's failures are kept across restarts, so its backoff goes on growing", async () => {
      const fresh = await freshStore("sqlite");
      const missing = url.replace("/feed.xml", "/page/none");
      try {
        for (const expected of [1, 2]) {
          const store = await createStore(fresh.url);
          try {
            await watchFeeds([missing], { store, once: true, workers: 0 });
            const state = await store.feedState(missing);
            assert.deepEqual([state?.failures, state?.lastStatus], [expected, "failed"]);
            assert.ok((state?.nextAt ?? 0) > Date.now(), "the next poll is in the future");
          } finally {
            await store.close();
          }
        }
      } finally {
        await fresh.dispose();
      }
    });

    test("with followLinks the linked page is read; an item whose page is missing keeps the feed's text", async () => {
      published = STORY.slice(0, 2);
      const base = url.replace("/feed.xml", "");
      const xml = rss(published).replace("http://news.example/0", `${base}/page/0`).replace("http://news.example/1", `${base}/page/1`);
      pages.set("/page/0", `<html><head><title>Bridge</title></head><body><nav>Home</nav><article><h1>Bridge reopens after floods</h1><p>${"Engineers reopened the river bridge in Tarsa on Monday after two weeks of repairs. ".repeat(4)}</p><p>Traffic resumed by noon, the district office said.</p></article></body></html>`);
      const items = await itemsFromFeed(xml, "wire.rss", { followLinks: true });
      assert.equal(items[0].kind === "input" && items[0].input.html?.includes("Traffic resumed by noon"), true);
      assert.equal(items[1].kind === "input" && items[1].input.text?.startsWith(STORY[1][1]), true);
    });
  });
});
