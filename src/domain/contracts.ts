// Contracts (发包 / 出租 / 流转 / 入股): what a contract holds, its rent schedule (cash or in kind),
// settlement of payments, dues, accrual by calendar year. The checks of a new contract, a payment
// and a price are in contract-checks.ts; dues, alerts and the entries in contract-dues.ts.
// Pure: no I/O, no clock.
//
// CONTRACT.md: contract year k (k = 0, 1, …) falls due on its due day; its rent is
// round(base × (1 + escalation)^floor(k ÷ escalateEveryYears)), base = round(area × rentPerMu) or
// annualRent. Payments settle the oldest dues first.
import { Decimal, allocate, roundToFen, type Fen } from './money.js';
import { addDays, daysBetween, withYear, yearOf, type IsoDate } from './dates.js';
import { areaDecimal } from './registers.js';

export type ContractDirection = '收' | '付';

export interface Contract {
  code: string;
  /** 收: the collective is paid; 付: the collective pays (e.g. land rented from households). */
  direction: ContractDirection;
  start: IsoDate;
  /** Last day of the contract, inclusive. */
  end: IsoDate;
  /** 亩; needed with rentPerMu. */
  area: Decimal | null;
  /** Fen per 亩 per year. Takes precedence over annualRent when both are set. */
  rentPerMu: Fen | null;
  /** Fen per year. */
  annualRent: Fen | null;
  /** 递增率 as a fraction (0.05 = 5%); default 0. */
  escalation?: Decimal | null;
  /** 递增周期 in years; default 1. */
  escalateEveryYears?: number | null;
  /** 收款日 'MM-DD'; default the start's month-day. */
  dueMonthDay?: string | null;
  /** The end agreed, when the contract was ended early on `end` (提前终止). */
  agreedEnd?: IsoDate | null;
}

export interface RentYear {
  /** Contract year k = 0, 1, … */
  year: number;
  dueDate: IsoDate;
  /** First day of the contract year: start + k years. */
  periodStart: IsoDate;
  /** Last day of the contract year: the day before start + (k+1) years, or the contract end. */
  periodEnd: IsoDate;
  amount: Fen;
  /**
   * A year cut short by an early end: its rent by calendar year (what accrual books), the days
   * used of it (cutShort). Absent for a whole year, whose rent is spread by its days.
   */
  parts?: ReadonlyMap<number, Fen>;
}

export interface Payment {
  date: IsoDate;
  /** Fen; a negative amount (a reversal) reduces what was paid. */
  amount: Fen;
}

export interface SettledDue {
  year: number;
  dueDate: IsoDate;
  amount: Fen;
  paid: Fen;
  outstanding: Fen;
}

export interface Settlement {
  dues: SettledDue[];
  /** Money beyond all scheduled dues, held for later. */
  credit: Fen;
}

export interface DuesAsOf {
  /** Rent fallen due on or before asOf. */
  due: Fen;
  /** Payments dated on or before asOf (may exceed due when paying ahead). */
  paid: Fen;
  /** max(due − paid, 0). */
  outstanding: Fen;
  /** max(paid − due, 0): money paid ahead of the dues fallen by asOf. */
  credit: Fen;
  /** Days from the oldest unsettled due date (≤ asOf) to asOf; 0 when nothing is unsettled. */
  overdueDays: number;
}

function monthDayOf(date: IsoDate): string {
  return date.slice(5, 10);
}

/** base = round(area × rentPerMu) when rentPerMu is set, else annualRent. */
export function baseRent(c: Contract): Fen {
  if (c.rentPerMu !== null && c.rentPerMu !== undefined) {
    if (c.area === null || c.area === undefined) {
      throw new RangeError(`contract ${c.code}: rent per 亩 needs an area`);
    }
    return roundToFen(new Decimal(c.area).mul(c.rentPerMu));
  }
  if (c.annualRent !== null && c.annualRent !== undefined) return c.annualRent;
  throw new RangeError(`contract ${c.code}: neither rent per 亩 nor annual rent`);
}

/** The rent of contract year k: round(base × (1 + escalation)^floor(k ÷ every)), the power in Decimal, one rounding. */
export function rentForYear(c: Contract, k: number): Fen {
  const every = c.escalateEveryYears ?? 1;
  if (!Number.isFinite(every) || every <= 0) {
    throw new RangeError(`contract ${c.code}: escalation period must be positive, got ${every}`);
  }
  const esc = c.escalation ?? new Decimal(0);
  const steps = Math.floor(k / every);
  return roundToFen(new Decimal(baseRent(c)).mul(new Decimal(1).add(esc).pow(steps)));
}

