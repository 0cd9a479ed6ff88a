// 收益分配 integrity, the pure rules: losses made up first, subsidies left out, the ceiling of what
// remains distributable, shares held by members not active, and the cancellations. Every figure
// is computed by hand in the comment beside it.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import { checkCeiling, checkDeclaredYears, checkDistributionsAdded, checkEarlierYearsCarried, checkHeld, checkHolders, declaredYear, findProfit, undistributedAtYearEnd, type DeclaredYear, type ProfitFacts } from '../src/domain/dividend-profit.js';
import { assemblePlan, type PlanFacts, type PlanOptions } from '../src/domain/dividend-plan.js';
import { checkContributionCancel, checkDividendCancel, contributionCancelVoucher, dividendCancelVouchers, type ContributionCancelFacts } from '../src/domain/cancellation.js';
import { checkReversal } from '../src/domain/voucher.js';

const mv = (account: string, debit: number, credit: number): [string, { debit: number; credit: number }] => [account, { debit, credit }];

/** tq in 2024: 501 5,000.00, 503 2,000.00, 511 1,000.00. The ledger: 501 10,000.00, 503 3,000.00, 513 2,000.00. */
function facts(over: Partial<ProfitFacts> = {}): ProfitFacts {
  return {
    project: 'tq',
    year: 2024,
    projectPnl: new Map([mv('501', 0, 500000), mv('503', 0, 200000), mv('511', 100000, 0)]),
    projectEarlierPnl: new Map(),
    ledgerPnl: new Map([mv('501', 0, 1000000), mv('503', 0, 300000), mv('513', 200000, 0)]),
    openingUndistributed: 0,
    undistributedInYear: 0,
    itemsInYear: 0,
    declarations: [],
    ...over,
  };
}

const ledgerProfit = { profit: null, includeSubsidies: false };

describe('findProfit: a project', () => {
  it('subsidies are left out unless included', () => {
    // 5,000.00 + 2,000.00 − 1,000.00 = 6,000.00 本年收益; without 503: 4,000.00.
    const r = findProfit(facts(), ledgerProfit);
    expect([r.profit, r.lossCovered, r.breakdown.yearProfit, r.breakdown.subsidies, r.breakdown.subsidiesExcluded]).toEqual([400000, 0, 600000, 200000, 200000]);
    expect(r.source).toEqual({ kind: 'project', income: 700000, expense: 100000 });
    const incl = findProfit(facts(), { profit: null, includeSubsidies: true });
    expect([incl.profit, incl.breakdown.subsidiesExcluded]).toEqual([600000, 0]);
  });

  it('earlier losses are made up first, less what earlier declarations took out', () => {
    // Earlier years: income 1,000.00 − expense 4,000.00 = −3,000.00 → 3,000.00 of the year's 4,000.00
    // goes to the loss: profit 1,000.00.
    const earlier = new Map([mv('501', 0, 100000), mv('511', 400000, 0)]);
    const r = findProfit(facts({ projectEarlierPnl: earlier }), ledgerProfit);
    expect([r.profit, r.lossCovered, r.breakdown.retainedBefore]).toEqual([100000, 300000, -300000]);
    // A 2022 declaration of tq that took 100.00 + 900.00: retained −4,000.00 → all 4,000.00 covered.
    const declared = [{ project: 'tq', year: 2022, reserve: 10000, pool: 90000 }];
    const r2 = findProfit(facts({ projectEarlierPnl: earlier, declarations: declared }), ledgerProfit);
    expect([r2.profit, r2.lossCovered, r2.breakdown.retainedBefore]).toEqual([0, 400000, -400000]);
    // Another project's declaration, or one of the same year, is no earlier result of tq.
    const others = [{ project: 'ly', year: 2022, reserve: 0, pool: 50000 }, { project: 'tq', year: 2024, reserve: 0, pool: 1 }];
    expect(findProfit(facts({ projectEarlierPnl: earlier, declarations: others }), ledgerProfit).breakdown.retainedBefore).toBe(-300000);
    // Earlier profit kept is no loss: nothing covered.
    expect(findProfit(facts({ projectEarlierPnl: new Map([mv('501', 0, 100)]) }), ledgerProfit).lossCovered).toBe(0);
  });

  it('a loss larger than the year: all of the year covered, profit 0', () => {
    const r = findProfit(facts({ projectEarlierPnl: new Map([mv('511', 900000, 0)]) }), ledgerProfit);
    expect([r.profit, r.lossCovered]).toEqual([0, 400000]);
  });

  it('--profit is taken as given: nothing made up, nothing left out', () => {
    const r = findProfit(facts({ projectEarlierPnl: new Map([mv('511', 900000, 0)]) }), { profit: 123456, includeSubsidies: false });
    expect([r.profit, r.lossCovered, r.breakdown.subsidiesExcluded, r.source.kind]).toEqual([123456, 0, 0, 'option']);
  });
});

