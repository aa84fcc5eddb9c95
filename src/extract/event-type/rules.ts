/**
 * ACLED's coding rules between neighbouring types, applied after the models where the roles say who acted
 * (ACLED codebook, 2023):
 * - territory changes hands by force: state forces "regain" it, anyone else "overtakes" it; taken after the side
 *   holding it withdrew, with no fighting told, it is a non-violent transfer of territory;
 * - remote violence needs the attacker away from its target: artillery or mortars used in a clash the text names
 *   (fighting, an exchange of fire), artillery or grenades fired alongside small arms, and explosions without a
 *   named device heard with small-arms fire are part of an armed clash;
 * - a battle is between two organised armed sides; violence against civilians needs unarmed victims: an attack
 *   whose only targets are armed is an armed clash, a generic attack on civilians or on named people and
 *   organisations is violence against civilians, and so is an attack whose target is not named beside the cue
 *   when the text names civilians or their property and no state forces;
 * - violence by an unorganised crowd (villagers, a mob, rioters), property it destroys included, is a riot: mob
 *   violence, or a violent demonstration when the crowd are demonstrators; so is a clash between crowds when no
 *   side is state forces or an armed group and no gun is fired (herders or clans who fight are communal militias);
 * - a group that is no organised armed side and beats or stones its victims with crude weapons and no gun, or
 *   punishes someone it suspects of a crime, is mob violence (one attacker is not a mob);
 * - arrests made at a protest or a riot the paragraph tells are that protest's intervention (or the riot), not
 *   arrests of their own;
 * - a demonstration met with force is a protest with intervention (or excessive force when lethal); one whose
 *   demonstrators turn violent is a riot (lexicons/en/event-modifiers.tsv), whichever sentence of the paragraph
 *   says so;
 * - an attack carried out with a remote weapon (explosives, aircraft, artillery, a grenade) is remote violence of
 *   that weapon's kind, whatever the verb (lexicons/en/weapons.tsv);
 * - a remote weapon found, seized or defused before anything says it went off is disrupted weapons use;
 * - an abduction whose victims are killed is an attack;
 * - a riot is a PLOVER protest with the mode "riot".
 * Who acted and who was hit come from the roles' entities when they have kinds, else from the common nouns either
 * side of the cue (lexicons/en/actor-kinds.tsv: "armed men attacked two farmers", "a trader was shot by gunmen").
 * Each rule that changes the decision names itself in `decidedBy`.
 */
import type { EntityKind } from "../../report.js";
import { loadLexicon } from "../../lexicon.js";
import type { EventTypeDecision, EventTypeInput } from "./index.js";
import { kindsIn, namesDirectFire, sidesOfInput, weaponOf, type SideKind } from "./features.js";

const ARMED_SIDES: ReadonlySet<SideKind> = new Set(["state", "armed"]);
/**
 * Sides that are groups of people without an organisation that fights: crowds (party supporters, groups of
 * workers) and protesters. Civilians named by occupation are left out: herders or farmers who fight each other
 * are coded by ACLED as communal militias, an armed clash.
 */
