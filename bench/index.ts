/**
 * `npm run bench`: how fast sitrep is, beside the floor other libraries set on the same texts.
 *
 *   node dist/bench/index.js [--limit N] [--only extract|store|ner|shapes|api] [--reuters N] [--seconds S]
 *                            [--store-events N] [--store-queries-only] [--store-warm-up N] [--corpora DIR]
 *
 * Workload: FA-KES (804 articles) and the first 3,000 Reuters-21578 stories with a body (a sample: the whole
 * set would take too long on a small machine). Each measurement runs in its own child process so that its
 * peak RSS is its own, and stops taking articles after --seconds (default 50), which keeps the whole bench
 * near 5 minutes on 2 cores. The store bench (bench/store.ts, synthetic reports) writes --store-events events
 * per database (default 10,000; with --limit, that many), each write timed after --store-warm-up other events
 * (default as many) into a throwaway store, as a running process writes. Prints Markdown for the README. No figure here is
 * asserted by any test.
 */
import { execFileSync, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatRatios, formatStages, formatStore, formatThroughput } from "./format.js";
import { PHASES, type PhaseName, type PhaseOptions, type PhaseResult } from "./phases.js";

interface BenchArgs extends PhaseOptions {
  only?: "extract" | "store" | "ner" | "shapes" | "api";
  /** events the store bench writes per dialect (its own default, 100,000, takes too long for this bench) */
  storeEvents: number;
  /** store bench: build the store fast (rows in bulk, then recluster) and time only the queries: for big sizes */
  storeQueriesOnly?: boolean;
  /** events saved into a throwaway store before each timed write of the store bench (default: as many as timed; 0: cold) */
  storeWarmUp?: number;
  phase?: PhaseName;
}

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..", "..");

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { corpora: resolve(packageDir, "..", "shared", "corpora"), reutersStories: 3000, seconds: 50, storeEvents: 10000 };
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    const count = (name: string): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
      return n;
    };
    switch (argv[i]) {
      case "--limit": args.limit = Math.floor(count("--limit")); break;
      case "--reuters": args.reutersStories = Math.floor(count("--reuters")); break;
      case "--seconds": args.seconds = count("--seconds"); break;
      case "--store-events": args.storeEvents = Math.floor(count("--store-events")); break;
      case "--store-queries-only": args.storeQueriesOnly = true; break;
      case "--store-warm-up": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) throw new Error("--store-warm-up needs a whole number of events (0: a cold process)");
        args.storeWarmUp = n;
        break;
      }
      case "--corpora": args.corpora = resolve(value()); break;
      case "--phase": args.phase = value() as PhaseName; break;
      case "--only": {
        const only = value();
        if (only !== "extract" && only !== "store" && only !== "ner" && only !== "shapes" && only !== "api") throw new Error(`--only ${only}: choose extract, store, ner, shapes or api`);
        args.only = only;
        break;
      }
      default: throw new Error(`unknown option ${argv[i]} (options: --limit N, --only extract|store|ner, --reuters N, --seconds S, --store-events N, --store-queries-only, --store-warm-up N, --corpora DIR)`);
    }
  }
  return args;
}

/** Runs one phase in a child process and returns what it measured. */
function runPhase(phase: PhaseName, args: BenchArgs): Promise<PhaseResult> {
  const childArgs = ["--phase", phase, "--corpora", args.corpora, "--reuters", String(args.reutersStories), "--seconds", String(args.seconds)];
  if (args.limit) childArgs.push("--limit", String(args.limit));
  return new Promise((resolvePhase, reject) => {
    const child = fork(fileURLToPath(import.meta.url), childArgs, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let result: PhaseResult | undefined;
    let failure: string | undefined;
    child.on("message", (m: { result?: PhaseResult; error?: string }) => {
      result = m.result;
      failure = m.error;
    });
    child.on("exit", (code) => {
      if (result) resolvePhase(result);
      else reject(new Error(failure ?? `phase ${phase} exited with code ${code}`));
    });
  });
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: packageDir, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "uncommitted";
  }
}

