/** The shape every `sitrep eval <task>` scorer fills, so the CLI prints them all the same way. */

export interface EvalOptions {
  /** print the result as JSON instead of the table */
  json: boolean;
  /** score only the first N documents (quick runs) */
  limit?: number;
  /** score with models trained on the other k-1 folds of documents (tasks with a learned part, e.g. geo) */
  cv?: number;
}

export interface EvalResult {
  task: string;
  /** a readable table for stdout */
  table: string;
  /** the figures of the one-line summary, in order: { f1: 0.874, p: 0.881, r: 0.867, n: 5648 } */
  summary: Record<string, number>;
  /** anything else worth keeping in --json output (per-type scores, confusion tables, errors) */
  details?: unknown;
  /** problems found in the gold files, each naming file and line */
  goldErrors?: string[];
}

export interface EvalTask {
  name: string;
  description: string;
  /** default gold file or folder, relative to ../shared/corpora, used by `npm run eval` */
  defaultTarget?: string;
  /** further gold files or folders `npm run eval` scores too, relative to ../shared/corpora */
  extraTargets?: string[];
  run(target: string, options: EvalOptions): Promise<EvalResult>;
}

/** "ner f1=0.874 p=0.881 r=0.867 n=5648": the last line every eval command prints. */
export function formatSummary(result: Pick<EvalResult, "task" | "summary">): string {
  const parts = Object.entries(result.summary).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`);
  return [result.task, ...parts].join(" ");
}

/** The eval tasks, each in `eval/<name>.ts` exporting `task: EvalTask`. */
export const EVAL_TASKS = ["ner", "geo", "time", "quotes", "casualties", "events", "acled", "incidents", "records", "roles"] as const;
export type EvalTaskName = (typeof EVAL_TASKS)[number];

export async function loadEvalTask(name: string): Promise<EvalTask> {
  if (!(EVAL_TASKS as readonly string[]).includes(name)) {
    throw new Error(`unknown eval task "${name}": choose one of ${EVAL_TASKS.join(", ")}`);
  }
  const mod = (await import(`./${name}.js`)) as { task: EvalTask };
  return mod.task;
}
