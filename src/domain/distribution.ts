// 收益分配: the year's distribution plan. Pure: no clock, no I/O.
//
// Order (DOMAIN.md): 弥补以前年度亏损 → 提取公积公益金 → 向成员分配 (by shares).
// Shares are integers in 1/10,000 of a share ("units"); weights are Decimals in shares.
// Money is integer fen; every rounding goes through roundToFen (half away from zero), and the
// pool is split with allocate() (largest remainder, ties to the smaller member id).
import { allocate, Decimal, formatFen, roundToFen, type Fen } from './money.js';
import { dayNumber, daysInYear, makeDate, type IsoDate } from './dates.js';
import { formatUnits, holdingsAsOf, UNITS_PER_SHARE, type ShareMovement } from './shares.js';
import type { LedgerError, Text } from './errors.js';
import { DividendErrors } from './errors/dividends.js';

export interface Shareholder {
  member: string;
  name: string;
  household: string | null;
}

export interface DistributionOptions {
  year: number;
  /** Distributable profit in fen, already decided by the caller. */
  profit: Fen;
  /** > 0: 未弥补亏损 covered first (the collective's own register only). Default 0. */
  openingLoss?: Fen;
  /** Fraction of the profit (after loss) kept as 公积公益金: 0.1 = 10%. */
  reserveRate: Decimal;
  /** Fraction of (profit − reserve) paid to shareholders: 1 = 100%. */
  payoutRate: Decimal;
  basis: 'record-date' | 'time-weighted';
  /** Holdings counted on this day (record-date basis only). */
  recordDate: IsoDate;
  /** Fraction withheld as tax from each member's gross. */
  withholdRate: Decimal;
  /** member → debit balance on 113 内部往来 (> 0 = owes); only with --offset-debts. */
  debts?: Map<string, Fen>;
  /** Share units per household; shares above the cap earn nothing. */
  capPerHousehold?: number;
}

export interface Allocation {
  member: string;
  name: string;
  household: string | null;
  /** Units held on the record date (time-weighted: at 12-31 of the year). */
  shares: number;
  /** In shares (not units), after the household cap. */
  weight: Decimal;
  gross: Fen;
  tax: Fen;
  offset: Fen;
  net: Fen;
}

export interface DistributionTotals {
  gross: Fen;
  tax: Fen;
  offset: Fen;
  net: Fen;
}

