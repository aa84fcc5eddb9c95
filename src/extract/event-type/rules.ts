/**
 * ACLED's coding rules between neighbouring types, applied after the models where the roles say who acted
 * (ACLED codebook, 2023):
 * - territory changes hands by force: state forces "regain" it, anyone else "overtakes" it;
 * - remote violence needs the attacker away from its target: artillery or mortars used in a clash the text
 *   names (fighting, an exchange of fire) are part of that armed clash;
 * - a battle is between two organised armed sides; violence against civilians needs unarmed victims: an attack
 *   whose only targets are armed is an armed clash, a generic attack on civilians or on named people and
 *   organisations is violence against civilians;
 * - violence by an unorganised crowd (villagers, a mob, rioters) is a riot: mob violence, or a violent
 *   demonstration when the crowd are demonstrators;
 * - a demonstration met with force is a protest with intervention (or excessive force when lethal); one whose
 *   demonstrators turn violent is a riot (lexicons/en/event-modifiers.tsv);
 * - a riot is a PLOVER protest with the mode "riot".
 * Each rule that changes the decision names itself in `decidedBy`.
 */
import type { EntityKind } from "../../report.js";
import { loadLexicon } from "../../lexicon.js";
import type { EventTypeDecision, EventTypeInput } from "./index.js";

const STATE: ReadonlySet<EntityKind> = new Set(["government", "military"]);
const ARMED: ReadonlySet<EntityKind> = new Set(["government", "military", "armed_group"]);
const TERRITORY = new Set(["Government regains territory", "Non-state actor overtakes territory"]);

function withRule(decision: EventTypeDecision, rule: string, change: Partial<EventTypeDecision>): EventTypeDecision {
  return { ...decision, ...change, decidedBy: `${decision.decidedBy}+rule:${rule}` };
}

let clash: RegExp | undefined;
/** The event cues that name a clash itself (ACLED "Armed clash" at priority 7 or more: fighting, exchanges of fire). */
function clashWords(): RegExp {
  clash ??= new RegExp(
    `\\b(?:${loadLexicon("en/event-cues.tsv", ["pattern", "type", "priority", "role"]).filter((r) => r.acled_sub === "Armed clash" && Number(r.priority) >= 7).map((r) => r.pattern).join("|")})\\b`,
    "i",
  );
  return clash;
}

let modifiers: { re: RegExp; acledEvent: string; acledSub: string }[] | undefined;
/** What turns a peaceful protest into another protest or riot type, in the lexicon's order (later rows win). */
function protestModifiers(): { re: RegExp; acledEvent: string; acledSub: string }[] {
  modifiers ??= loadLexicon("en/event-modifiers.tsv", ["pattern", "applies_to", "acled_event", "acled_sub"])
    .filter((r) => r.applies_to === "PROTEST")
    .map((r) => ({ re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"), acledEvent: r.acled_event, acledSub: r.acled_sub }));
  return modifiers;
}

export function applyAcledRules(decision: EventTypeDecision, input: Pick<EventTypeInput, "cue" | "text" | "actorKinds" | "targetKinds">): EventTypeDecision {
  let d = decision;
  const sub = d.acled?.subEventType;
  if (sub === "TERRITORY" || (sub && TERRITORY.has(sub) && input.actorKinds.length > 0)) {
    const state = input.actorKinds.some((k) => STATE.has(k));
    const wanted = input.actorKinds.length === 0 ? "Armed clash" : state ? "Government regains territory" : "Non-state actor overtakes territory";
    if (wanted !== sub) d = withRule(d, "territory", { acled: { eventType: "Battles", subEventType: wanted } });
  }
  if (d.acled?.subEventType === "Attack" && input.targetKinds.length > 0 && input.targetKinds.every((k) => ARMED.has(k)) && input.actorKinds.some((k) => ARMED.has(k))) {
    d = withRule(d, "armed-targets", { acled: { eventType: "Battles", subEventType: "Armed clash" } });
  }
  if (d.acled?.subEventType === "Shelling/artillery/missile attack" && clashWords().test(input.text)) {
    d = withRule(d, "remote-in-clash", { acled: { eventType: "Battles", subEventType: "Armed clash" } });
  }
  const generic = input.cue.type === "ASSAULT" && !input.cue.mode;
  if (generic && (d.acled?.subEventType === "Armed clash" || d.acled?.subEventType === "Attack") && input.targetKinds.length > 0) {
    const armed = input.targetKinds.some((k) => ARMED.has(k));
    const wanted = armed ? "Armed clash" : "Attack";
    if (wanted !== d.acled.subEventType) {
      d = withRule(d, "attack-target", { acled: armed ? { eventType: "Battles", subEventType: "Armed clash" } : { eventType: "Violence against civilians", subEventType: "Attack" } });
    }
  }
  const crowd = input.actorKinds.length > 0 && input.actorKinds.every((k) => k === "civilians");
  if (crowd && (d.acled?.eventType === "Battles" || d.acled?.subEventType === "Attack")) {
    const demonstrators = /\b(?:protest|demonstrat)/i.test(input.text);
    d = withRule(d, "crowd", { acled: { eventType: "Riots", subEventType: demonstrators ? "Violent demonstration" : "Mob violence" } });
  }
  if (d.acled?.eventType === "Protests" && d.acled.subEventType === "Peaceful protest") {
    for (const m of protestModifiers()) {
      if (m.re.test(input.text)) d = withRule(d, "protest-outcome", { acled: { eventType: m.acledEvent, subEventType: m.acledSub } });
    }
  }
  if (d.type === "PROTEST" && d.acled?.eventType === "Riots" && d.mode !== "riot") d = { ...d, mode: "riot" };
  return d;
}
