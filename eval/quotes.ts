/**
 * `sitrep eval quotes <PolNeAR split dir>`: direct quotes found, and found with the right speaker.
 *
 * Gold: `<split>/text/<article>.txt` with BRAT `<split>/attributions/<article>_<annotator>.ann`. Articles annotated
 * by several people are read from ONE annotator: the first by annotator id in alphabetical order (deterministic,
 * and independent of file system order). A gold direct quote is a Content span that contains a double quotation
 * mark (" “ ” „), or has one right at its edge (annotators often leave the marks outside the span). Its speaker
 * is the attribution's Source span; attributions without a Source have no gold speaker.
 * `../metadata.tsv` (beside the split folders) gives each article's publication date.
 *
 * Matching: a predicted quote is correct if its evidence overlaps a gold direct quote by at least half of the
 * shorter of the two (so a quote that is only the quoted words of a mixed quote still counts); a gold quote is
 * found if some correct prediction overlaps it. Precision is over predicted quotes, recall over gold quotes
 * (many-to-one: a gold Content holding two quoted sentences may be found by two predictions).
 * The speaker is right if the predicted speaker entity has a mention overlapping the gold Source span, or if
 * the gold Source text names the same person (the entity's name or an alias, or its last word, or the quote's
 * `speakerText`, appears in it, or is the very words of the Source, as "he" for "he"); with no gold Source, the
 * speaker is right only if the prediction has none. PolNeAR has no coreference, so a pronoun Source can only be
 * matched by position or by the same words.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { SitrepError } from "../src/errors.js";
import type { Report } from "../src/report.js";
import { fixed, formatTable, overlapLength, prfFromRates, rangeMapper, round, type CharRange, type PRF } from "./metrics.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

export interface BratSpan {
  id: string;
  label: string;
  fragments: CharRange[];
  text: string;
}

export interface GoldQuote {
  content: CharRange[];
  /** the Source span, or null when the attribution has none */
  source: { fragments: CharRange[]; text: string } | null;
}

export interface PredictedQuote {
  evidence: CharRange[];
  /** character ranges of every mention of the predicted speaker entity */
  speakerMentions: CharRange[];
  /** the entity's name and aliases and the quote's speakerText: what "the same person by name" compares */
  speakerNames: string[];
  hasSpeaker: boolean;
}

/** Parses BRAT standoff into text-bound spans (T lines) and attribution relations (E lines). */
export function parseBrat(source: string, file: string): { spans: Map<string, BratSpan>; relations: Record<string, string[]>[] } {
  const spans = new Map<string, BratSpan>();
  const relations: Record<string, string[]>[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const cols = line.split("\t");
    if (line.startsWith("T")) {
      const m = /^(\S+) ((?:\d+ \d+;?)+)$/.exec(cols[1] ?? "");
      if (!m) throw new SitrepError("SITREP_GOLD_INVALID", `${file}:${i + 1}: malformed text-bound annotation "${line.slice(0, 60)}"`);
      const fragments = m[2].split(";").map((pair) => {
        const [start, end] = pair.split(" ").map(Number);
        return { start, end };
      });
      spans.set(cols[0], { id: cols[0], label: m[1], fragments, text: cols[2] ?? "" });
    } else if (line.startsWith("E")) {
      const args: Record<string, string[]> = {};
      for (const arg of (cols[1] ?? "").split(" ")) {
        const [role, id] = arg.split(":");
        if (!role || !id) continue;
        const name = role.replace(/\d+$/, "");
        (args[name] ??= []).push(id);
      }
      relations.push(args);
    }
  });
  return { spans, relations };
}