const CROWD_SIDES: ReadonlySet<SideKind> = new Set(["crowd", "protesters"]);
/** A clash fought with guns (an exchange of fire, a gun battle) is between armed sides whoever they are. */
const GUNFIGHT = /\b(?:shoot-?outs?|gun ?battles?|gunfights?|firefights?|exchang(?:ed|ing|e) (?:\w+ )?fire|exchanges? of (?:\w+ )?fire)\b/i;
/** What a crowd fights with (stones, sticks, bricks): a clash fought with these and no gun is a riot. */
const HAND_WEAPONS = /\b(?:stones?|rocks|sticks|brickbats|bricks|batons|clubs|canes|iron rods)\b/i;
const TERRITORY = new Set(["Government regains territory", "Non-state actor overtakes territory"]);
/** Words of finding or taking a weapon before it is used. */
const WEAPON_FOUND = /\b(?:found|discovered|uncovered|unearthed|seized|recovered|confiscated|impounded|defused|dismantled|disarmed|neutrali[sz]ed|intercepted|stash(?:es)?|cache[sd]?|depots?|stockpiles?)\b/i;
/** Words that tell a weapon went off, was fired or hurt someone. */
const WEAPON_USED = /\b(?:explo(?:ded|des|sions?|ding)|detonat(?:ed|ion)|went off|blasts?|blew up|fired|launched|shell(?:ed|ing)|hit|struck|killed|killing|wounded|injur(?:ed|ing|ies)|dead|died|casualties)\b/i;
/** A side that gives up ground: it withdrew, pulled out, abandoned or handed over its positions. */
const WITHDRAWAL = /\b(?:withdr(?:ew|awn|awal|awing|aws?)|pull(?:ed|ing|s)? (?:\w+ ){0,2}out|pulled back|retreat(?:ed|ing)|abandon(?:ed|ing)|handed (?:over|back)|vacat(?:ed|ing))\b/i;
/** Words that tell ground passed to another side: it entered, took over or now controls it. */
const CONTROL_PASSED = /\b(?:(?:took|taken|taking|seized|assumed) (?:full |the )?control|(?:took|taken|taking) over|entered|moved into|in the hands of|handed (?:over )?control|(?:now )?control(?:s|led)? (?:the|it)|occupied)\b/i;
/** Words that say the fighting did not happen ("entered without fighting", "without resistance"). */
const WITHOUT_FIGHTING = /\b(?:without|no) (?:a |any )?(?:fight(?:ing)?|resistance|clashes|a shot (?:being )?fired|bloodshed)\b/gi;

/**
 * Weapons no organised armed group fights with, beyond `HAND_WEAPONS`: people who beat a victim with hammers or rods,
 * or throw stones at a car or a train, are a mob (ACLED: violence by an unorganised group is mob violence, whatever
 * the victims).
 */
const CRUDE_WEAPONS = /\b(?:stones?|rocks|sticks|brickbats|bricks|clubs|canes|(?:iron |metal |wooden )?rods|hammers|stone[- ]pelting)\b/i;
/** Any firearm or shooting: a group that shoots is armed, not a mob. */
const SHOOTING = /\b(?:shot|shoot\w*|gun\w*|fir(?:ed|ing)|bullets?|rifles?|pistols?)\b/i;
/** Victims punished by the crowd for a crime they are suspected of ("suspected of witchcraft", "caught stealing"): mob justice. */
const MOB_JUSTICE =
  /\b(?:(?:on |under )?suspicion of (?:being (?:an? )?)?(?:thie(?:f|ves)|theft|stealing|robbery|robbers?|witchcraft|witch(?:es)?|kidnapp\w*|child[- ]lift\w*)|suspected (?:of )?(?:thie(?:f|ves)|theft|stealing|robbers?|robbery|witch(?:es|craft)?|cattle (?:thie(?:f|ves)|rustlers?)|child[- ]lifters?)|(?:accused|suspected) of (?:theft|stealing|witchcraft|being (?:an? )?(?:thief|witch|robber))|(?:for|after|while) (?:allegedly )?stealing|caught (?:\w+ )?stealing)\b/i;
/** A riot or a mob told in the text ("riot police", "riot gear" are not one). */
const RIOT_WORDS = String.raw`riot(?:s|ers|ing|ed)?(?! (?:gear|police|shields?|squads?|control|units?))|mobs?`;
const RIOT_TOLD = new RegExp(String.raw`\b(?:${RIOT_WORDS})\b`, "i");
/** A protest or a riot told in the text: arrests beside it are the police's answer to it. */
const PROTEST_TOLD = new RegExp(String.raw`\b(?:protest(?:s|ed|ers|ing)?|demonstrat(?:ion|ions|ors|ed|ing)|rall(?:y|ies|ied)|marche[sd]|sit-ins?|picket(?:s|ed|ing)?|${RIOT_WORDS})\b`, "i");
/** Arrested for a protest, as its organisers or later ("arrested for leading the march", "over last week's protest"). */
const ARRESTED_FOR_PROTEST = /\b(?:for|over|after) (?:(?:allegedly )?(?:organi[sz]ing|leading|inciting|calling|planning|taking part in|participating in|joining) )?(?:a |an |the |last \w+'s |\w+'s )?(?:(?:planned|earlier|recent|previous|unauthori[sz]ed|illegal) )?(?:protests?|demonstrations?|rall(?:y|ies)|marche?s?|riots?)\b/i;
/** Organised armed groups named anywhere in the text: their violence is never a mob's. */
const ORGANISED_ARMED = /\b(?:militants?|rebels?|insurgents?|militia\w*|jihadists?|terrorists?|fighters?|soldiers?|troops|army|gunm[ae]n|bandits?|gangs?|cartels?|police\w*|gendarm\w*|security forces)\b/i;
/** One attacker named as the doer of the violence ("a woman threw a bottle at the referee"): one person is not a mob. */
const ONE_ATTACKER =
  /\b(?:an?|one) (?:[\w-]+ ){0,2}(?:man|woman|individual|person|youth|boy|girl|suspect|assailant|attacker)(?: [\w-]+){0,4}? (?:threw|throws|hurled|pelted|beat|hit|attacked|assaulted|stoned|struck|clubbed)\b(?![^.]*\b(?:accomplices|associates))/i;

