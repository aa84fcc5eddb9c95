import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { combineReportedCounts, findCasualties, reactionSpans, sentenceCount, tollOfTakenBefore } from "./casualties.js";

const read = (text: string) => findCasualties(text).map((c) => ({ kind: c.kind, ...c.count, victims: c.victims }));

describe("casualty counts follow ACLED's conservative rules", () => {
  test("an exact figure is low = best = high", () => {
    assert.deepEqual(read("Nine civilians were killed."), [{ kind: "killed", low: 9, best: 9, high: 9, victims: "civilians" }]);
  });

  test("'at least' and 'more than' leave the top open", () => {
    assert.deepEqual(read("At least 14 soldiers died and more than 100 people were injured."), [
      { kind: "killed", low: 14, best: 14, high: null, victims: "soldiers" },
      { kind: "injured", low: 100, best: 100, high: null, victims: "people" },
    ]);
  });

  test("'N fatalities', 'found dead' and a singular member count as killed", () => {
    assert.deepEqual(read("Three farmers were found dead near the river."), [{ kind: "killed", low: 3, best: 3, high: 3, victims: "civilians" }]);
    assert.deepEqual(read("The raid left the village empty. 4 fatalities."), [{ kind: "killed", low: 4, best: 4, high: 4, victims: null }]);
    assert.deepEqual(read("1 rebel was killed and 2 were captured."), [{ kind: "killed", low: 1, best: 1, high: 1, victims: "militants" }]);
  });

  test("lynched is killed, and a bare 'N dead' counts", () => {
    assert.deepEqual(read("Two farmers were lynched by a crowd."), [{ kind: "killed", low: 2, best: 2, high: 2, victims: "civilians" }]);
    assert.deepEqual(read("Rioters burned the market. Four dead."), [{ kind: "killed", low: 4, best: 4, high: 4, victims: null }]);
  });

  test("'left N ...' takes its outcome from the word after the noun phrase, and counts nothing without one", () => {
    assert.deepEqual(read("The mine left 3 border police personnel injured."), [{ kind: "injured", low: 3, best: 3, high: 3, victims: "police" }]);
    assert.deepEqual(read("The fighters left 3 villages before dawn."), []);
  });

  test("a range keeps its ends and takes the lower as best", () => {
    assert.deepEqual(read("Between 20 and 30 fighters were killed."), [{ kind: "killed", low: 20, best: 20, high: 30, victims: "militants" }]);
  });

  test("vague quantities: dozens is 12, hundreds 100, open-ended", () => {
    assert.deepEqual(read("Dozens of villagers were wounded."), [{ kind: "injured", low: 12, best: 12, high: null, victims: "civilians" }]);
  });

  test("number words, 'killing N' and 'N others wounded'", () => {
    assert.deepEqual(read("The blast tore through the bus, killing twelve passengers, and 30 others were wounded."), [
      { kind: "killed", low: 12, best: 12, high: 12, victims: "civilians" },
      { kind: "injured", low: 30, best: 30, high: 30, victims: null },
    ]);
  });

  test("a death toll that rose is read", () => {
    assert.deepEqual(read("The death toll rose to 41 on Sunday."), [{ kind: "killed", low: 41, best: 41, high: 41, victims: null }]);
  });

  test("a bare figure before its outcome counts, and people the victims lexicon lacks are still people", () => {
    assert.deepEqual(read("Raiders struck at dawn. 6 killed."), [{ kind: "killed", low: 6, best: 6, high: 6, victims: null }]);
    assert.deepEqual(read("Two night watchmen were stabbed to death."), [{ kind: "killed", low: 2, best: 2, high: 2, victims: null }]);
    assert.deepEqual(read("Bandits kill seven herders."), [{ kind: "killed", low: 7, best: 7, high: 7, victims: null }]);
  });

  test("two groups told in one toll add up", () => {
    assert.deepEqual(read("Four rebels and two soldiers were killed in the fighting."), [{ kind: "killed", low: 6, best: 6, high: 6, victims: "militants" }]);
  });

  test("one person and another, or a group, told together are counted together", () => {
    assert.deepEqual(read("The mayor and his driver were killed in the ambush."), [{ kind: "killed", low: 2, best: 2, high: 2, victims: null }]);
    assert.deepEqual(read("The pharmacist and three customers were wounded."), [{ kind: "injured", low: 4, best: 4, high: 4, victims: null }]);
  });

  test("'shot dead N', 'kidnapped and killed', a part named inside, and bodies found", () => {
    assert.equal(read("Soldiers shot dead four robbers at a roadblock.")[0]?.best, 4);
    assert.equal(read("Five traders were kidnapped and killed on the highway.")[0]?.best, 5);
    assert.equal(read("4 villagers, including a teacher, were killed.")[0]?.best, 4);
    assert.deepEqual(read("Two more bodies were recovered from the river.").map((c) => [c.kind, c.best]), [["killed", 2]]);
  });

  test("a figure that acts on an object counts who acted, not the dead", () => {
    assert.deepEqual(read("Two gunmen killed a shopkeeper in Garissa.").map((c) => c.best), [1]);
    assert.deepEqual(read("A crowd lynched two cattle raiders.").map((c) => c.best), [2]);
  });

  test("a killing someone is accused of is not a toll", () => {
    assert.deepEqual(read("Police arrested a man accused of killing three traders."), []);
  });

  test("no toll in a shot, a date, an age, a part or a plural with a singular verb", () => {
    assert.deepEqual(read("He fired a single shot into the air."), []);
    assert.deepEqual(read("Officers answered a report of a person shot near the park."), []);
    assert.deepEqual(read("On 3 March 12 killed were buried."), []);
    assert.ok(!read("Over 300 children under the age of 10 have been killed this decade.").some((c) => c.best === 10));
    assert.deepEqual(read("Five traders died. One of the traders who died was a teacher."), [{ kind: "killed", low: 5, best: 5, high: 5, victims: null }]);
    assert.deepEqual(read("A farmer with three sons was shot and killed."), []);
    assert.deepEqual(read("Two weeks later he was wounded."), [{ kind: "injured", low: 1, best: 1, high: 1, victims: null }]);
  });

  test("a part after 'including' is not a second total", () => {
    assert.deepEqual(read("The strike killed 14 people, including 5 children."), [{ kind: "killed", low: 14, best: 14, high: 14, victims: "people" }]);
  });
});

