// 收益分配: what the planner reads from the ledger, declared distributions and dividend payments.
// Writes take the WriteTx of the command's fence.
import { DISTRIBUTION_ACCOUNTS } from '../domain/accounts.js';
import { makeDate, type IsoDate } from '../domain/dates.js';
import { Refusal, type LedgerError } from '../domain/errors.js';
import { DividendErrors } from '../domain/errors/dividends.js';
import { declaredPlan, type DeclaredPlan, type DistributionAccounts, type OptionsRecord, type PlanFacts, type StoredPlan } from '../domain/dividend-plan.js';
import type { MemberCard, PaymentRecord } from '../domain/dividend-payout.js';
import type { Movement } from '../domain/movement.js';
import type { Fen } from '../domain/money.js';
import { voucherRef } from '../domain/voucher.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';
import { listMembers } from './members.js';
import { requireProject, shareMovementsOf } from './shares.js';

// ---- what the planner reads --------------------------------------------------------------------

function movementMap(rows: ({ account: string } & Movement)[]): Map<string, Movement> {
  return new Map(rows.map((r) => [r.account, { debit: r.debit, credit: r.credit }]));
}

/** Movements of every account in a year on lines carrying the project. */
function projectMovements(ledger: Ledger, project: string, year: number): Map<string, Movement> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT account, SUM(debit) AS debit, SUM(credit) AS credit FROM project_balances
        WHERE project = ? AND period BETWEEN ? AND ? GROUP BY account`,
    )
    .all(project, `${year}-01`, `${year}-12`) as ({ account: string } & Movement)[];
  return movementMap(rows);
}

/** Movements of every account in a year, the year-end closing entries left out. */
function ledgerMovements(ledger: Ledger, year: number): Map<string, Movement> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT account, SUM(debit) AS debit, SUM(credit) AS credit FROM balances
        WHERE period BETWEEN ? AND ? AND closing = 0 GROUP BY account`,
    )
    .all(`${year}-01`, `${year}-12`) as ({ account: string } & Movement)[];
  return movementMap(rows);
}

/** Net (debit − credit) of one account over every month before the year. */
function netBeforeYear(ledger: Ledger, account: string, year: number): Fen {
  return sqlOf(ledger)
    .prepare('SELECT COALESCE(SUM(debit) - SUM(credit), 0) FROM balances WHERE account = ? AND period < ?')
    .pluck()
    .get(account, `${year}-01`) as Fen;
}

