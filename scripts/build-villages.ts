/**
 * Builds the villages of conflict-affected countries, `models/gazetteer/villages/<cc>.tsv.gz`, from Who's On
 * First's tables in ../shared/corpora/wof-places/<cc>.tsv (Who's On First, CC0, with GeoNames data, CC BY 4.0:
 * credited in NOTICE). Run by `npm run build:gazetteer` (or alone: `node dist/scripts/build-villages.js`).
 *
 * Kept: localities, local admin areas, neighbourhoods and counties that the GeoNames index (places.tsv.gz) does
 * not already hold by GeoNames id (its towns of 1,000 and more come first); regions are left out (the index has
 * every admin1). Of the names a record holds, the Latin-script spellings other than its own name (transliterations
 * of the village's name), at most six, kept only as their keys. Points rounded to 4 decimals (11 m).
 *
 * Kenya, which Who's On First's tables here lack, gets its 290 constituencies (as counties) and 1,450 wards (as
 * local admin areas) from the `kenya` npm package (MIT; IEBC's 2012 electoral boundaries, a centre point for each):
 * a ward is named after its main settlement or settlements ("A/B" names both, each kept as a name of its own), so
 * its centre is the nearest point we have for a village the GeoNames index lacks. Its county is the GeoNames admin1
 * of the same name, so that "X, <county>" pairs read it. The package is not a dependency (its own dependencies
 * are a video player's): `npm install --no-save kenya@1.7.1` before a rebuild; without it the committed
 * `ke.tsv.gz` is kept as it is.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { fromRoot } from "../src/paths.js";
import { GAZETTEER_FILE, VILLAGE_COLUMNS, VILLAGES_DIR, type VillageKind } from "../src/resolve/geo/format.js";
import { keyFingerprint } from "../src/resolve/geo/designators.js";
import { strictPlaceKey } from "../src/resolve/geo/normalize.js";
import { haversineKm, SphericalMean } from "../src/resolve/geo/distance.js";
import { encodeVillageNames, VILLAGE_NAMES_FILE } from "../src/resolve/geo/village-names.js";

const KINDS: Record<string, VillageKind> = { locality: "L", localadmin: "A", neighbourhood: "N", county: "C" };
const LATIN = /^[\p{Script=Latin}\p{M}\s'’`.\-()]+$/u;
const MAX_VARIANTS = 6;

/** GeoNames ids the main index holds. */
function indexedGeonameIds(): Set<string> {
  const ids = new Set<string>();
  const text = gunzipSync(readFileSync(fromRoot(GAZETTEER_FILE))).toString("utf8");
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const c = line.split("\t", 4);
    if (c[3]) ids.add(c[3]);
  }
  return ids;
}

const clean = (s: string): string => s.replace(/[\t\n|]/g, " ").trim();

