/**
 * Why an averaged structured perceptron (Collins 2002) with first-order Viterbi, not a CRF:
 * - on CoNLL-2003 it matches a CRF with the same features (Ratinov and Roth 2009 reach 90.8 F1 with one), and
 *   the features, not the learner, carry most of the accuracy;
 * - training needs no gradients, no partition function and no regularisation search: one pass over the
 *   data is a few seconds, so the two-stage model and its jackknifed first stage train in minutes on one core;
 * - averaging the weights gives most of a CRF's regularisation for free, and the model is one hashed weight
 *   table plus a 10x9 transition table, so tagging is a sum of cached per-word scores plus Viterbi.
 * Two stages (Ratinov and Roth): stage one tags with local features; stage two adds non-local features from
 * stage one's tags of the whole document (how other mentions of the same word were tagged).
 */
import { deflateSync, inflateSync } from "node:zlib";
import { TAG_COUNT } from "./tags.js";
import { viterbi } from "./decode.js";
import { FeatureExtractor, aggregate, type DocumentContext, type SentenceContext, type WordInfo } from "./features.js";
import { shuffleInPlace } from "../../random.js";

const L = TAG_COUNT;

/** One linear-chain stage: hashed emission weights (2^bits rows of L) and transitions ((L+1) x L). */
export interface StageWeights {
  bits: number;
  /** float while training; a loaded model keeps the stored int16 values (half the memory, fewer cache misses) */
  weights: Float32Array | Int16Array;
  /** what one unit of `weights` is worth: 1 for float weights, the quantisation step for int16 */
  scale?: number;
  trans: Float32Array;
}

export function emptyStage(bits: number): StageWeights {
  return { bits, weights: new Float32Array((1 << bits) * L), trans: new Float32Array((L + 1) * L) };
}

/**
 * A stage's weights as tagging reads them. The hashed table has 2^bits rows but a trained model fills only a
 * few percent of them (about 60,000 of 1,048,576): reading the full table (19 MB a stage) costs a cache miss
 * from main memory per feature. Packed, the non-zero rows sit together (already scaled to floats) behind a
 * small index (16-bit entries while fewer than 65,536 rows are used), a few MB that stay in cache; the
 * scores are the same as the full table's.
 */
export interface PackedStage {
  mask: number;
  /** hashed row -> packed row; 0 is the all-zero row */
  index: Uint16Array | Uint32Array;
  /** packed rows of L scores */
  rows: Float32Array;
  trans: Float32Array;
}

/** The hashed rows of a weight table with any non-zero score, in order. */
function usedRows(weights: ArrayLike<number>, bits: number): number[] {
  const used: number[] = [];
  for (let r = 0; r < 1 << bits; r++) {
    for (let y = 0; y < L; y++) {
      if (weights[r * L + y] !== 0) {
        used.push(r);
        break;
      }
    }
  }
  return used;
}

export function packStage(stage: StageWeights): PackedStage {
  const { weights, bits } = stage;
  const scale = stage.scale ?? 1;
  const used = usedRows(weights, bits);
  const index = used.length + 1 <= 0xffff ? new Uint16Array(1 << bits) : new Uint32Array(1 << bits);
  const rows = new Float32Array((used.length + 1) * L);
  used.forEach((r, k) => {
    index[r] = k + 1;
    for (let y = 0; y < L; y++) rows[(k + 1) * L + y] = weights[r * L + y] * scale;
  });
  return { mask: (1 << bits) - 1, index, rows, trans: stage.trans };
}

/** Tags documents with one or two stages; caches per-word-type scores for speed. */
export class StagedTagger {
  private readonly packed: PackedStage[];
  /** scores of each word type by its WordInfo id (ids are dense, so an array beats a Map) */
  private typeCache: (Float32Array | undefined)[] = [];
  private generation: number;
  private readonly boundary: Float32Array[];
  private em = new Float32Array(256 * L);
  private readonly buf: number[] = [];
  private readonly rows: Float32Array[] = [];

  constructor(
    readonly fx: FeatureExtractor,
    readonly stages: StageWeights[],
  ) {
    this.packed = stages.map(packStage);
    this.generation = fx.generation;
    this.boundary = (["<s>", "</s>"] as const).map((b) => this.typeScores(fx.boundary(b)));
  }

