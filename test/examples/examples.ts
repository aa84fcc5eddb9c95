import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readArticleFile } from "../../src/ingest/read.js";
import { createPipeline, type Pipeline } from "../../src/pipeline.js";
import { fromRoot } from "../../src/paths.js";
import { checkFacts, extraEvents, type FactKey, type FactResult } from "./facts.js";

export interface ExampleArticle {
  slug: string;
  file: string;
  key: FactKey;
}

/** The bundled single articles with their answer keys. */
export function exampleArticles(): ExampleArticle[] {
  const dir = fromRoot("examples", "articles");
  return readdirSync(dir)
    .filter((f) => !f.endsWith(".json") && !f.startsWith("."))
    .sort()
    .map((f) => {
      const slug = f.replace(/\.[a-z]+$/, "");
      return { slug, file: join(dir, f), key: JSON.parse(readFileSync(join(dir, `${slug}.facts.json`), "utf8")) as FactKey };
    });
}

export function runExample(pipeline: Pipeline, ex: ExampleArticle): FactResult[] {
  return checkExample(pipeline, ex).facts;
}

/** The facts read or missed, and the incident-worthy events the answer key does not list. */
export function checkExample(pipeline: Pipeline, ex: ExampleArticle): { facts: FactResult[]; extras: string[] } {
  const input = readArticleFile(ex.file);
  if (ex.key.publishedGiven && ex.key.published) input.published = ex.key.published;
  const report = pipeline.extract(input);
  return { facts: checkFacts(ex.slug, report, ex.key), extras: extraEvents(ex.slug, report, ex.key) };
}

/** The committed list of records the engine files beyond the answer keys: the precision ratchet. */
export function knownExtras(): Set<string> {
  return new Set(JSON.parse(readFileSync(fromRoot("test", "examples", "known-extras.json"), "utf8")) as string[]);
}

/** The committed list of facts the engine is known to miss: the ratchet the tests hold it to. */
export function knownGaps(): Set<string> {
  return new Set(JSON.parse(readFileSync(fromRoot("test", "examples", "known-gaps.json"), "utf8")) as string[]);
}

// `node dist/test/examples/examples.js [--write-gaps]`: prints the score over all examples
if (process.argv[1]?.endsWith("examples.js")) {
  const pipeline = createPipeline();
  const checked = exampleArticles().map((ex) => checkExample(pipeline, ex));
  const results = checked.flatMap((c) => c.facts);
  const extras = checked.flatMap((c) => c.extras);
  const ok = results.filter((r) => r.ok).length;
  for (const r of results) if (!r.ok || process.argv.includes("--all")) console.log(`${r.ok ? "ok     " : "MISSING"} ${r.id}${r.detail && !r.ok ? `  (got: ${r.detail})` : ""}`);
  if (process.argv.includes("--extras")) for (const x of extras) console.log(`EXTRA   ${x}`);
  console.log(`examples: ${ok}/${results.length} facts, ${extras.length} records beyond the answer keys`);
  if (process.argv.includes("--write-gaps")) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(fromRoot("test", "examples", "known-gaps.json"), `${JSON.stringify(results.filter((r) => !r.ok).map((r) => r.id), null, 2)}\n`);
    writeFileSync(fromRoot("test", "examples", "known-extras.json"), `${JSON.stringify(extras, null, 2)}\n`);
  }
}
