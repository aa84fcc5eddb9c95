/** Dates in CSV, NDJSON and feed input: calendar dates in UTC unless they state a zone, whatever the machine's zone. */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { isoDate } from "../../src/ingest/sources.js";

for (const zone of ["Asia/Tokyo", "America/Los_Angeles", "UTC"]) {
  describe(`input dates on a machine in ${zone}`, () => {
    let saved: string | undefined;
    before(() => {
      saved = process.env.TZ;
      process.env.TZ = zone;
    });
    after(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    test("a date without a zone is the calendar day it names", () => {
      assert.equal(isoDate("4/5/2017"), "2017-04-05");
      assert.equal(isoDate("April 5, 2017"), "2017-04-05");
      assert.equal(isoDate("2017-04-05"), "2017-04-05");
      assert.equal(isoDate("April 5, 2017 14:30"), "2017-04-05T14:30:00.000Z");
    });

    test("a date with a zone or offset is converted to UTC", () => {
      assert.equal(isoDate("Tue, 13 Aug 2024 10:00:00 GMT"), "2024-08-13T10:00:00.000Z");
      assert.equal(isoDate("Tue, 13 Aug 2024 10:00:00 +0200"), "2024-08-13T08:00:00.000Z");
      assert.equal(isoDate("2024-08-13T01:00:00+09:00"), "2024-08-13T01:00:00+09:00");
    });

    test("what is not a calendar date is unreadable", () => {
      assert.equal(isoDate("2024-13-40"), undefined);
      assert.equal(isoDate("9999-99-99"), undefined);
      assert.equal(isoDate("next week"), undefined);
    });
  });
}
