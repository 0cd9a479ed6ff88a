// 收益分配 after the declaration: paying members (dividend pay), the payment roll (分红发放表), the
// bank's batch-payment file (银行代发) and the roster of the public notice. Pure: no I/O.
import { formatFen, toDaxie, type Fen } from './money.js';
import { makeDate, type IsoDate } from './dates.js';
import { maskIdCard } from './idcard.js';
import type { Allocation, DistributionPlan } from './distribution.js';
import type { DistributionAccounts, DividendPlan, EntryLine } from './dividend-plan.js';
import type { LedgerError } from './errors.js';
import { DividendErrors } from './errors/dividends.js';
import type { VoucherDraft } from './voucher.js';

/** What is still to pay: net > 0 and not paid yet, optionally for one member. */
export function unpaid(plan: DistributionPlan, paid: ReadonlySet<string>, member?: string): Allocation[] {
  return plan.allocations.filter((a) => a.net > 0 && !paid.has(a.member) && (member === undefined || a.member === member));
}

// ---- dividend pay ------------------------------------------------------------------------------

export interface PaymentRecord {
  member: string;
  amount: Fen;
  date: IsoDate;
}

export interface PayoutRequest {
  date: IsoDate;
  /** One member only; else everyone not paid yet. */
  member?: string;
  /** The account paid from (credited); checked when given. */
  account?: string;
}

/** 货币资金: 101 库存现金, 102 银行存款 and the accounts under them (a child's code extends its parent's). */
export function isMoneyAccount(code: string): boolean {
  return /^10[12](\d\d)*$/.test(code);
}

/**
 * Whether a payment may be made: not dated before the declaration (YYYY-12-31), from cash or the
 * bank (isMoneyAccount); one member must have something to be paid and not have been paid;
 * without a member, someone must be left to pay.
 */
export function checkPayout(p: DividendPlan, payments: readonly PaymentRecord[], req: PayoutRequest): LedgerError[] {
  const errors: LedgerError[] = [];
  const declaredOn = makeDate(p.year, 12, 31);
  if (req.date < declaredOn) errors.push(DividendErrors.DIVIDEND_PAY_DATE(req.date, declaredOn));
  // Paid from anything else, the payment would book no money out (211, 113) or make income of it (501).
  if (req.account !== undefined && !isMoneyAccount(req.account)) errors.push(DividendErrors.DIVIDEND_PAY_ACCOUNT(req.account));
  const paid = new Map(payments.map((x) => [x.member, x]));
  if (req.member !== undefined) {
    const a = p.distribution.allocations.find((x) => x.member === req.member);
    const done = paid.get(req.member);
    if (!a || a.net <= 0) errors.push(DividendErrors.DIVIDEND_NO_MEMBER(req.member, p.year));
    else if (done) errors.push(DividendErrors.DIVIDEND_PAID(p.project.code, p.year, { member: a.member, name: a.name, date: done.date, amount: formatFen(done.amount) }));
  } else if (unpaid(p.distribution, new Set(paid.keys())).length === 0) {
    errors.push(DividendErrors.DIVIDEND_PAID(p.project.code, p.year));
  }
  return errors;
}

/** Dr 211 each member's net (with the member) / Cr the cash account the total. */
export function payoutLines(todo: readonly Allocation[], accounts: { payable: string; cash: string }, project: string): EntryLine[] {
  const total = todo.reduce((s, a) => s + a.net, 0);
  return [
    ...todo.map((a) => ({ account: accounts.payable, debit: a.net, credit: 0, member: a.member, project })),
    { account: accounts.cash, debit: 0, credit: total, project },
  ];
}

/** The payment voucher of `todo` (members not paid yet) on `date`. */
export function payoutVoucher(p: DividendPlan, todo: readonly Allocation[], date: IsoDate, accounts: { payable: string; cash: string }): VoucherDraft {
  return { date, summary: `发放${p.year}年${p.project.name}分红`, lines: payoutLines(todo, accounts, p.project.code), kind: 'dividend-payment' };
}

// ---- roll, notice roster and bank file ---------------------------------------------------------

/**
 * A member as the ledger has them now: a roll, a notice and a bank file print the name and
 * household of today (a member edit after the declaration shows), the plan keeps what it was
 * computed with. Without name or household, the plan's are printed.
 */
