/**
 * The same-happening model: a linear score over named features (frames/features.ts), trained as an averaged
 * perceptron (`npm run train:frames`, fixed seed) and kept in models/frames/merge.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { fromRoot } from "../../paths.js";
import { SitrepError } from "../../errors.js";
import { seededRandom, shuffleInPlace } from "../../random.js";

export interface LinearModel {
  /** what it was trained on and how it scored held out, for the record */
  about: string;
  weights: Record<string, number>;
}

export function scoreFeatures(model: LinearModel, features: readonly string[]): number {
  let s = 0;
  for (const f of features) s += model.weights[f] ?? 0;
  return s;
}

export interface TrainingExample {
  features: string[];
  /** true: the same happening */
  same: boolean;
}


/** Perceptron weights with their running sum, so that the average over every step comes out at the end. */
class AveragedWeights {
  private readonly w = new Map<string, number>();
  private readonly total = new Map<string, number>();
  private readonly stamp = new Map<string, number>();
  step = 0;

  score(features: readonly string[]): number {
    let s = 0;
    for (const f of features) s += this.w.get(f) ?? 0;
    return s;
  }

  add(features: readonly string[], by: number): void {
    for (const f of features) {
      this.settle(f);
      this.w.set(f, (this.w.get(f) ?? 0) + by);
    }
  }

  private settle(f: string): void {
    this.total.set(f, (this.total.get(f) ?? 0) + (this.w.get(f) ?? 0) * (this.step - (this.stamp.get(f) ?? 0)));
    this.stamp.set(f, this.step);
  }

  averaged(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const f of [...this.w.keys()].sort()) {
      this.settle(f);
      const v = (this.total.get(f) ?? 0) / Math.max(1, this.step);
      if (Math.abs(v) > 1e-6) out[f] = Math.round(v * 10000) / 10000;
    }
    return out;
  }
}

/** Runs `visit` over the examples for `epochs` epochs, in an order shuffled with the seed each epoch. */
function epochsOf<T>(examples: readonly T[], options: { epochs: number; seed: number }, weights: AveragedWeights, visit: (ex: T) => void): void {
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const k of order) {
      visit(examples[k]);
      weights.step++;
    }
  }
}

/**
 * Averaged perceptron over binary examples, shuffled each epoch with the seed. Same-happening pairs are rare
 * beside different ones, so a mistake on a positive example moves the weights by `positiveWeight` (default:
 * negatives per positive), else the model learns never to merge.
 */
export function trainPerceptron(examples: readonly TrainingExample[], options: { epochs: number; seed: number; positiveWeight?: number }): Record<string, number> {
  const positives = examples.filter((e) => e.same).length;
  const positiveWeight = options.positiveWeight ?? (positives ? (examples.length - positives) / positives : 1);
  const w = new AveragedWeights();
  epochsOf(examples, options, w, (ex) => {
    if ((ex.same ? 1 : -1) * w.score(ex.features) <= 0) w.add(ex.features, ex.same ? positiveWeight : -1);
  });
  return w.averaged();
}

export interface RankingExample {
  /** the features of each candidate */
  candidates: string[][];
  /** which candidate is right */
  gold: number;
}

/** Averaged ranking perceptron: on a wrong top candidate, the gold's features gain and the winner's lose. */
export function trainRanker(examples: readonly RankingExample[], options: { epochs: number; seed: number }): Record<string, number> {
  const w = new AveragedWeights();
  epochsOf(examples, options, w, (ex) => {
    let top = 0;
    ex.candidates.forEach((c, i) => {
      if (w.score(c) > w.score(ex.candidates[top])) top = i;
    });
    if (top !== ex.gold) {
      w.add(ex.candidates[ex.gold], 1);
      w.add(ex.candidates[top], -1);
    }
  });
  return w.averaged();
}

/**
 * Ranking perceptrons trained in `runs` orders (seeds `seed`, `seed + 1`, ...) and averaged. On a few hundred
 * examples the order they come in moves one perceptron's held-out accuracy by a point or two; the average does not
 * hang on one order. Weights are rounded to four decimals, as `trainRanker`'s are.
 */
export function trainRankerOverOrders(examples: readonly RankingExample[], options: { epochs: number; seed: number; runs: number }): Record<string, number> {
  const sum = new Map<string, number>();
  for (let r = 0; r < options.runs; r++) {
    for (const [f, v] of Object.entries(trainRanker(examples, { epochs: options.epochs, seed: options.seed + r }))) sum.set(f, (sum.get(f) ?? 0) + v);
  }
  const out: Record<string, number> = {};
  for (const f of [...sum.keys()].sort()) {
    const v = Math.round(((sum.get(f) ?? 0) / options.runs) * 10000) / 10000;
    if (v !== 0) out[f] = v;
  }
  return out;
}

/**
 * A committed linear model of models/frames, read once; `use` puts another in its place (tests, training) and
 * `use(undefined)` goes back to the file. A missing file is a clear error naming it and what to run.
 */
export function committedModel(name: string, missing: string): { get(): LinearModel; use(model: LinearModel | undefined): void } {
  let model: LinearModel | undefined;
  return {
    get() {
      if (model) return model;
      const file = fromRoot("models", "frames", name);
      if (!existsSync(file)) throw new SitrepError("SITREP_MODEL_INVALID", `${file}: ${missing}`);
      model = JSON.parse(readFileSync(file, "utf8")) as LinearModel;
      return model;
    },
    use(m) {
      model = m;
    },
  };
}

const merge = committedModel("merge.json", "the same-happening model is missing; run npm run train:frames");
/** Puts a model in place of the committed one (training: an empty model keeps every mention its own frame). */
export const useMergeModel = merge.use;
/** models/frames/merge.json, read once. */
export const mergeModel = merge.get;

let counts: LinearModel | null | undefined;
/** Puts a counting model in place of the committed one; null counts with the numbered phrases only (training). */
export function useCountModel(model: LinearModel | null | undefined): void {
  counts = model;
}

/** models/frames/counts.json, read once; null when there is none yet (the numbered phrases alone count). */
export function countModel(): LinearModel | null {
  if (counts !== undefined) return counts;
  const file = fromRoot("models", "frames", "counts.json");
  counts = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LinearModel) : null;
  return counts;
}
