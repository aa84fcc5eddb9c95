/**
 * `sitrep eval ner <file|folder>`: entity-level micro P/R/F1 exactly as conlleval computes it, plus per type,
 * of sitrep's NER tagger run on the gold tokens (the standard for these corpora).
 *
 * Which format: a folder with documents.json is re3d; otherwise a column file (CoNLL-2003 4-column IOB1 with
 * -DOCSTART-, or 2-column token/tag BIO as WikiANN and WNUT-17).
 *
 * Type mapping (the one table; every scored type is PER, ORG, LOC or MISC):
 *
 * | source            | gold type                           | scored as |
 * |-------------------|-------------------------------------|-----------|
 * | CoNLL, WikiANN    | PER, ORG, LOC, MISC                 | same      |
 * | WNUT-17           | person                              | PER       |
 * |                   | location                            | LOC       |
 * |                   | corporation, group                  | ORG       |
 * |                   | product, creative-work              | MISC      |
 * | re3d              | Person / Organisation / Location    | PER / ORG / LOC |
 * |                   | all other types (Money, Weapon ...) | not scored (gold O; MISC guesses dropped) |
 * | sitrep kinds      | person                              | PER       |
 * |                   | organization, armed_group, government, military, media, igo, ngo | ORG |
 * |                   | country (and places)                | LOC       |
 * |                   | civilians, other                    | not an NER entity |
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { SitrepError } from "../src/errors.js";
import { loadNerTagger, type NerTagger } from "../src/nlp/ner/index.js";
import { ChunkScorer, conllChunks, readColumnFile, readRe3d, type GoldCorpus, type Chunk } from "./conll.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

const WNUT: Record<string, string> = {
  person: "PER", location: "LOC", corporation: "ORG", group: "ORG", product: "MISC", "creative-work": "MISC",
};
const RE3D: Record<string, string> = { Person: "PER", Organisation: "ORG", Location: "LOC" };
const STANDARD = new Set(["PER", "ORG", "LOC", "MISC"]);

/** sitrep entity kinds (src/report.ts) as NER labels; null: not an NER entity. */
export const KIND_TO_NER: Record<string, "PER" | "ORG" | "LOC" | "MISC" | null> = {
  person: "PER", organization: "ORG", armed_group: "ORG", government: "ORG", military: "ORG", media: "ORG",
  igo: "ORG", ngo: "ORG", country: "LOC", civilians: null, other: null,
};

export type GoldFormat = "conll" | "wnut" | "re3d";

/** Reads any supported gold set; `format` picks the type mapping (WNUT is recognised by its types). */
export function readNerGold(target: string): { corpus: GoldCorpus; format: GoldFormat; scored: Set<string> } {
  if (!existsSync(target)) throw new SitrepError("SITREP_INPUT_NOT_FOUND", `no NER gold at ${target}`);
  if (statSync(target).isDirectory()) {
    const corpus = readRe3d(target, (t) => RE3D[t] ?? null);
    return { corpus, format: "re3d", scored: new Set(["PER", "ORG", "LOC"]) };
  }
  let wnut = false;
  const corpus = readColumnFile(target, (t) => {
    if (STANDARD.has(t)) return t;
    if (t in WNUT) {
      wnut = true;
      return WNUT[t];
    }
    return t;
  });
  const bad = new Set<string>();
  corpus.documents.forEach((d) => d.sentences.forEach((s) => s.tags.forEach((t) => t !== "O" && !STANDARD.has(t.slice(2)) && bad.add(t.slice(2)))));
  for (const t of bad) corpus.errors.push(`${target}: unknown entity type "${t}" (scored as is)`);
  return { corpus, format: wnut ? "wnut" : "conll", scored: new Set(STANDARD) };
}

export interface NerScore {
  overall: { p: number; r: number; f1: number; gold: number; guessed: number; correct: number };
  byType: Record<string, { p: number; r: number; f1: number; gold: number; guessed: number; correct: number }>;
  /** error classes: missed, spurious, wrong type, wrong boundary (counts) */
  errors: Record<string, number>;
  examples: string[];
}

