/**
 * Time expressions: found and normalised against the publication date, with their granularity.
 * chrono-node (forwardDate false) handles days and dates; weeks, months, bare years and weekday direction
 * follow our own rules, because chrono resolves "on Friday" forward and misses "in 2011" and ISO weeks.
 */
import * as chrono from "chrono-node";
import type { Granularity } from "../report.js";
import { loadLexicon } from "../lexicon.js";

export interface TimeExpression {
  start: number;
  end: number;
  /** TIMEX3-style value: 2018-05-01, 2018-W17, 2018-04, 2017 */
  value: string;
  granularity: Granularity;
  anchoredTo: "published" | "absolute" | "other";
}

const DAY_MS = 86_400_000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** ISO 8601 week of a UTC date: "2018-W17". */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dayNum = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dayNum);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

function shift(pub: Date, unit: "week" | "month" | "year", offset: number): { value: string; granularity: Granularity } {
  if (unit === "week") return { value: isoWeek(new Date(pub.getTime() + offset * 7 * DAY_MS)), granularity: "week" };
  if (unit === "year") return { value: String(pub.getUTCFullYear() + offset), granularity: "year" };
  const m = new Date(Date.UTC(pub.getUTCFullYear(), pub.getUTCMonth() + offset, 1));
  return { value: m.toISOString().slice(0, 7), granularity: "month" };
}

let relativePhrases: { re: RegExp; unit: "week" | "month" | "year"; offset: number }[] | undefined;
function phrases() {
  relativePhrases ??= loadLexicon("en/time-words.tsv", ["phrase", "unit", "offset"])
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .map((r) => ({
      re: new RegExp(`\\b${r.phrase.replace(/ /g, "\\s+")}\\b`, "gi"),
      unit: r.unit as "week" | "month" | "year",
      offset: Number(r.offset),
    }));
  return relativePhrases;
}

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, several: NaN };
const ORDINAL_QUARTER = /\b(?:the\s+)?(first|second|third|fourth)[- ]quarter(?:\s+of\s+((?:19|20)\d{2}))?\b/gi;
const DURATION = /\b(?:the\s+)?(?:(?:first|past|last|next|previous)\s+)?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](years?|months?|weeks?|days?|hours?|minutes?)(?:-long)?\b(?!-old|\s+(?:ago|earlier|later|before|after|old))/gi;

function quarterOf(pub: Date, offset: number): string {
  const q = Math.floor(pub.getUTCMonth() / 3) + offset;
  const year = pub.getUTCFullYear() + Math.floor(q / 4);
  return `${year}-Q${((q % 4) + 4) % 4 + 1}`;
}

let vague: { re: RegExp; value: string; offset: number }[] | undefined;
function vagueRefs() {
  vague ??= loadLexicon("en/time-refs.tsv", ["phrase", "value"])
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .map((r) => ({ re: new RegExp(`\\b${r.phrase.replace(/ /g, "\\s+")}\\b`, "gi"), value: r.value, offset: Number(r.offset || 0) }));
  return vague;
}

const MONTH_DAY_BEFORE = /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+$/;
/** A date without a year more than this many days after publication is read as last year's unless its sentence looks ahead. */
const FAR_AHEAD_DAYS = 60;
const FUTURE_CUE = /\b(?:will|would|shall|is (?:due|expected|scheduled|set) to|are (?:due|expected|scheduled|set) to|plans? to|next)\b/i;
// A bare year after a preposition ("in 2011", "since 2014") or standing as a date on its own.
const BARE_YEAR = /\b(?:in|since|from|until|by|of|during|before|after|early|late|mid-?|the|a|its|their)\s+((?:19|20)\d{2})\b(?![-/]\d)(?!\s+(?:people|persons|civilians|soldiers|troops|refugees|migrants|residents|families|children)\b)/gi;
const MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH_YEAR = new RegExp(`\\b(?:in|since|from|until|by|during|early|late|mid-?)?\\s*(${MONTH_NAMES})(?:\\s+((?:19|20)\\d{2}))?\\b(?!\\s+\\d{1,2}\\b)`, "g");

