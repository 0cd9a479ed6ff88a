import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import {
  chargesThrough,
  depreciationPlan,
  depreciationVouchers,
  lifeMonths,
  monthlyCharge,
  openingAccumulated,
  residualOf,
  schedule,
  type DepreciableAsset,
} from '../src/domain/depreciation.js';
import { chart, codes } from './registers-fakes.js';

function asset(over: Partial<DepreciableAsset> = {}): DepreciableAsset {
  return {
    code: 'A001',
    category: '房屋及建筑物',
    acquired: '2024-01-31',
    cost: 1_000_000, // 10,000.00 元
    residualRate: new Decimal('0.05'),
    lifeYears: 3,
    method: '年限平均法',
    depreciable: true,
    disposedOn: null,
    ...over,
  };
}

const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

describe('straight line', () => {
  it('residual and monthly charge', () => {
    // residual = round(1,000,000 × 0.05) = 50,000 fen
    expect(residualOf(asset())).toBe(50_000);
    // monthly = round(950,000 ÷ 36) = round(26,388.888…) = 26,389
    expect(monthlyCharge(asset())).toBe(26_389);
  });

  it('residual rounds half away from zero', () => {
    // 12,345 × 0.05 = 617.25 → 617; 10 × 0.05 = 0.5 → 1
    expect(residualOf(asset({ cost: 12_345 }))).toBe(617);
    expect(residualOf(asset({ cost: 10 }))).toBe(1);
  });

  it('the last month takes the rounding remainder; total exactly cost − residual', () => {
    const s = schedule(asset());
    expect(s).toHaveLength(36);
    // acquired 2024-01-31 → first charge in 2024-02; 36 months → last 2027-01
    expect(s[0]).toEqual({ period: '2024-02', amount: 26_389 });
    expect(s[34]).toEqual({ period: '2026-12', amount: 26_389 });
    // last = 950,000 − 26,389 × 35 = 950,000 − 923,615 = 26,385
    expect(s[35]).toEqual({ period: '2027-01', amount: 26_385 });
    expect(sum(s)).toBe(950_000);
  });

  it('starts the month after acquisition, across a year end', () => {
    const s = schedule(asset({ acquired: '2024-12-15' }));
    expect(s[0].period).toBe('2025-01');
    expect(s[35].period).toBe('2027-12');
  });

  it('a decimal life: months = round(lifeYears × 12), divisor the exact life', () => {
    // 2.5 years → 30 months; residual 4% of 100,000 = 4,000; monthly = 96,000 ÷ 30 = 3,200 exactly
    const a = asset({ cost: 100_000, residualRate: new Decimal('0.04'), lifeYears: 2.5 });
    expect(lifeMonths(a)).toBe(30);
    const s = schedule(a);
    expect(s).toHaveLength(30);
    expect(s.every((c) => c.amount === 3_200)).toBe(true);
    // 1.04 years → 12.48 months → 12; monthly = round(96,000 ÷ 12.48) = round(7,692.307…) = 7,692;
    // last = 96,000 − 7,692 × 11 = 96,000 − 84,612 = 11,388
    const b = asset({ cost: 100_000, residualRate: new Decimal('0.04'), lifeYears: 1.04 });
    expect(lifeMonths(b)).toBe(12);
    expect(monthlyCharge(b)).toBe(7_692);
    const sb = schedule(b);
    expect(sb).toHaveLength(12);
    expect(sb[11].amount).toBe(11_388);
    expect(sum(sb)).toBe(96_000);
  });

  it('clamps when the rounded monthly would overshoot: never more than cost − residual, never negative', () => {
    // cost 10 fen, no residual, 12 months: monthly = round(10 ÷ 12) = round(0.833) = 1;
    // 1 × 11 = 11 > 10, so months 1–10 charge 1 each and the asset is then fully depreciated (stops)
    const s = schedule(asset({ cost: 10, residualRate: new Decimal(0), lifeYears: 1, acquired: '2024-01-05' }));
    expect(s).toHaveLength(10);
    expect(s.every((c) => c.amount === 1)).toBe(true);
    expect(s[9].period).toBe('2024-11');
    expect(sum(s)).toBe(10);
  });

  it('a monthly that rounds to 0 leaves everything to the last month', () => {
    // cost 5 fen, 12 months: monthly = round(5 ÷ 12) = round(0.4167) = 0; last month = 5
    const s = schedule(asset({ cost: 5, residualRate: new Decimal(0), lifeYears: 1, acquired: '2024-01-05' }));
    expect(s).toEqual([{ period: '2025-01', amount: 5 }]);
  });
});

describe('nothing to depreciate', () => {
  it('land, by category 土地 or containing 土地', () => {
    expect(schedule(asset({ category: '土地' }))).toEqual([]);
    expect(schedule(asset({ category: '集体土地' }))).toEqual([]);
    expect(chargesThrough(asset({ category: '土地' }), [], '2030-12')).toEqual([]);
  });

  it('marked not depreciated, 工作量法, residual ≥ cost', () => {
    expect(schedule(asset({ depreciable: false }))).toEqual([]);
    expect(schedule(asset({ method: '工作量法' }))).toEqual([]);
    expect(schedule(asset({ residualRate: new Decimal(1) }))).toEqual([]);
  });
});

