/**
 * The one pipeline: read -> segment -> recognise -> resolve -> extract, then the report.
 * Every stage is registered here and only here, in the order they run.
 */
import { performance } from "node:perf_hooks";
import type { Doc } from "./doc/index.js";
import { SitrepError } from "./errors.js";
import { readArticle, type ArticleInput } from "./ingest/read.js";
import { segmentStage } from "./nlp/segment.js";
import { recogniseStage } from "./nlp/recognise.js";
import { resolveStage } from "./resolve/index.js";
import { extractStage } from "./extract/index.js";
import { toReport } from "./report-build.js";
import type { Report } from "./report.js";
import { runStage, type StageDefinition, type StageFn } from "./stage.js";

export type { ArticleInput } from "./ingest/read.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStage = StageDefinition<any>;

/** The stages after `read`, in order. */
export const STAGES: AnyStage[] = [segmentStage, recogniseStage, resolveStage, extractStage];

export interface PipelineOptions {
  /** per-stage options by stage name */
  config?: Record<string, object>;
  /** keep wall-clock time per stage in `pipeline.timings` */
  profile?: boolean;
  /**
   * the time one article may take, in milliseconds (default $SITREP_TIMEOUT_MS or 60 s; 0 for none): past it,
   * the article fails with SITREP_TIMEOUT at the next stage boundary instead of holding the process
   */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

function timeoutFromEnv(): number {
  const v = Number(process.env.SITREP_TIMEOUT_MS);
  return process.env.SITREP_TIMEOUT_MS !== undefined && Number.isFinite(v) && v >= 0 ? v : DEFAULT_TIMEOUT_MS;
}

export interface Pipeline {
  readonly stageNames: string[];
  /** milliseconds spent per stage (read included) since creation, when `profile` is on */
  readonly timings: Record<string, number>;
  /** the Doc after every stage: for tools that want spans and layers, not only the report */
  run(input: ArticleInput | string): Doc;
  extract(input: ArticleInput | string): Report;
}

/** Builds the pipeline once (models and lexicons load here), then runs it on any number of articles. */
export function createPipeline(options: PipelineOptions = {}): Pipeline {
  const provided = new Set<string>(["text", "meta"]);
  const built: { name: string; fn: StageFn }[] = [];
  for (const stage of STAGES) {
    for (const need of stage.requires) {
      if (!provided.has(need)) {
        throw new SitrepError(
          "SITREP_STAGE_MISSING_REQUIREMENT",
          `stage "${stage.name}" requires "${need}", which no earlier stage assigns: check the order in src/pipeline.ts`,
        );
      }
    }
    stage.assigns.forEach((a) => provided.add(a));
    const stageOptions = { ...stage.defaults, ...(options.config?.[stage.name] ?? {}) };
    built.push({ name: stage.name, fn: stage.create(stageOptions) });
  }
  const timings: Record<string, number> = {};
  const profile = options.profile === true;
  const timed = <T>(name: string, f: () => T): T => {
    if (!profile) return f();
    const t0 = performance.now();
    const out = f();
    timings[name] = (timings[name] ?? 0) + performance.now() - t0;
    return out;
  };

  const budget = options.timeoutMs ?? timeoutFromEnv();
  const run = (input: ArticleInput | string): Doc => {
    const article = typeof input === "string" ? { text: input } : input;
    const started = performance.now();
    let doc = timed("read", () => readArticle(article));
    for (const { name, fn } of built) {
      doc = timed(name, () => runStage(name, fn, doc));
      const spent = performance.now() - started;
      if (budget > 0 && spent > budget) {
        throw new SitrepError(
          "SITREP_TIMEOUT",
          `${article.path ?? "input"}: gave up after ${(spent / 1000).toFixed(1)} s (through stage "${name}", ${doc.text.length} characters); the budget is ${budget / 1000} s an article (SITREP_TIMEOUT_MS)`,
          422,
        );
      }
    }
    return doc;
  };
  return {
    stageNames: ["read", ...built.map((s) => s.name)],
    timings,
    run,
    extract: (input) => {
      const doc = run(input);
      return timed("report", () => toReport(doc));
    },
  };
}

let shared: Pipeline | undefined;

/** Reads one article and returns its `sitrep/1` report (a shared pipeline is built on first use). */
export function extract(input: ArticleInput | string): Report {
  shared ??= createPipeline();
  return shared.extract(input);
}
