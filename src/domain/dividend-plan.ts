// 收益分配: the one planner behind `dividend plan` and `dividend declare` (plan in the domain, act
// in the command), the options in force, the plan as stored at declaration and the declaration's
// entries. Pure: no clock, no I/O; the ledger comes in as PlanFacts read by the store.
import { DISTRIBUTION_ACCOUNTS } from './accounts.js';
import { Decimal, formatFen, type Fen } from './money.js';
import { makeDate, type IsoDate } from './dates.js';
import { checkDistribution, planDistribution, type Allocation, type DistributionPlan, type Shareholder } from './distribution.js';
import { formatUnits, type ShareMovement } from './shares.js';
import type { LedgerError } from './errors.js';
import { DividendErrors } from './errors/dividends.js';
import { UsageErrors } from './errors/usage.js';
import type { VoucherDraft } from './voucher.js';

import type { Movement } from './movement.js';
export type { Movement } from './movement.js';

export type Basis = DistributionPlan['basis'];

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
  basis: Basis;
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

// ---- the planner ---------------------------------------------------------------------------------

/** The distribution options as parsed from the command line. */
export interface PlanOptions {
  /** --profit in fen; null: the profit comes from the ledger. */
  profit: Fen | null;
  /** Fractions: 0.1 = 10%. */
  reserve: Decimal;
  payout: Decimal;
  withhold: Decimal;
  basis: Basis;
  /** record-date basis: the day holdings are counted (null: YYYY-12-31). Ignored time-weighted. */
  recordDate: IsoDate | null;
  offsetDebts: boolean;
  /** Share units per household, or null for no cap. */
  capPerHousehold: number | null;
}

/** What the planner reads from the ledger for one project and year (the store gathers it). */
export interface PlanFacts {
  project: { code: string; name: string };
  year: number;
  /** Income and expense movements of the year on lines that carry the project. */
  projectPnl: Map<string, Movement>;
  /** Income and expense movements of the year in the whole ledger, closing entries excluded. */
  ledgerPnl: Map<string, Movement>;
  /** Net (debit − credit) of 322 未分配收益 before the year: > 0 is a loss not yet made up. */
  openingUndistributed: Fen;
  holders: Shareholder[];
  /** The project's share register. */
  movements: ShareMovement[];
  /** Net (debit − credit) per member on 113 内部往来 at the end of the year; > 0 = owes. */
  internalBalances: Map<string, Fen>;
}

/** A plan with where it came from: what plan and declare show, and what declare stores. */
export interface DividendPlan {
  project: { code: string; name: string };
  year: number;
  options: OptionsRecord;
  distribution: DistributionPlan;
  profitSource: ProfitSource;
}

/** A plan as declared: when, and the vouchers it posted. */
export interface DeclaredPlan extends DividendPlan {
  declaredAt: string;
  vouchers: string[];
}

/** The collective's own register: its profit is the whole ledger's, and it makes up earlier losses. */
export const MAIN_PROJECT = 'main';

export function optionsRecord(o: PlanOptions, year: number): OptionsRecord {
  return {
    profit: o.profit === null ? null : formatFen(o.profit),
    reserve: o.reserve.toFixed(),
    payout: o.payout.toFixed(),
    basis: o.basis,
    recordDate: o.basis === 'record-date' ? (o.recordDate ?? makeDate(year, 12, 31)) : null,
    offsetDebts: o.offsetDebts,
    withhold: o.withhold.toFixed(),
    capPerHousehold: o.capPerHousehold,
  };
}

/**
 * The plan (CONTRACT.md "Distribution options and rules"): the profit from --profit, else from
 * the ledger (main: the whole ledger's 本年收益; a project: its own lines); for main, a debit
 * opening balance of 未分配收益 is made up first; debts on 113 are offset only with offsetDebts.
 * Every reason the planner cannot plan comes back at once.
 */
