/**
 * Readers for NER gold data as the corpora ship it, and the conlleval chunk scorer.
 *
 * - CoNLL-2003: `word POS chunk tag` (space separated), IOB1, `-DOCSTART-` lines between documents.
 * - Two columns `token<TAB>tag` (IOB2/BIO): WikiANN (tokens prefixed `en:`), WNUT-17 (6 types).
 * - re3d folders: `documents.json` and `entities.json` (JSON lines, character offsets); see readRe3d.
 *
 * Tags are kept as they are in the file (types mapped through `mapType`); conlleval reads IOB1 and BIO alike.
 */
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tokenize, splitSentences } from "../src/nlp/tokenize.js";

export interface GoldSentence {
  words: string[];
  tags: string[];
  /** 1-based line of each token in its file (0 where the gold came from offsets) */
  lines: number[];
}

export interface GoldDocument {
  file: string;
  id: string;
  sentences: GoldSentence[];
}

export interface GoldCorpus {
  documents: GoldDocument[];
  /** problems in the gold files, each "file:line: what" */
  errors: string[];
}

/** Maps a gold entity type to a scored label, or null to drop the entity (tagged O). */
export type TypeMapper = (type: string) => string | null;

const identity: TypeMapper = (t) => t;

function mapTag(tag: string, mapType: TypeMapper): string | null {
  if (tag === "O") return "O";
  const m = /^([BIES])-(.+)$/.exec(tag);
  if (!m) return null;
  const label = mapType(m[2]);
  return label === null ? "O" : `${m[1]}-${label}`;
}

/**
 * Reads a column file: the first field is the token, the last the tag. A document ends at `-DOCSTART-`;
 * files without it (WikiANN, WNUT) get one document per sentence, as their sentences are unrelated.
 */
export function parseColumnFile(source: string, file: string, mapType: TypeMapper = identity): GoldCorpus {
  const errors: string[] = [];
  const lines = source.split(/\r?\n/);
  const hasDocStart = /^-DOCSTART-/m.test(source);
  const documents: GoldDocument[] = [];
  let doc: GoldDocument | null = null;
  let sent: GoldSentence = { words: [], tags: [], lines: [] };
  const newDoc = (line: number) => {
    doc = { file, id: `${file}:${line}`, sentences: [] };
    documents.push(doc);
    return doc;
  };
  const flush = () => {
    if (sent.words.length === 0) return;
    const target: GoldDocument = hasDocStart ? (doc ?? newDoc(sent.lines[0])) : newDoc(sent.lines[0]);
    target.sentences.push(sent);
    sent = { words: [], tags: [], lines: [] };
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") {
      flush();
      continue;
    }
    const fields = line.split(/\t| +/);
    if (fields[0] === "-DOCSTART-") {
      flush();
      newDoc(i + 1);
      continue;
    }
    if (fields.length < 2) {
      errors.push(`${file}:${i + 1}: expected "token ... tag", found one field`);
      continue;
    }
    let word = fields[0];
    if (word.startsWith("en:") && word.length > 3) word = word.slice(3);
    const raw = fields[fields.length - 1];
    const tag = mapTag(raw, mapType);
    if (tag === null) {
      errors.push(`${file}:${i + 1}: bad tag "${raw}" (expected O, B-X or I-X)`);
      sent.words.push(word);
      sent.tags.push("O");
      sent.lines.push(i + 1);
      continue;
    }
    sent.words.push(word);
    sent.tags.push(tag);
    sent.lines.push(i + 1);
  }
  flush();
  return { documents, errors };
}

export function readColumnFile(path: string, mapType: TypeMapper = identity): GoldCorpus {
  return parseColumnFile(readFileSync(path, "utf8"), path, mapType);
}

interface Re3dEntity {
  begin: number;
  end: number;
  type: string;
  documentId: string;
  confidence?: number;
  line: number;
  file: string;
}