describe("combining several reports of one count", () => {
  test("low is the lowest, best the most conservative, high the highest", () => {
    assert.deepEqual(combineReportedCounts([{ low: 7, best: 7, high: 7 }, { low: 9, best: 9, high: 11 }]), { low: 7, best: 7, high: 11 });
  });

  test("any open-ended report leaves the top open", () => {
    assert.deepEqual(combineReportedCounts([{ low: 7, best: 7, high: 7 }, { low: 12, best: 12, high: null }]), { low: 7, best: 7, high: null });
  });

  test("no reports, no count", () => {
    assert.equal(combineReportedCounts([]), null);
  });
});

describe("tolls told in the ways of event notes", () => {
  test("an apposition or 'among them' inside the phrase does not end it", () => {
    assert.equal(read("Six herders, among them a boy, were killed near the well.")[0]?.best, 6);
    assert.equal(read("Two farmers, a mother and her son, were killed by shelling.")[0]?.best, 2);
  });

  test("one person and a group told together add up, and the first must be a person", () => {
    assert.equal(read("During the ambush one officer and two rebels were killed.")[0]?.best, 3);
    assert.deepEqual(read("Soldiers shelled the camp and two rebels were killed.").map((c) => c.best), [2]);
  });

  test("the verb first, with two groups or 'to death'", () => {
    assert.equal(read("The explosion killed 3 guards and 2 prisoners at the gate.")[0]?.best, 5);
    assert.equal(read("Four rebels, two guards, and one driver were killed at the gate.")[0]?.best, 7);
    assert.equal(read("Police opened fire, shooting dead 4.")[0]?.best, 4);
    assert.equal(read("A crowd stoned to death two thieves at the market.")[0]?.best, 2);
    assert.equal(read("A crowd lynches three robbers in the town.")[0]?.best, 3);
    assert.deepEqual(read("A crowd tried to lynch three robbers in the town."), []);
    assert.equal(read("The gang used knives to kill 4 in the raid.")[0]?.best, 4);
    // the second figure is no group of people, or its people were hurt: the first group alone
    assert.deepEqual(read("Troops killed 5 rebels and 2 days later withdrew.").map((c) => c.best), [5]);
  });

  test("a time after a figure is no toll, and an upper-case name before the noun is no verb", () => {
    assert.deepEqual(read("They marched for the victims of the raid, killed 15 years ago."), []);
    assert.equal(read("4 IS fighters were killed in the raid.")[0]?.best, 4);
    assert.equal(read("3 Ahrar al Nasr fighters were killed in the raid.")[0]?.best, 3);
    assert.deepEqual(read("Students rioted on 12/03 over the death of a classmate."), []);
  });

  test("'allegedly', 'beaten and killed', a singular member, and a person by the ending of the noun", () => {
    assert.equal(read("9 rebels were allegedly killed in the raid.")[0]?.best, 9);
    assert.equal(read("4 guards were beaten and killed at the depot.")[0]?.best, 4);
    assert.equal(read("One member of the militia is dead after the fight.")[0]?.best, 1);
    assert.equal(read("A bomb hit the house of a trader. The informer died.")[0]?.best, 1);
  });

  test("a death people react to is another happening's, and 'also' before the figure marks a toll over another", () => {
    assert.deepEqual(read("Traders marched demanding justice for a boy killed by a guard."), []);
    assert.deepEqual(read("Villagers rioted following the killing of 2 herders by rangers."), []);
    assert.equal(read("Guards killed 3 raiders at the gate.")[0]?.best, 3);
    assert.equal(findCasualties("Officials said that also 4 rebels were killed.")[0]?.also, true);
    assert.equal(read("Gunmen assassinated 2 councillors in the town.")[0]?.best, 2);
  });

  test("an aside in brackets inside a toll, a rank as one person, an adverb before the outcome", () => {
    assert.equal(read("1 person (a farmer) was killed in the clash.")[0]?.best, 1);
    assert.equal(read("Raiders attacked the camp, killing three guards (KDF) and two drivers.")[0]?.best, 5);
    assert.equal(read("A colonel died in the blast at the barracks.")[0]?.best, 1);
    assert.deepEqual(read("3 others were severely injured in the blast.").map((c) => [c.kind, c.best]), [["injured", 3]]);
    assert.equal(read("A gunfight in which two rebels and four guards including one sergeant were killed.")[0]?.best, 6);
  });

  test("headline style: a bare singular noun after the verb is one; the victim between the verb and 'to death'", () => {
    assert.equal(read("Crowd lynches suspected pickpocket driver")[0]?.best, 1);
    assert.equal(read("Bandits kill herder near dam")[0]?.best, 1);
    assert.deepEqual(read("Gunmen killed after a raid on the base."), []);
    assert.deepEqual(read("Crowd tries to lynch man accused of theft"), []);
    assert.equal(read("Guards allegedly beat a prisoner to death in the cells.")[0]?.best, 1);
    assert.equal(read("Villagers stabbed two thieves to death at the market.")[0]?.best, 2);
  });
});

