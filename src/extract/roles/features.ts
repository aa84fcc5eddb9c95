/**
 * Features of one candidate for an event's roles: an entity mention in the event's sentence, seen from the cue
 * word. Syntax-like relations come from our own tokens: which side of the cue it stands, the words just before it
 * ("by", "against", "targeting", "on"), whether the cue is passive ("was attacked"), whether a clause break or a
 * comma lies between, whether a speech verb follows it (a speaker is not a perpetrator), its kind, how far it is,
 * and what today's rules chose (so the model learns where to trust them).
 */
import type { EntityKind } from "../../report.js";

export interface RoleCandidateView {
  /** the sentence's text and where it starts in the document */
  sentence: string;
  sentenceStart: number;
  cue: { start: number; end: number; type: string; mode: string | null };
  mention: { start: number; end: number; kind: EntityKind; unidentified: boolean };
  passive: boolean;
  /** what the rules picked: this candidate as actor, as target, or neither */
  rule: "actor" | "target" | null;
  /** the candidate's rank among the sentence's candidates on its side of the cue (0 = nearest the cue) */
  rankFromCue: number;
}

const WORD = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const CLAUSE_BREAK = /(?:[;:"“”(]|\b(?:after|before|since|while|when|because|although|which|who|that|said|says|told|added)\b)/i;
const SPEECH_AFTER = /^\s*(?:,\s*)?(?:said|says|told|added|stated|claimed|announced|reported|confirmed|denied|according)\b/i;

function bucket(n: number): string {
  return n <= 1 ? "0-1" : n <= 3 ? "2-3" : n <= 6 ? "4-6" : n <= 10 ? "7-10" : "11+";
}

export function roleCandidateFeatures(v: RoleCandidateView): string[] {
  const rel = (at: number): number => at - v.sentenceStart;
  const before = v.mention.end <= v.cue.start;
  const side = before ? "before" : "after";
  const between = before ? v.sentence.slice(rel(v.mention.end), rel(v.cue.start)) : v.sentence.slice(rel(v.cue.end), rel(v.mention.start));
  const gap = (between.match(WORD) ?? []).length;
  const left = (v.sentence.slice(0, rel(v.mention.start)).toLowerCase().match(WORD) ?? []).slice(-2);
  const right = (v.sentence.slice(rel(v.mention.end)).toLowerCase().match(WORD) ?? []).slice(0, 1);
  const prev = left[left.length - 1] ?? "^";
  const prev2 = left.length === 2 ? `${left[0]}_${left[1]}` : `^_${prev}`;
  const kind = v.mention.kind;
  const f = [
    "bias",
    `side:${side}`,
    `kind:${kind}`,
    `kind:${kind}:${side}`,
    `gap:${bucket(gap)}`,
    `gap:${bucket(gap)}:${side}`,
    `prev:${prev}`,
    `prev:${prev}:${side}`,
    `prev2:${prev2}`,
    `next:${right[0] ?? "$"}`,
    `rank:${Math.min(v.rankFromCue, 3)}:${side}`,
    `passive:${v.passive}:${side}`,
    `passive:${v.passive}:${side}:prev:${prev}`,
    `cue:${v.cue.type}:${side}`,
    `cue:${v.cue.type}:${v.cue.mode ?? "-"}:${side}`,
    `rule:${v.rule ?? "none"}`,
    `rule:${v.rule ?? "none"}:${kind}`,
  ];
  if (CLAUSE_BREAK.test(between)) f.push(`break:${side}`);
  if (/,/.test(between)) f.push(`comma:${side}`);
  if (SPEECH_AFTER.test(v.sentence.slice(rel(v.mention.end)))) f.push("speaker");
  if (v.mention.unidentified) f.push("unidentified");
  if (rel(v.mention.start) < 3) f.push("sentence-first");
  return f;
}
