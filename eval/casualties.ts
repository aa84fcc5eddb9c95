/**
 * `sitrep eval casualties <gvdb dev.tsv>`: per-article killed and injured counts (Gun Violence Database).
 *
 * Gold: GVDB's `dev.tsv` (columns Article id, Article url, Article title, Full text, Json, Worker). The Json
 * column lists victims, each with `victim-was` ⊆ {killed, injured, hospitalized}: killed = victims marked
 * killed; injured = victims marked injured or hospitalized and not killed. (GVDB's tokenised `dev.json` holds
 * span labels only, without victim outcomes, so it cannot be scored here.)
 *
 * Prediction (the aggregation): over the report's incident-worthy events (not negated, hypothetical, background
 * or generic), the
 * LARGEST `casualties.killed.best` and the largest `casualties.injured.best`; 0 when no event gives one. The
 * maximum, not the sum, because a news article restates the same toll ("killed two ... the two victims").
 *
 * Figures: exact accuracy for killed, for injured and for both at once; mean absolute error of each.
 */
import { SitrepError } from "../src/errors.js";
import type { Report } from "../src/report.js";
import { isIncidentWorthy } from "../src/incidents/profile.js";
import { accuracy, fixed, formatTable, readGoldText, meanAbsoluteError, round } from "./metrics.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

export interface CasualtyGold {
  id: string;
  line: number;
  title: string;
  text: string;
  killed: number;
  injured: number;
}

export interface CasualtyCount {
  killed: number;
  injured: number;
}

interface GvdbVictim {
  "victim-was"?: string[];
}

/** Reads GVDB's TSV; a row that cannot be read is reported with file and line and left out. */
export function readGvdb(source: string, file: string): { articles: CasualtyGold[]; errors: string[] } {
  const lines = source.split(/\r?\n/);
  const header = lines[0].replace(/^\uFEFF/, "").split("\t");
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new SitrepError("SITREP_GOLD_INVALID", `${file}:1: header lacks column "${name}" (expected GVDB's dev.tsv)`);
    return i;
  };
  const [idCol, titleCol, textCol, jsonCol] = [col("Article id"), col("Article title"), col("Full text"), col("Json")];
  const articles: CasualtyGold[] = [];
  const errors: string[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
    const cells = line.split("\t");
    const where = `${file}:${i + 2}`;
    if (cells.length !== header.length) {
      errors.push(`${where}: ${cells.length} columns, header has ${header.length}`);
      return;
    }
    let victims: GvdbVictim[];
    try {
      const json = JSON.parse(cells[jsonCol]) as { "victim-section"?: GvdbVictim[] };
      victims = Array.isArray(json["victim-section"]) ? json["victim-section"] : [];
    } catch (err) {
      errors.push(`${where}: the Json column is not JSON (${(err as Error).message})`);
      return;
    }
    const outcome = (v: GvdbVictim): string[] => (Array.isArray(v["victim-was"]) ? v["victim-was"] : []);
    const killed = victims.filter((v) => outcome(v).includes("killed")).length;
    const injured = victims.filter((v) => !outcome(v).includes("killed") && (outcome(v).includes("injured") || outcome(v).includes("hospitalized"))).length;
    articles.push({ id: cells[idCol], line: i + 2, title: cells[titleCol], text: cells[textCol], killed, injured });
  });
  return { articles, errors };
}

/** The article's casualty figures as sitrep reports them: the largest `best` over incident-worthy events. */
export function reportedCasualties(report: Pick<Report, "events">): CasualtyCount {
  let killed = 0;
  let injured = 0;
  for (const event of report.events) {
    if (!isIncidentWorthy(event) || !event.casualties) continue;
    killed = Math.max(killed, event.casualties.killed?.best ?? 0);
    injured = Math.max(injured, event.casualties.injured?.best ?? 0);
  }
  return { killed, injured };
}

export interface CasualtyScores {
  n: number;
  killedAccuracy: number;
  injuredAccuracy: number;
  bothAccuracy: number;
  killedMae: number;
  injuredMae: number;
}

