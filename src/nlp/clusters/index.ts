/**
 * Word clusters learned from unlabelled news text (features for NER, as Ratinov and Roth used Brown clusters).
 *
 * Instead of Brown's agglomerative clustering (hours on millions of words), each of the most frequent words gets
 * a distributional vector (counts of its left and right neighbours among the commonest context words, PPMI
 * weighted, randomly projected to a dense vector); k-means groups them into fine clusters and k-means over the
 * fine centroids gives the coarser levels, so a word's ids at the levels form a path in one hierarchy, the way
 * Brown bit-string prefixes do.
 */
import { readFileSync } from "node:fs";
import { SitrepError } from "../../errors.js";

const shared = new Map<string, ClusterTable>();

export class ClusterTable {
  /** number of clusters at each level, coarse to fine */
  readonly levels: number[];
  private readonly ids: Map<string, Uint16Array>;

  constructor(levels: number[], ids: Map<string, Uint16Array>) {
    this.levels = levels;
    this.ids = ids;
  }

  static empty(): ClusterTable {
    return new ClusterTable([], new Map());
  }

  get size(): number {
    return this.ids.size;
  }

  /** Whether the table holds this exact spelling (no case fallback): "river" is a common lower-case word. */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** Cluster ids per level for the word as written, else lower-cased, else capitalised ("JAPAN" -> "Japan"). */
  lookup(word: string): Uint16Array | undefined {
    const hit = this.ids.get(word);
    if (hit) return hit;
    const lower = word.toLowerCase();
    return this.ids.get(lower) ?? this.ids.get(lower.charAt(0).toUpperCase() + lower.slice(1));
  }

  /** TSV: header `word` then one column per level (`c16`, `c64` ...), rows sorted by word. */
  toTsv(): string {
    const head = ["word", ...this.levels.map((k) => `c${k}`)].join("\t");
    const rows = [...this.ids.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w, ids]) => `${w}\t${[...ids].join("\t")}`);
    return `# word clusters learned by scripts/train-clusters.ts from unlabelled news text\n${head}\n${rows.join("\n")}\n`;
  }

  static fromTsv(source: string, name: string): ClusterTable {
    const lines = source.split("\n");
    let levels: number[] | null = null;
    const ids = new Map<string, Uint16Array>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      // "#" alone is a word of the table (a row "#\t..."); other lines starting with "#" are comments
      if (line === "" || (line.startsWith("#") && !line.startsWith("#\t"))) continue;
      const cells = line.split("\t");
      if (!levels) {
        if (cells[0] !== "word") throw new SitrepError("SITREP_MODEL_INVALID", `${name}:${i + 1}: expected header "word c.."`);
        levels = cells.slice(1).map((c) => Number(c.slice(1)));
        continue;
      }
      if (cells.length !== levels.length + 1) throw new SitrepError("SITREP_MODEL_INVALID", `${name}:${i + 1}: ${cells.length} cells, expected ${levels.length + 1}`);
      ids.set(cells[0], Uint16Array.from(cells.slice(1), Number));
    }
    if (!levels) throw new SitrepError("SITREP_MODEL_INVALID", `${name}: no header row`);
    return new ClusterTable(levels, ids);
  }

  /** The table at `path`, read once per process and shared (the tagger's features and the place finder's
   *  test of lower-case words read the same file). */
  static loadShared(path: string): ClusterTable {
    let table = shared.get(path);
    if (!table) {
      table = ClusterTable.load(path);
      shared.set(path, table);
    }
    return table;
  }

  static load(path: string): ClusterTable {
    let source: string;
    try {
      source = readFileSync(path, "utf8");
    } catch (e) {
      throw new SitrepError("SITREP_MODEL_INVALID", `cannot read word clusters ${path}: ${(e as Error).message}`);
    }
    return ClusterTable.fromTsv(source, path);
  }
}
