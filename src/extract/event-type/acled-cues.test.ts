import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";
import type { Report } from "../../report.js";

const pipeline = createPipeline();
const read = (text: string): Report => pipeline.extract({ text, published: "2024-05-14" });
const subTypes = (r: Report) => r.events.filter((e) => !e.negated).map((e) => e.acled?.subEventType ?? null);

describe("ACLED types read from the words of a report", () => {
  test("people detained at or during a protest are how the protest was met: a protest with intervention", () => {
    assert.deepEqual(subTypes(read("Dozens of students were detained during a rally against higher tuition fees in the capital on Saturday.")), ["Protest with intervention"]);
    assert.deepEqual(subTypes(read("Police detained 14 people at a march against the mining project.")), ["Protest with intervention"]);
    // a rally with no one detained stays peaceful
    assert.deepEqual(subTypes(read("Hundreds of students held a rally against higher tuition fees in the capital on Saturday.")), ["Peaceful protest"]);
  });

  test("an armed side pushed or driven out of a place is territory taken; a country or a firm 'pushed out of' a market is not", () => {
    assert.deepEqual(subTypes(read("Government troops pushed the rebels out of three villages near the lake on Tuesday.")), ["Government regains territory"]);
    assert.deepEqual(subTypes(read("Militants drove the soldiers out of the border post before dawn.")), ["Non-state actor overtakes territory"]);
    assert.deepEqual(read("The company was pushed out of the regional market by cheaper rivals.").events, []);
  });
  test("an armed side named right before 'killed' makes it a happening, whoever was killed", () => {
    for (const side of ["Guerrillas", "Separatists", "Herdsmen", "Pirates"]) {
      const r = read(`${side} killed the deputy head of the district council on Sunday.`);
      assert.equal(r.events.filter((e) => e.type === "ASSAULT").length, 1, side);
    }
  });
});

describe("accidents and work are no violence", () => {
  const acled = (text: string) => pipeline.extract({ text, published: "2024-05-14" }).events.filter((e) => e.acled).map((e) => e.acled!.subEventType);

  test("a gas leak is an accident, not a chemical weapon", () => {
    assert.deepEqual(acled("A chlorine gas leak at the water works sent twenty workers to hospital on Tuesday."), []);
    assert.deepEqual(acled("Government aircraft dropped chlorine gas on the rebel-held suburb on Tuesday."), ["Chemical weapon"]);
  });

  test("an explosion at a factory of chemicals or textiles is an accident", () => {
    assert.deepEqual(acled("Two workers died when a boiler at the textile mill exploded on Friday."), []);
    assert.deepEqual(acled("An explosion at a fertiliser plant near the port killed four workers on Friday."), []);
  });

  test("people engaged in their work are no clash; sides engaged in a gun battle are", () => {
    assert.deepEqual(acled("Labourers were engaged in loading sacks at the depot when the roof fell in on Monday."), []);
    assert.deepEqual(acled("Soldiers and rebels engaged in a gun battle near the bridge on Monday."), ["Armed clash"]);
  });

  test("an attack on websites or computers is no violence", () => {
    assert.deepEqual(acled("Unknown hackers attacked the websites of two ministries on Sunday."), []);
    assert.deepEqual(acled("The cyber attack shut the port's booking system for a day."), []);
    assert.deepEqual(acled("Gunmen attacked a police post on the highway on Sunday."), ["Armed clash"]);
  });
});

describe("changes to an armed group's activity", () => {
  const acled = (text: string) => pipeline.extract({ text, published: "2024-05-14" }).events.filter((e) => e.acled).map((e) => e.acled!.subEventType);

  test("forces that reinforce their positions or defences, and special units formed, change their activity", () => {
    assert.deepEqual(acled("The army reinforced its positions along the river on Tuesday."), ["Change to group/activity"]);
    assert.deepEqual(acled("The navy reinforced its coastal air defence systems last week."), ["Change to group/activity"]);
    assert.deepEqual(acled("Special units of engineers have been formed in the two border districts."), ["Change to group/activity"]);
  });
});
