// The checks of the contract register: a new contract (its term, subject, area, overlap with the
// contracts already holding the subject, member, project and accounts), a payment, an in-kind price.
// Each returns every error it finds. Pure: no I/O, no clock.
import { withSource, type LedgerError, type Source } from './errors.js';
import { ContractErrors } from './errors/contracts.js';
import { MemberErrors } from './errors/members.js';
import { ShareErrors } from './errors/shares.js';
import { UsageErrors } from './errors/usage.js';
import { formatFenGrouped, type Decimal, type Fen } from './money.js';
import { periodOf, yearOf, type IsoDate } from './dates.js';
import { formatArea, pickAccount, type AccountLookup } from './registers.js';
import {
  accrualByYear,
  endedEarly,
  lifetimeOutstanding,
  overlaps,
  paidBeyondRent,
  priceYearOf,
  scheduleOf,
  type ContractDirection,
  type ContractEntry,
  type ContractFile,
  type ContractRecord,
} from './contracts.js';

/** What holds a subject for some days, in one direction. */
export interface SubjectTerm {
  code: string;
  subject: string;
  direction: ContractDirection;
  start: IsoDate;
  end: IsoDate;
  /** Ended early already (on `end`): it cannot be ended again. */
  ended?: boolean;
}

/** What checkContract needs to know about the ledger. */
export interface ContractLookup extends AccountLookup {
  contractExists(code: string): boolean;
  resource(code: string): { area: number; unit?: string } | undefined;
  asset(code: string): { status: string } | undefined;
  /** The contracts registered on a subject (any direction). */
  contractsOn(subject: string): readonly SubjectTerm[];
  hasMember(id: string): boolean;
  hasProject(code: string): boolean;
  /** Whether a month is closed (its vouchers, the year's accrual among them, can no longer be posted). */
  isClosed(period: string): boolean;
  /** The first month of the books. */
  firstPeriod(): string | null;
}

/** A contract ends on or after the day it starts. */
export function checkTerm(start: IsoDate, end: IsoDate): LedgerError | null {
  return end < start ? ContractErrors.CONTRACT_ENDS_BEFORE_START(start, end) : null;
}

/** The contracts that already hold the same subject, in the same direction, on an overlapping day. */
export function overlapping(c: SubjectTerm, others: readonly SubjectTerm[]): SubjectTerm[] {
  return others.filter((o) => o.code !== c.code && o.subject === c.subject && o.direction === c.direction && overlaps(c, o));
}

const SETTLE_UNDER: Record<ContractDirection, string[]> = { 收: ['112', '113'], 付: ['211', '113'] };
const PNL_UNDER: Record<ContractDirection, string[]> = { 收: ['501', '502', '504'], 付: ['153', '401', '511', '513', '514', '515'] };
const PNL_DEFAULT: Record<ContractDirection, string> = { 收: '501', 付: '511' };

/**
 * A new contract against the ledger and the contracts accepted before it in the same file
 * (`pending`): its term; a new code; the subject is a registered resource or an asset not disposed;
 * rent per 亩 has an area (the resource's when not given); no contract of the same direction holds
 * the subject on an overlapping day; member and project exist; the settlement account (112/113 收,
 * 211/113 付) and the income/cost account resolve. Returns the record to store when there is no error.
 */
