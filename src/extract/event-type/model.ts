/**
 * A multi-class averaged perceptron over hashed features (Collins 2002; the averaging is Daume's trick of one
 * running sum), the same learner as the NER tagger without the chain. Why: a few thousand labelled texts, a few
 * hundred features each; training is seconds, the weights are one small table, and the scores are sums that
 * `--explain` can show. Features arrive as strings and are hashed here, so no corpus text is stored.
 */
import { deflateSync, inflateSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { hashString } from "../../nlp/ner/hash.js";
import { SitrepError } from "../../errors.js";
import { shuffleInPlace } from "../../random.js";

export interface LabelledFeatures {
  features: string[];
  label: string;
  /** how much one mistake on this example moves the weights (weak labels count less) */
  weight?: number;
}

export interface LinearModel {
  labels: string[];
  bits: number;
  /** 2^bits rows of labels.length scores */
  weights: Float32Array;
}

function rowsOf(features: readonly string[], mask: number): number[] {
  const rows = new Set<number>();
  for (const f of features) rows.add(hashString(f) & mask);
  return [...rows];
}

/** The score of every label for these features. */
export function scoreFeatures(model: LinearModel, features: readonly string[]): Float32Array {
  const L = model.labels.length;
  const scores = new Float32Array(L);
  const mask = (1 << model.bits) - 1;
  for (const r of rowsOf(features, mask)) for (let y = 0; y < L; y++) scores[y] += model.weights[r * L + y];
  return scores;
}

/** Softmax of the scores: a probability-like share per label, for confidences and thresholds. */
export function shares(scores: Float32Array): Float32Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  const out = new Float32Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp(scores[i] - max);
  for (let i = 0; i < scores.length; i++) out[i] /= sum;
  return out;
}

export interface TrainOptions {
  labels: string[];
  bits: number;
  epochs: number;
  random: () => number;
}

/** Trains on the examples in a seeded random order each epoch; returns the averaged weights. */
export function trainPerceptron(examples: readonly LabelledFeatures[], options: TrainOptions): LinearModel {
  const { labels, bits, epochs, random } = options;
  const L = labels.length;
  const mask = (1 << bits) - 1;
  const index = new Map(labels.map((l, i) => [l, i]));
  const w = new Float32Array((1 << bits) * L);
  const total = new Float32Array((1 << bits) * L); // sum of updates weighted by when they happened
  const prepared = examples.map((e) => {
    const y = index.get(e.label);
    if (y === undefined) throw new SitrepError("SITREP_GOLD_INVALID", `training label "${e.label}" is not one of the model's labels`);
    return { rows: rowsOf(e.features, mask), y, weight: e.weight ?? 1 };
  });
  const order = prepared.map((_, i) => i);
  let step = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const k of order) {
      const { rows, y, weight } = prepared[k];
      const scores = new Float32Array(L);
      for (const r of rows) for (let c = 0; c < L; c++) scores[c] += w[r * L + c];
      let best = y === 0 ? 1 : 0;
      for (let c = 0; c < L; c++) if (c !== y && scores[c] > scores[best]) best = c;
      if (scores[y] <= scores[best]) {
        for (const r of rows) {
          w[r * L + y] += weight;
          total[r * L + y] += weight * step;
          w[r * L + best] -= weight;
          total[r * L + best] -= weight * step;
        }
      }
      step++;
    }
  }
  const averaged = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) averaged[i] = w[i] - total[i] / step;
  return { labels: [...labels], bits, weights: averaged };
}

const QUANTUM = 1 / 64;

/** The model as one deflated buffer: a JSON header line, then int16 weights in units of 1/64. */
export function serialiseModel(model: LinearModel, meta: Record<string, unknown>): Buffer {
  const header = Buffer.from(JSON.stringify({ format: "sitrep-linear/1", labels: model.labels, bits: model.bits, quantum: QUANTUM, ...meta }) + "\n");
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-32767, Math.min(32767, Math.round(model.weights[i] / QUANTUM)));
  return deflateSync(Buffer.concat([header, Buffer.from(q.buffer)]), { level: 9 });
}

export function readModel(file: string): LinearModel & { meta: Record<string, unknown> } {
  let raw: Buffer;
  try {
    raw = inflateSync(readFileSync(file));
  } catch (err) {
    throw new SitrepError("SITREP_MODEL_INVALID", `${file}: cannot read the model (${(err as Error).message}); retrain it with npm run train:event-type`);
  }
  const newline = raw.indexOf(10);
  const meta = JSON.parse(raw.subarray(0, newline).toString("utf8")) as { labels: string[]; bits: number; quantum: number } & Record<string, unknown>;
  const body = raw.subarray(newline + 1);
  const q = new Int16Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  if (q.length !== (1 << meta.bits) * meta.labels.length) throw new SitrepError("SITREP_MODEL_INVALID", `${file}: the weight table has the wrong size; retrain it`);
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i] * meta.quantum;
  return { labels: meta.labels, bits: meta.bits, weights, meta };
}
