/**
 * From what the user names (files, folders, "-", feed URLs) to a list of articles to extract: article files are
 * read later by the workers; NDJSON, CSV, JSON and RSS/Atom files are opened here and split into articles.
 * A container that cannot be read, or one bad row, becomes an error item: the rest goes on.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import Parser from "rss-parser";
import { SitrepError } from "../errors.js";
import { dayInterval } from "../incidents/dates.js";
import { htmlFragmentParagraphs } from "./html.js";
import type { ArticleInput } from "../pipeline.js";
import { SCHEMA, type Report } from "../report.js";

export type IngestItem =
  /** an article file, read by readArticleFile in a worker */
  | { kind: "file"; source: string; path: string }
  /** an article already split out of a container, a feed or stdin */
  | { kind: "input"; source: string; input: ArticleInput }
  /** a `sitrep/1` report (output of `sitrep extract`): stored as it is */
  | { kind: "report"; source: string; report: Report }
  | { kind: "error"; source: string; message: string };

const ARTICLE_EXTENSIONS = new Set([".txt", ".text", ".md", ".markdown", ".html", ".htm"]);
const NDJSON_EXTENSIONS = new Set([".ndjson", ".jsonl"]);
const FEED_EXTENSIONS = new Set([".rss", ".atom", ".xml"]);
/** Files a folder walk leaves out: documentation about the folder is not news. */
const NOT_ARTICLES = /^(readme|license|licence|changelog|notice)(\.|$)/i;

const FIELD_NAMES = {
  title: ["title", "headline"],
  text: ["text", "body", "content", "article"],
  html: ["html"],
  published: ["published", "date", "pubdate", "published_at", "publishedat"],
  url: ["url", "link"],
  outlet: ["outlet", "source", "publisher", "site"],
  id: ["id"],
} as const;

function field(row: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const [k, v] of Object.entries(row)) {
    if (names.includes(k.trim().toLowerCase()) && typeof v === "string" && v.trim() !== "") return v.trim();
  }
  return undefined;
}

/** a zone the date states: Z, GMT, UTC, a +hh:mm offset or a zone abbreviation after the time */
const STATES_ZONE = /(?:\d(?:Z|[+-]\d{2}:?\d{2})|\b(?:GMT|UTC|UT)\b|[+-]\d{4}\b|\d\s+[A-Z]{3,4}\s*$)/;

/**
 * ISO form of a date as sources write it ("Tue, 13 Aug 2024 10:00:00 GMT", "4/5/2017"); undefined when
 * unreadable. A date without a zone is the calendar date (and time) it says, in UTC: the machine's own time zone
 * never moves it to another day.
 */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return dayInterval(v.slice(0, 10)) ? v : undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  if (STATES_ZONE.test(v)) return new Date(t).toISOString();
  // Date.parse read it in local time: its local fields are the ones written.
  const d = new Date(t);
  const utc = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()));
  const iso = utc.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

function isReport(value: unknown): value is Report {
  const r = value as Report;
  return typeof value === "object" && value !== null && r.schema === SCHEMA && typeof r.article?.id === "string" && Array.isArray(r.events);
}

/** One JSON object as an item: a sitrep report, or an article with text or html. */
export function itemFromObject(value: unknown, source: string): IngestItem {
  if (isReport(value)) return { kind: "report", source, report: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "error", source, message: "expected a JSON object with a text (or html) field" };
  }
  const row = value as Record<string, unknown>;
  const text = field(row, FIELD_NAMES.text);
  const html = field(row, FIELD_NAMES.html);
  if (!text && !html) return { kind: "error", source, message: "the object has no text (or html) field" };
  const published = field(row, FIELD_NAMES.published);
  const iso = isoDate(published);
  if (published && !iso) return { kind: "error", source, message: `published "${published}" is not a date` };
  const input: ArticleInput = {
    ...(html ? { html } : { text }),
    title: field(row, FIELD_NAMES.title) ?? null,
    published: iso ?? null,
    url: field(row, FIELD_NAMES.url),
    outlet: field(row, FIELD_NAMES.outlet),
    id: field(row, FIELD_NAMES.id),
    path: source,
  };
  return { kind: "input", source, input };
}

