/**
 * What the event model knows about one mention of a possible happening, and the features of the question "is
 * this mention the same happening as that frame?". Feature names are our own words (types, buckets, rule names),
 * never text from an article, so the weights file holds no corpus text.
 */
import type { Doc } from "../../doc/index.js";
import type { Event, Place, TimeRef } from "../../report.js";
import { haversineKm } from "../../resolve/geo/distance.js";

/** The doc's places and times by id, for comparing where and when two mentions put their happening. */
export interface FrameContext {
  place(id: string): Place | undefined;
  time(id: string): TimeRef | undefined;
}

export function frameContext(doc: Doc): FrameContext {
  const places = new Map(doc.facts.places.map((p) => [p.id, p]));
  const times = new Map(doc.facts.times.map((t) => [t.id, t]));
  return { place: (id) => places.get(id), time: (id) => times.get(id) };
}

/** Places further apart than this are different happenings' places; nearer ones may be a street in a town. */
export const SAME_PLACE_KM = 30;

/** One mention: the per-sentence event a cue made, with what the framing needs to know about it. */
export interface EventMention {
  event: Event;
  /** index of its sentence in the doc */
  sentence: number;
  /** the cue, lower-cased, its last word cut to a stem ("shootings" -> "shoot") */
  cueStem: string;
  /** "the shooting", "Sunday's attack", "this strike": refers back to a happening already told */
  definite: boolean;
  /** "another attack", "a second strike", "a separate shooting": announces a different happening */
  another: boolean;
  /** the cue names a charge, a trial or a case ("charged with murder", "the shooting trial"), not a happening */
  legal: boolean;
  /** the cue tells an earlier happening that the sentence's news is about: "marched over the killing of", "an
   * inquiry into the killing", "after he had shot a teacher", "who was killed earlier" (its toll is not the news's) */
  cause: boolean;
  /** the killed and injured figures its own sentence states (before any merging) */
  stated: { killed: number | null; injured: number | null };
}

/** A happening the article tells: its mentions, in text order, and their merged event. */
export interface Frame {
  event: Event;
  mentions: EventMention[];
  family: string;
}

/** Mentions merge only within a family: violence with violence, protest with protest, else the same PLOVER type. */
export function familyOf(event: Event): string {
  return event.type;
}

const DEFINITE_BEFORE = /(?:\b(?:the|this|that|these|those|its|their|his|her)|['’]s)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
// right before the cue ("a second shooting"), or for the strong words anywhere earlier in the sentence ("In a
// separate attack, shells hit ...")
const ANOTHER_BEFORE = /\b(?:another|separate|second|third|fourth|earlier|previous|prior|later|unrelated)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
const ANOTHER_IN_SENTENCE = /\b(?:another|separate|separately|elsewhere|unrelated)\b/i;
const LEGAL_BEFORE = /\b(?:charged? (?:\w+ )?(?:with|in)|charges? of|convicted (?:\w+ )?of|guilty (?:\w+ )?of|accused of|sentenced (?:\w+ ){0,4}for|trial (?:\w+ ){0,3}(?:for|in|over)|counts? of|pleaded (?:\w+ ){0,2}to|suspected of|arrested (?:\w+ ){0,2}(?:for|in connection with)|in connection with|wanted (?:for|in))\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}-]+\s+){0,3}$/iu;
const CAUSE_NOUN = /^(?:deaths?|killings?|murders?|assassinations?|lynchings?|shootings?)$/i;
const CAUSE_BEFORE = /\b(?:over|into|against|about|for|protesting|condemning|denouncing|mourning)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\p{L}-]+\s+){0,2}$/iu;
/** the verbs and "with" before the dead a protest or riot carries ("marched with the bodies of", "carrying the dead") */
const CARRYING = String.raw`(?:with|carrying|carried|bearing|bore|displaying|displayed)`;
/** "marched with the bodies", "carrying the dead": the words before the bodies a protest or riot carries */
export const CARRYING_BEFORE = new RegExp(String.raw`\b${CARRYING}\s+(?:the\s+)?(?:dead\s+)?$`, "i");
/** the kin or friends of people, as the words before them ("relatives of", "the family members of") */
export const KIN = String.raw`(?:relatives|famil(?:y|ies)(?:\s+members)?|kin|parents|widows?|friends|colleagues|classmates)`;
/** a figure after "over": with a finite verb after it, "over" says "more than" ("over 50 were injured in the clash"),
 * not a cause ("over three people being killed") */
