import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  clusterReports, combineCounts, combineIncident, dayInterval, isVague, linkComponents, linked, matchEvents, matchScore, mayLink, pairFeatures,
  profileEvents, summarise, type EventProfile,
} from "./index.js";
import { addDays, dayNumber } from "./dates.js";
import { seededRandom } from "../random.js";
import { sampleReport, type SampleEvent, type SampleReport } from "./sample-report.js";

const HASAKAH = { name: "Al-Hasakah", lat: 36.5, lon: 40.75, country: "SY", admin1: "Al-Hasakah", precision: 1 as const };
const HASAKA_SPELLED = { name: "Hasakeh", lat: 36.51, lon: 40.74, country: "SY", admin1: "Al-Hasakah", precision: 1 as const };
const QAMISHLI = { name: "Qamishli", lat: 37.05, lon: 41.22, country: "SY", admin1: "Al-Hasakah", precision: 1 as const };
const AIRSTRIKE: SampleEvent["acled"] = ["Explosions/Remote violence", "Air/drone strike"];

function report(outlet: string, event: SampleEvent, extra: Partial<SampleReport> = {}) {
  return sampleReport({ outlet, title: `${outlet} report`, published: "2018-05-01", events: [event], ...extra });
}

/** Which outlets went together: the grouping, not the order (incidents come in canonical order, not input order). */
function groups(reports: ReturnType<typeof report>[]): string[][] {
  return sorted(clusterReports(reports).map((inc) => inc.members.map((m) => m.outlet ?? "?")));
}

function sorted(grouping: string[][]): string[][] {
  return grouping.map((g) => [...g].sort()).sort((a, b) => a.join().localeCompare(b.join()));
}

describe("dates", () => {
  test("a TIMEX value covers its day, ISO week, month or year", () => {
    assert.deepEqual(dayInterval("2018-05-01"), ["2018-05-01", "2018-05-01"]);
    assert.deepEqual(dayInterval("2018-05-01T10:30:00Z"), ["2018-05-01", "2018-05-01"]);
    assert.deepEqual(dayInterval("2018-W18"), ["2018-04-30", "2018-05-06"]);
    assert.deepEqual(dayInterval("2018-02"), ["2018-02-01", "2018-02-28"]);
    assert.deepEqual(dayInterval("2017"), ["2017-01-01", "2017-12-31"]);
    assert.equal(dayInterval("PRESENT_REF"), null);
    assert.equal(dayInterval("2018-02-30"), null);
  });
});

