/**
 * The learned choice among the readings of a place name: a linear model over `features.ts`, trained as a
 * conditional logit (softmax over one name's candidates, the reading nearest the gold point as the answer) by
 * `npm run train:geo` (scripts/train-geo.ts) with a fixed seed; weights in models/geo/ranker.json.
 */
import { readFileSync } from "node:fs";
import { SitrepError } from "../../errors.js";
import { fromRoot } from "../../paths.js";
import { seededRandom, shuffleInPlace } from "../../random.js";
import { FEATURE_NAMES, type FeatureVector } from "./features.js";

export const RANKER_FILE = "models/geo/ranker.json";

export interface RankerModel {
  /** weights aligned with FEATURE_NAMES */
  weights: Float64Array;
  meta: Record<string, unknown>;
}

/** One decision to learn from: the feature vectors of a name's candidates and the indexes of the right ones. */
export interface RankingInstance {
  candidates: FeatureVector[];
  /** the candidates that are right (within 161 km of the gold point): any of them may win */
  targets: number[];
  /** the group it belongs to (an article), for cross-validation by article */
  group: string;
  /** the name ranked, for reading errors (never stored in a model) */
  surface?: string;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** learning rate of the first epoch; it decays as 1 / (1 + epoch) */
  rate: number;
  /** L2 penalty per step */
  l2: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 40, seed: 15, rate: 0.1, l2: 1e-4 };

let active: RankerModel | undefined;

/** The committed model, loaded once. */
export function rankerModel(): RankerModel {
  if (active) return active;
  let json: { features: string[]; weights: number[]; meta?: Record<string, unknown> };
  try {
    json = JSON.parse(readFileSync(fromRoot(RANKER_FILE), "utf8")) as typeof json;
  } catch (err) {
    throw new SitrepError("SITREP_MODEL_INVALID", `cannot read ${RANKER_FILE} (${(err as Error).message}): run "npm run train:geo"`);
  }
  const weights = new Float64Array(FEATURE_NAMES.length);
  const byName = new Map(json.features.map((f, i) => [f, json.weights[i]]));
  // a feature the file lacks weighs 0 until the model is retrained
  FEATURE_NAMES.forEach((name, i) => (weights[i] = byName.get(name) ?? 0));
  active = { weights, meta: json.meta ?? {} };
  return active;
}

/** Swaps the model in use (cross-validation scores each fold with the model trained on the others). */
export function useRankerModel(model: RankerModel | undefined): void {
  active = model;
}

export function scoreFeatures(f: FeatureVector, weights: Float64Array): number {
  let s = 0;
  for (let i = 0; i < f.index.length; i++) s += weights[f.index[i]] * f.value[i];
  return s;
}

/** Softmax probabilities of the candidates' scores. */
export function softmax(scores: number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const z = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / z);
}

/**
 * Stochastic gradient descent on the conditional log-likelihood of choosing a right candidate, instances shuffled each epoch by the seeded
 * generator; the weights returned are the average over all steps (as an averaged perceptron's), which is
 * steadier on a few thousand decisions than the last ones.
 */
export function trainRanker(instances: readonly RankingInstance[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): RankerModel {
  const n = FEATURE_NAMES.length;
  const w = new Float64Array(n);
  const sum = new Float64Array(n);
  let steps = 0;
  const random = seededRandom(options.seed);
  const order = instances.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    const rate = options.rate / (1 + epoch);
    for (const k of order) {
      const { candidates, targets } = instances[k];
      if (candidates.length > 1 && targets.length < candidates.length) {
        const p = softmax(candidates.map((c) => scoreFeatures(c, w)));
        // the likelihood of choosing some right candidate: each right one's share of their total is its target
        const right = targets.reduce((a, t) => a + p[t], 0);
        for (let c = 0; c < candidates.length; c++) {
          const g = (targets.includes(c) ? p[c] / right : 0) - p[c];
          const f = candidates[c];
          for (let t = 0; t < f.index.length; t++) w[f.index[t]] += rate * g * f.value[t];
        }
        if (options.l2 > 0) for (let t = 0; t < n; t++) w[t] *= 1 - rate * options.l2;
      }
      for (let t = 0; t < n; t++) sum[t] += w[t];
      steps++;
    }
  }
  const weights = steps > 0 ? sum.map((v) => v / steps) : w;
  return { weights, meta: { ...options, instances: instances.length } };
}

/** The model as the JSON committed under models/: weights by feature name, rounded. */
export function rankerJson(model: RankerModel): string {
  return `${JSON.stringify({ features: [...FEATURE_NAMES], weights: [...model.weights].map((v) => Math.round(v * 1e4) / 1e4), meta: model.meta }, null, 1)}\n`;
}

/** Who listens to the ranker's decisions (training data, `--explain`): every call of the gazetteer's `rank`. */
export interface RankingObserver {
  (surface: string, candidates: { features: FeatureVector; lat: number; lon: number; name: string; country: string | null; score: number }[]): void;
}

let observer: RankingObserver | null = null;

/** Listens to the ranker's decisions until called again with null. */
export function observeRankings(listener: RankingObserver | null): void {
  observer = listener;
}

export function rankingObserver(): RankingObserver | null {
  return observer;
}

/**
 * Runs `f` unobserved: for a ranking a later rule tries in a context of its own ("is there a district of this
 * name in that country?"), which is no decision about the name. Observed, it would replace the name's real
 * ranking in the training data and in `--explain`.
 */
export function unobserved<T>(f: () => T): T {
  const held = observer;
  observer = null;
  try {
    return f();
  } finally {
    observer = held;
  }
}
