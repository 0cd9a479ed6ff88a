// The official forms on a two-year ledger, every figure computed by hand: the balance sheet with
// 年初余额, the income statement with 上年金额, the trial balance's 借/贷 and 本年累计 columns, the
// general ledger, voucher slips, the 财务公开, and --format html on every report and list.
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';

// 测试村, amounts in yuan.
// 2023: 01-10 capital 50,000 into 10201 | 03-01 fixed asset 12,000 from 10201 | 06-01 income 8,000
//       | 07-01 admin 1,500 | 08-01 lent X001 600 (113) | 09-01 X002 paid in 300 (113 credit)
//       | 12-20 depreciation 1,000 (511 / 152); the year closed: profit 8,000 − 2,500 = 5,500 → 32202.
// 2024: 02-01 income 10,000 | 03-01 taxes 400 | 04-01 subsidy 2,000 (503) | 05-01 X001 repays 600
//       | 06-30 depreciation 1,000.
async function build(s: Sandbox): Promise<void> {
  await s.ok('init', '--name', '测试村股份经济合作社', '--start', '2023-01');
  await s.ok('account', 'add', '10201', '基本户');
  await s.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01');
  await s.ok('member', 'add', 'X002', '--name', '李四', '--household', 'H02');
  const v = (date: string, summary: string, debit: string, credit: string, ...more: string[]) =>
    s.ok('voucher', 'add', '--date', date, '--summary', summary, '--debit', debit, '--credit', credit, '--preparer', '李会计', ...more);
  await v('2023-01-10', '收到成员出资', '10201:50000', '301:50000', '--attachments', '3');
  await v('2023-03-01', '购置农机', '151:12000', '10201:12000');
  await v('2023-06-01', '收承包费', '10201:8000', '501:8000');
  await v('2023-07-01', '付办公费', '513:1500', '10201:1500');
  await v('2023-08-01', '借给张三', '113:600:m=X001', '10201:600');
  await v('2023-09-01', '李四交来押金', '10201:300', '113:300:m=X002');
  await v('2023-12-20', '计提折旧', '511:1000', '152:1000');
  for (let m = 1; m <= 11; m++) await s.ok('period', 'close', `2023-${String(m).padStart(2, '0')}`);
  await s.ok('year', 'close', '2023');
  await v('2024-02-01', '收承包费', '10201:10000', '501:10000');
  await v('2024-03-01', '交税', '512:400', '10201:400');
  await v('2024-04-01', '收到补助', '10201:2000', '503:2000');
  await v('2024-05-01', '张三还款', '10201:600', '113:600:m=X001');
  await v('2024-06-30', '计提折旧', '511:1000', '152:1000');
  await s.ok('voucher', 'review', '2024-02/1', '--by', '王主任');
}

let sb: Sandbox;
afterEach(() => sb?.cleanup());
const open = () => Sandbox.from('forms', build).then((s) => (sb = s));
type Line = { label: string; row: number; amount: string; yearStart?: string; priorYear?: string };

