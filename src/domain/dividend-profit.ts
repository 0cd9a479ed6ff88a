// 收益分配 integrity (财农〔2021〕121号): what a plan may distribute. Losses are made up first,
// 补助收入 is not for dividends unless the user says so, and no year's declarations ever exceed
// the collective's 可分配收益 (严禁举债分配). Also: shares belong to active members only. Pure.
import { formatFen, formatFenGrouped, type Fen } from './money.js';
import type { IsoDate } from './dates.js';
import type { LedgerError } from './errors.js';
import { DividendErrors } from './errors/dividends.js';
import { statusAsOf, type MemberStatus, type StatusEvent } from './members.js';
import { formatUnits, holdingsAsOf, type ShareMovement } from './shares.js';
import type { Movement } from './movement.js';

/** The collective's own register: its profit is the whole ledger's, and it makes up 未分配收益's losses. */
export const MAIN_PROJECT = 'main';

/** 503 补助收入. */
export const SUBSIDY_ACCOUNT = '503';

/** 本年收益 from income (501–504, credit − debit) and expense (511–529, debit − credit) movements. */
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

export function profitFromMovements(movements: ReadonlyMap<string, Movement>): ProfitFromLedger {
  let income = 0;
  let expense = 0;
  for (const [code, m] of movements) {
    if (isIncomeAccount(code)) income += m.credit - m.debit;
    else if (isExpenseAccount(code)) expense += m.debit - m.credit;
  }
  return { income, expense, profit: income - expense };
}

/** 补助收入 (credit − debit on 503 and its sub-accounts) in the movements. */
export function subsidiesOf(movements: ReadonlyMap<string, Movement>): Fen {
  let s = 0;
  for (const [code, m] of movements) if (code.startsWith(SUBSIDY_ACCOUNT)) s += m.credit - m.debit;
  return s;
}

/** Where the profit came from: --profit, the project's own lines, or the whole ledger (main). */
export type ProfitSource = { kind: 'option' } | { kind: 'project' | 'ledger'; income: Fen; expense: Fen };

/** A declaration in force (not cancelled): what it took out of its year's 可分配收益. */
export interface DeclaredAmount {
  project: string;
  year: number;
  reserve: Fen;
  pool: Fen;
}

/** What the profit rules read of the ledger for one project and year. */
export interface ProfitFacts {
  project: string;
  year: number;
  /** Income and expense movements of the year on lines that carry the project. */
  projectPnl: ReadonlyMap<string, Movement>;
  /** The same over every year before. */
  projectEarlierPnl: ReadonlyMap<string, Movement>;
  /** Income and expense movements of the year in the whole ledger, closing entries excluded. */
  ledgerPnl: ReadonlyMap<string, Movement>;
  /** Net (debit − credit) of 322 未分配收益 before the year: > 0 is a loss not yet made up. */
  openingUndistributed: Fen;
  /** Credit − debit on 322 未分配收益 within the year, closing entries excluded (其他转入). */
  undistributedInYear: Fen;
  /**
   * Debit − credit on 322 各项分配 within the year, closing entries excluded, and the net debit of
   * any account the user added under 322 (a distribution the income statement does not show).
   */
  itemsInYear: Fen;
  /** A net debit on 321 本年收益 by hand within the year, as a negative amount (0 when none or a credit). */
  currentInYear?: Fen;
  /** Declarations in force of the year and of the years before, any project. */
  declarations: readonly DeclaredAmount[];
}

/** A year before the one distributed whose year-end closing has not been made: what that closing would carry into 32202. */
export interface UncarriedYear {
  year: number;
  /** 本年收益 (less a debit on 321 by hand) − 各项分配: > 0 adds to 未分配收益, < 0 takes from it. */
  carry: Fen;
}

/** What closing the year would carry into 32202 (YearFacts of a year not closed). */
export function carryOf(f: YearFacts): Fen {
  return profitFromMovements(f.ledgerPnl).profit + (f.currentInYear ?? 0) - f.itemsInYear;
}

/**
 * A year's distribution counts 年初未分配收益 as 32202 stands at the start of the year (CONTRACT.md).
 * The years before it with distributions and not closed yet have not carried their result and
 * their distributions into 32202. Where together they carry more in than out, that figure is less
 * than what truly remains, and the contract's ceiling holds. Where they handed out more than they
 * earned, it counts again what they distributed. Then the year's plans, declarations and entries on
 * 322 wait until those years are closed: refused, naming each that takes out (`uncarried`: those
 * years, any order).
 */
export function checkEarlierYearsCarried(year: number, uncarried: readonly UncarriedYear[]): LedgerError[] {
  const before = uncarried.filter((u) => u.year < year);
  if (before.reduce((s, u) => s + u.carry, 0) >= 0) return [];
  return before
    .filter((u) => u.carry < 0)
    .sort((a, b) => a.year - b.year)
    .map((u) => DividendErrors.DIVIDEND_EARLIER_YEAR_OPEN(year, u.year, formatFenGrouped(-u.carry)));
}

