import { describe, expect, it } from 'vitest';
import { accountBook, balanceSheet, closingEntries, incomeStatement, journalTotals, reportRange, trialBalance } from '../src/domain/statements.js';
import { CHART_2023 } from '../src/domain/accounts.js';

const chart = [...CHART_2023, { code: '10201', name: '基本户', level: 2, parent: '102', side: '借' as const, class: '资产类' as const }];

describe('trial balance', () => {
  it('rolls sub-accounts up into parents and totals first-level rows only', () => {
    const tb = trialBalance(
      chart,
      new Map([['10201', 50000]]),
      new Map([
        ['10201', { debit: 20000, credit: 5000 }],
        ['101', { debit: 5000, credit: 0 }],
        ['501', { debit: 0, credit: 20000 }],
      ]),
    );
    expect(tb.rows.map((r) => r.account)).toEqual(['101', '102', '10201', '501']);
    expect(tb.rows.find((r) => r.account === '102')).toMatchObject({ opening: 50000, debit: 20000, credit: 5000, closing: 65000 });
    // Totals over first-level accounts only: 5000 + 20000 debit, 5000 + 20000 credit.
    expect(tb.totals).toMatchObject({ debit: 25000, credit: 25000 });
  });
});

describe('balance sheet', () => {
  it('nets 113 per member: debit balances are receivables, credit balances payables', () => {
    const net = new Map([
      ['101', 1000],
      ['113', 300], // member A owes 500, the collective owes member B 200
      ['301', -1300],
    ]);
    const lines = balanceSheet(net, new Map([['A', 500], ['B', -200]]));
    const get = (l: string) => lines.find((x) => x.label === l)!.amount;
    expect(get('应收款项')).toBe(500);
    expect(get('应付款项')).toBe(200);
    expect(get('资产总计')).toBe(1500);
    expect(get('负债和所有者权益总计')).toBe(1500);
  });
});

describe('closing entries', () => {
  it('empties income and expense into 321, 321 into 32202, 各项分配 into 32202', () => {
    const e = closingEntries(
      new Map([
        ['501', -100000],
        ['511', 30000],
        ['3220101', 7000],
        ['3220102', 50000],
      ]),
    );
    expect(e.profitToCurrent).toEqual([
      { account: '501', debit: 100000, credit: 0 },
      { account: '511', debit: 0, credit: 30000 },
      { account: '321', debit: 0, credit: 70000 },
    ]);
    expect(e.currentToUndistributed).toEqual([
      { account: '321', debit: 70000, credit: 0 },
      { account: '32202', debit: 0, credit: 70000 },
    ]);
    expect(e.itemsToUndistributed).toEqual([
      { account: '3220101', debit: 0, credit: 7000 },
      { account: '3220102', debit: 0, credit: 50000 },
      { account: '32202', debit: 57000, credit: 0 },
    ]);
  });
  it('a loss goes the other way', () => {
    const e = closingEntries(new Map([['511', 4000]]));
    expect(e.currentToUndistributed).toEqual([
      { account: '321', debit: 0, credit: 4000 },
      { account: '32202', debit: 4000, credit: 0 },
    ]);
  });
});

describe('report range', () => {
  it('defaults: --to alone runs from January, --from alone is one month, neither is the current month', () => {
    // The current month is asked for only when neither month is given.
    const never = (): string => {
      throw new Error('the clock was read');
    };
    expect(reportRange(undefined, '2024-05', never)).toEqual({ from: '2024-01', to: '2024-05', errors: [] });
    expect(reportRange('2024-03', undefined, never)).toEqual({ from: '2024-03', to: '2024-03', errors: [] });
    expect(reportRange(undefined, undefined, () => '2026-01')).toEqual({ from: '2026-01', to: '2026-01', errors: [] });
  });
  it('a range that runs backwards is refused', () => {
    expect(reportRange('2024-04', '2024-03', () => '2026-01').errors.map((e) => e.code)).toEqual(['RANGE']);
    // One month, from = to, is a range.
    expect(reportRange('2024-12', '2024-12', () => '2026-01').errors).toEqual([]);
  });
});

describe('account book (明细账)', () => {
  const line = (date: string, number: number, account: string, debit: number, credit: number) => ({
    date,
    period: date.slice(0, 7),
    number,
    summary: 's',
    account,
    debit,
    credit,
    member: null,
    project: null,
  });
  it('opens with every leaf under the account, then runs the balance line by line', () => {
    const book = accountBook(
      { code: '102', name: '银行存款', side: '借' },
      '2024-02',
      '2024-02',
      // 10201 50,000 + 10202 −3,000; 101 is not under 102
      new Map([
        ['10201', 5000000],
        ['10202', -300000],
        ['101', 99900],
      ]),
      [line('2024-02-01', 1, '10201', 100000, 0), line('2024-02-09', 2, '10202', 0, 250000)],
    );
    expect(book.opening).toBe(4700000); // 5,000,000 − 300,000 fen
    expect(book.lines.map((l) => l.balance)).toEqual([4800000, 4550000]); // + 100,000; − 250,000
    expect(book).toMatchObject({ debit: 100000, credit: 250000, closing: 4550000 });
  });
  it('an account with no lines keeps its opening as closing', () => {
    const book = accountBook({ code: '101', name: '库存现金', side: '借' }, '2024-01', '2024-12', new Map([['101', 1234]]), []);
    expect(book).toMatchObject({ opening: 1234, debit: 0, credit: 0, closing: 1234, lines: [] });
  });
});

describe('journal totals', () => {
  it('adds every line, red ink included', () => {
    const v = (lines: [number, number][]) => ({
      id: 1,
      date: '2024-01-01',
      period: '2024-01',
      number: 1,
      summary: 's',
      kind: 'manual',
      attachments: 0,
      lines: lines.map(([debit, credit]) => ({ account: '101', name: '', debit, credit, member: null, project: null })),
    });
    // 120 + (−120) + 500 = 500 each side
    expect(journalTotals([v([[12000, 0], [0, 12000]]), v([[-12000, 0], [0, -12000]]), v([[50000, 0], [0, 50000]])])).toEqual({ debit: 50000, credit: 50000 });
  });
});

describe('income statement', () => {
  it('本年收益 and 可分配收益 from the year and the opening 未分配收益', () => {
    const lines = incomeStatement(
      new Map([
        ['501', { debit: 0, credit: 1000000 }], // 经营收入 10,000
        ['511', { debit: 300000, credit: 0 }], // 经营支出 3,000
        ['503', { debit: 0, credit: 50000 }], // 补助收入 500
        ['3220102', { debit: 200000, credit: 0 }], // 向成员分配 2,000
      ]),
      new Map([['32202', -100000]]), // 年初未分配收益 1,000 (a credit)
    );
    const get = (l: string) => lines.find((x) => x.label === l)!.amount;
    expect(get('经营收益')).toBe(700000); // 10,000 − 3,000
    expect(get('本年收益')).toBe(750000); // + 500
    expect(get('可分配收益')).toBe(850000); // + 1,000
    expect(get('年末未分配收益')).toBe(650000); // − 2,000
  });
});
