// Closing the books (结账): which month or year may be closed or reopened, and the year-end
// entries. Every check returns every reason it finds.
import type { LedgerError, Text } from './errors.js';
import { ClosingErrors } from './errors/periods.js';
import { addMonths, type Period } from './dates.js';
import { formatFenGrouped, type Fen } from './money.js';
import { openMonthsBetween } from './periods.js';
import { depreciationPlan, type DepreciationInput } from './depreciation.js';
import { amortisationPlan, type AmortisationInput } from './amortisation.js';
import { accrualDue, unpricedIn } from './contract-dues.js';
import type { ContractFile } from './contracts.js';

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

/**
 * `period reopen YYYY-MM`: the month must be closed, and its year not year-closed (that is undone
 * by `year reopen`, which reverses the closing entries). Later closed months of the same year
 * reopen with it (monthsToReopen).
 */
export function checkMonthReopen(period: Period, l: ClosingLookup): LedgerError[] {
  if (!l.isClosed(period)) return [ClosingErrors.PERIOD_NOT_CLOSED(period)];
  const year = Number(period.slice(0, 4));
  if (l.isClosed(`${year}-12`)) return [ClosingErrors.REOPEN_YEAR_CLOSED(period, year)];
  return [];
}

/** The months `period reopen` opens: the month, and the later closed months of its year, latest first. */
export function monthsToReopen(period: Period, closed: readonly Period[]): Period[] {
  const year = period.slice(0, 4);
  return closed.filter((p) => p >= period && p.startsWith(year)).sort().reverse();
}

/** `year reopen YYYY`: the year must be year-closed, and no month of the next year closed. */
export function checkYearReopen(year: number, l: ClosingLookup & { closedPeriods(): Period[] }): LedgerError[] {
  if (!l.isClosed(`${year}-12`)) return [ClosingErrors.YEAR_NOT_CLOSED(year)];
  const later = l.closedPeriods().filter((p) => p.startsWith(`${year + 1}-`));
  return later.length ? [ClosingErrors.YEAR_REOPEN_LATER(year, later)] : [];
}

// ---------------------------------------------------------------- what must be done before a close

/** What the controls of a close read of the ledger (under the write lock). */
export interface CloseLookup extends ClosingLookup {
  /** Net (debit − credit) of 101 库存现金 and its sub-accounts at the end of the month. */
  cashAtEnd(period: Period): Fen;
  /** Every asset card as `asset depreciate` sees it, with the months already charged. */
  depreciationInputs(): readonly DepreciationInput[];
  /** Land 经营权 with a term as `asset amortize` sees it, with the months already amortised. */
  amortisationInputs(): readonly AmortisationInput[];
  /** The contracts with what has been accrued (the receivable ones are checked at year end). */
  contractFiles(): readonly Pick<ContractFile, 'contract' | 'prices' | 'accruals'>[];
}

/** A close: of one month (January–November) or of a year (December, with the closing entries). */
export type CloseTarget = { month: Period } | { year: number };

/** One control of a close and what it found (nothing: it passes). */
export interface CloseControl {
  /** A stable key for scripts: order, cash, depreciation, amortisation, accrual. */
  key: 'order' | 'cash' | 'depreciation' | 'amortisation' | 'accrual';
  name: Text;
  errors: LedgerError[];
}

/**
 * Every control of a close, each with what it found: the order of the months; at the month's end
 * 101 库存现金 not in credit; depreciation posted through the month (every card `asset depreciate`
 * would charge for it, whatever its use status); land 经营权 amortised through it; and at year end
 * the receivable contracts' rent of the year accrued. Unreviewed vouchers do not block.
 */