  /**
   * Per word type, for each stage, the score of it standing at offset -2..2 of the token tagged: 5 blocks of L
   * per stage, stage after stage, in one array (one allocation and one lookup per word type).
   */
  private typeScores(info: WordInfo): Float32Array {
    const out = new Float32Array(this.stages.length * 5 * L);
    const buf = this.buf;
    for (let stage = 0; stage < this.stages.length; stage++) {
      const packed = this.packed[stage];
      const at = stage * 5 * L;
      addPackedRows(packed, info.own, out, at + 2 * L);
      for (let k = -2; k <= 2; k++) {
        if (k === 0) continue;
        buf.length = 0;
        this.fx.neighbourFeatures(info, k, buf);
        addPackedRows(packed, buf, out, at + (k + 2) * L);
      }
    }
    return out;
  }

  private scoresOf(info: WordInfo): Float32Array {
    let hit = this.typeCache[info.id];
    if (hit === undefined) this.typeCache[info.id] = hit = this.typeScores(info);
    return hit;
  }

  /** Tag indexes per token of the whole document, sentence after sentence. */
  tagIndexes(doc: DocumentContext): Int32Array {
    if (this.generation !== this.fx.generation) {
      // the extractor emptied its word cache: ids now name other words
      this.typeCache = [];
      this.generation = this.fx.generation;
    }
    let total = 0;
    let longest = 0;
    for (const s of doc.sentences) {
      total += s.infos.length;
      longest = Math.max(longest, s.infos.length);
    }
    if (this.em.length < longest * L) this.em = new Float32Array(longest * L * 2);
    const em = this.em;
    const buf = this.buf;
    let tags = new Int32Array(total);
    for (let stage = 0; stage < this.stages.length; stage++) {
      const packed = this.packed[stage];
      const out = new Int32Array(total);
      const agg = stage > 0 ? aggregate(doc, tags) : null;
      let index = 0;
      for (const s of doc.sentences) {
        const n = s.infos.length;
        // each word type's blocks are looked up once per sentence position, not once per neighbour; the
        // boundary stand-ins fill two positions either side
        const rows = this.rows;
        rows.length = n + 4;
        rows[0] = rows[1] = this.boundary[0];
        rows[n + 2] = rows[n + 3] = this.boundary[1];
        for (let j = 0; j < n; j++) rows[j + 2] = this.scoresOf(s.infos[j]);
        const at = stage * 5 * L;
        for (let i = 0; i < n; i++) {
          buf.length = 0;
          this.fx.positionFeatures(doc, s, i, buf);
          if (agg) this.fx.stageTwoFeatures(s, i, tags, agg, index + i, buf);
          tokenScores(packed, rows, at, i, buf, em);
        }
        viterbi(n, em, packed.trans, out, index);
        index += n;
      }
      tags = out;
    }
    return tags;
  }
}

/**
 * Emission scores of token i into em[i*L..]: the blocks of the word types at offsets -2..2 (rows[i..i+4], the
 * sentence padded with two boundary stand-ins each side; this stage's blocks start at `at`) plus the packed
 * rows of its position features. For the nine BIO tags the sums are kept in locals (registers) and stored
 * once, about twice as fast as adding into the array; another tag count takes the plain loop.
 */
function tokenScores(stage: PackedStage, rows: Float32Array[], at: number, i: number, feats: readonly number[], em: Float32Array): void {
  const base = i * L;
  if (L !== 9) {
    em.fill(0, base, base + L);
    for (let k = 0; k < 5; k++) {
      const b = rows[i + k];
      for (let y = 0; y < L; y++) em[base + y] += b[at + k * L + y];
    }
    addPackedRows(stage, feats, em, base);
    return;
  }
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
  for (let k = 0; k < 5; k++) {
    const b = rows[i + k];
    const o = at + k * 9;
    s0 += b[o]; s1 += b[o + 1]; s2 += b[o + 2]; s3 += b[o + 3]; s4 += b[o + 4];
    s5 += b[o + 5]; s6 += b[o + 6]; s7 += b[o + 7]; s8 += b[o + 8];
  }
  const { mask, index, rows: packed } = stage;
  for (let f = 0; f < feats.length; f++) {
    const r = index[feats[f] & mask];
    if (r === 0) continue;
    const o = r * 9;
    s0 += packed[o]; s1 += packed[o + 1]; s2 += packed[o + 2]; s3 += packed[o + 3]; s4 += packed[o + 4];
    s5 += packed[o + 5]; s6 += packed[o + 6]; s7 += packed[o + 7]; s8 += packed[o + 8];
  }
  em[base] = s0; em[base + 1] = s1; em[base + 2] = s2; em[base + 3] = s3; em[base + 4] = s4;
  em[base + 5] = s5; em[base + 6] = s6; em[base + 7] = s7; em[base + 8] = s8;
}

