/** sitrep's offline gazetteer and geocoder: see gazetteer.ts for the data and scoring, normalize.ts for the keys. */
export { loadGazetteer } from "./gazetteer.js";
export type { GeoMatch, GeoContext, CountryInfo, Gazetteer, GazetteerEntry, PlaceCue } from "./gazetteer.js";
export { normalizePlaceName, strictPlaceKey } from "./normalize.js";
export { haversineKm } from "./distance.js";
