/**
 * `sitrep eval incidents <target>`: does incident merging put articles about one happening together and keep
 * others apart? Articles are extracted with the pipeline, their events merged with the same code the store runs
 * on save, and every pair of articles is scored: "same incident" when their ledes (first incident events) share one.
 *
 * Targets: ECB+ (`ecbplus/`, per topic the `*ecb.xml` documents report one event and `*ecbplus.xml` another of the
 * same kind; pairs are scored within topics) or a stories folder with `manifest.json` (examples/stories: pairs
 * across all stories, so near-misses count). With the ECB+ target the bundled examples/stories are scored too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { clusterReports, withMatcherModel } from "../src/incidents/index.js";
import { loadMatcherModel, type MatcherModel } from "../src/incidents/matcher/model.js";
import { foldModels, type GoldArticle, type MatcherTraining } from "../src/incidents/matcher/train.js";
import { ledeEvent } from "../src/incidents/profile.js";
import { createPipeline, type Pipeline } from "../src/pipeline.js";
import { fromRoot } from "../src/paths.js";
import type { Report } from "../src/report.js";
import { SitrepError } from "../src/errors.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

export interface PairScore {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  p: number;
  r: number;
  f1: number;
  /** articles scored */
  n: number;
}

/** Pairwise precision/recall of "same incident" over items with a gold group and a predicted set of incidents. */
export function scorePairs(items: { gold: string; predicted: Set<string>; block?: string }[]): PairScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      if (a.block !== b.block) continue;
      const gold = a.gold === b.gold;
      const predicted = [...a.predicted].some((id) => b.predicted.has(id));
      if (gold && predicted) tp++;
      else if (!gold && predicted) fp++;
      else if (gold && !predicted) fn++;
      else tn++;
    }
  }
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { tp, fp, fn, tn, p, r, f1, n: items.length };
}

/**
 * For each report, the incident of its lede (see `ledeEvent`): an article is about its lede's happening. Background
 * mentions ("two days after the strike in Qamishli") may merge with other stories' incidents, as they should,
 * without making the two articles one story.
 */
function incidentsByArticle(reports: Report[]): Map<string, Set<string>> {
  const incidentOf = new Map<string, string>();
  for (const incident of clusterReports(reports)) for (const m of incident.members) incidentOf.set(m.key, incident.id);
  const out = new Map<string, Set<string>>();
  for (const r of reports) {
    const lede = ledeEvent(r);
    const id = lede ? incidentOf.get(`${r.article.id}:${lede.id}`) : undefined;
    out.set(r.article.id, new Set(id ? [id] : []));
  }
  return out;
}

interface StoryManifest {
  stories: { id: string; nearMissOf?: string | null; articles: { file: string; outlet?: string; published?: string }[] }[];
}

/** Our stories, each in one of two folds; a story and its near misses stay in one fold (they teach each other). */
export function loadStories(dir: string, pipeline: Pipeline, limit?: number): { articles: GoldArticle[]; stories: number; errors: string[] } {
  const manifestPath = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as StoryManifest;
  const groupOf = new Map<string, string>();
  const root = (id: string): string => {
    const story = manifest.stories.find((s) => s.id === id);
    return story?.nearMissOf && story.nearMissOf !== id ? root(story.nearMissOf) : id;
  };
  const groups = [...new Set(manifest.stories.map((s) => root(s.id)))].sort();
  for (const s of manifest.stories) groupOf.set(s.id, `stories-${(groups.indexOf(root(s.id)) % 2) + 1}`);
  const articles: GoldArticle[] = [];
  const errors: string[] = [];
  for (const story of manifest.stories) {
    for (const a of story.articles) {
      if (limit !== undefined && articles.length >= limit) break;
      const path = join(dir, a.file);
      if (!existsSync(path)) {
        errors.push(`${manifestPath}: story ${story.id} lists ${a.file}, which does not exist`);
        continue;
      }
      const report = pipeline.extract({ bytes: readFileSync(path), path, outlet: a.outlet, published: a.published ?? null });
      articles.push({ report, gold: story.id, block: "stories", fold: groupOf.get(story.id)!, corpus: "stories" });
    }
  }
  return { articles, stories: manifest.stories.length, errors };
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };

