// Schema 13: the vouchers' index by kind gives way to two partial indexes, the year-close vouchers by
// period and the reversals by the voucher they reverse; the lookups that read them find the same
// vouchers through them, and an imported voucher is in neither.
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/store/db.js';
import { SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { migratedTo } from './migrated-to.js';

describe('migration 13', () => {
  it('indexes the year-close vouchers and the reversals already written, and nothing else', () => {
    const db = migratedTo(12, false);
    const at = '2025-01-02 10:00:00';
    const voucher = db.prepare("INSERT INTO vouchers(id, period, number, date, summary, kind, reverses, created_at, hash) VALUES (?, ?, ?, ?, 'x', ?, ?, ?, 'h')");
    voucher.run(1, '2023-12', 1, '2023-12-31', 'year-close', null, at);
    voucher.run(2, '2024-03', 1, '2024-03-05', 'import', null, at);
    voucher.run(3, '2024-03', 2, '2024-03-06', 'import', null, at);
    voucher.run(4, '2024-04', 1, '2024-04-01', 'reversal', 2, at);
    voucher.run(5, '2024-12', 1, '2024-12-31', 'year-close', null, at);
    voucher.run(6, '2025-01', 1, '2025-01-02', 'reversal', 5, at);

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(13);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'vouchers' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(['vouchers_reversals', 'vouchers_year_close']);
    // Each index holds only its vouchers.
    expect(db.prepare("SELECT id FROM vouchers INDEXED BY vouchers_year_close WHERE kind = 'year-close' ORDER BY period").pluck().all()).toEqual([1, 5]);
    expect(db.prepare('SELECT reverses, id FROM vouchers INDEXED BY vouchers_reversals WHERE reverses IS NOT NULL ORDER BY reverses').raw(true).all()).toEqual([
      [2, 4],
      [5, 6],
    ]);
    // The lookups sanzi makes read them (closing.ts, declared-years.ts, ledger.ts), not the whole table.
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' / ');
    expect(plan("SELECT v.id FROM vouchers v WHERE v.period = '2024-12' AND v.kind = 'year-close' AND v.reverses IS NULL")).toContain('INDEX vouchers_year_close');
    expect(plan('SELECT id FROM vouchers WHERE reverses = 2')).toContain('INDEX vouchers_reversals');
    expect(db.prepare('SELECT id FROM vouchers WHERE reverses = ?').pluck().all(5)).toEqual([6]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
