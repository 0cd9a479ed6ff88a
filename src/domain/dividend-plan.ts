// 收益分配: the one planner behind `dividend plan` and `dividend declare` (plan in the domain, act
// in the command), the options in force, the plan as stored at declaration and the declaration's
// entries. Pure: no clock, no I/O; the ledger comes in as PlanFacts read by the store.
import { DISTRIBUTION_ACCOUNTS } from './accounts.js';
import { Decimal, formatFen, formatFenGrouped, type Fen } from './money.js';
import { makeDate, type IsoDate } from './dates.js';
import {
  checkDistribution,
  distributionMoney,
  planDistribution,
  weighMovements,
  type Allocation,
  type DistributionPlan,
  type PlanMovement,
  type Shareholder,
  type DistributionOptions,
  type SummedWeighing,
} from './distribution.js';
import { checkCeiling, checkEarlierYearsCarried, checkHeld, findProfit, type ProfitBreakdown, type ProfitFacts, type ProfitSource, type StatusHistory, type UncarriedYear } from './dividend-profit.js';
import { formatUnits } from './shares.js';
import type { LedgerError } from './errors.js';
import { DividendErrors } from './errors/dividends.js';
import { UsageErrors } from './errors/usage.js';
import type { VoucherDraft } from './voucher.js';

export type { Movement } from './movement.js';

export type Basis = DistributionPlan['basis'];

// The profit rules (losses made up, subsidies aside, the ceiling) live in dividend-profit.ts.
export {
  isExpenseAccount,
  isIncomeAccount,
  MAIN_PROJECT,
  profitFromMovements,
  type ProfitBreakdown,
  type ProfitFromLedger,
  type ProfitSource,
} from './dividend-profit.js';

export function profitSourceJson(s: ProfitSource): Record<string, string> {
  if (s.kind === 'option') return { kind: 'option' };
  return { kind: s.kind, income: formatFen(s.income), expense: formatFen(s.expense) };
}

