// readColumns (many rows read a column at a time) against the rows of one query, and its one read
// transaction; planFigureSql (a stored plan's reserve or pool read from the text before its
// allocations) against json_extract over the whole plan.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { readColumns } from '../src/store/columns.js';
import { planFigureSql } from '../src/store/dividends.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-columns-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A small deterministic generator (no Math.random: the same rows every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function fileDb(name: string): Database.Database {
  const db = new Database(path.join(dir, name));
  db.pragma('journal_mode = WAL');
  return db;
}

describe('readColumns', () => {
  it('gives the rows of one query, column by column, in the same order (nulls, text and integers)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, n INTEGER, d TEXT)');
    const rnd = lcg(7);
    const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 3000; i++) {
      const id = `M${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}-${i}`;
      ins.run(id, rnd() < 0.2 ? null : `名${i}`, Math.floor(rnd() * 2e6) - 1e6, rnd() < 0.5 ? '2024-01-01' : `2023-${String(1 + (i % 12)).padStart(2, '0')}-15`);
    }
    const rest = 'FROM t WHERE n > ? ORDER BY d, id';
    const rows = db.prepare(`SELECT id, name, n, d ${rest}`).raw(true).all(-500000) as unknown[][];
    const cols = readColumns(db, ['id', 'name', 'n', 'd'], rest, [-500000]);
    expect(cols).toHaveLength(4);
    expect(rows.length).toBeGreaterThan(1000);
    for (const c of cols) expect(c).toHaveLength(rows.length);
    expect(rows.map((_, i) => cols.map((c) => c[i]))).toEqual(rows);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('reads every column in one snapshot: a write committed by another connection between two columns is not seen', () => {
    const a = fileDb('snapshot.db');
    a.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    for (let i = 1; i <= 50; i++) a.prepare('INSERT INTO t VALUES (?, ?)').run(i, `v${i}`);
    const b = new Database(path.join(dir, 'snapshot.db'));
    let prepared = 0;
    let written = false;
    // The other connection writes when the second column's query is prepared: after the first
    // column was read.
    const racing = new Proxy(a, {
      get(target, prop) {
        if (prop === 'prepare')
          return (sql: string) => {
            if (++prepared === 2) {
              b.prepare('INSERT INTO t VALUES (?, ?)').run(51, 'late');
              written = true;
            }
            return target.prepare(sql);
          };
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const [ids, vs] = readColumns(racing, ['id', 'v'], 'FROM t ORDER BY id');
    expect(written).toBe(true);
    expect(ids).toHaveLength(50);
    expect(vs).toHaveLength(50);
    expect(a.inTransaction).toBe(false);
    // The write did land: the next read sees it.
    expect(readColumns(a, ['v'], 'FROM t ORDER BY id')[0]).toHaveLength(51);
    a.close();
    b.close();
  });

  it("inside the caller's transaction: reads in it, and leaves it open", () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); BEGIN; INSERT INTO t VALUES (1, \'x\');');
    expect(readColumns(db, ['id', 'v'], 'FROM t ORDER BY id')).toEqual([[1], ['x']]);
    expect(db.inTransaction).toBe(true);
    db.exec('ROLLBACK');
    db.close();
  });
});

describe('planFigureSql', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY, plan TEXT)');
  const figures = (plan: string) => {
    db.exec('DELETE FROM p');
    db.prepare('INSERT INTO p (plan) VALUES (?)').run(plan);
    return db.prepare(`SELECT ${planFigureSql('reserve')} AS reserve, ${planFigureSql('pool')} AS pool FROM p`).get() as { reserve: unknown; pool: unknown };
  };
  const whole = (plan: string) => {
    const p = JSON.parse(plan) as { reserve?: unknown; pool?: unknown };
    return { reserve: p.reserve ?? null, pool: p.pool ?? null };
  };
  const alloc = (i: number) => ({ member: `M${i}`, name: `名,"allocations":${i}`, gross: i * 7, net: i * 7 });

  const cases: Record<string, string> = {
    'as declared: figures first, allocations last': JSON.stringify({ year: 2024, profit: 1000, reserve: 100, pool: 900, basis: 'record-date', allocations: [alloc(1), alloc(2)] }),
    'allocations first': JSON.stringify({ allocations: [alloc(1)], reserve: 5, pool: 6 }),
    'allocations between the figures': JSON.stringify({ reserve: 5, allocations: [alloc(1)], pool: 6 }),
    'no allocations at all': JSON.stringify({ reserve: 11, pool: 12 }),
    'an allocations key nested before the plan’s own': JSON.stringify({ reserve: 1, extra: { pool: 99, allocations: [] }, pool: 2, allocations: [alloc(3)] }),
    'a name that reads ,"allocations": (escaped in the text)': JSON.stringify({ name: ',"allocations":[]}', reserve: 3, pool: 4, allocations: [] }),
    'pretty-printed': JSON.stringify({ reserve: 8, pool: 9, allocations: [alloc(4)] }, null, 2),
    'zero figures': JSON.stringify({ reserve: 0, pool: 0, allocations: [] }),
    'figures past 2^53 as stored text': JSON.stringify({ reserve: '12345678901234567890', pool: 1, allocations: [] }),
  };
  for (const [name, plan] of Object.entries(cases)) {
    it(name, () => {
      expect(figures(plan)).toEqual(whole(plan));
    });
  }

  it('generated plans: the figure from the head is the figure of the whole plan', () => {
    const rnd = lcg(42);
    for (let k = 0; k < 300; k++) {
      const keys = ['year', 'profit', 'reserve', 'pool', 'basis', 'allocations', 'note'];
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [keys[i], keys[j]] = [keys[j], keys[i]];
      }
      const obj: Record<string, unknown> = {};
      for (const key of keys) {
        if (key === 'allocations') obj[key] = Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => alloc(i));
        else if (key === 'note') obj[key] = rnd() < 0.5 ? '"allocations":' : { allocations: [], reserve: -1 };
        else if (key === 'basis') obj[key] = 'time-weighted';
        else if (rnd() < 0.9) obj[key] = Math.floor(rnd() * 1e12);
      }
      const plan = JSON.stringify(obj);
      expect(figures(plan), plan).toEqual(whole(plan));
    }
  });
});
