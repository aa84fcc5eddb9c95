import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { expandPaths, ingestItems, ingestPaths, ingestReports } from "../../src/ingest/index.js";
import { itemsFromFeed } from "../../src/ingest/sources.js";
import { nextDelaySeconds, pollFeed, type FeedState } from "../../src/ingest/watch.js";
import { sampleReport } from "../../src/incidents/sample-report.js";
import { freshStore, type FreshStore } from "../store/helpers.js";

const FEED = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://example.org</link><description>t</description>
<item><title>Strike on Hasakah</title><link>https://example.org/1</link><pubDate>Tue, 13 Aug 2024 10:00:00 GMT</pubDate>
<description>A drone strike hit a car near Hasakah on Tuesday, killing three people.</description></item>
<item><title>Protest in Mosul</title><link>https://example.org/2</link><pubDate>Wed, 14 Aug 2024 08:00:00 GMT</pubDate>
<description>Teachers marched in Mosul on Wednesday to demand unpaid salaries.</description></item>
</channel></rss>`;

const report = (i: number) => sampleReport({
  title: `R${i}`, outlet: "Wire", published: "2024-08-13",
  events: [{ acled: ["Explosions/Remote violence", "Air/drone strike"], place: { name: `Town ${i}`, lat: i, lon: i, country: "SY" }, date: "2024-08-13" }],
});

describe("reading inputs", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "sitrep-ingest-"));
    mkdirSync(join(dir, "folder", "sub"), { recursive: true });
    writeFileSync(join(dir, "folder", "a.txt"), "Headline\n\nBody.");
    writeFileSync(join(dir, "folder", "sub", "b.md"), "# Title\n\nBody.");
    writeFileSync(join(dir, "folder", "README.md"), "about this folder");
    writeFileSync(join(dir, "folder", "a.facts.json"), "{}");
    writeFileSync(join(dir, "folder", ".hidden.txt"), "x");
    writeFileSync(join(dir, "rows.ndjson"), [
      JSON.stringify({ title: "T", text: "Body one.", published: "2024-08-13", url: "https://x/1", outlet: "X" }),
      "{not json",
      JSON.stringify({ title: "no text" }),
      JSON.stringify(report(1)),
    ].join("\n"));
    writeFileSync(join(dir, "rows.csv"), 'title,body,date,link,source\nT,"Body, with comma",13 August 2024,https://x/2,Y\n');
    writeFileSync(join(dir, "bad.csv"), "title,author\nT,A\n");
    writeFileSync(join(dir, "feed.xml"), FEED);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("folders are walked in order; README, .json and hidden files are left out", async () => {
    const items = await expandPaths([join(dir, "folder")]);
    assert.deepEqual(items.map((i) => [i.kind, i.source.slice(dir.length + 1)]), [["file", "folder/a.txt"], ["file", "folder/sub/b.md"]]);
  });

  test("NDJSON lines are articles or sitrep reports; a bad line is an error naming file and line", async () => {
    const items = await expandPaths([join(dir, "rows.ndjson")]);
    assert.deepEqual(items.map((i) => i.kind), ["input", "error", "error", "report"]);
    const first = items[0];
    assert.ok(first.kind === "input");
    assert.deepEqual([first.input.text, first.input.title, first.input.published, first.input.url, first.input.outlet], ["Body one.", "T", "2024-08-13", "https://x/1", "X"]);
    assert.ok(items[1].kind === "error" && items[1].source.endsWith("rows.ndjson:2") && /not valid JSON/.test(items[1].message));
    assert.ok(items[2].kind === "error" && /no text/.test(items[2].message));
  });

  test("CSV rows take their columns by name; a header without a text column is one error", async () => {
    const [row] = await expandPaths([join(dir, "rows.csv")]);
    assert.ok(row.kind === "input");
    assert.equal(row.input.text, "Body, with comma");
    assert.equal(row.input.published?.slice(0, 10), "2024-08-13");
    assert.equal(row.source.endsWith("rows.csv:2"), true);
    const [bad] = await expandPaths([join(dir, "bad.csv")]);
    assert.ok(bad.kind === "error" && /no text, body or html column/.test(bad.message));
  });

  test("RSS items become articles with title, link, date and the feed's name as outlet", async () => {
    const items = await itemsFromFeed(FEED, "feed.xml");
    assert.equal(items.length, 2);
    const [a] = items;
    assert.ok(a.kind === "input");
    assert.equal(a.input.title, "Strike on Hasakah");
    assert.equal(a.input.url, "https://example.org/1");
    assert.equal(a.input.outlet, "Test Wire");
    assert.equal(a.input.published, "2024-08-13T10:00:00.000Z");
    assert.match(a.input.text ?? a.input.html ?? "", /drone strike/);
    assert.deepEqual((await expandPaths([join(dir, "feed.xml")])).map((i) => i.kind), ["input", "input"]);
  });

  test("a missing path is one error, not a crash", async () => {
    const items = await expandPaths([join(dir, "nope.txt")]);
    assert.deepEqual(items.map((i) => i.kind), ["error"]);
  });

  test("stdin is sniffed: NDJSON, a feed, or one article", async () => {
    assert.deepEqual((await expandPaths(["-"], async () => FEED)).length, 2);
    assert.deepEqual((await expandPaths(["-"], async () => JSON.stringify(report(2)))).map((i) => i.kind), ["report"]);
    assert.deepEqual((await expandPaths(["-"], async () => "Headline\n\nBody.")).map((i) => i.kind), ["input"]);
  });
});

describe("storing", () => {
  let fresh: FreshStore;
  let dir: string;
  before(async () => {
    fresh = await freshStore("sqlite");
    dir = mkdtempSync(join(tmpdir(), "sitrep-ingest-"));
  });
  after(async () => {
    await fresh.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test("reports are stored once; a second ingest is a no-op", async () => {
    const reports = [report(1), report(2), report(3)];
    const first = await ingestReports(reports, { store: fresh.store });
    assert.deepEqual([first.stored, first.duplicates, first.failed, first.events, first.incidents], [3, 0, 0, 3, 3]);
    const again = await ingestReports(reports, { store: fresh.store });
    assert.deepEqual([again.stored, again.duplicates], [0, 3]);
    assert.equal((await fresh.store.listArticles({})).total, 3);
  });

  test("the incident count is of the incidents at the end, though they are re-derived batch after batch", async () => {
    const local = await freshStore("sqlite");
    try {
      const same = (outlet: string) => sampleReport({
        title: `Drone strike near Tell Amer (${outlet})`, outlet, published: "2024-09-02",
        events: [{ acled: ["Explosions/Remote violence", "Air/drone strike"], place: { name: "Tell Amer", lat: 36.7, lon: 40.9, country: "SY" }, date: "2024-09-02", killed: 2 }],
      });
      const summary = await ingestReports([same("Wire A"), same("Wire B"), same("Wire C")], { store: local.store, batchSize: 1 });
      const incidents = await local.store.listIncidents({ limit: 10 });
      assert.equal(incidents.total, 1, "the three reports are one happening");
      assert.deepEqual([summary.stored, summary.incidents], [3, 1]);
    } finally {
      await local.dispose();
    }
  });

  test("bad inputs are reported one line each and the rest is stored", async () => {
    const file = join(dir, "mixed.ndjson");
    writeFileSync(file, [JSON.stringify(report(10)), "{oops", JSON.stringify(report(11))].join("\n"));
    const seen: string[] = [];
    const s = await ingestPaths([file, join(dir, "missing.txt")], { store: fresh.store, workers: 0, onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.status}`) });
    assert.deepEqual([s.stored, s.failed], [2, 2]);
    // Stored articles are reported when their batch is written, after the failures met on the way.
    assert.deepEqual(seen.map((line) => line.split(" ")[0]), ["1/4", "2/4", "3/4", "4/4"]);
    assert.deepEqual(seen.map((line) => line.split(" ")[1]).sort(), ["failed", "failed", "stored", "stored"]);
    const recorded = await fresh.store.ingestErrors();
    assert.deepEqual(recorded.slice(0, 2).map((e) => [e.source.split("/").at(-1), e.item]).sort(), [["missing.txt", null], ["mixed.ndjson", "line 2"]]);
    assert.ok(s.errors.every((e) => !e.message.includes("\n")));
    assert.match(s.errors[0].message, /mixed\.ndjson:2: not valid JSON/);
    assert.match(s.errors[1].message, /missing\.txt: no such file or folder/);
  });

  test("articles are extracted by worker threads and stored", async () => {
    const file = join(dir, "article.txt");
    writeFileSync(file, "Drone strike kills three near Qamishli\n\nQAMISHLI, Syria, Aug 13 (Wire) - A drone strike hit a car south of Qamishli on Tuesday, killing three fighters, a local official said.\n");
    const s = await ingestItems(await expandPaths([file]), { store: fresh.store, workers: 1 });
    assert.equal(s.failed, 0, JSON.stringify(s.errors));
    assert.equal(s.stored, 1);
    const again = await ingestItems(await expandPaths([file]), { store: fresh.store, workers: 1 });
    assert.equal(again.duplicates, 1);
  });
});

