/**
 * NER tagging speed on one core: `node dist/scripts/bench-ner.js [conll file]` tags the CoNLL-2003 dev set
 * (gold tokens, document by document) a few times with the shipped model and prints tokens per second.
 * `benchNerTagging` is exported for `npm run bench`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fromRoot } from "../src/paths.js";
import { NerModel } from "../src/nlp/ner/index.js";
import { parseColumnFile } from "../eval/conll.js";

export interface NerBench {
  loadMs: number;
  tokens: number;
  /** best of the timed passes (the first pass, which fills the per-word caches, is reported apart) */
  tokensPerSecond: number;
  coldTokensPerSecond: number;
  /** tokens per second of this process's own CPU time (user + system) over the timed passes: the one-core
   * speed even when other processes share the core */
  tokensPerCpuSecond: number;
}

/** Times tagging of `documents` (sentences of words); `passes` timed runs after one cold run. */
export function benchNerTagging(documents: string[][][], passes = 3, modelDir = fromRoot("models", "ner")): NerBench {
  let t = performance.now();
  const model = NerModel.load(modelDir);
  const loadMs = performance.now() - t;
  const tokens = documents.reduce((n, d) => n + d.reduce((m, s) => m + s.length, 0), 0);
  t = performance.now();
  for (const d of documents) model.tagDocument(d);
  const cold = performance.now() - t;
  let best = Infinity;
  const cpu0 = process.cpuUsage();
  for (let p = 0; p < passes; p++) {
    t = performance.now();
    for (const d of documents) model.tagDocument(d);
    best = Math.min(best, performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { loadMs, tokens, tokensPerSecond: (tokens / best) * 1000, coldTokensPerSecond: (tokens / cold) * 1000, tokensPerCpuSecond: (tokens * passes) / cpuSeconds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? fromRoot("..", "shared", "corpora", "conll2003", "eng.testa");
  const corpus = parseColumnFile(readFileSync(file, "utf8"), file);
  const docs = corpus.documents.map((d) => d.sentences.map((s) => s.words));
  const r = benchNerTagging(docs);
  console.log(`model load ${r.loadMs.toFixed(0)} ms; ${r.tokens} tokens; tagging ${Math.round(r.tokensPerSecond)} tokens/s warm, ${Math.round(r.coldTokensPerSecond)} tokens/s cold (wall clock, one thread); ${Math.round(r.tokensPerCpuSecond)} tokens per CPU-second`);
}
