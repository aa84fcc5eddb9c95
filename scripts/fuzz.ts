/**
 * `npm run fuzz`: writes the hostile corpus (scripts/fuzz-corpus.ts, >= 1,000 files) to a folder, then
 *  1. extracts every file as `sitrep extract` does, and posts it to `POST /api/extract`, in a worker process
 *     watched by this one: a file that takes more than --timeout seconds is a hang (the worker is replaced),
 *     a worker that dies is a crash, an error that is not a one-line SITREP_* error naming the input is unclear,
 *     and any 5xx from the API is a failure;
 *  2. runs one `sitrep ingest <folder>` over the whole corpus and checks that it ends, prints no stack trace,
 *     and says what it stored.
 * Prints a summary and exits 1 when anything crashed, hung, was unclear or answered 5xx.
 *   node dist/scripts/fuzz.js [--out DIR] [--timeout S] [--seed N] [--no-ingest] [--limit N]
 */
import { execFile, fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFuzzCorpus } from "./fuzz-corpus.js";

interface FileResult {
  file: string;
  outcome: "ok" | "clear" | "unclear" | "hang" | "crash";
  detail: string;
  ms: number;
  api?: number;
}

const here = fileURLToPath(import.meta.url);
const bin = join(here, "..", "..", "..", "bin", "sitrep.js");

/** A one-line SITREP_* error that names the input it is about. */
function isClear(code: string | undefined, message: string, file: string): boolean {
  return !!code && code.startsWith("SITREP_") && !message.includes("\n") && (message.includes(file) || message.startsWith("input"));
}

async function worker(): Promise<void> {
  const { createPipeline } = await import("../src/pipeline.js");
  const { readArticleFile } = await import("../src/ingest/read.js");
  const { buildApp } = await import("../src/api/app.js");
  const { createStore } = await import("../src/store/index.js");
  const pipeline = createPipeline({ timeoutMs: 20_000 });
  const store = await createStore(":memory:");
  const app = await buildApp({ store, pipeline, webRoot: false, rateLimit: false, cacheTtlMs: 0 });
  process.on("message", async (file: string) => {
    const t0 = performance.now();
    let result: FileResult;
    try {
      pipeline.extract(readArticleFile(file));
      result = { file, outcome: "ok", detail: "", ms: 0 };
    } catch (err) {
      const e = err as { code?: string; message?: string };
      const message = String(e.message ?? err);
      result = { file, outcome: isClear(e.code, message, file) ? "clear" : "unclear", detail: `${e.code ?? (err as Error).name}: ${message.split("\n")[0].slice(0, 200)}`, ms: 0 };
    }
    if (statSync(file).size <= 1024 * 1024) {
      const body = readFileSync(file).toString("utf8");
      const field = [".html", ".htm", ".xml", ".rss", ".atom"].includes(extname(file)) ? "html" : "text";
      const res = await app.inject({ method: "POST", url: "/api/extract", payload: { [field]: body } });
      result.api = res.statusCode;
      if (res.statusCode >= 500) result.detail += ` | API ${res.statusCode}: ${res.body.slice(0, 200)}`;
    }
    result.ms = performance.now() - t0;
    process.send!(result);
  });
  process.send!({ ready: true });
}

function startWorker(): Promise<ChildProcess> {
  const child = fork(here, ["--worker"], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`the fuzz worker exited with ${code} before it was ready`)));
  });
}

async function extractAll(files: string[], timeoutMs: number): Promise<FileResult[]> {
  const results: FileResult[] = [];
  let child = await startWorker();
  for (const [i, file] of files.entries()) {
    const result = await new Promise<FileResult>((resolve) => {
      const timer = setTimeout(() => {
        child.removeAllListeners("exit");
        child.kill("SIGKILL");
        resolve({ file, outcome: "hang", detail: `no answer in ${timeoutMs / 1000} s`, ms: timeoutMs });
      }, timeoutMs);
      child.once("message", (r: FileResult) => {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve(r);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        resolve({ file, outcome: "crash", detail: `worker died (${signal ?? code})`, ms: 0 });
      });
      child.send(file);
    });
    results.push(result);
    if (result.outcome === "hang" || result.outcome === "crash") child = await startWorker();
    if ((i + 1) % 100 === 0) process.stderr.write(`fuzz: ${i + 1}/${files.length} extracted\n`);
  }
  child.kill();
  return results;
}

function ingestAll(dir: string, db: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, "ingest", dir, "--db", db], { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
      resolve({ code: e ? (typeof e.code === "number" ? e.code : 1) : 0, stdout, stderr, timedOut: !!e?.killed });
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--worker")) return worker();
  const at = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const dir = at("--out") ?? mkdtempSync(join(tmpdir(), "sitrep-fuzz-"));
  const timeoutMs = Number(at("--timeout") ?? 30) * 1000;
  const written = writeFuzzCorpus(dir, Number(at("--seed") ?? 17));
  let files = readdirSync(dir).sort().map((f) => join(dir, f));
  if (at("--limit")) files = files.slice(0, Number(at("--limit")));
  console.log(`fuzz: ${written} files in ${dir}`);
  const t0 = performance.now();
  const results = await extractAll(files, timeoutMs);
  const by = (o: FileResult["outcome"]) => results.filter((r) => r.outcome === o);
  const api5xx = results.filter((r) => (r.api ?? 0) >= 500);
  console.log(`extract: ${results.length} files in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${by("ok").length} read, ${by("clear").length} refused with a clear error, ${by("unclear").length} unclear, ${by("hang").length} hung (> ${timeoutMs / 1000} s), ${by("crash").length} crashed; API: ${results.filter((r) => r.api !== undefined).length} posted, ${api5xx.length} answered 5xx`);
  const slowest = [...results].sort((a, b) => b.ms - a.ms)[0];
  if (slowest) console.log(`slowest file: ${slowest.file.split("/").pop()} ${(slowest.ms / 1000).toFixed(1)} s`);
  for (const r of [...by("unclear"), ...by("hang"), ...by("crash"), ...api5xx]) console.log(`  ${r.outcome}: ${r.file.split("/").pop()}: ${r.detail}`);
  let ingestBad = false;
  if (!args.includes("--no-ingest")) {
    const db = join(dir, "..", `${dir.split("/").pop()}.db`);
    const t1 = performance.now();
    const ingest = await ingestAll(dir, db, 30 * 60_000);
    const stackLines = ingest.stderr.split("\n").filter((l) => /^\s+at\s|Maximum call stack|Cannot read properties|is not a function/.test(l));
    const summary = (ingest.stdout + ingest.stderr).split("\n").find((l) => l.startsWith("ingested ")) ?? "(no summary line)";
    const errorLines = ingest.stderr.split("\n").filter((l) => l.startsWith("sitrep:")).length;
    console.log(`ingest: exit ${ingest.code}${ingest.timedOut ? " (timed out)" : ""} in ${((performance.now() - t1) / 1000).toFixed(0)} s; ${summary}; ${errorLines} one-line errors, ${stackLines.length} stack-trace lines`);
    for (const l of stackLines.slice(0, 10)) console.log(`  ${l}`);
    ingestBad = ingest.timedOut || stackLines.length > 0 || summary === "(no summary line)";
    rmSync(db, { force: true });
  }
  const bad = by("unclear").length + by("hang").length + by("crash").length + api5xx.length;
  if (!at("--out")) rmSync(dir, { recursive: true, force: true });
  if (bad > 0 || ingestBad) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`fuzz: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
