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
/** The rules with the cue placed in the text (at `word`), so that the nouns around it say who acted and who was hit. */
const applyAt = (d: EventTypeDecision, c: CueTyping, text: string, word: string, actorKinds: EntityKind[] = [], targetKinds: EntityKind[] = []) =>
  applyAcledRules(d, { cue: c, text, actorKinds, targetKinds, at: 500 + text.indexOf(word), textStart: 500 });

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

  test("mortars or grenades fired alongside small arms are an exchange of fire, an armed clash", () => {
    const shelling = decision("Explosions/Remote violence", "Shelling/artillery/missile attack");
    const withRifles = apply(shelling, cue({ mode: "artillery" }), "The rebels fired mortars and small arms at the army's trenches.");
    assert.equal(withRifles.acled?.subEventType, "Armed clash");
    assert.match(withRifles.decidedBy, /rule:remote-in-clash/);
    const grenade = decision("Explosions/Remote violence", "Grenade");
    const thrown = apply(grenade, cue({ mode: "explosives", acledSub: "Grenade" }), "A man threw a grenade into the bar.");
    assert.equal(thrown.acled?.subEventType, "Grenade");
  });

  test("explosions with no device named, heard with small-arms fire, are a clash; a named device stays remote violence", () => {
    const bare = cue({ mode: "explosions", acledEvent: "Explosions/Remote violence", acledSub: "Remote explosive/landmine/IED", priority: 6 });
    const ied = decision("Explosions/Remote violence", "Remote explosive/landmine/IED");
    assert.equal(apply(ied, bare, "Monitors heard explosions and small arms near the bridge.").acled?.subEventType, "Armed clash");
    assert.equal(apply(ied, bare, "An explosion tore through the market.").acled?.subEventType, "Remote explosive/landmine/IED");
    const device = cue({ mode: "explosives", acledEvent: "Explosions/Remote violence", acledSub: "Remote explosive/landmine/IED", priority: 9 });
    assert.equal(apply(ied, device, "A roadside bomb hit the patrol, and soldiers returned fire with rifles.").acled?.subEventType, "Remote explosive/landmine/IED");
  });

  test("an attack whose target is named only elsewhere in the text: civilians hit make it violence against civilians", () => {
    const onHerders = applyAt(decision("Battles", "Armed clash"), cue(), "Bandits attacked at dawn. Three herders were killed and their cattle taken.", "attacked");
    assert.deepEqual(onHerders.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
    assert.match(onHerders.decidedBy, /rule:civilians-hit/);
    const withSoldiers = applyAt(decision("Battles", "Armed clash"), cue(), "Bandits attacked at dawn. Two soldiers and a farmer were killed.", "attacked");
    assert.equal(withSoldiers.acled?.subEventType, "Armed clash");
  });

  test("an attack on a military post is on state forces: an armed clash", () => {
    const out = applyAt(decision("Violence against civilians", "Attack"), cue(), "Militants attacked an army checkpoint outside the town.", "attacked");
    assert.deepEqual(out.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("a clash between groups of people with no organised armed side is a riot; one with soldiers stays a clash", () => {
    const traders = applyAt(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Two groups of traders clashed over market stalls.", "clashed");
    assert.deepEqual(traders.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const rebels = applyAt(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Rebels clashed with villagers near the river.", "clashed");
    assert.equal(rebels.acled?.subEventType, "Armed clash");
  });

  test("two groups of a community fighting each other are mob violence", () => {
    const out = applyAt(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Two groups of a farming community clashed over grazing land.", "clashed");
    assert.deepEqual(out.acled, { eventType: "Riots", subEventType: "Mob violence" });
  });

  test("a riot coded on a PLOVER protest has the mode riot", () => {
    const out = apply(decision("Riots", "Violent demonstration", { type: "PROTEST", mode: "demo" }), cue({ type: "PROTEST", mode: "demo" }), "Rioters set cars on fire.");
    assert.equal(out.mode, "riot");
  });

  test("the nouns around the cue decide between an attack and a clash when the roles name no entity", () => {
    const onTrader = applyAt(decision("Battles", "Armed clash"), cue(), "Unknown gunmen attacked a trader at the market.", "attacked");
    assert.deepEqual(onTrader.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
    const onPatrol = applyAt(decision("Violence against civilians", "Attack"), cue({ mode: "firearms", acledEvent: "Violence against civilians", acledSub: "Attack" }), "Militants fired on soldiers at a checkpoint.", "fired");
    assert.deepEqual(onPatrol.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("a passive cue is read the right way round: the victim before it, the doer after 'by'", () => {
    const out = applyAt(decision("Battles", "Armed clash"), cue(), "A farmer was attacked by armed men on his land.", "attacked", [], ["armed_group"]);
    assert.deepEqual(out.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
  });

  test("violence by residents or party supporters, named by a common noun, is mob violence", () => {
    const out = applyAt(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Supporters of two rival parties clashed outside the town hall.", "clashed");
    assert.deepEqual(out.acled, { eventType: "Riots", subEventType: "Mob violence" });
  });

  test("an attack carried out with a remote weapon is remote violence of that weapon", () => {
    const out = apply(decision("Battles", "Armed clash"), cue(), "Fighters attacked the convoy with two roadside bombs.");
    assert.deepEqual(out.acled, { eventType: "Explosions/Remote violence", subEventType: "Remote explosive/landmine/IED" });
    assert.match(out.decidedBy, /rule:weapon/);
    const named = apply(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Fighting raged as the rebels fired on the post with mortars.");
    assert.equal(named.acled?.subEventType, "Armed clash");
  });

  test("an abduction whose victims are killed is an attack; one without, stays an abduction", () => {
    const abduct = cue({ mode: "abduct", acledEvent: "Violence against civilians", acledSub: "Abduction/forced disappearance", priority: 9 });
    const d = decision("Violence against civilians", "Abduction/forced disappearance");
    assert.equal(apply(d, abduct, "Gunmen abducted and later killed two herders.").acled?.subEventType, "Attack");
    assert.equal(apply(d, abduct, "Gunmen abducted two herders on the road.").acled?.subEventType, "Abduction/forced disappearance");
  });

  test("stones thrown or tyres burnt by protesters make a violent demonstration; arrests they protest against do not", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    assert.equal(apply(d, protest, "Protesters blocked the highway with burning tires.").acled?.subEventType, "Violent demonstration");
    assert.equal(apply(d, protest, "Students pelted the governor's car with stones during the march.").acled?.subEventType, "Violent demonstration");
    assert.equal(apply(d, protest, "Lawyers protested against the arrest of a colleague and demanded his release.").acled?.subEventType, "Peaceful protest");
    assert.equal(apply(d, protest, "Police arrested ten protesters outside the ministry.").acled?.subEventType, "Protest with intervention");
    assert.equal(apply(d, protest, "The march became violent near the bus station.").acled?.subEventType, "Violent demonstration");
    assert.equal(apply(d, protest, "Traders protested the new levy and blocked the main road with burning logs.").acled?.subEventType, "Violent demonstration");
    assert.equal(apply(d, protest, "Two police officers were injured when students protested the fee rise.").acled?.subEventType, "Violent demonstration");
    const later = applyAcledRules(d, { cue: protest, text: "Nurses marched to the ministry. They demanded back pay.", paragraph: "Nurses marched to the ministry. They demanded back pay. Police later used tear gas on them.", actorKinds: [], targetKinds: [] });
    assert.equal(later.acled?.subEventType, "Protest with intervention");
    assert.equal(apply(d, protest, "Police used a baton charge to disperse the nurses' protest.").acled?.subEventType, "Protest with intervention");
    assert.equal(apply(d, protest, "Farmers held a protest at the mill; twelve protesters including their leader were arrested.").acled?.subEventType, "Protest with intervention");
  });
  test("an attack whose targets fired back is an exchange between two armed sides, an armed clash", () => {
    const out = apply(decision("Violence against civilians", "Attack"), cue({ acledEvent: "Violence against civilians", acledSub: "Attack" }), "Bandits attacked the farm; the guards fired back and the raiders fled.");
    assert.deepEqual(out.acled, { eventType: "Battles", subEventType: "Armed clash" });
    assert.match(out.decidedBy, /rule:fought-back/);
    const executed = apply(decision("Violence against civilians", "Attack"), cue({ acledEvent: "Violence against civilians", acledSub: "Attack", priority: 8 }), "Militants executed two elders; the guards fired back.");
    assert.equal(executed.acled?.subEventType, "Attack");
  });

  test("a clash between hawkers and shopkeepers, with no armed group and no gunfire, is a riot", () => {
    const out = applyAt(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Hawkers clashed with shopkeepers over the space in front of the stalls.", "clashed");
    assert.deepEqual(out.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const gang = applyAt(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Gang members clashed with shopkeepers in the old town.", "clashed");
    assert.equal(gang.acled?.subEventType, "Armed clash");
  });

  test("a clash fought with stones and sticks, where no gun and no armed group is named, is a riot", () => {
    const out = apply(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Two families clashed with sticks and stones over a boundary.");
    assert.deepEqual(out.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const armed = apply(decision("Battles", "Armed clash"), cue({ mode: "firearms" }), "Militants clashed with villagers who threw stones at them.");
    assert.equal(armed.acled?.subEventType, "Armed clash");
  });

  test("people named by number who attack the police without guns are a mob", () => {
    const out = applyAt(decision("Violence against civilians", "Attack"), cue(), "Three men attacked two policemen outside the bus depot.", "attacked");
    assert.deepEqual(out.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const shooting = applyAt(decision("Battles", "Armed clash"), cue(), "A man attacked a soldier on patrol and the two exchanged fire.", "attacked");
    assert.equal(shooting.acled?.subEventType, "Armed clash");
  });

  test("an abduction told beside a killing is an attack, however the killing is told", () => {
    const abduct = cue({ mode: "abduct", acledEvent: "Violence against civilians", acledSub: "Abduction/forced disappearance", priority: 9 });
    const d = decision("Violence against civilians", "Abduction/forced disappearance");
    assert.equal(apply(d, abduct, "Gunmen abducted two traders. Their bodies were found the next morning.").acled?.subEventType, "Attack");
  });

  test("a protest the police broke up still turns into a violent demonstration when the demonstrators fight back", () => {
    const gassed = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Protest with intervention", priority: 5 });
    const d = decision("Protests", "Protest with intervention", { type: "PROTEST", mode: "demo" });
    assert.equal(apply(d, gassed, "Police fired tear gas at the marchers, who responded with stones.").acled?.subEventType, "Violent demonstration");
    assert.equal(apply(d, gassed, "Police fired tear gas at the marchers.").acled?.subEventType, "Protest with intervention");
  });

  test("more ways of telling an intervention: demonstrators stopped, a rally obstructed, marchers assaulted", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    assert.equal(apply(d, protest, "Guards stopped the nurses from entering the ministry during their protest.").acled?.subEventType, "Protest with intervention");
    assert.equal(apply(d, protest, "Police obstructed the opposition rally in the square.").acled?.subEventType, "Protest with intervention");
    assert.equal(apply(d, protest, "Party youths assaulted the pro-reform protesters during the march.").acled?.subEventType, "Protest with intervention");
    assert.equal(apply(d, protest, "Officers teargassed the striking dockers during their protest.").acled?.subEventType, "Protest with intervention");
  });
  test("a demonstration whose participants turn violent is a riot whatever force met it; lethal force on a peaceful one is excessive", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    const stoned = apply(d, protest, "Marchers hurled stones at officers, who shot dead two of them.");
    assert.equal(stoned.acled?.subEventType, "Violent demonstration");
    const shotAt = apply(d, protest, "Officers opened fire on seated protesters in the plaza.");
    assert.equal(shotAt.acled?.subEventType, "Excessive force against protesters");
  });

  test("more ways of telling a violent demonstration: fire set to a building, ballot boxes broken, a clash with the police", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    for (const text of [
      "Protesters set the district office ablaze after the count.",
      "Angry members smashed the ballot boxes after the count was halted.",
      "Clashes erupted between marchers and police near the stadium during the protest.",
      "During the sit-in the protesters beat up a council clerk.",
      "By noon the rally had degenerated into fist fights.",
      "Farmers were lighting small fires on the bridge during their protest over prices.",
    ]) {
      assert.equal(apply(d, protest, text).acled?.subEventType, "Violent demonstration", text);
    }
  });

  test("an effigy burnt, funds said to be looted or a protest the police dispersed with force do not make the protesters violent", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    assert.equal(apply(d, protest, "Pensioners set fire to an effigy of the governor outside parliament during the protest.").acled?.subEventType, "Peaceful protest");
    assert.equal(apply(d, protest, "Retirees protested, asking that looted funds be paid back to the pension scheme.").acled?.subEventType, "Peaceful protest");
    assert.notEqual(apply(d, protest, "Police violently dispersed the protest outside the court.").acled?.eventType, "Riots");
  });

  test("soldiers or fighters seized by an armed side are one side of a battle; civilians seized stay an abduction", () => {
    const abduct = cue({ mode: "abduct", acledEvent: "Violence against civilians", acledSub: "Abduction/forced disappearance", priority: 9 });
    const d = decision("Violence against civilians", "Abduction/forced disappearance");
    assert.equal(applyAt(d, abduct, "Militants abducted two soldiers near the bridge.", "abducted").acled?.subEventType, "Armed clash");
    assert.equal(applyAt(d, abduct, "Militants abducted two farmers near the bridge.", "abducted").acled?.subEventType, "Abduction/forced disappearance");
  });

  test("mortars fired with machine guns at villages stay shelling; fired at the other side's trenches, they are a clash", () => {
    const artillery = cue({ mode: "artillery", acledEvent: "Explosions/Remote violence", acledSub: "Shelling/artillery/missile attack", priority: 8 });
    const d = decision("Explosions/Remote violence", "Shelling/artillery/missile attack");
    assert.equal(applyAt(d, artillery, "Troops fired mortars at two villages, along with rifles and machine guns.", "mortars").acled?.subEventType, "Shelling/artillery/missile attack");
    assert.equal(applyAt(d, artillery, "Troops fired mortars at the rebels' trenches, along with small arms.", "mortars").acled?.subEventType, "Armed clash");
  });

  test("artillery exchanged between two sides is a clash; artillery fired by one side alone stays shelling", () => {
    const artillery = cue({ mode: "artillery", acledEvent: "Explosions/Remote violence", acledSub: "Shelling/artillery/missile attack", priority: 8 });
    const d = decision("Explosions/Remote violence", "Shelling/artillery/missile attack");
    assert.equal(apply(d, artillery, "The two armies exchanged heavy artillery across the river.").acled?.subEventType, "Armed clash");
    assert.equal(apply(d, artillery, "The army fired artillery at the hills.").acled?.subEventType, "Shelling/artillery/missile attack");
  });

  test("explosions counted or observed with no device named are shelling; an explosion in a market stays an explosive device", () => {
    const bare = cue({ mode: "explosives", acledEvent: "Explosions/Remote violence", acledSub: "Remote explosive/landmine/IED", priority: 6 });
    const d = decision("Explosions/Remote violence", "Remote explosive/landmine/IED");
    assert.equal(apply(d, bare, "Monitors recorded 14 explosions near the front line overnight.").acled?.subEventType, "Shelling/artillery/missile attack");
    assert.equal(apply(d, bare, "An explosion tore through the market on Friday.").acled?.subEventType, "Remote explosive/landmine/IED");
  });

  test("a grenade thrown at a post whose guards answered with gunfire is a clash; a grenade alone stays a grenade", () => {
    const grenade = cue({ mode: "explosives", acledEvent: "Explosions/Remote violence", acledSub: "Grenade", priority: 8 });
    const d = decision("Explosions/Remote violence", "Grenade");
    assert.equal(apply(d, grenade, "Someone threw a grenade at a police post and the guards reacted at once with gunfire.").acled?.subEventType, "Armed clash");
    assert.equal(apply(d, grenade, "Someone threw a grenade at a police post at night.").acled?.subEventType, "Grenade");
  });

  test("a man who shoots at officers has a gun: not a mob", () => {
    const shot = cue({ mode: "firearms", acledEvent: "Violence against civilians", acledSub: "Attack", priority: 6 });
    const out = applyAt(decision("Violence against civilians", "Attack"), shot, "Two officers were shot by a young man near a roadblock.", "were shot");
    assert.deepEqual(out.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("pupils who beat their teachers, or the neighbours of a shepherd who beat a vet, are a mob", () => {
    const out = applyAt(decision("Battles", "Armed clash"), cue(), "Pupils beat up two of their teachers after the exam.", "beat up");
    assert.deepEqual(out.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const kin = applyAt(decision("Violence against civilians", "Attack"), cue({ acledEvent: "Violence against civilians", acledSub: "Attack" }), "Neighbours of a shepherd beat a vet at the market.", "beat");
    assert.deepEqual(kin.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const gunmen = applyAt(decision("Battles", "Armed clash"), cue(), "Gunmen attacked two teachers on their way home.", "attacked");
    assert.deepEqual(gunmen.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
  });

  test("an attack on a military guard post is on state forces; on a guard at a gate, on a civilian", () => {
    const post = applyAt(decision("Violence against civilians", "Attack"), cue(), "Insurgents attacked a military guard post near the river crossing.", "attacked");
    assert.deepEqual(post.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const guard = applyAt(decision("Battles", "Armed clash"), cue(), "Gunmen attacked a night guard at the gate of a warehouse.", "attacked");
    assert.deepEqual(guard.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
  });

  test("a grenade thrown at troops who opened fire in response is a clash", () => {
    const grenade = cue({ mode: "explosives", acledEvent: "Explosions/Remote violence", acledSub: "Grenade", priority: 8 });
    const out = applyAt(decision("Explosions/Remote violence", "Grenade"), grenade, "Militants threw a grenade at an army patrol, and the soldiers opened fire in response.", "grenade");
    assert.deepEqual(out.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("an ambush opened by a roadside bomb and followed by gunfire on a convoy is a clash; a bomb alone stays a bomb", () => {
    const ied = cue({ mode: "explosives", acledEvent: "Explosions/Remote violence", acledSub: "Remote explosive/landmine/IED", priority: 9 });
    const d = decision("Explosions/Remote violence", "Remote explosive/landmine/IED");
    const ambush = applyAt(d, ied, "Rebels ambushed an army convoy with an IED followed by heavy gunfire, killing four soldiers.", "IED");
    assert.deepEqual(ambush.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const alone = applyAt(d, ied, "An IED struck an army convoy, killing four soldiers.", "IED");
    assert.deepEqual(alone.acled, d.acled);
  });

  test("fire monitors count from afar with heavy machine guns is shelling, unless it went both ways or small arms fired too", () => {
    const bursts = cue({ mode: "firearms", acledEvent: "Battles", acledSub: "Armed clash", priority: 6 });
    const heavy = applyAt(decision("Battles", "Armed clash"), bursts, "Monitors observed 12 bursts of fire from heavy machine guns near the hill.", "bursts");
    assert.deepEqual(heavy.acled, { eventType: "Explosions/Remote violence", subEventType: "Shelling/artillery/missile attack" });
    const rifles = applyAt(decision("Battles", "Armed clash"), bursts, "Monitors observed 12 bursts of fire from rifles near the hill.", "bursts");
    assert.deepEqual(rifles.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const both = applyAt(decision("Battles", "Armed clash"), bursts, "Monitors observed 30 bursts of fire from heavy machine guns in both directions of the line.", "bursts");
    assert.deepEqual(both.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const mixed = applyAt(decision("Battles", "Armed clash"), bursts, "Monitors observed 30 bursts of fire from small arms and heavy machine guns near the hill.", "bursts");
    assert.deepEqual(mixed.acled, { eventType: "Battles", subEventType: "Armed clash" });
    assert.deepEqual(both.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("a vigilante group that beats a suspect is a mob", () => {
    const out = applyAt(decision("Violence against civilians", "Attack"), cue(), "A vigilante group attacked a man accused of theft.", "attacked");
    assert.deepEqual(out.acled, { eventType: "Riots", subEventType: "Mob violence" });
  });

  test("demonstrators shot by police met excessive force; demonstrators who injure officers turned violent", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    const shot = apply(d, protest, "Three marchers were shot and wounded by police during a rally against the new tax.");
    assert.deepEqual(shot.acled, { eventType: "Protests", subEventType: "Excessive force against protesters" });
    const injuring = apply(d, protest, "Marchers protesting the new tax threw bottles, injuring two police officers.");
    assert.deepEqual(injuring.acled, { eventType: "Riots", subEventType: "Violent demonstration" });
  });

  test("bystanders shot during clashes the text names are the clash's toll; a shooting with no clash stays an attack", () => {
    const shooting = cue({ mode: "firearms", acledEvent: "Violence against civilians", acledSub: "Attack", priority: 7 });
    const d = decision("Violence against civilians", "Attack");
    const during = apply(d, shooting, "A passer-by was shot dead in the gunfire during clashes between two armed families.");
    assert.deepEqual(during.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const alone = apply(d, shooting, "Two bystanders were killed in a shooting near the bakery.");
    assert.deepEqual(alone.acled, d.acled);
  });

  test("more ways of telling a violent demonstration: a reporter assaulted, a vehicle damaged, objects burnt, police battling marchers", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    for (const text of [
      "Students staged a march against the fee rise and assaulted a reporter outside the campus.",
      "Farmers protesting the land law partially damaged the vehicle of a councillor.",
      "Residents burned objects outside the water office to protest the cuts.",
      "Riot police battled demonstrators near the port on Friday.",
    ]) {
      assert.deepEqual(apply(d, protest, text).acled, { eventType: "Riots", subEventType: "Violent demonstration" }, text);
    }
    assert.deepEqual(apply(d, protest, "Students staged a march against the fee rise outside the campus.").acled, d.acled);
  });

  test("an attack the village's guards routed, or one a shoot-out followed, had two armed sides", () => {
    const d = decision("Violence against civilians", "Attack");
    const routed = applyAt(d, cue(), "Bandits attacked a farming village at dawn; local guards routed the attackers.", "attacked");
    assert.deepEqual(routed.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const shootout = applyAt(d, cue(), "Robbers attacked a petrol station and a shoot-out ensued.", "attacked");
    assert.deepEqual(shootout.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const fled = applyAt(d, cue(), "Bandits attacked a farming village at dawn and the residents fled.", "attacked");
    assert.deepEqual(fled.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
  });

  test("who was hit is named before a clause that tells more: soldiers who shot men fleeing when the army came shot civilians", () => {
    const shot = cue({ mode: "firearms", acledEvent: "Violence against civilians", acledSub: "Attack", priority: 7 });
    const out = applyAt(decision("Violence against civilians", "Attack"), shot, "Soldiers shot dead three individuals who tried to run away when the army searched the market.", "shot dead");
    assert.deepEqual(out.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
    const seller = applyAt(decision("Battles", "Armed clash"), cue(), "Militiamen assaulted a fruit seller at the bus park.", "assaulted");
    assert.deepEqual(seller.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
  });

  test("a group that stones or beats its victims with crude weapons, or punishes a suspected thief, is a mob", () => {
    const attack = decision("Violence against civilians", "Attack");
    const bricks = applyAt(attack, cue({ acledEvent: "Violence against civilians", acledSub: "Attack", priority: 5 }), "Unknown assailants hurled bricks at a minibus near the depot on Friday.", "hurled");
    assert.deepEqual(bricks.acled, { eventType: "Riots", subEventType: "Mob violence" });
    assert.match(bricks.decidedBy, /rule:mob/);
    const thief = applyAt(attack, cue({ acledEvent: "Violence against civilians", acledSub: "Attack", priority: 6 }), "Several market porters assaulted a young cyclist they suspected of stealing a phone.", "assaulted");
    assert.equal(thief.acled?.subEventType, "Mob violence");
    // one person throwing a stone, a gun, or an organised armed group named: no mob
    const one = applyAt(attack, cue({ acledEvent: "Violence against civilians", acledSub: "Attack", priority: 5 }), "A man in a red cap threw a stone at a bus driver.", "threw");
    assert.equal(one.acled?.subEventType, "Attack");
    const gun = applyAt(attack, cue({ acledEvent: "Violence against civilians", acledSub: "Attack", priority: 5 }), "Assailants threw stones at the lorry and then fired two shots.", "threw");
    assert.equal(gun.acled?.subEventType, "Attack");
    const militants = applyAt(attack, cue({ acledEvent: "Violence against civilians", acledSub: "Attack", priority: 5 }), "Militants beat the headman with sticks.", "beat");
    assert.equal(militants.acled?.subEventType, "Attack");
  });

  test("fire answered with fire is a clash: guards who shot back, or responded to the gunfire", () => {
    const d = decision("Violence against civilians", "Attack");
    const back = applyAt(d, cue(), "Robbers attacked a fuel depot at night and the watchmen shot back.", "attacked");
    assert.deepEqual(back.acled, { eventType: "Battles", subEventType: "Armed clash" });
    const responded = applyAt(d, cue(), "Raiders attacked a cattle post; the herders responded to the gunfire until the raiders withdrew.", "attacked");
    assert.deepEqual(responded.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("two factions of a party, or two groups of villagers, who clash with no gun are a mob, not two armed sides", () => {
    const d = decision("Battles", "Armed clash");
    const factions = applyAt(d, cue(), "Two factions of the governing party clashed outside the council hall after the vote.", "clashed");
    assert.deepEqual(factions.acled, { eventType: "Riots", subEventType: "Mob violence" });
    const villages = applyAt(d, cue(), "Two village groups clashed over a grazing field and six were hurt.", "clashed");
    assert.deepEqual(villages.acled, { eventType: "Riots", subEventType: "Mob violence" });
    // (factions of armed groups are armed sides)
    const armed = applyAt(d, cue(), "Two rebel factions clashed near the mine.", "clashed");
    assert.deepEqual(armed.acled, { eventType: "Battles", subEventType: "Armed clash" });
  });

  test("demonstrators who clash with the police, destroy property, force their way in or light fires make a violent demonstration", () => {
    const protest = cue({ type: "PROTEST", mode: "demo", acledEvent: "Protests", acledSub: "Peaceful protest" });
    const d = decision("Protests", "Peaceful protest", { type: "PROTEST", mode: "demo" });
    for (const text of [
      "Miners marched on the depot, and clashes between the miners' supporters and police lasted into the night.",
      "Porters protested the new fee and destroyed the toll booths' barriers at the gate.",
      "Pupils angry at the exam delay forced their way into a district office on Tuesday.",
      "Hawkers light fires on the ring road to protest the eviction order.",
      "Residents protested the water cuts, vandalizing two council vans.",
      "The march was marred by violence near the stadium.",
    ]) assert.equal(apply(d, protest, text).acled?.subEventType, "Violent demonstration", text);
    // (vandalism the protesters condemn is not theirs)
    assert.equal(apply(d, protest, "Writers protested to demand justice for those involved in vandalizing a library.").acled?.subEventType, "Peaceful protest");
  });

  test("arrests made at a protest or a riot the paragraph tells are that protest's intervention or the riot", () => {
    const arrest = cue({ type: "COERCE", acledEvent: "Strategic developments", acledSub: "Arrests", priority: 6 });
    const d = decision("Strategic developments", "Arrests", { type: "COERCE" });
    const atProtest = applyAcledRules(d, {
      cue: arrest,
      text: "The officers moved in at noon and made 40 arrests.",
      paragraph: "Dock workers marched on the port authority over unpaid wages. The officers moved in at noon and made 40 arrests.",
      actorKinds: [],
      targetKinds: [],
    });
    assert.deepEqual(atProtest.acled, { eventType: "Protests", subEventType: "Protest with intervention" });
    assert.match(atProtest.decidedBy, /rule:arrests-at-protest/);
    assert.equal(atProtest.type, "COERCE");
    assert.equal(apply(d, arrest, "A mob besieged the clinic and police arrested twelve of them.").acled?.subEventType, "Mob violence");
    // arrested for a protest held before, or with no protest told: arrests
    assert.equal(apply(d, arrest, "Police arrested two union leaders for organising last week's march.").acled?.subEventType, "Arrests");
    assert.equal(apply(d, arrest, "Police arrested two suspects in the robbery of a fuel station.").acled?.subEventType, "Arrests");
  });
  test("territory taken after the side holding it withdrew, with no fighting told, changed hands without violence", () => {
    const taken = decision("Battles", "Non-state actor overtakes territory");
    const c = cue({ acledSub: "TERRITORY" });
    const handed = apply(taken, c, "Rebels took control of the hill town after government troops pulled out overnight.", ["armed_group"]);
    assert.deepEqual(handed.acled, { eventType: "Strategic developments", subEventType: "Non-violent transfer of territory" });
    assert.match(handed.decidedBy, /rule:withdrawn-territory/);
    const unopposed = apply(taken, c, "The militia entered the district centre without fighting after the police withdrew.", ["armed_group"]);
    assert.equal(unopposed.acled?.subEventType, "Non-violent transfer of territory");
    // a withdrawal under fire, or with dead, is the battle it ended
    const fought = apply(taken, c, "Rebels took control of the town after heavy fighting; the army withdrew to the river.", ["armed_group"]);
    assert.equal(fought.acled?.subEventType, "Non-state actor overtakes territory");
    // a withdrawal told with the side that took the ground over is that transfer, not a change of the group's activity
    const change = decision("Strategic developments", "Change to group/activity", { type: "RETREAT" });
    const retreat = cue({ type: "RETREAT", acledEvent: "Strategic developments", acledSub: "Change to group/activity" });
    const left = apply(change, retreat, "The garrison withdrew from the airbase, leaving it in the hands of the militia.", ["military"]);
    assert.equal(left.acled?.subEventType, "Non-violent transfer of territory");
    assert.equal(apply(change, retreat, "The peacekeepers withdrew from the province after their mandate ended.", ["military"]).acled?.subEventType, "Change to group/activity");
    const noWithdrawal = apply(taken, c, "Rebels took control of the hill town on Sunday.", ["armed_group"]);
    assert.equal(noWithdrawal.acled?.subEventType, "Non-state actor overtakes territory");
  });
  test("a remote weapon found or seized, that nothing says went off, is disrupted weapons use", () => {
    const bomb = decision("Explosions/Remote violence", "Remote explosive/landmine/IED");
    const c = cue({ acledEvent: "Explosions/Remote violence", acledSub: "Remote explosive/landmine/IED", mode: "explosives" });
    const found = apply(bomb, c, "Two roadside bombs were found under a culvert near the market and made safe by engineers.");
    assert.deepEqual(found.acled, { eventType: "Explosions/Remote violence", subEventType: "Disrupted weapons use" });
    assert.match(found.decidedBy, /rule:weapon-found/);
    const shells = apply(decision("Explosions/Remote violence", "Shelling/artillery/missile attack"), c, "Soldiers uncovered a stash of mortar shells in an abandoned farmhouse.");
    assert.equal(shells.acled?.subEventType, "Disrupted weapons use");
    // one that went off, or hurt someone, was used; a second one found beside it does not change that
    const exploded = apply(bomb, c, "A bomb exploded near the market, and a second device was found nearby.");
    assert.equal(exploded.acled?.subEventType, "Remote explosive/landmine/IED");
    const wounded = apply(bomb, c, "A roadside bomb wounded three soldiers; police later recovered the detonator.");
    assert.equal(wounded.acled?.subEventType, "Remote explosive/landmine/IED");
  });
});
