/**
 * The `sitrep` command line: parses arguments and hands over to one module per command in ./commands.
 * Each module exports `register(program)`; heavy dependencies are imported inside the actions.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { fromRoot } from "../paths.js";
import { printError } from "./output.js";

const COMMANDS = ["extract", "eval", "demo", "ingest", "watch", "serve", "export", "recluster", "delete", "worker", "queue"] as const;

async function main(argv: string[]): Promise<void> {
  const program = new Command("sitrep")
    .description("news reports in, a sourced, geolocated, deduplicated record of what happened out")
    .version(packageVersion(), "-V, --version", "print the version of sitrep")
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) });
  for (const name of COMMANDS) {
    let mod: { register(program: Command): void };
    try {
      mod = (await import(`./commands/${name}.js`)) as typeof mod;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes(`commands/${name}.js`)) continue;
      throw err;
    }
    mod.register(program);
  }
  await program.parseAsync(argv);
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(fromRoot("package.json"), "utf8")) as { version: string }).version;
}

// A reader that stops early (`sitrep export | head`) closes the pipe: that ends the output, not in an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).catch((err: unknown) => {
  printError(err);
  process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
});
