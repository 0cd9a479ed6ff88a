// Contributions: the lookups their check reads under the write lock, the write of checked
// contributions (voucher, contribution row, share movement), and the list.
import { contributionSummary, type ContributionKind, type ContributionRecord, type ContributionLookup, type ReadyContribution } from '../domain/contribution.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { Ledger, PostedVoucher, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';
import { memberLookup } from './members.js';
import { getProject, type ProjectRow } from './projects.js';
import { movementWriter } from './shares.js';

export type { ContributionDraft, ReadyContribution } from '../domain/contribution.js';

/** The ledger as checkContribution reads it, inside the fence (projects and members read once each). */
export function contributionLookup(tx: WriteTx): ContributionLookup {
  const projects = new Map<string, ProjectRow | undefined>();
  return {
    project: (code) => {
      if (!projects.has(code)) projects.set(code, getProject(tx.ledger, code));
      return projects.get(code);
    },
    members: memberLookup(tx.ledger),
    defaultDebit: (code) => tx.ledger.resolveLeaf(code, '借方科目 / --account'),
    checkVoucher: (v) => tx.checkVoucher(v),
  };
}

export interface PostedContribution extends ReadyContribution {
  id: number;
  posted: PostedVoucher;
}

/** The id the next contribution will get (inside the writing transaction). */
function nextContributionId(tx: WriteTx): number {
  return ((sqlOf(tx).prepare('SELECT COALESCE(MAX(id), 0) FROM contributions').pluck().get() as number) ?? 0) + 1;
}

/** Post checked contributions in order: voucher, contribution row, share movement. */
export function postContributions(tx: WriteTx, ready: readonly ReadyContribution[]): PostedContribution[] {
  const move = movementWriter(tx);
  const ins = sqlOf(tx).prepare(
    `INSERT INTO contributions(id, project, member, date, kind, item, quantity, unit, unit_price, amount, units, capital,
       remainder, debit_account, voucher_id, note, created_at, term_years) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let id = nextContributionId(tx);
  const out: PostedContribution[] = [];
  for (const r of ready) {
    const d = r.draft;
    const p = r.plan;
    const posted = tx.postChecked({ ...r.voucher, summary: contributionSummary(id, r.voucher.summary) });
    ins.run(
      id,
      d.project,
      d.member,
      d.date,
      d.kind,
      d.item,
      d.quantity?.toString() ?? null,
      d.unit,
      d.unitPrice?.toString() ?? null,
      p.value,
      p.units,
      p.capital,
      p.remainder,
      r.debitAccount,
      posted.id,
      d.note,
      tx.now,
      d.termYears ?? null,
    );
    if (p.units > 0) {
      move({ project: d.project, member: d.member, date: d.date, shareClass: p.shareClass, units: p.units, kind: 'contribution', note: d.note, contributionId: id });
    }
    out.push({ ...r, id, posted });
    id++;
  }
  return out;
}

export type ContributionRow = ContributionRecord;

/**
 * Contributions by date then number, of a project and/or a member, up to a date when given; the
 * cancelled ones only with `withCancelled` (they count nowhere, but the valuation list shows them).
 */
export function listContributions(ledger: Ledger, filter: { project?: string; member?: string; through?: IsoDate; withCancelled?: boolean }): ContributionRow[] {
  const where: string[] = filter.withCancelled ? [] : ['x.contribution_id IS NULL'];
  const args: string[] = [];
  if (filter.project !== undefined) {
    where.push('c.project = ?');
    args.push(filter.project);
  }
  if (filter.member !== undefined) {
    where.push('c.member = ?');
    args.push(filter.member);
  }
  if (filter.through !== undefined) {
    where.push('c.date <= ?');
    args.push(filter.through);
  }
  return sqlOf(ledger)
    .prepare(
      `SELECT c.id, c.project, c.member, m.name, c.date, c.kind, c.item, c.quantity, c.unit, c.unit_price AS unitPrice, c.amount,
              c.units, c.capital, c.remainder, c.debit_account AS debitAccount, c.voucher_id AS voucherId,
              v.period AS voucherPeriod, v.number AS voucherNumber, c.note, x.cancelled_at AS cancelledAt, x.reason AS cancelReason
         FROM contributions c JOIN members m ON m.id = c.member JOIN vouchers v ON v.id = c.voucher_id
         LEFT JOIN contribution_cancellations x ON x.contribution_id = c.id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.date, c.id`,
    )
    .all(...args) as ContributionRow[];
}
