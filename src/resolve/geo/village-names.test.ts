import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { strictPlaceKey } from "./normalize.js";
import { encodeVillageNames, VillageNames } from "./village-names.js";

describe("the villages' names index", () => {
  test("says which countries have a village of a name, by its exact spelling only", () => {
    const naming = new Map<string, Set<string>>([
      [strictPlaceKey("Kolkoa"), new Set(["BF"])],
      [strictPlaceKey("Tinwari"), new Set(["ML", "NE", "BF"])],
      [strictPlaceKey("Zorvintsi"), new Set(["UA"])],
    ]);
    const file = join(mkdtempSync(join(tmpdir(), "sitrep-names-")), "names.bin.gz");
    writeFileSync(file, encodeVillageNames(naming));
    const index = VillageNames.load(file);
    assert.ok(index);
    assert.deepEqual(index.countriesNaming("Kolkoa"), ["BF"]);
    assert.deepEqual(index.countriesNaming("Tinwari"), ["BF", "ML", "NE"]);
    assert.deepEqual(index.countriesNaming("Zorvintsi"), ["UA"]);
    assert.deepEqual(index.countriesNaming("Kolokoa"), []);
  });

  test("no index file: no names (villages not built)", () => {
    assert.equal(VillageNames.load(join(tmpdir(), "no-such-dir-sitrep", "names.bin.gz")), null);
  });
});
