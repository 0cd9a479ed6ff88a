import { describe, it, expect } from 'vitest';
import { Decimal, formatFen } from '../src/domain/money.js';
import { dayNumber, daysInYear, makeDate } from '../src/domain/dates.js';
import type { ShareMovement } from '../src/domain/shares.js';
import {
  checkDistribution,
  planDistribution,
  planToJson,
  timeWeights,
  type DistributionOptions,
  type DistributionPlan,
  type Shareholder,
} from '../src/domain/distribution.js';

const d = (s: string | number) => new Decimal(s);

function opts(over: Partial<DistributionOptions> & { year: number; profit: number }): DistributionOptions {
  return {
    reserveRate: d(0),
    payoutRate: d(1),
    basis: 'record-date',
    recordDate: makeDate(over.year, 12, 31),
    withholdRate: d(0),
    ...over,
  };
}

function holders(...ids: string[]): Shareholder[] {
  return ids.map((member) => ({ member, name: `名${member}`, household: null }));
}

const mv = (member: string, date: string, units: number, shareClass = '募集股'): ShareMovement => ({ member, date, units, shareClass });

/** member → formatted gross */
function grossOf(plan: DistributionPlan): Record<string, string> {
  return Object.fromEntries(plan.allocations.map((a) => [a.member, formatFen(a.gross)]));
}

describe('holdings on the record date / timeWeights', () => {
  it('counts the movements dated on or before the record date, every share class together', () => {
    // A: 1 share, gives 0.25 to B on 06-30, gets 0.0005 of another class on 07-01.
    const m = [mv('A', '2023-01-01', 10000), mv('A', '2023-06-30', -2500), mv('A', '2023-07-01', 5, '人口股'), mv('B', '2023-06-30', 2500)];
    const shares = (recordDate: string) =>
      planDistribution(holders('A', 'B'), m, opts({ year: 2023, profit: 100, recordDate })).allocations.map((a) => [a.member, a.shares]);
    expect(shares('2023-06-29')).toEqual([['A', 10000]]);
    expect(shares('2023-06-30')).toEqual([['A', 7500], ['B', 2500]]);
    expect(shares('2023-12-31')).toEqual([['A', 7505], ['B', 2500]]);
  });

  it('counts a full year for shares held before the year, and ignores later movements', () => {
    const w = timeWeights([mv('A', '2010-03-03', 30000), mv('A', '2024-01-01', 99999)], 2023);
    expect(w.get('A')!.toFixed()).toBe('3');
  });

  it('counts the arrival day through 12-31 (2023-12-31 = 1 day of 365)', () => {
    // 1 share × 1 day ÷ 365 = 0.0027397260273972602739726027397260273973 (40 digits)
    const w = timeWeights([mv('A', '2023-12-31', 10000)], 2023);
    expect(w.get('A')!.toDecimalPlaces(6).toFixed()).toBe('0.00274');
    expect(w.get('A')!.mul(365).toDecimalPlaces(30).toFixed()).toBe('1');
  });
});

