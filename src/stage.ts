import { Doc } from "./doc/index.js";
import { SitrepError } from "./errors.js";

/** What a stage reads from and writes to the Doc: layer names ("tokens", "ner") or fact lists ("facts.entities"). */
export type Assignment = string;

export type StageFn = (doc: Doc) => Doc;

export interface StageDefinition<Options extends object = Record<string, never>> {
  /** a lowercase verb matching the stage's folder: "segment", "recognise", ... */
  name: string;
  requires: Assignment[];
  assigns: Assignment[];
  defaults: Options;
  create: (options: Options) => StageFn;
}

/** Declares a pipeline stage, as spaCy's `Language.factory`: the function plus what it needs and provides. */
export function defineStage<Options extends object>(definition: StageDefinition<Options>): StageDefinition<Options> {
  return definition;
}

/** Runs one stage and checks it kept the contract: a Doc comes back. */
export function runStage(name: string, fn: StageFn, doc: Doc): Doc {
  const out = fn(doc);
  if (!(out instanceof Doc)) {
    throw new SitrepError("SITREP_STAGE_BAD_RETURN", `stage "${name}" returned ${typeof out}, not a Doc: return the doc it was given`);
  }
  return out;
}
