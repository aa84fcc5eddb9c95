/**
 * `npm run train:geo`: trains the place ranker (src/resolve/geo/ranker.ts) on the GeoWebNews development half
 * and writes models/geo/ranker.json. Deterministic for a seed. The decisions depend on the article context the
 * model itself helps to build (the first pass's countries), so training runs in rounds: the first from a model
 * of zero weights (the biggest reading wins every tie), each later one from the previous round's model.
 * Besides the articles' decisions, the gazetteer's own: areas named like a town of theirs, read with a cue word, and towns read inside their own province.
 * Options: --corpora DIR (default ../shared/corpora), --rounds N (2), --epochs N, --seed N.
 * The held-out figure is `sitrep eval geo <GWN.xml> --cv 5`, never the figure on the articles trained on.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { gazetteerInstances, parseGeoXml, rankingInstances } from "../eval/geo.js";
import { fromRoot } from "../src/paths.js";
import { FEATURE_NAMES } from "../src/resolve/geo/features.js";
import { DEFAULT_TRAIN_OPTIONS, RANKER_FILE, rankerJson, trainRanker, useRankerModel } from "../src/resolve/geo/ranker.js";

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpora = arg("corpora") ?? fromRoot("../shared/corpora");
const rounds = Number(arg("rounds") ?? 2);
const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: Number(arg("epochs") ?? DEFAULT_TRAIN_OPTIONS.epochs), seed: Number(arg("seed") ?? DEFAULT_TRAIN_OPTIONS.seed) };

const file = join(corpora, "geowebnews", "GWN.xml");
const { articles } = parseGeoXml(readFileSync(file, "utf8"), "GWN.xml");
useRankerModel({ weights: new Float64Array(FEATURE_NAMES.length), meta: {} });
let model;
for (let round = 1; round <= rounds; round++) {
  const instances = [...rankingInstances(articles), ...gazetteerInstances()];
  model = trainRanker(instances, options);
  model.meta = { ...model.meta, round, articles: articles.length, corpus: "geowebnews/GWN.xml" };
  useRankerModel(model);
  console.error(`round ${round}: ${instances.length} decisions from ${articles.length} articles`);
}
mkdirSync(dirname(fromRoot(RANKER_FILE)), { recursive: true });
writeFileSync(fromRoot(RANKER_FILE), rankerJson(model!));
console.error(`wrote ${RANKER_FILE}`);