/**
 * A write that adds distributions to a year (an entry on 322 by hand; a declaration is refused
 * before it posts) while the years before it not closed yet take more out of 32202 than they bring:
 * refused as a plan of that year is (checkEarlierYearsCarried). `uncarried(year)`: those years.
 */
export function checkDistributionsAdded(
  before: ReadonlyMap<number, DeclaredYear>,
  after: readonly DeclaredYear[],
  uncarried: (year: number) => readonly UncarriedYear[],
): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const y of after) if (y.items > (before.get(y.year)?.items ?? 0)) errors.push(...checkEarlierYearsCarried(y.year, uncarried(y.year)));
  return errors;
}

/** How a plan's profit and its ceiling were found: stored with a declaration, shown with a plan. */
export interface ProfitBreakdown {
  /** 本年收益 of the project (main: of the whole ledger) in the year, subsidies included. */
  yearProfit: Fen;
  /** 补助收入 in it. */
  subsidies: Fen;
  /** Subsidies left out of the profit (0 with --include-subsidies, or with --profit). */
  subsidiesExcluded: Fen;
  /**
   * Before the year, < 0 a loss still to make up. A project: Σ its earlier years' income − expense
   * − Σ the reserve + pool of its earlier declarations. main: 年初未分配收益.
   */
  retainedBefore: Fen;
  /** Reserve + pool declared for the year by the other projects (declarations in force). */
  declaredByOthers: Fen;
  /** 322 各项分配 of the year that no declaration accounts for (entered by hand). */
  otherDistributions: Fen;
  /** 可分配收益 of the whole collective: 本年收益 + 年初未分配收益 + 其他转入. */
  distributable: Fen;
  /** What this plan may take at most: distributable − declaredByOthers − otherDistributions. */
  remaining: Fen;
}

/**
 * The profit a plan distributes and its ceiling (CONTRACT.md "Distribution integrity").
 * - --profit: taken as given (nothing made up, nothing left out); only the ceiling applies.
 * - a project: its own income − expense of the year, subsidies aside unless included, after making
 *   up its own earlier losses (lossCovered).
 * - main: the whole ledger's 本年收益, subsidies aside unless included, after a debit 年初未分配收益
 *   (lossCovered), less what the other projects have declared for the year.
 * The profit returned is the one the reserve and the pool are taken from.
 */
export function findProfit(
  f: ProfitFacts,
  o: { profit: Fen | null; includeSubsidies: boolean },
): { profit: Fen; lossCovered: Fen; source: ProfitSource; breakdown: ProfitBreakdown } {
  const main = f.project === MAIN_PROJECT;
  const pnl = main ? f.ledgerPnl : f.projectPnl;
  const own = profitFromMovements(pnl);
  const subsidies = subsidiesOf(pnl);
  const inForce = f.declarations.filter((d) => d.year === f.year);
  const taken = (ds: readonly DeclaredAmount[]) => ds.reduce((a, d) => a + d.reserve + d.pool, 0);
  const declaredByOthers = taken(inForce.filter((d) => d.project !== f.project));
  const otherDistributions = f.itemsInYear - taken(inForce);
  const retainedBefore = main
    ? -f.openingUndistributed
    : profitFromMovements(f.projectEarlierPnl).profit - taken(f.declarations.filter((d) => d.project === f.project && d.year < f.year));
  const distributable = distributableOf(f);
  const remaining = distributable - declaredByOthers - otherDistributions;
  const given = o.profit !== null;
  const subsidiesExcluded = given || o.includeSubsidies ? 0 : subsidies;
  const breakdown: ProfitBreakdown = { yearProfit: own.profit, subsidies, subsidiesExcluded, retainedBefore, declaredByOthers, otherDistributions, distributable, remaining };
  if (o.profit !== null) return { profit: o.profit, lossCovered: 0, source: { kind: 'option' }, breakdown };
  const raw = own.profit - subsidiesExcluded;
  const lossCovered = Math.min(Math.max(raw, 0), Math.max(-retainedBefore, 0));
  const profit = raw - lossCovered - (main ? declaredByOthers : 0);
  return { profit, lossCovered, source: { kind: main ? 'ledger' : 'project', income: own.income, expense: own.expense }, breakdown };
}

/** What 可分配收益 and 年末未分配收益 of a year are made of (the facts a plan reads, whole ledger). */
export type YearFacts = Pick<ProfitFacts, 'year' | 'ledgerPnl' | 'currentInYear' | 'openingUndistributed' | 'undistributedInYear' | 'itemsInYear'>;

/** 可分配收益 of the whole collective: 本年收益 (less a debit on 321 by hand) + 年初未分配收益 + 其他转入. */
export function distributableOf(f: YearFacts): Fen {
  return profitFromMovements(f.ledgerPnl).profit + (f.currentInYear ?? 0) - f.openingUndistributed + f.undistributedInYear;
}

/** 年末未分配收益 of the year: 可分配收益 − 各项分配 (the declarations' entries and any made by hand). */
export function undistributedAtYearEnd(f: YearFacts): Fen {
  return distributableOf(f) - f.itemsInYear;
}