/** An ECB+ document as plain text: tokens joined by spaces, one sentence per line. */
export function ecbText(xml: string): string {
  const sentences = new Map<number, string[]>();
  for (const m of xml.matchAll(/<token\b[^>]*\bsentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    const s = Number(m[1]);
    const word = m[2].replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]);
    if (!sentences.has(s)) sentences.set(s, []);
    sentences.get(s)!.push(word);
  }
  return [...sentences.keys()].sort((a, b) => a - b).map((k) => sentences.get(k)!.join(" ")).join("\n");
}

/**
 * ECB+ documents, one block and one fold per topic. The corpus has no publication dates, so nothing falls back
 * on one: events are dated only where the text gives an absolute date.
 */
export function loadEcbPlus(dir: string, pipeline: Pipeline, limit?: number): { articles: GoldArticle[]; topics: number; failed: string[] } {
  const topics = readdirSync(dir).filter((t) => /^\d+$/.test(t) && statSync(join(dir, t)).isDirectory()).sort((a, b) => Number(a) - Number(b));
  const articles: GoldArticle[] = [];
  const failed: string[] = [];
  let seen = 0;
  for (const topic of topics) {
    const files = readdirSync(join(dir, topic)).filter((f) => /ecb(plus)?\.xml$/.test(f)).sort();
    for (const f of files) {
      if (limit !== undefined && seen >= limit) break;
      seen++;
      const text = ecbText(readFileSync(join(dir, topic, f), "utf8"));
      try {
        const report = pipeline.extract({ text, id: `${topic}/${f}`, path: f });
        articles.push({ report, gold: `${topic}/${f.endsWith("ecbplus.xml") ? "ecbplus" : "ecb"}`, block: topic, fold: `ecb-${topic}`, corpus: "ecbplus" });
      } catch (err) {
        failed.push(`${topic}/${f}: ${(err as Error).message}`);
      }
    }
  }
  return { articles, topics: topics.length, failed };
}

/**
 * Merges each block's articles (with `modelFor`'s model for that block, or the committed one) and scores the pairs.
 * `withEvents` keeps only articles in which sitrep files an incident-worthy event.
 */
export function scoreArticles(articles: GoldArticle[], options: { blockOf?: (a: GoldArticle) => string; modelFor?: (block: string) => MatcherModel | undefined; withEvents?: boolean } = {}): PairScore {
  const blockOf = options.blockOf ?? ((a: GoldArticle) => a.block);
  const blocks = new Map<string, GoldArticle[]>();
  for (const a of articles) {
    if (options.withEvents && !ledeEvent(a.report)) continue;
    const key = blockOf(a);
    if (!blocks.has(key)) blocks.set(key, []);
    blocks.get(key)!.push(a);
  }
  const items: { gold: string; predicted: Set<string>; block: string }[] = [];
  for (const [block, members] of blocks) {
    const reports = members.map((m) => m.report);
    const model = options.modelFor?.(block);
    const predicted = model ? withMatcherModel(model, () => incidentsByArticle(reports)) : incidentsByArticle(reports);
    for (const m of members) items.push({ gold: m.gold, predicted: predicted.get(m.report.article.id)!, block });
  }
  return scorePairs(items);
}

/** The training settings of the committed model (its meta), so held-out models are trained the same way. */
export function committedTraining(): MatcherTraining {
  const meta = loadMatcherModel().meta as { training?: MatcherTraining };
  if (!meta.training) throw new SitrepError("SITREP_MODEL_INVALID", "models/incidents/matcher.json: meta.training is missing; run npm run train:incidents");
  return meta.training;
}

export interface HeldOutScores {
  ecbWithEvents: PairScore;
  ecbAll: PairScore;
  stories: PairScore;
}

/**
 * Every article scored by a model that never saw it: each ECB+ topic by a model trained on the other topics and
 * all stories; each half of the stories (pairs within the half) by a model trained on ECB+ and the other half.
 * `models`: those fold models, when the caller trained them already (`foldModels` with the same training).
 */
