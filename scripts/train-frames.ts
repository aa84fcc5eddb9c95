/**
 * `npm run train:frames`: the same-happening model (models/frames/merge.json) from ECB+ within-document event
 * coreference (../shared/corpora/ecbplus: every action mention with its coreference chain).
 *
 * Each document is rebuilt from its tokens and read by the pipeline with an empty model, so every cue is its own
 * event mention; a mention whose cue overlaps a gold action takes that action's chain (mentions on no gold
 * action are left out: ECB+ annotates only some sentences). Mentions are then replayed in text order against
 * the frames the gold makes, each (mention, open frame) pair an example: same chain or not. Five folds by topic
 * give the held-out figures (pairwise precision, recall and F1 of "same happening" as the clustering decides it,
 * beside the figures of never merging and of merging every mention of a family); the model kept is trained on
 * every topic. Options: --corpora DIR, --epochs N (10), --seed N (33), --out FILE.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createPipeline } from "../src/pipeline.js";
import { span, type Doc } from "../src/doc/index.js";
import type { Event } from "../src/report.js";
import { fromRoot } from "../src/paths.js";
import { describeMention, frameContext, mergeFeatures, type FrameContext, type EventMention, type Frame } from "../src/extract/frames/features.js";
import { frameMentions, OPEN_FRAMES } from "../src/extract/frames/cluster.js";
import { trainPerceptron, useMergeModel, type LinearModel, type TrainingExample } from "../src/extract/frames/model.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface GoldDoc {
  topic: string;
  text: string;
  /** gold action mentions: character range and chain */
  actions: { start: number; end: number; chain: string }[];
}

/** One ECB+ document: tokens joined by spaces, one sentence a line; action markables with their chains. */
export function readEcbPlus(xml: string, topic: string, name: string): GoldDoc {
  const ranges = new Map<string, { start: number; end: number }>();
  let text = "";
  let sentence: string | null = null;
  for (const m of xml.matchAll(/<token t_id="(\d+)" sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    const word = m[3].replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    if (sentence !== null && m[2] !== sentence) text += "\n";
    else if (text) text += " ";
    sentence = m[2];
    ranges.set(m[1], { start: text.length, end: text.length + word.length });
    text += word;
  }
  const markables = new Map<string, { start: number; end: number }>();
  const body = xml.slice(xml.indexOf("<Markables>"), xml.indexOf("</Markables>"));
  for (const m of body.matchAll(/<(?:ACTION|NEG_ACTION)_OCCURRENCE m_id="(\d+)"\s*>([\s\S]*?)<\/(?:ACTION|NEG_ACTION)_OCCURRENCE>/g)) {
    const tokens = [...m[2].matchAll(/t_id="(\d+)"/g)].map((t) => ranges.get(t[1])).filter((r): r is { start: number; end: number } => !!r);
    if (tokens.length) markables.set(m[1], { start: Math.min(...tokens.map((t) => t.start)), end: Math.max(...tokens.map((t) => t.end)) });
  }
  const chainOf = new Map<string, string>();
  const relations = xml.slice(xml.indexOf("<Relations>"));
  for (const r of relations.matchAll(/<(CROSS_DOC_COREF|INTRA_DOC_COREF) r_id="(\d+)"(?: note="([^"]*)")?\s*>([\s\S]*?)<\/\1>/g)) {
    const chain = r[3] ? `x:${r[3]}` : `${name}:${r[2]}`;
    for (const s of r[4].matchAll(/<source m_id="(\d+)"/g)) chainOf.set(s[1], chain);
  }
  const actions = [...markables.entries()].map(([id, range]) => ({ ...range, chain: chainOf.get(id) ?? `${name}:single:${id}` }));
  return { topic, text, actions };
}

/** An event for a gold action no cue of ours found: untyped, with the time and place its sentence names first. */
function goldActionEvent(doc: Doc, action: { start: number; end: number }, sentence: number): Event {
  const s = doc.sentences[sentence];
  const within = (m: { start: number; end: number }) => m.start >= s.start && m.end <= s.end;
  return {
    id: "gold",
    type: "CONSULT",
    mode: null,
    acled: null,
    actors: [],
    targets: [],
    place: doc.facts.places.find((p) => p.mentions.some(within))?.id ?? null,
    time: doc.facts.times.find((t) => /^\d{4}/.test(t.value) && t.mentions.some(within))?.id ?? null,
    casualties: null,
    attribution: { status: "unknown", candidates: [] },
    negated: false,
    hypothetical: false,
    evidence: [span(doc, action.start, action.end), span(doc, s.start, s.end)],
    confidence: 0,
  };
}

interface LabelledMention {
  mention: EventMention;
  ctx: FrameContext;
  chain: string;
}

/** Every frame-candidate example of one document, as the gold frames grow. */
function examplesOf(mentions: readonly LabelledMention[]): TrainingExample[] {
  const out: TrainingExample[] = [];
  const open = new Map<string, { frame: Frame; chain: string }[]>();
  for (const { mention, chain, ctx } of mentions) {
    if (mention.event.negated || mention.event.hypothetical) continue;
    const family = "any";
    const frames = open.get(family) ?? [];
    for (const f of frames.slice(-OPEN_FRAMES)) out.push({ features: mergeFeatures(mention, f.frame, ctx), same: f.chain === chain });
    const mine = frames.find((f) => f.chain === chain);
    if (mine) {
      mine.frame.mentions.push(mention);
      frames.splice(frames.indexOf(mine), 1);
      frames.push(mine);
    } else {
      frames.push({ frame: { event: structuredClone(mention.event), mentions: [mention], family }, chain });
    }
    open.set(family, frames);
  }
  return out;
}

/** Pairwise same-happening scores of a clustering of labelled mentions. */
function pairScores(docs: readonly LabelledMention[][], cluster: (ms: readonly LabelledMention[]) => (number | string)[]): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const ms of docs) {
    const asserted = ms.filter((m) => !m.mention.event.negated && !m.mention.event.hypothetical);
    const predicted = cluster(asserted);
    for (let i = 0; i < asserted.length; i++) {
      for (let j = i + 1; j < asserted.length; j++) {
        const gold = asserted[i].chain === asserted[j].chain;
        const pred = predicted[i] === predicted[j];
        if (gold && pred) tp++;
        else if (pred) fp++;
        else if (gold) fn++;
      }
    }
  }
  return { tp, fp, fn };
}

