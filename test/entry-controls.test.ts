// Entry controls and corrections on plain data: future dates, reversal dates, the same file twice,
// opening balances, counterparty netting, member corrections, account renames. Money in fen.
import { describe, expect, it } from 'vitest';
import { checkImportAgain, checkNotFuture, reversalDate } from '../src/domain/entries.js';
import { receivablesAndPayables, splitBySide } from '../src/domain/counterparties.js';
import { checkOpening, type OpeningLookup, type OpeningRow } from '../src/domain/opening.js';
import { checkMemberEdit, type Member } from '../src/domain/members.js';
import { checkAccountRename } from '../src/domain/accounts.js';
import { codes } from './registers-fakes.js';

describe('dates of entries', () => {
  it('a voucher the user dates may not be after today; the tool’s own period-end entries may', () => {
    expect(codes([checkNotFuture({ date: '2026-01-16', kind: 'manual' }, '2026-01-15')!])).toEqual(['ENTRY_FUTURE_DATE']);
    expect(checkNotFuture({ date: '2026-01-15', kind: 'import' }, '2026-01-15')).toBeNull();
    for (const kind of ['import', 'reversal', 'contribution', 'contract-payment', 'dividend-payment', 'asset-disposal']) expect(checkNotFuture({ date: '2099-01-01', kind }, '2026-01-15')).not.toBeNull();
    for (const kind of ['contract-accrual', 'dividend', 'depreciation', 'amortisation', 'year-close']) expect(checkNotFuture({ date: '2026-12-31', kind }, '2026-01-15')).toBeNull();
  });

  it('a reversal is dated on its original when that month is open, else needs --date', () => {
    const v = { date: '2024-03-05', number: 5 };
    expect(reversalDate(v, null, () => false)).toEqual({ date: '2024-03-05' });
    expect(reversalDate(v, '2024-04-02', () => true)).toEqual({ date: '2024-04-02' });
    const r = reversalDate(v, null, (p) => p === '2024-03');
    expect('error' in r && r.error.code).toBe('REVERSE_DATE_NEEDED');
    expect('error' in r && r.error.zh).toContain('2024-03/5');
  });

  it('the same file again is refused naming when, unless --again', () => {
    const before = { name: 'a.csv', kind: 'members', at: '2025-05-01 09:30:00' };
    const e = checkImportAgain({ name: 'b.csv', again: false }, before);
    expect(codes(e)).toEqual(['FILE_IMPORTED_BEFORE']);
    expect(e[0].zh).toContain('2025-05-01 09:30:00');
    expect(e[0].zh).toContain('导入成员名册');
    expect(e[0].zh).toContain('「a.csv」');
    expect(checkImportAgain({ name: 'b.csv', again: true }, before)).toEqual([]);
    expect(checkImportAgain({ name: 'b.csv', again: false }, undefined)).toEqual([]);
  });
});

describe('counterparty netting', () => {
  it('debit balances are receivables, credit balances payables, counterparty by counterparty', () => {
    expect(splitBySide(new Map([['c:HT-1', -4_800_000], ['c:HT-2', 1_200_000], ['a:112', 300_000]]))).toEqual({ debit: 1_500_000, credit: 4_800_000 });
    // 112: HT-1 prepaid 48,000.00, HT-2 owes 12,000.00; 211: a supplier overpaid 500.00, another owed 2,000.00;
    // 113: X001 owes 300.00, X002 is owed 100.00
    const r = receivablesAndPayables({
      receivable: new Map([['c:HT-1', -4_800_000], ['c:HT-2', 1_200_000]]),
      payable: new Map([['c:S1', 50_000], ['c:S2', -200_000]]),
      internal: new Map([['X001', 30_000], ['X002', -10_000]]),
    });
    // receivables 1,200,000 + 50,000 + 30,000; payables 4,800,000 + 200,000 + 10,000
    expect(r).toEqual({ receivables: 1_280_000, payables: 5_010_000 });
  });
});

