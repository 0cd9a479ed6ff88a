// What verify checks of the closed periods: a year-closed year leaves no balance on an income or
// expense account (an entry slipped into it after the closing entries), and no closed month ended
// with 库存现金 in credit. Reads only.
import type { LedgerError } from '../domain/errors.js';
import { ClosingFindings } from '../domain/errors/periods.js';
import { formatFenGrouped } from '../domain/money.js';
import type { DB } from './db.js';

export function verifyClosedPeriods(db: DB): LedgerError[] {
  const out: LedgerError[] = [];
  const closed = db.prepare('SELECT period FROM closed_periods ORDER BY period').pluck().all() as string[];
  // 1. Income and expense left at the end of a year-closed year.
  const pnl = db.prepare(
    "SELECT account, SUM(debit) - SUM(credit) AS net FROM balances WHERE account LIKE '5%' AND period <= ? GROUP BY account HAVING net <> 0 ORDER BY account",
  );
  for (const dec of closed.filter((p) => p.endsWith('-12'))) {
    for (const r of pnl.all(dec) as { account: string; net: number }[]) {
      out.push(ClosingFindings.PNL_LEFT_AFTER_YEAR_CLOSE(Number(dec.slice(0, 4)), r.account, `${r.net > 0 ? '借' : '贷'} ${formatFenGrouped(Math.abs(r.net))}`));
    }
  }
  // 2. 101 库存现金 in credit at the end of a closed month (the balance carried through months without movement).
  const moves = db
    .prepare("SELECT period, SUM(debit) - SUM(credit) AS net FROM balances WHERE account LIKE '101%' GROUP BY period ORDER BY period")
    .all() as { period: string; net: number }[];
  let i = 0;
  let cash = 0;
  for (const p of closed) {
    while (i < moves.length && moves[i].period <= p) cash += moves[i++].net;
    if (cash < 0) out.push(ClosingFindings.CASH_CREDIT_IN_CLOSED_MONTH(p, formatFenGrouped(-cash)));
  }
  return out;
}
