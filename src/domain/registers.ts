// Rules of the 三资 registers that sit between the pure schedules (depreciation.ts, contracts.ts) and
// the ledger: which months to depreciate, disposal entries, in-kind rent, double lets, payments on
// ended contracts. Pure: no I/O, no clock.
import { Decimal, type Fen } from './money.js';
import { periodOf, type IsoDate, type Period } from './dates.js';
import { chargesThrough, schedule, type DepreciableAsset } from './depreciation.js';
import { inKindRent, overlaps, rentSchedule, settle, type Contract, type Payment, type RentYear } from './contracts.js';
import type { VoucherLine } from './voucher.js';

// ---------------------------------------------------------------- depreciation

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

/**
 * What `asset depreciate --through` must post: for every month ≤ through, the charges of every
 * asset not yet posted (months before the books start are left to the opening balance).
 * Returns the months in order, each with its charges (asset code order).
 */
export function depreciationPlan(
  states: readonly AssetState[],
  through: Period,
  firstPeriod: Period | null,
): { period: Period; charges: { code: string; amount: Fen }[] }[] {
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

/**
 * The disposal (处置) through 154 固定资产清理, one voucher:
 *   Dr 154 net value, Dr 152 accumulated / Cr 151 cost        (转入清理)
 *   Dr cash proceeds / Cr 154                                 (处置收入)
 *   gain: Dr 154 / Cr 504 其他收入; loss: Dr 515 其他支出 / Cr 154 (结转净损益)
 * Zero lines are left out. Account codes are passed in (the leaf under each first-level account).
 */
export function disposalLines(
  x: { cost: Fen; accumulated: Fen; proceeds: Fen; project?: string | null },
  acc: { fixed: string; accumulated: string; clearing: string; cash: string; gain: string; loss: string },
): VoucherLine[] {
  const net = x.cost - x.accumulated;
  const result = x.proceeds - net;
  const p = x.project ?? null;
  const lines: VoucherLine[] = [];
  const dr = (account: string, amount: Fen, project: string | null = null) =>
    amount !== 0 && lines.push({ account, debit: amount, credit: 0, project });
  const cr = (account: string, amount: Fen, project: string | null = null) =>
    amount !== 0 && lines.push({ account, debit: 0, credit: amount, project });
  dr(acc.clearing, net);
  dr(acc.accumulated, x.accumulated);
  cr(acc.fixed, x.cost);
  dr(acc.cash, x.proceeds);
  cr(acc.clearing, x.proceeds);
  if (result > 0) {
    dr(acc.clearing, result);
    cr(acc.gain, result, p);
  } else if (result < 0) {
    dr(acc.loss, -result, p);
    cr(acc.clearing, -result);
  }
  return lines;
}

// ---------------------------------------------------------------- contracts

export interface InKindTerms {
  /** Quantity per 亩 per year, e.g. 500 (斤). */
  quantityPerMu: Decimal;
  item: string;
  unit: string;
}

export interface ScheduledRent extends RentYear {
  /** False for an in-kind year whose unit price is not set yet (its amount is 0 until priced). */
  priced: boolean;
  /** In-kind: the unit price used, 元 per unit. */
  unitPrice: Decimal | null;
}

/** The calendar year that keys an in-kind price: the year in which the contract year starts. */
export function priceYearOf(r: Pick<RentYear, 'periodStart'>): number {
  return Number(r.periodStart.slice(0, 4));
}

/**
 * The contract's rent years. Cash rent by the contract formula (rentSchedule); rent in kind is
 * quantity per 亩 × area × the unit price set for the year (inKindRent), no escalation, and 0 while
 * the year's price is not set.
 */
export function contractSchedule(
  c: Contract,
  inKind: InKindTerms | null,
  prices: ReadonlyMap<number, Decimal>,
): ScheduledRent[] {
  if (!inKind) return rentSchedule(c).map((r) => ({ ...r, priced: true, unitPrice: null }));
  const skeleton = rentSchedule({ ...c, rentPerMu: null, annualRent: 0, escalation: null });
  const area = c.area ?? new Decimal(0);
  return skeleton.map((r) => {
    const price = prices.get(priceYearOf(r)) ?? null;
    return {
      ...r,
      amount: price ? inKindRent(inKind.quantityPerMu, area, price) : 0,
      priced: price !== null,
      unitPrice: price,
    };
  });
}

export interface SubjectTerm {
  code: string;
  subject: string;
  direction: '收' | '付';
  start: IsoDate;
  end: IsoDate;
}

/** The contracts that already hold the same subject, in the same direction, on an overlapping day. */
export function overlapping(c: SubjectTerm, others: readonly SubjectTerm[]): SubjectTerm[] {
  return others.filter((o) => o.code !== c.code && o.subject === c.subject && o.direction === c.direction && overlaps(c, o));
}

export interface DoubleLet {
  a: string;
  b: string;
  subject: string;
  /** The subjects differ but share a 地块代码. */
  parcel: string | null;
  from: IsoDate;
  to: IsoDate;
}

/**
 * Pairs of contracts of the same direction whose subjects are the same, or are resources with the
 * same 地块代码 (the same parcel registered twice), on overlapping days.
 */
export function doubleLets(list: readonly (SubjectTerm & { parcel?: string | null })[]): DoubleLet[] {
  const out: DoubleLet[] = [];
  const sorted = [...list].sort((x, y) => (x.code < y.code ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i];
      const b = sorted[j];
      if (a.direction !== b.direction || !overlaps(a, b)) continue;
      const sameParcel = a.subject !== b.subject && !!a.parcel && a.parcel === b.parcel;
      if (a.subject !== b.subject && !sameParcel) continue;
      out.push({
        a: a.code,
        b: b.code,
        subject: a.subject === b.subject ? a.subject : `${a.subject}/${b.subject}`,
        parcel: sameParcel ? a.parcel! : null,
        from: a.start > b.start ? a.start : b.start,
        to: a.end < b.end ? a.end : b.end,
      });
    }
  }
  return out;
}

