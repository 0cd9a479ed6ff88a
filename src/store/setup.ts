// A new ledger's first write: who it belongs to, the chart, the collective's own share register.
import type { Period } from '../domain/dates.js';
import type { WriteTx } from './write-tx.js';
import { sqlOf } from './internal.js';

export function initLedger(tx: WriteTx, o: { name: string; creditCode: string | null; start: Period | null }): void {
  tx.setMeta('app', 'sanzi');
  tx.setMeta('name', o.name);
  if (o.creditCode) tx.setMeta('creditCode', o.creditCode);
  if (o.start) tx.setMeta('start', o.start);
  tx.setMeta('chart', '财会〔2023〕14号');
  tx.setMeta('createdAt', tx.now);
  tx.seedChart();
  sqlOf(tx).prepare("INSERT INTO projects(code, name, par, created_at) VALUES ('main', ?, 100, ?)").run('本集体股份', tx.now);
}

/** A detail account's new name (checked by the caller: domain/accounts checkAccountRename). */
export function renameAccount(tx: WriteTx, code: string, name: string): void {
  sqlOf(tx).prepare('UPDATE accounts SET name = ? WHERE code = ?').run(name, code);
  tx.ledger.reloadAccounts();
}
