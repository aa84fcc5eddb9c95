/**
 * The bench workload: FA-KES (804 Syrian war articles) and the first stories of Reuters-21578 that have a body,
 * read from the shared corpora folder as they are, in one fixed shuffled order that every bench phase shares.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

export interface BenchArticle {
  corpus: "fa-kes" | "reuters21578";
  title: string;
  text: string;
  /** ISO date, when the corpus gives one we can read */
  published?: string;
  /** UTF-8 size of title and text: what MB/s is measured on */
  bytes: number;
}

export interface WorkloadOptions {
  corpora: string;
  /** how many Reuters stories (with a body) to take, from the first file on */
  reutersStories: number;
  /** at most this many articles from each corpus, for quick runs */
  limit?: number;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const pad = (n: number): string => String(n).padStart(2, "0");

/** FA-KES "4/5/2017" (month/day/year) to "2017-04-05". */
export function faKesDate(value: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  return m ? `${m[3]}-${pad(Number(m[1]))}-${pad(Number(m[2]))}` : undefined;
}

/** Reuters "26-FEB-1987 15:01:01.79" to "1987-02-26". */
export function reutersDate(value: string): string | undefined {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(value);
  const month = m ? MONTHS.indexOf(m[2]) : -1;
  return m && month >= 0 ? `${m[3]}-${pad(month + 1)}-${pad(Number(m[1]))}` : undefined;
}

const article = (corpus: BenchArticle["corpus"], title: string, text: string, published?: string): BenchArticle => ({
  corpus,
  title,
  text,
  published,
  bytes: Buffer.byteLength(title) + Buffer.byteLength(text),
});

export function loadWorkload(options: WorkloadOptions): BenchArticle[] {
  const out: BenchArticle[] = [];
  const rows = parse(readFileSync(join(options.corpora, "fa-kes", "FA-KES-Dataset.csv"), "utf8"), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const faKesMax = options.limit ?? Infinity;
  for (const row of rows) {
    if (out.length >= faKesMax) break;
    if (row.article_content?.trim()) out.push(article("fa-kes", row.article_title ?? "", row.article_content, faKesDate(row.date ?? "")));
  }
  const reutersDir = join(options.corpora, "reuters21578", "full");
  const reutersMax = Math.min(options.reutersStories, options.limit ?? Infinity);
  let taken = 0;
  for (const file of readdirSync(reutersDir).filter((f) => f.endsWith(".json")).sort()) {
    if (taken >= reutersMax) break;
    const stories = JSON.parse(readFileSync(join(reutersDir, file), "utf8")) as { title?: string; body?: string; date?: string }[];
    for (const story of stories) {
      if (taken >= reutersMax) break;
      if (!story.body?.trim()) continue;
      out.push(article("reuters21578", story.title ?? "", story.body, reutersDate(story.date ?? "")));
      taken++;
    }
  }
  return interleave(out);
}

/**
 * A fixed shuffle (same order on every run), so that any prefix mixes both corpora as the whole does: a phase
 * stopped by its time limit has then measured the same kind of text as one that finished.
 */
export function interleave<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 0x2545f491;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