describe('findProfit: main and the ceiling', () => {
  it("main: the ledger's 本年收益 without subsidies, after the opening loss, less what the projects declared", () => {
    // 10,000.00 + 3,000.00 − 2,000.00 = 11,000.00; without 503: 8,000.00; opening loss 1,000.00 → 7,000.00;
    // tq declared 500.00 + 4,500.00 → 2,000.00.
    const f = facts({ project: 'main', openingUndistributed: 100000, itemsInYear: 500000, declarations: [{ project: 'tq', year: 2024, reserve: 50000, pool: 450000 }] });
    const r = findProfit(f, ledgerProfit);
    expect([r.profit, r.lossCovered, r.breakdown.declaredByOthers]).toEqual([200000, 100000, 500000]);
    expect(r.source).toEqual({ kind: 'ledger', income: 1300000, expense: 200000 });
    // 可分配收益 = 11,000.00 − 1,000.00 = 10,000.00; remaining 10,000.00 − 5,000.00 = 5,000.00.
    expect([r.breakdown.distributable, r.breakdown.remaining, r.breakdown.otherDistributions]).toEqual([1000000, 500000, 0]);
  });

  it('what remains: 可分配收益 + 其他转入 − the other declarations − 322 items nobody declared', () => {
    // 可分配收益 11,000.00 + 0 (opening) + 200.00 其他转入 = 11,200.00; other projects 5,000.00; 322 items of
    // the year 6,000.00 of which declarations explain 5,000.00 + tq's own 300.00 → 700.00 by hand.
    const f = facts({
      undistributedInYear: 20000,
      itemsInYear: 600000,
      declarations: [
        { project: 'ly', year: 2024, reserve: 0, pool: 500000 },
        { project: 'tq', year: 2024, reserve: 0, pool: 30000 },
        { project: 'ly', year: 2023, reserve: 0, pool: 999999 },
      ],
    });
    const b = findProfit(f, ledgerProfit).breakdown;
    // tq's own declaration of the year is left out of what remains: a plan reproduces what it declared.
    expect([b.distributable, b.declaredByOthers, b.otherDistributions, b.remaining]).toEqual([1120000, 500000, 70000, 550000]);
  });

  it('checkCeiling: reserve + pool above what remains is refused with both figures; nothing taken never is', () => {
    const b = findProfit(facts({ project: 'main', declarations: [{ project: 'tq', year: 2024, reserve: 0, pool: 600000 }], itemsInYear: 600000 }), ledgerProfit).breakdown;
    // remaining = 11,000.00 − 6,000.00 = 5,000.00
    expect(b.remaining).toBe(500000);
    expect(checkCeiling(2024, 500000, b)).toEqual([]);
    const e = checkCeiling(2024, 500001, b);
    expect(e.map((x) => x.code)).toEqual(['DIVIDEND_EXCEEDS']);
    expect(e[0].zh).toContain('合计 5,000.01，超过 2024 年尚可分配的收益 5,000.00');
    expect(checkCeiling(2024, 0, { ...b, remaining: -100 })).toEqual([]);
  });
});

