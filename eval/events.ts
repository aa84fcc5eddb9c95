/**
 * `sitrep eval events <CASE-2021 snippets.tsv | PLOVER records.json>`: what kind of event a short text reports.
 *
 * The document's label is the label of the report's MAIN event: the event with the highest `confidence` among
 * those not negated (ties go to the event whose evidence starts first); no such event is "none".
 * - CASE-2021 (`id<TAB>EventSnippet<TAB>SubType`): only events that carry a CASE label compete: `acled.subEventType`
 *   mapped to its CASE code (ACLED_TO_CASE below), else `category` mapped to ORG_CRIME, NATURAL_DISASTER,
 *   MAN_MADE_DISASTER, DIPLO or ATTRIB. Scored with sklearn's weighted and macro F1 over the union of gold and
 *   predicted labels (CASE-2021's own scoring), plus accuracy.
 * - PLOVER (`records.json`, PLOVER 0.8): the main event's `type`; gold FIGHT, DEMAND and DISAPPROVE are compared
 *   as ASSAULT, REQUEST and ACCUSE; gold INVESTIGATE and CRIME (no counterpart) and the DOCUMENT record (no
 *   text) are left out, with a count. The record's `date` is the publication date. Scored by accuracy, with
 *   weighted and macro F1 beside it.
 */
import { readFileSync } from "node:fs";
import { SitrepError } from "../src/errors.js";
import type { Event, EventCategory, Report } from "../src/report.js";
import { ACLED_SUB_EVENTS, CATEGORY_CODES } from "../src/extract/event-type/labels.js";
import { classify, fixed, formatConfusion, formatLabelScores, formatTable, round, type ClassificationScores } from "./metrics.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

/** ACLED sub-event types (ontology.md) and the CASE-2021 code that names each (src/extract/event-type/labels.ts). */
export const ACLED_TO_CASE: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ACLED_SUB_EVENTS).map(([sub, [code]]) => [sub, code]));

/** CASE-2021's labels outside ACLED, as sitrep's `event.category`. */
export const CATEGORY_TO_CASE: Readonly<Record<EventCategory, string>> = CATEGORY_CODES;

/** PLOVER 0.8 types in the gold records and the current type they are compared as (ontology.md). */
export const PLOVER_RENAMED: Readonly<Record<string, string>> = { FIGHT: "ASSAULT", DEMAND: "REQUEST", DISAPPROVE: "ACCUSE" };
/** Gold types with no counterpart: left out of the score, and counted. */
export const PLOVER_LEFT_OUT: ReadonlySet<string> = new Set(["INVESTIGATE", "CRIME", "DOCUMENT"]);

export const NO_EVENT = "none";

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const CASE_BY_NORMALISED = new Map(Object.entries(ACLED_TO_CASE).map(([name, code]) => [normalise(name), code]));

/** The CASE-2021 label of one event, or null when it carries neither an ACLED sub-event nor a category. */
export function caseLabelOfEvent(event: Pick<Event, "acled" | "category">): string | null {
  if (event.acled) {
    const code = CASE_BY_NORMALISED.get(normalise(event.acled.subEventType));
    if (code) return code;
  }
  return event.category ? CATEGORY_TO_CASE[event.category] : null;
}

/** The main event: highest confidence among events not negated that pass `eligible`; ties to the earliest. */
export function mainEvent(events: readonly Event[], eligible: (e: Event) => boolean = () => true): Event | null {
  let best: Event | null = null;
  const startOf = (e: Event): number => (e.evidence.length ? Math.min(...e.evidence.map((s) => s.start)) : Number.MAX_SAFE_INTEGER);
  for (const e of events) {
    if (e.negated || !eligible(e)) continue;
    if (!best || e.confidence > best.confidence || (e.confidence === best.confidence && startOf(e) < startOf(best))) best = e;
  }
  return best;
}

export function caseLabel(report: Pick<Report, "events">): string {
  const main = mainEvent(report.events, (e) => caseLabelOfEvent(e) !== null);
  return main ? caseLabelOfEvent(main)! : NO_EVENT;
}

export function ploverLabel(report: Pick<Report, "events">): string {
  return mainEvent(report.events)?.type ?? NO_EVENT;
}

export interface LabelledText {
  id: string;
  line: number;
  text: string;
  gold: string;
  published?: string;
}

/** CASE-2021 `snippets.tsv`: a header, then id, snippet and label separated by tabs. */
export function readCaseSnippets(source: string, file: string): { items: LabelledText[]; errors: string[] } {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0].split("\t");
  const [idCol, textCol, labelCol] = ["id", "EventSnippet", "SubType"].map((name) => header.indexOf(name));
  if (idCol < 0 || textCol < 0 || labelCol < 0) {
    throw new SitrepError("SITREP_GOLD_INVALID", `${file}:1: expected the header "id<TAB>EventSnippet<TAB>SubType"`);
  }
  const items: LabelledText[] = [];
  const errors: string[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
    const cells = line.split("\t");
    const label = cells[labelCol]?.trim();
    if (cells.length !== header.length || !label || !cells[textCol]?.trim()) {
      errors.push(`${file}:${i + 2}: expected ${header.length} tab-separated cells with a snippet and a label`);
      return;
    }
    items.push({ id: cells[idCol], line: i + 2, text: cells[textCol], gold: label });
  });
  return { items, errors };
}

