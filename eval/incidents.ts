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
import { clusterReports } from "../src/incidents/index.js";
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
 * For each report, the incident of its lede: the first event in the text that founds or joins one. An article is
 * about its lede's happening; background mentions ("two days after the strike in Qamishli") may merge with other
 * stories' incidents, as they should, without making the two articles one story.
 */
function incidentsByArticle(reports: Report[]): Map<string, Set<string>> {
  const incidentOf = new Map<string, string>();
  for (const incident of clusterReports(reports)) for (const m of incident.members) incidentOf.set(m.key, incident.id);
  const out = new Map<string, Set<string>>();
  for (const r of reports) {
    const lede = r.events
      .filter((e) => incidentOf.has(`${r.article.id}:${e.id}`))
      .sort((a, b) => (a.evidence[0]?.start ?? Infinity) - (b.evidence[0]?.start ?? Infinity))[0];
    out.set(r.article.id, new Set(lede ? [incidentOf.get(`${r.article.id}:${lede.id}`)!] : []));
  }
  return out;
}

interface StoryManifest {
  stories: { id: string; articles: { file: string; outlet?: string; published?: string }[] }[];
}

export async function scoreStories(dir: string, pipeline: Pipeline, limit?: number): Promise<{ score: PairScore; stories: number; errors: string[] }> {
  const manifestPath = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as StoryManifest;
  const items: { gold: string; report: Report }[] = [];
  const errors: string[] = [];
  for (const story of manifest.stories) {
    for (const a of story.articles) {
      if (limit !== undefined && items.length >= limit) break;
      const path = join(dir, a.file);
      if (!existsSync(path)) {
        errors.push(`${manifestPath}: story ${story.id} lists ${a.file}, which does not exist`);
        continue;
      }
      const report = pipeline.extract({ bytes: readFileSync(path), path, outlet: a.outlet, published: a.published ?? null });
      items.push({ gold: story.id, report });
    }
  }
  const predicted = incidentsByArticle(items.map((i) => i.report));
  const score = scorePairs(items.map((i) => ({ gold: i.gold, predicted: predicted.get(i.report.article.id)! })));
  return { score, stories: manifest.stories.length, errors };
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

export async function scoreEcbPlus(dir: string, pipeline: Pipeline, limit?: number): Promise<{ score: PairScore; topics: number; failed: string[] }> {
  const topics = readdirSync(dir).filter((t) => /^\d+$/.test(t) && statSync(join(dir, t)).isDirectory()).sort((a, b) => Number(a) - Number(b));
  const items: { gold: string; predicted: Set<string>; block: string }[] = [];
  const failed: string[] = [];
  let seen = 0;
  for (const topic of topics) {
    const files = readdirSync(join(dir, topic)).filter((f) => /ecb(plus)?\.xml$/.test(f)).sort();
    const reports: { gold: string; report: Report }[] = [];
    for (const f of files) {
      if (limit !== undefined && seen >= limit) break;
      seen++;
      const text = ecbText(readFileSync(join(dir, topic, f), "utf8"));
      try {
        reports.push({ gold: `${topic}/${f.endsWith("ecbplus.xml") ? "ecbplus" : "ecb"}`, report: pipeline.extract({ text, id: `${topic}/${f}`, path: f }) });
      } catch (err) {
        failed.push(`${topic}/${f}: ${(err as Error).message}`);
      }
    }
    const predicted = incidentsByArticle(reports.map((r) => r.report));
    for (const r of reports) items.push({ gold: r.gold, predicted: predicted.get(r.report.article.id)!, block: topic });
  }
  return { score: scorePairs(items), topics: topics.length, failed };
}

function row(name: string, s: PairScore): string {
  return `${name.padEnd(16)} ${String(s.n).padStart(5)} ${String(s.tp).padStart(6)} ${String(s.fp).padStart(6)} ${String(s.fn).padStart(6)} ${s.p.toFixed(3)} ${s.r.toFixed(3)} ${s.f1.toFixed(3)}`;
}

const HEADER = `${"set".padEnd(16)} ${"docs".padStart(5)} ${"tp".padStart(6)} ${"fp".padStart(6)} ${"fn".padStart(6)} p     r     f1`;

export const task: EvalTask = {
  name: "incidents",
  description: "pairwise precision/recall/F1 of merging articles into incidents (ECB+ topics; examples/stories)",
  defaultTarget: "ecbplus",
  async run(target: string, options: EvalOptions): Promise<EvalResult> {
    const dir = resolve(target);
    const pipeline = createPipeline();
    const storiesDir = fromRoot("examples", "stories");
    if (existsSync(join(dir, "manifest.json"))) {
      const { score, stories, errors } = await scoreStories(dir, pipeline, options.limit);
      return {
        task: "incidents",
        table: `${HEADER}\n${row("stories", score)}`,
        summary: { f1: score.f1, p: score.p, r: score.r, n: score.n },
        details: { stories: { ...score, count: stories } },
        goldErrors: errors,
      };
    }
    if (!existsSync(dir) || !readdirSync(dir).some((t) => /^\d+$/.test(t))) {
      throw new SitrepError("SITREP_GOLD_INVALID", `${target}: neither a stories folder with manifest.json nor the ECB+ folder of numbered topics`);
    }
    const ecb = await scoreEcbPlus(dir, pipeline, options.limit);
    const stories = existsSync(join(storiesDir, "manifest.json")) ? await scoreStories(storiesDir, pipeline) : null;
    const table = [HEADER, row("ecb+", ecb.score), ...(stories ? [row("stories", stories.score)] : [])].join("\n");
    return {
      task: "incidents",
      table,
      summary: {
        f1: ecb.score.f1, p: ecb.score.p, r: ecb.score.r, n: ecb.score.n,
        ...(stories ? { stories_f1: stories.score.f1, stories_p: stories.score.p, stories_r: stories.score.r, stories_n: stories.score.n } : {}),
      },
      details: { ecbplus: { ...ecb.score, topics: ecb.topics, failed: ecb.failed }, stories: stories?.score ?? null },
      goldErrors: stories?.errors ?? [],
    };
  },
};
