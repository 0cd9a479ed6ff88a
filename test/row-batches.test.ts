// Rows inserted a few dozen to a statement (src/store/row-batches.ts) are the rows inserted one at a
// time: the same values, in the same order, with the same rowids, each noted by the audit capture.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { INSERT_MANY, ROWS_PER_STATEMENT, placeholders, rowBatches } from '../src/store/row-batches.js';

function ledgerLike(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, note TEXT) STRICT;
           CREATE TEMP TABLE noted (rid INTEGER);
           CREATE TEMP TRIGGER t_i AFTER INSERT ON main.t BEGIN INSERT INTO noted VALUES (NEW.rowid); END;`);
  return db;
}

const dump = (db: Database.Database) => ({
  rows: db.prepare('SELECT rowid, * FROM t ORDER BY rowid').raw(true).all(),
  noted: db.prepare('SELECT rid FROM noted ORDER BY rowid').pluck().all(),
});

describe('rowBatches', () => {
  it('stores every row as one INSERT a row would, whatever the count against the batch size', () => {
    for (const count of [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, ROWS_PER_STATEMENT + 1, 2 * ROWS_PER_STATEMENT + 11]) {
      const rows = Array.from({ length: count }, (_, i) => [`K${String((i * 37) % 1000).padStart(4, '0')}-${i}`, i % 3 === 0 ? null : i * 1000 - 7, i % 2 ? `备注 ${i}` : null]);
      const one = ledgerLike();
      const ins = one.prepare('INSERT INTO t (id, n, note) VALUES (?, ?, ?)');
      for (const r of rows) ins.run(r);
      const batched = ledgerLike();
      const w = rowBatches(batched, 't', ['id', 'n', 'note']);
      for (const r of rows) w.add(...r);
      w.flush();
      expect(dump(batched), `${count} rows`).toEqual(dump(one));
      expect(dump(batched).rows).toHaveLength(count);
    }
  });

  it('holds the rows of an unfinished batch until flush', () => {
    const db = ledgerLike();
    const w = rowBatches(db, 't', ['id', 'n', 'note']);
    for (let i = 0; i < ROWS_PER_STATEMENT + 3; i++) w.add(`A${i}`, i, null);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(ROWS_PER_STATEMENT);
    w.flush();
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(ROWS_PER_STATEMENT + 3);
    w.flush();
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(ROWS_PER_STATEMENT + 3);
  });

  it('refuses a row with too few or too many values', () => {
    const w = rowBatches(ledgerLike(), 't', ['id', 'n', 'note']);
    expect(() => w.add('x', 1)).toThrow(/2 values for 3 columns/);
    expect(() => w.add('x', 1, null, 4)).toThrow(/4 values for 3 columns/);
  });

  it('a constraint broken inside a batch undoes its whole statement (a plain INSERT: the audit trigger keeps its own OR IGNORE)', () => {
    const db = ledgerLike();
    const w = rowBatches(db, 't', ['id', 'n', 'note']);
    db.exec('BEGIN');
    expect(() => {
      for (let i = 0; i < ROWS_PER_STATEMENT; i++) w.add(i === 5 ? 'A0' : `A${i}`, i, null);
    }).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
    db.exec('ROLLBACK');
  });

  it("INSERT_MANY (OR FAIL) keeps a failed statement's earlier rows until the write is rolled back", () => {
    const db = ledgerLike();
    db.exec('BEGIN');
    const ins = db.prepare(`${INSERT_MANY} INTO t (id, n, note) VALUES ${placeholders(3, 3)}`);
    expect(() => ins.run(['B1', 1, null, 'B2', 2, null, 'B1', 3, null])).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(2);
    db.exec('ROLLBACK');
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
  });

  it('placeholders', () => {
    expect(placeholders(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(placeholders(1, 1)).toBe('(?)');
  });
});
