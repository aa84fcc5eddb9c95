/**
 * The speaker model: a linear ranker over a quote's candidates, its weights a hashed table (2^bits floats),
 * trained as an averaged perceptron (Collins 2002): for each quote, if the best-scoring candidate is not a
 * right one, add the features of the best right one and subtract those of the one chosen; the weights kept
 * are the average over all steps. Stored compactly: only non-zero weights, as (index, int16) pairs, deflated.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { deflateSync, inflateSync } from "node:zlib";
import { SitrepError } from "../../errors.js";
import { fromRoot } from "../../paths.js";
import { hashString } from "../../nlp/ner/hash.js";
import { seededRandom, shuffleInPlace } from "../../random.js";

export const SPEAKER_MODEL_FILE = "models/quotes/speaker.bin";
const MAGIC = 0x51535031; // "QSP1"
const HEADER = 20;

export class SpeakerModel {
  readonly mask: number;
  /** scores divided by this give calibrated probabilities under a softmax (fitted on held-out folds) */
  temperature = 1;
  constructor(
    readonly bits: number,
    readonly weights: Float32Array,
  ) {
    this.mask = (1 << bits) - 1;
  }

  static empty(bits = 18): SpeakerModel {
    return new SpeakerModel(bits, new Float32Array(1 << bits));
  }

  hash(features: readonly string[]): Int32Array {
    const out = new Int32Array(features.length);
    for (let i = 0; i < features.length; i++) out[i] = hashString(features[i]) & this.mask;
    return out;
  }

  /** The score of feature strings, hashed on the fly (no array kept). */
  scoreFeatures(features: readonly string[]): number {
    let s = 0;
    for (let i = 0; i < features.length; i++) s += this.weights[hashString(features[i]) & this.mask];
    return s;
  }

  score(hashed: ArrayLike<number>): number {
    let s = 0;
    for (let i = 0; i < hashed.length; i++) s += this.weights[hashed[i]];
    return s;
  }

  serialise(): Buffer {
    const used: number[] = [];
    let max = 0;
    for (let i = 0; i < this.weights.length; i++) {
      if (this.weights[i] !== 0) {
        used.push(i);
        max = Math.max(max, Math.abs(this.weights[i]));
      }
    }
    const scale = max > 0 ? max / 32767 : 1;
    const head = Buffer.alloc(HEADER);
    head.writeUInt32LE(MAGIC, 0);
    head.writeUInt32LE(this.bits, 4);
    head.writeUInt32LE(used.length, 8);
    head.writeFloatLE(scale, 12);
    head.writeFloatLE(this.temperature, 16);
    const body = Buffer.alloc(used.length * 6);
    used.forEach((idx, k) => {
      body.writeUInt32LE(idx, k * 6);
      body.writeInt16LE(Math.round(this.weights[idx] / scale), k * 6 + 4);
    });
    return deflateSync(Buffer.concat([head, body]), { level: 9 });
  }

  static deserialise(bytes: Buffer, name: string): SpeakerModel {
    let raw: Buffer;
    try {
      raw = inflateSync(bytes);
    } catch {
      throw new SitrepError("SITREP_MODEL_INVALID", `${name}: not a deflated speaker model`);
    }
    if (raw.length < HEADER || raw.readUInt32LE(0) !== MAGIC) throw new SitrepError("SITREP_MODEL_INVALID", `${name}: not a speaker model (bad header)`);
    const bits = raw.readUInt32LE(4);
    const count = raw.readUInt32LE(8);
    const scale = raw.readFloatLE(12);
    const temperature = raw.readFloatLE(16);
    if (bits < 8 || bits > 24 || raw.length !== HEADER + count * 6 || !(temperature > 0)) throw new SitrepError("SITREP_MODEL_INVALID", `${name}: truncated or corrupt speaker model`);
    const model = SpeakerModel.empty(bits);
    model.temperature = temperature;
    for (let k = 0; k < count; k++) {
      const idx = raw.readUInt32LE(HEADER + k * 6);
      if (idx > model.mask) throw new SitrepError("SITREP_MODEL_INVALID", `${name}: weight index ${idx} out of range`);
      model.weights[idx] = raw.readInt16LE(HEADER + k * 6 + 4) * scale;
    }
    return model;
  }

  save(path: string): void {
    writeFileSync(path, this.serialise());
  }
}

let shipped: SpeakerModel | null | undefined;

/** The committed model (models/quotes/speaker.bin), loaded once; null when the file is absent. */
export function shippedSpeakerModel(): SpeakerModel | null {
  if (shipped !== undefined) return shipped;
  const file = fromRoot(SPEAKER_MODEL_FILE);
  shipped = existsSync(file) ? SpeakerModel.deserialise(readFileSync(file), SPEAKER_MODEL_FILE) : null;
  return shipped;
}

/** One quote as training sees it: hashed features per candidate and which candidates are right. */
export interface RankingExample {
  candidates: Int32Array[];
  right: boolean[];
}

/** Index of the best-scoring candidate (the first on ties). */
export function argmax(scores: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
  return best;
}

/** Averaged perceptron over ranking examples; examples with no right candidate teach nothing and are skipped. */
export function trainRanker(examples: readonly RankingExample[], options: { epochs: number; seed: number; bits: number }): SpeakerModel {
  const model = SpeakerModel.empty(options.bits);
  const w = model.weights;
  // the averaging trick: u accumulates step * update, and the average is w - u / steps
  const u = new Float32Array(w.length);
  const usable = examples.filter((e) => e.right.some(Boolean));
  const order = usable.map((_, i) => i);
  const random = seededRandom(options.seed);
  let step = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const k of order) {
      const ex = usable[k];
      const scores = ex.candidates.map((c) => model.score(c));
      const chosen = argmax(scores);
      if (!ex.right[chosen]) {
        let gold = -1;
        for (let c = 0; c < scores.length; c++) if (ex.right[c] && (gold < 0 || scores[c] > scores[gold])) gold = c;
        for (const h of ex.candidates[gold]) {
          w[h] += 1;
          u[h] += step;
        }
        for (const h of ex.candidates[chosen]) {
          w[h] -= 1;
          u[h] -= step;
        }
      }
      step++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] -= u[i] / step;
  return model;
}

/** The softmax probability of candidate `i` with scores divided by `temperature`. */
export function softmaxProbability(scores: readonly number[], i: number, temperature: number): number {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s / temperature);
  let sum = 0;
  for (const s of scores) sum += Math.exp(s / temperature - max);
  return Math.exp(scores[i] / temperature - max) / sum;
}

/**
 * The temperature that makes held-out choices most likely: the one maximising the summed log probability of
 * the right candidates (a search over a log-spaced grid; the likelihood is smooth in it).
 */
export function fitTemperature(held: readonly { scores: number[]; right: boolean[] }[]): number {
  let best = 1;
  let bestLikelihood = -Infinity;
  for (let k = -20; k <= 60; k++) {
    const t = Math.pow(10, k / 20);
    let ll = 0;
    for (const h of held) {
      let p = 0;
      h.right.forEach((r, i) => {
        if (r) p += softmaxProbability(h.scores, i, t);
      });
      ll += Math.log(Math.max(p, 1e-9));
    }
    if (ll > bestLikelihood) {
      bestLikelihood = ll;
      best = t;
    }
  }
  return best;
}
