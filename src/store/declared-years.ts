// The years with a declaration in force and what their 可分配收益 and 年末未分配收益 are made of, as
// the plans read them: every write that posts checks them before and after (WriteTx.finish).
import { DISTRIBUTION_ACCOUNTS } from '../domain/accounts.js';
import { declaredYear, type DeclaredYear, type YearFacts } from '../domain/dividend-profit.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';
import { leafMovements, leafNetBefore } from './queries.js';

/** A declaration (row `d` of dividends) that was not cancelled. */
export const NOT_CANCELLED = 'NOT EXISTS (SELECT 1 FROM dividend_cancellations c WHERE c.dividend_id = d.id)';

/** Σ over the accounts under `prefix` of a per-account figure. */
export function sumUnder<T>(m: ReadonlyMap<string, T>, prefix: string, f: (v: T) => number): number {
  let s = 0;
  for (const [code, v] of m) if (code.startsWith(prefix)) s += f(v);
  return s;
}

/** 321 本年收益 and 322 收益分配. */
const CURRENT_PROFIT = '321';
const DISTRIBUTION = '322';

/**
 * The whole ledger's income and expense of the year (closing entries excluded) and its 321 and
 * 322, as the income statement reads them, and what takes money out of the year unseen there (year
 * close carries it into 32202 all the same): a net debit on 321 本年收益 by hand lowers the year's
 * result, and a net debit on an account the user added under 322 (not 32201 各项分配 nor 32202
 * 未分配收益) is a distribution of the year. A credit there is not counted: it would let a plan
 * take more than the income statement shows as distributable.
 */
export function yearFacts(ledger: Ledger, year: number): YearFacts {
  const D = DISTRIBUTION_ACCOUNTS;
  const ledgerPnl = leafMovements(ledger, `${year}-01`, `${year}-12`, { excludeClosing: true });
  const debitNet = (m: { debit: number; credit: number }) => m.debit - m.credit;
  let added = 0;
  for (const [code, m] of ledgerPnl) {
    if (code.startsWith(DISTRIBUTION) && !code.startsWith(D.items) && !code.startsWith(D.undistributed)) added += Math.max(debitNet(m), 0);
  }
  return {
    year,
    ledgerPnl,
    currentInYear: Math.min(-sumUnder(ledgerPnl, CURRENT_PROFIT, debitNet), 0),
    openingUndistributed: sumUnder(leafNetBefore(ledger, `${year}-01`), D.undistributed, (n) => n),
    undistributedInYear: -sumUnder(ledgerPnl, D.undistributed, debitNet),
    itemsInYear: sumUnder(ledgerPnl, D.items, debitNet) + added,
  };
}

/** Every year with a declaration in force, by year (none: a ledger that never declared reads one row). */
export function declaredYears(ledger: Ledger): DeclaredYear[] {
  const rows = sqlOf(ledger)
    .prepare(`SELECT year, group_concat(project, char(31)) AS projects FROM (SELECT year, project FROM dividends d WHERE ${NOT_CANCELLED} ORDER BY year, project) GROUP BY year ORDER BY year`)
    .all() as { year: number; projects: string }[];
  return rows.map((r) => declaredYear(yearFacts(ledger, r.year), r.projects.split('\u001f')));
}
