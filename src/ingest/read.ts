/**
 * Stage 1, read: bytes or text in, a `Doc` out. Checks the input (empty, binary, not UTF-8, too large),
 * strips HTML boilerplate and Markdown, finds the article structure and the language.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { francAll } from "franc-min";
import { Doc } from "../doc/index.js";
import { SitrepError } from "../errors.js";
import { loadLexicon } from "../lexicon.js";
import { dayInterval } from "../incidents/dates.js";
import { readHtml } from "./html.js";
import { markdownToLines, parseStructure } from "./text.js";

export type InputFormat = "auto" | "text" | "markdown" | "html";

/** One article to read: raw bytes, text or HTML, plus whatever the source already knows about it. */
export interface ArticleInput {
  text?: string;
  html?: string;
  bytes?: Uint8Array;
  /** where it came from, for error messages */
  path?: string;
  format?: InputFormat;
  title?: string | null;
  /** ISO date (or date-time) of publication */
  published?: string | null;
  url?: string;
  outlet?: string;
  id?: string;
}

/** Larger inputs are refused: no news article is this long, and the pipeline keeps the text in memory. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/** Reads a file from disk into an `ArticleInput`, checking it before anything is parsed. */
export function readArticleFile(path: string): ArticleInput {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new SitrepError("SITREP_INPUT_NOT_FOUND", `${path}: is a directory, not an article file`);
    size = st.size;
  } catch (err) {
    if (err instanceof SitrepError) throw err;
    throw new SitrepError("SITREP_INPUT_NOT_FOUND", `${path}: no such file`);
  }
  if (size === 0) throw new SitrepError("SITREP_INPUT_EMPTY", `${path}: the file is empty`);
  if (size > MAX_INPUT_BYTES) {
    throw new SitrepError(
      "SITREP_INPUT_TOO_LARGE",
      `${path}: ${(size / 1048576).toFixed(1)} MB is more than the ${MAX_INPUT_BYTES / 1048576} MB an article may have; split it into articles (NDJSON or a folder of files)`,
      413,
    );
  }
  const ext = extname(path).toLowerCase();
  const format: InputFormat = ext === ".html" || ext === ".htm" ? "html" : ext === ".md" || ext === ".markdown" ? "markdown" : "auto";
  return { bytes: readFileSync(path), path, format };
}

/** Decodes bytes as UTF-8 (a UTF-8 or UTF-16 BOM is honoured); binary or mis-encoded input is an error. */
export function decodeText(bytes: Uint8Array, where = "input"): string {
  if (bytes.length === 0) throw new SitrepError("SITREP_INPUT_EMPTY", `${where}: the input is empty`);
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new SitrepError("SITREP_INPUT_TOO_LARGE", `${where}: ${(bytes.length / 1048576).toFixed(1)} MB is more than the ${MAX_INPUT_BYTES / 1048576} MB an article may have`, 413);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new SitrepError("SITREP_INPUT_BINARY", `${where}: binary data (a NUL byte), not a text article`);
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > head.length * 0.05) throw new SitrepError("SITREP_INPUT_BINARY", `${where}: binary data (control bytes), not a text article`);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = countLines(bytes, at);
    throw new SitrepError(
      "SITREP_INPUT_ENCODING",
      `${where}: not valid UTF-8 (byte 0x${bytes[at].toString(16)} at offset ${at}, line ${line}); convert it first, e.g. iconv -f windows-1252 -t utf-8`,
    );
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (bytes[i + k] === undefined || bytes[i + k] >> 6 !== 2) return i;
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}

function countLines(bytes: Uint8Array, upTo: number): number {
  let n = 1;
  for (let i = 0; i < upTo; i++) if (bytes[i] === 10) n++;
  return n;
}

let languageNames: Map<string, { iso1: string; name: string }> | undefined;
function languages(): Map<string, { iso1: string; name: string }> {
  languageNames ??= new Map(loadLexicon("_shared/languages.tsv", ["iso3", "iso1", "name"]).map((r) => [r.iso3, { iso1: r.iso1, name: r.name }]));
  return languageNames;
}

