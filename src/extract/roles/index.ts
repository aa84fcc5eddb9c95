/**
 * Who acted and who was hit, for one event: every entity mention of the event's sentence is a candidate, scored
 * by a trained linear model (features.ts) as actor, target or neither. The model fills a role the rules left
 * empty, or replaces the rules' pick when it scores that pick as neither, with its best candidate when that beats
 * "neither" by the floor chosen in training. Today's rules are also a feature, and two
 * general rules stay hard: a perpetrator the text leaves unnamed ("gunmen") stays unnamed rather than borrowing
 * a nearby name, and a mention inside a quote or a speaker is never a candidate the rules did not already read.
 * Model: models/roles/roles.bin, trained by `npm run train:roles` (train.ts) on RAMS, WikiEvents and GVDB.
 */
import { existsSync } from "node:fs";
import { fromRoot } from "../../paths.js";
import type { Decision, Entity } from "../../report.js";
import type { EntityMention } from "../mentions.js";
import { readModel, scoreFeatures, shares, type LinearModel } from "../event-type/model.js";
import { roleCandidateFeatures, type RoleCandidateView } from "./features.js";

export const ROLE_LABELS = ["none", "actor", "target"] as const;

export interface RoleInput {
  text: string;
  sentence: { start: number; end: number };
  cue: { start: number; end: number; type: string; mode: string | null };
  /** entity mentions of the sentence that may fill a role (not quoted, not media), in text order */
  candidates: EntityMention[];
  passive: boolean;
  /** what the rules chose */
  rule: { actors: EntityMention[]; target: EntityMention | null };
}

export interface RoleChoice {
  actors: EntityMention[];
  target: EntityMention | null;
  decisions: { actors: Decision; targets: Decision };
}

export interface RoleSettings {
  /** how much the actor score must beat "neither" for a candidate to become the actor */
  actorFloor: number;
  targetFloor: number;
}

let loaded: { model: LinearModel; settings: RoleSettings } | null | undefined;
let recorder: { input: RoleInput; features: string[][] }[] | null = null;

/** Uses this model instead of the committed one (training); null turns the model off (rules alone). */
export function useRoleModel(model: LinearModel | null, settings?: RoleSettings): void {
  loaded = model ? { model, settings: settings ?? { actorFloor: 0, targetFloor: 0 } } : null;
}

/** Keeps every input and its candidates' features (training); null stops. */
export function recordRoleInputs(into: { input: RoleInput; features: string[][] }[] | null): void {
  recorder = into;
}

function getModel(): { model: LinearModel; settings: RoleSettings } | null {
  if (loaded !== undefined) return loaded;
  const file = fromRoot("models", "roles", "roles.bin");
  if (!existsSync(file)) return (loaded = null);
  const model = readModel(file);
  loaded = { model, settings: (model.meta.settings as RoleSettings | undefined) ?? { actorFloor: 0, targetFloor: 0 } };
  return loaded;
}

/** The features of every candidate of an event. */
export function candidateFeatures(input: RoleInput): string[][] {
  const sentence = input.text.slice(input.sentence.start, input.sentence.end);
  const before = input.candidates.filter((m) => m.end <= input.cue.start).reverse(); // nearest the cue first
  const after = input.candidates.filter((m) => m.start >= input.cue.end);
  return input.candidates.map((m) => {
    const view: RoleCandidateView = {
      sentence,
      sentenceStart: input.sentence.start,
      cue: input.cue,
      mention: { start: m.start, end: m.end, kind: m.entity.kind, unidentified: m.entity.roles.includes("unidentified") },
      passive: input.passive,
      rule: input.rule.actors.some((a) => a.entity === m.entity) ? "actor" : input.rule.target?.entity === m.entity ? "target" : null,
      rankFromCue: Math.max(before.indexOf(m), after.indexOf(m)),
    };
    return roleCandidateFeatures(view);
  });
}

/** The event's actors and target: the model's choice where it is sure, else the rules'. */
export function chooseRoles(input: RoleInput): RoleChoice {
  const features = candidateFeatures(input);
  recorder?.push({ input, features });
  const active = getModel();
  const byRule: RoleChoice = {
    actors: input.rule.actors,
    target: input.rule.target,
    decisions: { actors: { decidedBy: "rule", score: 0 }, targets: { decidedBy: "rule", score: 0 } },
  };
  if (!active || input.candidates.length === 0) return byRule;
  const { model, settings } = active;
  const [none, actor, target] = ROLE_LABELS.map((l) => model.labels.indexOf(l));
  const scored = input.candidates.map((m, i) => {
    const s = scoreFeatures(model, features[i]);
    return { m, actor: s[actor] - s[none], target: s[target] - s[none], share: shares(s) };
  });
  // a perpetrator the text leaves unnamed stays unnamed; one the rules found outside the sentence (a pronoun) stays
  const ruleActor = input.rule.actors[0];
  const keepRuleActor = ruleActor && (ruleActor.entity.roles.includes("unidentified") || !input.candidates.includes(ruleActor));
  // the model fills a role the rules left empty, or replaces the rules' pick when it scores that pick as neither
  const pick = (role: "actor" | "target", ruled: EntityMention | null, floor: number, exclude: Set<Entity>): (typeof scored)[number] | null => {
    const ruledScore = ruled ? scored.find((c) => c.m.entity === ruled.entity) : undefined;
    if (ruled && (!ruledScore || ruledScore[role] >= 0)) return null;
    const best = scored.filter((c) => !exclude.has(c.m.entity)).reduce<(typeof scored)[number] | null>((b, c) => (!b || c[role] > b[role] ? c : b), null);
    return best && best[role] > floor ? best : null;
  };
  let actors = input.rule.actors;
  let actorDecision: Decision = { decidedBy: "rule", score: 0 };
  if (!keepRuleActor) {
    const chosen = pick("actor", input.rule.actors[0] ?? null, settings.actorFloor, new Set());
    if (chosen) [actors, actorDecision] = [[chosen.m], { decidedBy: "model", score: Number(chosen.share[actor].toFixed(3)) }];
  }
  const taken = new Set(actors.map((a) => a.entity));
  let chosenTarget: EntityMention | null = input.rule.target && !taken.has(input.rule.target.entity) ? input.rule.target : null;
  let targetDecision: Decision = { decidedBy: "rule", score: 0 };
  const t = pick("target", chosenTarget, settings.targetFloor, taken);
  if (t) [chosenTarget, targetDecision] = [t.m, { decidedBy: "model", score: Number(t.share[target].toFixed(3)) }];
  return { actors, target: chosenTarget, decisions: { actors: actorDecision, targets: targetDecision } };
}
