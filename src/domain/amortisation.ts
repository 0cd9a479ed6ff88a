// Amortisation of land 经营权 taken in as shares for a term (土地经营权入股摊销). Pure: no I/O.
//
// CONTRACT.md: per month from the month after the contribution, round(value ÷ (N × 12)) Dr 511
// 经营支出 (with the project) Cr 162 累计摊销, the last month taking the difference so the total is
// exactly the value; one voucher per month, idempotent, closed months refused. Months before the
// books start are covered by the opening balance of 162 and never posted (as for depreciation).
import { Decimal, formatFenGrouped, roundToFen, type Fen } from './money.js';
import { addMonths, lastDayOfPeriod, periodLabel, periodOf, type IsoDate, type Period } from './dates.js';
import type { LedgerError } from './errors.js';
import { AssetErrors } from './errors/assets.js';
import type { PeriodLookup } from './periods.js';
import type { VoucherDraft, VoucherLine } from './voucher.js';
import type { AccountLookup } from './registers.js';

/** Land 经营权 put in as shares with a term: what its amortisation needs. */
export interface AmortisableLand {
  /** The contribution's number (出资第N号). */
  contribution: number;
  project: string;
  /** The day it was put in; amortisation starts the month after. */
  date: IsoDate;
  /** 价值, fen: the amount booked to 161 无形资产. */
  value: Fen;
  /** 期限 in whole years. */
  termYears: number;
}

export interface AmortisationInput {
  land: AmortisableLand;
  /** Months already amortised. */
  posted: ReadonlySet<Period>;
}

export interface AmortisationCharge {
  period: Period;
  amount: Fen;
}

/** round(value ÷ (N × 12)), half away from zero. */
export function monthlyAmortisation(value: Fen, termYears: number): Fen {
  return roundToFen(new Decimal(value).div(termYears * 12));
}

/**
 * The whole schedule: N × 12 months from the month after the contribution, each min(monthly, what is
 * left), the last taking what is left, so Σ = value exactly. Months that would charge 0 are left out.
 */
export function amortisationSchedule(land: Pick<AmortisableLand, 'value' | 'termYears' | 'date'>): AmortisationCharge[] {
  if (!(land.termYears > 0) || land.value <= 0) return [];
  const months = land.termYears * 12;
  const monthly = Math.max(0, monthlyAmortisation(land.value, land.termYears));
  const first = addMonths(periodOf(land.date), 1);
  const out: AmortisationCharge[] = [];
  let left = land.value;
  for (let i = 0; i < months; i++) {
    const amount = i === months - 1 ? left : Math.min(monthly, left);
    left -= amount;
    if (amount > 0) out.push({ period: addMonths(first, i), amount });
  }
  return out;
}

export interface AmortisationMonth {
  period: Period;
  charges: { contribution: number; project: string; amount: Fen }[];
}

/**
 * Every month ≤ through with a charge not yet posted (months before the books start left to the
 * opening balance), oldest first, each with its charges in contribution order.
 */
export function amortisationPlan(inputs: readonly AmortisationInput[], through: Period, firstPeriod: Period | null): AmortisationMonth[] {
  const byMonth = new Map<Period, AmortisationMonth['charges']>();
  for (const i of [...inputs].sort((a, b) => a.land.contribution - b.land.contribution)) {
    for (const c of amortisationSchedule(i.land)) {
      if (c.period > through || i.posted.has(c.period)) continue;
      if (firstPeriod && c.period < firstPeriod) continue;
      const list = byMonth.get(c.period) ?? [];
      list.push({ contribution: i.land.contribution, project: i.land.project, amount: c.amount });
      byMonth.set(c.period, list);
    }
  }
  return [...byMonth.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, charges]) => ({ period, charges }));
}

export interface AmortisationVoucher extends AmortisationMonth {
  total: Fen;
  draft: VoucherDraft;
}

/**
 * What `asset amortize --through` posts: one voucher per month, dated its last day, Dr 511 (or the
 * account chosen) per project / Cr 162 累计摊销. Refused, with every reason, when a month that needs
 * amortisation is closed, or when 511 or 162 has no single leaf.
 */
export function amortisationVouchers(
  inputs: readonly AmortisationInput[],
  through: Period,
  books: PeriodLookup & Pick<AccountLookup, 'resolveLeaf'>,
  expense: { code: string; option: string | null } = { code: '511', option: '--expense-account' },
): { vouchers: AmortisationVoucher[]; errors: LedgerError[] } {
  const plan = amortisationPlan(inputs, through, books.startPeriod());
  const errors: LedgerError[] = plan
    .filter((m) => books.isClosed(m.period))
    .map((m) =>
      AssetErrors.AMORTISATION_CLOSED_MONTH(
        m.period,
        periodLabel(m.period),
        m.charges.map((c) => `出资第${c.contribution}号 ${formatFenGrouped(c.amount)}`).join('、'),
      ),
    );
  if (plan.length === 0) return { vouchers: [], errors };
  const debit = books.resolveLeaf(expense.code, expense.option);
  const credit = books.resolveLeaf('162', null);
  if ('error' in debit) errors.push(debit.error);
  if ('error' in credit) errors.push(credit.error);
  if (errors.length || 'error' in debit || 'error' in credit) return { vouchers: [], errors };
  const vouchers = plan.map((m) => {
    const byProject = new Map<string, VoucherLine>();
    let total = 0;
    for (const c of m.charges) {
      const l = byProject.get(c.project) ?? { account: debit.code, debit: 0, credit: 0, project: c.project };
      l.debit += c.amount;
      byProject.set(c.project, l);
      total += c.amount;
    }
    const lines = [...byProject.values()].sort((x, y) => ((x.project ?? '') < (y.project ?? '') ? -1 : 1));
    lines.push({ account: credit.code, debit: 0, credit: total });
    const draft: VoucherDraft = { date: lastDayOfPeriod(m.period), summary: `摊销${periodLabel(m.period)}入股土地经营权`, lines, kind: 'amortisation' };
    return { ...m, total, draft };
  });
  return { vouchers, errors };
}
