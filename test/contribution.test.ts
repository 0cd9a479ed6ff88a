import { describe, expect, it } from 'vitest';
import {
  checkContribution,
  checkContributions,
  contributionSummary,
  parseKind,
  planContribution,
  valueContribution,
  type ContributionDraft,
  type ContributionLookup,
} from '../src/domain/contribution.js';
import { Decimal } from '../src/domain/money.js';
import { memberBook } from './member-book.js';

const d = (s: string) => new Decimal(s);

describe('parseKind', () => {
  it('knows the Chinese and English names', () => {
    expect(parseKind('现金')).toBe('cash');
    expect(parseKind('cash')).toBe('cash');
    expect(parseKind('实物')).toBe('material');
    expect(parseKind('物料')).toBe('material');
    expect(parseKind('Material')).toBe('material');
    expect(parseKind('劳务')).toBe('labor');
    expect(parseKind('投劳')).toBe('labor');
    expect(parseKind(' LABOR ')).toBe('labor');
    expect(parseKind('土地')).toBe('land');
    expect(parseKind('land')).toBe('land');
  });
  it('returns null for anything else', () => {
    expect(parseKind('')).toBeNull();
    expect(parseKind('股票')).toBeNull();
    expect(parseKind('toString')).toBeNull();
  });
});

describe('valueContribution', () => {
  it('cash: the amount', () => {
    expect(valueContribution({ kind: 'cash', amount: 500000 })).toEqual({ ok: true, value: 500000 });
  });
  it('cash: refuses a missing, zero or negative amount', () => {
    expect(valueContribution({ kind: 'cash' })).toMatchObject({ ok: false, reason: '现金出资需要金额' });
    expect(valueContribution({ kind: 'cash', amount: null })).toMatchObject({ ok: false });
    expect(valueContribution({ kind: 'cash', amount: 0 })).toMatchObject({ ok: false, reason: '金额必须大于 0' });
    expect(valueContribution({ kind: 'cash', amount: -100 })).toMatchObject({ ok: false, reason: '金额必须大于 0' });
  });

  it('material: 12.5 × 36.80 = 460.00', () => {
    // 12.5 × 36.80 = 460.000 元 = 46000 fen
    expect(valueContribution({ kind: 'material', quantity: d('12.5'), unitPrice: d('36.80') })).toEqual({ ok: true, value: 46000 });
    // an agreeing amount is accepted
    expect(valueContribution({ kind: 'material', quantity: d('12.5'), unitPrice: d('36.80'), amount: 46000 })).toEqual({ ok: true, value: 46000 });
  });

  it('labor: 15 工日 × 120.00 = 1,800.00', () => {
    // 15 × 120.00 = 1800.00 元 = 180000 fen
    expect(valueContribution({ kind: 'labor', quantity: d('15'), unitPrice: d('120.00') })).toEqual({ ok: true, value: 180000 });
  });

  it('land: 2.35 亩 × 1,000.00 = 2,350.00', () => {
    // 2.35 × 1000.00 = 2350.00 元 = 235000 fen
    expect(valueContribution({ kind: 'land', quantity: d('2.35'), unitPrice: d('1000.00') })).toEqual({ ok: true, value: 235000 });
  });

  it('rounds once to the fen, half away from zero', () => {
    // 3 × 0.335 = 1.005 元 = 100.5 fen → 101 fen (1.01)
    expect(valueContribution({ kind: 'material', quantity: d('3'), unitPrice: d('0.335') })).toEqual({ ok: true, value: 101 });
    // 7 × 0.0015 = 0.0105 元 = 1.05 fen → 1 fen
    expect(valueContribution({ kind: 'labor', quantity: d('7'), unitPrice: d('0.0015') })).toEqual({ ok: true, value: 1 });
    // 0.3 × 0.3333 = 0.09999 元 = 9.999 fen → 10 fen (no intermediate rounding)
    expect(valueContribution({ kind: 'land', quantity: d('0.3'), unitPrice: d('0.3333') })).toEqual({ ok: true, value: 10 });
  });

  it('refuses an amount that disagrees with quantity × unit price, showing both', () => {
    // 10 × 125.00 = 1,250.00 but 金额 says 1,200.00
    expect(valueContribution({ kind: 'material', quantity: d('10'), unitPrice: d('125.00'), amount: 120000 })).toEqual({
      ok: false,
      reason: '金额 1,200.00 与 数量 × 单价 = 1,250.00 不符',
      reasonEn: 'amount 1,200.00 does not match quantity × unit price = 1,250.00',
    });
    // 3 × 0.335 rounds to 1.01; 1.00 is not accepted
    expect(valueContribution({ kind: 'material', quantity: d('3'), unitPrice: d('0.335'), amount: 100 })).toMatchObject({
      ok: false,
      reason: '金额 1.00 与 数量 × 单价 = 1.01 不符',
    });
    // labor and land too
    expect(valueContribution({ kind: 'labor', quantity: d('15'), unitPrice: d('120'), amount: 180001 })).toMatchObject({ ok: false });
    expect(valueContribution({ kind: 'land', quantity: d('2.35'), unitPrice: d('1000'), amount: 235000 })).toEqual({ ok: true, value: 235000 });
  });

  it('refuses missing or non-positive quantity and unit price', () => {
    expect(valueContribution({ kind: 'material', amount: 46000 })).toMatchObject({ ok: false, reason: '实物出资需要数量和单价' });
    expect(valueContribution({ kind: 'labor', quantity: d('15') })).toMatchObject({ ok: false, reason: '劳务出资需要数量（工日）和单价（日工价）' });
    expect(valueContribution({ kind: 'land', unitPrice: d('1000'), quantity: null })).toMatchObject({ ok: false, reason: '土地出资需要数量（亩）和单价（每亩价值）' });
    expect(valueContribution({ kind: 'material', quantity: d('0'), unitPrice: d('5') })).toMatchObject({ ok: false, reason: '数量必须大于 0' });
    expect(valueContribution({ kind: 'material', quantity: d('-1'), unitPrice: d('5') })).toMatchObject({ ok: false, reason: '数量必须大于 0' });
    expect(valueContribution({ kind: 'labor', quantity: d('2'), unitPrice: d('0') })).toMatchObject({ ok: false, reason: '单价必须大于 0' });
    expect(valueContribution({ kind: 'land', quantity: d('2'), unitPrice: d('5'), amount: 0 })).toMatchObject({ ok: false, reason: '金额必须大于 0' });
  });

  it('refuses a value that rounds to nothing', () => {
    // 1 × 0.0001 = 0.0001 元 = 0.01 fen → 0
    expect(valueContribution({ kind: 'material', quantity: d('1'), unitPrice: d('0.0001') })).toMatchObject({ ok: false });
  });
});

