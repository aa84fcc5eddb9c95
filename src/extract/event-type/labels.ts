/**
 * The labels the event-type models choose between: ACLED sub-event types (by their CASE-2021 code, which also
 * names five kinds of happening outside ACLED) and PLOVER types. The ACLED event type follows from the
 * sub-event type, so one model decides both.
 */
import type { EventCategory } from "../../report.js";

/** ACLED sub-event type -> [CASE-2021 code, ACLED event type] (ontology.md). */
export const ACLED_SUB_EVENTS: Readonly<Record<string, readonly [string, string]>> = {
  "Armed clash": ["ARMED_CLASH", "Battles"],
  "Government regains territory": ["GOV_REGAINS_TERIT", "Battles"],
  "Non-state actor overtakes territory": ["NON_STATE_ACTOR_OVERTAKES_TER", "Battles"],
  "Chemical weapon": ["CHEM_WEAP", "Explosions/Remote violence"],
  "Air/drone strike": ["AIR_STRIKE", "Explosions/Remote violence"],
  "Suicide bomb": ["SUIC_BOMB", "Explosions/Remote violence"],
  "Shelling/artillery/missile attack": ["ART_MISS_ATTACK", "Explosions/Remote violence"],
  "Remote explosive/landmine/IED": ["REM_EXPLOS", "Explosions/Remote violence"],
  Grenade: ["GRENADE", "Explosions/Remote violence"],
  "Sexual violence": ["SEX_VIOL", "Violence against civilians"],
  Attack: ["ATTACK", "Violence against civilians"],
  "Abduction/forced disappearance": ["ABDUCT_DISSAP", "Violence against civilians"],
  "Peaceful protest": ["PEACE_PROTEST", "Protests"],
  "Protest with intervention": ["PROTEST_WITH_INTER", "Protests"],
  "Excessive force against protesters": ["FORCE_AGAINST_PROTEST", "Protests"],
  "Violent demonstration": ["VIOL_DEMONSTR", "Riots"],
  "Mob violence": ["MOB_VIOL", "Riots"],
  Agreement: ["AGREEMENT", "Strategic developments"],
  Arrests: ["ARREST", "Strategic developments"],
  "Change to group/activity": ["CHANGE_TO_GROUP_ACT", "Strategic developments"],
  "Disrupted weapons use": ["DISR_WEAP", "Strategic developments"],
  "Headquarters or base established": ["HQ_ESTABLISHED", "Strategic developments"],
  "Looting/property destruction": ["PROPERTY_DISTRUCT", "Strategic developments"],
  "Non-violent transfer of territory": ["NON_VIOL_TERRIT_TRANSFER", "Strategic developments"],
  Other: ["OTHER", "Strategic developments"],
};

/** CASE-2021's labels outside ACLED, as sitrep's `event.category`. */
export const CATEGORY_CODES: Readonly<Record<EventCategory, string>> = {
  crime: "ORG_CRIME",
  natural_disaster: "NATURAL_DISASTER",
  man_made_disaster: "MAN_MADE_DISASTER",
  diplomacy: "DIPLO",
  attribution: "ATTRIB",
};

const BY_CODE = new Map<string, { acled: { eventType: string; subEventType: string } | null; category: EventCategory | null }>([
  ...Object.entries(ACLED_SUB_EVENTS).map(([sub, [code, eventType]]) => [code, { acled: { eventType, subEventType: sub }, category: null }] as const),
  ...Object.entries(CATEGORY_CODES).map(([category, code]) => [code, { acled: null, category: category as EventCategory }] as const),
]);

/** Every label of the ACLED model, in a fixed order. */
export const ACLED_CODES: readonly string[] = [...BY_CODE.keys()];

/** What a code means in a report: an ACLED type, or a category outside ACLED. */
export function meaningOfCode(code: string): { acled: { eventType: string; subEventType: string } | null; category: EventCategory | null } {
  const hit = BY_CODE.get(code);
  if (!hit) throw new Error(`unknown event code ${code}`);
  return hit;
}

/** The CASE code of an ACLED sub-event type, or null. */
export function codeOfSubEvent(subEventType: string): string | null {
  return ACLED_SUB_EVENTS[subEventType]?.[0] ?? null;
}
