// Depreciation of fixed assets (固定资产折旧), straight line (年限平均法). Pure: no I/O, no clock.
//
// CONTRACT.md: residual = round(cost × 残值率); monthly = round((cost − residual) ÷ (使用年限 × 12));
// the last month of the life takes the difference so the total is exactly cost − residual;
// starts the month after 取得日期; land (类别 土地) is never depreciated.
// DOMAIN.md: a disposed asset is still depreciated in the month it leaves, not after; a fully
// depreciated asset stops; no catch-up for early scrapping.
import { Decimal, roundToFen, type Fen } from './money.js';
import { addMonths, periodOf, type IsoDate, type Period } from './dates.js';

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