/** Tags every gold document with `tagger` and scores it; guessed types outside `scored` are dropped. */
export function scoreNer(tagger: NerTagger, corpus: GoldCorpus, scored: Set<string>, limit?: number): NerScore {
  const scorer = new ChunkScorer();
  const errors: Record<string, number> = { missed: 0, spurious: 0, "wrong type": 0, "wrong boundary": 0, "wrong type and boundary": 0 };
  const examples: string[] = [];
  const docs = limit ? corpus.documents.slice(0, limit) : corpus.documents;
  for (const doc of docs) {
    const guessed = tagger.tagDocument(doc.sentences.map((s) => s.words));
    doc.sentences.forEach((s, k) => {
      const guess = guessed[k].map((t) => (t !== "O" && !scored.has(t.slice(2)) ? "O" : t));
      const { gold, guessed: found } = scorer.add(s.tags, guess);
      classifyErrors(gold, found, s.words, errors, examples, `${doc.file}:${s.lines[0] || doc.id}`);
    });
  }
  const r = scorer.result();
  return { overall: r.overall, byType: r.byType, errors, examples };
}

function classifyErrors(gold: Chunk[], guessed: Chunk[], words: string[], errors: Record<string, number>, examples: string[], where: string): void {
  const same = (a: Chunk, b: Chunk) => a.start === b.start && a.end === b.end;
  const overlaps = (a: Chunk, b: Chunk) => a.start < b.end && b.start < a.end;
  const text = (c: Chunk) => words.slice(c.start, c.end).join(" ");
  for (const g of gold) {
    if (guessed.some((p) => same(p, g) && p.type === g.type)) continue;
    const exact = guessed.find((p) => same(p, g));
    const over = guessed.find((p) => overlaps(p, g));
    const kind = exact ? "wrong type" : over ? (over.type === g.type ? "wrong boundary" : "wrong type and boundary") : "missed";
    errors[kind]++;
    if (examples.length < 200) examples.push(`${where}: ${kind}: gold ${g.type} "${text(g)}"${over ? `, guessed ${over.type} "${text(over)}"` : ""}`);
  }
  for (const p of guessed) {
    if (!gold.some((g) => overlaps(g, p))) {
      errors.spurious++;
      if (examples.length < 200) examples.push(`${where}: spurious: guessed ${p.type} "${text(p)}"`);
    }
  }
}

function pct(x: number): string {
  return (100 * x).toFixed(2).padStart(6);
}

export const task: EvalTask = {
  name: "ner",
  description: "named entities: conlleval entity-level P/R/F1 on CoNLL-2003, WikiANN, WNUT-17 or re3d",
  defaultTarget: "conll2003/eng.testa",
  extraTargets: ["re3d", "wnut17/emerging.dev.conll"],
  async run(target: string, options: EvalOptions): Promise<EvalResult> {
    const { corpus, format, scored } = readNerGold(target);
    const tagger = loadNerTagger();
    const score = scoreNer(tagger, corpus, scored, options.limit);
    const lines = [`NER on ${target} (${format}, ${score.overall.gold} gold entities)`, "", "type     precision  recall      F1   gold  guessed  correct"];
    const row = (name: string, s: NerScore["overall"]) =>
      `${name.padEnd(8)} ${pct(s.p)}%  ${pct(s.r)}%  ${pct(s.f1)}  ${String(s.gold).padStart(5)}  ${String(s.guessed).padStart(7)}  ${String(s.correct).padStart(7)}`;
    for (const [type, s] of Object.entries(score.byType)) row(type, s) && lines.push(row(type, s));
    lines.push(row("overall", score.overall), "", "errors: " + Object.entries(score.errors).map(([k, v]) => `${k} ${v}`).join(", "));
    return {
      task: "ner",
      table: lines.join("\n"),
      summary: { f1: score.overall.f1, p: score.overall.p, r: score.overall.r, n: score.overall.gold },
      details: { format, byType: score.byType, errors: score.errors, examples: score.examples.slice(0, 50) },
      goldErrors: corpus.errors,
    };
  },
};

/** For scripts: the CoNLL-2003 file paths under a corpora folder. */
export function conllPaths(corpora: string): { train: string; dev: string } {
  return { train: join(corpora, "conll2003", "eng.train"), dev: join(corpora, "conll2003", "eng.testa") };
}
export { conllChunks };
