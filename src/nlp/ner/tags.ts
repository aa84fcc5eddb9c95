/** The NER tag set (BIO over PER/ORG/LOC/MISC) and conversions between tag schemes and spans. */

export type NerLabel = "PER" | "ORG" | "LOC" | "MISC";

export const NER_LABELS: readonly NerLabel[] = ["PER", "ORG", "LOC", "MISC"];

/** Tag index 0 is "O"; then B-X, I-X for each label in NER_LABELS order. */
export const TAGS: readonly string[] = ["O", ...NER_LABELS.flatMap((l) => [`B-${l}`, `I-${l}`])];
export const TAG_COUNT = TAGS.length;
const TAG_INDEX = new Map(TAGS.map((t, i) => [t, i]));

export function tagIndex(tag: string): number {
  const i = TAG_INDEX.get(tag);
  if (i === undefined) throw new Error(`unknown NER tag "${tag}"`);
  return i;
}

/** 0 for O, 1..4 for the label of a B-/I- tag index. */
export function tagType(index: number): number {
  return index === 0 ? 0 : ((index - 1) >> 1) + 1;
}
export function isInside(index: number): boolean {
  return index > 0 && (index & 1) === 0;
}

/** I- may only continue a chunk of the same type (BIO); the decoder forbids anything else. */
export function allowedTransition(prev: number, next: number): boolean {
  if (!isInside(next)) return true;
  return prev !== 0 && tagType(prev) === tagType(next);
}

/**
 * IOB1 (CoNLL-2003: I- everywhere, B- only between two adjacent chunks of one type) to BIO (IOB2).
 * Also repairs BIO input with a stray I- after O or after another type.
 */
export function toBio(tags: readonly string[]): string[] {
  const out: string[] = [];
  let prevType = "";
  for (const tag of tags) {
    if (tag === "O" || tag.length < 3) {
      out.push("O");
      prevType = "";
      continue;
    }
    const prefix = tag[0];
    const type = tag.slice(2);
    out.push(prefix === "B" || type !== prevType ? `B-${type}` : `I-${type}`);
    prevType = type;
  }
  return out;
}

export interface TagSpan {
  start: number;
  /** exclusive */
  end: number;
  label: string;
}

/** Chunks of a BIO tag sequence (a stray I- starts a chunk, as conlleval reads it). */
export function bioSpans(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let cur: TagSpan | null = null;
  tags.forEach((tag, i) => {
    const type = tag === "O" ? "" : tag.slice(2);
    if (cur && (tag === "O" || tag[0] === "B" || type !== cur.label)) {
      spans.push(cur);
      cur = null;
    }
    if (tag !== "O" && !cur) cur = { start: i, end: i + 1, label: type };
    else if (cur) cur.end = i + 1;
  });
  if (cur) spans.push(cur);
  return spans;
}
