import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import type { DepreciableAsset } from '../src/domain/depreciation.js';
import {
  checkPayment,
  contractSchedule,
  defaultDepreciable,
  depreciationPlan,
  disposalLines,
  doubleLets,
  openingAccumulated,
  settledBy,
} from '../src/domain/registers.js';

function asset(over: Partial<DepreciableAsset> = {}): DepreciableAsset {
  return {
    code: 'A1',
    category: '房屋及建筑物',
    acquired: '2024-01-10',
    cost: 120_000, // 1,200.00; residual 0; 1 year → 10,000 a month
    residualRate: new Decimal(0),
    lifeYears: 1,
    method: '年限平均法',
    depreciable: true,
    disposedOn: null,
    ...over,
  };
}

const ACC = { fixed: '151', accumulated: '152', clearing: '154', cash: '102', gain: '504', loss: '515' };

describe('depreciationPlan', () => {
  it('months not yet posted, all assets of a month together; months before the books start are opening balance', () => {
    const plan = depreciationPlan(
      [
        { asset: asset(), posted: new Set(['2024-02']) },
        { asset: asset({ code: 'B1', acquired: '2024-02-01', cost: 24_000 }), posted: new Set() },
        { asset: asset({ code: 'L1', category: '土地' }), posted: new Set() },
      ],
      '2024-04',
      null,
    );
    expect(plan).toEqual([
      { period: '2024-03', charges: [{ code: 'A1', amount: 10_000 }, { code: 'B1', amount: 2_000 }] },
      { period: '2024-04', charges: [{ code: 'A1', amount: 10_000 }, { code: 'B1', amount: 2_000 }] },
    ]);
    // books starting 2024-04: Feb and March belong to the opening balance of 152
    expect(depreciationPlan([{ asset: asset(), posted: new Set() }], '2024-04', '2024-04')).toEqual([
      { period: '2024-04', charges: [{ code: 'A1', amount: 10_000 }] },
    ]);
    expect(openingAccumulated(asset(), '2024-04')).toBe(20_000);
  });

  it('a disposed asset is charged in the month it leaves and not after', () => {
    const plan = depreciationPlan([{ asset: asset({ disposedOn: '2024-03-15' }), posted: new Set() }], '2024-12', null);
    expect(plan.map((m) => m.period)).toEqual(['2024-02', '2024-03']);
  });

  it('idle non-buildings and land are not depreciated by default; idle buildings are', () => {
    expect(defaultDepreciable('机器设备', '闲置')).toBe(false);
    expect(defaultDepreciable('房屋及建筑物', '闲置')).toBe(true);
    expect(defaultDepreciable('土地', '在用')).toBe(false);
    expect(defaultDepreciable('机器设备', '出租')).toBe(true);
  });
});

describe('disposalLines', () => {
  it('balances: cost out of 151, accumulated out of 152, the net result to 504 or 515', () => {
    // cost 1,000.00, accumulated 300.00 → net 700.00; proceeds 650.00 → loss 50.00
    const loss = disposalLines({ cost: 100_000, accumulated: 30_000, proceeds: 65_000 }, ACC);
    expect(loss.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['154', 70_000, 0],
      ['152', 30_000, 0],
      ['151', 0, 100_000],
      ['102', 65_000, 0],
      ['154', 0, 65_000],
      ['515', 5_000, 0],
      ['154', 0, 5_000],
    ]);
    const sum = (side: 'debit' | 'credit') => loss.reduce((s, l) => s + l[side], 0);
    expect(sum('debit')).toBe(sum('credit'));
    // nothing received, fully depreciated to a zero net: only the transfer out
    const zero = disposalLines({ cost: 100_000, accumulated: 100_000, proceeds: 0 }, ACC);
    expect(zero.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['152', 100_000, 0],
      ['151', 0, 100_000],
    ]);
  });
});

describe('contracts', () => {
  const base = { code: 'HT', direction: '收' as const, start: '2024-01-01', end: '2026-12-31', area: new Decimal('10'), rentPerMu: null, annualRent: null };

  it('rent in kind: quantity × area × the year’s price, zero and unpriced until set', () => {
    const s = contractSchedule(base, { quantityPerMu: new Decimal(500), item: '稻谷', unit: '斤' }, new Map([[2025, new Decimal('1.35')]]));
    // 500 × 10 × 1.35 = 6,750.00
    expect(s.map((r) => [r.periodStart, r.amount, r.priced])).toEqual([
      ['2024-01-01', 0, false],
      ['2025-01-01', 675_000, true],
      ['2026-01-01', 0, false],
    ]);
  });

  it('payments after the end only while something is outstanding, and not beyond it', () => {
    const sched = [{ amount: 100_000 }, { amount: 100_000 }];
    const end = { end: '2025-12-31' };
    expect(checkPayment(end, sched, [], '2025-06-01', 500_000)).toBeNull(); // before the end: credit allowed
    expect(checkPayment(end, sched, [{ date: '2025-01-01', amount: 150_000 }], '2026-01-05', 50_000)).toBeNull();
    expect(checkPayment(end, sched, [{ date: '2025-01-01', amount: 150_000 }], '2026-01-05', 50_001)).toEqual({
      kind: 'exceedsOutstanding',
      end: '2025-12-31',
      outstanding: 50_000,
    });
    expect(checkPayment(end, sched, [{ date: '2025-01-01', amount: 200_000 }], '2026-01-05', 1)).toEqual({ kind: 'ended', end: '2025-12-31' });
  });

  it('what one payment settled, oldest first, and the credit it added', () => {
    const sched = [
      { year: 0, dueDate: '2024-01-01', amount: 1_000 },
      { year: 1, dueDate: '2025-01-01', amount: 1_000 },
    ];
    expect(settledBy(sched, [{ date: '2024-01-01', amount: 600 }], { date: '2025-02-01', amount: 2_000 })).toEqual({
      parts: [
        { year: 0, dueDate: '2024-01-01', amount: 400 },
        { year: 1, dueDate: '2025-01-01', amount: 1_000 },
      ],
      credit: 600,
      creditBefore: 0,
    });
  });

  it('double lets: same subject or same parcel code, same direction, overlapping days', () => {
    const c = (code: string, subject: string, start: string, end: string, parcel: string | null = null, direction: '收' | '付' = '收') => ({
      code,
      subject,
      direction,
      start,
      end,
      parcel,
    });
    expect(
      doubleLets([
        c('A', 'GD-1', '2020-01-01', '2024-12-31', 'P1'),
        c('B', 'GD-2', '2024-12-31', '2026-12-31', 'P1'),
        c('C', 'GD-1', '2025-01-01', '2030-12-31', 'P1'),
        c('D', 'GD-1', '2020-01-01', '2030-12-31', 'P1', '付'),
        c('E', 'GD-3', '2020-01-01', '2030-12-31'),
        c('F', 'GD-4', '2020-01-01', '2030-12-31'),
      ]),
    ).toEqual([
      { a: 'A', b: 'B', subject: 'GD-1/GD-2', parcel: 'P1', from: '2024-12-31', to: '2024-12-31' },
      { a: 'B', b: 'C', subject: 'GD-2/GD-1', parcel: 'P1', from: '2025-01-01', to: '2026-12-31' },
    ]);
  });
});
