/**
 * The bundled example articles (examples/articles) against the facts a careful analyst reads in them.
 * Every fact must be read, except those listed in known-gaps.json: a ratchet, so that a change can only
 * close gaps (and must then delete them from the list), never open new ones. Precision likewise: no record
 * beyond the answer key's events, except those listed in known-extras.json.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../src/pipeline.js";
import { checkExample, exampleArticles, knownExtras, knownGaps } from "./examples.js";

const pipeline = createPipeline();
const gaps = knownGaps();
const extrasKnown = knownExtras();

for (const ex of exampleArticles()) {
  describe(`example ${ex.slug}`, () => {
    const { facts: results, extras } = checkExample(pipeline, ex);
    const missed = results.filter((r) => !r.ok && !gaps.has(r.id));
    const closed = results.filter((r) => r.ok && gaps.has(r.id));

    test("reads every fact not listed as a known gap", () => {
      assert.deepEqual(missed.map((r) => `${r.id} (got: ${r.detail})`), []);
    });

    test("a gap that is now read is taken off the known-gaps list", () => {
      assert.deepEqual(closed.map((r) => r.id), []);
    });

    // precision: the answer key lists every event an analyst files; a record beyond it is noise downstream
    test("files no incident-worthy record the answer key does not list, beyond the known extras", () => {
      assert.deepEqual(extras.filter((x) => !extrasKnown.has(x)), []);
    });

    test("a known extra no longer filed is taken off the known-extras list", () => {
      const listed = [...extrasKnown].filter((x) => x.startsWith(`${ex.slug}: `));
      assert.deepEqual(listed.filter((x) => !extras.includes(x)), []);
    });

    test("most of the analyst's facts are read", () => {
      const ok = results.filter((r) => r.ok).length;
      assert.ok(ok / results.length >= 0.5, `only ${ok}/${results.length} facts read`);
    });
  });
}