/** ACLED's event type of each remote-violence sub-event a weapon names. */
const ACLED_EVENT_OF: Readonly<Record<string, string>> = {
  "Remote explosive/landmine/IED": "Explosions/Remote violence",
  "Air/drone strike": "Explosions/Remote violence",
  "Shelling/artillery/missile attack": "Explosions/Remote violence",
  Grenade: "Explosions/Remote violence",
};

/** Remote weapons also fired from the front line in an exchange of fire (artillery, grenades) alongside small arms. */
const FIRED_WITH_SMALL_ARMS: ReadonlySet<string> = new Set(["Shelling/artillery/missile attack", "Grenade"]);
/** The lexicon's priority of cues that name an explosive device ("roadside bomb", "IED"), not only an explosion. */
const SPECIFIC_DEVICE_PRIORITY = 9;

/** Cues this specific name an attack on civilians outright (an execution, a massacre, torture): no rule makes them a clash. */
const SPECIFIC_ATTACK_PRIORITY = 8;
/** The side attacked fought back: the attack became an exchange between two armed sides. */
const FOUGHT_BACK =
  /\b(?:fired back|opened (?:gun)?fire in (?:response|retaliation)|responded (?:to the (?:fire|attack) )?with (?:[\w'’]+ ){0,2}(?:weapons|weaponry|gunfire|gunshots|fire)|responded to the (?:attack|assault|fire|ambush)|routed|(?:shoot-?outs?|gun ?battles?|gunfights?|firefights?|exchanges? of fire) (?:\w+ )?(?:broke out|broke|ensued|followed)|returned (?:the )?fire|shot back|fired back|responded (?:with (?:[\w'’]+ ){0,2}guns|to the (?:gunfire|shooting|shots))|return(?:ed|ing) fire|fought back|retaliated|repell?ed|repuls(?:ed|ing)|thwarted|foiled the attack|counter-?attack(?:ed|s)?|(?:responded|reacted) (?:\w+ ){0,3}(?:with (?:\w+ )?(?:fire|gunfire|gunshots|shots)|by (?:firing|shooting))|forced (?:\w+ ){0,2}to (?:withdraw|retreat|flee))\b/i;

/** Fire exchanged between two sides, heavy weapons included ("two armies exchanging mortar rounds", "shelling in both directions across the line"). */
const FIRE_EXCHANGED = /\b(?:exchang(?:ed|ing|es?) (?:\w+ ){0,2}(?:fire|artillery|shells|mortars?|rockets)|exchanges? of (?:\w+ ){0,2}(?:fire|artillery|shells|mortars?)|in both directions)\b/i;
/** Explosions counted or observed, as monitors report fire from afar ("monitors counted 40 explosions overnight"). */
const EXPLOSIONS_OBSERVED = /\b(?:observed|recorded|counted)\s+(?:[\w,]+\s+){0,4}?(?:explosions|projectiles)\b/i;
/**
 * Fire counted or observed by monitors who name heavy machine guns as its weapon and no small arms ("counted 20 bursts
 * of fire from heavy machine guns"): heavy machine guns are fired from a distance, like artillery.
 */
