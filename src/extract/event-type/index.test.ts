import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../../pipeline.js";
import type { Report } from "../../report.js";
import { decideEventType, eventWindow, happeningBeside, paragraphSpan, type CueTyping } from "./index.js";
import { ACLED_CODES, codeOfSubEvent, meaningOfCode } from "./labels.js";

const pipeline = createPipeline();
const read = (text: string): Report => pipeline.extract({ text, published: "2024-03-02" });

describe("event types", () => {
  test("every event says what decided its type, with a score", () => {
    const r = read("Soldiers shelled the outskirts of the town on Friday.");
    assert.ok(r.events.length > 0);
    for (const e of r.events) {
      assert.match(e.decisions?.type.decidedBy ?? "", /^(?:cue|model|cue\+model)/);
      assert.ok((e.decisions?.type.score ?? -1) >= 0 && (e.decisions?.type.score ?? 2) <= 1);
    }
  });

  test("protesters who torch cars are a riot, not a peaceful protest", () => {
    const r = read("Hundreds of protesters torched cars and threw stones at police in the capital on Friday.");
    const e = r.events.find((x) => x.type === "PROTEST");
    assert.equal(e?.acled?.eventType, "Riots");
    assert.equal(e?.mode, "riot");
  });

  test("a march without violence stays a peaceful protest", () => {
    const r = read("Thousands of teachers marched through the capital on Friday to demand higher pay.");
    assert.deepEqual(r.events.find((x) => x.type === "PROTEST")?.acled, { eventType: "Protests", subEventType: "Peaceful protest" });
  });

  test("a cue that names one sub-event outright keeps it: an abduction stays an abduction", () => {
    const r = read("Armed men abducted twelve farmers from their fields on Sunday and demanded a ransom.");
    assert.equal(r.events.find((x) => x.type === "ASSAULT")?.acled?.subEventType, "Abduction/forced disappearance");
  });

  test("the cue words know protests told in the present tense or by their form: a march, a sit in, a dharna", () => {
    for (const text of ["Nurses demonstrate outside the health ministry over unpaid wages.", "Farmers held a sit in at the district office on Monday.", "Dock workers went on a two-day strike at the port."]) {
      assert.equal(read(text).events.find((x) => x.type === "PROTEST")?.acled?.eventType, "Protests", text);
    }
  });

  test("livestock or goods seized by raiders, and shops pillaged, are looting", () => {
    const r = read("Raiders seized dozens of goats and pillaged two shops in the hamlet on Tuesday.");
    assert.ok(r.events.some((x) => x.acled?.subEventType === "Looting/property destruction"));
  });

  test("reinforcements sent to a front and curfews are changes to a group's activity", () => {
    assert.equal(read("Fresh rebel reinforcements arrived on the northern front on Monday.").events[0]?.acled?.subEventType, "Change to group/activity");
    assert.equal(read("The governor imposed a night curfew on the port city on Sunday.").events[0]?.acled?.subEventType, "Change to group/activity");
  });

  test("residents who barricade a road or burn tyres are a violent demonstration, by the cue word", () => {
    const r = read("Residents barricaded the main road into the town on Monday over power cuts. Local officials said they would meet them.");
    assert.equal(r.events.find((x) => x.acled)?.acled?.subEventType, "Violent demonstration");
    assert.equal(r.events.find((x) => x.acled)?.decisions?.type.decidedBy.startsWith("cue"), true);
  });

  test("an earthquake's toll is no event of violence of any ACLED type", () => {
    const r = read("A powerful earthquake shook the mountain province overnight, killing 40 people.");
    assert.equal(r.events.filter((e) => e.acled !== null).length, 0);
  });

  test("a short report no cue word reads is typed by the models, and says so", () => {
    const r = read("A strong earthquake struck the coastal province before dawn, killing 14 people and flattening homes.");
    assert.equal(r.events.length, 1);
    const e = r.events[0];
    assert.equal(e.decisions?.type.decidedBy, "model:no-cue");
    assert.equal(e.category, "natural_disaster");
    assert.equal(e.acled, null);
    assert.notEqual(e.type, "ASSAULT", "a disaster is never an assault");
    assert.ok(e.confidence < 0.4, "the least sure of all events");
  });

  test("a cue that names no conflict type takes no ACLED type beside an event whose own cue does: one record", () => {
    const r = read("Residents staged a sit-in outside the governor's office on Monday. They demanded compensation for homes lost to the new highway.");
    const typed = r.events.filter((e) => e.acled !== null);
    assert.equal(typed.length, 1);
    assert.equal(typed[0].type, "PROTEST");
    const other = r.events.find((e) => e !== typed[0]);
    assert.ok(!other || !other.decisions?.type.decidedBy.startsWith("model:no-acled-cue"));
  });

  test("a short text that reports no violence, protest or disaster files no event without a cue word", () => {
    for (const text of [
      "The commander of the northern brigade told reporters on Sunday that his men would hold the line.",
      "The city council approved a new budget for road repairs on Tuesday.",
      "Farmers in the valley expect a good apricot harvest this year.",
      "The president will visit three countries next month, his office said.",
    ]) {
      assert.deepEqual(read(text).events.filter((e) => e.decisions?.type.decidedBy === "model:no-cue"), [], text);
    }
  });

  test("a long text that no cue word reads files no event: it is not a report of one happening", () => {
    const text = [
      "The harvest ended weeks ago in the valley.",
      "Farmers now sort the fruit by hand.",
      "Most of it goes to markets in the capital.",
      "Prices have been steady this season.",
      "Some growers plan to plant more trees next spring.",
      "Others are waiting to see how the weather turns.",
    ].join(" ");
    assert.deepEqual(read(text).events, []);
  });

  test("the models read the event's sentence and its neighbours in the same paragraph only", () => {
    const text = "First line.\nSecond one. Third one. Fourth one.\nFifth line.";
    const starts = [0, 12, 24, 35, 47];
    const ends = [11, 23, 34, 46, 58];
    const doc = { text, sentences: starts.map((s, i) => ({ start: s, end: ends[i] })) } as unknown as Parameters<typeof eventWindow>[0];
    assert.equal(eventWindow(doc, 1), "Second one. Third one.");
    assert.equal(eventWindow(doc, 2), "Second one. Third one. Fourth one.");
    assert.equal(eventWindow(doc, 0), "First line.");
  });

  test("the paragraph ACLED's protest-outcome rule reads: the event's paragraph, at most three sentences either side", () => {
    const sentences = ["Top line.", "One.", "Two.", "Three.", "Four.", "Five.", "Six."];
    const text = `${sentences[0]}\n${sentences.slice(1).join(" ")}`;
    let at = 0;
    const spans = sentences.map((s) => {
      const start = text.indexOf(s, at);
      at = start + s.length;
      return { start, end: at };
    });
    const doc = { text, sentences: spans } as unknown as Parameters<typeof paragraphSpan>[0];
    const slice = (span: { start: number; end: number }) => text.slice(span.start, span.end);
    assert.equal(slice(paragraphSpan(doc, 1)), "One. Two. Three. Four.");
    assert.equal(slice(paragraphSpan(doc, 5)), "Two. Three. Four. Five. Six.");
    assert.equal(slice(paragraphSpan(doc, 0)), "Top line.");
  });

  test("a word that only reports harm takes the kind of the happening told beside it: a mob's victim died of the mob", () => {
    const died: CueTyping = { type: "ASSAULT", mode: null, acledEvent: "Violence against civilians", acledSub: "Attack", category: null, priority: 2, role: "casualty" };
    const text = "A mob chased a suspected thief through the market. He died of his wounds on Tuesday.";
    const input = { cue: died, text, actorKinds: [], targetKinds: [], at: text.indexOf("died"), textStart: 0 };
    assert.equal(happeningBeside(input).acledSub, "Mob violence");
    assert.deepEqual(decideEventType(input).acled, { eventType: "Riots", subEventType: "Mob violence" });
    const alone = "A man was found in the river. He died of his wounds on Tuesday.";
    assert.equal(happeningBeside({ ...input, text: alone, at: alone.indexOf("died") }).acledSub, "Attack");
    // a cue of its own is not a casualty word: it keeps what it says
    const attack: CueTyping = { ...died, acledEvent: "Battles", acledSub: "Armed clash", priority: 6, role: "trigger" };
    assert.equal(happeningBeside({ ...input, cue: attack }).acledSub, "Armed clash");
  });

  test("'an accused' is a person, not an accusation: the attack beside it is still filed", () => {
    const r = read("Neighbours stoned the house of an accused and then attacked two police officers on Monday.");
    assert.ok(r.events.some((e) => e.type === "ASSAULT" && e.acled), JSON.stringify(r.events.map((e) => [e.type, e.acled])));
  });

  test("an armed side named right before 'kill' or 'hack' tells an attack, even in a headline's present tense with no toll", () => {
    assert.deepEqual(read("Raiders kill villagers and steal their goats.").events.find((e) => e.type === "ASSAULT")?.acled, { eventType: "Violence against civilians", subEventType: "Attack" });
    assert.deepEqual(read("Soldiers kill suspected militants in a dawn operation.").events.find((e) => e.type === "ASSAULT")?.acled, { eventType: "Battles", subEventType: "Armed clash" });
    assert.equal(read("The new tax will kill small shops, traders said.").events.filter((e) => e.type === "ASSAULT").length, 0);
  });

  test("labels: each ACLED sub-event has one code and its event type; categories have none", () => {
    assert.equal(codeOfSubEvent("Air/drone strike"), "AIR_STRIKE");
    assert.deepEqual(meaningOfCode("AIR_STRIKE").acled, { eventType: "Explosions/Remote violence", subEventType: "Air/drone strike" });
    assert.equal(meaningOfCode("NATURAL_DISASTER").acled, null);
    assert.equal(meaningOfCode("NATURAL_DISASTER").category, "natural_disaster");
    assert.equal(new Set(ACLED_CODES).size, 30);
  });
});