describe('planDistribution: record date', () => {
  it('3 members, reserve 10%, payout 60%, largest remainder', () => {
    // profit 18519.00 = 1851900 fen
    // reserve = round(1851900 × 0.1) = 185190 (1851.90)
    // pool = round((1851900 − 185190) × 0.6) = round(1666710 × 0.6) = round(1000026) = 1000026 (10000.26)
    // weights A 1, B 2, C 4 (total 7):
    //   A = 1000026 × 1/7 = 142860.857…  floor 142860, rem .857
    //   B = 1000026 × 2/7 = 285721.714…  floor 285721, rem .714
    //   C = 1000026 × 4/7 = 571443.428…  floor 571443, rem .428
    //   floors sum 1000024, 2 fen left → A (.857) and B (.714)
    //   → A 1428.61, B 2857.22, C 5714.43; Σ = 10000.26
    // perShare = 10000.26 ÷ 7 = 1428.6085714… → 1428.608571
    const movements = [
      mv('C', '2020-01-01', 50000),
      mv('A', '2020-01-01', 10000),
      mv('B', '2020-01-01', 10000),
      mv('C', '2023-09-01', -10000), // C transfers 1 share to B before the record date
      mv('B', '2023-09-01', 10000),
      mv('A', '2024-01-02', 90000), // after the record date: not counted
    ];
    const plan = planDistribution(holders('C', 'B', 'A'), movements, opts({
      year: 2023,
      profit: 1851900,
      reserveRate: d('0.1'),
      payoutRate: d('0.6'),
    }));
    expect(plan.emptyReason).toBeNull();
    expect(plan.lossCovered).toBe(0);
    expect(formatFen(plan.reserve)).toBe('1851.90');
    expect(formatFen(plan.pool)).toBe('10000.26');
    expect(plan.allocations.map((a) => a.member)).toEqual(['A', 'B', 'C']);
    expect(grossOf(plan)).toEqual({ A: '1428.61', B: '2857.22', C: '5714.43' });
    expect(plan.allocations.map((a) => a.shares)).toEqual([10000, 20000, 40000]);
    expect(plan.totalWeight.toFixed()).toBe('7');
    expect(plan.perShare.toFixed(6)).toBe('1428.608571');
    expect(plan.totals.gross).toBe(plan.pool);
    expect(planToJson(plan, 'main')).toEqual({
      project: 'main',
      year: 2023,
      profit: '18519.00',
      lossCovered: '0.00',
      reserve: '1851.90',
      pool: '10000.26',
      totalWeight: '7',
      perShare: '1428.608571',
      basis: 'record-date',
      allocations: [
        { member: 'A', name: '名A', shares: '1', weight: '1', gross: '1428.61', tax: '0.00', offset: '0.00', net: '1428.61' },
        { member: 'B', name: '名B', shares: '2', weight: '2', gross: '2857.22', tax: '0.00', offset: '0.00', net: '2857.22' },
        { member: 'C', name: '名C', shares: '4', weight: '4', gross: '5714.43', tax: '0.00', offset: '0.00', net: '5714.43' },
      ],
      totals: { gross: '10000.26', tax: '0.00', offset: '0.00', net: '10000.26' },
    });
  });

  it('pool 100.00 split 1:1:1 → the extra fen to the smallest id (plain string order)', () => {
    // profit 185.19 = 18519 fen; reserve = round(1851.9) = 1852; pool = round(16667 × 0.6 = 10000.2) = 10000
    // 10000 ÷ 3 = 3333.33… each; floors 9999; 1 fen left, all remainders equal → smallest id.
    // Plain string compare: 'M10' < 'M2' < 'M9' (so M10 gets it, not M2).
    const movements = [mv('M9', '2023-01-01', 15000), mv('M2', '2023-01-01', 15000), mv('M10', '2023-01-01', 15000)];
    const plan = planDistribution(holders('M2', 'M9', 'M10'), movements, opts({
      year: 2023,
      profit: 18519,
      reserveRate: d('0.1'),
      payoutRate: d('0.6'),
    }));
    expect(formatFen(plan.reserve)).toBe('18.52');
    expect(formatFen(plan.pool)).toBe('100.00');
    expect(plan.allocations.map((a) => a.member)).toEqual(['M10', 'M2', 'M9']);
    expect(grossOf(plan)).toEqual({ M10: '33.34', M2: '33.33', M9: '33.33' });
    // perShare = 100 ÷ 4.5 = 22.2222…
    expect(plan.perShare.toFixed(6)).toBe('22.222222');
    expect(planToJson(plan, 'p').allocations[0].shares).toBe('1.5');
  });

  it('tie between several: 2 fen left among 4 equal weights go to the two smallest ids', () => {
    // pool 100.02 = 10002 fen ÷ 4 = 2500.5 each; floors 10000; 2 left → a, b
    const movements = ['d', 'c', 'b', 'a'].map((m) => mv(m, '2023-05-05', 12345));
    const plan = planDistribution(holders('a', 'b', 'c', 'd'), movements, opts({ year: 2023, profit: 10002 }));
    expect(grossOf(plan)).toEqual({ a: '25.01', b: '25.01', c: '25.00', d: '25.00' });
    expect(planToJson(plan, 'p').allocations[0]).toMatchObject({ shares: '1.2345', weight: '1.2345' });
  });

  it('the record date decides the holdings', () => {
    // A held 1 share all along; B's 1 share arrived 2023-07-01. Record date 2023-06-30: only A.
    const movements = [mv('A', '2022-01-01', 10000), mv('B', '2023-07-01', 10000)];
    const plan = planDistribution(holders('A', 'B'), movements, opts({ year: 2023, profit: 500, recordDate: '2023-06-30' }));
    expect(plan.allocations.map((a) => [a.member, a.gross])).toEqual([['A', 500]]);
  });

  it('rounds the reserve half away from zero', () => {
    // 12345 × 0.1 = 1234.5 → 1235; pool = round(11110 × 0.6) = 6666
    const plan = planDistribution(holders('A'), [mv('A', '2023-01-01', 10000)], opts({
      year: 2023,
      profit: 12345,
      reserveRate: d('0.1'),
      payoutRate: d('0.6'),
    }));
    expect(plan.reserve).toBe(1235);
    expect(plan.pool).toBe(6666);
  });
});