export function closeControls(target: CloseTarget, l: CloseLookup): CloseControl[] {
  const month = 'month' in target ? target.month : `${target.year}-12`;
  const order = 'month' in target ? checkMonthClose(target.month, l) : checkYearClose(target.year, l);
  const controls: CloseControl[] = [{ key: 'order', name: { zh: '结账顺序', en: 'order of months' }, errors: order }];
  // December through `period close` is refused outright (it is closed by `year close`).
  if ('month' in target && order.some((e) => e.code === 'PERIOD_DECEMBER')) return controls;

  const cash = l.cashAtEnd(month);
  controls.push({ key: 'cash', name: { zh: '库存现金无贷方余额', en: 'cash not in credit' }, errors: cash < 0 ? [ClosingErrors.CLOSE_CASH_CREDIT(month, formatFenGrouped(-cash))] : [] });

  const start = l.startPeriod();
  const dep = depreciationPlan(l.depreciationInputs(), month, start);
  const assets = [...new Set(dep.flatMap((m) => m.charges.map((c) => c.code)))].sort();
  controls.push({
    key: 'depreciation',
    name: { zh: '折旧已计提', en: 'depreciation posted' },
    errors: dep.length ? [ClosingErrors.CLOSE_DEPRECIATION(month, dep.map((m) => m.period), assets)] : [],
  });

  const am = amortisationPlan(l.amortisationInputs(), month, start);
  const items = [...new Set(am.flatMap((m) => m.charges.map((c) => c.contribution)))].sort((a, b) => a - b).map((n) => `出资第${n}号`);
  controls.push({
    key: 'amortisation',
    name: { zh: '土地经营权已摊销', en: 'land-use rights amortised' },
    errors: am.length ? [ClosingErrors.CLOSE_AMORTISATION(month, am.map((m) => m.period), items)] : [],
  });

  if ('year' in target) {
    // Receivable rent of the year accrued in full; and rent accrued too much (after an early end) taken
    // back, of payable contracts too: an accrual made is never left larger than the contract's rent.
    const due = l
      .contractFiles()
      .map((f) => ({ code: f.contract.code, direction: f.contract.direction, amount: accrualDue(f, target.year) }))
      .filter((x) => (x.direction === '收' && x.amount > 0) || x.amount < 0);
    const short = due.filter((x) => x.amount > 0);
    const excess = due.filter((x) => x.amount < 0);
    // Rent in kind of the year not priced yet: not accrued either, whatever accrue says of it.
    const unpriced = l
      .contractFiles()
      .filter((f) => f.contract.direction === '收')
      .flatMap((f) => unpricedIn(f, target.year).map((y) => ({ code: f.contract.code, year: y })));
    controls.push({
      key: 'accrual',
      name: { zh: '应收租金已确认', en: 'rent accrued' },
      errors: [
        ...(unpriced.length ? [ClosingErrors.CLOSE_UNPRICED(target.year, unpriced)] : []),
        ...(short.length ? [ClosingErrors.CLOSE_ACCRUAL(target.year, short.map((x) => `${x.code} ${formatFenGrouped(x.amount)}`))] : []),
        ...(excess.length ? [ClosingErrors.CLOSE_ACCRUAL_EXCESS(target.year, excess.map((x) => `${x.code} ${formatFenGrouped(-x.amount)}`))] : []),
      ],
    });
  }
  return controls;
}

/** Every reason a close is refused (closeControls, flattened). */
export function checkClose(target: CloseTarget, l: CloseLookup): LedgerError[] {
  return closeControls(target, l).flatMap((c) => c.errors);
}

/**
 * The months `period close FROM [TO]` or `--through TO` closes, in order. Without FROM: from the
 * first open month of the books (or TO itself when every earlier month is closed).
 */
export function monthsToClose(from: Period | null, to: Period, l: ClosingLookup): { months: Period[]; errors: LedgerError[] } {
  if (from && from > to) return { months: [], errors: [ClosingErrors.CLOSE_RANGE(from, to)] };
  let first = from;
  if (!first) {
    const books = l.firstPeriod();
    // Books without a first month yet (no --start, no voucher, no close): the month named.
    const open = books ? openMonthsBetween(books, addMonths(to, 1), (p) => l.isClosed(p)) : [to];
    if (open.length === 0) return { months: [], errors: [] };
    first = open[0];
  }
  const months: Period[] = [];
  for (let p = first; p <= to; p = addMonths(p, 1)) months.push(p);
  return { months, errors: [] };
}
