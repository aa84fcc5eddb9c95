import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPipeline } from "../pipeline.js";
import type { Report } from "../report.js";

const pipeline = createPipeline();
const read = (text: string, published = "2024-05-14"): Report => pipeline.extract({ text, published });
const entity = (r: Report, name: string) => r.entities.find((e) => e.name === name || e.aliases.includes(name));

describe("entities: one per real-world actor", () => {
  const report = read(
    "Clashes in Darfur\n" +
      "The Rapid Support Forces (RSF) said on Monday its fighters had repelled an army assault near El Fasher. " +
      "The RSF accused the Sudanese Armed Forces of shelling markets. " +
      "Army spokesman Brigadier Nabil Abdallah denied the claim. " +
      "\"We target only military positions,\" Abdallah said.",
  );

  test("an acronym defined in the text is the same actor as its long form", () => {
    const rsf = entity(report, "Rapid Support Forces");
    assert.ok(rsf);
    assert.ok(rsf.aliases.includes("RSF"));
    assert.equal(rsf.mentions.filter((m) => m.text === "RSF").length, 2);
  });

  test("a surname alone is the person named in full elsewhere", () => {
    const people = report.entities.filter((e) => e.name.includes("Abdallah"));
    assert.equal(people.length, 1);
    assert.equal(people[0].kind, "person");
    assert.ok(people[0].mentions.length >= 2);
  });

  test("a title before a name gives the person's role", () => {
    const person = report.entities.find((e) => e.name === "Nabil Abdallah");
    assert.ok(person?.roles.some((r) => r.includes("spokesman")));
  });

  test("lexicon actors carry their kind and country", () => {
    const saf = entity(report, "Sudanese Armed Forces");
    assert.equal(saf?.kind, "military");
    assert.equal(saf?.country, "SD");
  });
});

describe("metonymy and affiliation", () => {
  const report = read(
    "Aid for Mosul\n" +
      "Paris has pledged fresh funds for Iraq. The French government said the money would rebuild schools. " +
      "Turkish-backed fighters meanwhile attacked Kurdish positions.",
  );

  test("a capital that acts is its government, not a place", () => {
    const gov = report.entities.find((e) => e.kind === "government" && e.country === "FR");
    assert.ok(gov);
    assert.ok(gov.aliases.includes("Paris"));
    assert.ok(!report.places.some((p) => p.mentions.some((m) => m.text === "Paris")));
  });

  test("'X-backed' names the backer as an affiliation", () => {
    const fighters = report.entities.find((e) => e.affiliations.length > 0);
    const backer = report.entities.find((e) => e.id === fighters?.affiliations[0]);
    assert.equal(backer?.country, "TR");
  });
});

describe("the text's own definition beats the lexicon", () => {
  test("AFP defined as the Armed Forces of the Philippines is the military, not the news agency", () => {
    const r = read("The Armed Forces of the Philippines (AFP) said troops clashed with rebels. The AFP later confirmed two deaths.");
    const afp = entity(r, "AFP");
    assert.equal(afp?.name, "Armed Forces of the Philippines");
    assert.equal(afp?.kind, "military");
  });
});

describe("title-only references", () => {
  test("'the spokesman' after 'army spokesman Nabil Abdallah' is Abdallah", () => {
    const r = read("Army spokesman Nabil Abdallah said the town was retaken. The spokesman added that 40 fighters surrendered.");
    const person = r.entities.find((e) => e.name === "Nabil Abdallah");
    assert.ok(person?.mentions.some((m) => m.text === "The spokesman"));
  });
});

describe("roles around a name", () => {
  test("a role set before the name with a comma, and a title the tagger took into the name", () => {
    const r = read("On Thursday, the army's spokesman in North Kivu, Lieutenant Colonel Patrick Mbuyi, said troops held. District Police Officer Kashif Mehmood told reporters the road was closed.");
    assert.ok(r.entities.find((e) => e.name === "Patrick Mbuyi")?.roles.includes("army's spokesman in North Kivu"));
    assert.ok(r.entities.find((e) => e.name === "Kashif Mehmood")?.roles.some((x) => x.includes("Police Officer")));
  });
});

describe("affiliation to a community", () => {
  test("a '<community>-led' force is affiliated with that community", () => {
    const r = read("Fighters of the Kurdish-led Syrian Democratic Forces reported heavy shelling near their positions late on Tuesday.");
    const sdf = r.entities.find((e) => e.name === "Syrian Democratic Forces");
    const kurds = r.entities.find((e) => e.name === "Kurds");
    assert.equal(kurds?.kind, "other");
    assert.ok(kurds && sdf?.affiliations.includes(kurds.id));
  });
});