const DOUBLE_QUOTES = /["\u201C\u201D\u201E\u00AB\u00BB]/;

/** A Content span is a direct quote if it holds a double quotation mark, or one sits right at its edges. */
export function isDirectQuote(text: string, fragments: readonly CharRange[]): boolean {
  return fragments.some(({ start, end }) => {
    const inner = text.slice(start, end);
    const before = text.slice(Math.max(0, start - 2), start);
    const after = text.slice(end, end + 2);
    return DOUBLE_QUOTES.test(inner) || DOUBLE_QUOTES.test(before) || DOUBLE_QUOTES.test(after);
  });
}

/** The direct quotes of one annotated article. */
export function goldQuotes(text: string, ann: string, file: string): GoldQuote[] {
  const { spans, relations } = parseBrat(ann, file);
  const quotes: GoldQuote[] = [];
  const inRelation = new Set<string>();
  for (const args of relations) {
    for (const id of args.Content ?? []) {
      inRelation.add(id);
      const content = spans.get(id);
      if (!content || !isDirectQuote(text, content.fragments)) continue;
      const source = (args.Source ?? []).map((s) => spans.get(s)).find((s) => s !== undefined);
      quotes.push({ content: content.fragments, source: source ? { fragments: source.fragments, text: source.text } : null });
    }
  }
  // a Content span that no relation names is still a quote the annotator marked, with no speaker
  for (const span of spans.values()) {
    if (span.label === "Content" && !inRelation.has(span.id) && isDirectQuote(text, span.fragments)) {
      quotes.push({ content: span.fragments, source: null });
    }
  }
  return quotes;
}

/** The report's quotes with offsets mapped into `sourceText`, and what we know of each speaker. */
export function predictedQuotes(report: Pick<Report, "quotes" | "entities"> & { article: Pick<Report["article"], "text"> }, sourceText: string): PredictedQuote[] {
  const map = rangeMapper(sourceText, report.article.text);
  const entities = new Map(report.entities.map((e) => [e.id, e]));
  return report.quotes.map((q) => {
    const entity = q.speaker ? entities.get(q.speaker) : undefined;
    const names = [entity?.name, ...(entity?.aliases ?? []), q.speakerText].filter((n): n is string => !!n);
    return {
      evidence: q.evidence.map(map),
      speakerMentions: (entity?.mentions ?? []).map(map),
      speakerNames: names,
      hasSpeaker: q.speaker !== null || q.speakerText !== null,
    };
  });
}

const totalOverlap = (a: readonly CharRange[], b: readonly CharRange[]): number =>
  a.reduce((sum, x) => sum + b.reduce((s, y) => s + overlapLength(x, y), 0), 0);
const totalLength = (a: readonly CharRange[]): number => a.reduce((sum, x) => sum + Math.max(0, x.end - x.start), 0);

/** "Substantially": at least half of the shorter of the two spans. */
export function quoteMatches(pred: readonly CharRange[], gold: readonly CharRange[]): boolean {
  const shorter = Math.min(totalLength(pred), totalLength(gold));
  return shorter > 0 && totalOverlap(pred, gold) >= 0.5 * shorter;
}

/** How a predicted speaker was judged right: by a mention on the Source span, by name, by the same words. */
export type SpeakerMatch = "mention" | "name" | "same-words" | "both-none";

export function speakerMatch(pred: PredictedQuote, gold: GoldQuote): SpeakerMatch | null {
  if (!gold.source) return pred.hasSpeaker ? null : "both-none";
  if (totalOverlap(pred.speakerMentions, gold.source.fragments) > 0) return "mention";
  const sourceText = gold.source.text.toLowerCase().trim();
  let sameWords = false;
  for (const name of pred.speakerNames) {
    const n = name.toLowerCase().trim();
    if (n.length >= 3 && (sourceText.includes(n) || (sourceText.length >= 3 && n.includes(sourceText)))) return "name";
    const last = n.split(/\s+/).pop() ?? "";
    if (last.length >= 3 && new RegExp(`\\b${escapeRegExp(last)}\\b`).test(sourceText)) return "name";
    // the very words the annotators marked ("he", "the source"): the same source mention
    if (n === sourceText) sameWords = true;
  }
  return sameWords ? "same-words" : null;
}

export function speakerRight(pred: PredictedQuote, gold: GoldQuote): boolean {
  return speakerMatch(pred, gold) !== null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface QuoteCounts {
  predicted: number;
  gold: number;
  correct: number;
  correctWithSpeaker: number;
  found: number;
  foundWithSpeaker: number;
}

export function countQuotes(gold: readonly GoldQuote[], predicted: readonly PredictedQuote[]): QuoteCounts {
  const counts: QuoteCounts = { predicted: predicted.length, gold: gold.length, correct: 0, correctWithSpeaker: 0, found: 0, foundWithSpeaker: 0 };
  const found = new Set<number>();
  const foundWithSpeaker = new Set<number>();
  for (const p of predicted) {
    let correct = false;
    let withSpeaker = false;
    gold.forEach((g, gi) => {
      if (!quoteMatches(p.evidence, g.content)) return;
      correct = true;
      found.add(gi);
      if (speakerRight(p, g)) {
        withSpeaker = true;
        foundWithSpeaker.add(gi);
      }
    });
    if (correct) counts.correct++;
    if (withSpeaker) counts.correctWithSpeaker++;
  }
  counts.found = found.size;
  counts.foundWithSpeaker = foundWithSpeaker.size;
  return counts;
}

export function addCounts(a: QuoteCounts, b: QuoteCounts): QuoteCounts {
  return {
    predicted: a.predicted + b.predicted,
    gold: a.gold + b.gold,
    correct: a.correct + b.correct,
    correctWithSpeaker: a.correctWithSpeaker + b.correctWithSpeaker,
    found: a.found + b.found,
    foundWithSpeaker: a.foundWithSpeaker + b.foundWithSpeaker,
  };
}

export function quoteScores(c: QuoteCounts): { found: PRF; speaker: PRF } {
  return {
    found: prfFromRates(c.correct, c.predicted, c.found, c.gold),
    speaker: prfFromRates(c.correctWithSpeaker, c.predicted, c.foundWithSpeaker, c.gold),
  };
}

export interface PolnearArticle {
  name: string;
  textFile: string;
  annFile: string;
  annotator: string;
  published: string | null;
}

/** The articles of a split folder, each with the one annotator file we score against. */
export function polnearArticles(splitDir: string): PolnearArticle[] {
  const textDir = join(splitDir, "text");
  const annDir = join(splitDir, "attributions");
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new SitrepError("SITREP_GOLD_INVALID", `${splitDir}: not a PolNeAR split folder (expected text/ and attributions/ inside)`);
  }
  const dates = readPublicationDates(join(dirname(splitDir.replace(/\/+$/, "")), "metadata.tsv"));
  const annotators = new Map<string, string[]>();
  for (const file of readdirSync(annDir)) {
    const m = /^(.*)_([0-9a-f]+)\.ann$/.exec(file);
    if (!m) continue;
    const list = annotators.get(m[1]) ?? [];
    list.push(m[2]);
    annotators.set(m[1], list);
  }
  return readdirSync(textDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .flatMap((file) => {
      const name = basename(file, ".txt");
      const ids = (annotators.get(name) ?? []).sort();
      if (ids.length === 0) return [];
      return [{ name, textFile: join(textDir, file), annFile: join(annDir, `${name}_${ids[0]}.ann`), annotator: ids[0], published: dates.get(name) ?? null }];
    });
}

function readPublicationDates(file: string): Map<string, string> {
  const dates = new Map<string, string>();
  if (!existsSync(file)) return dates;
  const [header, ...rows] = readFileSync(file, "utf8").split(/\r?\n/);
  const cols = header.split("\t");
  const nameCol = cols.indexOf("filename");
  const dateCol = cols.indexOf("publication_date");
  if (nameCol < 0 || dateCol < 0) return dates;
  for (const row of rows) {
    const cells = row.split("\t");
    if (cells[nameCol] && /^\d{4}-\d\d-\d\d/.test(cells[dateCol] ?? "")) dates.set(cells[nameCol], cells[dateCol]);
  }
  return dates;
}

async function run(target: string, options: EvalOptions): Promise<EvalResult> {
  const articles = polnearArticles(target).slice(0, options.limit ?? undefined);
  if (articles.length === 0) throw new SitrepError("SITREP_GOLD_INVALID", `${target}: no article has both a text and an annotation file`);
  const goldErrors: string[] = [];
  const pipelineErrors: string[] = [];
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline();
  let total: QuoteCounts = { predicted: 0, gold: 0, correct: 0, correctWithSpeaker: 0, found: 0, foundWithSpeaker: 0 };
  const misses = { notFound: 0, wrongSpeakerPronoun: 0, wrongSpeakerOther: 0, noSpeakerPredicted: 0 };
  const rightBy: Record<SpeakerMatch, number> = { mention: 0, name: 0, "same-words": 0, "both-none": 0 };
  const speakerErrors: { article: string; gold: string; predicted: string }[] = [];
  for (const article of articles) {
    const text = readFileSync(article.textFile, "utf8");
    let gold: GoldQuote[];
    try {
      gold = goldQuotes(text, readFileSync(article.annFile, "utf8"), article.annFile);
    } catch (err) {
      goldErrors.push(err instanceof Error ? err.message : String(err));
      continue;
    }
    let predicted: PredictedQuote[] = [];
    try {
      const report = pipeline.extract({ text, published: article.published ?? undefined });
      predicted = predictedQuotes(report, text);
    } catch (err) {
      pipelineErrors.push(`${article.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    total = addCounts(total, countQuotes(gold, predicted));
    // why gold quotes were missed, for the error summary
    for (const g of gold) {
      const matching = predicted.filter((p) => quoteMatches(p.evidence, g.content));
      const how = matching.map((p) => speakerMatch(p, g)).find((m) => m !== null);
      if (how) rightBy[how]++;
      if (matching.length === 0) misses.notFound++;
      else if (!how) {
        if (!matching.some((p) => p.hasSpeaker)) misses.noSpeakerPredicted++;
        else if (g.source && /^(he|she|they|i|we|it|him|her)$/i.test(g.source.text.trim())) misses.wrongSpeakerPronoun++;
        else misses.wrongSpeakerOther++;
        if (speakerErrors.length < 40) {
          speakerErrors.push({ article: article.name, gold: g.source?.text ?? "(none)", predicted: matching[0].speakerNames.join(" | ") || "(none)" });
        }
      }
    }
  }
  const scores = quoteScores(total);
  const row = (name: string, s: PRF): string[] => [name, fixed(s.p), fixed(s.r), fixed(s.f1)];
  const table = [
    formatTable(["measure", "p", "r", "f1"], [row("quote found", scores.found), row("found + speaker", scores.speaker)], ["left", "right", "right", "right"]),
    "",
    `${total.gold} gold direct quotes and ${total.predicted} predicted in ${articles.length} articles (one annotator each)` +
      (pipelineErrors.length ? `; the pipeline failed on ${pipelineErrors.length}` : ""),
    `gold quotes missed: ${misses.notFound} not found; found but speaker wrong: ${misses.noSpeakerPredicted} with no speaker, ` +
      `${misses.wrongSpeakerPronoun} where the gold source is a pronoun, ${misses.wrongSpeakerOther} other`,
    `gold quotes found with the right speaker, by: mention on the Source span ${rightBy.mention}, name ${rightBy.name}, ` +
      `the same words as the Source ${rightBy["same-words"]}, no source on either side ${rightBy["both-none"]}`,
  ].join("\n");
  return {
    task: "quotes",
    table,
    summary: {
      f1: round(scores.found.f1),
      p: round(scores.found.p),
      r: round(scores.found.r),
      speaker_f1: round(scores.speaker.f1),
      speaker_p: round(scores.speaker.p),
      speaker_r: round(scores.speaker.r),
      n: total.gold,
    },
    details: { counts: total, scores, misses, rightBy, speakerErrors, pipelineErrors, annotators: articles.map((a) => `${a.name}:${a.annotator}`) },
    goldErrors,
  };
}

export const task: EvalTask = {
  name: "quotes",
  description: "PolNeAR direct quotes: quote found, and found with the right speaker",
  defaultTarget: "polnear/dev",
  run,
};
