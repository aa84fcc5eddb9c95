import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";
import type { Event, Report } from "../../report.js";
import { isIncidentWorthy } from "../../incidents/profile.js";
import { compareTimes } from "./features.js";
import { trainPerceptron, trainRanker, trainRankerOverOrders } from "./model.js";
import { useFoldModel } from "./fold.js";
import { absorb } from "./cluster.js";

const pipeline = createPipeline();
const read = (text: string, published = "2024-05-14"): Report => pipeline.extract({ text, published });
const violentRecords = (r: Report) => r.events.filter((e) => e.type === "ASSAULT" && isIncidentWorthy(e));

describe("one happening, one record", () => {
  test("a shooting told in the lead and retold later ('the shooting') is one record with all its evidence", () => {
    const r = read(
      "A man was shot and killed outside a grocery store in Dayton on Saturday night, police said.\n" +
        "Officers found the victim lying in the parking lot.\n" +
        "The shooting happened shortly after 9 p.m., according to a police spokesman.\n" +
        "Anyone with information about the shooting is asked to call detectives.",
    );
    const records = violentRecords(r);
    assert.equal(records.length, 1, records.map((e) => e.evidence[0].text).join(", "));
    assert.ok(records[0].evidence.length >= 4, "the later mentions are its evidence");
    assert.equal(records[0].decidedBy, "frames: same happening");
  });

  test("a second attack in another city stays a second record", () => {
    const r = read(
      "A car bomb exploded near a police station in Kirkuk on Tuesday, killing four officers.\n" +
        "In a separate attack, gunmen opened fire on a checkpoint in Mosul, killing two soldiers.",
    );
    assert.equal(violentRecords(r).length, 2);
  });

  test("a rate or habit is not a record: it is marked generic", () => {
    const r = read("Around a dozen people are shot every week in the city, the mayor said.");
    const violent = r.events.filter((e) => e.type === "ASSAULT");
    assert.ok(violent.length > 0, "the mention is kept in the report");
    assert.ok(violent.every((e) => e.generic === true && !isIncidentWorthy(e)));
  });

  test("an attack dated years before the article is background, not news", () => {
    const r = read("The bombing of the market in Baghdad on 3 March 2016 killed 30 people.", "2024-05-14");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.equal(e?.background, true);
    assert.equal(isIncidentWorthy(e!), false);
  });

  test("a fresh attack dated this week is not background", () => {
    const r = read("A bomb exploded at a market in Baghdad on Monday, killing 3 people.", "2024-05-14");
    const e = r.events.find((x) => x.type === "ASSAULT");
    assert.ok(e && e.background !== true);
  });
});

