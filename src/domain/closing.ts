// Closing the books (结账): which month or year may be closed or reopened, and the year-end
// entries. Every check returns every reason it finds.
import type { LedgerError } from './errors.js';
import { ClosingErrors } from './errors/periods.js';
import type { Period } from './dates.js';
import { openMonthsBetween } from './periods.js';

/** What closing needs to know of the ledger's periods. */
export interface ClosingLookup {
  isClosed(period: Period): boolean;
  /** init --start, if set. */
  startPeriod(): Period | null;
  /** The first month of the books (start, else the earliest voucher or close). */
  firstPeriod(): Period | null;
}

function orderErrors(before: Period, l: ClosingLookup): LedgerError[] {
  const open = openMonthsBetween(l.firstPeriod(), before, (p) => l.isClosed(p));
  return open.length ? [ClosingErrors.PERIOD_ORDER(open)] : [];
}

/** `period close YYYY-MM`: not December, not closed already, not before the books, in order. */
export function checkMonthClose(period: Period, l: ClosingLookup): LedgerError[] {
  if (period.endsWith('-12')) return [ClosingErrors.PERIOD_DECEMBER(Number(period.slice(0, 4)))];
  if (l.isClosed(period)) return [ClosingErrors.PERIOD_ALREADY_CLOSED(period)];
  const start = l.startPeriod();
  if (start && period < start) return [ClosingErrors.PERIOD_START(period, start)];
  return orderErrors(period, l);
}

/** `year close YYYY`: December open, the year not before the books, January–November closed. */
export function checkYearClose(year: number, l: ClosingLookup): LedgerError[] {
  const dec = `${year}-12`;
  if (l.isClosed(dec)) return [ClosingErrors.YEAR_CLOSED(year)];
  const start = l.startPeriod();
  if (start && dec < start) return [ClosingErrors.YEAR_START(year, start)];
  return orderErrors(dec, l);
}

/** `period reopen YYYY-MM`: the month must be closed; later closed months reopen with it. */
export function checkMonthReopen(period: Period, l: ClosingLookup): LedgerError[] {
  return l.isClosed(period) ? [] : [ClosingErrors.PERIOD_NOT_CLOSED(period)];
}