describe("how news tells a death it numbers", () => {
  test("'between N to M' is a range like 'between N and M'", () => {
    assert.deepEqual(read("Gunmen fired on a bus, killing between 3 to 5 guards."), [{ kind: "killed", low: 3, best: 3, high: 5, victims: null }]);
  });

  test("a time told inside the verb ('were on Friday night shot dead') does not end the toll", () => {
    assert.equal(read("Four farmers were in the early hours shot dead by raiders.")[0]?.best, 4);
    assert.equal(read("A trader was on Monday night lynched by a crowd.")[0]?.best, 1);
  });

  test("'are feared to have been killed', a present passive, and 'hit and killed' are deaths", () => {
    assert.equal(read("Twelve people are feared to have been killed in the fighting.")[0]?.best, 12);
    assert.deepEqual(read("A suspected thief is stoned to death in the square.").map((c) => [c.kind, c.best]), [["killed", 1]]);
    assert.deepEqual(read("A boy was hit and killed by a stray shell.").map((c) => [c.kind, c.best]), [["killed", 1]]);
    assert.deepEqual(read("A chief and two guards are killed by gunmen.").map((c) => c.best), [3]);
  });

  test("'gunned down', 'fatally beaten' and 'he died' are deaths", () => {
    assert.deepEqual(read("A suspect was gunned down by police.").map((c) => [c.kind, c.best]), [["killed", 1]]);
    assert.deepEqual(read("Three thieves were fatally beaten by a crowd.").map((c) => [c.kind, c.best]), [["killed", 3]]);
    assert.deepEqual(read("A herder trod on a landmine. Later, he died in hospital.").map((c) => [c.kind, c.best]), [["killed", 1]]);
    assert.deepEqual(read("Guards shot two smugglers to death at the river.").map((c) => [c.kind, c.best]), [["killed", 2]]);
    assert.deepEqual(read("A crowd beat up two thieves to death.").map((c) => [c.kind, c.best]), [["killed", 2]]);
  });

  test("people named by three words the victims lexicon lacks are still people, but not a date or a verb", () => {
    assert.equal(read("Two district land surveyors were ambushed and killed.")[0]?.best, 2);
    assert.deepEqual(read("The Jan. 4 incident involving the death of a clerk was reviewed."), []);
    assert.deepEqual(read("Three wardens escape death as a bomb tears through their van."), []);
    // (a word that names no people is never read as one, so the toll is read another way)
    assert.equal(read("Rioting spread. 9 reported to have been killed.")[0]?.best, 9);
    assert.deepEqual(read("A fight broke out and a guard was shot and died.").map((c) => c.best), [1]);
    // (one figure read by two patterns is one toll)
    assert.equal(read("The blast left 3 border police personnel injured.").length, 1);
  });

  test("a part the text lists after 'included' is not a second toll", () => {
    assert.deepEqual(read("Seven people died. The dead included a boy and three guards who were killed.").map((c) => c.best), [7]);
    // (a new clause after the list is its own toll, and a verb ends the list)
    assert.deepEqual(read("The blast killed 3 people, including a small boy and injured at least 20 others.").map((c) => [c.kind, c.best]), [["killed", 3], ["injured", 20]]);
    assert.deepEqual(read("At least 20 guards, among them a sergeant, were killed and four rebels were also killed.").map((c) => c.best), [20, 4]);
  });
});

describe("tolls of a group told before, and of people taken", () => {
  test("'2 of the raiders were killed' is a toll; 'one of those who died' stays a part", () => {
    assert.equal(read("Four raiders attacked a post. 2 of the raiders were killed, while a guard was wounded.")[0]?.best, 2);
    assert.deepEqual(read("Five traders died. One of the traders who died was a teacher.").map((c) => c.best), [5]);
  });

  test("people captured and then killed are the dead", () => {
    assert.equal(read("Vigilantes captured two suspected thieves and killed them at dawn.")[0]?.best, 2);
    assert.equal(read("Residents seized three robbers and burned them alive.")[0]?.best, 3);
  });

  test("a bare noun after the verb must follow it, not a conjunction: 'killed while another soldier was hurt'", () => {
    assert.deepEqual(read("Two rebels were killed while a soldier was wounded.").map((c) => [c.kind, c.best]), [["killed", 2], ["injured", 1]]);
  });

  test("a long aside in brackets does not end the toll", () => {
    assert.equal(read("2 robbers (who had been wanted for a string of thefts across three towns over the past year) were shot dead.")[0]?.best, 2);
  });

  test("'nearly killed' is no death, and 'killed or injured' does not tell how many died", () => {
    assert.deepEqual(read("Villagers beat and nearly killed a man they accused of stealing goats."), []);
    assert.deepEqual(read("Some 12 fighters were killed or wounded in the sweep."), []);
  });

  test("a death people honour is another happening's", () => {
    assert.deepEqual(read("Mourners laid flowers to honour a teacher who died in the floods last spring."), []);
  });
});

