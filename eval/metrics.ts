/**
 * Scoring arithmetic shared by every `sitrep eval` task: precision/recall/F1 (micro, macro, weighted),
 * accuracy, mean absolute error, span overlap and offset mapping, and the fixed-width tables they print.
 * Everything here is pure: gold and predictions in, numbers or text out.
 */
import { readFileSync } from "node:fs";
import { SitrepError } from "../src/errors.js";

export interface PRF {
  p: number;
  r: number;
  f1: number;
}

/** Precision, recall and F1 from counts; 0 (not NaN) where a denominator is 0, as conlleval and sklearn do. */
export function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

/** P/R/F1 when precision and recall have different numerators (many-to-one span matching). */
export function prfFromRates(correctPredicted: number, predicted: number, foundGold: number, gold: number): PRF {
  const p = predicted === 0 ? 0 : correctPredicted / predicted;
  const r = gold === 0 ? 0 : foundGold / gold;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

export function accuracy(correct: number, total: number): number {
  return total === 0 ? 0 : correct / total;
}

export function meanAbsoluteError(pairs: readonly { gold: number; pred: number }[]): number {
  if (pairs.length === 0) return 0;
  return pairs.reduce((sum, { gold, pred }) => sum + Math.abs(gold - pred), 0) / pairs.length;
}

export interface LabelScore extends PRF {
  label: string;
  /** how many gold items carry this label */
  support: number;
  predicted: number;
  tp: number;
}

export interface ClassificationScores {
  n: number;
  accuracy: number;
  micro: PRF;
  /** unweighted mean over every label seen in gold or predictions (sklearn's `average="macro"`) */
  macro: PRF;
  /** mean weighted by gold support (sklearn's `average="weighted"`) */
  weighted: PRF;
  perLabel: LabelScore[];
  /** confusion[gold][pred] = count */
  confusion: Record<string, Record<string, number>>;
  labels: string[];
}

/**
 * Single-label classification, scored as sklearn's `precision_recall_fscore_support` does: one gold and one
 * predicted label per item; labels are the union of both sides, sorted by gold support then name.
 */
export function classify(pairs: readonly { gold: string; pred: string }[]): ClassificationScores {
  const confusion: Record<string, Record<string, number>> = {};
  const support = new Map<string, number>();
  const predicted = new Map<string, number>();
  const tp = new Map<string, number>();
  for (const { gold, pred } of pairs) {
    confusion[gold] ??= {};
    confusion[gold][pred] = (confusion[gold][pred] ?? 0) + 1;
    support.set(gold, (support.get(gold) ?? 0) + 1);
    predicted.set(pred, (predicted.get(pred) ?? 0) + 1);
    if (gold === pred) tp.set(gold, (tp.get(gold) ?? 0) + 1);
    if (!support.has(pred)) support.set(pred, 0);
    if (!predicted.has(gold)) predicted.set(gold, 0);
  }
  const labels = [...support.keys()].sort((a, b) => support.get(b)! - support.get(a)! || a.localeCompare(b));
  const perLabel: LabelScore[] = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const s = support.get(label) ?? 0;
    const pr = predicted.get(label) ?? 0;
    return { label, support: s, predicted: pr, tp: t, ...prf(t, pr - t, s - t) };
  });
  const n = pairs.length;
  const correct = [...tp.values()].reduce((a, b) => a + b, 0);
  const mean = (key: keyof PRF): number =>
    perLabel.length === 0 ? 0 : perLabel.reduce((sum, s) => sum + s[key], 0) / perLabel.length;
  const weightedMean = (key: keyof PRF): number =>
    n === 0 ? 0 : perLabel.reduce((sum, s) => sum + s[key] * s.support, 0) / n;
  return {
    n,
    accuracy: accuracy(correct, n),
    micro: prf(correct, n - correct, n - correct),
    macro: { p: mean("p"), r: mean("r"), f1: mean("f1") },
    weighted: { p: weightedMean("p"), r: weightedMean("r"), f1: weightedMean("f1") },
    perLabel,
    confusion,
    labels,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Spans

export interface CharRange {
  start: number;
  end: number;
}

/** Characters two half-open ranges share. */
export function overlapLength(a: CharRange, b: CharRange): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * Maps offsets in `source` (the text we gave the pipeline) to offsets in `target` (the `article.text` it
 * reports), which may differ by trimmed or collapsed whitespace, normalised quotes or a dropped line.
 * Equal texts map by identity; otherwise characters are aligned greedily, skipping what one side lacks.
 * Returns a function from a target offset back to a source offset, which is what scoring needs.
 */
export function targetToSourceOffsets(source: string, target: string): (offset: number) => number {
  if (source === target) return (offset) => offset;
  // the target is the source trimmed, or the source with a title line put before it
  const inner = source.indexOf(target);
  if (inner >= 0) return (offset) => offset + inner;
  const outer = target.indexOf(source);
  if (outer >= 0) return (offset) => Math.max(0, Math.min(offset - outer, source.length));
  const map = new Int32Array(target.length + 1);
  let i = 0;
  let j = 0;
  const lookahead = 64;
  while (j < target.length) {
    if (i < source.length && sameChar(source[i], target[j])) {
      map[j++] = i++;
      continue;
    }
    // whitespace differences are the usual case: skip the whitespace run on either side
    if (i < source.length && /\s/.test(source[i]) && !/\s/.test(target[j])) {
      i++;
      continue;
    }
    if (/\s/.test(target[j])) {
      map[j++] = i;
      continue;
    }
    // one character replaced by another ("--" for a dash, a normalised letter)
    if (i + 1 < source.length && j + 1 < target.length && sameChar(source[i + 1], target[j + 1])) {
      map[j++] = i++;
      continue;
    }
    // look ahead in the source for the target character (something dropped from the source)
    let found = -1;
    for (let k = i + 1; k < Math.min(source.length, i + lookahead); k++) {
      if (sameChar(source[k], target[j])) {
        found = k;
        break;
      }
    }
    if (found >= 0) {
      i = found;
      continue;
    }
    map[j++] = Math.min(i, source.length); // a character only the target has
  }
  map[target.length] = source.length;
  return (offset) => map[Math.max(0, Math.min(offset, target.length))];
}

/**
 * Maps a half-open range of `target` back onto `source`: the start by its first character, the end by its
 * last, so that whitespace the target dropped or added at the edges does not stretch the range.
 */
export function rangeMapper(source: string, target: string): (range: CharRange) => CharRange {
  const toSource = targetToSourceOffsets(source, target);
  return ({ start, end }) => {
    if (end <= start) {
      const at = toSource(start);
      return { start: at, end: at };
    }
    const s = toSource(start);
    return { start: s, end: Math.max(s, toSource(end - 1) + 1) };
  };
}

function sameChar(a: string, b: string): boolean {
  return a === b || (QUOTE_LIKE.has(a) && QUOTE_LIKE.has(b));
}

const QUOTE_LIKE = new Set(["\"", "'", "\u201C", "\u201D", "\u2018", "\u2019", "\u00AB", "\u00BB", "`"]);

// ---------------------------------------------------------------------------------------------------------
// Tables

export type Align = "left" | "right";

/** A fixed-width table: header, a rule, rows. Numbers are right-aligned unless `align` says otherwise. */
export function formatTable(header: string[], rows: (string | number)[][], align?: Align[]): string {
  const cells = rows.map((row) => row.map(formatCell));
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => (row[c] ?? "").length)));
  const alignOf = (c: number): Align =>
    align?.[c] ?? (rows.length > 0 && rows.every((row) => typeof row[c] === "number") ? "right" : "left");
  const line = (row: string[]): string =>
    row
      .map((cell, c) => (alignOf(c) === "right" ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/**
 * Rows gold x columns predicted; zero cells print as "." so the diagonal stands out. Short label sets name
 * their columns; long ones number them (row "3 GRENADE" is column 3) so the table stays narrow.
 */
export function formatConfusion(scores: Pick<ClassificationScores, "confusion" | "labels">, maxLabels = 40): string {
  const labels = scores.labels.slice(0, maxLabels);
  const numbered = labels.length > 12 || labels.some((l) => l.length > 6);
  const columns = labels.map((l, i) => (numbered ? String(i + 1) : l));
  const rowNames = labels.map((l, i) => (numbered ? `${String(i + 1).padStart(2)} ${l}` : l));
  const rows = labels.map((gold, r) => [rowNames[r], ...labels.map((pred) => scores.confusion[gold]?.[pred] ?? 0)]);
  const text = formatTable(
    ["gold \\ pred", ...columns],
    rows.map((row) => row.map((cell, c) => (c > 0 && cell === 0 ? "." : cell))),
    ["left", ...labels.map((): Align => "right")],
  );
  return labels.length < scores.labels.length ? `${text}\n(${scores.labels.length - labels.length} more labels not shown)` : text;
}

/** Per-label P/R/F1 rows, as conlleval and sklearn's classification_report print them. */
export function formatLabelScores(perLabel: readonly LabelScore[]): string {
  return formatTable(
    ["label", "p", "r", "f1", "support", "predicted"],
    perLabel.map((s) => [s.label, fixed(s.p), fixed(s.r), fixed(s.f1), s.support, s.predicted]),
    ["left", "right", "right", "right", "right", "right"],
  );
}

/** Three decimals, the precision every summary line uses. */
export function fixed(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}

/** Rounds for JSON and summaries so that 0.1 + 0.2 prints as 0.3. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function formatCell(cell: string | number): string {
  if (typeof cell === "string") return cell;
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(3);
}

/** The text of a gold file, or a one-line error naming it (missing, unreadable). */
export function readGoldText(target: string): string {
  try {
    return readFileSync(target, "utf8");
  } catch (err) {
    throw new SitrepError("SITREP_GOLD_INVALID", `${target}: cannot read the gold file (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
