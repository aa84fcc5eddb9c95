/**
 * Events: one per happening a sentence reports, typed with PLOVER (type, mode) and ACLED (event type and
 * sub-event type), with who acted, against whom, where, when, casualties, how the perpetrator is known, and
 * whether it is negated or only threatened. Cue words and their types are data (lexicons/en/event-*.tsv).
 */
import type { Doc, Sentence } from "../doc/index.js";
import { span } from "../doc/index.js";
import type { Count, Entity, Event, EventCategory, Place, PloverType, Span } from "../report.js";
import { escapeRegExp, loadLexicon, loadWordSet } from "../lexicon.js";
import { addCounts, addsToEarlier, combineReportedCounts, findCasualties, sentenceCount, tollOfTakenBefore, type CasualtyMention } from "./casualties.js";
import { entityMentions, resolvePronoun, type EntityMention } from "./mentions.js";
import { frameMentions } from "./frames/cluster.js";
import { A_FIGURE, CARRYING_BEFORE, KIN, describeMention, frameContext, type Frame } from "./frames/features.js";
import { chooseCount, countEvidence, sentenceFrames } from "./frames/counts.js";
import { countModel, mergeModel } from "./frames/model.js";
import { markReportability } from "./frames/reportable.js";
import { foldAcrossTypes, foldModel } from "./frames/fold.js";
import { decideEventType, decideWithoutCue, eventWindowSpan, FALLBACK_TYPING, paragraphSpan } from "./event-type/index.js";
import { chooseRoles, type RoleChoice } from "./roles/index.js";
import { chooseEventPlace, storyPlaceChoice } from "./event-place/index.js";

interface CueRow {
  re: RegExp;
  type: PloverType;
  mode: string | null;
  acledEvent: string | null;
  acledSub: string | null;
  category: EventCategory | null;
  priority: number;
  role: "trigger" | "casualty";
}

interface CueHit {
  row: CueRow;
  start: number;
  end: number;
}

interface Lexicons {
  cues: CueRow[];
  hypothetical: RegExp;
  negated: RegExp;
}

let lexicons: Lexicons | undefined;
function getLexicons(): Lexicons {
  if (lexicons) return lexicons;
  const cues = loadLexicon("en/event-cues.tsv", ["pattern", "type", "priority", "role"]).map((r) => ({
    re: new RegExp(`\\b${r.pattern}\\b`, "gi"),
    type: r.type as PloverType,
    mode: r.mode || null,
    acledEvent: r.acled_event || null,
    acledSub: r.acled_sub || null,
    category: (r.category || null) as EventCategory | null,
    priority: Number(r.priority),
    role: r.role as "trigger" | "casualty",
  }));
  const polarity = loadLexicon("en/event-polarity.tsv", ["pattern", "effect"]);
  const join = (effect: string) => polarity.filter((r) => r.effect === effect).map((r) => r.pattern).join("|");
  lexicons = {
    cues,
    hypothetical: new RegExp(`\\b(?:${join("hypothetical")})\\b`, "i"),
    negated: new RegExp(`\\b(?:${join("negated")})\\b`, "i"),
  };
  return lexicons;
}

const PREPOSITION_BEFORE = /\b(?:in|at|near|against|on|of|with|from|for|to|into|targeting|toward|towards|outside|inside|by|about|over|between|among)\s+(?:the\s+)?(?:[\p{L}-]+\s+)?$/iu;
const PASSIVE_BEFORE = /\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$/i;
let attributionCues: Record<"contested" | "claimed" | "reciprocal", RegExp> | undefined;
/** Phrases of how a perpetrator is known (lexicons/en/attribution-cues.tsv), one pattern per status. */
function attributionCue(status: "contested" | "claimed" | "reciprocal"): RegExp {
  if (!attributionCues) {
    const rows = loadLexicon("en/attribution-cues.tsv", ["pattern", "status"]);
    const of = (st: string) => new RegExp(`\\b(?:${rows.filter((r) => r.status === st).map((r) => r.pattern).join("|")})\\b`, "i");
    attributionCues = { contested: of("contested"), claimed: of("claimed"), reciprocal: of("reciprocal") };
  }
  return attributionCues[status];
}
// A title compounds nouns directly ("aid spokeswoman", "defence ministry official"); an article, possessive or number
// after the cue opens its object instead ("attacked the workers", "ambushed a convoy").
const TITLE_AFTER = /^\s+(?:(?!(?:the|a|an|its|their|his|her|our|this|that|these|those|two|three|four|five|six|seven|eight|nine|ten|several|some|many|\d+)\s)[\p{L}-]+\s+)?(?:spokes(?:man|woman|person)|chief|coordinator|director|minister|official|envoy|commissioner|agency|programme|program|worker|workers|group|convoy|organi[sz]ation)s?\b/iu;
const VIOLENT: PloverType[] = ["ASSAULT"];
/** a determiner right before a cue names the happening as already known: "the attack", "their assault" */
const KNOWN_BEFORE = /\b(?:the|this|that|these|those|its|their|his|her)\s+$/i;

function inside(spans: { start: number; end: number }[], start: number, end: number): boolean {
  return spans.some((s) => start >= s.start && end <= s.end);
}

