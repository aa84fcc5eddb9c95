/**
 * `sitrep eval time <dir of .tml>`: TempEval-3 task A (time expressions), scored as the TempEval-3 scorer does.
 *
 * Gold: every `.tml` file under the folder (recursively; a file name seen twice is read once, so the
 * `testpipeline/` copy inside TBAQ-cleaned does not count double). The text we give the pipeline is the
 * content of `<TEXT>` with the XML tags removed and entities decoded; the DCT's value is the publication date.
 *
 * Predictions: every mention of every `report.times[]` entry is one predicted TIMEX3, with the entry's value;
 * its TIMEX3 type comes from `timexTypeOf` (read off the value).
 *
 * Figures (as TempEval-3): strict extent P/R/F1 (same offsets); relaxed extent P/R/F1 (any overlap, one-to-one);
 * value P/R/F1 counts relaxed matches whose value is the same string; type accuracy over relaxed matches.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { SitrepError } from "../src/errors.js";
import type { Report } from "../src/report.js";
import { accuracy, fixed, formatTable, overlapLength, prf, rangeMapper, round, type PRF } from "./metrics.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

export type TimexType = "DATE" | "TIME" | "DURATION" | "SET";

export interface Timex {
  start: number;
  end: number;
  text: string;
  type: TimexType | string;
  value: string;
}

export interface TimemlDoc {
  file: string;
  docId: string;
  /** the DCT's value, e.g. "1998-01-08" or "1990-08-15T13:37" */
  dct: string | null;
  text: string;
  timexes: Timex[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Reads one TimeML document; a problem is a SitrepError naming file and line. */
export function parseTimeml(source: string, file: string): TimemlDoc {
  const lineAt = (offset: number): number => source.slice(0, offset).split("\n").length;
  const fail = (offset: number, what: string): never => {
    throw new SitrepError("SITREP_GOLD_INVALID", `${file}:${lineAt(offset)}: ${what}`);
  };
  const docId = /<DOCID>([^<]*)<\/DOCID>/.exec(source)?.[1].trim() ?? basename(file, ".tml");
  const dctMatch = /<DCT>\s*<TIMEX3\b([^>]*)>/.exec(source);
  const dct = dctMatch ? (attribute(dctMatch[1], "value") ?? null) : null;
  const open = source.indexOf("<TEXT>");
  if (open < 0) fail(0, "no <TEXT> element");
  const close = source.indexOf("</TEXT>", open);
  if (close < 0) fail(open, "<TEXT> is never closed");

  let text = "";
  const timexes: Timex[] = [];
  let current: { start: number; type: string; value: string; at: number } | null = null;
  const tag = /<(\/?)([A-Za-z][\w:-]*)([^>]*?)(\/?)>|&(#x?[0-9a-fA-F]+|\w+);/g;
  const from = open + "<TEXT>".length;
  tag.lastIndex = from;
  let last = from;
  for (let m = tag.exec(source); m && m.index < close; m = tag.exec(source)) {
    text += source.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[5] !== undefined) {
      text += decodeEntity(m[5]) ?? m[0];
      continue;
    }
    const [, slash, name, attrs, selfClosing] = m;
    if (name !== "TIMEX3" || selfClosing) continue;
    if (!slash) {
      if (current) fail(m.index, "TIMEX3 opened inside another TIMEX3");
      current = { start: text.length, type: attribute(attrs, "type") ?? "", value: attribute(attrs, "value") ?? "", at: m.index };
    } else {
      if (!current) fail(m.index, "</TIMEX3> without an opening tag");
      const c = current!;
      timexes.push({ start: c.start, end: text.length, text: text.slice(c.start, text.length), type: c.type, value: c.value });
      current = null;
    }
  }
  if (current) fail(current.at, "TIMEX3 is never closed");
  text += source.slice(last, close);
  return { file, docId, dct, text, timexes };
}

function attribute(attrs: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
  return ENTITIES[body];
}

/**
 * TIMEX3 type of a predicted time, from its value: "P3D" is a DURATION, "1998-01-08T14:00" or "T14:00" a TIME,
 * "R2P1W" a SET; everything else (day/week/month/year granularity, "PRESENT_REF", "1998-Q1") is a DATE. The
 * granularity adds nothing the value does not already say, so it is not consulted.
 */
export function timexTypeOf(value: string): TimexType {
  if (/^R\d*P/.test(value)) return "SET";
  if (/^P(\d|T\d|X)/.test(value)) return "DURATION";
  if (/T(\d\d|MO|AF|EV|NI|DT)/.test(value)) return "TIME";
  return "DATE";
}

/** The report's times as TIMEX3 predictions with offsets into `sourceText` (what we gave the pipeline). */
export function predictedTimexes(report: Pick<Report, "times" | "article">, sourceText: string): Timex[] {
  const map = rangeMapper(sourceText, report.article.text);
  const seen = new Set<string>();
  const out: Timex[] = [];
  for (const time of report.times) {
    for (const mention of time.mentions) {
      const { start, end } = map(mention);
      const key = `${start}:${end}`;
      if (seen.has(key) || end <= start) continue;
      seen.add(key);
      out.push({ start, end, text: sourceText.slice(start, end), type: timexTypeOf(time.value), value: time.value });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface TimeScores {
  docs: number;
  gold: number;
  predicted: number;
  strict: PRF;
  relaxed: PRF;
  value: PRF;
  typeAccuracy: number;
  relaxedMatches: number;
}

export interface TimeErrors {
  missed: { doc: string; text: string; type: string; value: string }[];
  spurious: { doc: string; text: string; value: string }[];
  wrongValue: { doc: string; text: string; gold: string; predicted: string }[];
  wrongType: { doc: string; text: string; gold: string; predicted: string }[];
}

/** Scores documents of gold and predicted TIMEX3s; one-to-one matching, largest overlap first. */
export function scoreTime(docs: readonly { id: string; gold: Timex[]; predicted: Timex[] }[]): { scores: TimeScores; errors: TimeErrors } {
  let gold = 0;
  let predicted = 0;
  let strict = 0;
  let relaxed = 0;
  let valueRight = 0;
  let typeRight = 0;
  const errors: TimeErrors = { missed: [], spurious: [], wrongValue: [], wrongType: [] };
  for (const doc of docs) {
    gold += doc.gold.length;
    predicted += doc.predicted.length;
    const exact = new Set(doc.predicted.map((p) => `${p.start}:${p.end}`));
    strict += doc.gold.filter((g) => exact.has(`${g.start}:${g.end}`)).length;
    const pairs: { g: number; p: number; overlap: number }[] = [];
    doc.gold.forEach((g, gi) =>
      doc.predicted.forEach((p, pi) => {
        const overlap = overlapLength(g, p);
        if (overlap > 0) pairs.push({ g: gi, p: pi, overlap });
      }),
    );
    pairs.sort((a, b) => b.overlap - a.overlap || a.g - b.g || a.p - b.p);
    const goldUsed = new Set<number>();
    const predUsed = new Set<number>();
    for (const { g, p } of pairs) {
      if (goldUsed.has(g) || predUsed.has(p)) continue;
      goldUsed.add(g);
      predUsed.add(p);
      relaxed++;
      const gt = doc.gold[g];
      const pt = doc.predicted[p];
      if (gt.value === pt.value) valueRight++;
      else errors.wrongValue.push({ doc: doc.id, text: gt.text, gold: gt.value, predicted: pt.value });
      if (gt.type === pt.type) typeRight++;
      else errors.wrongType.push({ doc: doc.id, text: gt.text, gold: gt.type, predicted: pt.type });
    }
    doc.gold.forEach((g, gi) => {
      if (!goldUsed.has(gi)) errors.missed.push({ doc: doc.id, text: g.text, type: g.type, value: g.value });
    });
    doc.predicted.forEach((p, pi) => {
      if (!predUsed.has(pi)) errors.spurious.push({ doc: doc.id, text: p.text, value: p.value });
    });
  }
  return {
    scores: {
      docs: docs.length,
      gold,
      predicted,
      strict: prf(strict, predicted - strict, gold - strict),
      relaxed: prf(relaxed, predicted - relaxed, gold - relaxed),
      value: prf(valueRight, predicted - valueRight, gold - valueRight),
      typeAccuracy: accuracy(typeRight, relaxed),
      relaxedMatches: relaxed,
    },
    errors,
  };
}

/** Every `.tml` file under `dir`, sorted by path, each file name once. */
export function findTimemlFiles(dir: string): string[] {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new SitrepError("SITREP_GOLD_INVALID", `${dir}: no such file or folder (expected a folder of TimeML .tml files)`);
  }
  if (stat.isFile()) return [dir];
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".tml")) files.push(path);
    }
  };
  walk(dir);
  const seen = new Set<string>();
  const unique = files.sort().filter((f) => {
    const name = basename(f);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  if (unique.length === 0) throw new SitrepError("SITREP_GOLD_INVALID", `${dir}: no .tml files in this folder`);
  return unique;
}

async function run(target: string, options: EvalOptions): Promise<EvalResult> {
  const files = findTimemlFiles(target).slice(0, options.limit ?? undefined);
  const goldErrors: string[] = [];
  const pipelineErrors: string[] = [];
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline();
  const docs: { id: string; gold: Timex[]; predicted: Timex[] }[] = [];
  for (const file of files) {
    let gold: TimemlDoc;
    try {
      gold = parseTimeml(readFileSync(file, "utf8"), relative(process.cwd(), file) || file);
    } catch (err) {
      goldErrors.push(err instanceof Error ? err.message : String(err));
      continue;
    }
    let predicted: Timex[] = [];
    try {
      const report = pipeline.extract({ text: gold.text, published: gold.dct ?? undefined });
      predicted = predictedTimexes(report, gold.text);
    } catch (err) {
      pipelineErrors.push(`${gold.docId}: ${err instanceof Error ? err.message : String(err)}`);
    }
    docs.push({ id: gold.docId, gold: gold.timexes, predicted });
  }
  const { scores, errors } = scoreTime(docs);
  const row = (name: string, s: PRF): string[] => [name, fixed(s.p), fixed(s.r), fixed(s.f1)];
  const table = [
    formatTable(
      ["measure", "p", "r", "f1"],
      [row("strict extent", scores.strict), row("relaxed extent", scores.relaxed), row("value", scores.value)],
      ["left", "right", "right", "right"],
    ),
    "",
    `type accuracy ${fixed(scores.typeAccuracy)} over ${scores.relaxedMatches} relaxed matches; ` +
      `${scores.gold} gold and ${scores.predicted} predicted TIMEX3 in ${scores.docs} documents` +
      (pipelineErrors.length ? `; the pipeline failed on ${pipelineErrors.length}` : ""),
  ].join("\n");
  return {
    task: "time",
    table,
    summary: {
      strict_f1: round(scores.strict.f1),
      relaxed_f1: round(scores.relaxed.f1),
      value_f1: round(scores.value.f1),
      type_acc: round(scores.typeAccuracy),
      n: scores.gold,
    },
    details: { scores, pipelineErrors, errors: summariseErrors(errors) },
    goldErrors,
  };
}

/** The most frequent error forms, so the lead sees what to fix first. */
function summariseErrors(errors: TimeErrors): Record<string, { key: string; count: number }[]> {
  const top = <T>(items: T[], key: (t: T) => string): { key: string; count: number }[] => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count).slice(0, 25);
  };
  return {
    missedByType: top(errors.missed, (e) => e.type),
    missed: top(errors.missed, (e) => `${e.type} ${e.text.toLowerCase()}`),
    spurious: top(errors.spurious, (e) => e.text.toLowerCase()),
    wrongValue: top(errors.wrongValue, (e) => `${e.text.toLowerCase()}: gold ${e.gold} got ${e.predicted}`),
    wrongType: top(errors.wrongType, (e) => `gold ${e.gold} got ${e.predicted}`),
  };
}

export const task: EvalTask = {
  name: "time",
  description: "TempEval-3 task A: time expression extents (strict, relaxed), values and types",
  defaultTarget: "tempeval3/TBAQ-cleaned",
  run,
};