describe('planDistribution: time-weighted', () => {
  it('common year 2023 (365 days), mid-year transfer and grant', () => {
    // A: 10 shares since 2020 → 100000 units × 365 days = 36,500,000
    // A → B 4 shares on 2023-07-01: 07-01..12-31 = 31+31+30+31+30+31 = 184 days
    //   A −40000 × 184 = −7,360,000 → A = 29,140,000 unit-days
    //   B +40000 × 184 = 7,360,000
    // C: 5 shares granted 2023-03-15: day 74 of 365 (31+28+15) → 365 − 74 + 1 = 292 days
    //   50000 × 292 = 14,600,000
    // C's grant 2024-01-05 is after the year: ignored.
    // weights = unit-days ÷ 365 ÷ 10000 = ÷ 3,650,000:
    //   A 7.983561643…, B 2.016438356…, C 4; total 14
    // pool 14000.00 = 1400000 fen: gross = 100000 × weight
    //   A 798356.164 (rem .164), B 201643.836 (rem .836), C 400000
    //   floors 1399999, 1 left → B → A 7983.56, B 2016.44, C 4000.00
    // perShare = 14000 ÷ 14 = 1000.000000
    const movements = [
      mv('A', '2020-05-01', 100000),
      mv('A', '2023-07-01', -40000),
      mv('B', '2023-07-01', 40000),
      mv('C', '2023-03-15', 50000),
      mv('C', '2024-01-05', 50000),
    ];
    const plan = planDistribution(holders('A', 'B', 'C'), movements, opts({ year: 2023, profit: 1400000, basis: 'time-weighted' }));
    const json = planToJson(plan, 'p');
    expect(json.basis).toBe('time-weighted');
    expect(json.totalWeight).toBe('14');
    expect(json.perShare).toBe('1000.000000');
    expect(json.allocations.map((a) => [a.member, a.shares, a.weight, a.gross])).toEqual([
      ['A', '6', '7.983562', '7983.56'],
      ['B', '4', '2.016438', '2016.44'],
      ['C', '5', '4', '4000.00'],
    ]);
    expect(plan.totals.gross).toBe(1400000);
  });

  it('leap year 2024 (366 days), including a grant on 02-29', () => {
    // A: 10 shares since 2019 → 100000 × 366 = 36,600,000
    // A → B 4 shares on 2024-07-01: day 183 (31+29+31+30+31+30+1) → 366 − 183 + 1 = 184 days
    //   A −7,360,000 → 29,240,000; B 7,360,000
    // C: 5 shares on 2024-03-01: day 61 → 306 days → 15,300,000
    // D: 1 share on 2024-02-29: day 60 → 307 days → 3,070,000
    // Σ unit-days = 54,970,000; weights ÷ 3,660,000:
    //   A 7.989071…, B 2.010929…, C 4.180328…, D 0.838798…; total 15.019126…
    // pool 1000.00 = 100000 fen: gross = unit-days ÷ 549.7
    //   A 53192.651 (.651), B 13389.121 (.121), C 27833.364 (.364), D 5584.864 (.864)
    //   floors 99998; 2 left → D (.864), A (.651)
    //   → A 531.93, B 133.89, C 278.33, D 55.85
    // perShare = 1000 × 3,660,000 ÷ 54,970,000 = 66.5817718…→ 66.581772
    const movements = [
      mv('A', '2019-05-01', 100000),
      mv('A', '2024-07-01', -40000),
      mv('B', '2024-07-01', 40000),
      mv('C', '2024-03-01', 50000),
      mv('D', '2024-02-29', 10000),
    ];
    const plan = planDistribution(holders('A', 'B', 'C', 'D'), movements, opts({ year: 2024, profit: 100000, basis: 'time-weighted' }));
    const json = planToJson(plan, 'p');
    expect(json.totalWeight).toBe('15.019126');
    expect(json.perShare).toBe('66.581772');
    expect(json.allocations.map((a) => [a.member, a.weight, a.gross])).toEqual([
      ['A', '7.989071', '531.93'],
      ['B', '2.010929', '133.89'],
      ['C', '4.180328', '278.33'],
      ['D', '0.838798', '55.85'],
    ]);
    expect(plan.totals.gross).toBe(100000);
  });

  it('a member who left during the year is paid for the days held', () => {
    // A: 1 share from 2023-01-01, gives it to B on 2023-07-02 (day 183 → 183 days left).
    // A = 365 − 183 = 182 days, B = 183 days; pool 365 fen → A 182, B 183
    const movements = [mv('A', '2023-01-01', 10000), mv('A', '2023-07-02', -10000), mv('B', '2023-07-02', 10000)];
    const plan = planDistribution(holders('A', 'B'), movements, opts({ year: 2023, profit: 365, basis: 'time-weighted' }));
    expect(plan.allocations.map((a) => [a.member, a.shares, a.gross])).toEqual([
      ['A', 0, 182],
      ['B', 10000, 183],
    ]);
  });
});

