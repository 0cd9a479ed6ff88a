// The contract register's checks on plain data: a new contract (every error at once), a file of
// contracts, a payment, an in-kind price. Money in fen; areas in 1/10,000 亩.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import { contractStatus, overlaps, type ContractEntry } from '../src/domain/contracts.js';
import {
  checkContract,
  checkContractEnd,
  checkContractRows,
  checkPayment,
  checkPriceChange,
  overlapping,
  paymentCashAccount,
  type ContractLookup,
  type SubjectTerm,
} from '../src/domain/contract-checks.js';
import { chart, codes, contractFile, contractRecord } from './registers-fakes.js';

function entry(over: Partial<ContractEntry> = {}): ContractEntry {
  const { subjectKind: _k, ...r } = contractRecord();
  return { ...r, account: null, pnlAccount: null, ...over };
}

function lookup(held: SubjectTerm[] = [], opts: { extra?: Record<string, string>; registered?: string[]; closed?: string[]; first?: string } = {}): ContractLookup {
  return {
    ...chart(opts.extra),
    contractExists: (c) => (opts.registered ?? []).includes(c),
    resource: (c) => (c.startsWith('GD') ? { area: 333_000 } : undefined), // 33.3 亩
    asset: (c) => (c === 'F1' ? { status: '在用' } : c === 'F9' ? { status: '处置' } : undefined),
    contractsOn: (s) => held.filter((h) => h.subject === s),
    hasMember: (m) => m === 'X001',
    hasProject: (p) => p === 'tq',
    isClosed: (p) => (opts.closed ?? []).includes(p),
    firstPeriod: () => opts.first ?? null,
  };
}

const term = (code: string, start: string, end: string, direction: '收' | '付' = '收', subject = 'GD-01'): SubjectTerm => ({ code, subject, direction, start, end });