describe("one person told in a headline or with a name", () => {
  test("a people's name may qualify the bare noun after a headline's verb", () => {
    assert.deepEqual(read("Raiders shoot and kill Tuareg peace activist").map((c) => [c.kind, c.best]), [["killed", 1]]);
  });

  test("a name told between commas after the person does not end the toll", () => {
    assert.deepEqual(read("A court official, Mary Achieng, was killed on her way home.").map((c) => [c.kind, c.best]), [["killed", 1]]);
  });

  test("a headline that starts with a bare noun: 'Man found killed'", () => {
    assert.deepEqual(read("Trader found killed near the market").map((c) => [c.kind, c.best]), [["killed", 1]]);
  });
});

describe("tolls that are not this happening's", () => {
  const kb = (text: string) => read(text).map((c) => [c.kind, c.best]);

  test("animals killed are no toll, and a word about cattle does not hide people", () => {
    assert.deepEqual(kb("A shell landed on the farm and killed twelve goats."), []);
    assert.deepEqual(kb("By noon, 60 camels had been killed by the raiders."), []);
    assert.deepEqual(kb("The raiders killed two herders and drove off forty cattle."), [["killed", 2]]);
    assert.deepEqual(kb("Three cattle rustlers were shot dead by the rangers."), [["killed", 3]]);
  });

  test("an earlier happening told as a time before this one is not its toll; a death days after a hit is", () => {
    assert.deepEqual(kb("Police raided the camp on Monday, two days after militants killed 9 soldiers there."), []);
    assert.deepEqual(kb("The raid came after rebels killed seven guards at the mine."), []);
    assert.deepEqual(kb("The guard died two weeks after she was stabbed in the market.").filter(([k]) => k === "killed"), [["killed", 1]]);
  });

  test("a report someone denies is no toll; one someone gives is", () => {
    assert.deepEqual(kb("The governor rejected claims that 30 villagers were killed."), []);
    assert.deepEqual(kb("The governor said that 30 villagers were killed."), [["killed", 30]]);
  });

  test("a death of natural causes or an illness is no violent death", () => {
    assert.deepEqual(kb("One elderly marcher died of a heart attack at the rally."), []);
    assert.deepEqual(kb("One marcher died after police beat him at the rally."), [["killed", 1]]);
  });

  test("a figure after 'by' counts who acted, and 'who had killed' tells an earlier deed", () => {
    assert.ok(!read("A driver was ambushed by three youths and hacked to death.").some((c) => c.best === 3));
    assert.deepEqual(kb("A crowd chased a man who had killed his neighbour."), []);
    assert.deepEqual(kb("Gunmen who had hidden in the forest killed two farmers."), [["killed", 2]]);
  });

  test("a toll in brackets after another is a detail of it", () => {
    assert.deepEqual(kb("Troops killed 20 rebels (8 bodies counted) near the river."), [["killed", 20]]);
  });

  test("a part told after the verb is no toll of its own: '4 killed including one guard'", () => {
    assert.deepEqual(kb("Gunmen stormed the depot. Four killed including one guard."), [["killed", 4]]);
  });
});

describe("more ways news tells the dead", () => {
  const kb = (text: string) => read(text).map((c) => [c.kind, c.best]);

  test("'die' and 'dies' in the present, as headlines and coders write", () => {
    assert.deepEqual(kb("Four youths die in a fight with police at the market."), [["killed", 4]]);
    assert.deepEqual(kb("Another herder dies in the land feud."), [["killed", 1]]);
    assert.deepEqual(kb("Two people were injured and could die."), [["injured", 2]]);
  });

  test("what was done before the death, listed, and adverbs between", () => {
    assert.deepEqual(kb("Nine prisoners were blindfolded and later executed."), [["killed", 9]]);
    assert.deepEqual(kb("Two hostages were later found executed."), [["killed", 2]]);
    assert.deepEqual(kb("Three guards were stabbed, beaten and beheaded."), [["killed", 3]]);
    assert.deepEqual(kb("Nine miners were reported to have died underground after the blast."), [["killed", 9]]);
    assert.deepEqual(kb("Three suspected members of a gang were lynched."), [["killed", 3]]);
  });

  test("a died object-less verb keeps its figure: 'died the next day'", () => {
    assert.deepEqual(kb("Three people died the next day."), [["killed", 3]]);
  });

  test("one person and others after the verb: 'killed a farmer and his two sons'", () => {
    assert.deepEqual(kb("Gunmen killed a farmer and his two sons at dawn."), [["killed", 3]]);
    assert.deepEqual(kb("Bandits opened fire, killing a trader and her husband."), [["killed", 2]]);
    assert.deepEqual(kb("The attackers shot dead the chief and three others."), [["killed", 4]]);
    assert.deepEqual(kb("Gunmen killed a farmer and his cattle."), [["killed", 1]]);
  });

  test("a list of people, each one: 'the mayor, her husband, a cousin and a driver'", () => {
    assert.deepEqual(kb("The mayor, her husband, a cousin and a driver were killed."), [["killed", 4]]);
  });

  test("groups joined by 'as well as', and three groups after the verb, add up", () => {
    assert.deepEqual(kb("Six soldiers as well as two civilians were killed."), [["killed", 8]]);
    assert.deepEqual(kb("The ambush left the road blocked, killing one guard, four villagers and two drivers."), [["killed", 7]]);
    assert.deepEqual(kb("Rebels ambushed the convoy, killing one soldier, six guards, and wounding others."), [["killed", 7]]);
  });

  test("bodies of people, the shot who died, and a death something led to", () => {
    assert.deepEqual(kb("The bodies of three fishermen were found on the shore."), [["killed", 3]]);
    assert.deepEqual(kb("The bodies of the victims were returned to the families."), []);
    assert.deepEqual(kb("Troops shot three of the kidnappers dead."), [["killed", 3]]);
    assert.deepEqual(kb("A guard shot one intruder, who later died."), [["killed", 1]]);
    assert.ok(!read("A guard shot one intruder, who was taken to a clinic.").some((c) => c.kind === "killed"));
    assert.deepEqual(kb("Police fired on the crowd, causing the deaths of two marchers."), [["killed", 2]]);
    assert.deepEqual(kb("Police charged the crowd, causing the arrest of two marchers."), []);
  });

  test("beaten or stoned to death, after being caught", () => {
    assert.deepEqual(kb("A crowd stones two pickpockets to death."), [["killed", 2]]);
    assert.deepEqual(kb("Farmers caught three youths and beat them to death."), [["killed", 3]]);
    assert.deepEqual(kb("Guards beat a suspected bicycle thief to death."), [["killed", 1]]);
  });

  test("one person described with 'of', 'believed to be', or found later", () => {
    assert.deepEqual(kb("A member of the district council was killed in the ambush."), [["killed", 1]]);
    assert.deepEqual(kb("A trader, believed to be a smuggler, was killed at the border post."), [["killed", 1]]);
    assert.deepEqual(kb("Rebels seized a driver, and he was later found executed."), [["killed", 1]]);
  });

  test("'was found shot' is no survivor; 'was shot' is", () => {
    assert.ok(!read("A man was found shot in a parked car.").some((c) => c.kind === "injured"));
    assert.deepEqual(kb("A man was shot in a parked car."), [["injured", 1]]);
  });

  test("'at the least' leaves the top open; a group name with a slash is one group", () => {
    assert.deepEqual(read("Bandits murdered at the least six herders.").map((c) => [c.best, c.high]), [[6, null]]);
    assert.deepEqual(kb("Twelve FLN/ALN fighters were killed."), [["killed", 12]]);
  });

  test("of the wounded, those who died add to the dead", () => {
    const list = findCasualties("Gunmen killed four traders and wounded six; two of the wounded later died.");
    assert.deepEqual(list.map((c) => [c.kind, c.count.best, c.additive]), [["killed", 4, false], ["injured", 6, false], ["killed", 2, true]]);
    assert.equal(sentenceCount(list.filter((c) => c.kind === "killed"))?.best, 6);
    // "two of the dead were women" is a part, as before
    assert.deepEqual(kb("Gunmen killed four traders; two of the dead were women."), [["killed", 4]]);
  });
});

