import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../pipeline.js";
import { findMoney } from "./amounts.js";

describe("money", () => {
  test("a currency word several countries use is read by the article's country", () => {
    const r = createPipeline().extract({ text: "Uganda's parliament in Kampala approved 500 billion shillings for roads on Tuesday.", published: "2024-02-01" });
    assert.equal(r.amounts[0]?.currency, "UGX");
  });

  test("symbols, codes, words and scales", () => {
    assert.deepEqual(findMoney("€350 million, $1.2bn, 40,000 euros and GBP 25m").map((m) => [m.value, m.currency]), [
      [350_000_000, "EUR"],
      [1_200_000_000, "USD"],
      [40_000, "EUR"],
      [25_000_000, "GBP"],
    ]);
  });

  test("a sum in brackets is the same money in another currency; purpose and donor are read", () => {
    const r = createPipeline().extract({ text: "Tokyo has pledged ¥15 billion ($100 million) for reconstruction in Ukraine this year.", published: "2024-02-01" });
    const a = r.amounts[0];
    assert.equal(a.value, 15_000_000_000);
    assert.equal(a.currency, "JPY");
    assert.deepEqual(a.alternatives, [{ value: 100_000_000, currency: "USD" }]);
    assert.equal(a.purpose, "reconstruction");
    const donor = r.entities.find((e) => e.id === a.donor);
    assert.equal(donor?.country, "JP");
  });
});
