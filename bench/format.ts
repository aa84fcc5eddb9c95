/**
 * The bench report, as Markdown that can be pasted into the README: a throughput table, the ratios to the
 * other libraries, and the stage profile. Pure functions of the measured figures.
 */
import type { PhaseResult } from "./phases.js";

const MB = 1024 * 1024;

export const rate = (r: Pick<PhaseResult, "articles" | "seconds">): number => (r.seconds > 0 ? r.articles / r.seconds : 0);
export const mbPerSecond = (r: Pick<PhaseResult, "bytes" | "seconds">): number => (r.seconds > 0 ? r.bytes / MB / r.seconds : 0);

function row(cells: (string | number)[]): string {
  return `| ${cells.join(" | ")} |`;
}

const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** One row per measured phase; the NER phase reports tokens instead of articles. */
export function formatThroughput(results: readonly PhaseResult[]): string {
  const perArticle = results.filter((r) => r.phase !== "ner");
  const lines = perArticle.length
    ? [
        row(["what", "cores", "articles", "articles/s", "MB/s", "wall s", "CPU s", "peak RSS MB", "setup s"]),
        row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
      ]
    : [];
  for (const r of perArticle) {
    const done = r.articles < r.of ? `${r.articles} of ${r.of} (time limit)` : String(r.articles);
    lines.push(row([r.label, r.cores, done, f2(rate(r)), f2(mbPerSecond(r)), f1(r.seconds), f1(r.cpuSeconds), f1(r.peakRssMb), f1(r.setupSeconds)]));
  }
  const ner = results.filter((r) => r.phase === "ner" && r.tokens !== undefined && r.seconds > 0);
  if (ner.length) {
    // several fresh processes: the median run, and the range (one run's timed window is a fraction of a second)
    const tps = (r: PhaseResult) => r.tokens! / r.seconds;
    const sorted = [...ner].sort((a, b) => tps(a) - tps(b));
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const perCpu = median.cpuSeconds > 0 ? median.tokens! / median.cpuSeconds : 0;
    const k = (n: number) => Math.round(n).toLocaleString("en-US");
    const range = sorted.length > 1 ? ` (median of ${sorted.length} runs in fresh processes; range ${k(tps(sorted[0]))} to ${k(tps(sorted[sorted.length - 1]))})` : "";
    if (lines.length) lines.push("");
    lines.push(`NER tagger alone, one core: ${k(tps(median))} tokens/s (wall clock)${range}, ${k(perCpu)} tokens per CPU-second, over ${median.tokens!.toLocaleString("en-US")} tokens; ${median.label.replace(/^sitrep NER tagger alone \(|\)$/g, "")}`);
  }
  lines.push("", "CPU s well under cores x wall s means other work shared the machine: rates are then low.");
  const failures = results.filter((r) => r.failures > 0);
  for (const r of failures) lines.push("", `${r.label}: ${r.failures} article(s) threw, first: ${r.firstFailure ?? "?"}`);
  return lines.join("\n");
}

/**
 * How sitrep on one core compares with each other library on the same texts, as a time ratio:
 * "takes 3.2x the time of wink-nlp tokens+POS" (above 1: sitrep is slower).
 */
export function formatRatios(results: readonly PhaseResult[]): string {
  const one = results.find((r) => r.phase === "sitrep-1");
  const all = results.find((r) => r.phase === "sitrep-all");
  const lines: string[] = [];
  if (one && rate(one) > 0) {
    for (const other of results.filter((r) => r.phase === "wink" || r.phase === "compromise")) {
      if (rate(other) === 0) continue;
      lines.push(`- sitrep (full extraction, 1 core) takes ${(rate(other) / rate(one)).toFixed(2)}x the time per article of ${other.label}`);
    }
    if (all && rate(all) > 0) lines.push(`- ${all.cores} cores with worker_threads: ${(rate(all) / rate(one)).toFixed(2)}x the throughput of one core`);
  }
  return lines.join("\n");
}