describe("tolls told in more ways: groups, families, bodies hit, and what is not a toll", () => {
  const killed = (text: string) => findCasualties(text).filter((c) => c.kind === "killed").map((c) => c.count.best);
  const injured = (text: string) => findCasualties(text).filter((c) => c.kind === "injured").map((c) => c.count.best);

  test("a second group without a figure of its own is counted in the first", () => {
    assert.deepEqual(killed("Eight soldiers and allied clan fighters were killed in Sunday's ambush."), [8]);
    assert.deepEqual(killed("About 6 police and village guard members were killed."), [6]);
  });

  test("an abbreviation in brackets and what the people were doing do not end the group", () => {
    assert.deepEqual(killed("Three Border Guard Force (BGF) soldiers have been killed near the river."), [3]);
    assert.deepEqual(killed("Four policemen escorting a fuel convoy were killed on the highway."), [4]);
    assert.deepEqual(killed("Two officers stationed at the checkpoint were killed."), [2]);
  });

  test("a part after 'including' ends before the verb, so the next toll is read on its own", () => {
    const list = findCasualties("Around 15 soldiers including a major died and many others were hurt.");
    assert.deepEqual(list.map((c) => [c.kind, c.count.best]), [["killed", 15], ["injured", 10]]);
  });

  test("'N killed M injured' is two tolls, not a killing of M", () => {
    assert.deepEqual(killed("Raiders struck the market. 2 killed 5 injured."), [2]);
    assert.deepEqual(injured("Raiders struck the market. 2 killed 5 injured."), [5]);
    // a figure after the verb that names no injury is still its object: the figure before acted
    assert.deepEqual(killed("2 gunmen killed 5 traders."), [5]);
  });

  test("events and weapons are not people: 'two attacks', 'six mines'", () => {
    assert.deepEqual(killed("The rebels used four mines and at least 12 soldiers died."), [12]);
    assert.deepEqual(killed("Gunmen behind the two recent attacks have been shot dead."), []);
  });

  test("a family of N is N, 'gunned down N', 'the N herders' and 'were known to have been killed'", () => {
    assert.deepEqual(killed("A shell struck the house, killing a family of five."), [5]);
    assert.deepEqual(killed("A family of four was killed when the roof collapsed under shelling."), [4]);
    assert.deepEqual(killed("The farmer and his family of six were spared."), []);
    assert.deepEqual(killed("Soldiers gunned down two smugglers at the border."), [2]);
    assert.deepEqual(killed("Raiders stormed the camp, killing the four herders."), [4]);
    assert.deepEqual(killed("Six miners were known to have been killed by Monday."), [6]);
  });

  test("a named person and N others are N + 1", () => {
    assert.deepEqual(killed("Amina Diallo and two other people were killed by gunmen."), [3]);
    assert.deepEqual(killed("Peter Okafor, a local chief, and four others were shot dead."), [5]);
  });

  test("'was shot in the head and died' is a death", () => {
    assert.deepEqual(killed("A guard was shot in the head and died at the scene."), [1]);
  });

  test("'both' and 'a couple' are two people; 'a couple of' is a figure", () => {
    assert.deepEqual(killed("A mortar round landed on the road, killing both cyclists."), [2]);
    assert.deepEqual(killed("An elderly couple was stabbed to death in their home."), [2]);
    assert.deepEqual(killed("Raiders killed a young couple near the well."), [2]);
    assert.deepEqual(killed("A couple of traders were killed at the market."), [2]);
  });

  test("what struck between the verbs, a hyphenated role, and a named group's civilian workers", () => {
    assert.deepEqual(killed("One porter was hit by a stray rocket and killed."), [1]);
    assert.deepEqual(killed("A deputy sub-inspector and his driver were assassinated."), [2]);
    const list = findCasualties("Gunmen killed four guards, and three civilian workers of a mining firm were also killed.");
    assert.equal(sentenceCount(list.filter((c) => c.kind === "killed"))?.best, 7);
  });

  test("a body of people named by 'a' acts: 'a crowd of residents lynched and beat three thieves'", () => {
    assert.deepEqual(killed("A crowd of residents lynched and beat three thieves to death."), [3]);
    assert.deepEqual(killed("A gang of youths stabbed and killed a watchman."), [1]);
  });

  test("a second verb or 'to death' after 'lynched', and an owner before the figure", () => {
    assert.deepEqual(killed("Villagers lynched and burned two suspected cattle thieves."), [2]);
    assert.deepEqual(killed("A crowd lynched to death a man caught breaking into a shop."), [1]);
    assert.deepEqual(killed("The fire spread through the hut, killing her three children."), [3]);
  });

  test("'a thief who later died', and several verbs with a particle before the death", () => {
    assert.deepEqual(killed("Guards beat a suspected thief who later died in hospital."), [1]);
    assert.deepEqual(killed("Four traders were stopped, led away, and executed."), [4]);
  });

  test("the wounded told before who later died add to the dead", () => {
    const list = findCasualties("Officials said the two injured guards later died in hospital.");
    assert.deepEqual(list.map((c) => [c.kind, c.count.best, c.additive]), [["killed", 2, true]]);
  });

  test("a killing inside what someone is suspected of is another happening's", () => {
    assert.deepEqual(killed("A youth suspected of taking part in a raid that killed five herders was stoned to death."), []);
    // the phrase ends before its finite verb: the lynching itself stays a death
    const text = "A youth suspected of taking a bicycle was lynched by a crowd.";
    assert.ok(reactionSpans(text).every(([, end]) => end <= text.indexOf(" was")));
  });

  test("a killing the dead are suspected of having done is no toll of theirs", () => {
    assert.deepEqual(killed("Police gunned down two men suspected of having killed a trader."), [2]);
  });

  test("a name is upper case: 'when armed militants later killed three villagers' names no one person", () => {
    // (the pattern needs the `i` flag, under which \p{Lu} matches any letter)
    assert.deepEqual(killed("When armed militants later killed three villagers, the army withdrew."), [3]);
    assert.deepEqual(killed("Then heavy rebel units later killed two farmers."), [2]);
    assert.deepEqual(killed("Later, Maria Lopez was shot dead outside her shop."), [1]);
    assert.deepEqual(killed("Police said Maria Lopez was found dead in her shop."), [1]);
    assert.deepEqual(killed("The old man was shot dead outside his shop."), [1]);
  });

  test("the killing named as a noun after a verb of result or claim is a toll", () => {
    assert.deepEqual(killed("The ambush resulted in the killing of 9 guards."), [9]);
    assert.deepEqual(killed("The rebels claimed the killing of 4 soldiers near the bridge."), [4]);
  });

  test("more ways a toll is told: a day between the verb's parts, where the people were, 'and his N-year-old daughter', 'both'", () => {
    assert.deepEqual(killed("Two guards were Sunday night shot dead by gunmen on a motorbike."), [2]);
    assert.deepEqual(killed("Nine herders grazing near the river have been killed by raiders."), [9]);
    assert.deepEqual(killed("A farmer and his 9-year-old daughter were killed by bandits near the well."), [2]);
    assert.deepEqual(killed("A crowd chased two traders into the market. Both men (who were cousins) were beaten to death."), [2]);
    assert.deepEqual(killed("Both died in hospital."), [2]);
  });

  test("a death toll told with what it is of, up to a verb of rising", () => {
    assert.deepEqual(killed("The death toll from Friday's raid on a hilltop village in the east has risen to 14."), [14]);
  });

  test("'stepped on a mine and died', and a list of people after the verb, each one", () => {
    assert.deepEqual(killed("Three farmers stepped on a mine and died near the road."), [3]);
    assert.deepEqual(killed("Gunmen assassinated a district elder, his nephew and a guard near the mosque."), [3]);
    assert.deepEqual(killed("Gunmen killed a merchant, his goods and a car."), [1]);
  });

  test("deaths told without a figure are ACLED's unknown number of dead, 10; 'a number of' is no one person", () => {
    assert.deepEqual(killed("Troops repelled the raid on the hill post, killing and wounding an undisclosed number of raiders."), [10]);
    assert.deepEqual(killed("The gang killed an undetermined number of herders near the wells."), [10]);
    assert.deepEqual(killed("The two sides traded mortar fire along the ridge, incurring fatalities."), [10]);
    assert.deepEqual(read("Troops repelled the raid on the hill post, killing and wounding an undisclosed number of raiders.").find((c) => c.kind === "killed"), { kind: "killed", low: 1, best: 10, high: null, victims: null });
    assert.deepEqual(killed("The march went on without fatalities."), []);
  });

  test("'a murder suspect' names no death", () => {
    assert.deepEqual(killed("Villagers clashed after a murder suspect was freed on bail."), []);
    assert.deepEqual(killed("Bandits murder trader on a farm road."), [1]);
  });

  test("more groups of one toll: a people's name before the noun, a role in a group and others, 'another', a '-man'", () => {
    assert.deepEqual(killed("Three Somali civilians from a coastal town were reportedly killed in the shelling."), [3]);
    assert.deepEqual(killed("A leader of the cooperative and 4 others were killed at the market."), [5]);
    assert.deepEqual(killed("Gunmen raided the checkpoint, killing a guard and another customs officer."), [2]);
    assert.deepEqual(killed("Gunmen shot dead a village elder, his son and a ferryman near the river."), [3]);
  });

  test("'as was', 'along with', 'plus': people told with the dead are more dead, over the toll before", () => {
    const total = (text: string) => sentenceCount(findCasualties(text).filter((c) => c.kind === "killed"))?.best;
    assert.equal(total("Four herders were killed in the raid, as was one of the raiders."), 5);
    assert.equal(total("The governor died along with two porters and a gardener at the gate."), 4);
    assert.equal(total("Six miners were killed in a tunnel plus 2 engineers."), 8);
    assert.equal(total("One raider was killed, along with 40 rifles and two trucks seized."), 1);
  });

  test("people each brought in by 'a' are as many people; 'later' deaths add to those of their sentence", () => {
    const total = (text: string) => sentenceCount(findCasualties(text).filter((c) => c.kind === "killed"))?.best;
    assert.equal(total("A clerk was shot dead at the bank and a cashier was stabbed to death in the lane."), 2);
    assert.equal(total("Five guards were ambushed on the bridge, 3 died at the scene and 1 died later in hospital."), 4);
    // (the same person, or one told as an earlier happening or a belief, is not another)
    assert.equal(total("After bandits killed a herder on the plain, a ranger who came to help was shot dead."), 1);
    assert.equal(total("A crowd beat to death a man they believe killed a baby."), 1);
  });

  test("'one of them died': a figure of the people just told is a toll of its own, an aside in brackets between", () => {
    assert.deepEqual(killed("A rocket struck four fishermen on the shore. One of them died the next morning."), [1]);
    assert.deepEqual(killed("Two porters were hurt. One of them (a man who carried water) later died."), [1]);
  });

  test("a pronoun after a killing verb is one dead; a person told with three words or with 'from' before 'to death'", () => {
    assert.deepEqual(killed("A boy stepped on a shell near the well. The blast killed him."), [1]);
    assert.deepEqual(killed("The gang said it would go on. Soldiers later killed her near the border."), [1]);
    assert.deepEqual(killed("A crowd beat a man from the next village to death."), [1]);
    assert.deepEqual(killed("A suspected rebel field commander was killed by troops near the pass."), [1]);
  });

  test("'N people, including a teacher, and a nurse, were killed': a list of parts with a comma before 'and'", () => {
    assert.deepEqual(killed("3 people, including a baker, and a tailor, were killed by the bomb."), [3]);
  });

  test("a toll that sums the others of its sentence is their total, not a report of the same people", () => {
    const tolls = findCasualties("Soldiers killed 17 villagers, 14 were executed while 3 died of their wounds.").filter((c) => c.kind === "killed");
    assert.equal(sentenceCount(tolls)?.best, 17);
  });
});

