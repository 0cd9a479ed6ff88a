// Schema 8: a ledger written before it gets the two indexes the plans and the register read
// (share_movements_holdings, members_not_active), over the rows it already holds.
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/store/db.js';
import { SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { migratedTo } from './migrated-to.js';

describe('migration 8', () => {
  it('indexes the movements and members already written', () => {
    // The rows written straight, as a test of the indexes alone (no accounts or vouchers behind them).
    const db = migratedTo(7, false);
    const at = '2025-01-02 10:00:00';
    db.prepare("INSERT INTO projects(code, name, par, created_at) VALUES ('tq', '汤泉民宿', 10000, ?)").run(at);
    const member = db.prepare('INSERT INTO members(id, name, status, created_at) VALUES (?, ?, ?, ?)');
    member.run('X001', '邓志强', '正常', at);
    member.run('X002', '邓福来', '已故', at);
    member.run('X003', '邓月娥', '迁出', at);
    const move = db.prepare("INSERT INTO share_movements(project, member, date, share_class, units, kind, created_at) VALUES ('tq', ?, ?, '人口股', ?, 'grant', ?)");
    move.run('X002', '2024-01-01', 10_000, at);
    move.run('X001', '2024-01-01', 20_000, at);
    move.run('X001', '2024-06-01', 5_000, at);

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('share_movements_holdings', 'members_not_active') ORDER BY name").pluck().all();
    expect(indexes).toEqual(['members_not_active', 'share_movements_holdings']);
    // Read off each index alone: the members not 正常, and the movements in member order.
    expect(db.prepare("SELECT id FROM members INDEXED BY members_not_active WHERE status <> '正常' ORDER BY id").pluck().all()).toEqual(['X002', 'X003']);
    expect(
      db.prepare("SELECT member, SUM(units) FROM share_movements INDEXED BY share_movements_holdings WHERE project = 'tq' GROUP BY member ORDER BY member").raw(true).all(),
    ).toEqual([
      ['X001', 25_000],
      ['X002', 10_000],
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