describe('planDistribution: tax and debts', () => {
  it('withholds 20% and offsets debts up to what is left', () => {
    // pool 3000.08 = 300008 fen, 3 equal weights: 100002.67 each; floors 300006; 2 left → m1, m2
    //   gross m1 100003, m2 100003, m3 100002
    // tax = round(gross × 0.2): 20000.6 → 20001, 20000.6 → 20001, 20000.4 → 20000
    // gross − tax: 80002 each
    // m1 owes 9000.00 → offset min(900000, 80002) = 80002, net 0
    // m2 owes 100.00 → offset 10000, net 70002
    // m3 has a credit balance (−50.00) → offset 0, net 80002
    // totals: gross 300008, tax 60002, offset 90002, net 150004
    const movements = ['m1', 'm2', 'm3'].map((m) => mv(m, '2023-01-01', 10000));
    const plan = planDistribution(holders('m1', 'm2', 'm3'), movements, opts({
      year: 2023,
      profit: 300008,
      withholdRate: d('0.2'),
      debts: new Map([['m1', 900000], ['m2', 10000], ['m3', -5000]]),
    }));
    const json = planToJson(plan, 'p');
    expect(json.allocations.map((a) => [a.member, a.gross, a.tax, a.offset, a.net])).toEqual([
      ['m1', '1000.03', '200.01', '800.02', '0.00'],
      ['m2', '1000.03', '200.01', '100.00', '700.02'],
      ['m3', '1000.02', '200.00', '0.00', '800.02'],
    ]);
    expect(json.totals).toEqual({ gross: '3000.08', tax: '600.02', offset: '900.02', net: '1500.04' });
  });
});

