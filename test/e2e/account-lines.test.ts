// A book's lines read as one text a line (src/store/queries.ts accountLineTexts, the 明细账 and its
// CSV) against the same lines read as columns (the path JSON takes, with the member and project):
// the same dates, numbers, summaries, accounts and amounts, for a leaf account and for one with
// sub-accounts, negative amounts (a reversal) and summaries with spaces, commas and quotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { BENCH_ACCOUNTS } from '../gen-vouchers.js';
import { eachAccountLine } from '../../src/store/queries.js';
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
});
afterAll(() => sb?.cleanup());

describe('a book read as one text a line', () => {
  it('gives the lines the columns give', () => {
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
      ]);
      expect(bank.map((b) => b.summary).slice(0, 4)).toEqual(['含 空格 的 摘要', '引号"在内"', '引号"在内"', '收款, 含逗号']);
      expect(bank.map((b) => b.period)).toEqual(['2015-02', '2015-02', '2015-02', '2015-02', '2015-02', '2015-03']);
    } finally {
      l.close();
    }
  });
});
