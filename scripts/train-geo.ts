/**
 * `npm run train:geo`: trains the place ranker (src/resolve/geo/ranker.ts) on the GeoWebNews development half
 * and writes models/geo/ranker.json. Deterministic (fixed seeds). Training runs in rounds (`trainInRounds` in
 * eval/geo.ts): the decisions depend on the context the model helps build.
 * Besides the articles' decisions, the gazetteer's own: areas named like a town of theirs, read with a cue word, and towns read inside their own province.
 * Options: --corpora DIR (default ../shared/corpora), --rounds N (2).
 * The held-out figure is `sitrep eval geo <GWN.xml> --cv 5`, never the figure on the articles trained on.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseGeoXml, trainInRounds } from "../eval/geo.js";
import { fromRoot } from "../src/paths.js";
import { RANKER_FILE, rankerJson } from "../src/resolve/geo/ranker.js";

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpora = arg("corpora") ?? fromRoot("../shared/corpora");
const rounds = Number(arg("rounds") ?? 2);

const file = join(corpora, "geowebnews", "GWN.xml");
const { articles } = parseGeoXml(readFileSync(file, "utf8"), "GWN.xml");
const model = trainInRounds(articles, rounds, (line) => console.error(line));
model.meta = { ...model.meta, corpus: "geowebnews/GWN.xml" };
mkdirSync(dirname(fromRoot(RANKER_FILE)), { recursive: true });
writeFileSync(fromRoot(RANKER_FILE), rankerJson(model));
console.error(`wrote ${RANKER_FILE}`);
