// 明细账 and the bank book written as their lines are read: across a year end, an account with two
// sub-accounts whose lines interleave, several lines on one day; the file written with --out is
// the CSV printed, and the figures are those worked out by hand.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';

// Amounts in yuan:
//   2023-12-05  开户存入     Dr 10201 1,000.00     Cr 301 1,000.00
//   2023-12-05  存入专户     Dr 10202   500.00     Cr 301   500.00
//   2024-01-03  付材料款     Dr 121      80.00     Cr 10202  80.00
//   2024-01-03  转入专户     Dr 10202   200.00     Cr 10201 200.00   (both sides on 102)
//   2024-01-09  收门票       Dr 10201    30.00     Cr 501     30.00
async function build(s: Sandbox): Promise<void> {
  await s.ok('init', '--name', '测试村股份经济合作社', '--start', '2023-12');
  await s.ok('account', 'add', '10201', '基本户');
  await s.ok('account', 'add', '10202', '专户');
  const v = (date: string, summary: string, debit: string, credit: string) => s.ok('voucher', 'add', '--date', date, '--summary', summary, '--debit', debit, '--credit', credit);
  await v('2023-12-05', '开户存入', '10201:1000', '301:1000');
  await v('2023-12-05', '存入专户', '10202:500', '301:500');
  await v('2024-01-03', '付材料款', '121:80', '10202:80');
  await v('2024-01-03', '转入专户', '10202:200', '10201:200');
  await v('2024-01-09', '收门票', '10201:30', '501:30');
}

let sb: Sandbox;
afterEach(() => sb?.cleanup());
const open = () => Sandbox.from('books-stream', build).then((s) => (sb = s));
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((r) => r.split(','));

describe('books written as their lines are read', () => {
  it('明细账 of 102 across a year end: the file is the CSV printed, with the balances by hand', async () => {
    await open();
    const args = ['report', 'ledger', '--account', '102', '--from', '2023-12', '--to', '2024-01'];
    const printed = (await sb.ok(...args, '--format', 'csv')).bytes;
    await sb.ok(...args, '--out', 'book.csv');
    const written = fs.readFileSync(path.join(sb.dir, 'book.csv'));
    expect(written.equals(printed)).toBe(true);
    expect(csvRows(written.toString('utf8')).map((r) => [r[2], r[3], r[4], r[5], r[7]])).toEqual([
      ['摘要', '科目', '借方', '贷方', '余额'],
      ['期初余额', '', '', '', '0.00'],
      ['开户存入', '10201', '1000.00', '', '1000.00'],
      ['存入专户', '10202', '500.00', '', '1500.00'], // 1,000 + 500
      ['本月合计', '', '1500.00', '0.00', '1500.00'],
      ['本年累计', '', '1500.00', '0.00', '1500.00'],
      ['付材料款', '10202', '', '80.00', '1420.00'], // 1,500 − 80
      ['转入专户', '10202', '200.00', '', '1620.00'], // line 1 of the voucher: 10202 Dr 200
      ['转入专户', '10201', '', '200.00', '1420.00'], // line 2: 10201 Cr 200
      ['收门票', '10201', '30.00', '', '1450.00'],
      ['本月合计', '', '230.00', '280.00', '1450.00'], // 200 + 30; 80 + 200
      ['本年累计', '', '230.00', '280.00', '1450.00'], // 2024 counts from 0
      ['本期合计', '', '1730.00', '280.00', '1450.00'], // 1,500 + 230; 1,450 = 1,730 − 280
    ]);
  });

  it('the bank book from January: 上年结转, 对方科目 and 本日合计, in the file as printed', async () => {
    await open();
    const args = ['report', 'bank-book', '--from', '2024-01', '--to', '2024-01'];
    const printed = (await sb.ok(...args, '--format', 'csv')).bytes;
    await sb.ok(...args, '--out', 'bank.csv');
    const written = fs.readFileSync(path.join(sb.dir, 'bank.csv'));
    expect(written.equals(printed)).toBe(true);
    // 日期, 摘要, 对方科目, 借方, 贷方, 余额
    expect(csvRows(written.toString('utf8')).map((r) => [r[0], r[2], r[3], r[5], r[6], r[8]])).toEqual([
      ['日期', '摘要', '对方科目', '借方', '贷方', '余额'],
      ['', '上年结转', '', '', '', '1500.00'],
      ['2024-01-03', '付材料款', '库存物资', '', '80.00', '1420.00'],
      // Both sides on 102: no other account on the other side.
      ['2024-01-03', '转入专户', '', '200.00', '', '1620.00'],
      ['2024-01-03', '转入专户', '', '', '200.00', '1420.00'],
      ['2024-01-03', '本日合计', '', '200.00', '280.00', '1420.00'], // three lines on 01-03
      ['2024-01-09', '收门票', '经营收入', '30.00', '', '1450.00'],
      ['', '本月合计', '', '230.00', '280.00', '1450.00'],
      ['', '本年累计', '', '230.00', '280.00', '1450.00'],
      ['', '本期合计', '', '230.00', '280.00', '1450.00'],
    ]);
    const json = (await sb.ok(...args, '--format', 'json')).json();
    expect(json.lines.map((l: { counter: string; balance: string }) => [l.counter, l.balance])).toEqual([
      ['库存物资', '1420.00'],
      ['', '1620.00'],
      ['', '1420.00'],
      ['经营收入', '1450.00'],
    ]);
    expect(json).toMatchObject({ opening: '1500.00', debit: '230.00', credit: '280.00', closing: '1450.00', months: [{ period: '2024-01', debit: '230.00', credit: '280.00', closing: '1450.00', yearDebit: '230.00', yearCredit: '280.00' }] });
  });
});
