// After the declaration: paying members, the roll's roster and the bank file — pure rules.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import { assemblePlan, type DividendPlan } from '../src/domain/dividend-plan.js';
import { bankFile, checkPayout, payoutLines, payoutVoucher, roster, rosterLines, unpaid, type MemberCard } from '../src/domain/dividend-payout.js';
import { declaredPlan, storePlan } from '../src/domain/dividend-plan.js';

/**
 * tq 2024, --profit 100.00 over A, B, C (1 share each), tax 20%, C owes 50.00 and D 999.99:
 * 33.34 / 33.33 / 33.33 gross (the extra fen to A, the smallest id); tax 6.67 / 6.67 / 6.67;
 * C offset min(50.00, 26.66) = 26.66, net 0. D holds nothing.
 */
function plan(): DividendPlan {
  const movements = ['A', 'B', 'C'].map((member) => ({ member, date: '2024-01-01', units: 10000, shareClass: '募集股' }));
  const r = assemblePlan(
    {
      project: { code: 'tq', name: '汤泉民宿' },
      year: 2024,
      projectPnl: new Map(),
      projectEarlierPnl: new Map(),
      // 可分配收益 100.00: the 100.00 given stays within it.
      ledgerPnl: new Map([['501', { debit: 0, credit: 10000 }]]),
      openingUndistributed: 0,
      undistributedInYear: 0,
      itemsInYear: 0,
      declarations: [],
      statuses: new Map(),
      holders: [
        { member: 'A', name: '甲', household: 'H1' },
        { member: 'B', name: '乙', household: null },
        { member: 'C', name: '丙', household: 'H2' },
      ],
      movements,
      internalBalances: new Map([['C', 5000], ['D', 99999]]),
    },
    { profit: 10000, reserve: new Decimal(0), payout: new Decimal(1), withhold: new Decimal('0.2'), basis: 'record-date', recordDate: null, offsetDebts: true, capPerHousehold: null, includeSubsidies: false },
  );
  if (!r.ok) throw new Error('plan');
  return r.plan;
}

describe('plan under test', () => {
  it('is what the comment says', () => {
    expect(plan().distribution.allocations.map((a) => [a.member, a.gross, a.tax, a.offset, a.net])).toEqual([
      ['A', 3334, 667, 0, 2667],
      ['B', 3333, 667, 0, 2666],
      ['C', 3333, 667, 2666, 0],
    ]);
  });
});

describe('dividend pay', () => {
  const paidA = [{ member: 'A', amount: 2667, date: '2025-01-05' }];

  it('unpaid: net > 0 and not paid yet', () => {
    expect(unpaid(plan().distribution, new Set()).map((a) => a.member)).toEqual(['A', 'B']);
    expect(unpaid(plan().distribution, new Set(['A'])).map((a) => a.member)).toEqual(['B']);
    expect(unpaid(plan().distribution, new Set(), 'C')).toEqual([]);
  });

  it('checkPayout: a date before 12-31 and a member paid already, both at once', () => {
    const errors = checkPayout(plan(), paidA, { date: '2024-12-30', member: 'A' });
    expect(errors.map((e) => [e.code, e.zh])).toEqual([
      ['DIVIDEND_PAY_DATE', '发放日期 2024-12-30 早于宣告日 2024-12-31'],
      ['DIVIDEND_PAID', '成员「A 甲」的 2024 年分红已于 2025-01-05 发放（26.67 元），不能重复发放'],
    ]);
  });

  it('checkPayout: paid only from 101 库存现金, 102 银行存款 or an account under them', () => {
    for (const account of ['101', '102', '10201', '1020101', '10101']) expect(checkPayout(plan(), [], { date: '2024-12-31', account }), account).toEqual([]);
    for (const account of ['501', '211', '113', '1020', '103', '1102', '10', '']) {
      expect(checkPayout(plan(), [], { date: '2024-12-31', account }).map((e) => [e.code, e.zh]), account).toEqual([
        ['DIVIDEND_PAY_ACCOUNT', `付款科目「${account}」应为 101 库存现金、102 银行存款或其明细科目：分红以货币资金发放`],
      ]);
    }
    // With the other reasons, all at once.
    expect(checkPayout(plan(), paidA, { date: '2024-12-30', member: 'A', account: '501' }).map((e) => e.code)).toEqual(['DIVIDEND_PAY_DATE', 'DIVIDEND_PAY_ACCOUNT', 'DIVIDEND_PAID']);
  });

  it('checkPayout: a member with nothing to be paid (nets 0, or not in the plan)', () => {
    for (const member of ['C', 'D']) {
      expect(checkPayout(plan(), [], { date: '2024-12-31', member }).map((e) => e.zh)).toEqual([`成员「${member}」在 2024 年分配中没有应发金额`]);
    }
  });

  it('checkPayout: everyone paid', () => {
    const all = [...paidA, { member: 'B', amount: 2666, date: '2025-01-05' }];
    expect(checkPayout(plan(), all, { date: '2025-01-06' }).map((e) => e.zh)).toEqual(['项目「tq」2024 年分红已全部发放，不能重复发放']);
    expect(checkPayout(plan(), paidA, { date: '2025-01-06' })).toEqual([]);
    expect(checkPayout(plan(), [], { date: '2024-12-31', member: 'B' })).toEqual([]);
  });

  it('payoutLines: Dr 211 each net with the member = Cr the cash account the total', () => {
    const todo = unpaid(plan().distribution, new Set());
    const lines = payoutLines(todo, { payable: '211', cash: '10201' }, 'tq');
    expect(lines).toEqual([
      { account: '211', debit: 2667, credit: 0, member: 'A', project: 'tq' },
      { account: '211', debit: 2666, credit: 0, member: 'B', project: 'tq' },
      { account: '10201', debit: 0, credit: 5333, project: 'tq' },
    ]);
    const v = payoutVoucher(plan(), todo, '2025-01-20', { payable: '211', cash: '101' });
    expect(v).toMatchObject({ date: '2025-01-20', summary: '发放2024年汤泉民宿分红', kind: 'dividend-payment' });
  });
});

