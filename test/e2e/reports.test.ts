// The reports of a small hand-made ledger: every layout as a golden file (table and CSV), the
// figures checked by hand, and the refusals of a report's options.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { expectRefused, expectUsage, Sandbox } from '../harness.js';

// Three months of 测试村's books (amounts in yuan):
//   2024-01/1  01-02 收到短期借款   Dr 10201 20,000.00        Cr 201 20,000.00   (1 attachment, reviewed)
//   2024-01/2  01-05 提取备用金     Dr 101    2,000.00        Cr 10201 2,000.00
//   2024-01/3  01-20 购买办公用品   Dr 513      356.80        Cr 101     356.80  (2 attachments)
//   2024-02/1  02-10 收汤泉门票     Dr 10201 12,345.67        Cr 501 12,345.67 p=tq
//   2024-02/2  02-28 借给张三       Dr 113    1,000.00 m=X001 Cr 101   1,000.00
//   2024-03/1  03-15 付民宿电费     Dr 511      888.88 p=tq   Cr 10201   888.88
//   2024-03/2  03-20 误记办公费     Dr 513      100.00        Cr 101     100.00
//   2024-03/3  03-21 冲销 2024-03/2 Dr 513     -100.00        Cr 101    -100.00
//   2024-03/4  03-31 购置电脑       Dr 151    5,600.00        Cr 10201 5,600.00
// January is closed.
async function build(s: Sandbox): Promise<void> {
  await s.ok('init', '--name', '测试村股份经济合作社', '--start', '2024-01');
  await s.ok('account', 'add', '10201', '基本户');
  await s.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01');
  await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
  const v = (date: string, summary: string, debit: string, credit: string, ...more: string[]) =>
    s.ok('voucher', 'add', '--date', date, '--summary', summary, '--debit', debit, '--credit', credit, '--preparer', '李会计', ...more);
  await v('2024-01-02', '收到短期借款', '10201:20000', '201:20000', '--attachments', '1');
  await v('2024-01-05', '提取备用金', '101:2000', '10201:2000');
  await v('2024-01-20', '购买办公用品', '513:356.80', '101:356.80', '--attachments', '2');
  await v('2024-02-10', '收汤泉门票', '10201:12345.67', '501:12345.67:p=tq');
  await v('2024-02-28', '借给张三', '113:1000:m=X001', '101:1000');
  await v('2024-03-15', '付民宿电费', '511:888.88:p=tq', '10201:888.88');
  await v('2024-03-20', '误记办公费', '513:100', '101:100');
  await s.ok('voucher', 'reverse', '2024-03/2', '--date', '2024-03-21');
  await v('2024-03-31', '购置电脑', '151:5600', '10201:5600');
  await s.ok('voucher', 'review', '2024-01/1', '--by', '王主任');
  await s.ok('period', 'close', '2024-01');
}

let sb: Sandbox;
afterEach(() => sb?.cleanup());
const open = () => Sandbox.from('reports', build).then((s) => (sb = s));

const REPORTS: [string, string[]][] = [
  ['trial-balance', ['report', 'trial-balance', '--from', '2024-01', '--to', '2024-03']],
  ['ledger', ['report', 'ledger', '--account', '102', '--from', '2024-02', '--to', '2024-03']],
  ['cash-book', ['report', 'cash-book', '--from', '2024-01', '--to', '2024-03']],
  ['bank-book', ['report', 'bank-book', '--from', '2024-01', '--to', '2024-03']],
  ['journal', ['report', 'journal', '--from', '2024-01', '--to', '2024-03']],
  ['balance-sheet', ['report', 'balance-sheet', '--as-of', '2024-03-31']],
  ['income', ['report', 'income', '--year', '2024']],
];

