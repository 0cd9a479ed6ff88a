// Opening balances (期初余额): stored as entered (opening_balances, covered by the audit trail, with
// the month they open) and added to the balance tables under OPENING_PERIOD, before every month
// (closing = 2 in `balances`), so every report reads them as opening balances and none as a
// movement. verify recomputes the balance tables from the lines and these rows.
import { OPENING_PERIOD, type OpeningLookup, type OpeningRow } from '../domain/opening.js';
import type { Period } from '../domain/dates.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';

/** `closing` of the balance rows that hold opening balances. */
export const OPENING_KIND = 2;

export function openingLookup(ledger: Ledger): OpeningLookup {
  return {
    account: (code) => ledger.account(code),
    hasMember: (id) => ledger.hasMember(id),
    hasProject: (code) => ledger.hasProject(code),
    voucherCount: () => ledger.voucherCount(),
    closedPeriods: () => ledger.closedPeriods(),
    openingEnteredAt: () => (sqlOf(ledger).prepare('SELECT MIN(created_at) FROM opening_balances').pluck().get() as string | null) ?? null,
    startPeriod: () => ledger.startPeriod(),
  };
}

/** Write the opening balances of the books whose first month is `start`. */
export function insertOpening(tx: WriteTx, start: Period, rows: readonly OpeningRow[]): void {
  const period = OPENING_PERIOD;
  const db = sqlOf(tx);
  const ins = db.prepare(
    'INSERT INTO opening_balances(period, account, debit, credit, member, project, party, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const up = (table: string, dim: string | null) =>
    db.prepare(
      dim
        ? `INSERT INTO ${table}(account, ${dim}, period, debit, credit) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(account, ${dim}, period) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`
        : `INSERT INTO ${table}(account, period, closing, debit, credit) VALUES (?, ?, ${OPENING_KIND}, ?, ?)
           ON CONFLICT(account, period, closing) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
    );
  const bal = up('balances', null);
  const mem = up('member_balances', 'member');
  const proj = up('project_balances', 'project');
  const party = up('party_balances', 'party');
  for (const r of rows) {
    ins.run(start, r.account, r.debit, r.credit, r.member, r.project, r.party, tx.now);
    bal.run(r.account, period, r.debit, r.credit);
    if (r.member) mem.run(r.account, r.member, period, r.debit, r.credit);
    if (r.project) proj.run(r.account, r.project, period, r.debit, r.credit);
    if (r.party) party.run(r.account, r.party, period, r.debit, r.credit);
  }
}
