/** The admin-1 shapes build: simplification, quantised integer steps, and how divisions are joined and named. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildShapes, encodeRing, simplifyLine } from "./build-admin1-shapes.js";

/** A square of side `side` degrees from (x, y), with `n` points on each edge. */
function square(x: number, y: number, side: number, n = 10): number[][] {
  const ring: number[][] = [];
  const corners = [[x, y], [x + side, y], [x + side, y + side], [x, y + side]];
  for (let c = 0; c < 4; c++) {
    const [a, b] = [corners[c], corners[(c + 1) % 4]];
    for (let i = 0; i < n; i++) ring.push([a[0] + ((b[0] - a[0]) * i) / n, a[1] + ((b[1] - a[1]) * i) / n]);
  }
  ring.push(ring[0]);
  return ring;
}

function decode(steps: number[], quantum: number): number[][] {
  const out: number[][] = [];
  for (let i = 0, x = 0, y = 0; i < steps.length; i += 2) {
    x += steps[i];
    y += steps[i + 1];
    out.push([x / quantum, y / quantum]);
  }
  return out;
}

describe("admin-1 shapes build", () => {
  test("Douglas-Peucker drops points within the tolerance and keeps those beyond it", () => {
    assert.deepEqual(simplifyLine([[0, 0], [1, 0.001], [2, -0.001], [3, 0.002], [4, 0]], 0.01), [[0, 0], [4, 0]]);
    const peak = [[0, 0], [1, 0.501], [2, 1], [3, 0.499], [4, 0]];
    assert.deepEqual(simplifyLine(peak, 0.01), [[0, 0], [2, 1], [4, 0]]);
    assert.deepEqual(simplifyLine(peak, 2), [[0, 0], [4, 0]]);
  });

  test("a ring becomes its corners on the grid, as integer steps that add back up to them", () => {
    const steps = encodeRing(square(10, 20, 1), 0.02, 100);
    assert.ok(steps);
    assert.ok(steps.every(Number.isInteger));
    const corners = decode(steps, 100).map((p) => p.join(",")).sort();
    assert.deepEqual(corners, ["10,20", "10,21", "11,20", "11,21"]);
  });

  test("a ring smaller than the grid encloses nothing and is left out", () => {
    assert.equal(encodeRing(square(5, 5, 0.001), 0, 100), null);
  });

  test("polygons of one GeoNames division merge under GeoNames' name; a division a level up is the union of its parts", () => {
    const feature = (props: Record<string, string>, ring: number[][]) => ({ properties: props, geometry: { type: "Polygon" as const, coordinates: [ring] } });
    const file = buildShapes(
      [
        feature({ iso_a2: "XA", gn_a1_code: "XA.01", name: "Northmark", name_alt: "Nordmark|North March" }, square(0, 0, 1)),
        feature({ iso_a2: "XA", gn_a1_code: "XA.01", name: "Northmark" }, square(3, 0, 1)),
        feature({ iso_a2: "XA", gn_a1_code: "XA.02", name: "Lowfield", region: "Southern Plain" }, square(0, -2, 1)),
        feature({ iso_a2: "XA", gn_a1_code: "XA.03", name: "Reedmoor", region: "Southern Plain" }, square(2, -2, 1)),
      ],
      new Map([["XA.01", "North Mark"], ["XA.09", "Southern Plain"]]),
    );
    const byCode = new Map(file.shapes.map((s) => [s.code, s]));
    assert.deepEqual(byCode.get("XA.01")?.names, ["North Mark", "Northmark", "Nordmark", "North March"]);
    assert.equal(byCode.get("XA.01")?.polygons.length, 2);
    assert.deepEqual(byCode.get("XA.02")?.names, ["Lowfield"]);
    assert.equal(byCode.get("XA.09")?.polygons.length, 2, "the plain is its two provinces");
    assert.deepEqual(byCode.get("XA.09")?.names, ["Southern Plain"]);
  });
});
