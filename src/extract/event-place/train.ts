/**
 * `npm run train:event-place`: trains models/event-place/weights.json from ../shared/corpora/event-location
 * (sentences whose event word and the place where it happened were marked by annotators), seed 33.
 *
 * Examples: each accepted sentence with a marked place is read by the pipeline (the model off); its place mentions
 * are the candidates, and the one overlapping the marked place is gold (sentences where none does give no
 * example). Reported: accuracy of the rules and of the model over 5 folds of sentences (the model trained on
 * the other four), then the committed model is trained on all. Options: --corpora DIR, --out FILE.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { fromRoot } from "../../paths.js";
import { createPipeline } from "../../pipeline.js";
import { eventPlaceFeatures } from "./features.js";
import { homeCountry, mentionsIn, ruleScore } from "./index.js";
import { EVENT_PLACE_MODEL_FILE, scoreEventPlace, trainEventPlace, useEventPlaceModel, type EventPlaceInstance } from "./model.js";

interface Labelled {
  text: string;
  spans: { start: number; end: number; label: string }[];
  answer: string | null;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Ranking instances, each with the rules' choice beside it (for the baseline figure). */
export function eventPlaceExamples(file: string): { instance: EventPlaceInstance; rule: number }[] {
  const rows = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled);
  const pipeline = createPipeline();
  useEventPlaceModel(null);
  const out: { instance: EventPlaceInstance; rule: number }[] = [];
  for (const row of rows) {
    const verb = row.spans.find((s) => s.label === "VERB");
    const where = row.spans.filter((s) => s.label === "LOCATION");
    if (row.answer !== "accept" || !verb || where.length === 0) continue;
    const doc = pipeline.run({ text: row.text });
    const si = doc.sentences.findIndex((s) => s.start <= verb.start && verb.start < s.end);
    if (si < 0) continue;
    const sentence = doc.sentences[si];
    const places = doc.facts.places;
    const mentions = mentionsIn(doc, sentence, places);
    const gold = mentions.findIndex(({ mention }) => where.some((w) => w.start < mention.end && mention.start < w.end));
    if (gold < 0 || mentions.length < 2) continue;
    const home = homeCountry(places);
    const cue = { start: verb.start, end: verb.end };
    const rules = mentions.map((m) => ruleScore(doc, sentence, cue, m, mentions, places));
    const candidates = mentions.map((m, i) => eventPlaceFeatures(m, { doc, sentence, cue, mentions, home }, rules[i]));
    out.push({ instance: { candidates, gold }, rule: rules.indexOf(Math.max(...rules)) });
  }
  useEventPlaceModel(undefined);
  return out;
}

export function trainEventPlaceModel(corpora = arg("corpora") ?? fromRoot("..", "shared", "corpora"), outFile = arg("out") ?? fromRoot(EVENT_PLACE_MODEL_FILE)): void {
  const examples = eventPlaceExamples(join(corpora, "event-location", "sentences.jsonl"));
  const folds = 5;
  let ruleRight = 0;
  let modelRight = 0;
  for (let k = 0; k < folds; k++) {
    const model = trainEventPlace(examples.filter((_, i) => i % folds !== k).map((e) => e.instance));
    for (const [i, e] of examples.entries()) {
      if (i % folds !== k) continue;
      const scores = e.instance.candidates.map((c) => scoreEventPlace(c, model));
      if (scores.indexOf(Math.max(...scores)) === e.instance.gold) modelRight++;
      if (e.rule === e.instance.gold) ruleRight++;
    }
  }
  const n = examples.length;
  console.log(`event-place: ${n} sentences with two or more places; accuracy over ${folds} folds: rules ${(ruleRight / n).toFixed(3)}, model ${(modelRight / n).toFixed(3)}`);
  const model = trainEventPlace(examples.map((e) => e.instance));
  model.meta = { ...model.meta, corpus: "event-location/sentences.jsonl", cvFolds: folds, cvAccuracy: Number((modelRight / n).toFixed(3)), rulesAccuracy: Number((ruleRight / n).toFixed(3)) };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`event-place: ${Object.keys(model.weights).length} weights -> ${outFile}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) trainEventPlaceModel();
