import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";

const pipeline = createPipeline();
const types = (text: string) => pipeline.extract({ text, published: "2024-05-14" }).events.filter((e) => !e.negated).map((e) => e.type);

describe("PLOVER types read from the words of a report", () => {
  test("sending away monitors or aid workers, or suspending part of a programme, is a sanction", () => {
    assert.ok(types("The junta expelled the election observers of the regional bloc on Friday.").includes("SANCTION"));
    assert.ok(types("The donor suspended part of its budget aid to the ministry.").includes("SANCTION"));
  });

  test("troops kept on alert or forces strengthened are mobilised", () => {
    assert.ok(types("Border units remained on high alert after the incident.").includes("MOBILIZE"));
    assert.ok(types("The army strengthened its forces along the northern frontier.").includes("MOBILIZE"));
  });

  test("a paper or a station made to stop is coerced", () => {
    assert.ok(types("The authorities ordered the weekly to suspend publication for a month.").includes("COERCE"));
  });
  test("a formal protest or a complaint lodged with someone is an accusation, not a demonstration", () => {
    assert.deepEqual(types("The foreign ministry lodged an official protest with the ambassador over the border incident."), ["ACCUSE"]);
    assert.deepEqual(types("The opposition complained to the electoral commission about irregularities."), ["ACCUSE"]);
    assert.deepEqual(types("Thousands of workers protested outside the ministry."), ["PROTEST"]);
  });
  test("accepting demands and lifting a curfew yield (CONCEDE); accepting a plan agrees", () => {
    assert.deepEqual(types("The government accepted the demands of the striking miners."), ["CONCEDE"]);
    assert.deepEqual(types("The army lifted a night curfew in the capital."), ["CONCEDE"]);
    assert.deepEqual(types("Both parties accepted the mediators' plan."), ["AGREE"]);
  });
});

describe("PLOVER's speech acts and stated intentions", () => {
  const main = (text: string): string | undefined =>
    pipeline.extract({ text, published: "2024-05-14" }).events.filter((e) => !e.negated).sort((a, b) => b.confidence - a.confidence)[0]?.type;

  test("a threat, a refusal or an accusation is the main event, not the act it names", () => {
    assert.equal(main("The island state threatened on Monday to break off relations with its neighbour over the fishing dispute."), "THREATEN");
    assert.equal(main("The president rejected an offer of direct talks from the opposition alliance."), "REJECT");
    assert.equal(main("The prime minister accused the envoy of stalling the negotiations on the border."), "ACCUSE");
  });

  test("restrictions imposed are coercion, and a plan to impose them a threat", () => {
    assert.ok(types("The ministry imposed restrictions on fishing boats in the bay.").includes("COERCE"));
    assert.equal(main("The ministry plans to impose new restrictions on fishing boats from next month."), "THREATEN");
  });

  test("letting people return yields, and saying one will is a promise (AGREE)", () => {
    assert.ok(types("The government allowed displaced families to return to their villages.").includes("CONCEDE"));
    assert.equal(main("The government will allow displaced families to return to their villages next week."), "AGREE");
  });

  test("a curfew shortened or eased, however it is told, yields", () => {
    assert.equal(main("The governor on Monday shortened by two hours the night curfew in the port city."), "CONCEDE");
  });

  test("aid provided is AID however many words name its amount", () => {
    assert.ok(types("The agency provided some 2,500 tonnes of emergency food aid to the camps.").includes("AID"));
  });
});
