import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import {
  accrualByYear,
  baseRent,
  contractAsOf,
  contractSchedule,
  contractStatus,
  duesAsOf,
  inKindRent,
  lifetimeOutstanding,
  overlaps,
  rentSchedule,
  scheduleOf,
  settle,
  settledBy,
  type Contract,
} from '../src/domain/contracts.js';
import { contractFile } from './registers-fakes.js';

function contract(over: Partial<Contract> = {}): Contract {
  return {
    code: 'HT001',
    direction: '收',
    start: '2024-01-01',
    end: '2033-12-31',
    area: null,
    rentPerMu: null,
    annualRent: 100_000, // 1,000.00 元
    ...over,
  };
}

describe('rentSchedule', () => {
  it('5% every 3 years over 10 years, each year rounded once from the base', () => {
    // base 12,345.67 元 = 1,234,567 fen; steps = floor(k ÷ 3) = 0,0,0,1,1,1,2,2,2,3
    // step 1: 1,234,567 × 1.05     = 1,296,295.35      → 1,296,295
    // step 2: 1,234,567 × 1.1025   = 1,361,110.1175    → 1,361,110
    // step 3: 1,234,567 × 1.157625 = 1,429,165.623375  → 1,429,166
    const s = rentSchedule(
      contract({ annualRent: 1_234_567, escalation: new Decimal('0.05'), escalateEveryYears: 3 }),
    );
    expect(s.map((y) => y.amount)).toEqual([
      1_234_567, 1_234_567, 1_234_567, 1_296_295, 1_296_295, 1_296_295, 1_361_110, 1_361_110, 1_361_110, 1_429_166,
    ]);
    expect(s.map((y) => y.year)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // due day defaults to the start's month-day
    expect(s[0]).toMatchObject({ dueDate: '2024-01-01', periodStart: '2024-01-01', periodEnd: '2024-12-31' });
    expect(s[9]).toMatchObject({ dueDate: '2033-01-01', periodStart: '2033-01-01', periodEnd: '2033-12-31' });
  });

  it('rent per 亩 with a fractional area', () => {
    // 12.5 亩 × 800.00 = 10,000.00 元 = 1,000,000 fen
    expect(baseRent(contract({ area: new Decimal('12.5'), rentPerMu: 80_000, annualRent: null }))).toBe(1_000_000);
    // 3.37 亩 × 456.78 = 153,934.86 fen → 153,935
    const s = rentSchedule(contract({ area: new Decimal('3.37'), rentPerMu: 45_678, annualRent: null }));
    expect(s[0].amount).toBe(153_935);
    expect(s).toHaveLength(10);
  });

  it('rent per 亩 without an area is refused', () => {
    expect(() => rentSchedule(contract({ rentPerMu: 80_000, annualRent: null }))).toThrow(RangeError);
  });

  it('a 02-29 due day falls on 02-28 in common years and 02-29 in leap years', () => {
    // due date k = withYear('02-29', 2024 + k), even for k = 0 where it precedes the start (paid ahead)
    const s = rentSchedule(contract({ start: '2024-03-01', end: '2029-02-28', dueMonthDay: '02-29' }));
    expect(s.map((y) => y.dueDate)).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
    expect(s[4]).toMatchObject({ periodStart: '2028-03-01', periodEnd: '2029-02-28' });
  });

  it('a contract starting on 02-29: anniversaries on 02-28 in common years', () => {
    const s = rentSchedule(contract({ start: '2024-02-29', end: '2028-02-28' }));
    // year 4 would start 2028-02-29 > end: 4 years
    expect(s.map((y) => [y.dueDate, y.periodStart, y.periodEnd])).toEqual([
      ['2024-02-29', '2024-02-29', '2025-02-27'],
      ['2025-02-28', '2025-02-28', '2026-02-27'],
      ['2026-02-28', '2026-02-28', '2027-02-27'],
      ['2027-02-28', '2027-02-28', '2028-02-28'],
    ]);
  });

  it('a year that starts on or before the end exists, even if short, with the full rent', () => {
    const s = rentSchedule(contract({ start: '2024-01-01', end: '2025-01-01' }));
    expect(s).toHaveLength(2);
    expect(s[1]).toMatchObject({ periodStart: '2025-01-01', periodEnd: '2025-01-01', amount: 100_000 });
    expect(rentSchedule(contract({ start: '2024-01-01', end: '2023-12-31' }))).toEqual([]);
  });
});

describe('settle', () => {
  // 1,000.00 rising 5% a year: 100,000; 105,000; 100,000 × 1.1025 = 110,250 → Σ 315,250
  const sched = rentSchedule(
    contract({ start: '2024-01-01', end: '2026-12-31', escalation: new Decimal('0.05'), escalateEveryYears: 1 }),
  );

  it('one payment spanning several years, oldest first', () => {
    // 250,000 = 100,000 (year 0) + 105,000 (year 1) + 45,000 of 110,250 (year 2, 65,250 left)
    const r = settle(sched, [{ date: '2024-01-05', amount: 250_000 }]);
    expect(r.dues.map((d) => [d.year, d.amount, d.paid, d.outstanding])).toEqual([
      [0, 100_000, 100_000, 0],
      [1, 105_000, 105_000, 0],
      [2, 110_250, 45_000, 65_250],
    ]);
    expect(r.credit).toBe(0);
  });

  it('overpayment beyond all dues is credit', () => {
    // 300,000 + 100,000 = 400,000; 400,000 − 315,250 = 84,750
    const r = settle(sched, [
      { date: '2024-01-05', amount: 300_000 },
      { date: '2024-06-01', amount: 100_000 },
    ]);
    expect(r.dues.every((d) => d.outstanding === 0)).toBe(true);
    expect(r.credit).toBe(84_750);
  });
});

describe('duesAsOf', () => {
  // 1,000.00 a year, due 03-01 in 2024, 2025, 2026
  const c = contract({ start: '2024-03-01', end: '2027-02-28' });
  const pays = [
    { date: '2024-03-10', amount: 150_000 },
    { date: '2025-07-01', amount: 50_000 },
  ];

  it('a part-paid second year is overdue from its due date', () => {
    // as of 2025-06-30: due 2 × 100,000; paid 150,000 (the July payment is later);
    // year 0 fully paid, year 1 has 50,000 left → oldest unsettled due 2025-03-01;
    // days 2025-03-01 → 2025-06-30: 31 (Mar) + 30 (Apr) + 31 (May) + 29 = 121
    expect(duesAsOf(c, pays, '2025-06-30')).toEqual({
      due: 200_000,
      paid: 150_000,
      outstanding: 50_000,
      credit: 0,
      overdueDays: 121,
    });
  });

  it('paying ahead: paid exceeds due, nothing outstanding, nothing overdue', () => {
    // as of 2024-12-31: due 100,000; paid 150,000 → credit 50,000
    expect(duesAsOf(c, pays, '2024-12-31')).toEqual({
      due: 100_000,
      paid: 150_000,
      outstanding: 0,
      credit: 50_000,
      overdueDays: 0,
    });
    // the July payment settles year 1, so as of 2025-07-01 nothing is unsettled
    expect(duesAsOf(c, pays, '2025-07-01')).toMatchObject({ due: 200_000, paid: 200_000, outstanding: 0, overdueDays: 0 });
  });

  it('nothing paid: overdue from the first due date', () => {
    // 2024-03-01 → 2025-03-01 = 365 days (2024-02-29 lies before), → 2026-03-01 another 365 = 730
    expect(duesAsOf(c, [], '2026-03-01')).toEqual({
      due: 300_000,
      paid: 0,
      outstanding: 300_000,
      credit: 0,
      overdueDays: 730,
    });
    // on the due date itself the rent is due and 0 days overdue; before it nothing is due
    expect(duesAsOf(c, [], '2024-03-01')).toMatchObject({ due: 100_000, outstanding: 100_000, overdueDays: 0 });
    expect(duesAsOf(c, [], '2024-02-29')).toMatchObject({ due: 0, outstanding: 0, overdueDays: 0 });
  });
});

describe('overlaps', () => {
  const a = { start: '2024-01-01', end: '2024-12-31' };
  it('shares the boundary day (inclusive)', () => {
    expect(overlaps(a, { start: '2024-12-31', end: '2025-12-31' })).toBe(true);
    expect(overlaps({ start: '2023-01-01', end: '2024-01-01' }, a)).toBe(true);
  });
  it('adjacent ranges do not overlap', () => {
    expect(overlaps(a, { start: '2025-01-01', end: '2025-12-31' })).toBe(false);
    expect(overlaps({ start: '2023-01-01', end: '2023-12-31' }, a)).toBe(false);
  });
  it('containment overlaps', () => {
    expect(overlaps(a, { start: '2024-05-01', end: '2024-05-01' })).toBe(true);
  });
});

describe('inKindRent', () => {
  it('quantity × area × price, rounded once to the fen', () => {
    // 500 斤/亩 × 12.5 亩 × 1.18 元 = 7,375.00 元 = 737,500 fen
    expect(inKindRent(new Decimal(500), new Decimal('12.5'), new Decimal('1.18'))).toBe(737_500);
    // 333.3 × 2.17 = 723.261; × 1.365 = 987.251265 元 = 98,725.1265 fen → 98,725
    expect(inKindRent(new Decimal('333.3'), new Decimal('2.17'), new Decimal('1.365'))).toBe(98_725);
  });
});

describe('accrualByYear', () => {
  it('spreads each contract year over calendar years by days, summing exactly', () => {
    // 1,234.57 rising 5%: year 0 = 123,457; year 1 = round(123,457 × 1.05) = round(129,629.85) = 129,630
    const s = rentSchedule(
      contract({ start: '2024-07-01', end: '2026-06-30', annualRent: 123_457, escalation: new Decimal('0.05') }),
    );
    expect(s.map((y) => y.amount)).toEqual([123_457, 129_630]);
    // year 0: 2024-07-01…2025-06-30 = 184 + 181 = 365 days
    //   123,457 × 184 ÷ 365 = 62,235.857… ; × 181 ÷ 365 = 61,221.142…; floors 123,456, 1 fen to the
    //   larger remainder (2024) → 62,236 + 61,221
    // year 1: 2025-07-01…2026-06-30 = 184 + 181 days
    //   129,630 × 184 ÷ 365 = 65,347.726… ; × 181 ÷ 365 = 64,282.273…; 1 fen to 2025 → 65,348 + 64,282
    const m = accrualByYear(s);
    expect([...m.entries()]).toEqual([
      [2024, 62_236],
      [2025, 61_221 + 65_348], // 126,569
      [2026, 64_282],
    ]);
    // 62,236 + 126,569 + 64,282 = 253,087 = 123,457 + 129,630
    expect([...m.values()].reduce((a, b) => a + b, 0)).toBe(253_087);
  });

  it('a contract year within one calendar year stays whole', () => {
    const m = accrualByYear(rentSchedule(contract({ start: '2024-01-01', end: '2025-12-31' })));
    expect([...m.entries()]).toEqual([
      [2024, 100_000],
      [2025, 100_000],
    ]);
  });
});

describe('the registered contract', () => {
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

  it('a record in 1/10,000 亩: 33.3 亩 × 450.00 = 14,985.00 a year', () => {
    const s = scheduleOf(contractFile({ area: 333_000, rentPerMu: 45_000, annualRent: null, end: '2025-12-31' }));
    expect(s.map((r) => [r.dueDate, r.amount, r.priced])).toEqual([
      ['2024-01-01', 1_498_500, true],
      ['2025-01-01', 1_498_500, true],
    ]);
  });

  it('status on a day, and what is owed over the whole contract', () => {
    const c = { start: '2024-01-01', end: '2026-12-31' };
    expect([contractStatus(c, '2023-12-31'), contractStatus(c, '2024-01-01'), contractStatus(c, '2026-12-31'), contractStatus(c, '2027-01-01')]).toEqual([
      '未开始',
      '履行中',
      '履行中',
      '已到期',
    ]);
    // 3 × 1,000.00 − 3,500.00 paid = −500.00 (credit held)
    expect(lifetimeOutstanding([{ amount: 100_000 }, { amount: 100_000 }, { amount: 100_000 }], [{ date: '2024-01-01', amount: 350_000 }])).toBe(-50_000);
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
});

describe('a contract ended early (cutShort)', () => {
  it('the year it cuts short owes the days used; the years after nothing', () => {
    // 12,000.00 a year from 2024-01-01, agreed to 2028-12-31, ended 2025-06-30:
    // year 1 (2025, 365 days) owes 181 days: 1,200,000 × 181/365 = 595,068.49… → 595,068.
    const s = contractSchedule(contract({ start: '2024-01-01', end: '2025-06-30', agreedEnd: '2028-12-31', annualRent: 1_200_000 }), null, new Map());
    expect(s.map((r) => [r.periodStart, r.periodEnd, r.amount])).toEqual([
      ['2024-01-01', '2024-12-31', 1_200_000],
      ['2025-01-01', '2025-06-30', 595_068],
    ]);
    expect(accrualByYear(s)).toEqual(new Map([[2024, 1_200_000], [2025, 595_068]]));
  });

  it('across a new year: the earlier calendar year keeps its part of the whole year, the later one is prorated once', () => {
    // 1,000.00 a year from 2024-07-01 (365-day contract years): year 0 spreads 184 days in 2024 and 181 in 2025:
    // 100,000 × 184/365 = 50,410.96 and × 181/365 = 49,589.04 → 50,411 and 49,589 (largest remainder).
    // Ended 2025-03-31: 2025 owes 90 of its 181 days: 49,589 × 90/181 = 24,657.51… → 24,658; the year 75,069.
    const c = contract({ start: '2024-07-01', end: '2025-03-31', agreedEnd: '2027-06-30', annualRent: 100_000 });
    const s = contractSchedule(c, null, new Map());
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ periodStart: '2024-07-01', periodEnd: '2025-03-31', amount: 75_069 });
    expect(accrualByYear(s)).toEqual(new Map([[2024, 50_411], [2025, 24_658]]));
    // The whole term's 2024 is the same: nothing accrued for it changes.
    expect(accrualByYear(contractSchedule({ ...c, end: '2027-06-30', agreedEnd: null }, null, new Map())).get(2024)).toBe(50_411);
  });

  it('rent in kind is cut after pricing; ended on a contract year’s last day, that year is whole', () => {
    // 500 斤 × 2 亩 × 1.5 元 = 1,500.00 a year from 2024-01-01; ended 2024-03-31: 91 of 366 days → 150,000 × 91/366 = 37,295.08… → 37,295.
    const c = contract({ start: '2024-01-01', end: '2024-03-31', agreedEnd: '2026-12-31', area: new Decimal(2), annualRent: null });
    const inKind = { quantityPerMu: new Decimal(500), item: '稻谷', unit: '斤' };
    expect(contractSchedule(c, inKind, new Map([[2024, new Decimal('1.5')]])).map((r) => r.amount)).toEqual([37_295]);
    expect(contractSchedule({ ...c, end: '2024-12-31' }, inKind, new Map([[2024, new Decimal('1.5')]])).map((r) => r.amount)).toEqual([150_000]);
  });
});

describe('a contract as it stood on a day (contractAsOf)', () => {
  it('an end neither dated nor recorded by the day had not happened; dated or recorded by it, it had', () => {
    const ended = contractFile({ end: '2025-06-30', agreedEnd: '2028-12-31', endedEarly: { date: '2025-06-30', reason: '协商解除', recorded: '2026-01-15' } });
    expect(contractAsOf(ended, '2024-12-31').contract).toMatchObject({ end: '2028-12-31', endedEarly: null });
    expect(contractAsOf(ended, '2025-06-30').contract).toMatchObject({ end: '2025-06-30', endedEarly: { date: '2025-06-30' } });
    // Recorded ahead of its day (notice given): known from the day it was recorded.
    const ahead = contractFile({ end: '2026-03-31', agreedEnd: '2028-12-31', endedEarly: { date: '2026-03-31', reason: '协商解除', recorded: '2026-01-15' } });
    expect(contractAsOf(ahead, '2026-01-14').contract.end).toBe('2028-12-31');
    expect(contractAsOf(ahead, '2026-01-15').contract.end).toBe('2026-03-31');
    const plain = contractFile();
    expect(contractAsOf(plain, '2020-01-01')).toBe(plain);
  });
});