// "on 14/03", "of 14/03", "(14/03)": a day and a month after a word that introduces a date, or in brackets
const NUMERIC_DAY_MONTH = /(?:\b(?:on|of|late|early|since|until)\s+|\()(\d{1,2})\/(\d{1,2})(?![\d/])/gi;

/** Words after a date that make it the name of a place, a street or a group rather than a time. */
const DATE_NAMES_FOLLOWER = /^\s+(?:neighbou?rhoods?|streets?|squares?|avenues?|bridges?|stadiums?|movement|alliance|brigades?|revolution|uprising)\b/i;

function overlaps(list: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return list.some((t) => start < t.end && end > t.start);
}

/**
 * Every time expression in `text`, normalised against `published` (ISO date). Without a publication date,
 * only absolute dates are returned.
 */
export function findTimeExpressions(text: string, published: string | null): TimeExpression[] {
  const found: TimeExpression[] = [];
  const pub = published ? new Date(`${published.slice(0, 10)}T12:00:00Z`) : null;

  // 1. weeks, months, years relative to publication (before chrono, which turns "last week" into a day)
  if (pub) {
    for (const p of phrases()) {
      p.re.lastIndex = 0;
      for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        if (overlaps(found, m.index, m.index + m[0].length)) continue;
        // "April 15 last year" is one date: chrono reads it below
        if (p.unit === "year" && MONTH_DAY_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
        found.push({ start: m.index, end: m.index + m[0].length, ...shift(pub, p.unit, p.offset), anchoredTo: "published" });
      }
    }
  }

  // 1b. durations ("the past two years" before "the past"), then vague references and quarters
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) {
    if (overlaps(found, m.index, m.index + m[0].length)) continue;
    const n = NUMBER_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
    if (!Number.isFinite(n)) continue;
    const unit = { year: "Y", month: "M", week: "W", day: "D", hour: "H", minute: "M" }[m[2].toLowerCase().replace(/s$/, "") as "year"];
    const value = m[2].toLowerCase().startsWith("hour") || m[2].toLowerCase().startsWith("minute") ? `PT${n}${unit}` : `P${n}${unit}`;
    found.push({ start: m.index, end: m.index + m[0].length, value, granularity: "other", anchoredTo: "other" });
  }

  if (pub) {
    for (const r of vagueRefs()) {
      r.re.lastIndex = 0;
      for (let m = r.re.exec(text); m; m = r.re.exec(text)) {
        if (overlaps(found, m.index, m.index + m[0].length)) continue;
        const value = r.value === "QUARTER" ? quarterOf(pub, r.offset) : r.value;
        found.push({ start: m.index, end: m.index + m[0].length, value, granularity: "other", anchoredTo: "published" });
      }
    }
    ORDINAL_QUARTER.lastIndex = 0;
    for (let m = ORDINAL_QUARTER.exec(text); m; m = ORDINAL_QUARTER.exec(text)) {
      if (overlaps(found, m.index, m.index + m[0].length)) continue;
      const q = ["first", "second", "third", "fourth"].indexOf(m[1].toLowerCase()) + 1;
      found.push({ start: m.index, end: m.index + m[0].length, value: `${m[2] ?? pub.getUTCFullYear()}-Q${q}`, granularity: "other", anchoredTo: m[2] ? "absolute" : "published" });
    }
  }
  // 1c. a numeric day and month with no year where a date is expected ("on 14/03", "(14/03)", "the night of
  // 14/03"); a bare "7/8" stays a fraction. Of the two readings (day/month, month/day) the one that is a calendar
  // day nearest publication wins, since news reports the recent past.
  if (pub) {
    NUMERIC_DAY_MONTH.lastIndex = 0;
    for (let m = NUMERIC_DAY_MONTH.exec(text); m; m = NUMERIC_DAY_MONTH.exec(text)) {
      const start = m.index + m[0].length - m[1].length - 1 - m[2].length;
      const end = start + m[1].length + 1 + m[2].length;
      if (overlaps(found, start, end)) continue;
      const a = Number(m[1]);
      const b = Number(m[2]);
      let best: Date | null = null;
      for (const [day, month] of [[a, b], [b, a]]) {
        if (month < 1 || month > 12 || day < 1 || day > 31) continue;
        for (const k of [-1, 0, 1]) {
          const d = new Date(Date.UTC(pub.getUTCFullYear() + k, month - 1, day));
          if (d.getUTCDate() !== day) continue;
          if (!best || Math.abs(d.getTime() - pub.getTime()) < Math.abs(best.getTime() - pub.getTime())) best = d;
        }
      }
      if (best) found.push({ start, end, value: isoDay(best), granularity: "day", anchoredTo: "published" });
    }
  }

  // 2. days and dates
  const ref = pub ?? new Date(Date.UTC(2000, 0, 1));
  /** dates that are names (below): the month and year rules do not read them either */
  const names: { start: number; end: number }[] = [];
  for (const r of chrono.parse(text, ref, { forwardDate: false })) {
    const start = r.index;
    let end = r.index + r.text.length;
    if (overlaps(found, start, end)) continue;
    // "three years after" is anchored to another event, not to publication: not resolvable here
    if (/\b(?:after|before|later|earlier|since|from now)\b/i.test(r.text) && !/\bago\b/i.test(r.text) && /\b(?:days?|weeks?|months?|years?|hours?)\b/i.test(r.text)) continue;
    // "Sun" is a newspaper, "7/8" a fraction, "now" a present reference (read above)
    if (/^(?:sun|sat|mon|tue|wed|thu|fri)\.?$/i.test(r.text.replace(/^[\s,;:(]+/, "")) || /^\d{1,2}\/\d{1,2}$/.test(r.text) || /^(?:now|right now)$/i.test(r.text)) continue;
    // month names only count capitalised ("march" is a verb); a month without a day is read by the month rule
    if (/^(?:in\s+|on\s+)?(?:march|may)\b/.test(r.text)) continue;
    if (!/\d/.test(r.text) && new RegExp(`\\b(?:${MONTH_NAMES})\\b`).test(r.text) && !/day\b/i.test(r.text)) continue;
    // "the July 7 neighbourhood", "9 April Square", "the 6 April Movement": a date that names a place or a group
    if (DATE_NAMES_FOLLOWER.test(text.slice(end, end + 24))) {
      names.push({ start, end });
      continue;
    }
    const known: Partial<Record<"year" | "month" | "day" | "weekday" | "hour", number>> = {};
    for (const c of ["year", "month", "day", "weekday", "hour"] as const) {
      if (r.start.isCertain(c)) known[c] = r.start.get(c) ?? undefined;
    }
    // "On 9 June, 12 people were hurt": a figure after the comma that a word follows counts something, it is no year
    const strayYear = /,\s*\d{1,2}$/.exec(r.text);
    if (strayYear && known.day !== undefined && /^\s+\p{L}/u.test(text.slice(end))) {
      end -= strayYear[0].length;
      delete known.year;
    }
    const hasYear = known.year !== undefined;
    // "between 6 and 8 October", "from 2 to 4 May": the happening starts on the first day
    const firstDay = known.day !== undefined ? /\b(?:between|from)\s+(\d{1,2})(?:st|nd|rd|th)?\s+(?:and|to)\s+$/i.exec(text.slice(Math.max(0, start - 24), start)) : null;
    // Without a publication date, "today" or "yesterday" has nothing to count from: chrono would count from
    // the stand-in reference and invent a day. Only a date whose words state its year is read then.
    if (!pub && (!hasYear || !/\d{4}|'\d{2}\b/.test(r.text))) continue;
    if (known.hour !== undefined && known.day === undefined && known.weekday === undefined) continue; // a bare clock time
    let value: string;
    let granularity: Granularity;
    if (known.day !== undefined || known.weekday !== undefined) {
      let d = r.start.date();
      const yearAfter = /^,?\s+(last|next|this)\s+year\b/i.exec(text.slice(end));
      if (pub && !hasYear && yearAfter) {
        const offset = yearAfter[1].toLowerCase() === "last" ? -1 : yearAfter[1].toLowerCase() === "next" ? 1 : 0;
        d = new Date(Date.UTC(pub.getUTCFullYear() + offset, d.getUTCMonth(), d.getUTCDate()));
        end += yearAfter[0].length;
      }
      if (pub && known.weekday !== undefined && known.day === undefined) {
        // news reports the past: the latest such weekday on or before publication, unless the sentence looks ahead
        // the clause that leads up to the date decides its direction ("will march on Friday")
        const clauseStart = Math.max(text.lastIndexOf(".", start), text.lastIndexOf(",", start), text.lastIndexOf(" that ", start), text.lastIndexOf("\n", start));
        const sentence = text.slice(clauseStart + 1, end);
        const back = (pub.getUTCDay() - known.weekday + 7) % 7;
        const forward = (known.weekday - pub.getUTCDay() + 7) % 7;
        d = new Date(pub.getTime() + (FUTURE_CUE.test(sentence) && forward > 0 ? forward : -back) * DAY_MS);
      } else if (pub && !hasYear && !yearAfter) {
        // a date without a year is the one nearest publication ("Jan. 14" in a late-December paper is next month),
        // but news reports the past: one more than two months ahead is last year's unless its sentence looks ahead
        // ("On 17 April, three people were shot" in an October paper is this April, "polls will open on 17 April"
        // next April)
        const candidates = [-1, 0, 1].map((k) => new Date(Date.UTC(pub.getUTCFullYear() + k, d.getUTCMonth(), d.getUTCDate())));
        d = candidates.reduce((best, c) => (Math.abs(c.getTime() - pub.getTime()) < Math.abs(best.getTime() - pub.getTime()) ? c : best));
        if (d.getTime() - pub.getTime() > FAR_AHEAD_DAYS * DAY_MS) {
          const sentenceStart = Math.max(text.lastIndexOf(". ", start), text.lastIndexOf("\n", start)) + 1;
          const next = text.slice(end).search(/[.!?](?:\s|$)|\n/);
          const sentence = text.slice(sentenceStart, next < 0 ? text.length : end + next);
          if (!FUTURE_CUE.test(sentence)) d = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
        }
      }
      if (firstDay && Number(firstDay[1]) >= 1 && Number(firstDay[1]) < d.getUTCDate()) d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), Number(firstDay[1])));
      value = isoDay(d);
      granularity = "day";
    } else if (known.month !== undefined) {
      value = `${known.year ?? r.start.get("year")}-${String(known.month).padStart(2, "0")}`;
      granularity = "month";
    } else if (hasYear) {
      value = String(known.year);
      granularity = "year";
    } else continue;
    // trim a leading preposition and trailing comma chrono sometimes includes ("On Monday,")
    const lead = /^(?:on|in|at|since|from|by)\s+/i.exec(r.text);
    const trail = /[\s,.;]+$/.exec(r.text);
    found.push({
      start: start + (lead ? lead[0].length : 0),
      end: end - (trail ? trail[0].length : 0),
      value,
      granularity,
      anchoredTo: hasYear ? "absolute" : "published",
    });
  }

  // 3. bare years ("in 2011") and month names without a day ("in March")
  BARE_YEAR.lastIndex = 0;
  for (let m = BARE_YEAR.exec(text); m; m = BARE_YEAR.exec(text)) {
    const start = m.index + m[0].length - m[1].length;
    if (overlaps(found, start, start + 4) || overlaps(names, start, start + 4)) continue;
    found.push({ start, end: start + 4, value: m[1], granularity: "year", anchoredTo: "absolute" });
  }
  MONTH_YEAR.lastIndex = 0;
  for (let m = MONTH_YEAR.exec(text); m; m = MONTH_YEAR.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]);
    const end = m.index + m[0].length;
    if (overlaps(found, start, end) || overlaps(names, start, end)) continue;
    if (m[1] === "May" && !m[2] && !/\b(?:in|since|from|until|by|during|early|late|mid-?)\s*$/i.test(m[0].slice(0, m[0].indexOf(m[1])))) continue; // the verb "may"
    const month = MONTH_NAMES.split("|").indexOf(m[1]) + 1;
    let year: number | null = m[2] ? Number(m[2]) : null;
    if (year === null) {
      if (!pub) continue;
      year = month <= pub.getUTCMonth() + 1 ? pub.getUTCFullYear() : pub.getUTCFullYear() - 1;
    }
    found.push({ start, end, value: `${year}-${String(month).padStart(2, "0")}`, granularity: "month", anchoredTo: m[2] ? "absolute" : "published" });
  }
  found.sort((a, b) => a.start - b.start);
  return withDayShifts(text, found, pub);
}