export function buildVillages(sourceDir = fromRoot("..", "shared", "corpora", "wof-places")): void {
  if (!existsSync(sourceDir)) {
    console.log(`villages: ${sourceDir} not found, skipped`);
    return;
  }
  const known = indexedGeonameIds();
  const outDir = fromRoot(VILLAGES_DIR);
  mkdirSync(outDir, { recursive: true });
  let total = 0;
  let bytes = 0;
  /** each strict key of every country's villages -> the countries that have a village so named (names.bin) */
  const naming = new Map<string, Set<string>>();
  for (const file of readdirSync(sourceDir).filter((f) => /^[a-z]{2}\.tsv$/.test(f)).sort()) {
    const lines = readFileSync(join(sourceDir, file), "utf8").split("\n");
    const header = lines[0].split("\t");
    const col = (name: string): number => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`${file}:1: no column "${name}"`);
      return i;
    };
    const [cGid, cType, cName, cLat, cLon, cRegion, cCounty, cPop, cNames] = ["geonameid", "placetype", "name", "lat", "lon", "region", "county", "population", "names"].map(col);
    const rows: string[] = [];
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === "") continue;
      const c = lines[i].split("\t");
      const kind = KINDS[c[cType]];
      const lat = Number(c[cLat]);
      const lon = Number(c[cLon]);
      const name = clean(c[cName] ?? "");
      if (!kind || !name || !Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0)) continue;
      if (c[cGid] && known.has(c[cGid])) continue;
      const own = strictPlaceKey(name);
      const keys = new Set([own]);
      const variants: string[] = [];
      for (const v of (c[cNames] ?? "").split("|")) {
        const name2 = clean(v);
        const key = strictPlaceKey(name2);
        if (!name2 || !LATIN.test(name2) || keys.has(key) || variants.length >= MAX_VARIANTS) continue;
        keys.add(key);
        variants.push(name2);
      }
      for (const k of keys) if (k !== "") naming.set(k, (naming.get(k) ?? new Set<string>()).add(file.slice(0, 2).toUpperCase()));
      rows.push([[...keys].filter((k) => k !== "").join("|"), kind, c[cGid] ?? "", name, lat.toFixed(4), lon.toFixed(4), clean(c[cRegion] ?? ""), clean(c[cCounty] ?? ""), c[cPop] || "0"].join("\t"));
    }
    const cc = file.slice(0, 2);
    const body = `# keys=${keyFingerprint()} sitrep villages of ${cc.toUpperCase()}, built by scripts/build-villages.ts from Who's On First (CC0; GeoNames data CC BY 4.0)\n${VILLAGE_COLUMNS.join("\t")}\n${rows.join("\n")}\n`;
    const gz = gzipSync(Buffer.from(body, "utf8"), { level: 9 });
    writeFileSync(join(outDir, `${cc}.tsv.gz`), gz);
    total += rows.length;
    bytes += gz.length;
  }
  const kenya = kenyanRows();
  if (kenya) writeFileSync(join(outDir, "ke.tsv.gz"), gzipSync(Buffer.from(kenya, "utf8"), { level: 9 }));
  const keFile = join(outDir, "ke.tsv.gz");
  if (existsSync(keFile)) {
    const lines = gunzipSync(readFileSync(keFile)).toString("utf8").split("\n").filter((l) => l !== "" && !l.startsWith("#")).slice(1);
    for (const line of lines) for (const k of line.split("\t", 1)[0].split("|")) if (k !== "") naming.set(k, (naming.get(k) ?? new Set<string>()).add("KE"));
    total += lines.length;
    console.log(`villages: Kenya's wards and constituencies, ${lines.length} names${kenya ? " (rebuilt from the kenya package)" : " (kept: the kenya package is not installed)"}`);
  }
  const names = encodeVillageNames(naming);
  writeFileSync(join(outDir, VILLAGE_NAMES_FILE), names);
  console.log(`villages: ${total} places -> ${VILLAGES_DIR}/<cc>.tsv.gz, ${(bytes / 1e6).toFixed(1)} MB; ${naming.size} names -> ${VILLAGE_NAMES_FILE}, ${(names.length / 1e6).toFixed(1)} MB`);
}

/** A ward named as a quarter of a place: "Kayole North", "Eastleigh South", "Kayole Central". */
const QUARTER = /^(.+?) (?:North|South|East|West|Central)$/;
/** How far a quarter's centre may lie from the mean of its place's quarters. */
const MAX_QUARTER_KM = 15;

