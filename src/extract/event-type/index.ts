/**
 * What kind of event a happening is, decided by two trained linear models over the sentences around it
 * (features.ts): one chooses the PLOVER type, one the ACLED sub-event type (its event type follows) or a kind
 * of happening outside ACLED (crime, natural or man-made disaster, diplomacy, attribution). The cue word that
 * found the event is one feature among many: "rioters clashed with police" reads as a riot, not a clash.
 * After the models, ACLED's own coding rules decide between neighbours where the text says who acted (rules.ts).
 * Where the cue word names no ACLED type, the ACLED model gives one when sure (`fallbackShare`); a short text no
 * cue reads is typed by both models alone (`decideWithoutCue`, `noCueShare`), or as the crime it names.
 * Models: models/event-type/{plover,acled}.bin, trained by `npm run train:event-type` (train.ts).
 */
import { existsSync } from "node:fs";
import type { Doc } from "../../doc/index.js";
import { fromRoot } from "../../paths.js";
import { PLOVER_TYPES, type EntityKind, type EventCategory, type PloverType } from "../../report.js";
import { cueContextFeatures, eventTypeFeatures, sidesOfInput, weaponOf } from "./features.js";
import { readModel, scoreFeatures, shares, type LinearModel } from "./model.js";
import { CATEGORY_CODES, codeOfSubEvent, meaningOfCode } from "./labels.js";
import { statedIntentType } from "./intent.js";
import { applyAcledRules } from "./rules.js";
import { loadLexicon } from "../../lexicon.js";

export { eventTypeFeatures } from "./features.js";

/** What the cue word that found the event says, as the lexicon has it. */
export interface CueTyping {
  type: PloverType;
  mode: string | null;
  acledEvent: string | null;
  acledSub: string | null;
  category: EventCategory | null;
  /** the lexicon's priority: 9 and above name one sub-event outright (a suicide bomb, an abduction, a rape) */
  priority?: number;
  /** the lexicon's role: "casualty" for words that only report harm ("killed", "died") */
  role?: string;
}

/** Cues this specific keep their own ACLED type: the model may not override them. */
const SPECIFIC_CUE_PRIORITY = 9;

export interface EventTypeInput {
  cue: CueTyping;
  /** the sentences around the event (its own and its neighbours in the paragraph) */
  text: string;
  /** kinds of who acted and who was hit, as the roles found them */
  actorKinds: readonly EntityKind[];
  targetKinds: readonly EntityKind[];
  /** where the cue word starts in the document: lets training find the input of the event it labels */
  at?: number;
  /** where `text` starts in the document: with `at`, places the cue in the text (who is before it, who after) */
  textStart?: number;
  /**
   * the event's paragraph (up to three sentences either side), when it is longer than `text`: how a protest
   * ended ("police later dispersed them") is often told two or three sentences after the protest; only ACLED's
   * protest-outcome rule reads it
   */
  paragraph?: string;
  /**
   * for an event the polarity words make hypothetical: the clause before its cue ("the ministry said it would"),
   * where a stated intention turns the act into PLOVER's promise or threat (intent.ts)
   */
  clauseBefore?: string;
}

export interface EventTypeDecision {
  type: PloverType;
  mode: string | null;
  acled: { eventType: string; subEventType: string } | null;
  category: EventCategory | null;
  /** the ACLED model's share for its label (0..1); the cue's own confidence when no model decided */
  score: number;
  /** "model", "model+rule:<name>", or "cue" when the models are absent */
  decidedBy: string;
}

/** `decidedBy` of an ACLED type the ACLED model gave an event whose cue word names none */
export const FALLBACK_TYPING = "model:no-acled-cue";

export interface EventTypeModels {
  plover: LinearModel;
  acled: LinearModel;
}

/** Thresholds chosen on held-back data by train.ts and stored beside the weights. */
export interface EventTypeSettings {
  /** how much higher the PLOVER model must score its own choice than the cue's type to override the cue */
  ploverMargin: number;
  /** what the cue word's own ACLED label (or category) adds to the ACLED model's score for it */
  cueBonus: number;
  /**
   * for a cue that names no ACLED type or category ("demanded", "denounced", "reinforcements"): the share the
   * ACLED model must give its label for the event to take it (above 1: never)
   */
  fallbackShare?: number;
  /** for a text with no cue at all: the share the models must give their label for an event to be filed (above 1: never) */
  noCueShare?: number;
}

let loaded: { models: EventTypeModels; settings: EventTypeSettings } | null | undefined;
let recorder: EventTypeInput[] | null = null;

