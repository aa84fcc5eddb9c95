/** The command line's edges: --version, refused dates, a reader that stops early. */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { synthesiseReports } from "../../bench/store.js";
import { fromRoot } from "../../src/paths.js";
import { freshStore, type FreshStore } from "../store/helpers.js";

const bin = fromRoot("bin", "sitrep.js");
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });

describe("the command line", () => {
  test("--version prints the package's version", () => {
    const out = run(["--version"]);
    assert.equal(out.status, 0);
    assert.equal(out.stdout.trim(), (JSON.parse(readFileSync(fromRoot("package.json"), "utf8")) as { version: string }).version);
  });

  test("a --published that is not a calendar day is refused in one line", () => {
    for (const day of ["2024-13-40", "9999-99-99", "2023-02-29"]) {
      const out = run(["extract", fromRoot("examples", "articles", "abeche-base-handover.txt"), "--published", day]);
      assert.equal(out.status, 1, day);
      assert.equal(out.stderr.trim(), `sitrep: [SITREP_BAD_OPTION] --published must be a date like 2018-05-01, not "${day}"`);
    }
  });

  describe("a reader that stops early", () => {
    let fresh: FreshStore;
    before(async () => {
      fresh = await freshStore("sqlite");
      for (const r of synthesiseReports(600)) await fresh.store.saveReport(r);
    });
    after(async () => fresh?.dispose());

    test("ends the export quietly (EPIPE), as `sitrep export | head` wants", async () => {
      const child = spawn(process.execPath, [bin, "export", "--profile", "ndjson", "--db", fresh.url], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      // read one chunk, then close the pipe as head does
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      assert.equal(code, 0);
      assert.equal(stderr, "");
    });
  });
});