/** Where the profit came from, in words; `project` is the project's name. */
export function profitSourceText(s: ProfitSource, project: string, year: number): { zh: string; en: string } {
  switch (s.kind) {
    case 'option':
      return { zh: '按指定金额', en: 'as given' };
    case 'ledger':
      return {
        zh: `本集体 ${year} 年收入 ${formatFenGrouped(s.income)} − 支出 ${formatFenGrouped(s.expense)}`,
        en: `the collective in ${year}: income ${formatFenGrouped(s.income)} − expense ${formatFenGrouped(s.expense)}`,
      };
    default:
      return {
        zh: `${project} ${year} 年收入 ${formatFenGrouped(s.income)} − 支出 ${formatFenGrouped(s.expense)}`,
        en: `${project} in ${year}: income ${formatFenGrouped(s.income)} − expense ${formatFenGrouped(s.expense)}`,
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
  /** 503 补助收入 counted in the profit (absent in plans stored before the option existed: false). */
  includeSubsidies?: boolean;
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
    includeSubsidies: o.includeSubsidies ?? false,
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
    o.includeSubsidies ? '补助收入参与分配' : null,
  ].filter(Boolean);
  const en = [
    o.profit === null ? null : `--profit ${o.profit}`,
    `reserve ${pct(o.reserve)}`,
    `payout ${pct(o.payout)}`,
    o.basis === 'record-date' ? `holdings on ${o.recordDate}` : 'time-weighted holdings',
    o.offsetDebts ? 'debts on 113 offset' : null,
    `withholding ${pct(o.withhold)}`,
    o.capPerHousehold === null ? null : `cap ${formatUnits(o.capPerHousehold)} shares per household`,
    o.includeSubsidies ? 'subsidies (503) included' : null,
  ].filter(Boolean);
  return { zh: '选项：' + zh.join('；'), en: 'Options: ' + en.join('; ') };
}

export function emptyReasonText(r: DistributionPlan['emptyReason']): { zh: string; en: string } | null {
  if (r === 'no-profit') return { zh: '没有可分配的收益（收益 ≤ 0、不足弥补亏损，或已由其他项目分配），本次不分配', en: 'no distributable profit (profit ≤ 0, absorbed by the loss, or already declared by other projects); nothing is distributed' };
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
  /** --include-subsidies: 503 补助收入 counts in the profit taken from the ledger. */
  includeSubsidies: boolean;
}

/**
 * What the planner reads from the ledger for one project and year (the store gathers it): the
 * profit facts of dividend-profit.ts, the share register and who holds it, and 113 balances.
 */
export interface PlanFacts extends Omit<ProfitFacts, 'project'> {
  project: { code: string; name: string };
  /** Every member who may be named (read afresh each time it is iterated, by id as the ledger gives them). */
  holders: Iterable<Shareholder>;
  /** Each member's status history, to refuse shares held by members not active. */
  statuses: ReadonlyMap<string, StatusHistory>;
  /**
   * The project's share register, by date then entry order: read once for the weights (again only
   * for a household cap, sums past 2^53 or movements not whole).
   */
  movements: Iterable<PlanMovement>;
  /**
   * The register weighed from its sums per member (weighSums of the store's sums over
   * weighingDays(opts)), when the store can: then neither `movements` nor `holders` is read for
   * the plan. Absent, or null for a register it cannot sum exactly: the movements are weighed one
   * by one.
   */
  summed?: (opts: Pick<DistributionOptions, 'basis' | 'recordDate' | 'year'>) => SummedWeighing | null;
  /** Net (debit − credit) per member on 113 内部往来 at the end of the year; > 0 = owes. */
  internalBalances: Map<string, Fen>;
  /**
   * The debts this project's own declaration of the year (if one is in force) offset on 113, per
   * member: they are in internalBalances already, and a plan of a declared year counts them back.
   */
  ownOffsets?: ReadonlyMap<string, Fen>;
  /** The years before not closed yet, and what closing each would carry (checkEarlierYearsCarried). */
  uncarriedYears?: readonly UncarriedYear[];
}

/**
 * What each member owes on 113 for a plan to offset: the balance at the year's end, with what this
 * project's own declaration of the year already offset counted back, so that a plan of a declared
 * year reproduces the declaration (as it leaves that declaration out of what remains distributable).
 */
export function debtsToOffset(balances: ReadonlyMap<string, Fen>, ownOffsets: ReadonlyMap<string, Fen> = new Map()): Map<string, Fen> {
  const out = new Map(balances);
  for (const [member, offset] of ownOffsets) out.set(member, (out.get(member) ?? 0) + offset);
  return out;
}

/** A plan with where it came from: what plan and declare show, and what declare stores. */
export interface DividendPlan {
  project: { code: string; name: string };
  year: number;
  options: OptionsRecord;
  distribution: DistributionPlan;
  profitSource: ProfitSource;
  /** How the profit and its ceiling were found; null for a plan declared before they were kept. */
  breakdown: ProfitBreakdown | null;
}

/** A plan as declared: when, and the vouchers it posted. */
export interface DeclaredPlan extends DividendPlan {
  declaredAt: string;
  vouchers: string[];
}

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
    includeSubsidies: o.includeSubsidies,
  };
}

/** A member's name among the holders (the last one given), else the id. */
function holderNames(holders: Iterable<Shareholder>): (id: string) => string {
  let names: Map<string, string> | undefined;
  return (id) => {
    if (!names) {
      names = new Map();
      for (const h of holders) names.set(h.member, h.name);
    }
    return names.get(id) ?? id;
  };
}

/**
 * The plan (CONTRACT.md "Distribution options and rules" and "Distribution integrity"): the profit
 * from --profit, else from the ledger after the losses to make up and without the subsidies
 * (profitBasis); the reserve and the pool from it; debts on 113 offset only with offsetDebts.
 * Refused, every reason at once: what the planner cannot compute, shares held by members not active
 * on the day they are counted, and a reserve + pool above what remains distributable of the year.
 */
