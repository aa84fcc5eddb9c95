import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromRoot } from "../../src/paths.js";
import { createStore, DIALECTS } from "../../src/store/index.js";
import { sampleReport } from "../../src/incidents/sample-report.js";
import { freshLocation, skipReason } from "../store/helpers.js";

const N = 600;

/** Reports spread over a few towns and days, so that many of them merge into incidents as they are stored. */
function reportsNdjson(): string {
  const towns = [
    { name: "Al-Hasakah", lat: 36.5, lon: 40.75, country: "SY", admin1: "Al-Hasakah" },
    { name: "Kharkiv", lat: 49.98, lon: 36.25, country: "UA", admin1: "Kharkiv" },
    { name: "Mogadishu", lat: 2.04, lon: 45.34, country: "SO", admin1: "Banaadir" },
  ];
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const town = towns[i % towns.length];
    const day = String(1 + (i % 28)).padStart(2, "0");
    lines.push(JSON.stringify(sampleReport({
      title: `Report ${i}`, outlet: `Outlet ${i % 7}`, published: `2024-02-${day}`,
      events: [{ acled: ["Explosions/Remote violence", "Air/drone strike"], place: town, date: `2024-02-${day}`, killed: 1 + (i % 9) }],
    })));
  }
  return lines.join("\n") + "\n";
}

/** Runs `sitrep ingest`; with `killAfter`, SIGKILLs it once that many articles are reported stored. */
function runIngest(file: string, db: string, killAfter?: number): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fromRoot("bin", "sitrep.js"), "ingest", file, "--db", db, "--workers", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stored = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      stored = (stdout.match(/: stored /g) ?? []).length;
      if (killAfter !== undefined && stored >= killAfter && child.exitCode === null) child.kill("SIGKILL");
    });
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout }));
  });
}

const dir = mkdtempSync(join(tmpdir(), "sitrep-kill-"));
const ndjson = join(dir, "reports.ndjson");
writeFileSync(ndjson, reportsNdjson());
after(() => rmSync(dir, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  const reason = await skipReason(dialect);
  describe(`kill -9 mid-ingest, then resume, on ${dialect}`, { skip: reason ?? false }, () => {
    test("every article is stored exactly once and incidents count every source once", async () => {
      const location = freshLocation(dialect);
      try {
        const killed = await runIngest(ndjson, location.url, 100);
        assert.equal(killed.signal, "SIGKILL", "the first run was killed, not finished");
        const storedBeforeKill = (killed.stdout.match(/: stored /g) ?? []).length;
        assert.ok(storedBeforeKill < N, "killed before the end");

        const resumed = await runIngest(ndjson, location.url);
        assert.equal(resumed.code, 0);
        const summary = /(\d+) stored .*?, (\d+) already stored, (\d+) failed/.exec(resumed.stdout);
        assert.ok(summary, resumed.stdout.slice(-300));
        const [stored, already, failed] = summary.slice(1).map(Number);
        assert.equal(failed, 0);
        assert.equal(stored + already, N);
        // Articles reported stored before the kill were committed; at most the one in flight was lost and redone.
        assert.ok(already >= storedBeforeKill, `${already} already stored, ${storedBeforeKill} reported before the kill`);

        const store = await createStore(location.url);
        try {
          assert.equal((await store.listArticles({ limit: 1 })).total, N);
          assert.equal((await store.listEvents({ limit: 1 })).total, N);
          let sources = 0;
          for (let offset = 0; ; offset += 1000) {
            const page = await store.listIncidents({ limit: 1000, offset });
            sources += page.items.reduce((sum, i) => sum + i.sourceCount, 0);
            if (offset + 1000 >= page.total) break;
          }
          assert.equal(sources, N, "each article counted once across incidents");
        } finally {
          await store.close();
        }
      } finally {
        await location.dispose();
      }
    });
  });
}
