import { isSitrepError } from "../errors.js";

/** One line on stderr: "[SITREP_CODE] message", never a stack trace unless SITREP_DEBUG is set. */
export function printError(err: unknown): void {
  if (process.env.SITREP_DEBUG) console.error(err);
  if (isSitrepError(err)) console.error(`sitrep: [${err.code}] ${err.message}`);
  else if (err instanceof Error) console.error(`sitrep: ${err.message}`);
  else console.error(`sitrep: ${String(err)}`);
}