export function checkContract(
  c: ContractEntry,
  ledger: ContractLookup,
  at?: Source,
  pending: readonly ContractRecord[] = [],
): { record: ContractRecord | null; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  const add = (e: LedgerError | null) => e && errors.push(withSource(e, at));
  add(checkTerm(c.start, c.end));
  if (pending.some((p) => p.code === c.code)) add(ContractErrors.CONTRACT_DUPLICATE(c.code));
  else if (ledger.contractExists(c.code)) add(ContractErrors.CONTRACT_EXISTS(c.code));
  const resource = ledger.resource(c.subject);
  const asset = resource ? undefined : ledger.asset(c.subject);
  if (!resource && !asset) add(ContractErrors.CONTRACT_SUBJECT_UNKNOWN(c.subject));
  else if (asset?.status === '处置') add(ContractErrors.CONTRACT_SUBJECT_DISPOSED(c.subject));
  const perMu = c.rentPerMu !== null || c.inKind !== null;
  const area = c.area === null && resource && perMu ? resource.area : c.area;
  if (perMu && !area) add(ContractErrors.CONTRACT_AREA());
  // More land than the resource has (both in 亩): a slip of the area or of the subject.
  if (resource && (resource.unit ?? '亩') === '亩' && c.area !== null && resource.area > 0 && c.area > resource.area)
    add(ContractErrors.CONTRACT_AREA_EXCEEDS(c.subject, formatArea(c.area), formatArea(resource.area)));
  for (const o of overlapping(c, [...ledger.contractsOn(c.subject), ...pending])) {
    add(ContractErrors.CONTRACT_OVERLAP(c.subject, o.code, c.direction, o.start > c.start ? o.start : c.start, o.end < c.end ? o.end : c.end));
  }
  if (c.member !== null && !ledger.hasMember(c.member)) add(MemberErrors.MEMBER_UNKNOWN(c.member));
  if (c.project !== null && !ledger.hasProject(c.project)) add(ShareErrors.PROJECT_UNKNOWN(c.project));
  const settleWith = SETTLE_UNDER[c.direction];
  const account = pickAccount(ledger, c.account, c.member ? '113' : settleWith[0], settleWith, { zh: '结算科目', en: 'settlement account' }, '--account / 结算科目', at);
  const pnl = pickAccount(ledger, c.pnlAccount, PNL_DEFAULT[c.direction], PNL_UNDER[c.direction], { zh: '收支科目', en: 'income/cost account' }, '--pnl-account / 收支科目', at);
  if ('error' in account) errors.push(account.error);
  if ('error' in pnl) errors.push(pnl.error);
  if (errors.length || 'error' in account || 'error' in pnl) return { record: null, errors };
  const record: ContractRecord = { ...c, area, account: account.code, pnlAccount: pnl.code, subjectKind: resource ? 'resource' : 'asset' };
  if (!rentInRange(scheduleRents(() => scheduleOf({ contract: record, prices: new Map() })))) add(ContractErrors.CONTRACT_RENT_RANGE(c.code, formatFenGrouped(MAX_CONTRACT_RENT)));
  // A contract that began within the books, in a year already closed, missed that year's rent
  // (accrued on 12-31): refused while the year can still be reopened (no month after it closed).
  // One that began before the books, or in a year that can no longer be reopened, is taken: its
  // earlier rent is the opening balances' or that year's own entries, and refusing would leave no way on.
  const y = yearOf(c.start);
  const first = ledger.firstPeriod();
  if ((first === null || c.start >= `${first}-01`) && ledger.isClosed(`${y}-12`) && !ledger.isClosed(`${y + 1}-01`)) add(ContractErrors.CONTRACT_YEAR_CLOSED(c.code, [y]));
  return errors.length ? { record: null, errors } : { record, errors };
}

/** The calendar years a term has days in. */
function yearsOfTerm(start: IsoDate, end: IsoDate): number[] {
  const out: number[] = [];
  for (let y = yearOf(start); y <= yearOf(end); y++) out.push(y);
  return out;
}

/**
 * The most rent one contract may come to over its whole term (元 880 亿 or so): the sums of a
 * thousand such contracts (dues, accruals, a year's income) stay exact in whole fen. A rent beyond it
 * is a mistyped rate or term (a 50 % rise a year over 70 years), refused before anything is written.
 */
export const MAX_CONTRACT_RENT: Fen = Math.floor(Number.MAX_SAFE_INTEGER / 1024);

