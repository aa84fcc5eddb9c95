import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../pipeline.js";
import type { Report } from "../report.js";

const pipeline = createPipeline();
const read = (text: string, published = "2024-05-14"): Report => pipeline.extract({ text, published });
const nameOf = (r: Report, id: string | null | undefined) => r.entities.find((e) => e.id === id)?.name;
const placeOf = (r: Report, id: string | null) => r.places.find((p) => p.id === id);
const timeOf = (r: Report, id: string | null) => r.times.find((t) => t.id === id)?.value;

describe("events", () => {
  test("a text that is one quotation from start to end is the report itself, read as told", () => {
    const r = read("\u201cA night guard was shot dead when robbers stormed a bank in Kisumu on Monday.\u201d");
    const killing = r.events.find((e) => e.type === "ASSAULT");
    assert.ok(killing, "the killing is a happening, not speech");
    assert.equal(killing?.casualties?.killed?.best, 1);
    // (a quotation inside a text stays speech)
    const said = read("Police said: \u201cA night guard was shot dead when robbers stormed a bank in Kisumu on Monday.\u201d The bank stayed shut.");
    assert.ok(said.quotes.length > 0);
  });

  test("'shot a man', 'shot two herders': a shooting, whoever the victim; 'shot a video' is none", () => {
    for (const text of ["A guard shot a fisherman at the lake shore in Kisumu on Monday.", "Soldiers shot two herders near Garissa on Monday."]) {
      const r = read(text);
      assert.ok(r.events.some((e) => e.type === "ASSAULT" && e.acled?.eventType === "Violence against civilians"), text);
    }
    const film = read("A student shot a video of the market in Kisumu on Monday.");
    assert.ok(!film.events.some((e) => e.type === "ASSAULT"), "filming is no shooting");
  });

  test("a crowd that lynches someone (any form of the verb) is mob violence", () => {
    for (const text of ["Angry traders lynch a suspected pickpocket at the bus park.", "A crowd lynches a man they accused of poisoning a well."]) {
      const r = read(text);
      assert.ok(r.events.some((e) => e.acled?.subEventType === "Mob violence"), text);
    }
  });

  test("property burned, destroyed or seized by an armed group is looting/property destruction (ACLED's strategic development)", () => {
    for (const text of [
      "Insurgents torched the headman's office and a grain warehouse near the ferry.",
      "Armed men burned a fuel tanker on the northern road at night.",
      "The rebels destroyed two radio stations outside the provincial capital.",
      "Militiamen stopped a convoy near the bridge and seized a truck loaded with cement.",
    ]) {
      const r = read(text);
      assert.ok(r.events.some((e) => e.acled?.subEventType === "Looting/property destruction"), text);
    }
  });

  test("a cue followed by its object is a happening; a cue that compounds a title is not", () => {
    for (const text of ["Bandits attacked the workers at the quarry at dawn.", "Raiders ambushed the convoy on the ridge road."]) {
      const e = read(text).events[0];
      assert.ok(e?.evidence.some((s) => /^(?:attacked|ambushed)$/.test(s.text)), text);
    }
    const r = read("The flood aid coordinator said the roads were open on Tuesday.");
    assert.ok(!r.events.some((e) => e.evidence.some((s) => s.text === "aid")));
  });

  test("an attack told before an accusation in its sentence happened; one inside it, or named as known, is the accusation's", () => {
    const beaten = read("Neighbours beat two women in the courtyard after accusing them of witchcraft.");
    assert.ok(beaten.events.some((e) => e.type === "ASSAULT"));
    const accused = read("The council accused the militia of attacks on farmers.");
    assert.ok(!accused.events.some((e) => e.type === "ASSAULT"));
    const known = read("The opposition called the attack a crime and demanded an inquiry.");
    assert.ok(!known.events.some((e) => e.type === "ASSAULT"));
  });

  test("'alleged' before a noun describes it; it is no accusation that hides the attack", () => {
    const r = read("Militiamen bombed the shop of an alleged smuggler near the border post on Friday.");
    assert.ok(r.events.some((e) => e.type === "ASSAULT" && e.acled?.eventType === "Explosions/Remote violence"));
    assert.ok(!r.events.some((e) => e.type === "ACCUSE"));
  });

  test("beating people, flogging, opening fire, setting property on fire, a procession taken out, a gathering in support and bursts of machine-gun fire are happenings", () => {
    const cases: [string, string][] = [
      ["Soldiers beat three herders at the checkpoint on Sunday.", "ASSAULT"],
      ["Insurgents flogged two shopkeepers in the square for selling music.", "ASSAULT"],
      ["Gunmen open fire on a minibus near the market.", "ASSAULT"],
      ["Angry traders set fire to a boat belonging to the harbour office.", "COERCE"],
      ["Youths were setting two lorries on fire at the junction.", "COERCE"],
      ["Nurses took out a procession in the district town demanding unpaid salaries.", "PROTEST"],
      ["Hundreds of farmers gathered outside the governor's office to show support for the dismissed mayor.", "PROTEST"],
      ["Observers counted bursts from heavy machine guns south of the reservoir overnight.", "ASSAULT"],
    ];
    for (const [text, type] of cases) assert.ok(read(text).events.some((e) => e.type === type), text);
    for (const text of ["The home side beat the visitors by two goals on Sunday.", "Mourners held a funeral procession for the elder.", "The lorry slammed into a wall after the brakes failed."]) {
      assert.ok(!read(text).events.some((e) => e.type === "ASSAULT" || e.type === "PROTEST" || e.type === "ACCUSE"), text);
    }
  });

  test("a place named inside an organisation's name is not where the event happened", () => {
    const r = read("The Washington Post reported that gunmen attacked a market, killing 5 people.");
    assert.ok(r.places.some((p) => p.mentions.some((m) => m.text === "Washington")));
    assert.ok(r.events.length > 0);
    for (const e of r.events) assert.equal(e.place, null);
  });

  test("an undated killing takes the day of a later sentence that tells it", () => {
    const r = read("Three herders were killed by raiders near the river. The herders were killed while grazing cattle on Sunday evening [12 May].");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.ok(e, "an attack");
    assert.equal(timeOf(r, e.time), "2024-05-12");
  });

  test("a dated killing keeps its day over a later one", () => {
    const r = read("On 10 May, three herders were killed by raiders near the river. Two suspects were charged on 13 May.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.ok(e, "an attack");
    assert.equal(timeOf(r, e.time), "2024-05-10");
  });

  test("a deadline is not the event's date: 'talks shelved until 2028'", () => {
    const r = read("Thousands of protesters rallied in Tbilisi against the decision to shelve membership talks until 2028.", "2024-12-03");
    const e = r.events.find((x) => x.type === "PROTEST");
    assert.ok(e, "a protest");
    assert.notEqual(timeOf(r, e.time), "2028");
  });

  test("a day that opens the sentence dates its event over a day inside a clause", () => {
    const r = read("On 12 May 2024, relatives of a farmer who died in custody on 2 May, staged a protest outside the police station in Kisumu.");
    const e = r.events.find((x) => x.type === "PROTEST");
    assert.ok(e, "a protest");
    assert.equal(timeOf(r, e.time), "2024-05-12");
  });

  test("a time in the cue's own relative clause dates it over a day attached to the clause around it", () => {
    // 2024-05-14 is a Tuesday: the claim was made that day, the ambush the day before
    const r = read("A rebel faction claimed on Tuesday an ambush that killed six guards at a quarry the previous day.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.ok(e, "an attack");
    assert.equal(timeOf(r, e.time), "2024-05-13");
  });

  test("the day a statement was made ('..., officials said on Tuesday') does not date what it tells", () => {
    const r = read("Hundreds of dock workers protested outside the harbour gates overnight, the port authority said on Tuesday. The protest had begun late on Monday.");
    const e = r.events.find((x) => x.type === "PROTEST");
    assert.ok(e, "a protest");
    assert.notEqual(timeOf(r, e.time), "2024-05-14");
  });

  test("a statement's day still dates an event it was itself the cue of", () => {
    const r = read("Gunmen killed two traders at a cattle market on Monday, police said.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.ok(e, "an attack");
    assert.equal(timeOf(r, e.time), "2024-05-13");
  });

  test("a date after publication is no past event's date", () => {
    const r = read("On 10 May 2024, troops shelled the 26 June district of the port city, killing three civilians.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.ok(e, "an attack");
    assert.equal(timeOf(r, e.time), "2024-05-10");
  });

  test("tolls of two sides in one sentence add up; a toll over one told before adds to it", () => {
    const r = read("On 10 May 2024, rebels attacked an army post near Beni. 7 soldiers were killed, and 4 rebels were also killed.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.equal(e?.casualties?.killed?.best, 11);
  });

  test("a toll told alone after the attack joins it, also with 'another' inside the toll", () => {
    const r = read("On 12 May 2024, gunmen attacked a bus station in Garissa, killing 3 travellers. Another 9 people were hurt.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.equal(e?.casualties?.killed?.best, 3);
    assert.equal(e?.casualties?.injured?.best, 9);
  });

  test("a riot's toll stays on the riot", () => {
    const r = read("On 12 May 2024, a mob lynched two suspected cattle thieves in Isiolo.");
    const riot = r.events.find((x) => x.acled?.eventType === "Riots");
    assert.ok(riot, r.events.map((e) => `${e.type} ${e.acled?.eventType}`).join(", "));
    assert.equal(riot.casualties?.killed?.best, 2);
  });

  test("a street we cannot locate is not the event's place when the town beside it is named", () => {
    const r = read("A suicide bomber rammed a police checkpoint on the Mall Road on the outskirts of Peshawar on Monday, killing nine people.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.equal(placeOf(r, e?.place ?? null)?.name, "Peshawar");
  });

  test("an airstrike that kills civilians is one ASSAULT (aerial) event with the toll on it", () => {
    const r = read("Warplanes bombed a market in Idlib on Monday, killing at least 11 civilians, rescuers said.");
    const strikes = r.events.filter((e) => e.type === "ASSAULT");
    assert.equal(strikes.length, 1);
    const e = strikes[0];
    assert.equal(e.mode, "aerial");
    assert.deepEqual(e.acled, { eventType: "Explosions/Remote violence", subEventType: "Air/drone strike" });
    assert.deepEqual(e.casualties?.killed, { low: 11, best: 11, high: null });
    assert.equal(e.casualties?.victims, "civilians");
    assert.equal(placeOf(r, e.place)?.country, "SY");
    assert.equal(timeOf(r, e.time), "2024-05-13");
  });

  test("'unclear whether X or Y' makes the perpetrator contested between them", () => {
    const r = read("A drone strike hit a hospital in El Fasher, killing 9 people. It was unclear whether the Sudanese Armed Forces or the Rapid Support Forces carried out the attack.");
    const e = r.events.find((x) => x.mode === "drone");
    assert.equal(e?.attribution.status, "contested");
    assert.deepEqual(e?.attribution.candidates.map((id) => nameOf(r, id)).sort(), ["Rapid Support Forces", "Sudanese Armed Forces"]);
  });

  test("a claim of responsibility makes the claimant the claimed actor", () => {
    const r = read("A suicide bomber killed six police officers in Quetta on Sunday. The Pakistani Taliban claimed responsibility for the attack.");
    const e = r.events.find((x) => x.mode === "suicide-attack");
    assert.equal(e?.attribution.status, "claimed");
    assert.equal(nameOf(r, e?.actors[0]), "Tehrik-i-Taliban Pakistan");
  });

  test("a non-state group taking a town overtakes territory; an army retaking it regains it", () => {
    const taken = read("M23 rebels captured the town of Rubaya on Tuesday.").events.find((e) => e.type === "ASSAULT");
    assert.equal(taken?.acled?.subEventType, "Non-state actor overtakes territory");
    const retaken = read("The Iraqi army recaptured the town of Tal Afar on Tuesday.").events.find((e) => e.type === "ASSAULT");
    assert.equal(retaken?.acled?.subEventType, "Government regains territory");
  });

  test("a protest broken up with tear gas is one protest with intervention, the protesters acting", () => {
    const r = read("Police fired tear gas to disperse hundreds of protesters in Nairobi on Tuesday.");
    const protests = r.events.filter((e) => e.type === "PROTEST");
    assert.equal(protests.length, 1);
    assert.equal(protests[0].acled?.subEventType, "Protest with intervention");
    assert.equal(nameOf(r, protests[0].actors[0]), "protesters");
  });

  test("the cue word's weapon as ACLED codes it: a shoot-out is a clash, a grenade launcher is a heavy weapon, a suicide truck bomb a suicide bomb", () => {
    const subOf = (text: string) => read(text).events.find((e) => e.acled)?.acled?.subEventType;
    assert.equal(subOf("A shoot-out between police and a gang broke out in the port district on Monday."), "Armed clash");
    assert.equal(subOf("Rebel units fired grenade launchers at army trenches east of the town on Monday."), "Shelling/artillery/missile attack");
    assert.equal(subOf("A man threw a grenade into a crowded bar in the town on Monday."), "Grenade");
    assert.equal(subOf("Missiles fired from enemy jets hit a depot outside the capital on Monday."), "Air/drone strike");
    assert.equal(subOf("Militants detonated a suicide truck bomb at the gate of the army base on Monday."), "Suicide bomb");
  });

  test("a road accident's toll is not violence", () => {
    const r = read("Nine people were killed when their minibus plunged off a bridge into the river on Monday.");
    assert.equal(r.events.filter((e) => e.acled).length, 0);
  });

  test("arrests are COERCE / Arrests", () => {
    const r = read("Security forces arrested three journalists in Addis Ababa on Friday.");
    const e = r.events.find((x) => x.type === "COERCE");
    assert.equal(e?.acled?.subEventType, "Arrests");
    assert.equal(placeOf(r, e?.place ?? null)?.country, "ET");
  });

  test("both sides of an agreement act", () => {
    const r = read("The government and the National Liberation Army signed a ceasefire in Havana on Monday.");
    const e = r.events.find((x) => x.type === "AGREE");
    assert.equal(e?.actors.length, 2);
  });

  test("a threatened or planned act is hypothetical; a denied one negated", () => {
    const r = read("The militia threatened to attack the airport. The army did not attack the camp.");
    assert.ok(r.events.some((e) => e.hypothetical));
    assert.ok(r.events.some((e) => e.negated));
  });

  test("what a speaker says inside quotes is not an event", () => {
    const r = read("\"We will bomb every bridge,\" the commander said.");
    assert.equal(r.events.filter((e) => e.type === "ASSAULT").length, 0);
  });

  test("gunmen act, but the perpetrator stays unknown", () => {
    const r = read("Gunmen abducted 20 villagers in Zamfara state on Sunday.");
    const e = r.events.find((x) => x.mode === "abduct");
    assert.equal(e?.acled?.subEventType, "Abduction/forced disappearance");
    assert.equal(e?.attribution.status, "unknown");
  });

  test("a later retelling of the same attack joins it; a separate attack stays apart", () => {
    const r = read(
      "Russian artillery shelled a market in Kherson on Wednesday, killing seven people, officials said.\n" +
        "The regional hospital said nine people had died.\n" +
        "Officials said the shells landed in Kherson as people queued for bread.\n" +
        "In a separate attack, shells hit the village of Bilozerka on Wednesday, wounding two.",
    );
    const shelling = r.events.filter((e) => e.mode === "artillery");
    assert.equal(shelling.length, 2);
    assert.deepEqual(shelling[0].casualties?.killed, { low: 7, best: 7, high: 9 });
    assert.equal(nameOf(r, shelling[0].actors[0]), "Russian forces");
    assert.ok(shelling[0].evidence.length >= 4);
  });

  test("an earthquake's toll is not an attack", () => {
    const r = read("A strong earthquake struck western Nepal on Friday night, killing at least 150 people.");
    assert.equal(r.events.filter((e) => e.type === "ASSAULT").length, 0);
  });

  test("a defused bomb is disrupted weapons use, not an explosion", () => {
    const r = read("Police defused a roadside bomb near Kandahar on Monday.");
    assert.deepEqual(r.events.map((e) => e.acled?.subEventType), ["Disrupted weapons use"]);
  });

  test("a vehicle that drove over a mine, or a herder who stepped onto one, is an explosive device; a bridge blown up too", () => {
    for (const text of [
      "An army truck drove over a buried mine near the quarry on Monday.",
      "A herder stepped onto a landmine near the well on Monday.",
      "Rebels blew up a railway bridge near the quarry on Monday.",
      "An explosive destroyed a footbridge near the quarry on Monday.",
    ]) {
      assert.deepEqual(read(text).events.map((e) => e.acled?.subEventType), ["Remote explosive/landmine/IED"], text);
    }
  });

  test("workers who gathered to demand their wages protested; a mutiny is a riot; people roughed up by a crowd met mob violence", () => {
    const gathered = read("Some forty dock workers gathered outside the port authority offices on Monday to demand unpaid wages.");
    assert.deepEqual(gathered.events.map((e) => e.acled?.subEventType), ["Peaceful protest"]);
    const mutiny = read("A mutiny by soldiers over unpaid allowances broke out at the northern garrison on Monday.");
    assert.deepEqual(mutiny.events.map((e) => e.acled?.eventType), ["Riots"]);
    const roughed = read("Voters queueing at the school were roughed up by a crowd of youths on Monday.");
    assert.deepEqual(roughed.events.map((e) => e.acled?.subEventType), ["Mob violence"]);
  });

  test("troops who fired heavy artilleries at a village shelled it", () => {
    const r = read("Government troops fired heavy artilleries at a hill village on Monday.");
    assert.deepEqual(r.events.map((e) => e.acled?.subEventType), ["Shelling/artillery/missile attack"]);
  });

  test("people killed by gunmen, or an armed group that kills, found a violent event without a count", () => {
    const passive = read("Members of a farming cooperative were killed by unidentified gunmen near the dam on Monday.");
    assert.deepEqual(passive.events.map((e) => e.type), ["ASSAULT"]);
    const active = read("Armed group kills villagers near the dam");
    assert.deepEqual(active.events.map((e) => e.type), ["ASSAULT"]);
  });

  test("a grenade that did not explode, or hand grenades seized, are disrupted weapons use, not an explosion", () => {
    const dud = read("A man threw a grenade at a police van in the market on Monday, but the grenade did not explode.");
    assert.deepEqual(dud.events.map((e) => e.acled?.subEventType), ["Disrupted weapons use"]);
    const seized = read("Customs officers seized six hand grenades in a lorry at the border post on Monday.");
    assert.deepEqual(seized.events.map((e) => e.acled?.subEventType), ["Disrupted weapons use"]);
  });

  test("a toll in the next sentence joins the event it belongs to", () => {
    const r = read("Artillery shells hit a residential block in Kherson on Saturday. Seven people were killed and 19 wounded.");
    const e = r.events.filter((x) => x.type === "ASSAULT");
    assert.equal(e.length, 1);
    assert.equal(e[0].casualties?.killed?.best, 7);
    assert.equal(e[0].casualties?.injured?.best, 19);
  });

  test("a protest keeps no toll told as its reason: 'protested after 12 inmates were killed'", () => {
    const r = read("Relatives of inmates protested outside the prison on Monday after 12 inmates were killed by guards.");
    const e = r.events.find((x) => x.acled?.eventType === "Protests");
    assert.ok(e, "a protest");
    assert.equal(e.casualties?.killed ?? null, null);
  });

  test("a protest keeps no toll told in a relative clause: 'relatives of a teenager who died'", () => {
    const r = read("On Tuesday, dozens of relatives of a teenager who died in police custody marched to the governor's office.");
    const e = r.events.find((x) => x.acled?.eventType === "Protests");
    assert.ok(e, "a protest");
    assert.equal(e.casualties?.killed ?? null, null);
  });

  test("'died after being struck by a bullet' tells how the death came, not a reason: the toll stays", () => {
    const r = read("On Monday, students marched in the town. A student died after being struck by a bullet fired by police.");
    assert.ok(r.events.some((x) => x.casualties?.killed?.best === 1));
  });

  test("'killing and injuring four guards' does not tell how many died", () => {
    const r = read("On Monday, gunmen raided the checkpoint near the border, killing and injuring four guards.");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.ok(e, "an attack");
    assert.equal(e.casualties?.killed ?? null, null);
  });

  test("a murder named as a charge is no death of the happening: 'on charges of murder', 'suspected of robbery and murder'", () => {
    for (const text of ["Police on Friday arrested a former minister on charges of murder.", "On Monday, gunmen attacked the house of a trader suspected of robbery and murder."]) {
      const r = read(text);
      assert.ok(r.events.length > 0);
      for (const e of r.events) assert.equal(e.casualties?.killed ?? null, null, text);
    }
  });

  test("headline verbs in the present found a happening: 'villagers lynch a man', 'bandits gun down two traders'", () => {
    const lynch = read("Villagers lynch a man accused of stealing goats.").events.find((e) => e.acled?.subEventType === "Mob violence");
    assert.ok(lynch, "mob violence");
    assert.equal(lynch.casualties?.killed?.best, 1);
    const shot = read("Bandits guns down two traders on the highway near the market.").events.find((e) => e.type === "ASSAULT");
    assert.ok(shot, "an attack");
    assert.equal(shot.casualties?.killed?.best, 2);
  });
});

describe("a disaster told as what came before the violence", () => {
  test("'following a car accident' after a killing is its cause: the killing is still an event with its toll", () => {
    const report = read("On 9 February, villagers assaulted and killed a bus driver in the market of Kilosa, following a road accident.");
    const killing = report.events.find((e) => e.type === "ASSAULT");
    assert.equal(killing?.casualties?.killed?.best, 1);
  });
  test("a toll of the disaster itself is still no violence", () => {
    const report = read("On 9 February, two people died after a road accident near Kilosa.");
    assert.ok(report.events.every((e) => e.type !== "ASSAULT"));
  });
});