async function optionalModule<T>(path: string, exportName: string): Promise<T | undefined> {
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    return typeof mod[exportName] === "function" ? (mod[exportName] as T) : undefined;
  } catch (err) {
    // only the module itself missing means "not written yet"; a missing import inside it is a real error
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes(path.replace(/^\.+\//, ""))) return undefined;
    throw err;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.phase) {
    // child: one measurement, sent back to the parent
    try {
      const result = await PHASES[args.phase](args);
      process.send!({ result });
    } catch (err) {
      process.send!({ error: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  if (!existsSync(join(args.corpora, "fa-kes")) || !existsSync(join(args.corpora, "reuters21578"))) {
    throw new Error(`${args.corpora}: the bench reads fa-kes/ and reuters21578/ from here (give another folder with --corpora)`);
  }
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const reutersNote = args.limit ? `${Math.min(args.limit, args.reutersStories)}` : args.reutersStories.toLocaleString("en-US");
  console.log(`## Speed (\`npm run bench\`)`);
  console.log("");
  console.log(`Measured ${new Date().toISOString().slice(0, 10)} at commit \`${gitCommit()}\`, Node ${process.version}, ${availableParallelism()} cores (${cpu}), load average ${loadavg()[0].toFixed(1)} at the start.`);
  console.log(`Workload: FA-KES${args.limit ? ` (first ${args.limit})` : " (all 804 articles)"} and the first ${reutersNote} Reuters-21578 stories with a body (a sample), title and text each, in one fixed shuffled order; every measurement in its own process, stopped after ${args.seconds} s if not done.`);
  console.log("");

  const results: PhaseResult[] = [];
  const notes: string[] = [];
  const attempt = async (phase: PhaseName): Promise<void> => {
    process.stderr.write(`bench: ${phase} ...\n`);
    try {
      results.push(await runPhase(phase, args));
    } catch (err) {
      notes.push(`${phase}: not measured (${err instanceof Error ? err.message : String(err)})`);
    }
  };
  if (!args.only || args.only === "extract") {
    for (const phase of ["sitrep-1", "sitrep-all", "wink", "compromise"] as const) await attempt(phase);
  }
  if (!args.only || args.only === "ner") {
    const hasTagger = await optionalModule<() => unknown>("../src/nlp/ner/index.js", "loadNerTagger").catch((err: unknown) => {
      notes.push(`ner: src/nlp/ner/index.ts does not load (${err instanceof Error ? err.message : String(err)})`);
      return undefined;
    });
    // three fresh processes: the timed window on unseen text is short, and one run can meet a GC pause or a
    // neighbour's burst; the report gives the median and the range
    if (hasTagger) for (let run = 0; run < 3; run++) await attempt("ner");
    else if (!notes.some((n) => n.startsWith("ner:"))) notes.push("ner: src/nlp/ner/index.ts does not export loadNerTagger yet");
  }

  if (results.length) {
    console.log(formatThroughput(results));
    const ratios = formatRatios(results);
    if (ratios) console.log(`\n${ratios}`);
  }
  const profiled = results.find((r) => r.phase === "sitrep-1");
  const stages = profiled ? formatStages(profiled) : "";
  if (stages) {
    console.log(`\n### Time per stage (one core, \`createPipeline({ profile: true })\`, ${profiled!.articles} articles)\n`);
    console.log(stages);
  }

  if (!args.only || args.only === "store") {
    const benchStore = await optionalModule<(opts: { events?: number; queriesOnly?: boolean; warmUpEvents?: number; onProgress?: (d: string, n: number, total: number) => void }) => unknown>(
      "./store.js",
      "benchStore",
    ).catch((err: unknown) => {
      notes.push(`store: bench/store.ts does not load (${err instanceof Error ? err.message : String(err)})`);
      return null;
    });
    if (benchStore) {
      const events = args.limit ?? args.storeEvents;
      process.stderr.write(`bench: store (${events} synthetic events per database) ...\n`);
      try {
        const out = await benchStore({
          events,
          queriesOnly: args.storeQueriesOnly,
          warmUpEvents: args.storeWarmUp,
          onProgress: (dialect, stored, total) => {
            if (stored === total || stored % 5000 === 0) process.stderr.write(`bench: store ${dialect} ${stored}/${total}\n`);
          },
        });
        const warmUp = args.storeWarmUp ?? events;
        const how = args.storeQueriesOnly ? "; built in bulk, then `recluster`; the rates are the build's"
          : warmUp > 0 ? `; each write timed after ${warmUp.toLocaleString("en-US")} other events into a throwaway store (--store-warm-up 0: a cold process)` : "; a cold process";
        console.log(`\n### Store (bench/store.ts: ${events.toLocaleString("en-US")} synthetic events per database${how})\n`);
        console.log(formatStore(out));
      } catch (err) {
        notes.push(`store: failed (${err instanceof Error ? err.message : String(err)})`);
      }
    } else if (benchStore === undefined) notes.push("store: bench/store.ts (benchStore) is not written yet");
  }
  if (!args.only || args.only === "api") {
    const { benchApiLoad, formatApiLoad } = await import("./api-load.js");
    const events = args.limit ? Math.max(args.limit, 1000) : 100_000;
    console.log("\n### API under load (bench/api-load.ts: autocannon on loopback, 500 requests/s for 10 s a route)\n");
    try {
      console.log(formatApiLoad(await benchApiLoad({ events }), events));
    } catch (err) {
      notes.push(`api: failed (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (!args.only || args.only === "shapes") {
    // pathological shapes: time for 4x the text should be near 4x (bench/shapes.ts)
    const { benchShapes, formatShapes } = await import("./shapes.js");
    console.log("\n### Pathological shapes (bench/shapes.ts: one article each, 64 KB and 256 KB)\n");
    console.log(formatShapes(benchShapes([64, 256])));
  }
  if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join("\n")}`);
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
