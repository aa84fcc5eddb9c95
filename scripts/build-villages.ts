/**
 * Builds the villages of conflict-affected countries, `models/gazetteer/villages/<cc>.tsv.gz`, from Who's On
 * First's tables in ../shared/corpora/wof-places/<cc>.tsv (Who's On First, CC0, with GeoNames data, CC BY 4.0:
 * credited in NOTICE). Run by `npm run build:gazetteer` (or alone: `node dist/scripts/build-villages.js`).
 *
 * Kept: localities, local admin areas, neighbourhoods and counties that the GeoNames index (places.tsv.gz) does
 * not already hold by GeoNames id (its towns of 1,000 and more come first); regions are left out (the index has
 * every admin1). Of the names a record holds, the Latin-script spellings other than its own name (transliterations
 * of the village's name), at most six, kept only as their keys. Points rounded to 4 decimals (11 m).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { fromRoot } from "../src/paths.js";
import { GAZETTEER_FILE, VILLAGE_COLUMNS, VILLAGES_DIR, type VillageKind } from "../src/resolve/geo/format.js";
import { keyFingerprint } from "../src/resolve/geo/designators.js";
import { strictPlaceKey } from "../src/resolve/geo/normalize.js";
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
  const names = encodeVillageNames(naming);
  writeFileSync(join(outDir, VILLAGE_NAMES_FILE), names);
  console.log(`villages: ${total} places -> ${VILLAGES_DIR}/<cc>.tsv.gz, ${(bytes / 1e6).toFixed(1)} MB; ${naming.size} names -> ${VILLAGE_NAMES_FILE}, ${(names.length / 1e6).toFixed(1)} MB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildVillages();
