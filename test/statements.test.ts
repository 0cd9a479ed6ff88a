import { describe, expect, it } from 'vitest';
import { balanceSheet, closingEntries, trialBalance } from '../src/domain/statements.js';
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