const FIRE_OBSERVED_FROM_AFAR = /\b(?:observed|recorded|counted)\s+(?:[\w,]+\s+){0,4}?(?:explosions|projectiles|bursts|shots)\b(?=[^.]*?\bheavy machine[- ]?guns?\b)(?![^.]*?\bsmall[- ]arms\b)/i;
/**
 * An explosive device set off and then gunfire on those it hit ("an ambush initiated by an IED followed by small arms
 * fire", "an IED and gunfire attack"): one attack fought at close range, an armed clash.
 */
const DEVICE_THEN_FIRE = /\b(?:(?:followed|ensued|accompanied) by (?:\w+ ){0,2}(?:gun ?fire|small[- ]arms(?: fire)?|shooting|fire)|then opened fire|(?:IEDs?|bombs?|explosives?|explosions?|blasts?) ?(?:\+|and) ?(?:gun ?fire|small[- ]arms))\b/i;

/**
 * Victims abducted and then killed: "kidnapped and executed", "shot dead after being kidnapped", "later found dead", "his
 * body was found", "the hostages were killed". Others killed in the same raid ("abducting forty and killing two who
 * resisted") leave the abduction an abduction.
 */
const ABDUCTED_KILLED = new RegExp(
  [
    "\\b(?:abduct|kidnapp?)\\w* (?:and|then|before) (?:later |subsequently )?(?:killed|kills|executed|beheaded|murdered|shot dead)\\b",
    "\\b(?:killed|executed|beheaded|murdered)\\b (?:\\w+ ){0,3}?after (?:being |having been )?(?:abducted|kidnapped)\\b",
    "\\bfound (?:dead|hanged)\\b",
    "\\b(?:later|subsequently) (?:\\w+ ){0,2}?(?:killed|executed|beheaded|murdered|shot dead)\\b",
    "\\b(?:bod(?:y|ies)|corpses?|remains) (?:\\w+ ){0,4}?(?:was|were|had been|has been) (?:\\w+ )?(?:found|discovered|recovered)\\b",
    "\\b(?:executed|killed|beheaded|murdered) (?:\\w+ of )?(?:them|the (?:victims?|hostages?|captives?|abductees?))\\b",
    "\\b(?:\\w+ of )?(?:them|the (?:victims?|hostages?|captives?|abductees?)) (?:was|were) (?:later |subsequently )?(?:killed|executed|beheaded|murdered|shot dead)\\b",
  ].join("|"),
  "i",
);

/** A harm told as happening in a clash: "killed during clashes", "shot in the fighting", "died in an exchange of fire". */
const DURING_CLASH = /\b(?:during|in|amid|in the course of) (?:the |a |an |fierce |heavy |ongoing |renewed |fresh )?(?:clash(?:es)?|fighting|gun ?battles?|firefights?|exchanges? of fire|crossfire|cross-fire|skirmish(?:es)?)\b/i;

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

/** An entity's kind as a side: state forces, an armed group, or (for any other kind of people) civilians. */
function sideOfEntity(kind: EntityKind, acting: boolean): SideKind | null {
  if (kind === "government" || kind === "military") return "state";
  if (kind === "armed_group") return "armed";
  if (kind === "civilians") return acting ? "crowd" : "civilians";
  if (kind === "person") return acting ? null : "civilians";
  return null;
}

type RuleInput = Pick<EventTypeInput, "cue" | "text" | "actorKinds" | "targetKinds" | "at" | "textStart" | "paragraph">;

/**
 * The kinds of who acted and who was hit: the common nouns either side of the cue where they name one (they read
 * a passive "was shot by gunmen" the right way round), else the roles' entities.
 */
export function sidesOf(input: RuleInput): { actor: SideKind[]; target: SideKind[] } {
  const nouns = sidesOfInput(input);
  const actor = input.actorKinds.map((k) => sideOfEntity(k, true)).filter((k): k is SideKind => k !== null);
  const target = input.targetKinds.map((k) => sideOfEntity(k, false)).filter((k): k is SideKind => k !== null);
  // a word that only reports harm ("the victim died") has no object of its own: the roles' entities around it are
  // someone else's (the police who arrested the suspects)
  if (input.cue.role === "casualty") return nouns;
  return { actor: nouns.actor.length ? nouns.actor : actor, target: nouns.target.length ? nouns.target : target };
}

