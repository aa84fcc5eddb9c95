/** Day arithmetic on ISO dates (UTC, no time zones): enough to compare when events happened. */

const DAY_MS = 86_400_000;

/**
 * The day number of an ISO day (days since 1970-01-01), or null when `day` is not a valid "YYYY-MM-DD" from year
 * 100 on. Read digit by digit without allocating: clustering compares the same days millions of times.
 */
export function dayNumber(day: string): number | null {
  if (day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return null;
  const d = (i: number) => day.charCodeAt(i) - 48;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7 && (d(i) < 0 || d(i) > 9)) return null;
  const y = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const m = d(5) * 10 + d(6);
  const dd = d(8) * 10 + d(9);
  // Date.UTC reads years 0-99 as 1900-1999: such days never round-tripped, and stay invalid.
  if (y < 100 || m < 1 || m > 12 || dd < 1 || dd > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, dd);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function parseDay(day: string): number | null {
  const n = dayNumber(day);
  return n === null ? null : n * DAY_MS;
}

function formatDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The ISO day of a day number (H. Hinnant's civil_from_days), without a Date; years outside 0-9999 as Date writes them. */
function formatDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return formatDay(n * DAY_MS);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

export function addDays(day: string, n: number): string {
  const t = dayNumber(day);
  if (t === null) throw new RangeError(`not an ISO day: "${day}"`);
  return formatDayNumber(t + n);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const na = dayNumber(a);
  const nb = dayNumber(b);
  if (na === null || nb === null) throw new RangeError(`not ISO days: "${a}", "${b}"`);
  return nb - na;
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