const LISTS: [string, string[]][] = [
  ['voucher-list', ['voucher', 'list', '--from', '2024-01', '--to', '2024-03']],
  ['voucher-show', ['voucher', 'show', '2024-01/1']],
  ['voucher-show-reversal', ['voucher', 'show', '2024-03/3']],
  ['account-list', ['account', 'list']],
  ['period-list', ['period', 'list']],
];

describe('golden layouts', () => {
  for (const [name, args] of REPORTS) {
    it(`report ${name}: table and CSV`, async () => {
      await open();
      expectGolden(`reports/${name}.txt`, (await sb.ok(...args)).stdout);
      expectGolden(`reports/${name}.csv`, (await sb.ok(...args, '--format', 'csv')).stdout);
    });
  }
  for (const [name, args] of LISTS) {
    it(`${args.slice(0, 2).join(' ')} (${name}): table and CSV`, async () => {
      await open();
      expectGolden(`ledger/${name}.txt`, (await sb.ok(...args)).stdout);
      expectGolden(`ledger/${name}.csv`, (await sb.ok(...args, '--format', 'csv')).stdout);
    });
  }
  it('English headers and Dr/Cr under --lang en', async () => {
    await open();
    expectGolden('reports/trial-balance.en.txt', (await sb.ok('--lang', 'en', ...REPORTS[0][1])).stdout);
  });
});