export function applyAcledRules(decision: EventTypeDecision, input: RuleInput): EventTypeDecision {
  let d = decision;
  const sides = sidesOf(input);
  // who acted is an unorganised crowd (residents, party supporters, demonstrators), not state forces or armed men
  // (so are people named by number or trade who attack the police without guns: "three men assaulted a constable";
  // a man who shoots at officers has a gun)
  const crowd = sides.actor.length > 0 &&
    (sides.actor.every((k) => CROWD_SIDES.has(k)) ||
      (sides.actor.every((k) => k === "civilians") && sides.target.includes("state") && input.cue.mode !== "firearms" && !GUNFIGHT.test(input.text) && !namesDirectFire(input.text)));
  const sub = d.acled?.subEventType;
  if (sub === "TERRITORY" || (sub && TERRITORY.has(sub) && sides.actor.length > 0)) {
    const state = sides.actor.includes("state");
    const wanted = sides.actor.length === 0 ? "Armed clash" : state ? "Government regains territory" : "Non-state actor overtakes territory";
    if (wanted !== sub) d = withRule(d, "territory", { acled: { eventType: "Battles", subEventType: wanted } });
  }
  // territory taken where the text tells that the side holding it withdrew, and no fighting, changed hands without
  // violence (ACLED: an actor withdraws and another enters)
  // (and so did ground a side withdrew from when the text tells another took it over)
  const handedOver = input.cue.type === "RETREAT" && d.acled?.subEventType === "Change to group/activity" && CONTROL_PASSED.test(input.text);
  if (d.acled && (TERRITORY.has(d.acled.subEventType) || handedOver) && WITHDRAWAL.test(input.text)) {
    const unfought = input.text.replace(WITHOUT_FIGHTING, " ");
    if (!clashWords().test(unfought) && !GUNFIGHT.test(unfought) && !namesDirectFire(unfought) && !/\b(?:killed|wounded|dead|casualties)\b/i.test(unfought)) {
      d = withRule(d, "withdrawn-territory", { acled: { eventType: "Strategic developments", subEventType: "Non-violent transfer of territory" } });
    }
  }
  // a remote weapon the text tells was found, seized or defused, and that nothing says went off or hit anyone, was
  // stopped before use (ACLED: disrupted weapons use)
  if (d.acled?.eventType === "Explosions/Remote violence" && WEAPON_FOUND.test(input.text) && !WEAPON_USED.test(input.text)) {
    d = withRule(d, "weapon-found", { acled: { eventType: "Explosions/Remote violence", subEventType: "Disrupted weapons use" } });
  }
  // a generic attack verb (or a casualty word) says nothing of the weapon: "attacked the convoy with explosives"
  const genericVerb = input.cue.type === "ASSAULT" && (!input.cue.mode || input.cue.acledSub === "Attack") && (input.cue.priority ?? 0) < 8;
  if (genericVerb && (d.acled?.subEventType === "Armed clash" || d.acled?.subEventType === "Attack")) {
    const weapon = weaponOf(input.text);
    const eventType = weapon ? ACLED_EVENT_OF[weapon] : undefined;
    if (weapon && eventType) d = withRule(d, "weapon", { acled: { eventType, subEventType: weapon } });
  }
  // (violence against civilians needs civilian victims: soldiers or fighters attacked, or seized, by an armed side
  // are one side of a battle)
  const againstCivilians = d.acled?.subEventType === "Attack" || d.acled?.subEventType === "Abduction/forced disappearance";
  if (againstCivilians && sides.target.length > 0 && sides.target.every((k) => ARMED_SIDES.has(k)) && sides.actor.some((k) => ARMED_SIDES.has(k))) {
    d = withRule(d, "armed-targets", { acled: { eventType: "Battles", subEventType: "Armed clash" } });
  }
  // remote weapons fired alongside small arms, or in a clash the text names, are part of that exchange of fire; so
  // are explosions no device is named for (a bare "explosions" cue) heard with small-arms fire
  const remoteSub = d.acled?.subEventType;
  const bareExplosion = remoteSub === "Remote explosive/landmine/IED" && (input.cue.priority ?? 0) < SPECIFIC_DEVICE_PRIORITY && input.cue.acledSub === remoteSub;
  const inClash = remoteSub === "Shelling/artillery/missile attack" && (clashWords().test(input.text) || FIRE_EXCHANGED.test(input.text));
  // (fire aimed at villages, homes or civilians is one-sided however many weapons fired it: it stays remote violence)
  const atCivilians = sides.target.some((k) => k === "property" || k === "civilians");
  const withSmallArms = ((remoteSub && FIRED_WITH_SMALL_ARMS.has(remoteSub)) || bareExplosion) && namesDirectFire(input.text) && !atCivilians;
  // (fire that monitors count from afar with heavy machine guns is shelling, unless it went both ways: an exchange)
  const observedFromAfar = (remoteSub === "Shelling/artillery/missile attack" || bareExplosion || (remoteSub === "Armed clash" && input.cue.acledSub === "Armed clash")) &&
    FIRE_OBSERVED_FROM_AFAR.test(input.text) && !FIRE_EXCHANGED.test(input.text);
  // (an explosive device set off before gunfire on its targets opens an ambush fought at close range)
  const deviceThenFire = remoteSub === "Remote explosive/landmine/IED" && DEVICE_THEN_FIRE.test(input.text) && kindsIn(input.text).some((k) => ARMED_SIDES.has(k));
  if (observedFromAfar) {
    if (remoteSub !== "Shelling/artillery/missile attack") d = withRule(d, "fire-observed", { acled: { eventType: "Explosions/Remote violence", subEventType: "Shelling/artillery/missile attack" } });
  } else if (inClash || withSmallArms || deviceThenFire) {
    d = withRule(d, "remote-in-clash", { acled: { eventType: "Battles", subEventType: "Armed clash" } });
  } else if (bareExplosion && EXPLOSIONS_OBSERVED.test(input.text)) {
    // explosions counted or observed from afar with no device named are fire from a distance: shelling
    d = withRule(d, "explosions-observed", { acled: { eventType: "Explosions/Remote violence", subEventType: "Shelling/artillery/missile attack" } });
  }
  if (genericVerb && (d.acled?.subEventType === "Armed clash" || d.acled?.subEventType === "Attack") && sides.target.length > 0 && !crowd) {
    const armed = sides.target.some((k) => ARMED_SIDES.has(k));
    const wanted = armed ? "Armed clash" : "Attack";
    if (wanted !== d.acled.subEventType) {
      d = withRule(d, "attack-target", { acled: armed ? { eventType: "Battles", subEventType: "Armed clash" } : { eventType: "Violence against civilians", subEventType: "Attack" } });
    }
  }
  // a generic attack whose target the nouns around the cue do not name: when the text names civilians or their
  // property and no state forces, the victims were not fighting ("bandits attacked the village; three herders were
  // killed"): violence against civilians
  if (genericVerb && d.acled?.subEventType === "Armed clash" && sides.target.length === 0 && !crowd) {
    const named = kindsIn(input.text);
    if (named.some((k) => k === "civilians" || k === "property") && !named.includes("state")) {
      d = withRule(d, "civilians-hit", { acled: { eventType: "Violence against civilians", subEventType: "Attack" } });
    }
  }
  // an attack whose targets fought back ("returned fire", "repulsed the attackers") had two armed sides: a battle
  // (so does a grenade thrown at a post whose guards answered with gunfire)
  const foughtBackSub = d.acled?.subEventType === "Attack" || d.acled?.subEventType === "Grenade";
  if (foughtBackSub && (input.cue.priority ?? 0) < SPECIFIC_ATTACK_PRIORITY + (d.acled?.subEventType === "Grenade" ? 1 : 0) && !crowd && FOUGHT_BACK.test(input.text)) {
    d = withRule(d, "fought-back", { acled: { eventType: "Battles", subEventType: "Armed clash" } });
  }
  // people shot or killed during a clash the text names ("a passer-by was shot dead during clashes between two
  // clans") are the clash's toll: ACLED codes the clash, not an attack of its own
  if (d.acled?.subEventType === "Attack" && input.cue.acledSub === "Attack" && (input.cue.priority ?? 0) < SPECIFIC_ATTACK_PRIORITY && !crowd &&
    DURING_CLASH.test(input.text)) {
    d = withRule(d, "during-clash", { acled: { eventType: "Battles", subEventType: "Armed clash" } });
  }
  // an abduction whose victims are killed is coded as the attack it became
  if (d.acled?.subEventType === "Abduction/forced disappearance" && ABDUCTED_KILLED.test(input.text)) {
    d = withRule(d, "abducted-killed", { acled: { eventType: "Violence against civilians", subEventType: "Attack" } });
  }
  // a clash needs an organised armed side: one between groups of people, or one fought with stones and sticks, that
  // names no state forces, no armed group and no gunfire ("two groups of traders clashed", "party workers clashed
  // with rivals", "rival supporters hurled rocks at one another") is a riot
  const sidesNamed = [...sides.actor, ...sides.target];
  const unorganisedClash =
    input.cue.acledSub === "Armed clash" &&
    d.acled?.subEventType === "Armed clash" &&
    (sidesNamed.some((k) => CROWD_SIDES.has(k)) || (HAND_WEAPONS.test(input.text) && !kindsIn(input.text).includes("armed"))) &&
    !sidesNamed.some((k) => ARMED_SIDES.has(k)) &&
    !GUNFIGHT.test(input.text) &&
    !namesDirectFire(input.text);
  if ((crowd || unorganisedClash) && (d.acled?.eventType === "Battles" || d.acled?.subEventType === "Attack" || d.acled?.subEventType === "Looting/property destruction")) {
    const demonstrators = sides.actor.includes("protesters") || /\b(?:protest|demonstrat)/i.test(input.text);
    d = withRule(d, "crowd", { acled: { eventType: "Riots", subEventType: demonstrators ? "Violent demonstration" : "Mob violence" } });
  }
  // violence by a group that is no organised armed side is mob violence (ACLED's riots): a group that beats or stones
  // its victims with crude weapons and fires no gun ("villagers hurled bricks at a bus", "four people beat a man with
  // rods"), or punishes someone it suspects of a crime (mob justice); one person who throws a stone, state forces,
  // and organised armed groups named anywhere stay as they were
  if (d.acled?.subEventType === "Attack" && (input.cue.priority ?? 0) < SPECIFIC_ATTACK_PRIORITY && !sides.actor.includes("state") &&
    (CRUDE_WEAPONS.test(input.text) || MOB_JUSTICE.test(input.text)) && !SHOOTING.test(input.text) && !namesDirectFire(input.text) &&
    !ORGANISED_ARMED.test(input.text) && !ONE_ATTACKER.test(input.paragraph ?? input.text)) {
    d = withRule(d, "mob", { acled: { eventType: "Riots", subEventType: "Mob violence" } });
  }
  // arrests made at a protest or a riot the text tells ("police dispersed the marchers and made 40 arrests") are how
  // it was met: ACLED codes them as that protest with intervention (or the riot), never as arrests of their own;
  // arrests for a protest held earlier ("arrested for organising last month's march") stay arrests
  // (the protest is often told a sentence or two before the arrests: the paragraph is read)
  const told = input.paragraph ?? input.text;
  if (d.acled?.subEventType === "Arrests" && PROTEST_TOLD.test(told) && !ARRESTED_FOR_PROTEST.test(told)) {
    const riot = RIOT_TOLD.test(told);
    const demonstrators = /\b(?:protest|demonstrat|rall(?:y|ies|ied)|march|sit-in|picket)/i.test(told);
    // (the PLOVER type stays the arrest's: COERCE is what the police did)
    d = withRule(d, "arrests-at-protest", {
      acled: riot ? { eventType: "Riots", subEventType: demonstrators ? "Violent demonstration" : "Mob violence" } : { eventType: "Protests", subEventType: "Protest with intervention" },
    });
  }
  // (a protest whose cue already tells the police's force, "fired tear gas at marchers", can still turn violent)
  if (d.acled?.eventType === "Protests" && (d.acled.subEventType === "Peaceful protest" || d.acled.subEventType === "Protest with intervention")) {
    for (const m of protestModifiers()) {
      if (m.re.test(input.paragraph ?? input.text)) d = withRule(d, "protest-outcome", { acled: { eventType: m.acledEvent, subEventType: m.acledSub } });
    }
  }
  if (d.type === "PROTEST" && d.acled?.eventType === "Riots" && d.mode !== "riot") d = { ...d, mode: "riot" };
  return d;
}