export function assemblePlan(facts: PlanFacts, o: PlanOptions): { ok: true; plan: DividendPlan } | { ok: false; errors: LedgerError[] } {
  const { project, year } = facts;
  const main = project.code === MAIN_PROJECT;
  let profit: Fen;
  let profitSource: ProfitSource;
  if (o.profit !== null) {
    profit = o.profit;
    profitSource = { kind: 'option' };
  } else {
    const p = profitFromMovements(main ? facts.ledgerPnl : facts.projectPnl);
    profit = p.profit;
    profitSource = { kind: main ? 'ledger' : 'project', income: p.income, expense: p.expense };
  }
  const options = optionsRecord(o, year);
  const opts = {
    year,
    profit,
    openingLoss: main ? Math.max(facts.openingUndistributed, 0) : 0,
    reserveRate: o.reserve,
    payoutRate: o.payout,
    basis: o.basis,
    recordDate: options.recordDate ?? makeDate(year, 12, 31),
    withholdRate: o.withhold,
    debts: o.offsetDebts ? facts.internalBalances : undefined,
    capPerHousehold: o.capPerHousehold ?? undefined,
  };
  const errors = checkDistribution(facts.movements, opts);
  if (errors.length) return { ok: false, errors };
  const distribution = planDistribution(facts.holders, facts.movements, opts);
  return { ok: true, plan: { project, year, options, distribution, profitSource } };
}

/**
 * A declared year is printed (roll, notice) as declared: distribution options given with it are
 * refused (exit 2). `given`: the names of the options given.
 */
export function checkPrintOptions(year: number, declared: boolean, given: readonly string[]): LedgerError[] {
  if (!declared || given.length === 0) return [];
  return [
    UsageErrors.USAGE(
      `${year} 年已宣告分配，按宣告的方案打印，不能再给分配选项`,
      `the ${year} distribution is declared; it is printed as declared, without distribution options`,
    ),
  ];
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
  basis: Basis;
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

/** A declaration as stored, read back. */
export function declaredPlan(
  project: { code: string; name: string },
  year: number,
  stored: { options: OptionsRecord; plan: StoredPlan; declaredAt: string; vouchers: string[] },
): DeclaredPlan {
  const { plan, profitSource } = loadPlan(stored.plan);
  return { project, year, options: stored.options, distribution: plan, profitSource, declaredAt: stored.declaredAt, vouchers: stored.vouchers };
}

// ---- the declaration's entries (DOMAIN.md "Entries the tool makes itself") -------------------

export interface EntryLine {
  account: string;
  debit: Fen;
  credit: Fen;
  member?: string | null;
  project?: string | null;
}

/** 311, 211, 214 and 113, or the single leaf of each where the collective keeps sub-accounts. */
export interface DistributionAccounts {
  reserve: string;
  payable: string;
  tax: string;
  internal: string;
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
  accounts: DistributionAccounts = { reserve: '311', payable: '211', tax: '214', internal: '113' },
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

/**
 * The declaration's vouchers, dated YYYY-12-31: the reserve, and the members' share (null when
 * there is nothing to post).
 */
export function declarationVouchers(p: DividendPlan, accounts: DistributionAccounts): { reserve: VoucherDraft | null; members: VoucherDraft | null } {
  const e = declarationEntries(p.distribution, p.project.code, accounts);
  const date = makeDate(p.year, 12, 31);
  const draft = (summary: string, lines: EntryLine[]): VoucherDraft | null => (lines.length ? { date, summary, lines, kind: 'dividend' } : null);
  return {
    reserve: draft(`${p.year}年${p.project.name}提取公积公益金`, e.reserve),
    members: draft(`${p.year}年${p.project.name}向成员分配收益`, e.members),
  };
}

/** Whether a plan may be declared: not declared before for the project and year, and not empty. */
export function checkDeclaration(p: DividendPlan, existing: { declaredAt: string } | undefined): LedgerError[] {
  const errors: LedgerError[] = [];
  if (existing) errors.push(DividendErrors.DIVIDEND_DECLARED(p.project.code, p.year, existing.declaredAt));
  const empty = emptyReasonText(p.distribution.emptyReason);
  if (empty) errors.push(DividendErrors.DIVIDEND_EMPTY(empty));
  return errors;
}