/** Adds the packed rows of feature hashes `feats` to `out[base..base + L)`; rows of unused hashes are zero and skipped. */
function addPackedRows(stage: PackedStage, feats: ArrayLike<number>, out: Float32Array, base: number): void {
  const { mask, index, rows } = stage;
  for (let f = 0; f < feats.length; f++) {
    const r = index[feats[f] & mask];
    if (r === 0) continue;
    const at = r * L;
    for (let y = 0; y < L; y++) out[base + y] += rows[at + y];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Training

/** Precomputed feature rows of a set of sentences: token t has rows feats[offsets[t]..offsets[t+1]). */
export interface FeatureSet {
  feats: Int32Array;
  offsets: Int32Array;
  /** token range of each sentence */
  sentenceStart: Int32Array;
  gold: Int32Array;
}

export class FeatureSetBuilder {
  private feats: number[] = [];
  private offsets: number[] = [0];
  private starts: number[] = [];
  private gold: number[] = [];
  constructor(private readonly bits: number) {}

  /** Adds one sentence: per token its feature hashes and gold tag index. */
  addSentence(tokens: { hashes: readonly number[]; gold: number }[]): void {
    const mask = (1 << this.bits) - 1;
    this.starts.push(this.gold.length);
    for (const t of tokens) {
      for (const h of t.hashes) this.feats.push(h & mask);
      this.offsets.push(this.feats.length);
      this.gold.push(t.gold);
    }
  }

  build(): FeatureSet {
    this.starts.push(this.gold.length);
    return { feats: Int32Array.from(this.feats), offsets: Int32Array.from(this.offsets), sentenceStart: Int32Array.from(this.starts), gold: Int32Array.from(this.gold) };
  }
}


/** Averaged structured perceptron over one FeatureSet (Daumé's trick: w - u/c gives the average). */
export class PerceptronTrainer {
  readonly w: Float32Array;
  private readonly u: Float32Array;
  readonly t: Float32Array;
  private readonly tu: Float32Array;
  private c = 1;

  constructor(readonly bits: number) {
    this.w = new Float32Array((1 << bits) * L);
    this.u = new Float32Array((1 << bits) * L);
    this.t = new Float32Array((L + 1) * L);
    this.tu = new Float32Array((L + 1) * L);
  }

  /** One pass in a shuffled order; returns the number of sentences with a mistake. */
  epoch(data: FeatureSet, random: () => number): number {
    const nSent = data.sentenceStart.length - 1;
    const order = Array.from({ length: nSent }, (_, i) => i);
    shuffleInPlace(order, random);
    let mistakes = 0;
    const { feats, offsets, gold } = data;
    for (const s of order) {
      const a = data.sentenceStart[s];
      const n = data.sentenceStart[s + 1] - a;
      if (n === 0) continue;
      const em = new Float32Array(n * L);
      for (let i = 0; i < n; i++) {
        const base = i * L;
        for (let f = offsets[a + i]; f < offsets[a + i + 1]; f++) {
          const row = feats[f] * L;
          for (let y = 0; y < L; y++) em[base + y] += this.w[row + y];
        }
      }
      const pred = new Int32Array(n);
      viterbi(n, em, this.t, pred);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = gold[a + i];
        const p = pred[i];
        const gPrev = i === 0 ? L : gold[a + i - 1];
        const pPrev = i === 0 ? L : pred[i - 1];
        if (g !== p) {
          wrong = true;
          for (let f = offsets[a + i]; f < offsets[a + i + 1]; f++) {
            const row = feats[f] * L;
            this.w[row + g] += 1;
            this.u[row + g] += this.c;
            this.w[row + p] -= 1;
            this.u[row + p] -= this.c;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          this.t[gPrev * L + g] += 1;
          this.tu[gPrev * L + g] += this.c;
          this.t[pPrev * L + p] -= 1;
          this.tu[pPrev * L + p] -= this.c;
        }
      }
      if (wrong) mistakes++;
      this.c++;
    }
    return mistakes;
  }

  /** The averaged weights as they stand now (training can go on). */
  averaged(): StageWeights {
    const weights = new Float32Array(this.w.length);
    const inv = 1 / this.c;
    for (let i = 0; i < weights.length; i++) weights[i] = this.w[i] - this.u[i] * inv;
    const trans = new Float32Array(this.t.length);
    for (let i = 0; i < trans.length; i++) trans[i] = this.t[i] - this.tu[i] * inv;
    return { bits: this.bits, weights, trans };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Serialisation: one binary file, deflated: a JSON header line, then per stage its transitions as float32, the
// numbers of its used rows (uint32) and those rows' weights as int16 with a per-stage scale (the quantisation
// error is far below the weights' own noise). Only the used rows (about 6% of the hashed table) are stored,
// so the file inflates in milliseconds. Format 1 stored the whole table; it is still read.

export interface SerializedHeader {
  format: "sitrep-ner/1" | "sitrep-ner/2";
  tags: readonly string[];
  /** rows: used rows stored (format 2) */
  stages: { bits: number; scale: number; rows?: number }[];
  meta: Record<string, unknown>;
}

function quantised(s: StageWeights): { q: Int16Array; scale: number } {
  if (s.weights instanceof Int16Array) return { q: s.weights, scale: s.scale ?? 1 }; // a loaded model saved again
  let max = 0;
  for (const v of s.weights) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(s.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(s.weights[i] / scale);
  return { q, scale };
}

export function serializeStages(stages: StageWeights[], tags: readonly string[], meta: Record<string, unknown>): Buffer {
  const parts: Buffer[] = [];
  const header: SerializedHeader = { format: "sitrep-ner/2", tags, stages: [], meta };
  for (const s of stages) {
    const { q, scale } = quantised(s);
    const used = usedRows(q, s.bits);
    const rows = new Int16Array(used.length * L);
    used.forEach((r, k) => rows.set(q.subarray(r * L, r * L + L), k * L));
    header.stages.push({ bits: s.bits, scale, rows: used.length });
    parts.push(Buffer.from(new Float32Array(s.trans).buffer), Buffer.from(Uint32Array.from(used).buffer), Buffer.from(rows.buffer));
  }
  const head = Buffer.from(JSON.stringify(header) + "\n", "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  return deflateSync(Buffer.concat([len, head, ...parts]), { level: 9 });
}

export function deserializeStages(data: Buffer): { header: SerializedHeader; stages: StageWeights[] } {
  const raw = inflateSync(data);
  const headLen = raw.readUInt32LE(0);
  const header = JSON.parse(raw.subarray(4, 4 + headLen).toString("utf8")) as SerializedHeader;
  if (header.format !== "sitrep-ner/1" && header.format !== "sitrep-ner/2") throw new Error(`unknown model format ${String(header.format)}`);
  let pos = 4 + headLen;
  // copies, so the typed arrays are aligned whatever the header's length
  const take = (bytes: number): ArrayBuffer => {
    if (pos + bytes > raw.length) throw new Error("the file ends inside the weights");
    const out = raw.buffer.slice(raw.byteOffset + pos, raw.byteOffset + pos + bytes);
    pos += bytes;
    return out;
  };
  const stages: StageWeights[] = [];
  const tn = (L + 1) * L;
  for (const h of header.stages) {
    const n = (1 << h.bits) * L;
    if (header.format === "sitrep-ner/1") {
      const q = new Int16Array(take(n * 2));
      const trans = new Float32Array(take(tn * 4));
      stages.push({ bits: h.bits, weights: q, scale: h.scale, trans });
      continue;
    }
    const trans = new Float32Array(take(tn * 4));
    const used = new Uint32Array(take((h.rows ?? 0) * 4));
    const rows = new Int16Array(take((h.rows ?? 0) * L * 2));
    const q = new Int16Array(n);
    for (let k = 0; k < used.length; k++) q.set(rows.subarray(k * L, k * L + L), used[k] * L);
    stages.push({ bits: h.bits, weights: q, scale: h.scale, trans });
  }
  return { header, stages };
}