describe('planContribution', () => {
  const base = {
    member: 'X1',
    memberName: '甲',
    project: 'tq',
    projectName: '汤泉民宿',
    par: 100000,
    capitalAccount: '301',
    amount: null,
    item: null,
    unit: null,
  };
  it('material 3 × 333.33 = 999.99 at par 1,000.00: 0.9999 shares, nothing to 311', () => {
    const r = planContribution({ ...base, kind: 'material', debitAccount: '121', quantity: new Decimal(3), unitPrice: new Decimal('333.33'), item: '木料', unit: '方' });
    expect(r.ok && r.value).toMatchObject({ value: 99999, units: 9999, capital: 99990, remainder: 9, shareClass: '实物股' });
    expect(r.ok && r.value.lines).toEqual([
      { account: '121', debit: 99999, credit: 0, member: 'X1', project: 'tq' },
      { account: '301', debit: 0, credit: 99990, member: 'X1', project: 'tq' },
      { account: '311', debit: 0, credit: 9, member: 'X1', project: 'tq' },
    ]);
  });
  it('an exact multiple of par posts no 311 line', () => {
    const r = planContribution({ ...base, kind: 'land', debitAccount: '161', quantity: new Decimal(2), unitPrice: new Decimal(1500) });
    expect(r.ok && r.value.lines.map((l) => l.account)).toEqual(['161', '301']);
    expect(r.ok && r.value.units).toBe(30000);
  });
  it('passes the value refusal through', () => {
    const r = planContribution({ ...base, kind: 'labor', debitAccount: '153', quantity: new Decimal(0), unitPrice: new Decimal(120) });
    expect(r.ok).toBe(false);
  });
});

