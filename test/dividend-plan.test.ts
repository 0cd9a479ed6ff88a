// The planner behind plan and declare, and the pure rules around it: profit from movements, the
// options in force, the stored plan, the declaration's checks and entries.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import { planDistribution } from '../src/domain/distribution.js';
import {
  assemblePlan,
  checkDeclaration,
  checkPrintOptions,
  declarationEntries,
  declarationVouchers,
  debtsToOffset,
  declaredPlan,
  loadPlan,
  optionsJson,
  profitFromMovements,
  storePlan,
  type DividendPlan,
  type PlanFacts,
  type PlanOptions,
} from '../src/domain/dividend-plan.js';

const holders = [
  { member: 'A', name: '甲', household: 'H1' },
  { member: 'B', name: '乙', household: 'H1' },
  { member: 'C', name: '丙', household: 'H2' },
];
const movements = [
  { member: 'A', date: '2024-01-01', units: 10000, shareClass: '募集股' },
  { member: 'B', date: '2024-01-01', units: 10000, shareClass: '募集股' },
  { member: 'C', date: '2024-01-01', units: 10000, shareClass: '募集股' },
];

function plan(profit: number, debts?: Map<string, number>) {
  return planDistribution(holders, movements, {
    year: 2024,
    profit,
    reserveRate: new Decimal('0.1'),
    payoutRate: new Decimal(1),
    basis: 'record-date',
    recordDate: '2024-12-31',
    withholdRate: new Decimal('0.2'),
    debts,
  });
}

describe('dividend helpers', () => {
  it('profit: income 501–504 credit − debit, expense 511–521 debit − credit; other accounts ignored', () => {
    const m = new Map([
      ['501', { debit: 100, credit: 120100 }],
      ['50401', { debit: 0, credit: 5000 }],
      ['511', { debit: 30000, credit: 500 }],
      ['521', { debit: 1000, credit: 0 }],
      ['102', { debit: 999999, credit: 0 }],
      ['3220101', { debit: 777, credit: 0 }],
    ]);
    expect(profitFromMovements(m)).toEqual({ income: 125000, expense: 30500, profit: 94500 });
  });

  it('declaration entries balance: Dr 3220102 gross = Cr 211 net + 214 tax + 113 offset', () => {
    // profit 100.00: reserve 10.00, pool 90.00 → 30.00 each; tax 6.00 each; C owes 50.00 → offset 24.00.
    const p = plan(10000, new Map([['C', 5000]]));
    const e = declarationEntries(p, 'tq');
    expect(e.reserve).toEqual([
      { account: '3220101', debit: 1000, credit: 0, project: 'tq' },
      { account: '311', debit: 0, credit: 1000, project: 'tq' },
    ]);
    expect(e.members).toEqual([
      { account: '3220102', debit: 9000, credit: 0, project: 'tq' },
      { account: '211', debit: 0, credit: 2400, member: 'A', project: 'tq' },
      { account: '211', debit: 0, credit: 2400, member: 'B', project: 'tq' },
      // Tax withheld per member: 20% × 30.00 = 6.00 each.
      { account: '214', debit: 0, credit: 600, member: 'A', project: 'tq' },
      { account: '214', debit: 0, credit: 600, member: 'B', project: 'tq' },
      { account: '214', debit: 0, credit: 600, member: 'C', project: 'tq' },
      { account: '113', debit: 0, credit: 2400, member: 'C', project: 'tq' },
    ]);
    const dr = e.members.reduce((a, l) => a + l.debit, 0);
    const cr = e.members.reduce((a, l) => a + l.credit, 0);
    expect(dr).toBe(cr);
    expect(declarationEntries(plan(0), 'tq')).toEqual({ reserve: [], members: [] });
  });

  it('a stored plan reads back the same', () => {
    const p = plan(12345);
    const back = loadPlan(JSON.parse(JSON.stringify(storePlan(p, { kind: 'option' }))));
    expect(back.plan.totalWeight.eq(p.totalWeight)).toBe(true);
    expect(back.plan.perShare.toFixed(6)).toBe(p.perShare.toFixed(6));
    expect(back.plan.allocations.map((a) => [a.member, a.gross, a.net, a.weight.toFixed()])).toEqual(p.allocations.map((a) => [a.member, a.gross, a.net, a.weight.toFixed()]));
  });

  it('options as shown', () => {
    expect(optionsJson({ profit: null, reserve: '0.1', payout: '0.6', basis: 'time-weighted', recordDate: null, offsetDebts: false, withhold: '0.2', capPerHousehold: 25000 })).toEqual({
      profit: null,
      reserve: '10%',
      payout: '60%',
      basis: 'time-weighted',
      recordDate: null,
      offsetDebts: false,
      withhold: '20%',
      capPerHousehold: '2.5',
      includeSubsidies: false,
    });
  });
});