describe('checkHolders: shares belong to active members', () => {
  const movements = [
    { member: 'A', date: '2024-01-01', units: 10000, shareClass: '人口股' },
    { member: 'B', date: '2024-01-01', units: 10000, shareClass: '人口股' },
  ];
  const members = new Map([
    ['A', { name: '甲', status: '正常' as const, events: [] }],
    ['B', { name: '乙', status: '已故' as const, events: [{ date: '2024-06-12', status: '已故' as const, previous: '正常' as const }] }],
  ]);

  it('a deceased holder is named with the inheritance that must come first; before the death, none', () => {
    const e = checkHolders('main', movements, '2024-12-31', members);
    expect(e.map((x) => x.code)).toEqual(['DIVIDEND_INACTIVE_HOLDER']);
    expect(e[0].zh).toContain('成员「B 乙」在 2024-12-31 的状态为「已故」，仍持有项目 main 1 股');
    expect(e[0].zh).toContain('--reason 继承');
    expect(checkHolders('main', movements, '2024-06-11', members)).toEqual([]);
    const moved = new Map([...members, ['B', { name: '乙', status: '迁出' as const, events: [{ date: '2024-03-01', status: '迁出' as const, previous: '正常' as const }] }]]);
    expect(checkHolders('main', movements, '2024-12-31', moved)[0].zh).toContain('--reason 退出');
  });

  it('the same holders refused whether fewer members have a history than hold shares, or more', () => {
    const dead = (date: string) => ({ status: '已故' as const, events: [{ date, status: '已故' as const, previous: '正常' as const }] });
    // C and E died holding shares; D died after giving them away (0 held); F died after the day; Z has a history and no shares.
    const held = new Map([['E', 5000], ['A', 10000], ['C', 20000], ['B', 10000], ['D', 0], ['F', 10000]]);
    const few = new Map([['C', dead('2024-03-01')], ['D', dead('2024-03-01')], ['E', dead('2024-12-31')], ['F', dead('2025-01-01')]]);
    const many = new Map([...few, ['A', { status: '正常' as const, events: [] }], ['B', { status: '正常' as const, events: [] }], ['Y', dead('2024-01-01')], ['Z', dead('2024-01-01')]]);
    const refused = (m: typeof few) => checkHeld('main', held, '2024-12-31', m, (id) => `名${id}`).map((e) => `${e.code} ${/成员「(\S+) /.exec(e.zh)?.[1]}`);
    expect(few.size).toBeLessThan(held.size);
    expect(many.size).toBeGreaterThan(held.size);
    expect(refused(few)).toEqual(['DIVIDEND_INACTIVE_HOLDER C', 'DIVIDEND_INACTIVE_HOLDER E']);
    expect(refused(many)).toEqual(['DIVIDEND_INACTIVE_HOLDER C', 'DIVIDEND_INACTIVE_HOLDER E']);
  });

  it('after the transfer nothing is refused, and time-weighted the days held before it still count', () => {
    const inherited = [...movements, { member: 'B', date: '2024-07-01', units: -10000, shareClass: '人口股' }, { member: 'A', date: '2024-07-01', units: 10000, shareClass: '人口股' }];
    expect(checkHolders('main', inherited, '2024-12-31', members)).toEqual([]);
    const f: PlanFacts = {
      project: { code: 'main', name: '本集体' },
      year: 2024,
      projectPnl: new Map(),
      projectEarlierPnl: new Map(),
      ledgerPnl: new Map([mv('501', 0, 366000)]),
      openingUndistributed: 0,
      undistributedInYear: 0,
      itemsInYear: 0,
      declarations: [],
      holders: [
        { member: 'A', name: '甲', household: null },
        { member: 'B', name: '乙', household: null },
      ],
      statuses: members,
      movements: inherited,
      internalBalances: new Map(),
    };
    const o: PlanOptions = { profit: null, reserve: new Decimal(0), payout: new Decimal(1), withhold: new Decimal(0), basis: 'time-weighted', recordDate: null, offsetDebts: false, capPerHousehold: null, includeSubsidies: false };
    const r = assemblePlan(f, o);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // B held 1 share 2024-01-01 … 06-30 = 182 days of 366 → 182/366 = 0.497268; A 1 share all year and
    // B's from 07-01 (184 days) → 550/366 = 1.502732; total 732/366 = 2. pool 3,660.00 = 366000 fen:
    // A 366000 × 550/732 = 275000, B 366000 × 182/732 = 91000 (exact).
    expect(r.plan.distribution.allocations.map((a) => [a.member, a.weight.toDecimalPlaces(6).toFixed(), a.gross])).toEqual([
      ['A', '1.502732', 275000],
      ['B', '0.497268', 91000],
    ]);
    // Record-date basis on 12-31: B holds nothing then.
    expect(assemblePlan(f, { ...o, basis: 'record-date' }).ok).toBe(true);
    // Before the transfer, the plan is refused.
    expect(assemblePlan({ ...f, movements }, o)).toMatchObject({ ok: false, errors: [{ code: 'DIVIDEND_INACTIVE_HOLDER' }] });
  });
});

