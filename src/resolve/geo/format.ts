/** The on-disk layout of the built gazetteer index, shared by the build script and the loader. */

/** Relative to the package root; gzip-compressed TSV with a `#` comment line and a header row. */
export const GAZETTEER_FILE = "models/gazetteer/places.tsv.gz";

/** P: populated place, A1: first-level division, A2: second-level division. */
export type GazetteerRowKind = "P" | "A1" | "A2";

/**
 * Column order. The index keys come first, "|"-separated: they are precomputed (computing them costs more than
 * the rest of loading) and the loader reads only them up front, parsing the rest of a row when it is matched.
 */
export const GAZETTEER_COLUMNS = [
  "strictKeys",
  "looseKeys",
  "kind",
  "geonameId",
  "name",
  "country",
  "admin1",
  "admin2",
  "lat",
  "lon",
  "population",
  "featureCode",
] as const;

/** Bump when the key functions in normalize.ts change: an index built with another version is re-keyed on load. */
export const KEY_VERSION = 4;

/** Towns smaller than this are matched by exact spelling only, so their loose keys are not indexed at all. */
export const LOOSE_MIN_POPULATION = 5000;


/** The centroid of each country's largest polygon (world-countries shapes), TSV: country, lat, lon. */
export const COUNTRY_CENTROIDS_FILE = "models/gazetteer/countries.tsv";

/** The area centroid of each admin1 division's polygons (Natural Earth), TSV: code ("CA.02"), lat, lon, name. */
export const ADMIN1_POINTS_FILE = "models/gazetteer/admin1-points.tsv";

/** The villages of conflict-affected countries (Who's On First), one gzip TSV per country: `<cc>.tsv.gz`. */
export const VILLAGES_DIR = "models/gazetteer/villages";

/** L: locality, A: local admin area, N: neighbourhood, C: county. */
export type VillageKind = "L" | "A" | "N" | "C";

/**
 * Column order of a villages file (after a `#` comment line and this header): the precomputed strict keys first,
 * as in the main index, so that loading a country hashes them where they stand. Villages are met by their exact
 * spellings and Latin-script variants only: the loose key doubled the files and meets common words.
 */
export const VILLAGE_COLUMNS = ["strictKeys", "kind", "geonameId", "name", "lat", "lon", "region", "county", "population"] as const;

