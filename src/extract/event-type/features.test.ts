import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cueContextFeatures, kindsIn, namesDirectFire, sidesOfCue, sidesOfInput, weaponOf } from "./features.js";

const sides = (text: string, cue: string) => sidesOfCue(text, text.indexOf(cue));

describe("who acted and who was hit, from the nouns around the cue", () => {
  test("an active cue: the nearest kind before it acted, the first after it was hit", () => {
    assert.deepEqual(sides("Late on Friday, masked gunmen ambushed two farmers near the river.", "ambushed"), { actor: ["armed"], target: ["civilians"] });
    assert.deepEqual(sides("Rebels stormed the barracks and fought the soldiers.", "fought"), { actor: ["armed"], target: ["state"] });
  });

  test("a passive cue reads the other way round, its doer after 'by'", () => {
    assert.deepEqual(sides("A shopkeeper was shot by unknown men on a motorbike.", "shot"), { actor: ["armed"], target: ["civilians"] });
    assert.deepEqual(sides("Two soldiers were wounded in the north.", "wounded"), { actor: [], target: ["state"] });
    assert.deepEqual(sides("A farmer was shot dead in his field late on Sunday by armed men.", "was shot"), { actor: ["armed"], target: ["civilians"] });
  });

  test("soldiers or police off duty, retired or unarmed are civilians; traders, hawkers and rival groups who act are crowds", () => {
    assert.deepEqual(kindsIn("an off-duty soldier"), ["civilians"]);
    assert.deepEqual(kindsIn("a retired army officer"), ["civilians"]);
    assert.deepEqual(sides("Hawkers stoned the council's lorry.", "stoned"), { actor: ["crowd"], target: ["property"] });
    assert.deepEqual(sides("Rival groups fought outside the bar.", "fought"), { actor: ["crowd"], target: ["property"] });
  });

  test("the sentence bounds the search: a kind in the next sentence is not a side", () => {
    assert.deepEqual(sides("Angry residents attacked the office. Police later arrived.", "attacked"), { actor: ["crowd"], target: [] });
  });

  test("a place is hit, never the one who acts", () => {
    assert.deepEqual(sides("A crowd who had gathered at a church attacked two officers.", "attacked"), { actor: ["crowd"], target: ["state"] });
  });

  test("matches do not overlap: 'armed men' is an armed side, not the men it names", () => {
    assert.deepEqual(kindsIn("armed men and two women"), ["armed", "civilians"]);
  });

  test("a noun that only completes another with 'of' is not who acted; a word of number or grouping before 'of' is", () => {
    assert.deepEqual(sides("Neighbours of a farmer beat a herder behind the mill.", "beat"), { actor: ["crowd"], target: ["civilians"] });
    assert.deepEqual(sides("Friends of a student stoned a minibus near the campus.", "stoned"), { actor: [], target: ["property"] });
    assert.deepEqual(sides("A group of gunmen attacked the village at dawn.", "attacked"), { actor: ["armed"], target: ["property"] });
    assert.deepEqual(sides("Dozens of soldiers raided the village.", "raided"), { actor: ["state"], target: ["property"] });
  });

  test("a noun cue may stand a few words from its 'by': the doer is after it", () => {
    assert.deepEqual(sides("A trader was hit in a shooting outside the old market hall by two gunmen.", "shooting"), { actor: ["armed"], target: ["civilians"] });
  });

  test("more kinds: security personnel and bare 'forces' are state forces, fishermen civilians, a clinic property, rivals and students crowds", () => {
    assert.deepEqual(kindsIn("two security personnel"), ["state"]);
    assert.deepEqual(kindsIn("pro-government forces"), ["state"]);
    assert.deepEqual(kindsIn("rebel forces"), ["armed"]);
    assert.deepEqual(kindsIn("a group of fishermen"), ["civilians"]);
    assert.deepEqual(kindsIn("the health centre"), ["property"]);
    assert.deepEqual(kindsIn("rivals"), ["crowd"]);
    assert.deepEqual(kindsIn("students"), ["crowd"]);
    assert.deepEqual(kindsIn("aid workers"), ["civilians"]);
  });

  test("without the cue's place in the text there are no sides", () => {
    assert.deepEqual(sidesOfInput({ text: "Gunmen attacked a bus." }), { actor: [], target: [] });
    assert.deepEqual(sidesOfInput({ text: "Gunmen attacked a bus.", at: 107, textStart: 100 }), { actor: ["armed"], target: ["property"] });
  });
});

describe("the weapon an attack is carried out with", () => {
  test("'with' or 'using' a remote weapon, or a '<weapon> attack'", () => {
    assert.equal(weaponOf("Fighters hit the convoy with two roadside bombs."), "Remote explosive/landmine/IED");
    assert.equal(weaponOf("The army struck the camp using helicopters."), "Air/drone strike");
    assert.equal(weaponOf("A mine attack on the patrol killed three."), "Remote explosive/landmine/IED");
    assert.equal(weaponOf("Militants attacked the post with heavy weapons and mortars."), "Shelling/artillery/missile attack");
  });

  test("a weapon merely mentioned is not the means of the attack", () => {
    assert.equal(weaponOf("Police said the bombs found last week were old."), null);
    assert.equal(weaponOf("Gunmen attacked the village with rifles."), null);
  });
});

describe("weapons fired at close range", () => {
  test("small arms and rifle shots are named anywhere in the text", () => {
    assert.equal(namesDirectFire("The rebels fired mortars and small arms at the outpost."), true);
    assert.equal(namesDirectFire("Rifle shots were heard near the bridge."), true);
  });

  test("a remote weapon alone is not close-range fire", () => {
    assert.equal(namesDirectFire("The rebels fired mortars at the outpost."), false);
  });
});

describe("the words around the cue", () => {
  const context = (text: string, cue: string) => cueContextFeatures(text, text.indexOf(cue));

  test("the cue word, the words next to it by distance and as a bag on each side", () => {
    const f = context("Rebels fired grenade launchers at the outpost.", "grenade");
    assert.ok(f.includes("cueword:grenade"));
    assert.ok(f.includes("R1:launchers") && f.includes("right:launchers") && f.includes("right:grenade<launchers"));
    assert.ok(f.includes("L1:fired") && f.includes("L2:rebels") && f.includes("left:fired>grenade"));
  });

  test("the context stops at the sentence: words of the next sentence are not the cue's", () => {
    const f = context("Two villages clashed. Police arrived later.", "clashed");
    assert.deepEqual(f.filter((x) => x.startsWith("R")), []);
    assert.ok(f.includes("L1:villages"));
  });

  test("a cue outside the text has no context", () => {
    assert.deepEqual(cueContextFeatures("short text", 40), []);
  });
});