describe('planDistribution: household cap', () => {
  it('scales households above the cap; members without a household are their own', () => {
    // cap 10 shares = 100000 units
    // H1: m1 8 + m2 4 = 12 > 10 → × 10/12: m1 6.6667, m2 3.3333
    // H2: m3 10 = cap → unchanged
    // m4 (no household) 15 → scaled to 10; m5 (no household) 3 → unchanged (not pooled with m4)
    // total weight 10 + 10 + 10 + 3 = 33; pool 3300.00 = 330000 fen → 10000 fen per share
    //   m1 66666.67 (.667), m2 33333.33 (.333), m3 100000, m4 100000, m5 30000
    //   floors 329999, 1 left → m1 → m1 666.67, m2 333.33
    const hs: Shareholder[] = [
      { member: 'm1', name: '甲', household: 'H1' },
      { member: 'm2', name: '乙', household: 'H1' },
      { member: 'm3', name: '丙', household: 'H2' },
      { member: 'm4', name: '丁', household: null },
      { member: 'm5', name: '戊', household: null },
    ];
    const movements = [
      mv('m1', '2023-01-01', 80000),
      mv('m2', '2023-01-01', 40000),
      mv('m3', '2023-01-01', 100000),
      mv('m4', '2023-01-01', 150000),
      mv('m5', '2023-01-01', 30000),
    ];
    const plan = planDistribution(hs, movements, opts({ year: 2023, profit: 330000, capPerHousehold: 100000 }));
    const json = planToJson(plan, 'p');
    expect(json.totalWeight).toBe('33');
    expect(json.perShare).toBe('100.000000');
    expect(json.allocations.map((a) => [a.member, a.shares, a.weight, a.gross])).toEqual([
      ['m1', '8', '6.666667', '666.67'],
      ['m2', '4', '3.333333', '333.33'],
      ['m3', '10', '10', '1000.00'],
      ['m4', '15', '10', '1000.00'],
      ['m5', '3', '3', '300.00'],
    ]);
    expect(plan.allocations[0].household).toBe('H1');
    expect(plan.totals.gross).toBe(330000);
  });
});

