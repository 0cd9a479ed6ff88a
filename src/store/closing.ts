// Closing (结账): what the controls of a close read, the year-end figures, the year's closing
// vouchers (for year reopen) and the vouchers not yet reviewed (for period check).
import { addMonths, type Period } from '../domain/dates.js';
import type { CloseLookup } from '../domain/closing.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';
import { leafNetBefore } from './queries.js';
import { depreciationInputs } from './assets.js';
import { amortisationInputs } from './amortisation.js';
import { contractFiles } from './contracts.js';

export function netAtYearEnd(ledger: Ledger, year: number): Map<string, number> {
  return leafNetBefore(ledger, addMonths(`${year}-12`, 1));
}

/** The ledger as the controls of a close read it (inside the write fence: under the lock). */
export function closeLookup(ledger: Ledger): CloseLookup {
  const cash = sqlOf(ledger).prepare("SELECT COALESCE(SUM(debit) - SUM(credit), 0) FROM balances WHERE account LIKE '101%' AND period <= ?").pluck();
  return {
    isClosed: (p) => ledger.isClosed(p),
    startPeriod: () => ledger.startPeriod(),
    firstPeriod: () => ledger.firstPeriod(),
    cashAtEnd: (p) => cash.get(p) as number,
    depreciationInputs: () => depreciationInputs(ledger),
    amortisationInputs: () => amortisationInputs(ledger),
    contractFiles: () => contractFiles(ledger),
  };
}

/** The year's closing vouchers (dated 12-31) not reversed yet, in the order they were posted. */
export function closingVouchersOf(ledger: Ledger, year: number): number[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT v.id FROM vouchers v WHERE v.period = ? AND v.kind = 'year-close' AND v.reverses IS NULL
          AND NOT EXISTS (SELECT 1 FROM vouchers r WHERE r.reverses = v.id) ORDER BY v.id`,
    )
    .pluck()
    .all(`${year}-12`) as number[];
}

export interface UnreviewedVoucher {
  period: string;
  number: number;
  date: string;
  summary: string;
  kind: string;
  preparer: string | null;
  amount: number;
}

/** Vouchers of a month nobody has reviewed (审核) yet, in number order. */
export function unreviewedVouchers(ledger: Ledger, period: Period): UnreviewedVoucher[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT v.period, v.number, v.date, v.summary, v.kind, v.preparer,
              (SELECT SUM(debit) FROM voucher_lines l WHERE l.voucher_id = v.id) AS amount
         FROM vouchers v WHERE v.period = ? AND NOT EXISTS (SELECT 1 FROM voucher_reviews r WHERE r.voucher_id = v.id)
        ORDER BY v.number`,
    )
    .all(period) as UnreviewedVoucher[];
}