describe('checkContract', () => {
  it('a clean contract: area from the resource for rent per 亩, default accounts 112 / 501', () => {
    const r = checkContract(entry({ rentPerMu: 45_000, annualRent: null }), lookup());
    expect(r.errors).toEqual([]);
    expect(r.record).toMatchObject({ area: 333_000, account: '112', pnlAccount: '501', subjectKind: 'resource' });
  });

  it('付: 211 / 511; with a member the settlement goes through 113; an asset as subject', () => {
    expect(checkContract(entry({ direction: '付', kind: '流转' }), lookup()).record).toMatchObject({ account: '211', pnlAccount: '511' });
    expect(checkContract(entry({ member: 'X001', subject: 'F1' }), lookup()).record).toMatchObject({ account: '113', subjectKind: 'asset' });
  });

  it('every reason at once, each with the row', () => {
    const at = { file: 'c.csv', line: 7 };
    const r = checkContract(entry({ start: '2025-01-01', end: '2024-12-31', subject: 'ZZ', member: 'X999', project: 'p9', pnlAccount: '102' }), lookup([], { registered: ['HT-1'] }), at);
    expect(r.record).toBeNull();
    expect(codes(r.errors)).toEqual(['CONTRACT_ENDS_BEFORE_START', 'CONTRACT_EXISTS', 'CONTRACT_SUBJECT_UNKNOWN', 'MEMBER_UNKNOWN', 'PROJECT_UNKNOWN', 'ACCOUNT_PURPOSE']);
    expect(r.errors.every((e) => e.source?.line === 7)).toBe(true);
  });

  it('a disposed asset cannot be let; rent per 亩 on an asset needs an area', () => {
    expect(codes(checkContract(entry({ subject: 'F9' }), lookup()).errors)).toEqual(['CONTRACT_SUBJECT_DISPOSED']);
    expect(codes(checkContract(entry({ subject: 'F1', rentPerMu: 100, annualRent: null }), lookup()).errors)).toEqual(['CONTRACT_AREA']);
    expect(checkContract(entry({ subject: 'F1', rentPerMu: 100, annualRent: null, area: 10_000 }), lookup()).errors).toEqual([]);
  });

  it('overlap: the same subject, the same direction, one shared day is enough', () => {
    const held = [term('HT-A', '2020-01-01', '2025-12-31')];
    const r = checkContract(entry({ code: 'HT-B', start: '2025-12-31', end: '2027-12-31' }), lookup(held));
    expect(r.errors.map((e) => e.zh)).toEqual(['标的「GD-01」在 2025-12-31 至 2025-12-31 已由合同「HT-A」发包/出租，不能重复出租']);
    expect(checkContract(entry({ code: 'HT-B', start: '2026-01-01', end: '2027-12-31' }), lookup(held)).errors).toEqual([]);
    expect(checkContract(entry({ code: 'HT-B', direction: '付', start: '2020-01-01', end: '2027-12-31' }), lookup(held)).errors).toEqual([]);
    expect(overlapping(term('HT-A', '2020-01-01', '2030-12-31'), held)).toEqual([]); // itself
  });

  it('more land than the resource has is refused; as much, or an asset, is taken', () => {
    // GD resources hold 33.3 亩 (333,000 in 1/10,000).
    const r = checkContract(entry({ area: 333_001 }), lookup());
    expect(r.errors.map((e) => [e.code, e.zh])).toEqual([['CONTRACT_AREA_EXCEEDS', '合同面积 33.3001 亩超过资源「GD-01」的面积 33.3 亩']]);
    expect(checkContract(entry({ area: 333_000 }), lookup()).errors).toEqual([]);
  });

  it('begun within the books in a year closed and still reopenable: refused; before the books, or past reopening, taken', () => {
    const closed = { closed: ['2023-12'], first: '2023-01' };
    const r = checkContract(entry({ start: '2023-03-01', end: '2025-02-28' }), lookup([], closed));
    expect(codes(r.errors)).toEqual(['CONTRACT_YEAR_CLOSED']);
    expect(r.errors[0].zh).toContain('合同「HT-1」的租金会落在 2023 年，而该年已年终结账');
    expect(r.errors[0].zh).toContain('sanzi year reopen 2023');
    // Begun before the books (its earlier rent is the opening balances'), or 2024 already closing: taken.
    expect(checkContract(entry({ start: '2022-03-01', end: '2025-02-28' }), lookup([], closed)).errors).toEqual([]);
    expect(checkContract(entry({ start: '2023-03-01', end: '2025-02-28' }), lookup([], { ...closed, closed: ['2023-12', '2024-01'] })).errors).toEqual([]);
    // November closed is not the year's end; a start in the open year is taken.
    expect(checkContract(entry({ start: '2023-03-01', end: '2025-02-28' }), lookup([], { closed: ['2023-11'], first: '2023-01' })).errors).toEqual([]);
    expect(checkContract(entry({ start: '2024-01-01', end: '2025-02-28' }), lookup([], closed)).errors).toEqual([]);
  });

  it('a file: each row against the ledger and the rows accepted before it', () => {
    const at = (line: number) => ({ file: 'c.csv', line });
    const r = checkContractRows(
      [
        { entry: entry({ code: 'HT-1', start: '2024-01-01', end: '2025-12-31' }), source: at(2) },
        { entry: entry({ code: 'HT-1', subject: 'GD-02' }), source: at(3) },
        { entry: entry({ code: 'HT-2', start: '2025-06-01', end: '2026-12-31' }), source: at(4) },
        { entry: entry({ code: 'HT-3', start: '2026-01-01', end: '2026-12-31' }), source: at(5) },
      ],
      lookup(),
    );
    expect(r.errors.map((e) => [e.source?.line, e.code])).toEqual([
      [3, 'CONTRACT_DUPLICATE'],
      [4, 'CONTRACT_OVERLAP'],
    ]);
    expect(r.records.map((c) => c.code)).toEqual(['HT-1', 'HT-3']);
  });
});

