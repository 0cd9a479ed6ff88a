// Dates as ISO strings (YYYY-MM-DD) and periods (YYYY-MM). Pure: no clock.
import { foldWidth, type ParseResult } from './money.js';

export type IsoDate = string;
export type Period = string;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function makeDate(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Accepts 2024-03-05, 2024/3/5, 2024年3月5日 (and 2024-3-5); refuses dates that do not exist. */
export function parseDate(input: string): ParseResult<IsoDate> {
  const s = foldWidth(input).trim();
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (!m) {
    return {
      ok: false,
      reason: `日期格式不正确：「${input}」（应为 2024-03-05、2024/3/5 或 2024年3月5日）`,
      reasonEn: `not a date: "${input}" (use 2024-03-05, 2024/3/5 or 2024年3月5日)`,
    };
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    return { ok: false, reason: `日期不存在：「${input}」`, reasonEn: `no such date: "${input}"` };
  }
  return { ok: true, value: makeDate(y, mo, d) };
}

/** Accepts 2024-03, 2024/3, 2024年3月. */
export function parsePeriod(input: string): ParseResult<Period> {
  const s = foldWidth(input).trim();
  const m = /^(\d{4})[-/](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 1900) {
    return { ok: false, reason: `月份格式不正确：「${input}」（应为 2024-03）`, reasonEn: `not a month: "${input}" (use 2024-03)` };
  }
  return { ok: true, value: `${m[1]}-${pad(Number(m[2]))}` };
}

export function parseYear(input: string): ParseResult<number> {
  const s = foldWidth(input).trim();
  if (!/^\d{4}$/.test(s) || Number(s) < 1900) {
    return { ok: false, reason: `年份格式不正确：「${input}」`, reasonEn: `not a year: "${input}"` };
  }
  return { ok: true, value: Number(s) };
}

export function periodOf(date: IsoDate): Period {
  return date.slice(0, 7);
}

export function yearOf(dateOrPeriod: string): number {
  return Number(dateOrPeriod.slice(0, 4));
}

export function monthOf(dateOrPeriod: string): number {
  return Number(dateOrPeriod.slice(5, 7));
}

export function addMonths(p: Period, n: number): Period {
  const idx = yearOf(p) * 12 + (monthOf(p) - 1) + n;
  return `${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`;
}

export function monthsBetween(from: Period, to: Period): number {
  return yearOf(to) * 12 + monthOf(to) - (yearOf(from) * 12 + monthOf(from));
}

export function lastDayOfPeriod(p: Period): IsoDate {
  return makeDate(yearOf(p), monthOf(p), daysInMonth(yearOf(p), monthOf(p)));
}

/** The last month a period's text can name. */
const LAST_PERIOD = '9999-12';

/**
 * Where the end of `date` cuts the books: the months wholly before it (`before`, exclusive: the
 * balance tables' months < before) and the month whose lines up to `date` are still to be added,
 * null when `date` is its month's last day (that month is then wholly before the cut as well).
 */
export function dayEndCut(date: IsoDate): { before: Period; month: Period | null } {
  const p = periodOf(date);
  // December 9999 (the end of time for an as-of left open) has no month after it that a period's
  // text sorts before ('10000-01' < '2024-01'): its lines are read.
  if (date !== lastDayOfPeriod(p) || p === LAST_PERIOD) return { before: p, month: p };
  return { before: addMonths(p, 1), month: null };
}

/** Days since 1970-01-01 (UTC), for day arithmetic without time zones. */
export function dayNumber(date: IsoDate): number {
  return Math.round(Date.UTC(yearOf(date), monthOf(date) - 1, Number(date.slice(8, 10))) / 86400000);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  const d = new Date((dayNumber(date) + n) * 86400000);
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Same month-day in year y; 02-29 becomes 02-28 in a common year. */
export function withYear(monthDay: string, y: number): IsoDate {
  const m = Number(monthDay.slice(0, 2));
  const d = Number(monthDay.slice(3, 5));
  return makeDate(y, m, Math.min(d, daysInMonth(y, m)));
}

/** 2024-03 → 2024年3月 */
export function periodLabel(p: Period, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'en' ? p : `${yearOf(p)}年${monthOf(p)}月`;
}