/**
 * "the previous day", "the day after", "two days earlier": a day counted from the day the narrative is at, which is
 * the last day named before it in its paragraph ("claimed it on Wednesday ... a bombing the previous day" is the
 * Tuesday), else publication. Followed by what it is counted from ("the day before the vote", "a day after the
 * attack") it is anchored to another happening and is not read.
 */
const DAY_SHIFT = /\b(?:the\s+(previous|preceding|next|following)\s+day|the\s+day\s+(before|after)|(a|one|two|three|four|five|six|seven|[1-9])\s+days?\s+(earlier|later|before|after))\b/gi;
const BACKWARD = new Set(["previous", "preceding", "before", "earlier"]);

function withDayShifts(text: string, found: TimeExpression[], pub: Date | null): TimeExpression[] {
  DAY_SHIFT.lastIndex = 0;
  const shifted: TimeExpression[] = [];
  let i = 0; // found[i - 1] is the last expression starting before the match (both lists go left to right)
  let lastDay: TimeExpression | undefined;
  for (let m = DAY_SHIFT.exec(text); m; m = DAY_SHIFT.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    for (; i < found.length && found[i].start < start; i++) if (found[i].granularity === "day") lastDay = found[i];
    if (overlaps(found, start, end)) continue;
    const word = (m[1] ?? m[2] ?? m[4]).toLowerCase();
    const after = text.slice(end, end + 12);
    // "before"/"after" stand alone only at a clause's end; "a day later than its timetable" compares, it dates nothing
    if ((word === "before" || word === "after") ? !/^\s*(?:[,.;:)\u2014]|$)/.test(after) : /^[\s-]+than\b|^-/i.test(after)) continue;
    const paragraphStart = text.lastIndexOf("\n", start);
    const ref = lastDay && lastDay.start > paragraphStart ? lastDay : undefined;
    const from = ref ? new Date(`${ref.value}T12:00:00Z`) : pub;
    if (!from || Number.isNaN(from.getTime())) continue;
    const direction = BACKWARD.has(word) ? -1 : 1;
    const n = m[3] ? NUMBER_WORDS[m[3].toLowerCase()] ?? Number(m[3]) : 1;
    shifted.push({ start, end, value: isoDay(new Date(from.getTime() + direction * n * DAY_MS)), granularity: "day", anchoredTo: ref ? ref.anchoredTo : "published" });
  }
  return shifted.length === 0 ? found : [...found, ...shifted].sort((a, b) => a.start - b.start);
}