describe("tolls told by a body found, in a reported clause, or with more people added", () => {
  const killed = (text: string) => findCasualties(text).filter((c) => c.kind === "killed").map((c) => c.count.best);
  const total = (text: string) => sentenceCount(findCasualties(text).filter((c) => c.kind === "killed"))?.best;

  test("a body found is one dead; two bodies told one by one are two", () => {
    assert.deepEqual(killed("The clerk went missing on Friday. Her body was found in a ditch two days later."), [1]);
    assert.deepEqual(killed("The body of a ferryman was recovered downstream."), [1]);
    assert.deepEqual(killed("His body and the body of his nephew were found near the quarry."), [2]);
    // ("the body" alone may be a council)
    assert.deepEqual(killed("The body was found to have broken its own rules."), []);
  });

  test("'found hanged' is a death", () => {
    assert.deepEqual(killed("The shepherd went missing on Sunday. Two days later he was found hanged in a barn."), [1]);
  });

  test("a death in a clause opened by 'that' or a verb of telling is a toll; a hurt person so told is left to the model", () => {
    assert.deepEqual(killed("Relatives learned the porter was beheaded by his captors."), [1]);
    assert.deepEqual(killed("Witnesses said that the guard was shot dead at the gate."), [1]);
    assert.deepEqual(findCasualties("Officers said the cashier was shot.").filter((c) => c.kind === "injured"), []);
  });

  test("'in addition to', 'along with' after a killing verb add a second group of people, not things", () => {
    assert.equal(total("Gunmen shot and killed a village chief in addition to 3 of his guards."), 4);
    assert.equal(total("The raiders killed 2 herders along with 5 other villagers."), 7);
    assert.equal(total("Troops killed 4 rebels along with 30 rifles seized."), 4);
  });

  test("a part told with a relative clause of its own does not end the list of parts", () => {
    assert.equal(total("4 people died, including 3 miners who reportedly were shot and 1 cook was stabbed by the gang."), 4);
  });
});

