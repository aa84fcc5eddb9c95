import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readArticleFile } from "../../src/ingest/read.js";
import { createPipeline, type Pipeline } from "../../src/pipeline.js";
import { fromRoot } from "../../src/paths.js";
import { checkFacts, type FactKey, type FactResult } from "./facts.js";

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
  const input = readArticleFile(ex.file);
  if (ex.key.publishedGiven && ex.key.published) input.published = ex.key.published;
  return checkFacts(ex.slug, pipeline.extract(input), ex.key);
}

/** The committed list of facts the engine is known to miss: the ratchet the tests hold it to. */
export function knownGaps(): Set<string> {
  return new Set(JSON.parse(readFileSync(fromRoot("test", "examples", "known-gaps.json"), "utf8")) as string[]);
}

// `node dist/test/examples/examples.js [--write-gaps]`: prints the score over all examples
if (process.argv[1]?.endsWith("examples.js")) {
  const pipeline = createPipeline();
  const results = exampleArticles().flatMap((ex) => runExample(pipeline, ex));
  const ok = results.filter((r) => r.ok).length;
  for (const r of results) if (!r.ok || process.argv.includes("--all")) console.log(`${r.ok ? "ok     " : "MISSING"} ${r.id}${r.detail && !r.ok ? `  (got: ${r.detail})` : ""}`);
  console.log(`examples: ${ok}/${results.length} facts`);
  if (process.argv.includes("--write-gaps")) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(fromRoot("test", "examples", "known-gaps.json"), `${JSON.stringify(results.filter((r) => !r.ok).map((r) => r.id), null, 2)}\n`);
  }
}
