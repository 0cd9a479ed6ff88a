// sanzi_line_sums (native/sqlite-line-sums.c), the aggregate verify sums a month's lines with: the
// same rows, in the same order, as SQLite's GROUP BY account, member, project, party with SUM(debit)
// and SUM(credit), over every kind of key; NULL for no lines; the statement stopped ("give way") at a
// line not as sanzi writes it or sums past 2^53.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeSqlite } from '../src/store/native-sqlite.js';

let db: Database.Database;

const GROUPED = 'SELECT account, member, project, party, SUM(debit), SUM(credit) FROM l WHERE id BETWEEN ? AND ? GROUP BY account, member, project, party';
const IN_C = 'SELECT sanzi_line_sums(account, member, project, party, debit, credit) FROM l WHERE id BETWEEN ? AND ?';
const GIVE_WAY = 'sanzi_line_sums: give way';

beforeAll(() => {
  db = new Database(':memory:');
  expect(nativeSqlite(db)).toBe(true);
});
afterAll(() => db?.close());

/** A table of lines without column types (so that a test can put anything in it), emptied. */
function lines(): Database.Statement {
  db.exec('DROP TABLE IF EXISTS l; CREATE TABLE l (id INTEGER PRIMARY KEY, account, member, project, party, debit, credit)');
  return db.prepare('INSERT INTO l VALUES (?, ?, ?, ?, ?, ?, ?)');
}

/** Whole numbers bound as SQLite integers (better-sqlite3 binds a JavaScript number as a REAL). */
const int = (...xs: unknown[]) => xs.map((x) => (typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : x));

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const inC = (from: number, to: number) => {
  const text = db.prepare(IN_C).pluck().get(from, to) as string | null;
  return text === null ? null : JSON.parse(text);
};
const grouped = (from: number, to: number) => db.prepare(GROUPED).raw(true).all(from, to);

describe('sanzi_line_sums', () => {
  it('gives the rows of SQLite’s GROUP BY in its order, over keys of every kind', () => {
    const put = lines();
    const rnd = random(3);
    // Few values a column, so that keys repeat; NULL and '' apart; texts that begin one another,
    // Chinese, emoji, quotes, backslashes, control characters and a NUL, which the JSON must carry.
    const accounts = ['101', '10201', '1020', '113', '11301', '501', '汤泉', 'a"b', 'a\\b'];
    const others = [null, '', 'M001', 'M0010', 'M002', '张三', '😀', 'x\ny', 'tab\there', 'nul\u0000x', 'q"', '\u001f', '\u2028'];
    let id = 0;
    for (let k = 0; k < 20_000; k++) {
      const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * rnd() * xs.length)];
      const debit = rnd() < 0.5 ? Math.floor(rnd() * 1e9) : 0;
      const credit = rnd() < 0.5 ? Math.floor(rnd() * 1e9) : -Math.floor(rnd() * 1e6);
      put.run(...int(++id, pick(accounts), pick(others), pick(others), pick(others), debit, credit));
    }
    for (const [from, to] of [
      [1, 20_000],
      [1, 1],
      [500, 7_321],
      [19_990, 20_000],
    ]) {
      const c = inC(from, to);
      const sql = grouped(from, to);
      expect(c.length).toBe(sql.length);
      expect(c).toEqual(sql);
    }
    // Several groups, to be sure the test compares something.
    expect(grouped(1, 20_000).length).toBeGreaterThan(500);
  });

  it('is NULL over no lines, and sums to 2^53 − 1 exactly', () => {
    const put = lines();
    expect(inC(1, 10)).toBe(null);
    put.run(...int(1, '101', null, null, null, 9_007_199_254_740_990, -9_007_199_254_740_990));
    put.run(...int(2, '101', null, null, null, 1, -1));
    expect(inC(1, 2)).toEqual([['101', null, null, null, 9_007_199_254_740_991, -9_007_199_254_740_991]]);
    expect(inC(1, 2)).toEqual(grouped(1, 2));
  });

  it('gives way at a line not as sanzi writes it, or at sums past 2^53', () => {
    const cases: [what: string, row: unknown[]][] = [
      ['a REAL debit', ['101', null, null, null, 1.5, 0]],
      ['a credit as text', ['101', null, null, null, 1, '1']],
      ['a NULL debit', ['101', null, null, null, null, 0]],
      ['a NULL account', [null, null, null, null, 1, 1]],
      ['an account as an integer', [101, null, null, null, 1, 1]],
      ['a member as an integer', ['101', 7, null, null, 1, 1]],
      ['a project as a blob', ['101', null, Buffer.from('P1'), null, 1, 1]],
      ['a counterparty as a REAL', ['101', null, null, 2.5, 1, 1]],
    ];
    for (const [what, row] of cases) {
      const put = lines();
      put.run(...int(1, '101', 'M001', null, null, 5, 5));
      put.run(...int(2, ...row));
      expect(() => inC(1, 2), what).toThrow(GIVE_WAY);
    }
    // The same statement, run again after it gave way, sums as before.
    {
      const put = lines();
      put.run(...int(1, '101', null, null, null, 5, 0));
      put.run(...int(2, '101', null, null, null, 1.5, 0));
      const sum = db.prepare(IN_C).pluck();
      expect(() => sum.get(1, 2)).toThrow(GIVE_WAY);
      expect(JSON.parse(sum.get(1, 1) as string)).toEqual([['101', null, null, null, 5, 0]]);
      expect(() => sum.get(1, 2)).toThrow(GIVE_WAY);
      expect(JSON.parse(sum.get(1, 1) as string)).toEqual(grouped(1, 1));
    }
    // Bytes that are not UTF-8 in a text.
    const put = lines();
    put.run(...int(1, '101', null, null, null, 5, 5));
    db.exec("INSERT INTO l VALUES (2, '101', CAST(x'c0af' AS TEXT), NULL, NULL, 1, 1)");
    expect(() => inC(1, 2)).toThrow(GIVE_WAY);
    // Sums past 2^53 − 1, up or down, though each amount is within it.
    for (const [d, c] of [
      [9_007_199_254_740_991, 0],
      [0, -9_007_199_254_740_991],
    ]) {
      const p = lines();
      p.run(...int(1, '101', null, null, null, d, c));
      p.run(...int(2, '101', null, null, null, Math.sign(d), Math.sign(c)));
      expect(() => inC(1, 2)).toThrow(GIVE_WAY);
      expect(inC(1, 1)).toEqual([['101', null, null, null, d, c]]);
    }
  });

  it('gives way when its JSON would pass its limit (a huge text in the lines), and not before', () => {
    const put = lines();
    put.run(...int(1, '101', 'M001', null, null, 5, 5));
    put.run(...int(2, '101', null, null, 'x"\n'.repeat(400), 1, 1));
    const json = db.prepare(IN_C).pluck().get(1, 2) as string;
    expect(JSON.parse(json)).toEqual(grouped(1, 2));
    const bytes = Buffer.byteLength(json);
    const limited = db.prepare('SELECT sanzi_line_sums(account, member, project, party, debit, credit, ?) FROM l WHERE id BETWEEN ? AND ?').pluck();
    expect(limited.get(BigInt(bytes), 1, 2)).toBe(json);
    expect(() => limited.get(BigInt(bytes - 1), 1, 2)).toThrow(GIVE_WAY);
  });
});