describe('cancellations', () => {
  const original = {
    id: 7,
    date: '2024-12-31',
    number: 2,
    lines: [
      { account: '3220102', debit: 90000, credit: 0, member: null, project: 'tq' },
      { account: '211', debit: 0, credit: 72000, member: 'A', project: 'tq' },
      { account: '214', debit: 0, credit: 18000, member: 'A', project: 'tq' },
    ],
    reversed: false,
  };

  it('dividend cancel: a red-ink repeat of every line dated 12-31; a voucher reversed already is left', () => {
    const v = dividendCancelVouchers({ project: { name: '汤泉民宿' }, year: 2024 }, { reserve: null, members: original });
    expect(v.reserve).toBeNull();
    expect(v.members).toMatchObject({ date: '2024-12-31', kind: 'dividend-cancel', reversal: true, summary: '撤销2024年汤泉民宿收益分配：冲销 12月 记字第2号' });
    expect(v.members!.lines.map((l) => [l.account, l.debit, l.credit, l.member])).toEqual([
      ['3220102', -90000, 0, null],
      ['211', 0, -72000, 'A'],
      ['214', 0, -18000, 'A'],
    ]);
    expect(dividendCancelVouchers({ project: { name: 'x' }, year: 2024 }, { reserve: null, members: { ...original, reversed: true } }).members).toBeNull();
    expect(checkDividendCancel('tq', 2024, [])).toEqual([]);
    // Two members paid 100.00 and 20.50: 120.50.
    const paid = checkDividendCancel('tq', 2024, [{ amount: 10000 }, { amount: 2050 }]);
    expect(paid.map((e) => [e.code, e.zh])).toEqual([['DIVIDEND_CANCEL_PAID', '项目「tq」2024 年分红已发放 2 人、合计 120.50 元，不能撤销宣告']]);
  });

  const c: ContributionCancelFacts = {
    id: 3,
    project: 'tq',
    member: { id: 'A', name: '甲' },
    date: '2024-04-01',
    shares: { units: 25000, shareClass: '现金股' },
    cancelled: null,
    otherMovements: [{ member: 'A', date: '2024-04-02', units: 10000, shareClass: '现金股' }],
    declarations: [],
  };

  it('contribution cancel: refused once cancelled, when a later transfer used the shares, or a declaration counted them', () => {
    expect(checkContributionCancel(c)).toEqual([]);
    expect(checkContributionCancel({ ...c, cancelled: { at: '2025-01-01 09:00:00', reason: '重复' } }).map((e) => e.code)).toEqual(['CONTRIBUTION_CANCELLED']);
    // 2.5 (this one) + 1 then 2.5 given away on 05-01: without this one, 1 − 2.5 = −1.5 on 05-01.
    const used = { ...c, otherMovements: [...c.otherMovements, { member: 'A', date: '2024-05-01', units: -25000, shareClass: '现金股' }] };
    const e = checkContributionCancel(used);
    expect(e.map((x) => x.code)).toEqual(['CONTRIBUTION_SHARES_USED']);
    expect(e[0].zh).toContain('在 2024-05-01 的现金股将为 -1.5 股');
    // A transfer of another class is no use of these shares; giving 1 away leaves exactly 0.
    expect(checkContributionCancel({ ...c, otherMovements: [...c.otherMovements, { member: 'A', date: '2024-05-01', units: -10000, shareClass: '现金股' }, { member: 'A', date: '2024-05-02', units: -5, shareClass: '人口股' }] })).toEqual([]);
    // A declaration counting A on or after 04-01 must be cancelled first; one counted before, or without A, is no matter.
    const decl = (shareDate: string, members: string[]) => ({ year: 2024, shareDate, members });
    expect(checkContributionCancel({ ...c, declarations: [decl('2024-12-31', ['A'])] }).map((x) => x.code)).toEqual(['CONTRIBUTION_DECLARED']);
    expect(checkContributionCancel({ ...c, declarations: [decl('2024-03-31', ['A']), decl('2024-12-31', ['B'])] })).toEqual([]);
    // No shares (a value below one unit): nothing to check but the cancellation itself.
    expect(checkContributionCancel({ ...used, shares: null })).toEqual([]);
    // Land 经营权 already amortised (2 months posted): refused, naming the months; none posted: no matter.
    const am = checkContributionCancel({ ...c, amortised: ['2024-05', '2024-06'] });
    expect(am.map((x) => x.code)).toEqual(['CONTRIBUTION_AMORTISED']);
    expect(am[0].zh).toContain('已摊销 2 个月（至 2024-06）');
    expect(checkContributionCancel({ ...c, amortised: [] })).toEqual([]);
  });

  it('contribution cancel posts the red-ink repeat of its voucher on the contribution date', () => {
    const v = contributionCancelVoucher(3, { id: 5, date: '2024-04-01', number: 4, lines: [{ account: '102', debit: 25000, credit: 0 }, { account: '301', debit: 0, credit: 25000 }], reversed: false });
    expect(v).toMatchObject({ date: '2024-04-01', kind: 'contribution-cancel', summary: '撤销出资第3号：冲销 4月 记字第4号' });
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([['102', -25000, 0], ['301', 0, -25000]]);
  });
});

