import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

/** The package root (where package.json, lexicons/ and models/ live), from source or from dist/. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "lexicons"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("sitrep: cannot find the package root (package.json with lexicons/)");
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export function fromRoot(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
