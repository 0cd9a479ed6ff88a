// sanzi_book_text and sanzi_book_text_accounts (native/sqlite-book.c), the aggregates a book is
// joined by in the order of its accounts' index: whatever order the lines come in, they give the
// text SQLite's own `||` gives for them sorted by date, number and line (the oracle here, over
// thousands of generated lines with the largest integers and summaries of every width of
// character, shuffled); at the first line not as the columns hold it they stop the statement (read
// sorted), and so they do when the text would pass its limit (too large: read a line at a time).
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeSqlite } from '../src/store/native-sqlite.js';

type Cell = string | number | bigint | null | Buffer;
type Line = [date: Cell, number: Cell, lineNo: Cell, debit: Cell, credit: Cell, summary: Cell, account?: Cell];

let db: Database.Database;
beforeAll(() => {
  db = new Database(':memory:');
  expect(nativeSqlite(db)).toBe(true);
  db.defaultSafeIntegers(true);
});
afterAll(() => db?.close());

/** The lines in a table of no types, in the order given (rowid order). */
function table(lines: Line[]): void {
  db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t(date, number, line_no, debit, credit, summary, account)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const l of lines) insert.run(l[0], l[1], l[2], l[3], l[4], l[5], l.length > 6 ? l[6] : '10201');
  })();
}

const native = (): unknown => db.prepare('SELECT sanzi_book_text(date, number, line_no, debit, credit, summary, NULL) FROM t').pluck().get();
const nativeAccounts = (): unknown => db.prepare('SELECT sanzi_book_text_accounts(date, number, line_no, debit, credit, account, summary, NULL) FROM t').pluck().get();
/** SQLite's own text of the lines in the book's order (with each line's account: `account<US>` before the summary's length). */
const sqlite = (accounts = false): unknown =>
  db
    .prepare(
      `SELECT group_concat(x, '') FROM (SELECT date || ' ' || number || ' ' || debit || ' ' || credit || ' ' || ${accounts ? 'account || char(31) || ' : ''}length(CAST(summary AS BLOB)) || ' ' || summary AS x
         FROM t ORDER BY date, number, line_no)`,
    )
    .pluck()
    .get();

/** A seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AMOUNTS: bigint[] = [0n, 1n, -1n, 5n, 123456n, 9007199254740991n, -9007199254740991n, 9223372036854775807n, -9223372036854775808n, 1000000000000000000n];
const CHARS = ['a', ' ', '1', '-', ',', '"', '\n', '\u0000', '\u001f', 'é', '摘', '要', '😀', '\ufffd', '𠀋'];

/**
 * `n` lines in the book's order. With `wide`, each number and line is spread over the whole of a
 * signed 64-bit integer (n × 2^51 − 2^62, l × 2^56 − 2^62: negative and positive, far apart, in the same order).
 */
function lines(rnd: () => number, n: number, wide = false): Line[] {
  const out: Line[] = [];
  const spread = (v: number, shift: bigint): bigint => (wide ? (BigInt(v) << shift) - (1n << 62n) : BigInt(v));
  let day = 0;
  let number = 1;
  let lineNo = 1;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.2) {
      day += 1 + Math.floor(rnd() * 40);
      number = 1 + Math.floor(rnd() * 3);
      lineNo = 1 + Math.floor(rnd() * 2);
    } else if (r < 0.6) {
      number += 1 + Math.floor(rnd() * 2);
      lineNo = 1 + Math.floor(rnd() * 2);
    } else lineNo += 1 + Math.floor(rnd() * 3);
    const date = new Date(Date.UTC(2015, 0, 1 + day)).toISOString().slice(0, 10);
    let summary = '';
    for (let k = Math.floor(rnd() * 12); k > 0; k--) summary += CHARS[Math.floor(rnd() * CHARS.length)];
    const amount = () => AMOUNTS[Math.floor(rnd() * AMOUNTS.length)];
    out.push([date, spread(number, 51n), spread(lineNo, 56n), amount(), amount(), summary]);
  }
  return out;
}