describe('opening balances', () => {
  const lookup = (over: Partial<OpeningLookup> = {}): OpeningLookup => ({
    account: (c) => ({ '101': { name: '库存现金', isLeaf: true }, '102': { name: '银行存款', isLeaf: false }, '10201': { name: '基本户', isLeaf: true }, '301': { name: '资本', isLeaf: true } })[c],
    hasMember: (id) => id === 'X001',
    hasProject: () => true,
    voucherCount: () => 0,
    closedPeriods: () => [],
    openingEnteredAt: () => null,
    startPeriod: () => '2016-01',
    ...over,
  });
  const row = (account: string, debit: number, credit: number, more: Partial<OpeningRow> = {}): OpeningRow => ({
    account,
    accountName: null,
    debit,
    credit,
    member: null,
    project: null,
    party: null,
    source: { file: 'o.csv', line: 2 },
    ...more,
  });

  it('the books’ first month; zero rows left out', () => {
    const r = checkOpening([row('101', 120_000, 0), row('10201', 0, 0), row('301', 0, 120_000)], lookup(), null);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.account)).toEqual(['101', '301']);
    expect(r.start).toBe('2016-01');
  });

  it('a contra account (累计折旧) on the debit side, and cash in hand in credit: refused at the row', () => {
    const accounts: Record<string, { name: string; isLeaf: boolean; side: string; class: string }> = {
      '101': { name: '库存现金', isLeaf: true, side: '借', class: '资产类' },
      '151': { name: '固定资产', isLeaf: true, side: '借', class: '资产类' },
      '152': { name: '累计折旧', isLeaf: true, side: '贷', class: '资产类' },
      '301': { name: '资本', isLeaf: true, side: '贷', class: '所有者权益类' },
    };
    const l = lookup({ account: (c) => accounts[c] });
    const r = checkOpening([row('152', 5_000, 0), row('101', 0, 1_000), row('301', 0, 4_000)], l, null);
    expect(r.errors.map((e) => [e.code, e.zh])).toEqual([
      ['OPENING_SIDE', '152 累计折旧 不能有借方余额（备抵科目只有贷方余额）'],
      ['OPENING_SIDE', '101 库存现金 不能有贷方余额（库存现金不会是负数）'],
    ]);
    expect(checkOpening([row('151', 10_000, 0), row('152', 0, 5_000), row('101', 1_000, 0), row('301', 0, 6_000)], l, null).errors).toEqual([]);
  });

  it('unbalanced: both sums and the difference', () => {
    const r = checkOpening([row('101', 120_000, 0), row('301', 0, 100_000)], lookup(), null);
    expect(codes(r.errors)).toEqual(['OPENING_UNBALANCED']);
    expect(r.errors[0].zh).toContain('借方合计 1,200.00 ≠ 贷方合计 1,000.00，差额 200.00');
  });

  it('every reason at once: a parent account, both sides, a negative, an unknown member, vouchers, balances entered before', () => {
    const r = checkOpening(
      [row('102', 1, 0), row('10201', 5, 5), row('301', 0, -5), row('101', 5, 0, { member: 'X999' })],
      lookup({ voucherCount: () => 3, openingEnteredAt: () => '2025-01-01 10:00:00' }),
      null,
    );
    expect(codes(r.errors)).toEqual(['OPENING_ALREADY', 'OPENING_AFTER_VOUCHERS', 'OPENING_NOT_LEAF', 'OPENING_ROW_SIDES', 'OPENING_NEGATIVE', 'MEMBER_UNKNOWN', 'OPENING_UNBALANCED']);
  });

  it('the first month: the ledger’s, or --start when it has none; never two different ones', () => {
    expect(codes(checkOpening([row('101', 1, 0), row('301', 0, 1)], lookup({ startPeriod: () => null }), null).errors)).toEqual(['OPENING_START_NEEDED']);
    expect(checkOpening([row('101', 1, 0), row('301', 0, 1)], lookup({ startPeriod: () => null }), '2020-07').start).toBe('2020-07');
    expect(codes(checkOpening([row('101', 1, 0), row('301', 0, 1)], lookup(), '2020-07').errors)).toEqual(['OPENING_START_DIFFERS']);
  });
});

describe('member edit', () => {
  const m: Member = {
    id: 'X002',
    name: '李秀英',
    idCard: null,
    household: 'H01',
    relation: '配偶',
    joined: '2016-01-01',
    status: '正常',
    statusDate: null,
    bank: null,
    bankAccount: null,
  };
  const lookup = { idCardOwner: (c: string) => (c === '441827196503120113' ? 'X001' : undefined), activeHead: (h: string) => (h === 'H01' ? 'X001' : undefined), firstHoldingDate: () => '2016-04-10' };

  it('the changed fields, before and after', () => {
    const r = checkMemberEdit(m, { name: ' 李秀莹 ', bank: '农商银行', bankAccount: '8002', relation: '配偶' }, lookup);
    expect(r.errors).toEqual([]);
    expect(r.after).toMatchObject({ name: '李秀莹', bank: '农商银行', bankAccount: '8002' });
    expect(r.changed).toEqual([
      { field: 'name', before: '李秀英', after: '李秀莹' },
      { field: 'bank', before: null, after: '农商银行' },
      { field: 'bankAccount', before: null, after: '8002' },
    ]);
  });

  it('refused: an ID card of another member, a second head, a joining date after the first shares, an empty name', () => {
    const r = checkMemberEdit(m, { name: ' ', idCard: '441827196503120113', relation: '户主', joined: '2016-05-01' }, lookup);
    expect(codes(r.errors)).toEqual(['MEMBER_NAME', 'IDCARD_DUPLICATE', 'HOUSEHOLD_HEAD', 'MEMBER_JOINED_AFTER_SHARES']);
  });
});

describe('account rename', () => {
  const chart = {
    account: (c: string) => ({ '102': { code: '102', name: '银行存款' }, '10201': { code: '10201', name: '基本户' }, '10202': { code: '10202', name: '专户' } })[c],
    allAccounts: () => [
      { code: '102', name: '银行存款', parent: null },
      { code: '10201', name: '基本户', parent: '102' },
      { code: '10202', name: '专户', parent: '102' },
    ],
  };
  it('a detail account may be renamed; a first-level account, an unknown code or a sibling’s name may not', () => {
    expect(checkAccountRename('10201', '农商行基本户', chart)).toEqual([]);
    expect(codes(checkAccountRename('102', '存款', chart))).toEqual(['ACCOUNT_STATUTORY']);
    expect(codes(checkAccountRename('10299', 'x', chart))).toEqual(['ACCOUNT_UNKNOWN']);
    expect(codes(checkAccountRename('10201', '专户', chart))).toEqual(['ACCOUNT_NAME_TAKEN']);
    expect(codes(checkAccountRename('10201', ' ', chart))).toEqual(['ACCOUNT_RENAME_EMPTY']);
  });
});