/** The rent years' amounts, or null when one cannot be computed in whole fen. */
function scheduleRents(schedule: () => readonly { amount: Fen }[]): Fen[] | null {
  try {
    return schedule().map((r) => r.amount);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function rentInRange(amounts: readonly Fen[] | null): boolean {
  if (amounts === null) return false;
  let total = 0;
  for (const a of amounts) if (!((total += a) <= MAX_CONTRACT_RENT)) return false;
  return true;
}

/** The contracts of a file, in order: each checked against the ledger and the rows accepted before it. */
export function checkContractRows(
  rows: readonly { entry: ContractEntry; source?: Source }[],
  ledger: ContractLookup,
): { records: ContractRecord[]; errors: LedgerError[] } {
  const records: ContractRecord[] = [];
  const errors: LedgerError[] = [];
  for (const r of rows) {
    const c = checkContract(r.entry, ledger, r.source, records);
    errors.push(...c.errors);
    if (c.record) records.push(c.record);
  }
  return { records, errors };
}

/**
 * A payment of `amount` (> 0) on `date`. Before the contract's end any payment is taken (money beyond
 * every due is held as credit); after its last day only while rent is outstanding, and no more than
 * that: there are no later years to hold a credit for.
 */
export function checkPayment(f: Pick<ContractFile, 'contract' | 'prices' | 'payments'>, date: IsoDate, amount: Fen): LedgerError[] {
  const c = f.contract;
  if (amount <= 0) return [UsageErrors.OPTION_VALUE('--amount', '金额须大于 0', 'must be more than 0')];
  // A contract ended early has no later years to hold a credit for, whatever the payment's date.
  if (date <= c.end && !c.endedEarly) return [];
  const outstanding = lifetimeOutstanding(scheduleOf(f), f.payments);
  const early = c.endedEarly ? c.endedEarly.date : null;
  const neverRan = c.end < c.start;
  if (outstanding <= 0) return [ContractErrors.CONTRACT_ENDED(c.code, c.end, c.direction, undefined, early, neverRan)];
  if (amount > outstanding) {
    return [ContractErrors.CONTRACT_ENDED(c.code, c.end, c.direction, { outstanding: formatFenGrouped(outstanding), amount: formatFenGrouped(amount) }, early, neverRan)];
  }
  return [];
}

/**
 * Ending a contract before its agreed end (提前终止), on `date` (its last day), for `reason`: once
 * only; before its agreed end; with a reason; in a month not closed (the registers of a closed
 * month stay as they were closed). The year it cuts short owes the days used (cutShort), the years
 * after it nothing, and the subject is free from the next day. A day before its start ends a
 * contract never performed (no rent year at all, e.g. a lease signed on an asset sold before it was
 * to begin) — only one with no rent accrued and nothing paid from its start on (money paid ahead
 * of it is refundable). Not before the books' first month, nor in a closed one. Rent already accrued stays as it
 * was in a year-closed year (a cut year's earlier calendar years keep their parts by construction);
 * in an open year, what was accrued too much goes back by `contract accrue` (red ink), which year
 * close asks for. Payments are not checked: money received beyond the rent now due is the
 * counterparty's credit (contract refund).
 */
export function checkContractEnd(
  f: Pick<ContractFile, 'contract' | 'prices' | 'accruals' | 'payments'>,
  date: IsoDate,
  reason: string,
  books: { isClosed: (period: string) => boolean; firstPeriod: string | null },
): { ended: ContractRecord | null; errors: LedgerError[] } {
  const c = f.contract;
  const isClosed = books.isClosed;
  const errors: LedgerError[] = [];
  if (!reason.trim()) errors.push(ContractErrors.CONTRACT_END_REASON());
  if (c.endedEarly) return { ended: null, errors: [...errors, ContractErrors.CONTRACT_ALREADY_ENDED(c.code, c.endedEarly.date)] };
  if (date >= c.end) errors.push(ContractErrors.CONTRACT_END_DATE(c.code, date, c.end));
  // Before its start only a contract not performed: no rent accrued, nothing paid from its start on
  // (money paid ahead of it, a deposit, is given back by contract refund).
  else if (date < c.start && (f.accruals.size || f.payments.some((p) => p.date >= c.start))) errors.push(ContractErrors.CONTRACT_END_BEFORE_START(c.code, date, c.start));
  // The books know nothing before their first month: an end there would rewrite what the opening balances hold.
  if (books.firstPeriod !== null && periodOf(date) < books.firstPeriod) errors.push(ContractErrors.CONTRACT_END_BEFORE_BOOKS(c.code, date, books.firstPeriod));
  else if (isClosed(periodOf(date))) errors.push(ContractErrors.CONTRACT_END_CLOSED(c.code, date));
  if (errors.length) return { ended: null, errors };
  const ended = endedEarly(c, date, reason.trim());
  const sched = scheduleOf({ ...f, contract: ended });
  // Money received after the day given, beyond all the rent up to it: the contract ran on after it
  // (an end backdated would turn rent paid for later years into money to give back).
  const later = f.payments.filter((p) => p.date > date && !p.refund);
  if (later.length && lifetimeOutstanding(sched, f.payments) < 0) errors.push(ContractErrors.CONTRACT_END_BEFORE_PAYMENTS(c.code, date, later[later.length - 1].date));
  const after = accrualByYear(sched);
  const changed = [...f.accruals]
    .map(([year, accrued]) => ({ year, accrued, now: after.get(year) ?? 0 }))
    .filter((y) => y.now !== y.accrued && isClosed(`${y.year}-12`));
  if (changed.length) {
    // Ended on the last day of the last year accrued, every accrued year stays whole.
    const last = Math.max(...f.accruals.keys());
    const earliest = `${last}-12-31` < c.end ? `${last}-12-31` : null;
    errors.push(
      ContractErrors.CONTRACT_END_ACCRUED(
        c.code,
        date,
        changed.map((y) => ({ year: y.year, accrued: formatFenGrouped(y.accrued), after: formatFenGrouped(y.now) })),
        earliest,
      ),
    );
  }
  return errors.length ? { ended: null, errors } : { ended, errors };
}

/**
 * A refund of `amount` (> 0) on `date`: no more than was paid beyond every rent of the contract
 * (after an early end, or paid too much), both by that day and counting every payment and refund
 * recorded: rent paid ahead for years still to come is not the counterparty's to take back.
 */
export function checkRefund(f: Pick<ContractFile, 'contract' | 'prices' | 'payments'>, date: IsoDate, amount: Fen, reason: string): LedgerError[] {
  const errors: LedgerError[] = reason.trim() ? [] : [ContractErrors.CONTRACT_REFUND_REASON()];
  if (amount <= 0) return [...errors, UsageErrors.OPTION_VALUE('--amount', '金额须大于 0', 'must be more than 0')];
  const sched = scheduleOf(f);
  // Rent in kind not priced yet counts as nothing: what is beyond the rent is not known until it is.
  const unpriced = sched.filter((r) => !r.priced).map((r) => priceYearOf(r));
  if (unpriced.length) return [...errors, ContractErrors.CONTRACT_REFUND_UNPRICED(f.contract.code, unpriced)];
  const beyond = Math.min(paidBeyondRent(sched, f.payments, date), paidBeyondRent(sched, f.payments));
  const running = sched.some((r) => r.periodEnd > date);
  if (amount > beyond)
    errors.push(ContractErrors.CONTRACT_REFUND_EXCEEDS(f.contract.code, f.contract.direction, formatFenGrouped(Math.max(beyond, 0)), formatFenGrouped(amount), running));
  return errors;
}

/** The money side of a payment: the account given (a leaf of 101/102), else 102's only leaf. */
export function paymentCashAccount(chart: AccountLookup, given: string | null): { code: string | null; errors: LedgerError[] } {
  const r = pickAccount(chart, given, '102', ['101', '102'], { zh: '收付款科目', en: 'cash account' }, '--account');
  return 'error' in r ? { code: null, errors: [r.error] } : { code: r.code, errors: [] };
}

/**
 * Setting the unit price of rent in kind for the contract year starting in `year`: the contract's
 * rent is in kind, such a year exists, the price is positive, and a price already set is not changed
 * once rent of a calendar year that contract year covers has been accrued.
 */
export function checkPriceChange(
  f: Pick<ContractFile, 'contract' | 'prices' | 'accruals'>,
  year: number,
  price: Decimal,
  isClosed: (period: string) => boolean = () => false,
): LedgerError[] {
  const c = f.contract;
  const errors: LedgerError[] = [];
  if (price.lte(0)) errors.push(UsageErrors.OPTION_VALUE('--unit-price', '单价须大于 0', 'must be more than 0'));
  if (!c.inKind) return [...errors, ContractErrors.CONTRACT_NOT_IN_KIND(c.code)];
  const covered = scheduleOf(f).find((r) => priceYearOf(r) === year);
  if (!covered) return [...errors, ContractErrors.CONTRACT_PRICE_YEAR(c.code, year, c.start, c.end)];
  const old = f.prices.get(year);
  const accrued = [yearOf(covered.periodStart), yearOf(covered.periodEnd)].filter((y, i, all) => all.indexOf(y) === i && f.accruals.has(y));
  if (old && !old.eq(price) && accrued.length) errors.push(ContractErrors.CONTRACT_PRICE_ACCRUED(year, old.toString(), accrued));
  // The rent of a year whose December is closed can no longer be accrued: its price stays as it is.
  const closed = yearsOfTerm(covered.periodStart, covered.periodEnd).filter((y) => isClosed(`${y}-12`));
  if (closed.length && !(old && old.eq(price))) errors.push(ContractErrors.CONTRACT_YEAR_CLOSED(c.code, closed));
  if (!errors.length && !rentInRange(scheduleRents(() => scheduleOf({ contract: c, prices: new Map([...f.prices, [year, price]]) }))))
    errors.push(ContractErrors.CONTRACT_RENT_RANGE(c.code, formatFenGrouped(MAX_CONTRACT_RENT)));
  return errors;
}
