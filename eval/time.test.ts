import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Report, TimeRef } from "../src/report.js";
import { parseTimeml, predictedTimexes, scoreTime, timexTypeOf, type Timex } from "./time.js";

// An invented document in the TBAQ-cleaned layout.
const TML = `<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-05" functionInDocument="CREATION_TIME">20010305</TIMEX3></DCT>
<TEXT>
The mayor <EVENT eid="e1" class="OCCURRENCE">met</EVENT> A&amp;B staff <TIMEX3 tid="t1" type="DATE" value="2001-03-04">yesterday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT2H">two hours</TIMEX3>.
</TEXT>
</TimeML>`;

describe("parseTimeml", () => {
  const doc = parseTimeml(TML, "test.tml");
  test("reads the DCT value as the publication date and the DOCID", () => {
    assert.equal(doc.dct, "2001-03-05");
    assert.equal(doc.docId, "TEST001");
  });
  test("strips tags, decodes entities and keeps TIMEX3 offsets into the plain text", () => {
    assert.equal(doc.text, "\nThe mayor met A&B staff yesterday for two hours.\n");
    assert.deepEqual(
      doc.timexes.map((t) => [doc.text.slice(t.start, t.end), t.type, t.value]),
      [["yesterday", "DATE", "2001-03-04"], ["two hours", "DURATION", "PT2H"]],
    );
  });
  test("a TIMEX3 never closed is an error naming file and line", () => {
    const broken = TML.replace("two hours</TIMEX3>", "two hours");
    assert.throws(() => parseTimeml(broken, "broken.tml"), /broken\.tml:6: TIMEX3 is never closed/);
  });
  test("a document without <TEXT> is an error naming the file", () => {
    assert.throws(() => parseTimeml("<TimeML></TimeML>", "empty.tml"), /empty\.tml:1: no <TEXT>/);
  });
});

describe("timexTypeOf", () => {
  test("reads the type off the value", () => {
    assert.equal(timexTypeOf("2018-05-01"), "DATE");
    assert.equal(timexTypeOf("2018-W17"), "DATE");
    assert.equal(timexTypeOf("PRESENT_REF"), "DATE");
    assert.equal(timexTypeOf("P3D"), "DURATION");
    assert.equal(timexTypeOf("PT2H"), "DURATION");
    assert.equal(timexTypeOf("2018-05-01T14:00"), "TIME");
    assert.equal(timexTypeOf("2018-05-01TEV"), "TIME");
    assert.equal(timexTypeOf("R1P1W"), "SET");
  });
});

const timex = (start: number, end: number, value: string, type = "DATE"): Timex => ({ start, end, text: "", type, value });

describe("scoreTime", () => {
  // gold: [0,9) 2001-03-04 DATE, [14,23) PT2H DURATION, [30,35) 2001 DATE
  // predicted: [0,9) exact, right value; [10,23) overlaps the second, wrong value, right type; [40,45) spurious
  const { scores, errors } = scoreTime([
    {
      id: "d",
      gold: [timex(0, 9, "2001-03-04"), timex(14, 23, "PT2H", "DURATION"), timex(30, 35, "2001")],
      predicted: [timex(0, 9, "2001-03-04"), timex(10, 23, "PT3H", "DURATION"), timex(40, 45, "2002")],
    },
  ]);
  test("strict: 1 of 3 predicted, 1 of 3 gold", () => {
    assert.equal(scores.strict.p, 1 / 3);
    assert.equal(scores.strict.r, 1 / 3);
  });
  test("relaxed: 2 of 3 predicted overlap a gold, 2 of 3 gold found", () => {
    assert.equal(scores.relaxed.f1, 2 / 3);
    assert.equal(scores.relaxedMatches, 2);
  });
  test("value: only the first match has the right value, so 1/3 and 1/3", () => {
    assert.equal(scores.value.f1, 1 / 3);
    assert.deepEqual(errors.wrongValue.map((e) => [e.gold, e.predicted]), [["PT2H", "PT3H"]]);
  });
  test("type accuracy is over relaxed matches: 2 of 2", () => {
    assert.equal(scores.typeAccuracy, 1);
  });
  test("one prediction cannot match two gold expressions", () => {
    const one = scoreTime([{ id: "d", gold: [timex(0, 5, "a"), timex(6, 10, "b")], predicted: [timex(0, 10, "a")] }]);
    assert.equal(one.scores.relaxed.r, 0.5);
    assert.equal(one.scores.relaxed.p, 1);
  });
});

describe("predictedTimexes", () => {
  test("every mention of every time is one prediction, mapped back through a trimmed article text", () => {
    const source = "\nThe mayor met staff yesterday.\n";
    const text = source.trim();
    const time: TimeRef = {
      id: "t1",
      value: "2001-03-04",
      granularity: "day",
      anchoredTo: "published",
      mentions: [{ start: 20, end: 29, text: "yesterday" }],
    };
    const report = { article: { text } as Report["article"], times: [time] };
    const [p] = predictedTimexes(report, source);
    assert.equal(source.slice(p.start, p.end), "yesterday");
    assert.equal(p.type, "DATE");
    assert.equal(p.value, "2001-03-04");
  });
});
