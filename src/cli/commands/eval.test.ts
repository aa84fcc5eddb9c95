import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromRoot } from "../../paths.js";

const sitrep = (...args: string[]) => spawnSync(process.execPath, [fromRoot("bin", "sitrep.js"), "eval", ...args], { encoding: "utf8" });

describe("sitrep eval", () => {
  test("a missing gold file exits 1 with one line naming it", () => {
    const out = sitrep("casualties", "/no/such/dev.tsv");
    assert.equal(out.status, 1);
    assert.deepEqual(out.stderr.trim().split("\n"), ["sitrep: [SITREP_INPUT_NOT_FOUND] /no/such/dev.tsv: no such gold file or folder"]);
  });
  test("a malformed gold file exits 1 naming file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-eval-cli-"));
    try {
      const file = join(dir, "records.json");
      writeFileSync(file, '[\n{"id": "a",\n}');
      const out = sitrep("events", file);
      assert.equal(out.status, 1);
      assert.match(out.stderr.trim(), new RegExp(`^sitrep: \\[SITREP_GOLD_INVALID\\] ${file.replace(/[.]/g, "\\.")}:\\d+: not valid JSON`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test("an unknown task names the tasks there are", () => {
    const out = sitrep("sentiment", "x");
    assert.equal(out.status, 1);
    assert.match(out.stderr, /unknown eval task "sentiment": choose one of ner, geo, time/);
  });
  test("the invented ACLED fixture: a table, and the summary as the last line", () => {
    const out = sitrep("acled", fromRoot("eval", "fixtures", "acled-sample.csv"));
    assert.equal(out.status, 0, out.stderr);
    const lines = out.stdout.trim().split("\n");
    assert.match(lines[0], /^field\s+accuracy$/);
    assert.match(lines[lines.length - 1], /^acled event_type=\S+ sub_event_type=\S+ fatalities=\S+ place_50km=\S+ any_place_50km=\S+ date=\S+ date_where_stated=\S+ names_coded_place=\S+ any_place_where_named=\S+ place_ceiling=\S+ n=3$/);
    assert.match(out.stderr, /acled-sample\.csv:5: event_date "sometime"/);
  });
  test("--json prints one JSON line, then the summary line", () => {
    const out = sitrep("acled", fromRoot("eval", "fixtures", "acled-sample.csv"), "--json");
    const lines = out.stdout.trim().split("\n");
    assert.equal(lines.length, 2);
    const json = JSON.parse(lines[0]) as { task: string; summary: { n: number } };
    assert.equal(json.task, "acled");
    assert.equal(json.summary.n, 3);
    assert.match(lines[1], /^acled /);
  });
});
