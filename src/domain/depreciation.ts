// Depreciation of fixed assets (固定资产折旧), straight line (年限平均法). Pure: no I/O, no clock.
//
// CONTRACT.md: residual = round(cost × 残值率); monthly = round((cost − residual) ÷ (使用年限 × 12));
// the last month of the life takes the difference so the total is exactly cost − residual;
// starts the month after 取得日期; land (类别 土地) is never depreciated.
// DOMAIN.md: a disposed asset is still depreciated in the month it leaves, not after; a fully
// depreciated asset stops; no catch-up for early scrapping.
import { Decimal, formatFenGrouped, roundToFen, type Fen } from './money.js';
import { addMonths, lastDayOfPeriod, periodLabel, periodOf, type IsoDate, type Period } from './dates.js';
import type { LedgerError } from './errors.js';
import { AssetErrors } from './errors/assets.js';
import type { PeriodLookup } from './periods.js';
import type { VoucherDraft, VoucherLine } from './voucher.js';
import type { AccountLookup } from './registers.js';

export type DepreciationMethod = '年限平均法' | '工作量法';

export interface DepreciableAsset {
  code: string;
  category: string;
  acquired: IsoDate;
  /** 原值, fen. */
  cost: Fen;
  /** 残值率 as a fraction (0.05 = 5%). */
  residualRate: Decimal;
  /** 使用年限: integer or decimal years; the life in months is round(lifeYears × 12). */
  lifeYears: number;
  method: DepreciationMethod;
  /** false = the asset is marked as not depreciated (e.g. not in use, 公益性生物资产). */
  depreciable: boolean;
  disposedOn?: IsoDate | null;
}

export interface DepreciationCharge {
  period: Period;
  amount: Fen;
}

/** Land (类别 土地, or any category containing 土地) is never depreciated. */
export function isLand(category: string): boolean {
  return category.trim().includes('土地');
}

/** 残值: round(cost × rate). */
export function residualOf(a: DepreciableAsset): Fen {
  return roundToFen(new Decimal(a.cost).mul(a.residualRate));
}

/** cost − residual: the total ever charged over the life (may be ≤ 0, then nothing is charged). */
export function depreciableAmount(a: DepreciableAsset): Fen {
  return a.cost - residualOf(a);
}

function lifeMonthsExact(a: DepreciableAsset): Decimal {
  if (!Number.isFinite(a.lifeYears) || a.lifeYears <= 0) {
    throw new RangeError(`asset ${a.code}: life must be a positive number of years, got ${a.lifeYears}`);
  }
  return new Decimal(a.lifeYears).mul(12);
}

/**
 * The life in months: round(lifeYears × 12), half away from zero, and at least 1
 * (a life shorter than half a month is charged in full in the first month).
 */
export function lifeMonths(a: DepreciableAsset): number {
  return Math.max(1, lifeMonthsExact(a).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber());
}

/** round((cost − residual) ÷ (lifeYears × 12)): the divisor is the exact life, not the rounded months. */
export function monthlyCharge(a: DepreciableAsset): Fen {
  return roundToFen(new Decimal(depreciableAmount(a)).div(lifeMonthsExact(a)));
}

/** True when the asset is never depreciated by this module (land, marked, 工作量法, nothing to charge). */
export function isExempt(a: DepreciableAsset): boolean {
  return !a.depreciable || isLand(a.category) || a.method !== '年限平均法' || depreciableAmount(a) <= 0;
}

/**
 * The full-life straight-line schedule, ignoring disposal (see chargesThrough for that).
 * Month i (i = 0 … months−1) is the i+1-th month after the month of acquisition.
 * Each month charges min(monthly, what is left); the last month takes what is left, so
 * Σ amount = cost − residual exactly and no month is negative. Months that would charge 0
 * (the asset already fully depreciated by the clamp) are left out: a fully depreciated asset stops,
 * and a zero voucher is not allowed.
 * Empty for land, non-depreciable assets, 工作量法 (handled elsewhere) and cost − residual ≤ 0.
 */
export function schedule(a: DepreciableAsset): DepreciationCharge[] {
  if (isExempt(a)) return [];
  const total = depreciableAmount(a);
  const months = lifeMonths(a);
  const monthly = Math.max(0, monthlyCharge(a));
  const first = addMonths(periodOf(a.acquired), 1);
  const out: DepreciationCharge[] = [];
  let left = total;
  for (let i = 0; i < months; i++) {
    const amount = i === months - 1 ? left : Math.min(monthly, left);
    left -= amount;
    if (amount > 0) out.push({ period: addMonths(first, i), amount });
  }
  return out;
}

/**
 * The schedule entries with period ≤ through that are not in `already` (periods charged before).
 * A disposed asset is still charged in the month of disposal and never after.
 * Missed months are returned too (periods before `through` not yet charged), oldest first.
 */
