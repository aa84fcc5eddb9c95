/**
 * Pathological input shapes at two sizes: does the time grow with the input (ratio near 4 for 4x the text), or
 * faster? Each shape is text we write, repeated to the size: short paragraphs, comma-separated names,
 * abbreviations, alternating quotes, repeated "killed" sentences. Run alone:
 * `node dist/bench/shapes.js [--sizes 64,256] [--only name]`; `npm run bench` runs it last.
 */
import { createPipeline } from "../src/pipeline.js";

export interface ShapeResult {
  shape: string;
  /** size in KB -> milliseconds, and the slowest stage at that size */
  runs: { kb: number; ms: number; slowest: string; slowestMs: number }[];
}

const FIRST = ["Amara", "Bilal", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Idris", "Jonas", "Kemal", "Lina", "Musa", "Nadia", "Omar", "Priya"];
const LAST = ["Okafor", "Haddad", "Novak", "Silva", "Mensah", "Rahimi", "Kovac", "Tanaka", "Mwangi", "Duarte", "Bakr", "Lindqvist"];

/** A generator of one shape: piece i of the text. */
export const SHAPES: Record<string, (i: number) => string> = {
  "short paragraphs": (i) => `Troops moved at dawn ${i % 7}.\n\n`,
  "comma-separated names": (i) => `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}, `,
  abbreviations: (i) => `Lt. Col. ${LAST[i % LAST.length]} of the U.N. met Gen. ${FIRST[i % FIRST.length]} at 5 p.m. in St. Anne ${i % 9}. `,
  "alternating quotes": (i) => (i % 2 === 0 ? `"We will return," he said. ` : `'They left,' she said. `),
  "repeated killed sentences": (i) => `${(i % 9) + 2} people were killed in the village. `,
};

export function shapeText(shape: string, bytes: number): string {
  const piece = SHAPES[shape];
  if (!piece) throw new Error(`unknown shape "${shape}" (${Object.keys(SHAPES).join(", ")})`);
  let text = "The report begins here.\n\n";
  for (let i = 0; text.length < bytes; i++) text += piece(i);
  return text.slice(0, bytes);
}

export function benchShapes(sizesKb: number[] = [64, 256], only?: string): ShapeResult[] {
  const pipeline = createPipeline({ profile: true, timeoutMs: 0 });
  pipeline.extract({ text: "Warm-up: two soldiers were killed in Goma on Monday.", published: "2024-05-01" });
  const results: ShapeResult[] = [];
  for (const shape of Object.keys(SHAPES)) {
    if (only && shape !== only) continue;
    const runs: ShapeResult["runs"] = [];
    for (const kb of sizesKb) {
      for (const k of Object.keys(pipeline.timings)) delete pipeline.timings[k];
      const text = shapeText(shape, kb * 1024);
      const t0 = performance.now();
      pipeline.extract({ text, published: "2024-05-01" });
      const ms = performance.now() - t0;
      const [slowest, slowestMs] = Object.entries(pipeline.timings).sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
      runs.push({ kb, ms, slowest, slowestMs });
      process.stderr.write(`bench: shapes ${shape} ${kb} KB ${(ms / 1000).toFixed(2)} s (${slowest} ${(slowestMs / 1000).toFixed(2)} s)\n`);
    }
    results.push({ shape, runs });
  }
  return results;
}

export function formatShapes(results: ShapeResult[]): string {
  const sizes = results[0]?.runs.map((r) => r.kb) ?? [];
  const head = `| shape | ${sizes.map((kb) => `${kb} KB`).join(" | ")} | ratio ${sizes.at(-1)}/${sizes[0]} | slowest stage at ${sizes.at(-1)} KB |`;
  const rule = `|---|${sizes.map(() => "---:").join("|")}|---:|---|`;
  const rows = results.map((r) => {
    const first = r.runs[0];
    const last = r.runs.at(-1)!;
    return `| ${r.shape} | ${r.runs.map((x) => `${(x.ms / 1000).toFixed(2)} s`).join(" | ")} | ${(last.ms / first.ms).toFixed(1)} | ${last.slowest} ${(last.slowestMs / 1000).toFixed(2)} s |`;
  });
  return [head, rule, ...rows].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const sizes = (at("--sizes") ?? "64,256").split(",").map(Number);
  console.log(formatShapes(benchShapes(sizes, at("--only"))));
}
