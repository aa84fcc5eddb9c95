/**
 * `npm run train:counts`: the counting model (models/frames/counts.json) from GVDB's per-victim outcomes
 * (../shared/corpora/gvdb/dev.tsv: killed = victims marked killed, injured = the others marked injured or
 * hospitalized). Each article is read by the pipeline without a counting model; the article's main violent frame
 * (the most mentions) gives one ranking example per outcome: its candidate figures, the gold among them (articles
 * whose gold is no candidate are left out of training, and count as misses in the figures). The model is the
 * average of ranking perceptrons trained in `--runs` shuffled orders (seeds 33, 34, ...), so that no one order
 * decides it. The number of epochs is chosen by cross-validation: five folds by article give the held-out exact
 * accuracy, each fold's epochs chosen by four inner folds of its own training articles (nested, so the figure is
 * held out from the choice too), beside that of the numbered phrases alone; the model kept is trained on all
 * articles with the epochs that five folds over all of them choose.
 * Options: --corpora DIR, --epochs N (fixed, no choice), --runs N (20), --seed N (33), --out FILE.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createPipeline } from "../src/pipeline.js";
import { fromRoot } from "../src/paths.js";
import { readGvdb } from "../eval/casualties.js";
import { eventFrames } from "../src/extract/events.js";
import type { Frame } from "../src/extract/frames/features.js";
import { candidateCounts, countEvidence, countFeatures, sentenceFrames, type CountEvidence, type Outcome } from "../src/extract/frames/counts.js";
import { scoreFeatures, trainRankerOverOrders, useCountModel, type LinearModel, type RankingExample } from "../src/extract/frames/model.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Item {
  evidence: Record<Outcome, CountEvidence> | null;
  /** what the numbered phrases alone give */
  numbered: Record<Outcome, number>;
  gold: Record<Outcome, number>;
}

const OUTCOMES: Outcome[] = ["killed", "injured"];
/** the epoch counts cross-validation chooses among */
const EPOCH_CHOICES = [2, 3, 5, 10, 20];

/** Injured is read knowing the killed figure (the gold one in training, the predicted one when scoring). */
function example(item: Item, outcome: Outcome): RankingExample | null {
  if (!item.evidence) return null;
  const e = item.evidence[outcome];
  const killed = outcome === "injured" ? item.gold.killed : 0;
  const candidates = candidateCounts(e, killed);
  const gold = candidates.indexOf(item.gold[outcome]);
  if (gold < 0) return null;
  return { candidates: candidates.map((v) => countFeatures(outcome, e, v, killed)), gold };
}

function predict(model: LinearModel, item: Item, outcome: Outcome): number {
  if (!item.evidence) return 0;
  const e = item.evidence[outcome];
  const killed = outcome === "injured" ? predict(model, item, "killed") : 0;
  let best = { v: 0, s: -Infinity };
  for (const v of candidateCounts(e, killed)) {
    const s = scoreFeatures(model, countFeatures(outcome, e, v, killed));
    if (s > best.s) best = { v, s };
  }
  return best.v;
}

interface Settings {
  runs: number;
  seed: number;
}

function train(items: readonly Item[], epochs: number, settings: Settings): LinearModel {
  const examples = OUTCOMES.flatMap((o) => items.map((it) => example(it, o))).filter((x): x is RankingExample => !!x);
  return { about: "fold", weights: trainRankerOverOrders(examples, { epochs, seed: settings.seed, runs: settings.runs }) };
}

/** Exact hits per outcome of a model on `items`. */
function hitsOf(model: LinearModel, items: readonly Item[]): Record<Outcome, number> {
  const hits = { killed: 0, injured: 0 };
  for (const it of items) for (const o of OUTCOMES) if (predict(model, it, o) === it.gold[o]) hits[o]++;
  return hits;
}

/** Fold `k` of `folds`, by position: deterministic, and the same articles whatever the model. */
function split<T>(items: readonly T[], folds: number, k: number): { train: T[]; test: T[] } {
  return { train: items.filter((_, i) => i % folds !== k), test: items.filter((_, i) => i % folds === k) };
}