const OPTIONS: PlanOptions = {
  profit: null,
  reserve: new Decimal('0.1'),
  payout: new Decimal(1),
  withhold: new Decimal(0),
  basis: 'record-date',
  recordDate: null,
  offsetDebts: false,
  capPerHousehold: null,
  includeSubsidies: false,
};

/** A project tq in 2024: its own lines 600.00 income − 300.00 expense; the whole ledger 1,000.00 − 100.00. */
function facts(over: Partial<PlanFacts> = {}): PlanFacts {
  return {
    project: { code: 'tq', name: '汤泉民宿' },
    year: 2024,
    projectPnl: new Map([['501', { debit: 0, credit: 60000 }], ['511', { debit: 30000, credit: 0 }]]),
    ledgerPnl: new Map([['501', { debit: 0, credit: 100000 }], ['513', { debit: 10000, credit: 0 }]]),
    projectEarlierPnl: new Map(),
    openingUndistributed: 20000,
    undistributedInYear: 0,
    itemsInYear: 0,
    declarations: [],
    statuses: new Map(),
    holders,
    movements,
    internalBalances: new Map([['C', 5000], ['', 99999]]),
    ...over,
  };
}

function planned(f: PlanFacts, o: Partial<PlanOptions> = {}): DividendPlan {
  const r = assemblePlan(f, { ...OPTIONS, ...o });
  if (!r.ok) throw new Error(r.errors.map((e) => e.en).join('; '));
  return r.plan;
}

describe('assemblePlan: the one planner of plan and declare', () => {
  it('a project: its own lines, no loss made up, holdings on 12-31 by default', () => {
    const p = planned(facts());
    // profit 600.00 − 300.00 = 300.00; reserve 10% = 30.00; pool 270.00 → 90.00 each.
    expect(p.profitSource).toEqual({ kind: 'project', income: 60000, expense: 30000 });
    expect([p.distribution.profit, p.distribution.lossCovered, p.distribution.reserve, p.distribution.pool]).toEqual([30000, 0, 3000, 27000]);
    expect(p.distribution.allocations.map((a) => [a.member, a.gross, a.offset])).toEqual([['A', 9000, 0], ['B', 9000, 0], ['C', 9000, 0]]);
    expect(p.options).toEqual({ profit: null, reserve: '0.1', payout: '1', basis: 'record-date', recordDate: '2024-12-31', offsetDebts: false, withhold: '0', capPerHousehold: null, includeSubsidies: false });
    // 可分配收益 = 900.00 − the 200.00 opening loss = 700.00; nothing declared yet.
    expect(p.breakdown).toMatchObject({ yearProfit: 30000, subsidiesExcluded: 0, retainedBefore: 0, distributable: 70000, remaining: 70000 });
  });

  it('main: the whole ledger, and a debit opening 未分配收益 made up first', () => {
    const p = planned(facts({ project: { code: 'main', name: '本集体' } }));
    // 1,000.00 − 100.00 = 900.00; loss 200.00 made up → profit 700.00; reserve 70.00; pool 630.00 → 210.00 each.
    expect(p.profitSource).toEqual({ kind: 'ledger', income: 100000, expense: 10000 });
    expect([p.distribution.profit, p.distribution.lossCovered, p.distribution.reserve, p.distribution.pool]).toEqual([70000, 20000, 7000, 63000]);
    // A credit opening balance (earlier profit kept) is no loss.
    expect(planned(facts({ project: { code: 'main', name: '本集体' }, openingUndistributed: -50000 })).distribution.lossCovered).toBe(0);
  });

  it('--profit is taken as given; debts are offset only when asked', () => {
    const p = planned(facts(), { profit: 9000, reserve: new Decimal(0), offsetDebts: true, recordDate: '2024-06-30' });
    // 90.00 → 30.00 each; C owes 50.00 → offset 30.00, net 0; lines without a member ('') owe nothing.
    expect(p.profitSource).toEqual({ kind: 'option' });
    expect(p.distribution.allocations.map((a) => [a.member, a.gross, a.offset, a.net])).toEqual([['A', 3000, 0, 3000], ['B', 3000, 0, 3000], ['C', 3000, 3000, 0]]);
    expect(p.options).toMatchObject({ profit: '90.00', recordDate: '2024-06-30', offsetDebts: true });
    expect(planned(facts(), { profit: 9000, reserve: new Decimal(0) }).distribution.totals.offset).toBe(0);
  });

  it('time-weighted: no record date', () => {
    expect(planned(facts(), { basis: 'time-weighted', recordDate: '2024-06-30' }).options.recordDate).toBeNull();
  });

  it('returns every reason it cannot plan instead of throwing', () => {
    const r = assemblePlan(facts({ movements: [...movements, { member: 'B', date: '2024-02-01', units: -20000, shareClass: '募集股' }] }), { ...OPTIONS, reserve: new Decimal(2) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.zh)).toEqual([
      '无法计算分配方案：提取公积公益金比例应在 0 到 100% 之间（实为 200%）',
      '无法计算分配方案：成员 B 在 2024-12-31 持有负数股份（-1 股），请核对其股份转让记录',
    ]);
  });
});

