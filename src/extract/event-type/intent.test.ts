import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";
import type { Report } from "../../report.js";
import { statedIntentType } from "./intent.js";

const pipeline = createPipeline();
const read = (text: string): Report => pipeline.extract({ text, published: "2024-05-14" });
const main = (r: Report) => [...r.events].filter((e) => !e.negated).sort((a, b) => b.confidence - a.confidence)[0];

describe("a stated intention is PLOVER's promise or threat", () => {
  test("saying one will yield or help is AGREE; saying one will use force or pressure is THREATEN", () => {
    assert.equal(statedIntentType("AID", "The relief body said it will"), "AGREE");
    assert.equal(statedIntentType("RETREAT", "the government is willing to"), "AGREE");
    assert.equal(statedIntentType("CONSULT", "the rebels would soon"), "AGREE");
    assert.equal(statedIntentType("COERCE", "the governor announced that he will"), "THREATEN");
    assert.equal(statedIntentType("SANCTION", "the alliance said it would further"), "THREATEN");
  });

  test("a guess, a condition or a refusal states no intention; protests, demands and accusations keep their type", () => {
    assert.equal(statedIntentType("COERCE", "officials said the army could"), null);
    assert.equal(statedIntentType("AID", "donors would not"), null);
    assert.equal(statedIntentType("AID", "the agency may"), null);
    assert.equal(statedIntentType("PROTEST", "the union said its members will"), null);
    assert.equal(statedIntentType("REQUEST", "the minister will"), null);
    assert.equal(statedIntentType("ASSAULT", "Gunmen on motorbikes"), null);
  });

  test("through the pipeline: the act stays hypothetical and says who decided the type", () => {
    const r = read("The regional council said on Tuesday it will impose a curfew on the market district from Friday.");
    const e = main(r);
    assert.equal(e?.type, "THREATEN");
    assert.equal(e?.hypothetical, true);
    assert.match(e?.decisions?.type?.decidedBy ?? "", /stated-intent/);
    // "ready to" or "prepared to" before an act of force is no offer to cooperate
    const prepared = read("The cabinet announced it was prepared to impose a curfew on the capital.");
    assert.deepEqual(prepared.events.map((x) => x.type), ["THREATEN"]);
    const aid = main(read("The relief agency said it would provide about 4,000 tonnes of food aid to families displaced by the floods."));
    assert.equal(aid?.type, "AGREE");
  });

  test("what happened keeps its own type", () => {
    const done = main(read("The regional council imposed a curfew on the market district on Tuesday."));
    assert.equal(done?.type, "COERCE");
    assert.equal(done?.hypothetical, false);
  });

  test("a speaker saying what another side must do is a demand (REQUEST)", () => {
    const r = read("The opposition leader said on Monday that the electoral commission must publish the results of every polling station.");
    assert.equal(main(r)?.type, "REQUEST");
    // what someone must have done is a guess about the past, not a demand
    const guess = read("Investigators said the driver must have fallen asleep at the wheel.");
    assert.ok(!guess.events.some((e) => e.type === "REQUEST"));
  });
  test("the act a demand, an appeal or a refusal names has not happened: the demand or the refusal is the event", () => {
    const demanded = read("The union leaders demanded a withdrawal of all foreign contractors from the mine on Monday.");
    assert.equal(main(demanded)?.type, "REQUEST");
    assert.equal(demanded.events.find((e) => e.type === "RETREAT")?.hypothetical, true);
    const refused = read("The interior ministry refused to lift the curfew on the old city.");
    assert.equal(main(refused)?.type, "REJECT");
    // what the demanders did meanwhile happened: "residents demanding the arrest of the suspects blocked the road"
    const blocked = read("Residents demanding the arrest of the suspects blocked the main road for six hours.");
    assert.equal(blocked.events.find((e) => e.type === "PROTEST")?.hypothetical, false);
  });
});