describe('chargesThrough', () => {
  it('charges up to and including through', () => {
    // acquired 2024-01-31 → 2024-02 … 2024-05 is 4 months
    const c = chargesThrough(asset(), [], '2024-05');
    expect(c.map((x) => x.period)).toEqual(['2024-02', '2024-03', '2024-04', '2024-05']);
    expect(chargesThrough(asset(), [], '2024-01')).toEqual([]);
  });

  it('skips periods already charged (Set or array), including a missed month before them', () => {
    const done = new Set(['2024-03', '2024-04']);
    expect(chargesThrough(asset(), done, '2024-06').map((x) => x.period)).toEqual(['2024-02', '2024-05', '2024-06']);
    expect(chargesThrough(asset(), ['2024-02', '2024-03'], '2024-05').map((x) => x.period)).toEqual([
      '2024-04',
      '2024-05',
    ]);
  });

  it('a disposed asset is charged in its disposal month and not after', () => {
    // acquired 2024-01-31, disposed 2024-06-20: charged 2024-02 … 2024-06 (5 months), nothing later
    const a = asset({ disposedOn: '2024-06-20' });
    const c = chargesThrough(a, [], '2024-12');
    expect(c.map((x) => x.period)).toEqual(['2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(sum(c)).toBe(5 * 26_389);
    // disposed in the month it was acquired: never charged
    expect(chargesThrough(asset({ disposedOn: '2024-01-31' }), [], '2024-12')).toEqual([]);
  });

  it('stops at the end of the life', () => {
    const c = chargesThrough(asset(), [], '2030-12');
    expect(c).toHaveLength(36);
    expect(sum(c)).toBe(950_000);
  });
});

// A small asset: cost 1,200.00, residual 0, 1 year → 10,000 fen a month from the month after acquisition.
function small(over: Partial<DepreciableAsset> = {}): DepreciableAsset {
  return asset({ code: 'A1', acquired: '2024-01-10', cost: 120_000, residualRate: new Decimal(0), lifeYears: 1, ...over });
}

describe('depreciationPlan', () => {
  it('months not yet posted, all assets of a month together; months before the books start are opening balance', () => {
    const plan = depreciationPlan(
      [
        { asset: small(), posted: new Set(['2024-02']) },
        { asset: small({ code: 'B1', acquired: '2024-02-01', cost: 24_000 }), posted: new Set() },
        { asset: small({ code: 'L1', category: '土地' }), posted: new Set() },
      ],
      '2024-04',
      null,
    );
    expect(plan).toEqual([
      { period: '2024-03', charges: [{ code: 'A1', amount: 10_000 }, { code: 'B1', amount: 2_000 }] },
      { period: '2024-04', charges: [{ code: 'A1', amount: 10_000 }, { code: 'B1', amount: 2_000 }] },
    ]);
    // books starting 2024-04: Feb and March belong to the opening balance of 152
    expect(depreciationPlan([{ asset: small(), posted: new Set() }], '2024-04', '2024-04')).toEqual([
      { period: '2024-04', charges: [{ code: 'A1', amount: 10_000 }] },
    ]);
    expect(openingAccumulated(small(), '2024-04')).toBe(20_000);
  });

  it('a disposed asset is charged in the month it leaves and not after', () => {
    const plan = depreciationPlan([{ asset: small({ disposedOn: '2024-03-15' }), posted: new Set() }], '2024-12', null);
    expect(plan.map((m) => m.period)).toEqual(['2024-02', '2024-03']);
  });
});

describe('depreciationVouchers', () => {
  const input = (over: Partial<DepreciableAsset>, expenseAccount: string, project: string | null = null) => ({
    asset: small(over),
    posted: new Set<string>(),
    expenseAccount,
    project,
  });
  const inputs = [
    input({}, '511', 'tq'),
    input({ code: 'B1', acquired: '2024-02-01', cost: 24_000 }, '513'),
    input({ code: 'C1', acquired: '2024-02-01', cost: 36_000 }, '511', 'tq'),
  ];

  it('one voucher a month on its last day: Dr each expense account per project, in account order / Cr 152', () => {
    const { vouchers, errors } = depreciationVouchers(inputs, '2024-03', chart());
    expect(errors).toEqual([]);
    expect(vouchers.map((v) => [v.period, v.draft.date, v.draft.summary, v.total])).toEqual([
      ['2024-02', '2024-02-29', '计提2024年2月固定资产折旧', 10_000],
      // March: A1 10,000 + C1 3,000 on 511/tq, B1 2,000 on 513 → 15,000
      ['2024-03', '2024-03-31', '计提2024年3月固定资产折旧', 15_000],
    ]);
    expect(vouchers[1].draft.lines).toEqual([
      { account: '511', debit: 13_000, credit: 0, project: 'tq' },
      { account: '513', debit: 2_000, credit: 0, project: null },
      { account: '152', debit: 0, credit: 15_000 },
    ]);
  });

  it('credits 152’s only leaf; refuses, with every month, when months that need depreciation are closed', () => {
    expect(depreciationVouchers(inputs, '2024-02', chart({ '15201': '房屋折旧' })).vouchers[0].draft.lines.at(-1)?.account).toBe('15201');
    const closed = { ...chart(), isClosed: (p: string) => p <= '2024-03' };
    const r = depreciationVouchers(inputs, '2024-04', closed);
    expect(r.vouchers).toEqual([]);
    expect(codes(r.errors)).toEqual(['DEPRECIATION_CLOSED_MONTH', 'DEPRECIATION_CLOSED_MONTH']);
    expect(r.errors[1].zh).toContain('2024年3月已结账，但当月折旧尚未计提（A1 100.00、B1 20.00、C1 30.00）');
    // nothing to post: nothing refused, 152 never looked up
    expect(depreciationVouchers([], '2024-04', closed)).toEqual({ vouchers: [], errors: [] });
  });
});
