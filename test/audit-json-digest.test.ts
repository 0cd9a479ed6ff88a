// The audit record's row digests made by SQLite's json_array where that text is JSON.stringify's:
// every digest must be rowDigest of the row's values as JavaScript reads them (the definition),
// whatever the row holds: quotes, backslashes, control characters, emoji, U+2028, DEL, NULLs,
// integers past 2^53 (JavaScript reads them rounded), rows deleted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLedgerFile } from '../src/store/db.js';
import { appendRecord, installCapture, rowDigest } from '../src/store/audit.js';

describe('the audit record digests rows as rowDigest does', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-json-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('members, projects and share movements with every awkward value', () => {
    const db = createLedgerFile(path.join(dir, 'l.db'));
    db.pragma('foreign_keys = OFF'); // no chart of accounts in this bare ledger: the rows are what matters
    installCapture(db);
    const names = ['甲', 'a "quoted" name', 'back\\slash', 'line\nbreak\ttab', 'bell\u0007', 'emoji 😀', 'sep\u2028', 'del\u007f', ''];
    const member = db.prepare("INSERT INTO members (id, name, id_card, household, status, created_at) VALUES (?, ?, ?, ?, '正常', ?)");
    db.transaction(() => {
      names.forEach((name, i) => member.run(`M${i}`, name, null, i % 2 ? null : `H${i}`, '2024-01-01 00:00:00'));
      db.prepare("INSERT INTO projects (code, name, par, created_at) VALUES ('tq', '汤泉', 100, '2024-01-01 00:00:00')").run();
      const mv = db.prepare("INSERT INTO share_movements (project, member, date, share_class, units, kind, created_at) VALUES ('tq', ?, '2024-01-01', '资金股', ?, 'grant', '2024-01-01 00:00:00')");
      for (const units of [1, -5, 9007199254740991, 9007199254740993, -9223372036854775808n, 123456789012345678n]) mv.run('M0', units);
      // A row written and deleted in the same write: recorded as gone.
      db.prepare("INSERT INTO members (id, name, status, created_at) VALUES ('GONE', 'x', '正常', 'x')").run();
      db.prepare('DROP TRIGGER IF EXISTS members_no_delete').run();
      db.prepare("DELETE FROM members WHERE id = 'GONE'").run();
      appendRecord(db, { at: '2024-01-01 00:00:00', by: 't', action: 'test', entity: 'test', summary: 'test' });
    })();
    const recorded = db.prepare('SELECT tbl, rid, digest FROM audit_rows').raw(true).all() as [string, number, string | null][];
    let checked = 0;
    for (const [tbl, rid, digest] of recorded) {
      const row = db.prepare(`SELECT * FROM "${tbl}" WHERE rowid = ?`).raw(true).get(rid) as unknown[] | undefined;
      expect(digest, `${tbl} ${rid}`).toBe(row === undefined ? null : rowDigest(row));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(names.length + 1 + 6 + 1);
    db.close();
  });
});
