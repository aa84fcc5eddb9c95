/**
 * Admin-1 (state, province) shapes for the map, offline: Natural Earth's 1:10m admin-1 (public domain), simplified
 * by scripts/build-admin1-shapes.ts into a file of integer steps, fetched only when a province mode is chosen.
 * A province of the API (its country and GeoNames name) finds its shape by any of the names the file keeps.
 */
import shapesUrl from "./data/admin1-shapes.json?url";

interface ShapesFile {
  quantum: number;
  shapes: { country: string; code: string; names: string[]; polygons: number[][][] }[];
}

export interface Admin1Shape {
  country: string;
  code: string;
  name: string;
  feature: GeoJSON.Feature<GeoJSON.MultiPolygon>;
}

export interface Admin1Index {
  /** every shape of a country (ISO alpha-2) */
  ofCountry(country: string): Admin1Shape[];
  /** the shape of a province, by its country and any of its names */
  find(country: string | null, name: string): Admin1Shape | undefined;
}

/** Names compared without case, accents, punctuation or spaces ("Ḥalab" = "halab"). */
export function nameKey(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function decodeRing(steps: number[], quantum: number): GeoJSON.Position[] {
  const ring: GeoJSON.Position[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < steps.length; i += 2) {
    x += steps[i];
    y += steps[i + 1];
    ring.push([x / quantum, y / quantum]);
  }
  ring.push(ring[0]);
  return ring;
}

let loading: Promise<Admin1Index> | undefined;

/** The shapes, fetched and decoded once. */
export function loadAdmin1(): Promise<Admin1Index> {
  loading ??= fetch(shapesUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`province shapes: HTTP ${r.status}`);
      return r.json() as Promise<ShapesFile>;
    })
    .then((file) => {
      const byCountry = new Map<string, Admin1Shape[]>();
      const byName = new Map<string, Admin1Shape>();
      const shapes: Admin1Shape[] = [];
      for (const s of file.shapes) {
        const shape: Admin1Shape = {
          country: s.country,
          code: s.code,
          name: s.names[0],
          feature: {
            type: "Feature",
            properties: { code: s.code },
            geometry: { type: "MultiPolygon", coordinates: s.polygons.map((p) => p.map((r) => decodeRing(r, file.quantum))) },
          },
        };
        const list = byCountry.get(s.country) ?? [];
        list.push(shape);
        byCountry.set(s.country, list);
        shapes.push(shape);
      }
      // Each shape's own name (GeoNames' where it has one) first, then the other names where still free:
      // an alternative name never takes a province from the division that bears it.
      const names = file.shapes.map((s) => s.names);
      for (const own of [true, false]) {
        shapes.forEach((shape, i) => {
          for (const n of own ? names[i].slice(0, 1) : names[i].slice(1)) {
            const key = `${shape.country}|${nameKey(n)}`;
            if (!byName.has(key)) byName.set(key, shape);
          }
        });
      }
      return {
        ofCountry: (country) => byCountry.get(country.toUpperCase()) ?? [],
        find: (country, name) => (country ? byName.get(`${country.toUpperCase()}|${nameKey(name)}`) : undefined),
      };
    });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
