// Accounting periods (会计期间): which months take vouchers. Pure rules over a narrow lookup.
import type { LedgerError, Source } from './errors.js';
import { withSource } from './errors.js';
import { PeriodErrors } from './errors/periods.js';
import { addMonths, monthsBetween, type Period } from './dates.js';

export interface PeriodLookup {
  isClosed(period: Period): boolean;
  /** The first month of the books (init --start), if set. */
  startPeriod(): Period | null;
}

/** A voucher may go into a month that is open and not before the books start. */
export function checkPeriodOpen(period: Period, periods: PeriodLookup, source?: Source): LedgerError | null {
  // A year closed (its December closed by year close) is reopened as a whole.
  if (periods.isClosed(period)) return withSource(PeriodErrors.PERIOD_CLOSED(period, periods.isClosed(`${period.slice(0, 4)}-12`)), source);
  const start = periods.startPeriod();
  if (start && period < start) return withSource(PeriodErrors.PERIOD_BEFORE_START(start), source);
  return null;
}

/** Open months from `start` up to `before` (exclusive), oldest first. */
export function openMonthsBetween(start: Period | null, before: Period, isClosed: (p: Period) => boolean): Period[] {
  if (!start || start >= before) return [];
  const out: Period[] = [];
  const n = monthsBetween(start, before);
  for (let i = 0; i < n; i++) {
    const p = addMonths(start, i);
    if (!isClosed(p)) out.push(p);
  }
  return out;
}