export interface DistributionPlan {
  year: number;
  profit: Fen;
  lossCovered: Fen;
  reserve: Fen;
  pool: Fen;
  totalWeight: Decimal;
  /** Yuan per share, 6 decimals, half away from zero; 0 when there is no weight. */
  perShare: Decimal;
  basis: 'record-date' | 'time-weighted';
  /** Sorted by member id (code-unit order). Members with weight 0 are left out. */
  allocations: Allocation[];
  totals: DistributionTotals;
  emptyReason: null | 'no-profit' | 'no-shares';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Time weights in shares (the time-weighted basis; shares.ts keeps the holdings on one day):
 * Σ units × days held in the year ÷ days in the year ÷ 10,000, where a
 * movement counts from max(its date, YYYY-01-01) through YYYY-12-31 inclusive (a negative
 * movement subtracts its remaining days). Movements after the year are ignored. Leap years: 366.
 * The unit-days are summed exactly and divided once.
 */
export function timeWeights(movements: readonly ShareMovement[], year: number): Map<string, Decimal> {
  const first = makeDate(year, 1, 1);
  const last = makeDate(year, 12, 31);
  const lastDay = dayNumber(last);
  const unitDays = new Map<string, bigint>();
  for (const mv of movements) {
    if (mv.date > last) continue;
    const start = mv.date < first ? first : mv.date;
    const days = lastDay - dayNumber(start) + 1;
    unitDays.set(mv.member, (unitDays.get(mv.member) ?? 0n) + BigInt(mv.units) * BigInt(days));
  }
  const divisor = new Decimal(daysInYear(year) * UNITS_PER_SHARE);
  const out = new Map<string, Decimal>();
  for (const [member, ud] of unitDays) out.set(member, new Decimal(ud.toString()).div(divisor));
  return out;
}

const RATE_NAMES = {
  reserveRate: { zh: '提取公积公益金比例', en: 'the reserve rate' },
  payoutRate: { zh: '分配比例', en: 'the payout rate' },
  withholdRate: { zh: '代扣税比例', en: 'the withholding rate' },
} as const;

function problem(reason: Text): LedgerError {
  return DividendErrors.DIVIDEND_PLAN(reason);
}

/** Units held on the day the shares are counted, and each member's weight before the cap. */
function weigh(movements: readonly ShareMovement[], opts: DistributionOptions) {
  const shareDate = opts.basis === 'record-date' ? opts.recordDate : makeDate(opts.year, 12, 31);
  const held = new Map<string, number>();
  for (const [m, h] of holdingsAsOf(movements, shareDate)) held.set(m, h.total);
  const raw = new Map<string, Decimal>();
  if (opts.basis === 'record-date') {
    for (const [m, u] of held) raw.set(m, new Decimal(u).div(UNITS_PER_SHARE));
  } else {
    for (const [m, w] of timeWeights(movements, opts.year)) raw.set(m, w);
  }
  return { shareDate, held, raw };
}

/**
 * Every reason the planner cannot plan: a share movement that is not a whole number of units, a
 * member holding (or, time-weighted, weighing) less than nothing, a rate outside 0–100%, an amount
 * that is not whole fen, a negative household cap. Empty when planDistribution() can run.
 */
export function checkDistribution(movements: readonly ShareMovement[], opts: DistributionOptions): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const [name, v] of [['profit', opts.profit], ['openingLoss', opts.openingLoss ?? 0]] as const) {
    if (!Number.isSafeInteger(v)) errors.push(problem({ zh: `金额必须是整数分（${name} = ${v}）`, en: `${name} must be an integer number of fen, got ${v}` }));
  }
  for (const key of ['reserveRate', 'payoutRate', 'withholdRate'] as const) {
    const r = opts[key];
    if (!r.isFinite() || r.lt(0) || r.gt(1)) {
      const pct = r.isFinite() ? r.mul(100).toFixed() + '%' : r.toString();
      errors.push(problem({ zh: `${RATE_NAMES[key].zh}应在 0 到 100% 之间（实为 ${pct}）`, en: `${RATE_NAMES[key].en} must be between 0 and 100%, got ${pct}` }));
    }
  }
  const cap = opts.capPerHousehold;
  if (cap !== undefined && (!Number.isSafeInteger(cap) || cap < 0)) {
    errors.push(problem({ zh: `每户封顶股数必须是非负数（实为 ${cap} 单位）`, en: `the household cap must be a non-negative number of share units, got ${cap}` }));
  }
  const badUnits = movements.filter((mv) => !Number.isSafeInteger(mv.units));
  for (const mv of badUnits) {
    errors.push(problem({ zh: `成员 ${mv.member} ${mv.date} 的股份变动不是整数单位（${mv.units}）`, en: `share movement of ${mv.member} on ${mv.date}: units must be an integer, got ${mv.units}` }));
  }
  if (badUnits.length) return errors;
  const { shareDate, held, raw } = weigh(movements, opts);
  for (const [m, u] of held) {
    if (u < 0) {
      errors.push(problem({
        zh: `成员 ${m} 在 ${shareDate} 持有负数股份（${formatUnits(u)} 股），请核对其股份转让记录`,
        en: `member ${m} holds a negative number of shares (${formatUnits(u)}) on ${shareDate}; check the member's share transfers`,
      }));
    }
  }
  for (const [m, w] of raw) {
    if (w.lt(0) && (held.get(m) ?? 0) >= 0) {
      errors.push(problem({
        zh: `成员 ${m} ${opts.year} 年的持股天数加权为负数（${w.toDecimalPlaces(6).toFixed()}），请核对其股份转让记录`,
        en: `member ${m} has a negative time weight (${w.toString()}) in ${opts.year}; check the member's share transfers`,
      }));
    }
  }
  return errors;
}

/**
 * The distribution plan (CONTRACT.md "Distribution options and rules").
 * Holders name the members; a member who has movements but is not among the holders is still
 * paid, under their id as name and with no household. Throws RangeError when checkDistribution()
 * finds anything (callers check first and refuse with every reason).
 */
