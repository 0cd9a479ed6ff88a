// A book's lines read as one text a line (src/store/queries.ts accountLineTexts, the 明细账 and its
// CSV) against the same lines read as columns (the path JSON takes, with the member and project):
// the same dates, numbers, summaries, accounts and amounts, for a leaf account and for one with
// sub-accounts, negative amounts (a reversal) and summaries with spaces, commas and quotes.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, runCli } from '../harness.js';
import { BENCH_ACCOUNTS } from '../gen-vouchers.js';
import { eachAccountLine } from '../../src/store/queries.js';
import { BOOK_TEXT, READ_SORTED, nativeBookText } from '../../src/store/book-text.js';
import { sqlOf } from '../../src/store/internal.js';
import { Refusal } from '../../src/domain/errors.js';
import { Ledger } from '../../src/store/ledger.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = new Sandbox('account-lines');
  await sb.ok('init', '--name', '明细账测试村', '--start', '2015-01');
  for (const [code, name] of BENCH_ACCOUNTS) await sb.ok('account', 'add', code, name);
  const rows = [
    ['1', '2015-02-03', '"收款, 含逗号"', '10201', '123456789012.34', ''],
    ['1', '2015-02-03', '"收款, 含逗号"', '50101', '', '123456789012.34'],
    ['2', '2015-02-01', '含 空格 的 摘要', '10202', '0.05', ''],
    ['2', '2015-02-01', '含 空格 的 摘要', '50101', '', '0.05'],
    ['3', '2015-02-01', '"引号""在内"""', '10201', '7.00', ''],
    ['3', '2015-02-01', '"引号""在内"""', '10202', '', '7.00'],
    ['4', '2015-03-31', '=SUM(A1)', '10202', '1.10', ''],
    ['4', '2015-03-31', '=SUM(A1)', '50101', '', '1.10'],
  ];
  const csv = '凭证号,日期,摘要,科目编码,借方金额,贷方金额\n' + rows.map((r) => r.join(',')).join('\n') + '\n';
  await sb.ok('import', 'vouchers', sb.file('v.csv', csv));
  await sb.ok('voucher', 'reverse', '2015-02/1', '--date', '2015-02-20');
  // A line with a member: the column path (JSON's) reads it, the text path leaves it out.
  await sb.ok('import', 'members', sb.file('m.csv', '成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态\nX001,邓志强,,H01,户主,2010-01-01,\n'));
  const withMember = '凭证号,日期,摘要,科目编码,借方金额,贷方金额,成员编号\n1,2015-04-02,成员借款,10201,,3.00,\n1,2015-04-02,成员借款,10202,3.00,,X001\n';
  await sb.ok('import', 'vouchers', sb.file('m-v.csv', withMember));
});
afterAll(() => sb?.cleanup());

/**
 * `f` with the book read each way: as one text made and put in order in C (as any book of up to
 * BOOK_TEXT.heldLines lines is); as one text sorted by SQLite (without the extension, or with a
 * line not as the columns hold it); a line at a time (a larger book); a line at a time after the
 * text made in C passed its limit (a book of huge summaries).
 */
function eachWay(f: () => void): void {
  const { heldLines, native } = BOOK_TEXT;
  const ways = [{ heldLines, native: true }, { heldLines, native: false }, { heldLines: 0, native: false }, { heldLines, native: true, maxBytes: 40 }];
  try {
    for (const way of ways) {
      Object.assign(BOOK_TEXT, way);
      f();
      delete BOOK_TEXT.maxBytes;
    }
  } finally {
    Object.assign(BOOK_TEXT, { heldLines, native });
    delete BOOK_TEXT.maxBytes;
  }
}
const REFUSED_EACH_WAY = [['LEDGER_DAMAGED'], ['LEDGER_DAMAGED'], ['LEDGER_DAMAGED'], ['LEDGER_DAMAGED']];

/** The codes `eachAccountLine` of `code` refuses with on the ledger `file`, read each way (one list a way). */
function refusedCodes(file: string, code: string, from: string, to: string): string[][] {
  const out: string[][] = [];
  eachWay(() => {
    const l = Ledger.open(file, { readonly: true });
    try {
      [...eachAccountLine(l, code, from, to)];
      out.push([]);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      out.push(e.errors.map((x) => x.code));
    } finally {
      l.close();
    }
  });
  return out;
}