export function scoreCasualties(pairs: readonly { gold: CasualtyCount; pred: CasualtyCount }[]): CasualtyScores {
  const n = pairs.length;
  return {
    n,
    killedAccuracy: accuracy(pairs.filter((p) => p.gold.killed === p.pred.killed).length, n),
    injuredAccuracy: accuracy(pairs.filter((p) => p.gold.injured === p.pred.injured).length, n),
    bothAccuracy: accuracy(pairs.filter((p) => p.gold.killed === p.pred.killed && p.gold.injured === p.pred.injured).length, n),
    killedMae: meanAbsoluteError(pairs.map((p) => ({ gold: p.gold.killed, pred: p.pred.killed }))),
    injuredMae: meanAbsoluteError(pairs.map((p) => ({ gold: p.gold.injured, pred: p.pred.injured }))),
  };
}

/** How the misses split: too few, too many; the lead fixes the larger side first. */
function errorShape(pairs: readonly { gold: CasualtyCount; pred: CasualtyCount }[], key: keyof CasualtyCount): Record<string, number> {
  const shape = { under_gold_positive_pred_zero: 0, under_other: 0, over_gold_zero: 0, over_other: 0 };
  for (const { gold, pred } of pairs) {
    if (pred[key] < gold[key]) shape[pred[key] === 0 ? "under_gold_positive_pred_zero" : "under_other"]++;
    else if (pred[key] > gold[key]) shape[gold[key] === 0 ? "over_gold_zero" : "over_other"]++;
  }
  return shape;
}

async function run(target: string, options: EvalOptions): Promise<EvalResult> {
  const source = readGoldText(target);
  if (!source.startsWith("Article id") && !source.startsWith("\uFEFFArticle id")) {
    throw new SitrepError("SITREP_GOLD_INVALID", `${target}:1: not GVDB's TSV (the header should start "Article id"; use gvdb/dev.tsv, which holds victim outcomes)`);
  }
  const { articles: all, errors: goldErrors } = readGvdb(source, target);
  const articles = all.slice(0, options.limit ?? undefined);
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline();
  const pipelineErrors: string[] = [];
  const pairs: { id: string; gold: CasualtyCount; pred: CasualtyCount }[] = [];
  for (const article of articles) {
    let pred: CasualtyCount = { killed: 0, injured: 0 };
    try {
      pred = reportedCasualties(pipeline.extract({ text: article.text }));
    } catch (err) {
      pipelineErrors.push(`${article.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    pairs.push({ id: article.id, gold: { killed: article.killed, injured: article.injured }, pred });
  }
  const s = scoreCasualties(pairs);
  const table = [
    formatTable(
      ["count", "exact accuracy", "MAE"],
      [
        ["killed", fixed(s.killedAccuracy), fixed(s.killedMae)],
        ["injured", fixed(s.injuredAccuracy), fixed(s.injuredMae)],
        ["both", fixed(s.bothAccuracy), ""],
      ],
      ["left", "right", "right"],
    ),
    "",
    `${s.n} articles; prediction = the largest killed/injured best figure over incident-worthy events, 0 if none` +
      (pipelineErrors.length ? `; the pipeline failed on ${pipelineErrors.length}` : ""),
  ].join("\n");
  return {
    task: "casualties",
    table,
    summary: {
      killed_acc: round(s.killedAccuracy),
      injured_acc: round(s.injuredAccuracy),
      both_acc: round(s.bothAccuracy),
      killed_mae: round(s.killedMae),
      injured_mae: round(s.injuredMae),
      n: s.n,
    },
    details: {
      scores: s,
      killedErrors: errorShape(pairs, "killed"),
      injuredErrors: errorShape(pairs, "injured"),
      wrong: pairs.filter((p) => p.gold.killed !== p.pred.killed || p.gold.injured !== p.pred.injured).slice(0, 50),
      pipelineErrors,
    },
    goldErrors,
  };
}

export const task: EvalTask = {
  name: "casualties",
  description: "GVDB: killed and injured per article, exact accuracy and mean absolute error",
  defaultTarget: "gvdb/dev.tsv",
  run,
};
