/** `sitrep recluster` and `sitrep delete` as a user runs them, on a SQLite store filled with synthetic reports. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fromRoot } from "../../src/paths.js";
import { createStore } from "../../src/store/index.js";
import { synthesiseReports } from "../../bench/store.js";

const bin = fromRoot("bin", "sitrep.js");
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 120_000 });
const REPORTS = synthesiseReports(120, 2, 5);

describe("sitrep recluster and sitrep delete", () => {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-cli-store-"));
  const db = join(dir, "store.db");
  before(async () => {
    const store = await createStore(db);
    await store.saveReports(REPORTS.map((report) => ({ report })));
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("recluster --from-scratch --check rebuilds the incidents and finds them byte-identical", () => {
    const out = run(["recluster", "--db", db, "--from-scratch", "--check"]);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /reclustered: \d+ incidents/);
    assert.match(out.stdout, /byte-identical/);
  });

  test("delete removes an article, and says so when there is none", async () => {
    const id = REPORTS[3].article.id;
    const out = run(["delete", id, "--db", db]);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout.trim(), `deleted ${id}`);
    const store = await createStore(db);
    assert.equal(await store.getArticle(id), null);
    await store.close();
    const again = run(["delete", id, "--db", db]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /no article/);
  });
});
