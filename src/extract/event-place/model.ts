/**
 * The event-place ranker: a linear model over `eventPlaceFeatures`, trained by `npm run train:event-place`
 * (averaged perceptron, fixed seed; weights in models/event-place/weights.json). Loading and scoring are pure
 * functions over the weights file.
 */
import { existsSync, readFileSync } from "node:fs";
import { SitrepError } from "../../errors.js";
import { fromRoot } from "../../paths.js";
import { seededRandom, shuffleInPlace } from "../../random.js";

export const EVENT_PLACE_MODEL_FILE = "models/event-place/weights.json";

export interface EventPlaceModel {
  weights: Record<string, number>;
  meta: Record<string, string | number>;
}

let held: EventPlaceModel | null | undefined;

/** The committed model, read once; null when there is none (the rules decide). */
export function eventPlaceModel(): EventPlaceModel | null {
  if (held === undefined) {
    const file = fromRoot(EVENT_PLACE_MODEL_FILE);
    if (!existsSync(file)) held = null;
    else {
      try {
        held = JSON.parse(readFileSync(file, "utf8")) as EventPlaceModel;
      } catch (err) {
        throw new SitrepError("SITREP_MODEL_INVALID", `${file}: not a readable model (${(err as Error).message}): run "npm run train:event-place"`);
      }
    }
  }
  return held;
}

/** Replaces the model (null: the rules alone; undefined: the committed file again), for training and tests. */
export function useEventPlaceModel(model: EventPlaceModel | null | undefined): void {
  held = model;
}

export function scoreEventPlace(features: ReadonlyMap<string, number>, model: EventPlaceModel): number {
  let s = 0;
  for (const [name, value] of features) s += (model.weights[name] ?? 0) * value;
  return s;
}

/** One sentence's candidates and which of them is the gold place. */
export interface EventPlaceInstance {
  candidates: ReadonlyMap<string, number>[];
  gold: number;
}

/** Averaged perceptron over rankings: each mistake moves the weights toward the gold candidate's features. */
export function trainEventPlace(instances: readonly EventPlaceInstance[], epochs = 12, seed = 33): EventPlaceModel {
  const w = new Map<string, number>();
  const total = new Map<string, number>();
  const stamp = new Map<string, number>();
  let step = 1;
  const update = (name: string, delta: number): void => {
    const current = w.get(name) ?? 0;
    total.set(name, (total.get(name) ?? 0) + current * (step - (stamp.get(name) ?? 0)));
    stamp.set(name, step);
    w.set(name, current + delta);
  };
  const score = (f: ReadonlyMap<string, number>): number => {
    let s = 0;
    for (const [n, v] of f) s += (w.get(n) ?? 0) * v;
    return s;
  };
  const order = instances.map((_, i) => i);
  const random = seededRandom(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const { candidates, gold } = instances[i];
      let best = 0;
      for (let c = 1; c < candidates.length; c++) if (score(candidates[c]) > score(candidates[best])) best = c;
      if (best !== gold) {
        for (const [n, v] of candidates[gold]) update(n, v);
        for (const [n, v] of candidates[best]) update(n, -v);
      }
      step++;
    }
  }
  const weights: Record<string, number> = {};
  for (const [name, current] of [...w.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sum = (total.get(name) ?? 0) + current * (step - (stamp.get(name) ?? 0));
    const avg = Math.round((sum / step) * 1e4) / 1e4;
    if (avg !== 0) weights[name] = avg;
  }
  return { weights, meta: { epochs, seed, instances: instances.length } };
}
