/**
 * Article structure from plain text or Markdown: headline, date line (also glued to the first sentence, as in
 * "May 1, 2018The White House ..."), subheads, "Read more:" lines and credits, leaving the clean body.
 */
import { loadLexicon } from "../lexicon.js";

export interface ArticleStructure {
  title: string | null;
  published: string | null;
  paragraphs: string[];
  subheads: string[];
  related: string[];
  authors: string[];
  agencies: string[];
  contributors: { name: string; role: string }[];
  /** "GAZIANTEP, Turkey (Wire) --" opening the first paragraph: kept in the text, its extent and parts here */
  dateline: { length: number; place: string; agency: string | null } | null;
}

let monthTable: Map<string, number> | undefined;
function months(): Map<string, number> {
  monthTable ??= new Map(loadLexicon("_shared/months.tsv", ["name", "month"]).map((r) => [r.name, Number(r.month)]));
  return monthTable;
}

const WEEKDAY = String.raw`(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)`;
let dateAtStart: RegExp | undefined;
// A date at the very start of a line; the year may be glued to the next word ("2018The").
function dateAtStartRe(): RegExp {
  if (dateAtStart) return dateAtStart;
  const names = [...months().keys()].sort((a, b) => b.length - a.length).join("|");
  const MONTH = `(?:${names})\\.?`;
  dateAtStart = new RegExp(
    String.raw`^(?:published:?\s*|updated:?\s*)?${WEEKDAY}?(?:(?<m1>${MONTH})\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y1>\d{4})|(?<d2>\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?(?<m2>${MONTH}),?\s+(?:de\s+)?(?<y2>\d{4})|(?<y3>\d{4})-(?<m3>\d{2})-(?<d3>\d{2}))(?:[ T,]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?`,
    "iu",
  );
  return dateAtStart;
}

/** "May 1, 2018", "1 May 2018", "2018-05-01" at the start of `line`: the ISO day and where the date ends. */
export function dateAtLineStart(line: string): { iso: string; end: number } | null {
  const m = dateAtStartRe().exec(line);
  if (!m?.groups) return null;
  const g = m.groups;
  const year = Number(g.y1 ?? g.y2 ?? g.y3);
  const monthWord = (g.m1 ?? g.m2)?.toLowerCase().replace(/\.$/, "");
  const month = g.m3 ? Number(g.m3) : monthWord ? months().get(monthWord) ?? months().get(monthWord.slice(0, 3)) : undefined;
  const day = Number(g.d1 ?? g.d2 ?? g.d3);
  if (!month || !day || day > 31 || year < 1900 || year > 2100) return null;
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.getUTCDate() !== day) return null;
  return { iso, end: m[0].length };
}

