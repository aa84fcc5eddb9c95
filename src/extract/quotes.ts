/**
 * Quotes: every quoted passage with its speaker. The speaker is chosen by a trained ranker
 * (src/extract/quotes/: candidates, features, model; `npm run train:quotes`) among the entity mentions,
 * pronouns and unnamed-speaker phrases around the quote, the previous quote's speaker, and nobody. A pronoun
 * stands for the entity it was resolved to; an unnamed speaker ("a police spokesman") keeps its words and no
 * entity. Each quote carries its trace: the kind of speaker, the score, and the best candidates.
 */
import type { Doc } from "../doc/index.js";
import { span } from "../doc/index.js";
import type { Quote, SpeakerKind } from "../report.js";
import { speechCues, type SpeakerCandidate } from "./quotes/candidates.js";
import { shippedSpeakerModel, softmaxProbability, type SpeakerModel } from "./quotes/model.js";
import { rankSpeakers, type SpeakerDecision } from "./quotes/rank.js";

/** Builds the report's quotes from the "quotes" layer and the resolved entities. */
export function extractQuotes(doc: Doc, model: SpeakerModel | null = shippedSpeakerModel()): Quote[] {
  return quotesFromDecisions(doc, rankSpeakers(doc, model));
}

export function quotesFromDecisions(doc: Doc, decisions: readonly SpeakerDecision[]): Quote[] {
  const out: Quote[] = [];
  let previousCue: string | null = null;
  let previousKind: SpeakerKind = "none";
  for (const d of decisions) {
    const chosen = d.candidates[d.chosen];
    const cue: string | null = chosen.kind === "previous" ? previousCue : chosen.kind === "none" ? null : cueOf(doc, chosen, d);
    const speakerKind: SpeakerKind =
      chosen.kind === "previous" ? previousKind : chosen.kind === "none" ? "none" : chosen.entity === null ? "unnamed" : chosen.kind === "pronoun" ? "pronoun" : "named";
    const trace = d.candidates
      .map((c, i) => ({ text: c.text, kind: c.kind, speaker: c.entity?.id ?? null, score: round(d.scores[i]) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    out.push({
      text: doc.text.slice(d.site.start, d.site.end),
      evidence: [span(doc, d.site.start, d.site.end)],
      speaker: chosen.entity?.id ?? null,
      speakerText: chosen.kind === "none" ? null : chosen.text,
      cue,
      confidence: round(softmaxProbability(d.scores, d.chosen, d.temperature)),
      speakerKind,
      decidedBy: chosen.resolvedBy ? `speaker-model; pronoun by ${chosen.resolvedBy}` : chosen.kind === "previous" ? "speaker-model; previous speaker" : "speaker-model",
      score: round(d.scores[d.chosen]),
      speakerCandidates: trace,
    });
    if (chosen.kind !== "none" && cue) previousCue = cue;
    if (chosen.kind !== "none") previousKind = speakerKind;
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

const SKIPPABLE = /^(?:has|had|have|also|later|then|was|is|\p{L}+ly)$/u;

/** The speech verb that ties the speaker to the quote: beside the speaker, else between the two. */
function cueOf(doc: Doc, c: SpeakerCandidate, d: SpeakerDecision): string | null {
  const cues = speechCues();
  const before = doc.tokenFrom(c.start) - 1;
  let after = doc.tokenFrom(c.end);
  if (after < doc.tokens.length && SKIPPABLE.test(doc.tokenText(after)) && after + 1 < doc.tokens.length) {
    if (cues.has(doc.tokenText(after + 1).toLowerCase())) after++;
  }
  if (after < doc.tokens.length && cues.has(doc.tokenText(after).toLowerCase())) return doc.tokenText(after).toLowerCase();
  if (before >= 0 && cues.has(doc.tokenText(before).toLowerCase())) return doc.tokenText(before).toLowerCase();
  // "according to X", "according to Port Authority spokeswoman X"
  if (/\baccording to\s+(?:[\p{L}.'’-]+\s+){0,5}$/iu.test(doc.text.slice(Math.max(0, c.start - 80), c.start))) return "according to";
  const [from, to] = c.end <= d.site.outerStart ? [c.end, d.site.outerStart] : [d.site.outerEnd, c.start];
  for (let t = doc.tokenFrom(from), n = 0; t < doc.tokens.length && doc.tokens[t].end <= to && n < 20; t++, n++) {
    const w = doc.tokenText(t).toLowerCase();
    if (cues.has(w)) return w;
  }
  return null;
}
