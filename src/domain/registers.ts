// What the three 三资 registers share: the accounts a register entry names (checked against the
// chart through a narrow lookup), areas in 1/10,000 units, and errors kept in file order.
// The registers themselves: assets.ts (+ depreciation.ts), resources.ts, contracts.ts. Pure.
import { withSource, type LedgerError, type Source, type Text } from './errors.js';
import { RegisterErrors } from './errors/registers.js';
import { AccountErrors } from './errors/accounts.js';
import { importRefusal } from './errors/imports.js';
import { Decimal } from './money.js';

/** What a register rule needs to know about the chart of accounts. */
export interface AccountLookup {
  account(code: string): { name: string; isLeaf: boolean } | undefined;
  /** The account an entry goes to by default: `code`, or its only leaf; else an error naming `option`. */
  resolveLeaf(code: string, option: string | null): { code: string } | { error: LedgerError };
}

/** An account given by the user for a purpose: it exists, is a leaf, and lies under one of `under`. */
export function checkAccountUnder(
  chart: Pick<AccountLookup, 'account'>,
  code: string,
  under: readonly string[],
  what: Text,
  at?: Source,
): LedgerError | null {
  const a = chart.account(code);
  if (!a) return withSource(AccountErrors.ACCOUNT_UNKNOWN(code, what), at);
  if (!under.some((u) => code.startsWith(u))) return { ...RegisterErrors.ACCOUNT_PURPOSE(what, code, a.name, under), ...(at ? { source: at } : {}) };
  if (!a.isLeaf) {
    return withSource(AccountErrors.ACCOUNT_NOT_LEAF(code, a.name, { what }), at);
  }
  return null;
}

/**
 * The account of an entry: the one given (checked to lie under `under`), else (or when the default
 * itself is given) the default's leaf.
 * Returns the code, or the error; never both.
 */
export function pickAccount(
  chart: AccountLookup,
  given: string | null,
  dflt: string,
  under: readonly string[],
  what: Text,
  option: string | null,
  at?: Source,
): { code: string } | { error: LedgerError } {
  // The default named (as the synopsis shows it, --account 102) is the default: its only leaf.
  if (given !== null && given !== dflt) {
    const e = checkAccountUnder(chart, given, under, what, at);
    return e ? { error: e } : { code: given };
  }
  const r = chart.resolveLeaf(dflt, option);
  return 'error' in r ? { error: at ? { ...r.error, source: at } : r.error } : r;
}

/** 1/10,000 units → Decimal. */
export function areaDecimal(area: number): Decimal {
  return new Decimal(area).div(10000);
}

/** 1/10,000 units → '12.5', '30', '3.3333'. */
export function formatArea(area: number | null): string {
  if (area === null) return '';
  return areaDecimal(area).toFixed(4).replace(/\.?0+$/, '');
}

/** Errors in file order (by line, stable): a row's parse errors stay before its checks. */
export function byLine(errors: readonly LedgerError[]): LedgerError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.source?.line ?? 0) - (b.e.source?.line ?? 0) || a.i - b.i)
    .map((x) => x.e);
}

/** Refuse a register file with every error found, in file order (up to the import limit). */
export function refuseRows(errors: readonly LedgerError[]): void {
  if (errors.length) throw importRefusal(byLine(errors), errors.length);
}

/** A row of a register file: its line, the code it names (even when the row is bad), and what it holds. */
export interface RegisterRow<T> {
  source?: Source;
  code: string;
  entry: T | null;
}

/** The indexes of the rows whose code already appeared on an earlier row of the same file. */
export function duplicateRows<T>(rows: readonly RegisterRow<T>[]): Set<number> {
  const seen = new Set<string>();
  const dupes = new Set<number>();
  rows.forEach((r, i) => {
    if (r.code === '') return;
    if (seen.has(r.code)) dupes.add(i);
    seen.add(r.code);
  });
  return dupes;
}