describe("merging events across articles", () => {
  test("one airstrike told by three outlets with other words, spellings and numbers is one incident", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, mode: "aerial", place: HASAKAH, date: "2018-04-30", actors: ["US-led coalition"], killed: 23, victims: "civilians" }),
      report("AFP", { acled: AIRSTRIKE, mode: "aerial", place: HASAKA_SPELLED, date: "2018-04-30", actors: ["coalition aircraft"], killed: { low: 25, best: 25, high: null } }),
      report("DW", { acled: AIRSTRIKE, place: HASAKAH, actors: [], killed: { low: 20, best: 20, high: 30 } }, { published: "2018-05-01" }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters", "AFP", "DW"]]));
  });

  test("strikes in two towns 60 km apart on the same day stay two incidents", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", killed: 23 }),
      report("AFP", { acled: AIRSTRIKE, place: QAMISHLI, date: "2018-04-30", killed: 22 }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters"], ["AFP"]]));
  });

  test("strikes on the same town on consecutive days stay two incidents", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-29" }),
      report("AFP", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters"], ["AFP"]]));
  });

  test("a protest and an airstrike in the same town on the same day stay apart", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" }),
      report("AFP", { type: "PROTEST", acled: ["Protests", "Peaceful protest"], place: HASAKAH, date: "2018-04-30" }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters"], ["AFP"]]));
  });

  test("reporters' confusion of an air strike with shelling does not split an incident", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" }),
      report("AFP", { acled: ["Explosions/Remote violence", "Shelling/artillery/missile attack"], place: HASAKAH, date: "2018-04-30" }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters", "AFP"]]));
  });

  test("different stated perpetrators of an attack contradict each other", () => {
    const attack: SampleEvent["acled"] = ["Violence against civilians", "Attack"];
    const reports = [
      report("Reuters", { acled: attack, place: HASAKAH, date: "2018-04-30", actors: [{ name: "Kurdish YPG", kind: "armed_group" }] }),
      report("AFP", { acled: attack, place: HASAKAH, date: "2018-04-30", actors: [{ name: "Islamic State", kind: "armed_group" }] }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters"], ["AFP"]]));
  });

  test("a battle is one incident whichever side each outlet names as the actor", () => {
    const reports = [
      report("Reuters", { acled: ["Battles", "Armed clash"], place: HASAKAH, date: "2018-04-30", actors: ["Kurdish YPG"] }),
      report("AFP", { acled: ["Battles", "Non-state actor overtakes territory"], place: HASAKAH, date: "2018-04-30", actors: ["Islamic State"] }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters", "AFP"]]));
  });

  test("an outlet named as an actor (a reporting error) does not contradict the real actor", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", actors: [{ name: "Northwire", kind: "media" }] }),
      report("AFP", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", actors: ["Turkish military"] }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters", "AFP"]]));
  });

  test("undated events merge on publication dates one day apart, not three", () => {
    const ev: SampleEvent = { acled: AIRSTRIKE, place: HASAKAH };
    const close = [report("Reuters", ev, { published: "2018-05-01" }), report("AFP", ev, { published: "2018-05-02" })];
    assert.deepEqual(groups(close), sorted([["Reuters", "AFP"]]));
    const far = [report("Reuters", ev, { published: "2018-05-01" }), report("AFP", ev, { published: "2018-05-04" })];
    assert.deepEqual(groups(far), sorted([["Reuters"], ["AFP"]]));
  });

  test("an event dated only by its week merges with a day inside that week", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-05-02" }),
      report("AFP", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-W18" }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters", "AFP"]]));
  });

  test("a country-level place does not contradict a town inside that country", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", actors: ["Turkish military"] }),
      report("AFP", { acled: AIRSTRIKE, place: { name: "Syria", lat: 35, lon: 38, country: "SY", precision: 4, featureType: "country" }, date: "2018-04-30", actors: ["Turkish jets"] }),
    ];
    assert.deepEqual(groups(reports), sorted([["Reuters", "AFP"]]));
  });

  test("two events of one article are two happenings", () => {
    const one = sampleReport({
      outlet: "Reuters", published: "2018-05-01",
      events: [{ acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" }, { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" }],
    });
    assert.equal(clusterReports([one]).length, 2);
    const [a, b] = profileEvents(one);
    assert.equal(matchEvents(a, b), null);
  });

  test("negated and hypothetical events found no incident", () => {
    const r = report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, negated: true });
    const h = report("AFP", { acled: AIRSTRIKE, place: HASAKAH, hypothetical: true });
    assert.equal(clusterReports([r, h]).length, 0);
  });

  test("events flagged as background or generic found no incident", () => {
    const r = report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30" });
    const flagged = structuredClone(r);
    Object.assign(flagged.events[0], { background: true });
    const generic = structuredClone(r);
    Object.assign(generic.events[0], { generic: true });
    assert.equal(clusterReports([flagged, generic]).length, 0);
    assert.equal(clusterReports([r]).length, 1);
  });
});