describe("a killing told in a relative clause with an earlier time is another happening's", () => {
  const killed = (text: string) => findCasualties(text).filter((c) => c.kind === "killed").map((c) => c.count.best);
  test("'who killed a trader earlier that day', 'clashes that killed four students last month' are no toll", () => {
    assert.deepEqual(killed("Youths burned the huts of herders who killed a trader earlier that day."), []);
    assert.deepEqual(killed("Pupils set a depot on fire to protest clashes that killed four students last month."), []);
    // (without a time before, the relative clause may tell the happening itself)
    assert.deepEqual(killed("Police arrested the gunmen who killed two guards at the bank on Monday."), [2]);
  });
});

describe("one person told with where they come from", () => {
  test("'a man from the village was shot dead' is one dead; 'was shot' alone is one hurt", () => {
    const read1 = (text: string) => findCasualties(text).map((c) => `${c.kind}:${c.count.best}`);
    assert.deepEqual(read1("A fisherman from the island was shot dead at the jetty."), ["killed:1"]);
    assert.deepEqual(read1("A lieutenant from the border unit was killed and two sappers were injured by the mine."), ["killed:1", "injured:2"]);
    assert.deepEqual(read1("A man from the village was shot."), ["injured:1"]);
  });
});

describe("more dead told over the toll before: 'others later', 'more' after the figure, a side's losses, the taken killed", () => {
  const killedTolls = (text: string) => findCasualties(text).filter((c) => c.kind === "killed");
  test("'two others later died' adds to the dead told before; 'three others injured' is no added dead", () => {
    const [later] = killedTolls("Two others died later in hospital.");
    assert.equal(later.additive, true);
    assert.equal(sentenceCount(killedTolls("One guard was shot dead; two others later died of their wounds."))?.best, 3);
    assert.deepEqual(findCasualties("A porter was killed and three others were injured.").map((c) => `${c.kind}:${c.count.best}:${c.additive}`), ["killed:1:false", "injured:3:false"]);
  });

  test("'killing 3 more', 'the bodies of two more victims' are over the toll before", () => {
    assert.equal(killedTolls("The bodies of two more victims were recovered on Tuesday.")[0]?.additive, true);
    assert.equal(killedTolls("Shells hit the camp again, killing 3 more refugees.")[0]?.additive, true);
  });

  test("'the army lost 12 soldiers', 'losing three of its men' are the side's dead; things lost are not", () => {
    assert.deepEqual(killedTolls("The army lost 12 soldiers in the ambush.").map((c) => c.count.best), [12]);
    assert.deepEqual(killedTolls("The unit lost three of its men near the ford.").map((c) => c.count.best), [3]);
    assert.deepEqual(killedTolls("The militia lost four trucks in the raid."), []);
  });

  test("'killing the village head and his wife' is two", () => {
    assert.equal(sentenceCount(killedTolls("Raiders stormed the hamlet, killing the village head and his wife."))?.best, 2);
  });

  test("'they later killed them': the people taken a sentence before are the dead", () => {
    assert.deepEqual(tollOfTakenBefore("Gunmen abducted 6 teachers from a school near the river.", "The kidnappers then killed them and left their bodies on the road.").map((c) => c.count.best), [6]);
    assert.deepEqual(tollOfTakenBefore("Gunmen abducted 6 teachers from a school near the river.", "They later released them."), []);
    assert.deepEqual(tollOfTakenBefore("Gunmen stormed a school near the river.", "They then killed them."), []);
  });
});