describe('balance sheet: 期末余额 and 年初余额, line by line', () => {
  it('2024-06-30 against 2024-01-01', async () => {
    await open();
    const bs = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-06-30', '--format', 'json')).json();
    expect(bs.asOf).toBe('2024-06-30');
    const got = Object.fromEntries(bs.lines.map((l: Line) => [l.label, [l.row, l.amount, l.yearStart]]));
    // 货币资金: 2023 50,000 − 12,000 + 8,000 − 1,500 − 600 + 300 = 44,200; 2024 + 10,000 − 400 + 2,000 + 600 = 56,400
    expect(got['货币资金']).toEqual([1, '56400.00', '44200.00']);
    // 应收款项: X001 owed 600 at the start of the year and repaid it
    expect(got['应收款项']).toEqual([3, '0.00', '600.00']);
    expect(got['流动资产合计']).toEqual([10, '56400.00', '44800.00']);
    expect(got['固定资产原值']).toEqual([15, '12000.00', '12000.00']);
    expect(got['累计折旧']).toEqual([16, '2000.00', '1000.00']);
    expect(got['固定资产净值']).toEqual([17, '10000.00', '11000.00']);
    expect(got['非流动资产合计']).toEqual([30, '10000.00', '11000.00']);
    expect(got['资产总计']).toEqual([35, '66400.00', '55800.00']);
    // 应付款项: the collective owes X002 300 (a credit balance on 113)
    expect(got['应付款项']).toEqual([37, '300.00', '300.00']);
    expect(got['负债合计']).toEqual([47, '300.00', '300.00']);
    expect(got['资本']).toEqual([48, '50000.00', '50000.00']);
    // 未分配收益: 5,500 from 2023 + 2024 so far 10,000 + 2,000 − 400 − 1,000 = 16,100
    expect(got['未分配收益']).toEqual([50, '16100.00', '5500.00']);
    expect(got['所有者权益合计']).toEqual([51, '66100.00', '55500.00']);
    expect(got['负债和所有者权益总计']).toEqual([52, '66400.00', '55800.00']);
    // Every other line is zero in both columns; rows unique and ascending down each side.
    const rest = bs.lines.filter((l: Line) => !(l.label in { 货币资金: 1, 应收款项: 1, 流动资产合计: 1, 固定资产原值: 1, 累计折旧: 1, 固定资产净值: 1, 非流动资产合计: 1, 资产总计: 1, 应付款项: 1, 负债合计: 1, 资本: 1, 未分配收益: 1, 所有者权益合计: 1, 负债和所有者权益总计: 1, 流动负债合计: 1 }));
    for (const l of rest) expect([l.label, l.amount, l.yearStart]).toEqual([l.label, '0.00', '0.00']);
    const rows = bs.lines.map((l: Line) => l.row);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(new Set(rows).size).toBe(rows.length);
  });
  it('the table and CSV are two-sided: 资产 | 行次 | 期末余额 | 年初余额 | 负债和所有者权益 | 行次 | 期末余额 | 年初余额', async () => {
    await open();
    const csv = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-06-30', '--format', 'csv')).stdout;
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('资产,行次,期末余额,年初余额,负债和所有者权益,行次,期末余额,年初余额');
    expect(lines[2]).toBe('货币资金,1,56400.00,44200.00,短期借款,36,0.00,0.00');
  });
});

describe('income statement: 本年金额 and 上年金额, line by line', () => {
  it('2024 against 2023', async () => {
    await open();
    const inc = (await sb.ok('report', 'income', '--year', '2024', '--format', 'json')).json();
    expect(inc.year).toBe(2024);
    const got = inc.lines.map((l: Line) => `${l.row} ${l.label} ${l.amount} ${l.priorYear}`);
    expect(got).toEqual([
      '1 经营收入 10000.00 8000.00',
      '2 经营支出 1000.00 1000.00',
      '3 税金及附加 400.00 0.00',
      '4 管理费用 0.00 1500.00',
      '5 投资收益 0.00 0.00',
      '6 经营收益 8600.00 5500.00', // 10,000 − 1,000 − 400; 8,000 − 1,000 − 1,500
      '7 补助收入 2000.00 0.00',
      '8 其他收入 0.00 0.00',
      '9 公益支出 0.00 0.00',
      '10 其他支出 0.00 0.00',
      '11 收益总额 10600.00 5500.00',
      '12 所得税费用 0.00 0.00',
      '13 本年收益 10600.00 5500.00',
      '14 年初未分配收益 5500.00 0.00',
      '15 其他转入 0.00 0.00',
      '16 可分配收益 16100.00 5500.00',
      '17 提取公积公益金 0.00 0.00',
      '18 向成员分配 0.00 0.00',
      '19 向投资者分配 0.00 0.00',
      '20 其他 0.00 0.00',
      '21 年末未分配收益 16100.00 5500.00',
    ]);
  });
});

