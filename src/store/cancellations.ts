// Cancellations (dividend cancel, contribution cancel): what they read of the vouchers they reverse
// and of the contribution they undo, and the record of a cancelled contribution.
import type { ContributionCancelFacts, PostedOriginal } from '../domain/cancellation.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';
import { declarationsInForce } from './dividends.js';
import { memberMovements } from './shares.js';

/** A posted voucher with its lines, as a cancellation reverses it; null for no voucher. */
export function postedOriginal(ledger: Ledger, voucherId: number | null): PostedOriginal | null {
  if (voucherId === null) return null;
  const v = ledger.voucherById(voucherId);
  if (!v) return null;
  return { id: v.id, date: v.date, number: v.number, lines: ledger.linesOf(v.id), reversed: ledger.reversalOf(v.id) !== undefined };
}

/** A contribution as contribution cancel checks it, with the voucher it posted; undefined if unknown. */
export function contributionForCancel(ledger: Ledger, id: number): (ContributionCancelFacts & { voucherId: number }) | undefined {
  const db = sqlOf(ledger);
  const c = db
    .prepare(
      `SELECT c.id, c.project, c.member, m.name, c.date, c.voucher_id AS voucherId, x.cancelled_at AS cancelledAt, x.reason
         FROM contributions c JOIN members m ON m.id = c.member LEFT JOIN contribution_cancellations x ON x.contribution_id = c.id
        WHERE c.id = ?`,
    )
    .get(id) as { id: number; project: string; member: string; name: string; date: string; voucherId: number; cancelledAt: string | null; reason: string | null } | undefined;
  if (!c) return undefined;
  const mv = db.prepare('SELECT units, share_class AS shareClass FROM share_movements WHERE contribution_id = ?').get(id) as { units: number; shareClass: string } | undefined;
  return {
    id: c.id,
    project: c.project,
    member: { id: c.member, name: c.name },
    date: c.date,
    shares: mv ?? null,
    cancelled: c.cancelledAt === null ? null : { at: c.cancelledAt, reason: c.reason ?? '' },
    // memberMovements leaves out cancelled contributions; this one is not cancelled yet, so drop it here.
    otherMovements: memberMovements(ledger, c.member, c.project).filter((m) => m.contributionId !== id),
    declarations: declarationsInForce(ledger, c.project),
    amortised: db.prepare('SELECT period FROM amortisation_postings WHERE contribution = ? ORDER BY period').pluck().all(id) as string[],
    voucherId: c.voucherId,
  };
}

export function insertContributionCancellation(tx: WriteTx, c: { contributionId: number; reason: string; voucherId: number | null }): void {
  sqlOf(tx)
    .prepare('INSERT INTO contribution_cancellations(contribution_id, reason, cancelled_at, voucher_id) VALUES (?, ?, ?, ?)')
    .run(c.contributionId, c.reason, tx.now, c.voucherId);
}