/** The epoch count with the most exact hits (killed and injured together) over `folds` folds of `items`; ties to the fewer. */
function chooseEpochs(items: readonly Item[], folds: number, settings: Settings): number {
  let best = { epochs: EPOCH_CHOICES[0], hits: -1 };
  for (const epochs of EPOCH_CHOICES) {
    let hits = 0;
    for (let k = 0; k < folds; k++) {
      const { train: tr, test } = split(items, folds, k);
      const h = hitsOf(train(tr, epochs, settings), test);
      hits += h.killed + h.injured;
    }
    if (hits > best.hits) best = { epochs, hits };
  }
  return best.epochs;
}

async function main(): Promise<void> {
  const corpora = arg("corpora") ?? fromRoot("..", "shared", "corpora");
  const fixedEpochs = arg("epochs") !== undefined ? Number(arg("epochs")) : null;
  const settings: Settings = { runs: Number(arg("runs") ?? 20), seed: Number(arg("seed") ?? 33) };
  const out = arg("out") ?? fromRoot("models", "frames", "counts.json");
  const file = join(corpora, "gvdb", "dev.tsv");
  const { articles } = readGvdb(readFileSync(file, "utf8"), file);
  useCountModel(null);
  const pipeline = createPipeline();
  const items: Item[] = articles.map((a) => {
    const doc = pipeline.run({ text: a.text });
    const frames = eventFrames(doc);
    const counted = (f: Frame) => f.event.type === "ASSAULT" && !f.event.negated && !f.event.hypothetical;
    const records = frames.filter((f) => counted(f) && !f.event.background && !f.event.generic);
    const main = records.reduce<Frame | null>((best, f) => (!best || f.mentions.length > best.mentions.length ? f : best), null);
    const evidence = main ? countEvidence(doc, frames, sentenceFrames(doc, frames, counted)).get(main) ?? null : null;
    return {
      evidence,
      numbered: { killed: main?.event.casualties?.killed?.best ?? 0, injured: main?.event.casualties?.injured?.best ?? 0 },
      gold: { killed: a.killed, injured: a.injured },
    };
  });
  const folds = 5;
  const hits = { killed: 0, injured: 0 };
  const base = { killed: 0, injured: 0 };
  const chosen: number[] = [];
  for (let k = 0; k < folds; k++) {
    const { train: tr, test } = split(items, folds, k);
    const epochs = fixedEpochs ?? chooseEpochs(tr, 4, settings);
    chosen.push(epochs);
    const h = hitsOf(train(tr, epochs, settings), test);
    for (const o of OUTCOMES) {
      hits[o] += h[o];
      for (const it of test) if (it.numbered[o] === it.gold[o]) base[o]++;
    }
  }
  const n = items.length;
  const held = `held out (5 folds by article, ${n} articles, main frame; epochs ${fixedEpochs ?? `chosen in each fold by 4 inner folds: ${chosen.join(", ")}`}): killed exact ${(hits.killed / n).toFixed(3)}, injured exact ${(hits.injured / n).toFixed(3)}; numbered phrases alone: killed ${(base.killed / n).toFixed(3)}, injured ${(base.injured / n).toFixed(3)}`;
  console.log(held);
  const examples = OUTCOMES.flatMap((o) => items.map((it) => example(it, o))).filter((x): x is RankingExample => !!x);
  const epochs = fixedEpochs ?? chooseEpochs(items, folds, settings);
  const { weights } = train(items, epochs, settings);
  const model: LinearModel = {
    about: `averaged ranking perceptrons over ${settings.runs} orders (seeds ${settings.seed} to ${settings.seed + settings.runs - 1}), ${epochs} epochs${fixedEpochs === null ? " (chosen by 5-fold cross-validation)" : ""}, ${examples.length} examples from GVDB dev.tsv; ${held}`,
    weights,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(model, null, 1) + "\n");
  console.log(`wrote ${out}: ${Object.keys(weights).length} weights`);
}

await main();
