import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Doc } from "./doc/index.js";
import { isSitrepError } from "./errors.js";
import { createPipeline, extract } from "./pipeline.js";
import { runStage } from "./stage.js";

describe("the pipeline", () => {
  test("runs read, segment, recognise, resolve, extract in that order", () => {
    assert.deepEqual(createPipeline().stageNames, ["read", "segment", "recognise", "resolve", "extract"]);
  });

  test("a stage that does not return its Doc is an error naming the stage", () => {
    const doc = new Doc("x", { id: null, title: null, published: null, credits: { authors: [], agencies: [] }, subheads: [], related: [], language: "en" });
    const bad = (() => undefined) as unknown as (d: Doc) => Doc;
    try {
      runStage("broken", bad, doc);
      assert.fail("no error");
    } catch (err) {
      assert.ok(isSitrepError(err));
      assert.equal(err.code, "SITREP_STAGE_BAD_RETURN");
      assert.match(err.message, /stage "broken"/);
    }
  });

  test("an article past its time budget fails with SITREP_TIMEOUT, naming the input and the stage", () => {
    // a budget no stage can meet: the first boundary is past it
    const p = createPipeline({ timeoutMs: 1e-6 });
    assert.throws(
      () => p.extract({ text: "Troops withdrew from the base on Monday.", path: "notes/base.txt" }),
      (err: unknown) => isSitrepError(err) && err.code === "SITREP_TIMEOUT" && /^notes\/base\.txt: gave up after .* stage "segment"/.test(err.message),
    );
    assert.doesNotThrow(() => createPipeline({ timeoutMs: 0 }).extract("Troops withdrew from the base on Monday."));
  });

  test("profiling keeps time per stage", () => {
    const p = createPipeline({ profile: true });
    p.extract("Troops withdrew from the base on Monday.");
    for (const name of p.stageNames) assert.ok(p.timings[name] >= 0, name);
  });

  test("every span of every fact points at its own words", () => {
    const r = extract({ text: "Rebels shelled Kramatorsk on Sunday, killing two civilians, Ukraine's army said. \"We will respond,\" army spokesman Oleksiy Dmytrashkivskyi said.", published: "2024-06-03" });
    const text = r.article.text;
    const spans = [
      ...r.entities.flatMap((e) => e.mentions), ...r.places.flatMap((p) => p.mentions), ...r.times.flatMap((t) => t.mentions),
      ...r.quotes.flatMap((q) => q.evidence), ...r.events.flatMap((e) => e.evidence), ...r.amounts.flatMap((a) => a.evidence),
    ];
    assert.ok(spans.length > 5);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), s.text);
  });

  test("article text is data: markup in it stays text", () => {
    const r = extract({ text: "<script>alert(1)</script> Protesters marched in Tunis on Friday.", format: "text" });
    assert.ok(r.article.text.includes("<script>"));
  });
});