/** ISO 639-1 code of the text's language ("en" when too short to tell), with its English name. */
export function detectLanguage(text: string): { code: string; name: string } {
  const sample = text.slice(0, 4000);
  if (sample.replace(/\s+/g, "").length < 40) return { code: "en", name: "English" };
  // short texts fool trigram statistics: a line in Latin script is read as English, and up to a paragraph
  // English wins unless another language is clearly ahead of it
  const letters = sample.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (sample.length < 150 && latin >= letters.length * 0.8) return { code: "en", name: "English" };
  const ranked = francAll(sample, { minLength: 40 });
  const iso3 = ranked[0]?.[0] ?? "und";
  if (iso3 === "und" || iso3 === "eng") return { code: "en", name: "English" };
  const english = ranked.find(([code]) => code === "eng")?.[1] ?? 0;
  const margin = sample.length < 400 ? 0.15 : 0.015;
  if (english >= 1 - margin) return { code: "en", name: "English" };
  const known = languages().get(iso3);
  return known ? { code: known.iso1, name: known.name } : { code: iso3, name: iso3 };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 2000).toLowerCase();
  return /<!doctype html|<html[\s>]|<body[\s>]|<article[\s>]|<head[\s>]/.test(head) || (/<p[\s>]/.test(head) && /<\/p>/.test(head));
}

/** Builds the Doc: the clean body text every span points into, and the article's metadata. */
export function readArticle(input: ArticleInput): Doc {
  const where = input.path ?? "input";
  if (input.published != null && input.published !== "" && (!ISO_DATE.test(input.published) || !dayInterval(input.published.slice(0, 10)))) {
    throw new SitrepError("SITREP_BAD_OPTION", `${where}: published "${input.published}" is not a calendar date (YYYY-MM-DD)`);
  }
  let raw: string;
  if (input.html !== undefined) raw = input.html;
  else if (input.text !== undefined) raw = input.text;
  else if (input.bytes !== undefined) raw = decodeText(input.bytes, where);
  else throw new SitrepError("SITREP_INPUT_EMPTY", `${where}: nothing to read (give text, html or bytes)`);
  raw = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (raw.trim() === "") throw new SitrepError("SITREP_INPUT_EMPTY", `${where}: the input holds only white space`);
  if (raw.length > MAX_INPUT_BYTES) {
    throw new SitrepError("SITREP_INPUT_TOO_LARGE", `${where}: ${(raw.length / 1048576).toFixed(1)} M characters is more than an article may have`, 413);
  }

  const format = input.format && input.format !== "auto" ? input.format : input.html !== undefined || looksLikeHtml(raw) ? "html" : "text";
  const warnings: string[] = [];
  let lines: string[];
  let title = input.title ?? null;
  let published: string | null = input.published ? input.published : null;
  let authors: string[] = [];
  let url = input.url;
  let outlet = input.outlet;

  if (format === "html") {
    const page = readHtml(raw, where);
    if (!page) {
      throw new SitrepError("SITREP_INPUT_NO_ARTICLE", `${where}: the HTML page holds no article text (only navigation or boilerplate)`);
    }
    lines = page.paragraphs;
    title ??= page.title;
    published ??= page.published;
    if (page.byline) authors = [page.byline.replace(/^by\s+/i, "")];
    url ??= page.url ?? undefined;
    outlet ??= page.siteName ?? undefined;
  } else if (format === "markdown") {
    const md = markdownToLines(raw);
    lines = md.lines;
    title ??= md.title;
    published ??= md.published;
  } else {
    lines = raw.split("\n");
  }

  const structure = parseStructure(lines, { title, published });
  const text = structure.paragraphs.join("\n");
  if (text.trim() === "") throw new SitrepError("SITREP_INPUT_NO_ARTICLE", `${where}: no article body found after the headline`);
  if (!structure.published) warnings.push("No publication date was given or found in the text: dates like \"on Tuesday\" are left unresolved (pass --published YYYY-MM-DD).");

  const language = detectLanguage(text);
  if (language.code !== "en") {
    warnings.push(`The article is in ${language.name} (${language.code}); sitrep reads English only, so no entities, places or events were extracted.`);
  }
  const doc = new Doc(text, {
    id: input.id ?? createHash("sha256").update(text.normalize("NFC").replace(/\s+/g, " ").trim()).digest("hex").slice(0, 32),
    title: structure.title,
    published: structure.published,
    url,
    outlet,
    credits: {
      authors: [...authors, ...structure.authors],
      agencies: structure.agencies,
      ...(structure.contributors.length || authors.length
        ? { contributors: [...authors.map((name) => ({ name, role: "reporter" })), ...structure.contributors] }
        : {}),
    },
    ...(structure.dateline ? {
      dateline: text.slice(0, structure.dateline.length),
      datelineSpan: { start: 0, end: structure.dateline.length, place: structure.dateline.place, agency: structure.dateline.agency },
    } : {}),
    subheads: structure.subheads,
    related: structure.related,
    language: language.code,
  });
  doc.warnings.push(...warnings);
  return doc;
}
