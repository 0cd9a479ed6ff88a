// Contracts in SQLite: the contracts (with their early ends), their payments and refunds, in-kind prices and accruals. Reads take a
// Ledger (a ContractFile gathers one contract with everything recorded against it); writes take
// the WriteTx of the command's fence.
import { Refusal } from '../domain/errors.js';
import { ContractErrors } from '../domain/errors/contracts.js';
import { Decimal, type Fen } from '../domain/money.js';
import type { IsoDate } from '../domain/dates.js';
import { endedEarly, type ContractEntry, type ContractFile, type ContractRecord, type PaymentRecord } from '../domain/contracts.js';
import type { ContractLookup, SubjectTerm } from '../domain/contract-checks.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';

interface ContractRow {
  code: string;
  kind: ContractEntry['kind'];
  direction: '收' | '付';
  counterparty: string;
  counterparty_id: string | null;
  member: string | null;
  subject: string;
  subject_kind: 'resource' | 'asset';
  area: number | null;
  start_date: string;
  end_date: string;
  rent_per_mu: number | null;
  annual_rent: number | null;
  escalation: string;
  escalate_every: number;
  due_month_day: string | null;
  deposit: number;
  in_kind_quantity: string | null;
  in_kind_item: string | null;
  in_kind_unit: string | null;
  account: string;
  pnl_account: string;
  project: string | null;
  purpose: string | null;
  note: string | null;
  /** From contract_ends: the day it was ended early, and why. */
  ended_on: string | null;
  end_reason: string | null;
  ended_at: string | null;
}

/** A contract's row with its early end, if it has one. */
const CONTRACT_ROWS = 'SELECT c.*, e.date AS ended_on, e.reason AS end_reason, e.created_at AS ended_at FROM contracts c LEFT JOIN contract_ends e ON e.contract = c.code';
/** The day a contract ends: its early end, else the agreed one (as "end"). */
const END_OF = 'COALESCE(e.date, c.end_date) AS "end"';

function contractFromRow(r: ContractRow): ContractRecord {
  const c: ContractRecord = {
    code: r.code,
    kind: r.kind,
    direction: r.direction,
    counterparty: r.counterparty,
    counterpartyId: r.counterparty_id,
    member: r.member,
    subject: r.subject,
    subjectKind: r.subject_kind,
    area: r.area,
    start: r.start_date,
    end: r.end_date,
    rentPerMu: r.rent_per_mu,
    annualRent: r.annual_rent,
    escalation: new Decimal(r.escalation),
    escalateEveryYears: r.escalate_every,
    dueMonthDay: r.due_month_day,
    deposit: r.deposit,
    inKind:
      r.in_kind_quantity !== null ? { quantityPerMu: new Decimal(r.in_kind_quantity), item: r.in_kind_item ?? '', unit: r.in_kind_unit ?? '' } : null,
    account: r.account,
    pnlAccount: r.pnl_account,
    project: r.project,
    purpose: r.purpose,
    note: r.note,
  };
  return r.ended_on === null ? c : endedEarly(c, r.ended_on, r.end_reason ?? '', r.ended_at?.slice(0, 10));
}

export function getContract(ledger: Ledger, code: string): ContractRecord | undefined {
  const r = sqlOf(ledger).prepare(`${CONTRACT_ROWS} WHERE c.code = ?`).get(code) as ContractRow | undefined;
  return r ? contractFromRow(r) : undefined;
}

export function listContracts(ledger: Ledger): ContractRecord[] {
  return (sqlOf(ledger).prepare(`${CONTRACT_ROWS} ORDER BY c.code`).all() as ContractRow[]).map(contractFromRow);
}

/** The payments not cancelled (contract cancel-payment). */
const PAYMENTS = `SELECT p.contract, p.date, p.amount, p.cash_account AS cashAccount, v.period || '/' || v.number AS ref
                    FROM contract_payments p JOIN vouchers v ON v.id = p.voucher_id
                   WHERE NOT EXISTS (SELECT 1 FROM contract_payment_cancellations x WHERE x.payment_id = p.id)`;