/** A year with a declaration in force, before or after a write: its 年末未分配收益 and what makes it. */
export interface DeclaredYear {
  year: number;
  /** The projects declared for it. */
  projects: readonly string[];
  distributable: Fen;
  /** 各项分配 of the year. */
  items: Fen;
  undistributed: Fen;
}

export function declaredYear(f: YearFacts, projects: readonly string[]): DeclaredYear {
  return { year: f.year, projects, distributable: distributableOf(f), items: f.itemsInYear, undistributed: undistributedAtYearEnd(f) };
}

/**
 * No write may leave a year's declarations over its 可分配收益 (CONTRACT.md: a declaration can never
 * leave 年末未分配收益 negative): a voucher of the year that lowers its profit, a year closed before
 * it with a loss (32202 at the start of the year falls), an entry on 322 by hand. A write that
 * leaves a year's 年末未分配收益 negative is refused when it lowered it (`before`: the same years
 * before the write; a year declared by the write itself has none); one that raises it, or leaves
 * it as it was, is not (a ledger already over is not made worse).
 */
export function checkDeclaredYears(before: ReadonlyMap<number, DeclaredYear>, after: readonly DeclaredYear[]): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const y of after) {
    const was = before.get(y.year)?.undistributed;
    if (y.undistributed >= 0 || (was !== undefined && y.undistributed >= was)) continue;
    errors.push(
      DividendErrors.DIVIDEND_UNCOVERED({
        year: y.year,
        projects: y.projects,
        before: was === undefined ? null : formatFenGrouped(was),
        after: formatFenGrouped(y.undistributed),
        distributable: formatFenGrouped(y.distributable),
        items: formatFenGrouped(y.items),
      }),
    );
  }
  return errors;
}

/**
 * A plan never takes more than what remains distributable of its year; a plan that takes nothing
 * is never refused here (it is refused at declaration for being empty).
 */
export function checkCeiling(year: number, taken: Fen, b: ProfitBreakdown): LedgerError[] {
  if (taken <= 0 || taken <= b.remaining) return [];
  return [
    DividendErrors.DIVIDEND_EXCEEDS({
      year,
      taken: formatFenGrouped(taken),
      remaining: formatFenGrouped(b.remaining),
      distributable: formatFenGrouped(b.distributable),
      declared: formatFenGrouped(b.declaredByOthers + b.otherDistributions),
    }),
  ];
}

/** A member's status now and its recorded changes. */
export interface StatusHistory {
  status: MemberStatus;
  events: readonly StatusEvent[];
}

/**
 * Shares belong to active members: every member who holds shares on `date` while not active (正常)
 * on it, each with the transfer (继承 for the deceased, 退出 otherwise) that must come first.
 */
export function checkHolders(
  project: string,
  movements: readonly ShareMovement[],
  date: IsoDate,
  members: ReadonlyMap<string, StatusHistory & { name: string }>,
): LedgerError[] {
  const held = new Map([...holdingsAsOf(movements, date)].map(([id, h]) => [id, h.total]));
  return checkHeld(project, held, date, members, (id) => members.get(id)!.name);
}

/**
 * checkHolders() over the holdings already counted: `held` is the units each member holds on
 * `date` (weighMovements); `members` the status histories (a member absent from it counts as
 * active). The errors come by member id.
 */
export function checkHeld(
  project: string,
  held: ReadonlyMap<string, number>,
  date: IsoDate,
  members: ReadonlyMap<string, StatusHistory>,
  nameOf: (id: string) => string,
): LedgerError[] {
  const found: { id: string; status: MemberStatus; units: number }[] = [];
  const check = (id: string, units: number, m: StatusHistory) => {
    if (units <= 0) return;
    const status = statusAsOf(m.status, m.events, date);
    if (status !== '正常') found.push({ id, status, units });
  };
  // Over the fewer of the two (most of 100,000 holders have no status history): the same members.
  if (members.size < held.size) {
    for (const [id, m] of members) {
      const units = held.get(id);
      if (units !== undefined) check(id, units, m);
    }
  } else {
    for (const [id, units] of held) {
      const m = members.get(id);
      if (m) check(id, units, m);
    }
  }
  return found
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, status, units }) =>
      DividendErrors.DIVIDEND_INACTIVE_HOLDER({ project, member: id, name: nameOf(id), status, date, shares: formatUnits(units), transfer: status === '已故' ? '继承' : '退出' }),
    );
}

/** The basis as JSON fields of a plan (money as "1234.50"); null for a plan stored before it was kept. */
export function breakdownJson(b: ProfitBreakdown | null): Record<string, string | null> {
  const f = (v: Fen | undefined) => (b === null || v === undefined ? null : formatFen(v));
  return {
    yearProfit: f(b?.yearProfit),
    subsidiesExcluded: f(b?.subsidiesExcluded),
    retainedBefore: f(b?.retainedBefore),
    declaredByOthers: f(b?.declaredByOthers),
    otherDistributions: f(b?.otherDistributions),
    distributable: f(b?.distributable),
    remaining: f(b?.remaining),
  };
}