describe('voucher reverse: only the vouchers the user made', () => {
  const facts = (kind: string) => ({ kind, preparer: null, reviewer: null, reversedBy: null });
  it.each([
    ['dividend', 'sanzi dividend cancel'],
    ['contribution', 'sanzi contribution cancel'],
    ['contract-payment', 'sanzi contract cancel-payment'],
    ['contract-refund', 'sanzi contract cancel-payment'],
  ])('%s: refused, naming %s', (kind, undo) => {
    const e = checkReversal(facts(kind));
    expect(e.map((x) => x.code)).toEqual(['REVERSE_REGISTER']);
    expect(e[0].zh).toContain(undo);
  });
  it.each(['dividend-payment', 'depreciation', 'amortization', 'asset-disposal', 'contract-accrual', 'contract-payment-cancel', 'contract-refund-cancel', 'dividend-cancel', 'contribution-cancel', 'some-new-register'])(
    '%s: refused, nothing to name',
    (kind) => {
      const e = checkReversal(facts(kind));
      expect(e.map((x) => x.code)).toEqual(['REVERSE_REGISTER']);
      expect(e[0].zh).not.toContain('要撤销');
    },
  );
  it('manual, imported and reversal vouchers may be reversed; the closing entries have their own refusal', () => {
    for (const k of ['manual', 'import', 'reversal']) expect(checkReversal(facts(k))).toEqual([]);
    expect(checkReversal(facts('year-close')).map((e) => e.code)).toEqual(['REVERSE_CLOSING']);
  });
});

