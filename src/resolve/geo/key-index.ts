/** Key -> rows indexes over TSV rows whose first two columns hold their precomputed keys (gazetteer, villages). */
import { SitrepError } from "../../errors.js";
import { GAZETTEER_FILE } from "./format.js";

/** FNV-1a over the UTF-16 code units of `s` from `from` to `to`. */
function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a of a whole key: the hash `KeyIndex` files keys under. */
export function hashKey(key: string): number {
  return hashRange(key, 0, key.length);
}

/** Room for a row number beside a 32-bit hash in one exactly represented double (2^32 * 2^21 = 2^53). */
const ROW_SLOTS = 2 ** 21;

/**
 * Key -> entries for the gazetteer's 200,000 index rows and the curated entries added after them. The rows'
 * keys are never made into strings: each |-separated key of a row's key column is hashed where it stands, the
 * (hash, row) pairs are sorted once (`seal`), and a lookup binary-searches the hash and then checks each row's
 * key column for the key itself (two keys may share a hash). A Map of 250,000 string keys was most of the
 * load time. Keys added by name (`add`: curated entries, aliases) go to a small map and come after the rows'.
 */
export class KeyIndex {
  private pairs = new Float64Array(1 << 18);
  private count = 0;
  private hashes = new Uint32Array(0);
  private starts = new Int32Array(1);
  private rows = new Int32Array(0);
  private readonly named = new PostingMap();

  constructor(private readonly lines: readonly string[], private readonly column: 0 | 1, private readonly file = GAZETTEER_FILE) {}

  /** The keys of row `row` between `from` and `to` of `line` (its key column), before `seal`. */
  addRow(row: number, line: string, from: number, to: number): void {
    if (row >= ROW_SLOTS) throw new SitrepError("SITREP_MODEL_INVALID", `${this.file}: more than ${ROW_SLOTS} rows`);
    for (let at = from; at < to; ) {
      let end = line.indexOf("|", at);
      if (end === -1 || end > to) end = to;
      if (end > at) {
        if (this.count === this.pairs.length) {
          const grown = new Float64Array(this.pairs.length * 2);
          grown.set(this.pairs);
          this.pairs = grown;
        }
        this.pairs[this.count++] = hashRange(line, at, end) * ROW_SLOTS + row;
      }
      at = end + 1;
    }
  }

  /** Sorts the rows' keys into the lookup table; rows added later are not found. */
  seal(): void {
    const sorted = this.pairs.subarray(0, this.count).sort();
    const hashes: number[] = [];
    const starts: number[] = [];
    const rows: number[] = [];
    let last = -1;
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i] === sorted[i - 1]) continue; // the same key twice in one row
      const hash = Math.floor(sorted[i] / ROW_SLOTS);
      if (hash !== last) {
        hashes.push(hash);
        starts.push(rows.length);
        last = hash;
      }
      rows.push(sorted[i] - hash * ROW_SLOTS);
    }
    starts.push(rows.length);
    this.hashes = Uint32Array.from(hashes);
    this.starts = Int32Array.from(starts);
    this.rows = Int32Array.from(rows);
    this.pairs = new Float64Array(0);
    this.count = 0;
  }

  add(key: string, value: number): void {
    this.named.add(key, value);
  }

  get(key: string): readonly number[] | undefined {
    const found: number[] = [];
    const at = indexOfSorted(this.hashes, hashRange(key, 0, key.length));
    if (at >= 0) {
      for (let i = this.starts[at]; i < this.starts[at + 1]; i++) if (this.rowHasKey(this.rows[i], key)) found.push(this.rows[i]);
    }
    for (const value of this.named.get(key) ?? []) if (!found.includes(value)) found.push(value);
    return found.length > 0 ? found : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Whether `key` is one of the |-separated keys of the row's key column. */
  private rowHasKey(row: number, key: string): boolean {
    const line = this.lines[row];
    const t1 = line.indexOf("\t");
    const from = this.column === 0 ? 0 : t1 + 1;
    const to = this.column === 0 ? t1 : line.indexOf("\t", t1 + 1);
    for (let at = from; at < to; ) {
      let end = line.indexOf("|", at);
      if (end === -1 || end > to) end = to;
      if (end - at === key.length && line.startsWith(key, at)) return true;
      at = end + 1;
    }
    return false;
  }
}

/**
 * Key -> entry indexes, with a key of one entry (most of them) held as a bare number: fewer arrays to allocate,
 * and to collect.
 */
export class PostingMap {
  private readonly map = new Map<string, number | number[]>();

  add(key: string, value: number): void {
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, value);
    else if (typeof held === "number") {
      if (held !== value) this.map.set(key, [held, value]);
    } else if (!held.includes(value)) held.push(value);
  }

  get(key: string): readonly number[] | undefined {
    const held = this.map.get(key);
    return held === undefined ? undefined : typeof held === "number" ? [held] : held;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }
}

/** Where `value` stands in `sorted` (ascending, no repeats), by binary search; -1 when it is not there. */
export function indexOfSorted(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else if (sorted[mid] > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}