/** The lines in another order (Fisher–Yates), each given one of a few accounts. */
function shuffled(rnd: () => number, ls: Line[]): Line[] {
  const out = ls.map((l): Line => [...l.slice(0, 6), ['10201', '10202', '102030', '1029'][Math.floor(rnd() * 4)]] as Line);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('sanzi_book_text', () => {
  it("gives SQLite's own text for lines in the book's order (5 × 2,000 generated lines)", () => {
    for (let seed = 1; seed <= 5; seed++) {
      table(lines(random(seed), 2000));
      const expected = sqlite();
      expect(typeof expected).toBe('string');
      expect(native()).toBe(expected);
    }
  });

  it("puts lines that come in another order into the book's order, with or without their accounts (5 × 2,000, shuffled)", () => {
    for (let seed = 11; seed <= 15; seed++) {
      const rnd = random(seed);
      table(shuffled(rnd, lines(rnd, 2000)));
      expect(native()).toBe(sqlite());
      expect(nativeAccounts()).toBe(sqlite(true));
      expect(nativeAccounts()).not.toBe(native());
    }
    // Numbers and lines across the whole of a 64-bit integer.
    for (let seed = 16; seed <= 17; seed++) {
      const rnd = random(seed);
      table(shuffled(rnd, lines(rnd, 2000, true)));
      expect(native()).toBe(sqlite());
      expect(nativeAccounts()).toBe(sqlite(true));
    }
    // Two lines, the later first.
    table([
      ['2015-02-03', 2n, 1n, 100n, 0n, '收款'],
      ['2015-02-02', 9n, 1n, 1n, 0n, 'x'],
    ]);
    expect(native()).toBe('2015-02-02 9 1 0 1 x2015-02-03 2 100 0 6 收款');
    expect(nativeAccounts()).toBe('2015-02-02 9 1 0 10201\u001f1 x2015-02-03 2 100 0 10201\u001f6 收款');
  });

  it('puts in order lines that are out of order only by their line, or by their number, all else in order', () => {
    const inOrder = lines(random(21), 300);
    // The first place where two lines of one voucher follow each other, and where two vouchers of one day do.
    const sameVoucher = inOrder.findIndex((l, i) => i > 0 && l[0] === inOrder[i - 1][0] && l[1] === inOrder[i - 1][1]);
    const sameDay = inOrder.findIndex((l, i) => i > 0 && l[0] === inOrder[i - 1][0] && l[1] !== inOrder[i - 1][1]);
    expect(sameVoucher).toBeGreaterThan(0);
    expect(sameDay).toBeGreaterThan(0);
    for (const at of [sameVoucher, sameDay]) {
      const swapped = [...inOrder];
      [swapped[at - 1], swapped[at]] = [swapped[at], swapped[at - 1]];
      table(swapped);
      expect(native()).toBe(sqlite());
      expect(nativeAccounts()).toBe(sqlite(true));
      table(inOrder);
      expect(native()).toBe(sqlite());
    }
  });

  it('gives NULL for no lines, as group_concat does', () => {
    table([]);
    expect(native()).toBeNull();
    expect(sqlite()).toBeNull();
  });

  it('gives the text of one line with the extremes of every column', () => {
    table([['2015-12-31', 9223372036854775807n, 1n, -9223372036854775808n, 0n, '']]);
    expect(native()).toBe('2015-12-31 9223372036854775807 -9223372036854775808 0 0 ');
  });

  it('stops, too large, at a text that would pass the most bytes it may take', () => {
    table(lines(random(7), 50));
    const expected = sqlite() as string;
    const bytes = Buffer.byteLength(expected);
    const limited = (max: number): unknown => db.prepare('SELECT sanzi_book_text(date, number, line_no, debit, credit, summary, ?) FROM t').pluck().get(max);
    const limitedAccounts = (max: number): unknown => db.prepare('SELECT sanzi_book_text_accounts(date, number, line_no, debit, credit, account, summary, ?) FROM t').pluck().get(max);
    // The limit is checked against room for a line's numbers at their longest: a little before the text's own end.
    expect(limited(bytes + 200)).toBe(expected);
    expect(() => limited(bytes - 1)).toThrow(/^sanzi_book_text: too large$/);
    expect(() => limited(0)).toThrow(/^sanzi_book_text: too large$/);
    const withAccounts = sqlite(true) as string;
    expect(limitedAccounts(Buffer.byteLength(withAccounts) + 200)).toBe(withAccounts);
    expect(() => limitedAccounts(Buffer.byteLength(withAccounts) - 1)).toThrow(/^sanzi_book_text: too large$/);
  });

  const ok: Line = ['2015-02-03', 2n, 1n, 100n, 0n, '收款'];
  const cases: [string, Line[]][] = [
    ['the same date, number and line twice', [ok, ok]],
    ['the same date, number and line twice, apart', [ok, ['2016-01-01', 1n, 1n, 1n, 0n, 'x'], ok]],
    ['an amount that is not a whole number', [ok, ['2015-02-04', 1n, 1n, 1.5, 0n, 'x']]],
    ['a number stored as text', [ok, ['2015-02-04', '1', 1n, 1n, 0n, 'x']]],
    ['a missing summary', [ok, ['2015-02-04', 1n, 1n, 1n, 0n, null]]],
    ['a summary stored as bytes', [ok, ['2015-02-04', 1n, 1n, 1n, 0n, Buffer.from('x')]]],
    ['a missing date', [[null, 1n, 1n, 1n, 0n, 'x'], ok]],
    ['a date of other than ten bytes', [ok, ['2015-2-4', 1n, 1n, 1n, 0n, 'x']]],
    ['a date with a space', [ok, ['2015-02-3 ', 1n, 1n, 1n, 0n, 'x']]],
    ['a missing credit', [ok, ['2015-02-04', 1n, 1n, 1n, null, 'x']]],
    ['a missing account', [ok, ['2015-02-04', 1n, 1n, 1n, 0n, 'x', null]]],
    ['an account stored as a number', [ok, ['2015-02-04', 1n, 1n, 1n, 0n, 'x', 10201n]]],
  ];
  const readSorted = /^sanzi_book_text: read sorted$/;
  for (const [what, rows] of cases) {
    it(`stops at ${what}: read sorted`, () => {
      table([...rows, ['2016-01-01', 9n, 1n, 1n, 0n, 'later']]);
      // Without the accounts their own cases pass.
      if (what.includes('account')) expect(native()).toEqual(expect.any(String));
      else expect(native).toThrow(readSorted);
      expect(nativeAccounts).toThrow(readSorted);
    });
  }

  it('stops at the first line it gives way on, reading no further', () => {
    // 2,000 lines after a summary missing: none of them is read.
    table([ok, ['2015-02-04', 1n, 1n, 1n, 0n, null], ...lines(random(3), 2000).map((l): Line => [`2016${(l[0] as string).slice(4)}`, l[1], l[2], l[3], l[4], l[5]])]);
    let read = 0;
    db.function('read_line', () => {
      read++;
      return 0n;
    });
    const counted = () => db.prepare('SELECT sanzi_book_text(date, number + read_line(), line_no, debit, credit, summary, NULL) FROM t').pluck().get();
    expect(counted).toThrow(readSorted);
    expect(read).toBe(2);
    // The same lines, shuffled, are read to the end.
    table(shuffled(random(4), lines(random(3), 2000)));
    read = 0;
    expect(counted()).toBe(sqlite());
    expect(read).toBe(2000);
  });

  it('stops at a summary or account whose bytes are not UTF-8: read sorted', () => {
    table([ok]);
    db.exec("INSERT INTO t VALUES ('2015-02-04', 1, 1, 1, 0, CAST(X'FF6162' AS TEXT), '10201')");
    expect(native).toThrow(readSorted);
    // SQLite's own text of it holds the byte as it is: read back with U+FFFD, its length would not end it.
    expect(sqlite()).toContain('\ufffd');
    // So with an account whose bytes are not UTF-8.
    db.exec("DELETE FROM t WHERE rowid > 1; INSERT INTO t VALUES ('2015-02-04', 1, 1, 1, 0, 'x', CAST(X'FF' AS TEXT))");
    expect(native()).toEqual(expect.any(String));
    expect(nativeAccounts).toThrow(readSorted);
  });
});
