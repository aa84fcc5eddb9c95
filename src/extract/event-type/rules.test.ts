import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EntityKind } from "../../report.js";
import type { CueTyping, EventTypeDecision } from "./index.js";
import { applyAcledRules } from "./rules.js";

const cue = (over: Partial<CueTyping> = {}): CueTyping => ({ type: "ASSAULT", mode: null, acledEvent: "Battles", acledSub: "Armed clash", category: null, ...over });
const decision = (eventType: string, subEventType: string, over: Partial<EventTypeDecision> = {}): EventTypeDecision => ({
  type: "ASSAULT",
  mode: null,
  acled: { eventType, subEventType },
  category: null,
  score: 0.5,
  decidedBy: "model",
  ...over,
});
const apply = (d: EventTypeDecision, c: CueTyping, text: string, actorKinds: EntityKind[] = [], targetKinds: EntityKind[] = []) =>
  applyAcledRules(d, { cue: c, text, actorKinds, targetKinds });

describe("ACLED rules between neighbouring types", () => {
  test("territory taken by state forces is regained; by anyone else, overtaken", () => {
    const taken = decision("Battles", "Non-state actor overtakes territory");
    const byArmy = apply(taken, cue({ acledSub: "TERRITORY" }), "The army retook the town.", ["military"]);
    assert.equal(byArmy.acled?.subEventType, "Government regains territory");
    assert.match(byArmy.decidedBy, /rule:territory/);
    const byRebels = apply(decision("Battles", "Government regains territory"), cue({ acledSub: "TERRITORY" }), "Rebels seized the town.", ["armed_group"]);
    assert.equal(byRebels.acled?.subEventType, "Non-state actor overtakes territory");
  });

  test("a generic attack on civilians is violence against civilians; on soldiers, an armed clash", () => {
    const onVillagers = apply(decision("Battles", "Armed clash"), cue(), "Gunmen attacked villagers.", ["armed_group"], ["civilians"]);
    assert.deepEqual(onVillagers.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
    const onSoldiers = apply(decision("Violence against civilians", "Attack"), cue(), "Militants attacked soldiers.", ["armed_group"], ["military"]);
    assert.deepEqual(onSoldiers.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("a named clash is not changed by who the target is when the cue names its weapon", () => {
    const clash = apply(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Troops clashed with villagers.", ["military"], ["civilians"]);
    assert.equal(clash.acled?.subEventType, "Armed clash");
  });

  test("violence by a crowd is a riot: mob violence, or a violent demonstration when they were protesting", () => {
    const mob = apply(decision("Violence against civilians", "Attack"), cue(), "Villagers beat two men.", ["civilians"]);
    assert.deepEqual(mob.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const demo = apply(decision("Battles", "Armed clash"), cue(), "Protesters attacked a police post during the demonstration.", ["civilians"]);
    assert.deepEqual(demo.acled, { eventType: "Riots", subEventType: "Violent demonstration" });
  });

  test("a protest met with tear gas is a protest with intervention", () => {
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    const out = apply(d, cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" }), "Police fired tear gas at students marching on parliament.");
    assert.equal(out.acled?.subEventType, "Protest with intervention");
    const calm = apply(d, cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" }), "Students marched on parliament.");
    assert.equal(calm.acled?.subEventType, "Peaceful protest");
  });

  test("artillery used in a named clash is part of the clash; shelling alone stays remote violence", () => {
    const shelling = decision("Explosions/Remote violence", "Shelling/artillery/missile attack");
    const inClash = apply(shelling, cue({ mode: "artillery" }), "Fighting raged as both sides used mortars.");
    assert.equal(inClash.acled?.subEventType, "Armed clash");
    const remote = apply(shelling, cue({ mode: "artillery" }), "Mortars hit the market.");
    assert.equal(remote.acled?.subEventType, "Shelling/artillery/missile attack");
  });

  test("a riot coded on a PLOVER protest has the mode riot", () => {
    const out = apply(decision("Riots", "Violent demonstration", { type: "PROTEST", mode: "demo" }), cue({ type: "PROTEST", mode: "demo" }), "Rioters set cars on fire.");
    assert.equal(out.mode, "riot");
  });
});
