/**
 * Runs the speaker model over a document's quotes, in text order: each quote's candidates are built, scored
 * and one chosen; the choice becomes the next quote's "previous speaker" candidate. Training uses the same
 * walk with the gold answer standing in for the model's choice (`teacher`).
 */
import type { Doc } from "../../doc/index.js";
import { QuoteDocIndex, quoteCandidates, type PreviousSpeaker, type QuoteSite, type SpeakerCandidate } from "./candidates.js";
import { candidateFeatures, quoteLayout } from "./features.js";
import { argmax, type SpeakerModel } from "./model.js";

export interface SpeakerDecision {
  site: QuoteSite;
  candidates: SpeakerCandidate[];
  /** each candidate's feature strings; kept only when asked (training), so that inference makes no lasting garbage */
  features: string[][] | null;
  scores: number[];
  /** index into candidates */
  chosen: number;
  /** the model's temperature: softmax(scores / temperature) are the candidates' probabilities */
  temperature: number;
}

/**
 * `teacher(k, decision)` (training only) returns the candidate that the next quote should see as the
 * previous speaker, or -1 to keep the one before; with a teacher the feature strings are kept.
 */
export function rankSpeakers(doc: Doc, model: SpeakerModel | null, teacher?: (k: number, d: SpeakerDecision) => number): SpeakerDecision[] {
  const index = new QuoteDocIndex(doc);
  const out: SpeakerDecision[] = [];
  let previous: PreviousSpeaker | null = null;
  for (let k = 0; k < index.quotes.length; k++) {
    const site = index.site(k);
    const candidates = quoteCandidates(index, site, previous);
    const layout = quoteLayout(index, site);
    const ranks = sideRanks(candidates, site);
    const features = teacher ? candidates.map((c, i) => candidateFeatures(index, site, c, ranks[i], layout, previous)) : null;
    const scores = candidates.map((c, i) => {
      if (!model) return c.kind === "none" ? 1 : 0;
      return model.scoreFeatures(features?.[i] ?? candidateFeatures(index, site, c, ranks[i], layout, previous));
    });
    const decision: SpeakerDecision = { site, candidates, features, scores, chosen: argmax(scores), temperature: model?.temperature ?? 1 };
    out.push(decision);
    const next = teacher ? teacher(k, decision) : decision.chosen;
    const picked = next >= 0 ? candidates[next] : null;
    if (picked && picked.kind !== "none") previous = { candidate: picked.kind === "previous" && previous ? previous.candidate : picked, site };
  }
  return out;
}

/** Each candidate's rank by distance among those on its side of the quote, overall and among its kind. */
function sideRanks(candidates: readonly SpeakerCandidate[], site: QuoteSite): { side: number; sameKind: number }[] {
  const ranks = candidates.map(() => ({ side: 0, sameKind: 0 }));
  const before: number[] = [];
  const after: number[] = [];
  candidates.forEach((c, i) => {
    if (c.kind === "none" || c.kind === "previous") return;
    (c.end <= site.outerStart ? before : after).push(i);
  });
  before.sort((a, b) => candidates[b].start - candidates[a].start);
  after.sort((a, b) => candidates[a].start - candidates[b].start);
  for (const list of [before, after]) {
    const seen = new Map<string, number>();
    list.forEach((i, r) => {
      const kind = candidates[i].kind === "entity" ? `e-${candidates[i].entity?.kind}` : candidates[i].kind;
      ranks[i] = { side: r, sameKind: seen.get(kind) ?? 0 };
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    });
  }
  return ranks;
}