describe("incidents as a function of the set of events", () => {
  // A chain: the first and the last strike are too far apart to match, the middle one matches both.
  const chain = [
    report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018-04-30", killed: 23 }),
    report("AFP", { acled: AIRSTRIKE, place: HASAKA_SPELLED, date: "2018-04-30", killed: 25 }),
    report("DW", { acled: AIRSTRIKE, place: QAMISHLI, date: "2018-04-30", killed: 4 }),
    report("AP", { acled: AIRSTRIKE, place: { ...QAMISHLI, name: "Al-Qamishli" }, date: "2018-04-30", killed: 5 }),
    report("BBC", { type: "PROTEST", acled: ["Protests", "Peaceful protest"], place: HASAKAH, date: "2018-04-30" }),
  ];
  const exported = (reports: typeof chain) =>
    JSON.stringify(clusterReports(reports).map((i) => ({ id: i.id, members: i.members.map((m) => m.key), scores: [...i.scores] })));

  test("every order of the same reports gives the same incidents, ids included", () => {
    const expected = exported(chain);
    for (const order of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 2, 4]]) assert.equal(exported(order.map((i) => chain[i])), expected);
    assert.deepEqual(groups(chain), sorted([["Reuters", "AFP"], ["DW", "AP"], ["BBC"]]));
  });

  test("an incident's id comes from its earliest member, so a later report joining it keeps the id", () => {
    const before = clusterReports(chain.slice(0, 1))[0].id;
    const later = report("AFP", { acled: AIRSTRIKE, place: HASAKA_SPELLED, date: "2018-04-30", killed: 25 }, { published: "2018-05-02" });
    const after = clusterReports([later, chain[0]]);
    assert.equal(after[0].id, before);
    assert.equal(after[0].members.length, 2);
  });

  test("a vague event (a year, or no date) may be one happening with any event of its block; a year that does not meet never", () => {
    const [dated] = profileEvents(chain[0]);
    const [year] = profileEvents(report("Reuters", { acled: AIRSTRIKE, place: HASAKAH, date: "2018" }));
    const [otherYear] = profileEvents(report("DW", { acled: AIRSTRIKE, place: HASAKAH, date: "2016" }));
    const [undated] = profileEvents(report("BBC", { acled: AIRSTRIKE, place: HASAKAH }, { published: null }));
    assert.ok(isVague(year) && isVague(undated) && !isVague(dated));
    assert.ok(mayLink(year, dated) && mayLink(undated, dated) && mayLink(undated, year));
    assert.equal(pairFeatures(otherYear, dated).veto, "dates-apart");
    assert.equal(clusterReports([chain[0], report("DW", { acled: AIRSTRIKE, place: HASAKAH, date: "2016" })]).length, 2);
  });
});

describe("fast paths decide as the plain definitions do", () => {
  // Events in two countries over two months, dated to days, ISO weeks, months, years or by publication only.
  const rand = seededRandom(5);
  const towns = [HASAKAH, HASAKA_SPELLED, QAMISHLI, { name: "Mosul", lat: 36.34, lon: 43.13, country: "IQ", admin1: "Nineveh", precision: 1 as const }];
  const dates = ["2018-04-28", "2018-04-30", "2018-05-01", "2018-05-03", "2018-05-09", "2018-W18", "2018-W19", "2018-05", "2018-04", "2018", undefined];
  const many = Array.from({ length: 160 }, (_, i) => report(`Outlet ${i}`, {
    acled: rand() < 0.7 ? AIRSTRIKE : ["Battles", "Armed clash"],
    place: towns[Math.floor(rand() * towns.length)],
    date: dates[Math.floor(rand() * dates.length)],
    killed: Math.floor(rand() * 30),
  }, { published: `2018-05-0${1 + Math.floor(rand() * 9)}` }));
  const profiles: EventProfile[] = many.flatMap((r) => profileEvents(r));
  const pairs = profiles.flatMap((a, i) => profiles.slice(i + 1).map((b) => [a, b] as const));

  test("matchScore is matchEvents' score for every pair", () => {
    for (const [a, b] of pairs) assert.equal(matchScore(a, b), matchEvents(a, b)?.score ?? null, `${a.key} ${b.key}`);
  });

  test("the windowed sweep finds the components that testing every pair finds", () => {
    const parent = new Map(profiles.map((p) => [p.key, p.key]));
    const find = (k: string): string => (parent.get(k) === k ? k : find(parent.get(k)!));
    for (const [a, b] of pairs) if (linked(a, b)) parent.set(find(a.key), find(b.key));
    const brute = new Map<string, string[]>();
    for (const p of profiles) brute.set(find(p.key), [...(brute.get(find(p.key)) ?? []), p.key]);
    const keys = (groups: string[][]) => groups.map((g) => [...g].sort().join(" ")).sort();
    const swept = linkComponents(profiles).map((c) => c.map((p) => p.key));
    assert.deepEqual(keys(swept), keys([...brute.values()]));
    assert.ok(swept.some((c) => c.length > 2), "some components join several events");
  });

  test("day numbers count days as the calendar does", () => {
    for (let t = Date.UTC(1899, 11, 1); t < Date.UTC(2101, 2, 1); t += 86_400_000 * 7.3) {
      const day = new Date(t).toISOString().slice(0, 10);
      assert.equal(dayNumber(day), Math.floor(t / 86_400_000), day);
    }
    for (const bad of ["2019-02-29", "2018-04-31", "2018-13-01", "2018-00-10", "2018-5-01", "0099-01-01", "2018/05/01"]) assert.equal(dayNumber(bad), null, bad);
    assert.equal(dayNumber("2000-02-29"), Date.UTC(2000, 1, 29) / 86_400_000);
    for (const [day, n, expected] of [["2024-02-28", 1, "2024-02-29"], ["2023-02-28", 1, "2023-03-01"], ["2000-01-01", -1, "1999-12-31"], ["1900-03-01", -1, "1900-02-28"], ["2018-05-01", -34, "2018-03-28"], ["0100-01-01", -1, "0099-12-31"]] as const) {
      assert.equal(addDays(day, n), expected, `${day} ${n}`);
    }
  });
});

