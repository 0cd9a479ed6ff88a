// sanzi_book_text (native/sqlite-book.c), the aggregate a leaf account's book is joined by in the
// order of its index: for lines in the book's order it gives the text SQLite's own `||` gives for
// them (the oracle here, over thousands of generated lines with the largest integers and summaries
// of every width of character); at the first line that is not, it stops the statement (read sorted),
// and so it does when the text would pass its limit (too large: read a line at a time).
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeSqlite } from '../src/store/native-sqlite.js';

type Cell = string | number | bigint | null | Buffer;
type Line = [date: Cell, number: Cell, lineNo: Cell, debit: Cell, credit: Cell, summary: Cell];

let db: Database.Database;
beforeAll(() => {
  db = new Database(':memory:');
  expect(nativeSqlite(db)).toBe(true);
  db.defaultSafeIntegers(true);
});
afterAll(() => db?.close());

/** The lines in a table of no types, in the order given (rowid order). */
function table(lines: Line[]): void {
  db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t(date, number, line_no, debit, credit, summary)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const l of lines) insert.run(...l);
  })();
}

const native = (): unknown => db.prepare('SELECT sanzi_book_text(date, number, line_no, debit, credit, summary) FROM t').pluck().get();
const sqlite = (): unknown =>
  db
    .prepare("SELECT group_concat(date || ' ' || number || ' ' || debit || ' ' || credit || ' ' || length(CAST(summary AS BLOB)) || ' ' || summary, '') FROM t")
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

function lines(rnd: () => number, n: number): Line[] {
  const out: Line[] = [];
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
    out.push([date, BigInt(number), BigInt(lineNo), amount(), amount(), summary]);
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
    // The limit is checked against room for a line's numbers at their longest: a little before the text's own end.
    expect(limited(bytes + 200)).toBe(expected);
    expect(() => limited(bytes - 1)).toThrow(/^sanzi_book_text: too large$/);
    expect(() => limited(0)).toThrow(/^sanzi_book_text: too large$/);
  });

  const ok: Line = ['2015-02-03', 2n, 1n, 100n, 0n, '收款'];
  const cases: [string, Line[]][] = [
    ['the same date, number and line twice', [ok, ok]],
    ['an earlier date after a later', [ok, ['2015-02-02', 9n, 1n, 1n, 0n, 'x']]],
    ['a smaller number on the same date', [ok, ['2015-02-03', 1n, 5n, 1n, 0n, 'x']]],
    ['a smaller line on the same voucher', [['2015-02-03', 2n, 2n, 1n, 0n, 'x'], ok]],
    ['an amount that is not a whole number', [ok, ['2015-02-04', 1n, 1n, 1.5, 0n, 'x']]],
    ['a number stored as text', [ok, ['2015-02-04', '1', 1n, 1n, 0n, 'x']]],
    ['a missing summary', [ok, ['2015-02-04', 1n, 1n, 1n, 0n, null]]],
    ['a summary stored as bytes', [ok, ['2015-02-04', 1n, 1n, 1n, 0n, Buffer.from('x')]]],
    ['a missing date', [[null, 1n, 1n, 1n, 0n, 'x'], ok]],
    ['a date of other than ten bytes', [ok, ['2015-2-4', 1n, 1n, 1n, 0n, 'x']]],
    ['a date with a space', [ok, ['2015-02-3 ', 1n, 1n, 1n, 0n, 'x']]],
    ['a missing credit', [ok, ['2015-02-04', 1n, 1n, 1n, null, 'x']]],
  ];
  const readSorted = /^sanzi_book_text: read sorted$/;
  for (const [what, rows] of cases) {
    it(`stops at ${what}: read sorted`, () => {
      table([...rows, ['2016-01-01', 1n, 1n, 1n, 0n, 'later']]);
      expect(native).toThrow(readSorted);
    });
  }

  it('stops at the first line out of order, reading no further', () => {
    // 2,000 lines after the one out of order: none of them is read.
    table([ok, ['2015-02-02', 9n, 1n, 1n, 0n, 'x'], ...lines(random(3), 2000).map((l): Line => [`2016${(l[0] as string).slice(4)}`, l[1], l[2], l[3], l[4], l[5]])]);
    let read = 0;
    db.function('read_line', () => {
      read++;
      return 0n;
    });
    const counted = () => db.prepare('SELECT sanzi_book_text(date, number + read_line(), line_no, debit, credit, summary) FROM t').pluck().get();
    expect(counted).toThrow(readSorted);
    expect(read).toBe(2);
    // The same lines in order are read to the end.
    table(lines(random(3), 2000));
    read = 0;
    expect(counted()).toBe(sqlite());
    expect(read).toBe(2000);
  });

  it('stops at a summary whose bytes are not UTF-8: read sorted', () => {
    table([ok]);
    db.exec("INSERT INTO t VALUES ('2015-02-04', 1, 1, 1, 0, CAST(X'FF6162' AS TEXT))");
    expect(native).toThrow(readSorted);
    // SQLite's own text of it holds the byte as it is: read back with U+FFFD, its length would not end it.
    expect(sqlite()).toContain('\ufffd');
  });
});
