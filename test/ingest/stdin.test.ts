/** `sitrep extract --format json | sitrep ingest -`: reports on standard input, pretty-printed or one a line. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { sampleReport } from "../../src/incidents/sample-report.js";
import { itemsFromContent } from "../../src/ingest/sources.js";

const reports = [
  sampleReport({ title: "Checkpoint attack", events: [{ acled: ["Battles", "Armed clash"], place: { name: "Tarsa", lat: 1, lon: 2, country: "KE" }, date: "2024-05-06", actors: ["Gunmen"], killed: 2 }] }),
  sampleReport({ title: "Market fire", events: [{ type: "PROTEST", acled: ["Protests", "Peaceful protest"], place: { name: "Selvo", lat: 3, lon: 4, country: "KE" }, date: "2024-05-07" }] }),
];

describe("reports on standard input", () => {
  test("pretty-printed reports one after another are each a report", async () => {
    const items = await itemsFromContent(reports.map((r) => JSON.stringify(r, null, 2)).join("\n"), "stdin");
    assert.deepEqual(items.map((i) => i.kind), ["report", "report"]);
    assert.deepEqual(items.map((i) => i.kind === "report" && i.report.article.title), ["Checkpoint attack", "Market fire"]);
  });

  test("NDJSON reports are each a report, and a broken line costs only itself", async () => {
    const text = [JSON.stringify(reports[0]), '{"schema": "sitrep/1", "article": ', JSON.stringify(reports[1])].join("\n");
    const items = await itemsFromContent(text, "stdin");
    assert.deepEqual(items.map((i) => [i.kind, i.source]), [["report", "stdin:1"], ["error", "stdin:2"], ["report", "stdin:3"]]);
  });

  test("a cut-off pretty report is one error naming its line; the reports before it are kept", async () => {
    const whole = JSON.stringify(reports[0], null, 2);
    const cut = JSON.stringify(reports[1], null, 2).slice(0, 200);
    const items = await itemsFromContent(`${whole}\n${cut}`, "stdin");
    assert.deepEqual(items.map((i) => i.kind), ["report", "error"]);
    assert.match(items[1].kind === "error" ? `${items[1].source} ${items[1].message}` : "", new RegExp(`^stdin:${whole.split("\n").length + 1} .*cut off`));
  });
});