/**
 * The contract's rent years. Year k starts on start + k years (same month-day via withYear, so a
 * 02-29 start falls on 02-28 in common years) and exists while that day is ≤ end; it ends the day
 * before start + (k+1) years, or on the contract end if sooner. A short last year of the term agreed
 * still owes a full year's rent (the contract's formula has no proration); a year cut short by an
 * early end owes the days used (cutShort).
 *
 * Due date of year k = withYear(dueMonthDay, year(start) + k): the due day in the calendar year in
 * which contract year k starts, taken as is, even if it falls before the contract year's own start
 * (a due day earlier in the calendar than the start means rent is paid ahead, as many contracts do).
 * A 02-29 due day falls on 02-28 in common years.
 */
export function rentSchedule(c: Contract): RentYear[] {
  if (c.end < c.start) return [];
  const startYear = yearOf(c.start);
  const startMd = monthDayOf(c.start);
  const dueMd = c.dueMonthDay ?? startMd;
  const out: RentYear[] = [];
  for (let k = 0; ; k++) {
    const periodStart = withYear(startMd, startYear + k);
    if (periodStart > c.end) break;
    const nextStart = withYear(startMd, startYear + k + 1);
    const dayBeforeNext = addDays(nextStart, -1);
    out.push({
      year: k,
      dueDate: withYear(dueMd, startYear + k),
      periodStart,
      periodEnd: dayBeforeNext < c.end ? dayBeforeNext : c.end,
      amount: rentForYear(c, k),
    });
  }
  return out;
}

/**
 * Settle payments against all scheduled dues, oldest due first (payments may pay ahead).
 * Only the sum of the payments matters for this; what is left after every due is credit.
 * A negative sum (more reversed than paid) settles nothing and leaves no credit.
 */
export function settle(
  sched: readonly Pick<RentYear, 'year' | 'dueDate' | 'amount'>[],
  payments: readonly Payment[],
): Settlement {
  let pool = payments.reduce((s, p) => s + p.amount, 0);
  if (pool < 0) pool = 0;
  const ordered = [...sched].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.year - b.year));
  const dues = ordered.map((d) => {
    const paid = Math.max(0, Math.min(d.amount, pool));
    pool -= paid;
    return { year: d.year, dueDate: d.dueDate, amount: d.amount, paid, outstanding: d.amount - paid };
  });
  return { dues, credit: pool };
}

/** Dues of one contract as of a day; payments dated after asOf are ignored. */
export function duesAsOf(c: Contract, payments: readonly Payment[], asOf: IsoDate): DuesAsOf {
  return duesFromSchedule(rentSchedule(c), payments, asOf);
}

/** The same, from a schedule already made (e.g. rent in kind priced per year). */
export function duesFromSchedule(
  sched: readonly Pick<RentYear, 'year' | 'dueDate' | 'amount'>[],
  payments: readonly Payment[],
  asOf: IsoDate,
): DuesAsOf {
  const upTo = payments.filter((p) => p.date <= asOf);
  const due = sched.filter((d) => d.dueDate <= asOf).reduce((s, d) => s + d.amount, 0);
  const paid = upTo.reduce((s, p) => s + p.amount, 0);
  const { dues } = settle(sched, upTo);
  const oldest = dues.find((d) => d.dueDate <= asOf && d.outstanding > 0);
  return {
    due,
    paid,
    outstanding: Math.max(due - paid, 0),
    credit: Math.max(paid - due, 0),
    overdueDays: oldest ? daysBetween(oldest.dueDate, asOf) : 0,
  };
}

/** Whether two date ranges share at least one day (both ends inclusive; a range ending before it starts has none). */
export function overlaps(a: { start: IsoDate; end: IsoDate }, b: { start: IsoDate; end: IsoDate }): boolean {
  return a.start <= a.end && b.start <= b.end && a.start <= b.end && b.start <= a.end;
}

/** Rent in kind (e.g. N 斤 of rice per 亩) at a unit price in 元: round(qty × area × price × 100) fen. */
export function inKindRent(quantityPerMu: Decimal, area: Decimal, unitPrice: Decimal): Fen {
  return roundToFen(new Decimal(quantityPerMu).mul(area).mul(unitPrice).mul(100));
}

/**
 * Spread each contract year's rent over the calendar years it covers, by days (periodStart …
 * periodEnd inclusive), with the largest-remainder method so each year's parts sum to its rent
 * exactly (ties to the earlier calendar year); a year cut short by an early end by its own parts.
 * Returns calendar year → fen, in ascending order.
 * Used to accrue rent into the year it covers (multi-year rent received at once is spread).
 */