function findCues(doc: Doc, sentence: Sentence, quotes: { start: number; end: number }[]): CueHit[] {
  const text = doc.text.slice(sentence.start, sentence.end);
  const actorSpans = doc.layer("actors").filter((a) => a.end > sentence.start && a.start < sentence.end && a.label !== "civilians");
  const hits: CueHit[] = [];
  for (const row of getLexicons().cues) {
    row.re.lastIndex = 0;
    for (let m = row.re.exec(text); m; m = row.re.exec(text)) {
      const start = sentence.start + m.index;
      const end = start + m[0].length;
      if (inside(quotes, start, end)) continue; // what a speaker says is not what happened
      if (inside(actorSpans, start, end)) continue; // "Russian artillery" names the actor; "shelled" is the cue
      // "life-threatening injuries": a cue glued by a hyphen into an adjective describes, it does not happen
      if (doc.text[start - 1] === "-" && /ing$/i.test(m[0])) continue;
      // "EU humanitarian aid spokeswoman", "defence minister": part of someone's title, not a happening
      if (TITLE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ row, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The strongest cue of each PLOVER type in a sentence, after the rules that make one happening one event. */
function chooseTriggers(hits: CueHit[], text: string): CueHit[] {
  const best = new Map<PloverType, CueHit>();
  for (const h of hits) {
    if (h.row.role !== "trigger") continue;
    const have = best.get(h.row.type);
    if (!have || h.row.priority > have.row.priority) best.set(h.row.type, h);
  }
  // a protest broken up with arrests is one protest event; a fight at a protest likewise
  if (best.has("PROTEST")) {
    const coerce = best.get("COERCE");
    if (coerce && coerce.row.acledSub === "Arrests") best.delete("COERCE");
    const assault = best.get("ASSAULT");
    if (assault && assault.row.priority <= 7) best.delete("ASSAULT");
  }
  // "police defused an IED": the bomb did not go off; the disrupted weapon is the event
  const coerce = best.get("COERCE");
  const blast = best.get("ASSAULT");
  if (coerce?.row.acledSub === "Disrupted weapons use" && blast?.row.mode === "explosives") best.delete("ASSAULT");
  // "ceasefire talks" are talks; "signed a ceasefire after talks" is an agreement
  const agree = best.get("AGREE");
  if (agree && best.has("CONSULT")) {
    if (agree.row.priority >= 7) best.delete("CONSULT");
    else best.delete("AGREE");
  }
  // talk of violence inside an accusation or threat is that accusation, unless the violence is specific; an
  // attack told before the accusation is not inside it ("beat a man after accusing him of theft"), but one named
  // as known ("called the attack a crime") is what the accusation is about
  const assault = best.get("ASSAULT");
  const speech = Math.min(best.get("ACCUSE")?.start ?? Infinity, best.get("REQUEST")?.start ?? Infinity);
  const told = assault && assault.start < speech && !KNOWN_BEFORE.test(text.slice(Math.max(0, assault.start - 40), assault.start));
  // ("threatened to attack" keeps its attack, marked hypothetical by the polarity words)
  if (assault && assault.row.priority <= 6 && speech < Infinity && !told) best.delete("ASSAULT");
  return [...best.values()].sort((a, b) => a.start - b.start);
}

// words that open a new clause: the subject of a cue after them is not before them
const CLAUSE_OPENER = /(?:\b(?:after|before|since|as|while|when|whereas|because|although|though|which|who|whom|whose|where|that|until|unless|if)\b|\b(?:said|says|told|added|announced)\b|[;:])/gi;

/** Where the clause holding `at` begins: after the last clause opener before it, within the sentence. */
function clauseStart(doc: Doc, sentence: Sentence, at: number): number {
  const text = doc.text.slice(sentence.start, at);
  let start = 0;
  CLAUSE_OPENER.lastIndex = 0;
  for (let m = CLAUSE_OPENER.exec(text); m; m = CLAUSE_OPENER.exec(text)) start = m.index + m[0].length;
  return sentence.start + start;
}

function clauseBefore(doc: Doc, sentence: Sentence, at: number): string {
  return doc.text.slice(clauseStart(doc, sentence, at), at);
}

interface Roles {
  actors: EntityMention[];
  target: EntityMention | null;
  passive: boolean;
  decisions: RoleChoice["decisions"];
}

const COORDINATION = /^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?$/i;

/** "the government and the ELN signed": every mention joined to `m` by "and" or a comma, in order. */
function coordinated(doc: Doc, m: EntityMention, inSentence: EntityMention[]): EntityMention[] {
  const group = [m];
  let head = m;
  for (let k = inSentence.indexOf(m) - 1; k >= 0; k--) {
    const prev = inSentence[k];
    const between = doc.text.slice(prev.end, head.start);
    // "the National Liberation Army (ELN)": one actor named twice
    if (prev.entity === head.entity && /^\s*\(\s*$/.test(between)) {
      head = prev;
      continue;
    }
    if (!COORDINATION.test(between)) break;
    group.unshift(prev);
    head = prev;
  }
  return group.filter((x, i) => group.findIndex((y) => y.entity === x.entity) === i);
}

function findRoles(doc: Doc, sentence: Sentence, cue: CueHit, mentions: EntityMention[], quotes: { start: number; end: number }[]): Roles {
  const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end && m.entity.kind !== "media");
  const before = clauseBefore(doc, sentence, cue.start);
  const passive = PASSIVE_BEFORE.test(before);
  let actor: EntityMention | null = null;
  const from = clauseStart(doc, sentence, cue.start);
  for (const m of inSentence) {
    if (m.end > cue.start) break;
    if (m.start < from) continue; // "pledged aid ... a year after fighting broke out": not the donor fighting
    if (inside(quotes, m.start, m.end)) continue;
    if (PREPOSITION_BEFORE.test(doc.text.slice(sentence.start, m.start))) continue;
    actor = m; // the nearest subject-like mention before the cue
  }
  let target: EntityMention | null = null;
  const after = inSentence.filter((m) => m.start >= cue.end && !inside(quotes, m.start, m.end));
  if (passive) {
    target = actor;
    actor = null;
    const by = after.find((m) => /\bby\s+(?:the\s+)?(?:[\p{L}-]+\s+)?$/iu.test(doc.text.slice(cue.end, m.start)));
    if (by) actor = by;
  } else {
    // the object stays in the cue's clause: no comma, semicolon, quote or clause opener between them
    target = after.find((m) => m.entity !== actor?.entity && !/[,;:"“”]/.test(doc.text.slice(cue.end, m.start)) &&
      !new RegExp(CLAUSE_OPENER.source, "i").test(doc.text.slice(cue.end, m.start)) &&
      !/\b(?:in|at|near|told|from)\s+(?:the\s+)?$/i.test(doc.text.slice(cue.end, m.start))) ?? null;
  }
  if (!actor && !passive) {
    // "Last year, it liberated Raqqa": a pronoun subject points back to the last subject
    const pron = /\b(it|they|he|she)\s+(?:\w+\s+){0,2}$/i.exec(before);
    if (pron) actor = resolvePronoun(doc, mentions, pron[1], sentence.start + (pron.index ?? 0));
  }
  let actors = actor ? coordinated(doc, actor, inSentence) : [];
  // "talks between the government and the ELN": both sides act
  const between = /^\s*(?:\w+\s+){0,3}?between\s+/i.exec(doc.text.slice(cue.end, sentence.end));
  if (between && (cue.row.type === "CONSULT" || cue.row.type === "AGREE" || cue.row.type === "ASSAULT")) {
    const first = after.find((m) => m.start >= cue.end + between[0].length - 1);
    if (first) {
      const group = [first];
      for (const m of after) {
        if (m.start <= group[group.length - 1].start) continue;
        if (!COORDINATION.test(doc.text.slice(group[group.length - 1].end, m.start))) break;
        group.push(m);
      }
      if (group.length >= 2) actors = [...actors, ...group.filter((g) => !actors.some((a) => a.entity === g.entity))];
    }
  }
  // a protest's actor is the protesters, wherever the sentence names them
  if (cue.row.type === "PROTEST") {
    const crowd = inSentence.find((m) => m.entity.kind === "civilians" && /protest|demonstr|student|worker|activist|supporter/i.test(m.entity.name));
    if (crowd && !actors.some((a) => a.entity === crowd.entity)) {
      if (actors.length && !target) target = actors[0];
      actors = [crowd];
    }
  }
  if (target && actors.some((a) => a.entity === target?.entity)) target = null;
  // the one place an event's actor and target are decided (src/extract/roles): the rules' choice is a feature
  const chosen = chooseRoles({
    text: doc.text,
    sentence,
    cue: { start: cue.start, end: cue.end, type: cue.row.type, mode: cue.row.mode },
    candidates: inSentence.filter((m) => !inside(quotes, m.start, m.end)),
    passive,
    rule: { actors, target },
  });
  return { actors: chosen.actors, target: chosen.target, passive, decisions: chosen.decisions };
}

let limitBeforeTime: RegExp | undefined;
/**
 * Words before a time that make it a deadline or limit, not when the event happened: "talks shelved until 2028",
 * "by the end of the year" (lexicons/en/time-limits.tsv).
 */
function timeLimitBefore(): RegExp {
  if (!limitBeforeTime) {
    const phrases = loadLexicon("en/time-limits.tsv", ["phrase"]).map((r) => r.phrase.trim().split(/\s+/).map(escapeRegExp).join("\\s+"));
    limitBeforeTime = new RegExp(`\\b(?:${phrases.join("|")})\\s+(?:the\\s+)?$`, "i");
  }
  return limitBeforeTime;
}

/** A month or year this close to the cue, with no comma, bracket or semicolon between, dates the cue itself. */
const ATTACHED_CHARS = 30;
/**
 * A time inside a relative clause that opens right after the cue ("an attack that killed ... on Monday") dates the
 * cue, over a day attached to the clause around it ("claimed on Tuesday an attack that ... on Monday").
 */
const RELATIVE_CHARS = 90;
const RELATIVE_CLAUSE = /^\s+(?:that|which)\s/i;

/**
 * The date of the sentence nearest the cue; a day beats a month or year named elsewhere in the sentence ("On 3
 * May, workers laid off in 2019 protested": the year dates the layoffs, the day the protest), unless the month
 * or year is attached to the cue ("an accord signed in 2018"). A day that opens the sentence ("On 21 May, ...",
 * "Around 3 May, near the border, ...") dates what the sentence tells, over a day that dates a clause inside it
 * ("... relatives of a man who died on 1 May, marched"), unless that day is attached to the cue. A date after
 * publication ("the 26 June district", "a vote on 24 June" in a May paper) dates no past happening.
 */
function chooseTime(doc: Doc, sentence: Sentence, cue: Pick<CueHit, "start" | "end">): string | null {
  return chooseTimes(doc, sentence, cue).time;
}

/**
 * chooseTime's choice, and apart from it the day of a statement that tells the cue's happening ("..., the ministry
 * said on Wednesday"): only a stand-in, for an event none of whose sentences dates it (see statementDays).
 */
function chooseTimes(doc: Doc, sentence: Sentence, cue: Pick<CueHit, "start" | "end">): { time: string | null; statementDay: string | null } {
  const published = doc.meta.published;
  let best: { id: string; rank: number; distance: number } | null = null;
  let statement: { id: string; distance: number } | null = null;
  for (const t of doc.facts.times) {
    if (!/^\d{4}/.test(t.value)) continue; // durations and vague references do not date an event
    if (published && !t.value.includes("W") && t.value > published.slice(0, t.value.length)) continue;
    for (const m of t.mentions) {
      if (m.start < sentence.start || m.end > sentence.end) continue;
      if (timeLimitBefore().test(doc.text.slice(Math.max(sentence.start, m.start - 30), m.start))) continue;
      const distance = m.start >= cue.end ? m.start - cue.end : Math.max(0, cue.start - m.end);
      const between = doc.text.slice(Math.min(cue.end, m.end), Math.max(cue.start, m.start));
      // "a bombing that killed four soldiers near the town the previous day": the cue's own relative clause dates it
      const inRelative = m.start >= cue.end && distance <= RELATIVE_CHARS && RELATIVE_CLAUSE.test(between) && !/[,;()[\]]/.test(between);
      const attached = (distance <= ATTACHED_CHARS && !/[,;()[\]]/.test(between)) || inRelative;
      const opens = t.granularity === "day" && m.end <= cue.start && OPENING_BEFORE.test(doc.text.slice(sentence.start, m.start)) && OPENING_AFTER.test(doc.text.slice(m.end, Math.min(sentence.end, m.end + 48)));
      const day = t.granularity === "day";
      // "X happened, the ministry said on Wednesday": the day the statement was made, not the day of what it told
      // before it (what follows, "..., calling for talks", is the statement's own act and takes its day)
      if (!attached && m.start >= cue.end && speechDated(doc.text.slice(Math.max(sentence.start, m.start - 40), m.start))) {
        if (day && (!statement || distance < statement.distance)) statement = { id: t.id, distance };
        continue;
      }
      const rank = inRelative && day ? 4 : attached && day ? 3 : opens ? 2 : attached || day ? 1 : 0;
      if (!best || rank > best.rank || (rank === best.rank && distance < best.distance)) best = { id: t.id, rank, distance };
    }
  }
  return { time: best?.id ?? null, statementDay: statement?.id ?? null };
}

/** Events whose sentence dates only the statement that tells them: that day, their date if nothing better is found. */
const statementDays = new WeakMap<Event, string>();

/** Frames that no sentence dates take the day of the statement that told their first such mention. */
function dateFromStatements(frames: Frame[]): void {
  for (const frame of frames) {
    if (frame.event.time !== null) continue;
    const day = frame.mentions.map((m) => statementDays.get(m.event)).find((d) => d !== undefined);
    if (day) frame.event.time = day;
  }
}

let speechVerbs: Set<string> | undefined;
/** The words before a date end with a speech verb ("said on", "told reporters late on"): it dates the saying. */
function speechDated(before: string): boolean {
  speechVerbs ??= loadWordSet("en/speech-cues.tsv", "cue");
  const m = /(\p{L}+)(?:\s+(?:reporters|journalists))?\s+(?:(?:late|early)\s+)?(?:on\s+)?$/u.exec(before);
  return m !== null && speechVerbs.has(m[1].toLowerCase());
}

/** A date that opens its sentence: a few words before it ("On", "Around", "Overnight between"), then a comma or colon. */
const OPENING_BEFORE = /^[\s"'“‘(]*(?:[\p{L}\d]+\s+){0,4}$/u;
const OPENING_AFTER = /^\s*(?:\([^()]{0,40}\)\s*)?[,:]/;

/** No date in the sentence: the last date named earlier in its paragraph (news gives it once, in the lead). */
function paragraphTime(doc: Doc, sentence: Sentence): string | null {
  const paragraphStart = doc.text.lastIndexOf("\n", sentence.start) + 1;
  let best: { id: string; at: number } | null = null;
  for (const t of doc.facts.times) {
    if (t.granularity !== "day") continue;
    for (const m of t.mentions) if (m.start >= paragraphStart && m.end <= sentence.start && (!best || m.start > best.at)) best = { id: t.id, at: m.start };
  }
  return best?.id ?? null;
}

function casualtyCounts(list: CasualtyMention[]): { killed: Count | null; injured: Count | null; victims: string | null; added: { killed: boolean; injured: boolean } } | null {
  if (list.length === 0) return null;
  const killed = sentenceCount(list.filter((c) => c.kind === "killed"));
  const injured = sentenceCount(list.filter((c) => c.kind === "injured"));
  const victims = list.find((c) => c.kind === "killed" && c.victims)?.victims ?? list.find((c) => c.victims)?.victims ?? null;
  // a sentence whose every toll is over one told before ("3 more bodies were recovered") adds to the event's
  return { killed, injured, victims, added: { killed: addsToEarlier(list, "killed"), injured: addsToEarlier(list, "injured") } };
}

function civiliansEntity(doc: Doc, victims: string, at: CasualtyMention | undefined): Entity {
  const existing = doc.facts.entities.find((e) => e.kind === "civilians" && e.name.toLowerCase() === victims);
  if (existing) return existing;
  const entity: Entity = {
    id: `e${doc.facts.entities.length + 1}`,
    name: victims,
    kind: "civilians",
    aliases: [],
    roles: [],
    country: null,
    affiliations: [],
    mentions: at ? [span(doc, at.start, at.end)] : [],
  };
  doc.facts.entities.push(entity);
  return entity;
}

/** Candidates named in "it was unclear if X or Y carried out the strike" (this or the next two sentences). */
function contestedCandidates(doc: Doc, sentenceIndex: number, mentions: EntityMention[]): { status: "contested" | "claimed" | "unknown"; ids: string[] } | null {
  for (let k = sentenceIndex; k < Math.min(doc.sentences.length, sentenceIndex + 8); k++) {
    const s = doc.sentences[k];
    const text = doc.text.slice(s.start, s.end);
    const unclear = attributionCue("contested").exec(text);
    if (unclear) {
      const from = s.start + unclear.index;
      const ids: string[] = [];
      for (const m of mentions) {
        if (m.start < from || m.end > s.end) continue;
        if (m.entity.kind === "media" || m.entity.kind === "civilians") continue;
        if (!ids.includes(m.entity.id)) ids.push(m.entity.id);
      }
      return { status: ids.length >= 2 ? "contested" : "unknown", ids };
    }
    const claimed = attributionCue("claimed").exec(text);
    if (claimed) {
      const before = mentions.filter((m) => m.start >= s.start && m.end <= s.start + claimed.index);
      const who = before[before.length - 1];
      return { status: "claimed", ids: who ? [who.entity.id] : [] };
    }
  }
  return null;
}

/**
 * After an attack nobody owns, the parties' accusations ("the army blamed the RSF", "each other") make the
 * perpetrator contested between those accused: the ACCUSE events that follow it, before the next violent event.
 */
function contestFromAccusations(events: Event[], doc: Doc): void {
  events.forEach((ev, i) => {
    if (ev.type !== "ASSAULT" || ev.attribution.status !== "unknown" || ev.hypothetical || ev.negated) return;
    const accused = new Set<string>();
    for (const later of events.slice(i + 1)) {
      if (later.type === "ASSAULT" && !later.hypothetical && !later.negated && later.casualties) break;
      if (later.type !== "ACCUSE") continue;
      later.targets.forEach((t) => accused.add(t));
      const sentence = later.evidence[1]?.text ?? "";
      if (/\beach other\b|\bone another\b/i.test(sentence)) later.actors.forEach((a) => accused.add(a));
    }
    // "the warring parties blamed each other": the two belligerents the article names most
    const evidenceEnd = ev.evidence[1]?.end ?? 0;
    const after = doc.text.slice(ev.evidence[1]?.start ?? 0, evidenceEnd + 1500);
    if (attributionCue("reciprocal").test(after)) {
      const belligerents = doc.facts.entities
        .filter((e) => e.kind === "armed_group" || e.kind === "military" || e.kind === "government")
        .filter((e) => !e.roles.includes("unidentified"))
        .sort((a, b) => b.mentions.length - a.mentions.length)
        .slice(0, 2);
      if (belligerents.length === 2) belligerents.forEach((e) => accused.add(e.id));
    }
    const candidates = [...accused].filter((id) => doc.facts.entities.find((e) => e.id === id && e.kind !== "civilians" && e.kind !== "media"));
    if (candidates.length > 0) ev.attribution = { status: "contested", candidates };
  });
}

/**
 * A cue word that names no conflict type ("demanded", "reinforcements") takes the ACLED model's label only where
 * no other event of the article is a conflict event by its own cue word: beside one, it tells a part of that
 * happening (the protesters' demands, the troops sent to the fighting), and typing it too would file two records
 * of one happening. It then keeps what its cue word says.
 */
function keepFallbackTypesAlone(events: Event[], cueCategoryOf: ReadonlyMap<Event, CueRow["category"]>): void {
  const byCue = events.some((e) => e.acled && !e.negated && !e.hypothetical && !cueCategoryOf.has(e));
  if (!byCue) return;
  for (const [event, category] of cueCategoryOf) {
    event.acled = null;
    if (category) event.category = category;
    else delete event.category;
    const decision = event.decisions?.type;
    if (decision) decision.decidedBy = "cue+rule:conflict-cue-beside";
  }
}

let disasterCues: RegExp | undefined;
function disasterIn(text: string): boolean {
  disasterCues ??= new RegExp(`\\b(?:${loadLexicon("en/disaster-cues.tsv", ["pattern", "category"]).map((r) => r.pattern).join("|")})\\b`, "i");
  return disasterCues.test(text);
}

/** Builds the report's events from the doc's sentences, entities, places and times. */
export function extractEvents(doc: Doc): Event[] {
  const merged = eventFrames(doc).map((f) => f.event);
  contestFromAccusations(merged, doc);
  return merged.map((e, i) => ({ ...e, id: `ev${i + 1}` }));
}

/**
 * The article's happenings: every cue mention (per sentence), framed into one happening each, counted from all
 * its sentences, frames of different kinds that tell one happening folded into one (frames/fold.ts), and marked
 * when it is not a record (background, generic).
 */
/**
 * The quotes that are speech: what a speaker says is not a happening. A quotation that is the whole text (nothing
 * outside its marks) has no speaker outside it: it is the report itself, quoted from elsewhere, and read as told.
 */
function speechQuotes(doc: Doc): ReturnType<Doc["layer"]> {
  return doc.layer("quotes").filter((q) => {
    const outerStart = Number(q.attrs?.outerStart ?? q.start);
    const outerEnd = Number(q.attrs?.outerEnd ?? q.end);
    return doc.text.slice(0, outerStart).trim() !== "" || doc.text.slice(outerEnd).trim() !== "";
  });
}

/** a sentence that tells a figure as someone's claim or report, or an earlier happening */
const CLAIMED_OR_EARLIER = /\b(?:claim(?:ed|s|ing)?|according\s+to|said|says|report(?:ed|s)?|alleg(?:ed|es)|after|following|before|since|earlier|previously)\b/i;

/** The sides whose dead a sentence's killed tolls count, when every one of them names its side; null otherwise. */
function sidesOf(list: readonly CasualtyMention[], text: string): Set<string> | null {
  const killed = list.filter((c) => c.kind === "killed");
  // (a toll of two groups, "1 policeman and 1 civilian", names only its first: its sides are not all known)
  if (killed.length === 0 || killed.some((c) => !c.victims || c.victims === "people" || /\b(?:and|plus|with)\b|,/i.test(text.slice(c.start, c.end)))) return null;
  return new Set(killed.map((c) => c.victims!));
}

export function eventFrames(doc: Doc): Frame[] {
  /** the sides an event's killed toll counts, when each toll named one */
  const killedSides = new WeakMap<Event, Set<string>>();
  const mentions = entityMentions(doc);
  const quotes = speechQuotes(doc);
  const { hypothetical, negated } = getLexicons();
  const events: Event[] = [];
  const sentenceOf: number[] = [];
  /** the category the cue word itself gave each event the ACLED model typed in its place */
  const cueCategoryOf = new Map<Event, CueRow["category"]>();
  let lastViolent: { event: Event; sentence: number } | null = null;

  doc.sentences.forEach((sentence, si) => {
    const hits = findCues(doc, sentence, quotes);
    const sentenceText = doc.text.slice(sentence.start, sentence.end);
    const found = findCasualties(sentenceText, sentence.start).filter((c) => !inside(quotes, c.start, c.end));
    // ("Gunmen abducted 9 soldiers. They then shot them dead.": the people taken a sentence before are the dead)
    const previous = si > 0 ? doc.sentences[si - 1] : null;
    const casualties = found.some((c) => c.kind === "killed") || !previous ? found : [...found, ...tollOfTakenBefore(doc.text.slice(previous.start, previous.end), sentenceText, sentence.start)];
    let triggers = chooseTriggers(hits, doc.text);
    const casualtyHit = hits.find((h) => h.row.role === "casualty");
    const counts = casualtyCounts(casualties);

    // an earthquake's or a crash's toll is not violence: with no cue of violence, no event
    // (a disaster told after the violence as what came before it, "beat the driver to death following a road accident", is
    // its cause: the sentence's violence stands)
    const violentAt = triggers.filter((t) => t.row.type === "ASSAULT" && t.row.role === "trigger").map((t) => t.end - sentence.start);
    const disaster = disasterIn(violentAt.length ? sentenceText.replace(CAUSE_BEFORE_IT, (x, at: number) => (at >= Math.min(...violentAt) ? " ".repeat(x.length) : x)) : sentenceText);
    if (disaster && !triggers.some((t) => t.row.type === "ASSAULT" && t.row.priority >= 7)) {
      triggers = triggers.filter((t) => t.row.type !== "ASSAULT");
      if (triggers.length === 0) return;
    }
    if (triggers.length === 0 && counts) {
      // a toll without a new happening ("2 dead.", "Another 9 people were hurt.") belongs to the violent event
      // just reported; "another", "separate", "elsewhere" or "also" outside the toll tell a new one
      const outsideTolls = casualties.reduceRight((t, c) => t.slice(0, c.start - sentence.start) + " " + t.slice(c.end - sentence.start), sentenceText);
      if (lastViolent && si - lastViolent.sentence <= 2 && !/\b(?:another|separate|elsewhere|also)\b/i.test(outsideTolls)) {
        const ev = lastViolent.event;
        const merged = ev.casualties ?? { killed: null, injured: null, victims: null };
        // the dead of a side the event's toll did not count add to it ("killing 7 rebels. The army lost 2 soldiers."), as
        // sides told apart do within a sentence (sentenceCount): every toll names its side ("people" names none)
        const before = killedSides.get(ev);
        const now = sidesOf(casualties, doc.text);
        // (not a toll another source claims, "the rebels claimed 14 soldiers were killed", which retells the same dead, nor
        // one told as an earlier happening, "after police killed a man")
        const otherSide = !!before && before.size > 0 && !!now && now.size === 1 && !before.has([...now][0]) && !CLAIMED_OR_EARLIER.test(sentenceText);
        if (otherSide && before && now) for (const v of now) before.add(v);
        ev.casualties = {
          killed: (counts.added.killed || otherSide) && merged.killed ? addCounts(merged.killed, counts.killed!) : combineReportedCounts([merged.killed, counts.killed].filter((c): c is Count => !!c)),
          injured: counts.added.injured && merged.injured ? addCounts(merged.injured, counts.injured!) : combineReportedCounts([merged.injured, counts.injured].filter((c): c is Count => !!c)),
          victims: merged.victims ?? counts.victims,
        };
        ev.evidence.push(span(doc, sentence.start, sentence.end));
        // the sentence that gives the toll may be the one that dates it ("were killed on Monday"): a day, not a
        // month or a year of a statistic ("the deadliest March the county has had")
        const tollTime = ev.time ? null : chooseTime(doc, sentence, casualties[0]);
        if (tollTime && doc.facts.times.find((t) => t.id === tollTime)?.granularity === "day") ev.time = tollTime;
        return;
      }
      if (!casualtyHit) return;
      triggers = [casualtyHit];
    } else if (casualtyHit && counts && !triggers.some((t) => VIOLENT.includes(t.row.type))) {
      // "two people were shot and killed, police said" next to an arrest: the killing is its own event
      triggers = [...triggers, casualtyHit];
    }

    for (const cue of triggers) {
      const row = cue.row;
      const roles = findRoles(doc, sentence, cue, mentions, quotes);
      const violent = VIOLENT.includes(row.type);
      let eventCounts = violent ? counts : null;
      let targets: string[] = roles.target ? [roles.target.entity.id] : [];
      const actorEntities = roles.actors.map((a) => a.entity);
      if (eventCounts?.victims && eventCounts.victims !== "people") {
        const victimEntity = civiliansEntity(doc, eventCounts.victims, casualties[0]);
        if (victimEntity.kind === "civilians" && !targets.includes(victimEntity.id)) targets = [...targets, victimEntity.id];
      }
      const near = doc.text.slice(Math.max(sentence.start, cue.start - 60), cue.start);
      const clause = near.split(/[,;]/).pop() ?? near;
      const isHypothetical = hypothetical.test(clause);
      const isNegated = negated.test(near.split(/[,;]/).pop()?.split(/\s+/).slice(-4).join(" ") ?? "") ||
        /\bneither\b[^,;]*\bnor\b/i.test(clauseBefore(doc, sentence, cue.start));
      // the one place an event's type is decided (src/extract/event-type)
      const window = eventWindowSpan(doc, si);
      const paragraph = paragraphSpan(doc, si);
      const typing = decideEventType({
        cue: row,
        at: cue.start,
        text: doc.text.slice(window.start, window.end),
        textStart: window.start,
        ...(paragraph.start < window.start || paragraph.end > window.end ? { paragraph: doc.text.slice(paragraph.start, paragraph.end) } : {}),
        actorKinds: actorEntities.map((e) => e.kind),
        targetKinds: targets.map((id) => doc.facts.entities.find((e) => e.id === id)?.kind).filter((k): k is Entity["kind"] => !!k),
        ...(isHypothetical ? { clauseBefore: clause } : {}),
      });
      // a riot or a protest keeps only its own tolls (ownTolls)
      const own = counts ? ownTolls(typing.acled?.eventType, sentenceText, sentence.start, casualties, violent) : [];
      if (counts && own.length < casualties.length) eventCounts = casualtyCounts(own);
      else if (counts) eventCounts = counts;
      // the one place an event's place is decided (src/extract/event-place)
      const placed = chooseEventPlace(doc, si, cue, doc.facts.places, events.map((e, k) => ({ sentence: sentenceOf[k], place: e.place })));
      const place = placed?.place ?? null;
      const evidence: Span[] = [span(doc, cue.start, cue.end), span(doc, sentence.start, sentence.end)];
      const actors = actorEntities.map((e) => e.id);
      // "gunmen" acted, but who they are is not stated
      const identified = actorEntities.filter((e) => !e.roles.includes("unidentified"));
      const times = chooseTimes(doc, sentence, cue);
      const event: Event = {
        id: `ev${events.length + 1}`,
        type: typing.type,
        mode: typing.mode,
        acled: typing.acled,
        ...(typing.category ? { category: typing.category } : {}),
        actors,
        targets: targets.filter((t) => !actors.includes(t)),
        place: place?.id ?? null,
        time: times.time ?? paragraphTime(doc, sentence),
        // a riot's toll is its own (a mob that lynches, rioters shot): ACLED counts it on the riot; so is a protest's
        // (marchers shot dead by police: ACLED counts them on the protest met with force)
        casualties: eventCounts ? { killed: eventCounts.killed, injured: eventCounts.injured, victims: eventCounts.victims === "people" ? null : eventCounts.victims } : null,
        attribution: { status: identified.length ? "stated" : "unknown", candidates: identified.map((e) => e.id) },
        negated: isNegated,
        hypothetical: isHypothetical,
        evidence,
        // an act the text does not assert ("threatened to attack", "will impose") is less surely a record than one told as done
        confidence: Math.min(0.95, 0.4 + row.priority * 0.04 + (actors.length ? 0.1 : 0) + (place ? 0.05 : 0) + (row.role === "casualty" ? -0.05 : 0) - (isHypothetical ? 0.2 : 0)),
        decisions: { type: { decidedBy: typing.decidedBy, score: Number(typing.score.toFixed(3)) }, ...roles.decisions, ...(placed ? { place: placed.decision } : {}) },
      };
      if (times.statementDay) statementDays.set(event, times.statementDay);
      if (violent && identified.length === 0) {
        const contested = contestedCandidates(doc, si, mentions);
        if (contested) {
          event.attribution = { status: contested.status, candidates: contested.ids };
          if (contested.status === "claimed") event.actors = [...new Set([...contested.ids, ...event.actors])];
        }
      }
      const sides = event.casualties?.killed ? sidesOf(counts && own.length < casualties.length ? own : casualties, doc.text) : null;
      if (sides) killedSides.set(event, sides);
      events.push(event);
      sentenceOf.push(si);
      if (typing.decidedBy.startsWith(FALLBACK_TYPING)) cueCategoryOf.set(event, row.category);
      // a riot takes later tolls only when it tells one itself (a "rampage" in a statistic is no riot to count on)
      if ((violent || (event.acled?.eventType === "Riots" && event.casualties)) && !isHypothetical && !isNegated) lastViolent = { event, sentence: si };
    }
  });
  keepFallbackTypesAlone(events, cueCategoryOf);
  if (events.length === 0) {
    const lead = eventWithoutCue(doc);
    if (lead) {
      events.push(lead);
      sentenceOf.push(0);
    }
  }
  const frames = frameMentions(events.map((e, i) => describeMention(doc, e, sentenceOf[i])), mergeModel(), frameContext(doc));
  countPeople(doc, frames);
  dateFromTellingSentences(doc, frames);
  dateFromStatements(frames);
  const folded = foldAcrossTypes(frames, foldModel(), frameContext(doc));
  markReportability(folded, doc);
  // a happening none of whose sentences places it happened where the report tells its story
  const unplaced = folded.filter((f) => f.event.place === null);
  const story = unplaced.length > 0 ? storyPlaceChoice(doc, doc.facts.places) : null;
  if (story) {
    for (const f of unplaced) {
      f.event.place = story.place.id;
      if (f.event.decisions) f.event.decisions = { ...f.event.decisions, place: story.decision };
    }
  }
  return folded;
}

/** "following a road accident", "after the crash": what came before, told as a noun after "following" or "after" */
const CAUSE_BEFORE_IT = /\b(?:following|after)\s+(?:a|an|the|his|her|their)\s+[^,.;]{0,60}/gi;

/**
 * the kin or friends of people, right before them ("relatives of", "friends of the"), and right before a toll one
 * parent, or siblings, children or neighbours ("the father of a student killed by police led the march")
 */
const KIN_OF = new RegExp(String.raw`\b(?:${KIN}|kinsmen|mothers?|fathers?|brothers|sisters|sons|daughters|neighbou?rs)\s+of\s+(?:the\s+)?$`, "i");

/** Words that tell what a protest is about ("following a blast in which nine soldiers died", "in remembrance of"): a
 * toll after them is the cause's, not the protest's. ("over 50 were injured": "over" before a figure and a verb is "more
 * than".) */
const PROTEST_CAUSE = new RegExp(
  String.raw`\b(?:following|after|over(?!\s+${A_FIGURE}[^,;:]{0,30}?\b(?:were|was|are|have|had)\b)|against|about|demand(?:ing|ed|s)?|remembrance|memory|mourn(?:ing|ed)?|commemorat\w*|because|due\s+to|case\s+of|justice|anniversary)\b`,
  "i",
);

/** The same for a riot, whose toll a cause less often precedes ("clashed over land, leaving 3 dead" is the riot's). */
const RIOT_CAUSE = /\b(?:following|after|remembrance|memory|mourn(?:ing|ed)?|commemorat\w*|because|justice|anniversary)\b/i;

/** The words before a toll that make it the cause of a protest or riot, not its own toll, by ACLED event type. */
const CAUSE_BEFORE_TOLL: Partial<Record<string, RegExp>> = { Protests: PROTEST_CAUSE, Riots: RIOT_CAUSE };

/**
 * A protest or riot (a violent cue so typed too) keeps the tolls of its sentence told before any cause word: "a mob beat a
 * thief to death after he had stabbed a trader, leaving her dead" keeps the thief, and "residents attacked police
 * after two boys were killed" no one; a protest keeps none told in a relative clause ("relatives of a boy who died"
 * names whom the protest is about). Another non-violent event keeps none, another violent one all.
 */
function ownTolls(eventType: string | undefined, sentenceText: string, sentenceStart: number, casualties: CasualtyMention[], violent: boolean): CasualtyMention[] {
  const cause = eventType === undefined ? undefined : CAUSE_BEFORE_TOLL[eventType];
  if (cause === undefined) return violent ? casualties : [];
  const relative = (c: CasualtyMention) => eventType === "Protests" && /\bwho\b/i.test(sentenceText.slice(c.start - sentenceStart, c.end - sentenceStart));
  // ("protested over two people being killed": the toll's own first word, read as "more than", may be the cause word;
  // so may the word that opens its clause, "rioted after a student was killed")
  const lead = (c: CasualtyMention) => /^(?:over|about|after|following|because)\s/i.exec(sentenceText.slice(c.start - sentenceStart, c.end - sentenceStart))?.[0] ?? "";
  // ("marched with the bodies of three men": the dead a protest or riot carries are whom it is about)
  const carried = (c: CasualtyMention) => /^bod(?:y|ies)\b/i.test(sentenceText.slice(c.start - sentenceStart)) && CARRYING_BEFORE.test(sentenceText.slice(0, c.start - sentenceStart));
  // ("relatives of two farmers killed by herders marched": the dead whose kin protest are whom it is about)
  const kin = (c: CasualtyMention) => KIN_OF.test(sentenceText.slice(0, c.start - sentenceStart));
  return casualties.filter((c) => !cause.test(sentenceText.slice(0, c.start - sentenceStart) + lead(c)) && !relative(c) && !carried(c) && !kin(c));
}

/** Below any cue's confidence: an event no cue word found is the least sure of all. */
const NO_CUE_CONFIDENCE = 0.3;
/** A text this short is a report of one happening (a wire brief, a coder's note); a longer one without cues is not. */
const NO_CUE_MAX_SENTENCES = 5;
/** Fewer words than this outside quotes ("the commander said") tell no happening. */
const NO_CUE_MIN_WORDS = 5;

/**
 * A short text in which no cue word found a happening: the event its lead (the first sentence and its neighbours
 * in the paragraph) reports, typed by the event-type models when they are sure enough (event-type
 * `decideWithoutCue`), or none. It has no parties (no cue to read them around); its place and time are the lead
 * sentence's.
 */
function eventWithoutCue(doc: Doc): Event | null {
  const sentence = doc.sentences[0];
  if (!sentence || doc.sentences.length > NO_CUE_MAX_SENTENCES) return null;
  const window = eventWindowSpan(doc, 0);
  // what a speaker says is not a happening: the models read the lead without its quotes
  let text = doc.text.slice(window.start, window.end);
  for (const q of speechQuotes(doc)) {
    const from = Math.max(q.start, window.start) - window.start;
    const to = Math.min(q.end, window.end) - window.start;
    if (from < to) text = text.slice(0, from) + " ".repeat(to - from) + text.slice(to);
  }
  if ((text.match(/\p{L}+/gu) ?? []).length < NO_CUE_MIN_WORDS) return null;
  const typing = decideWithoutCue(text);
  if (!typing) return null;
  // no cue word: place and time are chosen as if the cue stood at the start of the lead
  const row: CueRow = { re: /$^/, type: typing.type, mode: typing.mode, acledEvent: null, acledSub: null, category: null, priority: 0, role: "trigger" };
  const at: CueHit = { row, start: sentence.start, end: sentence.start };
  const counts = typing.type === "ASSAULT" ? casualtyCounts(findCasualties(doc.text.slice(sentence.start, sentence.end), sentence.start)) : null;
  const placed = chooseEventPlace(doc, 0, at, doc.facts.places);
  return {
    id: "ev1",
    type: typing.type,
    mode: typing.mode,
    acled: typing.acled,
    ...(typing.category ? { category: typing.category } : {}),
    actors: [],
    targets: [],
    place: placed?.place.id ?? null,
    time: chooseTime(doc, sentence, at) ?? paragraphTime(doc, sentence),
    casualties: counts ? { killed: counts.killed, injured: counts.injured, victims: counts.victims === "people" ? null : counts.victims } : null,
    attribution: { status: "unknown", candidates: [] },
    negated: false,
    hypothetical: false,
    evidence: [span(doc, sentence.start, sentence.end)],
    confidence: NO_CUE_CONFIDENCE,
    decisions: { type: { decidedBy: typing.decidedBy, score: Number(typing.score.toFixed(3)) }, ...(placed ? { place: placed.decision } : {}) },
  };
}

/**
 * A violent frame none of whose mentions is dated takes the day of the first later sentence that tells it
 * ("Four fishermen were killed. They were shot while fishing on Monday."): the sentences that belong to it, as
 * for its counts. A frame with any date keeps it, so a later court date never replaces the happening's own.
 */
function dateFromTellingSentences(doc: Doc, frames: Frame[]): void {
  const counted = (f: Frame) => f.event.type === "ASSAULT" && !f.event.negated && !f.event.hypothetical;
  const of = sentenceFrames(doc, frames, counted);
  const days = new Set(doc.facts.times.filter((t) => t.granularity === "day").map((t) => t.id));
  doc.sentences.forEach((sentence, i) => {
    const frame = of[i];
    if (!frame || frame.event.time !== null || i < Math.min(...frame.mentions.map((m) => m.sentence))) return;
    const time = chooseTime(doc, sentence, { start: sentence.start, end: sentence.start });
    if (time && days.has(time)) frame.event.time = time;
  });
}

/** Violent, asserted frames get their killed and injured counts from the counting model. */
function countPeople(doc: Doc, frames: Frame[]): void {
  const model = countModel();
  if (!model) return;
  const counted = (f: Frame) => f.event.type === "ASSAULT" && !f.event.negated && !f.event.hypothetical;
  const evidence = countEvidence(doc, frames, sentenceFrames(doc, frames, counted));
  for (const frame of frames) {
    const ev = evidence.get(frame);
    if (!ev || !counted(frame)) continue;
    const killed = chooseCount(model, "killed", ev.killed, frame.event.casualties?.killed ?? null);
    const injured = chooseCount(model, "injured", ev.injured, frame.event.casualties?.injured ?? null, killed.count?.best ?? 0);
    if (!killed.count && !injured.count) frame.event.casualties = null;
    else frame.event.casualties = { killed: killed.count, injured: injured.count, victims: frame.event.casualties?.victims ?? null };
  }
}
