// The plan splits the pool, rounds tax, prints weights, values and percentages in integers. Each is
// checked here against an independent formula on thousands of random cases.
import { describe, expect, it } from 'vitest';
import { allocate, Decimal, roundToFen } from '../src/domain/money.js';
import { makeDate } from '../src/domain/dates.js';
import { holdingsAsOf, sharePercent, unitsValue, type ShareMovement } from '../src/domain/shares.js';
import { planDistribution, splitByIntegers, weightText, type DistributionOptions, type Shareholder } from '../src/domain/distribution.js';

const d = (s: string | number | bigint) => new Decimal(s.toString());

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * The largest-remainder split by its definition, without sorting: part i = floor(pool × n_i ÷ N),
 * plus 1 when fewer than `left` members come before i, a member j coming before i when its
 * remainder pool × n_j mod N is larger, or equal with j < i (ties to the smaller index, which is
 * the smaller member id). BigInt throughout, O(n²).
 */
function hamilton(pool: number, nums: number[]): number[] {
  const N = nums.reduce((a, n) => a + BigInt(n), 0n);
  if (N === 0n || nums.length === 0) return nums.map(() => 0);
  const P = BigInt(pool);
  const floors = nums.map((n) => (P * BigInt(n)) / N);
  const rems = nums.map((n) => (P * BigInt(n)) % N);
  const left = Number(P - floors.reduce((a, f) => a + f, 0n));
  return nums.map((_, i) => {
    let before = 0;
    for (let j = 0; j < nums.length; j++) if (rems[j] > rems[i] || (rems[j] === rems[i] && j < i)) before++;
    return Number(floors[i]) + (before < left ? 1 : 0);
  });
}

/** hamilton() with the ranking by a sort, for 100,000 parts. */
function hamiltonBySort(pool: number, nums: number[]): number[] {
  const N = nums.reduce((a, n) => a + BigInt(n), 0n);
  const exact = nums.map((n) => BigInt(pool) * BigInt(n));
  const want = exact.map((x) => Number(x / N));
  const rank = nums.map((_, i) => i).sort((a, b) => (exact[b] % N > exact[a] % N ? 1 : exact[b] % N < exact[a] % N ? -1 : a - b));
  let left = pool - want.reduce((a, x) => a + x, 0);
  for (let k = 0; left > 0; k++, left--) want[rank[k]] += 1;
  return want;
}

