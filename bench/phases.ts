/**
 * One bench measurement each: sitrep on one core, sitrep on every core (worker_threads), wink-nlp tokens+POS,
 * compromise people/places/orgs, and the NER tagger alone. Each runs in its own child process (see index.ts),
 * so that its peak RSS is its own. Every phase stops taking new articles after `seconds`, and says so.
 */
import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { loadWorkload, type BenchArticle, type WorkloadOptions } from "./corpora.js";

export type PhaseName = "sitrep-1" | "sitrep-all" | "wink" | "compromise" | "ner";

export interface PhaseOptions extends WorkloadOptions {
  /** stop taking new articles after this many seconds */
  seconds: number;
}

export interface PhaseResult {
  phase: PhaseName;
  label: string;
  cores: number;
  /** articles done (tokens for the NER phase) */
  articles: number;
  /** articles in the workload */
  of: number;
  bytes: number;
  seconds: number;
  /** CPU time (user + system, all threads) while measuring: wall time inflated by a busy machine shows here */
  cpuSeconds: number;
  /** building the pipeline or loading models, not counted in `seconds` */
  setupSeconds: number;
  peakRssMb: number;
  /** articles whose extraction threw, and the first message */
  failures: number;
  firstFailure?: string;
  /** ms per stage, summed over the articles (sitrep-1 only) */
  stages?: Record<string, number>;
  /** tokens tagged (ner only) */
  tokens?: number;
  note?: string;
}

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** CPU seconds of this process (every thread) since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

export interface WorkerCounts {
  articles: number;
  bytes: number;
  failures: number;
  firstFailure?: string;
}

/** Runs `extract` over the articles until they or the time run out; errors are counted, not thrown. */
export function extractAll(
  articles: readonly BenchArticle[],
  extract: (a: BenchArticle) => unknown,
  deadline: number,
  next: () => number = (() => {
    let i = 0;
    return () => i++;
  })(),
): WorkerCounts {
  const counts: WorkerCounts = { articles: 0, bytes: 0, failures: 0 };
  for (let i = next(); i < articles.length && performance.now() < deadline; i = next()) {
    const a = articles[i];
    try {
      extract(a);
    } catch (err) {
      counts.failures++;
      counts.firstFailure ??= err instanceof Error ? err.message : String(err);
    }
    counts.articles++;
    counts.bytes += a.bytes;
  }
  return counts;
}

async function sitrepOneCore(options: PhaseOptions): Promise<PhaseResult> {
  const articles = loadWorkload(options);
  const t0 = performance.now();
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline({ profile: true });
  const setupSeconds = (performance.now() - t0) / 1000;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const counts = extractAll(articles, (a) => pipeline.extract({ title: a.title, text: a.text, published: a.published }), start + options.seconds * 1000);
  const seconds = (performance.now() - start) / 1000;
  return {
    phase: "sitrep-1", label: "sitrep extract", cores: 1, of: articles.length, seconds, cpuSeconds: cpuSince(cpu0), setupSeconds, peakRssMb: peakRssMb(),
    ...counts, stages: { ...pipeline.timings },
  };
}

async function sitrepAllCores(options: PhaseOptions): Promise<PhaseResult> {
  const cores = availableParallelism();
  const articles = loadWorkload(options);
  // a shared counter hands out article indexes, so that fast workers take more
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const t0 = performance.now();
  const workers = Array.from({ length: cores }, () => new Worker(new URL("./extract-worker.js", import.meta.url), {
    workerData: { workload: { corpora: options.corpora, reutersStories: options.reutersStories, limit: options.limit }, counter },
  }));
  const ready = workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once("message", () => resolve());
    w.once("error", reject);
  }));
  await Promise.all(ready);
  const setupSeconds = (performance.now() - t0) / 1000;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = Date.now() + options.seconds * 1000;
  const done = workers.map((w) => new Promise<WorkerCounts>((resolve, reject) => {
    w.once("message", (m: WorkerCounts) => resolve(m));
    w.once("error", reject);
    w.postMessage({ deadline });
  }));
  const results = await Promise.all(done);
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  const sum = (key: "articles" | "bytes" | "failures"): number => results.reduce((s, r) => s + r[key], 0);
  return {
    phase: "sitrep-all", label: "sitrep extract (worker_threads)", cores, of: articles.length, seconds, cpuSeconds: cpuSince(cpu0), setupSeconds, peakRssMb: peakRssMb(),
    articles: sum("articles"), bytes: sum("bytes"), failures: sum("failures"), firstFailure: results.find((r) => r.firstFailure)?.firstFailure,
  };
}

