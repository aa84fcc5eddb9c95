/** Day arithmetic on ISO dates (UTC, no time zones): enough to compare when events happened. */

const DAY_MS = 86_400_000;

/** Days already parsed: clustering compares the same few thousand days millions of times. */
const parsedDays = new Map<string, number | null>();

function parseDay(day: string): number | null {
  const hit = parsedDays.get(day);
  if (hit !== undefined) return hit;
  if (parsedDays.size >= 100_000) parsedDays.clear();
  const t = parseDayUncached(day);
  parsedDays.set(day, t);
  return t;
}

function parseDayUncached(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t).toISOString().slice(0, 10);
  return back === day ? t : null;
}

function formatDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const t = parseDay(day);
  if (t === null) throw new RangeError(`not an ISO day: "${day}"`);
  return formatDay(t + n * DAY_MS);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const ta = parseDay(a);
  const tb = parseDay(b);
  if (ta === null || tb === null) throw new RangeError(`not ISO days: "${a}", "${b}"`);
  return Math.round((tb - ta) / DAY_MS);
}

/**
 * The first and last day a TIMEX3-style value covers: "2018-05-01" one day, "2018-W17" its ISO week,
 * "2018-04" the month, "2017" the year; a date-time counts as its day. Null for anything else ("PRESENT_REF").
 */
export function dayInterval(value: string): [string, string] | null {
  const v = value.trim();
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(v);
  if (day) return parseDay(day[1]) === null ? null : [day[1], day[1]];
  const week = /^(\d{4})-W(\d{2})$/.exec(v);
  if (week) {
    const year = Number(week[1]);
    const n = Number(week[2]);
    if (n < 1 || n > 53) return null;
    // ISO week 1 holds January 4th; weeks start on Monday.
    const jan4 = Date.UTC(year, 0, 4);
    const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    const monday = mondayOfWeek1 + (n - 1) * 7 * DAY_MS;
    return [formatDay(monday), formatDay(monday + 6 * DAY_MS)];
  }
  const month = /^(\d{4})-(\d{2})$/.exec(v);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12) return null;
    return [formatDay(Date.UTC(y, m - 1, 1)), formatDay(Date.UTC(y, m, 0))];
  }
  const year = /^(\d{4})$/.exec(v);
  if (year) return [`${year[1]}-01-01`, `${year[1]}-12-31`];
  return null;
}

/** True when [aStart, aEnd] and [bStart, bEnd] share a day once each side is widened by `slack` days. */
export function intervalsOverlap(aStart: string, aEnd: string, bStart: string, bEnd: string, slack = 0): boolean {
  return daysBetween(bEnd, aStart) <= slack && daysBetween(aEnd, bStart) <= slack;
}
