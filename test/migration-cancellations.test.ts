// Schema 6: a ledger written before cancellations keeps its declarations and payments, now with ids,
// each payment pointing at its declaration, and their rows digested anew in the audit trail.
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/store/db.js';
import { SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { migratedTo } from './migrated-to.js';

describe('migration 6', () => {
  it('rebuilds dividends and dividend_payments with their rows and row ids', () => {
    const db = migratedTo(5, true);
    const at = '2025-01-02 10:00:00';
    db.prepare("INSERT INTO accounts(code, name, side, class, level, parent, created_at) VALUES ('301', '资本', '贷', '所有者权益类', 1, NULL, ?)").run(at);
    db.prepare("INSERT INTO projects(code, name, par, created_at) VALUES ('tq', '汤泉民宿', 10000, ?)").run(at);
    db.prepare("INSERT INTO members(id, name, created_at) VALUES ('X001', '邓志强', ?)").run(at);
    const voucher = db.prepare("INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES (?, ?, ?, 'x', 'dividend', ?, 'h')");
    voucher.run('2023-12', 1, '2023-12-31', at);
    voucher.run('2024-12', 1, '2024-12-31', at);
    voucher.run('2025-01', 1, '2025-01-05', at);
    const dividend = db.prepare("INSERT INTO dividends(project, year, options, plan, declared_at, reserve_voucher_id, members_voucher_id) VALUES ('tq', ?, '{}', '{}', ?, NULL, ?)");
    dividend.run(2023, at, 1);
    dividend.run(2024, at, 2);
    db.prepare("INSERT INTO dividend_payments(id, project, year, member, amount, date, account, voucher_id, created_at) VALUES (7, 'tq', 2024, 'X001', 12345, '2025-01-05', '102', 3, ?)").run(at);

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id, project, year, members_voucher_id AS v FROM dividends ORDER BY id').all()).toEqual([
      { id: 1, project: 'tq', year: 2023, v: 1 },
      { id: 2, project: 'tq', year: 2024, v: 2 },
    ]);
    // The 2024 payment now points at the 2024 declaration (id 2), its own id kept.
    expect(db.prepare('SELECT id, dividend_id AS d, member, amount FROM dividend_payments').all()).toEqual([{ id: 7, d: 2, member: 'X001', amount: 12345 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // A second declaration of a project and year is now possible (the one not cancelled is in force)…
    dividend.run(2024, at, 2);
    // …and the tables stay append-only.
    expect(() => db.exec('UPDATE dividends SET year = 2020')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM dividend_payments')).toThrow(/append-only/);
    // The rebuilt rows are digested anew: one upgrade record over the 2 declarations and 1 payment.
    const rec = db.prepare("SELECT id, action, row_count FROM audit_records WHERE action = 'ledger.upgrade'").all() as { id: number; row_count: number }[];
    expect(rec.map((r) => r.row_count)).toEqual([3]);
    expect(db.prepare('SELECT tbl, rid FROM audit_rows WHERE audit_id = ? ORDER BY tbl, rid').raw(true).all(rec[0].id)).toEqual([
      ['dividend_payments', 7],
      ['dividends', 1],
      ['dividends', 2],
    ]);
    db.close();
  });
});