export function heldOutScores(ecb: GoldArticle[], stories: GoldArticle[], training: MatcherTraining, models = foldModels([...ecb, ...stories], training)): HeldOutScores {
  const byFold = (a: GoldArticle) => a.fold;
  const modelFor = (fold: string) => models.get(fold);
  return {
    ecbWithEvents: scoreArticles(ecb, { blockOf: byFold, modelFor, withEvents: true }),
    ecbAll: scoreArticles(ecb, { blockOf: byFold, modelFor }),
    stories: scoreArticles(stories, { blockOf: byFold, modelFor }),
  };
}

function row(name: string, s: PairScore): string {
  return `${name.padEnd(16)} ${String(s.n).padStart(5)} ${String(s.tp).padStart(6)} ${String(s.fp).padStart(6)} ${String(s.fn).padStart(6)} ${s.p.toFixed(3)} ${s.r.toFixed(3)} ${s.f1.toFixed(3)}`;
}

const HEADER = `${"set".padEnd(16)} ${"docs".padStart(5)} ${"tp".padStart(6)} ${"fp".padStart(6)} ${"fn".padStart(6)} p     r     f1`;

export const task: EvalTask = {
  name: "incidents",
  description: "pairwise precision/recall/F1 of merging articles into incidents (ECB+ topics; examples/stories), on held-out topics",
  defaultTarget: "ecbplus",
  async run(target: string, options: EvalOptions): Promise<EvalResult> {
    const dir = resolve(target);
    const pipeline = createPipeline();
    const storiesDir = fromRoot("examples", "stories");
    if (existsSync(join(dir, "manifest.json"))) {
      const { articles, stories, errors } = loadStories(dir, pipeline, options.limit);
      const score = scoreArticles(articles);
      return {
        task: "incidents",
        table: `${HEADER}\n${row("stories (model)", score)}`,
        summary: { f1: score.f1, p: score.p, r: score.r, n: score.n },
        details: { stories: { ...score, count: stories } },
        goldErrors: errors,
      };
    }
    if (!existsSync(dir) || !readdirSync(dir).some((t) => /^\d+$/.test(t))) {
      throw new SitrepError("SITREP_GOLD_INVALID", `${target}: neither a stories folder with manifest.json nor the ECB+ folder of numbered topics`);
    }
    const ecb = loadEcbPlus(dir, pipeline, options.limit);
    const stories = loadStories(storiesDir, pipeline);
    const held = heldOutScores(ecb.articles, stories.articles, committedTraining());
    // The committed model was trained on all of these: its figures show the fit, not what to expect on new data.
    const fitEcb = scoreArticles(ecb.articles, { withEvents: true });
    const fitStories = scoreArticles(stories.articles);
    const table = [
      HEADER,
      row("ecb+ events", held.ecbWithEvents),
      row("ecb+ all docs", held.ecbAll),
      row("stories", held.stories),
      "held out: each ECB+ topic merged by a model trained without it; each half of the stories (pairs within it) by one trained without that half",
      row("ecb+ ev. (fit)", fitEcb),
      row("stories (fit)", fitStories),
      "fit: the committed model, trained on all of these articles; stories scored over all pairs",
    ].join("\n");
    return {
      task: "incidents",
      table,
      summary: {
        f1: held.ecbWithEvents.f1, p: held.ecbWithEvents.p, r: held.ecbWithEvents.r, n: held.ecbWithEvents.n,
        all_f1: held.ecbAll.f1, all_p: held.ecbAll.p, all_r: held.ecbAll.r, all_n: held.ecbAll.n,
        stories_f1: held.stories.f1, stories_p: held.stories.p, stories_r: held.stories.r, stories_n: held.stories.n,
      },
      details: {
        heldOut: held, fit: { ecbWithEvents: fitEcb, stories: fitStories },
        ecbplus: { topics: ecb.topics, failed: ecb.failed }, stories: { count: stories.stories },
      },
      goldErrors: stories.errors,
    };
  },
};
