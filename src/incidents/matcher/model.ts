/**
 * The learned matcher: logistic regression over the pair features, trained by averaged stochastic gradient descent
 * with a fixed seed, so `npm run train:incidents` reproduces models/incidents/matcher.json exactly.
 */
import { readFileSync } from "node:fs";
import { fromRoot } from "../../paths.js";
import { seededRandom, shuffleInPlace } from "../../random.js";
import { SitrepError } from "../../errors.js";
import { MATCH_PARTS, type MatchPart, type PairFeatures } from "./features.js";

export interface MatcherModel {
  format: "sitrep-incident-matcher/1";
  bias: number;
  /**
   * feature name -> weight (log-odds added when the feature is active). The bias has the tuned decision threshold
   * folded in, so a score of 0.5 is the line between one happening and two.
   */
  weights: Record<string, number>;
  /**
   * How clustering weighs pairs that do not match (see `clusterComponent`), tuned with the threshold on held-out
   * data; absent in models trained before it was, which cluster with DEFAULT_LINKAGE.
   */
  linkage?: Linkage;
  /** how it was trained and what it scored on held-out data, for the record */
  meta: Record<string, unknown>;
}

/**
 * What a pair that is not a match weighs in average linkage, in log-odds against "one happening" (a sure match
 * weighs +PAIR_LOGODDS_BOUND). `doubt`: the most a pair the matcher scores under the threshold counts against; such
 * a pair often only lacks evidence (an outlet that names nobody, places a story by its region). `contradiction`: what
 * a pair a veto rules out (or whose dates cannot meet) counts against.
 */
export interface Linkage {
  doubt: number;
  contradiction: number;
}

/** One sure match and one contradiction or one sure mismatch cancel out: the linkage before it was tuned. */
export const DEFAULT_LINKAGE: Linkage = { doubt: 3, contradiction: 3 };

export interface PairExample {
  features: string[];
  /** 1: the two events report one happening */
  label: 0 | 1;
  weight: number;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** L2 penalty per step, scaled by the learning rate */
  l2: number;
  learningRate: number;
}

// (L2 1e-2: the pair features overlap (a place, a date and a count agreeing are often one fact told three ways), and
// at 1e-3 small changes upstream moved single weights by 0.9 and the merging of whole collections with them; 1e-2 is
// steadier and gave the most held-out ECB+ recall at precision 0.95 among 1e-3, 3e-3, 1e-2 and 3e-2)
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 40, seed: 1, l2: 1e-2, learningRate: 0.1 };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface PairScore {
  probability: number;
  /** each part's share of the log-odds (the bias is not a part) */
  contributions: Record<MatchPart, number>;
}

export function scoreFeatures(model: MatcherModel, pair: PairFeatures): PairScore {
  const contributions = Object.fromEntries(MATCH_PARTS.map((p) => [p, 0])) as Record<MatchPart, number>;
  let z = model.bias;
  for (const { part, features } of pair.parts) {
    for (const f of features) {
      const w = model.weights[f] ?? 0;
      contributions[part] += w;
      z += w;
    }
  }
  return { probability: sigmoid(z), contributions };
}

/**
 * Fits the weights. Each epoch visits the examples in a seeded random order; the returned weights are the average
 * over all steps (steadier than the last step's on a few thousand pairs).
 */
export function trainMatcher(examples: PairExample[], options: Partial<TrainOptions> = {}): Pick<MatcherModel, "bias" | "weights"> {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const random = seededRandom(o.seed);
  const names = [...new Set(examples.flatMap((e) => e.features))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows = examples.map((e) => ({ ids: e.features.map((f) => index.get(f)!), label: e.label, weight: e.weight }));
  const w = new Float64Array(names.length);
  const sum = new Float64Array(names.length);
  let bias = 0;
  let biasSum = 0;
  let steps = 0;
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(order, random);
    const rate = o.learningRate / (1 + epoch);
    for (const k of order) {
      const row = rows[k];
      let z = bias;
      for (const id of row.ids) z += w[id];
      const gradient = (row.label - sigmoid(z)) * row.weight;
      bias += rate * gradient;
      for (const id of row.ids) w[id] += rate * (gradient - o.l2 * w[id]);
      steps++;
      biasSum += bias;
      for (let f = 0; f < w.length; f++) sum[f] += w[f];
    }
  }
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    bias: round(biasSum / steps),
    weights: Object.fromEntries(names.map((n, i) => [n, round(sum[i] / steps)])),
  };
}

export const MATCHER_MODEL_PATH = fromRoot("models", "incidents", "matcher.json");

export function loadMatcherModel(path = MATCHER_MODEL_PATH): MatcherModel {
  let parsed: MatcherModel;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as MatcherModel;
  } catch (err) {
    throw new SitrepError("SITREP_MODEL_INVALID", `${path}: cannot read the incident matcher model (${(err as Error).message}); run npm run train:incidents`);
  }
  if (parsed.format !== "sitrep-incident-matcher/1" || typeof parsed.bias !== "number" || typeof parsed.weights !== "object") {
    throw new SitrepError("SITREP_MODEL_INVALID", `${path}: not a sitrep-incident-matcher/1 model`);
  }
  const linkage = parsed.linkage;
  if (linkage !== undefined && !(linkage.doubt > 0 && linkage.contradiction > 0)) {
    throw new SitrepError("SITREP_MODEL_INVALID", `${path}: linkage needs positive doubt and contradiction weights`);
  }
  return parsed;
}