describe("one happening told with cues of two kinds", () => {
  const records = (r: Report) => r.events.filter((e) => e.acled !== null && isIncidentWorthy(e));

  test("a march that police shot at, and one whose marchers looted shops, are one protest record each", () => {
    for (const [text, second] of [
      ["On Monday, hundreds of traders marched through Kisumu against a new market levy. Police shot at the marchers, wounding three, and detained twelve of them.", /shot at/],
      ["On Monday, hundreds of traders protested in Kisumu against a new market levy. Some of them looted shops and burned a police car.", /looted/],
    ] as const) {
      const kept = records(read(text));
      assert.equal(kept.length, 1, kept.map((e) => `${e.type} ${e.evidence[0].text}`).join(", "));
      assert.equal(kept[0].type, "PROTEST");
      assert.match(kept[0].decidedBy ?? "", /one happening told as/);
      assert.ok(kept[0].evidence.some((s) => second.test(s.text)), "the second kind of cue is the protest's evidence");
    }
  });

  test("a death a protest is about is not the protest's toll; a death at the protest is", () => {
    const about = read("Residents protested in Kisumu, calling for the arrest of a guard after he had killed three herders.").events.find((e) => e.type === "PROTEST");
    assert.ok(about, "a protest");
    assert.equal(about.casualties?.killed ?? null, null);
    const at = read("On Monday, hundreds of traders marched in Kisumu; police opened fire and killed two marchers.").events.find((e) => e.type === "PROTEST");
    assert.equal(at?.casualties?.killed?.best, 2);
  });

  test("without the fold weights the same march files a protest and a second record", () => {
    const text = "On Monday, hundreds of traders marched through Kisumu against a new market levy. Police shot at the marchers, wounding three, and detained twelve of them.";
    useFoldModel({ about: "none", weights: {} });
    try {
      assert.ok(records(read(text)).length >= 2);
    } finally {
      useFoldModel(undefined);
    }
    assert.equal(records(read(text)).length, 1);
  });

  test("an attack followed by a withdrawal is one attack record, its parties its own", () => {
    const r = read("On Tuesday, militants attacked an army post near Afgoye. After an hour of fighting the militants withdrew.");
    const kept = records(r);
    assert.equal(kept.length, 1, kept.map((e) => `${e.type} ${e.evidence[0].text}`).join(", "));
    assert.equal(kept[0].type, "ASSAULT");
  });

  test("weapons seized or defused, told before the attack they were for, are the record (ACLED: disrupted weapons use)", () => {
    for (const text of [
      "Police seized rifles and grenades in Garo on Tuesday. Officers said the gunmen had attacked a checkpoint with them.",
      "Police defused a car bomb in Garo on Tuesday. Officers said the militants had attacked a checkpoint nearby.",
    ]) {
      const kept = records(read(text));
      assert.equal(kept.length, 1, kept.map((e) => `${e.type} ${e.evidence[0].text}`).join(", "));
      assert.equal(kept[0].acled?.subEventType, "Disrupted weapons use");
      assert.match(kept[0].decidedBy ?? "", /one happening told as ASSAULT and COERCE/);
    }
  });

  test("weapons seized after an attack the text tells first follow it: the record is the attack", () => {
    const kept = records(read("Militants attacked an army checkpoint near Garo on Tuesday and soldiers seized their weapons and explosives."));
    assert.equal(kept.length, 1, kept.map((e) => `${e.type} ${e.evidence[0].text}`).join(", "));
    assert.equal(kept[0].type, "ASSAULT");
  });

  test("an arrest told apart ('separately') stays its own event", () => {
    const r = read(
      "Gunmen shot dead a trader in Mombasa on Friday. " +
        "Separately, police arrested four men in Nairobi on Saturday over a land dispute.",
    );
    assert.ok(r.events.some((e) => e.type === "COERCE"), r.events.map((e) => `${e.type} ${e.evidence[0].text}`).join(", "));
    assert.ok(r.events.some((e) => e.type === "ASSAULT"));
  });
});