// "ls/rc (AFP, Reuters, AP, dpa)", "jk (Reuters)"
const CREDITS = /^(?<authors>[a-z]{1,4}(?:\s*\/\s*[a-z]{1,4})*)\s*\((?<agencies>[^()]{2,80})\)\s*$/;
const AGENCIES_ONLY = /^\((?<agencies>[A-Za-z][A-Za-z ,.&/-]{1,60})\)$/;
const REPORTING_BY = /^(?:reporting|writing|editing|additional reporting)\s+by\s+(?<names>.+?)\.?$/i;
// "DUMAGUETE CITY --", "GAZIANTEP, Turkey (Wire) --", "KYIV, Ukraine, May 3 (Reuters) -"
const DATELINE = /^(?<place>\p{Lu}[\p{Lu}\p{M} .'’-]{2,40}?)(?:,\s*(?<region>\p{Lu}[\p{L}\p{M} .'’-]{1,30}?))?(?:,\s*[\p{L}]+\.? \d{1,2})?\s*(?:\((?<agency>[^()]{2,30})\))?\s*(?:--|—|–|-)\s+/u;
const BYLINE = /^by\s+(?<names>[\p{Lu}][\p{L}.'’ -]+(?:\s+(?:and|&)\s+[\p{Lu}][\p{L}.'’ -]+)*)$/iu;
const RELATED = /^(?:read more|read also|also read|related|see also|more on this|watch)\s*:\s*(?<what>.+)$/i;
const SENTENCE_END = /[.!?…:;]["'”’)\]]*$/;

function splitNames(s: string): string[] {
  return s
    .split(/\s*(?:,|;|\band\b|&|editing by|\bby\b)\s*/i)
    .map((x) => x.replace(/^(?:editing|reporting)\s+/i, "").trim())
    .filter((x) => /\p{Lu}/u.test(x));
}

function looksLikeHeadline(line: string): boolean {
  const words = line.split(/\s+/).length;
  return words <= 25 && line.length <= 220 && !/[.;,]$/.test(line);
}

/** Splits cleaned lines into structure and body. `given` overrides what the text says. */
export function parseStructure(lines: string[], given: { title?: string | null; published?: string | null } = {}): ArticleStructure {
  const rest = lines.map((l) => l.replace(/[\s\u00a0]+/g, " ").trim()).filter(Boolean);
  const out: ArticleStructure = { title: null, published: null, paragraphs: [], subheads: [], related: [], authors: [], agencies: [], contributors: [], dateline: null };
  if (rest.length === 0) return out;

  // headline: the given title, or a first line that reads like one and is followed by more text
  if (given.title) {
    out.title = given.title.trim();
    if (rest[0] === out.title) rest.shift();
  } else if (rest.length > 1 && looksLikeHeadline(rest[0]) && !dateAtLineStart(rest[0])) {
    out.title = rest.shift() ?? null;
  }

  // date line, possibly glued to the first sentence
  for (let i = 0; i < Math.min(2, rest.length); i++) {
    const d = dateAtLineStart(rest[i]);
    if (!d) continue;
    out.published = d.iso;
    const remainder = rest[i].slice(d.end).replace(/^[\s|,–—-]+/, "");
    if (remainder) rest[i] = remainder;
    else rest.splice(i, 1);
    break;
  }
  if (given.published) out.published = given.published;

  // a byline near the top
  if (rest.length > 1) {
    const by = BYLINE.exec(rest[0]);
    if (by?.groups && rest[0].split(/\s+/).length <= 10) {
      const names = splitNames(by.groups.names);
      out.authors.push(...names);
      out.contributors.push(...names.map((name) => ({ name, role: "reporter" })));
      rest.shift();
    }
  }

  // credits at the end
  while (rest.length > 1) {
    const last = rest[rest.length - 1];
    const credits = CREDITS.exec(last);
    const agenciesOnly = AGENCIES_ONLY.exec(last);
    const reporting = REPORTING_BY.exec(last);
    if (credits?.groups) {
      out.authors.push(...credits.groups.authors.split("/").map((a) => a.trim()).filter(Boolean));
      out.agencies.push(...credits.groups.agencies.split(/\s*[,/]\s*/).map((a) => a.trim()).filter(Boolean));
    } else if (agenciesOnly?.groups) {
      out.agencies.push(...agenciesOnly.groups.agencies.split(/\s*[,/]\s*/).map((a) => a.trim()).filter(Boolean));
    } else if (reporting?.groups) {
      for (const part of last.split(/;\s*/)) {
        const m = /^(?:additional\s+)?(reporting|writing|editing)\s+by\s+(.+?)\.?$/i.exec(part.trim());
        if (!m) continue;
        const role = { reporting: "reporter", writing: "writer", editing: "editor" }[m[1].toLowerCase()] ?? "reporter";
        const names = splitNames(m[2]);
        out.authors.push(...names);
        out.contributors.push(...names.map((name) => ({ name, role })));
      }
    } else break;
    rest.pop();
  }

  rest.forEach((line, i) => {
    if (out.paragraphs.length === 0 && !out.dateline) {
      const d = DATELINE.exec(line);
      if (d?.groups && /^[\p{Lu}\p{M} .'’-]+$/u.test(d.groups.place) && /\p{Lu}{3}/u.test(d.groups.place)) {
        out.dateline = { length: d[0].trimEnd().length, place: d.groups.place.trim(), agency: d.groups.agency?.trim() ?? null };
        if (out.dateline.agency && !out.agencies.includes(out.dateline.agency)) out.agencies.push(out.dateline.agency);
      }
    }
    const related = RELATED.exec(line);
    if (related?.groups) {
      out.related.push(related.groups.what.trim());
      return;
    }
    // a short line without sentence punctuation between paragraphs is a subhead
    const words = line.split(/\s+/).length;
    if (i > 0 && i < rest.length - 1 && words <= 14 && !SENTENCE_END.test(line)) {
      out.subheads.push(line);
      return;
    }
    out.paragraphs.push(line);
  });
  return out;
}

/** Markdown to plain lines: headings, emphasis, links, images, lists, quotes and code fences removed. */
export function markdownToLines(source: string): { lines: string[]; title: string | null; published: string | null } {
  let text = source;
  let title: string | null = null;
  let published: string | null = null;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (front) {
    for (const line of front[1].split("\n")) {
      const kv = /^(\w+):\s*["']?(.*?)["']?\s*$/.exec(line);
      if (!kv) continue;
      if (kv[1] === "title") title = kv[2];
      if (kv[1] === "date" && /^\d{4}-\d{2}-\d{2}/.test(kv[2])) published = kv[2].slice(0, 10);
    }
    text = text.slice(front[0].length);
  }
  const lines: string[] = [];
  let inFence = false;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    let line = raw
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, "")
      .replace(/^\s{0,3}>\s?/, "")
      .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
      .replace(/(\*\*|__)(.+?)\1/g, "$2")
      .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, "$1$2")
      .replace(/`([^`]+)`/g, "$1");
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      line = heading[2];
      if (heading[1].length === 1 && title === null) {
        title = line;
        continue;
      }
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) continue; // horizontal rule
    lines.push(line);
  }
  return { lines, title, published };
}
