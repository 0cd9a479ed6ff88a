// Projects, share registers (movements), contributions and transfers: lookups and writes.
// Writes run inside the caller's transaction.
import { Refusal, ledgerError } from '../domain/errors.js';
import { holdingsAsOf, type ContributionKind, type Holding, type ShareMovement } from '../domain/shares.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';

export interface ProjectRow {
  code: string;
  name: string;
  par: Fen;
  capitalAccount: string;
}

export function getProject(ledger: Ledger, code: string): ProjectRow | undefined {
  return sqlOf(ledger)
    .prepare('SELECT code, name, par, capital_account AS capitalAccount FROM projects WHERE code = ?')
    .get(code) as ProjectRow | undefined;
}

export function requireProject(ledger: Ledger, code: string): ProjectRow {
  const p = getProject(ledger, code);
  if (!p) {
    throw new Refusal(
      ledgerError('PROJECT_UNKNOWN', `项目「${code}」不存在（sanzi project list 查看，sanzi project add 新增）`, `unknown project "${code}" (see sanzi project list)`),
    );
  }
  return p;
}

export function listProjects(ledger: Ledger): ProjectRow[] {
  return sqlOf(ledger)
    .prepare("SELECT code, name, par, capital_account AS capitalAccount FROM projects ORDER BY code = 'main' DESC, code")
    .all() as ProjectRow[];
}

export function insertProject(ledger: Ledger, p: ProjectRow, now: string): void {
  sqlOf(ledger)
    .prepare('INSERT INTO projects(code, name, par, capital_account, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(p.code, p.name, p.par, p.capitalAccount, now);
  ledger.invalidate();
}

export interface MovementRow extends ShareMovement {
  id: number;
  project: string;
  kind: 'grant' | 'contribution' | 'transfer';
  reason: string | null;
  note: string | null;
  contributionId: number | null;
  transferId: number | null;
}

const MV_COLS = `id, project, member, date, share_class AS shareClass, units, kind, reason, note,
  contribution_id AS contributionId, transfer_id AS transferId`;

/** Every movement of a project's register, by date then entry order. */
export function shareMovementsOf(ledger: Ledger, project: string): MovementRow[] {
  return sqlOf(ledger).prepare(`SELECT ${MV_COLS} FROM share_movements WHERE project = ? ORDER BY date, id`).all(project) as MovementRow[];
}

export function memberMovements(ledger: Ledger, member: string, project?: string): MovementRow[] {
  if (project !== undefined) {
    return sqlOf(ledger)
      .prepare(`SELECT ${MV_COLS} FROM share_movements WHERE member = ? AND project = ? ORDER BY date, id`)
      .all(member, project) as MovementRow[];
  }
  return sqlOf(ledger).prepare(`SELECT ${MV_COLS} FROM share_movements WHERE member = ? ORDER BY project, date, id`).all(member) as MovementRow[];
}

/** Holdings of a project's register on a date. */
export function registerAsOf(ledger: Ledger, project: string, asOf: IsoDate): Map<string, Holding> {
  return holdingsAsOf(shareMovementsOf(ledger, project), asOf);
}

export interface NewMovement {
  project: string;
  member: string;
  date: IsoDate;
  shareClass: string;
  units: number;
  kind: 'grant' | 'contribution' | 'transfer';
  reason?: string | null;
  note?: string | null;
  contributionId?: number | null;
  transferId?: number | null;
}

export function movementWriter(ledger: Ledger, now: string): (m: NewMovement) => number {
  const ins = sqlOf(ledger).prepare(
    `INSERT INTO share_movements(project, member, date, share_class, units, kind, reason, note, contribution_id, transfer_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (m) =>
    Number(
      ins.run(m.project, m.member, m.date, m.shareClass, m.units, m.kind, m.reason ?? null, m.note ?? null, m.contributionId ?? null, m.transferId ?? null, now)
        .lastInsertRowid,
    );
}

export function insertTransfer(
  ledger: Ledger,
  t: { project: string; from: string; to: string; date: IsoDate; units: number; reason: string; note: string | null },
  now: string,
): number {
  return Number(
    sqlOf(ledger)
      .prepare('INSERT INTO transfers(project, from_member, to_member, date, units, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(t.project, t.from, t.to, t.date, t.units, t.reason, t.note, now).lastInsertRowid,
  );
}

export interface TransferRow {
  id: number;
  project: string;
  from: string;
  to: string;
  date: string;
  units: number;
  reason: string;
  note: string | null;
}

export function memberTransfers(ledger: Ledger, member: string): TransferRow[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT id, project, from_member AS "from", to_member AS "to", date, units, reason, note FROM transfers
        WHERE from_member = ? OR to_member = ? ORDER BY date, id`,
    )
    .all(member, member) as TransferRow[];
}

export interface NewContribution {
  id: number;
  project: string;
  member: string;
  date: IsoDate;
  kind: ContributionKind;
  item: string | null;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  amount: Fen;
  units: number;
  capital: Fen;
  remainder: Fen;
  debitAccount: string;
  voucherId: number;
  note: string | null;
}

/** A stored contribution with the member's name and its voucher's number, for lists. */
export interface ContributionRow extends NewContribution {
  name: string;
  voucherPeriod: string;
  voucherNumber: number;
}

/** The id the next contribution will get (inside the writing transaction). */
export function nextContributionId(ledger: Ledger): number {
  return ((sqlOf(ledger).prepare('SELECT COALESCE(MAX(id), 0) FROM contributions').pluck().get() as number) ?? 0) + 1;
}

export function insertContribution(ledger: Ledger, c: NewContribution, now: string): void {
  sqlOf(ledger)
    .prepare(
      `INSERT INTO contributions(id, project, member, date, kind, item, quantity, unit, unit_price, amount, units, capital,
         remainder, debit_account, voucher_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.id, c.project, c.member, c.date, c.kind, c.item, c.quantity, c.unit, c.unitPrice, c.amount, c.units, c.capital, c.remainder, c.debitAccount, c.voucherId, c.note, now);
}

export function listContributions(ledger: Ledger, filter: { project?: string; member?: string }): ContributionRow[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.project !== undefined) {
    where.push('c.project = ?');
    args.push(filter.project);
  }
  if (filter.member !== undefined) {
    where.push('c.member = ?');
    args.push(filter.member);
  }
  return sqlOf(ledger)
    .prepare(
      `SELECT c.id, c.project, c.member, m.name, c.date, c.kind, c.item, c.quantity, c.unit, c.unit_price AS unitPrice, c.amount,
              c.units, c.capital, c.remainder, c.debit_account AS debitAccount, c.voucher_id AS voucherId,
              v.period AS voucherPeriod, v.number AS voucherNumber, c.note
         FROM contributions c JOIN members m ON m.id = c.member JOIN vouchers v ON v.id = c.voucher_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.date, c.id`,
    )
    .all(...args) as ContributionRow[];
}