describe('trial balance: 借/贷 columns and 本年累计', () => {
  it('March–June 2024: the opening in the debit column, the year from January', async () => {
    await open();
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-06', '--format', 'json')).json();
    const row = (a: string) => tb.rows.find((r: { account: string }) => r.account === a);
    // 10201 before March: 44,200 + 10,000 = 54,200; March–June +2,000 +600 −400 → 56,400; the year: debit 12,600, credit 400
    expect(row('10201')).toMatchObject({ opening: '54200.00', openingDebit: '54200.00', openingCredit: '0.00', debit: '2600.00', credit: '400.00', yearDebit: '12600.00', yearCredit: '400.00', closing: '56400.00', closingDebit: '56400.00', closingCredit: '0.00' });
    // 113 nets X001 600 and X002 −300 to a 300 debit; X001's repayment leaves −300, a credit
    expect(row('113')).toMatchObject({ opening: '300.00', openingDebit: '300.00', credit: '600.00', closing: '-300.00', closingDebit: '0.00', closingCredit: '300.00' });
    // 501: nothing from March to June, 10,000 in February: listed only because of its balance
    expect(row('501')).toMatchObject({ openingCredit: '10000.00', debit: '0.00', credit: '0.00', yearCredit: '10000.00', closingCredit: '10000.00' });
    // debits: 102 2,600 + 512 400 + 511 1,000; credits: 102 400 + 113 600 + 503 2,000 + 152 1,000
    expect(tb.totals).toEqual({ debit: '4000.00', credit: '4000.00' });
  });
});

describe('general ledger', () => {
  it('first-level accounts with 本月合计 and 本年累计', async () => {
    await open();
    const g = (await sb.ok('report', 'general-ledger', '--from', '2024-01', '--to', '2024-06', '--format', 'json')).json();
    const bank = g.accounts.find((a: { account: string }) => a.account === '102');
    expect(bank).toMatchObject({ name: '银行存款', opening: '44200.00', debit: '12600.00', credit: '400.00', closing: '56400.00' });
    expect(bank.months.map((m: { period: string; closing: string; yearDebit: string }) => `${m.period} ${m.closing} ${m.yearDebit}`)).toEqual([
      '2024-02 54200.00 10000.00',
      '2024-03 53800.00 10000.00',
      '2024-04 55800.00 12000.00',
      '2024-05 56400.00 12600.00',
    ]);
    // 501's 2023 income was closed out: it opens at 0
    expect(g.accounts.find((a: { account: string }) => a.account === '501')).toMatchObject({ opening: '0.00', closing: '-10000.00' });
  });
});

describe('voucher print', () => {
  it('slips with 大写 and the signers recorded; JSON for scripts', async () => {
    await open();
    const j = (await sb.ok('voucher', 'print', '2024-02/1', '2023-01/1', '--format', 'json')).json();
    expect(j.vouchers.map((v: { ref: string }) => v.ref)).toEqual(['2023-01/1', '2024-02/1']);
    expect(j.vouchers[0]).toMatchObject({ attachments: 3, total: '50000.00', totalInWords: '伍万元整', preparer: '李会计', reviewer: null, poster: 'tester' });
    expect(j.vouchers[1]).toMatchObject({ total: '10000.00', totalInWords: '壹万元整', reviewer: '王主任' });
    expect(j.vouchers[1].lines[0]).toEqual({ account: '10201', topName: '银行存款', detailName: '基本户', debit: '10000.00', credit: '0.00' });
    const html = (await sb.ok('voucher', 'print', '2024-02/1')).stdout;
    for (const s of ['记账凭证', '记字第 1 号', '附件 0 张', '2024 年 02 月 01 日', '银行存款', '基本户', '壹万元整', '会计主管：', '记账：tester', '审核：王主任', '出纳：', '制单：李会计'])
      expect(html).toContain(s);
    const month = (await sb.ok('voucher', 'print', '--from', '2023-01', '--to', '2023-12', '--format', 'json')).json();
    // seven entries and the year's two closing vouchers (income and expense → 321, 321 → 32202)
    expect(month.vouchers).toHaveLength(7 + 2);
  });
  it('neither refs nor months, or both: usage (exit 2); an unknown voucher: refused', async () => {
    await open();
    expect((await sb.run('voucher', 'print')).code).toBe(2);
    expect((await sb.run('voucher', 'print', '2024-02/1', '--from', '2024-02')).code).toBe(2);
    expectRefused(await sb.run('voucher', 'print', '2024-02/9'), 'VOUCHER_UNKNOWN');
  });
});