describe("counting people", () => {
  const killedOf = (r: Report) => violentRecords(r)[0]?.casualties?.killed?.best ?? 0;
  const injuredOf = (r: Report) => violentRecords(r)[0]?.casualties?.injured?.best ?? 0;

  test("'a six-year-old boy was shot and killed' is one killed, never six", () => {
    assert.equal(killedOf(read("A 6-year-old boy was shot and killed in his home in Toledo on Sunday.")), 1);
  });

  test("'two 15-year-old girls were wounded' is two injured", () => {
    assert.equal(injuredOf(read("Two 15-year-old girls were wounded in a shooting in Tulsa on Friday night.")), 2);
  });

  test("a stated toll is kept: 'killing two men'", () => {
    assert.equal(killedOf(read("Gunmen stormed a village in Katsina on Sunday, killing two men who tried to resist.")), 2);
  });

  test("a survivor without a number is one injured: 'shot ... in stable condition'", () => {
    const r = read("A gunman shot a cashier at a gas station in Dayton on Saturday. The cashier was taken to a hospital in stable condition.");
    assert.equal(injuredOf(r), 1);
    assert.equal(killedOf(r), 0);
  });

  test("the dead are not also injured: 'shot and killed ... gunshot wound'", () => {
    const r = read("A man was shot and killed outside a bar in Akron on Friday. He was found with a gunshot wound to the chest and died at the scene.");
    assert.equal(killedOf(r), 1);
    assert.equal(injuredOf(r), 0);
  });

  test("a total the text states is the count", () => {
    assert.equal(killedOf(read("On 3 June, 2 guards were killed when rebels attacked the depot in Gao. A driver was wounded and died the next day. A total of 3 dead.")), 3);
  });

  test("a remark on how a toll was coded is not read: the toll is the one the text reports", () => {
    assert.equal(killedOf(read("On 3 June, 6 soldiers were killed when rebels attacked a post near Tessit. Fatalities coded as 0 (a local outlet reported 6).")), 6);
  });

  test("'was shot and died' is a death", () => {
    assert.equal(killedOf(read("On 3 June, police raided a house in Recife and a gunfight broke out; a suspect was shot and died.")), 1);
  });

  test("a later toll told as 'also' adds to the one told before", () => {
    assert.equal(killedOf(read("On 3 June, 3 guards were killed in an attack by rebels on a post near Tessit. Officials said that 2 rebels were also killed.")), 5);
    assert.equal(killedOf(read("On 3 June, 3 guards were killed in an attack by rebels on a post near Tessit. Officials said that also 2 rebels were killed.")), 5);
  });

  test("a death people react to is not the toll: 'over the death of', 'justice for'", () => {
    assert.equal(killedOf(read("On 3 June, youths attacked a police post in Kumasi to protest over the death of a trader in custody. 3 officers were hurt.")), 0);
    assert.equal(killedOf(read("On 3 June, soldiers beat residents of a lakeside village to avenge a comrade's death.")), 0);
  });

  test("'assassinated' is a death", () => {
    assert.equal(killedOf(read("On 3 June, gunmen assassinated a village chief at his home in Djibasso.")), 1);
  });

  test("'executed', 'beheaded' and 'lynched' tell a death: one person without a number is one killed", () => {
    assert.equal(killedOf(read("On 3 June, gunmen abducted and executed the imam of a village near Dori.")), 1);
    assert.equal(killedOf(read("On 3 June, militants seized a teacher near Dori and beheaded him.")), 1);
  });

  test("'both victims' without a number are two", () => {
    const r = read("Gunfire broke out at a party in Mesa on Sunday and a man was shot in the leg. Both victims were taken to a hospital and are expected to survive.");
    assert.equal(injuredOf(r), 2);
  });

  test("a death denied, a killing someone is held for, or a 'death certificate' is no death of this happening", () => {
    assert.equal(killedOf(read("On 3 June, raiders attacked a village near Moroto and stole cattle. No reported deaths or injuries.")), 0);
    assert.equal(killedOf(read("On 9 March, a farmer held for the murder of his neighbour told a court he had been mistreated in custody in Nyeri.")), 0);
    assert.equal(killedOf(read("On 3 June, a clerk was assaulted and injured by a councillor in Gulu after a quarrel over signing death certificates.")), 0);
    assert.equal(killedOf(read("On 3 June, troops killed or injured several rebels in an airstrike near Gao.")), 0);
  });

  test("a shooting without harm stated has no casualties", () => {
    const r = read("Shots were fired at a parked car in Fresno on Monday; nobody was hurt, police said.");
    assert.equal(killedOf(r), 0);
  });
});

describe("time comparison", () => {
  test("a month holds its days; two days differ", () => {
    assert.equal(compareTimes("2024-05", "2024-05-03"), "within");
    assert.equal(compareTimes("2024-05-03", "2024-05-03"), "same");
    assert.equal(compareTimes("2024-05-03", "2024-05-04"), "conflict");
  });
});

describe("training", () => {
  test("the perceptron separates a feature that always means 'same' from one that never does", () => {
    const examples = [
      ...Array.from({ length: 20 }, () => ({ features: ["bias", "good"], same: true })),
      ...Array.from({ length: 60 }, () => ({ features: ["bias", "bad"], same: false })),
    ];
    const w = trainPerceptron(examples, { epochs: 5, seed: 1 });
    assert.ok((w.bias ?? 0) + (w.good ?? 0) > 0);
    assert.ok((w.bias ?? 0) + (w.bad ?? 0) < 0);
    assert.deepEqual(trainPerceptron(examples, { epochs: 5, seed: 1 }), w, "the same seed gives the same model");
  });

  test("the ranker learns to prefer the candidate that is the stated figure", () => {
    const examples = Array.from({ length: 30 }, (_, i) => ({ candidates: [["v=0"], ["v=max"], ["v=1"]], gold: i % 10 === 0 ? 2 : 1 }));
    const w = trainRanker(examples, { epochs: 5, seed: 33 });
    assert.ok((w["v=max"] ?? 0) > (w["v=0"] ?? 0) && (w["v=max"] ?? 0) > (w["v=1"] ?? 0));
  });

  test("rankers trained in several orders are averaged, the same on every run", () => {
    const examples = Array.from({ length: 30 }, (_, i) => ({ candidates: [["v=0"], ["v=max"], ["v=1"]], gold: i % 4 === 0 ? 2 : 1 }));
    const runs = [33, 34, 35].map((seed) => trainRanker(examples, { epochs: 3, seed }));
    const averaged = trainRankerOverOrders(examples, { epochs: 3, seed: 33, runs: 3 });
    for (const f of ["v=0", "v=max", "v=1"]) {
      const mean = runs.reduce((sum, w) => sum + (w[f] ?? 0), 0) / 3;
      assert.ok(Math.abs((averaged[f] ?? 0) - mean) < 1e-3, f);
    }
    assert.deepEqual(trainRankerOverOrders(examples, { epochs: 3, seed: 33, runs: 3 }), averaged);
  });
});

