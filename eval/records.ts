/**
 * `sitrep eval records <gvdb dev.tsv | acled notes.csv>`: how many incident-worthy records sitrep files for one
 * gold happening. Each GVDB article reports one shooting; each ACLED note one event. A record is an event the
 * store would found an incident on (not negated, hypothetical, background or generic) of the gold's kind:
 * - GVDB: a violent record (type ASSAULT, or any record with a killed or injured count);
 * - ACLED: any record with an ACLED event type.
 * Figures: `records_per_event` (mean records per gold happening), `exactly_one` (share with exactly one),
 * `none` (share with none), and over the items with at least one record, whether the matching record's killed
 * (and, for GVDB, injured) best figure equals the gold (0 when the record has none). The matching record is the
 * one with the most evidence (the most mentions merged into it), ties to the earliest in the text.
 */
import { SitrepError } from "../src/errors.js";
import { isIncidentWorthy } from "../src/incidents/profile.js";
import type { Event, Report } from "../src/report.js";
import { readAcledCsv } from "./acled.js";
import { readGvdb } from "./casualties.js";
import { accuracy, fixed, formatTable, readGoldText, round } from "./metrics.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

export type RecordKind = "violent" | "acled";

interface RecordGold {
  id: string;
  text: string;
  published: string | null;
  killed: number;
  /** null where the gold has no injured figure (ACLED) */
  injured: number | null;
}

/** The report's incident-worthy records of the gold's kind. */
export function recordsOf(report: Pick<Report, "events">, kind: RecordKind): Event[] {
  return report.events.filter((e) => {
    if (!isIncidentWorthy(e)) return false;
    if (kind === "acled") return e.acled !== null;
    return e.type === "ASSAULT" || (e.casualties?.killed ?? e.casualties?.injured ?? null) !== null;
  });
}

/** The record that stands for the gold happening: the most mentions, then the earliest. */
export function matchingRecord(records: readonly Event[]): Event | null {
  const startOf = (e: Event): number => (e.evidence.length ? Math.min(...e.evidence.map((s) => s.start)) : Number.MAX_SAFE_INTEGER);
  let best: Event | null = null;
  for (const r of records) {
    if (!best || r.evidence.length > best.evidence.length || (r.evidence.length === best.evidence.length && startOf(r) < startOf(best))) best = r;
  }
  return best;
}

export interface RecordOutcome {
  id: string;
  records: number;
  killedExact: boolean | null;
  injuredExact: boolean | null;
}

export function recordOutcome(gold: RecordGold, report: Pick<Report, "events">, kind: RecordKind): RecordOutcome {
  const records = recordsOf(report, kind);
  const match = matchingRecord(records);
  if (!match) return { id: gold.id, records: 0, killedExact: null, injuredExact: null };
  return {
    id: gold.id,
    records: records.length,
    killedExact: (match.casualties?.killed?.best ?? 0) === gold.killed,
    injuredExact: gold.injured === null ? null : (match.casualties?.injured?.best ?? 0) === gold.injured,
  };
}

export interface RecordScores {
  n: number;
  recordsPerEvent: number;
  exactlyOne: number;
  none: number;
  killedExact: number;
  injuredExact: number | null;
}

export function scoreRecords(outcomes: readonly RecordOutcome[]): RecordScores {
  const n = outcomes.length;
  const matched = outcomes.filter((o) => o.records > 0);
  const withInjured = matched.filter((o) => o.injuredExact !== null);
  return {
    n,
    recordsPerEvent: n === 0 ? 0 : outcomes.reduce((sum, o) => sum + o.records, 0) / n,
    exactlyOne: accuracy(outcomes.filter((o) => o.records === 1).length, n),
    none: accuracy(outcomes.filter((o) => o.records === 0).length, n),
    killedExact: accuracy(matched.filter((o) => o.killedExact).length, matched.length),
    injuredExact: withInjured.length ? accuracy(withInjured.filter((o) => o.injuredExact).length, withInjured.length) : null,
  };
}

function readGold(target: string): { kind: RecordKind; items: RecordGold[]; errors: string[] } {
  const source = readGoldText(target);
  const head = source.replace(/^\uFEFF/, "").slice(0, 200);
  if (head.startsWith("Article id")) {
    const { articles, errors } = readGvdb(source, target);
    return { kind: "violent", items: articles.map((a) => ({ id: a.id, text: a.text, published: null, killed: a.killed, injured: a.injured })), errors };
  }
  if (/(^|,)event_date(,|$)/.test(head.split(/\r?\n/)[0])) {
    const { rows, errors } = readAcledCsv(source, target);
    return { kind: "acled", items: rows.map((r) => ({ id: r.id, text: r.notes, published: r.date, killed: r.fatalities, injured: null })), errors };
  }
  throw new SitrepError("SITREP_GOLD_INVALID", `${target}:1: neither GVDB's dev.tsv (header "Article id ...") nor an ACLED export (an "event_date" column)`);
}

async function run(target: string, options: EvalOptions): Promise<EvalResult> {
  const { kind, items: all, errors: goldErrors } = readGold(target);
  const items = all.slice(0, options.limit ?? undefined);
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline();
  const pipelineErrors: string[] = [];
  const outcomes = items.map((gold) => {
    try {
      return recordOutcome(gold, pipeline.extract({ text: gold.text, published: gold.published }), kind);
    } catch (err) {
      pipelineErrors.push(`${gold.id}: ${err instanceof Error ? err.message : String(err)}`);
      return { id: gold.id, records: 0, killedExact: null, injuredExact: null };
    }
  });
  const s = scoreRecords(outcomes);
  const unit = kind === "violent" ? "article" : "note";
  const rows: string[][] = [
    [`records per ${unit}`, fixed(s.recordsPerEvent)],
    ["exactly one", fixed(s.exactlyOne)],
    ["none", fixed(s.none)],
    ["killed exact (matching record)", fixed(s.killedExact)],
  ];
  if (s.injuredExact !== null) rows.push(["injured exact (matching record)", fixed(s.injuredExact)]);
  const histogram = new Map<number, number>();
  for (const o of outcomes) histogram.set(Math.min(o.records, 5), (histogram.get(Math.min(o.records, 5)) ?? 0) + 1);
  const table = [
    formatTable(["figure", "value"], rows, ["left", "right"]),
    "",
    `${s.n} ${unit}s, one gold happening each; records = incident-worthy ${kind === "violent" ? "violent events" : "events with an ACLED type"}` +
      `; ${[...histogram.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k === 5 ? "5+" : k}: ${v}`).join(", ")}` +
      (pipelineErrors.length ? `; the pipeline failed on ${pipelineErrors.length}` : ""),
  ].join("\n");
  const summary: Record<string, number> = {
    records_per_event: round(s.recordsPerEvent),
    exactly_one: round(s.exactlyOne),
    none: round(s.none),
    killed_exact: round(s.killedExact),
  };
  if (s.injuredExact !== null) summary.injured_exact = round(s.injuredExact);
  summary.n = s.n;
  return {
    task: "records",
    table,
    summary,
    details: { scores: s, many: outcomes.filter((o) => o.records > 1).slice(0, 50), none: outcomes.filter((o) => o.records === 0).map((o) => o.id).slice(0, 50), pipelineErrors },
    goldErrors,
  };
}

export const task: EvalTask = {
  name: "records",
  description: "GVDB articles or ACLED notes: incident-worthy records per gold happening, and the matching record's counts",
  defaultTarget: "gvdb/dev.tsv",
  extraTargets: ["acled-dev/notes.csv"],
  run,
};