export function chargesThrough(
  a: DepreciableAsset,
  already: ReadonlySet<Period> | readonly Period[],
  through: Period,
): DepreciationCharge[] {
  const done: ReadonlySet<Period> = already instanceof Set ? already : new Set(already as readonly Period[]);
  const lastMonth = a.disposedOn ? periodOf(a.disposedOn) : null;
  const limit = lastMonth !== null && lastMonth < through ? lastMonth : through;
  return schedule(a).filter((c) => c.period <= limit && !done.has(c.period));
}

// ---------------------------------------------------------------- what `asset depreciate` posts

export interface AssetState {
  asset: DepreciableAsset;
  /** Periods already charged by a depreciation voucher. */
  posted: ReadonlySet<Period>;
}

/**
 * Months of the schedule before the first month of the books are covered by the opening balance of
 * 152 累计折旧 and are never posted. Returns the sum of those months (up to the disposal month).
 */
export function openingAccumulated(a: DepreciableAsset, firstPeriod: Period | null): Fen {
  if (!firstPeriod) return 0;
  const last = a.disposedOn ? periodOf(a.disposedOn) : null;
  return schedule(a)
    .filter((c) => c.period < firstPeriod && (last === null || c.period <= last))
    .reduce((s, c) => s + c.amount, 0);
}

/** Accumulated depreciation of an asset: opening months plus the months posted. */
export function accumulatedOf(a: DepreciableAsset, postedTotal: Fen, firstPeriod: Period | null): Fen {
  return openingAccumulated(a, firstPeriod) + postedTotal;
}

export interface MonthCharges {
  period: Period;
  charges: { code: string; amount: Fen }[];
}

/**
 * For every month ≤ through, the charges of every asset not yet posted (months before the books
 * start are left to the opening balance). The months in order, each with its charges (asset code order).
 */
export function depreciationPlan(states: readonly AssetState[], through: Period, firstPeriod: Period | null): MonthCharges[] {
  const byMonth = new Map<Period, { code: string; amount: Fen }[]>();
  for (const s of [...states].sort((x, y) => (x.asset.code < y.asset.code ? -1 : x.asset.code > y.asset.code ? 1 : 0))) {
    for (const c of chargesThrough(s.asset, s.posted, through)) {
      if (firstPeriod && c.period < firstPeriod) continue;
      const list = byMonth.get(c.period) ?? [];
      list.push({ code: s.asset.code, amount: c.amount });
      byMonth.set(c.period, list);
    }
  }
  return [...byMonth.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, charges]) => ({ period, charges }));
}

/** An asset as `asset depreciate` sees it: its schedule, where its charge goes, what is posted. */
export interface DepreciationInput extends AssetState {
  /** 费用科目: the debit of its monthly charge. */
  expenseAccount: string | null;
  project: string | null;
}

export interface DepreciationVoucher extends MonthCharges {
  total: Fen;
  draft: VoucherDraft;
}

/**
 * What `asset depreciate --through` posts: one voucher per month not yet charged, dated the month's
 * last day, Dr each expense account (per project, account order) / Cr 152 累计折旧 (its only leaf).
 * Refused, with every reason, when a month that needs depreciation is closed, or 152 has several leaves.
 */
export function depreciationVouchers(
  inputs: readonly DepreciationInput[],
  through: Period,
  books: PeriodLookup & Pick<AccountLookup, 'resolveLeaf'>,
): { vouchers: DepreciationVoucher[]; errors: LedgerError[] } {
  const plan = depreciationPlan(inputs, through, books.startPeriod());
  const errors: LedgerError[] = plan
    .filter((m) => books.isClosed(m.period))
    .map((m) =>
      AssetErrors.DEPRECIATION_CLOSED_MONTH(m.period, periodLabel(m.period), m.charges.map((c) => `${c.code} ${formatFenGrouped(c.amount)}`).join('、')),
    );
  if (plan.length === 0) return { vouchers: [], errors };
  const credit = books.resolveLeaf('152', null);
  if ('error' in credit) errors.push(credit.error);
  if (errors.length) return { vouchers: [], errors };
  const byCode = new Map(inputs.map((i) => [i.asset.code, i]));
  const vouchers = plan.map((m) => {
    const debits = new Map<string, VoucherLine>();
    let total = 0;
    for (const c of m.charges) {
      const a = byCode.get(c.code)!;
      const key = `${a.expenseAccount}\u0000${a.project ?? ''}`;
      const l = debits.get(key) ?? { account: a.expenseAccount!, debit: 0, credit: 0, project: a.project };
      l.debit += c.amount;
      debits.set(key, l);
      total += c.amount;
    }
    const lines = [...debits.values()].sort((x, y) => (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
    lines.push({ account: (credit as { code: string }).code, debit: 0, credit: total });
    const draft: VoucherDraft = { date: lastDayOfPeriod(m.period), summary: `计提${periodLabel(m.period)}固定资产折旧`, lines, kind: 'depreciation' };
    return { ...m, total, draft };
  });
  return { vouchers, errors };
}