describe('财务公开', () => {
  it('items of the months, contract and asset changes, cash at both ends', async () => {
    await open();
    const d = (await sb.ok('report', 'disclosure', '--from', '2024-03', '--to', '2024-06', '--format', 'json')).json();
    expect(d.income).toEqual([{ account: '503', label: '补助收入', amount: '2000.00' }]);
    expect(d.spending).toEqual([
      { account: '511', label: '经营支出', amount: '1000.00' },
      { account: '512', label: '税金及附加', amount: '400.00' },
    ]);
    // cash before March 54,200; after June 56,400
    expect(d).toMatchObject({ totalIncome: '2000.00', totalSpending: '1400.00', cashOpening: '54200.00', cashClosing: '56400.00' });
    const html = (await sb.ok('report', 'disclosure', '--from', '2024-03', '--to', '2024-06', '--format', 'html')).stdout;
    expect(html).toContain('测试村股份经济合作社');
    expect(html).toContain('民主理财小组');
  });
});

describe('--format html on every report and list', () => {
  const PAGES: [string[], string][] = [
    [['report', 'trial-balance', '--from', '2024-01', '--to', '2024-06'], '科目余额表'],
    [['report', 'journal', '--from', '2024-01', '--to', '2024-06'], '序时账'],
    [['report', 'balance-sheet', '--as-of', '2024-06-30'], '资产负债表'],
    [['report', 'income', '--year', '2024'], '收益及收益分配表'],
    [['report', 'general-ledger', '--from', '2024-01', '--to', '2024-06'], '总账'],
    [['report', 'ledger', '--account', '113', '--from', '2024-01', '--to', '2024-06'], '明细账'],
    [['report', 'cash-book', '--from', '2024-01', '--to', '2024-06'], '现金日记账'],
    [['report', 'bank-book', '--from', '2024-01', '--to', '2024-06'], '银行存款日记账'],
    [['voucher', 'list', '--from', '2024-01', '--to', '2024-06'], '凭证列表'],
    [['account', 'list'], '会计科目表'],
    [['period', 'list'], ''],
    [['member', 'list'], ''],
  ];
  it('one self-contained A4 page with the collective, the title, page numbers and repeated headers', async () => {
    await open();
    for (const [args, title] of PAGES) {
      const html = (await sb.ok(...args, '--format', 'html')).stdout;
      const what = args.join(' ');
      expect(html, what).toMatch(/^<!DOCTYPE html>/);
      expect(html, what).toContain('测试村股份经济合作社');
      if (title) expect(html, what).toContain(title);
      expect(html, what).toMatch(/@page \{ size: A4 (portrait|landscape)/);
      expect(html, what).toContain('<thead>');
      // page numbers: in the margin, or printed by the book's own blocks
      expect(html, what).toMatch(/counter\(pages\)|第 1 页 共 \d+ 页/);
      // self-contained: no script, no outside resource
      expect(html, what).not.toMatch(/<script|<link|src=|url\(/i);
    }
  });
  it('--out FILE.html alone writes the page; --rows-per-page below 3 is a usage error', async () => {
    await open();
    await sb.ok('report', 'bank-book', '--from', '2024-01', '--to', '2024-06', '--out', 'bank.html', '--rows-per-page', '5');
    const r = await sb.run('report', 'bank-book', '--rows-per-page', '2', '--format', 'html');
    expect(r.code).toBe(2);
  });
});