describe("what a frame keeps when it takes in a later mention", () => {
  const event = (acled: Event["acled"], mode: string | null): Event => ({
    id: "ev1", type: "ASSAULT", mode, acled, actors: [], targets: [], place: null, time: null, casualties: null,
    attribution: { status: "unknown", candidates: [] }, negated: false, hypothetical: false, evidence: [], confidence: 0.5,
  });
  const clash = { eventType: "Battles", subEventType: "Armed clash" };
  const attack = { eventType: "Violence against civilians", subEventType: "Attack" };
  const bomb = { eventType: "Explosions/Remote violence", subEventType: "Remote explosive/landmine/IED" };

  test("a word that only reports harm ('killing five') does not retype the frame", () => {
    const frame = event(clash, null);
    absorb(frame, event(attack, null));
    assert.deepEqual(frame.acled, clash);
  });

  test("a later mention that names the means the frame lacked gives it its type", () => {
    const frame = event(clash, null);
    absorb(frame, event(bomb, "explosives"));
    assert.deepEqual(frame.acled, bomb);
    assert.equal(frame.mode, "explosives");
  });
});

describe("counting a happening's dead across its sentences", () => {
  const killedOf = (r: Report) => violentRecords(r)[0]?.casualties?.killed?.best ?? 0;

  test("tolls of different sides told in different sentences add up; the same side told twice does not", () => {
    assert.equal(killedOf(read("On 3 June, rebels attacked an army post near Gao, killing two soldiers. Eleven rebels were killed when the troops fought back.")), 13);
    assert.equal(killedOf(read("On 3 June, rebels attacked an army post near Gao, killing two soldiers. Two soldiers were killed in the assault, the army said.")), 2);
  });

  test("another source's figure is an alternative, not a larger toll", () => {
    assert.equal(killedOf(read("On 3 June, gunmen attacked a village near Gao, killing two farmers. Other reports said that five people died in the attack.")), 2);
    assert.equal(killedOf(read("On 3 June, gunmen attacked a village near Gao, killing two farmers. Later that day five villagers were killed in that raid.")), 5);
  });

  test("a lead that tells the toll before any cue word gives the happening its figure", () => {
    assert.equal(killedOf(read("Four bodies with stab wounds were found on a farm near Gao on 3 June. Police do not yet know who was behind the attack.")), 4);
  });

  test("animals killed are no toll: no one is counted dead", () => {
    assert.equal(killedOf(read("On 3 June, a mine exploded on a farm road near Gao and killed three cows.")), 0);
    assert.equal(killedOf(read("On 3 June, a mine exploded on a farm road near Gao and killed three farmers.")), 3);
  });

  test("a protest's own dead are its toll; the dead it is about are not", () => {
    const shot = read("On 3 June, police opened fire on a march in the capital and shot dead three marchers.").events.find((e) => e.acled?.eventType === "Protests");
    assert.equal(shot?.casualties?.killed?.best, 3);
    // (the toll a protest's sentence tells after "following" is the cause's; no cue of its own here to fold in)
    const about = read("On 3 June, students protested in the capital following a mine blast in which nine soldiers lost their lives.").events.filter((e) => e.type === "PROTEST");
    assert.ok(about.length > 0);
    assert.ok(about.every((e) => !e.casualties?.killed), "the soldiers are the clash's dead");
  });

  test("a protest over deaths, or carrying the dead, keeps none of them as its toll", () => {
    const over = read("On 3 June, traders blocked the main road in Gao over three people being killed by a speeding bus.").events.filter((e) => e.acled?.eventType === "Protests");
    assert.ok(over.length > 0);
    assert.ok(over.every((e) => !e.casualties?.killed), "the dead are what the protest is about");
    const carried = read("On 3 June, students marched in Gao with the dead bodies of two classmates killed the day before.").events.filter((e) => e.type === "PROTEST");
    assert.ok(carried.length > 0);
    assert.ok(carried.every((e) => !e.casualties?.killed), "the bodies carried are the cause");
    const rampage = read("On 3 June, students in Gao rioted after a classmate was killed in the hostel.").events.filter((e) => e.acled?.eventType === "Riots");
    assert.ok(rampage.length > 0);
    assert.ok(rampage.every((e) => !e.casualties?.killed), "the classmate's death is what the riot is about");
    // (nor does a violent happening told after it count the death the riot's sentence tells)
    const after = read("On 3 June, students in Gao rioted after a classmate was killed in the hostel. They stoned passing cars and burned tyres.");
    assert.ok(after.events.every((e) => !e.casualties?.killed), "no one died in the rampage or the stoning");
    const gangs = read("On 3 June, farmers in Gao protested against police inaction over bandit gangs that have been killing herders for months.").events.filter((e) => e.type === "PROTEST");
    assert.ok(gangs.length > 0);
    assert.ok(gangs.every((e) => !e.casualties?.killed), "the gangs' killings are what the protest is about");
  });
});