export function accrualByYear(sched: readonly Pick<RentYear, 'periodStart' | 'periodEnd' | 'amount' | 'parts'>[]): Map<number, Fen> {
  const acc = new Map<number, Fen>();
  for (const d of sched) {
    for (const [y, part] of d.parts ?? spreadByDays(d.amount, d.periodStart, d.periodEnd)) acc.set(y, (acc.get(y) ?? 0) + part);
  }
  return new Map([...acc.entries()].sort((a, b) => a[0] - b[0]));
}

/** The days of [from, to] (inclusive) in each calendar year it touches. */
function daysByYear(from: IsoDate, to: IsoDate): Map<number, number> {
  const out = new Map<number, number>();
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    const a = y === yearOf(from) ? from : `${y}-01-01`;
    const b = y === yearOf(to) ? to : `${y}-12-31`;
    out.set(y, daysBetween(a, b) + 1);
  }
  return out;
}

/** An amount spread over the calendar years of [from, to] by days, largest remainder (ties to the earlier year). */
function spreadByDays(amount: Fen, from: IsoDate, to: IsoDate): Map<number, Fen> {
  if (to < from || amount === 0) return new Map();
  const days = daysByYear(from, to);
  const sign = amount < 0 ? -1 : 1;
  const parts = allocate(Math.abs(amount), [...days.values()].map((d) => new Decimal(d)));
  return new Map([...days.keys()].map((y, i) => [y, sign * parts[i]]));
}

/**
 * The schedule of a contract ended early on `end`: the years from the day after it are gone, and
 * the year it cuts short owes its rent for the days used — each calendar year before the end's its
 * part of the whole year's rent as accrual would spread it (so nothing accrued before changes),
 * the end's calendar year its part × the days used of it ÷ its days, rounded once (half up).
 */
export function cutShort<R extends RentYear>(sched: readonly R[], end: IsoDate): R[] {
  const out: R[] = [];
  for (const r of sched) {
    if (r.periodStart > end) break;
    if (r.periodEnd <= end) {
      out.push(r);
      continue;
    }
    const whole = spreadByDays(r.amount, r.periodStart, r.periodEnd);
    const used = daysByYear(r.periodStart, end);
    const all = daysByYear(r.periodStart, r.periodEnd);
    const last = yearOf(end);
    const parts = new Map<number, Fen>();
    for (const [y, d] of used) {
      const part = whole.get(y) ?? 0;
      parts.set(y, y < last ? part : roundToFen(new Decimal(part).mul(d).div(all.get(y)!)));
    }
    out.push({ ...r, periodEnd: end, amount: [...parts.values()].reduce((a, b) => a + b, 0), parts });
  }
  return out;
}

// ---------------------------------------------------------------- the contract register

export const CONTRACT_KINDS = ['发包', '出租', '流转', '入股'] as const;

export interface InKindTerms {
  /** Quantity per 亩 per year, e.g. 500 (斤). */
  quantityPerMu: Decimal;
  item: string;
  unit: string;
}