describe('checkContribution', () => {
  const tq = { code: 'tq', name: '汤泉民宿', par: 30000, capitalAccount: '301' };
  const lookup: ContributionLookup = {
    project: (c) => (c === 'tq' ? tq : undefined),
    members: memberBook([
      { id: 'X1', name: '甲' },
      { id: 'X2', name: '乙', joined: '2016-05-01' },
      { id: 'X5', name: '何三妹', status: '迁出' },
    ]),
    // 102 has one leaf, 10201; 161 has two.
    defaultDebit: (code) =>
      code === '102' ? { code: '10201' } : code === '161' ? { error: { code: 'ACCOUNT_NOT_LEAF', zh: '科目「161 无形资产」有下级科目', en: '161 has sub-accounts' } } : { code },
    // January 2016 is closed.
    checkVoucher: (v) => (v.date.startsWith('2016-01') ? [{ code: 'PERIOD_CLOSED', zh: '2016-01 已结账', en: '2016-01 is closed', source: v.source }] : []),
  };
  const draft = (over: Partial<ContributionDraft>): ContributionDraft => ({
    member: 'X1',
    project: 'tq',
    date: '2016-03-02',
    kind: 'cash',
    item: null,
    quantity: null,
    unit: null,
    unitPrice: null,
    amount: 100000,
    account: null,
    note: null,
    ...over,
  });

  it('cash 1,000.00 at par 300.00: 3.3333 shares, the default account resolved to its leaf', () => {
    const r = checkContribution(draft({}), lookup);
    expect(r.errors).toEqual([]);
    // 100000 × 10000 ÷ 30000 = 33333.3 → 33333 units; capital 33333 × 30000 ÷ 10000 = 99999; 311 gets 1 fen
    expect(r.ready?.plan).toMatchObject({ value: 100000, units: 33333, capital: 99999, remainder: 1, shareClass: '现金股' });
    expect(r.ready?.debitAccount).toBe('10201');
    expect(r.ready?.voucher).toMatchObject({ date: '2016-03-02', kind: 'contribution', summary: '汤泉民宿 甲 现金出资 1,000.00，折 3.3333 股' });
    expect(r.ready?.voucher.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['10201', 100000, 0],
      ['301', 0, 99999],
      ['311', 0, 1],
    ]);
  });

  it('an account given is used as given (the voucher check judges it)', () => {
    const r = checkContribution(draft({ kind: 'material', amount: null, quantity: new Decimal(20), unitPrice: new Decimal(380), item: '水泥', unit: '吨', account: '153' }), lookup);
    // 20 × 380.00 = 7,600.00
    expect([r.ready?.debitAccount, r.ready?.plan.value]).toEqual(['153', 760000]);
  });

  it('unknown project, unknown member and a debit account outside 1xx: every error, at the row', () => {
    const at = { file: 'c.csv', line: 3 };
    const r = checkContribution(draft({ project: 'nope', member: 'X9', account: '501', source: at }), lookup);
    expect(r.errors.map((e) => [e.code, e.source])).toEqual([
      ['PROJECT_UNKNOWN', at],
      ['MEMBER_UNKNOWN', at],
      ['CONTRIBUTION_ACCOUNT', at],
    ]);
  });

  it('a member who has not joined or is not active on the date', () => {
    expect(checkContribution(draft({ member: 'X2', date: '2016-04-30' }), lookup).errors.map((e) => e.code)).toEqual(['MEMBER_NOT_JOINED']);
    const gone = checkContribution(draft({ member: 'X5' }), lookup);
    expect(gone.errors.map((e) => e.zh)).toEqual(['成员「X5 何三妹」在 2016-03-02 的状态为「迁出」，不能出资入股']);
  });

  it('a default account without a single leaf, a value refused, a voucher refused', () => {
    const land = checkContribution(draft({ kind: 'land', amount: null, quantity: new Decimal(2), unitPrice: new Decimal(1000), source: { line: 5 } }), lookup);
    expect(land.errors.map((e) => [e.code, e.source])).toEqual([['ACCOUNT_NOT_LEAF', { line: 5 }]]);
    const zero = checkContribution(draft({ kind: 'labor', amount: null, quantity: new Decimal(0), unitPrice: new Decimal(120) }), lookup);
    expect(zero.errors.map((e) => [e.code, e.zh])).toEqual([['CONTRIBUTION_VALUE', '劳务出资：数量必须大于 0']]);
    expect(checkContribution(draft({ date: '2016-01-15' }), lookup).errors.map((e) => e.code)).toEqual(['PERIOD_CLOSED']);
  });

  it('a batch: every row checked; the good ones in date order, stable within a day', () => {
    const r = checkContributions(
      [draft({ date: '2016-06-01', note: 'a' }), draft({ member: 'X9' }), draft({ date: '2016-03-02', note: 'b' }), draft({ date: '2016-06-01', note: 'c' })],
      lookup,
    );
    expect(r.errors.map((e) => e.code)).toEqual(['MEMBER_UNKNOWN']);
    expect(r.ready.map((x) => x.draft.note)).toEqual(['b', 'a', 'c']);
  });

  it('numbers the voucher summary', () => {
    expect(contributionSummary(7, '汤泉民宿 甲 现金出资 1,000.00，折 3.3333 股')).toBe('出资第7号 汤泉民宿 甲 现金出资 1,000.00，折 3.3333 股');
  });
});