function readJsonLines(path: string, errors: string[]): { value: Record<string, unknown>; line: number }[] {
  const out: { value: Record<string, unknown>; line: number }[] = [];
  readFileSync(path, "utf8")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === "") return;
      try {
        out.push({ value: JSON.parse(line) as Record<string, unknown>, line: i + 1 });
      } catch {
        errors.push(`${path}:${i + 1}: not a JSON object`);
      }
    });
  return out;
}

/**
 * Reads an re3d folder (or a folder of re3d source folders): tokenizes each document with sitrep's tokenizer
 * and turns the character-offset entities of scored types into BIO tags. re3d annotates some mentions twice
 * (Syria as Location and as Organisation) and nests others; where scored entities overlap, the one with the
 * higher annotator confidence, then the longer, is kept. Entities not on token boundaries are widened to the
 * tokens they touch (counted in `errors` as notes naming file and line).
 */
export function readRe3d(dir: string, mapType: TypeMapper): GoldCorpus {
  const errors: string[] = [];
  const documents: GoldDocument[] = [];
  const folders = existsSync(join(dir, "documents.json"))
    ? [dir]
    : readdirSync(dir)
        .map((d) => join(dir, d))
        .filter((d) => statSync(d).isDirectory() && existsSync(join(d, "documents.json")))
        .sort();
  if (folders.length === 0) errors.push(`${dir}: no documents.json found (expected an re3d folder)`);
  for (const folder of folders) {
    const docFile = join(folder, "documents.json");
    const entFile = join(folder, "entities.json");
    const byDoc = new Map<string, Re3dEntity[]>();
    if (!existsSync(entFile)) errors.push(`${entFile}: missing`);
    else
      for (const { value: e, line } of readJsonLines(entFile, errors)) {
        if (typeof e.begin !== "number" || typeof e.end !== "number" || typeof e.type !== "string" || typeof e.documentId !== "string") {
          errors.push(`${entFile}:${line}: entity lacks begin/end/type/documentId`);
          continue;
        }
        const list = byDoc.get(e.documentId) ?? [];
        list.push({ begin: e.begin, end: e.end, type: e.type, documentId: e.documentId, confidence: typeof e.confidence === "number" ? e.confidence : 0, line, file: entFile });
        byDoc.set(e.documentId, list);
      }
    for (const { value: d, line } of readJsonLines(docFile, errors)) {
      if (typeof d._id !== "string" || typeof d.text !== "string") {
        errors.push(`${docFile}:${line}: document lacks _id/text`);
        continue;
      }
      documents.push(alignRe3dDocument(d._id, d.text, byDoc.get(d._id) ?? [], docFile, mapType, errors));
    }
  }
  return { documents, errors };
}

function alignRe3dDocument(id: string, text: string, entities: Re3dEntity[], file: string, mapType: TypeMapper, errors: string[]): GoldDocument {
  const tokens = tokenize(text);
  const tags: string[] = tokens.map(() => "O");
  const scored = entities
    .map((e) => ({ ...e, label: mapType(e.type) }))
    .filter((e): e is Re3dEntity & { label: string } => e.label !== null)
    .sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || b.end - b.begin - (a.end - a.begin) || a.begin - b.begin);
  const taken = new Uint8Array(tokens.length);
  for (const e of scored) {
    let first = -1;
    let last = -1;
    for (let t = 0; t < tokens.length; t++) {
      if (tokens[t].end > e.begin && tokens[t].start < e.end) {
        if (first < 0) first = t;
        last = t;
      }
    }
    if (first < 0) {
      errors.push(`${e.file}:${e.line}: entity [${e.begin},${e.end}) covers no token`);
      continue;
    }
    if (tokens[first].start !== e.begin || tokens[last].end !== e.end) {
      errors.push(`${e.file}:${e.line}: entity [${e.begin},${e.end}) not on token boundaries, widened to [${tokens[first].start},${tokens[last].end})`);
    }
    let free = true;
    for (let t = first; t <= last; t++) if (taken[t]) free = false;
    if (!free) continue;
    for (let t = first; t <= last; t++) {
      taken[t] = 1;
      tags[t] = `${t === first ? "B" : "I"}-${e.label}`;
    }
  }
  const sentences = splitSentences(text, tokens).map((s) => {
    const words: string[] = [];
    const stags: string[] = [];
    for (let t = s.firstToken; t < s.endToken; t++) {
      words.push(text.slice(tokens[t].start, tokens[t].end));
      // an entity cut by a sentence boundary restarts in the next sentence
      stags.push(t === s.firstToken && tags[t].startsWith("I-") ? `B-${tags[t].slice(2)}` : tags[t]);
    }
    return { words, tags: stags, lines: words.map(() => 0) };
  });
  return { file, id, sentences };
}