describe('planDistribution: empty plans and losses', () => {
  const movements = [mv('A', '2023-01-01', 10000), mv('B', '2023-01-01', 20000)];

  it('profit ≤ 0 distributes nothing but lists the holders', () => {
    for (const profit of [0, -50000]) {
      const plan = planDistribution(holders('A', 'B', 'Z'), movements, opts({
        year: 2023,
        profit,
        reserveRate: d('0.1'),
        payoutRate: d('0.6'),
      }));
      expect(plan.emptyReason).toBe('no-profit');
      expect([plan.lossCovered, plan.reserve, plan.pool]).toEqual([0, 0, 0]);
      expect(plan.perShare.toFixed(6)).toBe('0.000000');
      // Z holds nothing (weight 0) → dropped
      expect(plan.allocations.map((a) => [a.member, a.shares, a.weight.toFixed(), a.gross, a.net])).toEqual([
        ['A', 10000, '1', 0, 0],
        ['B', 20000, '2', 0, 0],
      ]);
      expect(plan.totals).toEqual({ gross: 0, tax: 0, offset: 0, net: 0 });
    }
  });

  it('an opening loss is covered first (partly)', () => {
    // profit 10000.00, loss 3000.00 → covered 3000.00, after 7000.00
    // reserve 10% = 700.00, pool = 6300.00 × 100% → A 2100.00, B 4200.00
    const plan = planDistribution(holders('A', 'B'), movements, opts({
      year: 2023,
      profit: 1000000,
      openingLoss: 300000,
      reserveRate: d('0.1'),
    }));
    expect(plan.emptyReason).toBeNull();
    expect([plan.lossCovered, plan.reserve, plan.pool]).toEqual([300000, 70000, 630000]);
    expect(grossOf(plan)).toEqual({ A: '2100.00', B: '4200.00' });
    expect(planToJson(plan, 'main').lossCovered).toBe('3000.00');
  });

  it('an opening loss as big as the profit leaves nothing', () => {
    // profit 2000.00, loss 3000.00 → covered 2000.00, after 0 → no-profit
    for (const [profit, loss] of [[200000, 300000], [300000, 300000]]) {
      const plan = planDistribution(holders('A', 'B'), movements, opts({
        year: 2023,
        profit,
        openingLoss: loss,
        reserveRate: d('0.1'),
      }));
      expect(plan.emptyReason).toBe('no-profit');
      expect([plan.lossCovered, plan.reserve, plan.pool]).toEqual([profit, 0, 0]);
      expect(plan.totals.gross).toBe(0);
    }
  });

  it('a loss is not covered when the profit is negative', () => {
    const plan = planDistribution(holders('A'), movements, opts({ year: 2023, profit: -100, openingLoss: 500 }));
    expect(plan.lossCovered).toBe(0);
    expect(plan.emptyReason).toBe('no-profit');
  });

  it('no shares: reserve as computed, pool 0', () => {
    // profit 1000.00, reserve 10% = 100.00; nobody holds shares → no-shares, pool 0
    const plan = planDistribution(holders('A', 'B'), [], opts({ year: 2023, profit: 100000, reserveRate: d('0.1') }));
    expect(plan.emptyReason).toBe('no-shares');
    expect([plan.reserve, plan.pool]).toEqual([10000, 0]);
    expect(plan.allocations).toEqual([]);
    expect(planToJson(plan, 'p')).toMatchObject({ totalWeight: '0', perShare: '0.000000', pool: '0.00', reserve: '100.00' });
  });

  it('checkDistribution returns every reason at once', () => {
    // B gives away 2 shares holding 1 (−1 share on 12-31); C's movement is not whole units;
    // the payout rate is 110%, the reserve rate −10%.
    const bad = [mv('A', '2023-01-01', 10000), mv('B', '2023-01-01', 10000), mv('B', '2023-03-01', -20000)];
    const o = opts({ year: 2023, profit: 100, payoutRate: d('1.1'), reserveRate: d('-0.1') });
    const errors = checkDistribution(bad, o);
    expect(errors.map((e) => e.code)).toEqual(['DIVIDEND_PLAN', 'DIVIDEND_PLAN', 'DIVIDEND_PLAN']);
    expect(errors.map((e) => e.zh)).toEqual([
      '无法计算分配方案：提取公积公益金比例应在 0 到 100% 之间（实为 -10%）',
      '无法计算分配方案：分配比例应在 0 到 100% 之间（实为 110%）',
      '无法计算分配方案：成员 B 在 2023-12-31 持有负数股份（-1 股），请核对其股份转让记录',
    ]);
    expect(checkDistribution([...bad, mv('C', '2023-02-01', 0.5)], opts({ year: 2023, profit: 1.5 })).map((e) => e.en)).toEqual([
      'cannot compute the plan: profit must be an integer number of fen, got 1.5',
      'cannot compute the plan: share movement of C on 2023-02-01: units must be an integer, got 0.5',
    ]);
    // Time-weighted: B held 1 share for 59 days and −1 for the other 306 → one error, for B.
    const tw = checkDistribution(bad, opts({ year: 2023, profit: 100, basis: 'time-weighted' }));
    expect(tw.map((e) => e.en)).toEqual(['cannot compute the plan: member B holds a negative number of shares (-1) on 2023-12-31; check the member\'s share transfers']);
    expect(checkDistribution(bad.slice(0, 2), opts({ year: 2023, profit: 100 }))).toEqual([]);
  });

  it('refuses negative holdings and rates outside [0, 1]', () => {
    expect(() => planDistribution(holders('A'), [mv('A', '2023-01-01', -1)], opts({ year: 2023, profit: 100 }))).toThrow(RangeError);
    expect(() => planDistribution(holders('A'), movements, opts({ year: 2023, profit: 100, payoutRate: d('1.1') }))).toThrow(RangeError);
    expect(() => planDistribution(holders('A'), movements, opts({ year: 2023, profit: 100, reserveRate: d('-0.1') }))).toThrow(RangeError);
  });

  it('pays a member with movements who is missing from the holder list under their id', () => {
    const plan = planDistribution(holders('A'), movements, opts({ year: 2023, profit: 300 }));
    expect(plan.allocations.map((a) => [a.member, a.name, a.gross])).toEqual([
      ['A', '名A', 100],
      ['B', 'B', 200],
    ]);
  });
});

