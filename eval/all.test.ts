import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderResults, runAll, type TaskOutcome } from "./all.js";

// an invented TimeML document with two time expressions
const TML = `<TimeML><DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-05">20010305</TIMEX3></DCT>
<TEXT>The council met <TIMEX3 tid="t1" type="DATE" value="2001-03-04">yesterday</TIMEX3> and will meet again on <TIMEX3 tid="t2" type="DATE" value="2001-03-09">Friday</TIMEX3>.</TEXT>
</TimeML>`;

describe("runAll", () => {
  test("a task without public gold data and a task whose gold is absent are skipped with a note", async () => {
    const corpora = mkdtempSync(join(tmpdir(), "sitrep-eval-"));
    try {
      const outcomes = await runAll({ corpora, tasks: ["acled", "time"] });
      assert.deepEqual(outcomes.map((o) => [o.task, o.status]), [["acled", "skipped"], ["time", "skipped"]]);
      assert.match(outcomes[1].note ?? "", /tempeval3\/TBAQ-cleaned is not there/);
    } finally {
      rmSync(corpora, { recursive: true, force: true });
    }
  });
  test("a task whose gold is there runs through the real pipeline and reports its figures", async () => {
    const corpora = mkdtempSync(join(tmpdir(), "sitrep-eval-"));
    try {
      mkdirSync(join(corpora, "tempeval3", "TBAQ-cleaned", "TimeBank"), { recursive: true });
      writeFileSync(join(corpora, "tempeval3", "TBAQ-cleaned", "TimeBank", "T1.tml"), TML);
      const [outcome] = await runAll({ corpora, tasks: ["time"] });
      assert.equal(outcome.status, "ok", outcome.note);
      assert.equal(outcome.result?.summary.n, 2);
      assert.ok(outcome.result!.summary.relaxed_f1 >= 0 && outcome.result!.summary.relaxed_f1 <= 1);
    } finally {
      rmSync(corpora, { recursive: true, force: true });
    }
  });
});

describe("renderResults", () => {
  const outcomes: TaskOutcome[] = [
    { task: "time", target: "tempeval3/TBAQ-cleaned", status: "ok", seconds: 4.2, result: { task: "time", table: "measure  f1", summary: { strict_f1: 0.5, n: 10 } } },
    { task: "acled", target: null, status: "skipped", note: "no public gold data", seconds: 0 },
  ];
  const md = renderResults(outcomes, { commit: "abc1234", date: "2025-01-15T10:00:00Z", corpora: "../shared/corpora" });
  test("names the commit and the date", () => {
    assert.match(md, /- commit: `abc1234`/);
    assert.match(md, /- date: 2025-01-15T10:00:00Z/);
  });
  test("one summary row per outcome, skipped ones with their reason", () => {
    assert.match(md, /\| time \| `tempeval3\/TBAQ-cleaned` \| `time strict_f1=0\.500 n=10` \| 4\.2 \|/);
    assert.match(md, /\| acled \| - \| skipped: no public gold data \| - \|/);
  });
  test("each task that ran gets its table and summary line", () => {
    assert.match(md, /## time: `tempeval3\/TBAQ-cleaned`\n\n```\nmeasure  f1\n\ntime strict_f1=0\.500 n=10\n```/);
  });
});
