// Schema 9: the lines' index by account (voucher_lines_account) holds what a book reads of a line,
// so that 明细账 and the day books read their lines off it alone. A ledger written before it gets
// the wider index over the lines it already holds.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { accountLinesSql } from '../src/store/queries.js';

function ledgerAt(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = OFF');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    if (m.sql) db.exec(m.sql);
    m.up?.(db);
    db.pragma(`user_version = ${m.version}`);
  }
  return db;
}

const plan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('10202', '10203', '2024-01', '2024-12') as { detail: string }[]).map((r) => r.detail);

describe('migration 9', () => {
  it('rebuilds the index over the lines already written; a book reads them off it alone', () => {
    const db = ledgerAt(8);
    // Before: the index has the account and the voucher only, and each line is looked up again.
    expect(plan(db, accountLinesSql(false)).some((d) => d.includes('COVERING INDEX voucher_lines_account'))).toBe(false);
    // Lines written straight, as a test of the index alone (vouchers without hashes or checks behind them).
    const v = db.prepare("INSERT INTO vouchers(id, period, number, date, summary, created_at, hash) VALUES (?, '2024-03', ?, ?, ?, '2024-03-31 10:00:00', 'h')");
    v.run(1, 1, '2024-03-05', '存入');
    v.run(2, 2, '2024-03-02', '取现');
    const l = db.prepare('INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit, member, project) VALUES (?, ?, ?, ?, ?, ?, ?)');
    l.run(1, 1, '10202', 50000, 0, null, 'tq');
    l.run(1, 2, '101', 0, 50000, null, null);
    l.run(2, 1, '101', 1200, 0, 'X001', null);
    l.run(2, 2, '10202', 0, 1200, null, null);

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    const columns = (db.prepare("SELECT name FROM pragma_index_info('voucher_lines_account') ORDER BY seqno").pluck().all() as string[]);
    expect(columns).toEqual(['account', 'voucher_id', 'debit', 'credit', 'member', 'project']);
    // A book's statement reads the lines off the index alone (the day books' too), the vouchers by key.
    for (const withVoucherLines of [false, true]) {
      const detail = plan(db, accountLinesSql(withVoucherLines));
      expect(detail.some((d) => d.includes('COVERING INDEX voucher_lines_account')), detail.join('; ')).toBe(true);
    }
    // The lines of 10202 in date order, with what the index now holds.
    expect(db.prepare(accountLinesSql(false)).raw(true).all('10202', '10203', '2024-01', '2024-12')).toEqual([
      ['2024-03-02', '2024-03', 2, '取现', '10202', 0, 1200, null, null],
      ['2024-03-05', '2024-03', 1, '存入', '10202', 50000, 0, null, 'tq'],
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
