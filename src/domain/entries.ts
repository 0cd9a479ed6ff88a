// Entry controls (录入控制): a voucher the user enters, imports or reverses is never dated after
// today; a reversal is dated on its original's day unless that month is closed; the same file is
// not imported twice by accident. Pure: today and the ledger come in as values.
import type { LedgerError, Source } from './errors.js';
import { withSource } from './errors.js';
import { EntryErrors } from './errors/entries.js';
import { periodOf, type IsoDate } from './dates.js';
import { voucherRef } from './voucher.js';

/**
 * Vouchers dated by the user (entered, imported, reversed, and the registers' entries of money
 * that moved on a day the user names). Entries the tool dates itself at a period's end (accruals,
 * declarations, depreciation, amortisation, year-end closing) may be dated after today.
 */
export const USER_DATED_KINDS: ReadonlySet<string> = new Set(['manual', 'import', 'reversal', 'contribution', 'contract-payment', 'contract-refund', 'dividend-payment', 'asset-disposal']);

/** A user-dated voucher may not be dated after today (the computer's date). */
export function checkNotFuture(v: { date: IsoDate; kind?: string; source?: Source }, today: IsoDate): LedgerError | null {
  if (!USER_DATED_KINDS.has(v.kind ?? 'manual') || v.date <= today) return null;
  return withSource(EntryErrors.ENTRY_FUTURE_DATE(v.date, today), v.source);
}

/**
 * The date of a red-ink reversal: the one given, else the original's own date when its month is
 * open; when that month is closed, a date must be given.
 */
export function reversalDate(original: { date: IsoDate; number: number }, given: IsoDate | null, isClosed: (period: string) => boolean): { date: IsoDate } | { error: LedgerError } {
  if (given) return { date: given };
  const p = periodOf(original.date);
  if (isClosed(p)) return { error: EntryErrors.REVERSE_DATE_NEEDED(voucherRef(p, original.number), p) };
  return { date: original.date };
}

/** A file imported before (identical SHA-256), as the import log keeps it. */
export interface ImportedBefore {
  name: string;
  kind: string;
  at: string;
}

/** What each import kind reads, for messages. */
const IMPORT_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  vouchers: { zh: '记账凭证', en: 'vouchers' },
  members: { zh: '成员名册', en: 'members' },
  shares: { zh: '配股', en: 'shares' },
  contributions: { zh: '出资明细', en: 'contributions' },
  assets: { zh: '资产卡片', en: 'assets' },
  resources: { zh: '资源台账', en: 'resources' },
  contracts: { zh: '合同', en: 'contracts' },
  opening: { zh: '期初余额', en: 'opening balances' },
};

/** The same file again is refused, unless --again. */
export function checkImportAgain(file: { name: string; again: boolean }, before: ImportedBefore | undefined): LedgerError[] {
  if (!before || file.again) return [];
  const label = IMPORT_LABELS[before.kind];
  const kind = label ? { zh: `导入${label.zh}`, en: `as ${label.en}` } : { zh: before.kind, en: before.kind };
  return [EntryErrors.FILE_IMPORTED_BEFORE(file.name, before.at, kind, before.name)];
}
