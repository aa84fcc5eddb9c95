/**
 * Which countries have a village of a given name, without loading any country's villages: the names index
 * (`models/gazetteer/villages/names.bin.gz`, built with the villages by scripts/build-villages.ts). A name the
 * GeoNames index lacks in an article that names no country ("an IED near Kolkoa") may still be a village of one
 * of the covered countries; this says which, so that only those countries' files are read.
 *
 * Layout (gzip): a `#` comment line holding the key fingerprint and the covered countries in order
 * ("countries=AF,BF,..."), then, for each strict key in order of its FNV-1a hash: the hash's difference from the
 * previous one as a varint, and its countries as a varint (the country's position + 1 for one country; 0 and
 * then the bit mask of positions for several). Two keys may share a hash: the index then answers for both, and
 * the country's own file says whether the name is there.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { SitrepError } from "../../errors.js";
import { keyFingerprint } from "./designators.js";
import { hashKey, indexOfSorted } from "./key-index.js";
import { strictPlaceKey } from "./normalize.js";

/** File name inside the villages folder. */
export const VILLAGE_NAMES_FILE = "names.bin.gz";

function pushVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** The names index of `naming` (strict key -> ISO2 countries), gzip-compressed. */
export function encodeVillageNames(naming: ReadonlyMap<string, ReadonlySet<string>>): Buffer {
  const countries = [...new Set([...naming.values()].flatMap((s) => [...s]))].sort();
  const byHash = new Map<number, number>();
  for (const [key, set] of naming) {
    const h = hashKey(key);
    let mask = byHash.get(h) ?? 0;
    for (const c of set) mask |= 1 << countries.indexOf(c);
    byHash.set(h, mask >>> 0);
  }
  const hashes = [...byHash.keys()].sort((a, b) => a - b);
  const bytes: number[] = [];
  let last = 0;
  for (const h of hashes) {
    pushVarint(bytes, h - last);
    last = h;
    const mask = byHash.get(h)!;
    const single = (mask & (mask - 1)) === 0;
    if (single) pushVarint(bytes, Math.log2(mask) + 1);
    else {
      bytes.push(0);
      pushVarint(bytes, mask);
    }
  }
  const head = Buffer.from(`# keys=${keyFingerprint()} countries=${countries.join(",")} sitrep village names (scripts/build-villages.ts)\n`, "utf8");
  return gzipSync(Buffer.concat([head, Buffer.from(bytes)]), { level: 9 });
}

/** The decoded names index: sorted hashes and their country masks. */
export class VillageNames {
  private constructor(private readonly countries: readonly string[], private readonly hashes: Uint32Array, private readonly masks: Uint32Array) {}

  /** Reads the index at `file`; null when there is none (villages not built). */
  static load(file: string): VillageNames | null {
    if (!existsSync(file)) return null;
    let data: Buffer;
    try {
      data = gunzipSync(readFileSync(file));
    } catch (err) {
      throw new SitrepError("SITREP_MODEL_INVALID", `cannot read ${file} (${(err as Error).message}): run "npm run build:gazetteer"`);
    }
    const eol = data.indexOf(10);
    const head = data.subarray(0, eol).toString("utf8");
    const listed = /countries=([A-Z,]*)/.exec(head);
    if (!head.includes(`keys=${keyFingerprint()}`) || !listed) {
      throw new SitrepError("SITREP_MODEL_INVALID", `${file}:1: the keys are stale or the header is not a village names index: run "npm run build:gazetteer"`);
    }
    // each entry takes two bytes at least: room for all of them without growing
    const room = Math.ceil((data.length - eol) / 2);
    const hashes = new Uint32Array(room);
    const masks = new Uint32Array(room);
    let count = 0;
    let at = eol + 1;
    const varint = (): number => {
      let n = 0;
      let scale = 1;
      for (;;) {
        const b = data[at++];
        n += (b & 0x7f) * scale;
        if (b < 0x80) return n;
        scale *= 0x80;
      }
    };
    let last = 0;
    while (at < data.length) {
      last += varint();
      const tag = varint();
      hashes[count] = last;
      masks[count++] = tag === 0 ? varint() : 2 ** (tag - 1);
    }
    return new VillageNames(listed[1].split(",").filter(Boolean), hashes.slice(0, count), masks.slice(0, count));
  }

  /** The countries (ISO2) with a village that may be named `surface` (its strict key's hash is listed). */
  countriesNaming(surface: string): string[] {
    const at = indexOfSorted(this.hashes, hashKey(strictPlaceKey(surface)));
    return at < 0 ? [] : this.countries.filter((_, i) => (this.masks[at] & (1 << i)) !== 0);
  }
}
