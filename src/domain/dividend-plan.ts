// 收益分配 around the planner: where the profit comes from, the options in force, the plan as
// stored at declaration, the declaration's voucher lines and the payment roll. Pure: no I/O.
import { DISTRIBUTION_ACCOUNTS } from './accounts.js';
import { Decimal, formatFen, type Fen } from './money.js';
import type { Allocation, DistributionPlan } from './distribution.js';
import { formatUnits } from './shares.js';

import type { Movement } from './movement.js';
export type { Movement } from './movement.js';

/** 本年收益 of a project from its income (501–504, credit − debit) and expense (511–521, debit − credit) lines. */
export interface ProfitFromLedger {
  income: Fen;
  expense: Fen;
  profit: Fen;
}

export function isIncomeAccount(code: string): boolean {
  return /^50[1-4]/.test(code);
}

export function isExpenseAccount(code: string): boolean {
  return /^5[12]\d/.test(code);
}

export function profitFromMovements(movements: Map<string, Movement>): ProfitFromLedger {
  let income = 0;
  let expense = 0;
  for (const [code, m] of movements) {
    if (isIncomeAccount(code)) income += m.credit - m.debit;
    else if (isExpenseAccount(code)) expense += m.debit - m.credit;
  }
  return { income, expense, profit: income - expense };
}

/** Where the profit came from. */
export type ProfitSource =
  | { kind: 'option' }
  | { kind: 'project' | 'ledger'; income: Fen; expense: Fen };

export function profitSourceJson(s: ProfitSource): Record<string, string> {
  if (s.kind === 'option') return { kind: 'option' };
  return { kind: s.kind, income: formatFen(s.income), expense: formatFen(s.expense) };
}

export function profitSourceText(s: ProfitSource, project: string, year: number): { zh: string; en: string } {
  switch (s.kind) {
    case 'option':
      return { zh: '按 --profit 指定', en: 'given with --profit' };
    case 'ledger':
      return {
        zh: `本集体 ${year} 年本年收益：收入 ${formatFen(s.income)} − 支出 ${formatFen(s.expense)}`,
        en: `the ledger's 本年收益 of ${year}: income ${formatFen(s.income)} − expense ${formatFen(s.expense)}`,
      };
    default:
      return {
        zh: `项目 ${project} ${year} 年收入 ${formatFen(s.income)} − 支出 ${formatFen(s.expense)}`,
        en: `project ${project} in ${year}: income ${formatFen(s.income)} − expense ${formatFen(s.expense)}`,
      };
  }
}

/** The options in force, as stored and shown (rates as fractions in decimal text). */
export interface OptionsRecord {
  profit: string | null; // --profit in 元, or null (from the ledger)
  reserve: string; // fraction, e.g. "0.1"
  payout: string;
  basis: 'record-date' | 'time-weighted';
  recordDate: string | null; // record-date basis only
  offsetDebts: boolean;
  withhold: string;
  capPerHousehold: number | null; // share units
}

function pct(fraction: string): string {
  return new Decimal(fraction).mul(100).toFixed() + '%';
}

export function optionsJson(o: OptionsRecord): Record<string, unknown> {
  return {
    profit: o.profit,
    reserve: pct(o.reserve),
    payout: pct(o.payout),
    basis: o.basis,
    recordDate: o.recordDate,
    offsetDebts: o.offsetDebts,
    withhold: pct(o.withhold),
    capPerHousehold: o.capPerHousehold === null ? null : formatUnits(o.capPerHousehold),
  };
}

/** One line per option in force, for the table under a plan. */
export function optionsText(o: OptionsRecord): { zh: string; en: string } {
  const zh = [
    o.profit === null ? null : `--profit ${o.profit}`,
    `提取公积公益金 ${pct(o.reserve)}`,
    `分配比例 ${pct(o.payout)}`,
    o.basis === 'record-date' ? `按登记日 ${o.recordDate} 持股` : '按持股天数加权',
    o.offsetDebts ? '抵扣内部往来欠款' : null,
    `代扣税 ${pct(o.withhold)}`,
    o.capPerHousehold === null ? null : `每户封顶 ${formatUnits(o.capPerHousehold)} 股`,
  ].filter(Boolean);
  const en = [
    o.profit === null ? null : `--profit ${o.profit}`,
    `reserve ${pct(o.reserve)}`,
    `payout ${pct(o.payout)}`,
    o.basis === 'record-date' ? `holdings on ${o.recordDate}` : 'time-weighted holdings',
    o.offsetDebts ? 'debts on 113 offset' : null,
    `withholding ${pct(o.withhold)}`,
    o.capPerHousehold === null ? null : `cap ${formatUnits(o.capPerHousehold)} shares per household`,
  ].filter(Boolean);
  return { zh: '选项：' + zh.join('；'), en: 'Options: ' + en.join('; ') };
}

