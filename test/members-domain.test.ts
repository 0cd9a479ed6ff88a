import { describe, expect, it } from 'vitest';
import { checkNewMembers, parseStatus, statusAsOf, type MemberDraft } from '../src/domain/members.js';
import { planContribution } from '../src/domain/contribution.js';
import { Decimal } from '../src/domain/money.js';

const draft = (over: Partial<MemberDraft>): MemberDraft => ({
  id: 'X1',
  name: '甲',
  idCard: null,
  household: null,
  relation: null,
  joined: null,
  status: '正常',
  statusDate: null,
  bank: null,
  bankAccount: null,
  ...over,
});

const none = { hasId: () => false, idCardOwner: () => undefined, activeHead: () => undefined };

describe('member status', () => {
  it('parses the four statuses and English names', () => {
    expect(parseStatus('已故')).toBe('已故');
    expect(parseStatus('active')).toBe('正常');
    expect(parseStatus('失踪')).toBeNull();
  });
  it('status on a date follows the recorded changes', () => {
    const ev = [
      { date: '2017-03-08', status: '迁出' as const, previous: '正常' as const },
      { date: '2019-01-01', status: '正常' as const, previous: '迁出' as const },
    ];
    expect(statusAsOf('正常', ev, '2017-03-07')).toBe('正常');
    expect(statusAsOf('正常', ev, '2017-03-08')).toBe('迁出');
    expect(statusAsOf('正常', ev, '2019-01-01')).toBe('正常');
    expect(statusAsOf('已故', [], '2000-01-01')).toBe('已故');
  });
});

describe('checkNewMembers', () => {
  it('finds duplicates within the batch and against the ledger, and a second head', () => {
    const errs = checkNewMembers(
      [
        draft({ id: 'A', idCard: '441827196503121239', household: 'H1', relation: '户主', source: { file: 'f', line: 2 } }),
        draft({ id: 'A', source: { file: 'f', line: 3 } }),
        draft({ id: 'B', idCard: '441827196503121239', source: { file: 'f', line: 4 } }),
        draft({ id: 'C', household: 'H1', relation: '户主', source: { file: 'f', line: 5 } }),
        draft({ id: 'D', name: ' ', source: { file: 'f', line: 6 } }),
      ],
      none,
    );
    expect(errs.map((e) => [e.source?.line, e.code])).toEqual([
      [3, 'MEMBER_DUPLICATE'],
      [4, 'IDCARD_DUPLICATE'],
      [5, 'HOUSEHOLD_HEAD'],
      [6, 'MEMBER_NAME'],
    ]);
  });
  it('a deceased former head does not block a new head', () => {
    expect(checkNewMembers([draft({ id: 'A', household: 'H1', relation: '户主', status: '已故' }), draft({ id: 'B', household: 'H1', relation: '户主' })], none)).toEqual([]);
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
