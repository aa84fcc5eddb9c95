/** `sitrep extract` as a user runs it: a real process, real files, exit codes and one-line errors. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fromRoot } from "../../src/paths.js";

const bin = fromRoot("bin", "sitrep.js");
const dir = mkdtempSync(join(tmpdir(), "sitrep-cli-"));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, timeout: 60_000 });
const write = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

const ARTICLE = [
  "Strike on fuel depot",
  "April 9, 2024",
  "KHARKIV, Ukraine (Wire) -- A Russian missile strike on a fuel depot in Kharkiv killed four workers on Monday, regional governor Oleh Synehubov said.",
  "\"The rescue operation is over,\" Synehubov said.",
].join("\n");

describe("sitrep extract", () => {
  test("--format json prints a sitrep/1 report whose spans point into its text", () => {
    const out = run(["extract", write("strike.txt", ARTICLE), "--format", "json"]);
    assert.equal(out.status, 0, out.stderr);
    const report = JSON.parse(out.stdout);
    assert.equal(report.schema, "sitrep/1");
    assert.equal(report.article.published, "2024-04-09");
    for (const e of report.events) for (const s of e.evidence) assert.equal(report.article.text.slice(s.start, s.end), s.text);
    const strike = report.events.find((e: { type: string }) => e.type === "ASSAULT");
    assert.equal(strike.casualties.killed.best, 4);
  });

  test("the text brief says what happened, where, when and who said what", () => {
    const out = run(["extract", write("brief.txt", ARTICLE)]);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /What happened/);
    assert.match(out.stdout, /4 killed/);
    assert.match(out.stdout, /2024-04-08/);
    assert.match(out.stdout, /Synehubov.*rescue operation is over/);
  });

  test("reads standard input with -", () => {
    const out = run(["extract", "-", "--published", "2024-04-09", "--format", "json"], "Troops withdrew from the base on Monday.");
    assert.equal(out.status, 0, out.stderr);
    assert.equal(JSON.parse(out.stdout).article.published, "2024-04-09");
  });

  for (const [name, data, code] of [
    ["empty.txt", "", "SITREP_INPUT_EMPTY"],
    ["binary.bin", new Uint8Array([0, 1, 2, 3, 0, 255]), "SITREP_INPUT_BINARY"],
    ["latin1.txt", new Uint8Array([0x43, 0x61, 0x66, 0xe9]), "SITREP_INPUT_ENCODING"],
    ["nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "SITREP_INPUT_NO_ARTICLE"],
  ] as const) {
    test(`bad input ${name}: one line on stderr, exit code non-zero, no stack trace`, () => {
      const out = run(["extract", write(name, data)]);
      assert.notEqual(out.status, 0);
      const lines = out.stderr.trim().split("\n");
      assert.equal(lines.length, 1, out.stderr);
      assert.match(lines[0], new RegExp(`^sitrep: \\[${code}\\] .*${name.replace(".", "\\.")}`));
      assert.doesNotMatch(out.stderr, /\bat .*\.js:\d+/);
    });
  }

  test("a 50 MB file is refused before it is read, in one line", () => {
    const path = join(dir, "huge.txt");
    writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 0x61));
    const out = run(["extract", path]);
    assert.notEqual(out.status, 0);
    assert.match(out.stderr.trim(), /^sitrep: \[SITREP_INPUT_TOO_LARGE\] .*huge\.txt: 50\.0 MB is more than the 5 MB an article may have/);
  });

  test("a bad option is named", () => {
    const out = run(["extract", write("ok.txt", ARTICLE), "--published", "last Tuesday"]);
    assert.notEqual(out.status, 0);
    assert.match(out.stderr, /--published must be a date/);
  });

  test("a non-English article: a warning and no invented facts", () => {
    const out = run(["extract", write("fr.txt", "Des combats ont opposé mercredi l'armée malienne aux rebelles près de Léré, faisant au moins deux morts selon une source militaire. Les habitants ont fui vers la ville voisine, a indiqué un élu local."), "--format", "json"]);
    assert.equal(out.status, 0);
    const report = JSON.parse(out.stdout);
    assert.equal(report.article.language, "fr");
    assert.equal(report.events.length, 0);
    assert.match(out.stderr, /warning: .*French/);
  });
});