export function assemblePlan(facts: PlanFacts, o: PlanOptions): { ok: true; plan: DividendPlan } | { ok: false; errors: LedgerError[] } {
  const { project, year } = facts;
  const found = findProfit({ ...facts, project: project.code }, o);
  const options = optionsRecord(o, year);
  const shareDate = options.recordDate ?? makeDate(year, 12, 31);
  const opts = {
    year,
    profit: found.profit,
    reserveRate: o.reserve,
    payoutRate: o.payout,
    basis: o.basis,
    recordDate: shareDate,
    withholdRate: o.withhold,
    debts: o.offsetDebts ? debtsToOffset(facts.internalBalances, facts.ownOffsets) : undefined,
    capPerHousehold: o.capPerHousehold ?? undefined,
  };
  // The register weighed once, for the checks and the plan: summed by the store where it can.
  const summed = facts.summed?.(opts) ?? null;
  const weighing = summed?.weighing ?? weighMovements(facts.movements, opts);
  const holders = summed?.holders ?? facts.holders;
  const errors = checkDistribution(facts.movements, opts, weighing);
  errors.push(...checkHeld(project.code, weighing.held, shareDate, facts.statuses, holderNames(holders)));
  errors.push(...checkEarlierYearsCarried(year, facts.uncarriedYears ?? []));
  if (errors.length) {
    // Shares held by members not active, an earlier year to close first, do not change the money:
    // whether it is over the year's ceiling is said as well, so that every reason comes at once.
    if (errors.every((e) => e.code === 'DIVIDEND_INACTIVE_HOLDER' || e.code === 'DIVIDEND_EARLIER_YEAR_OPEN')) {
      const { reserve, pool } = distributionMoney(opts);
      errors.push(...checkCeiling(year, reserve + pool, found.breakdown));
    }
    return { ok: false, errors };
  }
  const distribution = { ...planDistribution(holders, facts.movements, opts, weighing), lossCovered: found.lossCovered };
  const ceiling = checkCeiling(year, distribution.reserve + distribution.pool, found.breakdown);
  if (ceiling.length) return { ok: false, errors: ceiling };
  return { ok: true, plan: { project, year, options, distribution, profitSource: found.source, breakdown: found.breakdown } };
}

/**
 * A declared year is printed (roll, notice) as declared: distribution options given with it are
 * refused (exit 2). `given`: the names of the options given. (A year not declared is not printed.)
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
  /** Absent in plans declared before it was kept. */
  breakdown?: ProfitBreakdown;
}

export function storePlan(plan: DistributionPlan, profitSource: ProfitSource, breakdown: ProfitBreakdown | null = null): StoredPlan {
  return {
    year: plan.year,
    profit: plan.profit,
    lossCovered: plan.lossCovered,
    reserve: plan.reserve,
    pool: plan.pool,
    totalWeight: plan.totalWeight.toFixed(),
    perShare: plan.perShare.toFixed(),
    basis: plan.basis,
    allocations: plan.allocations.map((a) => ({
      member: a.member,
      name: a.name,
      household: a.household,
      shares: a.shares,
      weight: a.weight.toFixed(),
      gross: a.gross,
      tax: a.tax,
      offset: a.offset,
      net: a.net,
    })),
    totals: { ...plan.totals },
    emptyReason: plan.emptyReason,
    profitSource,
    ...(breakdown ? { breakdown } : {}),
  };
}

type StoredAllocationRow = StoredPlan['allocations'][number];

/**
 * An allocation read back from a stored plan: the stored row itself behind it (nothing copied), its
 * weight (Decimal) made only when read.
 */
class StoredAllocation implements Allocation {
  readonly #row: StoredAllocationRow;
  #weight: Decimal | undefined;
  constructor(row: StoredAllocationRow) {
    this.#row = row;
  }
  get member(): string {
    return this.#row.member;
  }
  get name(): string {
    return this.#row.name;
  }
  get household(): string | null {
    return this.#row.household;
  }
  get shares(): number {
    return this.#row.shares;
  }
  get gross(): Fen {
    return this.#row.gross;
  }
  get tax(): Fen {
    return this.#row.tax;
  }
  get offset(): Fen {
    return this.#row.offset;
  }
  get net(): Fen {
    return this.#row.net;
  }
  get weight(): Decimal {
    return (this.#weight ??= new Decimal(this.#row.weight));
  }
}

/** An allocation of a stored plan, read through (its weight made only when asked for). */
export function storedAllocation(row: StoredAllocationRow): Allocation {
  return new StoredAllocation(row);
}

export function loadPlan(s: StoredPlan): { plan: DistributionPlan; profitSource: ProfitSource; breakdown: ProfitBreakdown | null } {
  const allocations: Allocation[] = s.allocations.map((a) => new StoredAllocation(a));
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
    breakdown: s.breakdown ?? null,
  };
}

/** A declaration as stored, read back. */
export function declaredPlan(
  project: { code: string; name: string },
  year: number,
  stored: { options: OptionsRecord; plan: StoredPlan; declaredAt: string; vouchers: string[] },
): DeclaredPlan {
  const { plan, profitSource, breakdown } = loadPlan(stored.plan);
  return { project, year, options: stored.options, distribution: plan, profitSource, breakdown, declaredAt: stored.declaredAt, vouchers: stored.vouchers };
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
  /** Dr 322 各项分配-向成员分配 (gross) / Cr 211 (net), 214 (tax withheld) and 113 (offset), each per member. */
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
    for (const a of plan.allocations) if (a.tax > 0) members.push({ account: accounts.tax, debit: 0, credit: a.tax, member: a.member, project });
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