/** A copy of the sandbox's ledger named `name` whose schema `update` (of sqlite_schema) has changed behind sanzi's back. */
function loosenedCopy(name: string, update: string): string {
  const file = path.join(sb.dir, name);
  fs.copyFileSync(sb.db, file);
  const db = new Database(file);
  try {
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare(update).run();
  } finally {
    db.close();
  }
  return file;
}

/** `report ledger` of 10201 over 2015 on `file`: refused as LEDGER_DAMAGED, exit 1, and no book written. */
async function expectBookRefused(file: string): Promise<void> {
  const out = `${file}.book.csv`;
  const r = await runCli(['--db', file, 'report', 'ledger', '--account', '10201', '--from', '2015-01', '--to', '2015-12', '--out', out], { cwd: sb.dir });
  expect(r.code).toBe(1);
  expect(r.codes).toEqual(['LEDGER_DAMAGED']);
  expect(fs.existsSync(out)).toBe(false);
}

describe('a book read as text, whole or a line at a time', () => {
  it('gives the lines the columns give', () => eachWay(() => {
    const l = Ledger.open(sb.db);
    try {
      for (const code of ['102', '10201', '10202', '501', '50101']) {
        const texts = [...eachAccountLine(l, code, '2015-01', '2015-12')];
        const columns = [...eachAccountLine(l, code, '2015-01', '2015-12', { dimensions: true })];
        expect(texts.length, code).toBe(columns.length);
        expect(texts, code).toEqual(columns.map((c) => ({ ...c, member: null, project: null })));
      }
      const bank = [...eachAccountLine(l, '102', '2015-01', '2015-12')];
      // By date and number: 2015-02-01 no. 2 and 3 (three lines), 02-03 no. 1, the reversal on 02-20, 03-31.
      expect(bank.map((b) => [b.date, b.number, b.account, b.debit, b.credit])).toEqual([
        ['2015-02-01', 2, '10202', 5, 0],
        ['2015-02-01', 3, '10201', 700, 0],
        ['2015-02-01', 3, '10202', 0, 700],
        ['2015-02-03', 1, '10201', 12345678901234, 0],
        ['2015-02-20', 4, '10201', -12345678901234, 0],
        ['2015-03-31', 1, '10202', 110, 0],
        ['2015-04-02', 1, '10201', 0, 300],
        ['2015-04-02', 1, '10202', 300, 0],
      ]);
      expect(bank.map((b) => b.summary).slice(0, 4)).toEqual(['含 空格 的 摘要', '引号"在内"', '引号"在内"', '收款, 含逗号']);
      expect(bank.map((b) => b.period)).toEqual(['2015-02', '2015-02', '2015-02', '2015-02', '2015-02', '2015-03', '2015-04', '2015-04']);
      // The two paths are two: only the columns bring the member.
      const members = [...eachAccountLine(l, '10202', '2015-04', '2015-04', { dimensions: true })].map((c) => c.member);
      expect(members).toEqual(['X001']);
      expect([...eachAccountLine(l, '10202', '2015-04', '2015-04')].map((c) => c.member)).toEqual([null]);
      // No line in the months asked for: none.
      expect([...eachAccountLine(l, '102', '2016-01', '2016-12')]).toEqual([]);
    } finally {
      l.close();
    }
  }));

  it("joins a book's lines in C and puts them in the book's order there, with their accounts for a parent account", () => {
    const l = Ledger.open(sb.db, { readonly: true });
    try {
      const db = sqlOf(l);
      // Each line as the columns give it: its text, its account's before the summary's length for 102.
      const expected = (code: string, account: boolean) =>
        [...eachAccountLine(l, code, '2015-01', '2015-12', { dimensions: true })]
          .map((c) => `${c.date} ${c.number} ${c.debit} ${c.credit} ${account ? `${c.account}\u001f` : ''}${Buffer.byteLength(c.summary)} ${c.summary}`)
          .join('');
      // 10202's vouchers were entered in date order; 10201's were not: voucher 1 (2015-02-03) before
      // voucher 3 (02-01), the reversal (02-20) after 2015-03's; 102's index holds 10201's lines, then 10202's.
      for (const [code, range, leaf] of [['10202', ['10202', '10203'], true], ['10201', ['10201', '10202'], true], ['102', ['102', '103'], false]] as const) {
        const text = expected(code, !leaf);
        expect(text.length, code).toBeGreaterThan(100);
        expect(nativeBookText(db, leaf, [...range], '2015-01', '2015-12'), code).toBe(text);
      }
      expect(nativeBookText(db, true, ['10202', '10203'], '2016-01', '2016-12')).toBeNull();
      // A text past its limit: a line at a time (SQLite's sorted text would be as large).
      const bytes = Buffer.byteLength(expected('10202', false));
      expect(nativeBookText(db, true, ['10202', '10203'], '2015-01', '2015-12', bytes + 200)).toBe(expected('10202', false));
      expect(nativeBookText(db, true, ['10202', '10203'], '2015-01', '2015-12', bytes - 1)).toBeUndefined();
      BOOK_TEXT.native = false;
      expect(nativeBookText(db, true, ['10202', '10203'], '2015-01', '2015-12')).toBe(READ_SORTED);
    } finally {
      BOOK_TEXT.native = true;
      l.close();
    }
  });

  it("gives a parent's book a voucher's lines in their order when its sub-accounts come the other way round off the index", () => {
    const file = path.join(sb.dir, 'transfer.db');
    fs.copyFileSync(sb.db, file);
    const db = new Database(file);
    // A transfer between the two banks: line 1 on 10202, line 2 on 10201 (the index gives 10201's first).
    const id = db.prepare("INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES ('2015-09', 1, '2015-09-05', '转入一般户', 'manual', '2015-09-05 00:00:00', 'x')").run().lastInsertRowid;
    db.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 1, '10202', 10000, 0), (?, 2, '10201', 0, 10000)").run(id, id);
    db.close();
    eachWay(() => {
      const l = Ledger.open(file, { readonly: true });
      try {
        const book = [...eachAccountLine(l, '102', '2015-09', '2015-09')];
        expect(book.map((b) => [b.account, b.debit, b.credit])).toEqual([
          ['10202', 10000, 0],
          ['10201', 0, 10000],
        ]);
      } finally {
        l.close();
      }
    });
  });

  it('gives what the columns give for values no import makes: an empty summary, U+001F, the largest amounts', () => {
    const file = path.join(sb.dir, 'odd.db');
    fs.copyFileSync(sb.db, file);
    const db = new Database(file);
    try {
      const big = Number.MAX_SAFE_INTEGER;
      const add = (number: number, summary: string, debit: number | bigint, credit: number | bigint) => {
        const id = db
          .prepare("INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES ('2015-06', ?, '2015-06-09', ?, 'manual', '2015-06-09 00:00:00', 'x')")
          .run(number, summary).lastInsertRowid;
        db.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 1, '10201', ?, ?)").run(id, debit, credit);
      };
      db.defaultSafeIntegers(false);
      add(1, '', big, 0);
      add(2, '  前有空格\u001f后有 分隔', 0, -big);
      add(3, '3 4 5', 1152921504606846975n, -9223372036854775807n);
      // Characters of 1 to 4 bytes, a NUL and a line break: the summary's length in bytes says where it ends.
      add(4, '😀表情 é\u0000尾\n', 7, 0);
      add(5, '12 34 ', -1, 0);
      // Bytes that are not UTF-8 in a summary (read back with U+FFFD, longer than the length SQLite
      // gives): one that would read as a line of its own were the length trusted, and a shorter one.
      const raw = (number: number, hex: string, tail: string, debit: number) => {
        const id = db
          .prepare(`INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES ('2015-06', ?, '2015-06-09', CAST(X'${hex}' || ? AS TEXT), 'manual', '2015-06-09 00:00:00', 'x')`)
          .run(number, tail).lastInsertRowid;
        db.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 1, '10202', ?, 0)").run(id, debit);
      };
      raw(6, 'FFFFFFFFFFFFFFFFFFFFFF', '2015-06-09 9 5000 0 0 ', 3);
      raw(7, 'FF6162', '', 4);
    } finally {
      db.close();
    }
    eachWay(() => {
      const l = Ledger.open(file);
      try {
        for (const code of ['10201', '10202']) {
          const leaf = [...eachAccountLine(l, code, '2015-06', '2015-06')];
          expect(leaf, code).toEqual([...eachAccountLine(l, code, '2015-06', '2015-06', { dimensions: true })].map((c) => ({ ...c, member: null, project: null })));
        }
        const texts = [...eachAccountLine(l, '102', '2015-06', '2015-06')];
        const columns = [...eachAccountLine(l, '102', '2015-06', '2015-06', { dimensions: true })];
        expect(texts).toEqual(columns.map((c) => ({ ...c, member: null, project: null })));
        expect(texts.map((t) => [t.summary, t.debit, t.credit])).toEqual([
          ['', Number.MAX_SAFE_INTEGER, 0],
          ['  前有空格\u001f后有 分隔', 0, -Number.MAX_SAFE_INTEGER],
          ['3 4 5', Number(1152921504606846975n), Number(-9223372036854775807n)],
          ['😀表情 é\u0000尾\n', 7, 0],
          ['12 34 ', -1, 0],
          ['\ufffd'.repeat(11) + '2015-06-09 9 5000 0 0 ', 3, 0],
          ['\ufffdab', 4, 0],
        ]);
      } finally {
        l.close();
      }
    });
  });

  it('refuses a line whose amount is not a whole number (a damaged file) as LEDGER_DAMAGED, writing no book', async () => {
    // The lines' table made loose behind sanzi's back (no STRICT), and an amount of 1.5 fen put in.
    const file = loosenedCopy('damaged.db', "UPDATE sqlite_schema SET sql = replace(sql, ') STRICT, WITHOUT ROWID', ') WITHOUT ROWID') WHERE name = 'voucher_lines'");
    const loose = new Database(file);
    loose.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (1, 9, '10201', 1.5, 0)").run();
    // And on 10202, whose lines come in the book's order (read in C first), after its last.
    loose.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) SELECT max(id), 9, '10202', 1.5, 0 FROM vouchers").run();
    loose.close();
    expect(refusedCodes(file, '10201', '2015-01', '2015-12')).toEqual(REFUSED_EACH_WAY);
    expect(refusedCodes(file, '10202', '2015-01', '2015-12')).toEqual(REFUSED_EACH_WAY);
    await expectBookRefused(file);
  });

  it('refuses a sub-account line whose date has a space in it (a loosened table) rather than read its fields askew', () => {
    const file = path.join(sb.dir, 'spaced-date.db');
    fs.copyFileSync(sb.db, file);
    const db = new Database(file);
    db.prepare("INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES ('2015-08', 1, '2015-08-09 7', '摘要', 'manual', '2015-08-09 00:00:00', 'x')").run();
    const id = db.prepare('SELECT max(id) FROM vouchers').pluck().get();
    db.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 1, '10201', 100, 0)").run(id);
    db.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 2, '10202', 0, 100)").run(id);
    db.close();
    expect(refusedCodes(file, '102', '2015-08', '2015-08')).toEqual(REFUSED_EACH_WAY);
    expect(refusedCodes(file, '10202', '2015-01', '2015-12')).toEqual(REFUSED_EACH_WAY);
    // The leaf's own book reads the same line apart without the account's text to check: refused too.
    expect(refusedCodes(file, '10201', '2015-08', '2015-08')).toEqual(REFUSED_EACH_WAY);
  });

  it('refuses a date that is not a date (a space within it, in a loosened table) as LEDGER_DAMAGED, not as lines out of order', async () => {
    const file = path.join(sb.dir, 'askew-date.db');
    fs.copyFileSync(sb.db, file);
    const db = new Database(file);
    // Read apart, '2015-12-3 0 99 5 0 1 s' is a line of 2015-12-3 whose summary is '' and then one dated '1', before it.
    db.prepare("INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES ('2015-12', 99, '2015-12-3 0', 's', 'manual', '2015-12-30 00:00:00', 'x')").run();
    const id = db.prepare('SELECT max(id) FROM vouchers').pluck().get();
    db.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 1, '10201', 5, 0)").run(id);
    db.close();
    expect(refusedCodes(file, '10201', '2015-01', '2015-12')).toEqual(REFUSED_EACH_WAY);
    await expectBookRefused(file);
  });

  it('refuses a line whose voucher has no summary (NULL in a loosened table) as LEDGER_DAMAGED, not a book without it', async () => {
    const file = loosenedCopy('no-summary.db', "UPDATE sqlite_schema SET sql = replace(replace(sql, ') STRICT', ')'), 'summary TEXT NOT NULL', 'summary TEXT') WHERE name = 'vouchers'");
    const loose = new Database(file);
    const id = loose.prepare("INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES ('2015-07', 1, '2015-07-01', NULL, 'manual', '2015-07-01 00:00:00', 'x')").run().lastInsertRowid;
    loose.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 1, '10201', 100, 0)").run(id);
    loose.prepare("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (?, 2, '10202', 0, 100)").run(id);
    loose.close();
    expect(refusedCodes(file, '10201', '2015-01', '2015-12')).toEqual(REFUSED_EACH_WAY);
    expect(refusedCodes(file, '10202', '2015-01', '2015-12')).toEqual(REFUSED_EACH_WAY);
    await expectBookRefused(file);
  });
});
