/**
 * The same-happening model: a linear score over named features (frames/features.ts), trained as an averaged
 * perceptron (`npm run train:frames`, fixed seed) and kept in models/frames/merge.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { fromRoot } from "../../paths.js";
import { SitrepError } from "../../errors.js";

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

/** A small deterministic generator (mulberry32), so that a seed gives the same model every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Averaged perceptron over binary examples, shuffled each epoch with the seed. Same-happening pairs are rare
 * beside different ones, so a mistake on a positive example moves the weights by `positiveWeight` (default:
 * negatives per positive), else the model learns never to merge.
 */
export function trainPerceptron(examples: readonly TrainingExample[], options: { epochs: number; seed: number; positiveWeight?: number }): Record<string, number> {
  const positives = examples.filter((e) => e.same).length;
  const positiveWeight = options.positiveWeight ?? (positives ? (examples.length - positives) / positives : 1);
  const w = new Map<string, number>();
  const total = new Map<string, number>(); // sum of weights over steps, for the average
  const stamp = new Map<string, number>();
  let step = 0;
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const settle = (f: string) => {
    total.set(f, (total.get(f) ?? 0) + (w.get(f) ?? 0) * (step - (stamp.get(f) ?? 0)));
    stamp.set(f, step);
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const ex = examples[k];
      let s = 0;
      for (const f of ex.features) s += w.get(f) ?? 0;
      const y = ex.same ? 1 : -1;
      if (y * s <= 0) {
        for (const f of ex.features) {
          settle(f);
          w.set(f, (w.get(f) ?? 0) + (ex.same ? positiveWeight : -1));
        }
      }
      step++;
    }
  }
  const averaged: Record<string, number> = {};
  for (const f of [...w.keys()].sort()) {
    settle(f);
    const v = (total.get(f) ?? 0) / Math.max(1, step);
    if (Math.abs(v) > 1e-6) averaged[f] = Math.round(v * 10000) / 10000;
  }
  return averaged;
}

export interface RankingExample {
  /** the features of each candidate */
  candidates: string[][];
  /** which candidate is right */
  gold: number;
}

/** Averaged ranking perceptron: on a wrong top candidate, the gold's features gain and the winner's lose. */
export function trainRanker(examples: readonly RankingExample[], options: { epochs: number; seed: number }): Record<string, number> {
  const w = new Map<string, number>();
  const total = new Map<string, number>();
  const stamp = new Map<string, number>();
  let step = 0;
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const bump = (f: string, by: number) => {
    total.set(f, (total.get(f) ?? 0) + (w.get(f) ?? 0) * (step - (stamp.get(f) ?? 0)));
    stamp.set(f, step);
    w.set(f, (w.get(f) ?? 0) + by);
  };
  const score = (fs: string[]) => fs.reduce((s, f) => s + (w.get(f) ?? 0), 0);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const ex = examples[k];
      let top = 0;
      ex.candidates.forEach((c, i) => {
        if (score(c) > score(ex.candidates[top])) top = i;
      });
      if (top !== ex.gold) {
        for (const f of ex.candidates[ex.gold]) bump(f, 1);
        for (const f of ex.candidates[top]) bump(f, -1);
      }
      step++;
    }
  }
  const averaged: Record<string, number> = {};
  for (const f of [...w.keys()].sort()) {
    bump(f, 0);
    const v = (total.get(f) ?? 0) / Math.max(1, step);
    if (Math.abs(v) > 1e-6) averaged[f] = Math.round(v * 10000) / 10000;
  }
  return averaged;
}

let merge: LinearModel | undefined;
/** Puts a model in place of the committed one (training: an empty model keeps every mention its own frame). */
export function useMergeModel(model: LinearModel | undefined): void {
  merge = model;
}

/** models/frames/merge.json, read once. */
export function mergeModel(): LinearModel {
  if (merge) return merge;
  const file = fromRoot("models", "frames", "merge.json");
  if (!existsSync(file)) throw new SitrepError("SITREP_MODEL_INVALID", `${file}: the same-happening model is missing; run npm run train:frames`);
  merge = JSON.parse(readFileSync(file, "utf8")) as LinearModel;
  return merge;
}

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