/** Milliseconds per article per stage, the slowest marked, from `createPipeline({ profile: true }).timings`. */
export function formatStages(result: Pick<PhaseResult, "stages" | "articles">): string {
  const stages = Object.entries(result.stages ?? {});
  if (stages.length === 0 || result.articles === 0) return "";
  const total = stages.reduce((s, [, ms]) => s + ms, 0);
  const slowest = stages.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return [
    row(["stage", "ms/article", "share"]),
    row(["---", "---:", "---:"]),
    ...stages.map(([name, ms]) => row([name === slowest ? `**${name}**` : name, (ms / result.articles).toFixed(2), `${((100 * ms) / (total || 1)).toFixed(0)}%`])),
    row(["total", (total / result.articles).toFixed(2), "100%"]),
  ].join("\n");
}

interface StoreFigures {
  dialect: string;
  articles?: number;
  events?: number;
  incidents?: number;
  seconds?: number;
  articlesPerSecond?: number;
  eventsPerSecond?: number;
  queries?: { name: string; p50Ms: number; p99Ms: number; cpuP50Ms?: number; cpuP99Ms?: number }[];
  skipped?: string;
  loadAverage?: number;
  plainEventsPerSecond?: number;
  writers?: number;
  writersEventsPerSecond?: number;
  eventsPerCpuSecond?: number;
  plainEventsPerCpuSecond?: number;
  ingestLoadAverage?: [number, number];
}

/** What bench/store.ts returns (one entry per database), as tables; anything else as JSON. */
export function formatStore(out: unknown): string {
  if (typeof out === "string") return out;
  const isFigures = (x: unknown): x is StoreFigures => typeof x === "object" && x !== null && typeof (x as StoreFigures).dialect === "string";
  if (!Array.isArray(out) || !out.every(isFigures)) return JSON.stringify(out, null, 2);
  const num = (n: number | undefined, digits = 0): string => (n === undefined ? "" : n.toLocaleString("en-US", { maximumFractionDigits: digits }));
  const lines = [
    row(["database", "articles", "events", "incidents", "seconds", "articles/s", "events/s", "plain bulk insert events/s", "ingest / plain", "N writers events/s", "N writers / one", "events per CPU-s of the process: ingest / plain", "load average (start, end)"]),
    row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
    ...out.map((r) =>
      r.skipped
        ? row([r.dialect, "", "", "", "", "", `skipped: ${r.skipped.replace(/\|/g, "/")}`, "", "", "", "", "", ""])
        : row([
          r.dialect, num(r.articles), num(r.events), num(r.incidents), num(r.seconds, 1), num(r.articlesPerSecond), num(r.eventsPerSecond),
          num(r.plainEventsPerSecond),
          r.plainEventsPerSecond && r.eventsPerSecond ? num(r.eventsPerSecond / r.plainEventsPerSecond, 2) : "",
          r.writers ? `${num(r.writersEventsPerSecond)} (${r.writers})` : "",
          r.writersEventsPerSecond && r.eventsPerSecond ? num(r.writersEventsPerSecond / r.eventsPerSecond, 2) : "",
          r.eventsPerCpuSecond ? `${num(r.eventsPerCpuSecond)} / ${num(r.plainEventsPerCpuSecond)}` : "",
          r.ingestLoadAverage ? r.ingestLoadAverage.map((l) => l.toFixed(1)).join(", ") : "",
        ]),
    ),
  ];
  const measured = out.filter((r) => !r.skipped && r.queries?.length);
  if (measured.length) {
    const names = [...new Set(measured.flatMap((r) => r.queries!.map((q) => q.name)))];
    lines.push("", row(["query (ms p50 / p99; CPU of the process p50 / p99)", ...measured.map((r) => r.dialect)]), row(["---", ...measured.map(() => "---:")]));
    for (const name of names) {
      lines.push(row([name, ...measured.map((r) => {
        const q = r.queries!.find((x) => x.name === name);
        if (!q) return "";
        const cpu = q.cpuP50Ms !== undefined && q.cpuP99Ms !== undefined ? ` (CPU ${q.cpuP50Ms.toFixed(2)} / ${q.cpuP99Ms.toFixed(2)})` : "";
        return `${q.p50Ms.toFixed(2)} / ${q.p99Ms.toFixed(2)}${cpu}`;
      })]));
    }
  }
  const loads = measured.filter((r) => r.loadAverage !== undefined).map((r) => `${r.dialect} ${r.loadAverage!.toFixed(1)}`);
  if (loads.length) lines.push("", `Load average (1 min) when the queries were timed: ${loads.join(", ")}.`);
  return lines.join("\n");
}