/** The refunds not cancelled (contract cancel-payment of a refund's voucher). */
const REFUNDS = `SELECT r.contract, r.date, r.amount, r.cash_account AS cashAccount, v.period || '/' || v.number AS ref
                   FROM contract_refunds r JOIN vouchers v ON v.id = r.voucher_id
                  WHERE NOT EXISTS (SELECT 1 FROM contract_refund_cancellations x WHERE x.refund_id = r.id)`;

/** Contracts with their payments (refunds among them), prices and accruals: one (code given) or all, in code order. */
function loadFiles(ledger: Ledger, code: string | null): ContractFile[] {
  const db = sqlOf(ledger);
  const where = code === null ? '' : ' WHERE contract = ?';
  const args = code === null ? [] : [code];
  const contracts = code === null ? listContracts(ledger) : [getContract(ledger, code)].filter((c): c is ContractRecord => !!c);
  const files = new Map<string, ContractFile & { payments: PaymentRecord[]; prices: Map<number, Decimal>; accruals: Map<number, Fen> }>(
    contracts.map((c) => [c.code, { contract: c, payments: [], prices: new Map(), accruals: new Map() }]),
  );
  const pays = db.prepare(`${PAYMENTS}${code === null ? '' : ' AND p.contract = ?'} ORDER BY p.date, p.id`).all(...args) as (PaymentRecord & { contract: string })[];
  for (const { contract, ...p } of pays) files.get(contract)?.payments.push(p);
  // Refunds as payments of a negative amount, after the payments of their day.
  const refunds = db.prepare(`${REFUNDS}${code === null ? '' : ' AND r.contract = ?'} ORDER BY r.date, r.id`).all(...args) as (PaymentRecord & { contract: string })[];
  for (const { contract, ...r } of refunds) files.get(contract)?.payments.push({ ...r, amount: -r.amount, refund: true });
  if (refunds.length) for (const f of files.values()) f.payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Payments and refunds cancelled (a refund's amount negative, as it counted), in date order.
  const cancelled = db
    .prepare(
      `SELECT contract, date, amount, ref, reason, reversal FROM (
         SELECT p.contract, p.date, p.amount, v.period || '/' || v.number AS ref, x.reason, r.period || '/' || r.number AS reversal, 0 AS refund, p.id
           FROM contract_payment_cancellations x JOIN contract_payments p ON p.id = x.payment_id
           JOIN vouchers v ON v.id = p.voucher_id JOIN vouchers r ON r.id = x.voucher_id
         UNION ALL
         SELECT f.contract, f.date, -f.amount, v.period || '/' || v.number, x.reason, r.period || '/' || r.number, 1, f.id
           FROM contract_refund_cancellations x JOIN contract_refunds f ON f.id = x.refund_id
           JOIN vouchers v ON v.id = f.voucher_id JOIN vouchers r ON r.id = x.voucher_id)${code === null ? '' : ' WHERE contract = ?'} ORDER BY date, refund, id`,
    )
    .all(...args) as { contract: string; date: string; amount: number; ref: string; reason: string; reversal: string }[];
  for (const { contract, ...c } of cancelled) {
    const f = files.get(contract);
    if (f) f.cancelledPayments = [...(f.cancelledPayments ?? []), c];
  }
  const prices = db.prepare(`SELECT contract, year, unit_price FROM contract_prices${where} ORDER BY year`).all(...args) as { contract: string; year: number; unit_price: string }[];
  for (const p of prices) files.get(p.contract)?.prices.set(p.year, new Decimal(p.unit_price));
  const accruals = db
    .prepare(`SELECT contract, year, SUM(amount) AS amount FROM contract_accruals${where} GROUP BY contract, year ORDER BY year`)
    .all(...args) as { contract: string; year: number; amount: number }[];
  for (const a of accruals) files.get(a.contract)?.accruals.set(a.year, a.amount);
  return [...files.values()] satisfies ContractFile[];
}

/** A payment or a refund to cancel, found by its voucher. */
export interface MoneyToCancel {
  refund: boolean;
  id: number;
  date: IsoDate;
  amount: Fen;
  voucherId: number;
  ref: string;
  cancelled: { at: string; reason: string } | null;
}

/**
 * A contract's payment or refund by its voucher (as contract show lists it, 2024-01/3), for contract
 * cancel-payment.
 */
export function paymentForCancel(ledger: Ledger, code: string, period: string, number: number): MoneyToCancel | undefined {
  const r = sqlOf(ledger)
    .prepare(
      `SELECT 0 AS refund, p.id, p.date, p.amount, p.voucher_id AS voucherId, x.created_at AS cancelledAt, x.reason
         FROM contract_payments p JOIN vouchers v ON v.id = p.voucher_id LEFT JOIN contract_payment_cancellations x ON x.payment_id = p.id
        WHERE p.contract = ? AND v.period = ? AND v.number = ?
       UNION ALL
       SELECT 1, f.id, f.date, f.amount, f.voucher_id, x.created_at, x.reason
         FROM contract_refunds f JOIN vouchers v ON v.id = f.voucher_id LEFT JOIN contract_refund_cancellations x ON x.refund_id = f.id
        WHERE f.contract = ? AND v.period = ? AND v.number = ?`,
    )
    .get(code, period, number, code, period, number) as
    | { refund: number; id: number; date: string; amount: number; voucherId: number; cancelledAt: string | null; reason: string | null }
    | undefined;
  if (!r) return undefined;
  return {
    refund: r.refund === 1,
    id: r.id,
    date: r.date,
    amount: r.amount,
    voucherId: r.voucherId,
    ref: `${period}/${number}`,
    cancelled: r.cancelledAt === null ? null : { at: r.cancelledAt, reason: r.reason ?? '' },
  };
}

export function insertPaymentCancellation(tx: WriteTx, c: { refund: boolean; id: number; reason: string; voucherId: number }): void {
  const table = c.refund ? 'contract_refund_cancellations(refund_id' : 'contract_payment_cancellations(payment_id';
  sqlOf(tx).prepare(`INSERT INTO ${table}, reason, voucher_id, created_at) VALUES (?, ?, ?, ?)`).run(c.id, c.reason, c.voucherId, tx.now);
}

/** One contract with everything recorded against it; undefined when there is no such contract. */
export function contractFile(ledger: Ledger, code: string): ContractFile | undefined {
  return loadFiles(ledger, code)[0];
}

/** One contract with everything recorded against it, or a refusal naming the unknown code. */
export function findContract(ledger: Ledger, code: string): ContractFile {
  const f = contractFile(ledger, code);
  if (!f) throw new Refusal(ContractErrors.CONTRACT_UNKNOWN(code));
  return f;
}

/** Every contract with everything recorded against it, in code order. */
export function contractFiles(ledger: Ledger): ContractFile[] {
  return loadFiles(ledger, null);
}

/** The contracts registered on a subject (any direction), each to its early end if it has one. */
export function contractsOn(ledger: Ledger, subject: string): SubjectTerm[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT c.code, c.subject, c.direction, c.start_date AS start, ${END_OF}, e.date IS NOT NULL AS ended
         FROM contracts c LEFT JOIN contract_ends e ON e.contract = c.code WHERE c.subject = ? ORDER BY c.code`,
    )
    .all(subject)
    .map((r) => ({ ...(r as SubjectTerm), ended: (r as { ended: number }).ended === 1 }));
}

/** What checkContract needs: the chart, members, projects, the subjects and the contracts holding them. */
export function contractLookup(ledger: Ledger): ContractLookup {
  const db = sqlOf(ledger);
  const exists = db.prepare('SELECT 1 FROM contracts WHERE code = ?');
  const resource = db.prepare('SELECT area, unit FROM resources WHERE code = ?');
  const asset = db.prepare('SELECT status FROM assets WHERE code = ?');
  return {
    account: (code) => ledger.account(code),
    resolveLeaf: (code, option) => ledger.resolveLeaf(code, option),
    hasMember: (id) => ledger.hasMember(id),
    hasProject: (code) => ledger.hasProject(code),
    contractExists: (code) => exists.get(code) !== undefined,
    resource: (code) => resource.get(code) as { area: number; unit: string } | undefined,
    asset: (code) => asset.get(code) as { status: string } | undefined,
    contractsOn: (subject) => contractsOn(ledger, subject),
    isClosed: (period) => ledger.isClosed(period),
    firstPeriod: () => ledger.firstPeriod(),
  };
}

/** Every contract in brief, for the resource register: code, kind, direction, counterparty, subject, term (with its early end). */
export function contractHeads(
  ledger: Ledger,
): Pick<ContractRecord, 'code' | 'kind' | 'direction' | 'counterparty' | 'subject' | 'start' | 'end' | 'agreedEnd' | 'endedEarly'>[] {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT c.code, c.kind, c.direction, c.counterparty, c.subject, c.start_date AS start, c.end_date AS "end",
              e.date AS ended_on, e.reason AS end_reason, e.created_at AS ended_at
         FROM contracts c LEFT JOIN contract_ends e ON e.contract = c.code ORDER BY c.code`,
    )
    .all() as (Pick<ContractRecord, 'code' | 'kind' | 'direction' | 'counterparty' | 'subject' | 'start' | 'end'> & Pick<ContractRow, 'ended_on' | 'end_reason' | 'ended_at'>)[];
  return rows.map(({ ended_on, end_reason, ended_at, ...c }) => (ended_on === null ? c : endedEarly(c, ended_on, end_reason ?? '', ended_at?.slice(0, 10))));
}