describe("mob killings: burnt alive, lynched by a pronoun", () => {
  const killed = (text: string) => findCasualties(text).filter((c) => c.kind === "killed").map((c) => c.count.best);
  test("'was burnt alive' is a death; 'lynched him' is one dead", () => {
    assert.deepEqual(killed("A suspected pickpocket was burnt alive by traders at the bus park."), [1]);
    assert.deepEqual(killed("Villagers caught a suspected rustler and lynched him near the river."), [1]);
  });
  test("'shot and killed a local chief and his bodyguard' is two", () => {
    assert.equal(sentenceCount(findCasualties("Unknown gunmen shot and killed a local chief and his bodyguard at the gate.").filter((c) => c.kind === "killed"))?.best, 2);
  });
});

describe("'also' and 'others' without a figure before them, one person after a group", () => {
  const killedTolls = (text: string) => findCasualties(text).filter((c) => c.kind === "killed");
  test("'the driver was also killed' is over the toll before", () => {
    assert.equal(killedTolls("The driver was also killed.")[0]?.also, true);
  });
  test("'while two others succumbed' adds to the dead of its sentence", () => {
    assert.equal(sentenceCount(killedTolls("Four miners died in the blast while two others succumbed to their wounds in hospital."))?.best, 6);
  });
  test("'killing 5 passengers and the driver' is six; 'and the rest fled' adds no one", () => {
    assert.equal(sentenceCount(killedTolls("Bandits stopped the bus, killing 5 passengers and the driver."))?.best, 6);
    assert.equal(sentenceCount(killedTolls("Troops killed 4 rebels and the commander was captured."))?.best, 4);
  });
});

describe("one more person, and a group told with one person", () => {
  const killedTolls = (text: string) => findCasualties(text).filter((c) => c.kind === "killed");
  test("'a third soldier died' is over the toll before", () => {
    assert.equal(killedTolls("A third ranger died later in hospital.")[0]?.additive, true);
  });
  test("'killed a senior commander along with two aides' is three", () => {
    assert.equal(sentenceCount(killedTolls("A drone strike killed a senior commander along with two aides near the pass."))?.best, 3);
  });
});

describe("'others feared dead' is no confirmed added death", () => {
  test("'three others were feared dead' is not over the toll before", () => {
    const tolls = findCasualties("One herder died in the clash, and three others were feared dead by their families.").filter((c) => c.kind === "killed");
    assert.ok(tolls.every((c) => !c.additive));
  });
});
