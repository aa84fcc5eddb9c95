/**
 * `npm run train:quotes`: reproduces models/quotes/speaker.bin from PolNeAR train (../shared/corpora/polnear).
 *  1. runs the pipeline on every train article and labels each quote's speaker candidates from the annotation
 *  2. k-fold cross-validation over train articles (the held-out figure: speaker F1 on folds the model did not see)
 *  3. trains on all of train and writes the model; scores polnear/dev (used for tuning only, never trained on)
 * Options: --corpora DIR, --out FILE, --epochs N, --seed N, --bits N, --folds N (0: none), --limit N,
 * --epochs-grid N,N,... (cross-validated figures for each epoch count, to choose --epochs).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromRoot } from "../src/paths.js";
import { createPipeline } from "../src/pipeline.js";
import { SpeakerModel, fitTemperature } from "../src/extract/quotes/model.js";
import { labelledDecisions, rankingExamples, trainSpeakerModel, type AnnotatedDoc, type LabelledDecision, type Range } from "../src/extract/quotes/train.js";
import { rankSpeakers } from "../src/extract/quotes/rank.js";
import { quotesFromDecisions } from "../src/extract/quotes.js";
import { addCounts, countQuotes, goldQuotes, polnearArticles, predictedQuotes, quoteScores, type QuoteCounts } from "../eval/quotes.js";
import { rangeMapper } from "../eval/metrics.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Loaded {
  name: string;
  text: string;
  annotated: AnnotatedDoc;
  gold: ReturnType<typeof goldQuotes>;
  labelled: LabelledDecision[];
}

/** Offsets of the source file carried into the doc's text (the inverse of the eval's mapping). */
function sourceToDoc(source: string, docText: string): (r: Range) => Range {
  const toSource = rangeMapper(source, docText);
  const inverse = new Int32Array(source.length + 1).fill(-1);
  for (let i = 0; i < docText.length; i++) {
    const s = toSource({ start: i, end: i + 1 }).start;
    if (s >= 0 && s <= source.length && inverse[s] < 0) inverse[s] = i;
  }
  let last = 0;
  for (let s = 0; s <= source.length; s++) {
    if (inverse[s] < 0) inverse[s] = last;
    else last = inverse[s];
  }
  return ({ start, end }) => ({ start: inverse[Math.min(start, source.length)], end: Math.max(inverse[Math.min(start, source.length)], inverse[Math.min(end, source.length)]) });
}

function load(splitDir: string, limit: number | undefined, log: (s: string) => void): Loaded[] {
  const pipeline = createPipeline();
  const out: Loaded[] = [];
  const articles = polnearArticles(splitDir).slice(0, limit);
  for (const [i, a] of articles.entries()) {
    const text = readFileSync(a.textFile, "utf8");
    let gold: ReturnType<typeof goldQuotes>;
    try {
      gold = goldQuotes(text, readFileSync(a.annFile, "utf8"), a.annFile);
    } catch {
      continue; // a malformed annotation file: the eval skips it too
    }
    const doc = pipeline.run({ text, published: a.published ?? undefined });
    const map = sourceToDoc(text, doc.text);
    const annotated: AnnotatedDoc = {
      doc,
      quotes: gold.map((g) => ({
        content: g.content.map(map),
        source: g.source ? { ranges: g.source.fragments.map(map), text: g.source.text } : null,
      })),
    };
    out.push({ name: a.name, text, annotated, gold, labelled: labelledDecisions(annotated) });
    if ((i + 1) % 100 === 0) log(`${i + 1}/${articles.length} articles read`);
  }
  return out;
}

const EMPTY: QuoteCounts = { predicted: 0, gold: 0, correct: 0, correctWithSpeaker: 0, found: 0, foundWithSpeaker: 0 };