/** "KAPEDO/NAPEITOM" -> ["Kapedo", "Napeitom"]; "MANYATTA 'B'" -> ["Manyatta B"] (spaces and quotes tidied). */
export function kenyanNames(raw: string): string[] {
  const title = (s: string): string => s.toLowerCase().replace(/(^|[\s\-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
  return raw.split("/").map((part) => title(part.replace(/['’](\p{L})['’]/gu, "$1").replace(/\s*-\s*/g, "-").replace(/\s+/g, " ").trim())).filter((part) => part.length > 2);
}

interface KenyanArea { code: string; name: string; center?: { lat: number; lon: number }; wards?: KenyanArea[]; constituencies?: { code: string }[] }

/** The rows of `ke.tsv.gz` from the installed `kenya` package, or null when it is not installed. */
function kenyanRows(): string | null {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = join(require.resolve("kenya/package.json"), "..", "dist", "json");
  } catch {
    return null;
  }
  const read = (f: string): KenyanArea[] => JSON.parse(readFileSync(join(dir, f), "utf8")) as KenyanArea[];
  // the GeoNames admin1 of each county, matched by its letters ("ELGEYO/MARAKWET" and "Elegeyo-Marakwet" by the
  // nearest admin1 point where the spellings differ)
  const admin1 = gunzipSync(readFileSync(fromRoot(GAZETTEER_FILE))).toString("utf8").split("\n").map((l) => l.split("\t")).filter((c) => c[5] === "KE" && c[2] === "A1").map((c) => ({ name: c[4], lat: Number(c[8]), lon: Number(c[9]) }));
  const letters = (s: string): string => s.toLowerCase().replace(/\b(county|city)\b/g, "").replace(/[^a-z]/g, "");
  const countyOf = new Map<string, string>();
  for (const county of read("kenyacounties.json")) {
    if (!county.center || (county.center.lat === 0 && county.center.lon === 0)) continue;
    const { lat, lon } = county.center;
    const named = admin1.find((a) => letters(a.name) === letters(county.name));
    const nearest = named ?? [...admin1].sort((a, b) => Math.hypot(a.lat - lat, a.lon - lon) - Math.hypot(b.lat - lat, b.lon - lon))[0];
    for (const c of county.constituencies ?? []) countyOf.set(c.code, nearest.name);
  }
  // a ward named by common words only ("Township", "Hospital", "Central") names no settlement a text would mean
  const common = new Set(["place-cues", "facility-words", "landmark-words", "place-stopwords", "place-modifiers"].flatMap((f) =>
    readFileSync(fromRoot("lexicons", "en", `${f}.tsv`), "utf8").split("\n").slice(1).filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split("\t")[0].toLowerCase())));
  const generic = (name: string): boolean => name.toLowerCase().split(/[\s-]+/).every((w) => common.has(w) || common.has(w.replace(/s$/, "")));
  const rows: string[] = [];
  const row = (kind: VillageKind, name: string, at: { lat: number; lon: number }, region: string, county: string): void => {
    const key = strictPlaceKey(name);
    if (key !== "" && !generic(name)) rows.push([key, kind, "", name, at.lat.toFixed(4), at.lon.toFixed(4), region, county, "0"].join("\t"));
  };
  /** a place split into wards by quarter ("Kayole North", "Kayole South"): its bare name -> the parts */
  const quarters = new Map<string, { lat: number; lon: number; region: string; county: string }[]>();
  const names = new Set<string>();
  for (const constituency of read("kenyaconstituencies.json")) {
    const region = countyOf.get(constituency.code);
    if (!region) continue;
    const [name] = kenyanNames(constituency.name);
    if (constituency.center && name) {
      row("C", name, constituency.center, region, name);
      names.add(strictPlaceKey(name));
    }
    for (const ward of constituency.wards ?? []) {
      if (!ward.center) continue;
      for (const part of kenyanNames(ward.name)) {
        row("A", part, ward.center, region, name ?? "");
        names.add(strictPlaceKey(part));
        const bare = QUARTER.exec(part)?.[1];
        if (bare) quarters.set(bare, [...(quarters.get(bare) ?? []), { ...ward.center, region, county: name ?? "" }]);
      }
    }
  }
  // the place the quarters divide, under its bare name, at their mean point: where there are two quarters or more,
  // close together (one town's wards, not two places that share a word), and no ward or constituency bears the name
  for (const [bare, parts] of quarters) {
    const mean = new SphericalMean();
    for (const q of parts) mean.add(q.lat, q.lon, 1, 0);
    const at = mean.centroid();
    if (parts.length < 2 || names.has(strictPlaceKey(bare)) || parts.some((q) => haversineKm(q.lat, q.lon, at.lat, at.lon) > MAX_QUARTER_KM)) continue;
    row("A", bare, at, parts[0].region, parts[0].county);
  }
  return `# keys=${keyFingerprint()} sitrep villages of KE, built by scripts/build-villages.ts from the kenya npm package (MIT)\n${VILLAGE_COLUMNS.join("\t")}\n${rows.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildVillages();
