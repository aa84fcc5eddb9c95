#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (built by `npm ci` through the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/src/cli/index.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error("sitrep: not built yet: run `npm run build` (or `npm ci`) in the sitrep folder first");
  process.exit(2);
}
await import(entry.href);