function prf({ tp, fp, fn }: { tp: number; fp: number; fn: number }): string {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`;
}

function clusterWith(model: LinearModel): (ms: readonly LabelledMention[]) => number[] {
  return (ms) => {
    const copies = ms.map((m) => ({ ...m.mention, event: structuredClone(m.mention.event) }));
    const frames = frameMentions(copies, model, ms[0]?.ctx ?? { place: () => undefined, time: () => undefined }, () => "any");
    return copies.map((c) => frames.findIndex((f) => f.mentions.includes(c)));
  };
}

async function main(): Promise<void> {
  const corpora = arg("corpora") ?? fromRoot("..", "shared", "corpora");
  const epochs = Number(arg("epochs") ?? 10);
  const seed = Number(arg("seed") ?? 33);
  const out = arg("out") ?? fromRoot("models", "frames", "merge-ecbplus.json");
  const root = join(corpora, "ecbplus");
  useMergeModel({ about: "empty: every mention its own frame", weights: {} });
  const pipeline = createPipeline();
  const byTopic = new Map<string, LabelledMention[][]>();
  let aligned = 0;
  let mentionsSeen = 0;
  const topics = readdirSync(root).filter((t) => /^\d+$/.test(t)).sort((a, b) => Number(a) - Number(b));
  for (const topic of topics) {
    for (const file of readdirSync(join(root, topic)).filter((f) => f.endsWith(".xml")).sort()) {
      const gold = readEcbPlus(readFileSync(join(root, topic, file), "utf8"), topic, file);
      const doc = pipeline.run({ text: gold.text });
      const labelled: LabelledMention[] = [];
      const ctx = frameContext(doc);
      // every gold action is a mention: the pipeline's event where a cue of ours sits on it, else an event with
      // the sentence's first time and place (ECB+ annotates far more happenings than our cues cover)
      for (const action of gold.actions.sort((a, b) => a.start - b.start)) {
        mentionsSeen++;
        const sentence = doc.sentences.findIndex((s) => s.start <= action.start && action.end <= s.end);
        if (sentence < 0) continue;
        const ours = doc.facts.events.find((e) => e.evidence[0].start < action.end && action.start < e.evidence[0].end);
        if (ours) aligned++;
        const event = ours ?? goldActionEvent(doc, action, sentence);
        labelled.push({ mention: describeMention(doc, event, sentence), chain: action.chain, ctx });
      }
      const list = byTopic.get(topic) ?? [];
      list.push(labelled);
      byTopic.set(topic, list);
    }
  }
  console.log(`ECB+: ${topics.length} topics, ${mentionsSeen} gold action mentions, ${aligned} on a cue of ours`);
  // five folds by topic: held-out figures
  const folds = 5;
  const total = { model: { tp: 0, fp: 0, fn: 0 }, never: { tp: 0, fp: 0, fn: 0 }, always: { tp: 0, fp: 0, fn: 0 } };
  const add = (a: { tp: number; fp: number; fn: number }, b: { tp: number; fp: number; fn: number }) => {
    a.tp += b.tp;
    a.fp += b.fp;
    a.fn += b.fn;
  };
  for (let k = 0; k < folds; k++) {
    const train = topics.filter((_, i) => i % folds !== k).flatMap((t) => byTopic.get(t) ?? []);
    const test = topics.filter((_, i) => i % folds === k).flatMap((t) => byTopic.get(t) ?? []);
    const weights = trainPerceptron(train.flatMap(examplesOf), { epochs, seed });
    add(total.model, pairScores(test, clusterWith({ about: "fold", weights })));
    add(total.never, pairScores(test, (ms) => ms.map((_, i) => i)));
    add(total.always, pairScores(test, (ms) => ms.map(() => 0)));
  }
  const held = `held out (5 folds by topic): model ${prf(total.model)}; never merge ${prf(total.never)}; merge every mention ${prf(total.always)}`;
  console.log(held);
  const all = topics.flatMap((t) => byTopic.get(t) ?? []);
  const shipped = JSON.parse(readFileSync(fromRoot("models", "frames", "merge.json"), "utf8")) as LinearModel;
  console.log(`the shipped hand-set models/frames/merge.json on every topic: ${prf(pairScores(all, clusterWith(shipped)))}`);
  const examples = all.flatMap(examplesOf);
  const weights = trainPerceptron(examples, { epochs, seed });
  const model: LinearModel = {
    about: `averaged perceptron, ${epochs} epochs, seed ${seed}, ${examples.length} (mention, frame) pairs from ECB+ within-document event coreference; ${held}`,
    weights,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(model, null, 1) + "\n");
  console.log(`wrote ${out}: ${Object.keys(weights).length} weights`);
}

await main();
