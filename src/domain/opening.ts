// Opening balances (期初余额) for books that start mid-life: the balances of the leaf accounts on
// the first day of the books' first month, entered once before any voucher. They are balances, not
// movements: no journal or voucher list shows them; every balance read before any month includes
// them. Pure: the ledger is read through OpeningLookup.
import { withSource, type LedgerError, type Source } from './errors.js';
import { AccountErrors } from './errors/accounts.js';
import { MemberErrors } from './errors/members.js';
import { ShareErrors } from './errors/shares.js';
import { OpeningErrors } from './errors/opening.js';
import { formatFenGrouped, type Fen } from './money.js';
import type { Period } from './dates.js';

/** One row of an opening balances file. */
export interface OpeningRow {
  account: string;
  /** Name given beside the code, if any (must agree). */
  accountName: string | null;
  debit: Fen;
  credit: Fen;
  member: string | null;
  project: string | null;
  party: string | null;
  source?: Source;
}

export interface OpeningLookup {
  account(code: string): { name: string; isLeaf: boolean; side?: string; class?: string } | undefined;
  hasMember(id: string): boolean;
  hasProject(code: string): boolean;
  voucherCount(): number;
  closedPeriods(): Period[];
  /** When opening balances were entered, if they were. */
  openingEnteredAt(): string | null;
  startPeriod(): Period | null;
}

/**
 * The period the opening balances are kept under in the balance tables: before every month, so
 * that every balance read before a month (opening balances of reports, 年初 figures of any year,
 * running balances of the books) includes them and no range of months ever counts them as movements.
 */
export const OPENING_PERIOD = '0000-00';

/**
 * Every reason the opening balances are refused: the ledger's state (a voucher, a close, balances
 * entered before, no first month), each row (a leaf account that exists, one side, not negative,
 * a known member and project), and Σ debit = Σ credit. On success, the rows that carry a balance
 * and the books' first month.
 */
export function checkOpening(
  rows: readonly OpeningRow[],
  l: OpeningLookup,
  start: Period | null,
): { errors: LedgerError[]; rows: OpeningRow[]; start: Period | null } {
  const errors: LedgerError[] = [];
  const entered = l.openingEnteredAt();
  if (entered) errors.push(OpeningErrors.OPENING_ALREADY(entered));
  const count = l.voucherCount();
  if (count > 0) errors.push(OpeningErrors.OPENING_AFTER_VOUCHERS(count));
  const closed = l.closedPeriods();
  if (closed.length) errors.push(OpeningErrors.OPENING_AFTER_CLOSE(closed[0]));
  const ledgerStart = l.startPeriod();
  if (start && ledgerStart && start !== ledgerStart) errors.push(OpeningErrors.OPENING_START_DIFFERS(start, ledgerStart));
  const first = ledgerStart ?? start;
  if (!first) errors.push(OpeningErrors.OPENING_START_NEEDED());
  const kept: OpeningRow[] = [];
  let debit = 0;
  let credit = 0;
  for (const r of rows) {
    const at = (e: LedgerError) => errors.push(withSource(e, r.source));
    const before = errors.length;
    const acc = l.account(r.account);
    if (!acc) at(AccountErrors.ACCOUNT_UNKNOWN(r.account));
    else {
      if (!acc.isLeaf) at(OpeningErrors.OPENING_NOT_LEAF(r.account, acc.name));
      if (r.accountName && r.accountName !== acc.name) at(OpeningErrors.OPENING_ACCOUNT_NAME(r.accountName, r.account, acc.name));
      // An asset account kept on the credit side (累计折旧, 累计摊销, 生产性生物资产累计折旧) holds no
      // debit balance; cash in hand is never below nothing.
      if (acc.class === '资产类' && acc.side === '贷' && r.debit > 0) at(OpeningErrors.OPENING_SIDE(r.account, acc.name, '借'));
      if (r.account.startsWith('101') && r.credit > 0) at(OpeningErrors.OPENING_SIDE(r.account, acc.name, '贷'));
    }
    if (r.debit < 0 || r.credit < 0) at(OpeningErrors.OPENING_NEGATIVE());
    if (r.debit !== 0 && r.credit !== 0) at(OpeningErrors.OPENING_ROW_SIDES());
    if (r.member && !l.hasMember(r.member)) at(MemberErrors.MEMBER_UNKNOWN(r.member));
    if (r.project && !l.hasProject(r.project)) at(ShareErrors.PROJECT_UNKNOWN(r.project));
    debit += r.debit;
    credit += r.credit;
    if (errors.length === before && (r.debit !== 0 || r.credit !== 0)) kept.push(r);
  }
  if (debit !== credit) errors.push(OpeningErrors.OPENING_UNBALANCED(formatFenGrouped(debit), formatFenGrouped(credit), formatFenGrouped(debit - credit)));
  else if (errors.length === 0 && kept.length === 0) errors.push(OpeningErrors.OPENING_EMPTY());
  return { errors, rows: kept, start: first };
}
