/**
 * The features of one candidate for an event's place: a place mention in the event's sentence, seen from the
 * event's cue. Each says something general about how a text attaches a place to what happened (the word before
 * it, where it stands from the cue, how specific and how sure a place it is); none names a place.
 */
import type { Doc, Sentence } from "../../doc/index.js";
import type { Place, Span } from "../../report.js";
import { isContainerGap } from "../../resolve/places/context.js";

/** The words that, before a place name (up to two words and "the" between), attach it to a happening. */
const PREPOSITIONS = ["in", "at", "near", "outside", "on", "across", "into", "around", "of", "from", "to", "inside", "between", "along", "toward", "towards"];
const PREPOSITION_BEFORE = new RegExp(`\\b(${PREPOSITIONS.join("|")})\\s+(?:the\\s+)?(?:[\\p{L}-]+\\s+){0,2}$`, "iu");

/** A place mention of the event's sentence. */
export interface PlaceMention {
  place: Place;
  mention: Span;
}

/** What the features read besides the mention: the cue, the sentence's other mentions, the article's country. */
export interface EventPlaceContext {
  doc: Doc;
  sentence: Sentence;
  cue: { start: number; end: number };
  mentions: readonly PlaceMention[];
  /** the country the article's place names name most often */
  home: string | null;
}

const bucket = (d: number): string => (d <= 15 ? "0" : d <= 40 ? "1" : d <= 80 ? "2" : d <= 160 ? "3" : "4");

/** The named features of `m` (a candidate) as the event's place; binary unless a value is given. */
export function eventPlaceFeatures(m: PlaceMention, ctx: EventPlaceContext, ruleScore?: number): Map<string, number> {
  const f = new Map<string, number>();
  const put = (name: string, value = 1): void => {
    f.set(name, (f.get(name) ?? 0) + value);
  };
  const { doc, sentence, cue, mentions } = ctx;
  const { place, mention } = m;
  put("bias");
  if (ruleScore !== undefined) put("rules", ruleScore / 10);
  const before = doc.text.slice(sentence.start, mention.start);
  const prep = PREPOSITION_BEFORE.exec(before.slice(-60));
  put(`prep:${prep ? prep[1].toLowerCase() : "none"}`);
  if (prep && /^\s*(?:in|at|near|on|from|to)\s+$/i.test(before.slice(-((prep[0].length)))) ) put("prep:adjacent");
  if (/\bborder\s+(?:with|of)\s+(?:the\s+)?$/i.test(before)) put("border");
  const after = mention.start >= cue.end;
  const distance = after ? mention.start - cue.end : Math.max(0, cue.start - mention.end);
  put(`side:${after ? "after" : "before"}`);
  put(`distance:${after ? "after" : "before"}:${bucket(distance)}`);
  const between = doc.text.slice(Math.min(cue.end, mention.end), Math.max(cue.start, mention.start));
  if (/[,;]/.test(between)) put("punctuation-between");
  if (/[()]/.test(between)) put("bracket-between");
  put(`precision:${place.precision}`);
  put(`type:${place.featureType}`);
  if (place.lat === null) put("unlocated");
  put(`decided:${place.decidedBy ?? "ranker"}`);
  if (place.decidedBy === "ranker" || place.decidedBy === undefined) put("doubt", 1 - (place.score ?? 1));
  if (ctx.home && place.country && place.country !== ctx.home && place.featureType !== "country") put("abroad");
  // the area that qualifies the name before it ("X, Y", "X (Y, Z)")
  let previous: Span | null = null;
  for (const o of mentions) if (o.mention.end <= mention.start && (!previous || o.mention.end > previous.end)) previous = o.mention;
  if (previous && isContainerGap(doc.text.slice(previous.end, mention.start))) put("qualifier");
  // the place the next name qualifies: it is itself the specific one
  let next: Span | null = null;
  for (const o of mentions) if (o.mention.start >= mention.end && (!next || o.mention.start < next.start)) next = o.mention;
  if (next && isContainerGap(doc.text.slice(mention.end, next.start))) put("qualified");
  const nearest = mentions.every((o) => o === m || Math.abs(o.mention.start - cue.start) >= Math.abs(mention.start - cue.start));
  if (nearest) put("nearest");
  if (mentions.every((o) => o.mention.start >= mention.start)) put("first");
  return f;
}
