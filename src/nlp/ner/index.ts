/**
 * sitrep's named-entity tagger: a two-stage averaged perceptron over hashed features (see model.ts for why),
 * trained by `npm run train:ner` on CoNLL-2003 and shipped in models/ner/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SitrepError } from "../../errors.js";
import { fromRoot } from "../../paths.js";
import { ClusterTable } from "../clusters/index.js";
import { FeatureExtractor, aggregate } from "./features.js";
import { Gazetteer } from "./gazetteer.js";
import {
  FeatureSetBuilder, PerceptronTrainer, StagedTagger, deserializeStages, serializeStages,
  type FeatureSet, type StageWeights,
} from "./model.js";
import { TAGS, TAG_COUNT, bioSpans, tagIndex, toBio, type NerLabel } from "./tags.js";
import { seededRandom } from "../../random.js";

export type { NerLabel } from "./tags.js";
export { NER_LABELS, TAGS, toBio, bioSpans } from "./tags.js";
export { Gazetteer } from "./gazetteer.js";
export { ClusterTable } from "../clusters/index.js";

export interface NerSpanTokens {
  startToken: number;
  /** exclusive */
  endToken: number;
  label: NerLabel;
  /** reserved for a confidence; the Viterbi tagger gives no calibrated one yet, so it is always 1 */
  score: number;
}

export interface NerTagger {
  /** tags one document: sentences of word strings; returns BIO tags per token ("B-PER", "I-ORG", "O") */
  tagDocument(sentences: string[][]): string[][];
  /** the same as entity spans per sentence */
  spans(sentences: string[][]): NerSpanTokens[][];
}

export interface NerTrainingSentence {
  words: string[];
  /** IOB1, IOB2/BIO: converted to BIO */
  tags: string[];
}

export interface NerTrainingData {
  /** documents, each a list of sentences (document-level features look across a document) */
  sentences: NerTrainingSentence[][];
}

export interface NerTrainOptions {
  epochs: number;
  seed: number;
  /** 1: local features only; 2 (default): add the non-local second stage */
  stages?: 1 | 2;
  /** epochs of the second stage (default: epochs) */
  stageTwoEpochs?: number;
  /** folds for the first-stage predictions the second stage learns from (default 4) */
  folds?: number;
  /** log2 of the hashed weight rows (default 20) */
  bits?: number;
  clusters?: ClusterTable;
  gazetteer?: Gazetteer;
  /** called after each epoch of the full-data stages with the model as it stands; return a score to keep the best epoch */
  select?: (model: NerModel, stage: number, epoch: number) => number;
  log?: (line: string) => void;
}

/** A trained model: weights of its stages plus the resources its features read. */
export class NerModel implements NerTagger {
  private tagger: StagedTagger;
  private readonly fx: FeatureExtractor;

  constructor(
    readonly stages: StageWeights[],
    readonly clusters: ClusterTable,
    readonly gazetteer: Gazetteer,
    readonly meta: Record<string, unknown> = {},
    /** word types whose features and scores are kept (the cache is emptied between documents when full) */
    cacheLimit?: number,
  ) {
    this.fx = new FeatureExtractor(clusters, gazetteer, cacheLimit);
    this.tagger = new StagedTagger(this.fx, stages);
  }

  tagDocument(sentences: string[][]): string[][] {
    const tags = this.tagger.tagIndexes(this.fx.document(sentences));
    let k = 0;
    return sentences.map((s) => s.map(() => TAGS[tags[k++]]));
  }

  spans(sentences: string[][]): NerSpanTokens[][] {
    return this.tagDocument(sentences).map((tags) =>
      bioSpans(tags).map((s) => ({ startToken: s.start, endToken: s.end, label: s.label as NerLabel, score: 1 })),
    );
  }

  /** Writes model.bin, clusters.tsv and gazetteer.tsv into `dir`. */
  save(dir: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "model.bin"), serializeStages(this.stages, TAGS, this.meta));
    writeFileSync(join(dir, "clusters.tsv"), this.clusters.toTsv());
    writeFileSync(join(dir, "gazetteer.tsv"), this.gazetteer.toTsv());
  }

  static load(dir: string): NerModel {
    const file = join(dir, "model.bin");
    if (!existsSync(file)) {
      throw new SitrepError("SITREP_MODEL_INVALID", `no NER model at ${file}: run \`npm run train:ner\` to train one`);
    }
    let parsed: ReturnType<typeof deserializeStages>;
    try {
      parsed = deserializeStages(readFileSync(file));
    } catch (e) {
      throw new SitrepError("SITREP_MODEL_INVALID", `${file}: not a sitrep NER model (${(e as Error).message})`);
    }
    if (parsed.header.tags.join(" ") !== TAGS.join(" ")) {
      throw new SitrepError("SITREP_MODEL_INVALID", `${file}: tag set ${parsed.header.tags.join(" ")} differs from ${TAGS.join(" ")}`);
    }
    const clusters = existsSync(join(dir, "clusters.tsv")) ? ClusterTable.loadShared(join(dir, "clusters.tsv")) : ClusterTable.empty();
    const gazetteer = existsSync(join(dir, "gazetteer.tsv")) ? Gazetteer.load(join(dir, "gazetteer.tsv")) : Gazetteer.empty();
    return new NerModel(parsed.stages, clusters, gazetteer, parsed.header.meta);
  }
}

const loaded = new Map<string, NerModel>();

