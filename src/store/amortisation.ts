// Land 经营权 taken in as shares for a term: the contributions to amortise and the months posted
// (amortisation_postings). Reads take a Ledger; writes take the WriteTx of the command's fence.
import type { Period } from '../domain/dates.js';
import type { AmortisationInput, AmortisationVoucher } from '../domain/amortisation.js';
import type { Ledger, PostedVoucher, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';

/** Every land contribution with a term, with the months already amortised. */
export function amortisationInputs(ledger: Ledger): AmortisationInput[] {
  const db = sqlOf(ledger);
  const lands = db
    .prepare(
      `SELECT id AS contribution, project, date, amount AS value, term_years AS termYears FROM contributions
        WHERE kind = 'land' AND term_years IS NOT NULL
          AND id NOT IN (SELECT contribution_id FROM contribution_cancellations) ORDER BY id`,
    )
    .all() as AmortisationInput['land'][];
  const posted = new Map<number, Set<Period>>();
  for (const r of db.prepare('SELECT contribution, period FROM amortisation_postings').all() as { contribution: number; period: string }[]) {
    posted.set(r.contribution, (posted.get(r.contribution) ?? new Set<Period>()).add(r.period));
  }
  return lands.map((land) => ({ land, posted: posted.get(land.contribution) ?? new Set() }));
}

/** Post the amortisation vouchers and record each contribution's month. */
export function postAmortisation(tx: WriteTx, vouchers: readonly AmortisationVoucher[]): (AmortisationVoucher & { posted: PostedVoucher })[] {
  const ins = sqlOf(tx).prepare('INSERT INTO amortisation_postings(contribution, period, amount, voucher_id) VALUES (?, ?, ?, ?)');
  return vouchers.map((m) => {
    const posted = tx.post(m.draft);
    for (const c of m.charges) ins.run(c.contribution, m.period, c.amount, posted.id);
    return { ...m, posted };
  });
}

/** Amortisation posted per contribution: Σ amount and the last month. */
export function amortisationTotals(ledger: Ledger): Map<number, { amount: number; through: Period }> {
  const rows = sqlOf(ledger)
    .prepare('SELECT contribution, SUM(amount) AS amount, MAX(period) AS through FROM amortisation_postings GROUP BY contribution')
    .all() as { contribution: number; amount: number; through: string }[];
  return new Map(rows.map((r) => [r.contribution, { amount: r.amount, through: r.through }]));
}
