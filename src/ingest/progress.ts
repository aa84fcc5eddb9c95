/**
 * How ingest shows its progress: a bar on a terminal (cli-progress), one plain line per article otherwise
 * (logs, pipes, CI). Failures are always one line naming the input and the reason, on stderr.
 */
import cliProgress from "cli-progress";
import type { IngestProgress, IngestSummary } from "./index.js";

export interface ProgressPrinter {
  onProgress(p: IngestProgress): void;
  finish(summary: IngestSummary): void;
}

export function createProgressPrinter(options: { tty?: boolean; quiet?: boolean; out?: NodeJS.WritableStream; err?: NodeJS.WritableStream } = {}): ProgressPrinter {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const tty = options.tty ?? Boolean((out as NodeJS.WriteStream).isTTY);
  let bar: cliProgress.SingleBar | undefined;
  const failures: string[] = [];
  let stored = 0;

  return {
    onProgress(p) {
      if (tty && !options.quiet) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: "ingest [{bar}] {value}/{total} articles | {eta_formatted} left | {stored} stored, {failed} failed", hideCursor: true, stream: out as NodeJS.WriteStream },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.total, 0, { stored: 0, failed: 0 });
        }
        if (p.status === "failed") failures.push(p.message ?? p.source);
        if (p.status === "stored") stored++;
        bar.increment(1, { stored, failed: failures.length });
        return;
      }
      if (p.status === "failed") {
        err.write(`sitrep: ${p.message ?? p.source}\n`);
        return;
      }
      if (options.quiet) return;
      const what = p.status === "stored" ? `stored ${p.events ?? 0} events` : "already stored";
      out.write(`[${p.done}/${p.total}] ${p.source}: ${what}\n`);
    },
    finish(s) {
      bar?.stop();
      // On a terminal the bar owns the screen while it runs: the failure lines follow it.
      for (const f of failures) err.write(`sitrep: ${f}\n`);
      out.write(
        `ingested ${s.total} inputs in ${s.seconds.toFixed(1)} s: ${s.stored} stored (${s.events} events, ${s.incidents} incidents), ` +
          `${s.duplicates} already stored, ${s.failed} failed\n`,
      );
    },
  };
}
