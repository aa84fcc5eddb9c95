/**
 * `npm run train:incidents`: reproduces models/incidents/matcher.json, the incident matcher's weights, from pairs
 * of articles: ECB+ topics 1-22 in ../shared/corpora/ecbplus (same sub-topic = same happening) and our
 * examples/stories. The decision threshold and the clustering's linkage are chosen on held-out figures (each ECB+
 * topic merged by a model trained without it; each half of the stories by one trained without that half), then the
 * final model is fitted on all.
 * Options: --corpora DIR, --out FILE, --seed N, --epochs N, --l2 X (the L2 penalty, default 0.01).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fromRoot } from "../src/paths.js";
import { createPipeline } from "../src/pipeline.js";
import { DEFAULT_LINKAGE, DEFAULT_TRAIN_OPTIONS, MATCHER_MODEL_PATH, type Linkage } from "../src/incidents/matcher/model.js";
import { fitMatcher, foldModels, withLinkage, type MatcherTraining } from "../src/incidents/matcher/train.js";
import { heldOutScores, loadEcbPlus, loadStories, type HeldOutScores } from "../eval/incidents.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The candidate thresholds on the raw probability. */
const THRESHOLDS = [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.97];
/**
 * The candidate linkages (see `Linkage`): the untuned one first, then doubts that weigh less against a merge than a
 * contradiction. Chosen with the threshold, by the same held-out figures.
 */
const LINKAGES: Linkage[] = [DEFAULT_LINKAGE, { doubt: 1.5, contradiction: 2 }, { doubt: 1, contradiction: 2 }, { doubt: 0.5, contradiction: 2 }, { doubt: 0.5, contradiction: 3 }];
/** The pairwise precision a merge must keep, on held-out ECB+ topics and on our stories. */
const MIN_PRECISION = 0.95;
/**
 * Our stories are the news the matcher serves (dated, placed conflict reports); ECB+ pairs outnumber them about a
 * hundred to one, so each story pair counts this many times.
 */
const STORY_PAIR_WEIGHT = 20;

/**
 * Precision first: where both held-out precisions reach MIN_PRECISION, the most ECB+ recall (then story F1);
 * otherwise the highest of the two precisions' minimum, then the most recall.
 */
function objective(s: HeldOutScores): number[] {
  const floor = Math.min(s.ecbWithEvents.p, s.stories.p);
  return floor >= MIN_PRECISION ? [1, s.ecbWithEvents.r, s.stories.f1] : [0, floor, s.ecbWithEvents.r + s.stories.f1];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${line}`);
  const corpora = arg("corpora") ?? fromRoot("..", "shared", "corpora");
  const out = arg("out") ?? MATCHER_MODEL_PATH;
  const train = { ...DEFAULT_TRAIN_OPTIONS, seed: Number(arg("seed") ?? DEFAULT_TRAIN_OPTIONS.seed), epochs: Number(arg("epochs") ?? DEFAULT_TRAIN_OPTIONS.epochs), l2: Number(arg("l2") ?? DEFAULT_TRAIN_OPTIONS.l2) };
  const pipeline = createPipeline();
  const ecb = loadEcbPlus(join(corpora, "ecbplus"), pipeline);
  const stories = loadStories(fromRoot("examples", "stories"), pipeline);
  log(`ECB+ ${ecb.articles.length} documents in ${ecb.topics} topics, stories ${stories.articles.length} articles`);

  let best: { training: MatcherTraining; scores: HeldOutScores; value: number[] } | null = null;
  const f = (s: { p: number; r: number; f1: number }) => `p=${s.p.toFixed(3)} r=${s.r.toFixed(3)} f1=${s.f1.toFixed(3)}`;
  for (const threshold of THRESHOLDS) {
    // The fold models' weights depend on the threshold only: trained once, then clustered with each linkage.
    const models = foldModels([...ecb.articles, ...stories.articles], { train, corpusWeights: { stories: STORY_PAIR_WEIGHT }, threshold });
    for (const linkage of LINKAGES) {
      const training: MatcherTraining = { train, corpusWeights: { stories: STORY_PAIR_WEIGHT }, threshold, linkage };
      const scores = heldOutScores(ecb.articles, stories.articles, training, withLinkage(models, linkage));
      const value = objective(scores);
      log(`threshold ${threshold}, doubt ${linkage.doubt}, contradiction ${linkage.contradiction}: held-out ECB+ (with events) ${f(scores.ecbWithEvents)}; all docs ${f(scores.ecbAll)}; stories ${f(scores.stories)}`);
      if (!best || better(value, best.value)) best = { training, scores, value };
    }
  }
  const chosen = best!;
  const round = (s: { p: number; r: number; f1: number; n: number }) => ({ p: +s.p.toFixed(3), r: +s.r.toFixed(3), f1: +s.f1.toFixed(3), n: s.n });
  const model = fitMatcher([...ecb.articles, ...stories.articles], chosen.training, {
    training: chosen.training,
    trainedOn: "ECB+ topics 1-22 (../shared/corpora/ecbplus) and examples/stories: pairs of lede events within a topic",
    heldOut: { ecbWithEvents: round(chosen.scores.ecbWithEvents), ecbAll: round(chosen.scores.ecbAll), stories: round(chosen.scores.stories) },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(model, null, 1)}\n`);
  log(`threshold ${chosen.training.threshold}, linkage ${JSON.stringify(model.linkage)}; ${Object.keys(model.weights).length} weights; saved to ${out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