export interface MemberNow {
  idCard: string | null;
  name?: string;
  household?: string | null;
}

/** What the roll and the bank file need of a member beyond the plan. */
export interface MemberCard extends MemberNow {
  bank: string | null;
  bankAccount: string | null;
}

/** One line of the payment roll and of the notice's roster: the ID number masked, the net in 大写. */
export interface RosterLine {
  member: string;
  name: string;
  household: string;
  /** 441827********1239; '' when unknown. Never the full number. */
  idCard: string;
  /** Share units. */
  shares: number;
  gross: Fen;
  tax: Fen;
  offset: Fen;
  net: Fen;
  netInWords: string;
}

/** One allocation as a line of the roll and of the notice's roster; `now`: the member as the ledger has them now, or null. */
export function rosterLine(a: Allocation, now: MemberNow | null): RosterLine {
  return {
    member: a.member,
    name: now?.name ?? a.name,
    household: (now?.household !== undefined ? now.household : a.household) ?? '',
    idCard: maskIdCard(now?.idCard ?? null) ?? '',
    shares: a.shares,
    gross: a.gross,
    tax: a.tax,
    offset: a.offset,
    net: a.net,
    netInWords: toDaxie(a.net),
  };
}

/**
 * The roster of a plan made a line at a time, each time it is read (a roll of 100,000 members is
 * written as its lines are made, none of them kept). `member`: the member of the plan's allocation
 * at `index` as the ledger has them now (their full ID number), or null.
 */
export function roster(plan: DistributionPlan, member: (member: string, index: number) => MemberNow | null): Iterable<RosterLine> {
  return {
    *[Symbol.iterator]() {
      const all = plan.allocations;
      for (let i = 0; i < all.length; i++) yield rosterLine(all[i], member(all[i].member, i));
    },
  };
}

/**
 * The roster of allocations read one at a time (a declared plan's, from its stored bytes), a line
 * made as each is read. `idCards` is opened afresh for each reading, asked for each member in turn,
 * and closed when the reading ends.
 */
export function rosterOf(allocations: () => Iterable<Allocation>, idCards: () => { of(member: string): MemberNow | null; close(): void }): Iterable<RosterLine> {
  return {
    *[Symbol.iterator]() {
      const cards = idCards();
      try {
        for (const a of allocations()) yield rosterLine(a, cards.of(a.member));
      } finally {
        cards.close();
      }
    },
  };
}

export function rosterLines(plan: DistributionPlan, cards: ReadonlyMap<string, MemberCard>): RosterLine[] {
  return Array.from(roster(plan, (m) => cards.get(m) ?? null));
}

/** One transfer of the bank's batch-payment file. */
export interface BankLine {
  name: string;
  bankAccount: string;
  bank: string;
  amount: Fen;
  member: string;
  purpose: string;
}

/**
 * The bank file: every member with a net not paid yet, to their account. Refused when nobody is
 * left to pay, or naming every payee without an account number; with `skipMissing`, those payees
 * are left out instead (returned as `skipped`, to be listed), unless nobody would be left.
 */
export function bankFile(
  p: DividendPlan,
  paid: ReadonlySet<string>,
  cards: ReadonlyMap<string, MemberCard>,
  opts: { skipMissing?: boolean } = {},
): { lines: BankLine[]; skipped: Allocation[]; errors: LedgerError[] } {
  const todo = unpaid(p.distribution, paid);
  if (todo.length === 0) return { lines: [], skipped: [], errors: [DividendErrors.DIVIDEND_NOTHING_TO_PAY(p.project.code, p.year)] };
  const account = (m: string) => (cards.get(m)?.bankAccount ?? '').trim();
  const missing = todo.filter((a) => account(a.member) === '');
  if (missing.length && (!opts.skipMissing || missing.length === todo.length)) {
    return { lines: [], skipped: [], errors: [DividendErrors.BANK_ACCOUNT_MISSING(missing.map((a) => `${a.member} ${a.name}`))] };
  }
  const purpose = `${p.year}年${p.project.name}分红`;
  const lines = todo
    .filter((a) => account(a.member) !== '')
    .map((a) => ({ name: cards.get(a.member)?.name ?? a.name, bankAccount: account(a.member), bank: cards.get(a.member)?.bank ?? '', amount: a.net, member: a.member, purpose }));
  return { lines, skipped: missing, errors: [] };
}