// ---------------------------------------------------------------------------------------------------------
// conlleval

export interface Chunk {
  start: number;
  end: number;
  type: string;
}

function splitTag(tag: string): [string, string] {
  const dash = tag.indexOf("-");
  return dash < 0 ? [tag, ""] : [tag.slice(0, dash), tag.slice(dash + 1)];
}

// conlleval.pl endOfChunk / startOfChunk, IOB1, IOB2 and IOBES alike.
function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === "B" && (tag === "B" || tag === "S" || tag === "O")) return true;
  if (prevTag === "I" && (tag === "B" || tag === "S" || tag === "O")) return true;
  if (prevTag === "E" || prevTag === "S") return true;
  return prevTag !== "O" && prevTag !== "." && prevType !== type;
}

function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === "B" || tag === "S") return true;
  if ((prevTag === "E" || prevTag === "S" || prevTag === "O") && (tag === "E" || tag === "I")) return true;
  return tag !== "O" && tag !== "." && prevType !== type;
}

/** The chunks conlleval sees in one sentence's tags. */
export function conllChunks(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let prevTag = "O";
  let prevType = "";
  let start = -1;
  for (let i = 0; i <= tags.length; i++) {
    const [tag, type] = i < tags.length ? splitTag(tags[i]) : ["O", ""];
    if (start >= 0 && endOfChunk(prevTag, tag, prevType, type)) {
      chunks.push({ start, end: i, type: prevType });
      start = -1;
    }
    if (startOfChunk(prevTag, tag, prevType, type)) start = i;
    prevTag = tag;
    prevType = type;
  }
  return chunks;
}

export interface PrfCounts {
  gold: number;
  guessed: number;
  correct: number;
}

export interface Prf extends PrfCounts {
  p: number;
  r: number;
  f1: number;
}

export function prf(c: PrfCounts): Prf {
  const p = c.guessed ? c.correct / c.guessed : 0;
  const r = c.gold ? c.correct / c.gold : 0;
  return { ...c, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** Accumulates conlleval's entity-level counts over sentences, overall and per type. */
export class ChunkScorer {
  readonly overall: PrfCounts = { gold: 0, guessed: 0, correct: 0 };
  readonly byType = new Map<string, PrfCounts>();

  private counts(type: string): PrfCounts {
    let c = this.byType.get(type);
    if (!c) this.byType.set(type, (c = { gold: 0, guessed: 0, correct: 0 }));
    return c;
  }

  /** Adds one sentence; returns its gold and guessed chunks for error analysis. */
  add(gold: readonly string[], guessed: readonly string[]): { gold: Chunk[]; guessed: Chunk[] } {
    if (gold.length !== guessed.length) throw new Error(`gold has ${gold.length} tags, guess ${guessed.length}`);
    const g = conllChunks(gold);
    const p = conllChunks(guessed);
    const key = (c: Chunk) => `${c.start}:${c.end}:${c.type}`;
    const goldKeys = new Set(g.map(key));
    for (const c of g) {
      this.overall.gold++;
      this.counts(c.type).gold++;
    }
    for (const c of p) {
      this.overall.guessed++;
      this.counts(c.type).guessed++;
      if (goldKeys.has(key(c))) {
        this.overall.correct++;
        this.counts(c.type).correct++;
      }
    }
    return { gold: g, guessed: p };
  }

  result(): { overall: Prf; byType: Record<string, Prf> } {
    const byType: Record<string, Prf> = {};
    for (const type of [...this.byType.keys()].sort()) byType[type] = prf(this.byType.get(type)!);
    return { overall: prf(this.overall), byType };
  }
}
