import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { parseLexicon } from "./lexicon.js";
import { fromRoot } from "./paths.js";

function lexiconFiles(dir = fromRoot("lexicons")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? lexiconFiles(join(dir, d.name)) : d.name.endsWith(".tsv") ? [join(dir, d.name)] : [],
  );
}

describe("lexicon files", () => {
  test("a header row is required and every row has no more cells than the header", () => {
    assert.throws(() => parseLexicon("# only a comment\n", "x.tsv"), /no header row/);
    assert.throws(() => parseLexicon("a\tb\n1\t2\t3\n", "x.tsv"), /x\.tsv:2: 3 cells, header has 2/);
    assert.throws(() => parseLexicon("a\tb\n\t2\n", "x.tsv", ["a"]), /x\.tsv:2: empty "a"/);
  });

  for (const path of lexiconFiles()) {
    const name = relative(fromRoot("lexicons"), path);
    test(`${name} parses, and its first column has no duplicate keys`, () => {
      const source = readFileSync(path, "utf8");
      const rows = parseLexicon(source, name);
      assert.ok(rows.length > 0, "no rows");
      const header = source.split("\n").find((l) => l && !l.startsWith("#"))!.split("\t");
      const keys = rows.map((r) => r[header[0]]);
      const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
      // event patterns, regions and pair tables may repeat a first column; everything else is a set
      if (!/event-|regions|geo-|incident-|-by-/.test(name)) assert.deepEqual(dupes, []);
    });
  }
});