export function insertContract(tx: WriteTx, c: ContractRecord): void {
  sqlOf(tx)
    .prepare(
      `INSERT INTO contracts(code, kind, direction, counterparty, counterparty_id, member, subject, subject_kind, area, start_date, end_date,
         rent_per_mu, annual_rent, escalation, escalate_every, due_month_day, deposit, in_kind_quantity, in_kind_item, in_kind_unit,
         account, pnl_account, project, purpose, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.code,
      c.kind,
      c.direction,
      c.counterparty,
      c.counterpartyId,
      c.member,
      c.subject,
      c.subjectKind,
      c.area,
      c.start,
      c.end,
      c.rentPerMu,
      c.annualRent,
      c.escalation.toString(),
      c.escalateEveryYears,
      c.dueMonthDay,
      c.deposit,
      c.inKind ? c.inKind.quantityPerMu.toString() : null,
      c.inKind?.item ?? null,
      c.inKind?.unit ?? null,
      c.account,
      c.pnlAccount,
      c.project,
      c.purpose,
      c.note,
      tx.now,
    );
}

export function insertPayment(tx: WriteTx, code: string, p: { date: IsoDate; amount: Fen; cashAccount: string; voucherId: number }): void {
  sqlOf(tx)
    .prepare('INSERT INTO contract_payments(contract, date, amount, cash_account, voucher_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(code, p.date, p.amount, p.cashAccount, p.voucherId, tx.now);
}

export function insertRefund(tx: WriteTx, code: string, r: { date: IsoDate; amount: Fen; cashAccount: string; reason: string; voucherId: number }): void {
  sqlOf(tx)
    .prepare('INSERT INTO contract_refunds(contract, date, amount, cash_account, reason, voucher_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(code, r.date, r.amount, r.cashAccount, r.reason, r.voucherId, tx.now);
}

export function setPrice(tx: WriteTx, code: string, year: number, price: Decimal): void {
  sqlOf(tx)
    .prepare(
      `INSERT INTO contract_prices(contract, year, unit_price, set_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(contract, year) DO UPDATE SET unit_price = excluded.unit_price, set_at = excluded.set_at`,
    )
    .run(code, year, price.toString(), tx.now);
}

/** The contract's early end (its last day and why); the contract's own row keeps its agreed end. */
export function insertContractEnd(tx: WriteTx, code: string, date: IsoDate, reason: string): void {
  sqlOf(tx).prepare('INSERT INTO contract_ends(contract, date, reason, created_at) VALUES (?, ?, ?, ?)').run(code, date, reason, tx.now);
}

export function insertAccrual(tx: WriteTx, code: string, year: number, amount: Fen, voucherId: number): void {
  sqlOf(tx)
    .prepare('INSERT INTO contract_accruals(contract, year, amount, voucher_id, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(code, year, amount, voucherId, tx.now);
}
