import type { Doc } from "../doc/index.js";
import type { Entity } from "../report.js";

/** An entity mention with its entity, for lookups by position. */
export interface EntityMention {
  entity: Entity;
  start: number;
  end: number;
}

/** All entity mentions of the doc, in text order. */
export function entityMentions(doc: Doc): EntityMention[] {
  return doc.facts.entities
    .flatMap((entity) => entity.mentions.map((m) => ({ entity, start: m.start, end: m.end })))
    // "US-backed", "Kurdish-led": a modifier naming a backer, never a subject, speaker or target
    .filter((m) => !MODIFIER_AFTER.test(doc.text.slice(m.end, m.end + 12)))
    .sort((a, b) => a.start - b.start);
}

const MODIFIER_AFTER = /^-(?:backed|led|based|allied|funded|supported|dominated|linked|aligned)\b/;

/** The mention nearest before `offset` (ending at or before it) within `[from, offset)`. */
export function mentionBefore(mentions: EntityMention[], from: number, offset: number, accept: (m: EntityMention) => boolean = () => true): EntityMention | null {
  let best: EntityMention | null = null;
  for (const m of mentions) {
    if (m.start < from || m.end > offset) continue;
    if (!accept(m)) continue;
    if (!best || m.end > best.end || (m.end === best.end && m.end - m.start > best.end - best.start)) best = m;
  }
  return best;
}

/** The first mention starting at or after `offset`, before `to`. */
export function mentionAfter(mentions: EntityMention[], offset: number, to: number, accept: (m: EntityMention) => boolean = () => true): EntityMention | null {
  for (const m of mentions) if (m.start >= offset && m.end <= to && accept(m)) return m;
  return null;
}

/** Who "he", "she", "it" or "they" at `offset` most likely is: the last fitting entity mentioned before. */
export function resolvePronoun(doc: Doc, mentions: EntityMention[], pronoun: string, offset: number): EntityMention | null {
  const p = pronoun.toLowerCase();
  const fits = (m: EntityMention) =>
    p === "he" || p === "she" ? m.entity.kind === "person" : m.entity.kind !== "person" && m.entity.kind !== "civilians";
  const sentence = doc.sentenceAt(offset);
  const prevIndex = sentence ? doc.sentences.indexOf(sentence) - 1 : -1;
  // the subject of the previous sentence first: the first fitting mention in it
  if (prevIndex >= 0) {
    const prev = doc.sentences[prevIndex];
    const first = mentions.find((m) => m.start >= prev.start && m.end <= prev.end && fits(m));
    if (first && p !== "he" && p !== "she") return first;
  }
  return mentionBefore(mentions, 0, offset, fits);
}