/** Everything owed over the whole contract minus everything paid (negative = credit held). */
export function lifetimeOutstanding(sched: readonly Pick<RentYear, 'amount'>[], payments: readonly Payment[]): Fen {
  return sched.reduce((s, r) => s + r.amount, 0) - payments.reduce((s, p) => s + p.amount, 0);
}

export type PaymentRefusal =
  | { kind: 'ended'; end: IsoDate }
  | { kind: 'exceedsOutstanding'; end: IsoDate; outstanding: Fen };

/**
 * An ended contract (the payment date is after its last day) takes a payment only while rent is
 * outstanding, and no more than what is outstanding: there are no later years to hold a credit for.
 * Before the end, any positive payment is taken; money beyond all dues is held as credit.
 */
export function checkPayment(
  c: Pick<Contract, 'end'>,
  sched: readonly Pick<RentYear, 'amount'>[],
  payments: readonly Payment[],
  date: IsoDate,
  amount: Fen,
): PaymentRefusal | null {
  if (date <= c.end) return null;
  const outstanding = lifetimeOutstanding(sched, payments);
  if (outstanding <= 0) return { kind: 'ended', end: c.end };
  if (amount > outstanding) return { kind: 'exceedsOutstanding', end: c.end, outstanding };
  return null;
}

/**
 * The rent a contract year brings into a calendar year (accrual): 收 Dr 112/113 / Cr 501 with the
 * project; 付 Dr the expense (511) with the project / Cr 211/113.
 */
export function accrualLines(
  direction: '收' | '付',
  c: { account: string; pnlAccount: string; member: string | null; project: string | null },
  amount: Fen,
): VoucherLine[] {
  return direction === '收'
    ? [
        { account: c.account, debit: amount, credit: 0, member: c.member },
        { account: c.pnlAccount, debit: 0, credit: amount, project: c.project },
      ]
    : [
        { account: c.pnlAccount, debit: amount, credit: 0, project: c.project },
        { account: c.account, debit: 0, credit: amount, member: c.member },
      ];
}

/**
 * The voucher of a rent payment: received (收) Dr cash / Cr the contract's receivable (112, or 113
 * with the member); paid (付) Dr the contract's payable (211, or 113) / Cr cash.
 */
export function paymentLines(direction: '收' | '付', cash: string, account: string, member: string | null, amount: Fen): VoucherLine[] {
  return direction === '收'
    ? [
        { account: cash, debit: amount, credit: 0 },
        { account, debit: 0, credit: amount, member },
      ]
    : [
        { account, debit: amount, credit: 0, member },
        { account: cash, debit: 0, credit: amount },
      ];
}

/** What one payment settled: the part of each due it paid, and the credit it added. */
export function settledBy(
  sched: readonly Pick<RentYear, 'year' | 'dueDate' | 'amount'>[],
  before: readonly Payment[],
  payment: Payment,
): { parts: { year: number; dueDate: IsoDate; amount: Fen }[]; credit: Fen; creditBefore: Fen } {
  const a = settle(sched, before);
  const b = settle(sched, [...before, payment]);
  const parts = b.dues
    .map((d, i) => ({ year: d.year, dueDate: d.dueDate, amount: d.paid - a.dues[i].paid }))
    .filter((p) => p.amount !== 0);
  return { parts, credit: b.credit, creditBefore: a.credit };
}

