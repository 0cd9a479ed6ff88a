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
 * 322: what year close will carry into 32202 is what counts. An entry on 321 by hand is in the
 * year's result; one on any 322 account but 32202 未分配收益 (32201 各项分配, or one the user added
 * under 322) is a distribution of the year.
 */
export function yearFacts(ledger: Ledger, year: number): YearFacts {
  const D = DISTRIBUTION_ACCOUNTS;
  const ledgerPnl = leafMovements(ledger, `${year}-01`, `${year}-12`, { excludeClosing: true });
  const debitNet = (m: { debit: number; credit: number }) => m.debit - m.credit;
  return {
    year,
    ledgerPnl,
    currentInYear: -sumUnder(ledgerPnl, CURRENT_PROFIT, debitNet),
    openingUndistributed: sumUnder(leafNetBefore(ledger, `${year}-01`), D.undistributed, (n) => n),
    undistributedInYear: -sumUnder(ledgerPnl, D.undistributed, debitNet),
    itemsInYear: sumUnder(ledgerPnl, DISTRIBUTION, debitNet) - sumUnder(ledgerPnl, D.undistributed, debitNet),
  };
}

/** Every year with a declaration in force, by year (none: a ledger that never declared reads one row). */
export function declaredYears(ledger: Ledger): DeclaredYear[] {
  const rows = sqlOf(ledger)
    .prepare(`SELECT year, group_concat(project, char(31)) AS projects FROM (SELECT year, project FROM dividends d WHERE ${NOT_CANCELLED} ORDER BY year, project) GROUP BY year ORDER BY year`)
    .all() as { year: number; projects: string }[];
  return rows.map((r) => declaredYear(yearFacts(ledger, r.year), r.projects.split('\u001f')));
}
