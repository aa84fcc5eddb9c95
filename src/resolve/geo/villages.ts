/**
 * The villages of conflict-affected countries (models/gazetteer/villages/<cc>.tsv.gz, built from Who's On First
 * by scripts/build-villages.ts). A country's file is read the first time an article about that country asks for
 * a name (a few hundred ms for the largest), so a process that never reads about those countries never pays
 * for them. Villages are candidates only in the countries the article is about or the text places a name in
 * (see `OfflineGazetteer.rank`); the ranker weighs them against towns of the same name.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { SitrepError } from "../../errors.js";
import { fromRoot } from "../../paths.js";
import { VILLAGE_COLUMNS, VILLAGES_DIR, type VillageKind } from "./format.js";
import { keyFingerprint } from "./designators.js";
import { KeyIndex } from "./key-index.js";
import { strictPlaceKey } from "./normalize.js";
import { VILLAGE_NAMES_FILE, VillageNames } from "./village-names.js";

export interface Village {
  kind: VillageKind;
  geonameId: number | null;
  name: string;
  lat: number;
  lon: number;
  country: string;
  region: string | null;
  county: string | null;
  population: number;
}

/** One country's villages: rows kept as text until matched, their precomputed keys hashed in a `KeyIndex`. */
class CountryVillages {
  private readonly rows: string[];
  private readonly strict: KeyIndex;

  constructor(readonly country: string, text: string, file: string) {
    const lines = text.split("\n");
    const headerAt = lines.findIndex((l) => l !== "" && !l.startsWith("#"));
    if (VILLAGE_COLUMNS.some((c, i) => lines[headerAt]?.split("\t")[i] !== c) || !lines[0].includes(`keys=${keyFingerprint()}`)) {
      throw new SitrepError("SITREP_MODEL_INVALID", `${file}:${headerAt + 1}: header is not ${VILLAGE_COLUMNS.join(",")} or the keys are stale: run "npm run build:gazetteer"`);
    }
    this.rows = lines.slice(headerAt + 1).filter((l) => l !== "");
    this.strict = new KeyIndex(this.rows, 0, file);
    this.rows.forEach((line, row) => this.strict.addRow(row, line, 0, line.indexOf("\t")));
    this.strict.seal();
  }

  /** Villages named `surface` (by its spelling or one of their Latin-script variants). */
  find(surface: string): Village[] {
    return (this.strict.get(strictPlaceKey(surface)) ?? []).map((r) => this.village(r));
  }

  private village(row: number): Village {
    const [, kind, geonameId, name, lat, lon, region, county, population] = this.rows[row].split("\t");
    return {
      kind: kind as VillageKind,
      geonameId: geonameId ? Number(geonameId) : null,
      name,
      lat: Number(lat),
      lon: Number(lon),
      country: this.country,
      region: region || null,
      county: county || null,
      population: Number(population) || 0,
    };
  }
}

/** The villages of every country that has a file, each country loaded on first use. */
export class VillageIndex {
  private readonly files = new Map<string, string>();
  private readonly loaded = new Map<string, CountryVillages>();
  private names: VillageNames | null | undefined;

  constructor(private readonly dir = fromRoot(VILLAGES_DIR)) {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir)) if (/^[a-z]{2}\.tsv\.gz$/.test(f)) this.files.set(f.slice(0, 2).toUpperCase(), join(dir, f));
  }

  /** Whether villages of `country` (ISO2) are known. */
  covers(country: string): boolean {
    return this.files.has(country);
  }

  /** The countries with a village that may be named `surface` (the names index, read on first use), none read. */
  countriesNaming(surface: string): string[] {
    if (this.names === undefined) this.names = VillageNames.load(join(this.dir, VILLAGE_NAMES_FILE));
    return this.names ? this.names.countriesNaming(surface).filter((c) => this.files.has(c)) : [];
  }

  /** The villages of `countries` named `surface`. */
  find(surface: string, countries: Iterable<string>): Village[] {
    const out: Village[] = [];
    for (const country of new Set(countries)) {
      const index = this.country(country);
      if (index) out.push(...index.find(surface));
    }
    return out;
  }

  private country(code: string): CountryVillages | null {
    const held = this.loaded.get(code);
    if (held) return held;
    const file = this.files.get(code);
    if (!file) return null;
    let text: string;
    try {
      text = gunzipSync(readFileSync(file)).toString("utf8");
    } catch (err) {
      throw new SitrepError("SITREP_MODEL_INVALID", `cannot read ${file} (${(err as Error).message}): run "npm run build:gazetteer"`);
    }
    const index = new CountryVillages(code, text, file);
    this.loaded.set(code, index);
    return index;
  }
}