export function itemsFromNdjson(content: string, name: string): IngestItem[] {
  const items: IngestItem[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const source = `${name}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      items.push({ kind: "error", source, message: `not valid JSON (${(err as Error).message})` });
      return;
    }
    items.push(itemFromObject(value, source));
  });
  return items;
}

/**
 * JSON values one after another, however laid out: NDJSON, or pretty-printed objects such as
 * `sitrep extract --format json` writes for several files. Each value is an item named by the line it starts on;
 * a value that does not parse is an error item and the rest goes on. One pass over the text.
 */
export function itemsFromJsonStream(content: string, name: string): IngestItem[] {
  const items: IngestItem[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === "\n") line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      else if (c === "\n") {
        // a raw line break cannot be inside a JSON string: the value is broken; start again on the next line
        items.push({ kind: "error", source: `${name}:${startLine}`, message: "not valid JSON (a line break inside a string)" });
        inString = false;
        depth = 0;
        start = -1;
      }
      continue;
    }
    if (c === '"' && start >= 0) inString = true;
    else if (c === "{" || c === "[") {
      if (depth === 0) {
        start = i;
        startLine = line;
      }
      depth++;
    } else if ((c === "}" || c === "]") && depth > 0) {
      depth--;
      if (depth === 0) {
        const source = `${name}:${startLine}`;
        try {
          items.push(itemFromObject(JSON.parse(content.slice(start, i + 1)), source));
        } catch (err) {
          items.push({ kind: "error", source, message: `not valid JSON (${(err as Error).message})` });
        }
        start = -1;
      }
    } else if (depth === 0 && !/\s/.test(c)) {
      items.push({ kind: "error", source: `${name}:${line}`, message: `not valid JSON (unexpected "${c}" between values)` });
      // skip to the end of the line: one error per stray line, not per character
      const next = content.indexOf("\n", i);
      i = next < 0 ? content.length : next - 1;
    }
  }
  if (depth > 0) items.push({ kind: "error", source: `${name}:${startLine}`, message: "not valid JSON (the value is cut off)" });
  return items;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function itemsFromJson(content: string, name: string): IngestItem[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    return [{ kind: "error", source: name, message: `not valid JSON (${(err as Error).message})` }];
  }
  if (Array.isArray(value)) return value.map((v, i) => itemFromObject(v, `${name}[${i}]`));
  return [itemFromObject(value, name)];
}

export function itemsFromCsv(content: string, name: string): IngestItem[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true, trim: true });
  } catch (err) {
    return [{ kind: "error", source: name, message: `cannot read the CSV (${(err as Error).message})` }];
  }
  if (rows.length === 0) return [{ kind: "error", source: name, message: "the CSV has a header but no rows" }];
  const header = Object.keys(rows[0]).map((k) => k.trim().toLowerCase());
  if (![...FIELD_NAMES.text, ...FIELD_NAMES.html].some((f) => header.includes(f))) {
    return [{ kind: "error", source: name, message: `the CSV header (${header.join(", ")}) has no text, body or html column` }];
  }
  // Row numbers count the header as line 1, as a spreadsheet shows them.
  return rows.map((row, i) => itemFromObject(row, `${name}:${i + 2}`));
}

let feedParser: Parser | undefined;

export interface FeedOptions {
  /** read each item's linked page (the whole article) instead of the text the feed carries */
  followLinks?: boolean;
  fetchImpl?: typeof fetch;
}

/**
 * Articles of an RSS or Atom document. An item is an article fragment: its title, link, date and the text of its
 * content (or summary), read as a fragment rather than as a page. With `followLinks`, the linked page is read
 * instead, and the item's own text is kept when the page cannot be had.
 */
export async function itemsFromFeed(xml: string, name: string, options: FeedOptions = {}): Promise<IngestItem[]> {
  feedParser ??= new Parser();
  let feed: Awaited<ReturnType<Parser["parseString"]>>;
  try {
    feed = await feedParser.parseString(xml);
  } catch (err) {
    // the XML parser's message spans lines ("Unclosed root tag\nLine: 0\nColumn: 12"): one line per error
    return [{ kind: "error", source: name, message: `not an RSS or Atom feed (${(err as Error).message.trim().replace(/\s*\n\s*/g, ", ")})` }];
  }
  const items: IngestItem[] = [];
  for (const [i, item] of (feed.items ?? []).entries()) {
    const source = `${name}#${i + 1}`;
    const html = (item as Record<string, unknown>)["content:encoded"] as string | undefined ?? item.content;
    const paragraphs = html ? htmlFragmentParagraphs(html) : [];
    const text = paragraphs.length ? paragraphs.join("\n\n") : (item.contentSnippet ?? item.summary)?.trim();
    const meta = {
      title: item.title?.trim() || null,
      published: isoDate(item.isoDate ?? item.pubDate) ?? null,
      url: item.link,
      outlet: feed.title?.trim() || undefined,
      id: item.guid,
      path: source,
    };
    if (options.followLinks && item.link && /^https?:\/\//i.test(item.link)) {
      const page = await fetchText(item.link, options.fetchImpl ?? fetch);
      if (page.ok) {
        items.push({ kind: "input", source, input: { ...meta, html: page.body } });
        continue;
      }
      if (!text) {
        items.push({ kind: "error", source, message: `the item has no text and its page could not be read (${page.message})` });
        continue;
      }
    }
    if (!text) items.push({ kind: "error", source, message: "the feed item has no content or summary" });
    else items.push({ kind: "input", source, input: { ...meta, text } });
  }
  return items;
}