describe('planDistribution: property', () => {
  /** Deterministic LCG (Numerical Recipes constants), 32-bit. */
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }

  it('3000 random plans: Σ gross = pool, gross ≥ 0, each within 1 fen of the exact share', () => {
    const rnd = lcg(20240229);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const dateIn = (y: number) => {
      const start = dayNumber(makeDate(y, 1, 1));
      const n = start + int(0, daysInYear(y) - 1);
      const dt = new Date(n * 86400000);
      return makeDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
    };
    let cases = 0;
    let timeCases = 0;
    const bad: string[] = [];
    for (let c = 0; c < 3000; c++) {
      const year = int(2000, 2030);
      const n = int(1, 60);
      const basis = rnd() < 0.5 ? 'time-weighted' : 'record-date';
      const ids: string[] = [];
      const movements: ShareMovement[] = [];
      for (let i = 0; i < n; i++) {
        const id = `m${int(0, 999)}-${i}`;
        ids.push(id);
        const units = rnd() < 0.2 ? int(1, 99) : int(1, 2_000_000);
        const when = rnd() < 0.4 ? makeDate(year - 1, 6, 1) : dateIn(year);
        movements.push(mv(id, when, units));
        if (rnd() < 0.3) {
          const later = dateIn(year);
          movements.push(mv(id, later < when ? when : later, -int(0, units)));
        }
      }
      const pool = int(0, 1_000_000_000);
      const plan = planDistribution(holders(...ids), movements, opts({ year, profit: pool, basis }));
      if (plan.emptyReason === 'no-profit') {
        expect(pool).toBe(0);
        continue;
      }
      if (plan.emptyReason === 'no-shares') {
        // everyone gave away everything on the day they got it (or before the record date)
        expect([plan.pool, plan.allocations.length]).toEqual([0, 0]);
        continue;
      }
      expect(plan.pool).toBe(pool);
      const sum = plan.allocations.reduce((a, x) => a + x.gross, 0);
      expect(sum).toBe(pool);
      const total = plan.allocations.reduce((a, x) => a.add(x.weight), d(0));
      const sorted = [...plan.allocations].map((a) => a.member);
      expect(sorted).toEqual([...sorted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      for (const a of plan.allocations) {
        if (!(Number.isSafeInteger(a.gross) && a.gross >= 0)) bad.push(`case ${c}: ${a.member} gross ${a.gross}`);
        const exact = d(pool).mul(a.weight).div(total);
        if (!exact.sub(a.gross).abs().lt(1)) bad.push(`case ${c}: ${a.member} gross ${a.gross}, exact ${exact.toFixed()}`);
      }
      if (basis === 'time-weighted') {
        // Independent check of the time weights: count each day's holding.
        const y0 = dayNumber(makeDate(year, 1, 1));
        const days = daysInYear(year);
        for (const a of plan.allocations) {
          const own = movements.filter((m) => m.member === a.member).map((m) => ({ day: dayNumber(m.date), units: m.units }));
          let unitDays = 0;
          for (let k = 0; k < days; k++) {
            for (const m of own) if (m.day <= y0 + k) unitDays += m.units;
          }
          if (!a.weight.eq(d(unitDays).div(days * 10000))) bad.push(`case ${c}: ${a.member} weight ${a.weight.toFixed()}`);
        }
        timeCases++;
      }
      cases++;
    }
    expect(bad).toEqual([]);
    expect(cases).toBeGreaterThan(2900);
    expect(timeCases).toBeGreaterThan(1000);
  }, 60_000);
});
