/**
 * `npm run train:counts`: the counting model (models/frames/counts.json) from GVDB's per-victim outcomes
 * (../shared/corpora/gvdb/dev.tsv: killed = victims marked killed, injured = the others marked injured or
 * hospitalized). Each article is read by the pipeline without a counting model; the article's main violent frame
 * (the most mentions) gives one ranking example per outcome: its candidate figures, the gold among them (articles
 * whose gold is no candidate are left out of training, and count as misses in the figures). Five folds by article
 * give the held-out exact accuracy, beside that of the numbered phrases alone; the model kept is trained on all.
 * Options: --corpora DIR, --epochs N (10), --seed N (33), --out FILE.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createPipeline } from "../src/pipeline.js";
import { fromRoot } from "../src/paths.js";
import { readGvdb } from "../eval/casualties.js";
import { eventFrames } from "../src/extract/events.js";
import type { Frame } from "../src/extract/frames/features.js";
import { candidateCounts, countEvidence, countFeatures, sentenceFrames, type CountEvidence, type Outcome } from "../src/extract/frames/counts.js";
import { scoreFeatures, trainRanker, useCountModel, type LinearModel, type RankingExample } from "../src/extract/frames/model.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Item {
  evidence: Record<Outcome, CountEvidence> | null;
  /** what the numbered phrases alone give */
  numbered: Record<Outcome, number>;
  gold: Record<Outcome, number>;
}

const OUTCOMES: Outcome[] = ["killed", "injured"];

/** Injured is read knowing the killed figure (the gold one in training, the predicted one when scoring). */
function example(item: Item, outcome: Outcome): RankingExample | null {
  if (!item.evidence) return null;
  const e = item.evidence[outcome];
  const killed = outcome === "injured" ? item.gold.killed : 0;
  const candidates = candidateCounts(e, killed);
  const gold = candidates.indexOf(item.gold[outcome]);
  if (gold < 0) return null;
  return { candidates: candidates.map((v) => countFeatures(outcome, e, v, killed)), gold };
}

function predict(model: LinearModel, item: Item, outcome: Outcome): number {
  if (!item.evidence) return 0;
  const e = item.evidence[outcome];
  const killed = outcome === "injured" ? predict(model, item, "killed") : 0;
  let best = { v: 0, s: -Infinity };
  for (const v of candidateCounts(e, killed)) {
    const s = scoreFeatures(model, countFeatures(outcome, e, v, killed));
    if (s > best.s) best = { v, s };
  }
  return best.v;
}

async function main(): Promise<void> {
  const corpora = arg("corpora") ?? fromRoot("..", "shared", "corpora");
  const epochs = Number(arg("epochs") ?? 10);
  const seed = Number(arg("seed") ?? 33);
  const out = arg("out") ?? fromRoot("models", "frames", "counts.json");
  const file = join(corpora, "gvdb", "dev.tsv");
  const { articles } = readGvdb(readFileSync(file, "utf8"), file);
  useCountModel(null);
  const pipeline = createPipeline();
  const items: Item[] = articles.map((a) => {
    const doc = pipeline.run({ text: a.text });
    const frames = eventFrames(doc);
    const counted = (f: Frame) => f.event.type === "ASSAULT" && !f.event.negated && !f.event.hypothetical;
    const records = frames.filter((f) => counted(f) && !f.event.background && !f.event.generic);
    const main = records.reduce<Frame | null>((best, f) => (!best || f.mentions.length > best.mentions.length ? f : best), null);
    const evidence = main ? countEvidence(doc, frames, sentenceFrames(doc, frames, counted)).get(main) ?? null : null;
    return {
      evidence,
      numbered: { killed: main?.event.casualties?.killed?.best ?? 0, injured: main?.event.casualties?.injured?.best ?? 0 },
      gold: { killed: a.killed, injured: a.injured },
    };
  });
  const folds = 5;
  const hits = { killed: 0, injured: 0 };
  const base = { killed: 0, injured: 0 };
  for (let k = 0; k < folds; k++) {
    const train = items.filter((_, i) => i % folds !== k);
    const test = items.filter((_, i) => i % folds === k);
    const weights = trainRanker(OUTCOMES.flatMap((o) => train.map((it) => example(it, o))).filter((x): x is RankingExample => !!x), { epochs, seed });
    const model = { about: "fold", weights };
    for (const it of test) {
      for (const o of OUTCOMES) {
        if (predict(model, it, o) === it.gold[o]) hits[o]++;
        if (it.numbered[o] === it.gold[o]) base[o]++;
      }
    }
  }
  const n = items.length;
  const held = `held out (5 folds by article, ${n} articles, main frame): killed exact ${(hits.killed / n).toFixed(3)}, injured exact ${(hits.injured / n).toFixed(3)}; numbered phrases alone: killed ${(base.killed / n).toFixed(3)}, injured ${(base.injured / n).toFixed(3)}`;
  console.log(held);
  const examples = OUTCOMES.flatMap((o) => items.map((it) => example(it, o))).filter((x): x is RankingExample => !!x);
  const weights = trainRanker(examples, { epochs, seed });
  const model: LinearModel = { about: `averaged ranking perceptron, ${epochs} epochs, seed ${seed}, ${examples.length} examples from GVDB dev.tsv; ${held}`, weights };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(model, null, 1) + "\n");
  console.log(`wrote ${out}: ${Object.keys(weights).length} weights`);
}

await main();