export const A_FIGURE = String.raw`(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|a\s+thousand|a\s+dozen|dozens|hundreds|thousands|half)\b)`;
/**
 * A death told as the reason for what the sentence tells ("relatives protested after 40 inmates were killed",
 * "marched over three men being shot", "in memory of a reporter who was shot", "relatives of two farmers killed", "marched with the bodies of two men
 * killed"), or as what describes a person or a group (the kin "of a man who died", gangs "that have been killing"; not
 * "reports that a man died"): the clause runs from its word to the cue, with no comma between. ("Died after
 * being stabbed" tells how the death came, not a reason.) (Used only where a
 * protest takes in a killing frame: its dead are what the protest is about, not its toll.)
 */
const CAUSE_CLAUSE_BEFORE = new RegExp(String.raw`(?:\b(?:after|following|over(?!\s+${A_FIGURE}[^,;:]{0,30}?\b(?:were|was|are|have|had)\b)|because|since|due\s+to|remembrance|memory|mourn(?:ing|ed)?|justice\s+for)\b[^,;:]{0,80}|\b(?:who|which)\s+(?:[\p{L}-]+\s+){0,2}|\bthat\s+(?:have|has|had)\s+been\s+|\b${KIN}\s+of\s+(?:the\s+)?(?:[\p{L}\d-]+\s+){1,4}|\b${CARRYING}\s+(?:the\s+)?(?:dead\s+)?bod(?:y|ies)\s+of\b[^,;:]{0,80})$`, "iu");
/** "died after being stabbed", "killed after having been hit": how the death came, in the cue's clause */
const HOW_IT_CAME = /\b(?:after|following)\s+(?:being|having)\b[^,;:]*$/i;
const PLUPERFECT_BEFORE = /\bhad\s+(?:been\s+)?(?:[\p{L}-]+\s+)?$/iu;
const EARLIER_AFTER = /^\s+(?:earlier|previously|before|last (?:week|month|year)|(?:\w+\s+){1,2}(?:days?|weeks?|months?|years?) (?:ago|earlier|before))\b/i;
const LEGAL_AFTER = /^\s+(?:trial|case|charges?|investigation|lawsuit|suit|verdict|hearing|anniversary|inquiry|probe)\b/i;

function stem(cue: string): string {
  const last = cue.toLowerCase().split(/\s+/).pop() ?? "";
  return last.replace(/(?:ings?|ed|es|s)$/, "").slice(0, 6);
}

/** The mention of a per-sentence event: its cue is `evidence[0]`, its sentence `evidence[1]`. */
export function describeMention(doc: Doc, event: Event, sentence: number): EventMention {
  const cue = event.evidence[0];
  const sentenceStart = doc.sentences[sentence]?.start ?? 0;
  const before = doc.text.slice(Math.max(sentenceStart, cue.start - 80), cue.start);
  const sentenceBefore = doc.text.slice(sentenceStart, cue.start);
  const after = doc.text.slice(cue.end, cue.end + 30);
  return {
    event,
    sentence,
    cueStem: stem(cue.text),
    definite: DEFINITE_BEFORE.test(before),
    another: ANOTHER_BEFORE.test(before) || ANOTHER_IN_SENTENCE.test(sentenceBefore),
    legal: LEGAL_BEFORE.test(before) || LEGAL_AFTER.test(after),
    // ("marched with the dead bodies of two men": the cue "dead" in the bodies carried)
    cause: (/^dead$/i.test(cue.text) && CARRYING_BEFORE.test(sentenceBefore) && /^\s+bod(?:y|ies)\b/i.test(after)) || (CAUSE_NOUN.test(cue.text) && CAUSE_BEFORE.test(before)) || PLUPERFECT_BEFORE.test(sentenceBefore.slice(-40)) || EARLIER_AFTER.test(after) || (CAUSE_CLAUSE_BEFORE.test(sentenceBefore.slice(-100)) && !HOW_IT_CAME.test(sentenceBefore.slice(-100) + cue.text)),
    stated: { killed: event.casualties?.killed?.best ?? null, injured: event.casualties?.injured?.best ?? null },
  };
}