/** The shipped model (models/ner/) or the one in `path`; loaded once per path. */
export function loadNerTagger(path?: string): NerTagger {
  const dir = path ?? fromRoot("models", "ner");
  let model = loaded.get(dir);
  if (!model) {
    model = NerModel.load(dir);
    loaded.set(dir, model);
  }
  return model;
}

// ---------------------------------------------------------------------------------------------------------
// Training

function goldIndexes(s: NerTrainingSentence): number[] {
  if (s.tags.length !== s.words.length) throw new Error(`sentence has ${s.words.length} words but ${s.tags.length} tags`);
  return toBio(s.tags).map(tagIndex);
}

/** Feature rows of documents; with `firstStage` (tag indexes per document) the second-stage features too. */
export function buildFeatureSet(fx: FeatureExtractor, docs: NerTrainingSentence[][], bits: number, firstStage?: Int32Array[]): FeatureSet {
  const builder = new FeatureSetBuilder(bits);
  docs.forEach((doc, d) => {
    const ctx = fx.document(doc.map((s) => s.words));
    const tags = firstStage?.[d];
    const agg = tags ? aggregate(ctx, tags) : null;
    let index = 0;
    ctx.sentences.forEach((s, k) => {
      const gold = goldIndexes(doc[k]);
      const tokens = s.infos.map((_, i) => {
        const hashes: number[] = [];
        fx.typeFeatures(s, i, hashes);
        fx.positionFeatures(ctx, s, i, hashes);
        if (tags && agg) fx.stageTwoFeatures(s, i, tags, agg, index + i, hashes);
        return { hashes, gold: gold[i] };
      });
      builder.addSentence(tokens);
      index += s.infos.length;
    });
  });
  return builder.build();
}

function trainStage(
  data: FeatureSet,
  bits: number,
  epochs: number,
  random: () => number,
  onEpoch?: (weights: StageWeights, epoch: number) => number,
  log?: (line: string) => void,
): StageWeights {
  const trainer = new PerceptronTrainer(bits);
  let best: StageWeights | null = null;
  let bestScore = -Infinity;
  for (let e = 1; e <= epochs; e++) {
    const mistakes = trainer.epoch(data, random);
    if (onEpoch) {
      const w = trainer.averaged();
      const score = onEpoch(w, e);
      log?.(`  epoch ${e}: ${mistakes} sentences wrong, dev ${score.toFixed(4)}`);
      if (score > bestScore) {
        bestScore = score;
        best = w;
      }
    } else log?.(`  epoch ${e}: ${mistakes} sentences wrong`);
  }
  return best ?? trainer.averaged();
}

/** Trains a model on documents of tagged sentences (IOB1 or BIO). Deterministic for a given seed. */
export function trainNerTagger(data: NerTrainingData, options: NerTrainOptions): NerModel {
  const bits = options.bits ?? 20;
  const clusters = options.clusters ?? ClusterTable.empty();
  const gazetteer = options.gazetteer ?? Gazetteer.empty();
  const fx = new FeatureExtractor(clusters, gazetteer);
  const random = seededRandom(options.seed);
  const log = options.log;
  const docs = data.sentences;
  const nStages = options.stages ?? 2;
  const meta = { epochs: options.epochs, seed: options.seed, bits, trainedOn: docs.length };

  log?.("stage 1: features");
  const set1 = buildFeatureSet(fx, docs, bits);
  let bestEpoch1 = options.epochs;
  let bestScore1 = -Infinity;
  const select = options.select;
  const stage1 = trainStage(set1, bits, options.epochs, random, select ? (w, e) => {
    const score = select(new NerModel([w], clusters, gazetteer, meta), 0, e);
    if (score > bestScore1) {
      bestScore1 = score;
      bestEpoch1 = e;
    }
    return score;
  } : undefined, log);
  if (nStages === 1) return new NerModel([stage1], clusters, gazetteer, { ...meta, epochsUsed: [bestEpoch1] });

  // First-stage tags of each training document from a model that never saw it (jackknife), so that the
  // second stage learns how far to trust them.
  const folds = Math.max(2, options.folds ?? 4);
  const firstStage: Int32Array[] = new Array(docs.length);
  for (let f = 0; f < folds; f++) {
    log?.(`stage 1, fold ${f + 1}/${folds}`);
    const trainDocs = docs.filter((_, d) => d % folds !== f);
    const w = trainStage(buildFeatureSet(fx, trainDocs, bits), bits, bestEpoch1, random, undefined, log);
    const tagger = new StagedTagger(fx, [w]);
    docs.forEach((doc, d) => {
      if (d % folds === f) firstStage[d] = tagger.tagIndexes(fx.document(doc.map((s) => s.words)));
    });
  }
  log?.("stage 2: features");
  const set2 = buildFeatureSet(fx, docs, bits, firstStage);
  let bestEpoch2 = options.stageTwoEpochs ?? options.epochs;
  let bestScore2 = -Infinity;
  const stage2 = trainStage(set2, bits, options.stageTwoEpochs ?? options.epochs, random, select ? (w, e) => {
    const score = select(new NerModel([stage1, w], clusters, gazetteer, meta), 1, e);
    if (score > bestScore2) {
      bestScore2 = score;
      bestEpoch2 = e;
    }
    return score;
  } : undefined, log);
  return new NerModel([stage1, stage2], clusters, gazetteer, { ...meta, epochsUsed: [bestEpoch1, bestEpoch2] });
}

export const NER_TAG_COUNT = TAG_COUNT;
