import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatRatios, formatStages, formatThroughput, mbPerSecond, rate } from "./format.js";
import type { PhaseResult } from "./phases.js";

// made-up figures: the formatting and the arithmetic are under test, not any machine's speed
const result = (over: Partial<PhaseResult>): PhaseResult => ({
  phase: "sitrep-1", label: "sitrep extract", cores: 1, articles: 100, of: 100, bytes: 2 * 1024 * 1024, seconds: 4,
  cpuSeconds: 3.9, setupSeconds: 0.5, peakRssMb: 120, failures: 0, ...over,
});

describe("bench report", () => {
  test("articles/s and MB/s from counts and seconds", () => {
    assert.equal(rate(result({})), 25);
    assert.equal(mbPerSecond(result({})), 0.5);
  });
  test("a phase stopped by the time limit says how far it got", () => {
    const text = formatThroughput([result({ articles: 40, of: 100 })]);
    assert.match(text, /\| sitrep extract \| 1 \| 40 of 100 \(time limit\) \| 10.0 \| 0.50 \| 4.0 \| 3.9 \| 120.0 \| 0.5 \|/);
  });
  test("ratios compare time per article with one core of sitrep", () => {
    const text = formatRatios([
      result({}),
      result({ phase: "wink", label: "wink-nlp tokens+POS", articles: 100, seconds: 1 }),
      result({ phase: "sitrep-all", label: "sitrep extract (worker_threads)", cores: 2, seconds: 2.5 }),
    ]);
    assert.equal(text, [
      "- sitrep (full extraction, 1 core) takes 4.00x the time per article of wink-nlp tokens+POS",
      "- 2 cores with worker_threads: 1.60x the throughput of one core",
    ].join("\n"));
  });
  test("NER runs in several processes report the median run and the range, in tokens/s", () => {
    const ner = (tokens: number, seconds: number) => result({ phase: "ner", label: "sitrep NER tagger alone (unseen text)", tokens, seconds, cpuSeconds: seconds });
    const text = formatThroughput([ner(30_000, 0.1), ner(30_000, 0.2), ner(30_000, 0.12)]);
    assert.match(text, /NER tagger alone, one core: 250,000 tokens\/s \(wall clock\) \(median of 3 runs in fresh processes; range 150,000 to 300,000\), 250,000 tokens per CPU-second, over 30,000 tokens; unseen text/);
  });
  test("the stage profile is ms per article and marks the slowest stage", () => {
    const text = formatStages({ articles: 10, stages: { read: 10, segment: 30, recognise: 60 } });
    assert.match(text, /\| \*\*recognise\*\* \| 6.00 \| 60% \|/);
    assert.match(text, /\| total \| 10.00 \| 100% \|/);
  });
});

describe("store figures", () => {
  test("one row per database, a skipped one with its reason, and query latencies side by side", async () => {
    const { formatStore } = await import("./format.js");
    const text = formatStore([
      { dialect: "sqlite", articles: 500, events: 1000, incidents: 700, seconds: 2, articlesPerSecond: 250, eventsPerSecond: 500, queries: [{ name: "by country", runs: 5, p50Ms: 1.5, p99Ms: 3 }] },
      { dialect: "postgres", articles: 0, events: 0, incidents: 0, seconds: 0, articlesPerSecond: 0, eventsPerSecond: 0, queries: [], skipped: "no server" },
    ]);
    assert.match(text, /\| sqlite \| 500 \| 1,000 \| 700 \| 2 \| 250 \| 500 \|/);
    assert.match(text, /\| postgres \|  \|  \|  \|  \|  \| skipped: no server \|/);
    assert.match(text, /\| by country \| 1.50 \/ 3.00 \|/);
  });
});