describe('figures by hand', () => {
  it('trial balance: first-level totals, a sub-account rolled up, the reversal netted', async () => {
    await open();
    const tb = (await sb.ok(...REPORTS[0][1], '--format', 'json')).json();
    // Debits of first-level accounts: 101 2,000 + 102 32,345.67 + 113 1,000 + 151 5,600 + 511 888.88
    //   + 513 356.80 (356.80 + 100 − 100) = 42,191.35; credits: 101 1,356.80 + 102 8,488.88
    //   + 201 20,000 + 501 12,345.67 = 42,191.35.
    expect(tb.totals).toEqual({ debit: '42191.35', credit: '42191.35' });
    // Closing debit balances: 101 643.20 + 102 23,856.79 + 113 1,000 + 151 5,600 + 511 888.88
    //   + 513 356.80 = 32,345.67; closing credits: 201 20,000 + 501 12,345.67 = 32,345.67.
    expect(tb.columnTotals).toEqual({
      openingDebit: '0.00',
      openingCredit: '0.00',
      closingDebit: '32345.67',
      closingCredit: '32345.67',
      yearDebit: '42191.35',
      yearCredit: '42191.35',
    });
    const row = (a: string) => tb.rows.find((r: { account: string }) => r.account === a);
    // 10201: 20,000 + 12,345.67 − 2,000 − 888.88 − 5,600 = 23,856.79
    expect(row('10201')).toEqual({
      account: '10201',
      name: '基本户',
      level: 2,
      opening: '0.00',
      debit: '32345.67',
      credit: '8488.88',
      closing: '23856.79',
      openingDebit: '0.00',
      openingCredit: '0.00',
      closingDebit: '23856.79',
      closingCredit: '0.00',
      // January through March is the whole year so far
      yearDebit: '32345.67',
      yearCredit: '8488.88',
    });
    expect(row('102')).toMatchObject({ level: 1, closing: '23856.79' });
    // 101: 2,000 − 356.80 − 1,000 − 100 + 100 = 643.20
    expect(row('101')).toMatchObject({ debit: '2000.00', credit: '1356.80', closing: '643.20' });
    expect(row('201').closing).toBe('-20000.00');
  });

  it('a month range opens with the earlier months; the ledger runs its balance', async () => {
    await open();
    const l = (await sb.ok(...REPORTS[1][1], '--format', 'json')).json();
    // 102 before February: 20,000 − 2,000 = 18,000
    expect(l).toMatchObject({ account: '102', name: '银行存款', side: '借', from: '2024-02', to: '2024-03', opening: '18000.00' });
    // 18,000 + 12,345.67 = 30,345.67; − 888.88 = 29,456.79; − 5,600 = 23,856.79
    expect(l.lines.map((x: { balance: string }) => x.balance)).toEqual(['30345.67', '29456.79', '23856.79']);
    expect(l).toMatchObject({ debit: '12345.67', credit: '6488.88', closing: '23856.79', normalSideClosing: '23856.79' });
  });

  it("a book's lines carry their own account (a parent's sub-accounts) and, in JSON, their member and project", async () => {
    await open();
    const pick = (j: { lines: Record<string, unknown>[] }) => j.lines.map((x) => [x.account, x.debit, x.credit, x.member, x.project]);
    const json = async (code: string) => (await sb.ok('report', 'ledger', '--account', code, '--from', '2024-01', '--to', '2024-03', '--format', 'json')).json();
    expect(pick(await json('113'))).toEqual([['113', '1000.00', '0.00', 'X001', null]]);
    expect(pick(await json('511'))).toEqual([['511', '888.88', '0.00', null, 'tq']]);
    expect(pick(await json('102')).slice(-3)).toEqual([
      ['10201', '12345.67', '0.00', null, null],
      ['10201', '0.00', '888.88', null, null],
      ['10201', '0.00', '5600.00', null, null],
    ]);
    const csv = (await sb.ok('report', 'ledger', '--account', '102', '--from', '2024-02', '--to', '2024-03', '--format', 'csv')).stdout.split('\r\n');
    expect(csv[2]).toBe('2024-02-10,记-1,收汤泉门票,10201,12345.67,,借,30345.67');
  });

  it('statements: the balance sheet balances and the income statement agrees with it', async () => {
    await open();
    const get = (doc: { lines: { label: string; amount: string }[] }, label: string) => doc.lines.find((x) => x.label === label)?.amount;
    const bs = (await sb.ok(...REPORTS[5][1], '--format', 'json')).json();
    expect(bs.asOf).toBe('2024-03-31');
    expect(get(bs, '货币资金')).toBe('24499.99'); // 643.20 + 23,856.79
    expect(get(bs, '资产总计')).toBe('31099.99'); // 24,499.99 + 1,000 (113 X001) + 5,600
    expect(get(bs, '负债和所有者权益总计')).toBe('31099.99'); // 20,000 + 11,099.99
    const inc = (await sb.ok(...REPORTS[6][1], '--format', 'json')).json();
    expect(inc.year).toBe(2024);
    // 12,345.67 − 888.88 − 356.80 = 11,099.99, the balance sheet's 未分配收益
    expect(get(inc, '经营收益')).toBe('11099.99');
    expect(get(inc, '年末未分配收益')).toBe(get(bs, '未分配收益'));
  });

  it('journal JSON: each voucher with its lines, red ink negative', async () => {
    await open();
    const j = (await sb.ok(...REPORTS[4][1], '--format', 'json')).json();
    expect(j.from).toBe('2024-01');
    expect(j.vouchers).toHaveLength(9);
    expect(j.vouchers[3]).toEqual({
      date: '2024-02-10',
      number: 1,
      summary: '收汤泉门票',
      lines: [
        { account: '10201', debit: '12345.67', credit: '0.00', member: null, project: null },
        { account: '501', debit: '0.00', credit: '12345.67', member: null, project: 'tq' },
      ],
    });
    expect(j.vouchers[7].lines[0]).toMatchObject({ account: '513', debit: '-100.00' });
  });

  it('the journal CSV imports into another ledger with the same accounts and gives the same balances', async () => {
    await open();
    await sb.ok(...REPORTS[4][1], '--out', 'journal.csv');
    const other = new Sandbox('reimport');
    try {
      await other.ok('init', '--name', '另一个村', '--start', '2024-01');
      await other.ok('account', 'add', '10201', '基本户');
      await other.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01');
      await other.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
      await other.ok('import', 'vouchers', path.join(sb.dir, 'journal.csv'));
      const a = (await sb.ok(...REPORTS[0][1], '--format', 'json')).json();
      const b = (await other.ok(...REPORTS[0][1], '--format', 'json')).json();
      expect(b).toEqual(a);
      const list = (await other.ok('voucher', 'list', '--format', 'json')).json();
      expect(list.vouchers.map((v: { ref: string; attachments: number }) => `${v.ref}:${v.attachments}`)).toEqual([
        '2024-01/1:1',
        '2024-01/2:0',
        '2024-01/3:2',
        '2024-02/1:0',
        '2024-02/2:0',
        '2024-03/1:0',
        '2024-03/2:0',
        '2024-03/3:0',
        '2024-03/4:0',
      ]);
    } finally {
      other.cleanup();
    }
  });
});