describe('splitByIntegers: the largest remainder in integers', () => {
  it('worked example: 1000 fen by 1 : 1 : 1 — 333 each, the fen left to the first (ties to the smaller id)', () => {
    // floor(1000 × 1 ÷ 3) = 333 each, 999 given, 1 left; the remainders are all 1 → index 0.
    expect(splitByIntegers(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    // 10 fen by 3 : 5 : 7 (N = 15): exact 2, 3.33, 4.67 → floors 2, 3, 4 (9); 1 left to the
    // largest remainder, 70 mod 15 = 10 (the third), not 50 mod 15 = 5.
    expect(splitByIntegers(10, [3, 5, 7])).toEqual([2, 3, 5]);
  });

  it('4000 random splits agree with the definition (BigInt, no sort), sum to the pool, each within 1 fen of the exact share', () => {
    const rnd = lcg(7_654_321);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const bad: string[] = [];
    for (let c = 0; c < 4000; c++) {
      const n = int(1, 40);
      // Small weights make ties; large pools and weights go past 2^53 (the BigInt path).
      const big = rnd() < 0.25;
      const nums = Array.from({ length: n }, () => (rnd() < 0.3 ? int(1, 4) : big ? int(1, 3_660_000_000) : int(0, 2_000_000)));
      if (nums.every((x) => x === 0)) nums[0] = 1;
      const pool = big ? int(0, 9_000_000_000_000) : int(0, 1_000_000_000);
      const got = splitByIntegers(pool, nums);
      const want = hamilton(pool, nums);
      if (got.join() !== want.join()) bad.push(`case ${c}: pool ${pool} by ${nums.join(':')}: ${got.join()} ≠ ${want.join()}`);
      if (got.reduce((a, x) => a + x, 0) !== pool) bad.push(`case ${c}: sum ≠ pool`);
      const N = nums.reduce((a, x) => a + x, 0);
      got.forEach((g, i) => {
        const exact = d(pool).mul(nums[i]).div(N);
        if (!exact.sub(g).abs().lt(1)) bad.push(`case ${c}: part ${i} ${g}, exact ${exact.toFixed()}`);
      });
      // Where no two exact remainders are equal, the Decimal allocate() of money.ts agrees too.
      const rems = nums.map((x) => (BigInt(pool) * BigInt(x)) % BigInt(N));
      if (new Set(rems).size === rems.length) {
        const old = allocate(pool, nums.map((x) => d(x)));
        if (old.join() !== got.join()) bad.push(`case ${c}: allocate() ${old.join()} ≠ ${got.join()}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('splitByIntegers past 2^53: a village register', () => {
  it('3000 splits of a large pool by a village register (pool × units past 2^53, the sums within it) agree with the definition', () => {
    const rnd = lcg(20_261_202);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const bad: string[] = [];
    let past = 0;
    for (let c = 0; c < 3000; c++) {
      const n = int(1, 60);
      // Units of 1/10,000 share: up to 10,000 shares a member; pools up to 1,000,000,000 yuan.
      const nums = Array.from({ length: n }, () => (rnd() < 0.2 ? int(1, 9) : int(0, 100_000_000)));
      if (nums.every((x) => x === 0)) nums[0] = 1;
      const pool = rnd() < 0.1 ? Number.MAX_SAFE_INTEGER - int(0, 1000) : int(0, 100_000_000_000);
      if (pool * Math.max(...nums) > Number.MAX_SAFE_INTEGER) past++;
      const got = splitByIntegers(pool, nums);
      const want = hamilton(pool, nums);
      if (got.join() !== want.join()) bad.push(`case ${c}: pool ${pool} by ${nums.join(':')}: ${got.join()} ≠ ${want.join()}`);
    }
    expect(bad).toEqual([]);
    expect(past).toBeGreaterThan(2000);
  });

  it('the bench’s shape: 100,000 members, a pool of 102,724,682.56 yuan', () => {
    const rnd = lcg(42);
    const nums = Array.from({ length: 100_000 }, () => 10_000 * (1 + Math.floor(rnd() * 200)));
    const pool = 10_272_468_256;
    const want = hamiltonBySort(pool, nums);
    expect(pool * Math.max(...nums)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(splitByIntegers(pool, nums)).toEqual(want);
  });
});

describe('splitByIntegers past 2^53 by long division in a base of safe integers', () => {
  // The steps of the long division of pool × n by N: the base by the rule its steps must keep
  // (B × (N + max) within 2^53), the first digit pool ÷ B^k for the least k that keeps it times
  // max within 2^53, then k digits: three and more steps when N is large.
  const digitsIn = (pool: number, nums: number[]) => {
    const max = Math.max(...nums);
    const span = nums.reduce((a, x) => a + x, 0) + max;
    let base = 1;
    while (base * 2 * span <= Number.MAX_SAFE_INTEGER) base *= 2;
    if (base < 2) return 0;
    let k = 0;
    while (BigInt(pool) / BigInt(base) ** BigInt(k) * BigInt(max) > BigInt(Number.MAX_SAFE_INTEGER)) k++;
    return k + 1;
  };

  it('3000 splits with sums of weights up to 2^52 (time-weighted unit-days) agree with the definition', () => {
    const rnd = lcg(20_261_203);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const bad: string[] = [];
    let manyDigits = 0;
    for (let c = 0; c < 3000; c++) {
      const n = int(1, 40);
      // Weights of every size up to 10^14 each, some tiny (ties); pools up to 2^53 − 1 fen.
      const top = 10 ** int(3, 14);
      const nums = Array.from({ length: n }, () => (rnd() < 0.2 ? int(0, 9) : int(0, top)));
      if (nums.every((x) => x === 0)) nums[0] = 1;
      const pool = rnd() < 0.2 ? Number.MAX_SAFE_INTEGER - int(0, 1000) : int(1, 10 ** int(2, 15));
      if (digitsIn(pool, nums) >= 3 && pool * Math.max(...nums) > Number.MAX_SAFE_INTEGER) manyDigits++;
      const got = splitByIntegers(pool, nums);
      const want = hamilton(pool, nums);
      if (got.join() !== want.join()) bad.push(`case ${c}: pool ${pool} by ${nums.join(':')}: ${got.join()} ≠ ${want.join()}`);
    }
    expect(bad).toEqual([]);
    expect(manyDigits).toBeGreaterThan(600);
  });

  it('the bench’s time-weighted shape: 100,000 members’ unit-days, a pool of 102,724,682.56 yuan', () => {
    const rnd = lcg(43);
    // Units of 1/10,000 share, 1–200 shares, held for 1–366 days of the year.
    const nums = Array.from({ length: 100_000 }, () => 10_000 * (1 + Math.floor(rnd() * 200)) * (1 + Math.floor(rnd() * 366)));
    const pool = 10_272_468_256;
    const want = hamiltonBySort(pool, nums);
    expect(digitsIn(pool, nums)).toBeGreaterThanOrEqual(3);
    expect(splitByIntegers(pool, nums)).toEqual(want);
  });
});

describe('planDistribution in integers against the Decimal path', () => {
  const holders = (ids: string[]): Shareholder[] => ids.map((member) => ({ member, name: `名${member}`, household: null }));

  it('2000 random plans: the same allocations with no cap (integers) and with a cap nobody reaches (Decimals), weights and tax by formula', () => {
    const rnd = lcg(20_250_101);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const bad: string[] = [];
    let compared = 0;
    for (let c = 0; c < 2000; c++) {
      const year = int(2015, 2030);
      const n = int(1, 50);
      const ids: string[] = [];
      const movements: ShareMovement[] = [];
      for (let i = 0; i < n; i++) {
        const id = `m${String(int(0, 9999)).padStart(4, '0')}-${i}`;
        ids.push(id);
        const units = rnd() < 0.3 ? int(1, 9) * 10000 : int(1, 5_000_000);
        const day = makeDate(year, int(1, 12), int(1, 28));
        movements.push({ member: id, date: rnd() < 0.4 ? makeDate(year - 1, 3, 1) : day, units, shareClass: '人口股' });
        if (rnd() < 0.2) movements.push({ member: id, date: makeDate(year, 12, 31), units: -int(0, units), shareClass: '人口股' });
      }
      const basis = rnd() < 0.5 ? 'time-weighted' : 'record-date';
      const withhold = d(int(0, 10000)).div(10000); // 0.00%–100.00%
      const o: DistributionOptions = {
        year,
        profit: int(1, 2_000_000_000),
        reserveRate: d(int(0, 30)).div(100),
        payoutRate: d(1),
        basis,
        recordDate: makeDate(year, int(1, 12), 28),
        withholdRate: withhold,
      };
      const fast = planDistribution(holders(ids), movements, o);
      const slow = planDistribution(holders(ids), movements, { ...o, capPerHousehold: Number.MAX_SAFE_INTEGER });
      // The two paths can only differ where two exact remainders are equal (Decimal quotients are
      // rounded to 40 digits, so such ties are not always seen as ties there).
      if (fast.allocations.length === 0) continue;
      // weight = n ÷ D exactly: D = 10,000, or days in the year × 10,000 time-weighted.
      const D = basis === 'time-weighted' ? (year % 4 === 0 ? 366 : 365) * 10000 : 10000;
      const nums = fast.allocations.map((a) => BigInt(a.weight.mul(D).toDecimalPlaces(0).toFixed()));
      const N = nums.reduce((a, x) => a + x, 0n);
      const rems = nums.map((x) => (BigInt(fast.pool) * x) % N);
      const tied = new Set(rems).size !== rems.length;
      if (!tied) {
        compared++;
        const key = (p: typeof fast) => JSON.stringify([p.pool, p.reserve, p.totals, p.perShare.toFixed(), p.allocations.map((a) => [a.member, a.shares, a.gross, a.tax, a.net])]);
        if (key(fast) !== key(slow)) bad.push(`case ${c}: integer and Decimal plans differ`);
      }
      // total weight: N ÷ D (to 40 digits) against the sum of the Decimal weights
      if (!fast.totalWeight.sub(slow.totalWeight).abs().lt('1e-25') || !fast.totalWeight.eq(d(N).div(D))) bad.push(`case ${c}: total weight`);
      for (const a of fast.allocations) {
        // weight as printed: the Decimal weight to 6 places, half up
        if (weightText(a) !== a.weight.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed()) bad.push(`case ${c}: ${a.member} weight ${weightText(a)} vs ${a.weight.toFixed()}`);
        // tax = round(gross × withhold), half away from zero
        if (a.tax !== roundToFen(d(a.gross).mul(withhold))) bad.push(`case ${c}: ${a.member} tax ${a.tax}`);
      }
    }
    expect(bad).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  }, 60_000);
});

describe('share values and percentages in integers', () => {
  it('5000 random holdings: unitsValue and sharePercent agree with the Decimal formulas', () => {
    const rnd = lcg(31_337);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const bad: string[] = [];
    for (let c = 0; c < 5000; c++) {
      const units = rnd() < 0.1 ? -int(1, 1_000_000) : rnd() < 0.1 ? int(0, 20000) * 5000 : int(0, 900_000_000_000);
      const par = rnd() < 0.5 ? int(1, 1000) : int(1, 100_000_000);
      // value = units × par ÷ 10,000 rounded half away from zero
      const value = roundToFen(d(units).mul(par).div(10000));
      if (unitsValue(units, par) !== value) bad.push(`value ${units} × ${par}: ${unitsValue(units, par)} ≠ ${value}`);
      const total = Math.max(Math.abs(units), 1) * int(1, 3) + int(0, 99);
      // percentage = units × 100 ÷ total, 4 decimals half up
      const pct = d(units).mul(100).div(total).toFixed(4);
      if (sharePercent(units, total) !== pct) bad.push(`pct ${units} / ${total}: ${sharePercent(units, total)} ≠ ${pct}`);
    }
    expect(bad).toEqual([]);
  });

  it('holdings of members with one class and with several agree with summing every movement', () => {
    const rnd = lcg(99);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const classes = ['人口股', '农龄股', '募集股'];
    const movements: ShareMovement[] = Array.from({ length: 3000 }, () => ({
      member: `M${int(0, 400)}`,
      date: makeDate(2024, int(1, 12), int(1, 28)),
      units: int(-3, 9) * 1000,
      shareClass: classes[int(0, rnd() < 0.7 ? 0 : 2)],
    }));
    const asOf = '2024-09-15';
    const want = new Map<string, Map<string, number>>();
    for (const m of movements) {
      if (m.date > asOf) continue;
      const c = want.get(m.member) ?? new Map<string, number>();
      c.set(m.shareClass, (c.get(m.shareClass) ?? 0) + m.units);
      want.set(m.member, c);
    }
    const got = holdingsAsOf(movements, asOf);
    const expected = [...want.keys()]
      .sort()
      .map((m) => {
        const byClass = [...want.get(m)!].filter(([, u]) => u !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
        return [m, [...want.get(m)!.values()].reduce((a, u) => a + u, 0), byClass] as const;
      })
      .filter(([, total]) => total !== 0);
    expect([...got].map(([m, h]) => [m, h.total, [...h.byClass]])).toEqual(expected);
  });
});

describe('exact at the edges', () => {
  const holders = (ids: string[]): Shareholder[] => ids.map((member) => ({ member, name: `名${member}`, household: null }));
  const grant = (member: string, units: number): ShareMovement => ({ member, date: '2024-01-01', units, shareClass: '人口股' });
  const options = (profit: number, cap?: number): DistributionOptions => ({
    year: 2024,
    profit,
    reserveRate: d(0),
    payoutRate: d(1),
    basis: 'record-date',
    recordDate: '2024-12-31',
    withholdRate: d(0),
    capPerHousehold: cap,
  });

  it('weights whose sum passes 2^53 (each below it) are split exactly: the definition, not a rounded total', () => {
    const nums = [6124599321152602, 5056780973712732, 4996171090448557, 4];
    expect(splitByIntegers(30915706761788, nums)).toEqual(hamilton(30915706761788, nums));
    // 500,000,000,000.0001 + 500,000,000,000.0003 + 0.0001 shares: the total weight to the last unit.
    const plan = planDistribution(holders(['A1', 'B1', 'C1']), [grant('A1', 5_000_000_000_000_001), grant('B1', 5_000_000_000_000_003), grant('C1', 1)], options(100_000_000_000));
    expect(plan.totalWeight.toFixed()).toBe('1000000000000.0005');
    expect(plan.allocations.reduce((a, x) => a + x.gross, 0)).toBe(plan.pool);
  });

  it('equal remainders are equal under a household cap too: the fen goes to the smaller member id', () => {
    // 2 fen by 19 : 6 : 63 (N = 88): 38/88 = 0.43…, 12/88, 126/88 = 1 + 38/88; one fen left, tied
    // between M12 and M64 → M12.
    expect(allocate(2, [d('0.0019'), d('0.0006'), d('0.0063')])).toEqual([1, 0, 1]);
    const movements = [grant('M12', 19), grant('M33', 6), grant('M64', 63)];
    for (const cap of [undefined, 1_000_000]) {
      const plan = planDistribution(holders(['M12', 'M33', 'M64']), movements, options(2, cap));
      expect(plan.allocations.map((a) => [a.member, a.gross])).toEqual([
        ['M12', 1],
        ['M33', 0],
        ['M64', 1],
      ]);
    }
  });
});
