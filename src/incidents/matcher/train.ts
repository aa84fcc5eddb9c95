/**
 * Training data for the matcher and held-out scoring: articles with a gold happening, their lede events paired
 * within a block (an ECB+ topic; all of our stories), folds that keep a topic (or a story and its near misses)
 * whole, so every figure can be read on articles the model never saw.
 */
import type { Report } from "../../report.js";
import { ledeEvent, profileEvent, type EventProfile } from "../profile.js";
import { pairFeatures } from "./features.js";
import { DEFAULT_LINKAGE, trainMatcher, type Linkage, type MatcherModel, type PairExample, type TrainOptions } from "./model.js";

export interface GoldArticle {
  report: Report;
  /** articles with the same gold id report one happening */
  gold: string;
  /** only articles of one block are compared (an ECB+ topic) */
  block: string;
  /** the cross-validation fold the article is held out in */
  fold: string;
  /** the corpus it comes from, for per-corpus example weights */
  corpus: string;
}

/**
 * One example per pair of lede events within a block, labelled by whether the articles' gold happenings are the
 * same. Pairs a contradiction rules out never reach the model and are left out.
 */
export function ledePairs(articles: GoldArticle[], weights: Record<string, number> = {}): PairExample[] {
  const ledes: { article: GoldArticle; profile: EventProfile }[] = [];
  for (const article of articles) {
    const lede = ledeEvent(article.report);
    if (lede) ledes.push({ article, profile: profileEvent(article.report, lede) });
  }
  const examples: PairExample[] = [];
  for (let i = 0; i < ledes.length; i++) {
    for (let j = i + 1; j < ledes.length; j++) {
      const a = ledes[i];
      const b = ledes[j];
      if (a.article.block !== b.article.block) continue;
      const pair = pairFeatures(a.profile, b.profile);
      if (pair.veto) continue;
      examples.push({
        features: pair.parts.flatMap((p) => p.features),
        label: a.article.gold === b.article.gold ? 1 : 0,
        weight: weights[a.article.corpus] ?? 1,
      });
    }
  }
  return examples;
}

export interface MatcherTraining {
  train: TrainOptions;
  /** example weight per corpus (a pair takes its first article's corpus); 1 when not listed */
  corpusWeights: Record<string, number>;
  /** the raw probability at or above which a pair merges, folded into the bias */
  threshold: number;
  /** how clustering weighs pairs that do not match; DEFAULT_LINKAGE when absent */
  linkage?: Linkage;
}

const logit = (p: number) => Math.log(p / (1 - p));

/** A model trained on the given articles, its decision threshold folded into the bias. */
export function fitMatcher(articles: GoldArticle[], training: MatcherTraining, meta: Record<string, unknown> = {}): MatcherModel {
  const examples = ledePairs(articles, training.corpusWeights);
  const { bias, weights } = trainMatcher(examples, training.train);
  return {
    format: "sitrep-incident-matcher/1",
    bias: Math.round((bias - logit(training.threshold)) * 10000) / 10000,
    weights,
    linkage: training.linkage ?? DEFAULT_LINKAGE,
    meta: { ...meta, threshold: training.threshold, examples: examples.length, positives: examples.filter((e) => e.label === 1).length },
  };
}

/**
 * For each fold, the model trained on every other fold's articles. The linkage is not learned from pairs: the
 * models of one threshold differ only in it (see `withLinkage`).
 */
export function foldModels(articles: GoldArticle[], training: MatcherTraining): Map<string, MatcherModel> {
  const folds = [...new Set(articles.map((a) => a.fold))].sort();
  return new Map(folds.map((fold) => [fold, fitMatcher(articles.filter((a) => a.fold !== fold), training, { heldOut: fold })]));
}

/** The same models clustering with another linkage (their weights do not depend on it). */
export function withLinkage(models: Map<string, MatcherModel>, linkage: Linkage): Map<string, MatcherModel> {
  return new Map([...models].map(([fold, model]) => [fold, { ...model, linkage }]));
}