/** Keeps every input `decideEventType` sees in `into` (training reads the features extraction builds); null stops. */
export function recordEventTypeInputs(into: EventTypeInput[] | null): void {
  recorder = into;
}

/** Uses these models instead of the committed ones (training and cross-validation); null disables them. */
export function useEventTypeModels(models: EventTypeModels | null, settings?: EventTypeSettings): void {
  loaded = models ? { models, settings: settings ?? DEFAULT_SETTINGS } : null;
}

const DEFAULT_SETTINGS: EventTypeSettings = { ploverMargin: 1e9, cueBonus: 1e9, fallbackShare: 2, noCueShare: 2 };

function getModels(): { models: EventTypeModels; settings: EventTypeSettings } | null {
  if (loaded !== undefined) return loaded;
  const ploverFile = fromRoot("models", "event-type", "plover.bin");
  const acledFile = fromRoot("models", "event-type", "acled.bin");
  if (!existsSync(ploverFile) || !existsSync(acledFile)) {
    loaded = null;
    return loaded;
  }
  const acled = readModel(acledFile);
  const plover = readModel(ploverFile);
  const settings = (acled.meta.settings as EventTypeSettings | undefined) ?? DEFAULT_SETTINGS;
  loaded = { models: { plover, acled }, settings };
  return loaded;
}

/** The roles' kinds as features: who acted and who was hit matter to ACLED (a clash needs two armed sides). */
export function roleFeatures(actorKinds: readonly EntityKind[], targetKinds: readonly EntityKind[]): string[] {
  return [...actorKinds.map((k) => `actorkind:${k}`), ...targetKinds.map((k) => `targetkind:${k}`)];
}