describe('declaration', () => {
  it('checkDeclaration: declared before and empty, both at once', () => {
    const empty = planned(facts(), { profit: 0 });
    expect(checkDeclaration(empty, { declaredAt: '2025-01-02 10:00:00' }).map((e) => [e.code, e.zh])).toEqual([
      ['DIVIDEND_DECLARED', '项目「tq」2024 年已于 2025-01-02 10:00:00 宣告分配，不能重复宣告（sanzi dividend show --project tq --year 2024 查看）'],
      ['DIVIDEND_EMPTY', '不能宣告：没有可分配的收益（收益 ≤ 0、不足弥补亏损，或已由其他项目分配），本次不分配'],
    ]);
    expect(checkDeclaration(planned(facts()), undefined)).toEqual([]);
    expect(checkDeclaration(planned(facts({ movements: [] })), undefined).map((e) => e.en)).toEqual(['nothing to declare: nobody holds shares; nothing is distributed']);
  });

  it('declarationVouchers: dated 12-31, one for the reserve and one for the members', () => {
    const v = declarationVouchers(planned(facts()), { reserve: '311', payable: '21101', tax: '214', internal: '113' });
    expect(v.reserve).toMatchObject({ date: '2024-12-31', summary: '2024年汤泉民宿提取公积公益金', kind: 'dividend' });
    expect(v.members).toMatchObject({ date: '2024-12-31', summary: '2024年汤泉民宿向成员分配收益', kind: 'dividend' });
    // pool 270.00 → 90.00 to each member on the payable leaf given.
    expect(v.members!.lines.filter((l) => l.account === '21101').map((l) => [l.member, l.credit])).toEqual([['A', 9000], ['B', 9000], ['C', 9000]]);
    // No reserve → no reserve voucher; nothing to anyone → no members' voucher.
    expect(declarationVouchers(planned(facts(), { reserve: new Decimal(0) }), { reserve: '311', payable: '211', tax: '214', internal: '113' }).reserve).toBeNull();
    expect(declarationVouchers(planned(facts(), { profit: -5 }), { reserve: '311', payable: '211', tax: '214', internal: '113' })).toEqual({ reserve: null, members: null });
  });

  it('a declared plan reads back as declared', () => {
    const p = planned(facts());
    const d = declaredPlan(p.project, 2024, { options: p.options, plan: JSON.parse(JSON.stringify(storePlan(p.distribution, p.profitSource))), declaredAt: 'T', vouchers: ['2024-12/1'] });
    expect(d.distribution.allocations.map((a) => a.gross)).toEqual(p.distribution.allocations.map((a) => a.gross));
    expect([d.options, d.profitSource, d.declaredAt, d.vouchers]).toEqual([p.options, p.profitSource, 'T', ['2024-12/1']]);
  });

  it('checkPrintOptions: a declared year prints as declared, without distribution options (exit 2)', () => {
    expect(checkPrintOptions(2024, true, ['reserve']).map((e) => e.code)).toEqual(['USAGE']);
    expect(checkPrintOptions(2024, true, [])).toEqual([]);
    expect(checkPrintOptions(2024, false, ['reserve'])).toEqual([]);
  });
});

describe('debtsToOffset', () => {
  it("counts back what the project's own declaration of the year offset", () => {
    // 113 at the year's end: A owed 800.00 and had 500.00 offset by the declaration → 300.00 left;
    // B's 200.00 was untouched; C owes nothing now, 100.00 offset. Before the declaration: 800, 200, 100.
    const balances = new Map([['A', 30000], ['B', 20000]]);
    const own = new Map([['A', 50000], ['C', 10000]]);
    expect(debtsToOffset(balances, own)).toEqual(new Map([['A', 80000], ['B', 20000], ['C', 10000]]));
    expect(debtsToOffset(balances)).toEqual(balances);
  });
});