export function planDistribution(
  holders: readonly Shareholder[],
  movements: readonly ShareMovement[],
  opts: DistributionOptions,
): DistributionPlan {
  const errors = checkDistribution(movements, opts);
  if (errors.length) throw new RangeError(errors.map((e) => e.en).join('; '));
  const openingLoss = Math.max(opts.openingLoss ?? 0, 0);
  const cap = opts.capPerHousehold;

  // --- Weights -----------------------------------------------------------------------------
  const { held, raw } = weigh(movements, opts);
  const info = new Map<string, Shareholder>();
  for (const h of holders) if (!info.has(h.member)) info.set(h.member, h);
  const members = new Set<string>([...info.keys(), ...held.keys(), ...raw.keys()]);

  // Household cap: scale every member of a household above the cap by cap ÷ household total.
  const weights = new Map<string, Decimal>();
  for (const m of members) weights.set(m, raw.get(m) ?? new Decimal(0));
  if (cap !== undefined) {
    const capShares = new Decimal(cap).div(UNITS_PER_SHARE);
    const byHousehold = new Map<string, string[]>();
    for (const m of members) {
      const hh = info.get(m)?.household ?? null;
      const key = hh === null ? `member\u0000${m}` : `household\u0000${hh}`;
      const list = byHousehold.get(key);
      if (list) list.push(m);
      else byHousehold.set(key, [m]);
    }
    for (const list of byHousehold.values()) {
      const total = list.reduce((a, m) => a.add(weights.get(m)!), new Decimal(0));
      if (total.gt(capShares)) {
        for (const m of list) weights.set(m, weights.get(m)!.mul(capShares).div(total));
      }
    }
  }

  const ids = [...members].filter((m) => weights.get(m)!.gt(0)).sort(cmp);
  const totalWeight = ids.reduce((a, m) => a.add(weights.get(m)!), new Decimal(0));

  // --- Money -------------------------------------------------------------------------------
  const lossCovered = Math.min(Math.max(opts.profit, 0), openingLoss);
  const afterLoss = opts.profit - lossCovered;
  let reserve = 0;
  let pool = 0;
  let emptyReason: DistributionPlan['emptyReason'] = null;
  if (afterLoss <= 0) {
    emptyReason = 'no-profit';
  } else {
    reserve = roundToFen(new Decimal(afterLoss).mul(opts.reserveRate));
    pool = roundToFen(new Decimal(afterLoss - reserve).mul(opts.payoutRate));
    if (totalWeight.lte(0)) {
      emptyReason = 'no-shares';
      pool = 0;
    }
  }

  const grosses = allocate(pool, ids.map((m) => weights.get(m)!));
  const totals: DistributionTotals = { gross: 0, tax: 0, offset: 0, net: 0 };
  const allocations: Allocation[] = ids.map((member, i) => {
    const h = info.get(member);
    const gross = grosses[i];
    const tax = roundToFen(new Decimal(gross).mul(opts.withholdRate));
    const debt = Math.max(opts.debts?.get(member) ?? 0, 0);
    const offset = Math.min(debt, gross - tax);
    const net = gross - tax - offset;
    totals.gross += gross;
    totals.tax += tax;
    totals.offset += offset;
    totals.net += net;
    return {
      member,
      name: h?.name ?? member,
      household: h?.household ?? null,
      shares: held.get(member) ?? 0,
      weight: weights.get(member)!,
      gross,
      tax,
      offset,
      net,
    };
  });

  const perShare = totalWeight.gt(0)
    ? new Decimal(pool).div(100).div(totalWeight).toDecimalPlaces(6, Decimal.ROUND_HALF_UP)
    : new Decimal(0);

  return {
    year: opts.year,
    profit: opts.profit,
    lossCovered,
    reserve,
    pool,
    totalWeight,
    perShare,
    basis: opts.basis,
    allocations,
    totals,
    emptyReason,
  };
}

export interface DistributionJson {
  project: string;
  year: number;
  profit: string;
  lossCovered: string;
  reserve: string;
  pool: string;
  totalWeight: string;
  perShare: string;
  basis: 'record-date' | 'time-weighted';
  allocations: {
    member: string;
    name: string;
    shares: string;
    weight: string;
    gross: string;
    tax: string;
    offset: string;
    net: string;
  }[];
  totals: { gross: string; tax: string; offset: string; net: string };
}

function weightString(w: Decimal): string {
  const s = w.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed();
  return s === '-0' ? '0' : s;
}

/** The plan/declare JSON of the contract (money as "1234.50", shares "1.2345", weights ≤ 6 dp). */
export function planToJson(plan: DistributionPlan, project: string): DistributionJson {
  return {
    project,
    year: plan.year,
    profit: formatFen(plan.profit),
    lossCovered: formatFen(plan.lossCovered),
    reserve: formatFen(plan.reserve),
    pool: formatFen(plan.pool),
    totalWeight: weightString(plan.totalWeight),
    perShare: plan.perShare.toFixed(6),
    basis: plan.basis,
    allocations: plan.allocations.map((a) => ({
      member: a.member,
      name: a.name,
      shares: formatUnits(a.shares),
      weight: weightString(a.weight),
      gross: formatFen(a.gross),
      tax: formatFen(a.tax),
      offset: formatFen(a.offset),
      net: formatFen(a.net),
    })),
    totals: {
      gross: formatFen(plan.totals.gross),
      tax: formatFen(plan.totals.tax),
      offset: formatFen(plan.totals.offset),
      net: formatFen(plan.totals.net),
    },
  };
}