describe('checkDeclaredYears: no write leaves a declared year over its 可分配收益', () => {
  /** 本年收益 = income − expense; 年末未分配收益 = 本年收益 − opening debit of 322 + 其他转入 − 各项分配. */
  const year = (y: number, income: number, expense: number, openingDebit: number, items: number): DeclaredYear =>
    declaredYear(
      {
        year: y,
        ledgerPnl: new Map([
          ['501', { debit: 0, credit: income }],
          ['513', { debit: expense, credit: 0 }],
        ]),
        openingUndistributed: openingDebit,
        undistributedInYear: 0,
        itemsInYear: items,
      },
      ['tq'],
    );

  it('年末未分配收益 of the year as the income statement shows it', () => {
    expect(year(2025, 500000, 100000, 300000, 50000)).toEqual({ year: 2025, projects: ['tq'], distributable: 100000, items: 50000, undistributed: 50000 });
    expect(undistributedAtYearEnd({ year: 2025, ledgerPnl: new Map(), openingUndistributed: -2000, undistributedInYear: 300, itemsInYear: 2500 })).toBe(-200);
  });

  it('refuses a write that takes a year below zero or further below; not one that leaves it as it was or raises it', () => {
    const before = new Map([[2025, year(2025, 500000, 0, 0, 500000)]]);
    expect(checkDeclaredYears(before, [year(2025, 500000, 0, 0, 500000)])).toEqual([]);
    expect(checkDeclaredYears(before, [year(2025, 600000, 50000, 0, 500000)])).toEqual([]);
    const over = checkDeclaredYears(before, [year(2025, 500000, 100000, 0, 500000)]);
    expect(over.map((e) => [e.code, e.zh])).toEqual([
      [
        'DIVIDEND_UNCOVERED',
        '不能写入：2025 年已宣告收益分配（项目 tq），此操作将使该年年末未分配收益由 0.00 变为 -1,000.00（可分配收益 4,000.00，各项分配 5,000.00），分配将超过可分配收益；如确需如此，先撤销该年分配（sanzi dividend cancel --project tq --year 2025 --reason 原因），再重新计算宣告',
      ],
    ]);
    // Already over (a ledger from before the rule): no worse is let through, worse is not.
    const wasOver = new Map([[2025, year(2025, 400000, 0, 0, 500000)]]);
    expect(checkDeclaredYears(wasOver, [year(2025, 400000, 0, 0, 500000)])).toEqual([]);
    expect(checkDeclaredYears(wasOver, [year(2025, 450000, 0, 0, 500000)])).toEqual([]);
    expect(checkDeclaredYears(wasOver, [year(2025, 400000, 1, 0, 500000)]).map((e) => e.code)).toEqual(['DIVIDEND_UNCOVERED']);
    // A year declared by the write itself has no before: below zero is refused.
    expect(checkDeclaredYears(new Map(), [year(2026, 100, 0, 0, 101)]).map((e) => e.code)).toEqual(['DIVIDEND_UNCOVERED']);
    expect(checkDeclaredYears(new Map(), [year(2026, 100, 0, 0, 100)])).toEqual([]);
    // Every year at once, each with its figures.
    expect(checkDeclaredYears(before, [year(2024, 0, 1, 0, 0), year(2025, 0, 0, 0, 500000)]).map((e) => e.zh.slice(0, 12))).toEqual(['不能写入：2024 年已', '不能写入：2025 年已']);
  });

  it('a later year waits for the years before it not closed when together they take out more than they bring; distributions added are held to it', () => {
    const u = (year: number, carry: number) => ({ year, carry });
    // 2023 brings 5,000.00, 2025 takes out 7,000.00: 2,000.00 more out than in, 2025 named.
    expect(checkEarlierYearsCarried(2026, [u(2025, -700000), u(2023, 500000), u(2026, -1), u(2027, -1)]).map((e) => [e.code, e.zh.slice(0, 4)])).toEqual([['DIVIDEND_EARLIER_YEAR_OPEN', '2025']]);
    expect(checkEarlierYearsCarried(2026, [u(2025, -700000), u(2023, 500000)])[0].zh).toContain('它的分配比本年收益多（或亏损）7,000.00');
    // As much in as out: 32202 at the start of 2026 is no more than what truly remains.
    expect(checkEarlierYearsCarried(2026, [u(2025, -500000), u(2023, 500000)])).toEqual([]);
    expect(checkEarlierYearsCarried(2023, [u(2023, -1), u(2024, -1)])).toEqual([]);
    const asked: number[] = [];
    const uncarried = (y: number) => (asked.push(y), [u(2024, -1)]);
    const before = new Map([[2025, year(2025, 500000, 0, 0, 100)]]);
    // 2025's distributions grew, 2026's appeared; 2027's stayed as they were (an expense, not a distribution).
    const after = [year(2025, 500000, 0, 0, 200), year(2026, 0, 0, 0, 1), year(2027, 0, 0, 0, 0)];
    expect(checkDistributionsAdded(before, after, uncarried).map((e) => e.code)).toEqual(['DIVIDEND_EARLIER_YEAR_OPEN', 'DIVIDEND_EARLIER_YEAR_OPEN']);
    expect(asked).toEqual([2025, 2026]);
    expect(checkDistributionsAdded(before, [year(2025, 400000, 0, 0, 100)], uncarried)).toEqual([]);
  });
});