describe("watching a feed", () => {
  let server: Server;
  let url: string;
  let requests: { etag?: string; since?: string }[];
  let failNext = false;
  before(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push({ etag: req.headers["if-none-match"] as string | undefined, since: req.headers["if-modified-since"] as string | undefined });
      if (failNext) {
        failNext = false;
        res.writeHead(503).end();
        return;
      }
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"', "last-modified": "Wed, 14 Aug 2024 08:00:00 GMT" }).end(FEED);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  test("the second poll is conditional and gets 304; a failure is reported, not thrown", async () => {
    const state: FeedState = { url, failures: 0, nextAt: 0 };
    const first = await pollFeed(state);
    assert.equal(first.status, "changed");
    assert.equal(first.status === "changed" && first.items.length, 2);
    assert.equal(state.etag, '"v1"');
    const second = await pollFeed(state);
    assert.equal(second.status, "not-modified");
    assert.deepEqual(requests[1], { etag: '"v1"', since: "Wed, 14 Aug 2024 08:00:00 GMT" });
    failNext = true;
    const third = await pollFeed({ url, failures: 0, nextAt: 0 });
    assert.equal(third.status, "failed");
    assert.match(third.status === "failed" ? third.message : "", /HTTP 503/);
  });

  test("backoff doubles per failure up to its cap", () => {
    assert.deepEqual([0, 1, 2, 3, 10].map((f) => nextDelaySeconds(60, f, 600)), [60, 120, 240, 480, 600]);
  });
});
