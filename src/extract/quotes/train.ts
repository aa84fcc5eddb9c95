/**
 * Training data for the speaker model from annotated documents: each quote's candidates, with the ones that
 * name the annotated source marked right. Labels follow what `sitrep eval quotes` accepts: the candidate's
 * words overlap the source span, or (for a candidate with an entity) one of the entity's mentions does or its
 * name is in the source's words; a quote whose annotation has no source wants "none".
 */
import type { Doc } from "../../doc/index.js";
import type { SpeakerCandidate } from "./candidates.js";
import { trainRanker, type RankingExample, type SpeakerModel } from "./model.js";
import { rankSpeakers, type SpeakerDecision } from "./rank.js";

export interface Range {
  start: number;
  end: number;
}

/** An annotated quote in the document's own offsets. */
export interface AnnotatedQuote {
  content: Range[];
  source: { ranges: Range[]; text: string } | null;
}

export interface AnnotatedDoc {
  doc: Doc;
  quotes: AnnotatedQuote[];
}

const overlaps = (a: Range, bs: readonly Range[]): boolean => bs.some((b) => Math.min(a.end, b.end) > Math.max(a.start, b.start));
const overlapLength = (a: Range, b: Range): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** The annotated quotes a predicted quote stands for: overlapping by at least half of the shorter. */
export function matchingAnnotations(quote: Range, annotated: readonly AnnotatedQuote[]): AnnotatedQuote[] {
  return annotated.filter((g) => {
    const goldLength = g.content.reduce((s, r) => s + r.end - r.start, 0);
    const shared = g.content.reduce((s, r) => s + overlapLength(quote, r), 0);
    const shorter = Math.min(goldLength, quote.end - quote.start);
    return shorter > 0 && shared >= 0.5 * shorter;
  });
}

function namesSource(c: SpeakerCandidate, sourceText: string): boolean {
  if (!c.entity) return false;
  const text = sourceText.toLowerCase();
  for (const name of [c.entity.name, ...c.entity.aliases]) {
    const n = name.toLowerCase();
    if (n.length >= 3 && text.includes(n)) return true;
    const last = n.split(/\s+/).pop() ?? "";
    if (last.length >= 3 && new RegExp(`\\b${last.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(text)) return true;
  }
  return false;
}

export function candidateRight(c: SpeakerCandidate, gold: AnnotatedQuote): boolean {
  if (!gold.source) return c.kind === "none";
  if (c.kind === "none") return false;
  if (c.kind !== "previous" && overlaps(c, gold.source.ranges)) return true;
  if (c.entity && c.entity.mentions.some((m) => overlaps(m, gold.source?.ranges ?? []))) return true;
  if (namesSource(c, gold.source.text)) return true;
  return c.kind === "previous" && c.text.toLowerCase() === gold.source.text.trim().toLowerCase();
}

const speaks = (c: SpeakerCandidate): boolean => c.kind === "pronoun" || c.kind === "nominal" || c.kind === "name" || c.entity?.kind === "person";

/**
 * A source span often holds an organisation and the person who spoke for it ("Port Authority spokeswoman
 * Abena Osei"): the person is the speaker, so the organisation is not taught as right beside them.
 */
export function preferSpeakers(candidates: readonly SpeakerCandidate[], right: boolean[]): boolean[] {
  if (!candidates.some((c, i) => right[i] && c.kind !== "previous" && speaks(c))) return right;
  return right.map((r, i) => r && !(candidates[i].kind === "entity" && !speaks(candidates[i])));
}

export interface LabelledDecision {
  decision: SpeakerDecision;
  /** null when the quote matches no annotated quote (the model has nothing to learn from it) */
  right: boolean[] | null;
}

/** Walks a document's quotes with the annotation as teacher for the previous-speaker candidate. */
export function labelledDecisions(a: AnnotatedDoc): LabelledDecision[] {
  const labels: (boolean[] | null)[] = [];
  const decisions = rankSpeakers(a.doc, null, (_k, d) => {
    const gold = matchingAnnotations({ start: d.site.start, end: d.site.end }, a.quotes);
    const right = gold.length ? preferSpeakers(d.candidates, d.candidates.map((c) => gold.some((g) => candidateRight(c, g)))) : null;
    labels.push(right);
    if (!right) return -1;
    const named = d.candidates.findIndex((c, i) => right[i] && c.kind !== "previous" && c.kind !== "none" && c.entity);
    if (named >= 0) return named;
    return right.findIndex((r, i) => r && d.candidates[i].kind !== "none");
  });
  return decisions.map((decision, k) => ({ decision, right: labels[k] }));
}

export function rankingExamples(model: SpeakerModel, labelled: readonly LabelledDecision[]): RankingExample[] {
  return labelled.flatMap(({ decision, right }) => (right && decision.features ? [{ candidates: decision.features.map((f) => model.hash(f)), right }] : []));
}

export function trainSpeakerModel(examples: readonly RankingExample[], options: { epochs: number; seed: number; bits: number }): SpeakerModel {
  return trainRanker(examples, options);
}