describe('checkPayment', () => {
  // 1,000.00 a year, 2024-01-01 … 2025-12-31: 2 years, 200,000 fen in all
  const f = (paid: number) => contractFile({ end: '2025-12-31' }, { payments: paid ? [{ date: '2025-01-01', amount: paid, ref: '2025-01/1', cashAccount: '102' }] : [] });

  it('before the end any positive amount (money beyond every due is held as credit)', () => {
    expect(checkPayment(f(0), '2025-06-01', 500_000)).toEqual([]);
    expect(codes(checkPayment(f(0), '2025-06-01', 0))).toEqual(['OPTION_VALUE']);
  });

  it('after the end only what is outstanding', () => {
    expect(checkPayment(f(150_000), '2026-01-05', 50_000)).toEqual([]);
    const over = checkPayment(f(150_000), '2026-01-05', 50_001);
    expect(over.map((e) => e.zh)).toEqual(['合同「HT-1」已于 2025-12-31 到期，只能结清尚欠的 500.00，不能多收（500.01）']);
    expect(checkPayment(f(200_000), '2026-01-05', 1).map((e) => e.zh)).toEqual(['合同「HT-1」已于 2025-12-31 到期且租金已全部结清，不能再收款']);
  });

  it('the cash account: a leaf of 101/102, else 102 or its only leaf', () => {
    expect(paymentCashAccount(chart(), null)).toEqual({ code: '102', errors: [] });
    expect(paymentCashAccount(chart(), '101')).toEqual({ code: '101', errors: [] });
    expect(codes(paymentCashAccount(chart(), '112').errors)).toEqual(['ACCOUNT_PURPOSE']);
  });
});

describe('checkPriceChange', () => {
  const rice = { quantityPerMu: new Decimal(500), item: '稻谷', unit: '斤' };
  // contract years start 2024-07-01 and 2025-07-01; each covers two calendar years
  const f = (accrued: number[], prices: [number, string][] = []) =>
    contractFile(
      { inKind: rice, area: 100_000, annualRent: null, start: '2024-07-01', end: '2026-06-30' },
      { prices: new Map(prices.map(([y, p]) => [y, new Decimal(p)])), accruals: new Map(accrued.map((y) => [y, 1])) },
    );

  it('only rent in kind, only a year a contract year starts in, only a positive price', () => {
    expect(codes(checkPriceChange(contractFile(), 2024, new Decimal(1)))).toEqual(['CONTRACT_NOT_IN_KIND']);
    expect(codes(checkPriceChange(f([]), 2026, new Decimal(1)))).toEqual(['CONTRACT_PRICE_YEAR']);
    expect(codes(checkPriceChange(f([]), 2024, new Decimal(0)))).toEqual(['OPTION_VALUE']);
    expect(checkPriceChange(f([]), 2024, new Decimal('1.35'))).toEqual([]);
  });

  it('a price set cannot change once a calendar year its contract year covers is accrued; the same price may be set again', () => {
    expect(checkPriceChange(f([2025], [[2024, '1.35']]), 2024, new Decimal('1.40')).map((e) => e.zh)).toEqual([
      '2024 年单价已定为 1.35 元，且 2025 年的租金已确认入账，不能再改',
    ]);
    expect(checkPriceChange(f([2025], [[2024, '1.35']]), 2024, new Decimal('1.35'))).toEqual([]);
    expect(checkPriceChange(f([2023], [[2024, '1.35']]), 2024, new Decimal('1.40'))).toEqual([]);
  });

  it('no new price for a contract year with days in a year whose December is closed; the same price again is no change', () => {
    const closed = (p: string) => p === '2025-12';
    // The contract year priced by 2024 runs 2024-07-01 … 2025-06-30.
    expect(codes(checkPriceChange(f([]), 2024, new Decimal('1.35'), closed))).toEqual(['CONTRACT_YEAR_CLOSED']);
    expect(checkPriceChange(f([], [[2024, '1.35']]), 2024, new Decimal('1.35'), closed)).toEqual([]);
    expect(checkPriceChange(f([]), 2024, new Decimal('1.35'), (p) => p === '2026-12')).toEqual([]);
  });
});