export function emptyReasonText(r: DistributionPlan['emptyReason']): { zh: string; en: string } | null {
  if (r === 'no-profit') return { zh: '没有可分配的收益（收益 ≤ 0 或不足弥补亏损），本次不分配', en: 'no distributable profit (profit ≤ 0 or absorbed by the loss); nothing is distributed' };
  if (r === 'no-shares') return { zh: '登记日没有任何股份，本次不分配', en: 'nobody holds shares; nothing is distributed' };
  return null;
}

// ---- the plan as stored at declaration ---------------------------------------------------------

export interface StoredPlan {
  year: number;
  profit: Fen;
  lossCovered: Fen;
  reserve: Fen;
  pool: Fen;
  totalWeight: string;
  perShare: string;
  basis: 'record-date' | 'time-weighted';
  allocations: { member: string; name: string; household: string | null; shares: number; weight: string; gross: Fen; tax: Fen; offset: Fen; net: Fen }[];
  totals: { gross: Fen; tax: Fen; offset: Fen; net: Fen };
  emptyReason: DistributionPlan['emptyReason'];
  profitSource: ProfitSource;
}

export function storePlan(plan: DistributionPlan, profitSource: ProfitSource): StoredPlan {
  return {
    year: plan.year,
    profit: plan.profit,
    lossCovered: plan.lossCovered,
    reserve: plan.reserve,
    pool: plan.pool,
    totalWeight: plan.totalWeight.toFixed(),
    perShare: plan.perShare.toFixed(),
    basis: plan.basis,
    allocations: plan.allocations.map((a) => ({ ...a, weight: a.weight.toFixed() })),
    totals: { ...plan.totals },
    emptyReason: plan.emptyReason,
    profitSource,
  };
}

export function loadPlan(s: StoredPlan): { plan: DistributionPlan; profitSource: ProfitSource } {
  const allocations: Allocation[] = s.allocations.map((a) => ({ ...a, weight: new Decimal(a.weight) }));
  return {
    plan: {
      year: s.year,
      profit: s.profit,
      lossCovered: s.lossCovered,
      reserve: s.reserve,
      pool: s.pool,
      totalWeight: new Decimal(s.totalWeight),
      perShare: new Decimal(s.perShare),
      basis: s.basis,
      allocations,
      totals: { ...s.totals },
      emptyReason: s.emptyReason,
    },
    profitSource: s.profitSource,
  };
}

// ---- the declaration's entries (DOMAIN.md "Entries the tool makes itself") -------------------

export interface EntryLine {
  account: string;
  debit: Fen;
  credit: Fen;
  member?: string | null;
  project?: string | null;
}

export interface DeclarationEntries {
  /** Dr 322 各项分配-提取公积公益金 / Cr 311 公积公益金; empty when the reserve is 0. */
  reserve: EntryLine[];
  /** Dr 322 各项分配-向成员分配 (gross) / Cr 211 (net, per member), 214 (tax), 113 (offset, per member). */
  members: EntryLine[];
}

export function declarationEntries(
  plan: DistributionPlan,
  project: string | null,
  accounts: { reserve: string; payable: string; tax: string; internal: string } = { reserve: '311', payable: '211', tax: '214', internal: '113' },
): DeclarationEntries {
  const D = DISTRIBUTION_ACCOUNTS;
  const reserve: EntryLine[] =
    plan.reserve > 0
      ? [
          { account: D.reserve, debit: plan.reserve, credit: 0, project },
          { account: accounts.reserve, debit: 0, credit: plan.reserve, project },
        ]
      : [];
  const members: EntryLine[] = [];
  if (plan.totals.gross > 0) {
    members.push({ account: D.members, debit: plan.totals.gross, credit: 0, project });
    for (const a of plan.allocations) if (a.net > 0) members.push({ account: accounts.payable, debit: 0, credit: a.net, member: a.member, project });
    if (plan.totals.tax > 0) members.push({ account: accounts.tax, debit: 0, credit: plan.totals.tax, project });
    for (const a of plan.allocations) if (a.offset > 0) members.push({ account: accounts.internal, debit: 0, credit: a.offset, member: a.member, project });
  }
  return { reserve, members };
}

// ---- payment roll and bank file -----------------------------------------------------------------

export interface Payee {
  member: string;
  name: string;
  bank: string | null;
  bankAccount: string | null;
  net: Fen;
}

/** Payees (net > 0) without a bank account number. */
export function payeesWithoutAccount(payees: readonly Payee[]): Payee[] {
  return payees.filter((p) => p.net > 0 && (p.bankAccount === null || p.bankAccount.trim() === ''));
}

/** What is still to pay: net > 0 and not paid yet, optionally for one member. */
export function unpaid(plan: DistributionPlan, paid: ReadonlySet<string>, member?: string): Allocation[] {
  return plan.allocations.filter((a) => a.net > 0 && !paid.has(a.member) && (member === undefined || a.member === member));
}