/** Net (debit − credit) per member on the accounts under `prefix` at the end of `date` (the year's end). */
function memberNetAtYearEnd(ledger: Ledger, prefix: string, date: IsoDate): Map<string, Fen> {
  const period = date.slice(0, 7);
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT member, SUM(net) AS net FROM (
         SELECT member, debit - credit AS net FROM member_balances WHERE account LIKE ? AND period < ?
         UNION ALL
         SELECT l.member, l.debit - l.credit FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
          WHERE v.period = ? AND v.date <= ? AND l.account LIKE ? AND l.member IS NOT NULL)
       GROUP BY member`,
    )
    .all(prefix + '%', period, period, date, prefix + '%') as { member: string; net: Fen }[];
  return new Map(rows.map((r) => [r.member, r.net]));
}

/** Everything assemblePlan() reads for a project and year. */
export function planFacts(ledger: Ledger, project: { code: string; name: string }, year: number): PlanFacts {
  return {
    project: { code: project.code, name: project.name },
    year,
    projectPnl: projectMovements(ledger, project.code, year),
    ledgerPnl: ledgerMovements(ledger, year),
    openingUndistributed: netBeforeYear(ledger, DISTRIBUTION_ACCOUNTS.undistributed, year),
    holders: listMembers(ledger).map((m) => ({ member: m.id, name: m.name, household: m.household })),
    movements: shareMovementsOf(ledger, project.code).map((m) => ({ member: m.member, date: m.date, units: m.units, shareClass: m.shareClass })),
    internalBalances: memberNetAtYearEnd(ledger, '113', makeDate(year, 12, 31)),
  };
}

/** ID numbers and bank accounts of every member, for the roll and the bank file. */
export function memberCards(ledger: Ledger): Map<string, MemberCard> {
  return new Map(listMembers(ledger).map((m) => [m.id, { idCard: m.idCard, bank: m.bank, bankAccount: m.bankAccount }]));
}

/** The accounts a declaration posts to, or every reason one cannot be chosen. */
export function distributionAccounts(ledger: Ledger): { accounts: DistributionAccounts; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  const leaf = (code: string) => {
    const r = ledger.resolveLeaf(code, null);
    if ('error' in r) {
      errors.push(r.error);
      return code;
    }
    return r.code;
  };
  const accounts = { reserve: leaf('311'), payable: leaf('211'), tax: leaf('214'), internal: leaf('113') };
  return { accounts, errors };
}

// ---- declarations ------------------------------------------------------------------------------

export interface DividendRow {
  project: string;
  year: number;
  options: OptionsRecord;
  plan: StoredPlan;
  declaredAt: string;
  reserveVoucherId: number | null;
  membersVoucherId: number | null;
}

/** A declaration, with the references of the vouchers it posted (2024-12/1). */
export function getDividend(ledger: Ledger, project: string, year: number): (DividendRow & { vouchers: string[] }) | undefined {
  const r = sqlOf(ledger)
    .prepare(
      `SELECT d.project, d.year, d.options, d.plan, d.declared_at AS declaredAt, d.reserve_voucher_id AS reserveVoucherId,
              d.members_voucher_id AS membersVoucherId, r.period AS rPeriod, r.number AS rNumber, m.period AS mPeriod, m.number AS mNumber
         FROM dividends d LEFT JOIN vouchers r ON r.id = d.reserve_voucher_id LEFT JOIN vouchers m ON m.id = d.members_voucher_id
        WHERE d.project = ? AND d.year = ?`,
    )
    .get(project, year) as
    | (Omit<DividendRow, 'options' | 'plan'> & { options: string; plan: string; rPeriod: string | null; rNumber: number | null; mPeriod: string | null; mNumber: number | null })
    | undefined;
  if (!r) return undefined;
  const vouchers: string[] = [];
  if (r.rPeriod !== null && r.rNumber !== null) vouchers.push(voucherRef(r.rPeriod, r.rNumber));
  if (r.mPeriod !== null && r.mNumber !== null) vouchers.push(voucherRef(r.mPeriod, r.mNumber));
  return {
    project: r.project,
    year: r.year,
    options: JSON.parse(r.options) as OptionsRecord,
    plan: JSON.parse(r.plan) as StoredPlan,
    declaredAt: r.declaredAt,
    reserveVoucherId: r.reserveVoucherId,
    membersVoucherId: r.membersVoucherId,
    vouchers,
  };
}

/** The declared plan of a project and year, or a refusal: unknown project, or not declared. */
export function requireDeclared(ledger: Ledger, projectCode: string, year: number): DeclaredPlan {
  const project = requireProject(ledger, projectCode);
  const d = getDividend(ledger, project.code, year);
  if (!d) throw new Refusal(DividendErrors.DIVIDEND_NOT_DECLARED(project.code, year));
  return declaredPlan(project, year, d);
}

export function insertDividend(tx: WriteTx, d: DividendRow): void {
  sqlOf(tx)
    .prepare(
      `INSERT INTO dividends(project, year, options, plan, declared_at, reserve_voucher_id, members_voucher_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(d.project, d.year, JSON.stringify(d.options), JSON.stringify(d.plan), d.declaredAt, d.reserveVoucherId, d.membersVoucherId);
}

// ---- payments ----------------------------------------------------------------------------------

export interface PaymentRow extends PaymentRecord {
  account: string;
  voucherId: number;
}

export function listPayments(ledger: Ledger, project: string, year: number): PaymentRow[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT member, amount, date, account, voucher_id AS voucherId FROM dividend_payments
        WHERE project = ? AND year = ? ORDER BY member`,
    )
    .all(project, year) as PaymentRow[];
}

export function insertPayment(tx: WriteTx, project: string, year: number, p: PaymentRow): void {
  sqlOf(tx)
    .prepare(
      `INSERT INTO dividend_payments(project, year, member, amount, date, account, voucher_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(project, year, p.member, p.amount, p.date, p.account, p.voucherId, tx.now);
}
