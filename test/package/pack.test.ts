/**
 * The package installs whole: `npm pack`, installed into an empty folder, ships the dashboard, the models,
 * the licences and the compiled code (no tests, no sources), exposes its subpath modules with types, installs
 * without an engine warning on Node 20, and `npx sitrep demo` serves the dashboard.
 * The registry must be reachable (or the npm cache warm). better-sqlite3's native addon is copied from this
 * checkout's install (same version, same Node) instead of compiled again: that build is not what is tested.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { fromRoot } from "../../src/paths.js";

const run = promisify(execFile);
const webBuilt = existsSync(fromRoot("web", "dist", "index.html"));

describe("the npm package", { skip: webBuilt ? false : "web/dist is not built: run npm run build:web" }, () => {
  let dir: string;
  let files: string[];
  let installLog = "";
  let demo: ChildProcess | undefined;
  const app = () => join(dir, "app");

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "sitrep-pack-"));
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: fromRoot(), maxBuffer: 64 * 1024 * 1024 });
    const packed = (JSON.parse(stdout) as { filename: string; files: { path: string }[] }[])[0];
    files = packed.files.map((f) => f.path);
    mkdirSync(app());
    writeFileSync(join(app(), "package.json"), JSON.stringify({ name: "sitrep-install-check", private: true }));
    const out = await run("npm", ["install", "--no-audit", "--no-fund", "--omit=dev", "--ignore-scripts", "--prefer-offline", join(dir, packed.filename)], {
      cwd: app(), maxBuffer: 64 * 1024 * 1024,
    });
    installLog = out.stdout + out.stderr;
    const addon = createRequire(import.meta.url).resolve("better-sqlite3/build/Release/better_sqlite3.node");
    const target = join(app(), "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node");
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(addon, target);
  });
  after(() => {
    demo?.kill("SIGTERM");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("ships the dashboard, models, lexicons, examples, licences and compiled code, and no tests or sources", () => {
    for (const f of ["web/dist/index.html", "models/gazetteer/places.tsv.gz", "models/ner/model.bin", "lexicons/en/event-cues.tsv", "LICENSE", "NOTICE", "README.md", "bin/sitrep.js", "dist/src/cli/index.js", "dist/src/store/index.d.ts"]) {
      assert.ok(files.includes(f), f);
    }
    assert.ok(files.some((f) => f.startsWith("examples/articles/")));
    assert.deepEqual(files.filter((f) => /\.test\.|^test\/|^src\/|^dist\/test\//.test(f)), []);
    assert.match(readFileSync(fromRoot("NOTICE"), "utf8"), /GeoNames[\s\S]*CC BY 4\.0[\s\S]*Open Database License/);
  });

  test("installs without an engine warning", () => {
    assert.doesNotMatch(installLog, /EBADENGINE/);
  });

  test("exposes the store, ingest, API and export modules with types", async () => {
    const script = "const [s,i,a,e]=await Promise.all(['sitrep/store','sitrep/ingest','sitrep/api','sitrep/export'].map(m=>import(m)));" +
      "console.log([typeof s.createStore,typeof i.ingestPaths,typeof a.buildApp,typeof e.exportIncidents].join(' '))";
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: app() });
    assert.equal(stdout.trim(), "function function function function");
    const pkg = JSON.parse(readFileSync(join(app(), "node_modules", "sitrep", "package.json"), "utf8")) as { exports: Record<string, { types?: string }> };
    for (const sub of ["./store", "./ingest", "./api", "./export"]) {
      assert.ok(existsSync(join(app(), "node_modules", "sitrep", pkg.exports[sub].types ?? "missing")), sub);
    }
    const version = await run("npx", ["sitrep", "--version"], { cwd: app() });
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).version);
  });

  test("`sitrep demo` from the installed package serves the dashboard", async () => {
    // the installed bin run directly (what npx runs), so that stopping it stops the server
    const bin = join(app(), "node_modules", "sitrep", "bin", "sitrep.js");
    demo = spawn(process.execPath, [bin, "demo", "--port", "0", "--db", join(dir, "demo.db")], { cwd: app(), stdio: ["ignore", "pipe", "pipe"] });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = "";
      demo?.stdout?.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const m = /dashboard and API at (http:\/\/\S+)/.exec(seen);
        if (m) resolve(m[1]);
      });
      demo?.once("exit", (code) => reject(new Error(`demo exited with ${code}: ${seen}`)));
    });
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
    const incidents = (await (await fetch(`${url}/api/incidents?limit=1`)).json()) as { total: number };
    assert.ok(incidents.total > 0);
  });
});
