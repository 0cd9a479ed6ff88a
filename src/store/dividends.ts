// Declared distributions and dividend payments: lookups and writes. Writes run inside the caller's
// transaction.
import type { OptionsRecord, StoredPlan } from '../domain/dividend-plan.js';
import type { Fen } from '../domain/money.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';

export interface DividendRow {
  project: string;
  year: number;
  options: OptionsRecord;
  plan: StoredPlan;
  declaredAt: string;
  reserveVoucherId: number | null;
  membersVoucherId: number | null;
}

export function getDividend(ledger: Ledger, project: string, year: number): DividendRow | undefined {
  const r = sqlOf(ledger)
    .prepare(
      `SELECT project, year, options, plan, declared_at AS declaredAt, reserve_voucher_id AS reserveVoucherId,
              members_voucher_id AS membersVoucherId
         FROM dividends WHERE project = ? AND year = ?`,
    )
    .get(project, year) as (Omit<DividendRow, 'options' | 'plan'> & { options: string; plan: string }) | undefined;
  if (!r) return undefined;
  return { ...r, options: JSON.parse(r.options) as OptionsRecord, plan: JSON.parse(r.plan) as StoredPlan };
}

export function insertDividend(ledger: Ledger, d: DividendRow): void {
  sqlOf(ledger)
    .prepare(
      `INSERT INTO dividends(project, year, options, plan, declared_at, reserve_voucher_id, members_voucher_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(d.project, d.year, JSON.stringify(d.options), JSON.stringify(d.plan), d.declaredAt, d.reserveVoucherId, d.membersVoucherId);
}

export interface PaymentRow {
  member: string;
  amount: Fen;
  date: string;
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

export function insertPayment(ledger: Ledger, project: string, year: number, p: PaymentRow, now: string): void {
  sqlOf(ledger)
    .prepare(
      `INSERT INTO dividend_payments(project, year, member, amount, date, account, voucher_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(project, year, p.member, p.amount, p.date, p.account, p.voucherId, now);
}
