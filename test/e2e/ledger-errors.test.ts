// Every bad input gets a clear error with its line, exit 1, and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, Sandbox, runCli, expectRefused } from '../harness.js';
import { APPLICATION_ID } from '../../src/store/db.js';

let sb: Sandbox;
const bad = (name: string) => path.join(FIXTURES, 'bad', name);

async function voucherCount(): Promise<number> {
  const db = new Database(sb.db, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM vouchers').pluck().get() as number;
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  sb = new Sandbox('errors');
  await sb.ok('init', '--name', '测试村', '--start', '2024-01');
  await sb.ok('account', 'add', '10201', '基本户');
});
afterEach(() => sb.cleanup());

async function refused(file: string, codes: string | string[], ...expected: string[]) {
  const r = await sb.run('import', 'vouchers', bad(file));
  expectRefused(r, ...(typeof codes === 'string' ? [codes] : codes));
  for (const e of expected) expect(r.stderr).toContain(e);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(await voucherCount()).toBe(0);
  return r;
}

describe('bad voucher files', () => {
  it('unbalanced: both sums and the difference, at the first row', async () => {
    await refused('vouchers-unbalanced.csv', 'VOUCHER_UNBALANCED', 'vouchers-unbalanced.csv:2:', '借方合计 1,000.00', '贷方合计 999.99', '差额 0.01');
  });
  it('three decimals', async () => {
    await refused('vouchers-three-decimals.csv', 'AMOUNT', 'vouchers-three-decimals.csv:2:', '超过两位小数', 'vouchers-three-decimals.csv:3:');
  });
  it('a date that does not exist', async () => {
    await refused('vouchers-no-such-date.csv', 'DATE', 'vouchers-no-such-date.csv:2:', '日期不存在', '2024-02-30');
  });
  it('unknown account', async () => {
    await refused('vouchers-unknown-account.csv', 'ACCOUNT_UNKNOWN', 'vouchers-unknown-account.csv:2:', '科目「599」不存在');
  });
  it('non-leaf account', async () => {
    await refused('vouchers-non-leaf.csv', 'ACCOUNT_NOT_LEAF', 'vouchers-non-leaf.csv:2:', '有下级科目');
  });
  it('debit and credit both filled', async () => {
    await refused('vouchers-both-sides.csv', 'LINE_BOTH_SIDES', 'vouchers-both-sides.csv:2:', '同时填借方和贷方');
  });
  it('negative amount outside a reversal', async () => {
    await refused('vouchers-negative.csv', 'LINE_NEGATIVE', 'vouchers-negative.csv:2:', '金额不能为负数');
  });
  it('missing column, at line 1', async () => {
    await refused('vouchers-missing-column.csv', 'CSV_HEADER_MISSING', 'vouchers-missing-column.csv:1:', '缺少必需的列', '贷方金额/credit');
  });
  it('unknown column, at line 1', async () => {
    await refused('vouchers-unknown-column.csv', 'CSV_HEADER', 'vouchers-unknown-column.csv:1:', '不认识的列', '备注');
  });
  it('empty file', async () => {
    await refused('vouchers-empty.csv', 'CSV_EMPTY', 'vouchers-empty.csv:1:', '文件是空的');
  });
  it('a file that is not CSV', async () => {
    // A zip is read as the workbook it claims to be; this one is cut off.
    await refused('vouchers-not-csv.xlsx.csv', 'XLSX_UNREADABLE', '无法读取这个 Excel 工作簿（文件不完整或已损坏）');
  });
  it('a voucher in a closed month', async () => {
    await sb.ok('period', 'close', '2024-01');
    await refused('vouchers-closed-month.csv', 'PERIOD_CLOSED', 'vouchers-closed-month.csv:2:', '已结账');
  });
  it('every error of a file at once; the good voucher is not written either', async () => {
    const r = await refused(
      'vouchers-many-errors.csv',
      ['VOUCHER_UNBALANCED', 'DATE', 'AMOUNT', 'ACCOUNT_UNKNOWN'],
      'vouchers-many-errors.csv:4: 借贷不平',
      'vouchers-many-errors.csv:6:',
      'vouchers-many-errors.csv:8:',
      'vouchers-many-errors.csv:10: 科目「999」不存在',
    );
    expect(r.stderr.trim().split('\n').length).toBe(5); // two for voucher 3 (both rows), one each for 2, 4, 5
  });
  it('rows of one voucher with two dates', async () => {
    const f = sb.file('two-dates.csv', '凭证号,日期,摘要,科目编码,借方金额,贷方金额\n1,2024-03-05,x,513,1,\n1,2024-03-06,x,101,,1\n');
    const r = await sb.run('import', 'vouchers', f);
    expectRefused(r, 'VOUCHER_DATES');
    expect(r.stderr).toContain('two-dates.csv:3: 同一凭证「1」的日期不一致');
  });
  it('凭证号 restarting each month: the same number in the next month is another voucher', async () => {
    const f = sb.file(
      'per-month.csv',
      '凭证号,日期,摘要,科目编码,借方金额,贷方金额\n' +
        '1,2024-01-31,一月电费,511,10.00,\n1,2024-01-31,一月电费,101,,10.00\n' +
        '1,2024-02-01,二月电费,511,20.00,\n1,2024-02-01,二月电费,101,,20.00\n' +
        '2,2024-02-03,二月水费,511,5.00,\n2,2024-02-03,二月水费,101,,5.00\n',
    );
    await sb.ok('import', 'vouchers', f);
    const j = (await sb.ok('report', 'journal', '--from', '2024-01', '--to', '2024-02', '--format', 'json')).json();
    expect(j.vouchers.map((v: { date: string; number: number; summary: string }) => `${v.date}#${v.number} ${v.summary}`)).toEqual([
      '2024-01-31#1 一月电费',
      '2024-02-01#1 二月电费',
      '2024-02-03#2 二月水费',
    ]);
  });
  it('English headers, GBK encoding, amounts in every accepted form', async () => {
    const text =
      'voucher,date,summary,account,accountName,debit,credit\n' +
      'A,2024/3/5,办公用品,513,管理费用,"1,234.50",\n' +
      'A,2024/3/5,办公用品,101,库存现金,,￥１２３４．５\n';
    const iconv = (await import('iconv-lite')).default;
    const f = sb.file('gbk.csv', iconv.encode(text, 'gb18030'));
    await sb.ok('import', 'vouchers', f);
    const j = (await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json();
    expect(j.vouchers[0].lines[0].debit).toBe('1234.50');
    expect(j.vouchers[0].lines[1].credit).toBe('1234.50');
  });
  it('an account name that does not match its code', async () => {
    const f = sb.file('name.csv', '凭证号,日期,摘要,科目编码,科目名称,借方金额,贷方金额\n1,2024-03-05,x,513,经营支出,1,\n1,2024-03-05,x,101,库存现金,,1\n');
    const r = await sb.run('import', 'vouchers', f);
    expectRefused(r, 'ACCOUNT_NAME_MISMATCH');
    expect(r.stderr).toContain('name.csv:2: 科目名称「经营支出」与科目编码 513 的名称「管理费用」不符');
  });
});

describe('the ledger file', () => {
  it('commands other than init refuse a missing ledger', async () => {
    const r = await runCli(['--db', path.join(sb.dir, 'nope.db'), 'account', 'list'], { cwd: sb.dir });
    expectRefused(r, 'LEDGER_MISSING');
    expect(r.stderr).toContain('不存在');
    expect(fs.existsSync(path.join(sb.dir, 'nope.db'))).toBe(false);
  });
  it('init refuses to overwrite', async () => {
    const r = await sb.run('init', '--name', '另一个');
    expectRefused(r, 'LEDGER_EXISTS');
    expect(r.stderr).toContain('已存在');
  });
  it('a file that is not a sanzi ledger', async () => {
    const f = sb.file('other.db', 'just some text, not a database');
    const r = await runCli(['--db', f, 'report', 'trial-balance'], { cwd: sb.dir });
    expectRefused(r, 'NOT_A_LEDGER');
    expect(r.stderr).toContain('不是 sanzi 账套');
    const plain = path.join(sb.dir, 'plain.db');
    new Database(plain).exec('CREATE TABLE t(x)');
    expect((await runCli(['--db', plain, 'verify'], { cwd: sb.dir })).stderr).toContain('不是 sanzi 账套');
  });
  it('a ledger whose texts were rewritten as UTF-16 behind sanzi\'s back is refused as damaged, and left as it was', async () => {
    const f = path.join(sb.dir, 'utf16.db');
    const ours = new Database(sb.db, { readonly: true });
    const version = ours.pragma('user_version', { simple: true }) as number;
    ours.close();
    const db = new Database(f);
    db.pragma("encoding = 'UTF-16le'");
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${version}`);
    db.exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('name', '下迳村')");
    db.close();
    const before = fs.readFileSync(f);
    const r = await runCli(['--db', f, 'report', 'trial-balance'], { cwd: sb.dir });
    expectRefused(r, 'LEDGER_DAMAGED');
    expect(r.stderr).toContain('UTF-16le');
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });
  it('a ledger newer than the program', async () => {
    const db = new Database(sb.db);
    db.pragma('user_version = 999');
    db.close();
    const r = await sb.run('report', 'trial-balance');
    expectRefused(r, 'LEDGER_TOO_NEW');
    expect(r.stderr).toContain('更新版本');
  });
  it('--db after the command, $SANZI_DB, and --lang en', async () => {
    const r = await runCli(['account', 'list', '--format', 'json', '--db', sb.db], { cwd: sb.dir });
    expect(r.code).toBe(0);
    expect(r.json().accounts.length).toBe(42 + 6 + 1);
    const e = await runCli(['account', 'list', '--format', 'json'], { cwd: sb.dir, env: { SANZI_DB: sb.db } });
    expect(e.json().accounts[0]).toMatchObject({ code: '101', name: '库存现金', side: '借' });
    // An empty $SANZI_DB is no ledger named: ./sanzi.db, as when it is not set.
    const here = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-empty-db-'));
    try {
      expect((await runCli(['init', '--name', '空变量村', '--start', '2024-01'], { cwd: here, env: { SANZI_DB: '' } })).code).toBe(0);
      expect(fs.existsSync(path.join(here, 'sanzi.db'))).toBe(true);
      const blank = await runCli(['account', 'list', '--format', 'json'], { cwd: here, env: { SANZI_DB: '' } });
      expect([blank.code, blank.json().accounts[0].code]).toEqual([0, '101']);
    } finally {
      fs.rmSync(here, { recursive: true, force: true });
    }
    const en = await runCli(['--lang', 'en', '--db', sb.db, 'voucher', 'add', '--date', '2024-03-05', '--summary', 'x', '--debit', '513:1', '--credit', '101:2']);
    expectRefused(en, 'VOUCHER_UNBALANCED');
    expect(en.stderr).toContain('unbalanced');
    await sb.ok('voucher', 'add', '--date', '2024-03-05', '--summary', 'x', '--debit', '513:1', '--credit', '101:1');
    const tb = await runCli(['--lang', 'en', '--db', sb.db, 'report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--format', 'csv']);
    expect(tb.stdout).toContain('Account,Name,Opening Dr,Opening Cr,Debit,Credit,Year Dr,Year Cr,Closing Dr,Closing Cr');
    expect(tb.stdout).toContain('101,库存现金,,,0.00,1.00,0.00,1.00,,1.00');
  });
  it('usage errors exit 2', async () => {
    expect((await sb.run('report', 'trial-balance', '--bogus')).code).toBe(2);
    expect((await sb.run('voucher', 'add', '--summary', 'x')).code).toBe(2);
    expect((await sb.run('import', 'nonsense', 'x.csv')).code).toBe(2);
    expect((await sb.run('report', 'income', '--format', 'pdf')).code).toBe(2);
  });
});

describe('vouchers on the command line', () => {
  it('review needs another person; reversal repeats lines negated and never edits the original', async () => {
    await sb.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '购买办公用品', '--debit', '513:120', '--credit', '101:120', '--preparer', '张三');
    let r = await sb.run('voucher', 'review', '2024-03/1', '--by', '张三');
    expectRefused(r, 'REVIEWER_IS_PREPARER');
    expect(r.stderr).toContain('与制单人相同');
    await sb.ok('voucher', 'review', '2024-03/1', '--by', '李四');
    await sb.ok('voucher', 'reverse', '2024-03/1', '--date', '2024-03-06');
    const rev = (await sb.ok('voucher', 'show', '2024-03/2', '--format', 'json')).json();
    expect(rev.summary).toBe('冲销 3月 记字第1号');
    expect(rev.lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['513', '-120.00', '0.00'],
      ['101', '0.00', '-120.00'],
    ]);
    const orig = (await sb.ok('voucher', 'show', '2024-03/1', '--format', 'json')).json();
    expect(orig.lines[0].debit).toBe('120.00');
    expect(orig.reviewer).toBe('李四');
    r = await sb.run('voucher', 'reverse', '2024-03/1', '--date', '2024-03-07');
    expectRefused(r, 'ALREADY_REVERSED');
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json();
    // Red ink nets the movement to zero: 513 shows no balance and no movement.
    expect(tb.rows.find((x: { account: string }) => x.account === '513')).toBeUndefined();
    expect(tb.totals).toEqual({ debit: '0.00', credit: '0.00' });
  });
  it('the database itself refuses to change a posted voucher, and verify finds tampering', async () => {
    await sb.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '购买办公用品', '--debit', '513:120', '--credit', '101:120');
    const db = new Database(sb.db);
    expect(() => db.prepare('UPDATE voucher_lines SET debit = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM vouchers').run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER voucher_lines_no_update; UPDATE voucher_lines SET debit = 12000000 WHERE line_no = 1');
    db.close();
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('2024-03/1');
  });
  it('an account with postings cannot get children; a closed month refuses; reopen is recorded', async () => {
    // (paid from the bank: a month whose 101 库存现金 ends in credit cannot be closed)
    await sb.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '办公', '--debit', '513:1', '--credit', '10201:1');
    const r = await sb.run('account', 'add', '51301', '办公费');
    expectRefused(r, 'ACCOUNT_HAS_POSTINGS');
    expect(r.stderr).toContain('已有发生额');
    await sb.ok('period', 'close', '2024-01');
    expectRefused(await sb.run('voucher', 'add', '--date', '2024-01-06', '--summary', 'x', '--debit', '513:1', '--credit', '10201:1'), 'PERIOD_CLOSED');
    expect(await voucherCount()).toBe(1);
    expect((await sb.run('period', 'reopen', '2024-01')).code).toBe(2);
    await sb.ok('period', 'reopen', '2024-01', '--reason', '补记电费');
    await sb.ok('voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '513:1', '--credit', '10201:1');
    const log = (await sb.ok('period', 'list', '--format', 'json')).json();
    expect(log.events.map((e: { action: string; reason: string | null }) => [e.action, e.reason])).toEqual([
      ['close', null],
      ['reopen', '补记电费'],
    ]);
  });
});

describe('CSV output', () => {
  it('BOM by default, GBK on request, no formulas', async () => {
    await sb.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '=HYPERLINK("x")', '--debit', '513:1234.5', '--credit', '101:1234.5');
    const r = await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'csv');
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.stdout).toContain(`"'=HYPERLINK(""x"")"`);
    expect(r.stdout).toContain(',1234.50,');
    const g = await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'csv', '--encoding', 'gbk');
    const iconv = (await import('iconv-lite')).default;
    expect(iconv.decode(g.bytes, 'gb18030')).toContain('管理费用');
    expect(g.bytes[0]).not.toBe(0xef);
    await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--format', 'csv', '--out', 'tb.csv');
    expect(fs.readFileSync(path.join(sb.dir, 'tb.csv'), 'utf8')).toContain('管理费用');
  });

  it('--encoding utf8: the same bytes without the BOM, on standard output and into a file, for a streamed book and a gathered table', async () => {
    await sb.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '办公费', '--debit', '513:1234.5', '--credit', '101:1234.5');
    for (const args of [
      ['report', 'journal', '--from', '2024-03', '--to', '2024-03'],
      ['report', 'trial-balance', '--from', '2024-03', '--to', '2024-03'],
      ['report', 'ledger', '--account', '513', '--from', '2024-01', '--to', '2024-12'],
    ]) {
      const bom = (await sb.ok(...args, '--format', 'csv')).bytes;
      const plain = (await sb.ok(...args, '--format', 'csv', '--encoding', 'utf8')).bytes;
      expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(plain.toString('utf8')).toContain('1234.50');
      expect(plain.equals(bom.subarray(3))).toBe(true);
      const out = `${args[1]}.csv`;
      await sb.ok(...args, '--encoding', 'utf8', '--out', out);
      expect(fs.readFileSync(path.join(sb.dir, out)).equals(plain)).toBe(true);
    }
  });
});