describe('roster and bank file', () => {
  const cards = new Map<string, MemberCard>([
    ['A', { idCard: '441827196503121239', bank: '清新农商银行', bankAccount: ' 6230000000000000011 ' }],
    ['B', { idCard: null, bank: null, bankAccount: '' }],
    ['C', { idCard: '44182719900101345X', bank: null, bankAccount: null }],
  ]);

  it('rosterLines: IDs masked, the net in 大写, an empty household for none', () => {
    expect(rosterLines(plan().distribution, cards).map((r) => [r.member, r.household, r.idCard, r.net, r.netInWords])).toEqual([
      ['A', 'H1', '441827********1239', 2667, '贰拾陆元陆角柒分'],
      ['B', '', '', 2666, '贰拾陆元陆角陆分'],
      ['C', 'H2', '441827********345X', 0, '零元整'],
    ]);
  });

  it('roster: the same lines as rosterLines, made afresh each time it is read', () => {
    const p = plan();
    const r = roster(p.distribution, (m) => cards.get(m) ?? null);
    expect([...r]).toEqual(rosterLines(p.distribution, cards));
    expect([...r].map((l) => l.member)).toEqual(['A', 'B', 'C']); // read again: all of it again
  });

  it('a stored plan read back gives the roster of the plan it was stored from', () => {
    const p = plan();
    const stored = JSON.parse(JSON.stringify(storePlan(p.distribution, p.profitSource)));
    const back = declaredPlan(p.project, 2024, { options: p.options, plan: stored, declaredAt: 'T', vouchers: [] });
    expect(rosterLines(back.distribution, cards)).toEqual(rosterLines(p.distribution, cards));
  });

  it('bankFile: names every payee without an account; C (net 0) is no payee', () => {
    expect(bankFile(plan(), new Set(), cards).errors.map((e) => [e.code, e.zh])).toEqual([
      ['BANK_ACCOUNT_MISSING', '以下 1 名领款人没有银行账号，不能生成银行代发文件（用 sanzi member edit 成员编号 --bank 开户银行 --bank-account 账号 补登；或加 --skip-missing 先为其他人生成）：B 乙'],
    ]);
  });

  it('bankFile: the payees not paid yet, account trimmed', () => {
    expect(bankFile(plan(), new Set(['B']), cards)).toEqual({
      lines: [{ name: '甲', bankAccount: '6230000000000000011', bank: '清新农商银行', amount: 2667, member: 'A', purpose: '2024年汤泉民宿分红' }],
      skipped: [],
      errors: [],
    });
    expect(bankFile(plan(), new Set(['A', 'B']), cards).errors.map((e) => e.code)).toEqual(['DIVIDEND_NOTHING_TO_PAY']);
  });
});