describe("a riot's toll told in the next sentence", () => {
  test("'over 50 were injured in the clash': 'over' before a figure and a verb is 'more than', not a cause", () => {
    const report = read("On 2 March, students fought supporters of the mayor and smashed the windows of the town hall in Lindi. 2 people were killed and over 40 were injured in the clash.");
    const riot = report.events.find((e) => e.acled?.eventType === "Riots");
    assert.equal(riot?.casualties?.killed?.best, 2);
  });
});

describe("the dead of another side told in a later sentence", () => {
  test("'killing 7 rebels. The army lost 2 soldiers.' is 9: each sentence names its side", () => {
    const report = read("On 3 May, soldiers clashed with rebels near Kauru, killing 7 rebels. The army lost 2 soldiers.");
    const clash = report.events.find((e) => e.acled?.eventType === "Battles");
    assert.equal(clash?.casualties?.killed?.best, 9);
  });
  test("'killing 5 people. Two others died later in hospital.' is 7", () => {
    const report = read("On 3 May, bandits raided a village near Kauru, killing 5 people. Two others died later in hospital.");
    const raid = report.events.find((e) => e.type === "ASSAULT");
    assert.equal(raid?.casualties?.killed?.best, 7);
  });
  test("'Gunmen abducted 4 traders. They then executed them.' is 4", () => {
    const report = read("On 3 May, gunmen abducted 4 traders near Kauru. They then executed them.");
    const taken = report.events.find((e) => e.type === "ASSAULT");
    assert.equal(taken?.casualties?.killed?.best, 4);
  });
});

describe("the dead whose kin protest", () => {
  test("'relatives of two farmers killed by herders protested' carries no toll", () => {
    const report = read("On 3 May, relatives of two farmers killed by herders protested outside the council office in Kauru.");
    const protest = report.events.find((e) => e.acled?.eventType === "Protests");
    assert.ok(protest);
    assert.equal(protest?.casualties?.killed ?? null, null);
  });
});

describe("a death toll that rose", () => {
  test("'the death toll later rose to 5' updates the toll told before", () => {
    const report = read("On 3 May, a bomb exploded at a market in Kauru, killing three people. The death toll later rose to 5.");
    const blast = report.events.find((e) => e.type === "ASSAULT");
    assert.equal(blast?.casualties?.killed?.best, 5);
  });
});

describe("another side's dead: not a claim that retells them, nor an earlier happening", () => {
  test("'1 guard and 1 porter were killed. The rebels claimed 14 soldiers were killed.' stays the first toll", () => {
    const report = read("On 3 May, rebels ambushed a supply convoy near Kauru; 1 guard and 1 porter were killed. The rebels claimed 14 soldiers were killed.");
    const ambush = report.events.find((e) => e.type === "ASSAULT");
    assert.equal(ambush?.casualties?.killed?.best, 2);
  });
});