async function fetchText(url: string, fetchImpl: typeof fetch): Promise<{ ok: true; body: string } | { ok: false; message: string }> {
  try {
    const res = await fetchImpl(url, { headers: { "user-agent": "sitrep (+https://github.com/sitrep)" }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) return { ok: false, message: `HTTP ${res.status}` };
    return { ok: true, body: await res.text() };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

function looksLikeFeed(head: string): boolean {
  return /<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]/i.test(head.slice(0, 2000));
}

/** Splits content whose kind is known only by its first characters (stdin, a URL's body). */
export async function itemsFromContent(content: string, name: string): Promise<IngestItem[]> {
  const head = content.replace(/^\uFEFF/, "").trimStart();
  if (looksLikeFeed(head)) return itemsFromFeed(content, name);
  if (head.startsWith("{")) {
    // NDJSON when its first line is a whole value (a broken line then costs only itself), else laid-out JSON
    const firstLine = head.slice(0, head.indexOf("\n") < 0 ? head.length : head.indexOf("\n"));
    return isJson(firstLine) ? itemsFromNdjson(content, name) : itemsFromJsonStream(content, name);
  }
  if (head.startsWith("[")) return itemsFromJson(content, name);
  return [{ kind: "input", source: name, input: { text: content, path: name } }];
}

/** Fetches a feed (or an article page) by URL. */
export async function itemsFromUrl(url: string, fetchImpl: typeof fetch = fetch): Promise<IngestItem[]> {
  let body: string;
  let type: string;
  try {
    const res = await fetchImpl(url, { headers: { "user-agent": "sitrep (+https://github.com/sitrep)", accept: "application/rss+xml, application/atom+xml, application/xml, text/html;q=0.8, */*;q=0.5" } });
    if (!res.ok) return [{ kind: "error", source: url, message: `HTTP ${res.status} ${res.statusText}` }];
    body = await res.text();
    type = res.headers.get("content-type") ?? "";
  } catch (err) {
    return [{ kind: "error", source: url, message: `cannot fetch (${(err as Error).message})` }];
  }
  if (looksLikeFeed(body) || /xml|rss|atom/.test(type)) return itemsFromFeed(body, url);
  return [{ kind: "input", source: url, input: { html: body, url, path: url } }];
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile()) {
      const ext = extname(e.name).toLowerCase();
      // In folders only recognised article and container files count; .json (facts, manifests) must be named.
      if (NOT_ARTICLES.test(e.name)) continue;
      if (ARTICLE_EXTENSIONS.has(ext) || NDJSON_EXTENSIONS.has(ext) || FEED_EXTENSIONS.has(ext) || ext === ".csv") out.push(full);
    }
  }
}

/** The items of one file, by its extension. */
export async function itemsFromFile(path: string): Promise<IngestItem[]> {
  const ext = extname(path).toLowerCase();
  const container = NDJSON_EXTENSIONS.has(ext) || FEED_EXTENSIONS.has(ext) || ext === ".csv" || ext === ".json";
  if (!container) return [{ kind: "file", source: path, path }];
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (err) {
    return [{ kind: "error", source: path, message: `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }];
  }
  if (content.trim() === "") return [{ kind: "error", source: path, message: "the file is empty" }];
  if (NDJSON_EXTENSIONS.has(ext)) return itemsFromNdjson(content, path);
  if (ext === ".csv") return itemsFromCsv(content, path);
  if (ext === ".json") return itemsFromJson(content, path);
  if (!looksLikeFeed(content)) return [{ kind: "file", source: path, path }];
  return itemsFromFeed(content, path);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Every item the arguments name, in order; folders are walked (sorted, hidden files skipped). */
export async function expandPaths(paths: string[], readInput: () => Promise<string> = readStdin): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for (const p of paths) {
    if (p === "-") {
      items.push(...(await itemsFromContent(await readInput(), "stdin")));
      continue;
    }
    if (/^https?:\/\//i.test(p)) {
      items.push(...(await itemsFromUrl(p)));
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      items.push({ kind: "error", source: p, message: "no such file or folder" });
      continue;
    }
    if (!isDir) {
      items.push(...(await itemsFromFile(p)));
      continue;
    }
    const files: string[] = [];
    walk(p, files);
    if (files.length === 0) items.push({ kind: "error", source: p, message: `the folder holds no article files (${[...ARTICLE_EXTENSIONS, ".ndjson", ".csv", ".rss"].join(" ")})` });
    for (const f of files) items.push(...(await itemsFromFile(f)));
  }
  return items;
}

/** "examples/a.txt: the file is empty": one line naming the input and the reason. */
export function describeFailure(source: string, err: unknown): string {
  const message = err instanceof SitrepError || err instanceof Error ? err.message : String(err);
  const base = basename(source);
  return message.startsWith(source) || message.startsWith(base) ? message : `${source}: ${message}`;
}