/** What the models read for one event: the text's features, the cue word's own types, the sides' kinds, the weapon. */
export function featuresOfInput(input: EventTypeInput): string[] {
  const { cue } = input;
  const own = [`own:${cue.type}`, `own:${cue.type}:${cue.mode ?? "-"}`, `ownsub:${cue.acledSub ?? "-"}`, `owncat:${cue.category ?? "-"}`];
  const sides = sidesOfInput(input);
  const weapon = weaponOf(input.text);
  const context = input.at !== undefined && input.textStart !== undefined ? cueContextFeatures(input.text, input.at - input.textStart) : [];
  const kinds = [
    ...sides.actor.map((k) => `side:actor:${k}`),
    ...sides.target.map((k) => `side:target:${k}`),
    ...sides.actor.flatMap((a) => sides.target.map((t) => `side:${a}>${t}`)),
    ...(weapon ? [`weapon:${weapon}`] : []),
    ...context,
  ];
  return eventTypeFeatures(input.text, [...own, ...roleFeatures(input.actorKinds, input.targetKinds), ...kinds]);
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The event's PLOVER type and mode, ACLED type or category, from the models, the cue and ACLED's rules; a stated
 * intention then makes the PLOVER type a promise or a threat (intent.ts).
 */
export function decideEventType(original: EventTypeInput): EventTypeDecision {
  recorder?.push(original);
  const decision = decideTypes(original);
  const intended = original.clauseBefore === undefined ? null : statedIntentType(decision.type, original.clauseBefore);
  return intended ? { ...decision, type: intended, mode: null, decidedBy: `${decision.decidedBy}+rule:stated-intent` } : decision;
}

function decideTypes(original: EventTypeInput): EventTypeDecision {
  const input = original.cue.role === "casualty" ? { ...original, cue: happeningBeside(original) } : original;
  const { cue } = input;
  const fromCue: EventTypeDecision = {
    type: cue.type,
    mode: cue.mode,
    acled: cue.acledEvent && cue.acledSub ? { eventType: cue.acledEvent, subEventType: cue.acledSub } : null,
    category: cue.category,
    score: 0,
    decidedBy: "cue",
  };
  const active = getModels();
  if (!active) return applyAcledRules(fromCue, input);
  const { models, settings } = active;
  const features = featuresOfInput(input);

  const ploverScores = scoreFeatures(models.plover, features);
  const ploverShares = shares(ploverScores);
  const top = argmax(ploverScores);
  const cueIndex = models.plover.labels.indexOf(cue.type);
  const topType = models.plover.labels[top] as PloverType;
  const overrides = PLOVER_TYPES.includes(topType) && topType !== cue.type && cueIndex >= 0 && ploverScores[top] - ploverScores[cueIndex] > settings.ploverMargin;
  const type = overrides ? topType : cue.type;
  const mode = overrides ? null : cue.mode;

  // the ACLED model chooses among ACLED types when the cue word names one (among all labels when it names a
  // category), with the cue's own label raised by `cueBonus`: the model overrides the cue only when sure
  const fromCueCodes = cueCodes(cue);
  const acledScores = scoreFeatures(models.acled, features);
  if (fromCueCodes.length === 0) {
    // a cue that names no ACLED type: the ACLED model gives one when it is sure enough ("residents demanding
    // jobs barricaded the road" is a protest however the cue word reads)
    const acledShares = shares(acledScores);
    const k = argmax(acledScores);
    if (acledShares[k] >= (settings.fallbackShare ?? 2)) {
      const meaning = meaningOfCode(models.acled.labels[k]);
      return applyAcledRules({ type, mode, acled: meaning.acled, category: meaning.category, score: acledShares[k], decidedBy: FALLBACK_TYPING }, input);
    }
    return applyAcledRules({ ...fromCue, type, mode, decidedBy: overrides ? "model" : "cue", score: ploverShares[top] }, input);
  }
  let best = -1;
  let bestScore = -Infinity;
  models.acled.labels.forEach((code, i) => {
    if (cue.acledSub && !meaningOfCode(code).acled) return;
    if ((cue.priority ?? 0) >= SPECIFIC_CUE_PRIORITY && !fromCueCodes.includes(code)) return;
    const score = acledScores[i] + (fromCueCodes.includes(code) ? settings.cueBonus : 0);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  const code = models.acled.labels[best];
  const meaning = meaningOfCode(code);
  const byCue = fromCueCodes.includes(code);
  return applyAcledRules(
    { type, mode, acled: meaning.acled, category: meaning.category, score: shares(acledScores)[best], decidedBy: byCue ? "cue+model" : "model" },
    input,
  );
}

/**
 * What a text with no cue of any kind reports, when the ACLED model is sure enough (`noCueShare`) that it tells
 * political violence, a protest or a disaster: its ACLED type or disaster category by the ACLED model and its PLOVER
 * type by the PLOVER model; else a crime, when the text names one (CRIME_WORDS); otherwise null. Short reports always tell one
 * happening ("a group of residents burned tyres on the highway"); the cue lexicon misses some of them.
 */
export function decideWithoutCue(text: string): EventTypeDecision | null {
  const active = getModels();
  if (!active) return null;
  const { models, settings } = active;
  const features = noCueFeatures(text);
  const ploverScores = scoreFeatures(models.plover, features);
  const ploverShares = shares(ploverScores);
  const acledScores = scoreFeatures(models.acled, features);
  const acledShares = shares(acledScores);
  const p = argmax(ploverScores);
  let a = argmax(acledScores);
  const threshold = settings.noCueShare ?? 2;
  if (threshold > 1) return null;
  let meaning = meaningOfCode(models.acled.labels[a]);
  // Without a cue word the text is a happening only when the ACLED model reads political violence, a protest or a
  // disaster in it: a PLOVER type alone, or a crime or diplomacy category, is what any sentence about a budget, a
  // harvest or a visit also gets from models trained only on texts that report something. A text that names a
  // crime (a smuggling, a robbery, a theft: CRIME_WORDS) and no other happening the model is sure of reports that
  // crime.
  const disaster = meaning.category === "natural_disaster" || meaning.category === "man_made_disaster";
  if (acledShares[a] < threshold || (!meaning.acled && !disaster)) {
    const crime = models.acled.labels.indexOf(CATEGORY_CODES.crime);
    if (crime < 0 || !CRIME_WORDS.test(text)) return null;
    a = crime;
    meaning = meaningOfCode(CATEGORY_CODES.crime);
  }
  // PLOVER has no type for a disaster: it keeps the PLOVER model's best type that is not violence or a protest, so
  // that an earthquake's toll is never an assault (its `category` says what it is)
  let type = models.plover.labels[p] as PloverType;
  if (meaning.category === "natural_disaster" || meaning.category === "man_made_disaster") {
    let best = -Infinity;
    models.plover.labels.forEach((label, i) => {
      if (NOT_FOR_DISASTERS.has(label) || ploverScores[i] <= best) return;
      [best, type] = [ploverScores[i], label as PloverType];
    });
  }
  return {
    type,
    mode: type === "PROTEST" && meaning.acled?.eventType === "Riots" ? "riot" : null,
    acled: meaning.acled,
    category: meaning.category,
    score: Math.max(ploverShares[p], acledShares[a]),
    decidedBy: "model:no-cue",
  };
}

let triggerRows: { re: RegExp; row: CueTyping }[] | undefined;
/**
 * A word that only reports harm ("killed", "died") tells no kind of violence: the toll belongs to the happening
 * told beside it (ACLED files a riot's or a clash's dead on that event). Its ACLED type is that of the most specific
 * cue of violence, protest or riot in the event's window, when there is one; the rules then read the sides as before.
 */
export function happeningBeside(input: EventTypeInput): CueTyping {
  const { cue } = input;
  if (cue.role !== "casualty") return cue;
  triggerRows ??= loadLexicon("en/event-cues.tsv", ["pattern", "type", "priority", "role"])
    .filter((r) => r.role === "trigger" && r.acled_sub && (r.type === "ASSAULT" || r.type === "PROTEST"))
    .map((r) => ({
      re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"),
      row: { type: r.type as PloverType, mode: r.mode || null, acledEvent: r.acled_event || null, acledSub: r.acled_sub || null, category: null, priority: Number(r.priority), role: r.role },
    }));
  let best: CueTyping | null = null;
  for (const t of triggerRows) if (t.re.test(input.text) && (!best || (t.row.priority ?? 0) > (best.priority ?? 0))) best = t.row;
  return best && (best.priority ?? 0) >= MIN_BESIDE_PRIORITY ? { ...best, role: cue.role, priority: Math.min(best.priority ?? 0, cue.priority ?? 0) } : cue;
}
/** cues this specific tell the happening (a clash, a riot, a mob, an air strike); a generic "attack" or "fired" does not */
const MIN_BESIDE_PRIORITY = 7;

/**
 * Words that name a crime outside political violence (CASE-2021's organised crime): smuggling, trafficking, theft,
 * robbery, fraud, counterfeiting, drugs. Only for texts no cue reads: they back the ACLED model's reading of a crime.
 */
const CRIME_WORDS =
  /\b(?:smuggl\w*|traffick\w*|robber(?:y|ies|s)?|rob(?:s|bed|bing)?|theft|thie(?:f|ves)|stole|stolen|steal(?:s|ing)?|burglar\w*|counterfeit\w*|fraud\w*|forged|fake (?:currency|notes)|narcotics|contraband|drugs?|extort\w*|embezzl\w*|money laundering|cyber ?crimes?|poach(?:ed|ing|ers?))\b/i;

/** PLOVER types a disaster is never given. */
const NOT_FOR_DISASTERS: ReadonlySet<string> = new Set(["ASSAULT", "PROTEST"]);

/** What the models read for a text with no cue: its words and lexicon hits. */
export function noCueFeatures(text: string): string[] {
  return eventTypeFeatures(text, ["own:none"]);
}

/** The labels the cue word stands for: its ACLED sub-event (either side of a territory change) or its category. */
function cueCodes(cue: CueTyping): string[] {
  if (cue.acledSub === "TERRITORY") return ["GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"];
  const code = cue.acledSub ? codeOfSubEvent(cue.acledSub) : null;
  if (code) return [code];
  return cue.category ? [CATEGORY_CODES[cue.category]] : [];
}

/** The text the models read for the event of sentence `index`: that sentence and its neighbours in the paragraph. */
export function eventWindow(doc: Pick<Doc, "text" | "sentences">, index: number): string {
  const { start, end } = eventWindowSpan(doc, index);
  return doc.text.slice(start, end);
}

/** How many sentences either side of the event's own `paragraphSpan` reaches (a bound: work stays linear). */
const PARAGRAPH_REACH = 3;

/**
 * Where the paragraph of sentence `index` starts and ends: its sentences with no line break between them, at most
 * `PARAGRAPH_REACH` either side.
 */
export function paragraphSpan(doc: Pick<Doc, "text" | "sentences">, index: number): { start: number; end: number } {
  const joined = (a: number, b: number): boolean => !doc.text.slice(doc.sentences[a].end, doc.sentences[b].start).includes("\n");
  let first = index;
  while (first > 0 && index - first < PARAGRAPH_REACH && joined(first - 1, first)) first--;
  let last = index;
  while (last + 1 < doc.sentences.length && last - index < PARAGRAPH_REACH && joined(last, last + 1)) last++;
  return { start: doc.sentences[first].start, end: doc.sentences[last].end };
}

/** Where `eventWindow` starts and ends in the document. */
export function eventWindowSpan(doc: Pick<Doc, "text" | "sentences">, index: number): { start: number; end: number } {
  const own = doc.sentences[index];
  const sameParagraph = (k: number): boolean => {
    const other = doc.sentences[k];
    if (!other) return false;
    const between = k < index ? doc.text.slice(other.end, own.start) : doc.text.slice(own.end, other.start);
    return !between.includes("\n");
  };
  const from = sameParagraph(index - 1) ? doc.sentences[index - 1].start : own.start;
  const to = sameParagraph(index + 1) ? doc.sentences[index + 1].end : own.end;
  return { start: from, end: to };
}
