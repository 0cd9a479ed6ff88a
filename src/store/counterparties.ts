// Balances per counterparty (往来单位) on an account and its sub-accounts, for the balance sheet's
// 应收款项 / 应付款项 (domain/counterparties.ts nets them).
import { dayEndCut, type IsoDate } from '../domain/dates.js';
import type { CounterpartyNets } from '../domain/counterparties.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';

/**
 * The signed net at the end of `date` of every counterparty on the accounts under `prefix` (key
 * `c:PARTY`, across the sub-accounts), and of the lines without one, per leaf account (key
 * `a:ACCOUNT`): lines without a counterparty net together per account.
 */
export function counterpartyNetAsOf(ledger: Ledger, prefix: string, date: IsoDate): CounterpartyNets {
  const db = sqlOf(ledger);
  const { before: p, month } = dayEndCut(date);
  const like = prefix + '%';
  const out = new Map<string, number>();
  const add = (k: string, v: number) => out.set(k, (out.get(k) ?? 0) + v);
  // The months wholly before the end of `date`: the balance tables (opening balances included).
  for (const r of db
    .prepare('SELECT account, SUM(debit) - SUM(credit) AS net FROM balances WHERE account LIKE ? AND period < ? GROUP BY account')
    .all(like, p) as { account: string; net: number }[]) {
    add(`a:${r.account}`, r.net);
  }
  for (const r of db
    .prepare('SELECT account, party, SUM(debit) - SUM(credit) AS net FROM party_balances WHERE account LIKE ? AND period < ? GROUP BY account, party')
    .all(like, p) as { account: string; party: string; net: number }[]) {
    add(`a:${r.account}`, -r.net);
    add(`c:${r.party}`, r.net);
  }
  // The month of `date`, up to that day (unless it is the month's last day): the lines.
  if (month !== null) {
    for (const r of db
      .prepare(
        `SELECT l.account, l.party, SUM(l.debit) - SUM(l.credit) AS net FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
          WHERE v.period = ? AND v.date <= ? AND l.account LIKE ? GROUP BY l.account, l.party`,
      )
      .all(month, date, like) as { account: string; party: string | null; net: number }[]) {
      add(r.party ? `c:${r.party}` : `a:${r.account}`, r.net);
    }
  }
  for (const [k, v] of out) if (v === 0) out.delete(k);
  return out;
}
