// The years with a declaration in force and what their 可分配收益 and 年末未分配收益 are made of, as
// the plans read them: every write that posts checks them before and after (WriteTx.finish).
import { DISTRIBUTION_ACCOUNTS } from '../domain/accounts.js';
import { carryOf, declaredYear, type DeclaredYear, type UncarriedYear, type YearFacts } from '../domain/dividend-profit.js';
import type { DeclaredShareDate } from '../domain/shares.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';
import { leafNetBefore, yearMovements } from './queries.js';

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
  const ledgerPnl = yearMovements(ledger, year);
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

/**
 * Years with distributions in the ledger: a net debit or credit on 322 各项分配 (or an account the
 * user added under 322), closing entries excluded. `before`: only years before it.
 */
const DISTRIBUTED_YEARS = `SELECT CAST(substr(period, 1, 4) AS INTEGER) AS year FROM balances
   WHERE closing = 0 AND account >= '322' AND account < '323' AND NOT (account >= '${DISTRIBUTION_ACCOUNTS.undistributed}' AND account < '32203')
   GROUP BY substr(period, 1, 4), account HAVING sum(debit) - sum(credit) <> 0`;

/**
 * Every year with a declaration in force or distributions entered on 322 by hand, by year, with its
 * declared projects (none for a year distributed by hand only). A ledger that never distributed
 * reads two small queries.
 */
export function declaredYears(ledger: Ledger): DeclaredYear[] {
  const db = sqlOf(ledger);
  const rows = db
    .prepare(`SELECT year, group_concat(project, char(31)) AS projects FROM (SELECT year, project FROM dividends d WHERE ${NOT_CANCELLED} ORDER BY year, project) GROUP BY year ORDER BY year`)
    .all() as { year: number; projects: string }[];
  const declared = new Map(rows.map((r) => [r.year, r.projects.split('\u001f')]));
  // (The year the books start within counts its income before the start, brought in as opening
  // balances, as its own: yearFacts reads the year's movements as the income statement does.)
  const years = new Set([...declared.keys(), ...(db.prepare(DISTRIBUTED_YEARS).pluck().all() as number[])]);
  return [...years].sort((a, b) => a - b).map((y) => declaredYear(yearFacts(ledger, y), declared.get(y) ?? []));
}

/**
 * The years before `year` with distributions (a declaration in force, or entries on 322) whose
 * year-end closing entries are not in force, and what closing each would carry into 32202. A year
 * without distributions is left out: a loss it has not carried yet is the year close's to refuse
 * (DIVIDEND_UNCOVERED), as the contract has it.
 */
export function uncarriedYears(ledger: Ledger, year: number): UncarriedYear[] {
  const years = sqlOf(ledger)
    .prepare(
      `SELECT DISTINCT y FROM (SELECT year AS y FROM dividends d WHERE ${NOT_CANCELLED} UNION SELECT year FROM (${DISTRIBUTED_YEARS}))
        WHERE y < ? AND NOT EXISTS (SELECT 1 FROM vouchers v WHERE v.kind = 'year-close' AND v.period = printf('%04d-12', y) AND v.reverses IS NULL
                                      AND NOT EXISTS (SELECT 1 FROM vouchers r WHERE r.reverses = v.id))
        ORDER BY y`,
    )
    .pluck()
    .all(year) as number[];
  return years.map((y) => ({ year: y, carry: carryOf(yearFacts(ledger, y)) }));
}

/** The declarations in force and the day each counted its shares (the record date, else December 31). */
export function declaredShareDates(ledger: Ledger): DeclaredShareDate[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT project, year, coalesce(json_extract(options, '$.recordDate'), printf('%04d-12-31', year)) AS shareDate
         FROM dividends d WHERE ${NOT_CANCELLED} ORDER BY project, year`,
    )
    .all() as DeclaredShareDate[];
}
