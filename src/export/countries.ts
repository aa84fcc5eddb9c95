/**
 * What the export profiles need to know about a country: ISO 3166-1 numeric and alpha-3 codes, the English
 * short name, and the region each dataset files it under (world-countries, ODbL; regions by the datasets' rules).
 */
import { createRequire } from "node:module";

interface WorldCountry {
  cca2: string;
  cca3: string;
  ccn3: string;
  name: { common: string };
  region: string;
  subregion: string;
}

export interface CountryInfo {
  iso2: string;
  iso3: string;
  /** ISO 3166-1 numeric, as ACLED's `iso` column holds it */
  isoNumeric: number | null;
  name: string;
  /** ACLED's region ("Middle East", "Eastern Africa", ...) */
  acledRegion: string;
  /** UCDP's region: Africa, Americas, Asia, Europe or Middle East */
  ucdpRegion: string;
}

// ACLED files the Caucasus with Central Asia and Iran with the Middle East; UN subregions name the rest.
const ACLED_SUBREGION: Record<string, string> = {
  "Southern Asia": "South Asia", "South-Eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
  "Western Asia": "Middle East", "Central Asia": "Caucasus and Central Asia",
};
const CAUCASUS = new Set(["AM", "AZ", "GE"]);
/** UCDP's Middle East reaches beyond UN Western Asia to Egypt and Iran. */
const UCDP_MIDDLE_EAST_EXTRA = new Set(["EG", "IR"]);

function acledRegion(c: WorldCountry): string {
  if (CAUCASUS.has(c.cca2)) return "Caucasus and Central Asia";
  if (c.cca2 === "IR") return "Middle East";
  if (c.region === "Europe") return "Europe";
  if (c.region === "Oceania") return "Oceania";
  if (c.region === "Antarctic") return "Antarctica";
  return ACLED_SUBREGION[c.subregion] ?? c.subregion;
}

function ucdpRegion(c: WorldCountry): string {
  if (CAUCASUS.has(c.cca2)) return "Europe";
  if ((c.subregion === "Western Asia" && c.cca2 !== "CY") || UCDP_MIDDLE_EAST_EXTRA.has(c.cca2)) return "Middle East";
  if (c.region === "Oceania" || c.region === "Antarctic") return "Asia";
  return c.region;
}

let byIso2: Map<string, CountryInfo> | null = null;

export function countryInfo(iso2: string | null | undefined): CountryInfo | null {
  if (!iso2) return null;
  if (!byIso2) {
    const world = createRequire(import.meta.url)("world-countries") as WorldCountry[];
    byIso2 = new Map(
      world.map((c) => [c.cca2, {
        iso2: c.cca2, iso3: c.cca3, isoNumeric: c.ccn3 ? Number(c.ccn3) : null, name: c.name.common,
        acledRegion: acledRegion(c), ucdpRegion: ucdpRegion(c),
      }]),
    );
  }
  return byIso2.get(iso2.toUpperCase()) ?? null;
}