/** A contract as entered. Area in 1/10,000 亩. */
export interface ContractEntry {
  code: string;
  kind: (typeof CONTRACT_KINDS)[number];
  direction: ContractDirection;
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

/**
 * A contract as registered: area defaulted from the resource, accounts resolved, the subject's
 * register known. A contract ended early (提前终止) ends on the day it was ended: `end` is that day,
 * `agreedEnd` the end the contract was signed for.
 */
export interface ContractRecord extends ContractEntry {
  account: string;
  pnlAccount: string;
  subjectKind: 'resource' | 'asset';
  /** The end agreed when it was signed (the same as `end` unless ended early). */
  agreedEnd?: IsoDate;
  /** Ended early: its last day, why, and (when recorded) the day it was recorded. */
  endedEarly?: { date: IsoDate; reason: string; recorded?: IsoDate } | null;
}

/**
 * A contract as it stood on a day: an early end neither dated nor recorded by that day had not
 * happened, nor was it known (a register as of a year's end shows the term then agreed, whatever
 * was ended since; one as of today shows an end recorded today for a later day).
 */
export function contractAsOf<F extends Pick<ContractFile, 'contract'>>(f: F, asOf: IsoDate): F {
  const c = termAsOf(f.contract, asOf);
  return c === f.contract ? f : { ...f, contract: c };
}

/** contractAsOf of a contract's term alone (its end, agreed end and early end). */
export function termAsOf<T extends Pick<ContractRecord, 'end' | 'agreedEnd' | 'endedEarly'>>(c: T, asOf: IsoDate): T {
  const e = c.endedEarly;
  return e && e.date > asOf && (e.recorded ?? e.date) > asOf ? { ...c, end: c.agreedEnd ?? c.end, endedEarly: null } : c;
}

/** The contract ended early on `date`: no rent year after that day, and the subject free from the next. */
export function endedEarly<C extends Pick<ContractRecord, 'end' | 'agreedEnd' | 'endedEarly'>>(c: C, date: IsoDate, reason: string, recorded?: IsoDate): C {
  return { ...c, end: date, agreedEnd: c.agreedEnd ?? c.end, endedEarly: recorded ? { date, reason, recorded } : { date, reason } };
}

/** A payment as recorded: with the voucher that moved the money. A refund is one of a negative amount. */
export interface PaymentRecord extends Payment {
  ref: string;
  cashAccount: string;
  /** Money given back (contract refund): its amount is negative. */
  refund?: boolean;
}

/** A contract with everything recorded against it. */
export interface ContractFile {
  contract: ContractRecord;
  payments: PaymentRecord[];
  /** In-kind unit price per calendar year in which a contract year starts (元 per unit). */
  prices: ReadonlyMap<number, Decimal>;
  /** Rent accrued so far, per calendar year. */
  accruals: ReadonlyMap<number, Fen>;
  /** Payments and refunds cancelled (contract cancel-payment; a refund negative): they count nowhere, and are shown as such. */
  cancelledPayments?: readonly { date: IsoDate; amount: Fen; ref: string; reason: string; reversal: string }[];
}

/** The contract in the shape of the rent formulas. */
export function contractTerms(c: ContractEntry & { agreedEnd?: IsoDate }): Contract {
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
    agreedEnd: c.agreedEnd ?? null,
  };
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
export function contractSchedule(c: Contract, inKind: InKindTerms | null, prices: ReadonlyMap<number, Decimal>): ScheduledRent[] {
  // The years of the term agreed, then (ended early) cut at the end.
  const agreed = { ...c, end: c.agreedEnd ?? c.end };
  const cut = (sched: ScheduledRent[]) => (c.agreedEnd && c.end < c.agreedEnd ? cutShort(sched, c.end) : sched);
  if (!inKind) return cut(rentSchedule(agreed).map((r) => ({ ...r, priced: true, unitPrice: null })));
  const skeleton = rentSchedule({ ...agreed, rentPerMu: null, annualRent: 0, escalation: null });
  const area = c.area ?? new Decimal(0);
  return cut(
    skeleton.map((r) => {
      const price = prices.get(priceYearOf(r)) ?? null;
      return { ...r, amount: price ? inKindRent(inKind.quantityPerMu, area, price) : 0, priced: price !== null, unitPrice: price };
    }),
  );
}

/** A registered contract's rent years, in-kind years priced from its price table. */
export function scheduleOf(f: Pick<ContractFile, 'contract' | 'prices'>): ScheduledRent[] {
  return contractSchedule(contractTerms(f.contract), f.contract.inKind, f.prices);
}

/** 未开始, 履行中, 已到期 or (ended early, or ended before it began) 已终止 on a day. */
export function contractStatus(c: Pick<ContractRecord, 'start' | 'end' | 'endedEarly'>, asOf: IsoDate): string {
  if (c.endedEarly && (asOf > c.end || c.end < c.start)) return '已终止';
  return asOf < c.start ? '未开始' : asOf <= c.end ? '履行中' : '已到期';
}

/**
 * What was paid beyond all of a contract's rent: the payments (refunds among them, negative) dated
 * by `upTo` (every one when null) less the rent of the whole term; negative while rent is owed.
 */
export function paidBeyondRent(sched: readonly Pick<RentYear, 'amount'>[], payments: readonly Payment[], upTo: IsoDate | null = null): Fen {
  return -lifetimeOutstanding(sched, upTo === null ? payments : payments.filter((p) => p.date <= upTo));
}

/** Everything owed over the whole contract minus everything paid (negative = credit held). */
export function lifetimeOutstanding(sched: readonly Pick<RentYear, 'amount'>[], payments: readonly Payment[]): Fen {
  return sched.reduce((s, r) => s + r.amount, 0) - payments.reduce((s, p) => s + p.amount, 0);
}

/** What one payment settled: the part of each due it paid, and the credit it added. */
export function settledBy(
  sched: readonly Pick<RentYear, 'year' | 'dueDate' | 'amount'>[],
  before: readonly Payment[],
  payment: Payment,
): { parts: { year: number; dueDate: IsoDate; amount: Fen }[]; credit: Fen; creditBefore: Fen } {
  const a = settle(sched, before);
  const b = settle(sched, [...before, payment]);
  const parts = b.dues.map((d, i) => ({ year: d.year, dueDate: d.dueDate, amount: d.paid - a.dues[i].paid })).filter((p) => p.amount !== 0);
  return { parts, credit: b.credit, creditBefore: a.credit };
}
