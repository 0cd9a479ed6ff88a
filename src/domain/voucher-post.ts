// Every check a voucher passes before it is posted: its own (checkVoucher), its month open and
// within the books, and its date not after today. One function, so that a voucher checked inside a
// write and one checked by an import's reader (another thread, over what the write read) meet the
// same rules.
import type { LedgerError } from './errors.js';
import { checkVoucher, type LedgerLookup, type VoucherDraft } from './voucher.js';
import { checkPeriodOpen, type PeriodLookup } from './periods.js';
import { periodOf, type IsoDate } from './dates.js';
import { checkNotFuture } from './entries.js';

export function checkPosting(v: VoucherDraft, ledger: LedgerLookup & PeriodLookup, today: IsoDate, accountNames?: (string | null)[]): LedgerError[] {
  const errors = checkVoucher(v, ledger, accountNames);
  if (v.date) {
    const p = checkPeriodOpen(periodOf(v.date), ledger, v.source);
    if (p) errors.unshift(p);
    const f = checkNotFuture(v, today);
    if (f) errors.unshift(f);
  }
  return errors;
}
