import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findTimeExpressions, isoWeek } from "./timex.js";

const values = (text: string, published: string | null) =>
  findTimeExpressions(text, published).map((t) => [text.slice(t.start, t.end), t.value, t.granularity]);

describe("time expressions, against the publication date", () => {
  // 2024-03-13 is a Wednesday
  const pub = "2024-03-13";

  test("a weekday is the latest such day on or before publication", () => {
    assert.deepEqual(values("The army said on Wednesday that it shelled the town on Monday.", pub), [
      ["Wednesday", "2024-03-13", "day"],
      ["Monday", "2024-03-11", "day"],
    ]);
  });

  test("a date that names a neighbourhood, a square or a movement is no time", () => {
    assert.deepEqual(values("Shells fell on the 9 March neighbourhood and two markets on 11 March.", pub), [["11 March", "2024-03-11", "day"]]);
    assert.deepEqual(values("Members of the 2 February Movement marched to 4 March Square on Monday.", pub), [["Monday", "2024-03-11", "day"]]);
  });

  test("an abbreviated weekday after a comma is a name, not a day ('..., Mon State')", () => {
    assert.deepEqual(findTimeExpressions("Troops patrolled Mawlamyine, Mon State, at dawn.", "2021-12-02"), []);
  });

  test("'the previous day', 'a day later', 'two days earlier' count from the last day named in the paragraph, else publication", () => {
    assert.deepEqual(values("The council met on Monday. A day later the mayor resigned.", pub), [
      ["Monday", "2024-03-11", "day"],
      ["A day later", "2024-03-12", "day"],
    ]);
    assert.deepEqual(values("The bridge reopened on Friday, 8 March; two days earlier a barge had hit it.", pub), [
      ["Friday, 8 March", "2024-03-08", "day"],
      ["two days earlier", "2024-03-06", "day"],
    ]);
    assert.deepEqual(values("Officials confirmed the closure the previous day.", pub), [["the previous day", "2024-03-12", "day"]]);
  });

  test("'the day before the vote', 'two days after the flood' are counted from a happening, not read", () => {
    assert.deepEqual(values("Polls closed the day before the vote; aid came two days after the flood.", pub), []);
    assert.deepEqual(values("The ferry left a day later than its timetable.", pub), []);
  });

  test("a weekday looks ahead when its clause does", () => {
    assert.deepEqual(values("Talks will resume on Friday.", pub), [["Friday", "2024-03-15", "day"]]);
  });

  test("last week is an ISO week, last year a year, last month a month", () => {
    assert.deepEqual(values("Last week the minister resigned; last month prices rose; last year the war began.", pub), [
      ["Last week", "2024-W10", "week"],
      ["last month", "2024-02", "month"],
      ["last year", "2023", "year"],
    ]);
  });

  test("bare years after a preposition or article are years", () => {
    assert.deepEqual(values("Fighting since 2014 ended the 2016 peace deal.", pub), [
      ["2014", "2014", "year"],
      ["2016", "2016", "year"],
    ]);
  });

  test("a numeric day and month after 'on' or in brackets is the calendar day nearest publication", () => {
    assert.deepEqual(values("Farmers blocked the bridge on 11/03 and again (12/03) in the morning.", pub), [
      ["11/03", "2024-03-11", "day"],
      ["12/03", "2024-03-12", "day"],
    ]);
    // 25 cannot be a month: day/month; a bare fraction is no date
    assert.deepEqual(values("Guards fired on the crowd on 25/02, and 3/4 of the shops closed.", pub), [["25/02", "2024-02-25", "day"]]);
  });

  test("a month name without a day is a month, the latest one not after publication", () => {
    assert.deepEqual(values("In December the rebels withdrew.", pub), [["December", "2023-12", "month"]]);
  });

  test("the verb 'march' is not the month of March", () => {
    assert.deepEqual(values("Students will march again.", pub), []);
  });

  test("a day with 'last year' after it moves back a year", () => {
    assert.deepEqual(values("The pledge made on April 15 last year was kept.", pub), [["April 15 last year", "2023-04-15", "day"]]);
  });

  test("absolute dates need no publication date; relative ones do", () => {
    assert.deepEqual(values("On March 3, 2022 and on Monday", null), [["March 3, 2022", "2022-03-03", "day"]]);
  });

  test("now, recently and soon are present, past and future references", () => {
    assert.deepEqual(values("Prices are now rising; they fell recently and may recover soon.", pub), [
      ["now", "PRESENT_REF", "other"],
      ["recently", "PAST_REF", "other"],
      ["soon", "FUTURE_REF", "other"],
    ]);
  });

  test("quarters and durations", () => {
    assert.deepEqual(values("Third-quarter profit fell over the past two years.", pub), [
      ["Third-quarter", "2024-Q3", "other"],
      ["the past two years", "P2Y", "other"],
    ]);
  });

  test("'three years after' another event is not a date relative to publication", () => {
    assert.deepEqual(values("Iraq declared victory in 2017, three years after the jihadists overran Mosul.", pub), [["2017", "2017", "year"]]);
  });

  test("a date without a year is the one nearest publication", () => {
    assert.deepEqual(values("The vote is set for Jan. 14.", "2023-12-28"), [["Jan. 14", "2024-01-14", "day"]]);
  });

  test("a date without a year far ahead of publication is last year's, unless its sentence looks ahead", () => {
    assert.deepEqual(values("On 17 April, three people were shot at a roadblock.", "2019-10-20"), [["17 April", "2019-04-17", "day"]]);
    assert.deepEqual(values("Voters will go to the polls on 17 April.", "2019-10-20"), [["17 April", "2020-04-17", "day"]]);
    // within two months ahead the nearest stays: a paper of late December names next month's dates
    assert.deepEqual(values("The talks open on Feb. 10.", "2023-12-28"), [["Feb. 10", "2024-02-10", "day"]]);
  });

  test("ISO weeks follow ISO 8601 at year boundaries", () => {
    assert.equal(isoWeek(new Date("2021-01-03T12:00:00Z")), "2020-W53");
    assert.equal(isoWeek(new Date("2018-04-24T12:00:00Z")), "2018-W17");
  });
});

describe("time expressions without a publication date", () => {
  test("today, yesterday and weekdays stay unresolved: no day is invented", () => {
    assert.deepEqual(values("Shelling resumed today after a raid yesterday and another on Monday.", null), []);
  });

  test("a date that states its year is still read", () => {
    assert.deepEqual(values("The bridge fell on 5 May 2017.", null).map((v) => v[1]), ["2017-05-05"]);
  });
});

describe("days told with a figure or a range beside them", () => {
  test("a figure after the comma that counts something is no two-digit year", () => {
    assert.deepEqual(values("On 11 March, 12 people were hurt.", "2024-03-13"), [["11 March", "2024-03-11", "day"]]);
  });

  test("a range of days dates the happening from its first day", () => {
    assert.equal(findTimeExpressions("Between 4 and 6 March 2024, troops raided the area.", "2024-03-13")[0]?.value, "2024-03-04");
    assert.equal(findTimeExpressions("Fighting went on from 4 to 6 March.", "2024-03-13")[0]?.value, "2024-03-04");
  });
});