describe('a journal with the red-ink vouchers of a cancellation', () => {
  it('imports into another ledger and gives the same balances', async () => {
    // A contribution of 2,000.00 cancelled: its reversal is 撤销出资第1号…：冲销 3月 记字第1号, every
    // line negative (Dr 102 −2,000.00, Cr 301 −2,000.00); the journal carries it as it is.
    const a = new Sandbox('redink-a');
    const b = new Sandbox('redink-b');
    try {
      for (const s of [a, b]) {
        await s.ok('init', '--name', '测试村', '--start', '2024-01');
        await s.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01', '--joined', '2020-01-01');
        await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
      }
      await a.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-03-02', '--cash', '2000');
      await a.ok('contribution', 'cancel', '1', '--reason', '重复登记');
      await a.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '门票', '--debit', '102:300', '--credit', '501:300');
      await a.ok('report', 'journal', '--from', '2024-01', '--to', '2024-12', '--out', 'journal.csv');
      const csv = fs.readFileSync(path.join(a.dir, 'journal.csv'), 'utf8');
      expect(csv).toContain(',102,银行存款,-2000.00,');
      const r = await b.ok('import', 'vouchers', path.join(a.dir, 'journal.csv'));
      expect(r.stdout).toContain('已导入凭证 3 张');
      const tb = (s: Sandbox) => s.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-12', '--format', 'json').then((x) => x.json());
      const [ta, tb2] = [await tb(a), await tb(b)];
      expect(tb2).toEqual(ta);
      // 102: +2,000.00 − 2,000.00 + 300.00 = 300.00.
      expect(ta.rows.find((x: { account: string }) => x.account === '102').closing).toBe('300.00');
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });
});

describe('refusals', () => {
  it('a range that runs backwards is bad command-line usage (exit 2)', async () => {
    await open();
    const r = await sb.run('report', 'trial-balance', '--from', '2024-03', '--to', '2024-01');
    expectUsage(r, 'RANGE');
    expect(r.stderr).toContain('--from 2024-03 晚于截止月份 --to 2024-01');
    expectUsage(await sb.run('report', 'journal', '--from', '2025-01', '--to', '2024-12'), 'RANGE');
  });
  it('a ledger of an account that does not exist', async () => {
    await open();
    const r = await sb.run('report', 'ledger', '--account', '599');
    expectRefused(r, 'ACCOUNT_UNKNOWN');
    expect(r.stderr).toContain('科目「599」不存在');
    expect(r.stdout).toBe('');
  });
  it('--from alone covers that month; --to alone runs from January', async () => {
    await open();
    expect((await sb.ok('report', 'trial-balance', '--from', '2024-02', '--format', 'json')).json()).toMatchObject({ from: '2024-02', to: '2024-02' });
    expect((await sb.ok('report', 'trial-balance', '--to', '2024-03', '--format', 'json')).json()).toMatchObject({ from: '2024-01', to: '2024-03' });
    // The harness's clock is 2026-01-15: no option means January 2026.
    expect((await sb.ok('report', 'journal', '--format', 'json')).json()).toEqual({ from: '2026-01', to: '2026-01', vouchers: [] });
  });
});