// ---------------------------------------------------------------- register records

/** An asset card (资产卡片) as entered. */
export interface AssetCard {
  code: string;
  name: string;
  category: string;
  spec: string | null;
  location: string | null;
  keeper: string | null;
  acquired: IsoDate;
  cost: Fen;
  /** Fraction, e.g. 0.05. */
  residualRate: Decimal;
  /** Years; null for land and other assets never depreciated. */
  lifeYears: Decimal | null;
  method: '年限平均法' | '工作量法';
  expenseAccount: string | null;
  status: '在用' | '出租' | '闲置' | '处置';
  operating: boolean;
  povertyRelief: boolean;
  lessee: string | null;
  annualRent: Fen | null;
  depreciable: boolean;
  project: string | null;
  note: string | null;
}

export const ASSET_STATUSES = ['在用', '出租', '闲置', '处置'] as const;
export const RESOURCE_STATUSES = ['自营', '发包', '出租', '入股', '闲置'] as const;
export const CONTRACT_KINDS = ['发包', '出租', '流转', '入股'] as const;

/** Whether a category is a building (房屋/建筑物): buildings are depreciated even when idle. */
export function isBuilding(category: string): boolean {
  return /房屋|建筑/.test(category);
}

/**
 * The default of 是否计提折旧 when not given: land never; an idle (闲置) asset other than a
 * building not; everything else yes (DOMAIN.md, Depreciation).
 */
export function defaultDepreciable(category: string, status: string): boolean {
  if (category.includes('土地')) return false;
  if (status === '闲置' && !isBuilding(category)) return false;
  return true;
}

/** A resource (资源台账) as entered. Area in 1/10,000 of the unit. */
export interface ResourceEntry {
  code: string;
  name: string;
  category: string;
  area: number;
  unit: string;
  location: string | null;
  boundaries: string | null;
  parcelCode: string | null;
  ownership: string | null;
  status: (typeof RESOURCE_STATUSES)[number];
  note: string | null;
}

/** A contract as entered. Area in 1/10,000 亩. */
export interface ContractEntry {
  code: string;
  kind: (typeof CONTRACT_KINDS)[number];
  direction: '收' | '付';
  counterparty: string;
  counterpartyId: string | null;
  member: string | null;
  subject: string;
  area: number | null;
  start: IsoDate;
  end: IsoDate;
  rentPerMu: Fen | null;
  annualRent: Fen | null;
  escalation: Decimal;
  escalateEveryYears: number;
  dueMonthDay: string | null;
  deposit: Fen;
  inKind: InKindTerms | null;
  /** Settlement account: 112/113 (收) or 211/113 (付); null = the default. */
  account: string | null;
  /** Income (收, default 501) or cost (付, default 511) side of the accrual; null = the default. */
  pnlAccount: string | null;
  project: string | null;
  purpose: string | null;
  note: string | null;
}

/** 1/10,000 units → Decimal. */
export function areaDecimal(area: number): Decimal {
  return new Decimal(area).div(10000);
}

/** 1/10,000 units → '12.5', '30', '3.3333'. */
export function formatArea(area: number | null): string {
  if (area === null) return '';
  return areaDecimal(area).toFixed(4).replace(/\.?0+$/, '');
}

/** The contract in the shape of the rent formulas. */
export function contractTerms(c: ContractEntry): Contract {
  return {
    code: c.code,
    direction: c.direction,
    start: c.start,
    end: c.end,
    area: c.area === null ? null : areaDecimal(c.area),
    rentPerMu: c.rentPerMu,
    annualRent: c.annualRent,
    escalation: c.escalation,
    escalateEveryYears: c.escalateEveryYears,
    dueMonthDay: c.dueMonthDay,
  };
}

/** The asset card in the shape of the depreciation formulas. */
export function depreciable(a: AssetCard & { disposedOn?: IsoDate | null }): DepreciableAsset {
  return {
    code: a.code,
    category: a.category,
    acquired: a.acquired,
    cost: a.cost,
    residualRate: a.residualRate,
    lifeYears: a.lifeYears ? a.lifeYears.toNumber() : 1,
    method: a.method,
    depreciable: a.depreciable && a.lifeYears !== null,
    disposedOn: a.disposedOn ?? null,
  };
}
