import type { Command } from "commander";
import { readFileSync } from "node:fs";
import { SitrepError } from "../../errors.js";
import { dayInterval } from "../../incidents/dates.js";
import { readArticleFile, type ArticleInput } from "../../ingest/read.js";
import { formatBrief } from "../../brief.js";

/** `sitrep extract <file|-> [--published YYYY-MM-DD] [--format json|text]` */
export function register(program: Command): void {
  program
    .command("extract")
    .description("read one article (text, Markdown or HTML; - for stdin) and print its sitrep/1 report")
    .argument("<file>", "article file, or - to read standard input")
    .option("--published <date>", "publication date, YYYY-MM-DD (relative dates are resolved against it)")
    .option("--title <title>", "headline, when the file has none")
    .option("--format <format>", "json (the sitrep/1 report) or text (a brief)", "text")
    .option("--no-ner", "skip the trained tagger (rules and lexicons only)")
    .option("--explain", "print why each decision was made on standard error: places (the candidates weighed), events (happening, type, roles, record or not), quotes (the speaker candidates)")
    .action(async (file: string, opts: { published?: string; title?: string; format: string; ner: boolean; explain?: boolean }) => {
      if (opts.format !== "json" && opts.format !== "text") {
        throw new SitrepError("SITREP_BAD_OPTION", `--format must be json or text, not "${opts.format}"`);
      }
      if (opts.published && (!/^\d{4}-\d{2}-\d{2}$/.test(opts.published) || !dayInterval(opts.published))) {
        throw new SitrepError("SITREP_BAD_OPTION", `--published must be a date like 2018-05-01, not "${opts.published}"`);
      }
      const input: ArticleInput = file === "-" ? { bytes: readFileSync(0), path: "stdin" } : readArticleFile(file);
      if (opts.published) input.published = opts.published;
      if (opts.title) input.title = opts.title;
      const { createPipeline } = await import("../../pipeline.js");
      const { recordPlaceRankings, explainPlaces } = await import("../../resolve/explain.js");
      const stopRecording = opts.explain ? recordPlaceRankings() : null;
      const report = createPipeline({ config: { recognise: { ner: opts.ner } } }).extract(input);
      if (stopRecording) {
        process.stderr.write(explainPlaces(report.places, stopRecording()));
        const { explainExtraction } = await import("../../extract/explain.js");
        process.stderr.write(explainExtraction(report));
      }
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(formatBrief(report));
      for (const w of report.warnings) process.stderr.write(`sitrep: warning: ${w}\n`);
    });
}
