// Whom each allocation names: the holders walked alongside the allocations when they come by id
// (as the ledger gives them), else looked up by member; either way the first entry of a member.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import { planDistribution, type DistributionOptions, type Shareholder } from '../src/domain/distribution.js';
import type { ShareMovement } from '../src/domain/shares.js';

const opts: DistributionOptions = {
  year: 2024,
  profit: 900, // 9.00 over three equal holders: 3.00 each
  reserveRate: new Decimal(0),
  payoutRate: new Decimal(1),
  basis: 'record-date',
  recordDate: '2024-12-31',
  withholdRate: new Decimal(0),
};
const mv = (member: string): ShareMovement => ({ member, date: '2024-01-01', units: 10000, shareClass: '募集股' });
const h = (member: string, name: string, household: string | null = null): Shareholder => ({ member, name, household });
const movements = [mv('C'), mv('A'), mv('B')];

const named = (holders: Iterable<Shareholder>, o: Partial<DistributionOptions> = {}) =>
  planDistribution(holders, movements, { ...opts, ...o }).allocations.map((a) => [a.member, a.name, a.household, a.gross]);

describe('planDistribution names its members', () => {
  const want = [
    ['A', '甲', 'H1', 300],
    ['B', 'B', null, 300], // not among the holders: named by id, no household
    ['C', '丙', 'H2', 300],
  ];

  it('from holders by id, others among them not holding', () => {
    expect(named([h('0', '零'), h('A', '甲', 'H1'), h('AB', '无股'), h('C', '丙', 'H2'), h('D', '丁')])).toEqual(want);
  });

  it('from holders in any order', () => {
    expect(named([h('D', '丁'), h('C', '丙', 'H2'), h('0', '零'), h('A', '甲', 'H1')])).toEqual(want);
  });

  it('the first entry of a member counts, sorted or not', () => {
    expect(named([h('A', '甲', 'H1'), h('A', '甲二', 'H9'), h('C', '丙', 'H2')])).toEqual(want);
    expect(named([h('C', '丙', 'H2'), h('A', '甲', 'H1'), h('A', '甲二', 'H9')])).toEqual(want);
  });

  it('the same under a household cap nobody reaches (Decimal weights)', () => {
    expect(named([h('C', '丙', 'H2'), h('A', '甲', 'H1')], { capPerHousehold: 1_000_000 })).toEqual(want);
    expect(named([h('A', '甲', 'H1'), h('C', '丙', 'H2')], { capPerHousehold: 1_000_000 })).toEqual(want);
  });

  it('reads holders given as a list made afresh each time: once when they come by id', () => {
    let reads = 0;
    const list = (hs: Shareholder[]) => ({
      *[Symbol.iterator]() {
        reads++;
        yield* hs;
      },
    });
    expect(named(list([h('0', '零'), h('A', '甲', 'H1'), h('C', '丙', 'H2')]))).toEqual(want);
    expect(reads).toBe(1);
    reads = 0;
    // out of order: the walk stops at the first step back and the holders are read again into a Map
    expect(named(list([h('C', '丙', 'H2'), h('A', '甲', 'H1')]))).toEqual(want);
    expect(reads).toBe(2);
  });
});