function score(model: SpeakerModel, articles: readonly Loaded[]): QuoteCounts {
  let total = EMPTY;
  for (const a of articles) {
    const { doc } = a.annotated;
    const quotes = quotesFromDecisions(doc, rankSpeakers(doc, model));
    const predicted = predictedQuotes({ quotes, entities: doc.facts.entities, article: { text: doc.text } }, a.text);
    total = addCounts(total, countQuotes(a.gold, predicted));
  }
  return total;
}

function describe(counts: QuoteCounts): string {
  const s = quoteScores(counts);
  return `quote F1 ${s.found.f1.toFixed(3)}, speaker P ${s.speaker.p.toFixed(3)} R ${s.speaker.r.toFixed(3)} F1 ${s.speaker.f1.toFixed(3)} (${counts.gold} gold quotes)`;
}

function oracle(articles: readonly Loaded[]): string {
  let quotes = 0;
  let reachable = 0;
  for (const a of articles) {
    for (const l of a.labelled) {
      if (!l.right) continue;
      quotes++;
      if (l.right.some(Boolean)) reachable++;
    }
  }
  return `${reachable}/${quotes} matched quotes have a right candidate (${((100 * reachable) / Math.max(1, quotes)).toFixed(1)}%)`;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${line}`);
  const corpora = arg("corpora") ?? fromRoot("..", "shared", "corpora");
  const out = arg("out") ?? fromRoot("models", "quotes", "speaker.bin");
  const epochs = Number(arg("epochs") ?? 10);
  const seed = Number(arg("seed") ?? 1);
  const bits = Number(arg("bits") ?? 18);
  const folds = Number(arg("folds") ?? 5);
  const limit = arg("limit") ? Number(arg("limit")) : undefined;
  const options = { epochs, seed, bits };
  const hasher = SpeakerModel.empty(bits);

  const train = load(join(corpora, "polnear", "train"), limit, log);
  log(`train: ${train.length} articles; ${oracle(train)}`);
  const dev = load(join(corpora, "polnear", "dev"), undefined, log);
  log(`dev: ${dev.length} articles; ${oracle(dev)}`);

  // --epochs-grid 5,10,20: the cross-validated figure for each, to choose --epochs on held-out folds
  for (const e of (arg("epochs-grid") ?? "").split(",").filter(Boolean).map(Number)) {
    let cv = EMPTY;
    for (let f = 0; f < folds; f++) {
      const model = trainSpeakerModel(rankingExamples(hasher, train.filter((_, i) => i % folds !== f).flatMap((a) => a.labelled)), { ...options, epochs: e });
      cv = addCounts(cv, score(model, train.filter((_, i) => i % folds === f)));
    }
    log(`epochs ${e}: ${folds}-fold cross-validation ${describe(cv)}`);
  }
  let temperature = 1;
  if (folds > 1) {
    let cv = EMPTY;
    const heldScores: { scores: number[]; right: boolean[] }[] = [];
    for (let f = 0; f < folds; f++) {
      const fit = train.filter((_, i) => i % folds !== f);
      const held = train.filter((_, i) => i % folds === f);
      const model = trainSpeakerModel(rankingExamples(hasher, fit.flatMap((a) => a.labelled)), options);
      cv = addCounts(cv, score(model, held));
      for (const a of held) {
        for (const { decision, right } of a.labelled) {
          if (right?.some(Boolean) && decision.features) heldScores.push({ scores: decision.features.map((x) => model.scoreFeatures(x)), right });
        }
      }
    }
    log(`${folds}-fold cross-validation on train (held-out folds): ${describe(cv)}`);
    temperature = fitTemperature(heldScores);
    log(`temperature fitted on the held-out folds: ${temperature.toFixed(2)}`);
  }
  const model = trainSpeakerModel(rankingExamples(hasher, train.flatMap((a) => a.labelled)), options);
  model.temperature = temperature;
  log(`train (seen data): ${describe(score(model, train))}`);
  log(`dev (tuning data, not trained on): ${describe(score(model, dev))}`);
  model.save(out);
  log(`wrote ${out} (${model.serialise().length} bytes)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