describe('checkContractEnd', () => {
  const codesOf = (r: { errors: { code: string }[] }) => r.errors.map((e) => e.code);
  const open = { isClosed: () => false, firstPeriod: null };
  const closed = (month: string) => ({ isClosed: (p: string) => p === month, firstPeriod: null });

  it('ends on the day given: the agreed end kept, the reason trimmed', () => {
    const r = checkContractEnd(contractFile(), '2025-03-31', ' 协商解除 ', open);
    expect(r.errors).toEqual([]);
    expect(r.ended).toMatchObject({ end: '2025-03-31', agreedEnd: '2026-12-31', endedEarly: { date: '2025-03-31', reason: '协商解除' } });
  });

  it('every reason at once: no reason and a day on the agreed end, or before the start once paid, in a closed month; a second end alone', () => {
    expect(codesOf(checkContractEnd(contractFile(), '2026-12-31', '', closed('2026-12')))).toEqual(['CONTRACT_END_REASON', 'CONTRACT_END_DATE', 'CONTRACT_END_CLOSED']);
    // Paid from its start on: performed, not to be ended before it began; paid only ahead of it (a deposit): it may.
    const paid = contractFile({}, { payments: [{ date: '2024-01-10', amount: 100, ref: '2024-01/1', cashAccount: '102' }] });
    expect(codesOf(checkContractEnd(paid, '2023-12-31', 'x', open))).toEqual(['CONTRACT_END_BEFORE_START']);
    const ahead = contractFile({}, { payments: [{ date: '2023-12-20', amount: 100, ref: '2023-12/1', cashAccount: '102' }] });
    expect(checkContractEnd(ahead, '2023-12-31', 'x', open).errors).toEqual([]);
    // Not before the books.
    expect(codesOf(checkContractEnd(contractFile(), '2024-06-30', 'x', { isClosed: () => false, firstPeriod: '2024-07' }))).toEqual(['CONTRACT_END_BEFORE_BOOKS']);
    const ended = contractFile({ end: '2025-03-31', agreedEnd: '2026-12-31', endedEarly: { date: '2025-03-31', reason: 'x' } });
    expect(codesOf(checkContractEnd(ended, '2025-01-31', 'y', open))).toEqual(['CONTRACT_ALREADY_ENDED']);
  });

  it('accrued rent: an open year may change (contract accrue takes it back), a year-closed year never', () => {
    // 1,000.00 a year from 2024-07-01 (contract years July … June).
    // Year 0 runs 2024-07-01 … 2025-06-30: 365 days, 184 in 2024 → 100,000 × 184/365 = 50,410.96 → 50,411 fen.
    const f = (accruals: [number, number][]) => contractFile({ start: '2024-07-01', end: '2027-06-30' }, { accruals: new Map(accruals) });
    // Ended 2024-12-31: year 0 keeps its 2024 part whole (its 184 days there all used).
    expect(checkContractEnd(f([[2024, 50_411]]), '2024-12-31', 'x', open).errors).toEqual([]);
    // Within 2024, accrued and open: 50,411 × 153/184 (07-01 … 11-30) is less, to be taken back by contract accrue.
    expect(checkContractEnd(f([[2024, 50_411]]), '2024-11-30', 'x', open).errors).toEqual([]);
    // Not in a closed month, whatever it would change.
    expect(codesOf(checkContractEnd(f([[2024, 50_411]]), '2024-12-31', 'x', closed('2024-12')))).toEqual(['CONTRACT_END_CLOSED']);
    // 2025 accrued in full (49,589 of year 0 + 50,411 of year 1 = 100,000) and its December closed: ended
    // 2025-06-30 (a month open) would leave 49,589.
    const r = checkContractEnd(f([[2024, 50_411], [2025, 100_000]]), '2025-06-30', 'x', closed('2025-12'));
    expect(codesOf(r)).toEqual(['CONTRACT_END_ACCRUED']);
    expect(r.errors[0].zh).toContain('2025 年已确认 1,000.00，终止后应为 495.89');
    // Ended at the end of year 1 both accrued years stand.
    expect(checkContractEnd(f([[2024, 50_411], [2025, 100_000]]), '2026-06-30', 'x', closed('2025-12')).errors).toEqual([]);
  });

  it('a day before the start ends a contract that never began: no day, no overlap, 已终止 whatever the day', () => {
    const r = checkContractEnd(contractFile(), '2023-12-31', '未履行', open);
    expect(r.errors).toEqual([]);
    expect(overlaps({ start: '2024-01-01', end: '2023-12-31' }, { start: '2023-01-01', end: '2025-12-31' })).toBe(false);
    expect(overlapping(term('NEW', '2023-01-01', '2025-12-31'), [term('HT-1', '2024-01-01', '2023-12-31')])).toEqual([]);
    for (const asOf of ['2023-06-30', '2024-06-30']) expect(contractStatus(r.ended!, asOf)).toBe('已终止');
    expect(contractStatus(contractFile().contract, '2023-06-30')).toBe('未开始');
  });
});