interface PloverRecord {
  id?: string;
  event?: string;
  text?: string;
  date?: string;
}

/** PLOVER `records.json`: gold types compared as current PLOVER, the ones without a counterpart counted. */
export function readPloverRecords(source: string, file: string): { items: LabelledText[]; errors: string[]; leftOut: Record<string, number> } {
  let records: unknown;
  try {
    records = JSON.parse(source);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    const line = at ? source.slice(0, Number(at)).split("\n").length : 1;
    throw new SitrepError("SITREP_GOLD_INVALID", `${file}:${line}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(records)) throw new SitrepError("SITREP_GOLD_INVALID", `${file}:1: expected a JSON array of PLOVER records`);
  const items: LabelledText[] = [];
  const errors: string[] = [];
  const leftOut: Record<string, number> = {};
  // line of each record's "id" in the file, so that errors can point at it
  const lineOfId = (id: string): number => {
    const at = source.indexOf(`"${id}"`);
    return at < 0 ? 1 : source.slice(0, at).split("\n").length;
  };
  (records as PloverRecord[]).forEach((r, i) => {
    const id = r.id ?? `#${i + 1}`;
    const event = r.event?.trim().toUpperCase();
    if (event && PLOVER_LEFT_OUT.has(event)) {
      leftOut[event] = (leftOut[event] ?? 0) + 1;
      return;
    }
    if (!event || !r.text) {
      errors.push(`${file}:${lineOfId(id)}: record ${id} lacks "event" or "text"`);
      return;
    }
    items.push({ id, line: lineOfId(id), text: r.text, gold: PLOVER_RENAMED[event] ?? event, published: r.date });
  });
  return { items, errors, leftOut };
}

function readGold(target: string): { format: "case" | "plover"; source: string } {
  let source: string;
  try {
    source = readFileSync(target, "utf8");
  } catch (err) {
    throw new SitrepError("SITREP_GOLD_INVALID", `${target}: cannot read the gold file (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const start = source.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("[")) return { format: "plover", source };
  if (/^id\t/.test(start)) return { format: "case", source };
  throw new SitrepError("SITREP_GOLD_INVALID", `${target}:1: neither a CASE-2021 snippets.tsv (header "id<TAB>EventSnippet<TAB>SubType") nor a PLOVER records.json (a JSON array)`);
}

function render(format: "case" | "plover", s: ClassificationScores, note: string): string {
  const overall = formatTable(
    ["measure", "p", "r", "f1"],
    [
      ["weighted", fixed(s.weighted.p), fixed(s.weighted.r), fixed(s.weighted.f1)],
      ["macro", fixed(s.macro.p), fixed(s.macro.r), fixed(s.macro.f1)],
    ],
    ["left", "right", "right", "right"],
  );
  return [
    `${format === "case" ? "CASE-2021 ACLED sub-event type" : "PLOVER event type"}: accuracy ${fixed(s.accuracy)} over ${s.n}`,
    overall,
    "",
    formatLabelScores(s.perLabel),
    "",
    "confusion (rows gold, columns predicted)",
    formatConfusion(s),
    "",
    note,
  ].join("\n");
}

async function run(target: string, options: EvalOptions): Promise<EvalResult> {
  const { format, source } = readGold(target);
  const read = format === "case" ? { ...readCaseSnippets(source, target), leftOut: {} as Record<string, number> } : readPloverRecords(source, target);
  const items = read.items.slice(0, options.limit ?? undefined);
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline();
  const labelOf = format === "case" ? caseLabel : ploverLabel;
  const pipelineErrors: string[] = [];
  const pairs = items.map((item) => {
    let pred = NO_EVENT;
    try {
      pred = labelOf(pipeline.extract({ text: item.text, published: item.published }));
    } catch (err) {
      pipelineErrors.push(`${item.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { id: item.id, gold: item.gold, pred };
  });
  const scores = classify(pairs);
  const leftOutCount = Object.values(read.leftOut).reduce((a, b) => a + b, 0);
  const note =
    (format === "case"
      ? "label = the CASE label of the most confident non-negated event that has one; none = no such event"
      : `label = the PLOVER type of the most confident non-negated event; left out: ${leftOutCount} (${Object.entries(read.leftOut).map(([k, v]) => `${k} ${v}`).join(", ") || "none"})`) +
    (pipelineErrors.length ? `; the pipeline failed on ${pipelineErrors.length}` : "");
  const summary: Record<string, number> =
    format === "case"
      ? { weighted_f1: round(scores.weighted.f1), macro_f1: round(scores.macro.f1), acc: round(scores.accuracy), n: scores.n }
      : { plover_acc: round(scores.accuracy), weighted_f1: round(scores.weighted.f1), macro_f1: round(scores.macro.f1), n: scores.n, left_out: leftOutCount };
  return {
    task: "events",
    table: render(format, scores, note),
    summary,
    details: { format, scores, leftOut: read.leftOut, wrong: pairs.filter((p) => p.gold !== p.pred), pipelineErrors },
    goldErrors: read.errors,
  };
}

export const task: EvalTask = {
  name: "events",
  description: "event type of a short report: CASE-2021 ACLED sub-event (weighted/macro F1) or PLOVER type (accuracy)",
  defaultTarget: "case2021-task2/snippets.tsv",
  /** also run by `sitrep eval all`: the PLOVER gold records */
  extraTargets: ["plover-gsr/records.json"],
  run,
};