/** The event's place when its own sentence names it; null when it has none or took its paragraph's or the story's. */
export function ownPlace(event: Event): string | null {
  const by = event.decisions?.place?.decidedBy;
  return by === "paragraph" || by === "story" ? null : event.place;
}

/** Modes that can tell one happening: a suicide attack is an explosion, an air strike too. */
const MECHANISM: Record<string, string> = {
  explosives: "blast", "suicide-attack": "blast", aerial: "blast", drone: "blast", artillery: "blast", chemical: "blast",
  firearms: "gun", primitive: "hand", abduct: "abduct", sexual: "sexual", torture: "torture",
};

/** "same", "within" (one is a part of the other: 2024-05 and 2024-05-03) or "conflict". */
export function compareTimes(a: string | undefined, b: string | undefined): string {
  if (!a || !b) return "open";
  if (a === b) return "same";
  return a.startsWith(b) || b.startsWith(a) ? "within" : "conflict";
}

/** "same", "near" (within SAME_PLACE_KM, or one without coordinates in the same country), "conflict", "open". */
export function comparePlaces(a: Place | undefined, b: Place | undefined): string {
  if (!a || !b) return "open";
  if (a.id === b.id) return "same";
  if (a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null) {
    return haversineKm(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM ? "near" : "conflict";
  }
  if (a.country && b.country && a.country !== b.country) return "conflict";
  return "open";
}

function bucket(distance: number): string {
  if (distance <= 2) return String(distance);
  if (distance <= 5) return "3-5";
  if (distance <= 10) return "6-10";
  return "11+";
}

/** The named features of "mention `m` is the happening of frame `f`" (each worth 1). */
export function mergeFeatures(m: EventMention, f: Frame, ctx: FrameContext): string[] {
  const fe = f.event;
  const me = m.event;
  const last = f.mentions[f.mentions.length - 1];
  const out = ["bias", `dist:${bucket(m.sentence - last.sentence)}`, `size:${Math.min(f.mentions.length, 3)}`];
  if (f.mentions.some((x) => x.cueStem === m.cueStem)) out.push("cue:same");
  else out.push("cue:other");
  // "another" sets a mention apart from what was told before, not from its own sentence
  const another = m.another && last.sentence < m.sentence;
  if (m.definite) out.push("m:definite", another ? "m:definite+another" : "m:definite-only");
  if (another) out.push("m:another");
  if (m.legal) out.push("m:legal");
  if (f.mentions[0].sentence <= 1) out.push("f:lead");
  const fm = fe.mode ? MECHANISM[fe.mode] : undefined;
  const mm = me.mode ? MECHANISM[me.mode] : undefined;
  if (fm && mm) out.push(fm === mm ? "mode:same" : "mode:conflict");
  else out.push("mode:open");
  if (fe.time && me.time) out.push(`time:${compareTimes(ctx.time(fe.time)?.value, ctx.time(me.time)?.value)}`);
  // a place a mention took from its paragraph (its sentence names none) says nothing about which happening it tells
  const fp = ownPlace(fe);
  const mp = ownPlace(me);
  if (fp && mp) out.push(`place:${comparePlaces(ctx.place(fp), ctx.place(mp))}`);
  const fk = fe.casualties?.killed?.best;
  const mk = me.casualties?.killed?.best;
  if (fk !== undefined && mk !== undefined) out.push(fk === mk ? "killed:same" : "killed:conflict");
  else if (mk !== undefined) out.push("killed:new");
  const sharedActor = me.actors.some((a) => fe.actors.includes(a) || fe.targets.includes(a)) || me.targets.some((t) => fe.targets.includes(t) || fe.actors.includes(t));
  if (sharedActor) out.push("party:shared");
  else if ((me.actors.length || me.targets.length) && (fe.actors.length || fe.targets.length)) out.push("party:different");
  return out;
}
