/**
 * Word clusters from the unlabelled news text in ../shared/corpora (Reuters-21578 titles and bodies, FA-KES
 * articles, PolNeAR train texts, TempEval-3 TimeML texts), tokenized with sitrep's tokenizer.
 * Run alone: `node dist/scripts/train-clusters.js [--corpora DIR] [--out FILE]` (npm run train:ner calls it).
 */
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { fromRoot } from "../src/paths.js";
import { tokenize, splitSentences } from "../src/nlp/tokenize.js";
import { trainClusters } from "../src/nlp/clusters/train.js";
import type { ClusterTable } from "../src/nlp/clusters/index.js";

export const CLUSTER_LEVELS = [16, 64, 256, 1024];

function* texts(corpora: string): Generator<string> {
  const reuters = join(corpora, "reuters21578", "full");
  if (existsSync(reuters)) {
    for (const f of readdirSync(reuters).filter((f) => f.endsWith(".json")).sort()) {
      for (const story of JSON.parse(readFileSync(join(reuters, f), "utf8")) as { title?: string; body?: string }[]) {
        if (story.title) yield story.title;
        if (story.body) yield story.body;
      }
    }
  }
  const fakes = join(corpora, "fa-kes", "FA-KES-Dataset.csv");
  if (existsSync(fakes)) {
    for (const row of parse(readFileSync(fakes, "utf8"), { columns: true, relax_quotes: true }) as Record<string, string>[]) {
      if (row.article_title) yield row.article_title;
      if (row.article_content) yield row.article_content;
    }
  }
  const polnear = join(corpora, "polnear", "train", "text");
  if (existsSync(polnear)) for (const f of readdirSync(polnear).sort()) yield readFileSync(join(polnear, f), "utf8");
  const tempeval = join(corpora, "tempeval3", "TBAQ-cleaned");
  if (existsSync(tempeval)) {
    for (const sub of readdirSync(tempeval).filter((d) => !d.includes(".")).sort()) {
      for (const f of readdirSync(join(tempeval, sub)).filter((f) => f.endsWith(".tml")).sort()) {
        const xml = readFileSync(join(tempeval, sub, f), "utf8");
        const m = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml);
        if (m) yield m[1].replace(/<[^>]+>/g, "");
      }
    }
  }
}

function* sentences(corpora: string): Generator<string[]> {
  for (const text of texts(corpora)) {
    const tokens = tokenize(text);
    for (const s of splitSentences(text, tokens)) {
      const words: string[] = [];
      for (let t = s.firstToken; t < s.endToken; t++) words.push(text.slice(tokens[t].start, tokens[t].end));
      yield words;
    }
  }
}

export function trainClustersFromCorpora(corpora: string, options: { seed: number; log?: (line: string) => void }): ClusterTable {
  return trainClusters(sentences(corpora), { levels: CLUSTER_LEVELS, seed: options.seed, log: options.log });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--corpora");
  const corpora = i >= 0 ? process.argv[i + 1] : fromRoot("..", "shared", "corpora");
  const o = process.argv.indexOf("--out");
  const out = o >= 0 ? process.argv[o + 1] : fromRoot("models", "ner", "clusters.tsv");
  const t0 = Date.now();
  const table = trainClustersFromCorpora(corpora, { seed: 1, log: (l) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${l}`) });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, table.toTsv());
  console.log(`${table.size} words in ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