describe("combining sources", () => {
  test("casualties: low is the lowest report, high the highest, best the (lower) median of sources' best", () => {
    assert.deepEqual(combineCounts([{ low: 23, best: 23, high: 23 }, { low: 25, best: 25, high: null }, { low: 20, best: 20, high: 30 }]), {
      low: 20, best: 23, high: 30,
    });
    assert.deepEqual(combineCounts([{ low: 10, best: 10, high: 10 }, { low: 30, best: 30, high: null }]), { low: 10, best: 10, high: null });
    assert.deepEqual(combineCounts([null, { low: 4, best: 4, high: 4 }]), { low: 4, best: 4, high: 4 });
    assert.equal(combineCounts([null, null]), null);
  });

  test("an incident takes the most precise place, the text's date and every actor once", () => {
    const reports = [
      report("Reuters", { acled: AIRSTRIKE, mode: "aerial", place: { ...HASAKAH, precision: 3, name: "Al-Hasakah Governorate", featureType: "admin1" }, date: "2018-04-30", actors: ["US-led coalition"], killed: 23, victims: "civilians" }),
      report("AFP", { acled: AIRSTRIKE, mode: "aerial", place: HASAKA_SPELLED, actors: ["coalition", "Iraqi air force"], killed: 20, victims: "civilians" }),
    ];
    const [incident] = clusterReports(reports);
    const agg = combineIncident(incident.members);
    assert.equal(agg.place?.name, "Hasakeh");
    assert.equal(agg.date, "2018-04-30");
    assert.equal(agg.granularity, "day");
    assert.deepEqual(agg.actors, ["US-led coalition", "Iraqi air force"]);
    assert.equal(agg.sourceCount, 2);
    assert.deepEqual(agg.killed, { low: 20, best: 20, high: 23 });
    assert.equal(agg.summary, "Air/drone strike in Hasakeh, 20 (20-23 reported) killed (civilians)");
  });

  test("the summary line reads like a sentence", () => {
    assert.equal(
      summarise({ type: "ASSAULT", mode: "aerial", acled: { eventType: "Explosions/Remote violence", subEventType: "Air/drone strike" },
        place: { name: "Al-Hasakah", lat: null, lon: null, country: "SY", admin1: null, featureType: "city", precision: 1 },
        killed: { low: 23, best: 23, high: 23 }, injured: null, victims: "civilians" }),
      "Air/drone strike in Al-Hasakah, 23 killed (civilians)",
    );
    assert.equal(summarise({ type: "PROTEST", mode: null, acled: null, place: null, killed: null, injured: null, victims: null }), "Protest");
  });
});
