/**
 * `sitrep eval <task> <file>`: score sitrep against gold data made by others; `sitrep eval all` runs every task
 * on the default corpora and can write eval/RESULTS.md. The scorers live in eval/; this only parses arguments.
 */
import { existsSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { SitrepError } from "../../errors.js";
import { packageRoot } from "../../paths.js";

interface EvalCommandOptions {
  json?: boolean;
  limit?: number;
  cv?: number;
  write?: string;
  corpora?: string;
  tasks?: string;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SitrepError("SITREP_BAD_OPTION", `--limit "${value}": give a whole number of documents, 1 or more`);
  return n;
}

const MAX_GOLD_ERRORS_SHOWN = 20;

export function register(program: Command): void {
  program
    .command("eval")
    .description("score sitrep on gold data: ner, geo, time, quotes, casualties, events, acled, incidents, records, roles, or all")
    .argument("<task>", "the task to score, or `all` for every task on the default corpora")
    .argument("[file]", "the gold file or folder (not for `all`)")
    .option("--json", "print the result as one line of JSON (then the summary line)")
    .option("--limit <n>", "score only the first N documents", parseLimit)
    .option("--cv <k>", "cross-validate the learned parts over k folds of documents (geo)", parseLimit)
    .option("--write <file>", "with `all`: write the results as Markdown (e.g. eval/RESULTS.md)")
    .option("--corpora <dir>", "with `all`: the folder of gold corpora (default ../shared/corpora beside the package)")
    .option("--tasks <list>", "with `all`: only these tasks, comma-separated")
    .addHelpText(
      "after",
      "\nThe last line printed is always the summary, e.g. `ner f1=0.874 p=0.881 r=0.867 n=5648`." +
        "\nExamples:\n  sitrep eval time ../shared/corpora/tempeval3/TBAQ-cleaned\n  sitrep eval all --write eval/RESULTS.md",
    )
    .action(async (taskName: string, file: string | undefined, options: EvalCommandOptions) => {
      if (taskName === "all") await evalAll(options);
      else await evalOne(taskName, file, options);
    });
}

async function evalOne(taskName: string, file: string | undefined, options: EvalCommandOptions): Promise<void> {
  const { EVAL_TASKS, formatSummary, loadEvalTask } = await import("../../../eval/types.js");
  if (!(EVAL_TASKS as readonly string[]).includes(taskName)) {
    throw new SitrepError("SITREP_BAD_OPTION", `unknown eval task "${taskName}": choose one of ${EVAL_TASKS.join(", ")}, or all`);
  }
  if (!file) throw new SitrepError("SITREP_BAD_OPTION", `sitrep eval ${taskName} needs the gold file or folder: sitrep eval ${taskName} <file>`);
  if (!existsSync(file)) throw new SitrepError("SITREP_INPUT_NOT_FOUND", `${file}: no such gold file or folder`);
  let task;
  try {
    task = await loadEvalTask(taskName);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ERR_MODULE_NOT_FOUND") throw new SitrepError("SITREP_BAD_OPTION", `the "${taskName}" scorer is not available in this build (eval/${taskName}.ts)`);
    throw err;
  }
  const result = await task.run(file, { json: options.json === true, limit: options.limit, cv: options.cv });
  printGoldErrors(result.goldErrors ?? []);
  if (options.json) {
    console.log(JSON.stringify({ task: result.task, target: file, summary: result.summary, details: result.details ?? null, goldErrors: result.goldErrors ?? [] }));
  } else {
    console.log(result.table);
    console.log("");
  }
  console.log(formatSummary(result));
}

async function evalAll(options: EvalCommandOptions): Promise<void> {
  const { runAll, renderResults, formatOutcomes, gitCommit } = await import("../../../eval/all.js");
  const { formatSummary } = await import("../../../eval/types.js");
  const root = packageRoot();
  // relative to where the command runs, so that paths in the tables read "../shared/corpora/..."
  const corpora = options.corpora ?? (relative(process.cwd(), resolve(root, "..", "shared", "corpora")) || ".");
  if (!existsSync(corpora)) throw new SitrepError("SITREP_INPUT_NOT_FOUND", `${corpora}: no such corpora folder (give one with --corpora <dir>)`);
  const tasks = options.tasks?.split(",").map((t) => t.trim()).filter(Boolean);
  const outcomes = await runAll({
    corpora,
    limit: options.limit,
    tasks,
    onOutcome: (o) => {
      const what = o.status === "ok" && o.result ? formatSummary(o.result) : `${o.task}: ${o.status} (${o.note ?? ""})`;
      console.error(`[${o.seconds.toFixed(1)}s] ${o.target ?? o.task}: ${what}`);
    },
  });
  if (options.json) console.log(JSON.stringify(outcomes.map((o) => ({ ...o, result: o.result ? { task: o.result.task, summary: o.result.summary } : undefined }))));
  else console.log(formatOutcomes(outcomes));
  if (options.write) {
    const markdown = renderResults(outcomes, {
      commit: gitCommit(root),
      date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      corpora,
      limit: options.limit,
    });
    writeFileSync(resolve(options.write), markdown);
    console.log(`wrote ${options.write}`);
  }
  const ok = outcomes.filter((o) => o.status === "ok").length;
  const failed = outcomes.filter((o) => o.status === "failed").length;
  console.log(`eval ran=${ok} skipped=${outcomes.length - ok - failed} failed=${failed}`);
  if (failed > 0) process.exitCode = 1;
}

function printGoldErrors(errors: readonly string[]): void {
  for (const e of errors.slice(0, MAX_GOLD_ERRORS_SHOWN)) console.error(`sitrep: gold: ${e}`);
  if (errors.length > MAX_GOLD_ERRORS_SHOWN) console.error(`sitrep: gold: ... and ${errors.length - MAX_GOLD_ERRORS_SHOWN} more unreadable records`);
}