async function wink(options: PhaseOptions): Promise<PhaseResult> {
  const articles = loadWorkload(options);
  const t0 = performance.now();
  const winkNLP = (await import("wink-nlp")).default;
  const model = (await import("wink-eng-lite-web-model")).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  const setupSeconds = (performance.now() - t0) / 1000;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const counts = extractAll(articles, (a) => nlp.readDoc(`${a.title}\n\n${a.text}`).tokens().out(its.pos), start + options.seconds * 1000);
  return {
    phase: "wink", label: "wink-nlp tokens+POS", cores: 1, of: articles.length, seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSince(cpu0), setupSeconds,
    peakRssMb: peakRssMb(), ...counts,
  };
}

async function compromise(options: PhaseOptions): Promise<PhaseResult> {
  const articles = loadWorkload(options);
  const t0 = performance.now();
  const nlp = (await import("compromise")).default;
  const setupSeconds = (performance.now() - t0) / 1000;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const counts = extractAll(articles, (a) => {
    const doc = nlp(`${a.title}\n\n${a.text}`);
    return [doc.people().out("array"), doc.places().out("array"), doc.organizations().out("array")];
  }, start + options.seconds * 1000);
  return {
    phase: "compromise", label: "compromise people/places/orgs", cores: 1, of: articles.length, seconds: (performance.now() - start) / 1000,
    cpuSeconds: cpuSince(cpu0), setupSeconds, peakRssMb: peakRssMb(), ...counts,
  };
}

/** CoNLL-2003 dev (eng.testa) as documents of sentences of words: already tokenised, as the tagger wants. */
export function conllDocuments(source: string): string[][][] {
  const docs: string[][][] = [];
  let doc: string[][] = [];
  let sentence: string[] = [];
  const endSentence = (): void => {
    if (sentence.length) doc.push(sentence);
    sentence = [];
  };
  for (const line of source.split(/\r?\n/)) {
    if (line.startsWith("-DOCSTART-")) {
      endSentence();
      if (doc.length) docs.push(doc);
      doc = [];
    } else if (line.trim() === "") endSentence();
    else sentence.push(line.split(/\s+/)[0]);
  }
  endSentence();
  if (doc.length) docs.push(doc);
  return docs;
}

async function nerTagger(options: PhaseOptions): Promise<PhaseResult> {
  const t0 = performance.now();
  const ner = (await import("../src/nlp/ner/index.js")) as { loadNerTagger?: () => { tagDocument(s: string[][]): string[][] } };
  if (typeof ner.loadNerTagger !== "function") throw new Error("src/nlp/ner/index.ts does not export loadNerTagger");
  const tagger = ner.loadNerTagger();
  const file = join(options.corpora, "conll2003", "eng.testa");
  const docs = conllDocuments(readFileSync(file, "utf8"));
  // Cold: the first pass over text whose words the per-word-type caches have never seen.
  const coldStart = performance.now();
  let coldTokens = 0;
  for (const doc of docs.slice(0, 40)) {
    tagger.tagDocument(doc);
    coldTokens += doc.reduce((n, s) => n + s.length, 0);
  }
  const coldRate = coldTokens / ((performance.now() - coldStart) / 1000);
  // Steady state, as in a stream of news: caches warmed on the workload's articles (FA-KES, Reuters), then
  // the rest of CoNLL dev, text the tagger has not seen, is timed.
  const { tokenize, splitSentences } = await import("../src/nlp/tokenize.js");
  let warmTokens = 0;
  for (const article of loadWorkload(options)) {
    const text = article.text;
    const tokens = tokenize(text);
    const sentences = splitSentences(text, tokens).map((s) => tokens.slice(s.firstToken, s.endToken).map((t) => text.slice(t.start, t.end)));
    tagger.tagDocument(sentences);
    warmTokens += tokens.length;
    if (warmTokens > 500_000) break;
  }
  const timed = docs.slice(40);
  const setupSeconds = (performance.now() - t0) / 1000;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = start + options.seconds * 1000;
  let tokens = 0;
  let done = 0;
  for (const doc of timed) {
    if (performance.now() > deadline) break;
    tagger.tagDocument(doc);
    tokens += doc.reduce((n, s) => n + s.length, 0);
    done++;
  }
  return {
    phase: "ner",
    label: `sitrep NER tagger alone (unseen CoNLL-2003 dev documents after ${Math.round(warmTokens / 1000)}k tokens of the workload; cold, first 40 documents: ${Math.round(coldRate).toLocaleString("en-US")} tokens/s)`,
    cores: 1, articles: done, of: timed.length, bytes: 0,
    seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSince(cpu0), setupSeconds, peakRssMb: peakRssMb(), failures: 0, tokens,
  };
}

export const PHASES: Record<PhaseName, (options: PhaseOptions) => Promise<PhaseResult>> = {
  "sitrep-1": sitrepOneCore,
  "sitrep-all": sitrepAllCores,
  wink,
  compromise,
  ner: nerTagger,
};
