// A year of vouchers (fixtures/demo/vouchers-2024.csv) whose statements were computed by hand.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, Sandbox, expectRefused } from '../harness.js';

let sb: Sandbox;
const line = (doc: { lines: { label: string; amount: string }[] }, label: string) => doc.lines.find((l) => l.label === label)?.amount;

beforeAll(async () => {
  sb = new Sandbox('year');
  await sb.ok('init', '--name', '下迳村股份经济合作社', '--start', '2024-01');
  await sb.ok('account', 'add', '10201', '基本户');
  await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
  await sb.ok('import', 'vouchers', path.join(FIXTURES, 'demo', 'vouchers-2024.csv'));
});
afterAll(() => sb.cleanup());

describe('a hand-computed year', () => {
  it('numbers vouchers per month without gaps, in file order', async () => {
    const j = (await sb.ok('report', 'journal', '--from', '2024-01', '--to', '2024-03', '--format', 'json')).json();
    // January holds file vouchers 1, 2, 3; February 4; March 5, 6.
    expect(j.vouchers.map((v: { date: string; number: number }) => `${v.date}#${v.number}`)).toEqual([
      '2024-01-01#1',
      '2024-01-02#2',
      '2024-01-10#3',
      '2024-02-15#1',
      '2024-03-05#1',
      '2024-03-20#2',
    ]);
    expect(j.vouchers[4].lines).toEqual([
      { account: '513', debit: '1280.50', credit: '0.00', member: null, project: null },
      { account: '101', debit: '0.00', credit: '1280.50', member: null, project: null },
    ]);
  });

  it('trial balance: totals and rolled-up parent', async () => {
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-12', '--format', 'json')).json();
    // Σ of the 15 vouchers: 100000 + 200000 + 5000 + 86400 + 1280.50 + 24000 + 12000 + 8000 + 3456.78
    //   + 15800 + 50000 + 30000 + 1234.56 + 321.09 + 20000 = 557,492.93
    expect(tb.totals).toEqual({ debit: '557492.93', credit: '557492.93' });
    const row = (a: string) => tb.rows.find((r: { account: string }) => r.account === a);
    // 10201: +100000 +200000 −5000 +86400 −24000 +8000 −3456.78 −15800 +50000 −30000 −1234.56 +321.09 −20000 = 345,229.75
    expect(row('10201')).toMatchObject({ account: '10201', name: '基本户', level: 2, opening: '0.00', debit: '444721.09', credit: '99491.34', closing: '345229.75' });
    // The whole year: 本年累计 = 本期; the debit balance in the 借 column
    expect(row('10201')).toMatchObject({ yearDebit: '444721.09', yearCredit: '99491.34', closingDebit: '345229.75', closingCredit: '0.00' });
    expect(row('102').closing).toBe('345229.75');
    expect(row('102').level).toBe(1);
    expect(row('501')).toMatchObject({ credit: '98400.00', closing: '-98400.00' });
  });

  it('a month inside the year opens with the earlier months', async () => {
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json();
    const cash = tb.rows.find((r: { account: string }) => r.account === '101');
    // 101 opened March with 5,000.00 and paid 1,280.50.
    expect(cash).toMatchObject({ opening: '5000.00', debit: '0.00', credit: '1280.50', closing: '3719.50' });
  });

  it('balance sheet at year end balances to the fen', async () => {
    const bs = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-12-31', '--format', 'json')).json();
    expect(bs.asOf).toBe('2024-12-31');
    expect(line(bs, '货币资金')).toBe('348949.25'); // 345,229.75 + 3,719.50
    expect(line(bs, '应收款项')).toBe('4000.00'); // 12,000 − 8,000
    expect(line(bs, '固定资产原值')).toBe('15800.00');
    expect(line(bs, '累计折旧')).toBe('0.00');
    expect(line(bs, '固定资产净值')).toBe('15800.00');
    // 348,949.25 + 4,000.00 + 15,800.00
    expect(line(bs, '资产总计')).toBe('368749.25');
    expect(line(bs, '短期借款')).toBe('30000.00');
    expect(line(bs, '资本')).toBe('100000.00');
    expect(line(bs, '未分配收益')).toBe('238749.25');
    // 30,000.00 + 100,000.00 + 238,749.25
    expect(line(bs, '负债和所有者权益总计')).toBe('368749.25');
  });

  it('balance sheet mid-year reads the partial month', async () => {
    const bs = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-03-10', '--format', 'json')).json();
    // 10201 by 03-10: 300,000 − 5,000 + 86,400 = 381,400; 101: 5,000 − 1,280.50 = 3,719.50
    expect(line(bs, '货币资金')).toBe('385119.50');
    expect(line(bs, '资产总计')).toBe(line(bs, '负债和所有者权益总计'));
  });

  it('income statement (收益及收益分配表)', async () => {
    const inc = (await sb.ok('report', 'income', '--year', '2024', '--format', 'json')).json();
    expect(inc.year).toBe(2024);
    expect(line(inc, '经营收入')).toBe('98400.00');
    expect(line(inc, '经营支出')).toBe('27456.78');
    // 98,400.00 − 27,456.78 − 1,234.56 − 1,280.50
    expect(line(inc, '经营收益')).toBe('68428.16');
    // 68,428.16 + 200,000 + 321.09 − 30,000
    expect(line(inc, '收益总额')).toBe('238749.25');
    expect(line(inc, '本年收益')).toBe('238749.25');
    expect(line(inc, '年初未分配收益')).toBe('0.00');
    expect(line(inc, '可分配收益')).toBe('238749.25');
    expect(line(inc, '年末未分配收益')).toBe('238749.25');
  });

  it('year close needs January–November closed, then posts the closing entries', async () => {
    let r = await sb.run('year', 'close', '2024');
    expectRefused(r, 'PERIOD_ORDER');
    expect(r.stderr).toContain('2024年1月');
    r = await sb.run('period', 'close', '2024-12');
    expectRefused(r, 'PERIOD_DECEMBER');
    expect(r.stderr).toContain('sanzi year close 2024');
    r = await sb.run('period', 'close', '2024-02');
    expectRefused(r, 'PERIOD_ORDER'); // January first
    for (let m = 1; m <= 11; m++) await sb.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
    await sb.ok('year', 'close', '2024');
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    const row = (a: string) => tb.rows.find((x: { account: string }) => x.account === a);
    expect(row('501').closing).toBe('0.00');
    expect(row('321').closing).toBe('0.00');
    expect(row('32202').closing).toBe('-238749.25');
    // The income statement still shows the year's figures after closing.
    const inc = (await sb.ok('report', 'income', '--year', '2024', '--format', 'json')).json();
    expect(line(inc, '本年收益')).toBe('238749.25');
    expect(line(inc, '年末未分配收益')).toBe('238749.25');
    const bs = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-12-31', '--format', 'json')).json();
    expect(line(bs, '未分配收益')).toBe('238749.25');
    // December is closed now; the next year opens with the balances carried.
    r = await sb.run('voucher', 'add', '--date', '2024-12-31', '--summary', '补记', '--debit', '513:1', '--credit', '101:1');
    expectRefused(r, 'PERIOD_CLOSED');
    expect(r.stderr).toContain('已结账');
    const next = (await sb.ok('report', 'trial-balance', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    expect(next.rows.find((x: { account: string }) => x.account === '10201').opening).toBe('345229.75');
    const inc25 = (await sb.ok('report', 'income', '--year', '2025', '--format', 'json')).json();
    expect(line(inc25, '年初未分配收益')).toBe('238749.25');
    expect((await sb.run('verify')).code).toBe(0);
  });
});
